"""Cleaning one paragraph: debris, spacing and punctuation width."""

from __future__ import annotations

import pytest

from drafter.importer.clean import (
    collapse_spaces,
    compare_key,
    debris_kind,
    ends_open,
    full_width_punctuation,
    normalise,
    strip_debris,
)


@pytest.mark.parametrize(
    "text",
    [
        "3.19",
        "开展“3.19城市管理日”活动",
        "12:30",
        "会议于12:30开始",
        "罚没12,000元",
        "https://www.gov.cn/zhengce/a,b;c?x=1&y=(2)",
        "www.example.gov.cn",
        "GB/T 9704",
        "GB/T 9704-2012",
        "Hello, world (yes): fine; ok? ok!",
        "68.136万元",
        "1.认真执行",
    ],
)
def test_left_alone(text):
    assert normalise(text) == text


@pytest.mark.parametrize(
    "before,after",
    [
        ("开展法律论证,研究商定对策", "开展法律论证，研究商定对策"),
        ("时间:2023年", "时间：2023年"),
        ("一是学法;二是用法", "一是学法；二是用法"),
        ("(一) 强化学习教育", "（一）强化学习教育"),
        ("方案(2022-2025 年)", "方案（2022-2025年）"),
        ("按照(GB/T 9704)要求", "按照（GB/T 9704）要求"),
        ("是否合规?", "是否合规？"),
        ("会议于 12:30 召开,地点:三楼", "会议于12:30召开，地点：三楼"),
        ("详见 https://www.gov.cn/a,b 网站,请查阅", "详见 https://www.gov.cn/a,b 网站，请查阅"),
    ],
)
def test_half_width_punctuation_in_chinese_becomes_full_width(before, after):
    assert normalise(before) == after


@pytest.mark.parametrize(
    "before,after",
    [
        ("2023 年", "2023年"),
        ("2023 年以来", "2023年以来"),
        ("配备执法记录仪 50 台", "配备执法记录仪50台"),
        ("零陵区城市管理和综合执法局 2023年", "零陵区城市管理和综合执法局2023年"),
        ("2、 工作亮点", "2、工作亮点"),
        ("LED 显示屏", "LED 显示屏"),
        ("GB/T 9704 规定", "GB/T 9704规定"),
        ("Times New Roman", "Times New Roman"),
        ("２０２３年", "2023年"),
    ],
)
def test_spacing(before, after):
    assert normalise(before) == after


def test_collapse_spaces_leaves_latin_words_apart():
    assert collapse_spaces("use the LED screen") == "use the LED screen"


def test_full_width_punctuation_needs_chinese_nearby():
    assert full_width_punctuation("a,b") == "a,b"
    assert full_width_punctuation("甲,b") == "甲，b"


def test_debris_markers_and_invisible_characters():
    assert strip_debris("[bookmark: _GoBack]3.充分发挥") == "3.充分发挥"
    assert strip_debris("\u3000\u3000正文\u200b内容\xa0") == "正文内容"


@pytest.mark.parametrize(
    "line,kind",
    [
        (" (", "页码"),
        ("1", "页码"),
        (")", "页码"),
        ("— 3 —", "页码"),
        ("- 12 -", "页码"),
        ("第4页 共9页", "页码"),
        ("5/9", "页码"),
        ("发布时间：2024-01-10 来源：区城管局", "网页信息"),
        ("来源：示例区人民政府网", "网页信息"),
        ("【字体：大 中 小】", "网页信息"),
        ("打印本页 关闭窗口", "网页信息"),
        ("", "空行"),
        ("2023.12.26", None),
        ("2023", None),
        ("刘金生", None),
        ("一、主要举措", None),
        ("来源于群众的投诉，我局均及时处理，共办结投诉举报2300余件，办结率100%。", None),
    ],
)
def test_debris_lines(line, kind):
    assert debris_kind(line) == kind


@pytest.mark.parametrize(
    "text,open_",
    [
        ("三是进一步规范行政", True),
        ("辖区有万达广场、", True),
        ("在辖区重点部位设立了", True),
        ("现将有关情况报告如下：", False),
        ("提升政府决策公信力和执行力。", False),
        ("做到了“件件有着落，事事有回音”。", False),
    ],
)
def test_ends_open(text, open_):
    assert ends_open(text) is open_


def test_compare_key_ignores_width_and_spaces():
    assert compare_key("开展法律论证,研究") == compare_key("开展法律论证，研究")
    assert compare_key("（一） 强化") == compare_key("(一)强化")
    assert compare_key("2023 年") == compare_key("2023年")
