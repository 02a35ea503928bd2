"""The figure reader: what each figure counts, its period, and how figures relate.

The sentences are the project's own, written in the register of real reports.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from drafter.reading import Period, Reading, read_figures
from drafter.reading.figures import MAX_FIGURES_LOOKED_BACK, MAX_SENTENCE_READ


def values(reading: Reading, indices: tuple[int, ...] | None) -> list[str]:
    return [reading.figures[i].quantity.text for i in indices or ()]


def only_breakdown(reading: Reading):
    (breakdown,) = reading.breakdowns
    return values(reading, breakdown.totals), values(reading, breakdown.parts), breakdown


# -- a figure's value, unit and approximation word ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("全年培训执法人员620余人次。", "620", "人次", "余"),
        ("收缴罚没款共计45.28万元。", "45.28", "万元", None),
        ("发放宣传资料2,300份。", "2300", "份", None),
        ("排查沿街商户约3200家。", "3200", "家", "约"),
        ("组织专题学法6次以上。", "6", "次", "以上"),
        ("参与群众超过1.5万人次。", "15000", "人次", "超过"),
        ("配备执法记录仪 42 台。", "42", "台", None),
        ("案卷合格率达96.5%。", "96.5", "%", None),
    ],
)
def test_a_figure_has_its_value_unit_and_approximation_word(text, value, unit, approx):
    (figure,) = read_figures(text).figures
    assert figure.value == Decimal(value)
    assert (figure.unit, figure.quantity.approx) == (unit, approx)


@pytest.mark.parametrize(
    "text",
    [
        "召开第3次局务会。",
        "印发《关于规范执法的12条措施》。",
        "2024年3月5日召开会议。",
        "“12345”热线转办件全部办结。",
        "严格落实“721”工作法。",
        "行政许可事项不少于20项必须公示。",
    ],
)
def test_numbers_that_are_not_figures_of_the_year(text):
    assert read_figures(text).figures == []


# -- what a figure counts, and the action --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "counted", "action"),
    [
        # the noun after the measure word names what is counted
        (
            "今年以来，我局开展8次违法建设专项整治行动。",
            "开展违法建设专项整治行动",
            "违法建设专项整治行动",
            "开展",
        ),
        ("全区共23个部门参加。", "全区部门", "部门", ""),
        # otherwise the words before the number do
        ("2024年共受理行政复议申请31件。", "受理行政复议申请", "行政复议申请", "受理"),
        ("审查各类合同、协议46份。", "审查各类合同、协议", "各类合同、协议", "审查"),
        # a verb alone takes what the figure before counted
        ("清理规范性文件5次，废止2件。", "废止规范性文件", "规范性文件", "废止"),
        ("执法资格考试参考64人，通过61人。", "执法资格考试通过", "执法资格考试", "通过"),
        # a number with nothing before it is named by what is said of it
        ("申请强制执行案件6起，其中4起已执行到位。", "已执行到位", "", ""),
        # a long lead keeps the action and what it was done to
        (
            "区人民法院全年受理我局提出的非诉执行申请9件。",
            "提出非诉执行申请",
            "非诉执行申请",
            "提出",
        ),
    ],
)
def test_a_figure_names_what_it_counts(text, label, counted, action):
    figure = read_figures(text).figures[-1]
    assert (figure.label, figure.counted, figure.action) == (label, counted, action)


@pytest.mark.parametrize(
    "text",
    [
        "2024年，我局共组织局党组理论学习中心组（扩大）集体学法11次。",
        "拆除违法建设18处、约5230平方米。",
        "办理行政许可1024件，同比增长12.5%（上年为910件）。",
        "培训人次1200人次。",
        "排查餐饮门店、大型商超、农贸市场、学校食堂、养老机构、建筑工地等各类场所3100余家。",
        "其中7件在审理中。",
    ],
)
def test_labels_follow_the_label_rules(text):
    for figure in read_figures(text).figures:
        assert 2 <= len(figure.label) <= 20, figure.label
        assert not re.search(r"\d", figure.label), figure.label
        if len(figure.unit) > 1:
            assert not figure.label.endswith(figure.unit), figure.label
        assert f"（{figure.unit}）" not in figure.label


def test_a_label_does_not_repeat_a_unit_of_two_characters():
    (figure,) = read_figures("全年培训人次1200人次。").figures
    assert figure.label == "全年培训" or figure.label == "培训"


# -- the period ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period", "label"),
    [
        ("受理投诉举报86件，上年同期为72件。", Period.SAME_PERIOD, "受理投诉举报"),
        ("办理行政许可1024件（上年为910件）。", Period.LAST, "办理行政许可"),
        ("查处违法案件54起，较上年的61起有所减少。", Period.LAST, "查处违法案件"),
        ("审结复议案件40件，其中上年结转6件。", Period.THIS, "上年结转"),
    ],
)
def test_a_figure_stated_for_last_year_says_so(text, period, label):
    figure = read_figures(text).figures[-1]
    assert figure.period is period
    assert figure.label == label
    assert read_figures(text).figures[0].period is Period.THIS


def test_last_years_value_belongs_to_the_figure_it_is_compared_with():
    reading = read_figures("受理投诉举报86件，办结84件，上年同期为72件。")
    assert reading.figures[2].of == 1  # the nearest count before it
    reading = read_figures("办理行政许可1024件，审查合同46份（上年为52份）。")
    assert reading.figures[2].of == 1
    assert read_figures("审结复议案件40件，其中上年结转6件。").figures[1].of is None


def test_the_year_before_the_report_year_is_last_year():
    reading = read_figures("2024年发放普法资料8600份，2023年为7400份。", year=2024)
    assert [f.period for f in reading.figures] == [Period.THIS, Period.LAST]


# -- breakdowns --------------------------------------------------------------------------------


def test_parts_after_qizhong_belong_to_the_number_before():
    text = "全年办理行政许可事项512件，其中户外广告设置许可37件、占道施工许可468件、其他7件。"
    totals, parts, breakdown = only_breakdown(read_figures(text))
    assert totals == ["512件"]
    assert parts == ["37件", "468件", "7件"]
    assert breakdown.certain and breakdown.form == "其中"


def test_counts_listed_before_qizhong_make_up_its_total():
    text = "招录执法辅助人员12名，协管员4名，网格员6名，其中具有本科学历的15名。"
    reading = read_figures(text)
    totals, parts, breakdown = only_breakdown(reading)
    assert totals == ["12名", "4名", "6名"]
    assert parts == ["15名"]
    assert reading.total_value(breakdown) == 22
    assert not breakdown.certain  # the nearest count could be meant: never proof


def test_a_parenthesis_between_the_total_and_qizhong():
    text = "审结复议案件62件（其中上年结转8件，本年受理54件），其中维持38件，撤销7件，终止9件。"
    reading = read_figures(text)
    inner, outer = reading.breakdowns
    assert values(reading, inner.totals) == ["62件"]
    assert values(reading, inner.parts) == ["8件", "54件"]
    assert values(reading, outer.totals) == ["62件"]
    assert values(reading, outer.parts) == ["38件", "7件", "9件"]
    assert inner.certain and outer.certain


def test_a_remainder_clause_is_not_a_part():
    text = "收到行政复议申请26件，其中维持14件，撤销3件，终止4件，5件正在审理中。"
    reading = read_figures(text)
    totals, parts, breakdown = only_breakdown(reading)
    assert totals == ["26件"]
    assert parts == ["14件", "3件", "4件"]
    assert values(reading, breakdown.remainder) == ["5件"]


def test_a_nested_breakdown_belongs_to_its_part():
    text = "其中维持21件，纠错9件(区直部门3件,乡镇街道6件)，驳回2件。"
    reading = read_figures("办结复议案件32件，" + text)
    outer = next(b for b in reading.breakdowns if b.form == "其中")
    nested = next(b for b in reading.breakdowns if b.form == "parenthesis")
    assert values(reading, outer.totals) == ["32件"]
    assert values(reading, outer.parts) == ["21件", "9件", "2件"]
    assert values(reading, nested.totals) == ["9件"]
    assert values(reading, nested.parts) == ["3件", "6件"]


@pytest.mark.parametrize("semicolon", ["；", ";"])
def test_either_semicolon_ends_the_parts(semicolon):
    text = f"受理投诉举报140件，其中油烟扰民52件、噪音扰民60件{semicolon}办结136件。"
    totals, parts, _ = only_breakdown(read_figures(text))
    assert (totals, parts) == (["140件"], ["52件", "60件"])


def test_semicolons_inside_a_parenthesis_separate_its_parts():
    text = "应诉行政诉讼案件18起（其中一审案件9起；二审案件6起；再审案件3件）。"
    totals, parts, _ = only_breakdown(read_figures(text))
    assert (totals, parts) == (["18起"], ["9起", "6起", "3件"])


def test_a_figure_of_another_kind_ends_the_parts():
    text = "受理非诉执行案件7起，其中5起已执行完毕，执行罚款金额共计26800元，另有3起在办理中。"
    totals, parts, _ = only_breakdown(read_figures(text))
    assert (totals, parts) == (["7起"], ["5起"])


def test_a_parenthesis_stating_last_year_is_not_a_breakdown():
    reading = read_figures("办理行政许可1024件（上年为910件）。")
    assert reading.breakdowns == []


def test_a_total_far_before_qizhong_is_uncertain():
    text = "今年共办理案件80件，均依法依规办结，案卷全部归档，其中简易程序52件。"
    (breakdown,) = read_figures(text).breakdowns
    assert not breakdown.certain


def test_fenbie_says_the_parts_are_all_of_it():
    text = "发放宣传资料3000份，其中法律汇编、宣传折页分别为1200份、1800份。"
    (breakdown,) = read_figures(text).breakdowns
    assert breakdown.complete


# -- stated rates --------------------------------------------------------------------------


def test_a_rate_is_read_with_its_numerator_and_denominator():
    reading = read_figures("组织执法资格考试，参考64人，通过61人，通过率95.3%。")
    (rate,) = reading.rates
    assert rate.name == "通过率" and rate.certain
    assert values(reading, (rate.numerator, rate.denominator)) == ["61人", "64人"]  # type: ignore[arg-type]
    assert reading.figures[rate.figure].quantity.text == "95.3%"


@pytest.mark.parametrize(
    "text",
    [
        "群众满意率达98%。",  # no counts
        "参考120余人，通过110人，通过率91.7%。",  # an approximate count proves nothing
        "参考64人，参加补考12人，通过61人，通过率95.3%。",  # two denominators
    ],
)
def test_a_rate_without_one_pair_of_exact_counts_is_uncertain(text):
    (rate,) = read_figures(text).rates
    assert not rate.certain
    assert rate.numerator is None and rate.denominator is None


# -- stated changes ------------------------------------------------------------------------


def test_a_change_is_read_with_the_two_values_it_compares():
    reading = read_figures("受理投诉举报86件，上年同期为72件，同比增长19.4%。")
    (change,) = reading.changes
    assert change.certain and not change.down and not change.points
    assert values(reading, (change.previous, change.current)) == ["72件", "86件"]  # type: ignore[arg-type]


def test_a_change_from_one_value_to_another():
    reading = read_figures("案卷优良率由82%提高到90%，提高了8个百分点。")
    (change,) = reading.changes
    assert change.points and change.certain
    assert values(reading, (change.previous, change.current)) == ["82%", "90%"]  # type: ignore[arg-type]


def test_a_change_without_last_years_value_is_uncertain():
    (change,) = read_figures("办理行政许可1024件，同比增长12.5%。").changes
    assert not change.certain and change.previous is None


# -- bounds --------------------------------------------------------------------------------


def test_figures_inside_and_after_document_names_are_told_apart():
    reading = read_figures("印发《执法的12条措施》《监督的3项制度》，办理5件，又见《第4号》。")
    assert [f.quantity.text for f in reading.figures] == ["5件"]


LONG_ENOUGH = "依法" * (MAX_SENTENCE_READ // 2)  # a sentence this long is no real report's


@pytest.mark.parametrize(
    "relations",
    [
        "审结55件（其中维持30件、撤销25件）",
        "受理64件，其中办结61件",
        "参考64人，通过61人，通过率95.3%",
        "受理投诉举报86件，上年同期为72件，同比增长19.4%",
    ],
)
def test_relations_are_read_in_a_sentence_of_a_report_not_in_an_endless_one(relations):
    """Past MAX_SENTENCE_READ characters a sentence's breakdowns, rates and changes are not
    read (a rate or change stays uncertain): a hostile one-sentence paragraph costs its
    length, not its square.  The same words in a sentence of a report are read."""
    read = read_figures(relations + "。")
    assert [b.certain for b in read.breakdowns] + [r.certain for r in read.rates] + [
        c.certain for c in read.changes
    ] == [True]
    endless = read_figures(relations + "，" + LONG_ENOUGH + "。")
    assert endless.breakdowns == []
    assert [r.certain for r in endless.rates] + [c.certain for c in endless.changes] in (
        [],
        [False],
    )
    assert [f.quantity.text for f in endless.figures] == [f.quantity.text for f in read.figures]


def test_a_figure_is_read_with_the_figures_just_before_it_in_its_sentence():
    """The figure a bare count is of ("废止3件": the documents counted before it) is looked
    for among the MAX_FIGURES_LOOKED_BACK figures before it, which no report's sentence
    exceeds."""

    def last_counted(meetings: int) -> str:
        text = "清理规范性文件6件，" + "，".join(["召开会议2次"] * meetings) + "，废止3件。"
        return read_figures(text).figures[-1].counted

    assert last_counted(MAX_FIGURES_LOOKED_BACK - 1) == "规范性文件"
    assert last_counted(MAX_FIGURES_LOOKED_BACK) == "会议"  # the figure just before it
