"""Figures in report text: counts with their units, percentages, sentences and clauses.

Shared by the arithmetic and date rules.  A figure is an Arabic number (with 万/亿, thousands
separators, decimals) followed by a unit; "余", "多", "以上", "约", "近", "超" mark it as
approximate, and approximate figures are never used to prove a contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from drafter.vocab.words import (
    APPROX_AFTER_NUMBER,
    PERCENT_UNITS,
    READ_APPROX_AFTER_UNIT,
    READ_APPROX_BEFORE,
    UNIT_CLASSES,
    UNITS,
    alternatives,
)

_FIGURE = re.compile(
    rf"(?P<before>{alternatives(READ_APPROX_BEFORE)})?"
    r"(?<![\d.])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<scale>万|亿)?(?P<more>{alternatives(APPROX_AFTER_NUMBER)})?"
    rf"(?P<unit>{alternatives(UNITS)})"
    rf"(?P<after>{alternatives(READ_APPROX_AFTER_UNIT)})?"
)

SENTENCE_END = "。！？!?"
CLAUSE_BREAK = "，,；;、：:（）()。！？!?\n"


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    start: int  # offsets in the paragraph text
    end: int
    approximate: bool

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    @property
    def text(self) -> str:
        return format_value(self.value) + self.unit

    def same_kind(self, other: Figure) -> bool:
        return unit_class(self.unit) == unit_class(other.unit)


def unit_class(unit: str) -> str:
    for members in UNIT_CLASSES:
        if unit in members:
            return min(members)
    return unit


def figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]``, offsets relative to ``text``."""
    end = len(text) if end is None else end
    found = []
    for match in _FIGURE.finditer(text, start, end):
        raw = match["number"].replace(",", "")
        value = float(raw)
        if match["scale"] == "万":
            value *= 10_000
        elif match["scale"] == "亿":
            value *= 100_000_000
        unit = match["unit"]
        if unit == "个百分点":
            continue
        approximate = bool(match["before"] or match["more"] or match["after"])
        begin = match.start("number")
        found.append(Figure(value, unit, begin, match.end(), approximate))
    return found


def decimals(number: str) -> int:
    return len(number.partition(".")[2])


def format_value(value: float, places: int | None = None) -> str:
    """A number the way a report writes it: no trailing zeros, at most ``places`` decimals."""
    if places is None:
        places = 0 if value == int(value) else 2
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_rate(value: float, stated_places: int) -> str:
    """A computed percentage: a whole number as such, otherwise to the stated precision (≥1)."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.{max(stated_places, 1)}f}"


def agrees(stated: float, computed: float, places: int) -> bool:
    """Whether a stated value is the computed one at the stated precision, rounded or cut."""
    if stated * computed < 0:
        return False
    step = Decimal(1).scaleb(-places)
    exact = Decimal(repr(abs(computed)))
    written = Decimal(repr(abs(stated))).quantize(step)
    return written in (exact.quantize(step, ROUND_HALF_UP), exact.quantize(step, ROUND_DOWN))


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``: from after the previous 。！？ to its own."""
    start = position
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = position
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return start, min(len(text), end + 1)


def clause_bounds(
    text: str, position: int, lower: int = 0, upper: int | None = None
) -> tuple[int, int]:
    """The clause around ``position``: between the nearest ，；、： or parentheses either side."""
    upper = len(text) if upper is None else upper
    start = position
    while start > lower and text[start - 1] not in CLAUSE_BREAK:
        start -= 1
    end = position
    while end < upper and text[end] not in CLAUSE_BREAK:
        end += 1
    return start, end
