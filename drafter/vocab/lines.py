"""Characters a clerk's text may hold, and what the odd ones mean.

A line ends at \\n, \\r\\n or \\r (and at a form feed or U+2029, which a text export writes
between pages and paragraphs).  A soft line break (a vertical tab, Word's Shift+Enter in a
.txt export; NEL, U+0085; LINE SEPARATOR, U+2028) only wraps a line inside its paragraph, so it
never starts a paragraph: between Chinese characters it is dropped, elsewhere it reads as one
space.  Characters that XML cannot hold (other C0 controls, U+FFFE/U+FFFF, lone surrogates)
are refused with the line they stand on: they cannot reach a .docx, and should not reach a .txt.
"""

from __future__ import annotations

import re

from drafter.vocab.regex import lazy

# Python's str.splitlines also splits at \x0b, \x0c, \x1c-\x1e, \x85, \u2028 and \u2029;
# a report's lines end only where the clerk ended them.
_LINE_END = lazy(r"\r\n|[\n\r\x0c\u2029]")
# Starts only where a run of spaces starts, so a long run is scanned once, not once per space.
_SOFT_BREAK = lazy(r"(?<![ \t])[ \t]*[\x0b\x85\u2028]+[ \t]*")
_SOFT_BREAKS = "\x0b\x85\u2028"
# Not allowed in XML 1.0 (what a .docx holds); \x0b and \x0c are handled above.
_ILLEGAL = lazy(r"[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ILLEGAL_IN_LINE = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Their control characters alone: a class of ASCII, quick to compile.  The patterns above, whose
# surrogate range costs a loop over two thousand characters to compile, are only needed for a
# text that holds a control character, U+FFFE/U+FFFF or a lone surrogate.
_ILLEGAL_CONTROL = lazy(r"[\x00-\x08\x0e-\x1f]")
_ILLEGAL_CONTROL_IN_LINE = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃符 BEL",
    "\x08": "退格符",
    "\x1b": "转义符 ESC",
}


def _joins_without_space(left: str, right: str) -> bool:
    def wide(ch: str) -> bool:
        return ch > "\u2e7f"  # CJK characters and full-width punctuation take no space

    return not left or not right or wide(left) or wide(right)


def join_soft_breaks(text: str) -> str:
    """The text with every soft line break taken out (see the module docstring)."""
    if not any(map(text.__contains__, _SOFT_BREAKS)):
        return text

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if _joins_without_space(before, after) else " "

    return _SOFT_BREAK.sub(replace, text)


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, ended only by real line ends; soft breaks are joined."""
    lines = _LINE_END.split(join_soft_breaks(text))
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def normalize_breaks(text: str) -> str:
    """Soft breaks joined, every real line end written as \\n."""
    ends = text.endswith(("\n", "\r", "\x0c", "\u2029"))
    return "\n".join(split_lines(text)) + ("\n" if ends else "")


def describe(ch: str) -> str:
    """'控制字符 U+0007（响铃符 BEL）' for a message."""
    name = _NAMES.get(ch)
    code = f"U+{ord(ch):04X}"
    return f"控制字符 {code}（{name}）" if name else f"不可见字符 {code}"


def first_illegal(text: str, soft_breaks_allowed: bool = True) -> tuple[int, str] | None:
    """(line, character) of the first character XML cannot hold, or None.

    ``soft_breaks_allowed`` False also refuses \\x0b and \\x0c (a single line, such as a value
    in a form).
    """
    pattern = _ILLEGAL if soft_breaks_allowed else _ILLEGAL_IN_LINE
    control = _ILLEGAL_CONTROL if soft_breaks_allowed else _ILLEGAL_CONTROL_IN_LINE
    if not (control.search(text) or _holds_noncharacter_or_surrogate(text)):
        return None
    match = pattern.search(text)
    if match is None:
        return None
    line = len(_LINE_END.findall(text, 0, match.start())) + 1
    return line, match.group()


def _holds_noncharacter_or_surrogate(text: str) -> bool:
    if "\ufffe" in text or "\uffff" in text:
        return True
    try:
        text.encode("utf-8")  # fails on a lone surrogate, and only on one
    except UnicodeEncodeError:
        return True
    return False


def illegal_message(ch: str) -> str:
    return f"含有{describe(ch)}，报告中不能出现这种字符，请删除"
