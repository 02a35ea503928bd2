"""The standard outlines are shipped data: every command reads them into immutable records
without pydantic, and the suite validates each shipped file with the pydantic schema of
drafter.outlinefile, which must find the very same values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from drafter.outline import PROFILE_NAMES, DerivedDef, FigureDef, Profile, SectionDef, load_profile
from drafter.outlinefile import (
    DerivedModel,
    FigureModel,
    ProfileModel,
    SectionModel,
    validated,
)
from tests.conftest import ROOT

SECTIONS = ROOT / "sections"


def shipped(profile_id: str) -> Any:
    return yaml.safe_load((SECTIONS / f"{profile_id}.yaml").read_text(encoding="utf-8"))


def differences(ours: object, theirs: object, where: str = "profile") -> list[str]:
    """Where two readings differ, field by field down to the leaves, types included (an int
    where a Decimal belongs, a list where a tuple belongs)."""
    if type(ours) is not type(theirs):
        return [f"{where}: {type(ours).__name__} vs {type(theirs).__name__}"]
    if hasattr(ours, "_fields"):  # a record of drafter.outline
        return [
            problem
            for name in ours._fields
            for problem in differences(
                getattr(ours, name), getattr(theirs, name), f"{where}.{name}"
            )
        ]
    if isinstance(ours, tuple):
        assert isinstance(theirs, tuple)
        if len(ours) != len(theirs):
            return [f"{where}: {len(ours)} items vs {len(theirs)}"]
        pairs = enumerate(zip(ours, theirs, strict=True))
        return [p for i, (a, b) in pairs for p in differences(a, b, f"{where}[{i}]")]
    return [] if ours == theirs else [f"{where}: {ours!r} vs {theirs!r}"]


# A profile that uses every key a profile may hold, each with a value other than its default.
EVERY_KEY = {
    "id": "every",
    "name": "全部键",
    "title": "{{ org }}{{ year }}年报告",
    "sections": [
        {
            "id": "s1",
            "heading": "{{ year }}年工作",
            "level": 1,
            "run_in": True,
            "optional": True,
            "enabled_by_default": False,
            "help": "说明",
            "synonyms": ["工作情况", "工作开展情况"],
            "from": "司法局",
            "figures": [
                {
                    "id": "total",
                    "label": "总数",
                    "unit": "件",
                    "from": "执法大队",
                    "aliases": ["办理…案件"],
                    "help": "全年",
                },
                {
                    "id": "part",
                    "label": "其中部分",
                    "unit": "件",
                    "part_of": "total",
                    "min": 1,
                    "max": 99.5,
                },
                {"id": "share", "label": "占比", "unit": "%", "type": "percentage", "max": "90"},
                {"id": "word", "label": "名称", "type": "text"},
            ],
            "derived": [
                {
                    "id": "rate",
                    "label": "比率",
                    "numerator": "part",
                    "denominator": "total",
                    "aliases": ["比率"],
                },
                {
                    "id": "sum",
                    "label": "合计",
                    "kind": "sum",
                    "terms": ["total", "part"],
                    "unit": "件",
                },
                {"id": "change", "label": "同比", "kind": "change", "of": "total"},
            ],
        },
        {"id": "s2", "level": 0},
    ],
}


def test_every_shipped_profile_is_named_and_found() -> None:
    assert sorted(p.stem for p in SECTIONS.glob("*.yaml")) == sorted(PROFILE_NAMES)


@pytest.mark.parametrize("profile_id", sorted(PROFILE_NAMES))
def test_a_shipped_profile_passes_the_schema_with_the_values_the_commands_read(
    profile_id: str,
) -> None:
    checked = validated(shipped(profile_id))
    loaded = load_profile(profile_id)
    assert differences(loaded, checked) == []
    assert loaded == checked and repr(loaded) == repr(checked)
    assert loaded.id == profile_id and len(loaded.sections) > 5
    assert any(d.kind == "rate" for s in loaded.sections for d in s.derived)


def test_both_readings_agree_on_a_profile_using_every_key() -> None:
    ours, theirs = Profile.from_data(EVERY_KEY), validated(EVERY_KEY)
    assert differences(ours, theirs) == []
    section = ours.sections[0]
    assert section.supplier == "司法局" and section.synonyms == ("工作情况", "工作开展情况")
    part = section.figure("part")
    assert part is not None and (part.min, part.max) == (Decimal(1), Decimal("99.5"))
    assert (part.lower_bound, part.upper_bound) == (Decimal(1), Decimal("99.5"))
    share = section.figure("share")
    assert share is not None and share.upper_bound == Decimal(90) and share.lower_bound == 0
    word = section.figure("word")
    assert word is not None and word.lower_bound is None and word.upper_bound is None
    assert [d.formula for d in section.derived] == ["part / total", "total + part", "yoy(total)"]
    assert [d.inputs for d in section.derived] == [("part", "total"), ("total", "part"), ("total",)]
    assert ours.section_ids == ["s1", "s2"] and ours.section("s2") == ours.sections[1]


@pytest.mark.parametrize(
    ("model", "value"),
    [(FigureModel, FigureDef), (DerivedModel, DerivedDef), (SectionModel, SectionDef),
     (ProfileModel, Profile)],
)  # fmt: skip
def test_the_schema_and_the_values_have_the_same_fields_in_the_same_order(
    model: type, value: type
) -> None:
    assert list(model.model_fields) == list(value._fields)


def test_the_profile_a_command_shares_cannot_be_changed() -> None:
    profile = load_profile("county")
    with pytest.raises(AttributeError):
        profile.sections[0].level = 3  # type: ignore[misc]
    assert isinstance(profile.sections, tuple) and isinstance(profile.sections[1].synonyms, tuple)


def _with_section(**changes: Any) -> dict[str, Any]:
    section = {**EVERY_KEY["sections"][0], **changes}  # type: ignore[dict-item]
    return {**EVERY_KEY, "sections": [section, *EVERY_KEY["sections"][1:]]}  # type: ignore[misc]


def _with_figure(**changes: Any) -> dict[str, Any]:
    return _with_section(figures=[{"id": "x", "label": "数字", **changes}])


def _with_derived(**changes: Any) -> dict[str, Any]:
    return _with_section(derived=[{"id": "d", "label": "派生", **changes}])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**EVERY_KEY, "subtitle": "多余"}, "Extra inputs are not permitted"),
        (_with_section(headline="多余"), "Extra inputs are not permitted"),
        (_with_figure(supplier="司法局"), "Extra inputs are not permitted"),  # the key is from
        (_with_section(level=5), "less than or equal to 4"),
        (_with_section(level=-1), "greater than or equal to 0"),
        (_with_section(level="二"), "valid integer"),
        (_with_section(optional="也许"), "valid boolean"),
        (_with_figure(type="number"), "'count', 'amount', 'percentage' or 'text'"),
        (_with_figure(min="十"), "valid decimal"),
        (_with_figure(label=12), "valid string"),
        (_with_figure(aliases=["记录仪…"]), "an alias needs words on each side"),
        (_with_figure(aliases=["…通过"]), "an alias needs words on each side"),
        (_with_derived(aliases=[""]), "an alias needs words on each side"),
        (_with_derived(kind="ratio"), "'rate', 'sum' or 'change'"),
        (_with_derived(numerator="part"), "rate d needs a numerator and a denominator"),
        (_with_derived(kind="sum"), "sum d needs terms"),
        (_with_derived(kind="change"), "change d needs the figure it is the change of"),
        (_with_figure(id="s2"), "duplicate id s2 in profile every"),
        ({k: v for k, v in EVERY_KEY.items() if k != "title"}, "Field required"),
    ],
)
def test_a_profile_the_schema_refuses(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validated(data)
