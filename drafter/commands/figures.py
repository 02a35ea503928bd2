"""``drafter figures DRAFT [--json]``: every figure of a draft, what it counts and who supplies it.

Without ``--json`` a table for the terminal.  With ``--json`` one object::

    {"version": 1,
     "figures": [
       {"section": "study",            # the section's id in the draft
        "heading": "深入学习贯彻……",    # the section's heading as the report prints it, no number
        "id": "exam_takers",           # the figure's id in the section
        "label": "法律知识考试参考人数",
        "unit": "人",                   # "%" for a rate
        "last": 75,                    # last year's value, or null
        "value": 79,                   # this year's value, or null; a derived one is computed
        "derived": false,              # true for a rate or total computed from other figures
        "from": "办公室",               # the office that supplies it (draft, else catalogue), or null
        "number": "（一）",             # the heading's number ("" for the opening)
        "type": "count",               # count / amount / percentage / text; rate / sum / change
                                       #   if derived
        "approx": null,                # 余 / 多 / 以上 / 超 / 近 / 约, or null
        "part_of": null,               # the id of the total a "其中" figure belongs to, or null
        "help": "",                    # the catalogue's note on the figure
        "source": null,                # where drafter fill took the value from:
                                       #   {"file", "sheet", "cell", "date"}, or null
        "formula": null}               # a derived figure's formula ("n2 / n1", "a + b",
     ]}                                #   "yoy(n1)"), or null for a typed one

Numbers are JSON numbers (integers for counts), text figures are strings.  A change (type
``change``) is signed, in "%" of last year's value or, for a rate, in "个百分点"; its ``last``
is null.  Figures are listed in report order, only for enabled sections, derived figures after
the typed ones of their section (a draft's own ones in the order they compute).
``version`` changes only if a field is renamed or changes meaning; fields may be added.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from drafter.figures import plain, with_unit
from drafter.inventory import FigureRow, figure_rows, figures_json, resolve_file


def _shown(row: FigureRow, value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, int | Decimal):
        return f"{plain(value)}%" if row.unit == "%" else with_unit(value, row.unit)
    return str(value)


def render(rows: list[FigureRow]) -> str:
    lines: list[str] = []
    place = None
    for row in rows:
        if row.place != place:
            place = row.place
            lines.append(place)
        mark = "（计算）" if row.derived else ""
        supplier = f"  由 {row.supplier} 提供" if row.supplier else ""
        source = f"  来自 {row.source}" if row.source else ""
        lines.append(
            f"  {row.id}  {row.label}{mark}：本年 {_shown(row, row.value)}，"
            f"上年 {_shown(row, row.last)}{supplier}{source}"
        )
    missing = sum(1 for row in rows if not row.derived and not row.filled)
    lines.append(f"共 {len(rows)} 项数字，其中待填 {missing} 项。")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    rows = figure_rows(resolve_file(args.draft))
    if args.json:
        json.dump(figures_json(rows), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(rows))
    return 0
