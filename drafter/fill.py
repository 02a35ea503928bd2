"""``drafter fill``: figures from filled collection workbooks back into the draft.

Every value is checked by the draft's own rules (type, bounds, "其中" parts within their
total, a rate's numerator within its denominator) before anything is written; a bad cell is
named by file, sheet and cell (``采集表.xlsx 执法大队!F7``) and the draft is left as it was.  A
value that differs from one already in the draft is never taken silently: it is listed as a
conflict, and only ``overwrite`` takes the workbook's value.  Each value taken records where it
came from (``source: {file, sheet, cell, date}``).  The draft is patched with the round-trip
writer, so its comments and order are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.draftfile import parse_draft, read_text
from drafter.errors import DraftInvalid, InputError
from drafter.figures import Value, plain
from drafter.files import write_atomic
from drafter.inventory import FigureRow, figure_rows
from drafter.validate import coerce, resolve_draft
from drafter.workbook import HEADER, KEY_INDEX, VALUE_COLUMN, VALUE_INDEX, open_workbook, sheet_rows
from drafter.yamldoc import DraftDocument

# A "%" in a number format that is not inside quotes: Excel stored 96.8% as 0.968.
_PERCENT_FORMAT = re.compile(r'^(?:[^"%]|"[^"]*")*%')


@dataclass(frozen=True)
class Cell:
    """A value read from a workbook, with where it stands."""

    file: str
    sheet: str
    cell: str
    value: Value

    def __str__(self) -> str:
        return f"{self.file} {self.sheet}!{self.cell}"


@dataclass(frozen=True)
class Change:
    row: FigureRow
    cell: Cell
    old: Value | None

    @property
    def conflict(self) -> bool:
        return self.old is not None


@dataclass
class Filled:
    """What ``fill`` did: values taken, conflicts left as they were, cells already equal."""

    taken: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)  # not taken (no ``overwrite``)
    unchanged: int = 0
    skipped_sheets: list[str] = field(default_factory=list)


def shown(value: Value | None) -> str:
    if value is None:
        return "（空）"
    return value if isinstance(value, str) else plain(value)


def _raw(cell: Any) -> object:
    """What the clerk's colleague typed, as the draft would hold it."""
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        if _PERCENT_FORMAT.match(cell.number_format or ""):
            value = Decimal(value) * 100
        return value
    return value


def _equal(old: Value | None, new: Value) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return old == new
    return old is not None and Decimal(old) == Decimal(new)


def read_cells(
    paths: list[Path], rows: list[FigureRow], problems: list[InputError], skipped: list[str]
) -> dict[str, Cell]:
    """Each figure's value from the workbooks, by ``section.figure`` key; bad cells go to
    ``problems``."""
    by_key = {row.key: row for row in rows}
    found: dict[str, Cell] = {}
    for path in paths:
        with open_workbook(path) as workbook:
            sheets = 0
            for worksheet in workbook.worksheets:
                cells = sheet_rows(worksheet, path)
                first = next(cells, None)
                if first is None or tuple(_text(c) for c in first[1][: len(HEADER)]) != HEADER:
                    skipped.append(f"{path.name} {worksheet.title}")
                    continue
                sheets += 1
                for number, line in cells:
                    _read_line(path, worksheet.title, number, line, by_key, found, problems)
            if not sheets:
                problems.append(
                    InputError(
                        "没有找到采集表：工作表的第一行应为 "
                        + "、".join(HEADER)
                        + "（由 drafter collect 生成）",
                        path.name,
                    )
                )
    return found


def _text(cell: Any) -> str:
    return "" if cell is None or cell.value is None else str(cell.value).strip()


def _read_line(
    path: Path,
    sheet: str,
    number: int,
    line: tuple[Any, ...],
    by_key: dict[str, FigureRow],
    found: dict[str, Cell],
    problems: list[InputError],
) -> None:
    key_cell, value_cell = line[KEY_INDEX], line[VALUE_INDEX]
    raw = _raw(value_cell) if value_cell is not None else None
    key = _text(key_cell)
    here = f"{path.name} {sheet}!{VALUE_COLUMN}{number}"
    if not key:
        if raw is not None:
            problems.append(InputError("本行没有编号，不知道这是哪项数字", here))
        return
    row = by_key.get(key)
    if row is None or row.definition is None:
        what = "由程序计算，不需填写" if row is not None else "不是本草稿中的数字"
        problems.append(InputError(f"编号“{key}”{what}", f"{path.name} {sheet}!A{number}"))
        return
    if raw is None:
        return
    if isinstance(raw, dt.date | dt.time) and row.definition.type != "text":
        # Excel turns "1-3" or "1/3" into a date; say so rather than print a timestamp.
        problems.append(
            InputError(
                f"{row.label}填成了日期或时间（{raw}），应为数字；"
                "请把单元格格式改为“常规”后重新填写",
                here,
            )
        )
        return
    try:
        value = coerce(raw, row.definition)
    except ValueError as error:
        problems.append(InputError(f"{row.label}{error}", here))
        return
    if value is None:
        return
    if isinstance(value, Decimal):
        value = value.normalize() if value != value.to_integral_value() else value.quantize(1)
    cell = Cell(path.name, sheet, f"{VALUE_COLUMN}{number}", value)
    earlier = found.get(key)
    if earlier is not None and not _equal(earlier.value, value):
        problems.append(
            InputError(
                f"{row.label}填写了 {shown(value)}，与 {earlier} 的 {shown(earlier.value)} 不一致",
                here,
            )
        )
        return
    found.setdefault(key, cell)


def fill_draft(
    draft_path: str | Path,
    workbooks: list[str | Path],
    overwrite: bool = False,
    today: dt.date | None = None,
) -> Filled:
    """Fill the draft at ``draft_path`` from ``workbooks``; write it only if every cell is good.

    Raises :class:`DraftInvalid` listing every bad cell (the draft untouched).
    """
    draft_path = Path(draft_path)
    text = read_text(draft_path)
    draft, lines = parse_draft(text, draft_path)
    rows = figure_rows(resolve_draft(draft, lines, str(draft_path)))
    by_key = {row.key: row for row in rows}
    problems: list[InputError] = []
    result = Filled()
    cells = read_cells([Path(p) for p in workbooks], rows, problems, result.skipped_sheets)
    if problems:
        raise DraftInvalid(problems)

    document = DraftDocument(text)
    date = today or dt.date.today()
    for key, cell in cells.items():
        row = by_key[key]
        if row.filled and _equal(row.value, cell.value):
            result.unchanged += 1
            continue
        change = Change(row, cell, row.value if row.filled else None)
        if change.conflict and not overwrite:
            result.conflicts.append(change)
            continue
        value = cell.value
        document.set_figure(row.section, row.id, "value", value)
        # A date object of its own each time: a shared one would be written as a YAML alias.
        day = dt.date.fromordinal(date.toordinal())
        source = {"file": cell.file, "sheet": cell.sheet, "cell": cell.cell, "date": day}
        document.set_figure_meta(row.section, row.id, "source", source)
        result.taken.append(change)
    if not result.taken:
        return result

    new_text = document.dump()
    _check_relations(new_text, draft_path, result.taken)
    write_atomic(draft_path, new_text)
    return result


def _check_relations(text: str, draft_path: Path, taken: list[Change]) -> None:
    """The merged draft by the draft's own rules; a problem is named at the workbook's cell."""
    try:
        draft, lines = parse_draft(text, draft_path)
        resolve_draft(draft, lines, str(draft_path))
    except DraftInvalid as invalid:
        cells = {(c.row.section, c.row.id): c.cell for c in taken}
        problems = []
        for problem in invalid.problems:
            parts = (problem.field or "").split(".")
            section = parts[1] if len(parts) > 1 else ""
            figure = parts[3] if len(parts) > 3 else ""
            cell = cells.get((section, figure)) or next(
                (c for (s, _), c in cells.items() if s == section), None
            )
            if cell is None:
                problems.append(problem)
            else:
                problems.append(InputError(problem.message, str(cell)))
        raise DraftInvalid(problems) from None
