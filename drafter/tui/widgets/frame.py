"""One keystroke, one frame: the character typed and the preview it changes painted together.

Textual paints the field's new character at once, on its own frame, and the preview the
change brings on a later one: its frame clock then waits one to two periods (17 to 33 ms at
60 frames a second) after that first frame.  A field that reports a change to the screen holds
the app's frames (``App.batch_update``) until the screen has shown what the change brings, so
both appear on the next frame; never longer than :data:`LIMIT`, whatever happens to the
message on its way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from textual.app import App

LIMIT = 0.25  # seconds: a change the screen never answers still gets painted


class FrameHold:
    """The app's frames held from now until :meth:`release` (at most :data:`LIMIT`)."""

    def __init__(self, app: App[object]) -> None:
        self._batch: AbstractContextManager[None] | None = app.batch_update()
        self._batch.__enter__()
        self._timer = app.set_timer(LIMIT, self.release)

    def release(self) -> None:
        """Paint again; once, however often it is called."""
        batch, self._batch = self._batch, None
        if batch is not None:
            self._timer.stop()
            batch.__exit__(None, None, None)


@contextmanager
def painted_after(hold: FrameHold | None) -> Iterator[None]:
    """Release ``hold`` (when there is one) once the block is done, however it ends."""
    try:
        yield
    finally:
        if hold is not None:
            hold.release()
