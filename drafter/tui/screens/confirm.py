"""A yes/no question: before something that cannot be undone, such as reloading the draft, and
when the draft changed outside the editor.

A dialog rather than a notification where the text matters: Textual drops a wide (Chinese)
character wherever a toast crosses the edge of a pane below it (Textualize/textual#6357), and
a modal screen has no panes below it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True when the clerk confirms; the other button (focused first, so a
    keystroke meant for the editor does nothing harmful) and esc say no.  Without ``confirm``
    it only tells, with the one button."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, message: str, confirm: str | None, cancel: str = "取消") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm = confirm
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="buttons"):
                if self.confirm is not None:
                    yield Button(self.confirm, variant="warning", id="confirm")
                yield Button(self.cancel, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceScreen(ModalScreen[str | None]):
    """A question with several answers: dismisses with the chosen button's id, or None for
    the last one (focused first) and esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices  # (id, label); the last one says no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="buttons"):
                for index, (choice, label) in enumerate(self.choices):
                    last = index == len(self.choices) - 1
                    yield Button(label, variant="default" if last else "primary", id=choice)

    def on_mount(self) -> None:
        self.query_one(f"#{self.choices[-1][0]}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        last = self.choices[-1][0]
        self.dismiss(None if event.button.id == last else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
