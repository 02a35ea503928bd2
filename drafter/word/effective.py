"""Formatting in effect: what a paragraph or run looks like once its styles are applied.

python-docx answers for formatting set directly on a paragraph or run; what a reader sees is
resolved the way Word resolves it: direct run formatting, then the run's character style and
the styles it is based on, then the paragraph's style chain (or the default paragraph style),
then ``w:docDefaults``.  An ``w:rFonts`` theme attribute (``w:eastAsiaTheme``…) wins over the
named font at the same level, and is reported as a theme font: WPS and Word without that theme
fall back to another font.  python-docx has no API for this inheritance, so it is read from
the styles part's elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from docx.oxml.ns import qn

from drafter.word.direct import child

THEME = "theme:"  # prefix of a resolved font that is a theme font, e.g. "theme:minorEastAsia"
VAL = qn("w:val")
_PPR, _RPR, _PSTYLE, _RSTYLE, _BASED_ON = (
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:pStyle"),
    qn("w:rStyle"),
    qn("w:basedOn"),
)
_NUM_PR, _NUM_ID, _ILVL = qn("w:numPr"), qn("w:numId"), qn("w:ilvl")
_NAME, _OUTLINE_LEVEL = qn("w:name"), qn("w:outlineLvl")

Getter = Callable[[Any], str | None]


def integer(value: str | None) -> int | None:
    """An attribute's integer value; None when absent or not a (reasonably sized) number."""
    if value is None or len(value) > 12:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def number_properties(ppr: Any) -> tuple[int | None, int | None]:
    """(numId, ilvl) of a ``w:pPr``'s list numbering, each None when not given."""
    num_pr = child(ppr, _NUM_PR) if ppr is not None else None
    if num_pr is None:
        return None, None
    num = child(num_pr, _NUM_ID)
    level = child(num_pr, _ILVL)
    return (
        integer(num.get(VAL)) if num is not None else None,
        integer(level.get(VAL)) if level is not None else None,
    )


class StyleSheet:
    """The styles part, with property lookups through the chain of styles."""

    def __init__(self, root: Any) -> None:
        self.styles: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.run_defaults: Any = None
        self.paragraph_defaults: Any = None
        # Each style's chain of pPr and of rPr elements, nearest first, worked out once: the
        # layout rules ask for every paragraph and run.
        self._properties: dict[tuple[str | None, str], tuple[Any, ...]] = {}
        if root is None:
            return
        defaults = root.find(qn("w:docDefaults"))
        if defaults is not None:
            self.run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            self.paragraph_defaults = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        style_id_name, default_name = qn("w:styleId"), qn("w:default")
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(style_id_name)
            if style_id is None:
                continue
            self.styles[style_id] = style
            if style.get(default_name) in ("1", "true", "on"):
                kind = style.get(qn("w:type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and the styles it is based on, nearest first; a cycle ends the chain."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = child(style, _BASED_ON)
            style_id = based.get(VAL) if based is not None else None

    def name(self, style_id: str | None) -> str | None:
        """The style's own name (``w:name``, e.g. "heading 1"), else its id."""
        if style_id is None:
            return None
        style = self.styles.get(style_id)
        if style is None:
            return style_id
        name = child(style, _NAME)
        return name.get(VAL) if name is not None else style_id

    def paragraph_style(self, paragraph: Any) -> str | None:
        ppr = child(paragraph, _PPR)
        style = child(ppr, _PSTYLE) if ppr is not None else None
        if style is not None:
            return style.get(VAL)
        return self.default_paragraph

    def numbering(self, style_id: str) -> tuple[int | None, int | None]:
        """The list numbering a paragraph style carries, through the styles it is based on."""
        for style in self.chain(style_id):
            num_id, ilvl = number_properties(child(style, _PPR))
            if num_id is not None:
                return num_id, ilvl
        return None, None

    def outline_level(self, style_id: str) -> int | None:
        """The style's outline level (0-based), or a "heading N" name's."""
        for style in self.chain(style_id):
            ppr = child(style, _PPR)
            level = child(ppr, _OUTLINE_LEVEL) if ppr is not None else None
            if level is not None:
                value = integer(level.get(VAL))
                if value is not None:
                    return value
        name = (self.name(style_id) or "").lower()
        match = re.fullmatch(r"heading\s*([1-9])", name)
        return int(match.group(1)) - 1 if match else None

    def _style_properties(self, style_id: str | None, tag: str) -> tuple[Any, ...]:
        """The ``tag`` (pPr or rPr) elements of a style and the styles it is based on."""
        cached = self._properties.get((style_id, tag))
        if cached is None:
            found = (child(element, tag) for element in self.chain(style_id))
            cached = tuple(properties for properties in found if properties is not None)
            self._properties[(style_id, tag)] = cached
        return cached

    def run_levels(self, paragraph: Any, run: Any) -> list[Any]:
        """The rPr elements that apply to ``run``, strongest first: :func:`resolve` looks a
        property up in them (worked out once for the properties a rule reads of one run)."""
        direct = child(run, _RPR)
        levels = [direct] if direct is not None else []
        style = child(direct, _RSTYLE) if direct is not None else None
        character = style.get(VAL) if style is not None else self.default_character
        levels.extend(self._style_properties(character, _RPR))
        levels.extend(self._style_properties(self.paragraph_style(paragraph), _RPR))
        if self.run_defaults is not None:
            levels.append(self.run_defaults)
        return levels

    def paragraph_levels(self, paragraph: Any) -> list[Any]:
        """The pPr elements that apply to ``paragraph``, strongest first (see :func:`resolve`)."""
        direct = child(paragraph, _PPR)
        levels = [direct] if direct is not None else []
        levels.extend(self._style_properties(self.paragraph_style(paragraph), _PPR))
        if self.paragraph_defaults is not None:
            levels.append(self.paragraph_defaults)
        return levels

    def run_property(self, paragraph: Any, run: Any, getter: Getter) -> str | None:
        return resolve(self.run_levels(paragraph, run), getter)

    def paragraph_property(self, paragraph: Any, getter: Getter) -> str | None:
        return resolve(self.paragraph_levels(paragraph), getter)


def resolve(levels: list[Any], getter: Getter) -> str | None:
    """The value ``getter`` reads from the strongest of ``levels`` that sets it, or None."""
    for properties in levels:
        value = getter(properties)
        if value is not None:
            return value
    return None


def font_getter(slot: str) -> Getter:
    """Reads one font slot (eastAsia, ascii…) of an rPr; a theme attribute wins."""

    r_fonts, theme_name, font_name = qn("w:rFonts"), qn(f"w:{slot}Theme"), qn(f"w:{slot}")

    def get(rpr: Any) -> str | None:
        fonts = child(rpr, r_fonts)
        if fonts is None:
            return None
        theme = fonts.get(theme_name)
        if theme is not None:
            return THEME + theme
        return fonts.get(font_name)

    return get


def attribute_getter(element_name: str, attribute: str = "val") -> Getter:
    child_name, attribute_name = qn(f"w:{element_name}"), qn(f"w:{attribute}")

    def get(properties: Any) -> str | None:
        element = child(properties, child_name)
        return element.get(attribute_name) if element is not None else None

    return get
