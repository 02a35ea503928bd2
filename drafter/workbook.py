"""The collection workbook (采集表) both ways: its columns, and opening one a colleague sent back.

``drafter collect`` writes it (:mod:`drafter.collect`), ``drafter fill`` reads it back
(:mod:`drafter.fill`).  A workbook comes from outside, so it is guarded before openpyxl sees it:
its size, the zip's members, their unpacked sizes and compression ratios are checked first, so a
hostile .xlsx cannot exhaust memory; then it is read in openpyxl's read-only (streaming) mode,
with the number of rows bounded.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, os_reason

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written or read
    from openpyxl.workbook.workbook import Workbook

HEADER = ("编号", "部分", "指标", "单位", "上年数值", "本年数值", "说明")
KEY_COLUMN, VALUE_COLUMN = "A", "F"
KEY_INDEX, VALUE_INDEX = HEADER.index("编号"), HEADER.index("本年数值")

MB = 1024 * 1024
# A figure workbook is a few kilobytes; these bounds leave room for a colleague's own sheets
# and formatting while keeping what openpyxl holds in memory small.
MAX_XLSX_BYTES = 10 * MB
MAX_UNPACKED_BYTES = 50 * MB  # all members together, as the zip declares them
MAX_MEMBER_RATIO = 200  # unpacked / packed, for members over 1 MB
MAX_MEMBERS = 2_000
MAX_ROWS = 5_000  # rows read per sheet
MAX_SHEETS = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def _refuse(path: Path, message: str) -> InputError:
    return InputError(message, path.name)


def guard(path: Path) -> None:
    """Refuse a file that is not a plausible .xlsx before anything unpacks it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise _refuse(path, "找不到采集表文件") from None
    except IsADirectoryError:
        raise _refuse(path, "这是一个目录，不是采集表文件") from None
    except OSError as error:
        raise _refuse(path, f"无法读取采集表（{os_reason(error)}）") from None
    if size > MAX_XLSX_BYTES:
        raise _refuse(
            path, f"文件有 {size / MB:.1f} MB，超过采集表上限 {MAX_XLSX_BYTES // MB} MB，未读取"
        )
    if head.startswith(OLE_MAGIC):
        raise _refuse(
            path,
            "这是旧版 .xls 文件或设有打开密码的工作簿，无法读取。"
            "请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后重试",
        )
    if not head.startswith(ZIP_MAGIC):
        raise _refuse(path, "文件不是 .xlsx 工作簿。请在 Excel 或 WPS 中另存为 .xlsx 后重试")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(path, "文件已损坏：不是完整的 .xlsx 压缩包（可能下载或拷贝不完整）") from None
    if len(infos) > MAX_MEMBERS:
        raise _bomb(path, f"压缩包中有 {len(infos)} 个文件")
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        raise _refuse(path, "这不是 Excel 工作簿（.xlsx）：压缩包中没有 xl/workbook.xml")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_MEMBER_RATIO and info.file_size > MB:
            raise _bomb(path, f"{info.filename} 的压缩比高达 {ratio:.0f} 倍")
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(path, f"解压后共有 {total / MB:.0f} MB")


def _bomb(path: Path, detail: str) -> InputError:
    return _refuse(
        path, f"{detail}，不像一份采集表（可能是恶意构造的文件），未读取。请确认选对了文件"
    )


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """The guarded workbook in read-only mode, with cached formula results; closed afterwards."""
    guard(path)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refuse(
            path,
            f"文件已损坏，无法读取（{type(error).__name__}）。请在 Excel 或 WPS 中另存为 .xlsx 后重试",
        ) from None
    try:
        if len(workbook.sheetnames) > MAX_SHEETS:
            raise _bomb(path, f"工作簿中有 {len(workbook.sheetnames)} 个工作表")
        yield workbook
    finally:
        workbook.close()


def sheet_rows(worksheet: Any, path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, the row's first seven cells) for each row, refusing a sheet too long."""
    for index, row in enumerate(
        worksheet.iter_rows(max_row=MAX_ROWS + 1, max_col=len(HEADER)), start=1
    ):
        if index > MAX_ROWS:
            raise _refuse(
                path, f"工作表“{worksheet.title}”超过 {MAX_ROWS} 行，不像一份采集表，未读取"
            )
        cells = tuple(row) + (None,) * (len(HEADER) - len(row))
        yield index, cells


def display_width(text: str) -> int:
    """How many Excel character widths ``text`` takes: a Chinese character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
