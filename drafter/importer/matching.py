"""Which section of the outline each heading of a report is: the importer's matching, also
what ``drafter check`` uses to tell which required parts a report leaves out.

A heading matches a section of the profile by its standard heading or one of the wordings
listed in ``sections/<profile>.yaml`` (``synonyms``).  Level-1 headings are given their
sections in a one-to-one best assignment with a minimum score, not one by one, so the order of
the headings does not matter.

Only the outline's headings are needed here, so :func:`outline_heads` reads them straight from
the shipped YAML: checking a report does not load the profile's figure models.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple, Protocol

from drafter.importer.assignment import best_assignment
from drafter.importer.clean import compare_key
from drafter.resources import data_dir, shipped_data
from drafter.tree import Document, Heading, Paragraph

MATCH_THRESHOLD = 0.6  # the least score a heading needs to take a profile section
FOLDED_PENALTY = 0.15
_EVIDENCE_SPAN = 1000
OPENING_ID = "opening"
MEASURES_ID = "measures"
PLAN_ID = "plan"
CUSTOM_PREFIX = "custom_"


class HeadingDef(Protocol):
    """What matching needs of a section of the outline (a profile's SectionDef has it)."""

    @property
    def id(self) -> str: ...

    @property
    def heading(self) -> str: ...

    @property
    def level(self) -> int: ...

    @property
    def optional(self) -> bool: ...

    @property
    def synonyms(self) -> tuple[str, ...]: ...


class OutlineHead(NamedTuple):
    """A section of the outline as matching sees it: its heading and how reports word it."""

    id: str
    heading: str
    level: int
    optional: bool = False
    synonyms: tuple[str, ...] = ()


@cache
def outline_heads(profile_id: str) -> tuple[OutlineHead, ...]:
    """The sections of ``sections/<profile_id>.yaml`` with their headings, in order (the file
    is shipped and validated by its tests; see drafter.outline for the full model)."""
    data: dict[str, Any] = shipped_data(data_dir("sections") / f"{profile_id}.yaml")
    return tuple(
        OutlineHead(
            id=section["id"],
            heading=section.get("heading", ""),
            level=section["level"],
            optional=bool(section.get("optional", False)),
            synonyms=tuple(section.get("synonyms", ())),
        )
        for section in data["sections"]
    )


def required_sections(sections: Sequence[HeadingDef]) -> list[HeadingDef]:
    """The parts every report must contain: the outline's level-1 sections that are not
    optional (the 规定's items: measures, shortcomings, the leaders' duties, the plan)."""
    return [s for s in sections if s.level == 1 and not s.optional]


_YEAR_WORDS = re.compile(
    r"(?:19|20)\d{2}年度?|上一年度|下一年度|本年度|年度|上年|下年|\{\{[^}]*\}\}年?度?"
)


@lru_cache(maxsize=4096)  # a check compares every heading with every section and synonym
def _heading_key(text: str) -> str:
    return _YEAR_WORDS.sub("", compare_key(text)).strip("。，,.")


@lru_cache(maxsize=1024)
def _matcher(words: str) -> difflib.SequenceMatcher[str]:
    """A matcher against one wording: difflib indexes its second sequence once, and a check
    compares every heading with it (set_seq1 then gives the same ratios as a new matcher)."""
    return difflib.SequenceMatcher(None, "", words)


def match_score(heading: str, section: HeadingDef, at_least: float = 0.0) -> float:
    """How well an imported heading matches a profile section (0 to 1).

    A score below ``at_least`` is of no interest to the caller: wordings that cannot reach
    it, or cannot beat the best so far, are not compared in full (difflib's ratio is at most
    its quick bounds), so any score at or above ``at_least`` is exact; one below it is only
    said to be below.
    """
    key = _heading_key(heading)
    if not key:
        return 0.0
    best = 0.0
    for candidate in (section.heading, *section.synonyms):
        words = _heading_key(candidate)
        if not words:
            continue
        if words == key:
            return 1.0
        if words in key:
            best = max(best, 0.6 + 0.4 * len(words) / len(key))
        elif key in words and len(key) >= 4:
            best = max(best, 0.55 + 0.4 * len(key) / len(words))
        else:
            # difflib's real_quick_ratio, the cheapest bound, from the lengths alone.
            bound = 2.0 * min(len(key), len(words)) / (len(key) + len(words))
            if not (0.8 * bound > best and 0.8 * bound >= at_least):
                continue
            matcher = _matcher(words)
            matcher.set_seq1(key)
            bound = matcher.quick_ratio()
            if 0.8 * bound > best and 0.8 * bound >= at_least:
                best = max(best, 0.8 * matcher.ratio())
    return best


class Part(NamedTuple):
    """One heading of the report with the paragraphs under it (the opening has no heading),
    and, once matched (:func:`match_sections`), its section."""

    heading: Heading | None
    paragraphs: list[str]
    section_id: str = ""
    matched: HeadingDef | None = None


def report_parts(document: Document) -> list[Part]:
    """The report's headings, each with the paragraphs under it; the opening first, if any."""
    parts = [Part(None, [])]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(Part(block, [block.body] if block.run_in else []))
        elif isinstance(block, Paragraph):
            parts[-1].paragraphs.append(block.text)
    return parts if parts[0].paragraphs else parts[1:]


def match_sections(parts: list[Part], sections: Sequence[HeadingDef]) -> list[Part]:
    """The parts, each with a section id: a profile section it matches, else a custom one.

    Level-1 headings are assigned to the profile's level-1 sections first; then, under each
    matched level-1 heading, the headings below it are assigned to that section's children
    (and, under item 1, to level-1 sections no level-1 heading took: item 3 folded in as a
    （一）).  Each assignment is a one-to-one best one (:func:`assign_headings`), so a heading
    never loses its section to an earlier, weaker one, and the order of the headings does not
    change the result.
    """
    parent_of: dict[str, str | None] = {}
    current_top: str | None = None
    for section in sections:
        if section.level <= 1:
            current_top = section.id
            parent_of[section.id] = None
        else:
            parent_of[section.id] = current_top
    level_one = [s for s in sections if s.level == 1]
    matched: list[HeadingDef | None] = [None] * len(parts)  # each part's section
    tops = [i for i, p in enumerate(parts) if p.heading is not None and p.heading.level == 1]
    found_tops = assign_headings([parts[i] for i in tops], level_one)
    for i, found in zip(tops, found_tops, strict=True):
        matched[i] = found
    used = {found.id for found in found_tops if found is not None}

    # The headings below each level-1 heading, up to the next one.
    groups: list[tuple[int, list[int]]] = []
    for i, part in enumerate(parts):
        if part.heading is None:
            continue
        if part.heading.level == 1:
            groups.append((i, []))
        elif groups:
            groups[-1][1].append(i)
    for top, below in groups:
        top_section = matched[top]
        if not below or top_section is None:
            continue
        top_id = top_section.id
        children = [s for s in sections if s.level >= 2 and parent_of[s.id] == top_id]
        folded: list[HeadingDef] = []
        if top_id == MEASURES_ID:
            folded = [s for s in level_one if s.id not in used and s.id != MEASURES_ID]
        chosen = assign_headings(
            [parts[i] for i in below], children + folded, folded={s.id for s in folded}
        )
        for i, found in zip(below, chosen, strict=True):
            matched[i] = found
            if found is not None and found.level == 1:
                used.add(found.id)

    result = []
    custom = 0
    for part, found in zip(parts, matched, strict=True):
        if part.heading is None:
            section_id = OPENING_ID
        elif found is not None:
            section_id = found.id
        else:
            custom += 1
            section_id = f"{CUSTOM_PREFIX}{custom:02d}"
        result.append(part._replace(section_id=section_id, matched=found))
    return result


def heading_weight(part: Part, section: HeadingDef, folded: bool = False) -> int | None:
    """The gain of giving ``section`` to ``part``, or None below the minimum score.

    The heading's score counts first (to three decimals); between equal scores, the text under
    the heading decides: how many of the section's other wordings it mentions.
    """
    assert part.heading is not None
    if part.heading.level != section.level and not (folded and section.level == 1):
        return None
    # Below the threshold (less the penalty, below it too) the exact score does not matter.
    score = match_score(part.heading.title, section, at_least=MATCH_THRESHOLD)
    if folded:
        score -= FOLDED_PENALTY  # item 3 folded into item 1 as a （一）: only a close match
    if score < MATCH_THRESHOLD:
        return None
    return round(score * 1000) * _EVIDENCE_SPAN + min(_evidence(part, section), _EVIDENCE_SPAN - 1)


def assign_headings(
    parts: list[Part], sections: list[HeadingDef], folded: set[str] | None = None
) -> list[HeadingDef | None]:
    """Each part's section in a one-to-one best assignment (None: no section fits)."""
    folded = folded or set()
    # A canonical order of the headings, so that ties come out the same whatever their order.
    order = sorted(range(len(parts)), key=lambda i: (_part_key(parts[i]), i))
    weights = [[heading_weight(parts[i], s, s.id in folded) for s in sections] for i in order]
    chosen = best_assignment(weights)
    result: list[HeadingDef | None] = [None] * len(parts)
    for row, column in zip(order, chosen, strict=True):
        result[row] = sections[column] if column is not None else None
    return result


def _part_key(part: Part) -> tuple[int, str, str]:
    heading = part.heading
    assert heading is not None
    return (heading.level, compare_key(heading.title), _text_key("".join(part.paragraphs)))


@lru_cache(maxsize=256)  # each part's text is compared with every section's wordings
def _text_key(text: str) -> str:
    return compare_key(text)


def _evidence(part: Part, section: HeadingDef) -> int:
    """How many of the section's other wordings the text under the heading mentions."""
    body = _text_key("".join(part.paragraphs))
    return sum(1 for word in {_text_key(w) for w in section.synonyms} if word and word in body)
