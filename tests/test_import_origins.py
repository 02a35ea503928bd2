"""Every imported block remembers the source paragraph it came from: its place, its text as
written and, for a .docx, python-docx's element of that very paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.text.paragraph import CT_P

from drafter.importer import read_report
from drafter.tree import SourceOrigin

LINES = [
    "示例局关于2024年法治政府建设情况的报告",
    "2024年以来，我局依法行政 ,现将有关情况报告如下：",
    "一、主要举措",
    "（一）学法。全年学法12次。",
    "全年办理案件36件。",
    "特此报告。",
    "示例局",
    "2025年1月8日",
]


def test_every_block_of_a_text_file_knows_its_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    document = read_report(path).document
    origins = [block.origin for block in document.blocks]
    assert all(isinstance(o, SourceOrigin) for o in origins)
    assert [(o.line, o.text) for o in origins if isinstance(o, SourceOrigin)] == [
        (3, LINES[1]),
        (5, LINES[2]),
        (7, LINES[3]),
        (9, LINES[4]),
    ]
    assert [(role, o.line) for role, o in document.frame] == [
        ("title", 1),
        ("closing", 11),
        ("signature", 13),
        ("date", 15),
    ]


def test_every_block_of_a_word_file_holds_its_paragraph_element(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    word = docx.Document()
    for line in LINES:
        word.add_paragraph(line)
    word.save(str(path))
    document = read_report(path).document
    elements = [p._p for p in docx.Document(str(path)).paragraphs]
    for block in document.blocks:
        origin = block.origin
        assert isinstance(origin, SourceOrigin) and isinstance(origin.element, CT_P)
        assert origin.text == LINES[origin.index]
        # The element read is the paragraph at that place in the body.
        assert origin.element.xpath("string(.)") == elements[origin.index].xpath("string(.)")
    assert [o.index for _, o in document.frame] == [0, 5, 6, 7]
