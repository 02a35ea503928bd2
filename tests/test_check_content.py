"""check's findings on what a report holds: gaps left, required parts, heading brackets, national
documents' periods, a title year without 年, quotes, percent signs, old dated events in a draft.

Each finding is reported at its place with its corrected value, and nothing else is.  The
reports are the project's own.
"""

from __future__ import annotations

import pytest

from drafter.check import check_document, check_report
from drafter.check.findings import Finding
from drafter.check.paragraphs import Entry, Role, build_report
from drafter.check.source import check_path
from drafter.tree import Document, Heading, Paragraph, Signature

TITLE = "示例县水利局关于2024年法治政府建设情况的报告"


def document(*body: Heading | Paragraph, title: str = TITLE) -> Document:
    """A report with the four required parts; ``body`` goes under item 1."""
    return Document(
        title=title,
        blocks=[
            Paragraph("2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下："),
            Heading(1, "2024年推进法治政府建设的主要举措和成效"),
            *body,
            Heading(1, "存在的不足和原因"),
            Paragraph("基层执法力量仍显不足。"),
            Heading(1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
            Paragraph("局主要负责人带头学法，全年主持专题学法4次。"),
            Heading(1, "2025年工作打算"),
            Paragraph("2025年，我局将持续推进依法行政。"),
        ],
        closing="特此报告。",
        signature=Signature("示例县水利局", "2025年1月20日"),
    )


def found(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.found, f.corrected) for f in findings]


def test_a_complete_report_reports_nothing() -> None:
    text = "全年开展普法活动12场，印发《法治政府建设实施纲要（2021—2025年）》学习资料。"
    assert check_document(document(Paragraph(text))) == []


def test_gaps_left_are_errors_where_they_are() -> None:
    findings = check_document(document(Paragraph("全年开展普法活动【待填：普法活动场次】。")))
    assert found(findings) == [("content.gap", "【待填：普法活动场次】", None)]
    assert findings[0].severity.value == "error"
    assert "【待填" in findings[0].location.excerpt
    (bare,) = check_document(document(Paragraph("全年开展普法活动【待填】场。")))
    assert bare.found == "【待填】"


def test_a_draft_without_a_required_part_is_told_which(tmp_path) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例县水利局, year: 2024, date: 2025-01-20}\n"
        "sections:\n"
        "  measures: {phrasing: none, text: 全年开展普法活动12场。}\n"
        "  shortcomings: {phrasing: none, text: 基层执法力量仍显不足。}\n"
        "  plan: {phrasing: none, text: 2025年，我局将持续推进依法行政。}\n",
        encoding="utf-8",
    )
    findings = [f for f in check_path(draft).findings if f.code == "content.required-part"]
    assert len(findings) == 1
    assert "第一责任人" in findings[0].message and "sections.leadership" in findings[0].message
    assert findings[0].severity.value == "warning"


@pytest.mark.parametrize(
    ("text", "number", "corrected"),
    [
        ("一)加强学法用法。全年集中学法12次。", "一)", "（一）"),
        ("二）强化执法监督。全年评查案卷60份。", "二）", "（二）"),
        ("（三严格规范执法。全年办理案件40件。", "（三", "（三）"),
    ],
)
def test_a_heading_number_missing_a_bracket(text: str, number: str, corrected: str) -> None:
    findings = check_document(document(Paragraph(text)))
    assert found(findings) == [("numbering.bracket", number, corrected)]
    assert findings[0].fixable


@pytest.mark.parametrize(
    ("text", "written", "corrected"),
    [
        ("对照《法治政府建设实施纲要（2020—2025年）》抓落实。", "2020—2025年", "2021—2025年"),
        ("学习《法治中国建设规划（2021-2025年）》。", "2021—2025年", "2020—2025年"),
    ],
)
def test_a_national_document_cited_with_the_wrong_period(
    text: str, written: str, corrected: str
) -> None:
    assert found(check_document(document(Paragraph(text)))) == [
        ("content.document-period", written, corrected)
    ]


def test_an_earlier_real_period_is_right() -> None:
    text = "对照《法治政府建设实施纲要（2015—2020年）》总结经验。"
    assert check_document(document(Paragraph(text))) == []


def test_a_title_year_without_nian() -> None:
    doc = document(
        Paragraph("全年开展普法活动12场。"), title="示例县水利局2024法治政府建设年度报告"
    )
    assert found(check_document(doc)) == [("dates.title-year-form", "2024", "2024年")]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("深入开展“八五普法宣传活动，全年12场。", "“"),
        ("深入开展八五普法”宣传活动，全年12场。", "”"),
        ("认真学习《行政处罚法，全年12场。", "《"),
    ],
)
def test_unbalanced_quotes(text: str, mark: str) -> None:
    assert found(check_document(document(Paragraph(text)))) == [
        ("punctuation.unbalanced", mark, None)
    ]


def test_full_width_percent_mixed_with_half_width() -> None:
    doc = document(
        Paragraph("执法人员持证率100%，案卷合格率98.5%。"), Paragraph("群众满意率99％。")
    )
    findings = check_document(doc)
    assert found(findings) == [("punctuation.percent", "％", "%")]
    assert "99％" in findings[0].location.excerpt


def test_a_draft_for_a_new_year_with_last_years_dated_event() -> None:
    doc = document(Paragraph("2023年6月，我局组织开展执法技能比武。"))
    findings = check_document(doc, year=2024)
    assert found(findings) == [("dates.old-event", "2023年6月", None)]
    # A report being checked (no draft year) is not told this: its own dates are its events.
    report = build_report(
        [Entry(TITLE, Role.TITLE), Entry("2024年3月，我局组织开展执法技能比武。", Role.BODY)]
    )
    assert not [f for f in check_report(report) if f.code == "dates.old-event"]
