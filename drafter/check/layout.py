"""DOCX layout against the official layout (GB/T 9704-2012), every number from the layout
profile (:data:`drafter.layout.DEFAULT_LAYOUT`): page size and margins, the East Asian font and
the size in effect for the title, each heading level and the body, the line pitch, the page
number (a PAGE field between em dashes, odd pages right and even pages left, its font, size and
distance below the type area), and where the signature and the date stand.

Only what a reader would see counts: fonts are checked on runs holding Chinese text, sizes on
runs holding any text.  The plain-font variant of the profile (仿宋/楷体 for the _GB2312 fonts) is
accepted as well.  Deviations are grouped: one finding per kind of paragraph and wrong value,
naming the first paragraph and how many share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from docx.oxml.ns import qn

from drafter.check.docxfile import (
    THEME,
    DocxFile,
    DocxParagraph,
    Section,
    attribute_getter,
    font_getter,
    read_paragraph,
    resolve,
)
from drafter.check.findings import Finding, Location, Severity, excerpt
from drafter.check.paragraphs import Para, Report, Role, written
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile, TextStyle
from drafter.vocab.chars import INVISIBLE, has_han
from drafter.vocab.headings import LEVEL_NAMES as _LEVEL_NAMES

if TYPE_CHECKING:
    from lxml.etree import _Element

TWIPS_PER_PT = 20
TWIPS_PER_MM = 72 * TWIPS_PER_PT / 25.4
MM_TOLERANCE = 1.0  # GB/T 9704 allows ±1 mm on the margins
PLACEMENT_TOLERANCE_CHARS = 0.5

# What key() drops besides whitespace (str.split's whitespace is the regex \\s); rare, so
# looked for before the slower translate.
_KEY_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE), None)
_ROLE_NAMES = {
    Role.TITLE: "文件标题",
    Role.ADDRESSEE: "主送机关",
    Role.BODY: "正文",
    Role.CLOSING: "结束语",
    Role.SIGNATURE: "发文机关署名",
    Role.DATE: "成文日期",
}
_PITCHED = (Role.ADDRESSEE, Role.BODY, Role.HEADING, Role.CLOSING, Role.SIGNATURE, Role.DATE)


def key(text: str) -> str:
    """Text compared between the report and the DOCX: whitespace and invisibles removed."""
    if not text.isascii() and any(map(text.__contains__, INVISIBLE)):
        text = text.translate(_KEY_INVISIBLE)
    return "".join(text.split())


class Placed(NamedTuple):
    """A DOCX paragraph a report paragraph was read from; ``offset`` is where its text starts
    in the report paragraph's key (after a number Word draws, or inside a rejoined paragraph)."""

    para: Para
    docx: DocxParagraph
    offset: int


def placed_paragraphs(report: Report, docx: DocxFile | None = None) -> list[Placed]:
    """Each report paragraph's DOCX paragraphs, found by its origin (never by its text), and
    read as ``docx`` was read for the text rules."""
    read = docx.paragraph if docx is not None else read_paragraph
    placed: list[Placed] = []
    for para in report.paragraphs:
        offset = 0
        for piece in para.source.pieces() if para.source is not None else ():
            offset += len(key(piece.number))
            if piece.element is not None:
                placed.append(Placed(para, read(piece.element), offset))
            offset += len(key(written(piece)[len(piece.number) :]))
    return placed


def check_layout(
    docx: DocxFile, report: Report, layout: LayoutProfile = DEFAULT_LAYOUT
) -> list[Finding]:
    placed = placed_paragraphs(report, docx)
    findings: list[Finding] = []
    findings.extend(_page(docx, layout))
    findings.extend(_fonts_and_sizes(docx, placed, layout))
    findings.extend(_line_pitch(docx, placed, layout))
    findings.extend(_page_numbers(docx, layout))
    findings.extend(_signature(docx, placed, layout))
    return findings


def _finding(
    code: str,
    message: str,
    para: Para | None = None,
    found: str | None = None,
    corrected: str | None = None,
) -> Finding:
    location = (
        Location(para.number, para.path, excerpt(para.text), para.line) if para else Location()
    )
    return Finding(Severity.WARNING, code, message, location, found, corrected)


def _mm(twips: int) -> float:
    return twips / TWIPS_PER_MM


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# -- page ------------------------------------------------------------------------------------


def _final_section(docx: DocxFile) -> Section | None:
    sections = docx.sections()
    return sections[-1] if sections else None


def _page(docx: DocxFile, layout: LayoutProfile) -> list[Finding]:
    findings = []
    for section in docx.sections() or []:
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            continue
        expected = (layout.page_width_mm, layout.page_height_mm)
        actual = (_mm(width), _mm(height))
        if any(abs(a - e) > MM_TOLERANCE for a, e in zip(actual, expected, strict=True)):
            findings.append(
                _finding(
                    "layout.page-size",
                    f"纸张为{actual[0]:.0f}×{actual[1]:.0f}毫米，应为A4纵向"
                    f"（{expected[0]:.0f}×{expected[1]:.0f}毫米）。",
                    found=f"{actual[0]:.0f}×{actual[1]:.0f}mm",
                    corrected=f"{expected[0]:.0f}×{expected[1]:.0f}mm",
                )
            )
        wrong = []
        for side, name, value in (
            ("top", "上", layout.margin_top_mm),
            ("bottom", "下", layout.margin_bottom_mm),
            ("left", "左", layout.margin_left_mm),
            ("right", "右", layout.margin_right_mm),
        ):
            twips = section.margin(side)
            if twips is not None and abs(_mm(twips) - value) > MM_TOLERANCE:
                wrong.append((name, _mm(twips), value))
        if wrong:
            found = "，".join(f"{n}{_number(a)}毫米" for n, a, _ in wrong)
            corrected = "，".join(f"{n}{_number(e)}毫米" for n, _, e in wrong)
            findings.append(
                _finding(
                    "layout.margins",
                    f"页边距不符合版心要求：{found}；应为{corrected}（版心156×225毫米）。",
                    found=found,
                    corrected=corrected,
                )
            )
    return findings


# -- fonts and sizes -------------------------------------------------------------------------


def _expected_styles(para: Para, layout: LayoutProfile) -> tuple[str, TextStyle, TextStyle]:
    """The element's name, the style of its heading sentence and of the rest of it."""
    if para.role is Role.HEADING and para.level:
        name = _LEVEL_NAMES[para.level - 1]
        return name, layout.heading_style(para.level), layout.body
    if para.role is Role.TITLE:
        return _ROLE_NAMES[Role.TITLE], layout.title, layout.title
    return _ROLE_NAMES.get(para.role, "正文"), layout.body, layout.body


def _runs_by_style(
    placed: Placed, layout: LayoutProfile
) -> Iterator[tuple[str, TextStyle, str, _Element]]:
    """(element name, expected style, run text, run element) for every run of a paragraph."""
    para = placed.para
    name, head_style, rest_style = _expected_styles(para, layout)
    head_end = len(key(para.text[: para.title_end])) if para.is_heading else 0
    docx_key_offset = placed.offset
    consumed = 0
    for run in placed.docx.runs:
        run_key = key(run.text)
        start = docx_key_offset + consumed
        end = start + len(run_key)
        consumed += len(run_key)
        if not run_key:
            continue
        if not para.is_heading:
            yield name, head_style, run.text, run.element
            continue
        # A run that straddles the end of a run-in heading sentence carries both parts: its
        # one font is checked against both.
        if start < head_end:
            yield name, head_style, run.text, run.element
        if end > head_end:
            yield f"{name}后接排的正文", rest_style, run.text, run.element


def _accepted_fonts(style: TextStyle, layout: LayoutProfile) -> set[str]:
    plain = layout.with_plain_fonts()
    fonts = {style.font}
    for original, variant in zip(
        (layout.body, *layout.headings), (plain.body, *plain.headings), strict=True
    ):
        if original.font == style.font:
            fonts.add(variant.font)
    return fonts


def _fonts_and_sizes(docx: DocxFile, placed: list[Placed], layout: LayoutProfile) -> list[Finding]:
    styles = docx.styles
    east_asia = font_getter("eastAsia")
    size = attribute_getter("sz")
    # The paragraphs of each mismatch, in reading order: one finding each, at the first.
    fonts: dict[tuple[str, str, str], list[Para]] = {}
    sizes: dict[tuple[str, float, float], list[Para]] = {}
    seen_fonts: set[tuple[str, str, str, int]] = set()
    seen_sizes: set[tuple[str, float, float, int]] = set()
    accepted: dict[str, set[str]] = {}  # by the expected font: _accepted_fonts reads only it
    for item in placed:
        if item.para.role not in _ROLE_NAMES and item.para.role is not Role.HEADING:
            continue
        paragraph = item.docx.element
        last_run = font = points = None
        for name, style, text, run in _runs_by_style(item, layout):
            if run is not last_run:  # a run straddling a run-in heading comes twice
                last_run = run
                levels = styles.run_levels(paragraph, run)
                font = (resolve(levels, east_asia) or "") if has_han(text) else None
                points = _half_points(resolve(levels, size))
            # The expected font itself needs no look at the plain-fonts variant.
            if font is not None and font != style.font:
                if style.font not in accepted:
                    accepted[style.font] = _accepted_fonts(style, layout)
                if font not in accepted[style.font]:
                    group_key = (name, font, style.font)
                    if (*group_key, item.para.number) not in seen_fonts:
                        seen_fonts.add((*group_key, item.para.number))
                        fonts.setdefault(group_key, []).append(item.para)
            if points is not None and abs(points - style.size_pt) > 0.01:
                size_key = (name, points, style.size_pt)
                if (*size_key, item.para.number) not in seen_sizes:
                    seen_sizes.add((*size_key, item.para.number))
                    sizes.setdefault(size_key, []).append(item.para)
    findings = []
    for (name, font, wanted), paras in fonts.items():
        if font.startswith(THEME):
            shown = f"主题字体（{font.removeprefix(THEME)}，WPS 或缺少该主题时会被替换成其他字体）"
        elif not font:
            shown = "未指定的中文字体"
        else:
            shown = f"“{font}”"
        findings.append(
            _finding(
                "layout.font",
                f"{name}用的是{shown}，应为“{wanted}”{_how_many(paras)}。",
                paras[0],
                found=font or None,
                corrected=wanted,
            )
        )
    for (name, points, wanted_pt), paras in sizes.items():
        findings.append(
            _finding(
                "layout.font-size",
                f"{name}字号为{_number(points)}磅，应为{_number(wanted_pt)}磅"
                f"{_size_name(wanted_pt)}{_how_many(paras)}。",
                paras[0],
                found=f"{_number(points)}pt",
                corrected=f"{_number(wanted_pt)}pt",
            )
        )
    return findings


def _how_many(paras: list[Para]) -> str:
    return f"（共{len(paras)}段）" if len(paras) > 1 else ""


def _half_points(value: str | None) -> float | None:
    if value is None:
        return 10.0  # Word's size when no style says otherwise
    try:
        return int(value) / 2
    except ValueError:
        return None


_SIZE_NAMES = {42: "初号", 26: "一号", 22: "二号", 16: "三号", 14: "四号", 12: "小四", 10.5: "五号"}


def _size_name(points: float) -> str:
    name = _SIZE_NAMES.get(points)
    return f"（{name}）" if name else ""


# -- line pitch ------------------------------------------------------------------------------


def _line_pitch(docx: DocxFile, placed: list[Placed], layout: LayoutProfile) -> list[Finding]:
    styles = docx.styles
    line = attribute_getter("spacing", "line")
    rule = attribute_getter("spacing", "lineRule")
    snap = attribute_getter("snapToGrid")
    section = _final_section(docx)
    grid = section.grid() if section is not None else None
    grid_pitch = None
    if grid is not None and grid.get(qn("w:type")) in ("lines", "linesAndChars"):
        grid_pitch = _int(grid.get(qn("w:linePitch")))
    groups: dict[str, dict[str, int]] = {}
    first: dict[str, Para] = {}
    done: set[int] = set()
    for item in placed:
        para = item.para
        if para.role not in _PITCHED or para.number in done:
            continue
        done.add(para.number)
        levels = styles.paragraph_levels(item.docx.element)
        value = _int(resolve(levels, line))
        how = resolve(levels, rule) or ("auto" if value is not None else None)
        if how == "exact" and value == layout.line_pitch_twips:
            continue
        on_grid = resolve(levels, snap) not in ("0", "false", "off")
        single = value is None or (how == "auto" and value == 240)
        if single and on_grid and grid_pitch == layout.line_pitch_twips:
            continue  # single spacing snapped to a 22-line document grid
        name = _LEVEL_NAMES[para.level - 1] if para.is_heading and para.level else "正文"
        found = _describe_spacing(value, how)
        first.setdefault(found, para)
        counts = groups.setdefault(found, {})
        counts[name] = counts.get(name, 0) + 1
    pitch = _number(layout.line_pitch_pt)
    expected = f"固定值{pitch}磅（{layout.line_pitch_twips}缇，每页{layout.lines_per_page}行）"
    findings = []
    for found, counts in groups.items():
        where = "、".join(f"{name}{count}段" for name, count in counts.items())
        findings.append(
            _finding(
                "layout.line-pitch",
                f"行距为{found}，应为{expected}（{where}）。",
                first[found],
                found=found,
                corrected=f"固定值{pitch}磅",
            )
        )
    return findings


def _describe_spacing(value: int | None, rule: str | None) -> str:
    if value is None:
        return "单倍行距（未设置）"
    if rule == "exact":
        return f"固定值{_number(value / TWIPS_PER_PT)}磅"
    if rule == "atLeast":
        return f"最小值{_number(value / TWIPS_PER_PT)}磅"
    return f"{_number(value / 240)}倍行距"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# -- page numbers ----------------------------------------------------------------------------


class _Footer(NamedTuple):
    kind: str  # default (odd pages, or all pages) / even
    paragraph: DocxParagraph | None  # the paragraph holding the PAGE field


def _footers(docx: DocxFile, section: Section) -> list[_Footer]:
    footers = []
    for kind, footer in section.footers():
        root = docx.footer_root(footer)
        holder = None
        if root is not None:
            for element in root.iter(qn("w:p")):
                if _has_page_field(element):
                    holder = read_paragraph(element)
                    break
        footers.append(_Footer(kind, holder))
    return footers


def _has_page_field(element: _Element) -> bool:
    for simple in element.iter(qn("w:fldSimple")):
        if re.match(r"\s*PAGE\b", simple.get(qn("w:instr"), "")):
            return True
    return any(re.match(r"\s*PAGE\b", i.text or "") for i in element.iter(qn("w:instrText")))


def _page_numbers(docx: DocxFile, layout: LayoutProfile) -> list[Finding]:
    section = _final_section(docx)
    if section is None:
        return []
    footers = {f.kind: f for f in _footers(docx, section) if f.paragraph is not None}
    dash = layout.page_number_dash
    style = layout.page_number
    if not footers:
        return [
            _finding(
                "layout.page-number",
                f"没有页码：页脚中应有页码域（PAGE），形如“{dash} 1 {dash}”，"
                f"{style.font}{_number(style.size_pt)}磅，单页居右、双页居左。",
                corrected=f"{dash} 1 {dash}",
            )
        ]
    findings = []
    odd_even = docx.odd_and_even_pages()
    if not odd_even or "even" not in footers:
        findings.append(
            _finding(
                "layout.page-number",
                "页码未区分单双页：应设置“奇偶页不同”，单页页码居右、双页页码居左。",
            )
        )
    elif "default" not in footers:
        findings.append(
            _finding(
                "layout.page-number",
                f"单页页脚中没有页码域（PAGE），应为居右的“{dash} 1 {dash}”。",
                corrected=f"{dash} 1 {dash}",
            )
        )
    side_space = layout.page_number_side_space_chars
    for kind, footer in footers.items():
        paragraph = footer.paragraph
        assert paragraph is not None
        where = "双页" if kind == "even" else ("单页" if odd_even else "")
        text = paragraph.text.strip()
        if not re.fullmatch(rf"{dash}\s?\S+\s?{dash}", text):
            findings.append(
                _finding(
                    "layout.page-number",
                    f"{where}页码写作“{text}”，应为“{dash} 1 {dash}”（数字两侧各一字线“{dash}”）。",
                    found=text,
                    corrected=f"{dash} 1 {dash}",
                )
            )
        findings.extend(_footer_fonts(docx, paragraph, where, layout))
        if kind == "even" or odd_even:
            findings.extend(_footer_side(docx, paragraph, kind, where, side_space, layout))
    distance = section.footer_distance
    if distance is not None and abs(_mm(distance) - layout.footer_distance_mm) > MM_TOLERANCE:
        findings.append(
            _finding(
                "layout.page-number",
                f"页脚距边界{_number(_mm(distance))}毫米，页码应位于版心下边缘之下"
                f"{_number(layout.page_number_below_type_area_mm)}毫米"
                f"（页脚距边界约{_number(layout.footer_distance_mm)}毫米）。",
                found=f"{_number(_mm(distance))}mm",
                corrected=f"{_number(layout.footer_distance_mm)}mm",
            )
        )
    return findings


def _footer_fonts(
    docx: DocxFile, paragraph: DocxParagraph, where: str, layout: LayoutProfile
) -> list[Finding]:
    style = layout.page_number
    wrong_fonts: set[str] = set()
    wrong_sizes: set[float] = set()
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        slots = ["eastAsia"] if not run.text.strip().isascii() else ["ascii"]
        for slot in slots:
            font = docx.styles.run_property(paragraph.element, run.element, font_getter(slot))
            if font != style.font:
                wrong_fonts.add(font or "未指定")
        points = _half_points(
            docx.styles.run_property(paragraph.element, run.element, attribute_getter("sz"))
        )
        if points is not None and abs(points - style.size_pt) > 0.01:
            wrong_sizes.add(points)
    findings = []
    if wrong_fonts:
        found = "、".join(sorted(f.removeprefix(THEME) for f in wrong_fonts))
        findings.append(
            _finding(
                "layout.page-number",
                f"{where}页码字体为{found}，应为{style.font}。",
                found=found,
                corrected=style.font,
            )
        )
    if wrong_sizes:
        found = "、".join(f"{_number(s)}磅" for s in sorted(wrong_sizes))
        findings.append(
            _finding(
                "layout.page-number",
                f"{where}页码字号为{found}，应为{_number(style.size_pt)}磅{_size_name(style.size_pt)}。",
                found=found,
                corrected=f"{_number(style.size_pt)}pt",
            )
        )
    return findings


def _footer_side(
    docx: DocxFile,
    paragraph: DocxParagraph,
    kind: str,
    where: str,
    side_space: int,
    layout: LayoutProfile,
) -> list[Finding]:
    styles = docx.styles
    element = paragraph.element
    jc = styles.paragraph_property(element, attribute_getter("jc")) or "left"
    wanted = "left" if kind == "even" else "right"
    side = "左" if kind == "even" else "右"
    char = layout.page_number.size_pt * TWIPS_PER_PT
    indent = _indent(docx, element, "left" if kind == "even" else "right", char)
    text = paragraph.text
    padding = (
        text[: len(text) - len(text.lstrip())] if kind == "even" else text[len(text.rstrip()) :]
    )
    space = indent / char + sum(1 if ch == "\u3000" else 0.5 for ch in padding)
    aligned = jc == wanted or (wanted == "left" and jc in ("start", "both"))
    aligned = aligned or (wanted == "right" and jc == "end")
    if aligned and abs(space - side_space) <= PLACEMENT_TOLERANCE_CHARS:
        return []
    return [
        _finding(
            "layout.page-number",
            f"{where}页码应居{side}并空{side_space}字（现为{_alignment(jc)}，空{_number(space)}字）。",
            found=f"{_alignment(jc)}，空{_number(space)}字",
            corrected=f"居{side}，空{side_space}字",
        )
    ]


def _alignment(jc: str) -> str:
    return {"left": "居左", "start": "居左", "right": "居右", "end": "居右", "center": "居中"}.get(
        jc, "两端对齐"
    )


def _indent(docx: DocxFile, element: _Element, side: str, char_twips: float) -> float:
    """A paragraph's left or right indent in twips, from ``w:ind`` (chars or twips)."""
    styles = docx.styles
    names = {
        "left": ("left", "start", "leftChars", "startChars"),
        "right": ("right", "end", "rightChars", "endChars"),
    }
    twips_a, twips_b, chars_a, chars_b = names[side]
    for attribute in (chars_a, chars_b):
        chars = _int(styles.paragraph_property(element, attribute_getter("ind", attribute)))
        if chars:
            return chars / 100 * char_twips
    for attribute in (twips_a, twips_b):
        value = _int(styles.paragraph_property(element, attribute_getter("ind", attribute)))
        if value is not None:
            return value
    return 0


# -- signature and date ----------------------------------------------------------------------


def _text_width(text: str, char_twips: float) -> float:
    """Width in twips: CJK characters one character, ASCII half of one."""
    return sum(char_twips / 2 if " " <= ch <= "~" else char_twips for ch in text)


def _span(
    docx: DocxFile, placed: Placed, width_twips: int, layout: LayoutProfile
) -> tuple[float, float, float]:
    """(start, end, character width) of a one-line paragraph's text across the type area."""
    element = placed.docx.element
    styles = docx.styles
    spacing = 0
    points = layout.body.size_pt
    if placed.docx.runs:
        run = placed.docx.runs[0].element
        spacing = _int(styles.run_property(element, run, attribute_getter("spacing"))) or 0
        points = _half_points(styles.run_property(element, run, attribute_getter("sz"))) or points
    char = points * TWIPS_PER_PT + spacing
    text = placed.docx.text.strip()
    width = _text_width(text, char)
    left = _indent(docx, element, "left", char)
    right = _indent(docx, element, "right", char)
    jc = styles.paragraph_property(element, attribute_getter("jc")) or "left"
    if jc in ("right", "end"):
        end = width_twips - right
        start = end - width
    elif jc == "center":
        start = left + (width_twips - left - right - width) / 2
        end = start + width
    else:
        first = _int(styles.paragraph_property(element, attribute_getter("ind", "firstLine"))) or 0
        first_chars = _int(
            styles.paragraph_property(element, attribute_getter("ind", "firstLineChars"))
        )
        if first_chars:
            first = int(first_chars / 100 * char)
        start = left + first
        end = start + width
    return start, end, char


def _signature(docx: DocxFile, placed: list[Placed], layout: LayoutProfile) -> list[Finding]:
    by_role = {p.para.role: p for p in placed if p.para.role in (Role.SIGNATURE, Role.DATE)}
    name, date = by_role.get(Role.SIGNATURE), by_role.get(Role.DATE)
    section = _final_section(docx)
    if date is None or section is None:
        return []
    page = section.page_width
    left_margin, right_margin = section.margin("left"), section.margin("right")
    if page is None or left_margin is None or right_margin is None:
        return []
    width = page - left_margin - right_margin
    d_start, d_end, char = _span(docx, date, width, layout)
    findings: list[Finding] = []
    if name is None:
        return findings
    n_start, n_end, _ = _span(docx, name, width, layout)
    date_right = (width - d_end) / char
    centres = abs((n_start + n_end) / 2 - (d_start + d_end) / 2) / char
    tolerance = PLACEMENT_TOLERANCE_CHARS
    sealed = (
        abs(date_right - layout.sealed_date_right_space_chars) <= tolerance and centres <= tolerance
    )
    if sealed:
        blank_expected = layout.blank_lines_before_signature_sealed
    else:
        blank_expected = layout.blank_lines_before_signature
        right_space = (width - max(n_end, d_end)) / char
        offset = (d_start - n_start) / char
        problems = []
        if abs(right_space - layout.signature_right_space_chars) > tolerance:
            problems.append(
                f"右空{_number(round(right_space, 1))}字，应右空{layout.signature_right_space_chars}字"
            )
        if abs(offset - layout.date_offset_chars) > tolerance:
            problems.append(
                f"成文日期首字比署名首字右移{_number(round(offset, 1))}字，应右移{layout.date_offset_chars}字"
            )
        if problems:
            findings.append(
                _finding(
                    "layout.signature",
                    "落款位置不符合要求：" + "；".join(problems) + "。",
                    name.para,
                )
            )
    blanks = _blank_lines_before(docx, name, layout)
    if blanks is not None and blanks != blank_expected:
        findings.append(
            _finding(
                "layout.signature",
                f"署名与正文之间空{blanks}行，应空{blank_expected}行。",
                name.para,
                found=f"{blanks}行",
                corrected=f"{blank_expected}行",
            )
        )
    return findings


def _blank_lines_before(docx: DocxFile, name: Placed, layout: LayoutProfile) -> int | None:
    """Empty paragraphs before the signature plus spacing before it, in whole lines."""
    element = name.docx.element
    empty = docx.empty_paragraphs_before(element)
    styles = docx.styles
    before = _int(styles.paragraph_property(element, attribute_getter("spacing", "before"))) or 0
    lines = _int(styles.paragraph_property(element, attribute_getter("spacing", "beforeLines")))
    pitch = layout.line_pitch_twips
    extra = lines / 100 if lines else before / pitch
    previous = element
    for _ in range(empty + 1):
        previous = previous.getprevious()
    if previous is not None and previous.tag == qn("w:p"):
        after = _int(styles.paragraph_property(previous, attribute_getter("spacing", "after"))) or 0
        extra += after / pitch
    return empty + round(extra)
