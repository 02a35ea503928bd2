"""Reading what ``drafter check`` is given into a :class:`Report`, and checking it.

* a report file (.docx, .txt, .md): read once and structured by :mod:`drafter.importer` into a
  document tree whose blocks remember their source paragraphs; the rules read each
  paragraph's text as written (the importer's cleaning repairs punctuation and spacing) from
  that origin, never by matching text back;
* a draft (.yaml): loaded and composed into a document tree, checked with the draft's year.

For a .docx the layout rules run too, on the document python-docx opened for the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from drafter.check import check_report
from drafter.check.content import missing_parts, missing_sections
from drafter.check.findings import Finding, sort_findings
from drafter.check.paragraphs import Report, build_report, document_entries, source_entries
from drafter.errors import InputError
from drafter.importer.readers import read_source
from drafter.importer.structure import analyse
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile

if TYPE_CHECKING:  # python-docx is imported only when a .docx is actually checked
    from drafter.check.docxfile import DocxFile

DRAFT_SUFFIXES = {".yaml", ".yml"}


class Checked(NamedTuple):
    """A checked file: what was read, and what was found."""

    path: Path
    kind: str  # "docx", "txt", "md" or "draft"
    report: Report
    findings: list[Finding]
    docx: DocxFile | None = None

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
    from drafter.draftfile import parse_draft, read_text
    from drafter.outline import load_profile

    composed = compose_file(path)
    report = build_report(document_entries(composed.document, layout=layout), composed.year)
    draft, _ = parse_draft(read_text(path), path)
    missing = missing_parts(draft, load_profile(draft.meta.profile))
    findings = sort_findings([*check_report(report, layout), *missing])
    return Checked(path, "draft", report, findings)


def _check_report_file(path: Path, layout: LayoutProfile) -> Checked:
    source = read_source(path)
    if not any(p.text.strip() or p.auto_number for p in source.paragraphs):
        raise InputError("文件中没有文字，没有可检查的内容。", path)
    imported = analyse(path, source.paragraphs, docx=source.kind == "docx")
    report = build_report(source_entries(imported.document))
    missing = missing_sections(imported.document, report, imported.year)
    findings = sort_findings([*check_report(report, layout), *missing])
    docx = None
    if source.word is not None:
        from drafter.check.docxfile import DocxFile
        from drafter.check.layout import check_layout

        docx = DocxFile(source.word)
        findings = sort_findings([*findings, *check_layout(docx, report, layout)])
    return Checked(path, source.kind, report, findings, docx)
