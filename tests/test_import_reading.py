"""Import reads figures the way a clerk does: labels, last year's values, stated changes and
rates computed on build, "其中" parts tied to their total.  The reports are the project's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from drafter.compose import compose_text
from drafter.draftfile import dump_draft
from drafter.export.text import to_text
from drafter.importer import read_report
from drafter.importer.to_draft import convert


def _report(tmp_path: Path, text: str) -> Path:
    lines = [
        "示例市示例区交通运输局关于2023年法治政府建设情况的报告",
        "2023年，我局坚持依法行政。现将有关情况报告如下：",
        "一、主要举措和成效",
        "（一）优化道路运输服务",
        text,
        "二、存在的不足和原因",
        "执法力量仍有不足。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "局主要负责人带头学法。",
        "四、2024年工作打算",
        "2024年，我局将继续推进依法行政。",
        "示例市示例区交通运输局",
        "2024年1月20日",
    ]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _draft(path: Path, year: int) -> tuple[dict[str, Any], str]:
    """The draft as data, and what it builds to."""
    text = dump_draft(convert(read_report(path), year).draft)
    built = to_text(compose_text(text, "draft.yaml").document)
    return yaml.safe_load(text), built


def _section(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["sections"].values() if "优化道路运输服务" in s.get("heading", ""))


def test_labels_name_what_is_counted(tmp_path):
    text = "今年以来开展6次道路运输安全宣传活动，全区共14个运输企业参加，审查各类合同、协议23份。"
    data, built = _draft(_report(tmp_path, text), 2023)
    labels = [f["label"] for f in _section(data)["figures"].values()]
    assert labels == ["开展道路运输安全宣传活动", "全区运输企业", "审查各类合同、协议"]
    assert text in built


def test_last_years_value_fills_last_and_a_stated_change_becomes_a_derived_figure(tmp_path):
    text = "受理投诉举报86件，上年同期为72件，同比增长19.4%。"
    path = _report(tmp_path, text)
    data, built = _draft(path, 2023)
    section = _section(data)
    assert section["figures"] == {
        "n1": {"value": 86, "last": 72, "label": "受理投诉举报", "unit": "件", "type": "count"},
        "n2": {"formula": "yoy(n1)", "label": "受理投诉举报同比"},
    }
    assert section["template"] == (
        "受理投诉举报{{ n1 }}，上年同期为{{ n1.last_text }}，{{ n2 }}。\n"
    )
    assert text in built  # the same year builds back into the report
    assert "review" not in section  # the stated change was right
    # Next year: this year's value becomes last year's, the old one is not carried on, and
    # the change waits for this year's count.
    data, built = _draft(path, 2024)
    figures = _section(data)["figures"]
    assert (figures["n1"].get("value"), figures["n1"]["last"]) == (None, 86)
    assert figures["n2"] == {"formula": "yoy(n1)", "label": "受理投诉举报同比"}
    assert "上年同期为86件，【待填：受理投诉举报同比】。" in built


def test_a_stated_change_that_is_wrong_is_computed_and_listed_for_review(tmp_path):
    text = "受理投诉举报86件，上年同期为72件，同比增长21.4%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    assert "同比增长19.4%" in built and "21.4%" not in built
    (review,) = [r for r in _section(data)["review"] if "同比" in r]
    assert "原文写作“同比增长21.4%”" in review and "计算为“同比增长19.4%”" in review
    assert "草稿改用计算值" in review


def test_a_stated_rate_becomes_a_derived_figure_computed_from_its_counts(tmp_path):
    text = "组织驾驶员安全考试，参考64人，通过61人，通过率98.3%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert "通过率{{ n3 }}。" in section["template"]
    assert section["figures"]["n3"] == {"formula": "n2 / n1", "label": "通过率"}
    assert [f.get("value") for f in section["figures"].values()] == [64, 61, None]
    assert "通过率95.3%" in built
    (review,) = [r for r in section["review"] if "通过率" in r]
    assert "原文通过率写作98.3%" in review and "61÷64计算为95.3%" in review


def test_a_change_in_percentage_points_is_the_difference_of_the_two_rates(tmp_path):
    text = "全年受理信访事项40件，办结37件，办结率92.5%，上年同期为90%，同比提高2.5个百分点。"
    path = _report(tmp_path, text)
    data, built = _draft(path, 2023)
    figures = _section(data)["figures"]
    # The rate is computed from its counts; last year's rate, whose counts the report does
    # not give, is kept as it states it, and the change is the difference of the two.
    assert figures["n3"] == {"formula": "n2 / n1", "last": 90, "label": "信访事项办结率"}
    assert figures["n4"] == {"formula": "yoy(n3)", "label": "信访事项办结率同比"}
    assert text in built
    assert "review" not in _section(data)
    # Next year, last year's rate is computed from last year's counts.
    data, built = _draft(path, 2024)
    figures = _section(data)["figures"]
    assert figures["n3"] == {"formula": "n2 / n1", "label": "信访事项办结率"}
    assert "上年同期为92.5%，【待填：信访事项办结率同比】。" in built


def test_a_wrong_change_in_points_is_computed_and_the_review_says_what_the_report_said(tmp_path):
    text = "行政复议纠错率为8.5%，上年为10%，同比下降2.5个百分点。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert section["figures"]["n2"] == {"formula": "yoy(n1)", "label": "行政复议纠错率同比"}
    assert "上年为10%，同比下降1.5个百分点。" in built
    (review,) = [r for r in section["review"] if "百分点" in r]
    assert "原文写作“同比下降2.5个百分点”" in review
    assert "按本年8.5%、上年10%计算为“同比下降1.5个百分点”，草稿改用计算值" in review


def test_a_change_keeps_the_reports_own_words_for_the_comparison_and_the_verb(tmp_path):
    text = (
        "受理行政复议申请30件，上年为24件，较上年增加了25%。"
        "行政复议纠错率为8.5%，上年为10%，同比降低1.5个百分点。"
    )
    path = _report(tmp_path, text)
    data, built = _draft(path, 2023)
    template = _section(data)["template"]
    assert '较上年{{ n2.words("增加了", "减少了") }}。' in template
    assert '同比{{ n4.words("提高", "降低") }}。' in template
    assert text in built and "review" not in _section(data)
    # The verb follows the sign: fewer cases this year read 减少了, a higher rate 提高.
    edited = (
        dump_draft(convert(read_report(path), 2023).draft)
        .replace("{value: 30, last: 24", "{value: 18, last: 24")
        .replace("{value: 8.5, last: 10", "{value: 11, last: 10")
    )
    rebuilt = to_text(compose_text(edited, "draft.yaml").document)
    assert "受理行政复议申请18件，上年为24件，较上年减少了25%。" in rebuilt
    assert "行政复议纠错率为11%，上年为10%，同比提高1个百分点。" in rebuilt


def test_a_change_whose_values_are_not_both_there_stays_a_figure_to_type(tmp_path):
    text = "全年受理信访事项40件，同比下降14.3%；行政复议纠错率为12%，较上年下降3个百分点。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert not any("formula" in f for f in section["figures"].values())
    assert [f["value"] for f in section["figures"].values()] == [40, 14.3, 12, 3]
    assert text in built
    notes = [r for r in section["review"] if "没有找到能确定比较的本年和上年数字" in r]
    assert len(notes) == 2
    assert "“同比下降14.3%”" in notes[0] and "“下降3个百分点”" in notes[1]


def test_a_rate_whose_counts_are_not_certain_stays_a_figure_to_type(tmp_path):
    text = "全年受理投诉42件，转办11件，办结率97.6%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert not any("formula" in f for f in section["figures"].values())
    assert text in built
    (note,) = section["review"]
    assert "没有找到能确定计算办结率的两个数字，办结率仍作为要填写的数字" in note


def test_a_rate_whose_counts_give_over_100_percent_stays_typed_and_says_why(tmp_path):
    text = "组织驾驶员安全考试，参考61人，通过64人，通过率98.3%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert not any("formula" in f for f in section["figures"].values())
    assert text in built  # the draft builds: no rate over 100% is computed
    (note,) = section["review"]
    assert "按64÷61计算的通过率会超过100%，原文的数字可能有误，通过率仍作为要填写的数字" in note


def test_a_count_changed_in_the_imported_draft_changes_the_rate_and_change_on_build(
    tmp_path, capsys
):
    from drafter.cli import main

    text = "受理投诉举报86件，上年同期为72件，同比增长19.4%。办结80件，办结率93%。"
    report = _report(tmp_path, text)
    draft = tmp_path / "草稿.yaml"
    assert main(["new", "--from", str(report), "--year", "2023", "-o", str(draft)]) == 0
    built = tmp_path / "报告.txt"
    assert main(["build", str(draft), "-o", str(built)]) == 0
    assert text in built.read_text(encoding="utf-8")
    edited = draft.read_text(encoding="utf-8").replace(
        "{value: 86, last: 72", "{value: 90, last: 72"
    )
    assert edited != draft.read_text(encoding="utf-8")
    draft.write_text(edited, encoding="utf-8")
    assert main(["build", str(draft), "-o", str(built)]) == 0
    assert "受理投诉举报90件，上年同期为72件，同比增长25%。办结80件，办结率88.9%。" in (
        built.read_text(encoding="utf-8")
    )
    capsys.readouterr()
    assert main(["figures", str(draft), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["figures"]
    derived = {row["label"]: row for row in rows if row["derived"]}
    assert derived["受理投诉举报同比"]["value"] == 25
    assert derived["受理投诉举报同比"]["formula"] == "yoy(n1)"
    assert derived["办结率"]["value"] == 88.9 and derived["办结率"]["unit"] == "%"


def test_qizhong_parts_are_part_of_their_total(tmp_path):
    text = (
        "审结复议案件62件（其中上年结转8件，本年受理54件），其中维持38件，撤销7件，终止9件。"
        "招录协管员12名，网格员6名，其中具有本科学历的15名。"
    )
    data, built = _draft(_report(tmp_path, text), 2023)
    figures = _section(data)["figures"]
    part_of = {f["value"]: f.get("part_of") for f in figures.values()}
    total = next(k for k, f in figures.items() if f["value"] == 62)
    assert [part_of[v] for v in (8, 54)] == [total] * 2
    # The second breakdown of the same total is not added to the first.
    assert [part_of[v] for v in (38, 7, 9)] == [None] * 3
    # The total of 15 could be 6 or 12+6: no part_of is guessed.
    assert part_of[15] is None and part_of[62] is None
    assert text in built
