"""The document tree: the one shape every report passes through.

Import builds it from an old report, composing a draft builds it, the exporters write it out and
check reads a DOCX back into it.  It holds text only: heading numbers are never stored here but
computed by :func:`drafter.numbering.number_headings`, and layout lives in
:mod:`drafter.layout`.

The body is a flat sequence of blocks.  A heading's ``level`` places it in the outline; the
section it opens runs until the next heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# A gap a partial draft leaves for a figure nobody has filled in yet.  Exporters highlight it.
GAP_OPEN = "【待填："
GAP_CLOSE = "】"
GAP_PATTERN = re.compile(r"【待填：[^】]*】")


def gap(label: str) -> str:
    """The visible placeholder for a missing figure."""
    return f"{GAP_OPEN}{label}{GAP_CLOSE}"


class DraftOrigin(NamedTuple):
    """Where a composed block came from: the draft's section and the figures it shows."""

    section: str
    figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceOrigin:
    """Where an imported or checked block came from: one paragraph of the source report.

    ``index`` counts the source's paragraphs from 0 in reading order (for a text file, the
    paragraph that starts at ``line``); ``element`` is the python-docx paragraph element
    (``CT_P``) for a .docx, so ``check --fix`` edits that very paragraph.
    """

    index: int
    text: str
    line: int | None = None
    element: Any = field(default=None, compare=False, repr=False)
    # The number Word draws in front of the paragraph from its list numbering ("一、"), if any.
    number: str = ""
    # Paragraphs a page break split off this one, which import joined back onto it.
    continued: tuple[SourceOrigin, ...] = ()

    def pieces(self) -> tuple[SourceOrigin, ...]:
        """This paragraph and those joined onto it, in order."""
        return (self, *self.continued)


Origin = DraftOrigin | SourceOrigin


@dataclass
class Heading:
    """A numbered heading.

    ``title`` is the heading text without its number.  A run-in heading shares its paragraph
    with ``body``: the title is set in the heading's font and the body follows in body font.
    """

    level: int
    title: str
    run_in: bool = False
    body: str = ""
    # Never compared: two blocks are equal when they say the same thing, wherever they came from.
    origin: Origin | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValueError(f"heading level must be 1 to 4, not {self.level}")


@dataclass
class Paragraph:
    """A body paragraph (first-line indent of two characters in the official layout)."""

    text: str
    origin: Origin | None = field(default=None, compare=False)


Block = Heading | Paragraph


class Signature(NamedTuple):
    """发文机关署名 and 成文日期, placed at the end of the report."""

    organisation: str
    date: str  # written form, e.g. "2025年1月20日"
    seal: bool = False


@dataclass
class Document:
    """A whole report."""

    title: str | None = None
    addressee: str | None = None  # 主送机关, shown without its trailing colon
    blocks: list[Block] = field(default_factory=list)
    closing: str | None = None  # e.g. "特此报告。"
    signature: Signature | None = None
    # Lines above the body that are neither title nor addressee (author, publication date…);
    # import keeps them so nothing is dropped, compose leaves them empty.
    front_matter: list[str] = field(default_factory=list)
    # For an imported or checked report, where the parts around the blocks came from, in
    # reading order: ("title" | "front" | "addressee" | "closing" | "signature" | "date", origin).
    # A signature and date written on one line are one "signature".
    frame: list[tuple[str, SourceOrigin]] = field(default_factory=list, compare=False)

    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]

    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]
