"""Years and dates: the title year against the body, last year's year left in the text, the plan
section's year, the form of the 成文日期 and events dated after it.

The report year N is the draft's own year when it is known; otherwise the year in the title,
unless the body consistently names another (then the title is what is wrong); otherwise the year
the body names most often where it speaks about the year reported on ("N年以来", "N年，…",
"N年全年"…).  Those phrases — *anchors* — are what the rules compare: a year inside a name
("《…（2021-2025年）》"), after "自"/"较"/"与", or in a full event date is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from drafter.check.findings import Edit, Finding, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.vocab.dates import BARE_YEAR, CHINESE_DIGIT, YEAR, format_date, parse_written_date
from drafter.vocab.regex import lazy, one_of

# (?=[截\d]): what every match starts with, so that the other places are passed over at once.
_ANCHOR = lazy(
    r"(?=[截\d])"
    rf"(?:^|(?<=\s)|(?<={one_of('。；！？，：;:')}))(?:截至|截止|截止到)?(?P<year>\d{{4}})\s*年"
    r"(?P<tail>以来|，|,|全年|度|共|我|上半年|下半年|初|底|末|期间|内(?!容))"
)
_TITLE_WORDS = lazy(r"报告|法治政府")
_PLAN = ("打算", "计划", "安排", "思路", "展望", "下一步", "下步", "明年", "下一年")
_EVENT_DATE = lazy(
    r"(?<![\d\-－—~至到])(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月"
    r"(?:\s*(?P<day>\d{1,2})\s*日)?(?![\d份])"
)
_FUTURE = lazy(r"将|计划|预计|拟|力争|争取|预期|届时|之前|以前|(?<=[月日])前")


class _Anchor(NamedTuple):
    para: Para
    year: int
    start: int
    end: int  # of "N年"


def check_dates(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    plan = _plan_paragraphs(report)
    anchors = [a for p in report.paragraphs if p.role in _BODY_ROLES for a in _anchors(p)]
    year, title_findings = _report_year(report, [a for a in anchors if a.para.number not in plan])
    findings.extend(title_findings)
    if year is not None:
        findings.extend(_other_years(anchors, plan, year))
        findings.extend(_plan_year(report, plan, year))
    findings.extend(_bare_title_year(report))
    if report.year is not None:
        findings.extend(_old_events(report, plan, report.year))
    signed = _signature_date(report)
    if signed is not None:
        _, date, form_finding = signed
        if form_finding is not None:
            findings.append(form_finding)
        if date is not None:
            findings.extend(_after_signature(report, plan, year, date))
    return findings


_BODY_ROLES = (Role.HEADING, Role.BODY, Role.CLOSING)


def _anchors(para: Para) -> list[_Anchor]:
    start = para.title_start if para.is_heading else 0
    found = []
    for match in _ANCHOR.finditer(para.text, start):
        # A heading's number ends with 、 or ）, so a year straight after it starts a clause too.
        found.append(_Anchor(para, int(match["year"]), match.start("year"), match.start("tail")))
    if para.is_heading and para.title_start > 0:
        leading = re.match(r"(\d{4})\s*年", para.text[para.title_start :])
        if leading and not any(a.start == para.title_start for a in found):
            begin = para.title_start
            found.insert(0, _Anchor(para, int(leading[1]), begin, begin + leading.end()))
    return found


def _plan_paragraphs(report: Report) -> set[int]:
    """Numbers of the paragraphs in the plan section (下一年度…安排, 工作打算…), heading included."""
    inside = False
    numbers: set[int] = set()
    for para in report.paragraphs:
        if para.is_heading and para.level == 1:
            title = para.text[para.title_start : para.title_end]
            inside = any(word in title for word in _PLAN)
        elif para.role not in (Role.HEADING, Role.BODY):
            inside = False
        if inside:
            numbers.add(para.number)
    return numbers


def _title_year(report: Report) -> tuple[Para, re.Match[str]] | None:
    for para in report.paragraphs:
        if para.role not in (Role.TITLE, Role.FRONT):
            break
        match = YEAR.search(para.text)
        if match and (para.role is Role.TITLE or _TITLE_WORDS.search(para.text)):
            return para, match
    return None


def _report_year(report: Report, anchors: list[_Anchor]) -> tuple[int | None, list[Finding]]:
    tally = Counter(a.year for a in anchors)
    body_year = None
    if tally:
        (body_year, most), *rest = tally.most_common()
        if rest and rest[0][1] == most:
            body_year = None  # no clear majority
    title = _title_year(report)
    if report.year is not None:
        year = report.year
    elif title is not None:
        year = int(title[1][1])
        if body_year is not None and body_year != year and year not in tally:
            year = body_year
    else:
        return body_year, []
    findings = []
    if title is not None and int(title[1][1]) != year:
        para, match = title
        written = int(match[1])
        findings.append(
            Finding(
                Severity.ERROR,
                "dates.title-year",
                f"标题中的年份是{written}年，但报告所述年度是{year}年。",
                locate(para, match.start(), match.end()),
                found=f"{written}年",
                corrected=f"{year}年",
            )
        )
    return year, findings


def _other_years(anchors: list[_Anchor], plan: set[int], year: int) -> list[Finding]:
    findings = []
    for anchor in anchors:
        in_plan = anchor.para.number in plan
        expected = year + 1 if in_plan else year
        if anchor.year == expected:
            continue
        if in_plan and anchor.para.is_heading and anchor.para.level == 1:
            continue  # the plan heading's year is _plan_year's
        if in_plan:
            message = f"工作打算部分写的是{anchor.year}年，下一年度应为{expected}年。"
        else:
            message = f"这里写的是{anchor.year}年，但本报告所述年度是{expected}年（可能沿用了往年的文字）。"
        findings.append(
            Finding(
                Severity.WARNING,
                "dates.other-year",
                message,
                locate(anchor.para, anchor.start, anchor.end),
                found=f"{anchor.year}年",
                corrected=f"{expected}年",
            )
        )
    return findings


def _plan_year(report: Report, plan: set[int], year: int) -> list[Finding]:
    if not plan:
        return []
    paragraphs = [report.paragraph(n) for n in sorted(plan)]
    heading = paragraphs[0]
    following = f"{year + 1}年"
    match = re.match(r"(\d{4})\s*年", heading.text[heading.title_start :])
    if match and int(match[1]) != year + 1:
        start = heading.title_start
        return [
            Finding(
                Severity.ERROR,
                "dates.plan-year",
                f"工作打算的标题写的是{match[1]}年，下一年度应为{following}。",
                locate(heading, start, start + match.end()),
                found=f"{match[1]}年",
                corrected=following,
            )
        ]
    if any(re.search(rf"{year + 1}\s*年", p.text) for p in paragraphs):
        return []
    return [
        Finding(
            Severity.WARNING,
            "dates.plan-year",
            f"工作打算部分没有写明下一年度（{following}）。",
            locate(heading, 0, heading.title_end),
            corrected=following,
        )
    ]


# -- the 成文日期 -------------------------------------------------------------------------------


def _signature_date(
    report: Report,
) -> tuple[Para, tuple[int, int, int] | None, Finding | None] | None:
    dates = report.by_role(Role.DATE)
    if not dates:
        return None
    para = dates[-1]
    date = parse_written_date(para.text)
    if date is None:
        return para, None, None
    corrected = format_date(*date)
    written = para.text.strip()
    if written == corrected:
        return para, date, None
    if CHINESE_DIGIT.search(written):
        why = "成文日期应用阿拉伯数字"
    elif re.search(r"[０-９]", written):
        why = "成文日期应用半角阿拉伯数字"
    elif re.search(r"(?<!\d)0\d", written):
        why = "成文日期的月、日不编虚位（不补0）"
    elif re.search(r"\d\s+[年月日]|[年月]\s+\d", written):
        why = "成文日期中不加空格"
    elif "年" not in written:
        why = "成文日期应写作“×年×月×日”"
    else:
        why = "成文日期应写全年份"
    start = para.text.index(written)
    finding = Finding(
        Severity.WARNING,
        "dates.signature-form",
        f"{why}，应为“{corrected}”。",
        locate(para),
        found=written,
        corrected=corrected,
        edits=(Edit(para.number, start, start + len(written), corrected),),
    )
    return para, date, finding


def _after_signature(
    report: Report, plan: set[int], year: int | None, signed: tuple[int, int, int]
) -> list[Finding]:
    findings = []
    for para in report.paragraphs:
        if para.role not in _BODY_ROLES or para.number in plan:
            continue
        for match in _EVENT_DATE.finditer(para.text) if "月" in para.text else ():
            event_year = int(match["year"]) if match["year"] else year
            if event_year is None:
                continue
            month = int(match["month"])
            day = int(match["day"]) if match["day"] else None
            if not 1 <= month <= 12:
                continue
            event = (event_year, month, day if day is not None else 0)
            if event[:2] < signed[:2] or (day is not None and event <= signed):
                continue
            if day is None and event[:2] == signed[:2]:
                continue
            clause_start = max((para.text.rfind(c, 0, match.start()) for c in "，。；"), default=-1)
            clause_end = min(
                (i for i in (para.text.find(c, match.end()) for c in "，。；") if i >= 0),
                default=len(para.text),
            )
            if _FUTURE.search(para.text, clause_start + 1, clause_end):
                continue
            written = match.group(0)
            findings.append(
                Finding(
                    Severity.ERROR,
                    "dates.after-signature",
                    f"“{written}”晚于成文日期{format_date(*signed)}，已发生的事不会在成文之后。",
                    locate(para, match.start(), match.end()),
                    found=written,
                )
            )
    return findings


# -- a title year without 年; the old year's dated events left in a new year's draft ------------

_DATED = lazy(r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?")


def _bare_title_year(report: Report) -> list[Finding]:
    findings = []
    for para in report.paragraphs:
        if para.role is not Role.TITLE or YEAR.search(para.text):
            continue
        match = BARE_YEAR.search(para.text)
        if match is None:
            continue
        year = match.group(1)
        findings.append(
            Finding(
                Severity.WARNING,
                "dates.title-year-form",
                f"标题中的年份“{year}”后缺少“年”，应为“{year}年”。",
                locate(para, match.start(), match.end()),
                found=year,
                corrected=f"{year}年",
                edits=(Edit(para.number, match.end(), match.end(), "年"),),
            )
        )
    return findings


def _old_events(report: Report, plan: set[int], year: int) -> list[Finding]:
    """In a draft for ``year``: events dated in an earlier year, kept from last year's text."""
    findings = []
    for para in report.paragraphs:
        if para.role not in (Role.BODY, Role.HEADING) or para.number in plan:
            continue
        for match in _DATED.finditer(para.text) if "月" in para.text else ():
            if int(match["year"]) != year - 1:
                continue
            written = match.group(0)
            findings.append(
                Finding(
                    Severity.WARNING,
                    "dates.old-event",
                    f"“{written}”是{year - 1}年的具体日期，本草稿写的是{year}年，"
                    "可能是上一年度的事件留在了文中，请改写或删除。",
                    locate(para, match.start(), match.end()),
                    found=written,
                )
            )
    return findings
