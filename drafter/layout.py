"""The layout profile: every number of the official layout (GB/T 9704-2012) in one place.

A bureau with a house variant (plain 仿宋 instead of 仿宋_GB2312, bold level-3 headings…)
changes this profile and nothing else.  Lengths are in millimetres or points as the standard
states them; the exporters convert.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class TextStyle:
    """One kind of paragraph: its East Asian font, its size and its weight."""

    font: str
    size_pt: float
    bold: bool = False


@dataclass(frozen=True)
class LayoutProfile:
    # Page (GB/T 9704 5.2): A4 portrait, type area 156 x 225 mm.
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 37.0
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0
    margin_right_mm: float = 26.0

    # 22 lines x 28 characters.  579 twips is 225 mm / 22 rounded down to a whole twip: 580
    # already leaves LibreOffice one line short.
    lines_per_page: int = 22
    chars_per_line: int = 28
    line_pitch_twips: int = 579
    # 28 x 16 pt is wider than 156 mm, so body runs are condensed by a quarter point.
    char_spacing_twentieths: int = -5

    latin_font: str = "Times New Roman"
    title: TextStyle = TextStyle("方正小标宋简体", 22.0)
    body: TextStyle = TextStyle("仿宋_GB2312", 16.0)
    headings: tuple[TextStyle, ...] = (
        TextStyle("黑体", 16.0),
        TextStyle("楷体_GB2312", 16.0),
        TextStyle("仿宋_GB2312", 16.0),
        TextStyle("仿宋_GB2312", 16.0),
    )
    # How a heading's number is written at each level; {cn} is 一二三, {n} is 1 2 3.
    heading_numbers: tuple[str, ...] = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
    indent_chars: int = 2  # first-line indent of body paragraphs and headings
    # Widow/orphan control off, as in the official templates: every page fills all 22 lines.
    widow_control: bool = False
    title_blank_lines_after: int = 1  # the blank line between the title and what follows
    # Header distance from the page edge (nothing is printed there; Word requires the value).
    header_distance_mm: float = 15.0
    gap_highlight: str = "yellow"  # w:highlight of a 【待填：…】 gap in the DOCX

    # Page numbers (GB/T 9704 7.5): "— 1 —", 4号 宋体, odd right / even left with one character
    # of space, the line 7 mm below the type area.
    page_number: TextStyle = TextStyle("宋体", 14.0)
    page_number_dash: str = "\u2014"
    page_number_side_space_chars: int = 1
    page_number_below_type_area_mm: float = 7.0

    # Signature and date (GB/T 9704 7.3.5).
    blank_lines_before_signature: int = 1
    blank_lines_before_signature_sealed: int = 3
    signature_right_space_chars: int = 2
    date_offset_chars: int = 2  # the date starts this far right of the signature's first character
    sealed_date_right_space_chars: int = 4

    @property
    def type_area_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def type_area_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / 20

    @property
    def char_width_pt(self) -> float:
        """The advance of one body character after condensing."""
        return self.body.size_pt + self.char_spacing_twentieths / 20

    @property
    def title_chars_per_line(self) -> int:
        """How many title characters fit across the type area: floor(156 mm / 22 pt) = 20."""
        return int(self.type_area_width_mm // (self.title.size_pt * MM_PER_PT))

    @property
    def footer_distance_mm(self) -> float:
        """Page bottom to the page number's baseline box, so that it sits 7 mm below the type area."""
        number_height_mm = self.page_number.size_pt * MM_PER_PT
        return self.margin_bottom_mm - self.page_number_below_type_area_mm - number_height_mm

    def heading_style(self, level: int) -> TextStyle:
        return self.headings[level - 1]

    def with_plain_fonts(self) -> LayoutProfile:
        """The variant users ask for most: 仿宋/楷体 where _GB2312 fonts lack rare characters."""
        plain = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}

        def swap(style: TextStyle) -> TextStyle:
            return replace(style, font=plain.get(style.font, style.font))

        return replace(
            self,
            body=swap(self.body),
            headings=tuple(swap(style) for style in self.headings),
        )


DEFAULT_LAYOUT = LayoutProfile()
