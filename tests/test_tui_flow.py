"""``drafter edit``'s flow from a keystroke to what the clerk sees and exports: one composed
tree per change, and every jump from the review landing on the very place it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as DocxDocument

import drafter.build
import drafter.compose
import drafter.tui.session
from drafter.compose import compose_file
from drafter.export.text import body_lines
from drafter.tui.session import DraftSession


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The sections the session composes and the trees it checks, as they happen; composing
    the whole draft again (as ``drafter build`` does from the file) fails the test."""
    calls: dict[str, list[str]] = {"composed": [], "checked": []}
    compose_section = drafter.tui.session.section_blocks
    check = drafter.tui.session.check_composed

    def section_blocks(section, *args, **options):  # type: ignore[no-untyped-def]
        calls["composed"].append(section.id)
        return compose_section(section, *args, **options)

    def check_composed(composed, *args, **options):  # type: ignore[no-untyped-def]
        calls["checked"].append(composed.document.title)
        return check(composed, *args, **options)

    def whole_draft(*args: object, **options: object) -> None:
        raise AssertionError("the editor composed the whole draft again")

    monkeypatch.setattr(drafter.tui.session, "section_blocks", section_blocks)
    monkeypatch.setattr(drafter.tui.session, "check_composed", check_composed)
    monkeypatch.setattr(drafter.compose, "compose", whole_draft)
    monkeypatch.setattr(drafter.build, "compose_file", whole_draft)
    return calls


def test_one_composition_per_change_serves_preview_review_and_export(
    department: Path, counted: dict[str, list[str]]
) -> None:
    session = DraftSession.load(department)
    counted["composed"].clear()
    session.set_figure("study", "law_lectures", "value", "9")
    assert counted["composed"] == ["study"]  # the section that changed, once
    tree = session.composed()
    for _ in range(2):  # whatever is shown, and however often
        session.preview("study")
        session.preview("team")
        session.outline()
        session.review_items_with_findings()
        session.counts()
        assert session.composed() is tree
    assert len(counted["checked"]) == 1
    assert session.save()
    output = department.with_suffix(".docx")
    result = session.export(output)
    assert result.output == output
    assert counted["composed"] == ["study"] and len(counted["checked"]) == 1
    # What was written is that tree, paragraph for paragraph: the preview's lines among them.
    written = [p.text for p in DocxDocument(str(output)).paragraphs if p.text.strip()]
    lines = body_lines(tree.document)
    first = written.index(lines[0])
    assert written[first : first + len(lines)] == lines
    assert written[0].replace("\n", "") == tree.document.title  # set in two lines
    shown = [line.text for line in session.preview("study")]
    start = lines.index(shown[0])
    assert lines[start : start + len(shown)] == shown
    assert "举办法治专题讲座9场" in "".join(shown)


def test_the_editors_tree_is_the_one_drafter_build_makes_of_the_saved_draft(
    department: Path,
) -> None:
    session = DraftSession.load(department)
    session.set_figure("study", "law_lectures", "value", "9")
    session.set_text("team", "开展执法技能大比武。")
    session.set_meta_text("closing", "特此报告。")
    assert session.save()
    built = compose_file(department)
    assert session.composed().document == built.document
    assert session.composed().gaps == built.gaps


def test_a_change_to_the_signature_recomposes_each_section_once(
    department: Path, counted: dict[str, list[str]]
) -> None:
    session = DraftSession.load(department)
    counted["composed"].clear()
    session.set_organisation("示例市城中区司法局")
    assert sorted(counted["composed"]) == sorted(session.section_ids[:-1])
    tree = session.composed()
    assert tree.document.signature is not None
    assert tree.document.signature.organisation == "示例市城中区司法局"
    assert session.preview("落款")[-2].text == "示例市城中区司法局"
    assert session.composed() is tree
