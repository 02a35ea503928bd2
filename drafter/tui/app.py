"""``drafter edit``: the Textual application.

The app only opens the draft (or the start screen that creates it) and says what happened on
the message line; saving, autosave, conflicts and reloading belong to the draft's screen
(:class:`~drafter.tui.screens.main.MainScreen`), which owns its session.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from drafter.tui.screens.main import MainScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.session import DraftSession
from drafter.tui.widgets.chinese import speak_chinese
from drafter.tui.widgets.message import MessageLine

speak_chinese()  # Textual's own words on screen, in Chinese

AUTOSAVE_DELAY = 1.0  # seconds after a change; with the write itself well inside 2 s


class DrafterApp(App[int]):
    """Opens one draft (or creates it) and walks the clerk through it."""

    CSS_PATH = Path(__file__).with_name("drafter.tcss")  # absolute: subclasses live elsewhere
    TITLE = "法治政府建设年度报告起草助手"
    COMMANDS: ClassVar = set()  # the draft's screen registers its own (no English system ones)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (Textual's own)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "save_quit", "保存退出", priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
    ]

    def __init__(
        self,
        path: Path,
        session: DraftSession | None = None,
        *,
        autosave_delay: float = AUTOSAVE_DELAY,
        export_path: Path | None = None,
        default_year: int | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._first_session = session
        self.autosave_delay = autosave_delay
        self.export_path = export_path
        self.default_year = default_year

    @property
    def session(self) -> DraftSession | None:
        """The draft open on the draft's screen (a new one after a reload)."""
        main = self.main_screen()
        return main.session if main is not None else self._first_session

    def on_mount(self) -> None:
        if self._first_session is not None:
            self.push_screen(MainScreen(self._first_session))
        else:
            self.push_screen(StartScreen(self.path, self.default_year), self._started)

    def _started(self, session: DraftSession | None) -> None:
        if session is None:
            self.exit(0)
            return
        self._first_session = session
        self.push_screen(MainScreen(session))

    def main_screen(self) -> MainScreen | None:
        """The draft's screen, wherever it is in the stack (under a dialog, say)."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, MainScreen)), None)

    # --- saying what happened ---------------------------------------------------------------

    def say(self, text: str, *, error: bool = False, timeout: float | None = None) -> None:
        """Say what just happened on the message line of the topmost screen that has one (the
        draft's screen, also under a dialog).  Never a toast: Textual drops Chinese characters
        of overlays (Textualize/textual#6357).  A note clears after a few seconds (or
        ``timeout``); an error stays until replaced or dismissed unless given a timeout."""
        line = self.message_line()
        if line is not None:
            line.say(text, error=error, timeout=timeout)
        else:
            self.log.warning(text)

    def message_line(self) -> MessageLine | None:
        for screen in reversed(self.screen_stack):
            lines = screen.query(MessageLine)
            if lines:
                return lines.first()
        return None

    # --- actions ---------------------------------------------------------------------------

    def action_save_quit(self) -> None:
        main = self.main_screen()
        if main is None:
            self.exit(0)
        else:
            main.save_and_quit()

    def action_help_quit(self) -> None:
        self.say("按 ^q 保存并退出", timeout=3)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder="输入命令或部分名称，如“执法”…", id="--command-palette")
            )
