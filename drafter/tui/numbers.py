"""Numbers the clerk types into a section's wording, which the editor offers to make figures.

A number typed where a slot was ("12件" for 〔行政复议案件数：10件〕) is text to the report: it
is never checked, rolled or computed with.  The editor finds each number with its unit that
stands in the wording's own text (not in a slot) and was not there when the section was
opened, proposes what it counts by the figure reader (:func:`drafter.reading.figures.
read_figures` on the line as the report writes it), and the clerk may make it a figure: a
protected slot in the wording, and a figure of the section in the draft.  No Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from drafter.reading.figures import Quantity, quantities, read_figures
from drafter.tui.places import written_line
from drafter.tui.wording import SLOT, Wording
from drafter.vocab.words import APPROX_WORDS, PERCENT_UNITS

_MASK = "＿"  # stands for a slot's characters, so that a slot's value is never read as typed


@dataclass(frozen=True)
class NewNumber:
    """A number with its unit in the wording's own text, not a figure yet."""

    row: int
    column: int  # where it starts in the wording line
    text: str  # as written: "12件", "530余人次"
    value: Decimal
    unit: str
    approx: str | None
    label: str  # what the figure reader says it counts; '' when it cannot tell

    @property
    def kind(self) -> str:
        """The figure type it makes: a percentage, a whole count, or an amount."""
        if self.unit in PERCENT_UNITS:
            return "percentage"
        return "count" if self.value == self.value.to_integral_value() else "amount"


def typed_quantities(wording: Wording) -> list[tuple[int, Quantity]]:
    """Every number with its unit in the wording's own text, by row (offsets are columns)."""
    found: list[tuple[int, Quantity]] = []
    for row, line in enumerate(wording.text.split("\n")):
        masked = SLOT.sub(lambda match: _MASK * len(match.group(0)), line)
        found.extend((row, quantity) for quantity in quantities(masked))
    return found


def seen(wording: Wording) -> Counter[str]:
    """The numbers a wording shows in its own text, to tell the ones typed later from."""
    return Counter(quantity.text for _, quantity in typed_quantities(wording))


def new_numbers(wording: Wording, before: Counter[str], year: int | None) -> list[NewNumber]:
    """The numbers of ``wording`` that ``before`` (:func:`seen`) does not account for, each
    with the label the figure reader proposes; only those a figure can write as they are
    (a bare number and unit, or one of the approximation words a figure takes)."""
    left = Counter(before)
    result = []
    lines = wording.text.split("\n")
    for row, quantity in typed_quantities(wording):
        if left[quantity.text] > 0:
            left[quantity.text] -= 1
            continue
        if quantity.approx is not None and quantity.approx not in APPROX_WORDS:
            continue
        digits = quantity.text[
            quantity.number_start - quantity.start : quantity.number_end - quantity.start
        ]
        if Decimal(digits.replace(",", "")) != quantity.value:
            continue  # 1.2万人: the number written is not the value it stands for
        result.append(
            NewNumber(
                row,
                quantity.start,
                quantity.text,
                quantity.value,
                quantity.unit,
                quantity.approx,
                _label(lines[row], wording, quantity, year),
            )
        )
    return result


def _label(line: str, wording: Wording, quantity: Quantity, year: int | None) -> str:
    """What the figure reader says the number at ``quantity`` counts, read in the line as the
    report writes it."""
    text, columns = written_line(line, wording)
    reading = read_figures(text, year)
    for figure in reading.figures:
        if columns[figure.quantity.number_start] == quantity.number_start:
            return figure.label
    return ""
