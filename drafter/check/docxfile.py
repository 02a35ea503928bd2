"""A .docx as the layout rules and ``--fix`` see it: body paragraphs with their runs, the
formatting actually in effect for each, sections, footers and settings.

Formatting is resolved the way Word resolves it: direct run formatting, then the run's
character style and the styles it is based on, then the paragraph's style chain (or the
default paragraph style), then ``w:docDefaults``.  An ``w:rFonts`` theme attribute
(``w:eastAsiaTheme``…) wins over the named font at the same level, and is reported as a theme
font: WPS and Word without that theme fall back to another font.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.wordml import W, body_blocks, iter_runs, run_text

if TYPE_CHECKING:
    from lxml.etree import _Element

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = f"{{{R_NS}}}"
MAX_PART_BYTES = 64 * 1024 * 1024

THEME = "theme:"  # prefix of a resolved font that is a theme font, e.g. "theme:minorEastAsia"

Getter = Callable[["_Element"], str | None]


@dataclass
class DocxRun:
    element: _Element
    text: str
    start: int  # offset of the run's text in the paragraph's text
    end: int


@dataclass
class DocxParagraph:
    element: _Element
    position: int  # 1-based among the body's paragraphs
    text: str
    runs: list[DocxRun] = field(default_factory=list)

    def properties(self) -> _Element | None:
        return self.element.find(f"{W}pPr")


def read_paragraph(element: _Element, position: int) -> DocxParagraph:
    paragraph = DocxParagraph(element, position, "")
    parts = []
    offset = 0
    for run in iter_runs(element):
        text = run_text(run)
        paragraph.runs.append(DocxRun(run, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    paragraph.text = "".join(parts)
    return paragraph


class StyleSheet:
    """Styles and defaults, with property lookups through the chain of styles."""

    def __init__(self, root: _Element | None) -> None:
        self.styles: dict[str, _Element] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.run_defaults: _Element | None = None
        self.paragraph_defaults: _Element | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            self.run_defaults = defaults.find(f"{W}rPrDefault/{W}rPr")
            self.paragraph_defaults = defaults.find(f"{W}pPrDefault/{W}pPr")
        for style in root.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id is None:
                continue
            self.styles[style_id] = style
            if style.get(f"{W}default") in ("1", "true", "on"):
                kind = style.get(f"{W}type")
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id

    def chain(self, style_id: str | None) -> Iterator[_Element]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def name(self, style_id: str | None) -> str | None:
        style = self.styles.get(style_id or "")
        if style is None:
            return None
        name = style.find(f"{W}name")
        return name.get(f"{W}val") if name is not None else style_id

    def paragraph_style(self, paragraph: _Element) -> str | None:
        ppr = paragraph.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        if style is not None:
            return style.get(f"{W}val")
        return self.default_paragraph

    def _run_levels(self, paragraph: _Element, run: _Element) -> Iterator[_Element]:
        """The rPr elements that apply to ``run``, strongest first."""
        direct = run.find(f"{W}rPr")
        if direct is not None:
            yield direct
        style = direct.find(f"{W}rStyle") if direct is not None else None
        character = style.get(f"{W}val") if style is not None else self.default_character
        for element in self.chain(character):
            rpr = element.find(f"{W}rPr")
            if rpr is not None:
                yield rpr
        for element in self.chain(self.paragraph_style(paragraph)):
            rpr = element.find(f"{W}rPr")
            if rpr is not None:
                yield rpr
        if self.run_defaults is not None:
            yield self.run_defaults

    def run_property(self, paragraph: _Element, run: _Element, getter: Getter) -> str | None:
        for rpr in self._run_levels(paragraph, run):
            value = getter(rpr)
            if value is not None:
                return value
        return None

    def paragraph_property(self, paragraph: _Element, getter: Getter) -> str | None:
        direct = paragraph.find(f"{W}pPr")
        levels: list[_Element] = [direct] if direct is not None else []
        for element in self.chain(self.paragraph_style(paragraph)):
            ppr = element.find(f"{W}pPr")
            if ppr is not None:
                levels.append(ppr)
        if self.paragraph_defaults is not None:
            levels.append(self.paragraph_defaults)
        for ppr in levels:
            value = getter(ppr)
            if value is not None:
                return value
        return None


def font_getter(slot: str) -> Getter:
    """Reads one font slot (eastAsia, ascii…) of an rPr; a theme attribute wins."""

    def get(rpr: _Element) -> str | None:
        fonts = rpr.find(f"{W}rFonts")
        if fonts is None:
            return None
        theme = fonts.get(f"{W}{slot}Theme")
        if theme is not None:
            return THEME + theme
        return fonts.get(f"{W}{slot}")

    return get


def attribute_getter(child: str, attribute: str = "val") -> Getter:
    def get(properties: _Element) -> str | None:
        element = properties.find(f"{W}{child}")
        return element.get(f"{W}{attribute}") if element is not None else None

    return get


@dataclass
class Section:
    element: _Element

    def length(self, child: str, attribute: str) -> int | None:
        element = self.element.find(f"{W}{child}")
        value = element.get(f"{W}{attribute}") if element is not None else None
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def footer_ids(self) -> dict[str, str]:
        """Footer relationship ids by type: default (odd pages), even, first."""
        out = {}
        for reference in self.element.findall(f"{W}footerReference"):
            rid = reference.get(f"{R}id")
            if rid:
                out[reference.get(f"{W}type", "default")] = rid
        return out


class DocxFile:
    """The parts of a .docx the checks need, parsed once."""

    def __init__(self, path: str | Path) -> None:
        from lxml import etree

        self.path = Path(path)
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        with zipfile.ZipFile(self.path) as archive:
            self._names = {info.filename: info for info in archive.infolist()}
            self._raw: dict[str, bytes] = {}
            for name, info in self._names.items():
                wanted = name.startswith("word/") and name.endswith((".xml", ".rels"))
                if wanted and info.file_size <= MAX_PART_BYTES:
                    self._raw[name] = archive.read(info)
        self._parsed: dict[str, _Element | None] = {}
        document = self.part("word/document.xml")
        if document is None:
            raise ValueError("word/document.xml missing")
        self.document = document
        self.styles = StyleSheet(self.part("word/styles.xml"))
        body = document.find(f"{W}body")
        self.body = body
        self.paragraphs = [
            read_paragraph(p, i)
            for i, p in enumerate(
                (e for e in body_blocks(body) if e.tag == f"{W}p") if body is not None else (),
                start=1,
            )
        ]

    def part(self, name: str) -> _Element | None:
        if name not in self._parsed:
            from lxml import etree

            data = self._raw.get(name)
            try:
                self._parsed[name] = etree.fromstring(data, self._parser) if data else None
            except etree.XMLSyntaxError:
                self._parsed[name] = None  # a damaged part is treated as a missing one
        return self._parsed[name]

    def sections(self) -> list[Section]:
        if self.body is None:
            return []
        found = [Section(s) for s in self.body.iter(f"{W}sectPr")]
        return found

    def relationship_target(self, rid: str) -> str | None:
        rels = self.part("word/_rels/document.xml.rels")
        if rels is None:
            return None
        for rel in rels.findall(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Id") == rid:
                target = rel.get("Target", "")
                if target.startswith("/"):
                    return target.lstrip("/")
                return posixpath.normpath(posixpath.join("word", target))
        return None

    def setting(self, name: str) -> _Element | None:
        settings = self.part("word/settings.xml")
        return settings.find(f"{W}{name}") if settings is not None else None

    def save_parts(self, target: Path, replaced: dict[str, bytes]) -> None:
        """A copy of the package at ``target`` with some parts replaced."""
        with zipfile.ZipFile(self.path) as source, zipfile.ZipFile(target, "w") as out:
            for info in source.infolist():
                data = replaced.get(info.filename)
                out.writestr(info, data if data is not None else source.read(info))
