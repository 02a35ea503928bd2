"""Import tells the outline from the report's content, defaults the year, reads a .txt that
holds Markdown as Markdown and a title year written without 年.  The reports are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.cli import main
from drafter.importer import read_report
from drafter.importer.profile import choose_profile


@pytest.mark.parametrize(
    ("organisation", "title", "text", "profile", "why"),
    [
        ("示例县人民政府", None, "", "county", "含“人民政府”"),
        ("示例区", "示例区关于2024年法治政府建设情况的报告", "", "county", "以“区”结尾"),
        ("城关镇", None, "", "county", "乡镇、街道的报告按政府报告处理"),
        ("东关街道办事处", None, "", "county", "乡镇、街道的报告按政府报告处理"),
        ("示例县交通运输局", None, "我局坚持依法行政", "department", "以“局”结尾"),
        ("示例县卫生健康委员会", None, "", "department", "以“委员会”结尾"),
        ("示例单位", None, "我区共有16个部门，我区坚持", "county", "正文自称“我区”"),
        ("示例单位", None, "我镇扎实推进", "county", "正文自称“我镇”"),
        ("示例单位", None, "我街道坚持", "county", "正文自称“我街道”"),
        ("示例单位", None, "在区委区政府的领导下", "county", "区委区政府"),
        ("示例单位", None, "坚持依法行政", "department", "按部门报告处理"),
    ],
)
def test_the_profile_is_chosen_from_the_content(organisation, title, text, profile, why):
    choice = choose_profile(organisation, title, text)
    assert choice.profile == profile
    assert why in choice.reason


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


TOWN = [
    "城关镇2024法治政府建设年度报告",
    "2024年，我镇坚持依法行政。现将有关情况报告如下：",
    "一、主要举措和成效",
    "全年开展普法活动12场。",
    "二、存在的不足和原因",
    "基层法治力量不足。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "镇党委书记带头学法。",
    "四、2025年工作打算",
    "继续推进依法行政。",
]


def test_a_town_report_gets_the_government_outline_and_the_summary_says_why(tmp_path, capsys):
    source = _write(tmp_path / "town.txt", TOWN)
    draft = tmp_path / "d.yaml"
    assert main(["new", "--from", str(source), "-o", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "选用区县政府提纲" in out and "乡镇、街道的报告按政府报告处理" in out
    assert "--profile department" in out
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["meta"]["profile"] == "county"
    # --year defaults to the year after the report's; the title's year had no 年.
    assert data["meta"]["year"] == 2025
    assert data["meta"]["title"] == "城关镇2025年法治政府建设年度报告"


def test_a_title_year_without_nian_is_the_reports_year(tmp_path):
    assert read_report(_write(tmp_path / "town.txt", TOWN)).year == 2024


def test_without_a_year_anywhere_the_year_must_be_given(tmp_path, capsys):
    lines = [line.replace("2024", "").replace("2025年", "下一年度") for line in TOWN]
    source = _write(tmp_path / "town.txt", lines)
    assert main(["new", "--from", str(source), "-o", str(tmp_path / "d.yaml")]) == 2
    assert "--year" in capsys.readouterr().err


def test_a_txt_that_holds_markdown_is_read_as_markdown(tmp_path):
    lines = [
        "# 示例县交通运输局",
        "## 2024年法治政府建设年度报告",
        "2024年，我局坚持依法行政。现将有关情况报告如下：",
        "### 一、主要举措和成效",
        "**（一）加强学法。**全年集中学法12次。",
        "### 二、存在的不足和原因",
        "学法还不够深入。",
    ]
    as_text = read_report(_write(tmp_path / "r.txt", lines))
    as_markdown = read_report(_write(tmp_path / "r.md", lines))
    assert as_text.text == as_markdown.text
    assert "#" not in as_text.text and "**" not in as_text.text
    assert [h.title for h in as_text.document.headings()][:2] == ["主要举措和成效", "加强学法"]
