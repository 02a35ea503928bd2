"""What a report must hold, and what it must not still hold.

* 【待填】 gaps left in the text (an error: the report is not finished);
* in a draft, the profile's parts every report must contain (the 规定's items 1 to 4);
* a heading number missing a bracket ("一)加强学法" → "（一）");
* a national document cited with a period it was not issued for
  (《法治政府建设实施纲要（2020—2025年）》 → （2021—2025年）).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.check.findings import Edit, Finding, Location, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.tree import GAP_OPEN
from drafter.vocab.numerals import NUMERAL_CHARS
from drafter.vocab.words import national_documents

if TYPE_CHECKING:  # the model is only needed for a draft, and costs pydantic on every start
    from drafter.model import Draft
    from drafter.outline import Profile

_BRACKET = re.compile(
    rf"^(?:(?P<open>[（(])(?P<a>[{NUMERAL_CHARS}]{{1,3}})(?![{NUMERAL_CHARS}）)、])"
    rf"|(?P<b>[{NUMERAL_CHARS}]{{1,3}})(?P<close>[）)]))"
)
_GAP = re.compile(re.escape(GAP_OPEN[:3]) + r"[^】\n]{0,40}】?")  # 【待填：…】 and 【待填】
_DOCUMENTS = national_documents()
_CITATION = re.compile(
    "(?P<name>"
    + "|".join(re.escape(name) for name in _DOCUMENTS)
    + r")\s*[（(]\s*(?P<from>\d{4})\s*年?\s*[-—–－~～至到]+\s*(?P<to>\d{4})\s*年?\s*[）)]"
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
    for match in _GAP.finditer(para.text):
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
    match = _BRACKET.match(para.text)
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


def _citations(para: Para) -> list[Finding]:
    findings = []
    for match in _CITATION.finditer(para.text):
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


def _standard(heading: str, year: int) -> str:
    return heading.replace("{{ year + 1 }}", str(year + 1)).replace("{{ year }}", str(year))
