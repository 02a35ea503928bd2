"""Chinese numerals both ways: 一 … 九十九, 一百, 一百零一 … 九千九百九十九, and the digit-by-digit
form of years (二〇二五).  Bounded: nothing here reads or writes past :data:`MAX_NUMERAL`, and
parsing looks at no more than a dozen characters."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
# Digit-by-digit years write zero as 〇 (the standard form), 零, ○ or a Latin O.
ZERO_FORMS = "〇零○ＯO"
UNITS = (("千", 1000), ("百", 100), ("十", 10))
# Every character a counted numeral may hold, for regex classes: [一二…十百千零].
NUMERAL_CHARS = DIGITS[1:] + "十百千零"
MAX_NUMERAL = 9999
# The financial (大写) forms Word's chineseLegalSimplified lists draw: 壹 贰 … 拾 佰 仟.
FINANCIAL = str.maketrans("零一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟")
_MAX_LENGTH = 12


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十."""
    if not 1 <= n <= MAX_NUMERAL:
        raise ValueError(f"汉字数字只写 1 到 {MAX_NUMERAL}，不写 {n}")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for unit, size in UNITS:
        digit, rest = divmod(rest, size)
        if digit:
            if pending_zero:
                parts.append("零")
            # 十二, not 一十二; but 一百一十 inside a larger number.
            if not (unit == "十" and digit == 1 and not parts):
                parts.append(DIGITS[digit])
            parts.append(unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(DIGITS[rest])
    return "".join(parts)


def parse_chinese_numeral(text: str) -> int | None:
    """The inverse of :func:`chinese_numeral`; None when ``text`` is not such a numeral."""
    if not text or len(text) > _MAX_LENGTH or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    total = 0
    digit: int | None = None
    sizes = dict(UNITS)
    for ch in text:
        if ch in sizes:
            total += (1 if digit is None else digit) * sizes[ch]
            digit = None
        elif ch != "零":
            if digit is not None:
                return None  # 二三
            digit = DIGITS.index(ch)
    total += digit or 0
    if not 1 <= total <= MAX_NUMERAL or chinese_numeral(total) != text:
        return None  # 十十, 一十二, 二百零: not as a numeral is written
    return total


def parse_digit_numeral(text: str) -> int | None:
    """二〇二五 → 2025: the digit-by-digit form years are written in; None otherwise."""
    if not text or len(text) > _MAX_LENGTH:
        return None
    value = 0
    for ch in text:
        if ch in ZERO_FORMS:
            value *= 10
        elif ch in DIGITS[1:]:
            value = value * 10 + DIGITS.index(ch)
        else:
            return None
    return value
