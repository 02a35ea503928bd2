"""The export dialog: where the DOCX goes, and what is still open in the draft."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.tui.session import ReviewItem


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog decided: export to ``output``, or show the review screen."""

    output: Path | None = None
    review: bool = False


def export_summary(items: list[ReviewItem]) -> Text:
    problems = [item for item in items if item.kind == "problem"]
    missing = [item for item in items if item.kind == "missing"]
    review = [item for item in items if item.kind == "review"]
    findings = [item for item in items if item.kind == "finding"]
    text = Text()
    if problems:
        text.append(f"有 {len(problems)} 处错误，须先改正才能导出：\n", style="bold red")
        for item in problems[:3]:
            text.append(f"· {item.section_label}：{item.text}\n")
        if len(problems) > 3:
            text.append(f"……（共 {len(problems)} 处，见“查看问题”）\n")
    if missing:
        text.append(
            f"还有 {len(missing)} 项数字待填，导出稿中显示为【待填：名称】，供征求意见。\n",
            style="yellow",
        )
    if review:
        text.append(f"有 {len(review)} 项导入时标出的待核对事项。\n", style="cyan")
    if findings:
        text.append(
            f"检查发现 {len(findings)} 处可能的问题（数字相互矛盾的须先改正）。\n", style="magenta"
        )
    if not (problems or missing or review or findings):
        text.append("各部分均已填写完整。\n", style="green")
    text.rstrip()
    return text


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Asks where to write the report; the export itself runs in a worker afterwards."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "取消")]

    def __init__(self, items: list[ReviewItem], default: Path) -> None:
        super().__init__()
        self.items = items
        self.default = default
        self.blocked = any(item.kind == "problem" for item in items)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "导出 DOCX"
            yield Static(export_summary(self.items), id="export-summary")
            yield Label("保存到（默认在草稿旁边）", classes="group-title")
            yield Input(str(self.default), compact=True, id="export-path")
            yield Static("", classes="figure-error", id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("导出", variant="primary", id="export", disabled=self.blocked)
                yield Button("查看问题", id="review", disabled=not self.items)
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-error", Static).display = False
        self.query_one("#review" if self.blocked else "#export", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self._export()
        elif event.button.id == "review":
            self.dismiss(ExportRequest(review=True))
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.blocked:
            self._export()

    def _export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        error = self.query_one("#export-error", Static)
        if not text:
            error.update("请填写导出文件的路径")
            error.display = True
            return
        self.dismiss(ExportRequest(output=Path(text).expanduser()))

    def action_close(self) -> None:
        self.dismiss(None)
