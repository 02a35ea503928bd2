"""Formatting set directly on a paragraph or run, read from its elements.

The answers are python-docx's own (``Run.font.bold``, ``.name``, ``.size`` and
``Paragraph.alignment``): its simple types convert the attribute values, and a value they
cannot convert reads as None, the way :func:`drafter.word.reading.safe` reads the property.
Only the proxies are skipped: import reads every run of a report, and building a ``Run`` and
a ``Font`` for each costs more than the reading itself.
"""

from __future__ import annotations

from typing import Any

from docx.exceptions import InvalidXmlError
from docx.oxml.exceptions import InvalidXmlError as MissingXmlError
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_HpsMeasure, ST_OnOff

VAL = qn("w:val")
_PPR, _RPR, _JC = qn("w:pPr"), qn("w:rPr"), qn("w:jc")
_B, _SZ, _R_FONTS = qn("w:b"), qn("w:sz"), qn("w:rFonts")
_ASCII, _EAST_ASIA = qn("w:ascii"), qn("w:eastAsia")
# What python-docx raises for a value the file holds but it cannot read, or for a required
# value left out (<w:sz/>): its two InvalidXmlError classes, and the conversions' own errors.
UNREADABLE = (InvalidXmlError, MissingXmlError, ValueError, KeyError, TypeError)


def child(element: Any, tag: str) -> Any:
    """The first child of ``element`` named ``tag``, or None: what ``element.find(tag)``
    answers, without lxml's path parser (a quarter of the cost of reading a run)."""
    for found in element.iterchildren(tag):
        return found
    return None


def paragraph_properties(paragraph: Any) -> Any:
    """The paragraph's ``w:pPr``, or None."""
    return child(paragraph, _PPR)


def run_properties(run: Any) -> Any:
    """The run's ``w:rPr``, or None."""
    return child(run, _RPR)


def centered(ppr: Any) -> bool:
    """Whether ``Paragraph.alignment`` is CENTER, given the paragraph's ``w:pPr``."""
    jc = child(ppr, _JC) if ppr is not None else None
    return jc is not None and jc.get(VAL) == "center"


def run_format(rpr: Any) -> tuple[bool | None, str | None, str | None, float | None]:
    """What ``Font.bold``, the East Asian font, ``Font.name`` (the ASCII font) and
    ``Font.size`` (in points) read on a run with ``rpr``; None for each not set or unreadable.

    The run's properties are looked through once (each is its first child of the kind, as
    python-docx finds it): an rPr holds a handful of children, and import reads every run.
    """
    bold = size = fonts = None
    for element in rpr.iterchildren(_B, _SZ, _R_FONTS):
        tag = element.tag
        if tag == _B:
            bold = element if bold is None else bold
        elif tag == _SZ:
            size = element if size is None else size
        elif fonts is None:
            fonts = element
    return (
        _on_off(bold) if bold is not None else None,
        fonts.get(_EAST_ASIA) if fonts is not None else None,
        fonts.get(_ASCII) if fonts is not None else None,
        _points(size) if size is not None else None,
    )


def _on_off(element: Any) -> bool | None:
    value = element.get(VAL)
    if value is None:
        return True  # a bare <w:b/> turns bold on
    try:
        return ST_OnOff.convert_from_xml(value)
    except UNREADABLE:
        return None


def _points(element: Any) -> float | None:
    value = element.get(VAL)
    if value is None:
        return None
    try:
        return ST_HpsMeasure.convert_from_xml(value).pt
    except UNREADABLE:
        return None
