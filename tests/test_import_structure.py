"""Recognising a report's structure, on the project's own small fixtures."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from drafter.export.text import to_text
from drafter.importer import read_docx, read_report
from drafter.tree import Heading, Paragraph
from drafter.vocab.headings import parse_heading_number as parse_number
from tests.word_package import document_xml, write_package

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def txt(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def headings(path: Path) -> list[tuple[int, str, bool]]:
    return [(h.level, h.title, h.run_in) for h in read_report(path).document.headings()]


# ---------------------------------------------------------------- heading numbers


@pytest.mark.parametrize(
    "text,level,value,written",
    [
        ("一、主要举措", 1, 1, "一、"),
        ("十二、其他", 1, 12, "十二、"),
        ("一．主要举措", 1, 1, "一．"),
        ("（一）学法", 2, 1, "（一）"),
        ("(一) 学法", 2, 1, "(一)"),
        ("（一）、学法", 2, 1, "（一）、"),
        ("（十）学法", 2, 10, "（十）"),
        ("1.学法", 3, 1, "1."),
        ("1．学法", 3, 1, "1．"),
        ("2、 工作亮点", 3, 2, "2、"),
        ("（1）学法", 4, 1, "（1）"),
        ("(2)学法", 4, 2, "(2)"),
        ("3）学法", 4, 3, "3）"),
        ("①学法", 4, 1, "①"),
    ],
)
def test_heading_numbers(text, level, value, written):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed[:3] == (level, value, written)


@pytest.mark.parametrize(
    "text",
    [
        "2023.12.26",
        "2023年以来",
        "3.19城市管理日",
        "12.4国家宪法日",
        "一是加强学习",
        "1.5万元",
        "正文",
    ],
)
def test_not_heading_numbers(text):
    assert parse_number(text) is None


# ---------------------------------------------------------------- whole reports in text


FULL = """\
示例区城市管理局关于2023年
法治政府建设情况的报告
中共示例区委、示例区人民政府：
2023年，我局坚持依法行政。现将有关情况报告如下：
一、2023年推进法治政府建设的主要举措和成效
（一）加强学法
1.领导学法。全年学法12次。
2.全员学法。组织培训5场。
（1）专题讲座。举办讲座3场。
（二）规范执法
全年办理案件300余件。
二、存在的不足和原因
一是学习不够深入。二是执法力量不足。
三、2024年工作打算
（一）加强学习。继续组织学法。
（二）规范执法。
特此报告。
示例区城市管理局
2024年1月20日
"""


def test_full_report(tmp_path):
    imported = read_report(txt(tmp_path, FULL))
    document = imported.document
    assert document.title == "示例区城市管理局关于2023年法治政府建设情况的报告"
    assert imported.title_lines == ["示例区城市管理局关于2023年", "法治政府建设情况的报告"]
    assert document.addressee == "中共示例区委、示例区人民政府"
    assert document.front_matter == []
    assert document.closing == "特此报告。"
    assert document.signature is not None
    assert document.signature.organisation == "示例区城市管理局"
    assert document.signature.date == "2024年1月20日"
    assert imported.year == 2023
    assert [(h.level, h.title, h.run_in) for h in document.headings()] == [
        (1, "2023年推进法治政府建设的主要举措和成效", False),
        (2, "加强学法", False),
        (3, "领导学法", True),
        (3, "全员学法", True),
        (4, "专题讲座", True),
        (2, "规范执法", False),
        (1, "存在的不足和原因", False),
        (1, "2024年工作打算", False),
        (2, "加强学习", True),
        (2, "规范执法", False),
    ]
    assert isinstance(document.blocks[0], Paragraph)
    assert document.blocks[0].text.startswith("2023年，我局")
    outline = imported.outline()
    assert outline["signature"] == "示例区城市管理局"
    assert outline["date"] == "2024年1月20日"
    assert outline["repairs"] == []


def test_text_export_gives_the_cleaned_text_back(tmp_path):
    imported = read_report(txt(tmp_path, FULL))
    lines = to_text(imported.document).splitlines()
    expected = imported.paragraphs[:]
    # The title is written on one line; "（二）规范执法。" loses the full stop of a
    # standalone heading.  Nothing else differs.
    expected[0:2] = ["".join(expected[0:2])]
    expected[expected.index("（二）规范执法。")] = "（二）规范执法"
    assert lines == expected


def test_no_title_no_signature(tmp_path):
    imported = read_report(
        txt(tmp_path, "我局依法行政，现报告如下：\n一、主要举措\n全年学法12次。\n")
    )
    assert imported.document.title is None
    assert imported.document.signature is None
    assert imported.outline()["title"] is None
    assert len(imported.document.blocks) == 3


def test_signature_and_date_on_one_line(tmp_path):
    text = "现报告如下：\n一、主要举措\n全年学法12次。\n特此报告。\n示例局 2024年1月20日\n"
    imported = read_report(txt(tmp_path, text))
    assert imported.document.signature is not None
    assert imported.document.signature.organisation == "示例局"
    assert imported.document.signature.date == "2024年1月20日"


def test_skipped_level_and_1_with_dunhao(tmp_path):
    text = "现报告如下：\n一、主要举措\n1、学法。学法12次。\n2、用法。用法3次。\n二、问题\n1、学习不够。\n"
    imported = read_report(txt(tmp_path, text))
    assert [(h.level, h.title) for h in imported.document.headings()] == [
        (1, "主要举措"),
        (3, "学法"),
        (3, "用法"),
        (1, "问题"),
        (3, "学习不够"),
    ]
    assert imported.numbers == ["一、", "1.", "2.", "二、", "1."]
    assert any("“1、”→“1.”" in r for r in imported.repairs)


def test_gap_in_numbering_is_repaired_and_reported(tmp_path):
    text = "现报告如下：\n一、主要举措\n（一）学法\n（三）用法\n二、问题\n"
    imported = read_report(txt(tmp_path, text))
    assert imported.numbers == ["一、", "（一）", "（二）", "二、"]
    assert any("“（三）”" in r and "“（二）”" in r and "不连续" in r for r in imported.repairs)


def test_misnumbered_last_top_level_heading(tmp_path):
    text = (
        "现报告如下：\n一、主要举措\n（一）学法\n1.讲座。举办3场。\n2.考试。考试1次。\n"
        "二、问题\n3、下一步打算\n继续学法。\n"
    )
    imported = read_report(txt(tmp_path, text))
    assert [h.level for h in imported.document.headings()] == [1, 2, 3, 3, 1, 1]
    assert imported.numbers[-1] == "三、"
    assert any("“3、”" in r and "“三、”" in r for r in imported.repairs)


def test_level3_number_in_sequence_is_not_repaired(tmp_path):
    text = "现报告如下：\n一、主要举措\n1.学法\n2.用法\n三、问题\n"
    imported = read_report(txt(tmp_path, text))
    assert [h.level for h in imported.document.headings()] == [1, 3, 3, 1]


def test_rejoin_needs_an_open_end_and_no_heading(tmp_path):
    text = (
        "现报告如下：\n一、主要举措\n（一）学法。全年组织理论学习中心组学习十二次，不断提高领导\n"
        "干部的法治素养。\n（二）用法\n这一段写完了。\n这一段也写完了。\n"
    )
    imported = read_report(txt(tmp_path, text))
    blocks = imported.document.blocks
    first = blocks[2]
    assert isinstance(first, Heading)
    assert first.body == "全年组织理论学习中心组学习十二次，不断提高领导干部的法治素养。"
    assert [b.text for b in blocks if isinstance(b, Paragraph)][-2:] == [
        "这一段写完了。",
        "这一段也写完了。",
    ]
    assert len([r for r in imported.repairs if "合并为一段" in r]) == 1


def test_web_page_debris(tmp_path):
    text = (
        "示例局2023年法治政府建设年度报告\n发布时间：2024-01-10 来源：示例局\n【字体：大 中 小】\n"
        "2023年，我局依法行政。现报告如下：\n一、主要举措\n全年学法12次。\n- 2 -\n打印本页 关闭窗口\n"
    )
    imported = read_report(txt(tmp_path, text))
    assert imported.document.title == "示例局2023年法治政府建设年度报告"
    assert imported.front_matter == ["示例局2023年法治政府建设年度报告"]
    assert imported.paragraphs[-1] == "全年学法12次。"
    assert any("网页" in r for r in imported.repairs) and any("页码" in r for r in imported.repairs)


def test_markdown_headings_emphasis_and_hard_breaks(tmp_path):
    text = (
        "示例局 2023年\n===\n\n## 法治政府建设年度报告\n\n张三  \n2024.01.05\n\n"
        "2023年，我局依法行政，现报告如下：\n\n## 一、主要举措\n\n"
        "**(一) 学法。**全年学法12次，\n组织讲座3场。\n\n### 二、问题\n\n- 学习不够深入。\n"
    )
    imported = read_report(txt(tmp_path, text, "r.md"))
    assert imported.front_matter == ["示例局2023年", "法治政府建设年度报告", "张三", "2024.01.05"]
    assert imported.document.title == "示例局2023年法治政府建设年度报告"
    assert imported.document.front_matter == ["张三", "2024.01.05"]
    assert [(h.level, h.title, h.run_in, h.body) for h in imported.document.headings()] == [
        (1, "主要举措", False, ""),
        (2, "学法", True, "全年学法12次，组织讲座3场。"),
        (1, "问题", False, ""),
    ]
    assert imported.paragraphs[-1] == "学习不够深入。"


def test_unnumbered_markdown_headings_in_the_body(tmp_path):
    text = "现报告如下：\n\n# 主要举措\n\n全年学法12次。\n\n## 学法\n\n讲座3场。\n"
    assert headings(txt(tmp_path, text, "r.md")) == [(1, "主要举措", False), (2, "学法", False)]


# ---------------------------------------------------------------- DOCX built by hand


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W_NS}>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="4">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"""


def paragraph(text: str, num: tuple[int, int] | None = None, style: str | None = None, **kw) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if kw.get("center"):
        ppr += '<w:jc w:val="center"/>'
    # Split the text over several runs, as Word does.
    half = len(text) // 2
    runs = "".join(
        f'<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
        for part in (text[:half], text[half:])
        if part
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def make_docx(path: Path, body: str, numbering: bool = True) -> Path:
    parts = {"word/styles.xml": STYLES}
    if numbering:
        parts["word/numbering.xml"] = NUMBERING
    return write_package(path, document_xml(body), parts)


def test_docx_automatic_numbering_styles_tables_and_signature(tmp_path):
    body = "".join(
        [
            paragraph("示例局关于2023年法治政府建设情况的报告", center=True),
            paragraph("2023年，我局依法行政。现将有关情况报告如下："),
            paragraph("主要举措", num=(7, 0)),
            paragraph("加强学法。全年学法12次。", num=(7, 1)),
            paragraph("讲座。举办3场。", num=(7, 2)),
            paragraph("讲座要点", num=(8, 0)),
            paragraph("规范执法。办理案件300件。", num=(7, 1)),
            "<w:tbl><w:tr><w:tc>"
            + paragraph("项目")
            + "</w:tc><w:tc>"
            + paragraph("数量")
            + "</w:tc></w:tr><w:tr><w:tc>"
            + paragraph("案件")
            + "</w:tc><w:tc>"
            + paragraph("300")
            + "</w:tc></w:tr></w:tbl>",
            paragraph("存在的问题", style="H1"),  # numbered through its style
            paragraph("学习不够深入。"),
            paragraph(""),
            paragraph("特此报告。"),
            paragraph("示例局"),
            paragraph("2024年1月20日"),
        ]
    )
    path = make_docx(tmp_path / "auto.docx", body)
    source = read_docx(path)
    assert [p.auto_number for p in source[2:5]] == ["一、", "（一）", "1."]
    assert source[2].number_format == "chineseCounting" and source[2].list_level == 0
    assert source[5].auto_number is None and source[5].number_format == "bullet"
    assert source[6].auto_number == "（二）"
    assert [p.text for p in source if p.in_table] == ["项目\t数量", "案件\t300"]
    problems = next(p for p in source if p.text == "存在的问题")
    assert problems.auto_number == "二、" and problems.style == "heading 1"
    assert problems.heading_hint == 1
    assert source[0].centered and source[3].runs[0].font_east_asia == "仿宋_GB2312"
    assert source[3].runs[0].size_pt == 16

    imported = read_report(path)
    document = imported.document
    assert document.title == "示例局关于2023年法治政府建设情况的报告"
    assert [(h.level, h.title, h.run_in) for h in document.headings()] == [
        (1, "主要举措", False),
        (2, "加强学法", True),
        (3, "讲座", True),
        (2, "规范执法", True),
        (1, "存在的问题", False),
    ]
    assert imported.numbers == ["一、", "（一）", "1.", "（二）", "二、"]
    assert [h.auto_number for h in imported.source_headings] == imported.numbers
    assert all(h.number is None for h in imported.source_headings)
    assert "项目\t数量" in imported.paragraphs and "讲座要点" in imported.paragraphs
    assert document.closing == "特此报告。"
    assert document.signature is not None and document.signature.organisation == "示例局"
    assert imported.repairs == []


def test_docx_text_across_runs_hyperlinks_and_breaks(tmp_path):
    body = (
        "<w:p><w:r><w:t>现将</w:t></w:r><w:hyperlink><w:r><w:t>有关情况</w:t></w:r></w:hyperlink>"
        "<w:ins><w:r><w:t>报告</w:t></w:r></w:ins><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>"
        "<w:r><w:t>如下：</w:t></w:r></w:p>"
        + paragraph("一、主要举措")
        + '<w:p><w:r><w:t>全年</w:t><w:br w:type="page"/><w:t>学法12次。</w:t></w:r></w:p>'
    )
    imported = read_report(make_docx(tmp_path / "runs.docx", body, numbering=False))
    assert imported.paragraphs == ["现将有关情况报告如下：", "一、主要举措", "全年学法12次。"]
