"""Hostile Word files: refused with a Chinese message naming the file, or read with bounded
numbers, never a traceback, a hang or unbounded memory.  Each runs `drafter outline` in a
child process under an address-space limit, so an allocation that is not bounded fails."""

from __future__ import annotations

import base64
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.word import guard
from drafter.word.numbering import format_counter
from drafter.word.reading import open_word
from tests.word_package import W_NS, document_xml, write_package

MEMORY_LIMIT = 512 * 1024 * 1024
TIMEOUT = 60
FORMATS = ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimal", "chineseCounting")


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def outline(path: Path, command: str = "outline") -> subprocess.CompletedProcess[str]:
    """`drafter outline --json PATH` (or check) in a child process under the memory limit."""
    return subprocess.run(
        [sys.executable, "-m", "drafter", command, "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limited,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def refused(path: Path) -> str:
    result = outline(path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：") and path.name in result.stderr
    return result.stderr


def numbered_report(start: str, fmt: str, text: str = "%1、") -> tuple[str, str]:
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = (
        "<w:p><w:r><w:t>示例局关于2023年法治政府建设情况的报告</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2023年，我局依法行政。现将有关情况报告如下：</w:t></w:r></w:p>"
        + "".join(
            f"<w:p>{numbered}<w:r><w:t>第{i}项工作。全年完成{i}件。</w:t></w:r></w:p>"
            for i in range(200)
        )
    )
    return document_xml(body), numbering


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_huge_list_start_draws_a_bounded_number(tmp_path: Path, fmt: str) -> None:
    document, numbering = numbered_report("99999999999", fmt)
    path = write_package(
        tmp_path / f"start-{fmt}.docx", document, {"word/numbering.xml": numbering}
    )
    result = outline(path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stdout) < 200_000  # 200 paragraphs, none with a runaway number


def test_check_reads_a_huge_list_start_within_bounds(tmp_path: Path) -> None:
    document, numbering = numbered_report("99999999999", "upperRoman")
    path = write_package(tmp_path / "check.docx", document, {"word/numbering.xml": numbering})
    result = outline(path, "check")
    assert result.returncode in (0, 1), result.stderr  # findings or none, never a crash
    assert "Traceback" not in result.stderr and result.stdout.startswith("{")
    assert len(result.stdout) < 2_000_000


def test_huge_counters_fall_back_to_digits() -> None:
    for fmt in FORMATS:
        assert len(format_counter(99_999_999_999, fmt)) <= 12
        assert len(format_counter(-5, fmt)) <= 12
    assert format_counter(28, "lowerLetter") == "bb"
    assert format_counter(1999, "upperRoman") == "MCMXCIX"
    assert format_counter(4000, "upperRoman") == "4000"


def test_a_runaway_level_text_is_cut(tmp_path: Path) -> None:
    document, numbering = numbered_report("1", "decimal", "%1" * 20_000)
    path = write_package(tmp_path / "text.docx", document, {"word/numbering.xml": numbering})
    result = outline(path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) < 200_000


def test_a_number_too_long_to_be_one_is_ignored(tmp_path: Path) -> None:
    document, numbering = numbered_report("9" * 5000, "lowerLetter")
    path = write_package(tmp_path / "digits.docx", document, {"word/numbering.xml": numbering})
    assert outline(path).returncode == 0


def test_a_small_part_that_compresses_like_a_bomb_is_refused(tmp_path: Path) -> None:
    document, _ = numbered_report("1", "decimal")
    styles = f"<w:styles {W_NS}>" + " " * 900_000 + "</w:styles>"  # under 1 MB
    path = write_package(tmp_path / "small-bomb.docx", document, {"word/styles.xml": styles})
    err = refused(path)
    assert "word/styles.xml" in err and "压缩比" in err and "压缩炸弹" in err


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    document, _ = numbered_report("1", "decimal")
    write_package(path, document)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as archive:
        for index in range(guard.MAX_PARTS):
            archive.writestr(f"customXml/item{index}.xml", "")
    err = refused(path)
    assert "个文件" in err and "压缩炸弹" in err


def test_a_package_unpacking_past_the_total_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "total.docx"
    document, _ = numbered_report("1", "decimal")
    write_package(path, document)
    with zipfile.ZipFile(path, "a") as archive:  # incompressible parts: ratio about 1
        for index in range(3):
            archive.writestr(f"word/media/image{index}.png", base64.b64encode(os.urandom(300_000)))
    monkeypatch.setattr(guard, "MAX_PACKAGE_BYTES", 1024 * 1024)
    with pytest.raises(InputError) as caught:
        open_word(path)
    assert "解压后超过" in str(caught.value) and "total.docx" in str(caught.value)


def test_a_document_declaring_a_dtd_entity_is_refused(tmp_path: Path) -> None:
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE w:document [<!ENTITY org "示例局">]>'
        f"<w:document {W_NS}><w:body>"
        "<w:p><w:r><w:t>&org;关于2023年法治政府建设情况的报告</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2023年，我局依法行政 ,现将有关情况报告如下：</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = write_package(tmp_path / "dtd.docx", document)
    assert "DTD" in refused(path)


def test_a_text_report_is_imported_and_checked_without_python_docx() -> None:
    """The Word layer is loaded only for a Word file: a .txt pays nothing for it."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "check" / "numbering.txt"
    probe = (
        "import sys\n"
        "from drafter.importer import read_report\n"
        "from drafter.check.source import check_path\n"
        f"read_report({str(fixture)!r}); check_path({str(fixture)!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=TIMEOUT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_xml_part_too_large_to_parse_is_refused(tmp_path: Path, monkeypatch) -> None:
    document, _ = numbered_report("1", "decimal")  # about 20 KB, compresses ordinarily
    path = write_package(tmp_path / "large.docx", document)
    monkeypatch.setattr(guard, "MAX_XML_PART_BYTES", 10_000)
    with pytest.raises(InputError) as caught:
        open_word(path)
    assert "word/document.xml 解压后有" in str(caught.value)


def test_a_file_of_more_paragraphs_than_any_report_is_refused(tmp_path: Path, monkeypatch) -> None:
    from drafter.importer import readers

    document, _ = numbered_report("1", "decimal")  # 202 paragraphs
    path = write_package(tmp_path / "long.docx", document)
    monkeypatch.setattr(readers, "MAX_PARAGRAPHS", 100)
    monkeypatch.setattr("drafter.importer.wordfile.MAX_PARAGRAPHS", 100)
    with pytest.raises(InputError) as caught:
        readers.read_source(path)
    assert "超过 100 段" in str(caught.value) and "long.docx" in str(caught.value)
