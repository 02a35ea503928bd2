"""Cleaning: conversion debris out, spacing and punctuation as an official document writes them.

Text copied out of Word, a PDF or a web page carries debris ("[bookmark: _GoBack]", page
numbers, "发布时间/来源" lines), stray spaces ("2023 年", "执法记录仪 50 台") and half-width
punctuation inside Chinese text.  Everything here works on one paragraph at a time and is pure;
:mod:`drafter.importer.structure` decides which paragraphs to drop or rejoin.

Half-width punctuation (, : ; ? ! and parentheses) becomes full-width only where it touches
Chinese text, so decimals ("3.19"), times ("12:30"), thousands ("12,000"), URLs and Latin text
("GB/T 9704", "Hello, world") stay as they are.  The full stop "." is never touched: it is the
decimal point and the "1." of a level-3 heading.
"""

from __future__ import annotations

import re

from drafter.vocab.chars import (
    CHINESE_PUNCTUATION_CLASS,
    FULL_WIDTH,
    HALF_WIDTH,
    HAN_CLASS,
    INVISIBLE,
    ascii_alnum,
    has_cjk,
    is_cjk,
)
from drafter.vocab.regex import lazy, one_of

# Word's hidden bookmarks and other markers that converters write out as text.
_DEBRIS = lazy(
    r"\[(?:bookmark|Bookmark|BOOKMARK|书签)[:：][^\]]*\]"
    r"|\[(?:image|Image|图片)[:：]?[^\]]*\]"
    r"|\{\s*PAGE\s*\}|\{\s*NUMPAGES\s*\}"
)
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE), None)
_SPACES = "\u00a0\u2002\u2003\u2009\u202f\u3000"
_SPACE_MAP = dict.fromkeys(map(ord, _SPACES), " ")
_ODD_CHARS = lazy(f"[{INVISIBLE}{_SPACES}]")

# Lines a web page or a PDF adds around the report.
_META_WORDS = (
    "发布时间", "发布日期", "发文日期", "信息来源", "来源", "浏览次数", "阅读次数", "访问次数",
    "点击数", "点击量", "字号", "索引号", "发布机构", "发布单位", "主题分类", "责任编辑", "编辑",
    "审核", "供稿", "分享到",
)  # fmt: skip
_META = lazy(f"^(?:{'|'.join(_META_WORDS)})\\s*[：:]")
# Where a line of _WEB_CHROME may start ("【字体：大 中 小】", "打印本页", "[关闭]"…).
_WEB_CHROME_STARTS = "【[字打关返"
_WEB_CHROME = lazy(
    r"^[【\[]?\s*(?:字体|字号)\s*[：:]?\s*大\s*中\s*小\s*[】\]]?$"
    r"|^(?:打印本页|关闭窗口|打印|关闭|返回顶部|【打印】|【关闭】|\[打印\]|\[关闭\])"
    r"(?:\s+(?:打印本页|关闭窗口|打印|关闭|返回顶部|【打印】|【关闭】))*$"
)
# Page numbers and their fragments: "1", "(", ")", "- 2 -", "— 3 —", "第4页 共9页", "5/9".
_PAGE_NUMBER_ENDS = "-—–－_·"
_DASHES = rf"(?:\s|{one_of(_PAGE_NUMBER_ENDS)})*"  # [\-—–－_·\s]*, compiled with no bitmap
_PAGE_NUMBER = lazy(
    rf"^{_DASHES}(?:第\s*)?\d{{1,3}}\s*页?\s*(?:(?:[/／]|共)\s*\d{{1,3}}\s*页?)?{_DASHES}$"
    rf"|^{one_of('（(）)[]【】-—–－·')}$"
)


def strip_debris(text: str) -> str:
    """The paragraph without converter markers, invisible characters and outer whitespace."""
    if "[" in text or "{" in text:
        text = _DEBRIS.sub("", text)
    # Every odd character is one str.isprintable() says no to, and a report's paragraphs
    # rarely hold any: the pattern is compiled for the few that may (it is a 64K bitmap).
    if not text.isprintable() and _ODD_CHARS.search(text):  # called for every paragraph
        text = text.translate(_INVISIBLE).translate(_SPACE_MAP)
    return text.strip()


def debris_markers(text: str) -> list[str]:
    """The converter markers in a paragraph ("[bookmark: _GoBack]"), as they are written."""
    return [match.group(0) for match in _DEBRIS.finditer(text)]


def debris_kind(text: str) -> str | None:
    """Why a whole line is debris ("页码", "网页信息"), or None for a line of the report."""
    stripped = text.strip()
    if not stripped:
        return "空行"
    if _may_be_page_number(stripped) and _PAGE_NUMBER.match(stripped):
        return "页码"
    if len(stripped) <= 120 and (
        (_may_be_meta(stripped) and _META.match(stripped))
        or (_may_be_web_chrome(stripped) and _WEB_CHROME.match(stripped))
    ):
        return "网页信息"
    return None


# What a line must start with for _META or _WEB_CHROME to match it: the patterns are only
# compiled for a file that has such lines.
def _may_be_meta(stripped: str) -> bool:
    return stripped.startswith(_META_WORDS)


def _may_be_web_chrome(stripped: str) -> bool:
    return stripped[:1] != "" and stripped[0] in _WEB_CHROME_STARTS


def _may_be_page_number(stripped: str) -> bool:
    """What a line must be for :data:`_PAGE_NUMBER` to match it: one character, or a line
    that starts with a dash or 第 or a digit and ends with a dash or 页 or a digit (a stripped
    line has no spaces at its ends).  Few lines are, so few reports compile the pattern."""
    if len(stripped) == 1:
        return True
    first, last = stripped[0], stripped[-1]
    return (first in _PAGE_NUMBER_ENDS or first == "第" or first.isdigit()) and (
        last in _PAGE_NUMBER_ENDS or last == "页" or last.isdigit()
    )


# Spans that are never touched: URLs, e-mail addresses, domain names.
_PROTECTED = lazy(
    rf"(?:https?|ftp)://[^\s{CHINESE_PUNCTUATION_CLASS}{HAN_CLASS}]+"
    rf"|www\.[A-Za-z0-9.\-]+(?:/[^\s{HAN_CLASS}“”，。；：]*)?"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
)


def _may_hold_address(text: str) -> bool:
    """Whether ``text`` has what every span of :data:`_PROTECTED` has ("://", "www." or "@"):
    the pattern, whose classes span the Han ranges, is costly to compile, and most reports
    hold no address at all."""
    return "://" in text or "www." in text or "@" in text


def _neighbour(chars: list[str], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(chars):
        if chars[index] not in " \t":
            return chars[index]
        index += step
    return ""


_PAIR_REACH = 100


def full_width_punctuation(text: str) -> str:
    """Half-width , : ; ? ! ( ) next to Chinese text become ，：；？！（）.

    A mark between two digits stays ("12:30", "12,000"); parentheses change as a pair when
    either side or their content is Chinese; URLs and e-mail addresses are left alone.
    """
    if not any(mark in text for mark in FULL_WIDTH):
        return text
    chars = list(text)
    protected = [False] * len(chars)
    for match in _PROTECTED.finditer(text) if _may_hold_address(text) else ():
        for index in range(match.start(), match.end()):
            protected[index] = True

    def chinese_nearby(index: int) -> bool:
        before, after = _neighbour(chars, index, -1), _neighbour(chars, index, 1)
        return bool((before and is_cjk(before)) or (after and is_cjk(after)))

    # Parentheses: pair them first, then decide per pair.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for index, char in enumerate(chars):
        if protected[index]:
            continue
        if char == "(":
            stack.append(index)
        elif char == ")":
            if stack:
                pairs.append((stack.pop(), index))
            else:
                lone.append(index)
    lone.extend(stack)
    for start, end in pairs:
        # Nested pairs on a long line: look near the marks, so the line costs its length once.
        reach = min(end, start + 1 + _PAIR_REACH), max(start + 1, end - _PAIR_REACH)
        inside = "".join(chars[start + 1 : reach[0]] + chars[reach[1] : end])
        if chinese_nearby(start) or chinese_nearby(end) or has_cjk(inside):
            chars[start], chars[end] = "（", "）"
    for index in lone:
        if chinese_nearby(index):
            chars[index] = FULL_WIDTH[chars[index]]

    for index, char in enumerate(chars):
        if char not in ",:;?!" or protected[index]:
            continue
        before, after = _neighbour(chars, index, -1), _neighbour(chars, index, 1)
        if before.isdigit() and after.isdigit() and before.isascii() and after.isascii():
            continue  # 12:30, 12,000
        if (before and is_cjk(before)) or (after and is_cjk(after)):
            chars[index] = FULL_WIDTH[char]
    return "".join(chars)


def _joinable(left: str, right: str) -> bool:
    """Whether the spaces between two characters are an artefact to remove."""
    if (left.isascii() and left.isalpha()) or (right.isascii() and right.isalpha()):
        return False  # keep "GB/T 9704", "LED 显示屏" as written
    return is_cjk(left) or is_cjk(right)


_SPACE_RUN = lazy(r"(?<=\S)[ ]+(?=\S)")


def collapse_spaces(text: str) -> str:
    """Spaces between Chinese characters, or between Chinese and digits, are removed:
    "2023 年" → "2023年", "执法记录仪 50 台" → "执法记录仪50台", "（一） 强化" → "（一）强化"."""

    def replace(match: re.Match[str]) -> str:
        left, right = text[match.start() - 1], text[match.end()]
        # The word before the spaces (back to the previous space: linear over a long line).
        word_before = text[text.rfind(" ", 0, match.start()) + 1 : match.start()]
        if _may_hold_address(word_before) and _PROTECTED.search(word_before):
            return match.group(0)  # a URL ends at the space: keep it apart
        return "" if _joinable(left, right) else " "

    return _SPACE_RUN.sub(replace, text)


def normalise(text: str) -> str:
    """One paragraph as it should read: debris gone, digits ASCII, spacing and punctuation
    as in an official document."""
    text = ascii_alnum(strip_debris(text))
    return collapse_spaces(full_width_punctuation(text))


def compare_key(text: str) -> str:
    """A width- and spacing-blind form of a text, for comparing outlines (tests, matching)."""
    text = ascii_alnum(text)
    for full, half in HALF_WIDTH.items():
        text = text.replace(full, half)
    return "".join(text.replace("．", ".").split())  # str.split's whitespace is the regex \\s


# A paragraph that a page break cut ends without closing punctuation.
_CLOSED_END = "。！？；：…!?;:”’）)】》」』"


def ends_open(text: str) -> bool:
    """Whether a paragraph stops mid-sentence (no closing punctuation at its end)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _CLOSED_END
