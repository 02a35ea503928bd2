"""``drafter collect``: the workbook (采集表) that asks the other offices for their figures.

One row per figure still to fill (all typed figures with ``include_filled``); derived figures
(rates, totals) are never asked for.  Columns: 编号, 部分, 指标, 单位, 上年数值, 本年数值, 说明.
Only 本年数值 can be edited: the sheet is protected (without a password, so the clerk can lift
it), and the column checks each entry against the figure's type and bounds as it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.errors import InputError, os_reason
from drafter.figures import plain
from drafter.files import replacing
from drafter.inventory import UNASSIGNED, FigureRow, relation_note
from drafter.outline import TYPE_NAMES
from drafter.workbook import HEADER, VALUE_COLUMN, display_width

ONE_SHEET = "采集表"
MAX_TEXT_LENGTH = 500
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# Column widths in Excel character units: the text's width, within these bounds.
_WIDTH_BOUNDS = {"编号": (8, 34), "部分": (12, 40), "指标": (12, 36), "说明": (16, 50)}
_HEADER_FILL = "D9D9D9"
_INPUT_FILL = "FFF2CC"  # the cells to fill stand out


@dataclass
class Collected:
    """What was written: each sheet's name and the number of figures it asks for."""

    output: Path
    sheets: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.sheets.values())


def rows_to_ask(rows: Iterable[FigureRow], include_filled: bool = False) -> list[FigureRow]:
    """The typed figures still to fill (all of them with ``include_filled``), in report order."""
    return [row for row in rows if not row.derived and (include_filled or not row.filled)]


def sheet_name(office: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for an office: 31 characters, no []:*?/\\."""
    base = _SHEET_FORBIDDEN.sub("", office).strip("' ")[:31] or UNASSIGNED
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f"({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name.lower())
    return name


def _cell_number(value: object) -> object:
    """A value as the cell stores it: numbers as numbers, so Excel can compare them."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _expected(row: FigureRow) -> str:
    """What the 本年数值 cell takes, in words."""
    definition = row.definition
    assert definition is not None
    if definition.type == "text":
        return "填写文字"
    low, high = definition.lower_bound, definition.upper_bound
    words = TYPE_NAMES[definition.type]
    if definition.type == "percentage":
        words = f"{plain(low or Decimal(0))} 到 {plain(high or Decimal(100))} 之间的数，不带 %"
    elif definition.min is not None or definition.max is not None:
        bounds = []
        if low is not None:
            bounds.append(f"不小于 {plain(low)}")
        if high is not None:
            bounds.append(f"不大于 {plain(high)}")
        words += "，" + "、".join(bounds)
    return f"填写 {words}" if words[0].isdigit() else f"填写{words}"


def note(row: FigureRow, rows: list[FigureRow], with_office: bool) -> str:
    """The 说明 cell: the figure's help, its 其中 relation, what to type, who supplies it."""
    parts = [row.help, relation_note(row, rows), _expected(row)]
    if with_office:
        parts.append(f"由{row.supplier or UNASSIGNED}提供")
    if row.source is not None:
        parts.append(f"已由 {row.source} 填入")
    return "；".join(part.rstrip("。；") for part in parts if part) + "。"


def _validation(row: FigureRow) -> dict[str, Any]:
    """The data validation of the row's 本年数值 cell, as openpyxl's DataValidation arguments."""
    definition = row.definition
    assert definition is not None
    common = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorTitle": "数值无效",
        "promptTitle": "本年数值",
        "prompt": _expected(row)[:255],
    }
    if definition.type == "text":
        return {
            **common,
            "type": "textLength",
            "operator": "lessThanOrEqual",
            "formula1": str(MAX_TEXT_LENGTH),
            "error": f"最多 {MAX_TEXT_LENGTH} 个字",
        }
    low, high = definition.lower_bound, definition.upper_bound
    kind = "whole" if definition.type == "count" else "decimal"
    bounds: dict[str, str]
    if low is not None and high is not None:
        bounds = {"operator": "between", "formula1": plain(low), "formula2": plain(high)}
    elif low is not None:
        bounds = {"operator": "greaterThanOrEqual", "formula1": plain(low)}
    elif high is not None:
        bounds = {"operator": "lessThanOrEqual", "formula1": plain(high)}
    else:
        bounds = {"operator": "between", "formula1": "-1E+300", "formula2": "1E+300"}
    return {**common, "type": kind, **bounds, "error": f"请{_expected(row)}"}


def _write_sheet(
    worksheet: Any, rows: list[FigureRow], all_rows: list[FigureRow], one: bool
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    worksheet.append(list(HEADER))
    bold, grey = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
    for cell in worksheet[1]:
        cell.font, cell.fill = bold, grey
        cell.alignment = Alignment(horizontal="center", vertical="center")
    validations: dict[tuple[tuple[str, Any], ...], DataValidation] = {}
    unlocked, yellow = Protection(locked=False), PatternFill("solid", fgColor=_INPUT_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        unit = row.unit if row.type != "percentage" else "%"
        worksheet.append(
            [
                row.key,
                row.place,
                row.label,
                unit,
                _cell_number(row.last),
                _cell_number(row.value) if row.filled else None,
                note(row, all_rows, one),
            ]
        )
        value_cell = worksheet[f"{VALUE_COLUMN}{number}"]
        value_cell.protection, value_cell.fill = unlocked, yellow
        value_cell.number_format = "@" if row.type == "text" else "General"
        for column in ("B", "C", "G"):
            worksheet[f"{column}{number}"].alignment = wrap
        arguments = _validation(row)
        signature = tuple(sorted(arguments.items()))
        if signature not in validations:
            validations[signature] = DataValidation(**arguments)
            worksheet.add_data_validation(validations[signature])
        validations[signature].add(value_cell.coordinate)
    _fit_columns(worksheet)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:G{max(len(rows) + 1, 2)}"
    protection = worksheet.protection
    protection.sheet = True  # no password: the clerk may lift it in Excel or WPS
    protection.formatColumns = protection.formatRows = False  # widths and heights may change
    protection.autoFilter = False
    protection.selectLockedCells = protection.selectUnlockedCells = False


def _fit_columns(worksheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    for index, title in enumerate(HEADER, start=1):
        letter = get_column_letter(index)
        widest = max(
            display_width("" if cell.value is None else str(cell.value))
            for cell in worksheet[letter]
        )
        low, high = _WIDTH_BOUNDS.get(title, (display_width(title) + 2, 16))
        worksheet.column_dimensions[letter].width = min(max(widest + 2, low), high)


def write_workbook(
    rows: list[FigureRow],
    output: str | Path,
    by_office: bool = False,
    include_filled: bool = False,
    title: str = "",
) -> Collected:
    """Write the collection workbook for ``rows`` (from :func:`drafter.inventory.figure_rows`)."""
    from openpyxl import Workbook

    output = Path(output)
    asked = rows_to_ask(rows, include_filled)
    collected = Collected(output)
    if not asked:
        return collected
    workbook = Workbook()
    default = workbook.active
    groups: dict[str, list[FigureRow]] = {}
    if by_office:
        for row in asked:
            groups.setdefault(row.supplier or UNASSIGNED, []).append(row)
    else:
        groups[ONE_SHEET] = asked
    taken: set[str] = set()
    for office, members in groups.items():
        name = sheet_name(office, taken)
        _write_sheet(workbook.create_sheet(name), members, rows, not by_office)
        collected.sheets[name] = len(members)
    workbook.remove(default)
    workbook.properties.title = title or "数字采集表"
    workbook.properties.creator = "drafter"
    try:
        with replacing(output) as temporary:
            workbook.save(temporary)
    except OSError as error:
        raise InputError(f"无法写入采集表（{os_reason(error)}）", output) from None
    return collected
