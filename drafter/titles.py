"""Breaking a long title into balanced lines (GB/T 9704 7.3.1).

A title longer than one line is set on several lines shaped as a trapezoid or a diamond, and a
line never breaks inside a word or inside a 《》 name.  Titles have no word separators, so the
rule works from the handful of words every report title is built from:

1. **Widths.**  A CJK or full-width character is 1 wide; an ASCII character (the digits of a
   year in Times New Roman) is 1/2.  A line holds ``max_chars`` (``floor(156 mm / 22 pt)`` = 20
   for the default layout).
2. **Never** break inside 《》 (or any bracket pair), inside a run of ASCII letters or digits,
   right after a digit ("2024|年"), before closing or after opening punctuation, before 的, or
   before a one-character organisation suffix (执法|局).
3. **Preferred** breaks cost nothing: before and after 关于, after a year (2024年, 2024年度),
   before a year written in digits, before 法治政府建设/法治建设, before 《 and after 》.
   **Acceptable** breaks cost a little: after 的, after an organisation name
   (人民政府, 委员会, 办公室, 局, 厅…), after a place name (市, 区, 县…).  A break after a
   word of a small lexicon (城市, 管理, 执法…) costs more, any other position more still, and
   one inside a lexicon word most.
4. **Balance.**  Every line must fit.  Among the splits into the fewest lines (or one line more,
   which costs extra), the one with the lowest sum of break costs plus half of each line's
   distance from the average line width wins; a three-line split shaped like an hourglass (middle line the
   shortest) costs extra, so the result is a trapezoid or a diamond.

``"".join(break_title(title, n)) == title`` always holds.
"""

from __future__ import annotations

import math
from functools import cache
from itertools import combinations, pairwise

from drafter.vocab.words import ORG_SUFFIX_CHARS, PLACE_SUFFIXES

OPENERS = "《〈（(【[“‘「『"
CLOSERS = "》〉）)】]”’」』"
# A line may not start with these (line-start prohibitions, 避头点).
NO_LINE_START = CLOSERS + "，。、；：！？,.;:!?…—·的"

PREFERRED_BEFORE = ("关于", "法治政府建设", "法治建设", "《")
PREFERRED_AFTER = ("关于", "》")
ACCEPTABLE_AFTER = (
    "人民政府",
    "办事处",
    "委员会",
    "办公室",
    "政府",
    "中心",
    "局",
    "厅",
    "委",
    "院",
    "的",
)
# Words a fallback break should not split.
LEXICON = (
    "关于",
    "年度",
    "法治",
    "政府",
    "建设",
    "情况",
    "报告",
    "工作",
    "人民",
    "委员会",
    "办公室",
    "办事处",
    "城市",
    "管理",
    "综合",
    "行政",
    "执法",
    "依法",
    "治理",
    "推进",
    "落实",
    "实施",
    "方案",
    "规划",
    "纲要",
    "总结",
    "党政",
    "主要",
    "负责人",
    "履行",
    "职责",
    "示范",
    "创建",
    "街道",
    "自然资源",
    "生态环境",
    "市场监督",
    "监督",
    "公安",
    "交通运输",
    "运输",
    "农业农村",
    "住房",
    "城乡",
)

FORBIDDEN = math.inf
PREFERRED = 0.0
ACCEPTABLE = 2.0
PLACE = 2.0
WORD_BOUNDARY = 6.0
OTHER = 10.0
INSIDE_WORD = 20.0
EXTRA_LINE = 6.0
HOURGLASS = 6.0
BALANCE = 0.5  # cost per character a line is off the average width


def char_width(ch: str) -> float:
    """1 for a CJK or full-width character, 1/2 for an ASCII one."""
    return 0.5 if " " <= ch <= "~" else 1.0


def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def break_costs(title: str) -> list[float]:
    """The cost of breaking before ``title[i]``, for every i (index 0 is unused)."""
    n = len(title)
    costs = [FORBIDDEN] * (n + 1)
    inside_word = [False] * (n + 1)
    for word in LEXICON:
        start = title.find(word)
        while start != -1:
            for i in range(start + 1, start + len(word)):
                inside_word[i] = True
            start = title.find(word, start + 1)

    depth = 0
    depth_before = [0] * (n + 1)
    for i, ch in enumerate(title):
        depth_before[i] = depth
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth > 0:
            depth -= 1
    depth_before[n] = depth

    for i in range(1, n):
        before, after = title[i - 1], title[i]
        if depth_before[i] > 0:
            continue  # inside a bracket pair (right after its closer is outside)
        if after in NO_LINE_START or before in OPENERS or after in ORG_SUFFIX_CHARS:
            continue
        if before.isascii() and before.isalnum():
            continue  # inside a number or a Latin word, or "2024|年"
        head, tail = title[:i], title[i:]
        if inside_word[i]:
            costs[i] = INSIDE_WORD
        elif (
            tail.startswith(PREFERRED_BEFORE)
            or head.endswith(PREFERRED_AFTER)
            or (_after_year(head) and not tail.startswith("度"))
            or (after.isdigit() and not before.isdigit())
        ):
            costs[i] = PREFERRED
        elif head.endswith(ACCEPTABLE_AFTER):
            costs[i] = ACCEPTABLE
        elif head.endswith(LEXICON):
            # A known word ends here: a word boundary, and not a place name (城市 is no 市).
            costs[i] = WORD_BOUNDARY
        elif head.endswith(PLACE_SUFFIXES):
            costs[i] = PLACE
        else:
            costs[i] = OTHER
    return costs


def _after_year(head: str) -> bool:
    """True when ``head`` ends with a year: 2024年 or 2024年度."""
    stem = head.removesuffix("年度") if head.endswith("年度") else head.removesuffix("年")
    return stem != head and stem[-1:].isdigit()


@cache
def break_title(title: str, max_chars: int) -> list[str]:
    """``title`` as one or more lines, each at most ``max_chars`` wide; see the module doc."""
    if max_chars < 1:
        raise ValueError(f"a title line must hold at least one character, not {max_chars}")
    total = text_width(title)
    if total <= max_chars or len(title) < 2:
        return [title]
    costs = break_costs(title)
    fewest = math.ceil(total / max_chars)
    best: tuple[float, list[int]] | None = None
    for lines in range(fewest, min(fewest + 1, len(title)) + 1):
        if best is not None and best[0] <= EXTRA_LINE * (lines - fewest):
            break  # no cost is negative: a split into more lines cannot come out cheaper
        found = _best_split(title, costs, lines, max_chars)
        if found is None:
            continue
        cost = found[0] + EXTRA_LINE * (lines - fewest)
        if best is None or cost < best[0]:
            best = (cost, found[1])
    if best is None:
        # No split keeps every word whole and every line short: cut where the lines fit.
        return _greedy(title, max_chars)
    bounds = [0, *best[1], len(title)]
    return [title[a:b] for a, b in pairwise(bounds)]


def _best_split(
    title: str, costs: list[float], lines: int, max_chars: int
) -> tuple[float, list[int]] | None:
    """The cheapest split of ``title`` into exactly ``lines`` lines, with its break positions."""
    n = len(title)
    prefix = [0.0]
    for ch in title:
        prefix.append(prefix[-1] + char_width(ch))
    target = prefix[n] / lines
    candidates = [i for i in range(1, n) if costs[i] != FORBIDDEN]
    best: tuple[float, list[int]] | None = None
    for breaks in combinations(candidates, lines - 1):
        bounds = [0, *breaks, n]
        widths = [prefix[b] - prefix[a] for a, b in pairwise(bounds)]
        if max(widths) > max_chars:
            continue
        cost = sum(costs[i] for i in breaks) + BALANCE * sum(abs(w - target) for w in widths)
        if any(
            widths[k] < widths[k - 1] and widths[k] < widths[k + 1]
            for k in range(1, len(widths) - 1)
        ):
            cost += HOURGLASS
        if best is None or cost < best[0]:
            best = (cost, list(breaks))
    return best


def _greedy(title: str, max_chars: int) -> list[str]:
    lines, current, width = [], "", 0.0
    for ch in title:
        if current and width + char_width(ch) > max_chars:
            lines.append(current)
            current, width = "", 0.0
        current += ch
        width += char_width(ch)
    lines.append(current)
    return lines
