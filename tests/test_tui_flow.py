"""``drafter edit``'s flow from a keystroke to what the clerk sees and exports: one composed
tree per change, and every jump from the review landing on the very place it names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document as DocxDocument
from textual.widgets import Input, OptionList, Static

import drafter.build
import drafter.compose
import drafter.tui.session
from drafter.compose import compose_file
from drafter.export.text import body_lines
from drafter.tui.places import Place
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.session import DraftSession, ReviewItem
from drafter.tui.widgets.section_editor import WordingArea
from tests.test_tui_app import (
    SMALL,
    main_screen,
    open_app,
    preview,
    saved,
    sync,
    terminal_type,
    until,
)


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


# --- the jump from the review to the very text ----------------------------------------------

WORDED = (
    "    phrasing: custom\n"
    "    template: |\n"
    "      全年举办法治专题讲座{{ law_lectures }}，开展中心组专题学法{{ study_sessions }}。\n"
    "      年中，于2023年7月3日召开专题会议，清单动态调整,及时公布。\n"
    "    review:\n"
    "      - “……于2023年7月3日召开专题会议……”：2023年7月3日是上一年度"
    "具体事件的日期，请改写或删除\n"
)


@pytest.fixture
def worded(department: Path) -> Path:
    """The department sample with the study section worded in two lines of its own, one of
    them written with a half-width comma, and a review note as import writes one."""
    text = department.read_text(encoding="utf-8")
    assert "  study:\n    phrasing: standard\n" in text
    department.write_text(
        text.replace("  study:\n    phrasing: standard\n", "  study:\n" + WORDED), encoding="utf-8"
    )
    return department


def test_a_finding_and_a_note_are_placed_at_their_text_in_the_wording(worded: Path) -> None:
    session = DraftSession.load(worded)
    wording = session.wording("study").text.split("\n")
    comma = next(i for i in session.findings() if i.section_id == "study" and "逗号" in i.text)
    place = session.place(comma)
    assert place is not None and place.area == "wording"
    assert (place.row, place.column) == (1, wording[1].index(","))
    note = next(i for i in session.review_items() if i.kind == "review")
    place = session.place(note)
    assert place is not None
    assert (place.area, place.row, place.column) == ("wording", 1, 3)  # “于2023年7月3日召开…”
    # A quotation of last year's text, whose figure is a slot now, is found as the report
    # writes it: at the slot's line, where the quotation starts.
    quoted = ReviewItem("review", "study", "", "“举办法治专题讲座4场，开展中心”：核对")
    assert session.place(quoted) == Place("wording", 0, 2)
    session.set_text("study", "组织执法人员旁听庭审,撰写心得。")
    places = [session.place(i) for i in session.findings() if i.section_id == "study"]
    assert Place("text", 0, "组织执法人员旁听庭审,撰写心得。".index(",")) in places


@sync
async def test_jumping_from_the_review_puts_the_cursor_at_the_findings_text(worded: Path) -> None:
    app = open_app(worded)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        options = review.query_one(OptionList)
        options.focus()
        options.highlighted = next(
            i
            for i, item in enumerate(review.items)
            if item.kind == "finding" and "逗号" in item.text
        )
        await pilot.press("enter")
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == "study"
        area = screen.editors["study"].query_one(WordingArea)
        assert app.focused is area
        line = area.document.get_line(1)
        assert area.cursor_location == (1, line.index(","))
        # The note lands on the sentence it quotes, not on the section's first field.
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        options = review.query_one(OptionList)
        options.focus()
        options.highlighted = next(
            i for i, item in enumerate(review.items) if item.kind == "review"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is area
        assert area.cursor_location == (1, 3)
        assert area.document.get_line(1)[3:].startswith("于2023年7月3日召开专题会议")


# --- a number typed where a slot was becomes a figure -----------------------------------------

IMPORTED = (
    "    phrasing: custom\n"
    "    template: |\n"
    "      全年举办法治专题讲座{{ law_lectures }}，开展中心组专题学法{{ study_sessions }}。\n"
)


@pytest.fixture
def imported(department: Path) -> Path:
    text = department.read_text(encoding="utf-8")
    department.write_text(
        text.replace("  study:\n    phrasing: standard\n", "  study:\n" + IMPORTED),
        encoding="utf-8",
    )
    return department


@sync
async def test_a_number_typed_where_a_slot_was_is_made_a_figure(imported: Path) -> None:
    app = open_app(imported, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await screen.open_section("study", focus=True)
        await pilot.pause()
        editor = screen.editors["study"]
        area = editor.query_one(WordingArea)
        area.focus()
        area.cursor_location = (0, area.text.index("〔法治专题讲座场次"))
        await pilot.press("delete")  # the whole slot goes
        await terminal_type(app, pilot, "9场")
        assert area.text.startswith("全年举办法治专题讲座9场，")
        offer = editor.query_one(".new-figure")
        await until(pilot, lambda: offer.display, "the offer to make 9场 a figure")
        label = editor.query_one("#new-figure-label", Input)
        assert label.value  # proposed by the figure reader
        assert "“9场”" in str(editor.query_one(".new-figure-note", Static).render())
        label.focus()
        await pilot.press("ctrl+u")  # the proposal cleared: the clerk names it
        await terminal_type(app, pilot, "法治讲座场次")
        assert label.value == "法治讲座场次"
        await pilot.press("enter")
        await pilot.pause()
        # A protected slot where the number was, and a figure of the section above.
        assert area.text.startswith("全年举办法治专题讲座〔法治讲座场次：9场〕，")
        assert not offer.display
        assert "n1" in editor.fields
        assert editor.fields["n1"].query_one(".figure-value", Input).value == "9"
        assert "全年举办法治专题讲座9场" in preview(app)
        text = await saved(pilot, imported, "全年举办法治专题讲座{{ n1 }}")
        figures = yaml.safe_load(text)["sections"]["study"]["figures"]
        assert figures["n1"] == {"label": "法治讲座场次", "unit": "场", "value": 9}
        # It is a figure now: a new value typed above shows in the slot and the preview.
        field = editor.fields["n1"].query_one(".figure-value", Input)
        field.focus()
        await pilot.press("end", "backspace", "1", "1")
        await pilot.pause()
        assert "全年举办法治专题讲座11场" in preview(app)
        assert area.text.startswith("全年举办法治专题讲座〔法治讲座场次：11场〕")
