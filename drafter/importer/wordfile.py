"""A .docx opened by the Word layer, read into the importer's source paragraphs.

Text is joined across runs (through hyperlinks, insertions and content controls), Word's
automatic list numbering is resolved into ``auto_number``, and each paragraph keeps its style,
the formatting set on its runs (as python-docx's run proxies read it, see
:mod:`drafter.word.direct`) and its python-docx element.  Each table row becomes one
paragraph with the cells' text separated by a tab.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from drafter.importer.readers import MAX_PARAGRAPHS, Run, SourceParagraph, too_many_paragraphs
from drafter.word import direct
from drafter.word.effective import integer, number_properties
from drafter.word.reading import WordFile, body_blocks, paragraph_text

_P, _P_STYLE, _OUTLINE_LEVEL = qn("w:p"), qn("w:pStyle"), qn("w:outlineLvl")


def docx_paragraphs(word: WordFile) -> list[SourceParagraph]:
    """The paragraphs of an opened .docx, in reading order."""
    paragraphs: list[SourceParagraph] = []
    for element in body_blocks(word.body()):
        position = len(paragraphs) + 1
        if position > MAX_PARAGRAPHS:
            raise too_many_paragraphs(word.path)
        if element.tag == _P:
            paragraphs.append(_paragraph(element, position, word))
        else:
            paragraphs.extend(_table_rows(element, position))
    return paragraphs


def _run_format(run: Any, text: str) -> Run:
    """A run's text and the formatting set on it, as python-docx's ``Run.font`` reads it."""
    rpr = direct.run_properties(run)
    if rpr is None:
        return Run(text)
    return Run(text, *direct.run_format(rpr))


def _paragraph(element: Any, position: int, word: WordFile) -> SourceParagraph:
    parts: list[str] = []
    runs: list[Run] = []
    for run, text in word.runs(element):
        if text:
            parts.append(text)
            runs.append(_run_format(run, text))
    ppr = direct.paragraph_properties(element)
    style_id = None
    outline = None
    num_id = ilvl = None
    if ppr is not None:
        style = direct.child(ppr, _P_STYLE)
        style_id = style.get(direct.VAL) if style is not None else None
        level = direct.child(ppr, _OUTLINE_LEVEL)
        if level is not None:
            outline = integer(level.get(direct.VAL))
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
        centered=direct.centered(ppr),
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
