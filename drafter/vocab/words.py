"""The word lists of ``words.yaml``: units, approximation words, organisation names."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from drafter.resources import shipped_data

_WORDS = Path(__file__).with_name("words.yaml")


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = shipped_data(_WORDS)
    return data


def _tuple(*keys: str) -> tuple[str, ...]:
    node: Any = _data()
    for key in keys:
        node = node[key]
    return tuple(node)


def longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """For regex alternatives: a longer word before any word it starts with."""
    return tuple(sorted(words, key=len, reverse=True))


# Units -----------------------------------------------------------------------------------
COUNT_UNITS = _tuple("units", "count")
MEASURE_UNITS = _tuple("units", "measure")
AMOUNT_UNITS = _tuple("units", "amount")
PERCENT_UNITS = _tuple("units", "percent")
UNITS = longest_first(COUNT_UNITS + MEASURE_UNITS + AMOUNT_UNITS + PERCENT_UNITS)
PERCENT_SIGN = "[" + "".join(PERCENT_UNITS) + "]"  # for regexes: [%％]
UNIT_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(members) for members in _data()["units"]["alike"]
)

# Approximation words ---------------------------------------------------------------------
APPROX_BEFORE = _tuple("approximation", "before_number")
APPROX_AFTER_NUMBER = _tuple("approximation", "after_number")
APPROX_AFTER_UNIT = _tuple("approximation", "after_unit")
# The words a draft's figure may carry, in the order the TUI offers them.
APPROX_WORDS = APPROX_AFTER_NUMBER + APPROX_AFTER_UNIT + APPROX_BEFORE
# Every word that marks a figure in a report as approximate, by where it stands.
READ_APPROX_BEFORE = longest_first(APPROX_BEFORE + _tuple("approximation", "also_before_number"))
READ_APPROX_AFTER_UNIT = longest_first(
    APPROX_AFTER_UNIT + _tuple("approximation", "also_after_unit")
)


# The figure reader ------------------------------------------------------------------------
def reading_words(key: str) -> tuple[str, ...]:
    """A word list of the figure reader (``reading:`` in words.yaml)."""
    return _tuple("reading", key)


def profile_clues(key: str) -> tuple[str, ...]:
    """A word list of the profile clues (``profile_clues:`` in words.yaml)."""
    return _tuple("profile_clues", key)


def national_documents() -> dict[str, tuple[str, ...]]:
    """National documents and the periods they were issued for."""
    return {name: tuple(periods) for name, periods in _data()["national_documents"].items()}


def year_words(key: str) -> tuple[str, ...]:
    """A word list of the years reader (``years:`` in words.yaml)."""
    return _tuple("years", key)


# Organisations ---------------------------------------------------------------------------
ORG_SUFFIXES = longest_first(_tuple("organisation", "suffixes"))
ORG_SUFFIX_CHARS: str = _data()["organisation"]["suffix_chars"]
PLACE_SUFFIXES = _tuple("organisation", "place_suffixes")

# Heading levels --------------------------------------------------------------------------
LEVEL_NAMES = _tuple("heading_levels")


def alternatives(words: tuple[str, ...]) -> str:
    """A regex group body matching any of ``words``, longest first: "人次|人|…"."""
    return "|".join(re.escape(word) for word in longest_first(words))


def self_reference(organisation: str) -> str:
    """我局 / 我区 / 我县: how a report refers to the organisation that writes it."""
    words = _data()["self_reference"]
    prefix = words["prefix"]
    place = organisation.removesuffix(words["government"])
    if place != organisation:
        return f"{prefix}{place[-1]}" if place else words["unnamed_government"]
    for suffix, short in words["suffixes"].items():
        if organisation.endswith(suffix):
            return f"{prefix}{short}"
    return str(words["otherwise"])
