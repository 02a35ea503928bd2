"""Adding a section: its heading and its level, asked in a dialog.

The heading is typed without a number; the number follows from where the section goes and at
which level (一、 （一） 1. （1）), so the dialog shows the levels by the number they give.  The
levels are radio buttons, not a drop-down: Textual drops wide characters of an overlay where it
crosses a widget's edge (Textualize/textual#6357).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from drafter.numbering import format_number
from drafter.tui.session import LEVELS, heading_problem
from drafter.vocab.headings import LEVEL_NAMES


@dataclass(frozen=True)
class NewSection:
    heading: str
    level: int


class HeadingScreen(ModalScreen[NewSection | None]):
    """Asks for the heading and level of a section to add; dismisses with them, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, where: str, level: int) -> None:
        super().__init__()
        self.where = where  # "在“（一）……”之后"
        self.level = level if level in LEVELS else LEVELS[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="heading-dialog") as dialog:
            dialog.border_title = "添加部分"
            yield Static(
                f"{self.where}添加一个部分。标题不含编号，编号按位置和级别自动生成。",
                id="heading-where",
            )
            yield Label("标题", classes="group-title")
            yield Input(placeholder="如 推进数字化执法", id="heading-input")
            yield Static("", id="heading-problem")
            yield Label("级别", classes="group-title")
            with RadioSet(id="heading-level"):
                for level in LEVELS:
                    name = LEVEL_NAMES[level - 1].removesuffix("标题")
                    number = format_number(level, 1)
                    yield RadioButton(f"{name} {number}", level == self.level, id=f"level-{level}")
            with Horizontal(classes="buttons"):
                yield Button("添加", variant="primary", id="add")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#heading-problem", Static).display = False
        self.query_one("#heading-input", Input).focus()

    def chosen_level(self) -> int:
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return self.level
        return int(pressed.id.removeprefix("level-"))

    def show_problem(self, problem: str | None) -> None:
        line = self.query_one("#heading-problem", Static)
        line.update(problem or "")
        line.display = bool(problem)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        # Said as the clerk types, except that an empty box is only a problem on 添加.
        self.show_problem(heading_problem(text) if text.strip() else None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        text = self.query_one("#heading-input", Input).value
        problem = heading_problem(text)
        if problem:
            self.show_problem(problem)
            self.query_one("#heading-input", Input).focus()
            return
        self.dismiss(NewSection(text.strip(), self.chosen_level()))

    def action_cancel(self) -> None:
        self.dismiss(None)
