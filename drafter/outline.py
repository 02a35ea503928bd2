"""The standard outlines (profiles), loaded from ``sections/<profile>.yaml``.

A profile lists the report's sections in order, each with its heading, level and figures.  The
data is validated by the pydantic models below, so a typo in a profile fails loudly at load
time rather than as a strange report.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from drafter.resources import data_dir

FigureType = Literal["count", "amount", "percentage", "text"]

TYPE_NAMES = {
    "count": "非负整数",
    "amount": "非负数",
    "percentage": "0 到 100 之间的数",
    "text": "文字",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ALIASES_HELP = (
    "How a report words this figure, for mapping numbers lifted out of an old report onto it: "
    "each alias is the words written just before the number (配备执法记录仪50台: 执法记录仪), "
    "or several words joined by '…' that come in that order in the sentence, the last one just "
    "before the number (考试…通过 for 参加法律知识考试，通过75人)."
)


def _check_aliases(aliases: tuple[str, ...]) -> tuple[str, ...]:
    for alias in aliases:
        if not alias or any(not part.strip() for part in alias.split("…")):
            raise ValueError(f"an alias needs words on each side of '…': {alias!r}")
    return aliases


class FigureDef(_Strict):
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
    aliases: tuple[str, ...] = Field(default=(), description=ALIASES_HELP)
    # The office that usually supplies it (``from:`` in the catalogue); else the section's.
    supplier: str = Field(default="", validation_alias="from")

    _aliases = field_validator("aliases")(_check_aliases)

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


class DerivedDef(_Strict):
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
    aliases: tuple[str, ...] = Field(default=(), description=ALIASES_HELP)

    _aliases = field_validator("aliases")(_check_aliases)

    @model_validator(mode="after")
    def _inputs(self) -> DerivedDef:
        if self.kind == "rate" and not (self.numerator and self.denominator):
            raise ValueError(f"rate {self.id} needs a numerator and a denominator")
        if self.kind == "sum" and not self.terms:
            raise ValueError(f"sum {self.id} needs terms")
        if self.kind == "change" and not self.of:
            raise ValueError(f"change {self.id} needs the figure it is the change of")
        return self

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


class SectionDef(_Strict):
    """One section of the outline.  Level 0 is the unnumbered opening."""

    id: str
    heading: str = ""  # Jinja text, e.g. "{{ year }}年推进法治政府建设的主要举措和成效"
    level: int = Field(ge=0, le=4)
    run_in: bool = False
    optional: bool = False
    enabled_by_default: bool = True
    help: str = ""
    figures: tuple[FigureDef, ...] = ()
    derived: tuple[DerivedDef, ...] = ()
    # Other wordings of this heading seen in real reports, for matching imported headings.
    synonyms: tuple[str, ...] = ()
    # The office that usually supplies this section's figures (``from:``), for drafter collect.
    supplier: str = Field(default="", validation_alias="from")

    def figure(self, figure_id: str) -> FigureDef | None:
        return next((f for f in self.figures if f.id == figure_id), None)


class Profile(_Strict):
    id: str
    name: str
    title: str  # Jinja text for the derived title
    sections: tuple[SectionDef, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Profile:
        seen: set[str] = set()
        for section in self.sections:
            ids = [section.id] + [f.id for f in section.figures] + [d.id for d in section.derived]
            for item in ids:
                if item in seen:
                    raise ValueError(f"duplicate id {item} in profile {self.id}")
                seen.add(item)
        return self

    def section(self, section_id: str) -> SectionDef | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]


PROFILE_NAMES = {"department": "部门", "county": "区县政府"}


@cache
def load_profile(profile_id: str) -> Profile:
    path = data_dir("sections") / f"{profile_id}.yaml"
    with path.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Profile.model_validate(data)
