"""What a report must hold, and what it must not still hold.

* 【待填】 gaps left in the text (an error: the report is not finished);
* the profile's parts every report must contain (the 规定's items 1 to 4): in a draft, its
  sections; in a report, its headings, matched to the outline as the importer matches them;
* a heading number missing a bracket ("一)加强学法" → "（一）");
* a national document cited with a period it was not issued for
  (《法治政府建设实施纲要（2020—2025年）》 → （2021—2025年）).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.check.findings import Edit, Finding, Location, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.tree import GAP_OPEN, Document, Paragraph
from drafter.vocab.numerals import NUMERAL_CHARS
from drafter.vocab.regex import holds_any, lazy, one_of
from drafter.vocab.words import national_documents

if TYPE_CHECKING:  # the model is only needed for a draft, and costs pydantic on every start
    from drafter.model import Draft
    from drafter.outline import Profile

_BRACKET = lazy(
    rf"^(?:(?P<open>[（(])(?P<a>[{NUMERAL_CHARS}]{{1,3}})(?![{NUMERAL_CHARS}）)、])"
    rf"|(?P<b>[{NUMERAL_CHARS}]{{1,3}})(?P<close>[）)]))"
)
_GAP_START = GAP_OPEN[:3]
_GAP = lazy(re.escape(_GAP_START) + r"[^】\n]{0,40}】?")  # 【待填：…】 and 【待填】
_DOCUMENTS = national_documents()
_CITATION = lazy(
    "(?P<name>"
    + "|".join(re.escape(name) for name in _DOCUMENTS)
    + r")\s*[（(]\s*(?P<from>\d{4})\s*年?\s*"
    + one_of("-—–－~～至到")  # [-—–－~～至到], compiled with no bitmap
    + r"+\s*(?P<to>\d{4})\s*年?\s*[）)]"
)


def check_content(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for para in report.paragraphs:
        findings.extend(_gaps(para))
        if para.role is Role.BODY:
            findings.extend(_bracket(para))
        findings.extend(_citations(para))
    return findings


def _gaps(para: Para) -> list[Finding]:
    findings = []
    for match in _GAP.finditer(para.text) if _GAP_START in para.text else ():
        findings.append(
            Finding(
                Severity.ERROR,
                "content.gap",
                f"“{match.group(0)}”还没有填写，报告不能这样印发。",
                locate(para, match.start(), match.end()),
                found=match.group(0),
            )
        )
    return findings


def _bracket(para: Para) -> list[Finding]:
    match = _BRACKET.match(para.text) if _may_lack_bracket(para.text) else None
    if match is None:
        return []
    numeral = match["a"] or match["b"]
    rest = para.text[match.end() :]
    if not rest or not ("\u4e00" <= rest[0] <= "\u9fff"):
        return []
    corrected = f"（{numeral}）"
    return [
        Finding(
            Severity.ERROR,
            "numbering.bracket",
            f"标题编号“{match.group(0)}”缺少括号，应为“{corrected}”。",
            locate(para, 0, match.end()),
            found=match.group(0),
            corrected=corrected,
            edits=(Edit(para.number, 0, match.end(), corrected),),
        )
    ]


def _may_lack_bracket(text: str) -> bool:
    """What _BRACKET needs at the start: "（" or "(" and a numeral, or a numeral and a closing
    bracket within three characters."""
    first = text[:1]
    if first in ("（", "("):
        return text[1:2] != "" and text[1] in NUMERAL_CHARS
    return first != "" and first in NUMERAL_CHARS and (")" in text[:4] or "）" in text[:4])


# What every match of _CITATION starts with: a document's name.  Each name is looked for: they
# are few, and share only characters every report is full of (法, 治).
_names_a_document = holds_any(_DOCUMENTS)


def _citations(para: Para) -> list[Finding]:
    findings = []
    for match in _CITATION.finditer(para.text) if _names_a_document(para.text) else ():
        periods = _DOCUMENTS[match["name"]]
        written = f"{match['from']}—{match['to']}年"
        if written in periods:
            continue
        corrected = periods[-1]
        findings.append(
            Finding(
                Severity.ERROR,
                "content.document-period",
                f"《{match['name']}》的期限是{'或'.join(periods)}，这里写作{written}。",
                locate(para, match.start(), match.end()),
                found=written,
                corrected=corrected,
            )
        )
    return findings


def missing_parts(draft: Draft, profile: Profile) -> list[Finding]:
    """The profile's required parts (the 规定's items 1 to 4) a draft leaves out."""
    present = {key for key, entry in draft.sections.items() if entry.enabled}
    return [
        Finding(
            Severity.WARNING,
            "content.required-part",
            f"草稿中没有每份报告都应有的部分：{_standard(section.heading, draft.meta.year)}"
            f"（sections.{section.id}），请补写。",
            Location(),
        )
        for section in profile.sections
        if not section.optional and section.level == 1 and section.id not in present
    ]


def missing_sections(document: Document, report: Report, year: int | None) -> list[Finding]:
    """The profile's required parts a report's headings leave out, each placed at the
    heading it belongs before (or at the report's last paragraph, for the last part).

    The profile is told from the report's content and its headings are matched to the outline
    as ``drafter new --from`` matches them (a part folded in as a （一） under item 1 counts),
    so check and import agree on what a report holds.
    """
    # Imported here: a draft's check (and every build) never matches headings.
    from drafter.importer.matching import (
        match_sections,
        outline_heads,
        report_parts,
        required_sections,
    )
    from drafter.importer.profile import choose_profile

    organisation = document.signature.organisation if document.signature else ""
    body = "\n".join(b.text for b in document.blocks if isinstance(b, Paragraph))
    choice = choose_profile(organisation or "", document.title, body)
    heads = outline_heads(choice.profile)
    parts = match_sections(report_parts(document), heads)
    present = {part.section_id for part in parts}
    # Where each level-1 part of the outline stands in the report, in the outline's order.
    placed = {
        part.section_id: part.heading
        for part in parts
        if part.heading is not None and part.heading.level == 1
    }
    order = [s.id for s in heads if s.level == 1]
    paras = {id(p.origin): p for p in report.paragraphs if p.is_heading and p.origin}
    findings = []
    for section in required_sections(heads):
        if section.id in present:
            continue
        name = _standard(section.heading, year)
        later = [placed[i] for i in order[order.index(section.id) + 1 :] if i in placed]
        para = paras.get(id(later[0].origin)) if later else None
        if para is not None:
            where = f"，应写在“{para.text[: para.title_end]}”之前"
        else:
            para = report.paragraphs[-1] if report.paragraphs else None
            where = ""
        findings.append(
            Finding(
                Severity.WARNING,
                "content.required-part",
                f"报告中没有每份报告都应有的部分：{name}{where}，请补写。",
                locate(para, 0, para.title_end or None) if para is not None else Location(),
                corrected=name,
            )
        )
    return findings


def _standard(heading: str, year: int | None) -> str:
    if year is None:  # "推进法治政府建设的主要举措和成效": the part, whatever its year
        return heading.replace("{{ year + 1 }}年", "").replace("{{ year }}年", "")
    return heading.replace("{{ year + 1 }}", str(year + 1)).replace("{{ year }}", str(year))
