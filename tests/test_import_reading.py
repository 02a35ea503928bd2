"""Import reads figures the way a clerk does: labels, last year's values, stated changes and
rates computed on build, "其中" parts tied to their total.  The reports are the project's own."""

from __future__ import annotations

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


def test_last_years_value_fills_last_and_a_stated_change_is_computed(tmp_path):
    text = "受理投诉举报86件，上年同期为72件，同比增长19.4%。"
    path = _report(tmp_path, text)
    data, built = _draft(path, 2023)
    section = _section(data)
    assert section["figures"] == {
        "n1": {"value": 86, "last": 72, "label": "受理投诉举报", "unit": "件", "type": "count"}
    }
    assert "{{ n1.last_text }}" in section["template"]
    assert '{{ n1|yoy("，") }}' in section["template"]
    assert text in built  # the same year builds back into the report
    # Next year: this year's value becomes last year's, and the old one is not carried on.
    data, built = _draft(path, 2024)
    figure = _section(data)["figures"]["n1"]
    assert (figure.get("value"), figure["last"]) == (None, 86)
    assert "上年同期为86件" in built and "同比" not in built.split("上年同期为86件")[1][:3]


def test_a_stated_change_that_is_wrong_is_computed_and_listed_for_review(tmp_path):
    text = "受理投诉举报86件，上年同期为72件，同比增长21.4%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    assert "同比增长19.4%" in built and "21.4%" not in built
    (review,) = [r for r in _section(data)["review"] if "同比" in r]
    assert "原文写作“同比增长21.4%”" in review and "计算为“同比增长19.4%”" in review


def test_a_stated_rate_is_computed_from_its_counts(tmp_path):
    text = "组织驾驶员安全考试，参考64人，通过61人，通过率98.3%。"
    data, built = _draft(_report(tmp_path, text), 2023)
    section = _section(data)
    assert "{{ n2|rate(n1) }}" in section["template"]
    assert len(section["figures"]) == 2  # the rate is not a figure to type
    assert "通过率95.3%" in built
    (review,) = [r for r in section["review"] if "通过率" in r]
    assert "原文通过率写作98.3%" in review and "61÷64计算为95.3%" in review


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
