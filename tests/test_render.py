"""The DOCX as LibreOffice lays it out: lines per page, characters per line, page numbers,
signature placement.  LibreOffice is the independent renderer; pdftotext reads the positions back.

Skips only when LibreOffice is not installed (CI installs it in .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from drafter.compose import compose_file
from drafter.export.docx import write_docx
from drafter.layout import DEFAULT_LAYOUT, MM_PER_PT
from drafter.tree import Document, Heading, Paragraph, Signature

ROOT = Path(__file__).resolve().parent.parent
SHARED_FONTS = ROOT.parent / "shared" / "tools" / "fonts.conf"
OWN_FONTS = Path(__file__).resolve().parent / "fonts.conf"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SAMPLE_DRAFTS = sorted((ROOT / "sample_inputs").glob("*.yaml"))

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)

LAYOUT = DEFAULT_LAYOUT
PT_PER_MM = 1 / MM_PER_PT
LEFT = LAYOUT.margin_left_mm * PT_PER_MM
RIGHT = (LAYOUT.page_width_mm - LAYOUT.margin_right_mm) * PT_PER_MM
BOTTOM = (LAYOUT.page_height_mm - LAYOUT.margin_bottom_mm) * PT_PER_MM
CHAR = LAYOUT.char_width_pt  # 15.75 pt: a 16 pt character condensed by a quarter point
TOLERANCE = 1.5  # points

# Probe paragraphs (the body's first line is indented two characters, later lines are not).
FIRST_LINE_FITS = "甲" * 26  # 2 + 26 = 28 on the first line
FIRST_LINE_WRAPS = "乙" * 27  # 2 + 27 = 29
FULL_LINE_FITS = "丙" * 26 + "丁" * 28  # the second line holds exactly 28
FULL_LINE_WRAPS = "戊" * 26 + "己" * 29  # the second line cannot hold 29
FILLER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于法治政府建设的"
    "决策部署，严格规范公正文明执法，持续深化行政执法体制改革，不断提升依法行政能力和水平，"
    "推动法治政府建设各项任务落地见效。"
)
ORGANISATION = "示例市城中区城市管理和综合执法局"
DATE = "2025年1月20日"


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def grid_document() -> Document:
    blocks: list[Heading | Paragraph] = [
        Paragraph(FIRST_LINE_FITS),
        Paragraph(FIRST_LINE_WRAPS),
        Paragraph(FULL_LINE_FITS),
        Paragraph(FULL_LINE_WRAPS),
        Heading(1, "主要举措和成效"),
    ]
    for index in range(14):
        if index % 9 == 0:
            blocks.append(Heading(2, "加强组织领导", run_in=True, body=FILLER))
        blocks.append(Paragraph(FILLER * (1 + index % 3)))
    return Document(
        title=f"{ORGANISATION}关于2024年法治政府建设情况的报告",
        addressee="区委、区政府",
        blocks=blocks,
        closing="特此报告。",
        signature=Signature(ORGANISATION, DATE),
    )


def sealed_document() -> Document:
    return Document(
        title="示例市城中区人民政府关于2024年法治政府建设情况的报告",
        blocks=[Paragraph(FILLER)],
        closing="特此报告。",
        signature=Signature("示例市城中区人民政府", DATE, seal=True),
    )


def long_date_document() -> Document:
    return Document(
        blocks=[Paragraph(FILLER)],
        signature=Signature("城中区政府", DATE),
    )


def read_lines(pdf: Path) -> list[Line]:
    """Every text line of the PDF with its box, words on one baseline joined."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    lines: list[Line] = []
    for number, page in enumerate(ET.fromstring(xhtml).iter(f"{{{ns['x']}}}page"), start=1):
        rows: dict[int, list[ET.Element]] = {}
        for word in page.iter(f"{{{ns['x']}}}word"):
            rows.setdefault(round(float(word.get("yMax", "0"))), []).append(word)
        for _, words in sorted(rows.items()):
            words.sort(key=lambda w: float(w.get("xMin", "0")))
            lines.append(
                Line(
                    page=number,
                    x0=float(words[0].get("xMin", "0")),
                    y0=min(float(w.get("yMin", "0")) for w in words),
                    x1=float(words[-1].get("xMax", "0")),
                    y1=max(float(w.get("yMax", "0")) for w in words),
                    text="".join(w.text or "" for w in words),
                )
            )
    return lines


FONT_MAPPING = {
    "仿宋_GB2312": "Noto Serif CJK",
    "黑体": "Noto Sans CJK",
    "楷体_GB2312": "UKai",
    "Times New Roman": "Liberation Serif",
}


def check_font_mapping(env: dict[str, str]) -> None:
    """Fail with the cause, not with a wrong line count, when the free fonts are missing."""
    if shutil.which("fc-match") is None:
        return
    for family, expected in FONT_MAPPING.items():
        found = subprocess.run(
            ["fc-match", family], env=env, capture_output=True, text=True, check=False
        ).stdout.strip()
        if expected not in found:
            pytest.fail(
                f"{family} resolves to {found!r}, not {expected}: install fonts-noto-cjk, "
                "fonts-arphic-ukai and fonts-liberation2"
            )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each test document written as DOCX and converted to PDF by LibreOffice."""
    assert SOFFICE is not None
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is missing: the render test needs it")
    folder = tmp_path_factory.mktemp("render")
    documents = {
        "grid": grid_document(),
        "sealed": sealed_document(),
        "long_date": long_date_document(),
    }
    # The bundled samples, built as a clerk builds them.
    documents.update({sample.stem: compose_file(sample).document for sample in SAMPLE_DRAFTS})
    for name, document in documents.items():
        write_docx(document, folder / f"{name}.docx")
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(SHARED_FONTS if SHARED_FONTS.is_file() else OWN_FONTS)
    check_font_mapping(env)
    profile = folder / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{name}.docx") for name in documents),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=240,
    )
    return {name: folder / f"{name}.pdf" for name in documents}


@pytest.fixture(scope="module")
def rendered(pdfs: dict[str, Path]) -> dict[str, list[Line]]:
    return {name: read_lines(pdf) for name, pdf in pdfs.items()}


def body_lines(lines: list[Line], page: int) -> list[Line]:
    return [line for line in lines if line.page == page and line.y1 <= BOTTOM + TOLERANCE]


def footer_lines(lines: list[Line], page: int) -> list[Line]:
    return [line for line in lines if line.page == page and line.y0 > BOTTOM]


def find(lines: list[Line], text: str) -> Line:
    matches = [line for line in lines if line.text == text]
    assert len(matches) == 1, f"expected one line {text!r}, found {[x.text for x in lines]}"
    return matches[0]


def test_every_full_body_page_holds_22_lines(rendered: dict[str, list[Line]]) -> None:
    lines = rendered["grid"]
    pages = max(line.page for line in lines)
    # Page 1 has the title (test_title_…), the last page ends where the text ends, and the page
    # before it may give up a line to keep the closing with the signature.
    assert pages >= 5
    counts = {page: len(body_lines(lines, page)) for page in range(2, pages - 1)}
    assert counts == dict.fromkeys(range(2, pages - 1), LAYOUT.lines_per_page)
    assert LAYOUT.lines_per_page - 2 <= len(body_lines(lines, pages - 1)) <= LAYOUT.lines_per_page


def test_lines_follow_the_line_pitch(rendered: dict[str, list[Line]]) -> None:
    page = body_lines(rendered["grid"], 2)
    gaps = [b.y1 - a.y1 for a, b in pairwise(page)]
    assert all(abs(gap - LAYOUT.line_pitch_pt) < 0.2 for gap in gaps), gaps
    # The 22nd line ends inside the type area.
    assert page[-1].y1 <= BOTTOM


def test_28_characters_fill_a_line_and_29_wrap(rendered: dict[str, list[Line]]) -> None:
    lines = rendered["grid"]
    full = find(lines, "丁" * 28)
    assert abs(full.x0 - LEFT) < TOLERANCE
    assert full.x1 <= RIGHT + TOLERANCE
    assert abs((full.x1 - full.x0) - 28 * CHAR) < 2 * TOLERANCE
    # 29 characters do not fit: 28 on the line and one carried over.
    find(lines, "己" * 28)
    find(lines, "己")
    assert not [line for line in lines if "丁" in line.text and line.text != "丁" * 28]


def test_first_line_indent_is_two_characters(rendered: dict[str, list[Line]]) -> None:
    lines = rendered["grid"]
    first = find(lines, "甲" * 26)
    assert abs(first.x0 - (LEFT + 2 * LAYOUT.body.size_pt)) < TOLERANCE
    assert first.x1 <= RIGHT + TOLERANCE
    find(lines, "乙" * 26)
    find(lines, "乙")


def test_page_numbers_odd_right_even_left(rendered: dict[str, list[Line]]) -> None:
    lines = rendered["grid"]
    pages = max(line.page for line in lines)
    side_space = LAYOUT.page_number_side_space_chars * LAYOUT.page_number.size_pt
    for page in range(1, pages + 1):
        (number,) = footer_lines(lines, page)
        assert number.text == f"—{page}—"
        if page % 2:
            assert abs(number.x1 - (RIGHT - side_space)) < 2 * TOLERANCE, (page, number)
        else:
            assert abs(number.x0 - (LEFT + side_space)) < 2 * TOLERANCE, (page, number)
        # The number's line straddles the dash line 7 mm below the type area
        # (test_the_page_number_dash_sits_7mm_below_the_type_area measures the dash itself).
        dash_line = BOTTOM + LAYOUT.page_number_below_type_area_mm * PT_PER_MM
        assert number.y0 < dash_line < number.y1, (page, number)


def test_title_is_centred_on_two_balanced_lines(rendered: dict[str, list[Line]]) -> None:
    first_page = body_lines(rendered["grid"], 1)
    assert [line.text for line in first_page[:2]] == [
        ORGANISATION,
        "关于2024年法治政府建设情况的报告",
    ]
    middle = (LEFT + RIGHT) / 2
    for line in first_page[:2]:
        assert abs(line.centre - middle) < 3 * TOLERANCE
    # The title's two lines and one blank line take the first three lines of the grid; the
    # addressee, flush left, is on the fourth, and the page holds 22 lines in all.
    addressee = first_page[2]
    assert addressee.text == "区委、区政府："
    assert abs(addressee.x0 - LEFT) < TOLERANCE
    grid_top = body_lines(rendered["grid"], 2)[0]
    assert abs(addressee.y1 - (grid_top.y1 + 3 * LAYOUT.line_pitch_pt)) < 1
    assert abs((first_page[1].y0 - first_page[0].y0) - LAYOUT.line_pitch_pt) < 1
    assert len(first_page) == LAYOUT.lines_per_page - 3 + 2


def signature_lines(lines: list[Line]) -> tuple[Line, Line, Line]:
    """The closing (the line before the signature), the signature and the date."""
    closing = find(lines, "特此报告。")
    after = [line for line in lines if line.page == closing.page and line.y0 > closing.y1]
    name, date = after[0], after[1]
    return closing, name, date


def date_width(text: str) -> float:
    """The date's width as Word sets it: full-width CJK, half-width digits, all condensed."""
    size = LAYOUT.body.size_pt
    spacing = LAYOUT.char_spacing_twentieths / 20
    return sum((size / 2 if ch.isascii() else size) + spacing for ch in text)


def word_left_edge(date: Line) -> float:
    """Where Word starts a right-aligned date.  LibreOffice ignores w:autoSpaceDN and adds
    space between digits and CJK, so its date is wider and starts further left."""
    assert date.x1 - date.x0 >= date_width(DATE) - TOLERANCE
    return date.x1 - date_width(DATE)


def test_signature_without_seal(rendered: dict[str, list[Line]]) -> None:
    closing, name, date = signature_lines(rendered["grid"])
    assert name.text == ORGANISATION
    assert date.text == DATE
    # Right-aligned with two characters of space, the date two characters in from its start.
    assert abs(name.x1 - (RIGHT - 2 * CHAR)) < TOLERANCE
    assert abs(date.x0 - (name.x0 + 2 * CHAR)) < TOLERANCE
    # One blank line above the signature; the date on the line below it.
    assert abs((name.y1 - closing.y1) - 2 * LAYOUT.line_pitch_pt) < 1
    assert abs((date.y1 - name.y1) - LAYOUT.line_pitch_pt) < 1


def test_long_date_keeps_its_space_and_pushes_the_signature_left(
    rendered: dict[str, list[Line]],
) -> None:
    lines = rendered["long_date"]
    name = find(lines, "城中区政府")
    date = next(line for line in lines if line.y0 > name.y1)
    assert abs(date.x1 - (RIGHT - 2 * CHAR)) < TOLERANCE
    assert abs(name.x0 - (word_left_edge(date) - 2 * CHAR)) < TOLERANCE


def test_signature_with_seal(rendered: dict[str, list[Line]]) -> None:
    closing, name, date = signature_lines(rendered["sealed"])
    assert name.text == "示例市城中区人民政府"
    assert date.text == DATE
    assert abs(date.x1 - (RIGHT - 4 * CHAR)) < TOLERANCE
    # Centred over the date as Word sets the date.
    assert abs(name.centre - (word_left_edge(date) + date.x1) / 2) < TOLERANCE
    # Three blank lines above the signature.
    assert abs((name.y1 - closing.y1) - 4 * LAYOUT.line_pitch_pt) < 1


@pytest.mark.parametrize("sample", [p.stem for p in SAMPLE_DRAFTS])
def test_a_sample_fills_at_least_four_pages_of_22_lines(
    rendered: dict[str, list[Line]], sample: str
) -> None:
    lines = rendered[sample]
    pages = max(line.page for line in lines)
    assert pages >= 4
    counts = [len(body_lines(lines, page)) for page in range(1, pages + 1)]
    # A heading kept with its paragraph may leave a page a line or two short, but no page
    # holds more than 22 lines, and a full body page holds exactly 22.
    assert max(counts) == LAYOUT.lines_per_page, counts
    assert LAYOUT.lines_per_page in counts[1:-1], counts
    numbers = [
        "".join(line.text for line in footer_lines(lines, page)) for page in range(1, pages + 1)
    ]
    assert numbers == [f"—{page}—" for page in range(1, pages + 1)], numbers


DPI = 300


def dash_rows_mm(pdf: Path, page: int, number: Line, folder: Path) -> list[float]:
    """The rows, in mm below the type area, where the page number's dashes are drawn: the rows
    inside the number's box holding a dark horizontal run at least half a character long (the
    digits' strokes are much shorter)."""
    stem = folder / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page),
         "-singlefile", str(pdf), str(stem)],
        check=True, capture_output=True,
    )  # fmt: skip
    data = (folder / f"page{page}.pgm").read_bytes()
    magic, width, height, _, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    px_per_pt = DPI / 72
    left, right = int(number.x0 * px_per_pt) - 2, int(number.x1 * px_per_pt) + 2
    top, bottom = int(number.y0 * px_per_pt) - 2, int(number.y1 * px_per_pt) + 2
    shortest = LAYOUT.page_number.size_pt * px_per_pt / 2
    rows = []
    for y in range(top, bottom):
        row = pixels[y * width + left : y * width + right]
        run = longest = 0
        for value in row:
            run = run + 1 if value < 128 else 0
            longest = max(longest, run)
        if longest >= shortest:
            rows.append((y + 0.5) / px_per_pt)
    return [(y - BOTTOM) * MM_PER_PT for y in rows]


def test_the_page_number_dash_sits_7mm_below_the_type_area(
    pdfs: dict[str, Path], rendered: dict[str, list[Line]], tmp_path: Path
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is missing: the render test needs it")
    for page in (1, 2):  # an odd page and an even one
        (number,) = footer_lines(rendered["grid"], page)
        rows = dash_rows_mm(pdfs["grid"], page, number, tmp_path)
        assert rows, (page, number)
        # A stroke a few tenths of a millimetre thick; its middle is the dash line.
        assert max(rows) - min(rows) < 1, rows
        dash = (max(rows) + min(rows)) / 2
        assert abs(dash - LAYOUT.page_number_below_type_area_mm) <= 1, (page, dash)
