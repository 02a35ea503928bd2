"""The formatting set directly on a run or paragraph, read from its elements, is what
python-docx's own proxies (``Run.font``, ``Paragraph.alignment``) answer: on hand-written odd
values and on every paragraph of the corpus reports."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.word import direct
from drafter.word.reading import iter_runs, safe
from tests.conftest import ROOT
from tests.word_package import document_xml, write_package

CORPUS = ROOT.parent / "shared" / "corpus"

RUN_PROPERTIES = [
    "",
    "<w:b/>",
    '<w:b w:val="0"/>',
    '<w:b w:val="on"/>',
    '<w:b w:val="maybe"/>',
    '<w:sz w:val="32"/>',
    '<w:sz w:val="21"/>',
    '<w:sz w:val="12pt"/>',
    '<w:sz w:val="5mm"/>',
    '<w:sz w:val="12xx"/>',
    '<w:sz w:val="abc"/>',
    "<w:sz/>",
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/>',
    '<w:rFonts w:eastAsiaTheme="minorEastAsia"/>',
    '<w:rFonts w:ascii="Arial"/><w:b w:val="true"/><w:sz w:val="44"/>',
    '<w:b w:val="0"/><w:sz w:val="32"/><w:b/><w:sz w:val="44"/>',  # the first of each counts
    '<w:rFonts w:ascii="Arial"/><w:rFonts w:ascii="Courier" w:eastAsia="黑体"/>',
]
ALIGNMENTS = [
    "",
    '<w:jc w:val="center"/>',
    '<w:jc w:val="right"/>',
    '<w:jc w:val="middle"/>',
    "<w:jc/>",
]


def _as_python_docx_reads_it(paragraph: Paragraph) -> list[object]:
    read: list[object] = [safe(lambda: paragraph.alignment) == WD_ALIGN_PARAGRAPH.CENTER]
    for element in iter_runs(paragraph._p):
        read.append(_font_as_python_docx_reads_it(Run(element, paragraph)))
    return read


def _font_as_python_docx_reads_it(run: Run) -> tuple[object, ...]:
    font = run.font
    size = safe(lambda: font.size)
    fonts = run.element.rPr.rFonts if run.element.rPr is not None else None
    return (
        safe(lambda: font.bold),
        fonts.get(direct._EAST_ASIA) if fonts is not None else None,
        safe(lambda: font.name),
        size.pt if size is not None else None,
    )


def _as_read_directly(paragraph: Paragraph) -> list[object]:
    read: list[object] = [direct.centered(direct.paragraph_properties(paragraph._p))]
    for element in iter_runs(paragraph._p):
        rpr = direct.run_properties(element)
        if rpr is None:
            read.append((None, None, None, None))
            continue
        read.append(direct.run_format(rpr))
    return read


def test_odd_values_on_runs_and_paragraphs_read_as_python_docx_reads_them(tmp_path):
    body = "".join(
        f"<w:p><w:pPr>{jc}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>字</w:t></w:r>"
        f"<w:r><w:t>无格式</w:t></w:r></w:p>"
        for jc in ALIGNMENTS
        for rpr in RUN_PROPERTIES
    )
    path = write_package(tmp_path / "odd.docx", document_xml(body))
    paragraphs = docx.Document(str(path)).paragraphs
    assert len(paragraphs) == len(ALIGNMENTS) * len(RUN_PROPERTIES)
    for paragraph in paragraphs:
        assert _as_read_directly(paragraph) == _as_python_docx_reads_it(paragraph)
    # The odd values are read at all: a bold, a size in points and a centred paragraph.
    read = [_as_read_directly(p) for p in paragraphs]
    assert any(runs[1][0] is True for runs in read) and any(runs[0] for runs in read)
    assert {runs[1][3] for runs in read} >= {16.0, 10.5, 12.0, None}


@pytest.mark.parametrize("name", ["jiefang-cgj-2023.docx", "chengzhong-zfj-2023.docx"])
def test_corpus_formatting_reads_as_python_docx_reads_it(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the shared corpus is not here")
    paragraphs = docx.Document(str(path)).paragraphs
    assert paragraphs
    for paragraph in paragraphs:
        assert _as_read_directly(paragraph) == _as_python_docx_reads_it(paragraph)


def test_the_first_child_is_what_find_answers(tmp_path: Path) -> None:
    body = '<w:p><w:pPr><w:jc w:val="left"/><w:jc w:val="center"/></w:pPr></w:p>'
    path = write_package(tmp_path / "twice.docx", document_xml(body))
    element = docx.Document(str(path)).paragraphs[0]._p
    ppr = direct.paragraph_properties(element)
    assert ppr is element.find(ppr.tag)
    assert direct.child(ppr, direct._JC) is ppr.find(direct._JC)
    assert not direct.centered(ppr)  # python-docx reads the first w:jc too
    assert direct.child(ppr, direct._B) is None


@pytest.mark.parametrize(
    "inside",
    [
        "<w:r><w:rPr><w:sz/></w:rPr><w:t>报告正文</w:t></w:r>",
        "<w:pPr><w:jc/></w:pPr><w:r><w:t>报告正文</w:t></w:r>",
        "<w:pPr><w:pStyle/></w:pPr><w:r><w:t>报告正文</w:t></w:r>",
    ],
)
def test_a_required_value_left_out_reads_as_not_set(tmp_path: Path, inside: str) -> None:
    from drafter.check.source import check_path

    body = f"<w:p>{inside}</w:p><w:p><w:r><w:t>全年办理案件12件。</w:t></w:r></w:p>"
    path = write_package(tmp_path / "missing.docx", document_xml(body))
    checked = check_path(path)  # no python-docx traceback
    assert [p.text for p in checked.report.paragraphs][:1] == ["报告正文"]
    paragraph = docx.Document(str(path)).paragraphs[0]
    assert _as_read_directly(paragraph) == _as_python_docx_reads_it(paragraph)
