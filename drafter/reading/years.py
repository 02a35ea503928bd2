"""Which years of a report roll with the report's year, and which keep their text.

A report on year N names N and the years beside it in generic sentences ("2023年，我局……",
"2023年以来", "2024年工作计划"): those roll to the new year.  Other years are facts of their
own and keep their text: an award or an honour of a year ("获2022年度全市先进单位"), a dated
event ("2022年，××联络站被确立为……", "2023年5月"), a year inside a document's or a campaign's
name (《……2023年普法工作要点》, “2023年春雷行动”), a plan period ("（2021—2025年）"), and any
year more than one from N.  :func:`year_mentions` says which is which, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from drafter.vocab.words import alternatives, year_words


class YearUse(Enum):
    REPORT = "report"  # the report's year or one beside it, in a generic sentence: rolls
    RANGE = "range"  # a plan period: （2021—2025年）
    DATE = "date"  # part of a date: 2023年5月, 2023年7月3日
    NAME = "name"  # inside 《》 or “”: a document's or a campaign's name
    AWARD = "award"  # an award or an honour of that year
    EVENT = "event"  # a dated event
    OTHER = "other"  # a year further from the report's: 自2018年起


# Why a year keeps its text, for the review list.
REASONS = {
    YearUse.RANGE: "规划期的年份不随报告年度变化",
    YearUse.DATE: "具体日期属于上一年度，请改写或删除",
    YearUse.NAME: "文件或活动名称中的年份保留原文，请核对名称",
    YearUse.AWARD: "获奖、荣誉的年份保留原文，不能改成新年度",
    YearUse.EVENT: "具体事件的年份保留原文，请核对是否仍需写入",
}

_AWARD = re.compile(alternatives(year_words("award_words")))
_EVENT = re.compile(alternatives(year_words("event_words")))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*[-—–－~～至到]\s*(?:19|20)\d{2}(?!\d)")
_DATE_AFTER = re.compile(r"\s*年\s*\d{1,2}\s*月")
_CLAUSE_END = "。！？!?；;，,\n"


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int  # the digits
    end: int
    use: YearUse

    @property
    def rolls(self) -> bool:
        return self.use is YearUse.REPORT

    @property
    def reason(self) -> str:
        return REASONS.get(self.use, "")


def year_mentions(text: str, report_year: int) -> list[YearMention]:
    """Every "N年" of ``text`` with what it is a year of."""
    ranges = [m.span() for m in _RANGE.finditer(text)]
    mentions = []
    for match in _YEAR.finditer(text):
        start, end = match.span(1)
        year = int(match.group(1))
        mentions.append(
            YearMention(year, start, end, _use(text, start, end, year, report_year, ranges))
        )
    return mentions


def _use(
    text: str,
    start: int,
    end: int,
    year: int,
    report_year: int,
    ranges: list[tuple[int, int]],
) -> YearUse:
    if any(a <= start < b for a, b in ranges):
        return YearUse.RANGE
    if _DATE_AFTER.match(text, end):
        return YearUse.DATE
    if _inside(text, start, "《", "》") or _inside(text, start, "“", "”"):
        return YearUse.NAME
    if abs(year - report_year) > 1:
        return YearUse.OTHER
    scope = _scope(text, start, end)
    if _AWARD.search(scope):
        return YearUse.AWARD
    if _EVENT.search(scope):
        return YearUse.EVENT
    return YearUse.REPORT


def _inside(text: str, position: int, opening: str, closing: str) -> bool:
    opened = text.rfind(opening, 0, position)
    return opened >= 0 and text.rfind(closing, 0, position) < opened


def _scope(text: str, start: int, end: int) -> str:
    """What a year is said of: its clause, and the clause after it when the year opens the
    sentence ("2022年，××联络站被确立为……")."""
    left = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    stops = [i for i in (text.find(mark, end) for mark in _CLAUSE_END) if i >= 0]
    right = min(stops) if stops else len(text)
    if text[end:right].strip() in ("年", "年度") and right < len(text):
        more = [i for i in (text.find(mark, right + 1) for mark in _CLAUSE_END) if i >= 0]
        right = min(more) if more else len(text)
    return text[left:right]
