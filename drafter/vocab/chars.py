"""Characters: what is Han, what is Chinese punctuation, half- and full-width forms."""

from __future__ import annotations

from drafter.vocab.regex import lazy

# The Han ideograph blocks (CJK Unified Ideographs, Extension A, Compatibility Ideographs,
# and the supplementary-plane extensions), plus 〇, the ideographic zero of 二〇二五年.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
IDEOGRAPHIC_ZERO = "〇"

# Chinese (full-width) punctuation: the CJK symbols block without its space (U+3000), the
# full-width forms that are punctuation (not full-width digits or Latin letters), and the
# general-punctuation marks a Chinese text uses.
_PUNCTUATION_RANGES: tuple[tuple[int, int], ...] = (
    (0x3001, 0x303F),  # 、。〈〉《》「」【】〔〕
    (0xFF01, 0xFF0F),  # ！＂＃…（）＊＋，－．／
    (0xFF1A, 0xFF20),  # ：；＜＝＞？＠
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
)
CHINESE_MARKS = "“”‘’…—·"


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


# The same definitions as the inside of a regex character class: f"[{HAN_CLASS}]".
HAN_CLASS = IDEOGRAPHIC_ZERO + _class(HAN_RANGES)
CHINESE_PUNCTUATION_CLASS = _class(_PUNCTUATION_RANGES) + CHINESE_MARKS

# Characters a reader never sees that converters and editors leave in text: the zero-width
# space, non-joiner, joiner and word joiner, the byte-order mark and the soft hyphen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Half-width marks and the full-width mark that replaces them inside Chinese text.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
HALF_WIDTH = {full: half for half, full in FULL_WIDTH.items()}
# What each half-width mark is called, for messages.
MARK_NAMES = {
    ",": "逗号",
    ";": "分号",
    ":": "冒号",
    "?": "问号",
    "!": "叹号",
    "(": "括号",
    ")": "括号",
}

# Full-width Latin letters and digits ("２０２３") and their ASCII forms.
FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
FULLWIDTH_DIGITS = "０１２３４５６７８９"
# [０-９Ａ-Ｚａ-ｚ], written as the span ０…ｚ less the marks between the three ranges: a class of
# three ranges is compiled into a 64K-character bitmap, two ranges are not.
FULLWIDTH_ALNUM_PATTERN = "[\uff10-\uff5a](?<![\uff1a-\uff20\uff3b-\uff40])"
_FULLWIDTH_CHARS = lazy(FULLWIDTH_ALNUM_PATTERN)


def is_han(char: str) -> bool:
    """A Chinese character (汉字), 〇 included."""
    if "\u4e00" <= char <= "\u9fff":  # the common case first: these run per character
        return True
    if char < "\u3400":
        return char == IDEOGRAPHIC_ZERO
    code = ord(char)
    return any(low <= code <= high for low, high in HAN_RANGES)


def is_chinese_punctuation(char: str) -> bool:
    if char < "\u00b7":  # ASCII and Latin-1 before "·" hold none
        return False
    code = ord(char)
    return char in CHINESE_MARKS or any(low <= code <= high for low, high in _PUNCTUATION_RANGES)


def is_cjk(char: str) -> bool:
    """A Chinese character or a Chinese (full-width) punctuation mark; never a space, a digit
    or a Latin letter, full-width or not."""
    return is_han(char) or is_chinese_punctuation(char)


def has_han(text: str) -> bool:
    return any(map(is_han, text))


def ascii_alnum(text: str) -> str:
    """Full-width digits and Latin letters as ASCII ("２０２３" → "2023")."""
    return text.translate(FULLWIDTH_ALNUM) if _FULLWIDTH_CHARS.search(text) else text


# is_cjk over a whole string at the speed of the regex engine (a long line holds millions).
_CJK = lazy(f"[{HAN_CLASS}{CHINESE_PUNCTUATION_CLASS}]")


def has_cjk(text: str) -> bool:
    """Whether any character of ``text`` is_cjk."""
    return _CJK.search(text) is not None


def positions(text: str, chars: str, start: int = 0) -> list[int]:
    """Where any of ``chars`` stands in ``text`` from ``start`` on, in order, found by
    str.find: a rule that visits only these marks costs the marks in Python, not the text."""
    found = []
    for char in chars:
        i = text.find(char, start)
        while i >= 0:
            found.append(i)
            i = text.find(char, i + 1)
    found.sort()
    return found
