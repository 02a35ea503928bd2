"""``drafter edit``: who supplies a figure (``from:``) is set beside it, and where
``drafter fill`` took a value from is shown beside it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from textual.widgets import Static

from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import DraftSession
from drafter.tui.widgets.section_editor import FigureInput, SectionEditor, SupplierInput
from tests.tui_support import screen_text

SMALL = (80, 24)
SOURCE = "source: {file: 采集表.xlsx, sheet: 执法大队, cell: F7, date: 2025-01-15}"


def editor(app: DrafterApp) -> SectionEditor:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    current = screen.editors[screen.current]
    assert isinstance(current, SectionEditor)
    return current


async def saved(pilot: Any, path: Path, expected: str) -> str:
    start = time.monotonic()
    while True:
        await pilot.pause(0.05)
        text = path.read_text(encoding="utf-8")
        if expected in text:
            return text
        assert time.monotonic() - start < 10, f"not saved: {expected!r} in\n{text}"


def test_the_clerk_sets_who_supplies_a_figure(department: Path) -> None:
    async def body() -> None:
        app = DrafterApp(department, DraftSession.load(department), autosave_delay=0.1)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await screen.open_section("enforcement", focus=True)
            await pilot.pause()
            field = editor(app).fields["recorders"]
            supplier = field.query_one(SupplierInput)
            assert not supplier.parent.display  # type: ignore[union-attr]
            field.query_one(FigureInput).focus()
            await pilot.pause()
            # Shown while the figure has focus, the catalogue's office as the placeholder.
            assert supplier.parent.display  # type: ignore[union-attr]
            assert (supplier.value, supplier.placeholder) == ("", "执法大队")
            assert "提供科室" in screen_text(app)
            supplier.focus()
            await pilot.press(*"装备科")
            text = await saved(pilot, department, "recorders: {value: 120, last: 96, from: 装备科}")
            # Back to the catalogue's office: the key goes, the default applies again.
            await pilot.press("backspace", "backspace", "backspace")
            text = await saved(pilot, department, "recorders: {value: 120, last: 96}\n")
            assert "from:" not in text

    asyncio.run(body())
    figures = DraftSession.load(department).draft.sections["enforcement"].figures
    assert figures["recorders"].supplier is None


def test_a_value_from_a_workbook_shows_where_it_came_from_until_retyped(department: Path) -> None:
    text = department.read_text(encoding="utf-8")
    text = text.replace(
        "recorders: {value: 120, last: 96}", f"recorders: {{value: 120, last: 96, {SOURCE}}}"
    )
    department.write_text(text, encoding="utf-8")

    async def body() -> None:
        app = DrafterApp(department, DraftSession.load(department), autosave_delay=0.1)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await screen.open_section("enforcement", focus=True)
            await pilot.pause()
            field = editor(app).fields["recorders"]
            source = field.query_one(".figure-source", Static)
            assert source.display
            assert str(source.render()) == "来自 采集表.xlsx 执法大队!F7（2025-01-15）"
            others = [f for key, f in editor(app).fields.items() if key != "recorders"]
            assert not any(f.query_one(".figure-source", Static).display for f in others)
            value = field.query_one(FigureInput)
            value.focus()
            await pilot.press("end", "backspace", "backspace", "backspace", *"130")
            await saved(pilot, department, "recorders: {value: 130, last: 96}\n")
            assert not source.display

    asyncio.run(body())
