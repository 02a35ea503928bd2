"""``drafter figures DRAFT [--json]``: every figure of a draft, who supplies it, in a stable shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.draftfile import parse_draft
from drafter.errors import DraftInvalid
from drafter.model import Draft
from drafter.outline import load_profile
from tests.conftest import SAMPLES

# The fields the documented shape promises; later versions may add fields, never rename these.
PROMISED = {"section", "heading", "id", "label", "unit", "last", "value", "derived", "from"}


def figures_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["figures", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_json_lists_every_figure_of_every_enabled_section_in_report_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listing = figures_json(SAMPLES / "department-2024.yaml", capsys)
    assert listing["version"] == 1
    rows = listing["figures"]
    assert all(set(row) >= PROMISED for row in rows)
    profile = load_profile("department")
    draft, _ = parse_draft((SAMPLES / "department-2024.yaml").read_text(encoding="utf-8"))
    expected = []
    for section_id, entry in draft.sections.items():
        definition = profile.section(section_id)
        assert definition is not None
        if entry.enabled:
            expected += [(section_id, f.id, False) for f in definition.figures]
            expected += [(section_id, d.id, True) for d in definition.derived]
    assert [(r["section"], r["id"], r["derived"]) for r in rows] == expected


def test_a_row_reads_like_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["id"]: r for r in figures_json(SAMPLES / "department-2024.yaml", capsys)["figures"]}
    takers = rows["exam_takers"]
    assert takers["heading"] == "深入学习贯彻习近平法治思想，推动领导干部学法用法"
    assert takers["number"] == "（一）"
    assert (takers["label"], takers["unit"], takers["value"], takers["last"]) == (
        "法律知识考试参考人数",
        "人",
        79,
        75,
    )
    assert takers["type"] == "count" and takers["derived"] is False
    # A rate is derived, computed from its counts (75 of 79, 69 of 75), never typed.
    rate = rows["exam_pass_rate"]
    assert (rate["derived"], rate["unit"], rate["value"], rate["last"]) == (True, "%", 94.9, 92)
    assert rate["from"] is None
    # An amount keeps its digits; a "其中" part names its total.
    assert rows["fines"]["value"] == 68.136
    assert rows["files_excellent"]["part_of"] == "files_reviewed"


def test_who_supplies_a_figure_comes_from_the_draft_else_the_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例市城中区城市管理和综合执法局, year: 2024}\n"
        "sections:\n"
        "  enforcement:\n"
        "    figures:\n"
        "      recorders: {value: 120, from: 装备财务科}\n",
        encoding="utf-8",
    )
    rows = {r["id"]: r for r in figures_json(draft, capsys)["figures"]}
    assert rows["recorders"]["from"] == "装备财务科"  # the draft's own
    assert rows["general_cases"]["from"] == "执法大队"  # the section's default
    assert rows["legal_reviews"]["from"] == "法制科"  # the catalogue's figure overrides it
    # A figure the draft leaves out is still listed, to be filled.
    assert (rows["general_cases"]["value"], rows["general_cases"]["last"]) == (None, None)


def test_the_yaml_key_is_from_and_the_schema_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n  study:\n    figures:\n      law_lectures: {value: 4, supplier: 办公室}\n"
    )
    with pytest.raises(DraftInvalid) as refused:
        parse_draft(text, "d.yaml")
    assert "第5行" in str(refused.value) and "supplier" in str(refused.value)
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    figure = schema["$defs"]["FigureEntry"]["properties"]
    assert "from" in figure and "supplier" not in figure
    assert "source" in figure
    assert "from" in Draft.model_json_schema()["$defs"]["FigureEntry"]["properties"]


def test_the_table_says_what_is_left_to_fill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n  study:\n    figures:\n      exam_takers: {value: 79, last: 75}\n",
        encoding="utf-8",
    )
    assert main(["figures", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "（一）深入学习贯彻习近平法治思想，推动领导干部学法用法" in out
    assert "exam_takers  法律知识考试参考人数：本年 79人，上年 75人  由 办公室 提供" in out
    assert out.rstrip().endswith("共 5 项数字，其中待填 3 项。")


def test_a_broken_draft_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n  study:\n    figures:\n      exam_takers: 十二\n",
        encoding="utf-8",
    )
    assert main(["figures", str(draft), "--json"]) == 1
    assert "第5行" in capsys.readouterr().err
