"""The live preview: the section as the report will read, numbered, gaps highlighted.

A keystroke changes one paragraph of the section at most.  Each paragraph is its own widget,
broken into lines once for its text and width, so after a keystroke only the paragraph that
changed is broken again and repainted, whatever the section's length, and the paragraphs
scrolled out of sight are not drawn at all.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll

from drafter.tree import GAP_PATTERN
from drafter.tui.linebreak import wrap_offsets
from drafter.tui.session import PreviewLine
from drafter.tui.widgets.quiet import QuietStatic

INDENT = "\u3000\u3000"  # the official first-line indent of two characters
GAP_STYLE = "bold black on yellow"
_BROKEN_KEPT = 4096  # paragraphs kept broken into lines (a long draft has a few hundred)


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


_broken: dict[tuple[PreviewLine, int], Text] = {}


def paragraph_text(line: PreviewLine, width: int = 0) -> Text:
    """One paragraph as the preview draws it; with a ``width``, broken into lines by the rules
    of Chinese typesetting (:func:`~drafter.tui.linebreak.break_lines`) instead of anywhere.
    Kept for the next keystroke, which leaves most paragraphs as they were."""
    key = (line, width)
    text = _broken.get(key)
    if text is None:
        text = _line_text(line)
        if width:
            text = Text("\n").join(text.divide(wrap_offsets(text.plain, width)))
        if len(_broken) >= _BROKEN_KEPT:
            _broken.clear()
        _broken[key] = text
    return text


def preview_text(lines: list[PreviewLine], width: int = 0) -> Text:
    """The preview's whole text, paragraph after paragraph."""
    return Text("\n", justify="left").join(paragraph_text(line, width) for line in lines)


class PreviewParagraph(QuietStatic):
    """One paragraph of the preview."""


class Preview(VerticalScroll):
    """Shows :class:`PreviewLine` objects; :meth:`show` replaces them."""

    BORDER_TITLE = "预览"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Vertical(classes="preview-body")
        self.plain = ""  # the report's lines as written, one per paragraph
        self.lines: list[PreviewLine] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        yield self.body

    @property
    def shown(self) -> Text:
        """What the preview draws, lines broken as drawn."""
        return preview_text(self.lines, self._width)

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
        width = self.line_width
        if lines == self.lines and width == self._width and not force:
            return
        self.lines = list(lines)
        self._width = width
        self.plain = "\n".join(
            INDENT + line.text if line.kind == "paragraph" else line.text for line in lines
        )
        shown = [child for child in self.body.children if isinstance(child, PreviewParagraph)]
        new = []
        for index, line in enumerate(lines):
            text = paragraph_text(line, width)
            if index < len(shown):
                paragraph = shown[index]
                if paragraph.shown != text:
                    # A new layout only when the paragraph grows or shrinks by a line: most
                    # keystrokes change a number inside a line.
                    height = text.plain.count("\n") + 1
                    paragraph.show(text, layout=height != paragraph.region.height)
            else:
                new.append(PreviewParagraph(text))
        if len(shown) > len(lines):
            self.body.remove_children(shown[len(lines) :])
        if new:
            self.body.mount_all(new)
