"""--fix on Word files: run text is edited in a copy, formatting and other parts left alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

from drafter.check.fix import write_fixed
from drafter.check.source import check_path
from drafter.tree import Document, Heading, Paragraph, Signature


def exported(tmp_path: Path) -> Path:
    from drafter.export.docx import write_docx

    document = Document(
        title="示例县林业局关于2024年法治政府建设情况的报告",
        blocks=[
            Paragraph("2024年以来，我局扎实推进法治政府建设。现将有关情况报告如下："),
            Heading(1, "主要举措和成效"),
            Paragraph("全年开展普法活动 36 场,发放资料900余份(含电子版)。"),
            Heading(1, "存在的不足和原因"),
            Paragraph("基层执法力量仍显薄弱。"),
            Heading(1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
            Paragraph("局主要负责人带头学法，定期听取法治建设工作汇报。"),
            Heading(1, "2025年工作打算"),
            Paragraph("2025年，我局将继续加强普法宣传。"),
        ],
        closing="特此报告。",
        signature=Signature("示例县林业和草原局", "2025年01月08日"),
    )
    path = tmp_path / "report.docx"
    write_docx(document, path)
    return path


def split_run(path: Path, before: str, after: str) -> Path:
    """The same file with the run holding ``before + after`` split in two between them."""
    target = path.with_name("split.docx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                joined = before + after
                assert joined in xml
                xml = xml.replace(
                    joined, f'{before}</w:t></w:r><w:r><w:t xml:space="preserve">{after}', 1
                )
                data = xml.encode("utf-8")
            new.writestr(info, data)
    return target


def body_texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_fix_edits_runs_split_across_an_edit(tmp_path: Path) -> None:
    source = split_run(exported(tmp_path), "活动 3", "6 场,发放")
    checked = check_path(source)
    codes = sorted(f.code for f in checked.findings)
    assert codes == [
        "dates.signature-form",
        "punctuation.half-width",
        "punctuation.parentheses",
        "punctuation.spacing",
    ]
    output = tmp_path / "fixed.docx"
    result = write_fixed(checked, output)
    assert not result.skipped and len(result.applied) == 4
    texts = body_texts(output)
    assert "全年开展普法活动36场，发放资料900余份（含电子版）。" in texts
    assert texts[-1] == "2025年1月8日"
    assert check_path(output).findings == []
    # Other parts are copied byte for byte; the split run stays two runs.
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(output) as b:
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name
        assert b.read("word/document.xml").decode("utf-8").count("<w:r>") == (
            a.read("word/document.xml").decode("utf-8").count("<w:r>")
        )
