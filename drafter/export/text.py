"""Plain text and Markdown: one paragraph a line, as a reader copies the report out of Word.

Used for previews, for tests and for the import round trip, so the text form is deliberately
bare: no indentation, no blank lines in .txt, heading numbers written into the text.
"""

from __future__ import annotations

from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.numbering import number_headings
from drafter.tree import Document, Heading, Paragraph

RUN_IN_STOP = "。"


def heading_line(number: str, heading: Heading) -> str:
    """The heading as one line of text; a run-in heading carries its body after the full stop."""
    if heading.run_in:
        return f"{number}{heading.title}{RUN_IN_STOP}{heading.body}"
    return f"{number}{heading.title}"


def body_lines(document: Document, layout: LayoutProfile = DEFAULT_LAYOUT) -> list[str]:
    """Every paragraph of the body, headings numbered, in order."""
    numbers = iter(number_headings(document.blocks, layout))
    lines = []
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(heading_line(next(numbers), block))
        else:
            lines.append(block.text)
    return lines


def to_text(document: Document, layout: LayoutProfile = DEFAULT_LAYOUT) -> str:
    lines: list[str] = []
    if document.title:
        lines.append(document.title)
    lines.extend(document.front_matter)
    if document.addressee:
        lines.append(f"{document.addressee}：")
    lines.extend(body_lines(document, layout))
    if document.closing:
        lines.append(document.closing)
    if document.signature:
        lines.append(document.signature.organisation)
        lines.append(document.signature.date)
    return "\n".join(lines) + "\n"


def to_markdown(document: Document, layout: LayoutProfile = DEFAULT_LAYOUT) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {document.title}")
    blocks.extend(document.front_matter)
    if document.addressee:
        blocks.append(f"{document.addressee}：")
    numbers = iter(number_headings(document.blocks, layout))
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(block.text)
        elif block.run_in:
            blocks.append(f"**{next(numbers)}{block.title}{RUN_IN_STOP}**{block.body}")
        else:
            blocks.append(f"{'#' * (block.level + 1)} {next(numbers)}{block.title}")
    if document.closing:
        blocks.append(document.closing)
    if document.signature:
        # Two trailing spaces keep the signature and the date on separate lines.
        blocks.append(f"{document.signature.organisation}  \n{document.signature.date}")
    return "\n\n".join(blocks) + "\n"
