"""`drafter check` on a report file says which of the parts every report must contain it
leaves out: its headings are matched to the outline as the importer matches them."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.source import check_path
from drafter.importer import read_report
from drafter.importer.matching import outline_heads
from drafter.importer.to_draft import convert
from drafter.outline import load_profile
from drafter.tree import Document, Heading, Paragraph, Signature
from tests.conftest import CORPUS_FILES

MEASURES = "一、主要举措和成效"
SHORTCOMINGS = "二、存在的问题和不足"
LEADERSHIP = "三、主要负责人履行推进法治建设第一责任人职责情况"
PLAN = "四、2025年工作思路"


def _lines(*headings: str) -> list[str]:
    bodies = {
        MEASURES: "全年办理行政许可事项312件，按时办结率100%。",
        SHORTCOMINGS: "基层执法人员法律素养有待提升。",
        LEADERSHIP: "局主要负责人带头讲授法治课，年内专题研究法治工作3次。",
        PLAN: "2025年，我局将持续规范行政执法行为。",
    }
    lines = ["示例县水利局2024年法治政府建设年度报告"]
    lines.append("2024年，我局坚持依法治水管水。现将有关情况报告如下：")
    for heading in headings:
        lines.extend([heading, bodies.get(heading, "我局认真抓好落实。")])
    return [*lines, "特此报告。", "示例县水利局", "2025年1月16日"]


def _text_report(tmp_path: Path, *headings: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("\n".join(_lines(*headings)) + "\n", encoding="utf-8")
    return path


def _missing(path: Path) -> list:
    return [f for f in check_path(path).findings if f.code == "content.required-part"]


def test_a_complete_report_is_not_told_to_add_anything(tmp_path):
    assert _missing(_text_report(tmp_path, MEASURES, SHORTCOMINGS, LEADERSHIP, PLAN)) == []


def test_a_missing_part_is_named_at_the_heading_it_belongs_before(tmp_path):
    path = _text_report(
        tmp_path, "一、主要举措和成效", "二、主要负责人履行推进法治建设第一责任人职责情况", PLAN
    )
    (finding,) = _missing(path)
    assert finding.severity.value == "warning"
    assert finding.corrected == "2024年推进法治政府建设存在的不足和原因"
    assert finding.location.source_position == 5  # the heading of item 3, written as 二、
    assert "应写在“二、主要负责人履行推进法治建设第一责任人职责情况”之前" in finding.message


def test_a_missing_plan_is_placed_at_the_end_and_names_next_year(tmp_path):
    (finding,) = _missing(_text_report(tmp_path, MEASURES, SHORTCOMINGS, LEADERSHIP))
    assert finding.corrected == "2025年推进法治政府建设的主要安排"
    assert finding.location.source_position == 11  # the date, the report's last line


def test_the_leaders_duties_folded_in_under_item_one_count(tmp_path):
    path = _text_report(
        tmp_path,
        MEASURES,
        "（一）规范水行政执法",
        "（二）主要负责人履行推进法治建设第一责任人职责情况",
        "二、存在的问题和不足",
        "三、2025年工作思路",
    )
    assert _missing(path) == []


def test_a_word_report_is_checked_for_its_parts_too(tmp_path):
    from drafter.export.docx import write_docx

    document = Document(
        title="示例县水利局2024年法治政府建设年度报告",
        blocks=[
            Paragraph("2024年，我局坚持依法治水管水。现将有关情况报告如下："),
            Heading(1, "主要举措和成效"),
            Paragraph("全年办理行政许可事项312件。"),
            Heading(1, "存在的问题和不足"),
            Paragraph("基层执法人员法律素养有待提升。"),
            Heading(1, "2025年工作思路"),
            Paragraph("2025年，我局将持续规范行政执法行为。"),
        ],
        closing="特此报告。",
        signature=Signature("示例县水利局", "2025年1月16日"),
    )
    path = tmp_path / "report.docx"
    write_docx(document, path)
    (finding,) = _missing(path)
    assert finding.corrected == (
        "2024年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"
    )
    assert "应写在“三、2025年工作思路”之前" in finding.message


@pytest.mark.parametrize("profile_id", ["department", "county"])
def test_the_headings_read_for_check_are_the_profiles(profile_id):
    profile = load_profile(profile_id)
    heads = outline_heads(profile_id)
    assert [(h.id, h.heading, h.level, h.optional, h.synonyms) for h in heads] == [
        (s.id, s.heading, s.level, s.optional, s.synonyms) for s in profile.sections
    ]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_on_every_corpus_report_check_and_import_agree_on_the_missing_parts(corpus, name):
    path = corpus / name
    found = {f.corrected for f in _missing(path)}
    conversion = convert(read_report(path), 2023, organisation="示例机关")
    profile = load_profile(conversion.draft.meta.profile)
    imported = {
        s.heading.replace("{{ year }}", "2023")
        for s in profile.sections
        if s.id in conversion.missing_required and s.level == 1
    }
    assert found == imported
    # The reports of chengzhong and jiefang hold every part; lingling's has no part on the
    # leaders' duties (its outline goes from 存在的主要问题 to 2024年工作打算).
    expected = {"2023年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"}
    assert found == (expected if name.startswith("lingling") else set())


def test_telling_the_parts_of_a_report_loads_no_outline_model(tmp_path):
    """The outline's headings are read from its YAML: check pays nothing for pydantic."""
    import subprocess
    import sys

    path = _text_report(tmp_path, MEASURES, PLAN)
    probe = (
        "import sys\n"
        "from drafter.check.source import check_path\n"
        f"found = [f for f in check_path({str(path)!r}).findings"
        " if f.code == 'content.required-part']\n"
        "print(len(found), sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'jinja2'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "2 []"
