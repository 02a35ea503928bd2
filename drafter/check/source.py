"""Reading what ``drafter check`` is given into a :class:`Report`, and checking it.

* a report file (.docx, .txt, .md): read and structured by :mod:`drafter.importer`, then
  checked on the text as written — the importer's cleaning repairs punctuation and spacing, so
  the rules read each paragraph's raw text, matched back from the source paragraphs;
* a draft (.yaml): loaded and composed into a document tree, checked with the draft's year.

For a .docx the layout rules run too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.check import check_report
from drafter.check.docxfile import DocxFile
from drafter.check.findings import Finding, sort_findings
from drafter.check.paragraphs import (
    Entry,
    Report,
    Role,
    build_report,
    document_entries,
)
from drafter.errors import InputError
from drafter.importer import clean
from drafter.importer.readers import (
    DOCX_SUFFIXES,
    MARKDOWN_SUFFIXES,
    SourceParagraph,
    read_paragraphs,
)
from drafter.importer.structure import Imported, analyse
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Heading

DRAFT_SUFFIXES = {".yaml", ".yml"}
_KEY_DROP = re.compile(r"\s+")


@dataclass
class Checked:
    """A checked file: what was read, and what was found."""

    path: Path
    kind: str  # "docx", "txt", "md" or "draft"
    report: Report
    findings: list[Finding]
    docx: DocxFile | None = None
    # For each paragraph number, the source paragraphs it was read from (for --fix).
    sources: dict[int, list[SourceParagraph]] = field(default_factory=dict)

    @property
    def line_unit(self) -> str:
        """How a location in this file is counted: lines of a text file, paragraphs otherwise."""
        return "行" if self.kind in ("txt", "md") else "段"


def check_path(path: str | Path, layout: LayoutProfile = DEFAULT_LAYOUT) -> Checked:
    """Read ``path`` and run every rule that applies to it."""
    path = Path(path)
    if path.suffix.lower() in DRAFT_SUFFIXES:
        return _check_draft(path, layout)
    return _check_report_file(path, layout)


def _check_draft(path: Path, layout: LayoutProfile) -> Checked:
    from drafter.compose import compose_file

    composed = compose_file(path)
    report = build_report(document_entries(composed.document, layout=layout), composed.year)
    return Checked(path, "draft", report, check_report(report, layout))


def _check_report_file(path: Path, layout: LayoutProfile) -> Checked:
    source = read_paragraphs(path)
    is_docx = path.suffix.lower() in DOCX_SUFFIXES or any(p.runs for p in source)
    if not any(p.text.strip() or p.auto_number for p in source):
        raise InputError("文件中没有文字，没有可检查的内容。", path)
    imported = analyse(path, source, docx=is_docx)
    if is_docx:
        kind = "docx"
    elif path.suffix.lower() in MARKDOWN_SUFFIXES:
        kind = "md"
    else:
        kind = "txt"
    entries, sources = imported_entries(imported, source)
    report = build_report(entries)
    findings = check_report(report, layout)
    docx = None
    if kind == "docx":
        from drafter.check.layout import check_layout

        try:
            docx = DocxFile(path)
        except (OSError, ValueError) as error:
            raise InputError(f"无法读取文件的版式信息（{error}）。", path) from error
        findings = sort_findings([*findings, *check_layout(docx, report, layout)])
    return Checked(path, kind, report, findings, docx, sources)


def _key(text: str) -> str:
    return _KEY_DROP.sub("", text)


def imported_entries(
    imported: Imported, source: list[SourceParagraph]
) -> tuple[list[Entry], dict[int, list[SourceParagraph]]]:
    """The imported report's paragraphs as written, each with its role and source paragraphs.

    The importer's ``paragraphs`` are cleaned; each is matched back to the source paragraphs
    it was read from (one, or two a page break had split), whose text before cleaning is what
    the rules check.
    """
    document = imported.document
    cleaned = imported.paragraphs
    roles = _roles(imported)
    headings = {h.index: h for h in imported.source_headings}
    heading_blocks = iter(document.headings())

    # Each source paragraph's cleaned form, the way structure cleans it.
    candidates = []
    for paragraph in source:
        auto = paragraph.auto_number or ""
        raw = clean.strip_debris(paragraph.text)
        if not raw and not auto:
            continue
        candidates.append((paragraph, auto + raw, _key(auto + clean.normalise(raw))))

    entries: list[Entry] = []
    sources: dict[int, list[SourceParagraph]] = {}
    cursor = 0
    for index, text in enumerate(cleaned):
        target = _key(text)
        taken: list[tuple[SourceParagraph, str]] = []
        matched = ""
        probe = cursor
        while probe < len(candidates) and matched != target:
            paragraph, raw, candidate = candidates[probe]
            probe += 1
            if candidate and target.startswith(matched + candidate):
                taken.append((paragraph, raw))
                matched += candidate
            elif not taken:
                continue  # debris the importer dropped (page numbers, web chrome)
            else:
                break
        if matched == target and taken:
            cursor = probe
            raw_text = "".join(raw for _, raw in taken)
        else:
            taken = []
            raw_text = text  # could not match: check the cleaned text rather than nothing
        role = roles[index]
        line = taken[0][0].line if taken else None
        if role is Role.HEADING:
            heading = headings[index]
            block = next(heading_blocks)
            number = heading.number or heading.auto_number or ""
            if not raw_text.startswith(number):
                number = ""
            entry = Entry(raw_text, role, heading.level, number, block.run_in, line)
        else:
            entry = Entry(raw_text, role, line=line)
        entries.append(entry)
        if raw_text.strip():
            sources[len([e for e in entries if e.text.strip()])] = [p for p, _ in taken]
    return entries, sources


def _roles(imported: Imported) -> list[Role]:
    """The role of each of the importer's paragraphs, in its order: front, body, end."""
    document = imported.document
    roles: list[Role] = []
    front = imported.front_matter
    title = imported.title_lines
    title_start = (
        next((i for i in range(len(front)) if front[i : i + len(title)] == title), -1)
        if title
        else -1
    )
    for i in range(len(front)):
        in_title = title_start >= 0 and title_start <= i < title_start + len(title)
        roles.append(Role.TITLE if in_title else Role.FRONT)
    if document.addressee is not None:
        roles.append(Role.ADDRESSEE)
    roles.extend(Role.HEADING if isinstance(b, Heading) else Role.BODY for b in document.blocks)
    tail: list[Role] = []
    if document.closing:
        tail.append(Role.CLOSING)
    signature = document.signature
    if signature is not None:
        remaining = len(imported.paragraphs) - len(roles) - len(tail)
        if signature.organisation and signature.date and remaining == 1:
            tail.append(Role.SIGNATURE)  # "××局 2024年1月5日" on one line
        else:
            if signature.organisation:
                tail.append(Role.SIGNATURE)
            if signature.date:
                tail.append(Role.DATE)
    roles.extend(tail)
    while len(roles) < len(imported.paragraphs):
        roles.append(Role.BODY)
    return roles[: len(imported.paragraphs)]
