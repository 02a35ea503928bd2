"""Dates as a report writes them: 2025年1月20日, 2025.01.20, 2025-1-20, 二〇二五年一月二十日."""

from __future__ import annotations

from drafter.vocab.chars import FULLWIDTH_DIGITS
from drafter.vocab.numerals import DIGITS, ZERO_FORMS, parse_chinese_numeral, parse_digit_numeral
from drafter.vocab.regex import lazy, one_of

_TO_ASCII_DIGITS = str.maketrans(FULLWIDTH_DIGITS, "0123456789")
_SMALL = DIGITS[1:] + "十"
# A four-digit year followed by 年, written in Arabic digits (the years reports roll).
YEAR = lazy(r"(?<!\d)((?:19|20)\d{2})\s*年")
# A year written without 年, as titles sometimes have it: "××局2024法治政府建设年度报告".
# (Classes of scattered characters past U+00FF are written with one_of: they compile quickly.)
BARE_YEAR = lazy(rf"(?<![\d.])((?:19|20)\d{{2}})(?![\d.]|{one_of('年-—–－~～至到')})")
DATE_ARABIC = lazy(r"^(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_SEPARATOR = one_of(".．-/—–")
DATE_SEPARATED = lazy(
    rf"^(\d{{4}})\s*{_SEPARATOR}\s*(\d{{1,2}})\s*{_SEPARATOR}\s*(\d{{1,2}})\s*日?$"
)
_CHINESE_YEAR_DIGITS = ZERO_FORMS + DIGITS[1:]
DATE_CHINESE = lazy(
    rf"^([{_CHINESE_YEAR_DIGITS}]{{2,4}})\s*年\s*([{_SMALL}]{{1,3}})\s*月"
    rf"\s*([{_SMALL}]{{1,3}})\s*日$"
)
# A Chinese numeral character anywhere: a date written in them is not in the 成文日期 form.
CHINESE_DIGIT = lazy(f"[{ZERO_FORMS[:3]}{_SMALL}]")


# How a stripped value (no final newline for $ to stand before) must start and end for each
# pattern to match it; \d is a decimal digit, and every decimal digit isdigit.
def may_be_arabic_date(value: str) -> bool:
    return value[:1].isdigit() and value.endswith("日")


def may_be_separated_date(value: str) -> bool:
    return value[:1].isdigit() and (value.endswith("日") or value[-1:].isdigit())


def may_be_chinese_date(value: str) -> bool:
    return value[:1] != "" and value[0] in _CHINESE_YEAR_DIGITS and value.endswith("日")


def parse_written_date(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date however it is written: 2025年1月20日, 2025.01.20,
    二〇二五年一月二十日; a two-digit year is in this century.  None when it is no date."""
    value = text.strip()
    if len(value) > 40:
        return None
    value = value.translate(_TO_ASCII_DIGITS)  # one character for one: the length stays
    # Each form is tried only where the value starts and ends as it must: most lines are no
    # date, and are told so without compiling the three patterns.
    match = (may_be_arabic_date(value) and DATE_ARABIC.match(value)) or (
        may_be_separated_date(value) and DATE_SEPARATED.match(value)
    )
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = may_be_chinese_date(value) and DATE_CHINESE.match(value)
        if not match:
            return None
        parsed = (parse_digit_numeral(match[1]), parse_chinese_numeral(match[2]),
                  parse_chinese_numeral(match[3]))  # fmt: skip
        if None in parsed:
            return None
        year, month, day = (int(part or 0) for part in parsed)
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


def format_date(year: int, month: int, day: int) -> str:
    """The 成文日期 form: Arabic digits, no leading zeros (GB/T 9704 7.3.5.1)."""
    return f"{year}年{month}月{day}日"
