"""The signature pane: the organisation, 成文日期 and the seal."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static, Switch

from drafter.compose import SIGNATURE_TITLE
from drafter.tui.session import DraftSession

MetaField = Literal["organisation", "date", "seal"]


class DateValidator(Validator):
    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            return self.failure(f"应为日期，写作 {self.year + 1}-01-20")
        return self.success()


class NotEmpty(Validator):
    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("不能为空")


class MetaInput(Input):
    def __init__(self, name: MetaField, value: str, **kwargs: object) -> None:
        super().__init__(value, compact=True, select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.field: MetaField = name


class MetaEditor(VerticalScroll):
    """The report's signature and date."""

    DEFAULT_CLASSES = "editor"

    class MetaEdited(Message):
        def __init__(self, field: MetaField, value: str | bool) -> None:
            self.field, self.value = field, value
            super().__init__()

    def __init__(self, session: DraftSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        meta = self.session.meta
        yield Static(Text(SIGNATURE_TITLE, style="bold"), classes="section-title")
        yield Static("落款写机关全称，成文日期用阿拉伯数字写全年月日。", classes="help")
        yield Label("机关全称", classes="group-title")
        yield MetaInput("organisation", meta.organisation, validators=[NotEmpty()])
        yield Static("", classes="figure-error", id="organisation-error")
        yield Label("成文日期（如 2025-01-20）", classes="group-title")
        yield MetaInput(
            "date",
            meta.date.isoformat() if meta.date else "",
            placeholder=f"{meta.year + 1}-01-20",
            validators=[DateValidator(meta.year)],
        )
        yield Static("", classes="figure-error", id="date-error")
        with Horizontal(classes="switch-row"):
            yield Switch(meta.seal, animate=False, id="seal")
            yield Label("加盖印章（决定落款的位置）", classes="switch-label")

    def on_mount(self) -> None:
        for name in ("organisation", "date"):
            self.show_problem(name, None)

    def show_problem(self, name: str, problem: str | None) -> None:
        error = self.query_one(f"#{name}-error", Static)
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

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.post_message(self.MetaEdited("seal", event.value))
