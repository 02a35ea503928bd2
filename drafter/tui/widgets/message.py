"""The message line: what just happened, in the screen's own layout instead of a toast.

Textual drops a wide (Chinese) character of an overlay wherever it crosses the edge of a widget
below it (Textualize/textual#6357): a toast saying "已保存" shows "已".  This line is part of the
screen's layout, between the panes and the footer, so nothing lies below it and every character
is drawn.  It is hidden while there is nothing to say (the panes above keep their place; only
their last row gives way), clears itself after a timeout, and an error stays until it is
replaced or dismissed (esc, or a click on it).
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.timer import Timer
from textual.widgets import Static

NOTE_TIMEOUT = 4.0  # seconds a plain message stays
DISMISS_HINT = "　esc 关闭"


class MessageLine(Static):
    """One line (an error may take up to three) that says what just happened."""

    DEFAULT_CSS = """
    MessageLine {
        height: auto;
        max-height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        display: none;
    }
    MessageLine.-error {
        max-height: 3;
        background: $error 35%;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.said = ""
        self.error = False
        self._timer: Timer | None = None

    def say(self, text: str, *, error: bool = False, timeout: float | None = None) -> None:
        """Show ``text`` in place of whatever was shown and clear it after ``timeout`` seconds;
        by default a note after NOTE_TIMEOUT, while an error stays until replaced or dismissed."""
        self._stop_timer()
        if timeout is None and not error:
            timeout = NOTE_TIMEOUT
        self.said, self.error = text, error
        shown = Text(text, no_wrap=not error, overflow="ellipsis", style="bold" if error else "")
        if error and timeout is None:
            shown.append(DISMISS_HINT, style="dim")
        self.set_class(error, "-error")
        self.update(shown)
        self.display = True
        if timeout is not None:
            self._timer = self.set_timer(timeout, self.clear)

    def clear(self) -> None:
        """Say nothing (the line disappears)."""
        self._stop_timer()
        if self.said or self.display:
            self.said, self.error = "", False
            self.remove_class("-error")
            self.update("")
            self.display = False

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_click(self, event: Click) -> None:
        event.stop()
        self.clear()
