"""How a draft declares a figure of its own that is computed, never typed: its ``formula``.

Three forms, each naming other figures of the same section by their ids::

    n2 / n1        the rate of n2 in n1, in percent to one decimal       (结案率60%)
    n1 + n2 + n3   the total of the figures                               (合计16件)
    yoy(n1)        n1's year-on-year change from its last year's value    (同比下降14.3%;
                   for a rate, the difference in percentage points:        同比提高2.5个百分点)

Full-width signs and brackets (／＋（）) read as their ASCII forms, and ``同比(n1)`` as
``yoy(n1)``.  What the ids stand for is checked where the section is known
(:mod:`drafter.validate`); here only the form is read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drafter.outline import DerivedDef, DerivedKind

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_WIDE = str.maketrans("／＋（）　", "/+() ")
_RATE = re.compile(rf"({_ID})\s*/\s*({_ID})")
_SUM = re.compile(rf"{_ID}(?:\s*\+\s*{_ID})+")
_CHANGE = re.compile(rf"(?:yoy|同比)\s*\(\s*({_ID})\s*\)")

FORMS = "a / b（比率）、a + b（合计）或 yoy(a)（同比变化）"


class FormulaError(ValueError):
    """A formula that is not one of the three forms; the message is Chinese."""


class Formula(NamedTuple):
    kind: DerivedKind
    inputs: tuple[str, ...]

    def definition(self, figure_id: str, label: str, unit: str = "") -> DerivedDef:
        """The derived figure this formula declares."""
        if self.kind == "rate":
            numerator, denominator = self.inputs
            return DerivedDef(
                id=figure_id, label=label, kind="rate", numerator=numerator, denominator=denominator
            )
        if self.kind == "change":
            return DerivedDef(id=figure_id, label=label, kind="change", of=self.inputs[0])
        return DerivedDef(id=figure_id, label=label, kind="sum", terms=self.inputs, unit=unit)


def parse_formula(text: str) -> Formula:
    """The formula's kind and the ids it reads, or :class:`FormulaError`."""
    written = text.translate(_WIDE).strip()
    if found := _RATE.fullmatch(written):
        return Formula("rate", (found.group(1), found.group(2)))
    if found := _CHANGE.fullmatch(written):
        return Formula("change", (found.group(1),))
    if _SUM.fullmatch(written):
        return Formula("sum", tuple(part.strip() for part in written.split("+")))
    shown = text if len(text) <= 40 else f"{text[:30]}…（共 {len(text)} 个字符）"
    raise FormulaError(f"无法识别公式“{shown}”，应为 {FORMS}，其中 a、b 为本部分数字的编号")
