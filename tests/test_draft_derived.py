"""A draft's own derived figures: a ``formula`` names the figures a rate, a total or a
year-on-year change is computed from, and every build computes it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.compose import compose_text
from drafter.errors import DraftInvalid
from drafter.formula import FormulaError, parse_formula

DRAFT = """\
meta: {{organisation: 示例县市场监督管理局, year: 2024, date: 2025-01-18}}
sections:
  opening:
    template: |
      {template}
    figures:
{figures}
"""

COMPLAINTS = """\
      n1: {value: 48, last: 40, label: 受理消费投诉, unit: 件}
      n2: {value: 45, last: 36, label: 办结消费投诉, unit: 件}
      n3: {formula: n2 / n1, label: 消费投诉办结率}
      n4: {formula: yoy(n1), label: 受理消费投诉同比}
      n5: {formula: yoy(n3), label: 办结率同比}
"""
WORDING = (
    "全年受理消费投诉{{ n1 }}，{{ n4 }}；办结{{ n2 }}，办结率{{ n3 }}，"
    "{{ n5 }}，上年为{{ n3.last_text }}。"
)


def _draft(figures: str = COMPLAINTS, template: str = WORDING) -> str:
    return DRAFT.format(template=template, figures=figures)


def _text(draft: str) -> str:
    return "\n".join(b.text for b in compose_text(draft, "草稿.yaml").document.blocks)


def _problems(draft: str) -> list[str]:
    with pytest.raises(DraftInvalid) as raised:
        compose_text(draft, "草稿.yaml")
    return [str(p) for p in raised.value.problems]


def test_a_rate_a_change_and_a_change_in_points_are_computed_from_the_typed_counts():
    assert _text(_draft()) == (
        "全年受理消费投诉48件，同比增长20%；办结45件，办结率93.8%，同比提高3.8个百分点，上年为90%。"
    )


def test_a_total_is_the_sum_of_its_terms_with_their_unit():
    figures = """\
      a: {value: 8, label: 简易程序案件, unit: 件}
      b: {value: 15, label: 一般程序案件, unit: 件}
      total: {formula: a + b, label: 行政处罚案件}
"""
    assert _text(_draft(figures, "办理行政处罚案件{{ total }}。")) == "办理行政处罚案件23件。"


def test_a_change_from_nothing_is_said_as_the_increase_itself():
    figures = """\
      n1: {value: 5, last: 0, label: 听证, unit: 次}
      n2: {formula: yoy(n1), label: 听证同比}
"""
    assert _text(_draft(figures, "组织听证{{ n1 }}，{{ n2 }}。")) == "组织听证5次，同比增加5次。"


def test_a_figure_left_to_type_leaves_a_gap_in_what_it_computes():
    figures = """\
      n1: {last: 40, label: 受理消费投诉, unit: 件}
      n2: {formula: yoy(n1), label: 受理消费投诉同比}
"""
    composed = compose_text(_draft(figures, "受理{{ n1 }}，{{ n2 }}。"), "草稿.yaml")
    assert (
        composed.document.blocks[0].text
        == "受理【待填：受理消费投诉】，【待填：受理消费投诉同比】。"
    )
    assert [gap.label for gap in composed.gaps] == ["受理消费投诉"]


def test_a_rate_whose_counts_have_no_last_year_takes_last_year_as_the_draft_states_it():
    figures = """\
      n1: {value: 20, label: 受理, unit: 件}
      n2: {value: 19, label: 办结, unit: 件}
      n3: {formula: n2 / n1, last: 90, label: 办结率}
      n4: {formula: yoy(n3), label: 办结率同比}
"""
    text = _text(_draft(figures, "办结率{{ n3 }}，上年同期为{{ n3.last_text }}，{{ n4 }}。"))
    assert text == "办结率95%，上年同期为90%，同比提高5个百分点。"


def test_changing_a_count_in_the_yaml_changes_the_rate_the_build_writes(tmp_path: Path, capsys):
    draft = tmp_path / "草稿.yaml"
    report = tmp_path / "报告.txt"
    draft.write_text(_draft(), encoding="utf-8")
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert "办结率93.8%" in report.read_text(encoding="utf-8")
    edited = _draft().replace("{value: 45, last: 36", "{value: 40, last: 36")
    draft.write_text(edited, encoding="utf-8")
    assert main(["build", str(draft), "-o", str(report)]) == 0
    built = report.read_text(encoding="utf-8")
    assert "办结40件，办结率83.3%，同比下降6.7个百分点" in built
    assert "93.8%" not in built
    capsys.readouterr()


def test_figures_json_lists_the_drafts_derived_figures_with_their_formulas(tmp_path, capsys):
    draft = tmp_path / "草稿.yaml"
    draft.write_text(_draft(), encoding="utf-8")
    assert main(["figures", str(draft), "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["figures"]}
    assert rows["n1"]["derived"] is False and rows["n1"]["formula"] is None
    rate, change, points = rows["n3"], rows["n4"], rows["n5"]
    assert (rate["derived"], rate["type"], rate["unit"]) == (True, "rate", "%")
    assert (rate["value"], rate["last"], rate["formula"]) == (93.8, 90, "n2 / n1")
    assert (change["type"], change["unit"], change["value"]) == ("change", "%", 20)
    assert change["formula"] == "yoy(n1)" and change["last"] is None
    assert (points["unit"], points["value"], points["formula"]) == ("个百分点", 3.8, "yoy(n3)")
    assert rate["label"] == "消费投诉办结率" and rate["heading"] == "开头段"


def test_the_table_marks_a_derived_figure_as_computed(tmp_path, capsys):
    draft = tmp_path / "草稿.yaml"
    draft.write_text(_draft(), encoding="utf-8")
    assert main(["figures", str(draft)]) == 0
    table = capsys.readouterr().out
    assert "n3  消费投诉办结率（计算）：本年 93.8%，上年 90%" in table
    assert "共 5 项数字，其中待填 0 项。" in table


@pytest.mark.parametrize(
    ("formula", "kind", "inputs"),
    [
        ("n2 / n1", "rate", ("n2", "n1")),
        ("n2／n1", "rate", ("n2", "n1")),
        ("a + b+c", "sum", ("a", "b", "c")),
        ("yoy(n1)", "change", ("n1",)),
        ("同比（n1）", "change", ("n1",)),
    ],
)
def test_the_three_forms_of_a_formula(formula, kind, inputs):
    read = parse_formula(formula)
    assert (read.kind, read.inputs) == (kind, inputs)


@pytest.mark.parametrize("formula", ["n2 * n1", "n1 /", "yoy(n1, n2)", "60%", ""])
def test_anything_else_is_not_a_formula(formula):
    with pytest.raises(FormulaError, match="无法识别公式"):
        parse_formula(formula)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n"
            "      n2: {formula: n1 / n9, label: 办结率}\n",
            "草稿.yaml 第8行 sections.opening.figures.n2.formula：公式中的“n9”不是本部分的数字",
        ),
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n"
            "      n2: {formula: n1 * 2, label: 办结率}\n",
            "第8行 sections.opening.figures.n2.formula：无法识别公式“n1 * 2”",
        ),
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n"
            "      n2: {formula: yoy(n1), value: 5, label: 同比}\n",
            "sections.opening.figures.n2.value：写了公式的数字由程序计算",
        ),
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n      n2: {formula: yoy(n1)}\n",
            "sections.opening.figures.n2.formula：写了公式的数字须写明 label（名称）",
        ),
        (
            "      n1: {value: 甲, label: 牵头科室, unit: '', type: text}\n"
            "      n2: {formula: yoy(n1), label: 同比}\n",
            "“牵头科室”是文字，不能参与计算",
        ),
        (
            "      a: {formula: b + c, label: 甲}\n"
            "      b: {formula: a + c, label: 乙}\n"
            "      c: {value: 1, label: 丙, unit: 件}\n",
            "公式相互引用（a → b → a），无法计算",
        ),
        (
            "      n1: {value: 4, last: 3, label: 受理, unit: 件}\n"
            "      n2: {value: 4, last: 3, label: 办结, unit: 件}\n"
            "      n3: {formula: n2 / n1, last: 90, label: 办结率}\n",
            "sections.opening.figures.n3.last：各项数字已有上年数值，上年的办结率由程序计算",
        ),
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n"
            "      n2: {value: 5, label: 办结, unit: 件}\n"
            "      n3: {formula: n2 / n1, label: 办结率}\n",
            "本年办结 5 大于受理 4，办结率不能超过 100%",
        ),
        (
            "      n1: {value: 4, label: 受理, unit: 件}\n"
            "      n2: {value: 5, label: 金额, unit: 万元}\n"
            "      n3: {formula: n1 + n2, label: 合计}\n",
            "合计的各项单位应相同",
        ),
    ],
)
def test_a_wrong_formula_is_refused_with_its_line_and_field(figures, expected):
    problems = _problems(_draft(figures, "开头。"))
    assert any(expected in problem for problem in problems), problems


def test_the_schema_says_what_a_formula_is_in_chinese(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    formula = schema["$defs"]["FigureEntry"]["properties"]["formula"]
    assert formula["title"] == "计算公式"
    assert "a / b" in formula["description"] and "yoy(a)" in formula["description"]


def test_a_derived_rate_of_zero_still_feeds_the_change_computed_from_it():
    figures = """\
      n1: {value: 4, last: 5, label: 受理, unit: 件}
      n2: {value: 0, last: 1, label: 纠错, unit: 件}
      n3: {formula: n2 / n1, label: 纠错率}
      n4: {formula: yoy(n3), label: 纠错率同比}
"""
    assert _text(_draft(figures, "纠错率{{ n3 }}，{{ n4 }}。")) == "纠错率0%，同比下降20个百分点。"


def _arithmetic(text: str) -> list:
    from drafter.check import check_document
    from drafter.tree import Document, Heading, Paragraph

    document = Document(
        title="示例县市场监督管理局2024年法治政府建设年度报告",
        blocks=[Heading(1, "2024年推进法治政府建设的主要举措和成效"), Paragraph(text)],
    )
    return [f for f in check_document(document, year=2024) if f.code.startswith("arithmetic.")]


def test_check_reads_a_change_in_points_as_the_difference_of_the_rates(tmp_path, capsys):
    # 93.8 - 90 = 3.8 points; read as a ratio it would be 4.2%, a false contradiction.
    assert _arithmetic(_text(_draft())) == []
    draft = tmp_path / "草稿.yaml"
    draft.write_text(_draft(), encoding="utf-8")
    assert main(["build", str(draft), "-o", str(tmp_path / "报告.txt")]) == 0
    assert main(["check", str(draft)]) == 0
    capsys.readouterr()
    assert _arithmetic("信访事项办结率为96%，上年为92.5%，同比提高3.5个百分点。") == []
    (wrong,) = _arithmetic("信访事项办结率为96%，上年为92.5%，同比提高3.8个百分点。")
    assert (wrong.code, wrong.found, wrong.corrected) == (
        "arithmetic.change",
        "提高3.8个百分点",
        "提高3.5个百分点",
    )


def _chain(length: int) -> str:
    """Figures f1 … f{length}, each the total of the one before and a typed count."""
    lines = [
        "      a: {value: 1, label: 基数, unit: 件}",
        "      f0: {value: 1, label: 起点, unit: 件}",
    ]
    lines += [
        f"      f{i}: {{formula: f{i - 1} + a, label: 合计{i}}}" for i in range(1, length + 1)
    ]
    return "\n".join(lines) + "\n"


def test_derived_figures_may_read_each_other_eight_deep():
    assert _text(_draft(_chain(8), "合计{{ f8 }}。")) == "合计9件。"


def test_a_deeper_chain_is_refused_at_its_first_figure_too_deep():
    (problem,) = _problems(_draft(_chain(9), "开头。"))
    assert "sections.opening.figures.f9.formula：公式层层引用超过 8 层" in problem


def test_a_long_chain_or_cycle_of_formulas_is_refused_without_deep_recursion():
    import time

    started = time.perf_counter()
    problems = _problems(_draft(_chain(3000), "开头。"))
    assert len(problems) == 1 and "公式层层引用超过 8 层" in problems[0]
    cyclic = _chain(3000).replace("f1: {formula: f0 + a", "f1: {formula: f3000 + a")
    problems = _problems(_draft(cyclic, "开头。"))
    assert (
        len(problems) == 1 and "公式相互引用（f1 → f3000 → f2999 → …（共 3000 项）" in problems[0]
    )
    assert len(problems[0]) < 200
    assert time.perf_counter() - started < 30  # linear, not a traceback or a hang


def test_a_huge_formula_is_shown_short_in_the_message():
    figures = "      n1: {value: 4, label: 受理, unit: 件}\n" + (
        "      n2: {formula: '" + "n1 * " * 20000 + "n1', label: 甲}\n"
    )
    (problem,) = _problems(_draft(figures, "开头。"))
    assert "无法识别公式“n1 * n1 * " in problem and "（共 100002 个字符）" in problem
    assert len(problem) < 300


def test_a_formula_reads_the_catalogues_figures_and_derived_ones_by_their_ids(tmp_path, capsys):
    draft = """\
meta: {organisation: 示例县市场监督管理局, year: 2024, date: 2025-01-18}
sections:
  study:
    phrasing: custom
    template: |
      参考{{ exam_takers }}，通过率{{ exam_pass_rate }}，{{ pass_rate_change }}；未通过{{ failed }}。
    figures:
      exam_takers: {value: 80, last: 75}
      exam_passed: {value: 76, last: 69}
      pass_rate_change: {formula: yoy(exam_pass_rate), label: 通过率同比}
      failed: {formula: exam_takers + exam_passed, label: 参考和通过人次合计}
      exam_pass_rate: {formula: exam_passed / exam_takers, label: 重复的通过率}
"""
    problems = _problems(draft)
    assert len(problems) == 1
    assert (
        "sections.study.figures.exam_pass_rate.formula：这是提纲规定的数字，不能另写公式"
        in problems[0]
    )
    path = tmp_path / "草稿.yaml"
    path.write_text(draft.rsplit("      exam_pass_rate:", 1)[0], encoding="utf-8")
    assert main(["figures", str(path), "--json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out)["figures"] if r["section"] == "study"]
    derived = [(r["id"], r["value"], r["unit"]) for r in rows if r["derived"]]
    # The catalogue's rate first, then the draft's own in the order they compute.
    assert derived == [
        ("exam_pass_rate", 95, "%"),
        ("pass_rate_change", 3, "个百分点"),
        ("failed", 156, "人"),
    ]
    from drafter.export.text import to_text

    text = to_text(compose_text(path.read_text(encoding="utf-8")).document)
    assert "参考80人，通过率95%，同比提高3个百分点；未通过156人。" in text
