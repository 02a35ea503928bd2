"""Fonts python-docx has no API for: the East Asian font of a run or style, and the font table
with fallbacks for the official fonts a machine may lack.

``font.name`` in python-docx sets only ``w:ascii`` and ``w:hAnsi``; Chinese text is set in the
``w:eastAsia`` font, which only the oxml layer reaches (python-docx issues 154, 1139, 1396).
"""

from __future__ import annotations

from typing import NamedTuple

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.font import Font


class FontFacts(NamedTuple):
    """What Word records of a font in the font table, so a machine without it can substitute."""

    alt_name: str | None = None  # the font Word falls back to
    panose: str | None = None  # PANOSE-1 classification, 10 bytes in hex
    charset: str = "86"  # GB2312
    family: str = "auto"  # roman, swiss, modern, script, decorative or auto
    pitch: str = "variable"


# The official fonts and the fonts a clerk's machine usually has in their place; panose where it
# is known (the GB2312 fonts and the Windows Chinese fonts publish theirs).
KNOWN_FONTS: dict[str, FontFacts] = {
    "方正小标宋简体": FontFacts(alt_name="宋体", family="script"),
    "仿宋_GB2312": FontFacts(alt_name="仿宋", panose="02010609030101010101", family="modern", pitch="fixed"),
    "楷体_GB2312": FontFacts(alt_name="楷体", panose="02010609030101010101", family="modern", pitch="fixed"),
    "仿宋": FontFacts(alt_name="FangSong", panose="02010609060101010101", family="modern", pitch="fixed"),
    "楷体": FontFacts(alt_name="KaiTi", panose="02010609060101010101", family="modern", pitch="fixed"),
    "黑体": FontFacts(alt_name="SimHei", panose="02010609060101010101", family="modern", pitch="fixed"),
    "宋体": FontFacts(alt_name="SimSun", panose="02010600030101010101"),
    "Times New Roman": FontFacts(panose="02020603050405020304", charset="00", family="roman"),
}  # fmt: skip


def set_fonts(font: Font, east_asian: str, latin: str | None = None, *, hint: bool = False) -> None:
    """Name the East Asian font (and the Latin one, for w:ascii, w:hAnsi and w:cs) of a run or
    style.  ``hint`` marks text Word would otherwise set in the Latin font (quotes, dashes,
    ellipses) as East Asian."""
    font.name = latin or east_asian  # python-docx: w:ascii and w:hAnsi
    rfonts = font.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), latin or east_asian)
    if hint:
        rfonts.set(qn("w:hint"), "eastAsia")


def font_table(names: list[str]) -> BaseOxmlElement:
    """A ``w:fonts`` element listing ``names``, each with its fallback facts where known."""
    fonts: BaseOxmlElement = OxmlElement("w:fonts")
    for name in dict.fromkeys(names):
        entry = OxmlElement("w:font", {qn("w:name"): name})
        facts = KNOWN_FONTS.get(name, FontFacts())
        # Children in the order CT_Font gives them.
        if facts.alt_name:
            entry.append(OxmlElement("w:altName", {qn("w:val"): facts.alt_name}))
        if facts.panose:
            entry.append(OxmlElement("w:panose1", {qn("w:val"): facts.panose}))
        entry.append(OxmlElement("w:charset", {qn("w:val"): facts.charset}))
        entry.append(OxmlElement("w:family", {qn("w:val"): facts.family}))
        entry.append(OxmlElement("w:pitch", {qn("w:val"): facts.pitch}))
        fonts.append(entry)
    return fonts
