"""What a profile (``sections/<profile>.yaml``) may hold, stated with pydantic.

The profiles are shipped data: :mod:`drafter.outline` reads them into immutable records
without validation, so no command pays for building these models.  The tests validate every
shipped profile here (unknown keys, types and bounds, the aliases' form, each derived figure's
inputs, unique ids) and find the very values :func:`drafter.outline.load_profile` gives.  A
model's fields are the record's, in the same order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from drafter.outline import (
    ALIASES_HELP,
    DerivedDef,
    DerivedKind,
    FigureDef,
    FigureType,
    Profile,
    SectionDef,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_aliases(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """ValueError unless each alias has words on each side of every '…'."""
    for alias in aliases:
        if not alias or any(not part.strip() for part in alias.split("…")):
            raise ValueError(f"an alias needs words on each side of '…': {alias!r}")
    return aliases


class FigureModel(_Strict):
    """What a :class:`drafter.outline.FigureDef` may hold."""

    id: str
    label: str
    unit: str = ""
    type: FigureType = "count"
    min: Decimal | None = None
    max: Decimal | None = None
    part_of: str | None = None
    help: str = ""
    aliases: tuple[str, ...] = Field(default=(), description=ALIASES_HELP)
    supplier: str = Field(default="", validation_alias="from")

    _aliases = field_validator("aliases")(check_aliases)

    def value(self) -> FigureDef:
        return FigureDef(**_fields(self))


class DerivedModel(_Strict):
    """What a :class:`drafter.outline.DerivedDef` may hold: the inputs its kind reads."""

    id: str
    label: str
    kind: DerivedKind = "rate"
    numerator: str | None = None
    denominator: str | None = None
    terms: tuple[str, ...] = ()
    of: str | None = None
    unit: str = ""
    aliases: tuple[str, ...] = Field(default=(), description=ALIASES_HELP)

    _aliases = field_validator("aliases")(check_aliases)

    @model_validator(mode="after")
    def _inputs(self) -> DerivedModel:
        if self.kind == "rate" and not (self.numerator and self.denominator):
            raise ValueError(f"rate {self.id} needs a numerator and a denominator")
        if self.kind == "sum" and not self.terms:
            raise ValueError(f"sum {self.id} needs terms")
        if self.kind == "change" and not self.of:
            raise ValueError(f"change {self.id} needs the figure it is the change of")
        return self

    def value(self) -> DerivedDef:
        return DerivedDef(**_fields(self))


class SectionModel(_Strict):
    """What a :class:`drafter.outline.SectionDef` may hold.  Level 0 is the unnumbered opening."""

    id: str
    level: int = Field(ge=0, le=4)
    heading: str = ""
    run_in: bool = False
    optional: bool = False
    enabled_by_default: bool = True
    help: str = ""
    figures: tuple[FigureModel, ...] = ()
    derived: tuple[DerivedModel, ...] = ()
    synonyms: tuple[str, ...] = ()
    supplier: str = Field(default="", validation_alias="from")

    def value(self) -> SectionDef:
        values = _fields(self)
        values["figures"] = tuple(f.value() for f in self.figures)
        values["derived"] = tuple(d.value() for d in self.derived)
        return SectionDef(**values)


class ProfileModel(_Strict):
    """What a :class:`drafter.outline.Profile` may hold: every id once in the whole profile."""

    id: str
    name: str
    title: str
    sections: tuple[SectionModel, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> ProfileModel:
        seen: set[str] = set()
        for section in self.sections:
            ids = [section.id] + [f.id for f in section.figures] + [d.id for d in section.derived]
            for item in ids:
                if item in seen:
                    raise ValueError(f"duplicate id {item} in profile {self.id}")
                seen.add(item)
        return self

    def value(self) -> Profile:
        values = _fields(self)
        values["sections"] = tuple(s.value() for s in self.sections)
        return Profile(**values)


def _fields(model: BaseModel) -> dict[str, Any]:
    """The model's fields as it holds them (not dumped: Decimals and tuples stay as they are)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def validated(data: Any) -> Profile:
    """The profile of a profile file's mapping, validated; pydantic's ValidationError where it
    is wrong."""
    return ProfileModel.model_validate(data).value()
