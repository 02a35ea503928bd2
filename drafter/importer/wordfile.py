"""A .docx opened by the Word layer, read into the importer's source paragraphs.

Text is joined across runs (through hyperlinks, insertions and content controls), Word's
automatic list numbering is resolved into ``auto_number``, and each paragraph keeps its style,
the formatting set on its runs (read through python-docx's run proxies) and its python-docx
element.  Each table row becomes one paragraph with the cells' text separated by a tab.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun

from drafter.importer.readers import MAX_PARAGRAPHS, Run, SourceParagraph, too_many_paragraphs
from drafter.word.effective import integer, number_properties
from drafter.word.reading import WordFile, body_blocks, iter_runs, paragraph_text, run_text, safe

_EAST_ASIA = qn("w:eastAsia")


def docx_paragraphs(word: WordFile) -> list[SourceParagraph]:
    """The paragraphs of an opened .docx, in reading order."""
    paragraphs: list[SourceParagraph] = []
    parent = word.document  # the python-docx proxies' parent: what gives them their part
    for element in body_blocks(word.body()):
        position = len(paragraphs) + 1
        if position > MAX_PARAGRAPHS:
            raise too_many_paragraphs(word.path)
        if element.tag == qn("w:p"):
            paragraphs.append(_paragraph(Paragraph(element, parent), position, word))
        else:
            paragraphs.extend(_table_rows(element, position))
    return paragraphs


def _run_format(run: WordRun, text: str) -> Run:
    rpr = run.element.rPr
    if rpr is None:
        return Run(text)
    fonts = rpr.rFonts
    font = run.font  # one proxy for the three properties (run.bold is font.bold)
    size = safe(lambda: font.size)
    return Run(
        text,
        bold=safe(lambda: font.bold),
        font_east_asia=fonts.get(_EAST_ASIA) if fonts is not None else None,
        font_ascii=safe(lambda: font.name),
        size_pt=size.pt if size is not None else None,
    )


def _paragraph(paragraph: Paragraph, position: int, word: WordFile) -> SourceParagraph:
    element = paragraph._p
    parts: list[str] = []
    runs: list[Run] = []
    for run in iter_runs(element):
        text = run_text(run)
        if text:
            parts.append(text)
            runs.append(_run_format(WordRun(run, paragraph), text))
    ppr = element.pPr
    style_id = None
    outline = None
    num_id = ilvl = None
    if ppr is not None:
        style_id = ppr.pStyle.val if ppr.pStyle is not None else None
        level = ppr.find(qn("w:outlineLvl"))
        if level is not None:
            outline = integer(level.get(qn("w:val")))
        num_id, ilvl = number_properties(ppr)
    styles = word.styles
    if num_id is None and style_id is not None:
        num_id, style_ilvl = styles.numbering(style_id)
        ilvl = ilvl if ilvl is not None else style_ilvl
    if outline is None and style_id is not None:
        outline = styles.outline_level(style_id)
    auto_number, number_format = (None, None)
    if num_id is not None:
        auto_number, number_format = word.numbering.next_number(num_id, ilvl or 0)
    hint = outline + 1 if outline is not None and 0 <= outline < 9 else None
    return SourceParagraph(
        text="".join(parts),
        line=position,
        auto_number=auto_number,
        number_format=number_format,
        list_level=ilvl if num_id is not None else None,
        heading_hint=hint,
        style=styles.name(style_id),
        centered=safe(lambda: paragraph.alignment) == WD_ALIGN_PARAGRAPH.CENTER,
        runs=tuple(runs),
        element=element,
    )


def _table_rows(table: Any, position: int) -> list[SourceParagraph]:
    rows: list[SourceParagraph] = []
    for row in table.iter(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            cells.append("".join(paragraph_text(p) for p in cell.iter(qn("w:p"))).strip())
        if any(cells):
            rows.append(
                SourceParagraph(text="\t".join(cells), line=position + len(rows), in_table=True)
            )
    return rows
