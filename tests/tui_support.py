"""Helpers the terminal UI's tests share."""

from __future__ import annotations

from pathlib import Path


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
