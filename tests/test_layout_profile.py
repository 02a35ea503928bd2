"""The layout profile is data: a YAML file shipped in the package, validated, with the derived
numbers computed; a clerk prints it, edits a copy and builds with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from docx.shared import Mm
from pydantic import ValidationError

from drafter.cli import main
from drafter.errors import DraftInvalid
from drafter.layout import DEFAULT_LAYOUT, LAYOUTS, LayoutProfile, TextStyle, load_layout
from drafter.layoutfile import LayoutModel, TextStyleModel, validated

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def east_asian_font(style: docx.styles.style.BaseStyle) -> str | None:
    fonts = style.element.rPr.rFonts
    return fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


# --- derived numbers -----------------------------------------------------------------------------


def test_the_default_profile_derives_the_pitch_and_spacing_of_22_lines_of_28() -> None:
    assert DEFAULT_LAYOUT.lines_per_page == 22
    assert DEFAULT_LAYOUT.chars_per_line == 28
    # 225 mm / 22 rounded down to a whole twip; 156 mm / 28 characters of 16 pt.
    assert DEFAULT_LAYOUT.line_pitch_twips == 579
    assert DEFAULT_LAYOUT.char_spacing_twentieths == -5


def test_changing_lines_or_characters_changes_the_derived_numbers(tmp_path: Path) -> None:
    profile = load_layout(write(tmp_path / "p.yaml", "lines_per_page: 20\nchars_per_line: 26\n"))
    assert profile.line_pitch_twips == 12756 // 20  # 637
    assert profile.char_spacing_twentieths == 8845 // 26 - 320  # +20: expanded by 1 pt
    assert profile.margin_top_mm == DEFAULT_LAYOUT.margin_top_mm  # what the copy leaves out


def test_the_shipped_file_types_no_derived_number() -> None:
    text = (LAYOUTS / "gbt9704.yaml").read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert "lines_per_page" in keys
    assert not [k for k in keys if "pitch" in k or "spacing" in k or "footer_distance" in k]


def test_plain_fonts_is_a_profile_shipped_beside_the_default() -> None:
    plain = load_layout(plain_fonts=True)
    assert (LAYOUTS / "plain-fonts.yaml").is_file()
    assert plain.body.font == "仿宋"
    assert [h.font for h in plain.headings] == ["黑体", "楷体", "仿宋", "仿宋"]
    assert plain.body.size_pt == DEFAULT_LAYOUT.body.size_pt
    assert plain == DEFAULT_LAYOUT.with_plain_fonts()


def test_the_shipped_profiles_pass_the_validation_a_clerks_copy_gets_with_the_same_values() -> None:
    # The shipped files are read without pydantic; validated as a clerk's copy is, each gives
    # the very same profile: equal, and with every number of the same type (repr shows 16.0).
    for plain_fonts in (False, True):
        shipped = load_layout(plain_fonts=plain_fonts)
        checked = validated(shipped.to_data())
        assert checked == shipped and repr(checked) == repr(shipped)
    raw = yaml.safe_load((LAYOUTS / "gbt9704.yaml").read_text(encoding="utf-8"))
    assert repr(validated(raw)) == repr(DEFAULT_LAYOUT)


def test_the_validating_model_and_the_profile_have_the_same_fields_in_the_same_order() -> None:
    assert list(LayoutModel.model_fields) == list(LayoutProfile._fields)
    assert list(TextStyleModel.model_fields) == list(TextStyle._fields)


def test_a_value_out_of_bounds_is_refused_although_the_profile_type_would_hold_it() -> None:
    data = DEFAULT_LAYOUT.to_data()
    with pytest.raises(ValidationError):
        validated({**data, "lines_per_page": 0})
    with pytest.raises(ValidationError):
        validated({**data, "body": {**data["body"], "size_pt": 200}})


# --- drafter layout --------------------------------------------------------------------------


def test_drafter_layout_prints_the_default_with_chinese_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["layout"]) == 0
    printed = capsys.readouterr().out
    assert "# 页面" in printed and "天头" in printed and "行距 28.95 磅" in printed
    # What it prints is a profile: copied unchanged, it gives the default back.
    assert load_layout(write(tmp_path / "copy.yaml", printed)) == DEFAULT_LAYOUT


def test_drafter_layout_checks_an_edited_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.yaml", "lines_per_page: 20\n")
    assert main(["layout", "--layout", str(good)]) == 0
    assert "版式无误" in capsys.readouterr().out


# --- bad values ---------------------------------------------------------------------------------


def test_text_where_a_number_belongs_is_refused_with_the_file_and_line(
    tmp_path: Path, department: Path
) -> None:
    bad = write(tmp_path / "版式.yaml", "# 本单位版式\nlines_per_page: 22\nmargin_top_mm: 三十七\n")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "build", str(department), "-o", str(tmp_path / "r.docx"),
         "--layout", str(bad)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad} 第3行 margin_top_mm：应为数字，实际为“三十七”" in result.stderr
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("body:\n  font: 仿宋\n  colour: red\n", 3, "body.colour：未知的键“colour”"),
        ("chars_per_line: 0\n", 1, "chars_per_line：应不小于 1"),
        ("heading_numbers: [一, 二, 三, 四]\n", 1, "应有 {cn} 或 {n}"),
        ("gap_highlight: 黄色\n", 1, "gap_highlight：应为以下之一"),
        ("margin_top_mm: 37: 38\n", 1, "YAML 语法错误"),
        ("body: {size_pt: 12}\nchars_per_line: 60\n", None, "每行 60 字排不下"),
    ],
)
def test_each_bad_value_is_named(
    tmp_path: Path, text: str, line: int | None, expected: str
) -> None:
    path = write(tmp_path / "bad.yaml", text)
    with pytest.raises(DraftInvalid) as raised:
        load_layout(path)
    message = str(raised.value)
    assert str(path) in message
    assert expected in message
    if line is not None:
        assert f"第{line}行" in message


def test_a_missing_layout_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], department: Path
) -> None:
    code = main(["check", str(department), "--layout", str(tmp_path / "无此文件.yaml")])
    assert code == 1
    assert "找不到版式文件" in capsys.readouterr().err


# --- a custom profile in the DOCX -------------------------------------------------------------


def test_a_custom_profile_is_honoured_in_the_docx(tmp_path: Path, department: Path) -> None:
    profile = write(
        tmp_path / "本单位版式.yaml",
        "margin_top_mm: 30\nbody: {font: 仿宋}\nheadings:\n  - {font: 黑体}\n  - {font: 楷体}\n",
    )
    out = tmp_path / "report.docx"
    assert main(["build", str(department), "-o", str(out), "--layout", str(profile)]) == 0
    document = docx.Document(str(out))
    section = document.sections[0]
    assert abs(section.top_margin - Mm(30)) < Mm(0.05)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.05)
    assert east_asian_font(document.styles["Normal"]) == "仿宋"
    assert east_asian_font(document.styles["Heading 2"]) == "楷体"
    assert east_asian_font(document.styles["Heading 3"]) == "仿宋_GB2312"  # not in the copy
    # The derived line pitch follows the new type area: 232 mm / 22 lines.
    pitch = load_layout(profile).line_pitch_twips
    assert pitch == (16838 - 1701 - 1984) // 22
    assert document.styles["Normal"].paragraph_format.line_spacing.twips == pitch


def test_drafter_edit_exports_with_the_layout_it_was_given(
    tmp_path: Path, department: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.tui.session import DraftSession

    profile = write(tmp_path / "本单位版式.yaml", "margin_top_mm: 30\n")
    # What `drafter edit --layout FILE` does before the screen starts.
    monkeypatch.setattr(DraftSession, "layout", load_layout(profile))
    session = DraftSession.load(department)
    exported = session.export(tmp_path / "report.docx")
    section = docx.Document(str(exported.output)).sections[0]
    assert abs(section.top_margin - Mm(30)) < Mm(0.05)
