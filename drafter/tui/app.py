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
from drafter.tui.screens.confirm import ConfirmScreen
from drafter.tui.screens.main import MainScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.session import Conflict, DraftSession
from drafter.tui.widgets.message import MessageLine

AUTOSAVE_DELAY = 1.0  # seconds after a change; with the write itself well inside 2 s


def conflict_notice(path: Path, conflict: Conflict) -> str:
    """What the clerk is told when the draft changed outside the editor, in Chinese."""
    copy = conflict.copy.name
    if conflict.missing:
        return (
            f"草稿文件 {path.name} 已被删除或移走，编辑器没有重新写出它。编辑器中的内容已另存为 "
            f"{copy}，自动保存已停止；之后按 ctrl+s 把改动另存到 {copy}。"
        )
    what = f"草稿文件 {path.name} 在打开后被改动过（手工修改或他人保存）。为不覆盖这些改动，"
    return (
        f"{what}编辑器中的内容已另存为 {copy}，自动保存已停止。\n\n"
        f"重新载入：读取磁盘上的草稿；编辑器中的内容仍保留在 {copy} 中。\n"
        f"继续编辑：之后按 ctrl+s 把改动另存到 {copy}；随时可按 F5 或在命令中选“重新载入”。"
    )


def conflict_farewell(path: Path, conflict: Conflict) -> str:
    """What is left on the terminal when the clerk quits after a conflict."""
    what = "已被删除或移走" if conflict.missing else "在编辑时被外部修改，未覆盖"
    return (
        f"草稿文件 {path.name} {what}；编辑器中的内容已另存为 {conflict.copy}。"
        "请对照两个文件，把需要的改动合并到草稿中。"
    )


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

    # --- saving ----------------------------------------------------------------------------

    def request_autosave(self) -> None:
        """Save within ``autosave_delay`` of the first unsaved change (none after a conflict:
        the draft file changed outside, and only ctrl+s updates the copy beside it)."""
        if self.session is not None and self.session.conflict is not None:
            return
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(self.autosave_delay, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        self.save_now()
        main = self.main_screen()
        if main is not None:
            main.refresh_status()

    def main_screen(self) -> MainScreen | None:
        """The draft's screen, wherever it is in the stack (under a dialog, say)."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, MainScreen)), None)

    def save_now(self, *, announce: bool = True) -> bool:
        """Write the draft now if it changed; False (with a notice) when it could not, or when
        the draft file changed outside the editor and what it holds went to a copy instead."""
        self._stop_autosave()
        if self.session is None:
            return True
        known = self.session.conflict
        try:
            self.session.save()
        except (DrafterError, OSError) as error:
            self.say(f"保存失败：无法保存草稿：{error}", error=True)
            return False
        conflict = self.session.conflict
        if conflict is None:
            return True
        if not announce:
            return False
        if known is None:
            self._announce_conflict(conflict)
        else:
            self.say(
                f"草稿文件在外部修改过，未覆盖；编辑器中的内容已另存为 {conflict.copy.name}",
                error=True,
                timeout=10,  # the status line keeps saying it
            )
        return False

    def _announce_conflict(self, conflict: Conflict) -> None:
        """Say once, in a dialog, that the draft changed outside and where the editor's version
        went; offer to reload (nothing is lost: the copy holds the editor's version)."""
        assert self.session is not None
        main = self.main_screen()
        section_id = main.current if main is not None else None

        def decided(reload: bool | None) -> None:
            if reload:
                self.reload_draft(section_id)

        notice = conflict_notice(self.session.path, conflict)
        if conflict.missing:  # nothing on disk to reload
            dialog = ConfirmScreen("草稿文件已被移走", notice, None, "知道了")
        else:
            dialog = ConfirmScreen("草稿文件已在外部修改", notice, "重新载入", "继续编辑")
        self.push_screen(dialog, decided)

    def _stop_autosave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def reload_draft(self, section_id: str | None = None) -> bool:
        """Read the draft again from disk, dropping what the editor holds; False (with the
        problem) when the file cannot be opened as it now stands."""
        if self.session is None:
            return False
        try:
            session = DraftSession.load(self.session.path)
        except DrafterError as error:
            self.say(f"无法重新载入：{error}", error=True)
            return False
        self._stop_autosave()
        self.session = session
        if section_id not in session.section_ids:
            section_id = None
        while len(self.screen_stack) > 2 and not isinstance(self.screen, MainScreen):
            self.pop_screen()  # a dialog over the old draft's screen goes with it
        self.switch_screen(MainScreen(session, section_id, note=f"已重新载入 {session.path.name}"))
        return True

    # --- actions ---------------------------------------------------------------------------

    def action_save_quit(self) -> None:
        if self.save_now(announce=False):  # a conflict is said on the way out
            self.exit(0)
        elif self.session is not None and self.session.conflict and not self.session.dirty:
            # Everything the editor holds is in the copy beside the draft: say where, and go.
            self.exit(0, message=conflict_farewell(self.session.path, self.session.conflict))

    def action_help_quit(self) -> None:
        self.say("按 ctrl+q 保存并退出", timeout=3)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder="输入命令或部分名称，如“执法”…", id="--command-palette")
            )
