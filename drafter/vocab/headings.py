"""Heading numbers as reports write them: 一、 （一） 1. （1）, and the looser forms clerks type
("(一)", "1、", "一，", "①").  Which form stands for which level (GB/T 9704 7.3.3)."""

from __future__ import annotations

from drafter.vocab.numerals import NUMERAL_CHARS, parse_chinese_numeral
from drafter.vocab.regex import LazyPattern, lazy, one_of
from drafter.vocab.words import LEVEL_NAMES

__all__ = ["CIRCLED", "LEVEL_NAMES", "NUMBER_FORMS", "heading_counter", "parse_heading_number"]

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = NUMERAL_CHARS
# [一二…零] and the marks after a number [、，,.．], written so as to compile with no bitmap.
_NUMERAL = one_of(_CN)
_MARK = one_of("、，,.．")
# Each form of heading number, the level it stands for, and its counter.  Tried in order.
NUMBER_FORMS: tuple[tuple[int, LazyPattern], ...] = (
    (2, lazy(rf"^\s*[（(]\s*(?P<n>{_NUMERAL}{{1,5}})\s*[）)]\s*{_MARK}?\s*")),
    (4, lazy(rf"^\s*[（(]\s*(?P<n>\d{{1,2}})\s*[）)]\s*{_MARK}?\s*")),
    (1, lazy(rf"^\s*(?P<n>{_NUMERAL}{{1,5}})\s*{_MARK}\s*")),
    (3, lazy(r"^\s*(?P<n>\d{1,2})\s*(?:[.．](?!\d)|、)\s*")),
    (4, lazy(r"^\s*(?P<n>\d{1,2})\s*[)）]\s*")),
    (4, lazy(rf"^\s*(?P<n>[{CIRCLED}])\s*")),
)


# What follows the one or two digits of a number "1." "2、" "3）", after any spaces.
_AFTER_DIGITS = ".．、)）"


def _starts(head: str) -> tuple[bool, ...]:
    """For each of NUMBER_FORMS, whether a text whose first characters after its spaces are
    ``head`` (one to three of them) may match it: what each pattern requires there (\\d is a
    decimal digit, and every decimal digit isdigit; the second or the third character is a
    space or a mark after the digits, so "2023年以来" and "13个" are no number).  Only those
    patterns are tried, so a report compiles the forms its paragraphs could hold."""
    first = head[:1]
    paren = first in ("（", "(")
    numeral = first != "" and first in _CN
    digit = first.isdigit() and (
        len(head) < 3 or any(c.isspace() or c in _AFTER_DIGITS for c in head[1:])
    )
    circled = first != "" and first in CIRCLED
    return (paren, paren, numeral, digit, digit, circled)


def heading_counter(token: str) -> int | None:
    """The counter a number's digits state: "十二" → 12, "3" → 3, "③" → 3."""
    if token in CIRCLED:
        return CIRCLED.index(token) + 1
    if token.isdigit():
        return int(token)
    return parse_chinese_numeral(token)


def parse_heading_number(text: str) -> tuple[int, int, str, str] | None:
    """(form level, counter, the number as written, the rest) when ``text`` starts with a
    heading number; None otherwise.  "2023.12.26", "3.19城市管理日" and "一是" are not."""
    at = 0
    while at < len(text) and text[at].isspace():  # what \s matches
        at += 1
    for (form_level, pattern), possible in zip(
        NUMBER_FORMS, _starts(text[at : at + 3]), strict=True
    ):
        if not possible:
            continue
        match = pattern.match(text)
        if match:
            value = heading_counter(match.group("n"))
            if value is None:
                continue
            return form_level, value, match.group(0).strip(), text[match.end() :]
    return None
