"""Whatever file a clerk names, `drafter outline` answers in Chinese and exits 1, never a traceback."""

from __future__ import annotations

import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.importer import read_report
from drafter.importer.readers import MAX_DOCX_BYTES, MAX_TEXT_BYTES, decode_text, read_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run_outline(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["outline", str(path)])
    captured = capsys.readouterr()
    assert code == 1, captured
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.startswith("错误：")
    assert path.name in captured.err  # the message names the file
    return captured.err


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def ole_file(path: Path, streams: tuple[str, ...] = ("WordDocument",)) -> Path:
    """Enough of a compound file to be recognised: the header, then directory names."""
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    return write(path, OLE + b"\0" * 504 + body + b"\0" * 1024)


def test_old_doc_says_save_as_docx(tmp_path, capsys):
    err = run_outline(ole_file(tmp_path / "2023年报告.doc"), capsys)
    assert "旧版 Word 文档" in err and "另存为" in err and ".docx" in err


def test_doc_extension_with_other_content(tmp_path, capsys):
    err = run_outline(write(tmp_path / "x.doc", "不是 Word".encode()), capsys)
    assert "另存为 .docx" in err


def test_old_doc_renamed_to_docx(tmp_path, capsys):
    err = run_outline(ole_file(tmp_path / "renamed.docx"), capsys)
    assert "旧版 Word 文档" in err and "另存为" in err


def test_wps(tmp_path, capsys):
    err = run_outline(ole_file(tmp_path / "报告.wps"), capsys)
    assert "WPS" in err and "另存为" in err and ".docx" in err


def test_pdf(tmp_path, capsys):
    err = run_outline(
        write(tmp_path / "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), capsys
    )
    assert "PDF" in err and ".docx" in err and ".txt" in err


def test_pdf_renamed_to_txt(tmp_path, capsys):
    err = run_outline(write(tmp_path / "report.txt", b"%PDF-1.4\n" + b"x" * 100), capsys)
    assert "PDF" in err


def test_encrypted_docx(tmp_path, capsys):
    path = ole_file(tmp_path / "locked.docx", ("EncryptionInfo", "EncryptedPackage"))
    err = run_outline(path, capsys)
    assert "密码" in err and "加密" in err


def test_corrupt_zip(tmp_path, capsys):
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 200)
    data = good.getvalue()
    err = run_outline(write(tmp_path / "cut.docx", data[: len(data) // 2]), capsys)
    assert "已损坏" in err


def test_broken_xml_inside_docx(tmp_path, capsys):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    err = run_outline(path, capsys)
    assert "已损坏" in err and "word/document.xml" in err


def test_zip_that_is_not_a_word_file(tmp_path, capsys):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    err = run_outline(path, capsys)
    assert "不是 Word 文档" in err


def test_empty_file(tmp_path, capsys):
    for name in ("empty.txt", "empty.docx", "empty.md"):
        err = run_outline(write(tmp_path / name, b""), capsys)
        assert "空的" in err


def test_whitespace_only_file(tmp_path, capsys):
    err = run_outline(write(tmp_path / "blank.txt", b"\n  \r\n\t\n"), capsys)
    assert "没有文字" in err


def test_binary_junk(tmp_path, capsys):
    junk = bytes(range(256)) * 8 + os.urandom(2048)
    err = run_outline(write(tmp_path / "junk.txt", junk), capsys)
    assert "不是文字" in err


def test_binary_junk_without_nul_bytes(tmp_path, capsys):
    junk = bytes((b % 0x7F) + 0x80 for b in os.urandom(4096))
    err = run_outline(write(tmp_path / "junk.md", junk), capsys)
    assert "编码" in err or "不是文字" in err


def test_junk_renamed_to_docx(tmp_path, capsys):
    err = run_outline(write(tmp_path / "junk.docx", os.urandom(4096).replace(b"PK", b"pk")), capsys)
    assert "已损坏" in err or "不是 Word 文档" in err


def test_zip_bomb_is_refused_quickly_with_little_memory(tmp_path, capsys):
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(200):  # 200 MB of zeros, about 200 KB on disk
            member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    err = run_outline(path, capsys)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "压缩炸弹" in err
    assert elapsed < 2.0
    assert peak < 20 * 1024 * 1024


def test_zip_bomb_in_another_member_is_refused(tmp_path, capsys):
    path = tmp_path / "bomb2.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/image1.png", b"\0" * (30 * 1024 * 1024))
    err = run_outline(path, capsys)
    assert "压缩比" in err and "压缩炸弹" in err


def test_member_that_lies_about_its_size_is_read_bounded(tmp_path):
    """The central directory claims a small part; reading still stops at the claimed size and
    the CRC check catches the lie, so nothing unbounded is ever decompressed."""
    path = tmp_path / "liar.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    data = bytearray(path.read_bytes())
    # Patch the uncompressed size (offset 24 in the central directory entry) to 100 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(Exception) as caught:
        read_docx(path)
    assert "已损坏" in str(caught.value)


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path, capsys):
    for name, cap in (("huge.docx", MAX_DOCX_BYTES), ("huge.txt", MAX_TEXT_BYTES)):
        path = tmp_path / name
        with path.open("wb") as handle:  # sparse: 51 MB without writing 51 MB
            handle.truncate(51 * 1024 * 1024)
        assert path.stat().st_size > cap
        started = time.perf_counter()
        err = run_outline(path, capsys)
        assert time.perf_counter() - started < 1.0
        assert "文件过大" in err and "MB" in err


def test_fifty_megabytes_is_over_the_cap():
    assert MAX_DOCX_BYTES < 50 * 1000 * 1000


def test_missing_file_and_directory(tmp_path, capsys):
    err = run_outline(tmp_path / "nowhere.docx", capsys)
    assert "找不到" in err
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    err = run_outline(folder, capsys)
    assert "文件夹" in err


def test_unsupported_suffix(tmp_path, capsys):
    err = run_outline(write(tmp_path / "report.odt", "文字".encode()), capsys)
    assert "不支持" in err and ".docx" in err


def test_rtf(tmp_path, capsys):
    err = run_outline(write(tmp_path / "report.docx", b"{\\rtf1\\ansi hello}"), capsys)
    assert "RTF" in err


def test_docx_renamed_to_txt(tmp_path, capsys):
    path = tmp_path / "report.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    err = run_outline(path, capsys)
    assert ".docx" in err and "扩展名" in err


REPORT = "示例局关于2023年法治政府建设情况的报告\n2023年以来，我局依法行政。现将有关情况报告如下：\n一、主要举措\n（一）学法。全年学法12次。\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_text_encodings(tmp_path, encoding, prefix):
    path = write(tmp_path / f"r-{encoding}.txt", prefix + REPORT.encode(encoding))
    imported = read_report(path)
    assert imported.document.title == "示例局关于2023年法治政府建设情况的报告"
    assert [h.title for h in imported.document.headings()] == ["主要举措", "学法"]


def test_undecodable_text_is_refused():
    with pytest.raises(Exception) as caught:
        decode_text(b"\x81\x30\x81" * 3 + b"\xff\xfe\xfd", "x.txt")
    assert "编码" in str(caught.value) or "不是文字" in str(caught.value)
