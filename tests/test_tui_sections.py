"""The report's structure in ``drafter edit``: sections of the draft's own added, removed, moved
and re-levelled from the outline; the numbers follow, computed, never typed.

First the rules without a screen (:mod:`drafter.restructure`, the session, the YAML), then the
flows through Textual's Pilot, asserting the saved file and what the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.compose import compose_file
from drafter.draftfile import parse_draft
from drafter.restructure import block_end, insertion_point, moved
from drafter.tui.app import DrafterApp
from drafter.tui.screens.confirm import ConfirmScreen
from drafter.tui.screens.heading import HeadingScreen
from drafter.tui.session import META_ID, DraftSession, heading_problem
from drafter.tui.widgets.outline import OutlineTree
from drafter.yamldoc import DraftDocument
from tests.conftest import SAMPLES
from tests.test_tui_app import (
    SMALL,
    WIDE,
    goto,
    main_screen,
    message,
    open_app,
    outline_label,
    preview,
    saved,
    sync,
    terminal_type,
)
from tests.test_tui_smoke import terminal  # noqa: F401 (the fixture)

# A custom section with typed text, after （一） of the department sample.
CUSTOM = (
    "  custom_1:  # 本局自己的部分\n"
    "    heading: 推进数字化执法\n"
    "    level: 2\n"
    "    text: |\n"
    "      建成执法监管平台，案件全部网上办理。\n"
)
STUDY_END = "      exam_passed: {value: 75, last: 69}\n"


@pytest.fixture
def with_custom(department: Path) -> Path:
    text = department.read_text(encoding="utf-8")
    assert STUDY_END + "  powers:\n" in text
    department.write_text(text.replace(STUDY_END, STUDY_END + CUSTOM, 1), encoding="utf-8")
    return department


def section_order(path: Path) -> list[str]:
    draft, _ = parse_draft(path.read_text(encoding="utf-8"), path)
    return list(draft.sections)


def report_headings(path: Path) -> list[str]:
    """The headings of the report built strictly from the saved draft, numbered."""
    from drafter.numbering import number_headings

    composed = compose_file(path)
    headings = composed.document.headings()
    numbers = number_headings(composed.document.blocks)
    return [f"{number}{heading.title}" for number, heading in zip(numbers, headings, strict=True)]


# --- where sections go -----------------------------------------------------------------------

# 开头段, 一、, （一）, （二）, 1., （三）, 二、, （一）
LEVELS = [0, 1, 2, 2, 3, 2, 1, 2]


def test_a_sections_block_holds_the_sections_under_it() -> None:
    assert block_end(LEVELS, 1) == 6  # 一、 and everything to 二、
    assert block_end(LEVELS, 3) == 5  # （二） with its 1.
    assert block_end(LEVELS, 0) == 1  # an unnumbered paragraph is only itself


def test_a_section_added_after_a_heading_takes_none_of_its_subsections() -> None:
    assert insertion_point(LEVELS, 3) == 5  # after （二）'s 1., before （三）
    assert insertion_point(LEVELS, 1) == 6  # after all of 一、
    assert insertion_point(LEVELS, None) == len(LEVELS)


def test_a_section_moves_with_its_subsections_past_its_sibling() -> None:
    assert moved(LEVELS, 3, -1) == [0, 1, 3, 4, 2, 5, 6, 7]  # （二） and its 1. above （一）
    assert moved(LEVELS, 3, 1) == [0, 1, 2, 5, 3, 4, 6, 7]  # … below （三）
    assert moved(LEVELS, 6, -1) == [0, 6, 7, 1, 2, 3, 4, 5]  # 二、 with its （一）


def test_a_first_or_last_subsection_crosses_into_the_neighbouring_section() -> None:
    assert moved(LEVELS, 7, -1) == [0, 1, 2, 3, 4, 5, 7, 6]  # last child of 一、
    assert moved(LEVELS, 5, 1) == [0, 1, 2, 3, 4, 6, 5, 7]  # first child of 二、
    assert moved(LEVELS, 2, -1) is None  # no 一、 above to take the first （一）
    assert moved(LEVELS, 7, 1) is None
    assert moved(LEVELS, 1, -1) is None  # nothing but the opening above 一、


# --- the session -----------------------------------------------------------------------------


def test_a_section_added_moved_and_re_levelled_is_numbered_in_the_built_report(
    department: Path,
) -> None:
    session = DraftSession.load(department)
    section_id = session.add_section("推进数字化执法", 2, "study")
    assert session.outline_entry(section_id).label == "（二）推进数字化执法"
    assert session.outline_entry("powers").label.startswith("（三）")
    assert session.move_section(section_id, -1) is None
    assert session.outline_entry(section_id).label == "（一）推进数字化执法"
    assert session.outline_entry("study").label.startswith("（二）")
    assert session.move_section(section_id, -1) == "已经在最前面，不能再上移"
    session.save()
    order = section_order(department)
    assert order[:4] == ["opening", "measures", section_id, "study"]
    assert "（一）推进数字化执法" in report_headings(department)
    # One level up: 二、, and the sections after it are its own （一）（二）… until the next 一、.
    assert session.set_level(section_id, 1) is None
    session.save()
    headings = report_headings(department)
    assert headings[1:3] == ["二、推进数字化执法", "（一）深入学习贯彻习近平法治思想，推动领导干部学法用法"]
    assert "level: 1\n" in department.read_text(encoding="utf-8")


def test_a_removed_section_comes_back_as_it_was_with_its_comments(with_custom: Path) -> None:
    before = with_custom.read_text(encoding="utf-8")
    session = DraftSession.load(with_custom)
    assert session.content_summary("custom_1") == "自行撰写的文字"
    removed = session.remove_section("custom_1")
    assert removed.label == "（二）推进数字化执法"
    assert session.outline_entry("powers").label.startswith("（二）")
    session.save()
    assert "custom_1" not in with_custom.read_text(encoding="utf-8")
    restored = session.restore_section()
    assert restored is not None and restored.id == "custom_1"
    assert session.restore_section() is None
    session.save()
    assert with_custom.read_text(encoding="utf-8") == before


def test_only_the_drafts_own_sections_are_removed_or_re_levelled(department: Path) -> None:
    session = DraftSession.load(department)
    assert "不能删除" in (session.removal_problem("study") or "")
    assert "关闭" in (session.removal_problem("study") or "")  # optional: it can be left out
    assert "必备部分" in (session.removal_problem("measures") or "")
    assert session.removal_problem(META_ID)
    with pytest.raises(ValueError, match="不能删除"):
        session.remove_section("measures")
    assert session.set_level("study", 1)
    section_id = session.add_section("其他工作", 1, META_ID)
    assert session.section_ids[-2:] == [section_id, META_ID]  # at the end, before 落款
    assert session.set_level(section_id, 0) == "已经是一级标题"
    assert session.set_level(section_id, 5) == "已经是四级标题"
    assert not session.dirty or session.save()
    assert section_order(department)[-1] == section_id


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "标题不能为空"),
        ("   ", "标题不能为空"),
        ("（三）推进数字化执法", "不用输入编号“（三）”"),
        ("二、其他工作", "不用输入编号“二、”"),
        ("3.加强队伍建设", "不用输入编号“3.”"),
        ("一是加强学习", None),
        ("2024年工作亮点", None),
    ],
)
def test_a_heading_is_typed_without_its_number(typed: str, problem: str | None) -> None:
    said = heading_problem(typed)
    assert (said is None) if problem is None else (said is not None and said.startswith(problem))


def test_sections_keep_their_comments_when_they_move() -> None:
    text = (SAMPLES / "department-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("  rules:\n", "  # 规范性文件由法制科填写\n  rules:  # 第三部分\n")
    document = DraftDocument(text)
    order = document.section_ids()
    order.remove("rules")
    order.insert(order.index("study"), "rules")
    assert document.arrange_sections(tuple(order))
    dumped = document.dump()
    assert "  measures: {}\n  # 规范性文件由法制科填写\n  rules:  # 第三部分\n" in dumped
    assert DraftDocument(dumped).section_ids() == order


# --- in the editor ---------------------------------------------------------------------------


async def open_outline(app: DrafterApp, pilot: Any, section_id: str) -> OutlineTree:
    """Go to a section and into the outline (at 80 columns, opened with ctrl+t)."""
    await goto(app, pilot, section_id)
    tree = main_screen(app).query_one(OutlineTree)
    if main_screen(app).has_class("-narrow"):
        await pilot.press("ctrl+t")
    else:
        tree.focus()
    await pilot.pause()
    assert app.focused is tree
    assert tree.cursor_section == section_id
    return tree


@sync
async def test_a_custom_section_is_added_and_moved_from_the_outline(department: Path) -> None:
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await open_outline(app, pilot, "study")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HeadingScreen)
        await terminal_type(app, pilot, "（二）推进数字化执法")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # a typed number is refused, and said why
        assert "不用输入编号“（二）”" in str(dialog.query_one("#heading-problem").render())
        await pilot.press("home", *["delete"] * 3, "enter")
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == "custom_1"
        assert outline_label(app, "custom_1").endswith("（二）推进数字化执法")
        assert outline_label(app, "powers").endswith("（三）深化“放管服”改革，规范权责清单和行政审批")
        assert preview(app).startswith("（二）推进数字化执法")
        text = await saved(
            pilot, department, STUDY_END + "  custom_1:\n    heading: 推进数字化执法\n    level: 2\n"
        )
        assert "  custom_1:\n    heading: 推进数字化执法\n    level: 2\n  powers:\n" in text
        # Up, past （一）: now it is （一）, in the file before study.
        await open_outline(app, pilot, "custom_1")
        await pilot.press("shift+up")
        await pilot.pause()
        assert outline_label(app, "custom_1").endswith("（一）推进数字化执法")
        assert outline_label(app, "study").endswith("（二）深入学习贯彻习近平法治思想，推动领导干部学法用法")
        await saved(pilot, department, "  measures: {}\n  custom_1:\n")
        await pilot.press("ctrl+t")  # the preview comes back with the outline closed
        await pilot.pause()
        assert preview(app).startswith("（一）推进数字化执法")
        assert "已上移" in message(app)
    assert section_order(department)[:4] == ["opening", "measures", "custom_1", "study"]
    assert report_headings(department)[1] == "（一）推进数字化执法"


@sync
async def test_a_custom_section_is_re_levelled_removed_after_asking_and_restored(
    with_custom: Path,
) -> None:
    before = with_custom.read_text(encoding="utf-8")
    app = open_app(with_custom, autosave_delay=0.2)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree = await open_outline(app, pilot, "custom_1")
        await pilot.press("shift+left")  # one level up: 二、, and （二）… after it are its own
        await pilot.pause()
        assert outline_label(app, "custom_1").endswith("二、推进数字化执法")
        assert outline_label(app, "powers").endswith("（一）深化“放管服”改革，规范权责清单和行政审批")
        assert preview(app).startswith("二、推进数字化执法")
        await saved(pilot, with_custom, "    heading: 推进数字化执法\n    level: 1\n")
        await pilot.press("shift+right")
        await pilot.pause()
        assert outline_label(app, "custom_1").endswith("（二）推进数字化执法")
        await saved(pilot, with_custom, "    heading: 推进数字化执法\n    level: 2\n")
        # It holds typed text: removing it asks first; no is no.
        await pilot.press("delete")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "自行撰写的文字" in question.message and "恢复" in question.message
        await pilot.press("escape")
        await pilot.pause()
        assert "custom_1" in main_screen(app).session.states
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert "custom_1" not in tree.nodes_by_section
        assert outline_label(app, "powers").endswith("（二）深化“放管服”改革，规范权责清单和行政审批")
        assert "在大纲中按 u 可恢复" in message(app)
        text = await saved(pilot, with_custom, STUDY_END + "  powers:\n")
        assert "custom_1" not in text and "建成执法监管平台" not in text
        # u puts it back, text, comment and all.
        tree.focus()
        await pilot.press("u")
        await pilot.pause()
        assert outline_label(app, "custom_1").endswith("（二）推进数字化执法")
        assert "建成执法监管平台，案件全部网上办理。" in preview(app)
        await saved(pilot, with_custom, "  custom_1:  # 本局自己的部分\n")
    assert with_custom.read_text(encoding="utf-8") == before


@sync
async def test_a_standard_section_is_not_removed_and_an_empty_one_goes_without_asking(
    department: Path,
) -> None:
    before = department.read_text(encoding="utf-8")
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree = await open_outline(app, pilot, "powers")
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen is main_screen(app)  # no question: it cannot be removed
        assert "可选部分，不能删除" in message(app) and "写入报告" in message(app)
        await pilot.press("shift+left")
        await pilot.pause()
        assert "标准部分级别固定" in message(app)
        assert outline_label(app, "powers").endswith("（二）深化“放管服”改革，规范权责清单和行政审批")
        # Added from the palette's command, then removed at once: it had nothing in it.
        commands = {text: run for text, _, run in _commands(app)}
        assert "恢复删除的部分" not in commands
        commands["添加部分"]()
        await pilot.pause()
        await terminal_type(app, pilot, "其他工作")
        await pilot.press("enter")
        await pilot.pause()
        assert outline_label(app, "custom_1").endswith("（三）其他工作")
        tree.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "custom_1" not in tree.nodes_by_section
        commands = {text: run for text, _, run in _commands(app)}
        assert "恢复删除的部分" in commands
        await saved(pilot, department, before)  # added and removed: nothing to write
        assert not main_screen(app).session.dirty
    assert department.read_text(encoding="utf-8") == before


def _commands(app: DrafterApp) -> list[tuple[str, str, Callable[[], object]]]:
    from drafter.tui.commands import DrafterCommands

    return list(DrafterCommands(main_screen(app))._commands())



def test_every_message_the_editor_posts_is_a_dataclass() -> None:
    """Textual's way of declaring a message: its fields, nothing hand-written (issue 11)."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    from textual.message import Message

    import drafter.tui

    messages = []
    for module_info in pkgutil.walk_packages(drafter.tui.__path__, "drafter.tui."):
        module = importlib.import_module(module_info.name)
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass)]
        for owner in classes:
            if owner.__module__ != module.__name__:
                continue
            for candidate in [owner, *vars(owner).values()]:
                if inspect.isclass(candidate) and issubclass(candidate, Message):
                    messages.append(candidate)
    names = {message.__qualname__ for message in messages}
    assert {"OutlineTree.SectionChosen", "OutlineTree.MoveRequested"} <= names
    assert len(names) >= 15
    assert [m.__qualname__ for m in messages if not dataclasses.is_dataclass(m)] == []


@sync
async def test_a_custom_sections_heading_is_edited_in_its_pane_without_a_number(
    with_custom: Path,
) -> None:
    from textual.widgets import Input

    app = open_app(with_custom, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "custom_1")
        editor = main_screen(app).editors["custom_1"]
        heading = editor.query_one("#heading", Input)
        assert heading.value == "推进数字化执法"
        heading.focus()
        await pilot.press("end", *["backspace"] * 3)
        await terminal_type(app, pilot, "监管平台建设")
        assert outline_label(app, "custom_1").endswith("（二）推进数字监管平台建设")
        assert preview(app).startswith("（二）推进数字监管平台建设")
        await saved(pilot, with_custom, "    heading: 推进数字监管平台建设\n")
        # A number typed in front is refused, said under the box, never saved.
        await pilot.press("home")
        await terminal_type(app, pilot, "（三）")
        problem = editor.query_one(".heading-problem")
        assert problem.display and "不用输入编号“（三）”" in str(problem.render())
        assert "（三）推进" not in preview(app)
        await pilot.press("home", *["delete"] * 3)
        await pilot.pause()
        assert not problem.display
        assert preview(app).startswith("（二）推进数字监管平台建设")
        await saved(pilot, with_custom, "    heading: 推进数字监管平台建设\n")
    assert "    heading: 推进数字监管平台建设\n" in with_custom.read_text(encoding="utf-8")
    assert "（三）" not in with_custom.read_text(encoding="utf-8")


def test_in_a_real_80x24_terminal_a_section_is_added_and_moved_up(
    terminal: Callable[[Path, int, int], Any],  # noqa: F811 (the fixture imported above)
    department: Path,
) -> None:
    """The keys as a terminal sends them (tmux): n, the heading, enter, ctrl+t, shift+up."""
    import shutil as _shutil
    import time

    if _shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    term = terminal(department, 80, 24)
    term.wait_for(lambda s: "开头段" in s and "保存退出" in s)
    term.keys("C-t")
    term.wait_for(lambda s: "n 添加" in s and "⇧↑⇧↓ 移动" in s)  # the outline's keys, in Chinese
    term.keys("Down", "Down")
    term.keys("n")
    term.wait_for(lambda s: "添加部分" in s and "标题不含编号" in s)
    term.keys("推进数字化执法")
    term.wait_for(lambda s: "推进数字化执法" in s)
    term.keys("Enter")
    term.wait_for(lambda s: "（二）推进数字化执法" in s and "已添加" in s)
    term.keys("C-t")
    term.wait_for(lambda s: "n 添加" in s)
    term.keys("S-Up")
    term.wait_for(lambda s: "（一）推进数字化执法" in s and "已上移" in s)
    typed = time.monotonic()
    while section_order(department)[2:4] != ["custom_1", "study"]:
        assert time.monotonic() - typed < 2.0, "not on disk 2 seconds after the last keystroke"
        time.sleep(0.05)
    term.keys("C-q")
    assert report_headings(department)[1] == "（一）推进数字化执法"
