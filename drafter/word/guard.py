"""The guard every Word file passes before python-docx opens it.

python-docx reads every part of a package into memory and parses each XML part whole, so a
file is measured first, from its zip directory alone: the file's size, the number of parts,
each part's unpacked size and compression ratio (every part, however small), and the total
the package unpacks to.  Anything outside what a real report can be is refused with a Chinese
message naming the file, before a byte of it is decompressed.

A part that lies about its size in the zip directory cannot get past this either: reading a
member stops at the size the directory states, and the CRC check then reports the lie.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.errors import InputError, os_reason

MB = 1024 * 1024
# A report is text: even a Word file full of photos stays well under this.  A 50 MB file is
# refused before a single byte of it is read.
MAX_DOCX_BYTES = 40 * MB
# No one part may unpack to more than this, nor the whole package to more than the total.
# python-docx parses every XML part whole: 16 MB of WordprocessingML (thousands of pages; an
# annual report's is well under 1 MB) takes about 250 MB once parsed.
MAX_PART_BYTES = 64 * MB
MAX_XML_PART_BYTES = 16 * MB
MAX_PACKAGE_BYTES = 160 * MB
# Real parts compress 1 to 35 times (styles.xml the most); a bomb compresses thousands of times.
MAX_RATIO = 200
MAX_PARTS = 10_000

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
MAIN_PART = "word/document.xml"


def too_large(path: Path, size: int, limit: int = MAX_DOCX_BYTES) -> InputError:
    return InputError(
        f"文件过大（{size / MB:.1f} MB），超过 {limit // MB} MB 的上限，不予读取。"
        "年度报告通常只有几十 KB 到几 MB；请确认选对了文件，"
        "或删去其中的大图片后另存再导入。",
        path,
    )


def bomb(path: Path, detail: str) -> InputError:
    return InputError(
        f"拒绝读取：{detail}，超出正常 Word 文档的范围（疑似“压缩炸弹”或已损坏的文件）。"
        "请确认文件来源，或在 Word 或 WPS 中重新另存为 .docx。",
        path,
    )


def damaged(
    path: Path, detail: str = "它不是完整的 .docx 压缩包（可能下载或拷贝不完整）"
) -> InputError:
    return InputError(
        f"文件已损坏：{detail}。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。", path
    )


def read_file(path: Path) -> bytes:
    """The whole file, refused unread when it is larger than any report."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise too_large(path, size)
        with path.open("rb") as handle:
            data = handle.read(size + 1)  # a file that grows meanwhile is caught below
    except OSError as error:
        raise InputError(f"无法读取文件（{os_reason(error)}）。", path) from error
    if len(data) > MAX_DOCX_BYTES:
        raise too_large(path, len(data))
    return data


def guard_package(path: Path, data: bytes) -> None:
    """Refuse ``data`` (the bytes of ``path``) unless it is a Word package of sane proportions."""
    if not data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise damaged(path, ".docx 应是一个压缩包，这个文件的开头却不是")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise damaged(path) from error
    with archive:
        infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise bomb(path, f"压缩包中有 {len(infos)} 个文件")
    names = {info.filename for info in infos}
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise InputError("文件设有打开密码（已加密），无法读取。请取消密码后另存为 .docx。", path)
    if MAIN_PART not in names and not any(n.startswith("word/") for n in names):
        raise InputError(
            "这不是 Word 文档（.docx）：压缩包中没有 word/document.xml。"
            "请确认选对了文件，或在 Word 或 WPS 中另存为 .docx。",
            path,
        )
    total = 0
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels"))
        if info.file_size > (MAX_XML_PART_BYTES if xml else MAX_PART_BYTES):
            raise bomb(path, f"{info.filename} 解压后有 {info.file_size / MB:.0f} MB")
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise bomb(path, f"{info.filename} 的压缩比高达 {ratio:.0f} 倍")
        total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise bomb(path, f"压缩包解压后超过 {MAX_PACKAGE_BYTES // MB} MB")
