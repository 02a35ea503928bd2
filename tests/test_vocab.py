"""One vocabulary of the report's language: characters, numerals, dates, words as data."""

from __future__ import annotations

import pytest

from drafter.importer.clean import full_width_punctuation
from drafter.reading.figures import quantities
from drafter.vocab.chars import is_cjk, is_han
from drafter.vocab.dates import format_date, parse_written_date
from drafter.vocab.headings import parse_heading_number
from drafter.vocab.numerals import (
    MAX_NUMERAL,
    chinese_numeral,
    parse_chinese_numeral,
    parse_digit_numeral,
)
from drafter.vocab.words import APPROX_WORDS, UNITS, self_reference


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (205, "二百零五"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (9999, "九千九百九十九"),
    ],
)
def test_numerals_go_past_ninety_nine_both_ways(n: int, written: str) -> None:
    assert chinese_numeral(n) == written
    assert parse_chinese_numeral(written) == n


def test_every_numeral_reads_back_as_itself() -> None:
    for n in range(1, MAX_NUMERAL + 1):
        assert parse_chinese_numeral(chinese_numeral(n)) == n


def test_numerals_are_bounded() -> None:
    with pytest.raises(ValueError):
        chinese_numeral(MAX_NUMERAL + 1)
    with pytest.raises(ValueError):
        chinese_numeral(0)
    assert parse_chinese_numeral("一" * 10_000) is None
    assert parse_chinese_numeral("一十二") is None  # written 十二
    assert parse_chinese_numeral("二百零") is None
    assert parse_chinese_numeral("千") is None  # written 一千


def test_years_are_read_digit_by_digit() -> None:
    assert parse_digit_numeral("二〇二五") == 2025
    assert parse_digit_numeral("二零二四") == 2024
    assert parse_digit_numeral("二十") is None


@pytest.mark.parametrize(
    "written",
    ["2025年1月20日", "2025.01.20", "2025-1-20", "２０２５年１月２０日", "二〇二五年一月二十日", "25年1月20日"],
)
def test_a_date_reads_the_same_in_every_written_form(written: str) -> None:
    assert parse_written_date(written) == (2025, 1, 20)
    assert format_date(*parse_written_date(written)) == "2025年1月20日"  # type: ignore[misc]


def test_what_is_no_date_reads_as_none() -> None:
    assert parse_written_date("2025年13月1日") is None
    assert parse_written_date("二〇二五年十三月一日") is None
    assert parse_written_date("特此报告。") is None


def test_one_definition_of_chinese_text() -> None:
    assert all(map(is_han, "法治〇㐀𠀀"))
    assert not any(map(is_han, "，A1１"))
    assert all(map(is_cjk, "，。、；：（）《》“”…"))
    assert not any(map(is_cjk, "\u3000 A1１Ａ"))  # spaces, digits, letters of either width


def test_heading_numbers_past_ninety_nine_are_read() -> None:
    assert parse_heading_number("一百零一、其他") == (1, 101, "一百零一、", "其他")
    assert parse_heading_number("（一百一十）其他") == (2, 110, "（一百一十）", "其他")
    assert parse_heading_number("千方百计，") is None


def test_import_and_check_know_the_same_units() -> None:
    # The importer once knew 平方米, 公里 and 吨 and check did not.
    for unit in ("平方米", "公里", "吨", "人次", "件", "宗", "位"):
        assert unit in UNITS
        found = quantities(f"共12{unit}。")
        assert [(f.value, f.unit) for f in found] == [(12.0, unit)]
    assert quantities("拆除违建约4714平方米")[0].approximate


def test_the_approximation_words_are_those_a_figure_may_carry() -> None:
    assert APPROX_WORDS == ("余", "多", "以上", "超", "近", "约")


@pytest.mark.parametrize(
    ("organisation", "we"),
    [("某市某区人民政府", "我区"), ("某市司法局", "我局"), ("某市卫生健康委员会", "我委"),
     ("人民政府", "我们"), ("某某公司", "我单位")],
)  # fmt: skip
def test_a_report_refers_to_its_author_by_the_end_of_its_name(organisation: str, we: str) -> None:
    assert self_reference(organisation) == we


def test_import_and_check_agree_on_chinese_punctuation() -> None:
    # Full-width digits are not Chinese text: the comma between them is a thousands separator.
    assert full_width_punctuation("１４,５００") == "１４,５００"
    assert full_width_punctuation("执法,监督") == "执法，监督"


def test_word_lists_ship_in_the_package() -> None:
    from importlib.resources import files

    assert files("drafter.vocab").joinpath("words.yaml").is_file()


def test_the_regex_classes_are_the_same_definition_as_the_predicates() -> None:
    import re

    from drafter.vocab.chars import CHINESE_PUNCTUATION_CLASS, HAN_CLASS

    han = re.compile(f"[{HAN_CLASS}]")
    chinese = re.compile(f"[{HAN_CLASS}{CHINESE_PUNCTUATION_CLASS}]")
    for code in (*range(0x2000, 0x10000), *range(0x20000, 0x20200)):
        char = chr(code)
        assert bool(han.match(char)) == is_han(char), hex(code)
        assert bool(chinese.match(char)) == is_cjk(char), hex(code)


def test_import_and_check_read_heading_numbers_alike() -> None:
    from drafter.check.numbering import parse_written_number

    for written in ("一、", "（一）", "(一)、", "1.", "2、", "（3）", "4)", "①", "一百零一、"):
        parsed = parse_heading_number(written)
        checked = parse_written_number(written)
        assert parsed is not None and checked is not None, written
        assert checked.value == parsed[1]
    for not_a_number in ("一是", "2023.12.26", "千方百计，", "3.19"):
        assert parse_written_number(not_a_number) is None
