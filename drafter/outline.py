"""The standard outlines (profiles), loaded from ``sections/<profile>.yaml``.

A profile lists the report's sections in order, each with its heading, level and figures.  The
profiles are shipped data only (a clerk never supplies one), so they are read into the
immutable records below without validation; :mod:`drafter.outlinefile` states with pydantic
what each key may be, and the tests validate every shipped profile with it and find the same
values, so a typo in a profile fails the suite rather than making a strange report.

The records are NamedTuples: every command defines them, and a NamedTuple class costs about a
fifth of a frozen dataclass's, which execs generated source for each of its methods.  They are
made by keyword (``from_data`` or ``FigureDef(id=…, label=…)``), never by position.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any, Literal, NamedTuple

from drafter.resources import data_dir, shipped_data

FigureType = Literal["count", "amount", "percentage", "text"]

TYPE_NAMES = {
    "count": "非负整数",
    "amount": "非负数",
    "percentage": "0 到 100 之间的数",
    "text": "文字",
}

ALIASES_HELP = (
    "How a report words this figure, for mapping numbers lifted out of an old report onto it: "
    "each alias is the words written just before the number (配备执法记录仪50台: 执法记录仪), "
    "or several words joined by '…' that come in that order in the sentence, the last one just "
    "before the number (考试…通过 for 参加法律知识考试，通过75人)."
)


def _keyed(data: dict[str, Any]) -> dict[str, Any]:
    """A profile entry's keys as the fields name them: ``from`` is a Python keyword, the
    field is ``supplier``; lists become the tuples an immutable record holds."""
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    if "from" in values:
        values["supplier"] = values.pop("from")
    return values


class FigureDef(NamedTuple):
    """A figure a clerk types: its label, unit, type and bounds.

    ``aliases`` lists how reports word the figure (see :data:`ALIASES_HELP`): ``drafter new
    --from`` maps a number of the old report onto this figure when the words before it end
    with one of them (or with the label, less its measure word) and the unit is the same.
    """

    id: str
    label: str
    unit: str = ""
    type: FigureType = "count"
    min: Decimal | None = None
    max: Decimal | None = None
    # This figure is one of the "其中" parts of another; all parts together may not exceed it.
    part_of: str | None = None
    help: str = ""
    aliases: tuple[str, ...] = ()
    # The office that usually supplies it (``from:`` in the catalogue); else the section's.
    supplier: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FigureDef:
        values = _keyed(data)
        for bound in ("min", "max"):
            if values.get(bound) is not None:
                values[bound] = Decimal(str(values[bound]))
        return cls(**values)

    @property
    def lower_bound(self) -> Decimal | None:
        if self.min is not None:
            return self.min
        return None if self.type == "text" else Decimal(0)

    @property
    def upper_bound(self) -> Decimal | None:
        if self.max is not None:
            return self.max
        return Decimal(100) if self.type == "percentage" else None


DerivedKind = Literal["rate", "sum", "change"]


class DerivedDef(NamedTuple):
    """A figure computed from others and never typed: a rate, a total, or the year-on-year
    change of one figure (``of``: a ratio for a count or an amount, a difference in
    percentage points for a rate).

    ``aliases`` work as a figure's do: an old report's rate (通过率94.9%) stated beside counts
    that were mapped onto this rate's inputs becomes this rate.
    """

    id: str
    label: str
    kind: DerivedKind = "rate"
    numerator: str | None = None
    denominator: str | None = None
    terms: tuple[str, ...] = ()
    of: str | None = None
    unit: str = ""
    aliases: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DerivedDef:
        return cls(**_keyed(data))

    @property
    def inputs(self) -> tuple[str, ...]:
        if self.kind == "rate":
            return (self.numerator or "", self.denominator or "")
        if self.kind == "change":
            return (self.of or "",)
        return self.terms

    @property
    def formula(self) -> str:
        """How a draft writes this figure (see :mod:`drafter.formula`): n2 / n1, yoy(n1)."""
        if self.kind == "rate":
            return f"{self.numerator} / {self.denominator}"
        if self.kind == "change":
            return f"yoy({self.of})"
        return " + ".join(self.terms)


class SectionDef(NamedTuple):
    """One section of the outline.  Level 0 is the unnumbered opening."""

    id: str
    level: int  # 0 to 4
    heading: str = ""  # Jinja text, e.g. "{{ year }}年推进法治政府建设的主要举措和成效"
    run_in: bool = False
    optional: bool = False
    enabled_by_default: bool = True
    help: str = ""
    figures: tuple[FigureDef, ...] = ()
    derived: tuple[DerivedDef, ...] = ()
    # Other wordings of this heading seen in real reports, for matching imported headings.
    synonyms: tuple[str, ...] = ()
    # The office that usually supplies this section's figures (``from:``), for drafter collect.
    supplier: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SectionDef:
        values = _keyed(data)
        values["figures"] = tuple(FigureDef.from_data(f) for f in data.get("figures", ()))
        values["derived"] = tuple(DerivedDef.from_data(d) for d in data.get("derived", ()))
        return cls(**values)

    def figure(self, figure_id: str) -> FigureDef | None:
        return next((f for f in self.figures if f.id == figure_id), None)


class Profile(NamedTuple):
    """One standard outline: its name, the title's Jinja text and the sections in order."""

    id: str
    name: str
    title: str  # Jinja text for the derived title
    sections: tuple[SectionDef, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Profile:
        """The profile of a shipped file's mapping (known good: see :mod:`drafter.outlinefile`)."""
        values = dict(data)
        values["sections"] = tuple(SectionDef.from_data(s) for s in data["sections"])
        return cls(**values)

    def section(self, section_id: str) -> SectionDef | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]


PROFILE_NAMES = {"department": "部门", "county": "区县政府"}


@cache
def load_profile(profile_id: str) -> Profile:
    return Profile.from_data(shipped_data(data_dir("sections") / f"{profile_id}.yaml"))
