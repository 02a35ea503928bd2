"""drafter check on our own fixtures (tests/fixtures/check), each with planted mistakes.

Every planted mistake must be found at its line with its corrected value, and nothing else
may be reported: the fixtures' other text is written to be clean, and clean.txt is clean
throughout while it is full of things that look like mistakes and are not (decimals, times,
thousands separators, a URL, Latin text, "自2019年起", approximate counts…).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from drafter.check.findings import Finding
from drafter.check.fix import write_fixed
from drafter.check.source import check_path

FIXTURES = Path(__file__).parent / "fixtures" / "check"

Row = tuple[str, str, int | None, str | None, str | None]


def rows(findings: list[Finding]) -> set[Row]:
    return {(f.severity.value, f.code, f.location.source_position, f.found, f.corrected) for f in findings}


# The fixtures other than clean.txt are parts of reports: each lacks some of the parts every
# report must contain, found at the heading they belong before.
SHORTCOMINGS = "{}年推进法治政府建设存在的不足和原因"
LEADERSHIP = "{}年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"
SHORTCOMINGS_2023, SHORTCOMINGS_2024 = SHORTCOMINGS.format(2023), SHORTCOMINGS.format(2024)
LEADERSHIP_2023, LEADERSHIP_2024 = LEADERSHIP.format(2023), LEADERSHIP.format(2024)

EXPECTED: dict[str, set[Row]] = {
    "numbering.txt": {
        ("error", "numbering.form", 5, "(一)", "（一）"),
        ("error", "numbering.form", 7, "（二）、", "（二）"),
        ("error", "numbering.form", 8, "1、", "1."),
        ("error", "numbering.sequence", 10, "（四）", "（三）"),
        ("error", "numbering.form", 12, "2、", "二、"),
        ("warning", "numbering.skipped-level", 18, "（1）", None),
        ("error", "numbering.sequence", 20, "（二）", "（三）"),
    },
    "arithmetic.txt": {
        ("error", "arithmetic.rate", 5, "98.7%", "94.9%"),
        ("error", "arithmetic.parts", 7, "120项", "126项"),
        ("error", "arithmetic.parts", 9, "18件", "15件"),
        ("error", "arithmetic.change", 11, "增长20%", "增长15%"),
        ("error", "arithmetic.percent-over-100", 11, "105%", None),
        ("error", "arithmetic.rate", 13, "80%", "75%"),
        ("warning", "content.required-part", 14, None, SHORTCOMINGS_2024),
        ("warning", "content.required-part", 14, None, LEADERSHIP_2024),
    },
    "dates.txt": {
        ("warning", "dates.other-year", 4, "2023年", "2024年"),
        ("error", "dates.after-signature", 5, "2025年3月5日", None),
        ("warning", "dates.other-year", 8, "2024年", "2025年"),
        ("warning", "dates.signature-form", 11, "2025年01月20日", "2025年1月20日"),
        ("warning", "content.required-part", 7, None, SHORTCOMINGS_2024),
        ("warning", "content.required-part", 7, None, LEADERSHIP_2024),
    },
    "title-year.txt": {
        ("error", "dates.title-year", 1, "2023年", "2024年"),
        ("warning", "dates.plan-year", 5, None, "2025年"),
        ("warning", "content.required-part", 5, None, SHORTCOMINGS_2023),
        ("warning", "content.required-part", 5, None, LEADERSHIP_2023),
    },
    "punctuation.md": {
        ("warning", "punctuation.spacing", 7, "动 36 场", "动36场"),
        ("warning", "punctuation.half-width", 7, "36 场,发放宣传", "36 场，发放宣传"),
        ("warning", "punctuation.quotes", 9, '"谁执法谁普法"', "“谁执法谁普法”"),
        ("warning", "punctuation.half-width", 9, '法"活动,覆盖辖区', '法"活动，覆盖辖区'),
        ("warning", "punctuation.parentheses", 11, "(试行)", "（试行）"),
        ("warning", "punctuation.half-width", 11, "件48件;每日8:", "件48件；每日8:"),
        ("warning", "content.required-part", 13, None, SHORTCOMINGS_2024),
        ("warning", "content.required-part", 13, None, LEADERSHIP_2024),
    },
    "clean.txt": set(),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_planted_mistakes_are_found_and_nothing_else(name: str) -> None:
    checked = check_path(FIXTURES / name)
    assert rows(checked.findings) == EXPECTED[name]
    assert len(checked.findings) == len(EXPECTED[name])


def test_findings_carry_the_heading_path_and_paragraph() -> None:
    checked = check_path(FIXTURES / "numbering.txt")
    gap = next(f for f in checked.findings if f.code == "numbering.sequence")
    assert gap.location.heading_path == ("一、主要举措和成效", "（四）强化执法监督")
    assert gap.location.paragraph == 10  # every line of this fixture is a paragraph
    assert "（四）" in gap.location.excerpt
    rate = next(
        f for f in check_path(FIXTURES / "arithmetic.txt").findings if f.code == "arithmetic.rate"
    )
    assert rate.location.heading_path == ("一、主要举措和成效", "（一）学法用法")
    assert "及格率98.7%" in rate.location.excerpt


def test_errors_come_before_warnings_in_reading_order() -> None:
    findings = check_path(FIXTURES / "numbering.txt").findings
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
    errors = [f.location.paragraph or 0 for f in findings if f.severity.value == "error"]
    assert errors == sorted(errors)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["numbering.txt", "punctuation.md", "dates.txt"])
def test_fix_writes_a_corrected_copy_and_leaves_the_original(name: str, tmp_path: Path) -> None:
    source = FIXTURES / name
    before = _digest(source)
    checked = check_path(source)
    output = tmp_path / f"fixed{source.suffix}"
    result = write_fixed(checked, output)
    assert _digest(source) == before
    assert not result.skipped
    assert {id(f) for f in result.applied} == {id(f) for f in checked.findings if f.fixable}
    again = check_path(output)
    assert not [f for f in again.findings if f.fixable]
    # What is not mechanical stays reported, unchanged in number.
    unfixable = [f.code for f in checked.findings if not f.fixable]
    assert sorted(f.code for f in again.findings) == sorted(unfixable)


def test_fix_touches_only_the_corrected_characters(tmp_path: Path) -> None:
    source = FIXTURES / "punctuation.md"
    output = tmp_path / "fixed.md"
    write_fixed(check_path(source), output)
    old = source.read_text(encoding="utf-8").splitlines(keepends=True)
    new = output.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(old) == len(new)
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [7, 9, 11]
    assert new[6] == "全年开展普法活动36场，发放宣传资料1100余份。\n"
    assert new[8] == "我局深入开展“谁执法谁普法”活动，覆盖辖区商户3200户。\n"
    assert (
        new[10]
        == "推行“首违不罚”清单制度（试行），全年不予处罚案件48件；每日8:30至17:30受理群众咨询。\n"
    )
    # Markdown markup and the hard line break of the signature survive.
    assert new[0].startswith("# ") and new[-2].endswith("  \n")


def test_fix_keeps_a_gb18030_file_in_its_encoding(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes((FIXTURES / "numbering.txt").read_text(encoding="utf-8").encode("gb18030"))
    output = tmp_path / "fixed.txt"
    write_fixed(check_path(source), output)
    text = output.read_bytes().decode("gb18030")
    assert "二、存在的不足" in text and "（一）加强学法用法" in text
