"""The layout profile: every number of the official layout (GB/T 9704-2012), as data.

The profile is a YAML file shipped in the package (``drafter/layouts/gbt9704.yaml``), loaded
into a :class:`LayoutProfile`; a clerk's copy is validated first (:mod:`drafter.layoutfile`,
with pydantic), the shipped files are known good and read without it.  A bureau with a house
variant (plain 仿宋 instead of 仿宋_GB2312, another top margin…) copies it (``drafter layout``),
edits the copy and builds with ``--layout FILE``; a copy may list only the keys it changes.
``--plain-fonts`` is another such file, ``plain-fonts.yaml``, shipped beside the default.

Lengths are in millimetres or points, as the standard states them.  The numbers that follow
from others (line pitch, character spacing, footer distance) are computed here, never typed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from drafter.resources import shipped_data

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20
LAYOUTS = Path(__file__).resolve().parent / "layouts"
DEFAULT_FILE = LAYOUTS / "gbt9704.yaml"
PLAIN_FONTS_FILE = LAYOUTS / "plain-fonts.yaml"

# The colours Word can highlight text with (w:highlight, ST_HighlightColor).
Highlight = Literal[
    "yellow", "green", "cyan", "magenta", "blue", "red", "darkBlue", "darkCyan", "darkGreen",
    "darkMagenta", "darkRed", "darkYellow", "darkGray", "lightGray", "black",
]  # fmt: skip


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips (1/20 pt) as Word stores page lengths: rounded to a whole twip."""
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


class TextStyle(NamedTuple):
    """One kind of paragraph: its East Asian font, its size and its weight."""

    font: str  # 中文字体
    size_pt: float  # 字号（磅）
    bold: bool = False  # 是否加粗


class LayoutProfile(NamedTuple):
    """The layout numbers, each as the standard states it (see gbt9704.yaml for the comments).

    The bounds of each number, and what a clerk's copy is refused for, are in
    :mod:`drafter.layoutfile`, which validates a clerk's file before it becomes a profile.
    """

    # Page (GB/T 9704 5.2): A4 portrait, type area 156 x 225 mm.
    page_width_mm: float
    page_height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    # Header distance from the page edge (nothing is printed there; Word requires the value).
    header_distance_mm: float

    lines_per_page: int
    chars_per_line: int

    latin_font: str
    title: TextStyle
    body: TextStyle
    headings: tuple[TextStyle, TextStyle, TextStyle, TextStyle]
    # How a heading's number is written at each level; {cn} is 一二三, {n} is 1 2 3.
    heading_numbers: tuple[str, str, str, str]
    indent_chars: int  # first-line indent of body paragraphs and headings
    # Widow/orphan control off, as in the official templates: every page fills all 22 lines.
    widow_control: bool
    title_blank_lines_after: int
    gap_highlight: Highlight  # w:highlight of a 【待填：…】 gap in the DOCX

    # Page numbers (GB/T 9704 7.5): "— 1 —", 4号 宋体, odd right / even left with one character
    # of space, the dash line 7 mm below the type area.
    page_number: TextStyle
    page_number_dash: str
    page_number_side_space_chars: int
    page_number_below_type_area_mm: float

    # Signature and date (GB/T 9704 7.3.5).
    blank_lines_before_signature: int
    blank_lines_before_signature_sealed: int
    signature_right_space_chars: int
    date_offset_chars: int  # the date starts this far right of the signature
    sealed_date_right_space_chars: int

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LayoutProfile:
        """The profile of a complete mapping of known-good values: a shipped file, or a
        clerk's file once :mod:`drafter.layoutfile` has validated it.  Numbers take the type
        their field names (16 becomes 16.0 where a float belongs), as validation gives them."""
        values: dict[str, Any] = {}
        for name, annotation in cls.__annotations__.items():
            # The annotations are text (postponed); typing holds each as a ForwardRef.
            kind, value = getattr(annotation, "__forward_arg__", str(annotation)), data[name]
            if kind == "TextStyle":
                value = _text_style(value)
            elif kind.startswith("tuple[TextStyle"):
                value = tuple(_text_style(item) for item in value)
            elif kind.startswith("tuple[str"):
                value = tuple(str(item) for item in value)
            elif kind in _SCALARS:
                value = _SCALARS[kind](value)
            values[name] = value
        return cls(**values)

    def to_data(self) -> dict[str, Any]:
        """The profile as the mapping it was read from (tuples as lists)."""
        return _plain(self._asdict())

    def fit_problem(self) -> str | None:
        """Why the text cannot be set in this type area, in Chinese; None when it can."""
        if self.type_area_width_mm < 20 or self.type_area_height_mm < 20:
            return "页边距太大：版心的宽和高都应至少 20 毫米"
        if self.line_pitch_twips < TWIPS_PER_PT * self.body.size_pt * 0.8:
            return f"每页 {self.lines_per_page} 行排不下 {self.body.size_pt:g} 磅的正文，请减少行数"
        if self.char_width_pt < self.body.size_pt * 0.8:
            return f"每行 {self.chars_per_line} 字排不下 {self.body.size_pt:g} 磅的正文，请减少字数"
        return None

    # --- derived numbers ----------------------------------------------------------------------

    @property
    def type_area_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def type_area_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def type_area_width_twips(self) -> int:
        """The type area's width as Word computes it from the rounded page and margins."""
        return (
            mm_to_twips(self.page_width_mm)
            - mm_to_twips(self.margin_left_mm)
            - mm_to_twips(self.margin_right_mm)
        )

    @property
    def type_area_height_twips(self) -> int:
        return (
            mm_to_twips(self.page_height_mm)
            - mm_to_twips(self.margin_top_mm)
            - mm_to_twips(self.margin_bottom_mm)
        )

    @property
    def line_pitch_twips(self) -> int:
        """The type area's height over the lines per page, rounded down to a whole twip.

        225 mm / 22 = 579.8 twips gives 579: a pitch rounded up (580) already leaves LibreOffice
        one line short of 22.
        """
        return self.type_area_height_twips // self.lines_per_page

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / TWIPS_PER_PT

    @property
    def char_spacing_twentieths(self) -> int:
        """How much each body character is condensed (negative) or expanded, in 1/20 pt, so that
        ``chars_per_line`` characters fill the type area: 28 x 16 pt is wider than 156 mm, so
        the default condenses by a quarter point (-5)."""
        advance = self.type_area_width_twips // self.chars_per_line
        return advance - round(self.body.size_pt * TWIPS_PER_PT)

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
        """Page bottom to the bottom of the page number's line, so that the dash, at the middle
        of that line, sits ``page_number_below_type_area_mm`` below the type area."""
        number_height_mm = self.page_number.size_pt * MM_PER_PT
        return self.margin_bottom_mm - self.page_number_below_type_area_mm - number_height_mm / 2

    def heading_style(self, level: int) -> TextStyle:
        return self.headings[level - 1]

    def with_plain_fonts(self) -> LayoutProfile:
        """The variant users ask for most: 仿宋/楷体 where _GB2312 fonts lack rare characters
        (the shipped ``plain-fonts.yaml`` over this profile)."""
        if self == _shipped():
            return _shipped(str(PLAIN_FONTS_FILE))
        from drafter.layoutfile import validated

        return validated(merge(self.to_data(), shipped_data(PLAIN_FONTS_FILE)))


# --- loading ----------------------------------------------------------------------------------


_SCALARS: dict[str, Any] = {"float": float, "int": int, "bool": bool, "str": str}


def _text_style(data: dict[str, Any]) -> TextStyle:
    return TextStyle(str(data["font"]), float(data["size_pt"]), bool(data.get("bold", False)))


def _plain(value: Any) -> Any:
    if isinstance(value, TextStyle):
        return value._asdict()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def merge(base: Any, over: Any) -> Any:
    """``over`` on top of ``base``: mappings key by key, lists item by item, the rest replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list | tuple) and isinstance(over, list) and len(over) <= len(base):
        return [merge(b, o) for b, o in zip(base, over, strict=False)] + list(base[len(over) :])
    return over


@cache
def _shipped(overlay: str | None = None) -> LayoutProfile:
    """The default profile, or a shipped overlay on it, read once per process (a shipped
    profile is known good, its tests load it: it is spared the line-keeping reader a clerk's
    copy goes through)."""
    profile = LayoutProfile.from_data(shipped_data(DEFAULT_FILE))
    if overlay is None:
        return profile
    return LayoutProfile.from_data(merge(profile.to_data(), shipped_data(Path(overlay))))


def load_layout(path: str | Path | None = None, plain_fonts: bool = False) -> LayoutProfile:
    """The profile in ``path`` over the default one (the default itself when ``path`` is None),
    with the plain-fonts variant on top when asked.  A bad value is a located Chinese error."""
    if path is None:
        return _shipped(str(PLAIN_FONTS_FILE)) if plain_fonts else _shipped()
    from drafter.layoutfile import read_layout_file

    profile = read_layout_file(path, _shipped())
    return profile.with_plain_fonts() if plain_fonts else profile


def default_layout_text() -> str:
    """The default profile as a clerk copies it: the shipped file, its Chinese comments, and
    the numbers computed from it."""
    layout = DEFAULT_LAYOUT
    return DEFAULT_FILE.read_text(encoding="utf-8").rstrip("\n") + (
        "\n\n# 由上面的数值算出，不用填写：\n"
        f"#   版心 {layout.type_area_width_mm:g} 毫米 × {layout.type_area_height_mm:g} 毫米\n"
        f"#   行距 {layout.line_pitch_pt:g} 磅（{layout.line_pitch_twips} 缇，"
        f"版心高度 ÷ {layout.lines_per_page} 行，舍去不足一缇的部分）\n"
        f"#   字距 {layout.char_spacing_twentieths / 20:+g} 磅（每行排满 {layout.chars_per_line} 字）\n"
    )


DEFAULT_LAYOUT = load_layout()
