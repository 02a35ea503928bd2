"""Title line breaking: balanced lines, whole words, whole 《》 names."""

from __future__ import annotations

from itertools import pairwise

import pytest

from drafter.layout import DEFAULT_LAYOUT
from drafter.titles import break_title, text_width

LINE = DEFAULT_LAYOUT.title_chars_per_line


def test_a_line_holds_20_title_characters() -> None:
    # floor(156 mm / 22 pt) = floor(20.1)
    assert LINE == 20


def test_text_width_counts_ascii_as_half() -> None:
    assert text_width("2024年") == 3
    assert text_width("法治政府") == 4


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        # Short enough: one line.
        ("关于2024年度法治政府建设情况的报告", ["关于2024年度法治政府建设情况的报告"]),
        # Split after the organisation name: 16 | 16.
        (
            "示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告",
            ["示例市城中区城市管理和综合执法局", "关于2024年法治政府建设情况的报告"],
        ),
        # Split after 关于: 12 | 14 balances better than 10 | 16.
        (
            "示例市城中区人民政府关于2024年法治政府建设情况的报告",
            ["示例市城中区人民政府关于", "2024年法治政府建设情况的报告"],
        ),
        # No 关于: split before the year.
        (
            "示例市城中区城市管理和综合执法局2024年度法治政府建设情况报告",
            ["示例市城中区城市管理和综合执法局", "2024年度法治政府建设情况报告"],
        ),
        # After the year, before 法治政府建设.
        (
            "示例市城中区人民政府2024年度法治政府建设情况的报告",
            ["示例市城中区人民政府2024年度", "法治政府建设情况的报告"],
        ),
        # An organisation longer than a line breaks after its place name, not inside a word.
        (
            "示例省示例市城中区城市管理和综合行政执法局关于2024年度法治政府建设工作情况的报告",
            [
                "示例省示例市城中区",
                "城市管理和综合行政执法局关于",
                "2024年度法治政府建设工作情况的报告",
            ],
        ),
    ],
)
def test_balanced_breaks(title: str, lines: list[str]) -> None:
    assert break_title(title, LINE) == lines


def test_book_title_names_are_never_broken() -> None:
    title = "示例市城中区人民政府关于贯彻落实《法治政府建设实施纲要（2021—2025年）》情况的报告"
    lines = break_title(title, LINE)
    assert "".join(lines) == title
    assert any(line.startswith("《") and "》" in line for line in lines)
    for line in lines:
        assert line.count("《") == line.count("》")


def test_a_name_longer_than_a_line_still_breaks_somewhere() -> None:
    title = "《" + "法治" * 12 + "》"
    lines = break_title(title, LINE)
    assert "".join(lines) == title
    assert all(text_width(line) <= LINE for line in lines)


@pytest.mark.parametrize(
    "title",
    [
        "示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告",
        "中共示例市城中区委全面依法治区委员会办公室关于2024年度法治政府建设情况的报告",
        "示例市城中区城市管理和综合执法局2024年度法治政府建设工作情况和2025年工作计划的报告",
        "解放区城市管理局关于2023年法治政府建设情况的报告",
        "关于" * 30,
        "某" * 45,
    ],
)
def test_every_line_fits_and_nothing_is_lost(title: str) -> None:
    lines = break_title(title, LINE)
    assert "".join(lines) == title
    assert all(text_width(line) <= LINE for line in lines)
    assert len(lines) <= -(-text_width(title) // LINE) + 1


@pytest.mark.parametrize(
    "title",
    [
        "示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告",
        "示例市城中区人民政府2024年度法治政府建设情况的报告",
        "中共示例市城中区委全面依法治区委员会办公室关于2024年度法治政府建设情况的报告",
    ],
)
def test_never_inside_a_year_or_a_word(title: str) -> None:
    lines = break_title(title, LINE)
    for left, right in pairwise(lines):
        assert not left[-1].isdigit()  # never inside 2024 or between 2024 and 年
        assert not right.startswith(("年", "度", "的", "局", "会", "员会", "报告"))
        assert not (left.endswith("法治") and right.startswith("政府"))


def test_three_lines_are_a_trapezoid_or_a_diamond() -> None:
    title = "中共示例市城中区委全面依法治区委员会办公室关于2024年度法治政府建设情况的报告"
    widths = [text_width(line) for line in break_title(title, LINE)]
    assert len(widths) == 3
    assert not (widths[1] < widths[0] and widths[1] < widths[2])  # no hourglass


def test_max_chars_must_be_positive() -> None:
    with pytest.raises(ValueError):
        break_title("标题", 0)
