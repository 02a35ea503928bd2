"""Heading numbers, computed from the tree and never stored.

一、 for level 1, （一） for level 2, 1. for level 3 and （1） for level 4 (GB/T 9704 7.3.3).
Each level counts inside its parent; a skipped level (一、 followed directly by 1.) simply
counts inside the nearest higher heading, which is the allowed two-level form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Block, Heading

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (the forms headings use)."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading counters run from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int | None:
    """The inverse of :func:`chinese_numeral`; None when ``text`` is not such a numeral."""
    if not text or any(ch not in _DIGITS[1:] + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = _DIGITS.index(head) if head else 1
    ones = _DIGITS.index(tail) if tail else 0
    return tens * 10 + ones


def format_number(level: int, counter: int, layout: LayoutProfile = DEFAULT_LAYOUT) -> str:
    """The number as it is written before a heading of ``level``: 一、 （一） 1. （1）."""
    pattern = layout.heading_numbers[level - 1]
    return pattern.format(cn=chinese_numeral(counter), n=counter)


def heading_counters(levels: Iterable[int]) -> list[int]:
    """Each heading's position inside its parent, for headings given by level in order."""
    counters = [0, 0, 0, 0]
    positions = []
    for level in levels:
        counters[level - 1] += 1
        for deeper in range(level, 4):
            counters[deeper] = 0
        positions.append(counters[level - 1])
    return positions


def number_headings(blocks: Sequence[Block], layout: LayoutProfile = DEFAULT_LAYOUT) -> list[str]:
    """The number of every heading among ``blocks``, in order."""
    headings = [block for block in blocks if isinstance(block, Heading)]
    counters = heading_counters(h.level for h in headings)
    return [format_number(h.level, c, layout) for h, c in zip(headings, counters, strict=True)]


def numbered_title(number: str, title: str) -> str:
    """A heading as a reader sees it: the number written straight before the title."""
    return f"{number}{title}"
