"""``drafter check --fix -o OUT``: a corrected copy, the original left untouched.

Only mechanical fixes are applied — heading numbers, punctuation, spacing, the form of the
成文日期 — each an :class:`~drafter.check.findings.Edit` on a paragraph's text as written.  The
edit is found again in the source by its text and a little context either side, so the copy
keeps everything else exactly as it was: Markdown markup, blank lines, line endings and the
text file's encoding; for a .docx every part but ``word/document.xml`` byte for byte, and in
that part only the text of the runs concerned.  An edit that cannot be placed unambiguously
(a number Word draws itself, text split oddly across runs) is left out and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.check.docxfile import DocxParagraph
from drafter.check.findings import Edit, Finding
from drafter.check.layout import match_paragraphs
from drafter.check.source import Checked
from drafter.errors import InputError
from drafter.files import replacing, write_atomic
from drafter.wordml import W, iter_runs

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTEXT = 8  # characters of context either side that place an edit in the source
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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


def locate(haystack: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``text[start:end]`` stands in ``haystack``, found by its context; None if unsure."""
    old = text[start:end]
    for before_width, after_width in (
        (CONTEXT, CONTEXT),
        (CONTEXT, 0),
        (0, CONTEXT),
        (CONTEXT // 2, CONTEXT // 2),
        (CONTEXT // 2, 0),
        (0, CONTEXT // 2),
        (0, 0),
    ):
        before = text[max(0, start - before_width) : start]
        after = text[end : end + after_width]
        needle = before + old + after
        if not needle:
            continue
        first = haystack.find(needle)
        if first < 0 or haystack.find(needle, first + 1) >= 0:
            continue
        position = first + len(before)
        return position, position + len(old)
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
    starts = sorted({p.line for sources in checked.sources.values() for p in sources})
    for number, para_edits in edits.items():
        sources = checked.sources.get(number) or []
        para = checked.report[number]
        if not sources:
            _fail(para_edits, failed)
            continue
        first = sources[0].line
        last = sources[-1].line
        following = [line for line in starts if line > last]
        end = following[0] - 1 if following else len(lines)
        region = "".join(lines[first - 1 : end])
        for group in reversed(groups_for(para.text, para_edits)):
            span = locate(region, para.text, group.start, group.end)
            if span is None:
                failed.update(id(f) for f in group.findings)
                continue
            region = region[: span[0]] + group.replacement + region[span[1] :]
            touched.update(id(f) for f in group.findings)
        lines[first - 1 : end] = [region] + [""] * (end - first)
    write_atomic(output, "".join(lines).encode(encoding))


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
    placed: dict[int, list[DocxParagraph]] = {}
    for item in match_paragraphs(checked.report, docx.paragraphs):
        placed.setdefault(item.para.number, []).append(item.docx)
    for number, para_edits in edits.items():
        para = checked.report[number]
        paragraphs = placed.get(number, [])
        for group in reversed(groups_for(para.text, para_edits)):
            done = False
            for paragraph in paragraphs:
                current = _paragraph_text(paragraph)
                span = locate(current, para.text, group.start, group.end)
                if span is not None and _replace(paragraph, span, group.replacement):
                    done = True
                    break
            target = touched if done else failed
            target.update(id(f) for f in group.findings)
    from lxml import etree

    xml = etree.tostring(docx.document, xml_declaration=True, encoding="UTF-8", standalone=True)
    with replacing(output) as temporary:
        docx.save_parts(temporary, {"word/document.xml": xml})


def _pieces(paragraph: DocxParagraph) -> list[tuple[_Element, bool, int, int]]:
    """(element, editable, start, end) for each piece of the paragraph's text, in order."""
    pieces: list[tuple[_Element, bool, int, int]] = []
    offset = 0
    for run in iter_runs(paragraph.element):
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                length = len(child.text or "")
                pieces.append((child, True, offset, offset + length))
                offset += length
            elif tag in (f"{W}tab", f"{W}ptab") or (
                tag in (f"{W}br", f"{W}cr") and child.get(f"{W}type") != "page"
            ):
                pieces.append((child, False, offset, offset + 1))
                offset += 1
    return pieces


def _paragraph_text(paragraph: DocxParagraph) -> str:
    out = []
    for element, editable, start, end in _pieces(paragraph):
        out.append((element.text or "") if editable else "\t" * (end - start))
    return "".join(out)


def _replace(paragraph: DocxParagraph, span: tuple[int, int], replacement: str) -> bool:
    start, end = span
    pieces = [p for p in _pieces(paragraph) if p[2] < end and p[3] > start]
    if not pieces or not all(editable for _, editable, _, _ in pieces):
        return False
    first = True
    for element, _, piece_start, _ in pieces:
        text = element.text or ""
        local_start = max(0, start - piece_start)
        local_end = min(len(text), end - piece_start)
        inserted = replacement if first else ""
        element.text = text[:local_start] + inserted + text[local_end:]
        element.set(XML_SPACE, "preserve")
        first = False
    return True


def _fail(edits: list[tuple[Edit, Finding]], failed: set[int]) -> None:
    failed.update(id(f) for _, f in edits)
