"""Numbers as the checks compare and write them: precision, rounding, sentences and clauses.

What a figure is, what it counts and how figures relate is read by :mod:`drafter.reading`;
this module holds how a check compares a stated value with a computed one and writes the
corrected value.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

SENTENCE_END = "。！？!?"
CLAUSE_BREAK = "，,；;、：:（）()。！？!?\n"


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
