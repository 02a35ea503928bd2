"""The report as the checks read it: its non-empty paragraphs in order, each with its role.

Every rule works on this one shape, whatever the report came from: a draft composed into a
:class:`drafter.tree.Document` (heading numbers computed), or an imported .docx/.txt/.md file
(heading numbers as the source wrote them, which is what the numbering rules need).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from drafter.check.findings import Location, excerpt
from drafter.importer.clean import strip_debris
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.numbering import number_headings
from drafter.tree import Document, DraftOrigin, Heading, Origin, SourceOrigin
from drafter.vocab.headings import parse_heading_number

# The draft's own fields around the blocks (title, addressee, closing, signature, date) are
# its "meta" part; a composed report's paragraphs outside the blocks come from there.
META_ORIGIN = DraftOrigin("meta")

RUN_IN_STOP = "。"


class Role(Enum):
    TITLE = "title"
    FRONT = "front"  # lines above the body that are neither title nor addressee
    ADDRESSEE = "addressee"
    HEADING = "heading"
    BODY = "body"
    CLOSING = "closing"
    SIGNATURE = "signature"
    DATE = "date"


@dataclass(frozen=True)
class Para:
    """One paragraph of the report.

    For a heading, ``text`` starts with its number as written (``number``), ``level`` is its
    place in the outline and ``title_end`` is where the heading sentence ends: the end of the
    text, or just after the "。" that ends a run-in heading.
    """

    number: int  # from 1, over the report's non-empty paragraphs
    text: str
    role: Role
    path: tuple[str, ...] = ()  # enclosing headings as written, this one included
    level: int | None = None
    heading_number: str = ""
    title_end: int = 0
    line: int | None = None  # where it starts in the source file, when there is one
    # Where its block came from: the draft's section and figures, or the source paragraph it
    # was read from (with those a page break had split off it, SourceOrigin.pieces).
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def source(self) -> SourceOrigin | None:
        """The source paragraph, for a report read from a file."""
        return self.origin if isinstance(self.origin, SourceOrigin) else None

    @property
    def is_heading(self) -> bool:
        return self.role is Role.HEADING

    @property
    def title_start(self) -> int:
        """Where the heading's title starts: after its number and any spaces behind it."""
        start = len(self.heading_number)
        while start < len(self.text) and self.text[start] in " \u3000\t":
            start += 1
        return start


class Report(NamedTuple):
    """The paragraphs of a report and what is known about it from outside its text."""

    paragraphs: tuple[Para, ...]
    year: int | None = None  # the year reported on, when the draft states it

    def by_role(self, role: Role) -> list[Para]:
        return [p for p in self.paragraphs if p.role is role]

    def headings(self) -> list[Para]:
        return self.by_role(Role.HEADING)

    def paragraph(self, number: int) -> Para:
        """The paragraph numbered ``number`` (from 1, as Para.number counts)."""
        return self.paragraphs[number - 1]


def locate(para: Para, start: int = 0, end: int | None = None) -> Location:
    """The location of ``para.text[start:end]``: paragraph, headings, excerpt, source line."""
    return Location(para.number, para.path, excerpt(para.text, start, end), para.line, para.origin)


def heading_title_end(text: str, title_start: int, run_in: bool) -> int:
    if run_in:
        stop = text.find(RUN_IN_STOP, title_start)
        if stop >= 0:
            return stop + 1
    return len(text)


class Entry(NamedTuple):
    """One paragraph to be: its text as written and what the structure says it is."""

    text: str
    role: Role
    level: int | None = None
    heading_number: str = ""
    run_in: bool = False
    line: int | None = None
    origin: Origin | None = None


def build_report(entries: Sequence[Entry], year: int | None = None) -> Report:
    """Number the entries and give each the path of headings above it."""
    paragraphs: list[Para] = []
    stack: list[tuple[int, str]] = []
    for entry in entries:
        text = entry.text
        if not text.strip():
            continue
        number = len(paragraphs) + 1
        if entry.role is Role.HEADING and entry.level:
            probe = Para(0, text, Role.HEADING, heading_number=entry.heading_number)
            end = heading_title_end(text, probe.title_start, entry.run_in)
            while stack and stack[-1][0] >= entry.level:
                stack.pop()
            stack.append((entry.level, text[:end].rstrip(RUN_IN_STOP)))
            paragraphs.append(
                Para(
                    number,
                    text,
                    Role.HEADING,
                    path=tuple(h for _, h in stack),
                    level=entry.level,
                    heading_number=entry.heading_number,
                    title_end=end,
                    line=entry.line,
                    origin=entry.origin,
                )
            )
            continue
        # Only body paragraphs sit under headings; the end of the report sits under none.
        path = tuple(h for _, h in stack) if entry.role is Role.BODY else ()
        paragraphs.append(
            Para(number, text, entry.role, path=path, line=entry.line, origin=entry.origin)
        )
    return Report(tuple(paragraphs), year=year)


def document_entries(
    document: Document,
    written_headings: Sequence[str | None] | None = None,
    layout: LayoutProfile = DEFAULT_LAYOUT,
) -> list[Entry]:
    """A document tree's paragraphs in the order of :func:`drafter.export.text.to_text`."""
    entries = []
    composed = any(isinstance(block.origin, DraftOrigin) for block in document.blocks)
    frame = META_ORIGIN if composed else None
    if document.title:
        entries.append(Entry(document.title, Role.TITLE, origin=frame))
    entries.extend(Entry(line, Role.FRONT) for line in document.front_matter)
    if document.addressee:
        entries.append(Entry(f"{document.addressee}：", Role.ADDRESSEE, origin=frame))
    computed = iter(number_headings(document.blocks, layout))
    written = list(written_headings or [])
    index = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            number = next(computed)
            if index < len(written) and written[index] is not None:
                number = written[index] or ""
            index += 1
            text = f"{number}{block.title}"
            if block.run_in:
                text += RUN_IN_STOP + block.body
            entries.append(
                Entry(
                    text,
                    Role.HEADING,
                    block.level,
                    number.strip(),
                    block.run_in,
                    origin=block.origin,
                )
            )
        else:
            entries.append(Entry(block.text, Role.BODY, origin=block.origin))
    if document.closing:
        entries.append(Entry(document.closing, Role.CLOSING, origin=frame))
    if document.signature:
        entries.append(Entry(document.signature.organisation, Role.SIGNATURE, origin=frame))
        entries.append(Entry(document.signature.date, Role.DATE, origin=frame))
    return entries


def report_from_document(
    document: Document,
    written_headings: Sequence[str | None] | None = None,
    *,
    year: int | None = None,
    layout: LayoutProfile = DEFAULT_LAYOUT,
) -> Report:
    """The report's paragraphs, in the order of :func:`drafter.export.text.to_text`.

    ``written_headings`` gives, for each heading in order, its number as the source wrote it
    ("2、", "(一)"…); None or a missing entry means the number the layout computes, which is what
    a composed draft and our own exports carry.
    """
    return build_report(document_entries(document, written_headings, layout), year)


def written(origin: SourceOrigin) -> str:
    """A source paragraph as written, Word's own number included, joined pieces rejoined.

    Only what no reader sees is left out: converter markers, invisible characters and the
    spaces around the paragraph.
    """
    return "".join(piece.number + strip_debris(piece.text) for piece in origin.pieces())


def source_entries(document: Document) -> list[Entry]:
    """An imported report's paragraphs as written, each with its role and its origin.

    Everything comes from the tree: the blocks' origins and the document's ``frame`` (title,
    front matter, addressee, closing, signature and date).
    """
    roles = {
        "title": Role.TITLE,
        "front": Role.FRONT,
        "addressee": Role.ADDRESSEE,
        "closing": Role.CLOSING,
        "signature": Role.SIGNATURE,
        "date": Role.DATE,
    }
    before = [(r, o) for r, o in document.frame if r in ("title", "front", "addressee")]
    after = [(r, o) for r, o in document.frame if r not in ("title", "front", "addressee")]
    entries = [_entry(origin, roles[role]) for role, origin in before]
    for block in document.blocks:
        origin = block.origin
        if not isinstance(origin, SourceOrigin):
            raise ValueError("source_entries needs an imported document: a block has no source")
        if isinstance(block, Heading):
            text = written(origin)
            number = _written_number(origin)
            if not text.startswith(number):
                number = ""
            entries.append(
                Entry(text, Role.HEADING, block.level, number, block.run_in, origin.line, origin)
            )
        else:
            entries.append(_entry(origin, Role.BODY))
    entries.extend(_entry(origin, roles[role]) for role, origin in after)
    return entries


def _entry(origin: SourceOrigin, role: Role) -> Entry:
    return Entry(written(origin), role, line=origin.line, origin=origin)


def _written_number(origin: SourceOrigin) -> str:
    """The heading's number as the source has it: drawn by Word, else typed in the text."""
    if origin.number and parse_heading_number(origin.number) is not None:
        return origin.number
    parsed = parse_heading_number(strip_debris(origin.text))
    return parsed[2] if parsed is not None else ""
