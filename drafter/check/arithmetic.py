"""Figures that contradict each other: rates against their counts, "其中" parts against their
total, percentages over 100%, and year-on-year changes against the two figures given.

The rules are deliberately cautious: they compare figures only when the text pairs them
unambiguously (one numerator, one denominator; one figure for last year, one for this), and
never use an approximate figure ("530余人次") to prove anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.figures import (
    Figure,
    agrees,
    clause_bounds,
    decimals,
    figures,
    format_rate,
    format_value,
    sentence_bounds,
)
from drafter.check.findings import Finding, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.vocab.words import PERCENT_SIGN


@dataclass(frozen=True)
class _RateKind:
    numerator: re.Pattern[str]
    denominator: re.Pattern[str]


_EXAM = r"参考|参加|参试|应考|报考"
_RATE_KINDS = {
    "通过率": _RateKind(re.compile(r"通过|合格"), re.compile(_EXAM)),
    "及格率": _RateKind(re.compile(r"及格|合格|通过"), re.compile(_EXAM)),
    "出庭率": _RateKind(re.compile(r"(?<!应)出庭"), re.compile(r"开庭|应出庭")),
    "结案率": _RateKind(
        re.compile(r"结案|办结|审结|执结"), re.compile(r"立案|受理|收案|查处|办理")
    ),
    "办结率": _RateKind(re.compile(r"办结|办理完毕"), re.compile(r"受理|收到|接到|交办|转办|登记")),
    "调解成功率": _RateKind(re.compile(r"成功"), re.compile(r"(?<!成功)调解(?!成功)|受理")),
}
_RATE = re.compile(
    r"(?P<name>通过率|及格率|出庭(?:应诉)?率|结案率|办结率|调解成功率)"
    r"(?:为|达|达到|是|高达|均为|均达|已达)?(?P<value>\d+(?:\.\d+)?)" + PERCENT_SIGN
)
_PERCENT = re.compile(r"(?<![\d.])(?P<value>\d+(?:\.\d+)?)" + PERCENT_SIGN)
_GROWTH = re.compile(r"增长|增加|提高|提升|上升|同比|环比|翻|超出|超过|多出|高出|较|比上年|比去年")
_CHANGE = re.compile(
    r"(?P<verb>增长|增加|上升|提高|提升|下降|减少|降低|回落)了?(?P<value>\d+(?:\.\d+)?)"
    rf"(?P<unit>{PERCENT_SIGN}|个百分点)"
)
_DOWN = ("下降", "减少", "降低", "回落")
_PREVIOUS = re.compile(r"上年|去年|上一年|前一年|同期|(?:较|比|与)\d{4}年")
_ALL_OF_IT = re.compile(r"分别为|分别是|分别有")


def check_arithmetic(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for para in report.paragraphs:
        if para.role in (Role.SIGNATURE, Role.DATE):
            continue
        rates = _rates(para)
        findings.extend(f for f, _ in rates)
        covered = [span for _, span in rates]
        findings.extend(_over_hundred(para, covered))
        findings.extend(_parts(para))
        findings.extend(_changes(para))
    return findings


# -- rates ---------------------------------------------------------------------------------


def _rates(para: Para) -> list[tuple[Finding, tuple[int, int]]]:
    results = []
    text = para.text
    for match in _RATE.finditer(text):
        name = match["name"].replace("应诉", "")
        kind = _RATE_KINDS[name]
        stated = float(match["value"])
        places = decimals(match["value"])
        sentence = sentence_bounds(text, match.start())
        pair = _pair(text, kind, *sentence) or _pair(text, kind, 0, len(text))
        if pair is None:
            continue
        numerator, denominator = pair
        computed = numerator.value / denominator.value * 100
        if agrees(stated, computed, places):
            continue
        corrected = format_rate(computed, places) + "%"
        found = match["value"] + "%"
        message = (
            f"{name}写作{found}，但按{format_value(numerator.value)}÷"
            f"{format_value(denominator.value)}计算应为{corrected}。"
        )
        span = (match.start("value"), match.end())
        finding = Finding(
            Severity.ERROR,
            "arithmetic.rate",
            message,
            locate(para, match.start(), match.end()),
            found=found,
            corrected=corrected,
        )
        results.append((finding, span))
    return results


def _pair(text: str, kind: _RateKind, start: int, end: int) -> tuple[Figure, Figure] | None:
    """The one numerator and one denominator among the counts of ``text[start:end]``."""
    numerators: list[Figure] = []
    denominators: list[Figure] = []
    for figure in figures(text, start, end):
        if figure.is_percent or figure.unit.endswith("元"):
            continue
        clause = text[slice(*clause_bounds(text, figure.start, start, end))]
        is_numerator = bool(kind.numerator.search(clause))
        is_denominator = bool(kind.denominator.search(clause))
        if is_numerator and not is_denominator:
            numerators.append(figure)
        elif is_denominator and not is_numerator:
            denominators.append(figure)
    # Counts of other things in the sentence (1次 exam among 79人 who sat it) do not count.
    pairs = []
    for numerator in numerators:
        same = [d for d in denominators if d.same_kind(numerator)]
        if len([n for n in numerators if n.same_kind(numerator)]) == 1 and len(same) == 1:
            pairs.append((numerator, same[0]))
    if len(pairs) != 1:
        return None
    numerator, denominator = pairs[0]
    if numerator.approximate or denominator.approximate or denominator.value <= 0:
        return None
    return numerator, denominator


# -- percentages over 100% -----------------------------------------------------------------


def _over_hundred(para: Para, covered: list[tuple[int, int]]) -> list[Finding]:
    findings = []
    text = para.text
    for match in _PERCENT.finditer(text):
        if float(match["value"]) <= 100:
            continue
        if any(a <= match.start() < b for a, b in covered):
            continue
        clause_start, _ = clause_bounds(text, match.start())
        if _GROWTH.search(text, clause_start, match.start()):
            continue
        found = match.group(0)
        findings.append(
            Finding(
                Severity.ERROR,
                "arithmetic.percent-over-100",
                f"百分比{found}超过100%，比率和占比不会超过100%。",
                locate(para, match.start(), match.end()),
                found=found,
            )
        )
    return findings


# -- "其中" parts --------------------------------------------------------------------------


def _parts(para: Para) -> list[Finding]:
    findings = []
    text = para.text
    for match in re.finditer("其中", text):
        sentence_start, sentence_end = sentence_bounds(text, match.start())
        before = [f for f in figures(text, sentence_start, match.start()) if not f.is_percent]
        if not before:
            continue
        total = before[-1]
        # The total must be in the clause just before 其中, not somewhere earlier.
        if _clause_breaks(text, total.end, match.start()) > 1:
            continue
        stop = _parts_end(text, match.end(), sentence_end)
        parts = [f for f in figures(text, match.end(), stop) if f.same_kind(total)]
        if not parts or total.approximate or any(p.approximate for p in parts):
            continue
        amount = sum(p.value for p in parts)
        complete = bool(_ALL_OF_IT.search(text, match.end(), stop))
        unit = total.unit
        if amount > total.value + 1e-9:
            problem = "超过"
        elif complete and amount < total.value - 1e-9:
            problem = "少于"
        else:
            continue
        summed = "+".join(format_value(p.value) for p in parts)
        corrected = f"{format_value(amount)}{unit}"
        findings.append(
            Finding(
                Severity.ERROR,
                "arithmetic.parts",
                f"“其中”所列各项合计{summed}={corrected}，{problem}总数"
                f"{format_value(total.value)}{unit}。",
                locate(para, total.start, parts[-1].end),
                found=f"{format_value(total.value)}{unit}",
                corrected=corrected,
            )
        )
    return findings


def _clause_breaks(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch in "，,；;。")


def _parts_end(text: str, start: int, sentence_end: int) -> int:
    """Where the parts after 其中 end: the parenthesis 其中 sits in, else the clause group up to
    the next "；" or the sentence's end."""
    opened = text.rfind("（", 0, start)
    closed = text.rfind("）", 0, start)
    if opened > closed:
        close = text.find("）", start)
        if 0 <= close < sentence_end:
            return close
    semicolon = text.find("；", start, sentence_end)
    return semicolon if semicolon >= 0 else sentence_end


# -- year-on-year changes --------------------------------------------------------------------


def _changes(para: Para) -> list[Finding]:
    findings = []
    text = para.text
    for match in _CHANGE.finditer(text):
        start, end = sentence_bounds(text, match.start())
        points = match["unit"] == "个百分点"
        candidates = [
            f
            for f in figures(text, start, end)
            if not (match.start() <= f.start < match.end()) and f.is_percent == points
        ]
        roles = _previous_and_current(text, candidates, start, end)
        if roles is None:
            continue
        previous, current = roles
        if previous.approximate or current.approximate or not previous.same_kind(current):
            continue
        if points:
            computed = current.value - previous.value
        elif previous.value > 0:
            computed = (current.value - previous.value) / previous.value * 100
        else:
            continue
        places = decimals(match["value"])
        stated = float(match["value"]) * (-1 if match["verb"] in _DOWN else 1)
        if agrees(stated, computed, places):
            continue
        unit = "个百分点" if points else "%"
        direction = "下降" if computed < 0 else "增长"
        magnitude = format_rate(abs(computed), places)
        corrected = f"{direction}{magnitude}{unit}"
        if points:
            magnitude = format_value(abs(computed), max(places, 1))
            corrected = f"{'下降' if computed < 0 else '提高'}{magnitude}{unit}"
        found = match.group(0)
        findings.append(
            Finding(
                Severity.ERROR,
                "arithmetic.change",
                f"写作“{found}”，但由{previous.text}到{current.text}应为{corrected}。",
                locate(para, match.start(), match.end()),
                found=found,
                corrected=corrected,
            )
        )
    return findings


def _previous_and_current(
    text: str, candidates: list[Figure], start: int, end: int
) -> tuple[Figure, Figure] | None:
    """Last year's figure and this year's among exactly two figures of one kind."""
    if len(candidates) != 2:
        return None
    first, second = candidates
    lead = text[clause_bounds(text, first.start, start, end)[0] : first.start]
    between = text[first.end : second.start]
    if re.search("[由从]", lead) and re.search("[到至]", between):
        return first, second  # 由100件增加到130件
    marks = []
    for figure in candidates:
        clause = text[slice(*clause_bounds(text, figure.start, start, end))]
        marks.append(bool(_PREVIOUS.search(clause)))
    if marks == [True, False]:
        return first, second
    if marks == [False, True]:
        return second, first
    return None
