"""Composing a draft into the document tree: headings, phrasing, figures, signature.

Data flows one way: draft → resolved sections → :class:`~drafter.tree.Document`.  Numbering is
left to the exporters (computed from the tree); rates and year-on-year phrases are derived here
from the typed figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from drafter.draftfile import LineMap, parse_draft, read_text
from drafter.figures import FigureValue, derive_all, recording_figures, take_marks
from drafter.model import Meta
from drafter.phrasing import (
    PHRASING_CUSTOM,
    PHRASING_NONE,
    cn_date,
    inline_name,
    paragraphs,
    phrasings_for,
    render,
    render_budget,
    render_string,
)
from drafter.tree import Block, Document, DraftOrigin, Heading, Paragraph, Signature, gap
from drafter.validate import ResolvedDraft, ResolvedSection, resolve_draft

DATE_LABEL = "成文日期"
OPENING_TITLE = "开头段"
SIGNATURE_TITLE = "落款"


class Gap(NamedTuple):
    """A figure the report needs and the draft does not give yet."""

    section_id: str
    label: str
    section_title: str = ""

    def __str__(self) -> str:
        return f"{self.section_title or self.section_id}：{self.label}"


class Composed(NamedTuple):
    document: Document
    gaps: list[Gap]
    year: int | None = None  # the year reported on


def base_context(resolved: ResolvedDraft) -> dict[str, Any]:
    meta = resolved.draft.meta
    return {"year": meta.year, "org": meta.organisation, "we": meta.self_reference}


def section_context(
    section: ResolvedSection, base: dict[str, Any], gaps: list[Gap], title: str = ""
) -> dict[str, Any]:
    """What a section's template sees: the year, the organisation and the section's figures."""
    seen: set[str] = set()

    def note_missing(label: str) -> None:
        if label not in seen:
            seen.add(label)
            gaps.append(Gap(section.id, label, title))

    context = dict(base)
    figures = {
        figure_id: FigureValue(f.definition, f.value, f.last, f.approx, note_missing)
        for figure_id, f in section.figures.items()
    }
    context.update(figures)
    context.update(
        derive_all(section.definition.derived, figures, note_missing, section.derived_last)
    )
    return context


def heading_text(section: ResolvedSection, base: dict[str, Any]) -> str:
    if section.entry.heading is not None:
        return section.entry.heading.strip()
    name = f"sections/{section.profile_id}.yaml#{section.id}.heading"
    return render_string(section.definition.heading, base, name, shipped=True).strip()


def template_line_offset(section: ResolvedSection, lines: LineMap) -> int:
    """How far the draft's own template is from the top of the YAML file.

    A block scalar (``template: |``) starts on the line after its key; a one-line template
    stands on the key's own line.
    """
    key_line = lines.line_of(("sections", section.id, "template"))
    if key_line is None:
        return 0
    template = section.entry.template or ""
    return key_line if "\n" in template.rstrip("\n") or template.endswith("\n") else key_line - 1


def section_paragraphs(
    section: ResolvedSection, context: dict[str, Any], path: str, lines: LineMap | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """The phrasing's paragraphs, then the clerk's own text; each with the ids of the figures
    it shows."""
    choice = section.phrasing
    text = ""
    with recording_figures():
        if choice == PHRASING_CUSTOM and section.entry.template is not None:
            text = render_string(
                section.entry.template,
                context,
                inline_name(path, section.id),
                template_line_offset(section, lines or LineMap()),
            )
        elif choice != PHRASING_NONE:
            options = {p.id: p for p in phrasings_for(section.profile_id, section.definition)}
            if choice in options:
                text = render(options[choice].template_name, context)
    result = [take_marks(line) for line in text.splitlines()]
    result = [(line.strip(), ids) for line, ids in result if line.strip()]
    if section.entry.text:
        result.extend((line, ()) for line in paragraphs(section.entry.text))
    return result


def section_blocks(
    section: ResolvedSection,
    base: dict[str, Any],
    gaps: list[Gap],
    path: str,
    lines: LineMap | None = None,
) -> list[Block]:
    title = heading_text(section, base) if section.level else ""
    context = section_context(section, base, gaps, title or OPENING_TITLE)
    texts = section_paragraphs(section, context, path, lines)

    def origin(figures: tuple[str, ...] = ()) -> DraftOrigin:
        return DraftOrigin(section.id, figures)

    rest: list[Block] = [Paragraph(text, origin(figures)) for text, figures in texts]
    if section.level == 0:
        return rest
    if section.run_in:
        body, figures = texts[0] if texts else ("", ())
        heading = Heading(section.level, title.rstrip("。"), True, body, origin(figures))
        return [heading, *rest[1:]]
    return [Heading(section.level, title, origin=origin()), *rest]


def compose(resolved: ResolvedDraft, path: str = "草稿") -> Composed:
    """The report as a document tree, with the gaps it still has."""
    meta = resolved.draft.meta
    base = base_context(resolved)
    gaps: list[Gap] = []
    blocks: list[Block] = []
    with render_budget():  # one bound on the work of all the draft's templates
        for section in resolved.sections:
            if section.enabled:
                blocks.extend(section_blocks(section, base, gaps, path, resolved.lines))
        title = report_title(resolved, base)
    return assemble(meta, title, blocks, gaps)


def report_title(resolved: ResolvedDraft, base: dict[str, Any]) -> str:
    """The report's title: the draft's own, else the outline's for this year and organisation."""
    meta = resolved.draft.meta
    return meta.title or render_string(
        resolved.profile.title, base, f"sections/{resolved.profile.id}.yaml#title", shipped=True
    )


def assemble(meta: Meta, title: str, blocks: list[Block], gaps: list[Gap]) -> Composed:
    """The report around its sections' blocks: title, 主送机关, 结束语, signature and date
    (a gap while the draft has no date).  ``gaps`` are the sections' own, in report order;
    the editor, which composes one section at a time, assembles its tree here too."""
    gaps = list(gaps)
    if meta.date is None:
        gaps.append(Gap("meta", DATE_LABEL, SIGNATURE_TITLE))
    signature = Signature(
        organisation=meta.signature or meta.organisation,
        date=cn_date(meta.date) if meta.date else gap(DATE_LABEL),
        seal=meta.seal,
    )
    document = Document(
        title=title,
        addressee=meta.addressee,
        blocks=list(blocks),
        closing=meta.closing or None,
        signature=signature,
    )
    return Composed(document, gaps, meta.year)


def compose_file(path: str | Path) -> Composed:
    """Load a draft file and compose it, raising located Chinese errors for anything wrong."""
    return compose_text(read_text(Path(path)), path)


def compose_text(text: str, path: str | Path = "草稿") -> Composed:
    """Compose a draft given as text; ``path`` names it in messages."""
    draft, lines = parse_draft(text, path)
    return compose(resolve_draft(draft, lines, str(path)), str(path))
