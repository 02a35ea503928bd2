"""The report's own lines: title, 主送机关, 结束语, 自称, 落款机关, 成文日期 and the seal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static, Switch

from drafter.compose import SIGNATURE_TITLE
from drafter.phrasing import cn_date
from drafter.tui.session import DraftSession, MetaText, read_date

MetaField = Literal[
    "organisation", "title", "addressee", "closing", "short_name", "signature", "date", "seal"
]


@dataclass(frozen=True)
class MetaLine:
    """One line of the pane: the field, its label, and what an empty field means."""

    field: MetaText
    label: str
    placeholder: str


class DateValidator(Validator):
    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year

    def validate(self, value: str) -> ValidationResult:
        if not value.strip() or read_date(value) is not None:
            return self.success()
        return self.failure(f"应为日期，写作 {self.year + 1}年1月20日 或 {self.year + 1}-1-20")


class NotEmpty(Validator):
    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("不能为空")


class MetaInput(Input):
    def __init__(self, name: MetaField, value: str, **kwargs: object) -> None:
        super().__init__(value, compact=True, select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.field: MetaField = name


class MetaEditor(VerticalScroll):
    """The report's title, addressee, closing and signature."""

    DEFAULT_CLASSES = "editor"

    @dataclass
    class MetaEdited(Message):
        """A field changed; ``final`` once the clerk leaves it."""

        field: MetaField
        value: str | bool
        final: bool = False

    def __init__(self, session: DraftSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def lines(self) -> tuple[MetaLine, ...]:
        meta = self.session.meta
        return (
            MetaLine("title", "报告标题", "留空按提纲生成"),
            MetaLine("addressee", "主送机关", "留空不写主送机关"),
            MetaLine("organisation", "机关全称", "如 示例市城中区城市管理和综合执法局"),
            MetaLine("short_name", "自称", f"留空自动推定为“{meta.self_reference}”"),
            MetaLine("closing", "结束语", "留空不写结束语"),
            MetaLine("signature", "落款机关", "留空用机关全称"),
        )

    def compose(self) -> ComposeResult:
        meta = self.session.meta
        yield Static(Text(f"{SIGNATURE_TITLE}与报告信息", style="bold"), classes="section-title")
        yield Static(
            "标题、主送机关、结束语和落款；成文日期用阿拉伯数字写全年月日。", classes="help"
        )
        for line in self.lines():
            yield Label(line.label, classes="group-title")
            value = getattr(meta, line.field) or ""
            validators = [NotEmpty()] if line.field == "organisation" else []
            yield MetaInput(line.field, value, placeholder=line.placeholder, validators=validators)
            yield Static("", classes="figure-error", id=f"{line.field}-error")
        yield Label("成文日期（如 2025年1月20日、2025-1-20）", classes="group-title")
        yield MetaInput(
            "date",
            cn_date(meta.date) if meta.date else "",
            placeholder=f"{meta.year + 1}年1月20日",
            validators=[DateValidator(meta.year)],
        )
        yield Static("", classes="figure-error", id="date-error")
        with Horizontal(classes="switch-row"):
            yield Switch(meta.seal, animate=False, id="seal")
            yield Label("加盖印章（决定落款的位置）", classes="switch-label")

    def on_mount(self) -> None:
        for line in self.lines():
            self.show_problem(line.field, None)
        self.show_problem("date", None)

    def show_problem(self, name: str, problem: str | None) -> None:
        found = self.query(f"#{name}-error")
        if not found:
            return  # the seal's switch cannot be wrong
        error = found.first(Static)
        error.update(problem or "")
        error.display = bool(problem)

    def refresh_state(self) -> None:
        """Nothing here is derived from other sections."""

    def focus_first(self) -> None:
        self.query_one(MetaInput).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, MetaInput):
            event.stop()
            self.post_message(self.MetaEdited(event.input.field, event.value))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if isinstance(event.input, MetaInput) and event.input.field == "date":
            event.stop()
            if not event.value.strip():
                self.post_message(self.MetaEdited("date", "", final=True))

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.post_message(self.MetaEdited("seal", event.value))
