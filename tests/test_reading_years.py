"""Which years roll with the report's year and which keep their text, and why.

The sentences are the project's own, in the register of real reports.
"""

from __future__ import annotations

import pytest

from drafter.importer.to_draft import _Templater, roll_years
from drafter.reading.years import YearUse, year_mentions


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("2023年，我局持续深化法治政府建设。", YearUse.REPORT),
        ("2023年以来，我局共办理行政许可512件。", YearUse.REPORT),
        ("2024年工作计划", YearUse.REPORT),
        ("较2022年同期有所下降。", YearUse.REPORT),
        ("我局获2022年度全市交通运输系统法治工作先进单位。", YearUse.AWARD),
        ("执法案卷被评为2023年度全省优秀案卷。", YearUse.AWARD),
        ("2023年，我局荣获“全省法治宣传教育示范单位”称号。", YearUse.AWARD),
        ("2022年，城东基层立法联系点被确立为省级联系点。", YearUse.EVENT),
        ("2023年5月，组织开展执法技能比武。", YearUse.DATE),
        ("印发《2023年度普法责任清单》。", YearUse.NAME),
        ("开展“2023年护航春运”专项行动。", YearUse.NAME),
        ("对照《法治政府建设实施纲要（2021—2025年）》。", YearUse.RANGE),
        ("自2018年起推行权责清单。", YearUse.OTHER),
    ],
)
def test_every_kind_of_year_is_told_apart(text, use):
    (mention,) = year_mentions(text, 2023)
    assert mention.use is use
    assert mention.rolls is (use is YearUse.REPORT)


def test_only_the_report_years_roll_in_plain_text():
    text = "2023年，我局依法行政，获2022年度全市先进单位，印发《2023年普法要点》，2024年将继续。"
    assert roll_years(text, 2023, 2024) == (
        "2024年，我局依法行政，获2022年度全市先进单位，印发《2023年普法要点》，2025年将继续。"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("我局获2023年度全市交通运输系统法治工作先进单位。", "获奖、荣誉的年份保留原文"),
        ("2023年，城东基层立法联系点被确立为省级联系点。", "具体事件的年份保留原文"),
        ("印发《2023年度普法责任清单》。", "名称中的年份保留原文"),
    ],
)
def test_a_year_that_keeps_its_text_goes_on_the_review_list_with_the_reason(text, reason):
    templater = _Templater(2023)
    assert templater.template(text) == text  # nothing becomes a statement about another year
    (review,) = templater.reviews
    assert reason in review and "2023年" in review


def test_a_generic_year_becomes_an_expression_and_needs_no_review():
    templater = _Templater(2023)
    assert templater.template("2023年，我局持续深化法治政府建设。") == (
        "{{ year }}年，我局持续深化法治政府建设。"
    )
    assert templater.reviews == []
