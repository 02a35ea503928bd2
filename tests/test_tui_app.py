"""``drafter edit`` driven through Textual's Pilot: every flow the clerk goes through."""

from __future__ import annotations

import asyncio
import functools
import itertools
import stat
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from textual.widgets import Input, OptionList, Select, Static, Switch, TextArea
from textual.widgets.text_area import Selection

from drafter.tui.app import DrafterApp
from drafter.tui.screens.confirm import ConfirmScreen
from drafter.tui.screens.export import ExportScreen
from drafter.tui.screens.main import MainScreen
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.session import DraftSession
from drafter.tui.widgets.message import MessageLine
from drafter.tui.widgets.outline import OutlineTree
from drafter.tui.widgets.preview import Preview
from drafter.tui.widgets.section_editor import ApproxSelect, FigureInput, SectionEditor
from tests.conftest import ROOT, SAMPLES
from tests.tui_support import conflict_copies, outside_edit, screen_text

WIDE = (120, 40)
SMALL = (80, 24)


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body on a fresh event loop (no pytest-asyncio needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def open_app(path: Path, **options: Any) -> DrafterApp:
    return DrafterApp(path, DraftSession.load(path), **options)


def main_screen(app: DrafterApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def preview(app: DrafterApp) -> str:
    return main_screen(app).query_one(Preview).plain


def figure_input(app: DrafterApp, figure_id: str, key: str = "value") -> FigureInput:
    editor = main_screen(app).editors[main_screen(app).current]
    return next(i for i in editor.query(FigureInput) if i.figure_id == figure_id and i.key == key)


def figure_error(app: DrafterApp, figure_id: str) -> str:
    editor = main_screen(app).editors[main_screen(app).current]
    assert isinstance(editor, SectionEditor)
    field = editor.fields[figure_id]
    error = field.query_one(".figure-error", Static)
    return str(error.render()) if error.display else ""


def message(app: DrafterApp) -> str:
    """What the message line of the draft's screen says ("" while it is hidden)."""
    line = main_screen(app).query_one(MessageLine)
    return str(line.render()) if line.display else ""


def outline_label(app: DrafterApp, section_id: str) -> str:
    tree = main_screen(app).query_one(OutlineTree)
    return str(tree.nodes_by_section[section_id].label)


async def goto(app: DrafterApp, pilot: Any, section_id: str) -> None:
    await main_screen(app).open_section(section_id, focus=True)
    await pilot.pause()


async def terminal_type(app: DrafterApp, pilot: Any, text: str) -> None:
    """Type as a terminal delivers text (an IME commits it the same way): through Textual's own
    input parser, so full-width punctuation arrives as it does for the clerk.  (Pilot.press
    drops characters such as ，and 。 whose key names it cannot map back.)"""
    from textual._xterm_parser import XTermParser

    assert app._driver is not None
    for event in XTermParser().feed(text):
        app._driver.send_message(event)
    await pilot.pause()


async def retype(pilot: Any, field: FigureInput, text: str) -> None:
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value), *text)
    await pilot.pause()


# --- open ----------------------------------------------------------------------------------


@sync
async def test_open_shows_outline_numbered_as_the_report_and_the_first_section(
    county: Path,
) -> None:
    app = open_app(county)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == "opening"
        assert outline_label(app, "measures").endswith("一、2024年推进法治政府建设的主要举措和成效")
        assert outline_label(app, "xi_thought").endswith("（一）深入学习贯彻习近平法治思想")
        assert outline_label(app, "other").startswith("略")
        assert preview(app).startswith("\u3000\u3000")  # the opening paragraph, indented
        status = str(screen.query_one("#status", Static).render())
        assert "示例市城中区人民政府" in status and "county-2024.yaml" in status
        assert "已保存" in status


@sync
async def test_a_missing_file_opens_the_start_screen_and_creates_the_draft(
    tmp_path: Path,
) -> None:
    path = tmp_path / "新草稿.yaml"
    app = DrafterApp(path, None, default_year=2024)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*"示例县司法局")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert path.exists()
        session = DraftSession.load(path)
        assert session.meta.organisation == "示例县司法局"
        assert session.meta.year == 2024 and session.meta.profile == "department"
        assert (tmp_path / "drafter-draft.schema.json").exists()


@sync
async def test_the_start_screen_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    app = DrafterApp(path, None, default_year=2024)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#start-error", Static)
        assert error.display and "请填写机关全称" in str(error.render())
        assert not path.exists()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0 and not path.exists()


# --- navigate -----------------------------------------------------------------------------


@sync
async def test_next_and_previous_section_keys(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        assert main_screen(app).current == "study"
        assert isinstance(app.focused, FigureInput) and app.focused.figure_id == "study_sessions"
        assert preview(app).startswith("（一）深入学习贯彻习近平法治思想")
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert main_screen(app).current == "measures"
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert main_screen(app).current == main_screen(app).session.section_ids[0]
        assert message(app) == "已经是第一节"


@sync
async def test_jump_from_the_tree(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree = main_screen(app).query_one(OutlineTree)
        tree.focus()
        tree.move_cursor(tree.nodes_by_section["disputes"])
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).current == "disputes"
        assert preview(app).startswith("（七）依法化解矛盾纠纷")


@sync
async def test_the_outline_toggles_at_80_columns(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree = main_screen(app).query_one(OutlineTree)
        assert main_screen(app).has_class("-narrow")
        assert not tree.display or tree.region.width == 0
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert tree.region.width > 0 and app.focused is tree
        tree.move_cursor(tree.nodes_by_section["team"])
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).current == "team"
        assert tree.region.width == 0  # folded away again once a section is chosen


@sync
async def test_command_palette_goes_to_a_section_and_offers_the_actions(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"普法")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert main_screen(app).current == "publicity"
        commands = [text for text, _, _ in _palette_commands(app)]
        assert commands[:5] == ["保存", "检查", "导出 DOCX", "导出到其他位置", "重新载入"]
        assert "跳到 （六）落实“谁执法谁普法”普法责任制，营造尊法学法守法用法氛围" in commands


@sync
async def test_the_command_palette_speaks_chinese_when_nothing_matches(department: Path) -> None:
    from drafter.tui.commands import NO_MATCH, DrafterCommands

    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        provider = DrafterCommands(main_screen(app))
        hits = [hit async for hit in provider.search("qqq")]
        assert [hit.text for hit in hits] == [NO_MATCH]
        hits = [hit async for hit in provider.search("导出")]
        assert [hit.text for hit in hits] == ["导出 DOCX", "导出到其他位置"]


def _palette_commands(app: DrafterApp) -> list[tuple[str, str, object]]:
    from drafter.tui.commands import DrafterCommands

    provider = DrafterCommands(main_screen(app))
    return list(provider._commands())


# --- typing figures and text ----------------------------------------------------------------


@sync
async def test_typing_a_figure_updates_preview_change_and_outline(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        assert "专题学法12次" in preview(app)
        await retype(pilot, figure_input(app, "study_sessions"), "")
        assert "【待填：理论学习中心组学法次数】" in preview(app)
        assert outline_label(app, "study").startswith("缺")
        await pilot.press(*"15")
        await pilot.pause()
        assert "专题学法15次" in preview(app)
        editor = main_screen(app).editors["study"]
        yoy = editor.query(".yoy").first()
        assert str(yoy.render()) == "同比增长50%"
        assert outline_label(app, "study").startswith("✓")


@sync
async def test_chinese_text_in_the_text_area_shows_in_the_preview_and_undoes(
    department: Path,
) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        area = main_screen(app).editors["team"].query_one("#text", TextArea)
        area.focus()
        await pilot.press(*"组织执法骨干赴外地交流学习")
        await pilot.pause()
        assert preview(app).splitlines()[-1] == "\u3000\u3000组织执法骨干赴外地交流学习"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == ""
        assert "交流学习" not in preview(app)


@sync
async def test_chinese_typed_into_inputs_moves_the_ime_cursor_by_two_cells(
    department: Path,
) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        field = figure_input(app, "law_lectures")
        await retype(pilot, field, "")
        before = field.cursor_screen_offset
        await pilot.press(*"四场")
        await pilot.pause()
        assert field.value == "四场"
        assert field.cursor_screen_offset.x - before.x == 4
        await goto(app, pilot, "team")  # its text area is empty
        area = main_screen(app).editors["team"].query_one("#text", TextArea)
        area.focus()
        await pilot.pause()
        start = area.cursor_screen_offset
        await pilot.press(*"中文")
        await pilot.pause()
        assert area.text == "中文"
        assert area.cursor_screen_offset.x - start.x == 4


# --- the approximation word ----------------------------------------------------------------


def approx_select(app: DrafterApp, figure_id: str) -> ApproxSelect:
    editor = main_screen(app).editors[main_screen(app).current]
    return next(s for s in editor.query(ApproxSelect) if s.figure_id == figure_id)


async def open_approx(pilot: Any, select: ApproxSelect) -> OptionList:
    """Open the word's list from the keyboard, as the clerk does (tab to it, enter)."""
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert select.expanded
    return select.query_one(OptionList)


async def choose_approx(pilot: Any, select: ApproxSelect, word: str | None) -> None:
    options = await open_approx(pilot, select)
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    target = 0 if word is None else next(i for i, p in enumerate(prompts) if p.startswith(word))
    start = options.highlighted if options.highlighted is not None else -1
    key = "down" if target > start else "up"
    await pilot.press(*[key] * abs(target - start), "enter")
    await pilot.pause()


async def saved(pilot: Any, path: Path, expected: str) -> str:
    """The draft's text once autosave has written ``expected`` into it (within 2 seconds)."""
    changed = time.monotonic()
    while expected not in (text := path.read_text(encoding="utf-8")):
        assert time.monotonic() - changed < 2.0, f"not saved within 2 seconds: {expected}"
        await pilot.pause(0.05)
    return text


@sync
async def test_choosing_the_approximation_word_updates_the_preview_and_the_file(
    department: Path,
) -> None:
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        assert "培训530余人次" in preview(app)
        select = approx_select(app, "trainees")
        assert select.word == "余"
        await choose_approx(pilot, select, None)
        assert select.word is None
        assert "培训530人次，" in preview(app)
        await saved(pilot, department, "      trainees: {value: 530, last: 460}\n")
        await choose_approx(pilot, select, "余")
        assert select.word == "余"
        assert "培训530余人次" in preview(app)
        text = await saved(pilot, department, "trainees: {value: 530, last: 460, approx: 余}\n")
        # two more, each in its place in the sentence
        for figure, word in (("trainings", "以上"), ("certified_officers", "超")):
            await choose_approx(pilot, approx_select(app, figure), word)
        assert "执法业务培训10次以上" in preview(app)
        assert "现有持证执法人员超142人" in preview(app)
        await saved(pilot, department, "certified_officers: {value: 142, last: 138, approx: 超}")
    reloaded = DraftSession.load(department)
    figures = reloaded.draft.sections["team"].figures
    assert figures["trainees"].approx == "余"
    assert figures["trainings"].approx == "以上"
    assert "培训530余人次" in reloaded.preview("team")[1].text
    assert text.splitlines()[:3] == department.read_text(encoding="utf-8").splitlines()[:3]


@sync
async def test_the_open_word_list_reads_intact_over_the_figures(department: Path) -> None:
    """Every word of the open list is on the screen whole at 80 columns (Textual drops a wide
    character of an overlay that crosses the edge of a widget below it)."""
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        options = await open_approx(pilot, approx_select(app, "trainings"))
        words = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert words == ["无", "余", "多", "以上", "超", "近", "约"]
        strips = app.screen._compositor.render_strips()
        region = options.content_region
        shown = [strips[region.y + i].crop(region.x, region.right).text.strip() for i in range(7)]
        assert shown == words
        await pilot.press("escape")
        await pilot.pause()
        assert app.session is not None and not app.session.dirty


@sync
async def test_rates_offer_no_word_and_the_change_still_fits_at_80_columns(
    department: Path,
) -> None:
    from rich.cells import cell_len

    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "oversight")  # holds a percentage figure
        editor = main_screen(app).editors["oversight"]
        assert isinstance(editor, SectionEditor)
        session = app.session
        assert session is not None
        rows = session.figure_rows("oversight")
        assert any(row.kind == "percentage" for row in rows)
        for row in rows:
            field = editor.fields[row.id]
            assert bool(field.query(ApproxSelect)) == (row.kind != "percentage"), row.id
        await goto(app, pilot, "team")
        editor = main_screen(app).editors["team"]
        for field in editor.query(".yoy").results(Static):
            text = str(field.render())
            assert text and cell_len(text) <= field.content_region.width, text


# --- validation -----------------------------------------------------------------------------


@sync
async def test_wrong_values_show_their_problem_inline(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        field = figure_input(app, "law_lectures")
        await retype(pilot, field, "-3")
        assert figure_error(app, "law_lectures") == "本年：不能为负数，实际为 -3"
        assert field.has_class("-invalid")
        assert outline_label(app, "study").startswith("错")
        await retype(pilot, field, "四")
        assert "应为非负整数（阿拉伯数字）" in figure_error(app, "law_lectures")
        await retype(pilot, field, "4")
        assert figure_error(app, "law_lectures") == ""
        assert not field.has_class("-invalid")
        # a numerator above its denominator, shown where the clerk types
        await retype(pilot, figure_input(app, "exam_passed"), "80")
        assert "法律知识考试通过率不能超过 100%" in figure_error(app, "exam_passed")
        assert "法律知识考试通过率不能超过 100%" in figure_error(app, "exam_takers")
        status = str(main_screen(app).query_one("#status", Static).render())
        assert "错误 1" in status


@sync
async def test_a_part_above_its_total_is_shown(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "rules")
        await retype(pilot, figure_input(app, "normative_repealed"), "10")
        message = figure_error(app, "normative_repealed")
        assert "超过了清理规范性文件件数 9" in message
        await retype(pilot, figure_input(app, "normative_cleaned", "last"), "0")
        assert "上年" in figure_error(app, "normative_cleaned")


# --- phrasing and switching sections off ---------------------------------------------------


@sync
async def test_switching_phrasing_changes_the_preview(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        before = preview(app)
        select = main_screen(app).editors["study"].query_one(Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert select.value == "brief"
        assert preview(app) != before
        assert preview(app).startswith("（一）深入学习贯彻习近平法治思想")
        assert app.session is not None
        assert app.session.yaml.section_plain("study")["phrasing"] == "brief"


@sync
async def test_switching_a_section_off_renumbers_the_outline(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert outline_label(app, "powers").endswith(
            "（二）深化“放管服”改革，规范权责清单和行政审批"
        )
        await goto(app, pilot, "study")
        switch = main_screen(app).editors["study"].query_one(Switch)
        switch.focus()
        await pilot.press("space")
        await pilot.pause()
        assert not switch.value
        assert outline_label(app, "study") == "略 深入学习贯彻习近平法治思想，推动领导干部学法用法"
        assert outline_label(app, "powers").endswith(
            "（一）深化“放管服”改革，规范权责清单和行政审批"
        )
        assert "本部分已关闭" in preview(app)
        await goto(app, pilot, "powers")
        assert preview(app).startswith("（一）深化“放管服”改革")
        await goto(app, pilot, "study")
        switch.focus()
        await pilot.press("space")
        await pilot.pause()
        assert outline_label(app, "powers").endswith(
            "（二）深化“放管服”改革，规范权责清单和行政审批"
        )


# --- saving ----------------------------------------------------------------------------------


@sync
async def test_autosave_within_two_seconds_keeps_comments_and_reloads(department: Path) -> None:
    text = department.read_text(encoding="utf-8")
    department.write_text(
        text.replace("  team:\n", "  team:  # 队伍建设：数字请与人事科核对\n"), encoding="utf-8"
    )
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        before = department.read_text(encoding="utf-8")
        await retype(pilot, figure_input(app, "trainings"), "12")
        area = main_screen(app).editors["team"].query_one("#text", TextArea)
        area.focus()
        await pilot.press(*"开展岗位练兵")
        changed = time.monotonic()
        while department.read_text(encoding="utf-8") == before:
            assert time.monotonic() - changed < 2.0, "not saved within 2 seconds"
            await pilot.pause(0.05)
        await pilot.pause(1.2)  # the last keystrokes' save, too
        saved = department.read_text(encoding="utf-8")
        assert "  team:  # 队伍建设：数字请与人事科核对\n" in saved
        assert "      trainings: {value: 12, last: 8}\n" in saved
        status = str(main_screen(app).query_one("#status", Static).render())
        assert "已保存" in status
    reloaded = DraftSession.load(department)
    assert reloaded.state("team").entry.text == "开展岗位练兵"
    assert "执法业务培训12次" in "".join(line.text for line in reloaded.preview("team"))
    assert not list(department.parent.glob(".*.tmp"))


@sync
async def test_ctrl_q_saves_and_quits_with_code_0(department: Path) -> None:
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "law_lectures"), "9")
        assert "law_lectures: {value: 4," in department.read_text(encoding="utf-8")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert "law_lectures: {value: 9, last: 4}" in department.read_text(encoding="utf-8")


@sync
async def test_ctrl_s_saves_now(department: Path) -> None:
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "law_lectures"), "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "law_lectures: {value: 7, last: 4}" in department.read_text(encoding="utf-8")
        assert message(app) == "已保存"


@sync
async def test_messages_read_whole_at_80x24_and_clear_themselves(department: Path) -> None:
    """Textual drops wide characters of toasts where they cross a widget below
    (Textualize/textual#6357: "已保存" read "已"); the message line is part of the layout."""
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "law_lectures"), "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(app) == "已保存"
        rows = screen_text(app).splitlines()
        assert len(rows) == 24
        assert rows[-2].strip() == "已保存"  # the row above the footer, every character
        assert "已保存" in app.export_screenshot(simplify=True)
        assert not app._notifications
        app.say("导出完成：已导出到 报告.docx", timeout=0.2)
        await pilot.pause()
        assert "导出完成：已导出到 报告.docx" in screen_text(app).splitlines()[-2]
        await until(pilot, lambda: message(app) == "", "the note clears itself")
        assert "导出完成" not in screen_text(app)


@sync
async def test_a_failed_save_stays_on_the_message_line_until_dismissed(
    department: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "law_lectures"), "7")
        assert app.session is not None

        def refuse() -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.session, "save", refuse)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        said = message(app)
        assert said.startswith("保存失败：无法保存草稿：") and said.endswith("esc 关闭"), said
        assert "保存失败：无法保存草稿" in screen_text(app)
        await retype(pilot, figure_input(app, "law_lectures"), "8")  # typing leaves it shown
        assert message(app) == said
        await pilot.press("escape")
        await pilot.pause()
        assert message(app) == "" and app.session.dirty


@sync
async def test_the_focused_figure_shows_its_help_inline(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        editor = main_screen(app).editors["study"]
        assert isinstance(editor, SectionEditor)

        def helps() -> dict[str, str]:
            return {
                figure_id: str(field.query_one(".figure-help", Static).render())
                for figure_id, field in editor.fields.items()
                if field.query_one(".figure-help", Static).display
            }

        first = figure_input(app, "study_sessions")
        assert app.focused is first and not first.tooltip
        help_text = editor.fields["study_sessions"].row.definition.help
        assert help_text and helps() == {"study_sessions": help_text}
        assert help_text in screen_text(app)
        await retype(pilot, figure_input(app, "study_sessions", "last"), "10")
        assert helps() == {"study_sessions": help_text}
        figure_input(app, "law_lectures").focus()
        await pilot.pause()
        assert list(helps()) == (
            ["law_lectures"] if editor.fields["law_lectures"].row.definition.help else []
        )
        main_screen(app).query_one(OutlineTree).focus()
        await pilot.pause()
        assert helps() == {}


def test_no_toasts_or_tooltips_in_the_editor() -> None:
    """Overlays drop Chinese characters where they cross a widget (Textualize/textual#6357):
    everything transient goes to the message line, help goes inline."""
    package = ROOT / "drafter" / "tui"
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "notify(" in line or "tooltip=" in line or ".tooltip =" in line
    ]
    assert found == []


# --- edits made outside the editor ---------------------------------------------------------


def status_text(app: DrafterApp) -> str:
    return str(main_screen(app).query_one("#status", Static).render())


async def until(pilot: Any, condition: Callable[[], object], what: str, limit: float = 2.0) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, f"{what} within {limit} seconds"
        await pilot.pause(0.05)


@sync
async def test_an_outside_edit_is_kept_and_the_editors_change_goes_beside_it(
    department: Path,
) -> None:
    app = open_app(department, autosave_delay=0.5)  # after the whole retype
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        outside = outside_edit(department)
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await until(pilot, lambda: conflict_copies(department), "a conflict copy")
        await pilot.pause(0.3)
        assert department.read_text(encoding="utf-8") == outside
        [copy] = conflict_copies(department)
        await saved(pilot, copy, "study_sessions: {value: 16, last: 10}")  # the whole retype
        assert "law_lectures: {value: 4, last: 4}" in copy.read_text(encoding="utf-8")
        # Said on the message line, not in a dialog that would take the keys typed meanwhile.
        assert isinstance(app.screen, MainScreen)
        said = message(app)
        assert "为不覆盖这些改动" in said and copy.name in said and "F5" in said
        status = status_text(app)
        assert "外部已修改，未覆盖" in status and copy.name in status and "F5" in status
        # Everything typed from now on keeps being saved, to the copy, by autosave alone.
        await retype(pilot, figure_input(app, "study_sessions"), "17")
        await saved(pilot, copy, "study_sessions: {value: 17, last: 10}")
        await until(pilot, lambda: "已保存到" in status_text(app), "the status")
        main_screen(app).editors["study"].query_one("#text", TextArea).text = "补写的一段。"
        await saved(pilot, copy, "补写的一段。")
        assert department.read_text(encoding="utf-8") == outside
        assert conflict_copies(department) == [copy]
        assert isinstance(app.screen, MainScreen)  # the dialog was said once
        # Exporting builds the saved file, which is not what the editor shows: refused.
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        # F5 asks first (取消 focused), then reads the colleague's file.
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert copy.name in str(dialog.query_one("#confirm-message", Static).render())
        await pilot.press("enter")  # 取消
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.session.conflict is not None
        await pilot.press("f5")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert main_screen(app).current == "study"
        assert app.session is not None and app.session.conflict is None
        assert "举办法治专题讲座6场" in preview(app)
        assert figure_input(app, "study_sessions").value == "12"
        assert "已保存" in status_text(app)
        # Autosave is back, on top of the colleague's edit.
        await retype(pilot, figure_input(app, "exam_takers"), "80")
        text = await saved(pilot, department, "exam_takers: {value: 80, last: 75}")
        assert "law_lectures: {value: 6, last: 4}  # 改为6场（办公室核对）" in text
    assert not department.with_suffix(".docx").exists()


@sync
async def test_a_conflict_found_under_another_dialog_takes_no_keys_and_reloads_with_f5(
    department: Path,
) -> None:
    # Long enough that the review is open before autosave runs, even on a loaded machine.
    app = open_app(department, autosave_delay=4.0)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        outside_edit(department)
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await pilot.press("ctrl+r")  # the review is open when autosave finds the edit
        await pilot.pause()
        await until(pilot, lambda: conflict_copies(department), "the conflict copy", limit=8.0)
        [copy] = conflict_copies(department)
        await saved(pilot, copy, "study_sessions: {value: 16, last: 10}")
        assert isinstance(app.screen, ReviewScreen)  # nothing pushed over it
        await pilot.press("escape")
        await pilot.pause()
        assert "外部修改" in message(app)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert len(app.screen_stack) == 2 and isinstance(app.screen, MainScreen)
        assert main_screen(app).current == "study"
        assert "专题学法12次" in preview(app) and "举办法治专题讲座6场" in preview(app)


@sync
async def test_a_draft_moved_away_is_not_written_back(department: Path) -> None:
    app = open_app(department, autosave_delay=0.5)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        department.rename(department.with_name("归档.yaml"))
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        # Nothing to reload: said on the message line, no dialog takes the keys typed meanwhile.
        await until(pilot, lambda: "已被删除或移走" in message(app), "the notice")
        assert isinstance(app.screen, MainScreen)
        status = status_text(app)
        assert "草稿已被移走" in status and "F5" not in status
        # Autosave may have caught the retype half done; the rest follows it into the copy.
        await until(
            pilot,
            lambda: any(
                "study_sessions: {value: 16, last: 10}" in copy.read_text(encoding="utf-8")
                for copy in conflict_copies(department)
            ),
            "the whole retype in the conflict copy",
        )
    assert not department.exists()
    [copy] = conflict_copies(department)
    assert "study_sessions: {value: 16, last: 10}" in copy.read_text(encoding="utf-8")


@sync
async def test_a_read_only_draft_is_not_written_and_every_change_goes_to_the_copy(
    department: Path,
) -> None:
    original = department.read_text(encoding="utf-8")
    department.chmod(0o444)
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await until(pilot, lambda: conflict_copies(department), "a copy")
        # Said on the message line: no dialog takes the keys typed meanwhile.
        await until(pilot, lambda: "是只读的" in message(app), "the notice")
        assert isinstance(app.screen, MainScreen)
        [copy] = conflict_copies(department)
        await saved(pilot, copy, "study_sessions: {value: 16, last: 10}")
        await retype(pilot, figure_input(app, "study_sessions"), "17")
        await saved(pilot, copy, "study_sessions: {value: 17, last: 10}")
        assert "草稿只读" in status_text(app)
    assert department.read_text(encoding="utf-8") == original
    assert stat.S_IMODE(department.stat().st_mode) == 0o444
    assert conflict_copies(department) == [copy]


@sync
async def test_a_symlinked_draft_is_saved_into_the_real_file_with_its_permissions(
    department: Path, tmp_path: Path
) -> None:
    real = tmp_path / "共享盘" / "草稿.yaml"
    real.parent.mkdir()
    department.rename(real)
    real.chmod(0o640)
    department.symlink_to(real)
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await saved(pilot, real, "study_sessions: {value: 16, last: 10}")
    assert department.is_symlink() and department.resolve() == real.resolve()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["草稿.yaml"]
    assert not conflict_copies(department)


@sync
async def test_a_value_that_does_not_read_never_replaces_the_last_valid_one_on_disk(
    department: Path,
) -> None:
    from drafter.tui.session import META_ID
    from drafter.tui.widgets.meta_editor import MetaEditor, MetaInput

    app = open_app(department, autosave_delay=0.1)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        figure_input(app, "study_sessions").focus()  # selects the figure: typing replaces it
        await pilot.pause()
        await terminal_type(app, pilot, "十二")
        assert figure_input(app, "study_sessions").value == "十二"
        assert "应为" in figure_error(app, "study_sessions")
        await retype(pilot, figure_input(app, "law_lectures"), "5")  # a valid change beside it
        text = await saved(pilot, department, "law_lectures: {value: 5, last: 4}")
        assert "study_sessions: {value: 12, last: 10}" in text
        # The date emptied to type another, then a wrong one: the file keeps the last date.
        await goto(app, pilot, META_ID)
        editor = main_screen(app).editors[META_ID]
        assert isinstance(editor, MetaEditor)
        date = next(i for i in editor.query(MetaInput) if i.field == "date")
        date.focus()
        await pilot.press("end", *["backspace"] * len(date.value))
        await pilot.pause(0.3)
        await pilot.press(*"2025-13")
        await pilot.pause(0.3)
        assert "date: 2025-01-20" in department.read_text(encoding="utf-8")
        await pilot.press("backspace", "backspace", *"2-3")
        await saved(pilot, department, "date: 2025-02-03")
        await pilot.press("end", *["backspace"] * len(date.value))
        await terminal_type(app, pilot, "2025年2月4日")
        await saved(pilot, department, "date: 2025-02-04")
    text = department.read_text(encoding="utf-8")
    assert "study_sessions: {value: 12, last: 10}" in text and "十二" not in text


@sync
async def test_reload_from_the_palette_without_changes_needs_no_question(
    department: Path,
) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        outside_edit(department)
        commands = {text: command for text, _, command in _palette_commands(app)}
        commands["重新载入"]()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "举办法治专题讲座6场" in preview(app)
        assert main_screen(app).current == "study"
        assert message(app) == "已重新载入 department-2024.yaml"
        assert not conflict_copies(department)


@sync
async def test_unsaved_changes_are_dropped_by_reload_only_when_confirmed(
    department: Path,
) -> None:
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "尚未保存的改动" in str(dialog.query_one("#confirm-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert "专题学法16次" in preview(app)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert "专题学法12次" in preview(app)
        assert app.session is not None and not app.session.dirty
    assert "study_sessions: {value: 12, last: 10}" in department.read_text(encoding="utf-8")


@sync
async def test_a_broken_outside_edit_is_reported_and_the_editor_kept(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        session = app.session
        department.write_text(
            department.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四"),
            encoding="utf-8",
        )
        await pilot.press("f5")
        await pilot.pause()
        assert app.session is session and isinstance(app.screen, MainScreen)
        said = message(app)
        assert said.startswith("无法重新载入：") and "应为整数" in said and "第5行" in said, said


@sync
async def test_ctrl_q_after_a_conflict_quits_and_says_where_the_copy_is(
    department: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = open_app(department, autosave_delay=60)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        outside = outside_edit(department)
        await retype(pilot, figure_input(app, "study_sessions"), "16")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert department.read_text(encoding="utf-8") == outside
    [copy] = conflict_copies(department)
    assert "study_sessions: {value: 16, last: 10}" in copy.read_text(encoding="utf-8")
    said = "".join(capsys.readouterr().err.split())  # the message, unwrapped
    assert "未覆盖" in said and copy.name in said and "F5" not in said


# --- review and export -------------------------------------------------------------------


@sync
async def test_review_lists_everything_and_jumps_to_the_section(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "disputes")
        await retype(pilot, figure_input(app, "hearings"), "")
        await goto(app, pilot, "team")
        await retype(pilot, figure_input(app, "cert_exam_passed"), "30")
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        texts = [(item.kind, item.section_id) for item in review.items]
        assert ("problem", "team") in texts and ("missing", "disputes") in texts
        summary = str(review.query_one("#review-summary", Static).render())
        assert "错误 1 项" in summary and "待填 1 项" in summary
        options = review.query_one(OptionList)
        options.focus()
        options.highlighted = next(i for i, (_, sid) in enumerate(texts) if sid == "disputes")
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).current == "disputes"


@sync
async def test_export_docx_in_a_worker_beside_the_draft(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        area = main_screen(app).editors["team"].query_one("#text", TextArea)
        area.focus()
        await pilot.press(*"开展执法技能大比武")
        await pilot.press("ctrl+o")  # nothing left open in the draft: one key exports
        assert not isinstance(app.screen, ExportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        output = department.with_suffix(".docx")
        assert output.exists()
        text = "\n".join(p.text for p in DocxDocument(str(output)).paragraphs)
        assert "开展执法技能大比武" in text
        assert "（五）加强执法队伍建设，提升依法行政能力" in text
        status = str(main_screen(app).query_one("#status", Static).render())
        assert "已导出：department-2024.docx" in status
        assert message(app) == f"导出完成：已导出到 {output}"


@sync
async def test_export_never_overwrites_a_docx_edited_since_without_asking(department: Path) -> None:
    from drafter.export.ownership import owner
    from drafter.tui.screens.confirm import ChoiceScreen

    output = department.with_suffix(".docx")
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")  # the first export: nothing there yet
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert owner(output) == "ours"
        await pilot.press("ctrl+o")  # drafter's own, untouched: replaced without a question
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        edited = DocxDocument(str(output))
        edited.add_paragraph("处长手工补充的一段。")
        edited.save(str(output))
        before = output.read_bytes()
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        said = str(dialog.query_one("#confirm-message", Static).render())
        assert "修改过" in said and "department-2024（2）.docx" in said
        await pilot.press("enter")  # 取消 is focused: nothing is written
        await pilot.pause()
        assert output.read_bytes() == before
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#beside")
        await app.workers.wait_for_complete()
        await pilot.pause()
        beside = department.with_name("department-2024（2）.docx")
        assert output.read_bytes() == before and owner(beside) == "ours"
        assert message(app) == f"导出完成：已导出到 {beside}"
        await pilot.press("ctrl+o")  # still edited: asked again; this time overwritten
        await pilot.pause()
        await pilot.click("#overwrite")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert owner(output) == "ours"
    text = "\n".join(p.text for p in DocxDocument(str(output)).paragraphs)
    assert "处长手工补充的一段。" not in text


@sync
async def test_export_to_another_place_from_the_palette(department: Path, tmp_path: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await terminal_type(app, pilot, "导出到其他位置")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.default == department.with_suffix(".docx")
        path = dialog.query_one("#export-path", Input)
        path.value = str(tmp_path / "另存" / "报告.md")
        (tmp_path / "另存").mkdir()
        await pilot.press("enter")  # the focused 导出 button
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (tmp_path / "另存" / "报告.md").read_text(encoding="utf-8")
    assert text.startswith("# 示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告")


@sync
async def test_export_refused_while_the_draft_has_errors(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "law_lectures"), "-1")
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one("#export").disabled
        assert "有 1 处错误，须先改正才能导出" in str(dialog.query_one("#export-summary").render())
        await pilot.press("enter")  # focus is on 查看问题
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert not department.with_suffix(".docx").exists()


@sync
async def test_what_stops_an_export_is_shown(department: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.docx"
    app = open_app(department, export_path=target)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(main_screen(app).query_one("#status", Static).render())
        assert "导出未完成" in status
        said = message(app)
        assert said.startswith("导出未完成：") and "无法写入" in said and said.endswith("esc 关闭")
        assert main_screen(app).query_one(MessageLine).has_class("-error")
        await pilot.pause(0.3)  # an error does not time out
        assert message(app) == said
        await pilot.press("escape")
        await pilot.pause()
        assert message(app) == ""


@sync
async def test_export_text_through_the_core(department: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    app = open_app(department, export_path=target)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await retype(pilot, figure_input(app, "study_sessions"), "")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert any("【待填：理论学习中心组学法次数】" in line for line in lines)


@sync
async def test_figures_contradicting_each_other_in_the_text_stop_the_export(
    department: Path,
) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "team")
        area = main_screen(app).editors["team"].query_one("#text", TextArea)
        area.focus()
        await terminal_type(app, pilot, "组织考试，参考40人，通过30人，通过率95%。")
        assert area.text == "组织考试，参考40人，通过30人，通过率95%。"
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "检查发现" in str(dialog.query_one("#export-summary").render())
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = message(app)
        assert said.startswith("导出未完成：") and "数字相互矛盾" in said, said
    assert not department.with_suffix(".docx").exists()


@sync
async def test_the_signature_pane_takes_the_date(department: Path) -> None:
    from drafter.tui.session import META_ID
    from drafter.tui.widgets.meta_editor import MetaEditor, MetaInput

    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, META_ID)
        editor = main_screen(app).editors[META_ID]
        assert isinstance(editor, MetaEditor)
        date = next(i for i in editor.query(MetaInput) if i.field == "date")
        date.focus()
        await pilot.press("end", *["backspace"] * 10, *"2025-02-30")
        await pilot.pause()
        error = editor.query_one("#date-error", Static)
        assert error.display and "应为日期" in str(error.render())
        await pilot.press("backspace", "backspace", *"01")
        await pilot.pause()
        assert not error.display
        assert preview(app).splitlines()[-1] == "2025年2月1日"
        assert "2025年2月1日" in preview(app)


@sync
async def test_the_start_screen_imports_last_years_report(tmp_path: Path) -> None:
    from drafter.build import build_file

    last_year = tmp_path / "2023年报告.txt"
    source = tmp_path / "draft-2023.yaml"
    source.write_text(
        (SAMPLES / "department-2024.yaml").read_text(encoding="utf-8").replace("2024", "2023"),
        encoding="utf-8",
    )
    build_file(source, last_year)
    path = tmp_path / "draft-2024.yaml"
    app = DrafterApp(path, None, default_year=2024)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        source_input = start.query_one("#source")
        source_input.focus()
        await pilot.press(*str(last_year))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    session = DraftSession.load(path)
    assert session.meta.year == 2024
    assert session.meta.organisation == "示例市城中区城市管理和综合执法局"
    # last year's figures come over as this year's "last", ready for the new values
    lasts = {row.last for sid in session.states for row in session.figure_rows(sid)}
    assert {"12", "79", "75", "356"} <= lasts
    assert session.review_items()  # the new year's values are still to fill


# --- the wording ---------------------------------------------------------------------------

IMPORTED = (
    "    phrasing: custom\n"
    "    template: |\n"
    "      全年举办法治专题讲座{{ law_lectures }}，开展中心组专题学法{{ study_sessions }}。\n"
)


@pytest.fixture
def imported(department: Path) -> Path:
    """The department sample with the study section worded as an imported report was."""
    text = department.read_text(encoding="utf-8")
    assert "  study:\n    phrasing: standard\n" in text
    department.write_text(
        text.replace("  study:\n    phrasing: standard\n", "  study:\n" + IMPORTED),
        encoding="utf-8",
    )
    return department


def wording_area(app: DrafterApp) -> Any:
    from drafter.tui.widgets.section_editor import WordingArea

    return main_screen(app).editors[main_screen(app).current].query_one(WordingArea)


@sync
async def test_rewriting_an_imported_sentence_changes_the_preview_and_the_saved_yaml(
    imported: Path,
) -> None:
    app = open_app(imported, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        area = wording_area(app)
        # The imported wording is in the form, its figures as slots with label and value.
        assert area.text == (
            "全年举办法治专题讲座〔法治专题讲座场次：4场〕，"
            "开展中心组专题学法〔理论学习中心组学法次数：12次〕。"
        )
        area.focus()
        area.cursor_location = (0, area.text.index("法治专题讲座"))
        await terminal_type(app, pilot, "各类")
        # Both characters reach the preview; a loaded machine may take more than one pause.
        await until(pilot, lambda: "全年举办各类法治专题讲座4场" in preview(app), "the preview")
        text = await saved(pilot, imported, "全年举办各类法治专题讲座{{ law_lectures }}")
        assert "study_sessions: {value: 12, last: 10}" in text
        # A figure typed above shows at once in its slot.
        await retype(pilot, figure_input(app, "law_lectures"), "5")
        assert "〔法治专题讲座场次：5场〕" in wording_area(app).text


@sync
async def test_editing_a_built_in_phrasing_makes_it_the_sections_own(department: Path) -> None:
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        area = wording_area(app)
        assert area.text.startswith("〔自称：我局〕把学习贯彻习近平法治思想")
        area.focus()
        area.cursor_location = (0, len(area.text))
        await terminal_type(app, pilot, "全年无违法违纪问题。")
        assert "全年无违法违纪问题。" in preview(app)
        text = await saved(pilot, department, "全年无违法违纪问题。")
    assert "    phrasing: custom\n    template: |\n      {{ we }}把学习贯彻" in text
    assert '{{ study_sessions|yoy("，") }}' in text


@sync
async def test_a_slot_cannot_be_corrupted_but_moves_and_deletes_whole(imported: Path) -> None:
    app = open_app(imported, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        area = wording_area(app)
        area.focus()
        before = area.text
        area.cursor_location = (0, before.index("场次") + 1)  # inside the first slot
        await terminal_type(app, pilot, "八")
        await pilot.press("delete")  # deleting a part of the slot deletes it whole
        await pilot.pause()
        assert area.text == before.replace("〔法治专题讲座场次：4场〕", "")
        assert "法治专题讲座，" in preview(app) and "4场" not in preview(app)
        text = await saved(pilot, imported, "全年举办法治专题讲座，开展")
        assert "{{ law_lectures }}" not in text
        await pilot.press("ctrl+z")  # undo brings it back
        await pilot.pause()
        assert area.text == before
        # Move the second slot to the front: cut it whole, paste it at the start.
        start = before.index("〔理论")
        area.selection = Selection((0, start + 2), (0, start + 3))  # a part of it selected
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert "〔理论" not in area.text
        area.cursor_location = (0, 0)
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert area.text.startswith("〔理论学习中心组学法次数：12次〕全年举办")
        assert preview(app).splitlines()[1].strip().startswith("12次全年举办")
        await saved(pilot, imported, "{{ study_sessions }}全年举办法治专题讲座{{ law_lectures }}")


@sync
async def test_bad_template_text_is_reported_at_its_line_and_the_preview_keeps_going(
    imported: Path,
) -> None:
    app = open_app(imported, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        area = wording_area(app)
        area.focus()
        shown = preview(app)
        area.cursor_location = (0, len(area.text))
        await pilot.press("enter")
        await terminal_type(app, pilot, "另起一段{{ ")
        editor = main_screen(app).editors["study"]
        problem = str(editor.query_one(".wording-problem", Static).render())
        assert problem.startswith("第2行：") and "预览仍用上一版表述" in problem
        assert preview(app) == shown
        assert "另起一段" not in imported.read_text(encoding="utf-8")
        await terminal_type(app, pilot, "we }}")
        assert "另起一段我局" in preview(app)
        assert not editor.query_one(".wording-problem", Static).display
        await saved(pilot, imported, "另起一段{{ we }}")


# --- drawn whole, in Chinese ---------------------------------------------------------------


@sync
async def test_at_80_columns_the_open_outline_leaves_the_form_40_columns(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = main_screen(app)
        assert screen.query_one(OutlineTree).region.width > 0
        assert screen.editors["study"].region.width >= 40
        assert "预览" not in screen_text(app)  # the preview gives way while the outline is open
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.query_one(Preview).region.width > 0


@pytest.mark.parametrize("size", [SMALL, WIDE])
@sync
async def test_the_preview_breaks_lines_by_chinese_rules(county: Path, size: tuple[int, int]) -> None:
    from rich.cells import cell_len

    app = open_app(county)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        preview_pane = screen.query_one(Preview)
        width = preview_pane.line_width
        assert width == preview_pane.body.content_region.width  # the lines as drawn
        checked = 0
        for section_id in screen.session.section_ids:
            await goto(app, pilot, section_id)
            shown = preview_pane.shown.plain.split("\n")
            # Every line as drawn: the whole text, no line wider than the pane …
            assert "".join(shown) == preview_pane.plain.replace("\n", "")
            for before, line in itertools.pairwise(shown):
                assert cell_len(before) <= width, before
                # … none starting with a closing mark, none ending with an opening one …
                assert line[:1] not in "，。、；：）”》！？%", (before, line)
                assert before[-1:] not in "（“《", (before, line)
                # … and no number split across two lines.
                assert not (before[-1:].isdigit() and line[:1].isdigit()), (before, line)
                checked += 1
        assert checked > 20


@sync
async def test_an_open_drop_down_says_in_chinese_how_to_close_it(department: Path) -> None:
    app = open_app(department)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await goto(app, pilot, "study")
        select = main_screen(app).editors["study"].query_one("#phrasing", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert select.expanded
        text = screen_text(app)
        assert "关闭列表" in text and "Dismiss" not in text


# --- review items are work -----------------------------------------------------------------


@pytest.fixture
def to_review(department: Path) -> Path:
    text = department.read_text(encoding="utf-8")
    marker = "      exam_passed: {value: 75, last: 69}\n"
    assert marker in text
    department.write_text(
        text.replace(
            marker,
            marker + "    review:\n      - 核对讲座场次\n      - 改写“2023年7月3日”一句\n",
        ),
        encoding="utf-8",
    )
    return department


@sync
async def test_a_review_item_is_jumped_to_and_finished(to_review: Path) -> None:
    from drafter.tui.widgets.section_editor import ReviewCheck

    app = open_app(to_review, autosave_delay=0.2)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        # Nothing to fill in, but two items to review: not 已完成.
        assert outline_label(app, "study").startswith("核")
        assert "待核对 2" in status_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        options = review.query_one(OptionList)
        options.focus()
        options.highlighted = next(
            i for i, item in enumerate(review.items) if item.text == "改写“2023年7月3日”一句"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).current == "study"
        focused = app.focused
        assert isinstance(focused, ReviewCheck) and focused.note == "改写“2023年7月3日”一句"
        await pilot.press("space")  # done
        await pilot.pause()
        assert "待核对 1" in status_text(app)
        text = await saved(pilot, to_review, "    review:\n      - 核对讲座场次\n")
        assert "2023年7月3日" not in text
        check = main_screen(app).editors["study"].query_one(ReviewCheck)
        check.focus()
        await pilot.press("space")
        await pilot.pause()
        assert outline_label(app, "study").startswith("✓")
        assert "待核对" not in status_text(app)
        text = await saved(pilot, to_review, "exam_passed: {value: 75, last: 69}\n  powers:")
    assert "review" not in text.split("  study:")[1].split("  powers:")[0]
