"""Breaking the preview's paragraphs into lines by the rules Chinese typesetting follows.

The terminal would break a paragraph at any character; a report never starts a line with a
closing mark (，。、；：）” …), never ends one with an opening mark (（“《 …), and never splits
a number ("2/023年") or parts it from its unit ("16/次"), as titles do (:mod:`drafter.titles`).  The DOCX leaves this to Word's line-start rules (``w:kinsoku``); the
preview breaks its lines here, by the same marks (:data:`drafter.titles.CLOSERS`).  No Textual.
"""

from __future__ import annotations

from rich.cells import cell_len

from drafter.titles import CLOSERS, OPENERS

NO_LINE_START = CLOSERS + "，。、；：！？,.;:!?…—·%％"
NO_LINE_END = OPENERS


def _unbreakable(before: str, after: str) -> bool:
    """No line break between these two characters: a number, a word, a mark's place."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return True
    if before.isascii() and before.isdigit():  # "2024|年", "16|次": a number keeps its unit
        return True
    return ((before.isascii() and before.isalnum()) or before in ".,%") and (
        after.isascii() and after.isalnum()
    )


def break_lines(text: str, width: int) -> list[str]:
    """``text`` (one paragraph) as lines of at most ``width`` cells, broken where Chinese
    typesetting allows; a run longer than a line that allows no break is cut at the width."""
    if width <= 1 or cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    start = 0
    while start < len(text):
        used, end = 0, start
        while end < len(text) and used + cell_len(text[end]) <= width:
            used += cell_len(text[end])
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = end
        while cut > start + 1 and _unbreakable(text[cut - 1], text[cut]):
            cut -= 1
        if cut <= start + 1:
            cut = end  # nowhere allowed in the whole line: cut at the width
        lines.append(text[start:cut])
        start = cut
    return lines


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where each line after the first starts when ``text`` is broken as :func:`break_lines`
    breaks it (the form a text area's soft wrap takes)."""
    offsets = []
    start = 0
    for line in break_lines(text, width)[:-1]:
        start += len(line)
        offsets.append(start)
    return offsets
