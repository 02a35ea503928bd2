"""`check --fix` on a clerk's own Word file: edits land on the paragraph the finding is about,
and everything the fix does not correct (styles, tables, images, headers, comments, tracked
changes) is left exactly as it was.  `check` reads the file once."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from drafter.check.source import check_path
from drafter.cli import main
from drafter.errors import InputError
from drafter.word.edited import read_back
from tests.conftest import CORPUS_FILES, ROOT
from tests.word_package import W_NS, write_package

VALIDATE = ROOT.parent / "shared" / "tools" / "validate-docx"
TWICE = "（二）规范行政执法"


def png() -> bytes:
    """A 2×2 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x80" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def clerks_report(path: Path) -> Path:
    """A report as a clerk keeps it: a header, a table, an image, a comment, a tracked
    insertion, and the same heading sentence twice, the second time misnumbered."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "示例县林业局 内部资料"
    document.add_paragraph("示例县林业局关于2024年法治政府建设情况的报告")
    document.add_paragraph("2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下：")
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("（一）加强学法用法")
    commented = document.add_paragraph("全年开展普法活动 36 场,发放资料900余份。")
    document.add_comment(commented.runs, text="数字请再核对", author="审核人", initials="审")
    document.add_paragraph(TWICE)
    document.add_paragraph("全年办理行政处罚案件36件。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("项目", "数量"), ("案件", "36")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_picture(io.BytesIO(png()))
    document.add_paragraph("二、2025年工作打算")
    document.add_paragraph(TWICE)
    tracked = document.add_paragraph("继续规范行政执法")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "90")
    insertion.set(qn("w:author"), "审核人")
    insertion.set(qn("w:date"), "2025-01-08T09:00:00Z")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "。"
    run.append(text)
    insertion.append(run)
    tracked._p.append(insertion)
    document.add_paragraph("特此报告。")
    document.add_paragraph("示例县林业局")
    document.add_paragraph("2025年01月08日")
    # python-docx's own template leaves out a required attribute; a clerk's Word file has it.
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
    document.save(str(path))
    return path


def fix(source: Path, output: Path) -> int:
    return main(["check", str(source), "--fix", "-o", str(output)])


def body_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _same_except_text(a: etree._Element, b: etree._Element, changed: list[str]) -> None:
    """Two trees alike in every element and attribute; a w:t's text may differ (it is then
    noted in ``changed``), and an edited w:t may gain xml:space."""
    assert a.tag == b.tag
    space = "{http://www.w3.org/XML/1998/namespace}space"
    attributes_a = dict(a.attrib)
    attributes_b = dict(b.attrib)
    if a.tag == qn("w:t") and a.text != b.text:
        changed.append(f"{a.text}→{b.text}")
        attributes_a.pop(space, None)
        attributes_b.pop(space, None)
    else:
        assert (a.text or "") == (b.text or ""), (a.tag, a.text, b.text)
    assert attributes_a == attributes_b, a.tag
    assert len(a) == len(b), a.tag
    for x, y in zip(a, b, strict=True):
        _same_except_text(x, y, changed)


def test_fix_changes_only_the_fixed_text(tmp_path: Path) -> None:
    source = clerks_report(tmp_path / "report.docx")
    output = tmp_path / "fixed.docx"
    assert fix(source, output) == 1  # the misnumbered heading is an error
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(output) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "word/document.xml":  # styles, header, comments, image, settings…
                assert a.read(name) == b.read(name), name
        changed: list[str] = []
        _same_except_text(
            etree.fromstring(a.read("word/document.xml")),
            etree.fromstring(b.read("word/document.xml")),
            changed,
        )
    assert changed == [
        "全年开展普法活动 36 场,发放资料900余份。→全年开展普法活动36场，发放资料900余份。",
        f"{TWICE}→（一）规范行政执法",
        "2025年01月08日→2025年1月8日",
    ]


def test_fix_edits_the_paragraph_the_finding_is_about(tmp_path: Path) -> None:
    """The same sentence twice: only the second, misnumbered one changes."""
    source = clerks_report(tmp_path / "report.docx")
    output = tmp_path / "fixed.docx"
    fix(source, output)
    before, after = body_texts(source), body_texts(output)
    first = before.index(TWICE)
    second = before.index(TWICE, first + 1)
    assert after[first] == TWICE
    assert after[second] == "（一）规范行政执法"
    assert [f.code for f in check_path(output).findings if f.fixable] == []


def test_fix_edits_the_right_line_of_a_text_file(tmp_path: Path) -> None:
    lines = [
        "示例县林业局关于2024年法治政府建设情况的报告",
        "2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下：",
        "一、主要举措和成效",
        "（一）加强学法用法",
        "全年组织集中学法12次。",
        TWICE,
        "全年办理行政处罚案件36件。",
        "二、2025年工作打算",
        TWICE,
        "继续规范行政执法。",
    ]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "fixed.txt"
    fix(source, output)
    fixed = output.read_text(encoding="utf-8").splitlines()
    assert fixed[5] == TWICE and fixed[8] == "（一）规范行政执法"
    assert [i for i, (a, b) in enumerate(zip(lines, fixed, strict=True)) if a != b] == [8]


def test_check_opens_a_word_file_once(tmp_path: Path, monkeypatch) -> None:
    source = clerks_report(tmp_path / "report.docx")
    opened: list[str] = []
    real_open = io.open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(source):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr("builtins.open", counting_open)
    checked = check_path(source)
    assert checked.docx is not None and checked.findings
    assert len(opened) == 1


def test_a_copy_that_would_not_open_is_never_written(tmp_path: Path) -> None:
    broken = write_package(
        tmp_path / "broken.docx",
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&org;</w:t></w:r></w:p></w:body></w:document>",
    )
    with pytest.raises(InputError) as caught:
        read_back(broken, tmp_path / "fixed.docx")
    assert "fixed.docx" in str(caught.value) and "读回检查未通过" in str(caught.value)


def test_fix_refuses_a_document_declaring_an_entity(tmp_path: Path, capsys) -> None:
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY org "示例局">]>'
        f"<w:document {W_NS}><w:body>"
        "<w:p><w:r><w:t>&org;关于2023年法治政府建设情况的报告</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2023年，我局依法行政 ,现将有关情况报告如下：</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    source = write_package(tmp_path / "entity.docx", document)
    output = tmp_path / "fixed.docx"
    assert fix(source, output) == 1
    assert "DTD" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.skipif(not VALIDATE.exists(), reason="../shared/tools/validate-docx is absent")
@pytest.mark.parametrize("name", [n for n in CORPUS_FILES if n.endswith(".docx")])
def test_every_fixed_corpus_report_validates(name: str, corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / f"fixed-{name}"
    fix(corpus / name, output)
    assert output.exists()
    result = subprocess.run(
        [sys.executable, str(VALIDATE), str(output)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().endswith("valid"), result.stdout + result.stderr
    assert result.returncode == 0


@pytest.mark.skipif(not VALIDATE.exists(), reason="../shared/tools/validate-docx is absent")
def test_the_fixed_clerks_report_validates(tmp_path: Path) -> None:
    output = tmp_path / "fixed.docx"
    fix(clerks_report(tmp_path / "report.docx"), output)
    result = subprocess.run(
        [sys.executable, str(VALIDATE), str(output)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().endswith("valid"), result.stdout + result.stderr
