"""The DOCX layout rules: our own exports check clean; each planted deviation is reported.

The deviations are planted by editing one attribute in a copy of an export, the way a clerk's
file drifts: a margin, a theme font, a size, the line pitch, the page number, the signature.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from drafter.check.findings import Finding
from drafter.check.source import check_path
from drafter.layout import DEFAULT_LAYOUT
from drafter.tree import Document, Heading, Paragraph, Signature

ROOT = Path(__file__).resolve().parent.parent


def sample_document() -> Document:
    return Document(
        title="示例县自然资源局关于2024年法治政府建设情况的报告",
        addressee="示例县人民政府",
        blocks=[
            Paragraph("2024年以来，我局坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下："),
            Heading(1, "2024年推进法治政府建设的主要举措和成效"),
            Heading(2, "加强学法用法", run_in=True, body="全年组织专题学法12次，举办法治讲座4场。"),
            Heading(2, "规范行政执法"),
            Heading(3, "落实执法公示制度", run_in=True, body="全年公示执法信息520条。"),
            Heading(3, "落实法制审核制度", run_in=True, body="全年开展法制审核36件。"),
            Heading(1, "2024年推进法治政府建设存在的不足和原因"),
            Paragraph("基层执法力量与任务还不相适应。"),
            Heading(1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
            Paragraph("局主要负责人带头学法，年内专题研究法治工作4次。"),
            Heading(1, "2025年工作打算"),
            Paragraph("2025年，我局将持续深化依法行政，提升执法规范化水平。"),
        ],
        closing="特此报告。",
        signature=Signature("示例县自然资源局", "2025年1月16日"),
    )


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    from drafter.export.docx import write_docx

    path = tmp_path / "report.docx"
    write_docx(sample_document(), path, DEFAULT_LAYOUT)
    return path


def planted(source: Path, part: str, change: Callable[[str], str]) -> Path:
    """A copy of ``source`` with one part's XML changed; the change must take effect."""
    target = source.with_name(f"planted-{part.replace('/', '-')}")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                changed = change(text)
                assert changed != text, "the planted change did not apply"
                data = changed.encode("utf-8")
            new.writestr(info, data)
    return target


def sub(pattern: str, replacement: str, count: int = 0) -> Callable[[str], str]:
    return lambda xml: re.sub(pattern, replacement, xml, count=count)


def layout_findings(path: Path) -> list[Finding]:
    return [f for f in check_path(path).findings if f.code.startswith("layout.")]


def test_our_export_checks_clean(exported: Path) -> None:
    findings = check_path(exported).findings
    assert [(f.code, f.message) for f in findings if f.severity.value != "info"] == []


def test_the_plain_font_variant_checks_clean(tmp_path: Path) -> None:
    from drafter.export.docx import write_docx

    path = tmp_path / "plain.docx"
    write_docx(sample_document(), path, DEFAULT_LAYOUT.with_plain_fonts())
    assert [f.code for f in check_path(path).findings] == []


@pytest.mark.parametrize("name", ["department-2024.yaml", "county-2024.yaml"])
def test_bundled_samples_built_to_docx_check_clean(name: str, tmp_path: Path) -> None:
    from drafter.build import build_file

    output = tmp_path / "sample.docx"
    build_file(ROOT / "sample_inputs" / name, output)
    findings = check_path(output).findings
    assert [(f.code, f.message) for f in findings if f.severity.value in ("error", "warning")] == []


PLANTS: list[tuple[str, str, Callable[[str], str], str, str]] = [
    # (name, part, change, the one code expected, a phrase of its message)
    (
        "margin",
        "word/document.xml",
        sub(r'w:top="2098"', 'w:top="1440"'),
        "layout.margins",
        "上25.4毫米",
    ),
    ("page", "word/document.xml", sub(r'w:h="16838"', 'w:h="15840"'), "layout.page-size", "A4"),
    (
        "theme-font",
        "word/styles.xml",
        sub(
            r'(w:styleId="Normal">.*?)w:eastAsia="仿宋_GB2312"',
            r'\1w:eastAsiaTheme="minorEastAsia"',
            1,
        ),
        "layout.font",
        "正文用的是主题字体",
    ),
    (
        "heading-font",
        "word/styles.xml",
        sub(r'(w:styleId="Heading1">.*?)w:eastAsia="黑体"', r'\1w:eastAsia="宋体"', 1),
        "layout.font",
        "一级标题用的是“宋体”，应为“黑体”",
    ),
    (
        "body-size",
        "word/styles.xml",
        sub(r'(w:styleId="Normal">.*?)<w:sz w:val="32"/>', r'\1<w:sz w:val="28"/>', 1),
        "layout.font-size",
        "正文字号为14磅，应为16磅（三号）",
    ),
    (
        "direct-run-font",
        "word/document.xml",
        sub(
            r'<w:rStyle w:val="RunInBody"/></w:rPr><w:t>全年组织专题学法',
            '<w:rStyle w:val="RunInBody"/><w:rFonts w:eastAsia="宋体"/></w:rPr><w:t>全年组织专题学法',
            1,
        ),
        "layout.font",
        "二级标题后接排的正文用的是“宋体”",
    ),
    (
        "line-pitch",
        "word/styles.xml",
        sub(r'(w:styleId="Normal">.*?)w:line="579"', r'\1w:line="560"', 1),
        "layout.line-pitch",
        "行距为固定值28磅，应为固定值28.95磅",
    ),
    (
        "odd-even",
        "word/settings.xml",
        sub(r"<w:evenAndOddHeaders/>", ""),
        "layout.page-number",
        "单双页",
    ),
    ("dash", "word/footer1.xml", sub("— ", "- "), "layout.page-number", "一字线"),
    (
        "footer-side",
        "word/footer1.xml",
        sub(r'<w:jc w:val="right"/>', '<w:jc w:val="center"/>'),
        "layout.page-number",
        "单页页码应居右并空1字（现为居中",
    ),
    (
        "footer-distance",
        "word/document.xml",
        sub(r'w:footer="\d+"', 'w:footer="720"'),
        "layout.page-number",
        "页脚距边界12.7毫米",
    ),
    (
        "odd-page-number-missing",
        "word/footer1.xml",
        sub(" PAGE ", " DATE "),
        "layout.page-number",
        "单页页脚中没有页码域",
    ),
    (
        "no-page-number",
        "word/document.xml",
        sub(r"<w:footerReference [^>]*/>", ""),
        "layout.page-number",
        "没有页码",
    ),
    (
        "signature",
        "word/document.xml",
        sub(r'(<w:pStyle w:val="Signature"/>.*?)w:right="630"', r'\1w:right="0"', 1),
        "layout.signature",
        "右空",
    ),
    (
        "signature-blank-line",
        "word/document.xml",
        sub(r'(<w:pStyle w:val="Signature"/><w:keepNext/><w:spacing w:before=")579', r"\g<1>0", 1),
        "layout.signature",
        "署名与正文之间空0行，应空1行",
    ),
]


@pytest.mark.parametrize(
    ("name", "part", "change", "code", "phrase"), PLANTS, ids=[p[0] for p in PLANTS]
)
def test_planted_layout_deviation_is_reported(
    exported: Path, name: str, part: str, change: Callable[[str], str], code: str, phrase: str
) -> None:
    findings = layout_findings(planted(exported, part, change))
    assert {f.code for f in findings} == {code}, [f.message for f in findings]
    assert any(phrase in f.message for f in findings), [f.message for f in findings]
    assert all(f.severity.value == "warning" for f in findings)


def test_theme_fonts_are_reported_for_every_kind_of_paragraph_they_reach(exported: Path) -> None:
    path = planted(
        exported,
        "word/styles.xml",
        sub(
            r'(w:styleId="Normal">.*?)w:eastAsia="仿宋_GB2312"',
            r'\1w:eastAsiaTheme="minorEastAsia"',
            1,
        ),
    )
    names = {f.message.split("用的是")[0] for f in layout_findings(path)}
    # Everything that takes its font from Normal; headings and the run-in body have their own.
    assert names == {"正文", "主送机关", "结束语", "发文机关署名", "成文日期"}


def test_the_layout_rules_read_each_body_run_as_import_read_it(exported: Path, monkeypatch) -> None:
    from drafter.word import reading

    read: list[object] = []
    original = reading.run_text

    def counted(run: object) -> str:
        read.append(run)
        return original(run)

    monkeypatch.setattr(reading, "run_text", counted)
    checked = check_path(exported)
    assert checked.docx is not None
    body_runs = [run for p in checked.docx.document.paragraphs for run in p._p.iter(qn("w:r"))]
    assert body_runs and len(read) == len(set(map(id, read)))  # no run's text read twice
    assert {id(run) for run in body_runs} <= set(map(id, read))
