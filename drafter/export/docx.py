"""The document tree out to a DOCX in the official layout (GB/T 9704-2012), with python-docx.

The styles, the page and the footers come from the layout profile into a base document, built
once per profile (or per ``--reference-doc``) and reopened for each report; a report costs one
pass over its blocks with python-docx's paragraphs and runs.  Every number comes from
:class:`drafter.layout.LayoutProfile`; what python-docx has no API for is in
:mod:`drafter.word`.

What the file holds:

* Real paragraph styles under the names Word matches its built-in styles by (``Normal`` is the
  body, ``Title``, ``heading 1``…``heading 4`` with outline levels, ``Salutation`` for the
  addressee, ``Signature``, ``Date``, ``Subtitle`` for imported front matter, ``header`` with
  no border, ``footer``) and one character style, ``接排正文``, for the body part of a run-in
  heading.  Fonts are named in the styles (``w:eastAsia`` plus Times New Roman for
  ``w:ascii``/``w:hAnsi``/``w:cs``); no theme font appears anywhere.
* Heading numbers written into the text (一、（一）1.（1）), never Word list numbering.
* Blank lines (below the title, above the signature) are paragraph spacing of whole line
  pitches, not empty paragraphs, so the text stays on the 22-line grid and a reader of the file
  sees only real paragraphs.
* Page numbers "— N —" from a PAGE field, odd pages right and even pages left.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple, cast

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.section import Section
from docx.shared import Mm, Pt, Twips
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.parfmt import ParagraphFormat
from docx.text.run import Run

from drafter.export.basecache import kept_base
from drafter.export.ownership import stamp
from drafter.export.text import RUN_IN_STOP
from drafter.files import write_atomic
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile, TextStyle
from drafter.numbering import number_headings
from drafter.titles import break_title
from drafter.tree import GAP_PATTERN, Document, Heading, Signature
from drafter.word import styles as props
from drafter.word.fields import add_field
from drafter.word.fonts import font_table, set_fonts
from drafter.word.package import blank_document, document_bytes, fresh_copy, remove_dates

# The styles' names, as Word matches its built-in styles, and the ids paragraphs point at.
STYLE_IDS = {
    "Normal": "Normal",
    "Title": "Title",
    "Subtitle": "Subtitle",
    "Salutation": "Salutation",
    "Signature": "Signature",
    "Date": "Date",
    "header": "Header",
    "footer": "Footer",
    "heading 1": "Heading1",
    "heading 2": "Heading2",
    "heading 3": "Heading3",
    "heading 4": "Heading4",
}
RUN_IN_BODY = "接排正文"  # a character style: the body part of a run-in heading
RUN_IN_BODY_ID = "RunInBody"
HEADINGS = ("heading 1", "heading 2", "heading 3", "heading 4")

# Characters Word sets in the Latin font unless the run says w:hint="eastAsia": quotes, dashes,
# the ellipsis, the middle dot, ×÷°±, ①, ℃, №, arrows and geometric shapes.
EAST_ASIAN_HINT = re.compile(
    "[\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203b\u2103\u2116\u2121"
    "\u2160-\u216b\u2190-\u2199\u2460-\u249b\u25a0-\u25ff\u2605\u2606]+"
)
# Characters XML 1.0 cannot hold at all.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WHITESPACE = re.compile(r"\s")
PAGE_NUMBER_PLACEHOLDER = {"odd": "1", "even": "2"}


# --- lengths the layout derives ------------------------------------------------------------


def pt_twips(pt: float) -> int:
    return round(Pt(pt).twips)


def char_advance_twips(layout: LayoutProfile) -> int:
    """How far one body character advances, condensing included (16 pt - 0.25 pt = 315)."""
    return pt_twips(layout.body.size_pt) + layout.char_spacing_twentieths


def text_width_twips(text: str, layout: LayoutProfile) -> int:
    """The width of ``text`` in body type: CJK characters a full em, ASCII half an em."""
    full = pt_twips(layout.body.size_pt)
    return sum(
        (full // 2 if " " <= ch <= "~" else full) + layout.char_spacing_twentieths for ch in text
    )


# --- the styles --------------------------------------------------------------------------------


def _text_style(
    style: ParagraphStyle | CharacterStyle, text: TextStyle, layout: LayoutProfile, spacing: int
) -> None:
    """Font, size, weight and character spacing of a paragraph or character style."""
    font = style.font
    props.character_spacing(font, spacing)
    props.complex_script_size(font, round(text.size_pt * 2))
    set_fonts(font, text.font, layout.latin_font)
    font.bold = text.bold
    font.cs_bold = text.bold
    font.size = Pt(text.size_pt)


def _exact_lines(paragraph_format: ParagraphFormat, layout: LayoutProfile) -> None:
    paragraph_format.line_spacing = Twips(layout.line_pitch_twips)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _no_indent(paragraph_format: ParagraphFormat, left: int = 0, right: int = 0) -> None:
    """An indent that also cancels the body's first-line indent given in characters."""
    paragraph_format.left_indent = Twips(left)
    paragraph_format.right_indent = Twips(right)
    paragraph_format.first_line_indent = Twips(0)
    props.first_line_chars(paragraph_format, 0)


def _paragraph_style(
    document: WordDocument, name: str, based_on: ParagraphStyle | None, priority: int
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    style.style_id = STYLE_IDS[name]
    if based_on is not None:
        style.base_style = based_on
    style.priority = priority
    style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    return style


def add_styles(document: WordDocument, layout: LayoutProfile) -> None:
    """The report's styles, from the layout profile, into ``document``'s (empty) styles part."""
    run_defaults, paragraph_defaults = props.document_defaults(document.styles.element)
    run_defaults.get_or_add_rFonts()
    for attribute in ("ascii", "hAnsi", "cs"):
        run_defaults.rFonts.set(qn(f"w:{attribute}"), layout.latin_font)
    run_defaults.rFonts.set(qn("w:eastAsia"), layout.body.font)
    run_defaults.sz_val = Pt(layout.body.size_pt)
    size_cs = OxmlElement("w:szCs", {qn("w:val"): str(round(layout.body.size_pt * 2))})
    run_defaults.append(size_cs)
    run_defaults.append(OxmlElement("w:lang", {qn("w:val"): "en-US", qn("w:eastAsia"): "zh-CN"}))
    paragraph_defaults.get_or_add_spacing()
    paragraph_defaults.spacing_before = Twips(0)
    paragraph_defaults.spacing_after = Twips(0)

    condensed = layout.char_spacing_twentieths
    body = _paragraph_style(document, "Normal", None, 0)
    props.make_default(body)
    pf = body.paragraph_format
    props.no_auto_space(pf)
    pf.widow_control = layout.widow_control
    _exact_lines(pf, layout)
    pf.first_line_indent = Twips(layout.indent_chars * pt_twips(layout.body.size_pt))
    props.first_line_chars(pf, layout.indent_chars)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _text_style(body, layout.body, layout, condensed)

    title = _paragraph_style(document, "Title", body, 10)
    title.next_paragraph_style = body
    pf = title.paragraph_format
    props.off_grid(pf)
    props.outline_level(pf, 0)
    pf.keep_with_next = True
    pf.keep_together = True
    _exact_lines(pf, layout)
    pf.space_after = Twips(layout.title_blank_lines_after * layout.line_pitch_twips)
    _no_indent(pf)
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text_style(title, layout.title, layout, 0)

    for level, name in enumerate(HEADINGS, start=1):
        heading = _paragraph_style(document, name, body, 9)
        heading.next_paragraph_style = body
        props.outline_level(heading.paragraph_format, level - 1)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
        _text_style(heading, layout.heading_style(level), layout, condensed)

    subtitle = _paragraph_style(document, "Subtitle", body, 11)
    subtitle.next_paragraph_style = body
    _no_indent(subtitle.paragraph_format)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name, align in (
        ("Salutation", WD_ALIGN_PARAGRAPH.LEFT),
        ("Signature", WD_ALIGN_PARAGRAPH.RIGHT),
        ("Date", WD_ALIGN_PARAGRAPH.LEFT),
    ):
        style = _paragraph_style(document, name, body, 99)
        _no_indent(style.paragraph_format)
        style.paragraph_format.alignment = align
    document.styles["Signature"].next_paragraph_style = document.styles["Date"]
    document.styles["Salutation"].next_paragraph_style = body
    document.styles["Date"].next_paragraph_style = body

    number = layout.page_number
    for name in ("header", "footer"):
        style = _paragraph_style(document, name, None, 99)
        pf = style.paragraph_format
        if name == "header":
            props.no_border(pf)  # WPS draws a rule under a header whose style says nothing
        pf.space_before = pf.space_after = Twips(0)
        pf.line_spacing = Pt(number.size_pt)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.left_indent = pf.right_indent = pf.first_line_indent = Twips(0)
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text_style(style, number, layout, 0)
        set_fonts(style.font, number.font)  # the page number's digits in 宋体 too

    run_in = document.styles.add_style(RUN_IN_BODY, WD_STYLE_TYPE.CHARACTER)
    run_in.style_id = RUN_IN_BODY_ID
    run_in.quick_style = True
    _text_style(run_in, layout.body, layout, condensed)
    default_font = document.styles.add_style(
        "Default Paragraph Font", WD_STYLE_TYPE.CHARACTER, builtin=True
    )
    default_font.style_id = "DefaultParagraphFont"
    props.make_default(default_font)
    default_font.priority = 1
    default_font.hidden = True
    default_font.unhide_when_used = True


# --- the page, the settings, the footers ------------------------------------------------------


def set_page(section: Section, layout: LayoutProfile) -> None:
    """Paper, margins and the line grid of the 22 lines."""
    sect_pr = section._sectPr
    if sect_pr.find(qn("w:docGrid")) is None:
        sect_pr.append(OxmlElement("w:docGrid"))
    grid = sect_pr.find(qn("w:docGrid"))
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))
    section.page_width = Mm(layout.page_width_mm)
    section.page_height = Mm(layout.page_height_mm)
    section.top_margin = Mm(layout.margin_top_mm)
    section.right_margin = Mm(layout.margin_right_mm)
    section.bottom_margin = Mm(layout.margin_bottom_mm)
    section.left_margin = Mm(layout.margin_left_mm)
    section.header_distance = Mm(layout.header_distance_mm)
    section.footer_distance = Mm(layout.footer_distance_mm)
    section.gutter = Twips(0)


def add_settings(document: WordDocument, layout: LayoutProfile) -> None:
    settings = document.settings.element
    # Before what python-docx adds (w:evenAndOddHeaders), in schema order among themselves.
    settings.append(
        OxmlElement(
            "w:defaultTabStop",
            {qn("w:val"): str(layout.indent_chars * pt_twips(layout.body.size_pt))},
        )
    )
    settings.append(OxmlElement("w:characterSpacingControl", {qn("w:val"): "doNotCompress"}))
    compat = OxmlElement("w:compat")
    compat.append(
        OxmlElement(
            "w:compatSetting",
            {
                qn("w:name"): "compatibilityMode",
                qn("w:uri"): "http://schemas.microsoft.com/office/word",
                qn("w:val"): "15",
            },
        )
    )
    settings.append(compat)
    document.settings.odd_and_even_pages_header_footer = True


def fill_page_number(
    paragraph: WordParagraph, style: ParagraphStyle, side: str, layout: LayoutProfile
) -> None:
    """The page number "— N —": odd pages flush right, even pages flush left, one char in."""
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.style = style
    number = layout.page_number
    space = Twips(layout.page_number_side_space_chars * pt_twips(number.size_pt))
    pf = paragraph.paragraph_format
    pf.left_indent, pf.right_indent = (Twips(0), space) if side == "odd" else (space, Twips(0))
    pf.first_line_indent = Twips(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "odd" else WD_ALIGN_PARAGRAPH.LEFT
    dash = layout.page_number_dash
    _add_run(paragraph, f"{dash} ", punctuation_font=number.font)
    add_field(paragraph, "PAGE", PAGE_NUMBER_PLACEHOLDER[side])
    _add_run(paragraph, f" {dash}", punctuation_font=number.font)


def add_footers(document: WordDocument, layout: LayoutProfile) -> None:
    section = document.sections[0]
    footer_style = cast(ParagraphStyle, document.styles["footer"])
    for side, footer in (("odd", section.footer), ("even", section.even_page_footer)):
        footer.is_linked_to_previous = False
        fill_page_number(footer.paragraphs[0], footer_style, side, layout)


# --- the base document -------------------------------------------------------------------------


def _fonts_of(layout: LayoutProfile) -> list[str]:
    return [
        layout.latin_font,
        layout.body.font,
        layout.title.font,
        *(style.font for style in layout.headings),
        layout.page_number.font,
    ]


def new_base(layout: LayoutProfile) -> WordDocument:
    """An empty report document: the profile's styles, page, settings and footers."""
    document = blank_document(font_table(_fonts_of(layout)))
    add_styles(document, layout)
    add_settings(document, layout)
    set_page(document.sections[0], layout)
    add_footers(document, layout)
    return document


def reference_base(reference: Path, layout: LayoutProfile) -> WordDocument:
    """An office's own template as the base: its styles, headers and footers where it defines
    them, the profile's for the rest (and the profile's page)."""
    from drafter.word.reference import open_reference

    document = open_reference(reference)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    theirs = {style.name: style.style_id for style in document.styles}
    ours = kept_base(layout, new_base)
    # Our styles point at each other by id; where the template has the style, at its id
    # (Word in Chinese names its styles' ids "a", "1"…).
    renamed = {s.style_id: theirs[s.name] for s in ours.styles if s.name in theirs}
    for style in ours.styles:
        if style.name in theirs:
            continue
        for link in ("w:basedOn", "w:next", "w:link"):
            found = style.element.find(qn(link))
            if found is not None and found.get(qn("w:val")) in renamed:
                found.set(qn("w:val"), renamed[found.get(qn("w:val"))])
        document.styles.element.append(style.element)
    if document.styles.element.find(qn("w:docDefaults")) is None:
        defaults = ours.styles.element.find(qn("w:docDefaults"))
        document.styles.element.insert(0, defaults)
    section = document.sections[0]
    set_page(section, layout)
    if not section._sectPr.xpath("w:footerReference"):
        document.settings.odd_and_even_pages_header_footer = True
        add_footers(document, layout)
    return document


class Base(NamedTuple):
    """A base document, built once and never changed after (each report is a
    :func:`fresh_copy` of it), and the ids of its styles by name."""

    document: WordDocument
    style_ids: dict[str, str]


@lru_cache(maxsize=8)  # a few profiles and templates per process, not one per build
def base_document(layout: LayoutProfile, reference: tuple[str, float, int] | None = None) -> Base:
    """The base for ``layout`` (and a reference file, known by path, time and size)."""
    if reference is None:
        document = kept_base(layout, new_base)
    else:
        document = reference_base(Path(reference[0]), layout)
    ids = {style.name: style.style_id for style in document.styles if style.name}
    # python-docx gives built-in names as Word shows them ("Heading 1"); the tree asks by the
    # names the styles part holds.
    ids.update({name.lower(): ids[name] for name in list(ids) if name.startswith("Heading ")})
    return Base(document, ids)


def _reference_key(reference: str | os.PathLike[str] | None) -> tuple[str, float, int] | None:
    if reference is None:
        return None
    from drafter.word.reference import reference_key

    return reference_key(Path(reference))


# --- runs ----------------------------------------------------------------------------------------


@cache
def _highlight(name: str) -> WD_COLOR_INDEX:
    return WD_COLOR_INDEX.from_xml(name)


@cache
def run_properties(
    style_id: str | None, highlight: str | None, punctuation_font: str | None
) -> CT_RPr | None:
    """The w:rPr of a run, built once for each of the handful of kinds a report has and copied
    into each run: python-docx looks its schema order up again for every property it sets.

    ``punctuation_font`` marks a run of ambiguous punctuation (quotes, dashes, ellipses): it gets
    w:hint="eastAsia", which Word follows, and the East Asian font in w:ascii/w:hAnsi too, for
    the renderers that ignore the hint (LibreOffice sets “……” after a digit in the Latin font).
    """
    if not (style_id or highlight or punctuation_font):
        return None
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    if style_id:
        run._r.style = style_id
    if punctuation_font:
        set_fonts(run.font, punctuation_font, hint=True)
        del run.font.element.rPr.rFonts.attrib[qn("w:cs")]
    if highlight:
        run.font.highlight_color = _highlight(highlight)
    return run._r.rPr


def _add_run(
    paragraph: WordParagraph,
    text: str,
    style_id: str | None = None,
    highlight: str | None = None,
    punctuation_font: str | None = None,
) -> None:
    """One run of text; python-docx turns tabs and line breaks into w:tab and w:br."""
    run = paragraph.add_run()
    properties = run_properties(style_id, highlight, punctuation_font)
    if properties is not None:
        run._r.insert(0, copy.deepcopy(properties))
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    else:
        # python-docx's run.text walks the text a character at a time looking for tabs and
        # breaks; plain text goes straight into one w:t.
        run._r.add_t(text)
    if WHITESPACE.search(text):
        for t in run._r.iterchildren(qn("w:t")):
            if WHITESPACE.search(t.text or ""):
                t.set(qn("xml:space"), "preserve")


def add_runs(
    paragraph: WordParagraph,
    text: str,
    font: str,
    layout: LayoutProfile,
    style_id: str | None = None,
) -> None:
    """``text`` as runs in a paragraph whose East Asian font is ``font``.

    Each 【待填：…】 gap gets a highlighted run of its own, and so does each stretch of
    ambiguous punctuation (see :func:`run_properties`).
    """
    text = XML_ILLEGAL.sub("", text)
    if not text:
        return
    position = 0
    pieces: list[tuple[str, str | None]] = []
    for match in GAP_PATTERN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((match.group(), layout.gap_highlight))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    for piece, mark in pieces:
        start = 0
        for found in EAST_ASIAN_HINT.finditer(piece):
            if found.start() > start:
                _add_run(paragraph, piece[start : found.start()], style_id, mark)
            _add_run(paragraph, found.group(), style_id, mark, font)
            start = found.end()
        if start < len(piece):
            _add_run(paragraph, piece[start:], style_id, mark)


@cache
def _styled(style_id: str) -> CT_PPr:
    """The w:pPr of a paragraph in style ``style_id``, made once and copied into each one."""
    paragraph = WordParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    paragraph._p.style = style_id
    return paragraph._p.get_or_add_pPr()


def _add_paragraph(document: WordDocument, style_id: str | None = None) -> WordParagraph:
    """A new paragraph at the end of the body in style ``style_id`` (Normal when None).

    The style goes in by id, from a copy: python-docx's style setter looks the default style
    up, and the schema order of w:pPr, again for every paragraph."""
    paragraph = document.add_paragraph()
    if style_id is not None:
        paragraph._p.insert(0, copy.deepcopy(_styled(style_id)))
    return paragraph


# --- the body ------------------------------------------------------------------------------------


def title_lines(title: str, layout: LayoutProfile) -> list[str]:
    """The title's lines: as given when it already has line breaks, balanced otherwise."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    return break_title(title.strip(), layout.title_chars_per_line)


def _spacing(paragraph_format: ParagraphFormat, layout: LayoutProfile, before_lines: int) -> None:
    paragraph_format.space_before = Twips(before_lines * layout.line_pitch_twips)
    paragraph_format.space_after = Twips(0)
    _exact_lines(paragraph_format, layout)


def add_signature(
    document: WordDocument, signature: Signature, layout: LayoutProfile, ids: dict[str, str]
) -> None:
    """署名 and 成文日期 placed per GB/T 9704 7.3.5, indents computed from the text widths."""
    char = char_advance_twips(layout)
    width = layout.type_area_width_twips
    name = signature.organisation.strip()
    date = signature.date.strip()
    name_width = text_width_twips(name, layout)
    date_width = text_width_twips(date, layout)
    if signature.seal:
        # The date right-aligned with 4 characters of space, the signature centred over it.
        date_right = layout.sealed_date_right_space_chars * char
        name_indent = (0, max(0, date_right + (date_width - name_width) // 2))
        date_indent = (0, date_right)
        blank_lines = layout.blank_lines_before_signature_sealed
        date_align = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        right = layout.signature_right_space_chars * char
        offset = layout.date_offset_chars * char
        blank_lines = layout.blank_lines_before_signature
        if date_width <= name_width - offset:
            # The signature right-aligned, the date starting 2 characters right of its start.
            name_indent = (0, right)
            date_indent = (max(0, width - right - name_width + offset), 0)
            date_align = WD_ALIGN_PARAGRAPH.LEFT
        else:
            # A date longer than that keeps the right space and pushes the signature left.
            name_indent = (0, right + date_width + offset - name_width)
            date_indent = (0, right)
            date_align = WD_ALIGN_PARAGRAPH.RIGHT
    if name:
        paragraph = _add_paragraph(document, ids["Signature"])
        pf = paragraph.paragraph_format
        pf.keep_with_next = True
        _spacing(pf, layout, blank_lines)
        _no_indent(pf, *name_indent)
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_runs(paragraph, name, layout.body.font, layout)
    if date:
        paragraph = _add_paragraph(document, ids["Date"])
        pf = paragraph.paragraph_format
        if not name:
            _spacing(pf, layout, blank_lines)
        _no_indent(pf, *date_indent)
        pf.alignment = date_align
        add_runs(paragraph, date, layout.body.font, layout)


def add_body(
    document: WordDocument, tree: Document, layout: LayoutProfile, ids: dict[str, str]
) -> None:
    body_font = layout.body.font
    if tree.title and tree.title.strip():
        paragraph = _add_paragraph(document, ids["Title"])
        for index, line in enumerate(title_lines(tree.title, layout)):
            if index:
                paragraph.add_run().add_break()
            add_runs(paragraph, line, layout.title.font, layout)
    for line in tree.front_matter:
        add_runs(_add_paragraph(document, ids["Subtitle"]), line, body_font, layout)
    if tree.addressee and tree.addressee.strip():
        addressee = tree.addressee.strip().rstrip("：:")
        paragraph = _add_paragraph(document, ids["Salutation"])
        add_runs(paragraph, f"{addressee}：", body_font, layout)

    headings = [ids[name] for name in HEADINGS]
    run_in_body = ids[RUN_IN_BODY]
    numbers: Iterator[str] = iter(number_headings(tree.blocks, layout))
    closing = tree.closing.strip() if tree.closing else ""
    keep_last = tree.signature is not None
    last = len(tree.blocks) - 1
    for index, block in enumerate(tree.blocks):
        if isinstance(block, Heading):
            paragraph = _add_paragraph(document, headings[block.level - 1])
            number = next(numbers)
            font = layout.heading_style(block.level).font
            if block.run_in:
                # A run-in paragraph is body text: it does not keep with the next paragraph.
                paragraph.paragraph_format.keep_with_next = False
                paragraph.paragraph_format.keep_together = False
                add_runs(paragraph, f"{number}{block.title}{RUN_IN_STOP}", font, layout)
                add_runs(paragraph, block.body, body_font, layout, run_in_body)
            else:
                add_runs(paragraph, f"{number}{block.title}", font, layout)
        else:
            paragraph = _add_paragraph(document)
            add_runs(paragraph, block.text, body_font, layout)
        if keep_last and not closing and index == last:
            paragraph.paragraph_format.keep_with_next = True
    if closing:
        paragraph = _add_paragraph(document)
        if keep_last:
            paragraph.paragraph_format.keep_with_next = True
        add_runs(paragraph, closing, body_font, layout)
    if tree.signature is not None:
        add_signature(document, tree.signature, layout, ids)


def _plain(text: str | None) -> str:
    return " ".join(XML_ILLEGAL.sub("", text or "").split())


def docx_bytes(
    tree: Document,
    layout: LayoutProfile = DEFAULT_LAYOUT,
    reference: str | os.PathLike[str] | None = None,
) -> bytes:
    """The whole .docx file for ``tree``, as bytes: the same tree gives the same bytes."""
    base = base_document(layout, _reference_key(reference))
    document = fresh_copy(base.document)
    add_body(document, tree, layout, base.style_ids)
    properties = document.core_properties
    properties.title = _plain(tree.title)
    properties.author = _plain(tree.signature.organisation) if tree.signature else ""
    properties.last_modified_by = ""
    properties.revision = 1
    remove_dates(document)
    stamp(document)  # marked as drafter's own, untouched since (drafter.export.ownership)
    return document_bytes(document)


def write_docx(
    tree: Document,
    path: str | os.PathLike[str],
    layout: LayoutProfile = DEFAULT_LAYOUT,
    reference: str | os.PathLike[str] | None = None,
) -> None:
    """Write ``tree`` to ``path`` atomically: a reader never sees half a file.  The file is
    marked as drafter's own (:mod:`drafter.export.ownership`)."""
    write_atomic(path, docx_bytes(tree, layout, reference))
