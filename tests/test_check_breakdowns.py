"""check on "其中" parts, stated rates and changes, through the figure reader.

An arithmetic error is reported only where the reading is certain; where a total could be read
another way it is at most a warning, and text that is right reports nothing.  The sentences are
the project's own.
"""

from __future__ import annotations

import pytest

from drafter.check import check_document
from drafter.check.findings import Finding
from drafter.tree import Document, Heading, Paragraph, Signature


def report(text: str) -> Document:
    return Document(
        title="示例县交通运输局关于2024年法治政府建设情况的报告",
        blocks=[
            Paragraph("2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下："),
            Heading(1, "2024年推进法治政府建设的主要举措和成效"),
            Paragraph(text),
            Heading(1, "2025年工作打算"),
            Paragraph("2025年，我局将持续推进依法行政。"),
        ],
        closing="特此报告。",
        signature=Signature("示例县交通运输局", "2025年1月20日"),
    )


def arithmetic(text: str) -> list[Finding]:
    return [f for f in check_document(report(text)) if f.code.startswith("arithmetic.")]


@pytest.mark.parametrize(
    "text",
    [
        # counts listed before 其中: the part belongs to their sum (22), not to the nearest (6)
        "招录执法辅助人员12名，协管员4名，网格员6名，其中具有本科学历的15名。",
        # a parenthesis between the total and 其中: both lists belong to 62
        "审结复议案件62件（其中上年结转8件，本年受理54件），其中维持38件，撤销7件，终止9件。",
        # a remainder clause is not one of the parts
        "收到行政复议申请26件，其中维持14件，撤销3件，终止4件，5件正在审理中。",
        # a nested breakdown is not added to the outer parts
        "办结复议案件32件，其中维持21件，纠错9件(区直部门3件,乡镇街道6件)，驳回2件。",
        # either semicolon ends the parts
        "受理投诉举报140件，其中油烟扰民52件、噪音扰民60件；办结136件。",
        "受理投诉举报140件，其中油烟扰民52件、噪音扰民60件;办结136件。",
        # semicolons inside the parenthesis separate its parts
        "应诉行政诉讼案件18起（其中一审案件9起；二审案件6起；再审案件3件）。",
        # a part of another kind ends the list
        "受理非诉执行案件7起，其中5起已执行完毕，执行罚款金额共计26800元，另有3起在办理中。",
        # a stated rate and a stated change that are right
        "组织执法资格考试，参考64人，通过61人，通过率95.3%。",
        "受理投诉举报86件，上年同期为72件，同比增长19.4%。",
        "办理行政许可1024件，同比增长12.5%（上年为910件）。",
    ],
)
def test_text_that_is_right_reports_nothing(text: str) -> None:
    assert arithmetic(text) == []


@pytest.mark.parametrize(
    ("text", "found", "corrected", "excerpt"),
    [
        (
            "审结复议案件62件（其中上年结转8件，本年受理56件），其中维持38件。",
            "62件",
            "64件",
            "62件",
        ),
        (
            "审结复议案件62件（其中上年结转8件，本年受理54件），其中维持38件，撤销17件，终止9件。",
            "62件",
            "64件",
            "维持38件",
        ),
        (
            "收到行政复议申请26件，其中维持14件，撤销9件，终止4件，5件正在审理中。",
            "26件",
            "27件",
            "终止4件",
        ),
        (
            "办结复议案件32件，其中维持21件，纠错9件(区直部门3件,乡镇街道7件)，驳回2件。",
            "9件",
            "10件",
            "乡镇街道7件",
        ),
        (
            "发放宣传资料3000份，其中法律汇编、宣传折页分别为1200份、1600份。",
            "3000份",
            "2800份",
            "1600份",
        ),
    ],
)
def test_parts_that_do_not_add_up_are_an_error_at_their_place(
    text: str, found: str, corrected: str, excerpt: str
) -> None:
    (finding,) = arithmetic(text)
    assert (finding.code, finding.severity.value) == ("arithmetic.parts", "error")
    assert (finding.found, finding.corrected) == (found, corrected)
    assert excerpt in finding.location.excerpt


def test_parts_over_a_total_that_could_be_read_another_way_are_only_a_warning() -> None:
    text = "招录执法辅助人员12名，协管员4名，网格员6名，其中具有本科学历的25名。"
    (finding,) = arithmetic(text)
    assert finding.severity.value == "warning"
    assert finding.corrected == "25名"
    assert "12+4+6=22名" in finding.message


def test_a_wrong_rate_and_a_wrong_change_are_errors_with_their_computed_values() -> None:
    (rate,) = arithmetic("组织执法资格考试，参考64人，通过61人，通过率98.3%。")
    assert (rate.code, rate.found, rate.corrected) == ("arithmetic.rate", "98.3%", "95.3%")
    (change,) = arithmetic("受理投诉举报86件，上年同期为72件，同比增长21.4%。")
    assert (change.code, change.corrected) == ("arithmetic.change", "增长19.4%")
    assert change.found == "增长21.4%"


@pytest.mark.parametrize(
    "text",
    [
        "群众满意率达98%。",
        "参考120余人，通过110人，通过率95.5%。",
        "办理行政许可1024件，同比增长31.5%。",
        "今年共办理案件80件，均依法依规办结，案卷全部归档，其中简易程序52件。",
    ],
)
def test_an_uncertain_reading_is_never_an_error(text: str) -> None:
    assert not [f for f in arithmetic(text) if f.severity.value == "error"]


@pytest.mark.parametrize(
    "name",
    [
        "chengzhong-zfj-2023.txt",
        "chengzhong-zfj-2023.docx",
        "jiefang-cgj-2023.txt",
        "jiefang-cgj-2023.docx",
        "lingling-cgj-2023.md",
    ],
)
def test_no_arithmetic_finding_on_the_corpus(corpus, name: str) -> None:
    from drafter.check.source import check_path

    findings = check_path(corpus / name).findings
    assert [f for f in findings if f.code.startswith("arithmetic.")] == []
