"""Drawn whole, at 80x24: drop-downs keep every wide character, text areas break their lines by
the Chinese rules, and the report's own lines (title, 主送机关 …) are edited in the form."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import Select, Switch, TextArea

from drafter.draftfile import parse_draft
from drafter.tui.linebreak import NO_LINE_START, wrap_offsets
from drafter.tui.session import META_ID
from drafter.tui.widgets import chinese
from drafter.tui.widgets.meta_editor import MetaEditor, MetaInput
from tests.conftest import SAMPLES
from tests.test_tui_app import (
    SMALL,
    goto,
    main_screen,
    open_app,
    preview,
    saved,
    sync,
    terminal_type,
)
from tests.tui_support import screen_text


@pytest.mark.parametrize("name", ["department-2024.yaml", "county-2024.yaml"])
@sync
async def test_every_phrasing_in_the_open_list_is_drawn_whole_at_80x24(
    tmp_path: Path, name: str
) -> None:
    """Textual drops a wide character of an overlay where it crosses the edge of a widget
    below it (textual#6357): the department's list showed "一句话写明学  成效"."""
    path = tmp_path / name
    path.write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    app = open_app(path, autosave_delay=3600)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lists = 0
        for section_id in main_screen(app).session.section_ids:
            await goto(app, pilot, section_id)
            found = main_screen(app).editors[section_id].query("#phrasing")
            if not found:
                continue
            select = found.first(Select)
            select.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert select.expanded
            shown = screen_text(app)
            options = [label for label, _ in select._options]
            assert len(options) >= 2
            for label in options:
                assert str(label) in shown, (section_id, label)
            await pilot.press("escape")
            await pilot.pause()
            lists += 1
        assert lists >= 12


def test_soft_breaks_fall_where_chinese_allows_them() -> None:
    text = "围绕中心、服务大局，扎实推进依法行政各项工作，全年办理案件1476件，同比下降3%。"
    for width in range(12, 40):  # (narrower, a run like "1476件，" may have to be cut)
        starts = [0, *wrap_offsets(text, width), len(text)]
        lines = [text[a:b] for a, b in itertools.pairwise(starts)]
        assert "".join(lines) == text
        for before, line in itertools.pairwise(lines):
            assert cell_len(before) <= width
            assert line[0] not in NO_LINE_START, (width, before, line)
            assert not (before[-1].isdigit() and line[0].isdigit()), (width, before, line)


@sync
async def test_the_wording_never_starts_a_line_with_a_closing_mark(county: Path) -> None:
    app = open_app(county, autosave_delay=3600)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        checked = textual_would = 0
        for section_id in main_screen(app).session.section_ids[:-1]:
            await goto(app, pilot, section_id)
            area = main_screen(app).editors[section_id].query_one("#wording", TextArea)
            for _ in range(40):  # a pane built just now is laid out, and wrapped, once shown
                if area.wrap_width > 20 and area.wrapped_document._width == area.wrap_width:
                    break
                await pilot.pause(0.05)
            width = area.wrap_width
            assert width > 20 and area.wrapped_document._width == width
            for wrapped in area.wrapped_document.lines:
                for before, line in itertools.pairwise(wrapped):
                    assert line[:1] not in NO_LINE_START, (before, line)
                    assert cell_len(before) <= width
                    checked += 1
            # What Textual alone would have drawn: lines starting with "，" (so this can fail).
            plain = WrappedDocument(area.document, tab_width=area.indent_width)
            original = chinese._wrapped_document.compute_wrap_offsets
            chinese._wrapped_document.compute_wrap_offsets = chinese._textual_wrap
            try:
                plain.wrap(width)
            finally:
                chinese._wrapped_document.compute_wrap_offsets = original
            textual_would += sum(
                line[:1] in NO_LINE_START for wrapped in plain.lines for line in wrapped[1:]
            )
        assert checked > 50
        assert textual_would > 0


@sync
async def test_the_reports_own_lines_are_edited_and_saved(department: Path) -> None:
    app = open_app(department, autosave_delay=0.2)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await goto(app, pilot, META_ID)
        editor = main_screen(app).editors[META_ID]
        assert isinstance(editor, MetaEditor)
        inputs = {i.field: i for i in editor.query(MetaInput)}

        async def retype(field: str, text: str) -> None:
            box = inputs[field]
            box.focus()
            await pilot.press("end", *["backspace"] * len(box.value))
            await terminal_type(app, pilot, text)

        await retype("title", "示例市城中区城市管理和综合执法局2024年法治政府建设年度报告")
        await retype("addressee", "示例市城中区人民政府")
        await retype("closing", "以上报告，请审阅。")
        await retype("short_name", "本局")
        await retype("signature", "示例市城中区城管执法局")
        await retype("date", "2025.1.22")
        editor.query_one("#seal", Switch).focus()
        await pilot.press("space")
        await pilot.pause()
        lines = preview(app).splitlines()
        assert lines[0] == "示例市城中区城市管理和综合执法局2024年法治政府建设年度报告"
        assert lines[1:] == [
            "示例市城中区人民政府：",
            "\u3000\u3000以上报告，请审阅。",
            "示例市城中区城管执法局",
            "2025年1月22日",
        ]
        text = await saved(pilot, department, "seal: true")
        assert "  date: 2025-01-22\n" in text
        # 自称 is written into the text of every section.
        await goto(app, pilot, "study")
        assert "本局把学习贯彻习近平法治思想" in preview(app)
    meta = parse_draft(department.read_text(encoding="utf-8"), department)[0].meta
    assert meta.title == "示例市城中区城市管理和综合执法局2024年法治政府建设年度报告"
    assert meta.addressee == "示例市城中区人民政府"
    assert meta.closing == "以上报告，请审阅。"
    assert meta.short_name == "本局"
    assert meta.signature == "示例市城中区城管执法局"
    assert meta.date is not None and meta.date.isoformat() == "2025-01-22"
    assert meta.seal is True
