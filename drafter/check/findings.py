"""What a check reports: findings with a severity, a rule code, a location and a fix.

A finding says what is wrong in plain Chinese, where (paragraph number counted from 1 over the
report's non-empty paragraphs, the path of headings above it as written, a short excerpt), the
text as found and, where one exists, the corrected value.  Mechanical mistakes (numbering,
punctuation, date form) also carry :class:`Edit` objects that ``--fix`` applies to a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from drafter.tree import Origin

EXCERPT_CHARS = 24


class Severity(Enum):
    """How bad a finding is; ``value`` is the stable code used in JSON."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        return _RANKS[self]


_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is: paragraph number (from 1), enclosing headings as written, excerpt."""

    paragraph: int | None = None
    heading_path: tuple[str, ...] = ()
    excerpt: str = ""
    # Where it starts in the source file, from 1: the line of a .txt/.md file, the paragraph of
    # a .docx (``describe`` is told which: 行 or 段).
    source_position: int | None = None
    # The block the finding is in, by where it came from: a draft's section and figures, or a
    # source paragraph.  What places a finding (the TUI, --fix) reads this, never the text.
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def describe(self, unit: str = "段") -> str:
        parts = []
        if self.source_position is not None:
            parts.append(f"第{self.source_position}{unit}")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.heading_path:
            parts.append(" > ".join(_short(h, 16) for h in self.heading_path))
        return "，".join(parts)


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of paragraph ``paragraph`` (from 1) with ``replacement``."""

    paragraph: int
    start: int
    end: int
    replacement: str


class Finding(NamedTuple):
    severity: Severity
    code: str  # rule code, e.g. "numbering.form"; stable, used in JSON
    message: str  # plain Chinese
    location: Location = Location()
    found: str | None = None  # the text as written
    corrected: str | None = None  # the corrected value, where one exists
    edits: tuple[Edit, ...] = ()  # mechanical fixes that --fix applies

    @property
    def fixable(self) -> bool:
        return bool(self.edits)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "paragraph": self.location.paragraph,
            "line": self.location.source_position,  # the key check --json has always had
            "heading_path": list(self.location.heading_path),
            "excerpt": self.location.excerpt,
            "found": self.found,
            "corrected": self.corrected,
            "fixable": self.fixable,
        }


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = EXCERPT_CHARS) -> str:
    """A short piece of ``text`` around ``text[start:end]``, with … where it was cut."""
    end = start if end is None else end
    if len(text) <= width:
        return text
    span = end - start
    before = max(0, (width - span) // 3)
    left = max(0, start - before)
    right = min(len(text), max(end, left + width))
    left = max(0, min(left, right - width))
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then hints; inside each, in reading order."""

    def key(f: Finding) -> tuple[int, int]:
        paragraph = f.location.paragraph if f.location.paragraph is not None else 0
        return (f.severity.rank, paragraph)

    return sorted(findings, key=key)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    result = {severity.value: 0 for severity in Severity}
    for finding in findings:
        result[finding.severity.value] += 1
    return result


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def format_findings(file: str, findings: list[Finding], unit: str = "段") -> str:
    """Findings grouped by severity, each with its location, explanation and excerpt."""
    summary = counts(findings)
    if not findings:
        return f"{file}：未发现问题。\n"
    head = "，".join(f"{summary[s.value]} 个{s.label}" for s in Severity if summary[s.value])
    lines = [f"{file}：{head}"]
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        lines.append("")
        lines.append(f"{severity.label}（{len(group)}）")
        for index, finding in enumerate(group, start=1):
            where = finding.location.describe(unit) or "全文"
            lines.append(f"  {index}. {where}")
            lines.append(f"     {finding.message}")
            if finding.location.excerpt:
                lines.append(f"     原文：{finding.location.excerpt}")
            if finding.fixable:
                lines.append(f"     可用 --fix 自动修正为：{finding.corrected}")
    return "\n".join(lines) + "\n"
