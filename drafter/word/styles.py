"""Paragraph and run properties python-docx has no API for.

Each helper adds its element where the schema puts it.  python-docx inserts the elements it
knows (w:jc, w:spacing, w:sz…) in schema order around whatever is already there, so these are
called first, on a fresh w:pPr or w:rPr, and in the order they are defined here.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.font import Font
from docx.text.parfmt import ParagraphFormat

BORDER_SIDES = ("top", "left", "bottom", "right", "between")


def _ppr(target: ParagraphFormat) -> Any:
    return target.element.get_or_add_pPr()


def _rpr(target: Font) -> Any:
    return target.element.get_or_add_rPr()


def _set(parent: Any, tag: str, **attributes: str) -> Any:
    """The child ``tag`` of ``parent`` (appended when absent) with ``attributes``."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)
    return child


# --- w:pPr, in schema order ------------------------------------------------------------------


def no_border(paragraph_format: ParagraphFormat) -> None:
    """Borders switched off on every side, so no application adds its own (WPS rules a line
    under a header paragraph whose style says nothing)."""
    borders = _set(_ppr(paragraph_format), "w:pBdr")
    for side in BORDER_SIDES:
        _set(borders, f"w:{side}", val="none", sz="0", space="0", color="auto")


def no_auto_space(paragraph_format: ParagraphFormat) -> None:
    """No automatic gap between CJK and Latin text or digits ("2024年", not "2024 年")."""
    _set(_ppr(paragraph_format), "w:autoSpaceDE", val="0")
    _set(_ppr(paragraph_format), "w:autoSpaceDN", val="0")


def off_grid(paragraph_format: ParagraphFormat) -> None:
    """Off the document grid: LibreOffice would give each line of larger type two grid lines."""
    _set(_ppr(paragraph_format), "w:snapToGrid", val="0")


def outline_level(paragraph_format: ParagraphFormat, level: int) -> None:
    """The outline level (0 is the top) Word's navigation pane shows the paragraph at."""
    _set(_ppr(paragraph_format), "w:outlineLvl", val=str(level))


def first_line_chars(paragraph_format: ParagraphFormat, chars: int) -> None:
    """The first-line indent in characters (w:firstLineChars, hundredths of a character), which
    Word prefers to the indent in twips; call after python-docx has set the indents."""
    indent = _ppr(paragraph_format).get_or_add_ind()
    indent.set(qn("w:firstLineChars"), str(chars * 100))


# --- w:rPr, in schema order ------------------------------------------------------------------


def character_spacing(font: Font, twentieths: int) -> None:
    """Condense (negative) or expand every character by ``twentieths`` of a point."""
    _set(_rpr(font), "w:spacing", val=str(twentieths))


def complex_script_size(font: Font, half_points: int) -> None:
    _set(_rpr(font), "w:szCs", val=str(half_points))


def language(font: Font, latin: str = "en-US", east_asian: str = "zh-CN") -> None:
    _set(_rpr(font), "w:lang", val=latin, eastAsia=east_asian)


# --- styles ------------------------------------------------------------------------------------


def make_default(style: BaseStyle) -> None:
    """Make ``style`` the default of its type (w:default="1"): Normal for paragraphs."""
    element = style.element
    style_id = element.attrib.pop(qn("w:styleId"))
    element.set(qn("w:default"), "1")
    element.set(qn("w:styleId"), style_id)  # after w:default, where Word writes it


def document_defaults(styles_element: Any) -> tuple[Any, Any]:
    """The w:docDefaults of a w:styles part, made first when absent: (its w:rPr, its w:pPr)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    run = _set(_set(defaults, "w:rPrDefault"), "w:rPr")
    paragraph = _set(_set(defaults, "w:pPrDefault"), "w:pPr")
    return run, paragraph
