"""``drafter check``: numbering, arithmetic, years and dates, punctuation and layout mistakes.

:func:`check_document` runs the text rules on a document tree (what ``drafter build`` calls);
:func:`check_report` runs them on a :class:`~drafter.check.paragraphs.Report`, the form every
source is brought to; :mod:`drafter.check.source` reads files and adds the DOCX layout rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from drafter.check.arithmetic import check_arithmetic
from drafter.check.content import check_content
from drafter.check.dates import check_dates
from drafter.check.findings import Finding, Severity, has_errors, sort_findings
from drafter.check.numbering import check_numbering
from drafter.check.paragraphs import Report, report_from_document
from drafter.check.punctuation import check_punctuation
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Document

__all__ = [
    "Finding",
    "Severity",
    "check_document",
    "check_report",
    "has_errors",
]


def check_report(report: Report, layout: LayoutProfile = DEFAULT_LAYOUT) -> list[Finding]:
    """Every text rule on ``report``; findings sorted by severity, then reading order."""
    findings: list[Finding] = []
    findings.extend(check_numbering(report, layout))
    findings.extend(check_arithmetic(report))
    findings.extend(check_dates(report))
    findings.extend(check_punctuation(report))
    findings.extend(check_content(report))
    return sort_findings(_without_overlaps(findings))


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding for one mistake: a heading number missing its bracket ("一)") is not also
    a half-width parenthesis."""
    brackets = {f.location.paragraph for f in findings if f.code == "numbering.bracket"}
    return [
        f
        for f in findings
        if not (
            f.code in ("punctuation.half-width", "punctuation.parentheses")
            and f.location.paragraph in brackets
            and all(e.start < 4 for e in f.edits)
        )
    ]


def check_document(
    document: Document,
    *,
    year: int | None = None,
    written_headings: Sequence[str | None] | None = None,
    layout: LayoutProfile = DEFAULT_LAYOUT,
) -> list[Finding]:
    """The text rules on a document tree, e.g. a composed draft before it is exported.

    ``year`` is the year reported on when the caller knows it (a draft states it); without it
    the rules work it out from the title and the text.  Heading numbers are the ones the layout
    computes unless ``written_headings`` gives them as a source wrote them.
    """
    report = report_from_document(document, written_headings, year=year, layout=layout)
    return check_report(report, layout)
