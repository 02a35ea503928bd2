"""``drafter edit``: the Textual application."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.timer import Timer

from drafter.errors import DrafterError
from drafter.tui.commands import DrafterCommands
from drafter.tui.screens.main import MainScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.session import DraftSession

AUTOSAVE_DELAY = 1.0  # seconds after a change; with the write itself well inside 2 s


class DrafterApp(App[int]):
    """Opens one draft (or creates it) and walks the clerk through it."""

    CSS_PATH = Path(__file__).with_name("drafter.tcss")  # absolute: subclasses live elsewhere
    TITLE = "法治政府建设年度报告起草助手"
    COMMANDS: ClassVar = {DrafterCommands}
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
        self.session = session
        self.autosave_delay = autosave_delay
        self.export_path = export_path
        self.default_year = default_year
        self._autosave_timer: Timer | None = None

    def on_mount(self) -> None:
        if self.session is not None:
            self.push_screen(MainScreen(self.session))
        else:
            self.push_screen(StartScreen(self.path, self.default_year), self._started)

    def _started(self, session: DraftSession | None) -> None:
        if session is None:
            self.exit(0)
            return
        self.session = session
        self.push_screen(MainScreen(session))

    # --- saving ----------------------------------------------------------------------------

    def request_autosave(self) -> None:
        """Save within ``autosave_delay`` of the first unsaved change."""
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(self.autosave_delay, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        self.save_now()
        if isinstance(self.screen, MainScreen):
            self.screen.refresh_status()

    def save_now(self) -> bool:
        """Write the draft now if it changed; False (with a notice) when it could not."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        if self.session is None:
            return True
        try:
            self.session.save()
        except (DrafterError, OSError) as error:
            self.notify(f"无法保存草稿：{error}", title="保存失败", severity="error", timeout=10)
            return False
        return True

    # --- actions ---------------------------------------------------------------------------

    def action_save_quit(self) -> None:
        if self.save_now():
            self.exit(0)

    def action_help_quit(self) -> None:
        self.notify("按 ctrl+q 保存并退出", timeout=3)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder="输入命令或部分名称，如“执法”…", id="--command-palette")
            )
