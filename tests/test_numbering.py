"""Heading numbers are computed from the tree: 一、 （一） 1. （1）, each counting inside its parent."""

import pytest

from drafter.numbering import number_headings
from drafter.tree import Heading, Paragraph
from drafter.vocab.numerals import chinese_numeral, parse_chinese_numeral


@pytest.mark.parametrize(
    ("n", "written"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_chinese_numerals_read_as_in_headings(n, written):
    assert chinese_numeral(n) == written
    assert parse_chinese_numeral(written) == n


def test_each_level_counts_inside_its_parent():
    blocks = [
        Heading(1, "举措"),
        Heading(2, "学法"),
        Paragraph("……"),
        Heading(2, "执法"),
        Heading(3, "公示"),
        Heading(4, "网站"),
        Heading(4, "窗口"),
        Heading(3, "审核"),
        Heading(1, "不足"),
        Heading(2, "队伍"),
    ]
    assert number_headings(blocks) == [
        "一、",
        "（一）",
        "（二）",
        "1.",
        "（1）",
        "（2）",
        "2.",
        "二、",
        "（一）",
    ]


def test_two_level_form_counts_level_three_under_level_one():
    blocks = [
        Heading(1, "举措"),
        Heading(3, "甲"),
        Heading(3, "乙"),
        Heading(1, "打算"),
        Heading(3, "丙"),
    ]
    assert number_headings(blocks) == ["一、", "1.", "2.", "二、", "1."]


def test_removing_a_heading_renumbers_the_rest():
    blocks = [Heading(1, "甲"), Heading(1, "乙"), Heading(1, "丙")]
    assert number_headings(blocks[:1] + blocks[2:]) == ["一、", "二、"]


def test_numbers_above_ten_stay_readable():
    blocks = [Heading(2, str(i)) for i in range(12)]
    assert number_headings(blocks)[-3:] == ["（十）", "（十一）", "（十二）"]


def test_parse_rejects_what_is_not_a_numeral():
    assert parse_chinese_numeral("十十") is None
    assert parse_chinese_numeral("2") is None
    assert parse_chinese_numeral("") is None
