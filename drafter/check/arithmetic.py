"""Figures that contradict each other: rates against their counts, "其中" parts against their
total, percentages over 100%, and year-on-year changes against the two figures given.

The rules are deliberately cautious: they compare figures only when the text pairs them
unambiguously (one numerator, one denominator; one figure for last year, one for this), and
never use an approximate figure ("530余人次") to prove anything.
"""

from __future__ import annotations

from drafter.check.figures import (
    agrees,
    clause_bounds,
    decimals,
    format_rate,
    format_value,
)
from drafter.check.findings import Finding, Severity
from drafter.check.paragraphs import Para, Report, Role, locate
from drafter.reading import Reading, read_figures
from drafter.reading.figures import may_relate
from drafter.vocab.regex import lazy
from drafter.vocab.words import PERCENT_SIGN

_PERCENT = lazy(r"(?<![\d.])(?P<value>\d+(?:\.\d+)?)" + PERCENT_SIGN)
_GROWTH = lazy(r"增长|增加|提高|提升|上升|同比|环比|翻|超出|超过|多出|高出|较|比上年|比去年")


def check_arithmetic(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for para in report.paragraphs:
        if para.role in (Role.SIGNATURE, Role.DATE):
            continue
        if not any(map(str.isdigit, para.text)):
            continue
        if not may_relate(para.text):  # figures that stand alone: no rate, part or change
            findings.extend(_over_hundred(para, []))
            continue
        reading = read_figures(para.text, report.year)
        rates = _rates(para, reading)
        findings.extend(f for f, _ in rates)
        covered = [span for _, span in rates]
        findings.extend(_over_hundred(para, covered))
        findings.extend(_parts(para, reading))
        findings.extend(_changes(para, reading))
    return findings


# -- rates ---------------------------------------------------------------------------------


def _rates(para: Para, reading: Reading) -> list[tuple[Finding, tuple[int, int]]]:
    """Stated rates against the one numerator and denominator the text gives them."""
    results = []
    for rate in reading.rates:
        if not rate.certain or rate.numerator is None or rate.denominator is None:
            continue
        stated_figure = reading.figures[rate.figure].quantity
        numerator = reading.figures[rate.numerator].value
        denominator = reading.figures[rate.denominator].value
        written = para.text[stated_figure.number_start : stated_figure.number_end]
        stated = float(stated_figure.value)
        places = decimals(written)
        computed = float(numerator) / float(denominator) * 100
        if agrees(stated, computed, places):
            continue
        name = rate.name.replace("应诉", "")
        corrected = format_rate(computed, places) + "%"
        found = written + "%"
        message = (
            f"{name}写作{found}，但按{format_value(float(numerator))}÷"
            f"{format_value(float(denominator))}计算应为{corrected}。"
        )
        span = (stated_figure.number_start, stated_figure.end)
        finding = Finding(
            Severity.ERROR,
            "arithmetic.rate",
            message,
            locate(para, rate.start, stated_figure.end),
            found=found,
            corrected=corrected,
        )
        results.append((finding, span))
    return results


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


def _parts(para: Para, reading: Reading) -> list[Finding]:
    """Parts that add up to more than their total (or, said to be all of it, to less).

    Only a certain reading proves an error; where the total could be read another way (several
    counts listed before 其中, a total clauses away) the finding is a warning.
    """
    findings = []
    for breakdown in reading.breakdowns:
        totals = [reading.figures[i] for i in breakdown.totals]
        parts = [reading.figures[i] for i in breakdown.parts]
        if any(f.quantity.approximate for f in (*totals, *parts)):
            continue
        total = float(reading.total_value(breakdown))
        amount = float(sum(p.value for p in parts))
        unit = totals[-1].unit
        if amount > total + 1e-9:
            problem = "超过"
        elif breakdown.complete and amount < total - 1e-9:
            problem = "少于"
        else:
            continue
        summed = "+".join(format_value(float(p.value)) for p in parts)
        corrected = f"{format_value(amount)}{unit}"
        stated = f"{format_value(total)}{unit}"
        if len(totals) > 1:
            listed = "+".join(format_value(float(t.value)) for t in totals)
            stated = f"{listed}={stated}"
        message = f"“其中”所列各项合计{summed}={corrected}，{problem}总数{stated}。"
        if not breakdown.certain:
            message += "（总数的读法不止一种，请核对）"
        findings.append(
            Finding(
                Severity.ERROR if breakdown.certain else Severity.WARNING,
                "arithmetic.parts",
                message,
                locate(para, totals[0].quantity.number_start, parts[-1].end),
                found=f"{format_value(total)}{unit}",
                corrected=corrected,
            )
        )
    return findings


# -- year-on-year changes --------------------------------------------------------------------


def _changes(para: Para, reading: Reading) -> list[Finding]:
    findings = []
    text = para.text
    for change in reading.changes:
        if not change.certain or change.previous is None or change.current is None:
            continue
        previous = reading.figures[change.previous]
        current = reading.figures[change.current]
        stated_figure = reading.figures[change.figure].quantity
        if change.points:
            computed = float(current.value - previous.value)
        elif previous.value > 0:
            computed = float((current.value - previous.value) / previous.value * 100)
        else:
            continue
        written = text[stated_figure.number_start : stated_figure.number_end]
        places = decimals(written)
        stated = float(stated_figure.value) * (-1 if change.down else 1)
        if agrees(stated, computed, places):
            continue
        unit = "个百分点" if change.points else "%"
        direction = "下降" if computed < 0 else "增长"
        magnitude = format_rate(abs(computed), places)
        corrected = f"{direction}{magnitude}{unit}"
        if change.points:
            magnitude = format_value(abs(computed), max(places, 1))
            corrected = f"{'下降' if computed < 0 else '提高'}{magnitude}{unit}"
        found = text[change.start : stated_figure.end]
        previous_text = format_value(float(previous.value)) + previous.unit
        current_text = format_value(float(current.value)) + current.unit
        findings.append(
            Finding(
                Severity.ERROR,
                "arithmetic.change",
                f"写作“{found}”，但由{previous_text}到{current_text}应为{corrected}。",
                locate(para, change.start, stated_figure.end),
                found=found,
                corrected=corrected,
            )
        )
    return findings
