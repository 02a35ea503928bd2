"""drafter check on the real past reports in ../shared/corpus (skipped where it is absent)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from drafter.check.fix import write_fixed
from drafter.check.source import check_path


@pytest.mark.parametrize("name", ["chengzhong-zfj-2023.txt", "chengzhong-zfj-2023.docx"])
def test_finds_the_misnumbered_level_one_heading(corpus: Path, name: str) -> None:
    checked = check_path(corpus / name)
    numbering = [f for f in checked.findings if f.code.startswith("numbering.")]
    assert len(numbering) == 1
    finding = numbering[0]
    assert finding.severity.value == "error"
    assert finding.code == "numbering.form"
    assert finding.found == "2、"
    assert finding.corrected == "二、"
    assert finding.location.excerpt.startswith("2、 工作亮点")
    assert finding.location.heading_path == ("2、 工作亮点",)
    # Line 28 of the text file; the 28th paragraph of the Word file.
    assert finding.location.source_position == 28


def test_finds_the_half_width_parenthesised_headings(corpus: Path) -> None:
    checked = check_path(corpus / "lingling-cgj-2023.md")
    half_width = [f for f in checked.findings if f.code == "numbering.form"]
    # Five under 一、, two of the four under 二、 and all five under 三、.
    assert [f.location.source_position for f in half_width] == [14, 16, 18, 20, 22, 40, 42, 46, 48, 50, 52, 54]
    for finding in half_width:
        assert finding.found is not None and finding.found.startswith("(")
        assert finding.corrected == "（" + finding.found[1:-1] + "）"
    # The full-width （一）（二） under 二、 are right and not reported.
    lines = {f.location.source_position for f in checked.findings}
    assert 36 not in lines and 38 not in lines


def test_corpus_reports_what_is_really_there(corpus: Path) -> None:
    """Spot checks of other findings on the corpus, so that false alarms show up here."""
    chengzhong = check_path(corpus / "chengzhong-zfj-2023.txt")
    codes = sorted(f.code for f in chengzhong.findings)
    # The half-width comma in "法律论证,研究" and a plan section that names no year.
    assert codes == ["dates.plan-year", "numbering.form", "punctuation.half-width"]
    jiefang = check_path(corpus / "jiefang-cgj-2023.txt")
    assert {f.code for f in jiefang.findings} == {"punctuation.spacing"}
    assert not [f for f in jiefang.findings if f.severity.value == "error"]


def test_layout_of_a_clerks_word_file(corpus: Path) -> None:
    checked = check_path(corpus / "chengzhong-zfj-2023.docx")
    layout = {f.code for f in checked.findings if f.code.startswith("layout.")}
    # No page numbers, 28 pt line spacing instead of 28.95 pt, and run-in level-2 headings whose
    # body is left in 楷体.  Page size, margins and the other fonts are right.
    assert layout == {"layout.page-number", "layout.line-pitch", "layout.font"}
    pitch = next(f for f in checked.findings if f.code == "layout.line-pitch")
    assert pitch.found == "固定值28磅"


def test_fix_on_the_word_file_renumbers_and_keeps_the_original(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "chengzhong-zfj-2023.docx"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    output = tmp_path / "fixed.docx"
    result = write_fixed(check_path(source), output)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert not result.skipped and len(result.applied) == 2
    again = check_path(output)
    assert not [f for f in again.findings if f.code.startswith(("numbering.", "punctuation."))]
    import docx

    paragraphs = [p.text for p in docx.Document(str(output)).paragraphs]
    assert paragraphs[27] == "二、工作亮点"
