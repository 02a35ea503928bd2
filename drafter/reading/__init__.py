"""Reading a report the way a clerk does: what each figure counts and how figures relate.

:func:`read_figures` turns a paragraph into its figures (value, unit, approximation word, the
thing counted, the action, the period), the breakdowns that join parts to their total, the
rates and the year-on-year changes it states.  Every relation says whether the reading is
certain; nothing downstream may treat an uncertain one as a fact.
"""

from drafter.reading.figures import (
    Breakdown,
    Period,
    Quantity,
    ReadFigure,
    Reading,
    StatedChange,
    StatedRate,
    read_figures,
)

__all__ = [
    "Breakdown",
    "Period",
    "Quantity",
    "ReadFigure",
    "Reading",
    "StatedChange",
    "StatedRate",
    "read_figures",
]
