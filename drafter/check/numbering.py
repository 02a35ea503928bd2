"""Heading numbers as written: their form at each level, their sequence, skipped levels.

The expected form of each level comes from the layout profile (一、 （一） 1. （1）); a heading's
expected counter is its position inside its parent (:func:`drafter.numbering.heading_counters`),
so a level-3 heading directly under a level-1 heading — the allowed two-level form — simply
counts inside it.
"""

from __future__ import annotations

from typing import NamedTuple

from drafter.check.findings import Edit, Finding, Severity
from drafter.check.paragraphs import Para, Report, locate
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.numbering import format_number, heading_counters
from drafter.vocab.headings import LEVEL_NAMES, parse_heading_number


class WrittenNumber(NamedTuple):
    value: int
    text: str  # the number exactly as written, e.g. "2、" or "（一）、"


def parse_written_number(number: str) -> WrittenNumber | None:
    """The counter a heading number states, whatever its form; None when it states none."""
    stripped = number.strip()
    parsed = parse_heading_number(stripped)
    if parsed is None or parsed[3].strip():
        return None  # no number, or more than a number
    return WrittenNumber(parsed[1], stripped)


def _form_hint(written: str, level: int, expected: str) -> str:
    """Why a number's form is wrong, in the words a clerk knows."""
    if "(" in written or ")" in written:
        return "用了半角括号，应用全角括号"
    if written.startswith("（") and written.endswith(("、", ".", "．")):
        return "括号后不加顿号或句点"
    if expected.endswith(".") and written.endswith("、"):
        return "阿拉伯数字后用半角句点“.”，不用顿号"
    if expected.endswith("、") and written[:1].isdigit():
        return "应用汉字数字"
    if expected.endswith(".") and not written[:1].isdigit():
        return "应用阿拉伯数字"
    return f"{LEVEL_NAMES[level - 1]}的编号形式为“{expected}”"


def check_numbering(report: Report, layout: LayoutProfile = DEFAULT_LAYOUT) -> list[Finding]:
    headings = [p for p in report.headings() if p.level is not None]
    positions = heading_counters(p.level for p in headings if p.level is not None)
    findings: list[Finding] = []
    findings.extend(_forms_and_sequences(headings, positions, layout))
    findings.extend(_skipped_levels(headings))
    return findings


def _edit(para: Para, corrected: str) -> Edit:
    return Edit(para.number, 0, para.title_start, corrected)


class _Break(NamedTuple):
    """A heading whose counter breaks the sequence, and the later siblings renumbered with it:
    ``edits`` renumbers the heading first, then each of them."""

    para: Para
    message: str
    found: str
    corrected: str
    edits: list[Edit]

    def finding(self) -> Finding:
        message = self.message
        followers = len(self.edits) - 1
        if followers:
            message += f"，其后{followers}个同级标题的编号随之顺延"
        return Finding(
            Severity.ERROR,
            "numbering.sequence",
            message + "。",
            locate(self.para),
            found=self.found,
            corrected=self.corrected,
            edits=tuple(self.edits),
        )


def _forms_and_sequences(
    headings: list[Para], positions: list[int], layout: LayoutProfile
) -> list[Finding]:
    findings: list[Finding] = []
    # Per level: the previous sibling's written counter, and the open sequence break whose
    # consistent followers are renumbered with it; both reset the way heading_counters does.
    previous: list[int | None] = [None, None, None, None]
    open_break: list[_Break | None] = [None, None, None, None]
    breaks: list[_Break] = []

    for para, position in zip(headings, positions, strict=True):
        level = para.level or 1
        for deeper in range(level, 4):
            previous[deeper] = None
            open_break[deeper] = None
        expected = format_number(level, position, layout)
        written = parse_written_number(para.heading_number)
        if written is None:
            previous[level - 1] = position
            continue
        prev = previous[level - 1]
        previous[level - 1] = written.value
        form_ok = written.text == format_number(level, written.value, layout)
        sequence_ok = written.value == position
        if not form_ok:
            hint = _form_hint(written.text, level, expected)
            message = f"{LEVEL_NAMES[level - 1]}编号“{written.text}”{hint}，应为“{expected}”"
            if not sequence_ok:
                message += f"（同级第{position}个标题）"
            findings.append(
                Finding(
                    Severity.ERROR,
                    "numbering.form",
                    message + "。",
                    locate(para),
                    found=written.text,
                    corrected=expected,
                    edits=(_edit(para, expected),),
                )
            )
            open_break[level - 1] = None
            continue
        if sequence_ok:
            open_break[level - 1] = None
            if para.title_start > len(para.heading_number):
                findings.append(_spacing_finding(para, expected))
            continue
        current = open_break[level - 1]
        if current is not None and prev is not None and written.value == prev + 1:
            # Consistent with the break before it: renumbered with it, not reported again.
            current.edits.append(_edit(para, expected))
            continue
        if prev is None:
            what = f"同级第一个标题的编号是“{written.text}”"
        elif written.value <= prev:
            what = f"编号“{written.text}”与前面的编号重复"
        else:
            what = f"编号不连续，“{format_number(level, prev, layout)}”之后是“{written.text}”"
        current = _Break(
            para,
            f"{LEVEL_NAMES[level - 1]}{what}，应为“{expected}”",
            written.text,
            expected,
            [_edit(para, expected)],
        )
        open_break[level - 1] = current
        breaks.append(current)

    findings.extend(b.finding() for b in breaks)
    return findings


def _spacing_finding(para: Para, expected: str) -> Finding:
    return Finding(
        Severity.INFO,
        "numbering.space",
        f"标题编号“{expected}”后不空格。",
        locate(para),
        found=para.text[: para.title_start],
        corrected=expected,
        edits=(_edit(para, expected),),
    )


def _skipped_levels(headings: list[Para]) -> list[Finding]:
    findings = []
    stack: list[int] = []
    for para in headings:
        level = para.level or 1
        while stack and stack[-1] >= level:
            stack.pop()
        parent = stack[-1] if stack else 0
        stack.append(level)
        if level - parent <= 1 or (parent == 1 and level == 3):
            continue
        if parent == 0:
            where = f"前面没有{LEVEL_NAMES[0]}"
        else:
            where = f"直接出现在{LEVEL_NAMES[parent - 1]}之下"
        missing = "、".join(LEVEL_NAMES[parent : level - 1])
        findings.append(
            Finding(
                Severity.WARNING,
                "numbering.skipped-level",
                f"{LEVEL_NAMES[level - 1]}“{para.heading_number.strip()}”{where}，跳过了{missing}"
                "（只允许“一、”之下直接用“1.”的两级形式）。",
                locate(para),
                found=para.heading_number.strip(),
            )
        )
    return findings
