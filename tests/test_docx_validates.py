"""What we write validates against the ISO/IEC 29500 transitional and OPC schemas, checked by
../shared/tools/validate-docx (an independent reader: lxml and the published schemas), and an
office's own template given with --reference-doc lends its styles, headers and footers."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from lxml import etree

from drafter.build import build_file
from drafter.cli import main
from drafter.export.docx import write_docx
from drafter.tree import Document, Heading, Paragraph, Signature, gap

ROOT = Path(__file__).resolve().parent.parent
VALIDATE = ROOT.parent / "shared" / "tools" / "validate-docx"
SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def validate(path: Path) -> str:
    if not VALIDATE.is_file():
        pytest.skip(f"no validator at {VALIDATE}: the shared folder is not beside this checkout")
    result = subprocess.run(
        [sys.executable, str(VALIDATE), str(path)], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() + result.stderr.strip()


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_both_samples_validate(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / f"{sample.stem}.docx"
    build_file(sample, output)
    assert validate(output) == f"{output}: valid"


def test_a_draft_with_gaps_a_run_in_heading_and_markup_characters_validates(
    tmp_path: Path,
) -> None:
    document = Document(
        title="示例县<&>局关于2024年法治政府建设情况的报告",
        addressee="县政府",
        blocks=[
            Paragraph(f"全年办理案件{gap('案件数')}件，“双随机”抽查<&>{gap('抽查次数')}次。"),
            Heading(1, "主要举措"),
            Heading(2, "加强组织领导", run_in=True, body="一是健全机制<&>。二是 压实 责任。"),
            Heading(3, "完善制度", run_in=True, body=f"修订制度{gap('制度数')}项。"),
            Paragraph(" 前后有空格\t和制表符\n和换行 "),
        ],
        closing="特此报告。",
        signature=Signature("示例县<&>局", "2025年1月20日", seal=True),
    )
    output = tmp_path / "gaps.docx"
    write_docx(document, output)
    assert validate(output) == f"{output}: valid"


def test_an_invalid_part_is_caught_by_the_validator(tmp_path: Path) -> None:
    """The validator is not a rubber stamp: a run with its properties after its text fails."""
    good = tmp_path / "good.docx"
    write_docx(Document(blocks=[Paragraph("“引号”")]), good)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                root = etree.fromstring(data)
                run = root.find(f".//{{{W}}}r")
                assert run is not None
                run.append(run[0])  # w:rPr moved behind w:t
                data = etree.tostring(root)
            target.writestr(entry, data)
    assert "valid" in validate(bad) and validate(bad) != f"{bad}: valid"


# --- the package's numbering of relationships and whitespace ---------------------------------


def test_relationship_ids_are_numbered_from_rid1(tmp_path: Path) -> None:
    output = tmp_path / "report.docx"
    build_file(SAMPLES[0], output)
    with zipfile.ZipFile(output) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                ids = [r.get("Id") for r in etree.fromstring(archive.read(name))]
                assert sorted(ids, key=lambda i: int(i[3:])) == [
                    f"rId{n}" for n in range(1, len(ids) + 1)
                ], (name, ids)


def test_every_run_holding_whitespace_preserves_it(tmp_path: Path) -> None:
    output = tmp_path / "spaces.docx"
    write_docx(
        Document(blocks=[Paragraph("中间 有空格"), Paragraph("全角　空格"), Paragraph("无空格")]),
        output,
    )
    with zipfile.ZipFile(output) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    space = "{http://www.w3.org/XML/1998/namespace}space"
    texts = {t.text: t.get(space) for t in root.iter(f"{{{W}}}t")}
    assert texts == {"中间 有空格": "preserve", "全角　空格": "preserve", "无空格": None}


def test_the_header_style_has_no_border_and_fonts_have_fallbacks(tmp_path: Path) -> None:
    output = tmp_path / "report.docx"
    write_docx(Document(title="标题"), output)
    with zipfile.ZipFile(output) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
    ns = {"w": W}
    (header,) = styles.xpath("w:style[w:name/@w:val='header']", namespaces=ns)
    sides = header.xpath("w:pPr/w:pBdr/*", namespaces=ns)
    assert sides and {side.get(f"{{{W}}}val") for side in sides} == {"none"}
    fallbacks = {
        font.get(f"{{{W}}}name"): font.xpath("w:altName/@w:val", namespaces=ns)
        for font in fonts
    }
    assert fallbacks["方正小标宋简体"] == ["宋体"]
    assert fallbacks["仿宋_GB2312"] == ["仿宋"]
    assert fallbacks["楷体_GB2312"] == ["楷体"]
    (fangsong,) = fonts.xpath("w:font[@w:name='仿宋_GB2312']", namespaces=ns)
    assert fangsong.xpath("w:panose1/@w:val", namespaces=ns) == ["02010609030101010101"]
    assert fangsong.xpath("w:family/@w:val", namespaces=ns) == ["modern"]


# --- a reference document --------------------------------------------------------------------


def office_template(path: Path) -> Path:
    """A clerk's own template, made in python-docx as Word would save it: a body style of its
    own, a header with the office's name, and some text that must not reach the report."""
    template = docx.Document()
    normal = template.styles["Normal"]
    normal.font.size = Pt(15)
    normal.font.name = "Arial"
    template.sections[0].header.paragraphs[0].text = "示例县自然资源局内部资料"
    template.add_paragraph("模板里的示例文字")
    template.save(str(path))
    return path


def test_a_reference_doc_lends_its_styles_header_and_footer(tmp_path: Path) -> None:
    template = office_template(tmp_path / "模板.docx")
    output = tmp_path / "report.docx"
    code = main(
        ["build", str(SAMPLES[0]), "-o", str(output), "--reference-doc", str(template)]
    )
    assert code == 0
    report = docx.Document(str(output))
    texts = [p.text for p in report.paragraphs]
    assert "模板里的示例文字" not in texts
    assert texts[0].startswith("示例")
    # The template's body style wins; what it lacks (the signature) comes from the profile.
    assert report.styles["Normal"].font.size == Pt(15)
    assert report.styles["Signature"].paragraph_format.alignment is not None
    section = report.sections[0]
    assert section.header.paragraphs[0].text == "示例县自然资源局内部资料"
    # The page is the profile's.
    assert abs(section.top_margin - Mm(37)) < Mm(0.05)
    # (Not validated: python-docx's own template, this one's origin, has an invalid settings.xml.)


def test_a_reference_doc_that_is_not_a_docx_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "模板.docx"
    broken.write_bytes(b"not a zip")
    code = main(
        ["build", str(SAMPLES[0]), "-o", str(tmp_path / "r.docx"), "--reference-doc", str(broken)]
    )
    assert code == 1
    error = capsys.readouterr().err
    assert f"{broken}：" in error and "Traceback" not in error
    assert not (tmp_path / "r.docx").exists()
