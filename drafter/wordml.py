"""Reading WordprocessingML (the XML inside a .docx): what import and check both need.

Text as a reader sees it: runs in reading order through hyperlinks, fields, insertions and
content controls; deleted text, text boxes and field instructions left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
MC = f"{{{MC_NS}}}"

# Elements whose text a reader does not see in the paragraph's flow.
SKIPPED = {f"{W}txbxContent", f"{MC}Fallback", f"{W}del", f"{W}pPr", f"{W}rPr", f"{W}instrText"}


def iter_runs(element: _Element) -> Iterator[_Element]:
    """The runs of a paragraph in reading order, looking into hyperlinks, fields, insertions."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == f"{W}r":
            yield child
        else:  # hyperlinks, insertions, smart tags, fields, content controls, choices…
            yield from iter_runs(child)


def run_text(run: _Element) -> str:
    """A run's text as it reads: tabs and line breaks kept, page breaks and symbol-font glyphs not."""
    out: list[str] = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab" or tag == f"{W}ptab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            # A page break inside a paragraph is not a line a reader sees.
            if child.get(f"{W}type") != "page":
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}sym":
            char = child.get(f"{W}char")
            if char:
                try:
                    code = int(char, 16)
                except ValueError:
                    continue
                if code >= 0xF000:  # symbol-font private area: no reliable meaning
                    continue
                out.append(chr(code))
        elif tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            if choice is not None:
                for inner in choice.iter(f"{W}t"):
                    out.append(inner.text or "")
    return "".join(out)


def body_blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in container:
        tag = child.tag
        if tag == f"{W}p" or tag == f"{W}tbl":
            yield child
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_blocks(content)
        elif tag in (f"{W}customXml", f"{MC}AlternateContent"):
            yield from body_blocks(child)
