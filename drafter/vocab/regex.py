"""Regular expressions compiled the first time they are used.

Python compiles a pattern in pure Python: from a tenth of a millisecond for a short one to two
milliseconds for a class of every Han character.  A module's patterns that only some inputs
need (Markdown in a text file, a web page's debris, a kind of rate) are written with
:func:`lazy`, so a command pays only for the patterns its input reaches.  After the first use
the pattern's methods are the compiled pattern's own: no cost per call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands in for ``re.compile(source, flags)`` until first used."""

    # Bound to the compiled pattern's methods on first use (see __getattr__).
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self._flags = flags

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self._flags)  # re's cache keeps the one compiled

    def __getattr__(self, name: str) -> Any:
        # Only called for a name not yet set: compile, then keep the bound methods on the
        # instance, where every later lookup finds them.
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = self.compiled()
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """``re.compile(source, flags)``, done when the pattern is first used."""
    return LazyPattern(source, flags)


def one_of(chars: str) -> str:
    """A pattern matching one of ``chars``, as the class ``[chars]`` does, that compiles quickly.

    re compiles a class into a bitmap of the whole Basic Multilingual Plane (65,536 bits, in pure
    Python: a tenth of a millisecond on every start) when it holds a character past U+00FF and
    more than two runs of consecutive characters: " \\u00a0\\u3000", "、，,.．", the Chinese
    numerals.  An alternation of the characters matches what the class matches (each alternative
    is one character), and is compiled as the alternation it is, with no bitmap, so long as
    re cannot fold it back into a class: it folds one whose every alternative is a character, so
    the last is written as an atomic group, which matches its one character all the same.
    """
    if len(chars) == 1:
        return re.escape(chars)
    *first, last = map(re.escape, chars)
    return f"(?:{'|'.join(first)}|(?>{last}))"


def may_hold_any(words: Iterable[str]) -> Callable[[str], bool]:
    """A quick test for whether a text may hold one of ``words``: a character they all hold
    is looked for, one scan (a regex over the words is quicker than a scan per word, so
    without such a character every word is looked for).  A text it says no to holds none."""
    listed = tuple(words)
    shared = next((c for c in listed[0] if all(c in w for w in listed)), "") if listed else ""
    if shared:
        return lambda text: shared in text
    return holds_any(listed)


def holds_any(words: Iterable[str]) -> Callable[[str], bool]:
    """Whether a text holds one of ``words``, each looked for by str.find (a word holding
    another is not looked for: the other is found wherever it is)."""
    listed = tuple(words)
    needed = tuple(w for w in listed if not any(o != w and o in w for o in listed))
    return lambda text: any(map(text.__contains__, needed))
