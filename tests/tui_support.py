"""Helpers the terminal UI's tests share."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App


def outside_edit(path: Path) -> str:
    """A colleague changes a figure by hand while the editor is open; returns their file."""
    text = path.read_text(encoding="utf-8").replace(
        "      law_lectures: {value: 4, last: 4}\n",
        "      law_lectures: {value: 6, last: 4}  # 改为6场（办公室核对）\n",
    )
    assert "改为6场" in text
    path.write_text(text, encoding="utf-8")
    return text


def conflict_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.冲突-*{path.suffix}"))


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as text: the screen (and the ones below a dialog) composited
    exactly as for ``App.export_screenshot``, one line per row."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    console.print(update)
    return console.export_text()
