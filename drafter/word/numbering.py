"""Word's automatic list numbering, resolved on top of python-docx's numbering part.

python-docx gives the numbering part (``w:abstractNum`` definitions and the ``w:num`` lists
that use them) but does not count: this module draws the number Word puts in front of each
numbered paragraph ("一、", "（二）", "1.").

Every counter is bounded whatever the file says.  A ``w:start`` of 99999999999 is only a
number: a format that would grow with the value (letters repeat, Roman numerals add an M per
thousand) falls back to decimal digits beyond what Word itself draws, and a level text longer
than any real one is cut, so no paragraph's number can be longer than a few dozen characters.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from docx.oxml.ns import qn

from drafter.vocab.chars import FULLWIDTH_DIGITS
from drafter.vocab.headings import CIRCLED
from drafter.vocab.numerals import FINANCIAL, MAX_NUMERAL, chinese_numeral
from drafter.word.direct import child
from drafter.word.effective import VAL, integer

LEVELS = 9  # w:ilvl 0 to 8
MAX_LEVEL_TEXT = 40  # characters of w:lvlText; Word's own are under ten
MAX_LETTER_REPEAT = 8  # "aaaaaaaa" is item 190 of a lettered list; beyond it, digits
MAX_ROMAN = 3999  # the largest number Roman numerals write without overlines

_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "ideographDigital",
}
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789", FULLWIDTH_DIGITS)
_PLACEHOLDER = re.compile(r"%([1-9])")
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM, _NUM_ID = (
    qn("w:abstractNum"),
    qn("w:abstractNumId"),
    qn("w:num"),
    qn("w:numId"),
)
_LVL, _ILVL, _LVL_OVERRIDE, _START_OVERRIDE = (
    qn("w:lvl"),
    qn("w:ilvl"),
    qn("w:lvlOverride"),
    qn("w:startOverride"),
)
_START, _NUM_FMT, _LVL_TEXT = qn("w:start"), qn("w:numFmt"), qn("w:lvlText")


class Level(NamedTuple):
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def format_counter(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (``w:numFmt``), never long."""
    if fmt in _CHINESE_FORMATS:
        if 1 <= value <= MAX_NUMERAL:
            text = chinese_numeral(value)
            return text.translate(FINANCIAL) if fmt == "chineseLegalSimplified" else text
        return str(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(value - 1) % 12]
    if fmt in ("lowerLetter", "upperLetter"):
        repeat = (value - 1) // 26 + 1
        if value < 1 or repeat > MAX_LETTER_REPEAT:
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * repeat
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if not 1 <= value <= MAX_ROMAN:
            return str(value)
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(_FULL_WIDTH)
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for amount, letters in numerals:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _level(lvl: Any) -> tuple[int, Level]:
    ilvl = integer(lvl.get(_ILVL)) or 0
    start = child(lvl, _START)
    fmt = child(lvl, _NUM_FMT)
    text = child(lvl, _LVL_TEXT)
    first = integer(start.get(VAL)) if start is not None else None
    return ilvl, Level(
        start=1 if first is None else first,
        fmt=(fmt.get(VAL) or "decimal") if fmt is not None else "decimal",
        text=(text.get(VAL) or "")[:MAX_LEVEL_TEXT] if text is not None else f"%{ilvl + 1}.",
    )


class ListNumbering:
    """Counters per abstract list, as Word draws them, over the numbering part's element.

    The part is indexed up front; a list's levels are read the first time a paragraph uses it
    (a report numbers its paragraphs from one or two of the part's many definitions).
    """

    def __init__(self, root: Any) -> None:
        self._abstract_elements: dict[int, Any] = {}
        self._num_elements: dict[int, tuple[int, Any]] = {}
        self._abstract: dict[int, dict[int, Level]] = {}
        self._nums: dict[int, tuple[int, dict[int, Level], dict[int, int]]] = {}
        self._counters: dict[int, list[int | None]] = {}
        self._started: set[int] = set()
        if root is None:
            return
        for abstract in root.iterchildren(_ABSTRACT_NUM):
            abstract_id = integer(abstract.get(_ABSTRACT_NUM_ID))
            if abstract_id is not None:
                self._abstract_elements[abstract_id] = abstract
        for num in root.iterchildren(_NUM):
            num_id = integer(num.get(_NUM_ID))
            ref = child(num, _ABSTRACT_NUM_ID)
            abstract_id = integer(ref.get(VAL)) if ref is not None else None
            if num_id is None or abstract_id is None:
                continue
            self._num_elements[num_id] = (abstract_id, num)

    def _abstract_levels(self, abstract_id: int) -> dict[int, Level]:
        """The levels an abstract list defines (none, when the part has no such list)."""
        levels = self._abstract.get(abstract_id)
        if levels is None:
            abstract = self._abstract_elements.get(abstract_id)
            levels = {}
            if abstract is not None:
                levels = dict(_level(lvl) for lvl in abstract.iterchildren(_LVL))
            self._abstract[abstract_id] = levels
        return levels

    def _num(self, num_id: int) -> tuple[int, dict[int, Level], dict[int, int]] | None:
        """A list's abstract list, its level overrides and its restarts; None when undefined."""
        entry = self._nums.get(num_id)
        if entry is None and num_id in self._num_elements:
            abstract_id, num = self._num_elements[num_id]
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterchildren(_LVL_OVERRIDE):
                ilvl = integer(override.get(_ILVL))
                if ilvl is None:
                    continue
                start = child(override, _START_OVERRIDE)
                value = integer(start.get(VAL)) if start is not None else None
                if value is not None:
                    starts[ilvl] = value
                lvl = child(override, _LVL)
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)[1]
            entry = self._nums[num_id] = (abstract_id, overrides, starts)
        return entry

    def next_number(self, num_id: int, ilvl: int) -> tuple[str | None, str | None]:
        """Advance the list's counter at ``ilvl``; the number drawn and its format."""
        entry = self._num(num_id) if num_id != 0 else None
        if entry is None or not 0 <= ilvl < LEVELS:
            return None, None
        abstract_id, overrides, starts = entry
        levels = {**self._abstract_levels(abstract_id), **overrides}
        level = levels.get(ilvl)
        if level is None:
            return None, None
        # The last value drawn at each level of the abstract list; None: not started yet.
        counters = self._counters.setdefault(abstract_id, [None] * LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for restart_level, value in starts.items():
                if 0 <= restart_level < LEVELS:
                    counters[restart_level] = value - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return None, level.fmt

        def substitute(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            ref_level = levels.get(referenced, level)
            value = counters[referenced] if referenced < LEVELS else None
            return format_counter(ref_level.start if value is None else value, ref_level.fmt)

        return _PLACEHOLDER.sub(substitute, level.text), level.fmt
