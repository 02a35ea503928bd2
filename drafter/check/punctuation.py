"""Punctuation inside Chinese text: half-width ,;:() where full-width belongs, quote styles, and
spaces between Chinese characters and figures ("2023 年").

Decimals, times (10:30), thousands separators (14,500), URLs and runs of Latin text are left
alone: a half-width mark is reported only when a Chinese character stands next to it (or, for
parentheses, inside or next to the pair).  Heading numbers are the numbering rules' business.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from drafter.check.findings import Edit, Finding, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.vocab.chars import FULL_WIDTH, MARK_NAMES, has_cjk, is_han, positions
from drafter.vocab.chars import is_cjk as is_chinese
from drafter.vocab.regex import lazy, one_of
from drafter.vocab.words import PERCENT_UNITS

# The half-width marks checked one by one (parentheses are checked as pairs).
_NAMES = {mark: MARK_NAMES[mark] for mark in ",;:"}
# Each alternative starts only where its run starts (the lookbehinds), so a long line of letters
# or spaces is scanned once, not once per position.
_SKIP = lazy(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _skipped(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_SKIP`; only a text holding what each of its alternatives must
    hold ("http", "www.", "@") is searched."""
    return [m.span() for m in _SKIP.finditer(text)] if _may_skip(text) else []


def _may_skip(text: str) -> bool:
    return "http" in text or "www." in text or "@" in text


# A figure with spaces on either side; whether a Chinese character stands beyond the spaces is
# decided in code (a regex class over the CJK block is slow to compile on every start, and so
# is one of the three spaces: they are written with one_of, and (?=\s) passes over at once the
# many places that hold no space of any kind).
_FIGURE_SPACES = " \u00a0\u3000"
_SPACE = one_of(_FIGURE_SPACES)
_SPACED_FIGURE = lazy(
    rf"(?:(?=\s)(?<!{_SPACE})(?P<pre>{_SPACE}+))?(?<![0-9A-Za-z_.])"
    r"(?P<figure>\d+(?:[.,]\d+)*%?)"
    rf"(?![0-9A-Za-z_])(?P<post>{_SPACE}+)?"
)
# Each rule reports at most this many slips in one paragraph, so that a pasted megabyte of
# "汉 1 汉 1 …" costs seconds and megabytes, not minutes and a gigabyte.
MAX_PER_PARAGRAPH = 1000
_CORNER_QUOTES = lazy(r"「([^」]*)」|『([^』]*)』")
_CHECKED_ROLES = (Role.TITLE, Role.ADDRESSEE, Role.HEADING, Role.BODY, Role.CLOSING, Role.SIGNATURE)


def check_punctuation(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    curly_quotes = any("“" in p.text or "”" in p.text for p in report.paragraphs)
    for para in report.paragraphs:
        if para.role not in _CHECKED_ROLES:
            continue
        start = para.title_start if para.is_heading else 0
        skipped = _skipped(para.text)
        findings.extend(_half_width(para, start, skipped))
        findings.extend(_parentheses(para, start, skipped))
        findings.extend(_quotes(para, start, curly_quotes))
        findings.extend(_spacing(para, start))
        findings.extend(_unbalanced_quotes(para))
    findings.extend(_percent_signs(report))
    return findings


_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"))
# Each pair's two marks, found by the regex engine: only they move the depth below.
_QUOTE_MARKS = tuple(re.compile(f"[{opening}{closing}]") for opening, closing in _QUOTE_PAIRS)


def _unbalanced_quotes(para: Para) -> list[Finding]:
    """A paragraph whose opening and closing quotes (or 《》) do not pair up."""
    findings = []
    for (opening, closing), marks in zip(_QUOTE_PAIRS, _QUOTE_MARKS, strict=True):
        depth, unmatched = 0, -1
        for found in marks.finditer(para.text):
            i, char = found.start(), found.group()
            if char == opening:
                if depth == 0:
                    unmatched = i
                depth += 1
            elif char == closing:
                if depth == 0:
                    unmatched, depth = i, -1
                    break
                depth -= 1
        if depth == 0:
            continue
        mark = para.text[unmatched]
        missing = closing if mark == opening else opening
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.unbalanced",
                f"“{mark}”没有与之配对的“{missing}”。",
                locate(para, unmatched, unmatched + 1),
                found=mark,
            )
        )
    return findings


def _percent_signs(report: Report) -> list[Finding]:
    """％ and % mixed in one report: the less used one is reported, to be written as the other."""
    places = [
        (para, i, char)
        for para in report.paragraphs
        if para.role in _CHECKED_ROLES and any(sign in para.text for sign in PERCENT_UNITS)
        for i, char in enumerate(para.text)
        if char in PERCENT_UNITS
    ]
    half = sum(1 for _, _, char in places if char == "%")
    full = len(places) - half
    if not half or not full:
        return []
    odd, usual = ("％", "%") if full <= half else ("%", "％")
    return [
        Finding(
            Severity.WARNING,
            "punctuation.percent",
            f"百分号“％”与“%”混用，全文应统一为“{usual}”。",
            locate(para, i, i + 1),
            found=odd,
            corrected=usual,
            edits=(Edit(para.number, i, i + 1, usual),),
        )
        for para, i, char in places
        if char == odd
    ]


def _in(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, len(spans) and spans[-1][1] + 1)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _neighbour(text: str, position: int, step: int) -> str:
    """The nearest character that is not a space, left (step -1) or right (step 1)."""
    i = position + step
    while 0 <= i < len(text) and text[i] in " \u00a0\t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """A little text around a mark, so that found/corrected read as a phrase."""
    return max(0, start - 4), min(len(text), end + 4)


def _half_width(para: Para, start: int, skipped: list[tuple[int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    text = para.text
    for position in positions(text, "".join(_NAMES), start):
        if len(findings) >= MAX_PER_PARAGRAPH:
            break  # a line of thousands of the same slip: the first ones say it
        mark = text[position]
        if _in(position, skipped):
            continue
        left, right = _neighbour(text, position, -1), _neighbour(text, position, 1)
        if not (is_chinese(left) or is_chinese(right)):
            continue  # 14,500 · 10:30 · Latin text
        # Spaces that followed the half-width mark go with it.
        end = position + 1
        while end < len(text) and text[end] in " \u00a0":
            end += 1
        begin = position
        while begin > start and text[begin - 1] in " \u00a0":
            begin -= 1
        edit = Edit(para.number, begin, end, FULL_WIDTH[mark])
        a, b = _context(text, begin, end)
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.half-width",
                f"中文里用了半角{_NAMES[mark]}“{mark}”，应为全角“{FULL_WIDTH[mark]}”。",
                locate(para, begin, end),
                found=text[a:b],
                corrected=text[a:begin] + FULL_WIDTH[mark] + text[end:b],
                edits=(edit,),
            )
        )
    return findings


def _parentheses(para: Para, start: int, skipped: list[tuple[int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    text = para.text
    for opening, closing in _pairs(text, start):
        if len(findings) >= MAX_PER_PARAGRAPH:
            break  # a line of thousands of the same slip: the first ones say it
        first = opening if opening >= 0 else closing
        last = closing if closing >= 0 else opening
        if _in(first, skipped):
            continue
        inside = ""
        if opening >= 0 and closing >= 0:
            if closing - opening > 2 * _PAIR_REACH:  # nested pairs on a long line: look near
                inside = (
                    text[opening + 1 : opening + 1 + _PAIR_REACH]
                    + text[closing - _PAIR_REACH : closing]
                )
            else:
                inside = text[opening + 1 : closing]
        outside = _neighbour(text, first, -1) + _neighbour(text, last, 1)
        if not has_cjk(inside + outside):
            continue  # (2012) after Latin text, a formula…
        edits = []
        if opening >= 0:
            edits.append(Edit(para.number, opening, opening + 1, "（"))
        if closing >= 0:
            edits.append(Edit(para.number, closing, closing + 1, "）"))
        found, corrected = _pair_excerpt(text, first, last, opening, closing)
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.parentheses",
                "中文里用了半角括号，应为全角“（）”。",
                locate(para, first, last + 1),
                found=found,
                corrected=corrected,
                edits=tuple(edits),
            )
        )
    return findings


_PAIR_REACH = 100


def _pair_excerpt(text: str, first: int, last: int, opening: int, closing: int) -> tuple[str, str]:
    """The pair as written and corrected; a pair far apart shows its two ends."""

    def corrected(a: int, b: int) -> str:
        return "".join(
            FULL_WIDTH.get(text[i], text[i]) if i in (opening, closing) else text[i]
            for i in range(a, b)
        )

    if last - first < 2 * _PAIR_REACH:
        return text[first : last + 1], corrected(first, last + 1)
    head, tail = (first, first + 20), (last - 19, last + 1)
    return (
        f"{text[slice(*head)]}…{text[slice(*tail)]}",
        f"{corrected(*head)}…{corrected(*tail)}",
    )


def _pairs(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Half-width parentheses as (open, close); an unmatched one pairs with -1."""
    stack: list[int] = []
    for position in positions(text, "()", start):
        if text[position] == "(":
            stack.append(position)
        else:
            yield (stack.pop() if stack else -1), position
    for opening in stack:
        yield opening, -1


def _quotes(para: Para, start: int, curly_elsewhere: bool) -> list[Finding]:
    findings: list[Finding] = []
    text = para.text
    straight = positions(text, '"', start)
    for opening, closing in zip(straight[::2], straight[1::2], strict=False):
        if len(findings) >= MAX_PER_PARAGRAPH:
            break  # a line of thousands of the same slip: the first ones say it
        inside = text[opening + 1 : closing]
        if not any(is_chinese(ch) for ch in inside + _neighbour(text, opening, -1)):
            continue
        found = text[opening : closing + 1]
        why = "中文引号与英文直引号混用" if curly_elsewhere else "中文里用了英文直引号"
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.quotes",
                f"{why}，应为“”。",
                locate(para, opening, closing + 1),
                found=found,
                corrected=f"“{inside}”",
                edits=(
                    Edit(para.number, opening, opening + 1, "“"),
                    Edit(para.number, closing, closing + 1, "”"),
                ),
            )
        )
    corner = curly_elsewhere and ("「" in text or "『" in text)
    for match in _CORNER_QUOTES.finditer(text[start:]) if corner else ():
        begin, end = match.start() + start, match.end() + start
        double = match.group(0).startswith("「")
        inside = match[1] if double else match[2]
        corrected = f"“{inside}”" if double else f"‘{inside}’"
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.quotes",
                "直角引号与弯引号混用，应统一为“”。",
                locate(para, begin, end),
                found=match.group(0),
                corrected=corrected,
                edits=(
                    Edit(para.number, begin, begin + 1, corrected[0]),
                    Edit(para.number, end - 1, end, corrected[-1]),
                ),
            )
        )
    return findings


def _in_latin(text: str, position: int) -> bool:
    """Whether a figure belongs to Latin text ("GB/T 9704-2012"): the run of ASCII before it,
    spaces included, holds a letter."""
    i = position
    while i > 0 and text[i - 1].isascii():
        i -= 1
        if text[i].isalpha():
            return True
    return False


def _spaced_digit(text: str, start: int) -> bool:
    """Whether a space stands next to a digit (or after a %) from ``start`` on: what every
    match of _SPACED_FIGURE with spaces holds, \\d being a decimal digit."""
    for i in positions(text, _FIGURE_SPACES, start):
        if text[i + 1 : i + 2].isdigit() or (
            i > 0 and (text[i - 1].isdigit() or text[i - 1] == "%")
        ):
            return True
    return False


def _spacing(para: Para, start: int) -> list[Finding]:
    findings: list[Finding] = []
    text = para.text
    if not _spaced_digit(text, start):
        return findings  # a figure's spaces are what this rule reports
    for match in _SPACED_FIGURE.finditer(text, start):
        if len(findings) >= MAX_PER_PARAGRAPH:
            break  # a line of thousands of the same slip: the first ones say it
        pre = bool(match["pre"]) and match.start() > 0 and is_han(text[match.start() - 1])
        post = bool(match["post"]) and match.end() < len(text) and is_han(text[match.end()])
        if not (pre or post) or _in_latin(text, match.start("figure")):
            continue
        edits = []
        begin, end = match.start("figure"), match.end("figure")
        if pre:
            begin = match.start("pre")
            edits.append(Edit(para.number, begin, match.end("pre"), ""))
        if post:
            end = match.end("post")
            edits.append(Edit(para.number, match.start("post"), end, ""))
        a = max(start, begin - 1)
        b = min(len(text), end + 1)
        found = text[a:b]
        corrected = text[a:begin] + match["figure"] + text[end:b]
        findings.append(
            Finding(
                Severity.WARNING,
                "punctuation.spacing",
                f"数字“{match['figure']}”与汉字之间不加空格。",
                locate(para, match.start(), match.end()),
                found=found,
                corrected=corrected,
                edits=tuple(edits),
            )
        )
    return findings
