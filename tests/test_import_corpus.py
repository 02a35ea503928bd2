"""`drafter outline --json` on the real reports in ../shared/corpus against the hand-checked outlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.importer import read_report
from drafter.importer.clean import compare_key
from drafter.numbering import number_headings
from drafter.tree import Heading
from drafter.vocab.numerals import chinese_numeral
from tests.conftest import CORPUS_FILES


def outline_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["outline", "--json", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def expected_for(corpus: Path, name: str) -> dict:
    return json.loads((corpus / "expected" / f"{Path(name).stem}.json").read_text("utf-8"))


def test_every_corpus_report_is_covered(corpus):
    stems = {p.stem for p in (corpus / "expected").glob("*.json")}
    reports = sorted(
        p.name for p in corpus.iterdir() if p.suffix in {".txt", ".md", ".docx"} and p.stem in stems
    )
    assert reports == sorted(CORPUS_FILES)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_outline_matches_expected_headings(corpus, capsys, name):
    got = outline_json(corpus / name, capsys)
    expected = expected_for(corpus, name)
    assert [h["level"] for h in got["headings"]] == [h["level"] for h in expected["outline"]]
    for mine, theirs in zip(got["headings"], expected["outline"], strict=True):
        assert compare_key(mine["title"]) == compare_key(theirs["title"]), mine
        assert mine["run_in"] == theirs["run_in"], mine
    # The numbers printed are the repaired ones, computed from the levels.
    levels = [h["level"] for h in got["headings"]]
    assert [h["number"] for h in got["headings"]] == number_headings(
        [Heading(level, "x") for level in levels]
    )


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_outline_finds_front_matter_and_title(corpus, capsys, name):
    got = outline_json(corpus / name, capsys)
    expected = expected_for(corpus, name)
    assert [compare_key(line) for line in got["front_matter"]] == [
        compare_key(line) for line in expected["front_matter"]
    ]
    if not expected["front_matter"]:
        assert got["title"] is None
    else:
        title = compare_key(got["title"])
        assert title.endswith("报告")
        # The title is made of the front-matter lines it was split over, in order.
        assert title in "".join(compare_key(line) for line in expected["front_matter"])
        assert "2023年" in title
    assert got["signature"] is None and got["date"] is None  # none of these reports is signed


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_paragraph_count_before_rejoining_matches_the_word_files(corpus, capsys, name):
    """The hand-checked counts were taken before page-break splits were rejoined: each
    rejoin takes one paragraph away.  The PDF text of jiefang has one split more than its
    Word file (a paragraph the PDF broke across pages that Word keeps whole), so its count
    is checked against its Word file through the next test instead."""
    got = outline_json(corpus / name, capsys)
    expected = expected_for(corpus, name)
    rejoined = [r for r in got["repairs"] if "合并为一段" in r]
    if name == "jiefang-cgj-2023.txt":
        assert got["paragraphs"] + len(rejoined) == expected["paragraphs"] + 1
    else:
        assert got["paragraphs"] + len(rejoined) == expected["paragraphs"]


@pytest.mark.parametrize("stem", ["chengzhong-zfj-2023", "jiefang-cgj-2023"])
def test_text_and_word_file_of_one_report_give_the_same_outline(corpus, capsys, stem):
    from_text = outline_json(corpus / f"{stem}.txt", capsys)
    from_word = outline_json(corpus / f"{stem}.docx", capsys)
    for key in ("title", "headings", "paragraphs", "front_matter"):
        assert from_text[key] == from_word[key], key


def test_misnumbered_heading_is_repaired_and_reported(corpus, capsys):
    for name in ("chengzhong-zfj-2023.txt", "chengzhong-zfj-2023.docx"):
        got = outline_json(corpus / name, capsys)
        top = [h for h in got["headings"] if h["level"] == 1]
        assert [h["number"] for h in top] == [f"{chinese_numeral(n)}、" for n in range(1, 5)]
        highlight = next(h for h in got["headings"] if h["title"] == "工作亮点")
        assert highlight["level"] == 1 and highlight["number"] == "二、"
        repair = [r for r in got["repairs"] if "工作亮点" in r]
        assert len(repair) == 1
        assert "“2、”" in repair[0] and "“二、”" in repair[0] and "一级标题" in repair[0]

    imported = read_report(corpus / "chengzhong-zfj-2023.txt")
    source = next(h for h in imported.source_headings if "工作亮点" in h.raw)
    assert source.number == "2、" and source.form_level == 3 and source.level == 1
    assert source.repaired
    assert imported.paragraphs[source.index] == "2、工作亮点"


def test_a_date_in_the_front_matter_is_never_a_heading(corpus, capsys):
    got = outline_json(corpus / "lingling-cgj-2023.md", capsys)
    assert "2023.12.26" in got["front_matter"]
    assert not any("12.26" in h["title"] for h in got["headings"])
    assert got["headings"][0]["title"] == "工作开展情况"
    # Bold run-in headings with half-width parentheses are level 2 and run in.
    assert got["headings"][1] == {
        "level": 2,
        "number": "（一）",
        "title": "强化学习教育，健全工作机制",
        "run_in": True,
    }


def test_word_automatic_numbering_is_resolved(corpus):
    imported = read_report(corpus / "jiefang-cgj-2023.docx")
    top = [h for h in imported.source_headings if h.level == 1]
    assert [h.auto_number for h in top] == ["一、", "二、", "三、", "四、"]
    assert all(h.number is None for h in top)  # not typed in the text at all
    # The cleaned text shows the numbers as a reader of the Word file sees them.
    assert imported.paragraphs[top[0].index] == "一、工作落实情况"
    assert imported.paragraphs[top[3].index] == "四、2024年度推进法治政府建设的相关计划"
    assert [h.title for h in imported.document.headings() if h.level == 1][1].startswith(
        "2023年度党政主要负责人"
    )


def test_page_break_splits_are_rejoined(corpus):
    imported = read_report(corpus / "jiefang-cgj-2023.txt")
    assert any("三是进一步规范行政决策行为，健全依法决策机制" in p for p in imported.paragraphs)
    assert not any(p.startswith("决策行为") for p in imported.paragraphs)
    assert not any(p.startswith("13个“城管服务岗”") for p in imported.paragraphs)
    lingling = read_report(corpus / "lingling-cgj-2023.md")
    assert any("按照市里要求，零陵区高度重视" in p for p in lingling.paragraphs)


def test_debris_is_removed(corpus):
    imported = read_report(corpus / "chengzhong-zfj-2023.txt")
    text = imported.text
    assert "[bookmark" not in text
    assert imported.paragraphs[-1].startswith("（五）继续探索法制宣传的新机制")
    assert any("页码" in r for r in imported.repairs)
    assert "研究商定对策" in text and "法律论证，研究商定对策" in text


def test_years_spaces_and_detected_year(corpus):
    imported = read_report(corpus / "jiefang-cgj-2023.txt")
    assert imported.year == 2023
    assert imported.document.title == "解放区城市管理局关于2023年法治政府建设情况的报告"
    assert "2023 年" not in imported.text and "执法记录仪50台" in imported.text
    for name in CORPUS_FILES:
        assert read_report(corpus / name).year == 2023


def test_plain_outline_is_readable_chinese(corpus, capsys):
    assert main(["outline", str(corpus / "chengzhong-zfj-2023.txt")]) == 0
    out = capsys.readouterr().out
    assert "标题：（未识别到标题）" in out
    assert "\n  二、工作亮点\n" in out
    assert "\n    （一）党政主要负责人履行推进法治建设第一责任人职责情况\n" in out
    assert "\n      1.认真执行行政执法公示制度" in out
    assert "修正" in out
