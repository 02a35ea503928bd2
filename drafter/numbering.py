"""Heading numbers, computed from the tree and never stored.

一、 for level 1, （一） for level 2, 1. for level 3 and （1） for level 4 (GB/T 9704 7.3.3).
Each level counts inside its parent; a skipped level (一、 followed directly by 1.) simply
counts inside the nearest higher heading, which is the allowed two-level form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Block, Heading
from drafter.vocab.numerals import chinese_numeral


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
