"""The live preview: the section as the report will read, numbered, gaps highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.visual import visualize
from textual.widgets import Static

from drafter.tree import GAP_PATTERN
from drafter.tui.session import PreviewLine

INDENT = "\u3000\u3000"  # the official first-line indent of two characters
GAP_STYLE = "bold black on yellow"


def preview_text(lines: list[PreviewLine]) -> Text:
    text = Text()
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        if line.kind == "heading":
            text.append(line.text, style="bold")
        elif line.kind == "note":
            text.append(line.text, style="dim italic")
        elif line.kind == "signature":
            text.append(line.text, style="")
            text.justify = "left"
        else:
            text.append(INDENT + line.text)
    text.highlight_regex(GAP_PATTERN.pattern, GAP_STYLE)
    return text


class Preview(VerticalScroll):
    """Shows :class:`PreviewLine` objects; :meth:`show` replaces them."""

    BORDER_TITLE = "预览"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Static(classes="preview-body")
        self.plain = ""
        self.shown = Text()

    def compose(self) -> ComposeResult:
        yield self.body

    def show(self, lines: list[PreviewLine]) -> None:
        text = preview_text(lines)
        if text == self.shown:
            return
        self.plain = text.plain
        self.shown = text
        # A new layout only when the preview grows or shrinks by a line: most keystrokes
        # change a number inside a line, and a layout of the screen is most of their cost.
        region = self.body.content_region
        same_height = bool(region.width) and (
            visualize(self.body, text).get_height(self.body.styles, region.width)  # type: ignore[arg-type]
            == region.height
        )
        self.body.update(text, layout=not same_height)
