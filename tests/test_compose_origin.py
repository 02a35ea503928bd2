"""A composed block remembers where it came from: its section, and the figures it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose import compose_file, compose_text
from drafter.figures import FigureText, take_marks
from drafter.phrasing import render_string
from drafter.tree import DraftOrigin, Heading, Paragraph
from tests.conftest import SAMPLES


@pytest.mark.parametrize("sample", ["department-2024.yaml", "county-2024.yaml"])
def test_every_composed_block_names_its_section(sample: str) -> None:
    composed = compose_file(SAMPLES / sample)
    sections = list(composed_sections(SAMPLES / sample))
    seen = []
    for block in composed.document.blocks:
        assert isinstance(block.origin, DraftOrigin)
        assert block.origin.section in sections
        if not seen or seen[-1] != block.origin.section:
            seen.append(block.origin.section)
    # blocks come section by section, in the draft's order
    assert seen == [s for s in sections if s in seen]


def composed_sections(path: Path) -> list[str]:
    from drafter.draftfile import parse_draft, read_text
    from drafter.validate import resolve_draft

    draft, lines = parse_draft(read_text(path), path)
    return [s.id for s in resolve_draft(draft, lines, str(path)).sections if s.enabled]


def test_a_paragraph_names_the_figures_it_shows_and_no_others(tmp_path: Path) -> None:
    text = (SAMPLES / "department-2024.yaml").read_text(encoding="utf-8")
    composed = compose_text(text, "d.yaml")
    study = [b for b in composed.document.blocks if b.origin and b.origin.section == "study"]
    heading, first, second = study[0], study[1], study[2]
    assert isinstance(heading, Heading) and heading.origin == DraftOrigin("study", ())
    assert isinstance(first, Paragraph)
    assert first.origin is not None
    assert first.origin.figures == (
        "study_sessions", "law_lectures", "exam_takers", "exam_passed", "exam_pass_rate"
    )  # fmt: skip
    assert second.origin == DraftOrigin("study", ())  # the clerk's own sentence shows none


def test_a_rate_and_a_year_on_year_phrase_name_what_they_are_written_from() -> None:
    draft = """\
meta: {organisation: 示例局, year: 2024, date: 2025-01-20}
sections:
  study:
    phrasing: custom
    template: |
      参考{{ exam_takers }}。
      通过率{{ exam_pass_rate }}{{ exam_takers|yoy("，") }}。
      {{ exam_passed|rate(exam_takers) }}
    figures:
      exam_takers: {value: 80, last: 70}
      exam_passed: {value: 76}
"""
    blocks = compose_text(draft, "d.yaml").document.blocks
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["参考80人。", "通过率95%，同比增长14.3%。", "95%"]
    assert [p.origin.figures for p in paragraphs if p.origin] == [
        ("exam_takers",),
        ("exam_pass_rate", "exam_takers"),
        ("exam_passed", "exam_takers"),
    ]


def test_a_missing_figure_is_shown_by_its_gap_and_named() -> None:
    draft = """\
meta: {organisation: 示例局, year: 2024}
sections:
  study:
    phrasing: custom
    template: "参考{{ exam_takers }}。"
"""
    composed = compose_text(draft, "d.yaml")
    (paragraph,) = [b for b in composed.document.blocks if isinstance(b, Paragraph)]
    assert paragraph.text == "参考【待填：法律知识考试参考人数】。"
    assert paragraph.origin == DraftOrigin("study", ("exam_takers",))


def test_rendering_outside_compose_writes_no_marks() -> None:
    shown = FigureText("95%", ("rate",))
    assert render_string("通过率{{ x }}", {"x": shown}, "t") == "通过率95%"
    assert take_marks("通过率95%") == ("通过率95%", ())
