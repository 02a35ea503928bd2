"""A .docx as the layout rules see it: python-docx's document, sections, footers and settings,
with the formatting in effect for each paragraph and run.

The file was opened once, by :func:`drafter.word.reading.open_word` when it was read for the
text rules; nothing here opens it again.  Formatting is resolved through the styles by
:class:`drafter.word.effective.StyleSheet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docx.oxml.ns import qn

from drafter.word.effective import THEME, StyleSheet, attribute_getter, font_getter, resolve
from drafter.word.reading import WordFile, iter_runs, paragraph_text, run_text, safe

if TYPE_CHECKING:
    from docx.section import Section as WordSection
    from docx.section import _Footer

__all__ = [
    "THEME",
    "DocxFile",
    "DocxParagraph",
    "Section",
    "attribute_getter",
    "font_getter",
    "read_paragraph",
    "resolve",
]


class DocxRun(NamedTuple):
    element: Any
    text: str
    start: int  # offset of the run's text in the paragraph's text
    end: int


class DocxParagraph(NamedTuple):
    element: Any
    text: str
    runs: list[DocxRun]


def read_paragraph(element: Any, word: WordFile | None = None) -> DocxParagraph:
    """A paragraph's text and runs; a body paragraph of ``word`` as import read it."""
    runs = []
    parts = []
    offset = 0
    read = (
        word.runs(element) if word is not None else ((r, run_text(r)) for r in iter_runs(element))
    )
    for run, text in read:
        runs.append(DocxRun(run, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    return DocxParagraph(element, "".join(parts), runs)


def _twips(read: Callable[[], Any]) -> int | None:
    length = safe(read)
    return int(length.twips) if length is not None else None


class Section(NamedTuple):
    """One section of the document (python-docx's proxy), its lengths in twips."""

    section: WordSection

    @property
    def page_width(self) -> int | None:
        return _twips(lambda: self.section.page_width)

    @property
    def page_height(self) -> int | None:
        return _twips(lambda: self.section.page_height)

    def margin(self, side: str) -> int | None:
        return _twips(lambda: getattr(self.section, f"{side}_margin"))

    @property
    def footer_distance(self) -> int | None:
        return _twips(lambda: self.section.footer_distance)

    def grid(self) -> Any:
        """The ``w:docGrid`` element (python-docx has no API for the document grid)."""
        return self.section._sectPr.find(qn("w:docGrid"))

    def footers(self) -> Iterator[tuple[str, _Footer]]:
        """The footers this section defines itself: ("default" for odd or all pages, or
        "even", the footer).  A linked footer is skipped, so none is ever created."""
        for kind, footer in (
            ("default", self.section.footer),
            ("even", self.section.even_page_footer),
        ):
            if not footer.is_linked_to_previous:
                yield kind, footer


class DocxFile:
    """The opened .docx the layout rules look at."""

    def __init__(self, word: WordFile) -> None:
        self.word = word
        self.path: Path = word.path
        self.document = word.document
        self.styles: StyleSheet = word.styles
        self._sections: list[Section] | None = None

    def paragraph(self, element: Any) -> DocxParagraph:
        """A body paragraph's text and runs, as import read them."""
        return read_paragraph(element, self.word)

    def empty_paragraphs_before(self, element: Any) -> int:
        """How many empty paragraphs stand right before ``element`` in its container."""
        return empty_paragraphs_before(element, lambda p: self.paragraph(p).text)

    def sections(self) -> list[Section]:
        """The document's sections, found once (python-docx searches the whole body for them)."""
        if self._sections is None:
            self._sections = [Section(section) for section in self.document.sections]
        return self._sections

    def footer_root(self, footer: _Footer) -> Any:
        """The footer part's element, or None when its relationship is broken."""
        part = safe(lambda: footer.part)
        return part.element if part is not None else None

    def odd_and_even_pages(self) -> bool:
        return bool(safe(lambda: self.document.settings.odd_and_even_pages_header_footer))


def empty_paragraphs_before(element: Any, text: Callable[[Any], str] = paragraph_text) -> int:
    """How many empty paragraphs stand right before ``element`` in its container."""
    count = 0
    previous = element.getprevious()
    while previous is not None and previous.tag == qn("w:p") and not text(previous).strip():
        count += 1
        previous = previous.getprevious()
    return count
