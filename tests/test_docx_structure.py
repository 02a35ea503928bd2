"""The DOCX package read back as XML: styles, fonts, page setup, line pitch, page numbers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.export.docx import write_docx
from drafter.layout import DEFAULT_LAYOUT
from drafter.tree import Document, Heading, Paragraph, Signature

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def sample() -> Document:
    return Document(
        title="示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告",
        addressee="区委、区政府",
        blocks=[
            Paragraph("2024年，我局坚持依法行政。"),
            Heading(1, "主要举措和成效"),
            Heading(2, "加强组织领导"),
            Paragraph("全年召开常务会议学法12次。"),
            Heading(3, "完善制度", run_in=True, body="修订制度5项。"),
            Heading(4, "细化清单", run_in=True, body="梳理事项30项。"),
        ],
        closing="特此报告。",
        signature=Signature("示例市城中区城市管理和综合执法局", "2025年1月20日"),
    )


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(sample(), path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def styles(package: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(package["word/styles.xml"])


def style(styles: etree._Element, name: str) -> etree._Element:
    """A style found by its w:name, the way Word matches built-in styles."""
    (found,) = styles.xpath("w:style[w:name/@w:val=$name]", namespaces=NS, name=name)
    return found


def val(element: etree._Element, path: str, attribute: str = "val") -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(w(attribute))


def resolved(styles: etree._Element, name: str, path: str, attribute: str) -> str | None:
    """An attribute as the style gets it, following w:basedOn up to the document defaults."""
    current: etree._Element | None = style(styles, name)
    while current is not None:
        found = current.find(path, NS)
        if found is not None and found.get(w(attribute)) is not None:
            return found.get(w(attribute))
        parent = val(current, "w:basedOn")
        current = (
            styles.xpath("w:style[@w:styleId=$id]", namespaces=NS, id=parent)[0] if parent else None
        )
    defaults = styles.find("w:docDefaults/w:rPrDefault/" + path, NS)
    return None if defaults is None else defaults.get(w(attribute))


# --- styles and fonts --------------------------------------------------------------------

EAST_ASIAN_FONTS = {
    "Normal": "仿宋_GB2312",
    "Title": "方正小标宋简体",
    "heading 1": "黑体",
    "heading 2": "楷体_GB2312",
    "heading 3": "仿宋_GB2312",
    "heading 4": "仿宋_GB2312",
    "Salutation": "仿宋_GB2312",
    "Signature": "仿宋_GB2312",
    "Date": "仿宋_GB2312",
    "footer": "宋体",
}


@pytest.mark.parametrize(("name", "font"), EAST_ASIAN_FONTS.items())
def test_each_style_names_its_east_asian_font(styles: etree._Element, name: str, font: str) -> None:
    assert resolved(styles, name, "w:rPr/w:rFonts", "eastAsia") == font


@pytest.mark.parametrize("name", ["Normal", "Title", "heading 1", "heading 2", "Signature"])
def test_latin_text_is_times_new_roman(styles: etree._Element, name: str) -> None:
    for attribute in ("ascii", "hAnsi"):
        assert resolved(styles, name, "w:rPr/w:rFonts", attribute) == "Times New Roman"


def test_styles_and_defaults_carry_no_theme_fonts(package: dict[str, bytes]) -> None:
    for name, data in package.items():
        if name.endswith(".xml"):
            assert not re.search(rb"\w*[Tt]heme\w*=", data), name
    root = etree.fromstring(package["word/styles.xml"])
    for fonts in root.iter(w("rFonts")):
        assert not [key for key in fonts.attrib if "theme" in key.lower()]
    # Fonts are named in the styles, not run by run (punctuation runs aside: see the content test).
    assert root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS) is not None


def test_sizes_and_weights(styles: etree._Element) -> None:
    assert resolved(styles, "Normal", "w:rPr/w:sz", "val") == "32"  # 3号 16 pt
    assert resolved(styles, "Title", "w:rPr/w:sz", "val") == "44"  # 2号 22 pt
    for level in range(1, 5):
        assert resolved(styles, f"heading {level}", "w:rPr/w:sz", "val") == "32"
        assert resolved(styles, f"heading {level}", "w:rPr/w:b", "val") == "0"
    assert resolved(styles, "footer", "w:rPr/w:sz", "val") == "28"  # 4号 14 pt


def test_body_is_condensed_so_28_characters_fit(styles: etree._Element) -> None:
    assert resolved(styles, "Normal", "w:rPr/w:spacing", "val") == "-5"
    assert resolved(styles, "heading 1", "w:rPr/w:spacing", "val") == "-5"
    assert resolved(styles, "Title", "w:rPr/w:spacing", "val") == "0"


def test_outline_levels_and_keep_with_next(styles: etree._Element) -> None:
    assert val(style(styles, "Title"), "w:pPr/w:outlineLvl") == "0"
    for level in range(1, 5):
        heading = style(styles, f"heading {level}")
        assert val(heading, "w:pPr/w:outlineLvl") == str(level - 1)
        assert heading.find("w:pPr/w:keepNext", NS) is not None
        assert val(heading, "w:basedOn") == "Normal"
    assert style(styles, "Normal").find("w:pPr/w:outlineLvl", NS) is None


def test_body_paragraph_style(styles: etree._Element) -> None:
    normal = style(styles, "Normal")
    assert normal.get(w("default")) == "1"
    assert val(normal, "w:pPr/w:jc") == "both"
    assert val(normal, "w:pPr/w:ind", "firstLineChars") == "200"
    assert val(normal, "w:pPr/w:ind", "firstLine") == "640"
    assert val(normal, "w:pPr/w:autoSpaceDE") == "0"
    assert val(normal, "w:pPr/w:autoSpaceDN") == "0"


def test_title_style(styles: etree._Element) -> None:
    title = style(styles, "Title")
    assert val(title, "w:pPr/w:jc") == "center"
    assert val(title, "w:pPr/w:ind", "firstLineChars") == "0"
    # One blank line below: spacing after of one line pitch.
    assert val(title, "w:pPr/w:spacing", "after") == "579"


def test_flush_left_and_right_styles_cancel_the_indent(styles: etree._Element) -> None:
    for name, align in (("Salutation", "left"), ("Signature", "right"), ("Date", "left")):
        found = style(styles, name)
        assert val(found, "w:pPr/w:jc") == align
        assert val(found, "w:pPr/w:ind", "firstLineChars") == "0"
        assert val(found, "w:pPr/w:ind", "firstLine") == "0"


def test_plain_fonts_profile_changes_the_styles(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    write_docx(sample(), path, DEFAULT_LAYOUT.with_plain_fonts())
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    assert resolved(root, "Normal", "w:rPr/w:rFonts", "eastAsia") == "仿宋"
    assert resolved(root, "heading 2", "w:rPr/w:rFonts", "eastAsia") == "楷体"
    assert resolved(root, "heading 1", "w:rPr/w:rFonts", "eastAsia") == "黑体"


def test_python_docx_sees_the_builtin_styles(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(sample(), path)
    names = [p.style.name if p.style else None for p in docx.Document(str(path)).paragraphs]
    assert names == [
        "Title",
        "Salutation",
        "Normal",
        "Heading 1",
        "Heading 2",
        "Normal",
        "Heading 3",
        "Heading 4",
        "Normal",
        "Signature",
        "Date",
    ]


# --- page ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def section(package: dict[str, bytes]) -> etree._Element:
    root = etree.fromstring(package["word/document.xml"])
    found = root.find("w:body/w:sectPr", NS)
    assert found is not None
    return found


def test_a4_page_and_margins(section: etree._Element) -> None:
    assert val(section, "w:pgSz", "w") == "11906"  # 210 mm
    assert val(section, "w:pgSz", "h") == "16838"  # 297 mm
    assert val(section, "w:pgSz", "orient") in (None, "portrait")
    margins = {k: val(section, "w:pgMar", k) for k in ("top", "bottom", "left", "right")}
    # 37 / 35 / 28 / 26 mm in twips.
    assert margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}


def test_type_area_is_156_by_225_mm(section: etree._Element) -> None:
    width = int(val(section, "w:pgSz", "w") or 0)
    height = int(val(section, "w:pgSz", "h") or 0)
    left, right = (int(val(section, "w:pgMar", k) or 0) for k in ("left", "right"))
    top, bottom = (int(val(section, "w:pgMar", k) or 0) for k in ("top", "bottom"))
    assert abs((width - left - right) / 1440 * 25.4 - 156) < 0.1
    assert abs((height - top - bottom) / 1440 * 25.4 - 225) < 0.1


def test_line_pitch(section: etree._Element, styles: etree._Element) -> None:
    assert val(section, "w:docGrid", "linePitch") == "579"
    assert val(section, "w:docGrid", "type") == "lines"
    normal = style(styles, "Normal")
    assert val(normal, "w:pPr/w:spacing", "line") == "579"
    assert val(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    # 22 lines of 579 twips fill the 225 mm type area, 23 would not.
    area = 225 / 25.4 * 1440
    assert 22 * 579 <= area < 23 * 579


def test_footer_distance_puts_the_dash_7mm_below_the_type_area(section: etree._Element) -> None:
    # The dash sits at the middle of the 14 pt number line (GB/T 9704 7.5: the dash line 7 mm
    # below the type area); the render test measures where LibreOffice draws it.
    footer = int(val(section, "w:pgMar", "footer") or 0)
    number_height_mm = 14 / 72 * 25.4
    assert abs(footer / 1440 * 25.4 - (35 - 7 - number_height_mm / 2)) < 0.05


# --- page numbers ---------------------------------------------------------------------------


def footer_for(package: dict[str, bytes], section: etree._Element, kind: str) -> etree._Element:
    (reference,) = section.xpath("w:footerReference[@w:type=$t]", namespaces=NS, t=kind)
    rel_id = reference.get(f"{{{R}}}id")
    rels = etree.fromstring(package["word/_rels/document.xml.rels"])
    (target,) = [r.get("Target") for r in rels if r.get("Id") == rel_id]
    return etree.fromstring(package[f"word/{target}"])


def test_even_and_odd_footers_are_switched_on(package: dict[str, bytes]) -> None:
    settings = etree.fromstring(package["word/settings.xml"])
    flag = settings.find("w:evenAndOddHeaders", NS)
    assert flag is not None
    assert flag.get(w("val")) in (None, "1", "true", "on")


@pytest.mark.parametrize(
    ("kind", "align", "side"), [("default", "right", "right"), ("even", "left", "left")]
)
def test_page_number_footer(
    package: dict[str, bytes], section: etree._Element, kind: str, align: str, side: str
) -> None:
    footer = footer_for(package, section, kind)
    (paragraph,) = footer.findall("w:p", NS)
    assert val(paragraph, "w:pPr/w:jc") == align
    # One character (14 pt = 280 twips) of space on the number's side, none on the other.
    assert val(paragraph, "w:pPr/w:ind", side) == "280"
    other = "left" if side == "right" else "right"
    assert val(paragraph, "w:pPr/w:ind", other) in (None, "0")
    runs = paragraph.findall("w:r", NS)
    kinds = [
        r.find("w:fldChar", NS).get(w("fldCharType"))
        for r in runs
        if r.find("w:fldChar", NS) is not None
    ]
    assert kinds == ["begin", "separate", "end"]
    instructions = "".join(t.text or "" for t in paragraph.iter(w("instrText")))
    assert instructions.strip() == "PAGE"
    text = "".join(t.text or "" for t in paragraph.iter(w("t")))
    assert re.fullmatch("\u2014 \\d \u2014", text), text
    # The field sits between the dashes.
    begin = next(i for i, r in enumerate(runs) if r.find("w:fldChar", NS) is not None)
    assert "\u2014" in "".join(t.text or "" for t in runs[begin - 1].iter(w("t")))


def test_page_number_style_is_song_14pt(styles: etree._Element) -> None:
    footer = style(styles, "footer")
    for attribute in ("ascii", "hAnsi", "eastAsia"):
        assert val(footer, "w:rPr/w:rFonts", attribute) == "宋体"
    assert val(footer, "w:rPr/w:sz") == "28"


# --- package hygiene ------------------------------------------------------------------------

PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def test_property_children_are_in_schema_order(tmp_path: Path) -> None:
    document = sample()
    document.blocks.append(Paragraph("“引号”与【待填：数字】"))
    document.signature = Signature("示例市城中区人民政府", "2025年1月20日", seal=True)
    path = tmp_path / "order.docx"
    write_docx(document, path)
    checked = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or "word/" not in name:
                continue
            root = etree.fromstring(archive.read(name))
            for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
                for properties in root.iter(w(tag)):
                    children = [etree.QName(child).localname for child in properties]
                    assert all(child in order for child in children), (name, children)
                    positions = [order.index(child) for child in children]
                    assert positions == sorted(positions), (name, children)
                    assert len(set(children)) == len(children), (name, children)
                    checked += 1
    assert checked > 30


def test_package_parts_and_content_types(package: dict[str, bytes]) -> None:
    assert next(iter(package)) == "[Content_Types].xml"
    types = etree.fromstring(package["[Content_Types].xml"])
    overrides = {o.get("PartName") for o in types if o.get("PartName")}
    for name in package:
        if name.endswith(".xml") and name != "[Content_Types].xml":
            assert f"/{name}" in overrides, name
    for name, data in package.items():
        etree.fromstring(data)  # every part is well-formed XML
        assert data.startswith(b"<?xml"), name


def test_the_same_document_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(sample(), first)
    write_docx(sample(), second)
    assert first.read_bytes() == second.read_bytes()
