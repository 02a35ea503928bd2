"""Where a review item's text stands in the section pane: the row and column of the wording
(slots and all) or of the clerk's own text, for the review screen's jump.  No Textual.

A finding knows its block by origin (:class:`~drafter.tree.DraftOrigin`) and its place in the
block's text; the block is one paragraph of the section's wording as written now, or of the
clerk's own text after it.  Each wording line is read as the report writes it (its slots by
their values) with, for every character, the column it comes from, so a place in the report's
paragraph is a place in the line the clerk edits.  A review note written by import quotes the
source (“……”): it is found in the wording by that quotation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from drafter.tui.wording import SLOT, Wording

_QUOTED = re.compile(r"“([^”]+)”")
_MIN_MATCH = 4  # characters of a quotation that must stand together in a line


@dataclass(frozen=True)
class Place:
    """A place in the section pane: ``area`` is the wording or the clerk's own text."""

    area: Literal["wording", "text"]
    row: int
    column: int


def written_line(line: str, wording: Wording) -> tuple[str, list[int]]:
    """A wording line as the report writes it, and for each of its characters the column of
    the line it comes from (a slot's characters all come from the slot's first column)."""
    text: list[str] = []
    columns: list[int] = []
    at = 0
    for match in SLOT.finditer(line):
        text.append(line[at : match.start()])
        columns.extend(range(at, match.start()))
        slot = wording.slots.get(match.group(1))
        value = slot.value if slot is not None else ""
        text.append(value)
        columns.extend([match.start()] * len(value))
        at = match.end()
    text.append(line[at:])
    columns.extend(range(at, len(line)))
    columns.append(len(line))  # the end of the line
    return "".join(text), columns


def _own_rows(own_text: str) -> list[tuple[int, str]]:
    """The rows of the clerk's own text that are paragraphs, with their text."""
    return [(row, line) for row, line in enumerate(own_text.split("\n")) if line.strip()]


def paragraph_place(
    wording: Wording, own_text: str, index: int, paragraph: str, offset: int
) -> Place | None:
    """Where character ``offset`` of the section's paragraph ``index`` (counted over its
    wording's paragraphs, then its own text's) is in the pane."""
    own = _own_rows(own_text)
    lines = wording.text.split("\n")
    written = [(row, *written_line(line, wording)) for row, line in enumerate(lines)]
    shown = [(row, text, columns) for row, text, columns in written if text.strip()]
    from_wording = len(shown)
    if index >= from_wording and index - from_wording < len(own):
        row, line = own[index - from_wording]
        lead = len(line) - len(line.lstrip())
        return Place("text", row, min(len(line), lead + offset))
    # The wording's paragraph of that rank, or else the line that writes that very text.
    candidates = [shown[index]] if index < from_wording else []
    candidates += [entry for entry in shown if entry[1].strip() == paragraph]
    for row, text, columns in candidates:
        if text.strip() == paragraph:
            lead = len(text) - len(text.lstrip())
            return Place("wording", row, columns[min(len(columns) - 1, lead + offset)])
    return None


def note_place(wording: Wording, own_text: str, note: str) -> Place | None:
    """Where the text a review note quotes (“……”) is in the pane: the longest stretch of the
    quotation found in a line as the clerk sees it, or as the report writes it."""
    quoted = _QUOTED.search(note)
    if quoted is None:
        return None
    pieces = sorted((p for p in quoted.group(1).split("…") if p), key=len, reverse=True)
    lines = wording.text.split("\n")
    areas: list[tuple[Literal["wording", "text"], list[str]]] = [
        ("wording", lines),
        ("text", own_text.split("\n")),
    ]
    best: tuple[int, Place] | None = None
    for piece in pieces:
        for area, rows in areas:
            for row, line in enumerate(rows):
                if piece in line:
                    return Place(area, row, line.index(piece))
                text, columns = (
                    written_line(line, wording)
                    if area == "wording"
                    else (line, [*range(len(line) + 1)])
                )
                match = difflib.SequenceMatcher(
                    None, text, piece, autojunk=False
                ).find_longest_match()
                if match.size >= min(_MIN_MATCH, len(piece)) and (
                    best is None or match.size > best[0]
                ):
                    # The quotation starts before the stretch found: go back by as much.
                    start = max(0, match.a - match.b)
                    best = (match.size, Place(area, row, columns[start]))
    return best[1] if best else None
