"""The start screen: a new draft from a profile, organisation and year (or last year's report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Button, Footer, Input, Label, Select, Static

from drafter.draftfile import write_new_draft
from drafter.errors import DrafterError
from drafter.outline import PROFILE_NAMES
from drafter.starting import new_draft
from drafter.tui.session import DraftSession
from drafter.tui.widgets.message import MessageLine

AUTO_PROFILE = "auto"  # let the import tell the profile from last year's report


def create_draft(path: Path, profile_id: str, organisation: str, year: int) -> DraftSession:
    """Write a new draft the way ``drafter new`` does and open it."""
    text = new_draft(profile_id, organisation, year, path)
    write_new_draft(path, text)
    return DraftSession(path, text)


def import_draft(
    path: Path, source: Path, profile_id: str, organisation: str, year: int
) -> DraftSession:
    """Last year's report made into this year's draft at ``path`` (as ``drafter new --from``
    does), then opened."""
    from drafter.importer.to_draft import draft_from_report  # only when importing: startup

    profile = None if profile_id == AUTO_PROFILE else profile_id
    conversion = draft_from_report(source, year, organisation or None, profile)
    write_new_draft(path, conversion.text)
    return DraftSession(path, conversion.text)


class StartScreen(Screen[DraftSession | None]):
    """Shown when the draft file does not exist yet; dismisses with the new session."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "退出")]

    def __init__(self, path: Path, default_year: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.default_year = default_year or dt.date.today().year - 1

    def compose(self) -> ComposeResult:
        with Vertical(id="start-dialog") as dialog:
            dialog.border_title = "新建草稿"
            yield Static(
                f"草稿文件 {self.path.name} 还不存在，填写以下内容后新建。", classes="help"
            )
            yield Label("提纲", classes="group-title")
            options = [(f"{name}（{pid}）", pid) for pid, name in PROFILE_NAMES.items()]
            options.append(("按上年报告判断（仅导入时）", AUTO_PROFILE))
            yield Select(
                options,
                value="department",
                allow_blank=False,
                compact=True,
                id="profile",
            )
            yield Label("机关全称", classes="group-title")
            yield Input(
                placeholder="如 示例市城中区城市管理和综合执法局", compact=True, id="organisation"
            )
            yield Label("报告所述年度", classes="group-title")
            yield Input(
                str(self.default_year),
                compact=True,
                validators=[
                    Integer(2000, 2100, failure_description="应为 2000 到 2100 之间的年份")
                ],
                id="year",
            )
            yield Label(
                "上年报告（可选，.docx/.txt/.md，从中导入表述和上年数字）",
                classes="group-title",
            )
            yield Input(placeholder="留空则新建空白草稿", compact=True, id="source")
            yield Static("", classes="figure-error", id="start-error")
            with Horizontal(classes="buttons"):
                yield Button("新建", variant="primary", id="create")
                yield Button("退出", id="quit")
        yield MessageLine(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-error", Static).display = False
        self.query_one("#organisation", Input).focus()

    def show_error(self, message: str) -> None:
        error = self.query_one("#start-error", Static)
        error.update(message)
        error.display = bool(message)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.create()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        profile = self.query_one("#profile", Select).value
        organisation = self.query_one("#organisation", Input).value.strip()
        year_text = self.query_one("#year", Input).value.strip()
        source = self.query_one("#source", Input).value.strip()
        if not isinstance(profile, str):
            self.show_error("请选择提纲")
            return
        if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
            self.show_error("报告所述年度应为 2000 到 2100 之间的年份")
            return
        if profile == AUTO_PROFILE and not source:
            self.show_error("不导入上年报告时，请选择提纲：部门或区县政府")
            return
        if not organisation and not source:
            self.show_error("请填写机关全称")
            return
        self.show_error("")
        if source:
            self.query_one("#create", Button).disabled = True
            self.show_error("正在导入上年报告……")
            self.run_import(Path(source).expanduser(), profile, organisation, int(year_text))
            return
        try:
            session = create_draft(self.path, profile, organisation, int(year_text))
        except DrafterError as error:
            self.show_error(str(error))
            return
        self.dismiss(session)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_import(self, source: Path, profile: str, organisation: str, year: int) -> None:
        try:
            session = import_draft(self.path, source, profile, organisation, year)
        except (DrafterError, OSError) as error:
            self.app.call_from_thread(self._import_failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, session)

    def _import_failed(self, message: str) -> None:
        self.query_one("#create", Button).disabled = False
        self.show_error(f"导入失败：{message}")

    def action_cancel(self) -> None:
        self.dismiss(None)
