"""``drafter collect`` writes the workbook the other offices fill; ``drafter fill`` takes it back.

The workbook is filled here with openpyxl, as Excel or WPS would leave it, and read back
independently of drafter to see its validation, protection and columns.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from drafter.cli import main
from drafter.draftfile import parse_draft
from drafter.inventory import figure_rows, resolve_file
from drafter.outline import load_profile
from drafter.workbook import HEADER, display_width
from tests.conftest import SAMPLES

FIGURE_LINE = re.compile(r"^(\s+)(\w+): \{value: ([^,}]+), ")


def sample_values(name: str = "department-2024.yaml") -> dict[str, Any]:
    """Every typed figure's value in a bundled sample, by ``section.figure``."""
    rows = figure_rows(resolve_file(SAMPLES / name))
    return {row.key: row.value for row in rows if not row.derived}


def emptied(tmp_path: Path, name: str = "department-2024.yaml") -> Path:
    """The sample with this year's values taken out (last year's and the comments stay)."""
    lines = (SAMPLES / name).read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(FIGURE_LINE.sub(r"\1\2: {", line) for line in lines)
    assert text != "".join(lines)
    path = tmp_path / "草稿.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cells_by_key(path: Path) -> dict[str, tuple[str, int]]:
    """Where each figure stands in a workbook: (sheet, row)."""
    workbook = load_workbook(path)
    return {
        str(sheet.cell(row, 1).value): (sheet.title, row)
        for sheet in workbook.worksheets
        for row in range(2, sheet.max_row + 1)
    }


def type_into(path: Path, values: dict[str, Any], formats: dict[str, str] | None = None) -> None:
    """Type ``values`` into the 本年数值 column, as a colleague would."""
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in range(2, sheet.max_row + 1):
            key = sheet.cell(row, 1).value
            if key in values:
                sheet.cell(row, 6).value = values[key]
                if formats and key in formats:
                    sheet.cell(row, 6).number_format = formats[key]
    workbook.save(path)


def collect(draft: Path, output: Path, *flags: str) -> None:
    assert main(["collect", str(draft), "-o", str(output), *flags]) == 0


# --- the round trip ----------------------------------------------------------------------


def test_collect_fill_and_build_a_report_without_gaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    before = draft.read_text(encoding="utf-8")
    workbook = tmp_path / "采集表.xlsx"
    collect(draft, workbook, "--by-office")
    # One sheet per office; every typed figure asked for once, no derived one.
    expected = sample_values()
    where = cells_by_key(workbook)
    assert set(where) == set(expected)
    assert {sheet for sheet, _ in where.values()} == {
        "办公室",
        "法制科",
        "行政审批科",
        "执法大队",
        "人事科",
        "宣传科",
        "信访办",
    }
    assert where["enforcement.general_cases"][0] == "执法大队"
    type_into(workbook, {k: float(v) if k.endswith("fines") else v for k, v in expected.items()})

    assert main(["fill", str(draft), str(workbook)]) == 0
    assert f"已填入 {len(expected)} 项" in capsys.readouterr().out
    after = draft.read_text(encoding="utf-8")
    # Every value back, exactly as the sample has it (68.136 stays 68.136) …
    assert sample_values_of(draft) == expected
    # … the comments and the order of the file kept …
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)
    assert keys_in_order(after) == keys_in_order(before)
    # … and the report builds without a single gap.
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert "【待填" not in capsys.readouterr().out
    assert report.stat().st_size > 0


def sample_values_of(draft: Path) -> dict[str, Any]:
    return {row.key: row.value for row in figure_rows(resolve_file(draft)) if not row.derived}


def keys_in_order(text: str) -> list[str]:
    return re.findall(r"^\s*(\w+):", text, flags=re.MULTILINE)


def test_one_sheet_names_the_office_in_the_note_and_all_adds_the_filled_figures(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n  study:\n    figures:\n      exam_takers: {value: 79, last: 75}\n",
        encoding="utf-8",
    )
    missing, everything = tmp_path / "缺.xlsx", tmp_path / "全.xlsx"
    collect(draft, missing)
    collect(draft, everything, "--all")
    asked = load_workbook(missing)["采集表"]
    assert [asked.cell(r, 1).value for r in range(2, asked.max_row + 1)] == [
        "study.study_sessions",
        "study.law_lectures",
        "study.exam_passed",
    ]
    assert "由办公室提供" in str(asked["G2"].value)
    full = load_workbook(everything)["采集表"]
    rows = {full.cell(r, 1).value: r for r in range(2, full.max_row + 1)}
    assert len(rows) == 4 and "study.exam_pass_rate" not in rows
    takers = rows["study.exam_takers"]
    assert (full.cell(takers, 5).value, full.cell(takers, 6).value) == (75, 79)


def test_nothing_left_to_fill_writes_no_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "c.xlsx"
    collect(SAMPLES / "department-2024.yaml", output)
    assert not output.exists()
    assert "都已填写" in capsys.readouterr().out


# --- the workbook itself -------------------------------------------------------------------


def test_the_workbook_reopens_with_its_header_validation_protection_and_widths(
    tmp_path: Path,
) -> None:
    draft = emptied(tmp_path, "county-2024.yaml")
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    sheet = load_workbook(output)["采集表"]
    assert tuple(c.value for c in sheet[1]) == HEADER
    profile = load_profile("county")
    kinds = {f"{s.id}.{f.id}": f.type for s in profile.sections for f in s.figures}
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    # The 本年数值 cells alone are open; the sheet is protected.
    assert sheet.protection.sheet is True
    for row in rows.values():
        assert sheet.cell(row, 6).protection.locked is False
        assert all(sheet.cell(row, c).protection.locked for c in (1, 2, 3, 4, 5, 7))
    # Every 本年数值 cell is validated by its figure's type and bounds.
    rules: dict[str, Any] = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            for (row,) in [(r,) for r in range(cell_range.min_row, cell_range.max_row + 1)]:
                assert cell_range.min_col == cell_range.max_col == 6
                rules[sheet.cell(row, 1).value] = validation
    assert set(rules) == set(rows)
    for key, validation in rules.items():
        assert validation.showErrorMessage and validation.error
        kind = kinds[key]
        if kind == "count":
            assert (validation.type, validation.operator, validation.formula1) == (
                "whole",
                "greaterThanOrEqual",
                "0",
            )
        elif kind == "percentage":
            assert (validation.type, validation.operator) == ("decimal", "between")
            assert (validation.formula1, validation.formula2) == ("0", "100")
        else:
            assert (validation.type, validation.formula1) == ("decimal", "0")
    # Columns wide enough for their Chinese text (within a cap; longer text wraps).
    for letter, cap in (("C", 36), ("D", 16)):
        widest = max(display_width(str(c.value or "")) for c in sheet[letter])
        assert sheet.column_dimensions[letter].width >= min(widest, cap)
    assert sheet["G2"].alignment.wrap_text
    assert sheet.freeze_panes == "A2"


def test_the_note_states_the_qizhong_relation(tmp_path: Path) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    sheet = load_workbook(output)["采集表"]
    notes = {sheet.cell(r, 1).value: sheet.cell(r, 7).value for r in range(2, sheet.max_row + 1)}
    assert "是“评查案卷份数”的其中项" in notes["enforcement.files_excellent"]
    assert "其中项：其中优秀案卷份数" in notes["enforcement.files_reviewed"]
    assert "党组（党委）理论学习中心组专题学法的次数" in notes["study.study_sessions"]


# --- bad cells -----------------------------------------------------------------------------


BAD_CELLS = [
    ("study.law_lectures", "十二", "法治专题讲座场次应为非负整数（阿拉伯数字），实际为“十二”"),
    ("study.law_lectures", 12.5, "法治专题讲座场次应为整数，实际为 12.5"),
    ("study.law_lectures", -3, "法治专题讲座场次不能为负数"),
    ("oversight.satisfaction", 120, "代表委员满意率应不大于 100，实际为 120"),
    ("study.law_lectures", True, "法治专题讲座场次应为非负整数，实际为“True”"),
    ("study.law_lectures", dt.datetime(2025, 1, 3), "法治专题讲座场次填成了日期或时间（2025-01-03"),
]


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    BAD_CELLS,
    ids=["not-a-number", "not-whole", "negative", "over-bound", "boolean", "date"],
)
def test_a_bad_cell_is_refused_by_file_sheet_and_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, typed: object, message: str
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "采集表.xlsx"
    collect(draft, output, "--by-office")
    sheet, row = cells_by_key(output)[key]
    type_into(output, {key: typed, "study.exam_takers": 80})
    before = draft.read_bytes()
    assert main(["fill", str(draft), str(output)]) == 1
    err = capsys.readouterr().err
    assert f"采集表.xlsx {sheet}!F{row}：{message}" in err
    assert draft.read_bytes() == before


def test_every_bad_cell_is_listed_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    where = cells_by_key(output)
    type_into(output, {"study.law_lectures": "约5", "rules.major_decisions": 1.5})
    assert main(["fill", str(draft), str(output)]) == 1
    err = capsys.readouterr().err
    assert f"c.xlsx 采集表!F{where['study.law_lectures'][1]}：" in err
    assert f"c.xlsx 采集表!F{where['rules.major_decisions'][1]}：" in err


def test_parts_over_their_total_are_refused_at_the_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output, "--by-office")
    where = cells_by_key(output)
    type_into(output, {"enforcement.files_reviewed": 10, "enforcement.files_excellent": 12})
    before = draft.read_bytes()
    assert main(["fill", str(draft), str(output)]) == 1
    sheet, row = where["enforcement.files_excellent"]
    assert (
        f"c.xlsx {sheet}!F{row}：本年其中优秀案卷份数合计 12，超过了评查案卷份数 10"
        in capsys.readouterr().err
    )
    assert draft.read_bytes() == before


def test_a_part_over_the_total_already_in_the_draft_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n  enforcement:\n    figures:\n      files_reviewed: {value: 10}\n",
        encoding="utf-8",
    )
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    row = cells_by_key(output)["enforcement.files_excellent"][1]
    type_into(output, {"enforcement.files_excellent": 11})
    assert main(["fill", str(draft), str(output)]) == 1
    assert f"c.xlsx 采集表!F{row}：本年其中优秀案卷份数合计 11" in capsys.readouterr().err


def test_a_numerator_over_its_denominator_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    row = cells_by_key(output)["study.exam_passed"][1]
    type_into(output, {"study.exam_takers": 70, "study.exam_passed": 75})
    assert main(["fill", str(draft), str(output)]) == 1
    err = capsys.readouterr().err
    assert f"c.xlsx 采集表!F{row}：本年法律知识考试通过人数 75 大于法律知识考试参考人数 70" in err


def test_unknown_and_missing_ids_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    workbook = load_workbook(output)
    sheet = workbook["采集表"]
    sheet["A2"] = "study.exam_pass_rate"
    sheet["F2"] = 90
    sheet["A3"] = "study.no_such_figure"
    sheet["F3"] = 1
    sheet["A4"] = None
    sheet["F4"] = 5
    workbook.save(output)
    assert main(["fill", str(draft), str(output)]) == 1
    err = capsys.readouterr().err
    assert "c.xlsx 采集表!A2：编号“study.exam_pass_rate”由程序计算，不需填写" in err
    assert "c.xlsx 采集表!A3：编号“study.no_such_figure”不是本草稿中的数字" in err
    assert "c.xlsx 采集表!F4：本行没有编号" in err


def test_two_workbooks_disagreeing_on_a_figure_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    first, second = tmp_path / "甲.xlsx", tmp_path / "乙.xlsx"
    collect(draft, first)
    collect(draft, second)
    row = cells_by_key(first)["study.law_lectures"][1]
    type_into(first, {"study.law_lectures": 4})
    type_into(second, {"study.law_lectures": 5})
    assert main(["fill", str(draft), str(first), str(second)]) == 1
    assert (
        f"乙.xlsx 采集表!F{row}：法治专题讲座场次填写了 5，与 甲.xlsx 采集表!F{row} 的 4 不一致"
        in capsys.readouterr().err
    )


def test_a_sheet_without_the_header_is_skipped_and_a_workbook_without_any_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    stray = tmp_path / "别的表.xlsx"
    workbook = Workbook()
    workbook.active.append(["姓名", "电话"])
    workbook.save(stray)
    assert main(["fill", str(draft), str(stray)]) == 1
    assert "别的表.xlsx：没有找到采集表：工作表的第一行应为 编号、部分" in capsys.readouterr().err


# --- never overwrite silently ---------------------------------------------------------------


def test_a_value_differing_from_the_drafts_is_listed_and_kept_unless_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n"
        "  study:\n"
        "    figures:\n"
        "      law_lectures: {value: 4, last: 4}   # 办公室电话核实\n"
        "      exam_takers: {value: 79}\n",
        encoding="utf-8",
    )
    output = tmp_path / "c.xlsx"
    collect(draft, output, "--all")
    row = cells_by_key(output)["study.law_lectures"][1]
    type_into(output, {"study.law_lectures": 6, "study.study_sessions": 12})
    assert main(["fill", str(draft), str(output)]) == 0
    captured = capsys.readouterr()
    assert f"c.xlsx 采集表!F{row}  法治专题讲座场次：采集表为 6，草稿中为 4" in captured.err
    assert "--overwrite" in captured.err
    assert "已填入 1 项，与草稿相同 1 项，未覆盖 1 项" in captured.out
    text = draft.read_text(encoding="utf-8")
    assert "law_lectures: {value: 4, last: 4}   # 办公室电话核实" in text  # untouched
    assert "study_sessions: {value: 12, source:" in text  # the empty one was filled

    assert main(["fill", str(draft), str(output), "--overwrite"]) == 0
    assert "法治专题讲座场次：6（原为 4）" in capsys.readouterr().out
    entry = parse_draft(draft.read_text(encoding="utf-8"))[0].sections["study"].figures
    assert entry["law_lectures"].value == 6
    assert entry["law_lectures"].source is not None
    assert "# 办公室电话核实" in draft.read_text(encoding="utf-8")


# --- provenance ------------------------------------------------------------------------------


def test_each_value_records_its_file_sheet_cell_and_date_in_the_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "采集表.xlsx"
    collect(draft, output, "--by-office")
    sheet, row = cells_by_key(output)["enforcement.recorders"]
    type_into(output, {"enforcement.recorders": 130})
    assert main(["fill", str(draft), str(output)]) == 0
    text = draft.read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    line = next(line for line in text.splitlines() if "recorders:" in line)
    assert line.strip() == (
        f"recorders: {{value: 130, last: 96, source: {{file: 采集表.xlsx, sheet: {sheet}, "
        f"cell: F{row}, date: {today}}}}}"
    )
    source = parse_draft(text)[0].sections["enforcement"].figures["recorders"].source
    assert source is not None
    assert (source.file, source.sheet, source.cell, source.date) == (
        "采集表.xlsx",
        sheet,
        f"F{row}",
        dt.date.today(),
    )
    capsys.readouterr()
    assert main(["figures", str(draft), "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["figures"]}
    assert rows["recorders"]["source"] == {
        "file": "采集表.xlsx",
        "sheet": sheet,
        "cell": f"F{row}",
        "date": today,
    }


def test_typing_a_new_value_drops_the_workbook_source() -> None:
    from drafter.yamldoc import DraftDocument

    document = DraftDocument(
        "sections:\n  study:\n    figures:\n"
        "      law_lectures: {value: 4, source: {file: a.xlsx, sheet: 办公室, cell: F3, "
        "date: 2025-01-15}}  # 核实\n"
    )
    assert document.set_figure("study", "law_lectures", "value", 5)
    assert document.dump().endswith("      law_lectures: {value: 5}  # 核实\n")


def test_a_percentage_typed_with_a_percent_sign_in_excel_reads_as_percent(
    tmp_path: Path,
) -> None:
    draft = emptied(tmp_path)
    output = tmp_path / "c.xlsx"
    collect(draft, output)
    # Excel stores "96.8%" as 0.968 in a cell formatted as a percentage.
    type_into(output, {"oversight.satisfaction": 0.968}, {"oversight.satisfaction": "0.0%"})
    assert main(["fill", str(draft), str(output)]) == 0
    values = sample_values_of(draft)
    assert str(values["oversight.satisfaction"]) == "96.8"


# --- hostile workbooks -------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl opened a workbook the guard should have refused")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    bomb = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"<row/>" * 100_000
            for _ in range(100):  # 60 MB of the same bytes, a few dozen kilobytes packed
                member.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    draft = emptied(tmp_path)
    assert main(["fill", str(draft), str(bomb)]) == 1
    err = capsys.readouterr().err
    assert "炸弹.xlsx：xl/worksheets/sheet1.xml 的压缩比高达" in err and "未读取" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "这是旧版 .xls 文件或设有打开密码"),
        (b"name,value\n", "文件不是 .xlsx 工作簿"),
        (b"PK\x03\x04broken", "文件已损坏"),
    ],
    ids=["xls-or-encrypted", "csv", "truncated-zip"],
)
def test_a_file_that_is_no_workbook_is_refused_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "表.xlsx"
    path.write_bytes(content)
    assert main(["fill", str(emptied(tmp_path)), str(path)]) == 1
    assert f"表.xlsx：{message}" in capsys.readouterr().err


def test_an_oversized_file_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "大.xlsx"
    with path.open("wb") as stream:
        stream.write(b"PK\x03\x04")
        stream.truncate(11 * 1024 * 1024)
    assert main(["fill", str(emptied(tmp_path)), str(path)]) == 1
    assert "大.xlsx：文件有 11.0 MB，超过采集表上限 10 MB" in capsys.readouterr().err


def test_collect_wants_an_xlsx_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collect", str(emptied(tmp_path)), "-o", str(tmp_path / "c.xls")]) == 2
    assert "采集表应保存为 .xlsx 文件" in capsys.readouterr().err


def test_sheet_names_are_valid_for_excel_and_unique() -> None:
    from drafter.collect import sheet_name

    taken: set[str] = set()
    assert sheet_name("执法/大队[一]", taken) == "执法大队一"
    assert sheet_name("执法大队一", taken) == "执法大队一(2)"
    long = "某某市某某区城市管理和综合执法局直属执法大队第一中队综合科法制审核组"
    assert len(long) > 31
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second
    assert sheet_name("", taken) == "未指定科室"
