"""The live preview: the section as the report will read, numbered, gaps highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.tree import GAP_PATTERN
from drafter.tui.linebreak import break_lines
from drafter.tui.session import PreviewLine

INDENT = "\u3000\u3000"  # the official first-line indent of two characters
GAP_STYLE = "bold black on yellow"


def _line_text(line: PreviewLine) -> Text:
    if line.kind == "heading":
        text = Text(line.text, style="bold")
    elif line.kind == "note":
        text = Text(line.text, style="dim italic")
    elif line.kind == "signature":
        text = Text(line.text)
    else:
        text = Text(INDENT + line.text)
    text.highlight_regex(GAP_PATTERN.pattern, GAP_STYLE)
    return text


def preview_text(lines: list[PreviewLine], width: int = 0) -> Text:
    """The preview's text; with a ``width``, each paragraph broken into lines by the rules
    of Chinese typesetting (:func:`~drafter.tui.linebreak.break_lines`) instead of anywhere."""
    text = Text(justify="left")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        styled = _line_text(line)
        if width:
            offsets, at = [], 0
            for part in break_lines(styled.plain, width)[:-1]:
                at += len(part)
                offsets.append(at)
            styled = Text("\n").join(styled.divide(offsets))
        text.append_text(styled)
    return text


class Preview(VerticalScroll):
    """Shows :class:`PreviewLine` objects; :meth:`show` replaces them."""

    BORDER_TITLE = "预览"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Static(classes="preview-body")
        self.plain = ""  # the report's lines as written, one per paragraph
        self.shown = Text()
        self.lines: list[PreviewLine] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        yield self.body

    def on_resize(self) -> None:
        self._rewrap()
        self.call_after_refresh(self._rewrap)  # once the layout has settled on the new size

    def _rewrap(self) -> None:
        if self.lines and self.line_width != self._width:
            self.show(self.lines, force=True)

    @property
    def line_width(self) -> int:
        """The cells a line of the preview has: inside the padding and the scrollbar's gutter."""
        return max(0, self.scrollable_content_region.width)

    def show(self, lines: list[PreviewLine], *, force: bool = False) -> None:
        region = self.body.content_region
        width = self.line_width
        if lines == self.lines and width == self._width and not force:
            return
        self.lines = list(lines)
        self._width = width
        text = preview_text(lines, width)
        self.plain = "\n".join(_line_text(line).plain for line in lines)
        if text == self.shown:
            return
        self.shown = text
        # A new layout only when the preview grows or shrinks by a line: most keystrokes
        # change a number inside a line, and a layout of the screen is most of their cost.
        same_height = bool(region.width) and text.plain.count("\n") + 1 == region.height
        self.body.update(text, layout=not same_height)
