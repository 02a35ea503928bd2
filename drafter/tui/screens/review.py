"""The review screen: every missing figure, problem and item to check; each opens its section."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from drafter.tui.session import REVIEW_KIND_NAMES, ReviewItem

KIND_STYLES = {
    "problem": "bold red",
    "missing": "bold yellow",
    "review": "bold cyan",
    "finding": "bold magenta",
}


def summary(items: list[ReviewItem]) -> str:
    counts = {kind: 0 for kind in REVIEW_KIND_NAMES}
    for item in items:
        counts[item.kind] += 1
    parts = [
        f"{REVIEW_KIND_NAMES[kind]} {count} 项"
        for kind, count in counts.items()
        if count or kind != "finding"
    ]
    return "　".join(parts)


def item_prompt(item: ReviewItem) -> Text:
    prompt = Text()
    prompt.append(f"{REVIEW_KIND_NAMES[item.kind]}", style=KIND_STYLES[item.kind])
    prompt.append(f"　{item.section_label}\n", style="dim")
    prompt.append(f"　　{item.text}")
    return prompt


class ReviewScreen(ModalScreen[ReviewItem | None]):
    """Lists :class:`ReviewItem` objects; choosing one dismisses with it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "返回")]

    def __init__(self, items: list[ReviewItem]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="review-dialog") as dialog:
            dialog.border_title = "检查"
            yield Static(summary(self.items), id="review-summary")
            if self.items:
                yield OptionList(
                    *[Option(item_prompt(item), id=str(i)) for i, item in enumerate(self.items)],
                    id="review-list",
                )
                yield Static("↑↓ 选择，回车跳到该部分，esc 返回", classes="hint")
            else:
                yield Static("没有待填的数字、错误或待核对事项，可以导出。", id="review-empty")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        self.dismiss(self.items[index])

    def action_close(self) -> None:
        self.dismiss(None)
