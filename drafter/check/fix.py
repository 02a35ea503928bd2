"""``drafter check --fix -o OUT``: a corrected copy, the original left untouched.

Only mechanical fixes are applied — heading numbers, punctuation, spacing, the form of the
成文日期 — each an :class:`~drafter.check.findings.Edit` on a paragraph's text as written.  Every
edit goes to the source paragraph the report paragraph was read from (its origin): the very
python-docx paragraph element of a .docx, the very line of a text file.  Nothing is found again
by its text, so a sentence written twice is corrected where the finding is.

The copy keeps everything else exactly as it was: Markdown markup, blank lines, line endings
and the text file's encoding; for a .docx every part but the main document part byte for byte,
and in that part only the text of the ``w:t`` elements concerned.  An edit that cannot be
placed exactly (a number Word draws itself, a tab or a field inside the span, a paragraph that
no longer reads as it did) is left out and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.check.findings import Edit, Finding
from drafter.check.paragraphs import Para
from drafter.check.source import Checked
from drafter.errors import InputError
from drafter.files import write_atomic
from drafter.importer.clean import debris_markers, strip_debris
from drafter.tree import SourceOrigin
from drafter.word.edited import save_edited
from drafter.word.reading import paragraph_text, text_pieces

CONTEXT = 8  # edits of one paragraph this close together are applied as one
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# What Markdown markup a reader does not see: emphasis, code, escapes, heading and list marks.
_MARKUP = set("*_`\\#>-+[] \t\r\n")


@dataclass
class FixResult:
    output: Path
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)


@dataclass
class _Group:
    """Edits of one paragraph close enough together to be placed as one."""

    start: int
    end: int
    replacement: str
    findings: list[Finding]


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.edits]


def groups_for(text: str, edits: list[tuple[Edit, Finding]]) -> list[_Group]:
    """Merge a paragraph's edits that lie within CONTEXT of each other; drop overlaps."""
    groups: list[_Group] = []
    for edit, finding in sorted(edits, key=lambda pair: (pair[0].start, pair[0].end)):
        last = groups[-1] if groups else None
        if last is not None and edit.start < last.end:
            continue  # overlaps an earlier edit: keep the first
        if last is not None and edit.start - last.end <= CONTEXT:
            last.replacement += text[last.end : edit.start] + edit.replacement
            last.end = edit.end
            if finding not in last.findings:
                last.findings.append(finding)
            continue
        groups.append(_Group(edit.start, edit.end, edit.replacement, [finding]))
    return groups


@dataclass
class _Piece:
    """One source paragraph of a report paragraph: where its text stands in the paragraph's
    text as written, and where each character of that text stands in the source's text."""

    origin: SourceOrigin
    start: int  # in the report paragraph's text
    end: int
    positions: list[int] | None  # for each written character, its index in origin.text


def raw_positions(text: str) -> list[int] | None:
    """Where each character of ``strip_debris(text)`` stands in ``text``; None if unsure.

    Cleaning only drops characters (markers, invisibles, outer spaces) and widens odd spaces
    to a plain one, so each kept character is found in order; the result is checked.
    """
    raw = strip_debris(text)
    if raw == text:
        return list(range(len(text)))
    if text.strip() == raw:
        lead = len(text) - len(text.lstrip())
        return list(range(lead, lead + len(raw)))
    removed: set[int] = set()
    cursor = 0
    for marker in debris_markers(text):
        at = text.find(marker, cursor)
        if at < 0:
            return None
        removed.update(range(at, at + len(marker)))
        cursor = at + len(marker)
    # A character cleaning drops on its own vanishes between two letters.
    kept = [
        i for i, ch in enumerate(text) if i not in removed and len(strip_debris(f"a{ch}a")) == 3
    ]
    chars = [strip_debris(f"a{text[i]}a")[1] for i in kept]
    low, high = 0, len(chars)
    while low < high and chars[low].isspace():
        low += 1
    while high > low and chars[high - 1].isspace():
        high -= 1
    if "".join(chars[low:high]) != raw:
        return None
    return kept[low:high]


def _pieces(para: Para) -> list[_Piece]:
    pieces = []
    offset = 0
    for piece in para.source.pieces() if para.source is not None else ():
        offset += len(piece.number)  # a number Word draws: nothing to edit there
        raw = strip_debris(piece.text)
        pieces.append(_Piece(piece, offset, offset + len(raw), raw_positions(piece.text)))
        offset += len(raw)
    return pieces


def _source_span(pieces: list[_Piece], group: _Group) -> tuple[_Piece, int, int] | None:
    """The source paragraph a group falls in, and the span in its text; None across two."""
    for piece in pieces:
        if piece.start <= group.start and group.end <= piece.end and piece.positions is not None:
            local_start, local_end = group.start - piece.start, group.end - piece.start
            positions = piece.positions
            if local_start == local_end:
                at = (
                    positions[local_start]
                    if local_start < len(positions)
                    else (positions[-1] + 1 if positions else 0)
                )
                return piece, at, at
            first, last = positions[local_start], positions[local_end - 1]
            if last - first != local_end - local_start - 1:
                return None  # something the reader does not see lies inside the span
            return piece, first, last + 1
    return None


def write_fixed(checked: Checked, output: str | Path) -> FixResult:
    """Apply the mechanical fixes of ``checked.findings`` to a copy of its file at ``output``."""
    output = Path(output)
    edits: dict[int, list[tuple[Edit, Finding]]] = {}
    for finding in fixable(checked.findings):
        for edit in finding.edits:
            edits.setdefault(edit.paragraph, []).append((edit, finding))
    failed: set[int] = set()
    touched: set[int] = set()
    if checked.kind == "docx":
        _fix_docx(checked, output, edits, failed, touched)
    elif checked.kind in ("txt", "md"):
        _fix_text(checked, output, edits, failed, touched)
    else:
        raise InputError("草稿（.yaml）请直接修改草稿文件，不能用 --fix。", checked.path)
    result = FixResult(output)
    for finding in fixable(checked.findings):
        if id(finding) in failed or id(finding) not in touched:
            result.skipped.append(finding)
        else:
            result.applied.append(finding)
    return result


def _placed_groups(
    checked: Checked, edits: dict[int, list[tuple[Edit, Finding]]], failed: set[int]
) -> list[tuple[SourceOrigin, int, int, _Group]]:
    """Every group of edits on its source paragraph and span, last in the source first."""
    placed = []
    for number, para_edits in edits.items():
        para = checked.report.paragraph(number)
        pieces = _pieces(para)
        for group in groups_for(para.text, para_edits):
            found = _source_span(pieces, group)
            if found is None:
                failed.update(id(f) for f in group.findings)
                continue
            piece, start, end = found
            placed.append((piece.origin, start, end, group))
    # Later spans of the same paragraph first, so earlier offsets stay true.
    placed.sort(key=lambda item: (item[0].index, item[1]), reverse=True)
    return placed


# -- text files ------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding to write it back in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data.decode("utf-8-sig"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def _fix_text(
    checked: Checked,
    output: Path,
    edits: dict[int, list[tuple[Edit, Finding]]],
    failed: set[int],
    touched: set[int],
) -> None:
    text, encoding = _decode(checked.path.read_bytes())
    lines = text.splitlines(keepends=True)
    alignments: dict[int, list[tuple[int, int]] | None] = {}
    for origin, start, end, group in _placed_groups(checked, edits, failed):
        if origin.index not in alignments:
            alignments[origin.index] = _align(origin, lines, checked.kind == "md")
        where = alignments[origin.index]
        span = _line_span(where, start, end) if where is not None else None
        if span is None:
            failed.update(id(f) for f in group.findings)
            continue
        row, first, last = span
        line = lines[row]
        lines[row] = line[:first] + group.replacement + line[last:]
        touched.update(id(f) for f in group.findings)
    write_atomic(output, "".join(lines).encode(encoding))


def _align(origin: SourceOrigin, lines: list[str], markdown: bool) -> list[tuple[int, int]] | None:
    """For each character of ``origin.text``, its (line, column) in the file; None if unsure.

    A text file's paragraph is its line.  A Markdown paragraph starts at its line and reads
    without the markup: each of its characters is found in order, and only markup (or a
    link's target) may lie between them.
    """
    if origin.line is None or not 1 <= origin.line <= len(lines):
        return None
    row = origin.line - 1
    if not markdown:
        line = lines[row].rstrip("\r\n")
        return [(row, i) for i in range(len(line))] if line == origin.text else None
    where: list[tuple[int, int]] = []
    column = 0
    for char in origin.text:
        while True:
            if row >= len(lines):
                return None
            line = lines[row]
            if column >= len(line):
                row, column = row + 1, 0
                if row < len(lines) and not lines[row].strip():
                    return None  # a blank line ends the paragraph
                if char == " ":  # lines joined with a space: no place to edit
                    where.append((-1, -1))
                    break
                continue
            current = line[column]
            if current == char:
                where.append((row, column))
                column += 1
                break
            if line.startswith("](", column):
                close = line.find(")", column)
                if close < 0:
                    return None
                column = close + 1
                continue
            if current not in _MARKUP:
                return None
            column += 1
    return where


def _line_span(where: list[tuple[int, int]], start: int, end: int) -> tuple[int, int, int] | None:
    """(line, first column, end column) of characters start..end, all on one line, adjacent."""
    if start == end:
        if start < len(where):
            row, column = where[start]
        elif where and where[-1][0] >= 0:
            row, column = where[-1][0], where[-1][1] + 1
        else:
            return None
        return (row, column, column) if row >= 0 else None
    cells = where[start:end]
    row = cells[0][0]
    if row < 0 or any(r != row for r, _ in cells) or cells[-1][1] - cells[0][1] != end - start - 1:
        return None
    return row, cells[0][1], cells[-1][1] + 1


# -- DOCX ------------------------------------------------------------------------------------


def _fix_docx(
    checked: Checked,
    output: Path,
    edits: dict[int, list[tuple[Edit, Finding]]],
    failed: set[int],
    touched: set[int],
) -> None:
    docx = checked.docx
    assert docx is not None
    unchanged: dict[int, bool] = {}
    for origin, start, end, group in _placed_groups(checked, edits, failed):
        element = origin.element
        if element is not None and origin.index not in unchanged:
            # The paragraph still reads as it did when it was checked.
            unchanged[origin.index] = paragraph_text(element) == origin.text
        if element is None or not unchanged[origin.index]:
            failed.update(id(f) for f in group.findings)
            continue
        target = touched if _replace(element, start, end, group.replacement) else failed
        target.update(id(f) for f in group.findings)
    save_edited(docx.word, output)


def _replace(element: object, start: int, end: int, replacement: str) -> bool:
    """Replace characters start..end of a paragraph's text, within its ``w:t`` elements."""
    pieces = text_pieces(element)
    if start == end:
        inside = [p for p in pieces if p.editable and p.start <= start <= p.end]
    else:
        inside = [p for p in pieces if p.start < end and p.end > start]
    if not inside or not all(piece.editable for piece in inside):
        return False
    first = True
    for piece in inside:
        text = piece.element.text or ""
        local_start = max(0, start - piece.start)
        local_end = min(len(text), end - piece.start)
        piece.element.text = text[:local_start] + (replacement if first else "") + text[local_end:]
        piece.element.set(XML_SPACE, "preserve")
        first = False
        if start == end:
            break
    return True
