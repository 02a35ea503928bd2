"""Snapshots of the main and review screens at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic: a copy of the county sample under a fixed name, no clock, autosave held off so
the status line does not change while the picture is taken, focus on the outline.
Regenerate with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import DraftSession
from drafter.tui.widgets.message import MessageLine
from drafter.tui.widgets.outline import OutlineTree
from drafter.tui.widgets.section_editor import FigureInput
from tests.conftest import SAMPLES

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def app(tmp_path: Path) -> DrafterApp:
    path = tmp_path / "county-2024.yaml"
    shutil.copy(SAMPLES / "county-2024.yaml", path)
    return DrafterApp(path, DraftSession.load(path), autosave_delay=3600)


async def _fill_in(pilot: Any) -> None:
    """Open （一）, leave one figure empty and make one wrong, then look at the outline."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    await screen.open_section("xi_thought", focus=True)
    await pilot.pause()
    editor = screen.editors["xi_thought"]
    fields = {(f.figure_id, f.key): f for f in editor.query(FigureInput)}
    lectures = fields[("law_lectures", "value")]
    lectures.focus()
    await pilot.press("end", *["backspace"] * len(lectures.value))
    passed = fields[("exam_passed", "value")]
    passed.focus()
    await pilot.press("end", *["backspace"] * len(passed.value), *"420")
    screen.query_one(OutlineTree).focus()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare: Any, app: DrafterApp, size: str) -> None:
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_fill_in)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen(snap_compare: Any, app: DrafterApp, size: str) -> None:
    async def review(pilot: Any) -> None:
        await _fill_in(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=review)


@pytest.mark.parametrize("size", SIZES)
def test_conflict_notice(
    snap_compare: Any, app: DrafterApp, size: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft changed on disk while open: the notice on the message line (no dialog to
    take the keys being typed), and the status line."""
    import datetime as dt

    import drafter.tui.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: dt.datetime(2025, 1, 20, 9, 30, 0))

    async def conflict(pilot: Any) -> None:
        await _fill_in(pilot)
        app.path.write_text(
            app.path.read_text(encoding="utf-8") + "# 同事手工补充的一行\n", encoding="utf-8"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=conflict)


def test_saved_message_and_figure_help(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80x24: the focused figure's help under it and "已保存" whole on the message line
    (as toasts and tooltips, both lost characters: Textualize/textual#6357)."""
    # The note clears itself after two seconds; a loaded machine may take longer than that to
    # take the picture, and the picture is of the note, not of its timing.
    monkeypatch.setattr(MessageLine, "clear", lambda self: None)
    path = tmp_path / "department-2024.yaml"
    shutil.copy(SAMPLES / "department-2024.yaml", path)
    app = DrafterApp(path, DraftSession.load(path), autosave_delay=3600)

    async def save(pilot: Any) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        await screen.open_section("study", focus=True)
        await pilot.pause()
        for field in screen.query(Input):
            field.cursor_blink = False  # the cursor shown, whenever the picture is taken
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=save)
