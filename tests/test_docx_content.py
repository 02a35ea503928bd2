"""The DOCX body read back: numbers in the text, run-in headings, title lines, signature
placement, escaping, gaps, punctuation fonts, and the atomic write."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.export import docx as exporter
from drafter.export.docx import write_docx
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.tree import Block, Document, Heading, Paragraph, Signature, gap

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

ORGANISATION = "示例市城中区城市管理和综合执法局"
TITLE = f"{ORGANISATION}关于2024年法治政府建设情况的报告"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def build(
    document: Document, tmp_path: Path, layout: LayoutProfile = DEFAULT_LAYOUT
) -> list[etree._Element]:
    path = tmp_path / "report.docx"
    write_docx(document, path, layout)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return root.findall("w:body/w:p", NS)


def text(paragraph: etree._Element) -> str:
    out = []
    for node in paragraph.iter(w("t"), w("br"), w("tab")):
        out.append({w("br"): "\n", w("tab"): "\t"}.get(node.tag, node.text or ""))
    return "".join(out)


def style_of(paragraph: etree._Element) -> str:
    found = paragraph.find("w:pPr/w:pStyle", NS)
    return "Normal" if found is None else found.get(w("val"), "")


def attr(paragraph: etree._Element, path: str, name: str) -> str | None:
    found = paragraph.find(path, NS)
    return None if found is None else found.get(w(name))


# --- headings --------------------------------------------------------------------------------


def test_heading_numbers_are_written_into_the_text(tmp_path: Path) -> None:
    blocks: list[Block] = [
        Heading(1, "主要举措"),
        Heading(2, "组织领导"),
        Heading(3, "制度"),
        Heading(4, "清单"),
        Heading(4, "台账"),
        Heading(2, "依法决策"),
        Heading(1, "存在的不足"),
        Heading(3, "直接接在一级之下"),
    ]
    paragraphs = build(Document(blocks=blocks), tmp_path)
    assert [text(p) for p in paragraphs] == [
        "一、主要举措",
        "（一）组织领导",
        "1.制度",
        "（1）清单",
        "（2）台账",
        "（二）依法决策",
        "二、存在的不足",
        "1.直接接在一级之下",
    ]
    assert [style_of(p) for p in paragraphs] == [
        "Heading1",
        "Heading2",
        "Heading3",
        "Heading4",
        "Heading4",
        "Heading2",
        "Heading1",
        "Heading3",
    ]
    # No Word list numbering anywhere.
    assert not [p for p in paragraphs if p.find("w:pPr/w:numPr", NS) is not None]


def test_run_in_heading_is_one_paragraph_heading_font_then_body_font(tmp_path: Path) -> None:
    blocks: list[Block] = [
        Heading(1, "主要举措"),
        Heading(2, "加强组织领导", run_in=True, body="一是健全机制。二是压实责任。"),
    ]
    paragraphs = build(Document(blocks=blocks), tmp_path)
    assert len(paragraphs) == 2
    run_in = paragraphs[1]
    assert style_of(run_in) == "Heading2"
    assert text(run_in) == "（一）加强组织领导。一是健全机制。二是压实责任。"
    runs = run_in.findall("w:r", NS)
    assert "".join(t.text or "" for t in runs[0].iter(w("t"))) == "（一）加强组织领导。"
    assert runs[0].find("w:rPr/w:rStyle", NS) is None  # the heading's own font
    for body_run in runs[1:]:
        assert attr(body_run, "w:rPr/w:rStyle", "val") == "RunInBody"
    # A run-in paragraph is body text: it does not keep with the next paragraph.
    assert attr(run_in, "w:pPr/w:keepNext", "val") == "0"


def test_run_in_body_style_is_the_body_font(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(Document(blocks=[Heading(2, "标题", run_in=True, body="正文")]), path)
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    (body,) = styles.xpath("w:style[@w:styleId='RunInBody']", namespaces=NS)
    assert body.get(w("type")) == "character"
    assert body.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "仿宋_GB2312"


# --- title and addressee -------------------------------------------------------------------


def test_long_title_is_one_paragraph_broken_into_balanced_lines(tmp_path: Path) -> None:
    paragraphs = build(Document(title=TITLE), tmp_path)
    (title,) = paragraphs
    assert style_of(title) == "Title"
    assert text(title) == f"{ORGANISATION}\n关于2024年法治政府建设情况的报告"


def test_short_title_stays_on_one_line(tmp_path: Path) -> None:
    (title,) = build(Document(title="关于2024年度法治政府建设情况的报告"), tmp_path)
    assert title.find(".//w:br", NS) is None


def test_title_with_its_own_line_breaks_keeps_them(tmp_path: Path) -> None:
    (title,) = build(
        Document(title="示例市城中区人民政府\n关于2024年法治政府建设情况的报告"), tmp_path
    )
    assert text(title) == "示例市城中区人民政府\n关于2024年法治政府建设情况的报告"


def test_addressee_is_flush_left_with_a_full_width_colon(tmp_path: Path) -> None:
    for given in ("区委、区政府", "区委、区政府：", "区委、区政府:"):
        (addressee,) = build(Document(addressee=given), tmp_path)
        assert style_of(addressee) == "Salutation"
        assert text(addressee) == "区委、区政府："


def test_front_matter_lines_are_kept(tmp_path: Path) -> None:
    paragraphs = build(Document(title="标题", front_matter=["作者：某某", "2023.12.26"]), tmp_path)
    assert [text(p) for p in paragraphs] == ["标题", "作者：某某", "2023.12.26"]
    assert [style_of(p) for p in paragraphs] == ["Title", "Subtitle", "Subtitle"]


# --- signature and date ----------------------------------------------------------------------
# One body character advances 16 pt - 0.25 pt = 315 twips, a digit 8 pt - 0.25 pt = 155 twips;
# the type area is 11906 - 1587 - 1474 = 8845 twips wide.
CHAR = 315
DATE = "2025年1月20日"  # 7 digits and 3 characters: 7 * 155 + 3 * 315 = 2030 twips
DATE_WIDTH = 2030
TYPE_WIDTH = 8845


def signature_paragraphs(signature: Signature, tmp_path: Path) -> tuple[etree._Element, ...]:
    document = Document(blocks=[Paragraph("正文。")], closing="特此报告。", signature=signature)
    paragraphs = build(document, tmp_path)
    assert [text(p) for p in paragraphs[:2]] == ["正文。", "特此报告。"]
    # The closing keeps with the signature, the signature with the date.
    assert paragraphs[1].find("w:pPr/w:keepNext", NS) is not None
    return tuple(paragraphs[2:])


def test_signature_without_seal(tmp_path: Path) -> None:
    name, date = signature_paragraphs(Signature(ORGANISATION, DATE), tmp_path)
    assert (style_of(name), style_of(date)) == ("Signature", "Date")
    assert (text(name), text(date)) == (ORGANISATION, DATE)
    # One blank line above; right-aligned with 2 characters of space.
    assert attr(name, "w:pPr/w:spacing", "before") == "579"
    assert attr(name, "w:pPr/w:jc", "val") == "right"
    assert attr(name, "w:pPr/w:ind", "right") == str(2 * CHAR)
    assert name.find("w:pPr/w:keepNext", NS) is not None
    # The date starts 2 characters right of the signature's first character.
    signature_start = TYPE_WIDTH - 2 * CHAR - 16 * CHAR
    assert attr(date, "w:pPr/w:jc", "val") == "left"
    assert attr(date, "w:pPr/w:ind", "left") == str(signature_start + 2 * CHAR)
    assert attr(date, "w:pPr/w:ind", "firstLineChars") == "0"


def test_longer_date_keeps_its_space_and_moves_the_signature_left(tmp_path: Path) -> None:
    name, date = signature_paragraphs(Signature("城中区政府", DATE), tmp_path)
    assert attr(date, "w:pPr/w:jc", "val") == "right"
    assert attr(date, "w:pPr/w:ind", "right") == str(2 * CHAR)
    # The signature starts 2 characters left of the date's start.
    date_start = TYPE_WIDTH - 2 * CHAR - DATE_WIDTH
    signature_end = date_start - 2 * CHAR + 5 * CHAR
    assert attr(name, "w:pPr/w:jc", "val") == "right"
    assert attr(name, "w:pPr/w:ind", "right") == str(TYPE_WIDTH - signature_end)


def test_signature_with_seal(tmp_path: Path) -> None:
    name, date = signature_paragraphs(Signature("示例市城中区人民政府", DATE, seal=True), tmp_path)
    # Three blank lines above; the date right-aligned with 4 characters of space.
    assert attr(name, "w:pPr/w:spacing", "before") == str(3 * 579)
    assert attr(date, "w:pPr/w:jc", "val") == "right"
    assert attr(date, "w:pPr/w:ind", "right") == str(4 * CHAR)
    # The signature centred over the date: the same centre line.
    date_centre = TYPE_WIDTH - 4 * CHAR - DATE_WIDTH / 2
    right = int(attr(name, "w:pPr/w:ind", "right") or 0)
    assert attr(name, "w:pPr/w:jc", "val") == "right"
    assert abs((TYPE_WIDTH - right - 10 * CHAR / 2) - date_centre) <= 1


def test_signature_without_closing_keeps_the_last_paragraph_with_it(tmp_path: Path) -> None:
    document = Document(
        blocks=[Paragraph("第一段。"), Paragraph("最后一段。")],
        signature=Signature(ORGANISATION, DATE),
    )
    paragraphs = build(document, tmp_path)
    assert paragraphs[0].find("w:pPr/w:keepNext", NS) is None
    assert paragraphs[1].find("w:pPr/w:keepNext", NS) is not None


# --- text fidelity ----------------------------------------------------------------------------

AWKWARD = "<script>alert('x')</script> & \"引号\" &amp; 1 < 2 > 0"


def test_markup_characters_come_out_literally(tmp_path: Path) -> None:
    document = Document(
        title=f"标题{AWKWARD}",
        addressee=f"区委{AWKWARD}",
        blocks=[
            Heading(1, f"标题{AWKWARD}"),
            Paragraph(AWKWARD),
            Heading(3, "接排", run_in=True, body=AWKWARD),
        ],
        closing=AWKWARD,
        signature=Signature(f"机关{AWKWARD}", "2025年1月20日"),
    )
    path = tmp_path / "awkward.docx"
    write_docx(document, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert [t.replace("\n", "") for t in texts] == [
        f"标题{AWKWARD}",
        f"区委{AWKWARD}：",
        f"一、标题{AWKWARD}",
        AWKWARD,
        f"1.接排。{AWKWARD}",
        AWKWARD,
        f"机关{AWKWARD}",
        "2025年1月20日",
    ]
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("word/document.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert "&lt;script&gt;" in raw and "&amp;amp;" in raw
    assert "<script>" not in raw
    assert "&lt;script&gt;" in core


def test_control_characters_tabs_and_newlines(tmp_path: Path) -> None:
    (paragraph,) = build(Document(blocks=[Paragraph("甲\x0b乙\x00丙\t丁\n戊")]), tmp_path)
    assert text(paragraph) == "甲乙丙\t丁\n戊"


def test_leading_and_trailing_spaces_are_preserved(tmp_path: Path) -> None:
    (paragraph,) = build(Document(blocks=[Paragraph(" 前后有空格 ")]), tmp_path)
    (t,) = paragraph.iter(w("t"))
    assert t.text == " 前后有空格 "
    assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_gaps_are_highlighted_and_nothing_else(tmp_path: Path) -> None:
    body = f"全年办理案件{gap('案件数')}件，其中简易程序{gap('简易程序案件数')}件。"
    paragraphs = build(
        Document(
            blocks=[
                Paragraph(body),
                Heading(3, "执法", run_in=True, body=f"培训{gap('培训人次')}人次。"),
                Paragraph("没有缺项的段落。"),
            ]
        ),
        tmp_path,
    )
    highlighted = []
    for paragraph in paragraphs:
        for run in paragraph.iter(w("r")):
            mark = run.find("w:rPr/w:highlight", NS)
            run_text = "".join(t.text or "" for t in run.iter(w("t")))
            if mark is not None:
                assert mark.get(w("val")) == "yellow"
                highlighted.append(run_text)
            else:
                assert "【待填" not in run_text
    assert highlighted == ["【待填：案件数】", "【待填：简易程序案件数】", "【待填：培训人次】"]
    assert text(paragraphs[0]) == body


def test_ambiguous_punctuation_is_set_in_the_east_asian_font(tmp_path: Path) -> None:
    (heading, paragraph) = build(
        Document(blocks=[Heading(1, "“放管服”改革"), Paragraph("达到100%……“双随机”——抽查")]),
        tmp_path,
    )
    for block, font in ((heading, "黑体"), (paragraph, "仿宋_GB2312")):
        for run in block.iter(w("r")):
            run_text = "".join(t.text or "" for t in run.iter(w("t")))
            fonts = run.find("w:rPr/w:rFonts", NS)
            if set(run_text) & set("“”…—"):
                assert set(run_text) <= set("“”…—"), run_text
                assert fonts is not None
                assert fonts.get(w("hint")) == "eastAsia"
                assert fonts.get(w("ascii")) == fonts.get(w("eastAsia")) == font
            else:
                assert fonts is None, run_text


def test_empty_document_is_still_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    write_docx(Document(), path)
    assert docx.Document(str(path)).paragraphs == []


# --- writing -----------------------------------------------------------------------------------


def test_write_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"old")
    write_docx(Document(title="标题"), path)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    assert path.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(exporter.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_docx(Document(title="标题"), path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
