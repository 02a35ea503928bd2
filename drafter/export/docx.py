"""The document tree out to a DOCX in the official layout (GB/T 9704-2012).

The package is written directly as WordprocessingML rather than through python-docx's object
model: the parts that do not depend on the report (styles, settings, footers, fonts) are built
once per layout profile and cached, and a report costs one pass over its blocks.  Every number
comes from :class:`drafter.layout.LayoutProfile`.

What the file holds:

* Real paragraph styles under the names Word matches its built-in styles by (``Normal`` is the
  body, ``Title``, ``heading 1``…``heading 4`` with outline levels, ``Salutation`` for the
  addressee, ``Signature``, ``Date``, ``Subtitle`` for imported front matter, ``footer``) and
  one character style, ``接排正文``, for the body part of a run-in heading.  Fonts are named in
  the styles (``w:eastAsia`` plus Times New Roman for ``w:ascii``/``w:hAnsi``/``w:cs``); no
  theme font appears anywhere.
* Heading numbers written into the text (一、（一）1.（1）), never Word list numbering.
* Blank lines (below the title, above the signature) are paragraph spacing of whole line
  pitches, not empty paragraphs, so the text stays on the 22-line grid and a reader of the file
  sees only real paragraphs.
* Page numbers "— N —" from a PAGE field, odd pages right and even pages left.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from drafter.export.ownership import stamped
from drafter.export.text import RUN_IN_STOP
from drafter.files import write_atomic
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile, TextStyle
from drafter.numbering import number_headings
from drafter.titles import break_title
from drafter.tree import GAP_PATTERN, Document, Heading, Signature

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NAMESPACES = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20

# Style ids (what paragraphs point at) and the names Word matches built-in styles by.
BODY = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
SALUTATION = "Salutation"
SIGNATURE = "Signature"
DATE = "Date"
FOOTER = "Footer"
RUN_IN_BODY = "RunInBody"
HEADINGS = ("Heading1", "Heading2", "Heading3", "Heading4")
STYLE_NAMES = {
    BODY: "Normal",
    TITLE: "Title",
    SUBTITLE: "Subtitle",
    SALUTATION: "Salutation",
    SIGNATURE: "Signature",
    DATE: "Date",
    FOOTER: "footer",
    RUN_IN_BODY: "接排正文",
    **{style_id: f"heading {level}" for level, style_id in enumerate(HEADINGS, start=1)},
}

# Child order inside w:pPr and w:rPr (ECMA-376 Part 1, CT_PPrBase and CT_RPr): Word rejects a
# file whose children are out of this order.
PPR_ORDER = (
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
)
RPR_ORDER = (
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
)

# Characters Word sets in the Latin font unless the run says w:hint="eastAsia": quotes, dashes,
# the ellipsis, the middle dot, ×÷°±, ①, ℃, №, arrows and geometric shapes.
EAST_ASIAN_HINT = re.compile(
    "[\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203b\u2103\u2116\u2121"
    "\u2160-\u216b\u2190-\u2199\u2460-\u249b\u25a0-\u25ff\u2605\u2606]+"
)
# Characters XML 1.0 cannot hold at all.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BREAKS = re.compile("([\n\t])")

PAGE_NUMBER_PLACEHOLDER = {"odd": "1", "even": "2"}


# --- units -------------------------------------------------------------------------------


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def half_points(pt: float) -> int:
    return round(pt * 2)


def char_advance_twips(layout: LayoutProfile) -> int:
    """How far one body character advances, condensing included (16 pt - 0.25 pt = 315)."""
    return pt_to_twips(layout.body.size_pt) + layout.char_spacing_twentieths


def text_width_twips(text: str, layout: LayoutProfile) -> int:
    """The width of ``text`` in body type: CJK characters a full em, ASCII half an em."""
    full = pt_to_twips(layout.body.size_pt)
    return sum(
        (full // 2 if " " <= ch <= "~" else full) + layout.char_spacing_twentieths for ch in text
    )


def type_area_width_twips(layout: LayoutProfile) -> int:
    return (
        mm_to_twips(layout.page_width_mm)
        - mm_to_twips(layout.margin_left_mm)
        - mm_to_twips(layout.margin_right_mm)
    )


# --- XML helpers -------------------------------------------------------------------------


def escape_text(text: str) -> str:
    return XML_ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


def el(tag: str, /, **attrs: object) -> str:
    """An empty element ``<w:tag w:key="value"/>``."""
    rendered = "".join(f' w:{key}="{escape_attr(str(value))}"' for key, value in attrs.items())
    return f"<w:{tag}{rendered}/>"


def properties(tag: str, order: tuple[str, ...], children: Mapping[str, str]) -> str:
    """``w:pPr`` or ``w:rPr`` with its children in schema order; "" when there are none."""
    if not children:
        return ""
    unknown = set(children) - set(order)
    if unknown:
        raise ValueError(f"not a child of w:{tag}: {sorted(unknown)}")
    inner = "".join(children[name] for name in order if name in children)
    return f"<w:{tag}>{inner}</w:{tag}>"


def ppr(children: Mapping[str, str]) -> str:
    return properties("pPr", PPR_ORDER, children)


def rpr(children: Mapping[str, str]) -> str:
    return properties("rPr", RPR_ORDER, children)


def fonts(east_asian: str, latin: str) -> str:
    return el("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin)


def exact_spacing(layout: LayoutProfile, before_lines: int = 0, after_lines: int = 0) -> str:
    pitch = layout.line_pitch_twips
    return el(
        "spacing",
        before=before_lines * pitch,
        after=after_lines * pitch,
        line=pitch,
        lineRule="exact",
    )


def no_indent(left: int = 0, right: int = 0) -> str:
    """An indent that also cancels the body's first-line indent given in characters."""
    return el("ind", left=left, right=right, firstLineChars=0, firstLine=0)


def text_style_rpr(style: TextStyle, layout: LayoutProfile, spacing: int) -> dict[str, str]:
    size = half_points(style.size_pt)
    children = {
        "rFonts": fonts(style.font, layout.latin_font),
        "b": el("b", val=int(style.bold)),
        "bCs": el("bCs", val=int(style.bold)),
        "sz": el("sz", val=size),
        "szCs": el("szCs", val=size),
    }
    children["spacing"] = el("spacing", val=spacing)
    return children


# --- runs --------------------------------------------------------------------------------


@cache
def run_properties(style: str | None, highlight: str | None, punctuation_font: str | None) -> str:
    """The w:rPr of a run; there are only a handful of kinds, so each is built once."""
    children = {}
    if style:
        children["rStyle"] = el("rStyle", val=style)
    if punctuation_font:
        children["rFonts"] = el(
            "rFonts",
            hint="eastAsia",
            ascii=punctuation_font,
            hAnsi=punctuation_font,
            eastAsia=punctuation_font,
        )
    if highlight:
        children["highlight"] = el("highlight", val=highlight)
    return rpr(children)


def text_element(text: str) -> str:
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f"<w:t{space}>{escape_text(text)}</w:t>"


def run(
    text: str,
    style: str | None = None,
    highlight: str | None = None,
    punctuation_font: str | None = None,
) -> str:
    """One run of text: tabs and line breaks become w:tab and w:br, the rest is escaped.

    ``punctuation_font`` marks a run of ambiguous punctuation (quotes, dashes, ellipses): it gets
    w:hint="eastAsia", which Word follows, and the East Asian font in w:ascii/w:hAnsi too, for
    the renderers that ignore the hint (LibreOffice sets “……” after a digit in the Latin font).
    """
    properties = run_properties(style, highlight, punctuation_font)
    if "\n" not in text and "\t" not in text:
        return f"<w:r>{properties}{text_element(text)}</w:r>"
    content = []
    for piece in BREAKS.split(text):
        if piece == "\n":
            content.append("<w:br/>")
        elif piece == "\t":
            content.append("<w:tab/>")
        elif piece:
            content.append(text_element(piece))
    return f"<w:r>{properties}{''.join(content)}</w:r>"


def _punctuation_runs(
    text: str, font: str, style: str | None, highlight: str | None
) -> Iterator[str]:
    position = 0
    for match in EAST_ASIAN_HINT.finditer(text):
        if match.start() > position:
            yield run(text[position : match.start()], style, highlight)
        yield run(match.group(), style, highlight, font)
        position = match.end()
    if position < len(text):
        yield run(text[position:], style, highlight)


def runs(text: str, font: str, layout: LayoutProfile, style: str | None = None) -> str:
    """``text`` as runs in a paragraph whose East Asian font is ``font``.

    Each 【待填：…】 gap gets a highlighted run of its own, and so does each stretch of
    ambiguous punctuation (see :func:`run`).
    """
    if not text:
        return ""
    if "【" not in text and not EAST_ASIAN_HINT.search(text):
        return run(text, style)
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in GAP_PATTERN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((match.group(), layout.gap_highlight))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return "".join(
        "".join(_punctuation_runs(piece, font, style, highlight)) for piece, highlight in pieces
    )


def paragraph(content: str, style: str = BODY, **direct: str) -> str:
    children = {"pStyle": el("pStyle", val=style)} if style != BODY else {}
    children.update(direct)
    return f"<w:p>{ppr(children)}{content}</w:p>"


# --- the body ------------------------------------------------------------------------------


def title_lines(title: str, layout: LayoutProfile) -> list[str]:
    """The title's lines: as given when it already has line breaks, balanced otherwise."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    return break_title(title.strip(), layout.title_chars_per_line)


def signature_paragraphs(signature: Signature, layout: LayoutProfile) -> list[str]:
    """署名 and 成文日期 placed per GB/T 9704 7.3.5, indents computed from the text widths."""
    char = char_advance_twips(layout)
    width = type_area_width_twips(layout)
    name = signature.organisation.strip()
    date = signature.date.strip()
    name_width = text_width_twips(name, layout)
    date_width = text_width_twips(date, layout)
    if signature.seal:
        # The date right-aligned with 4 characters of space, the signature centred over it.
        date_right = layout.sealed_date_right_space_chars * char
        name_right = max(0, date_right + (date_width - name_width) // 2)
        blank_lines = layout.blank_lines_before_signature_sealed
        name_indent = no_indent(right=name_right)
        date_indent = no_indent(right=date_right)
        date_align = "right"
    else:
        right = layout.signature_right_space_chars * char
        offset = layout.date_offset_chars * char
        blank_lines = layout.blank_lines_before_signature
        if date_width <= name_width - offset:
            # The signature right-aligned, the date starting 2 characters right of its start.
            name_indent = no_indent(right=right)
            date_indent = no_indent(left=max(0, width - right - name_width + offset))
            date_align = "left"
        else:
            # A date longer than that keeps the right space and pushes the signature left.
            name_indent = no_indent(right=right + date_width + offset - name_width)
            date_indent = no_indent(right=right)
            date_align = "right"
    out = []
    if name:
        out.append(
            paragraph(
                runs(name, layout.body.font, layout),
                SIGNATURE,
                keepNext=el("keepNext"),
                spacing=exact_spacing(layout, before_lines=blank_lines),
                ind=name_indent,
                jc=el("jc", val="right"),
            )
        )
    if date:
        spacing = {} if name else {"spacing": exact_spacing(layout, before_lines=blank_lines)}
        out.append(
            paragraph(
                runs(date, layout.body.font, layout),
                DATE,
                **spacing,
                ind=date_indent,
                jc=el("jc", val=date_align),
            )
        )
    return out


def body_paragraphs(document: Document, layout: LayoutProfile) -> Iterator[str]:
    if document.title and document.title.strip():
        lines = title_lines(document.title, layout)
        brk = "<w:r><w:br/></w:r>"
        yield paragraph(brk.join(runs(line, layout.title.font, layout) for line in lines), TITLE)
    for line in document.front_matter:
        yield paragraph(runs(line, layout.body.font, layout), SUBTITLE)
    if document.addressee and document.addressee.strip():
        addressee = document.addressee.strip().rstrip("：:")
        yield paragraph(runs(f"{addressee}：", layout.body.font, layout), SALUTATION)

    numbers = iter(number_headings(document.blocks, layout))
    closing = document.closing.strip() if document.closing else ""
    keep_last = document.signature is not None
    last = len(document.blocks) - 1
    for index, block in enumerate(document.blocks):
        keep = {"keepNext": el("keepNext")} if keep_last and not closing and index == last else {}
        if isinstance(block, Heading):
            style = HEADINGS[block.level - 1]
            number = next(numbers)
            if block.run_in:
                font = layout.heading_style(block.level).font
                content = runs(f"{number}{block.title}{RUN_IN_STOP}", font, layout) + runs(
                    block.body, layout.body.font, layout, RUN_IN_BODY
                )
                keep_flags = {
                    "keepNext": el("keepNext", val=0),
                    "keepLines": el("keepLines", val=0),
                }
                yield paragraph(content, style, **(keep_flags | keep))
            else:
                yield paragraph(
                    runs(f"{number}{block.title}", layout.heading_style(block.level).font, layout),
                    style,
                )
        else:
            yield paragraph(runs(block.text, layout.body.font, layout), **keep)
    if closing:
        keep = {"keepNext": el("keepNext")} if keep_last else {}
        yield paragraph(runs(closing, layout.body.font, layout), **keep)
    if document.signature is not None:
        yield from signature_paragraphs(document.signature, layout)


def section_properties(layout: LayoutProfile) -> str:
    return (
        "<w:sectPr>"
        f'<w:footerReference w:type="default" r:id="{FOOTER_RELS["odd"]}"/>'
        f'<w:footerReference w:type="even" r:id="{FOOTER_RELS["even"]}"/>'
        + el("pgSz", w=mm_to_twips(layout.page_width_mm), h=mm_to_twips(layout.page_height_mm))
        + el(
            "pgMar",
            top=mm_to_twips(layout.margin_top_mm),
            right=mm_to_twips(layout.margin_right_mm),
            bottom=mm_to_twips(layout.margin_bottom_mm),
            left=mm_to_twips(layout.margin_left_mm),
            header=mm_to_twips(layout.header_distance_mm),
            footer=mm_to_twips(layout.footer_distance_mm),
            gutter=0,
        )
        + el("cols", space=425)
        + el("docGrid", type="lines", linePitch=layout.line_pitch_twips)
        + "</w:sectPr>"
    )


def document_xml(document: Document, layout: LayoutProfile = DEFAULT_LAYOUT) -> str:
    body = "".join(body_paragraphs(document, layout))
    return (
        f"{XML_DECLARATION}<w:document {NAMESPACES}><w:body>"
        f"{body}{section_properties(layout)}</w:body></w:document>"
    )


# --- the parts every report shares ---------------------------------------------------------


def style_xml(
    kind: str,
    style_id: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    default: bool = False,
    outline: int | None = None,
    p: Mapping[str, str] | None = None,
    r: Mapping[str, str] | None = None,
    priority: int | None = None,
) -> str:
    default_attr = ' w:default="1"' if default else ""
    parts = [f'<w:style w:type="{kind}"{default_attr} w:styleId="{style_id}">']
    parts.append(el("name", val=STYLE_NAMES.get(style_id, style_id)))
    if based_on:
        parts.append(el("basedOn", val=based_on))
    if next_style:
        parts.append(el("next", val=next_style))
    if priority is not None:
        parts.append(el("uiPriority", val=priority))
    parts.append("<w:qFormat/>")
    p_children = dict(p or {})
    if outline is not None:
        p_children["outlineLvl"] = el("outlineLvl", val=outline)
    parts.append(ppr(p_children))
    parts.append(rpr(r or {}))
    parts.append("</w:style>")
    return "".join(parts)


def styles_xml(layout: LayoutProfile) -> str:
    pitch_spacing = exact_spacing(layout)
    first_line = layout.indent_chars * pt_to_twips(layout.body.size_pt)
    condensed = layout.char_spacing_twentieths
    body_rpr = text_style_rpr(layout.body, layout, condensed)
    lang = el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    body_size = half_points(layout.body.size_pt)

    defaults = (
        "<w:docDefaults><w:rPrDefault>"
        + rpr(
            {
                "rFonts": fonts(layout.body.font, layout.latin_font),
                "sz": el("sz", val=body_size),
                "szCs": el("szCs", val=body_size),
                "lang": lang,
            }
        )
        + "</w:rPrDefault><w:pPrDefault>"
        + ppr({"spacing": el("spacing", before=0, after=0)})
        + "</w:pPrDefault></w:docDefaults>"
    )
    styles = [
        style_xml(
            "paragraph",
            BODY,
            default=True,
            priority=0,
            p={
                "widowControl": el("widowControl", val=int(layout.widow_control)),
                "autoSpaceDE": el("autoSpaceDE", val=0),
                "autoSpaceDN": el("autoSpaceDN", val=0),
                "spacing": pitch_spacing,
                "ind": el("ind", firstLineChars=layout.indent_chars * 100, firstLine=first_line),
                "jc": el("jc", val="both"),
            },
            r=body_rpr,
        ),
        style_xml(
            "paragraph",
            TITLE,
            based_on=BODY,
            next_style=BODY,
            outline=0,
            priority=10,
            p={
                "keepNext": el("keepNext"),
                "keepLines": el("keepLines"),
                # Off the line grid: LibreOffice would give each 22 pt line two grid lines.
                "snapToGrid": el("snapToGrid", val=0),
                "spacing": exact_spacing(layout, after_lines=layout.title_blank_lines_after),
                "ind": no_indent(),
                "jc": el("jc", val="center"),
            },
            r=text_style_rpr(layout.title, layout, 0),
        ),
    ]
    for level, style_id in enumerate(HEADINGS, start=1):
        styles.append(
            style_xml(
                "paragraph",
                style_id,
                based_on=BODY,
                next_style=BODY,
                outline=level - 1,
                priority=9,
                p={"keepNext": el("keepNext"), "keepLines": el("keepLines")},
                r=text_style_rpr(layout.heading_style(level), layout, condensed),
            )
        )
    flush_left = {"ind": no_indent(), "jc": el("jc", val="left")}
    styles += [
        style_xml(
            "paragraph",
            SUBTITLE,
            based_on=BODY,
            next_style=BODY,
            priority=11,
            p={"ind": no_indent(), "jc": el("jc", val="center")},
        ),
        style_xml("paragraph", SALUTATION, based_on=BODY, next_style=BODY, p=flush_left),
        style_xml(
            "paragraph",
            SIGNATURE,
            based_on=BODY,
            next_style=DATE,
            p={"ind": no_indent(), "jc": el("jc", val="right")},
        ),
        style_xml("paragraph", DATE, based_on=BODY, next_style=BODY, p=flush_left),
        style_xml(
            "paragraph",
            FOOTER,
            priority=99,
            p={
                "spacing": el(
                    "spacing",
                    before=0,
                    after=0,
                    line=pt_to_twips(layout.page_number.size_pt),
                    lineRule="exact",
                ),
                "ind": el("ind", left=0, right=0, firstLine=0),
                "jc": el("jc", val="center"),
            },
            r={
                "rFonts": el(
                    "rFonts",
                    ascii=layout.page_number.font,
                    hAnsi=layout.page_number.font,
                    eastAsia=layout.page_number.font,
                    cs=layout.page_number.font,
                ),
                "spacing": el("spacing", val=0),
                "sz": el("sz", val=half_points(layout.page_number.size_pt)),
                "szCs": el("szCs", val=half_points(layout.page_number.size_pt)),
            },
        ),
        style_xml("character", RUN_IN_BODY, r=body_rpr),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
    ]
    return f"{XML_DECLARATION}<w:styles {NAMESPACES}>{defaults}{''.join(styles)}</w:styles>"


def settings_xml(layout: LayoutProfile) -> str:
    return (
        f"{XML_DECLARATION}<w:settings {NAMESPACES}>"
        + el("zoom", percent=100)
        + el("defaultTabStop", val=layout.indent_chars * pt_to_twips(layout.body.size_pt))
        + "<w:evenAndOddHeaders/>"
        + el("characterSpacingControl", val="doNotCompress")
        + "<w:compat>"
        + el(
            "compatSetting",
            name="compatibilityMode",
            uri="http://schemas.microsoft.com/office/word",
            val=15,
        )
        + "</w:compat>"
        + el("themeFontLang", val="en-US", eastAsia="zh-CN")
        + "</w:settings>"
    )


def footer_xml(side: str, layout: LayoutProfile) -> str:
    """The page number "— N —": odd pages flush right, even pages flush left, one char in."""
    space = layout.page_number_side_space_chars * pt_to_twips(layout.page_number.size_pt)
    if side == "odd":
        placement = {
            "ind": el("ind", left=0, right=space, firstLine=0),
            "jc": el("jc", val="right"),
        }
    else:
        placement = {"ind": el("ind", left=space, right=0, firstLine=0), "jc": el("jc", val="left")}
    dash = layout.page_number_dash
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{PAGE_NUMBER_PLACEHOLDER[side]}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    font = layout.page_number.font
    content = (
        run(f"{dash} ", punctuation_font=font) + field + run(f" {dash}", punctuation_font=font)
    )
    return f"{XML_DECLARATION}<w:ftr {NAMESPACES}>{paragraph(content, FOOTER, **placement)}</w:ftr>"


def font_table_xml(layout: LayoutProfile) -> str:
    """The fonts the styles name, with the common fallback for the _GB2312 ones."""
    names = dict.fromkeys(
        [
            layout.latin_font,
            layout.body.font,
            layout.title.font,
            *(style.font for style in layout.headings),
            layout.page_number.font,
        ]
    )
    entries = []
    for name in names:
        alt = name.removesuffix("_GB2312")
        inner = el("altName", val=alt) if alt != name else ""
        if name != layout.latin_font:
            inner += el("charset", val="86")
        entries.append(f'<w:font w:name="{escape_attr(name)}">{inner}</w:font>')
    return f"{XML_DECLARATION}<w:fonts {NAMESPACES}>{''.join(entries)}</w:fonts>"


FOOTER_RELS = {"odd": "rIdFooterOdd", "even": "rIdFooterEven"}
FOOTER_PARTS = {"odd": "footer1.xml", "even": "footer2.xml"}

CONTENT_TYPES = (
    XML_DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    + "".join(
        f'<Override PartName="/word/{part}" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        for part in FOOTER_PARTS.values()
    )
    + '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    XML_DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    XML_DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>'
    + "".join(
        f'<Relationship Id="{FOOTER_RELS[side]}" Type="{REL}/footer" Target="{part}"/>'
        for side, part in FOOTER_PARTS.items()
    )
    + "</Relationships>"
)
APP_XML = (
    XML_DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>drafter</Application></Properties>'
)


def core_xml(document: Document) -> str:
    title = " ".join((document.title or "").split())
    creator = document.signature.organisation.strip() if document.signature else ""
    return (
        XML_DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape_text(title)}</dc:title><dc:creator>{escape_text(creator)}</dc:creator>"
        "</cp:coreProperties>"
    )


@cache
def shared_parts(layout: LayoutProfile) -> tuple[tuple[str, bytes], ...]:
    """Every part but the body and the core properties, built once per layout profile."""
    parts = {
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(layout),
        "word/settings.xml": settings_xml(layout),
        "word/fontTable.xml": font_table_xml(layout),
        **{f"word/{part}": footer_xml(side, layout) for side, part in FOOTER_PARTS.items()},
        "docProps/app.xml": APP_XML,
    }
    return tuple((name, xml.encode("utf-8")) for name, xml in parts.items())


def _zip_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def package(parts: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            archive.writestr(_zip_entry(name), data, compresslevel=6)
    return buffer.getvalue()


def docx_bytes(document: Document, layout: LayoutProfile = DEFAULT_LAYOUT) -> bytes:
    """The whole .docx file for ``document``, as bytes."""
    return package(
        [
            ("[Content_Types].xml", CONTENT_TYPES.encode("utf-8")),
            ("word/document.xml", document_xml(document, layout).encode("utf-8")),
            *shared_parts(layout),
            ("docProps/core.xml", core_xml(document).encode("utf-8")),
        ]
    )


def write_docx(
    document: Document, path: str | os.PathLike[str], layout: LayoutProfile = DEFAULT_LAYOUT
) -> None:
    """Write ``document`` to ``path`` atomically: a reader never sees half a file.  The file
    is marked as drafter's own (:mod:`drafter.export.ownership`)."""
    write_atomic(path, stamped(docx_bytes(document, layout)))
