"""Every figure of a draft in report order: what it counts, who supplies it, what it holds.

This is the clerk's list of what to collect (``drafter figures``, ``drafter collect``) and how a
figure is read without opening the YAML.  Typed figures and derived ones (rates, totals) are
listed alike; a derived figure's value is computed here, never typed, whether the profile
declares it or the draft does (a figure with a ``formula``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.compose import base_context, heading_text
from drafter.draftfile import parse_draft, read_text
from drafter.figures import FigureValue, Number, Value, derive_all
from drafter.model import FigureSource
from drafter.numbering import format_number, heading_counters
from drafter.outline import FigureDef
from drafter.validate import ResolvedDraft, ResolvedSection, resolve_draft

JSON_VERSION = 1
UNASSIGNED = "未指定科室"


@dataclass(frozen=True)
class FigureRow:
    """One figure of the draft as the clerk sees it."""

    section: str  # the section's id
    number: str  # the heading's number as the report prints it: 一、 （一） …; "" for the opening
    heading: str  # the heading's text, without its number
    id: str
    label: str
    unit: str
    type: str  # count / amount / percentage / text; "rate", "sum" or "change" if derived
    value: Value | None
    last: Value | None
    derived: bool
    supplier: str  # the office that supplies it ("" when nobody is named)
    approx: str | None = None
    part_of: str | None = None  # the id of the total this figure is a "其中" part of
    help: str = ""
    source: FigureSource | None = None  # the workbook cell ``drafter fill`` took it from
    definition: FigureDef | None = None  # the typed figure's rules (None for a derived one)
    formula: str | None = None  # how a derived figure is computed: n2 / n1, n1 + n2, yoy(n1)

    @property
    def filled(self) -> bool:
        return self.value is not None and self.value != ""

    @property
    def key(self) -> str:
        """The figure's id in a workbook: ``section.figure``, unique in the draft."""
        return f"{self.section}.{self.id}"

    @property
    def place(self) -> str:
        """The section as the report prints it: （一）深入学习贯彻习近平法治思想."""
        return f"{self.number}{self.heading}" if self.number else self.heading

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "heading": self.heading,
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "last": _json_number(self.last),
            "value": _json_number(self.value),
            "derived": self.derived,
            "from": self.supplier or None,
            "number": self.number,
            "type": self.type,
            "approx": self.approx,
            "part_of": self.part_of,
            "help": self.help,
            "source": self.source.model_dump(mode="json") if self.source else None,
            "formula": self.formula,
        }


def _json_number(value: Value | None) -> int | float | str | None:
    """Counts as JSON integers, amounts and rates as JSON numbers written as the draft has them."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def supplier_of(section: ResolvedSection, figure_id: str) -> str:
    """Who supplies a figure: the draft's ``from``, else the catalogue's figure, else its section."""
    entry = section.entry.figures.get(figure_id)
    if entry is not None and entry.supplier:
        return entry.supplier.strip()
    definition = section.definition.figure(figure_id)
    if definition is not None and definition.supplier:
        return definition.supplier
    return section.definition.supplier


def _numbers(resolved: ResolvedDraft) -> dict[str, str]:
    """Each enabled section's heading number, as the report will print it."""
    numbered = [s for s in resolved.sections if s.enabled and s.level > 0]
    counters = heading_counters(s.level for s in numbered)
    return {s.id: format_number(s.level, c) for s, c in zip(numbered, counters, strict=True)}


def resolve_file(path: str | Path) -> ResolvedDraft:
    """Read and check a draft file, raising located Chinese errors for anything wrong."""
    draft, lines = parse_draft(read_text(Path(path)), path)
    return resolve_draft(draft, lines, str(path))


def figure_rows(resolved: ResolvedDraft) -> list[FigureRow]:
    """Every figure of the draft's enabled sections, in report order; derived ones after the
    typed figures of their section."""
    base = base_context(resolved)
    numbers = _numbers(resolved)
    rows: list[FigureRow] = []
    for section in resolved.sections:
        if not section.enabled:
            continue
        heading = heading_text(section, base) if section.level else "开头段"
        number = numbers.get(section.id, "")
        values: dict[str, FigureValue] = {}
        for figure_id, figure in section.figures.items():
            definition = figure.definition
            entry = section.entry.figures.get(figure_id)
            values[figure_id] = FigureValue(definition, figure.value, figure.last, figure.approx)
            rows.append(
                FigureRow(
                    section=section.id,
                    number=number,
                    heading=heading,
                    id=figure_id,
                    label=definition.label,
                    unit=definition.unit,
                    type=definition.type,
                    value=figure.value,
                    last=figure.last,
                    derived=False,
                    supplier=supplier_of(section, figure_id),
                    approx=figure.approx,
                    part_of=definition.part_of,
                    help=definition.help,
                    source=entry.source if entry is not None else None,
                    definition=definition,
                )
            )
        computed = derive_all(section.definition.derived, values, last=section.derived_last)
        for value in computed.values():  # in the definitions' order, as derive_all makes them
            derived = value.definition
            rows.append(
                FigureRow(
                    section=section.id,
                    number=number,
                    heading=heading,
                    id=derived.id,
                    label=derived.label,
                    unit=value.unit,
                    type=derived.kind,
                    value=_rounded(value.compute()),
                    last=_rounded(value.compute(last=True)),
                    derived=True,
                    supplier="",
                    formula=derived.formula,
                )
            )
    return rows


def _rounded(value: Decimal | None) -> Number | None:
    """A computed rate or total as the report prints it: 94.9, 100, 4127."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def figures_json(rows: list[FigureRow]) -> dict[str, Any]:
    """The documented JSON shape of ``drafter figures --json`` (see drafter/commands/figures.py)."""
    return {"version": JSON_VERSION, "figures": [row.as_json() for row in rows]}


def relation_note(row: FigureRow, rows: list[FigureRow]) -> str:
    """The "其中" relation in words: 是“x”的其中项 / 其中项：a、b."""
    labels = {r.id: r.label for r in rows if r.section == row.section}
    notes = []
    if row.part_of:
        notes.append(
            f"是“{labels.get(row.part_of, row.part_of)}”的其中项，各其中项之和不能大于总数"
        )
    parts = [r.label for r in rows if r.section == row.section and r.part_of == row.id]
    if parts:
        notes.append(f"其中项：{'、'.join(parts)}")
    return "；".join(notes)
