"""The text rules on in-memory documents: each rule's edges, without reading any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check_document
from drafter.check.findings import Finding
from drafter.check.numbering import parse_written_number
from drafter.tree import Document, Heading, Paragraph, Signature
from drafter.vocab.dates import parse_written_date

ROOT = Path(__file__).resolve().parent.parent


def report(*blocks: Heading | Paragraph, date: str = "2025年1月20日", **more: object) -> Document:
    title = more.pop("title", "示例县水利局关于2024年法治政府建设情况的报告")
    return Document(
        title=str(title),
        blocks=[Paragraph("2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下："), *blocks],
        closing="特此报告。",
        signature=Signature("示例县水利局", date),
    )


def codes(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.found, f.corrected) for f in findings]


PLAN = (Heading(1, "2025年工作打算"), Paragraph("2025年，我局将持续推进依法行政。"))


# -- numbering -----------------------------------------------------------------------------


def test_parse_written_number() -> None:
    assert parse_written_number("（一）、").value == 1  # type: ignore[union-attr]
    assert parse_written_number("十二、").value == 12  # type: ignore[union-attr]
    assert parse_written_number("(3)").value == 3  # type: ignore[union-attr]
    assert parse_written_number("一是") is None
    assert parse_written_number("") is None


def test_a_gap_is_reported_once_and_renumbers_its_followers() -> None:
    document = report(
        Heading(1, "主要举措"),
        Heading(1, "存在的不足"),
        Heading(1, "原因分析"),
        *PLAN,
    )
    findings = check_document(document, written_headings=["一、", "三、", "四、", "五、"])
    assert codes(findings) == [("numbering.sequence", "三、", "二、")]
    assert "其后2个同级标题的编号随之顺延" in findings[0].message
    assert [e.replacement for e in findings[0].edits] == ["二、", "三、", "四、"]


def test_first_heading_not_counting_from_one() -> None:
    document = report(Heading(1, "主要举措"), Heading(2, "学法用法"), *PLAN)
    findings = check_document(document, written_headings=["一、", "（二）", "二、"])
    assert codes(findings) == [("numbering.sequence", "（二）", "（一）")]


def test_the_two_level_form_is_allowed_but_other_skips_are_not() -> None:
    two_level = report(
        Heading(1, "主要举措"), Heading(3, "学法用法"), Heading(3, "规范执法"), *PLAN
    )
    assert check_document(two_level) == []
    skipped = report(Heading(1, "主要举措"), Heading(4, "学法用法"), *PLAN)
    findings = check_document(skipped)
    assert codes(findings) == [("numbering.skipped-level", "（1）", None)]
    assert "跳过了二级标题、三级标题" in findings[0].message


def test_a_space_after_a_right_number_is_only_a_hint() -> None:
    document = report(Heading(1, "主要举措"), *PLAN)
    findings = check_document(document, written_headings=["一、 "])
    assert [(f.severity.value, f.code) for f in findings] == [("info", "numbering.space")]


# -- arithmetic ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "组织全体执法人员参加法律知识考试，通过率100%。",  # no counts to compare
        "参考530余人，通过500人，通过率94.3%。",  # approximate counts prove nothing
        "办理案件120件，其中简易程序80件。",  # a part smaller than its total
        "新媒体信息发布量同比增长150%。",  # growth can exceed 100%
        "全年办理案件96件，同比增长20%（上年为80件）。",
        "执法考试参考40人，通过38人，通过率95%。",
        "执法考试参考79人，通过75人，通过率95%。",  # 94.9 rounds to 95 at whole percent
        "通过率由90%提高到95%，提高了5个百分点。",
        "行政处罚罚没金额14,500元，较上年增长5%。",  # one figure only
    ],
)
def test_figures_that_agree_are_not_reported(text: str) -> None:
    assert check_document(report(Paragraph(text), *PLAN)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("执法资格考试参考26人，通过25人，通过率98%。", ("arithmetic.rate", "98%", "96.2%")),
        ("受理投诉1836件，办结1829件，办结率99.9%。", ("arithmetic.rate", "99.9%", "99.6%")),
        ("开展调解40件，调解成功30件，调解成功率80%。", ("arithmetic.rate", "80%", "75%")),
        (
            "通过率由90%提高到95%，提高了4个百分点。",
            ("arithmetic.change", "提高了4个百分点", "提高5个百分点"),
        ),
        ("办理许可由200件减少到180件，增长10%。", ("arithmetic.change", "增长10%", "下降10%")),
        ("执法记录仪配备率达120%。", ("arithmetic.percent-over-100", "120%", None)),
    ],
)
def test_figures_that_contradict_each_other(text: str, expected: tuple[str, str, str]) -> None:
    findings = check_document(report(Paragraph(text), *PLAN))
    assert codes(findings) == [expected]
    assert findings[0].severity.value == "error"


def test_a_rate_with_its_counts_in_the_previous_sentence() -> None:
    text = "全年组织执法资格考试1次，参考人员40人。考试通过36人，通过率95%。"
    assert codes(check_document(report(Paragraph(text), *PLAN))) == [
        ("arithmetic.rate", "95%", "90%")
    ]


# -- years and dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025年1月20日", (2025, 1, 20)),
        ("2025年01月20日", (2025, 1, 20)),
        ("二〇二五年一月二十日", (2025, 1, 20)),
        ("2025.1.20", (2025, 1, 20)),
        ("２０２５年１月２０日", (2025, 1, 20)),
        ("2025 年 1 月 20 日", (2025, 1, 20)),
        ("2025年13月1日", None),
        ("一月二十日", None),
    ],
)
def test_parse_written_date(written: str, expected: tuple[int, int, int] | None) -> None:
    assert parse_written_date(written) == expected


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("二〇二五年一月二十日", "阿拉伯数字"),
        ("2025.1.20", "×年×月×日"),
        ("２０２５年１月２０日", "半角"),
        ("2025年1月 20日", "空格"),
    ],
)
def test_signature_date_forms(written: str, reason: str) -> None:
    findings = check_document(report(*PLAN, date=written))
    assert codes(findings) == [("dates.signature-form", written, "2025年1月20日")]
    assert reason in findings[0].message
    assert findings[0].fixable


def test_the_draft_year_decides_the_report_year() -> None:
    document = report(*PLAN, title="示例县水利局关于2023年法治政府建设情况的报告")
    findings = check_document(document, year=2024)
    assert codes(findings) == [("dates.title-year", "2023年", "2024年")]


def test_event_dates_after_signing() -> None:
    body = Paragraph("12月30日，我局召开年度述法会议。计划于2025年6月底前完成制度清理。")
    # Signed in December of the report year itself: 30 December is after 26 December.
    late = report(body, *PLAN, date="2024年12月26日")
    assert codes(check_document(late)) == [("dates.after-signature", "12月30日", None)]
    # Signed in January of the next year: a date of the report year is in the past.
    assert check_document(report(body, *PLAN)) == []


def test_plan_heading_with_the_wrong_year() -> None:
    document = report(Heading(1, "2024年工作打算"), Paragraph("我局将持续推进依法行政。"))
    assert codes(check_document(document)) == [("dates.plan-year", "2024年", "2025年")]


# -- punctuation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "每日8:30至17:30受理咨询，罚没金额14,500元，增长3.5%。",
        "详见 https://www.example.gov.cn/a,b;c:d 网站。",
        "采用 GB/T 9704-2012 标准，参照“Hello, world; see (note).”的写法。",
        "开展“3.19城市管理日”和“12.4国家宪法日”宣传。",
    ],
)
def test_punctuation_that_is_right_is_not_reported(text: str) -> None:
    assert check_document(report(Paragraph(text), *PLAN)) == []


@pytest.mark.parametrize(
    ("text", "found", "corrected"),
    [
        ("全年开展检查12 次。", "查12 次", "查12次"),
        ("配备执法记录仪 50台。", "仪 50台", "仪50台"),
        ("于 2023 年启动。", "于 2023 年", "于2023年"),
        ("满意率达 100%，群众认可。", "达 100%，", "达100%，"),
    ],
)
def test_spaces_between_figures_and_chinese(text: str, found: str, corrected: str) -> None:
    findings = check_document(report(Paragraph(text), *PLAN))
    assert codes(findings) == [("punctuation.spacing", found, corrected)]


def test_corner_quotes_mixed_with_curly_quotes() -> None:
    text = "推行“首违不罚”和「轻微免罚」清单。"
    assert codes(check_document(report(Paragraph(text), *PLAN))) == [
        ("punctuation.quotes", "「轻微免罚」", "“轻微免罚”")
    ]


def test_a_lone_half_width_parenthesis() -> None:
    text = "印发执法手册（第二版)，发放300册。"
    findings = check_document(report(Paragraph(text), *PLAN))
    assert codes(findings) == [("punctuation.parentheses", ")", "）")]


# -- our own drafts ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["department-2024.yaml", "county-2024.yaml"])
def test_our_samples_compose_clean(name: str) -> None:
    from drafter.compose import compose_file
    from drafter.draftfile import load_draft

    draft, _ = load_draft(ROOT / "sample_inputs" / name)
    document = compose_file(ROOT / "sample_inputs" / name).document
    findings = check_document(document, year=draft.meta.year)
    assert [f for f in findings if f.severity.value in ("error", "warning")] == []
