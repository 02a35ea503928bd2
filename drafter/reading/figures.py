"""The figure reader: a paragraph into figures with their meaning, and how they relate.

A *figure* is an Arabic number with its unit ("530余人次", "68.136万元", "94.9%").  For each one
the reader says:

* what it counts and the action done (开展5次优化营商环境宣传活动: 次 of 优化营商环境宣传活动,
  action 开展; 办理行政许可案件794件: 件 of 行政许可案件, action 办理), and a label for it of
  2 to 20 characters with no digits and without its unit;
* the period it is stated for: this year, last year (上年为80件) or the same period last year
  (上年同期为7件);

and among the figures:

* *breakdowns*: a total and its parts, from "其中" (the counts listed before it, a parenthesis
  between the total and 其中, a remainder clause after the parts, a nested parenthesis inside
  a part) or from a parenthesis right after a number ("纠错6件（部门2件，乡镇4件）");
* *stated rates* (通过率94.9%) with the numerator and the denominator they are computed from;
* *stated changes* (同比下降14.3%) with the two values they compare.

Every relation carries ``certain``: True only when the text pairs the figures in one way.  An
uncertain reading is still returned (an importer may offer it for review), but no rule may
prove a contradiction with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import NamedTuple, TypeVar

from drafter.vocab import words
from drafter.vocab.chars import positions
from drafter.vocab.regex import LazyPattern, holds_any, lazy, may_hold_any, one_of
from drafter.vocab.words import alternatives, reading_words

# --------------------------------------------------------------------------- words
# The word lists are the vocabulary's (drafter/vocab/words.yaml, under ``reading:``).
UNIT_CLASSES = words.UNIT_CLASSES
NOT_A_FIGURE_BEFORE = reading_words("not_a_figure_before")
ACTIONS = reading_words("actions")
# Words before a figure that say when or who, not what: dropped from its label.
_LEAD_WORDS = reading_words("lead_words")
_LEAD_TIME = lazy(
    r"^(?:(?:(?:19|20)\d{2}\s*年度?(?:以来|全年|内|上半年|下半年)?)|"
    + alternatives(_LEAD_WORDS)
    + ")+"
)
# How every match of _LEAD_TIME starts: a lead that starts otherwise is left as it is.
_LEAD_STARTS = ("19", "20", *_LEAD_WORDS)
_LEAD_TAIL = reading_words("lead_tail")
_PREDICATE_START = reading_words("predicate_start")
# Words that say a figure is last year's: the same period (同期) or the year as a whole.
# "上年结转9件" is carried over into this year: a figure of this year.
_NOT_A_PERIOD = f"(?!{alternatives(reading_words('carried_over'))})"
_SAME_PERIOD_WORDS = reading_words("same_period")
_SAME_PERIOD = lazy(f"(?:{alternatives(_SAME_PERIOD_WORDS)}|(?<![同比])同期){_NOT_A_PERIOD}")
_LAST_YEAR_WORDS = reading_words("last_year")
_LAST_YEAR = lazy(f"(?:{alternatives(_LAST_YEAR_WORDS)}){_NOT_A_PERIOD}")
# The start of a parenthesis that annotates rather than breaks down: (上年为80件), (同比…).
_ANNOTATION = lazy(f"^(?:{alternatives(reading_words('annotation_start'))})")
# A clause that states what is left after the parts: "3件在审理中", "另有2件正在办理".
_REMAINDER_LEADS = frozenset(("", *reading_words("remainder_lead")))  # none, or one of them
_REMAINDER_AFTER = lazy(f"^(?:{alternatives(reading_words('remainder_predicate'))})")
_COMPLETE = ("分别为", "分别是", "分别有")
RATE_NAMES = reading_words("rate_names")
_CHANGE_UP = reading_words("change_up")
_DOWN = reading_words("change_down")


class _RateKind(NamedTuple):
    numerator: LazyPattern
    denominator: LazyPattern


_EXAM = r"参考|参加|参试|应考|报考"
RATE_KINDS = {
    "通过率": _RateKind(lazy(r"通过|合格"), lazy(_EXAM)),
    "及格率": _RateKind(lazy(r"及格|合格|通过"), lazy(_EXAM)),
    "合格率": _RateKind(lazy(r"合格"), lazy(_EXAM + r"|抽查|检查|评查")),
    "出庭率": _RateKind(lazy(r"(?<!应)出庭"), lazy(r"开庭|应出庭")),
    "结案率": _RateKind(lazy(r"结案|办结|审结|执结"), lazy(r"立案|受理|收案|查处|办理")),
    "办结率": _RateKind(lazy(r"办结|办理完毕"), lazy(r"受理|收到|接到|交办|转办|登记")),
    "调解成功率": _RateKind(lazy(r"成功"), lazy(r"(?<!成功)调解(?!成功)|受理")),
}
# The names in an atomic group: none starts another, so at most one matches at a place and the
# group loses nothing, and re builds no 64K bitmap of their first characters for it.
_RATE = lazy(
    f"(?P<name>(?>{alternatives(RATE_NAMES)}))"
    r"(?:为|达|达到|是|高达|均为|均达|已达|保持|实现)?\s*(?=\d)"
)
_CHANGE_VERBS = _CHANGE_UP + _DOWN
_VERB_AND_LE = max(map(len, _CHANGE_VERBS)) + 1  # the longest verb and a 了 after it
_CHANGE = lazy(f"(?P<verb>{alternatives(_CHANGE_VERBS)})了?\\s*(?=\\d)")
_COMPARED_WORDS = ("上年", "去年", "上一年", "前一年", "同期")
_COMPARED = lazy(f"{alternatives(_COMPARED_WORDS)}|(?:较|比|与)\\d{{4}}年")

SENTENCE_END = "。！？!?"
CLAUSE_BREAK = "，,；;、：:。！？!?\n"
_OPEN = "（("
_CLOSE = "）)"
_SEMICOLONS = "；;"

_QUANTITY = lazy(
    f"(?P<before>{alternatives(words.READ_APPROX_BEFORE)})?"
    r"(?<![\d.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    # Nothing that may follow a number starts with a digit: a number is never tried shorter
    # with a digit after it, so a long run of digits costs its length, not its square.
    r"(?!\d)"
    f"(?![\\d.]*{one_of('年月日号')})"  # not a date: [年月日号], compiled with no bitmap
    f"[ \u00a0]?(?P<scale>万|亿)?(?P<more>{alternatives(words.APPROX_AFTER_NUMBER)})?[ \u00a0]?"
    f"(?P<unit>{alternatives(words.UNITS)})"
    f"(?P<after>{alternatives(words.READ_APPROX_AFTER_UNIT)})?"
)


class Period(Enum):
    """The period a figure is stated for."""

    THIS = "this"
    LAST = "last"  # last year as a whole: 上年为80件
    SAME_PERIOD = "same_period"  # the same period last year: 上年同期为7件

    @property
    def is_last(self) -> bool:
        return self is not Period.THIS


class Quantity(NamedTuple):
    """A number as written: its value in the unit written, the unit and the approximation word."""

    value: Decimal
    unit: str
    approx: str | None  # 余/多/以上/左右/约/近/超/超过/逾/不到/不足/将近
    start: int  # the whole figure, approximation words included
    end: int
    number_start: int  # the digits
    number_end: int
    text: str

    @property
    def approximate(self) -> bool:
        return self.approx is not None

    @property
    def is_percent(self) -> bool:
        return self.unit in words.PERCENT_UNITS

    @property
    def unit_class(self) -> str:
        return unit_class(self.unit)

    def same_kind(self, other: Quantity) -> bool:
        return self.unit_class == other.unit_class


def unit_class(unit: str) -> str:
    for members in UNIT_CLASSES:
        if unit in members:
            return min(members)
    return unit


class ReadFigure(NamedTuple):
    """A figure with its meaning."""

    place: int  # where it stands in its reading's figures, from 0
    quantity: Quantity
    counted: str  # the thing counted: 行政许可案件, 优化营商环境宣传活动
    action: str  # what was done: 办理, 开展; "" when the words name none
    label: str  # 2 to 20 characters, no digits, no unit of its own
    period: Period = Period.THIS
    certain: bool = True  # whether the label was read from the figure's own words
    sentence: tuple[int, int] = (0, 0)
    depth: int = 0  # how many parentheses it sits in
    # For a figure of last year ("上年同期为7件"): the figure of this year it is the value of.
    of: int | None = None

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end


class Breakdown(NamedTuple):
    """A total and its parts.

    ``totals`` is usually one figure; where several counts listed before "其中" make up the
    total ("招录甲8名，乙3名，丙5名，其中…10名"), it is all of them and the total is their sum.
    ``remainder`` holds figures of a clause stating what is left ("3件在审理中"): part of the
    total, not of the list.  ``complete`` says the parts are said to be all of it (分别为).
    """

    totals: tuple[int, ...]
    parts: tuple[int, ...]
    form: str  # "其中" or "parenthesis"
    certain: bool
    complete: bool = False
    remainder: tuple[int, ...] = ()
    start: int = 0  # offset of 其中 or of the parenthesis


class StatedRate(NamedTuple):
    """A rate the text states, with the counts it is computed from where the text gives them."""

    figure: int
    name: str  # 通过率
    numerator: int | None
    denominator: int | None
    certain: bool
    start: int  # offset of the rate's name


class StatedChange(NamedTuple):
    """A change the text states (同比下降14.3%, 提高5个百分点), with the values it compares."""

    figure: int
    down: bool
    points: bool  # a change in percentage points
    previous: int | None
    current: int | None
    certain: bool
    start: int  # offset of the verb


class Reading(NamedTuple):
    """A paragraph's figures, in the order they stand, and how they relate."""

    text: str
    figures: list[ReadFigure]
    breakdowns: list[Breakdown]
    rates: list[StatedRate]
    changes: list[StatedChange]

    # Figures are read in the order they stand and never overlap, so where they start, and
    # where their numbers start, increase along the list: a figure is found by bisection, and
    # a long paragraph costs its length, not its length times its figures.

    def at(self, offset: int) -> ReadFigure | None:
        """The figure whose number starts at ``offset``."""
        figures = self.figures
        k = bisect_left(figures, offset, key=_number_start)
        return figures[k] if k < len(figures) and _number_start(figures[k]) == offset else None

    def last_before(self, offset: int) -> ReadFigure | None:
        """The last figure that starts before ``offset``."""
        k = bisect_left(self.figures, offset, key=_start)
        return self.figures[k - 1] if k else None

    def between(self, start: int, end: int) -> list[ReadFigure]:
        """The figures that start at ``start`` or after and before ``end``, in order."""
        k = bisect_left(self.figures, start, key=_start)
        return self.figures[k : bisect_left(self.figures, end, k, key=_start)]

    def total_of(self, index: int) -> Breakdown | None:
        """The breakdown figure ``index`` is a part of, if any (certain or not)."""
        for breakdown in self.breakdowns:
            if index in breakdown.parts:
                return breakdown
        return None

    def total_value(self, breakdown: Breakdown) -> Decimal:
        return sum((self.figures[i].value for i in breakdown.totals), Decimal(0))


def _start(figure: ReadFigure) -> int:
    return figure.quantity.start


def _number_start(figure: ReadFigure) -> int:
    return figure.quantity.number_start


# --------------------------------------------------------------------------- the text


# Relations (breakdowns, rates, changes) are read within a sentence, and a real report's
# sentence is a few hundred characters (the longest in the corpus: 253).  In a sentence longer
# than this they are not read: its rates and changes stay uncertain and it gives no breakdown.
# A figure's meaning is read from at most MAX_FIGURES_LOOKED_BACK figures before it.  So a
# hostile paragraph of one endless sentence costs its length, not its length squared.
MAX_SENTENCE_READ = 2000
MAX_FIGURES_LOOKED_BACK = 50


def _too_long(sentence: tuple[int, int]) -> bool:
    return sentence[1] - sentence[0] > MAX_SENTENCE_READ


class _Text:
    """A paragraph with its sentences and parentheses, for locating clauses."""

    def __init__(self, text: str) -> None:
        # Built from the marks alone (parentheses and sentence ends), found by str.find: a
        # paragraph costs its marks in Python, not its characters.
        self.text = text
        self.close_of: dict[int, int] = {}
        self.open_of: dict[int, int] = {}
        stack: list[int] = []
        for i in positions(text, _OPEN + _CLOSE + SENTENCE_END):
            char = text[i]
            if char in _OPEN:
                stack.append(i)
            elif char in _CLOSE:
                if stack:
                    opened = stack.pop()
                    self.close_of[opened] = i
                    self.open_of[i] = opened
            else:
                stack.clear()  # a parenthesis never spans sentences
        self.sentence_ends = positions(text, SENTENCE_END)
        size = len(text) + 1
        # How many parentheses enclose each offset, their marks included: one more from each
        # opening mark, one less after each closing mark.
        steps = sorted([(o, 1) for o in self.close_of] + [(c + 1, -1) for c in self.open_of])
        self.depth = _runs(steps, size, 0, lambda running, step: running + step)
        # The innermost parenthesis strictly around each offset (its opening mark), or -1.
        # Matched pairs nest, so the one closing first is always on top of the stack; at one
        # offset the pair opened just before ("()") enters before it leaves.
        around: list[int] = []

        def inner_after(_: int, event: tuple[int, int]) -> int:
            if event[0] == 0:
                around.append(event[1])
            else:
                around.pop()
            return around[-1] if around else -1

        events = sorted(
            [(o + 1, (0, o)) for o in self.close_of] + [(c, (1, c)) for c in self.open_of]
        )
        self.inner = _runs(events, size, -1, inner_after)

    def sentence(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position``: from after the last sentence end before it to
        its own end mark, included."""
        ends = self.sentence_ends
        k = bisect_left(ends, position)
        start = ends[k - 1] + 1 if k else 0
        end = ends[k] if k < len(ends) else len(self.text)
        return start, min(len(self.text), end + 1)

    def enclosing(self, position: int) -> tuple[int, int] | None:
        """The innermost parenthesis around ``position`` (offsets of its marks)."""
        opened = self.inner[position] if 0 <= position < len(self.inner) else -1
        return (opened, self.close_of[opened]) if opened >= 0 else None

    def clause_start(self, position: int, lower: int = 0, enumeration: bool = True) -> int:
        """Back from ``position`` to the clause's start, skipping whole parentheses.

        With ``enumeration`` False, "、" does not end a clause: "审核各类合同、协议12份" is one.
        """
        text = self.text
        i = position
        while i > lower:
            char = text[i - 1]
            if char in _CLOSE and (i - 1) in self.open_of:
                i = self.open_of[i - 1]
                continue
            if (char in CLAUSE_BREAK and (enumeration or char != "、")) or char in _OPEN:
                break
            i -= 1
        return i

    def clause_end(self, position: int, upper: int | None = None) -> int:
        text = self.text
        upper = len(text) if upper is None else upper
        i = position
        while i < upper:
            char = text[i]
            if char in _OPEN and i in self.close_of:
                i = self.close_of[i] + 1
                continue
            if char in CLAUSE_BREAK or char in _CLOSE:
                break
            i += 1
        return i

    def breaks_between(self, start: int, end: int, base: int) -> int:
        """Clause breaks between two offsets at depth ``base``, not inside parentheses."""
        return sum(
            1 for i in range(start, end) if self.text[i] in CLAUSE_BREAK and self.depth[i] == base
        )


_T = TypeVar("_T")
_E = TypeVar("_E")


def _runs(
    events: list[tuple[int, _E]], size: int, first: _T, apply: Callable[[_T, _E], _T]
) -> list[_T]:
    """A value for each offset below ``size``: ``first``, changed by each event (sorted by
    offset) from its offset on; the list is built a run of equal values at a time."""
    values: list[_T] = []
    value = first
    for offset, event in events:
        if offset > len(values):
            values.extend([value] * (offset - len(values)))
        value = apply(value, event)
    values.extend([value] * (size - len(values)))
    return values


def quantities(text: str) -> list[Quantity]:
    """Every figure of ``text`` as written, in order."""
    found = []
    opens = positions(text, "《")
    closes = positions(text, "》") if opens else []
    for match in _QUANTITY.finditer(text):
        number_start = match.start("number")
        before = text[max(0, number_start - 3) : number_start]
        if not match["before"] and before.endswith(NOT_A_FIGURE_BEFORE):
            continue
        if opens and _inside_name(opens, closes, number_start):
            continue  # a number in a document's name: 《……的10条措施》
        raw = match["number"].replace(",", "")
        value = Decimal(raw)
        unit = match["unit"]
        scale = match["scale"]
        if scale and scale + unit in words.UNITS:
            unit = scale + unit  # 68.136万元: the unit is 万元
        elif scale:
            value *= 10_000 if scale == "万" else 100_000_000
        approx = match["before"] or match["more"] or match["after"]
        found.append(
            Quantity(
                value=value,
                unit=unit,
                approx=approx,
                start=match.start(),
                end=match.end(),
                number_start=number_start,
                number_end=match.end("number"),
                text=match.group(0),
            )
        )
    return found


def _inside_name(opens: list[int], closes: list[int], position: int) -> bool:
    """Whether the last 《 before ``position`` is not closed before it (``opens`` and
    ``closes``: where the marks stand, in order)."""
    opened = bisect_left(opens, position)
    if not opened:
        return False
    closed = bisect_left(closes, position)
    return not closed or closes[closed - 1] < opens[opened - 1]


# --------------------------------------------------------------------------- labels


def _trim_lead(words: str) -> str:
    words = words.strip(" \u3000、，,：:“”\"'")
    words = _drop_lead_time(words)
    changed = True
    while changed and words:
        changed = False
        for tail in _LEAD_TAIL if words.endswith(_LEAD_TAIL) else ():
            if words.endswith(tail) and len(words) > len(tail) - 1:
                words = words[: -len(tail)].rstrip()
                changed = True
        stripped = _drop_lead_time(words)
        if stripped != words:
            words, changed = stripped, True
    return words.strip(" \u3000、，,“”")


def _drop_lead_time(words: str) -> str:
    return _LEAD_TIME.sub("", words) if words.startswith(_LEAD_STARTS) else words


def _noun_after(text: str, start: int, end: int) -> str:
    """The noun right after a measure word ("5次优化营商环境宣传活动"), or ""."""
    words = text[start:end].strip(" \u3000")
    if not words or words[0] in _OPEN or any(c.isdigit() for c in words):
        return ""
    if words.startswith(_PREDICATE_START):
        return ""
    words = words.strip('“”"')
    # "16个部门参加": the noun, less the verb that follows it.
    action = _action_at_end(words)
    if action and len(words) - len(action) >= 2:
        words = words[: -len(action)]
    return words if 2 <= len(words) <= 16 else ""


def _predicate_after(text: str, start: int, end: int) -> str:
    """What is said of a number with no words before it: "3件在审理中", "3起已执行完毕"."""
    words = text[start:end].strip(" \u3000")
    if any(c.isdigit() for c in words) or not 2 <= len(words) <= 12:
        return ""
    return words if words.startswith(_PREDICATE_START) else ""


# Actions are looked up in a set, by length: a regex over the whole list is slow to compile
# on every start.
_ACTION_SET = frozenset(ACTIONS)
_ACTION_LENGTHS = sorted({len(a) for a in ACTIONS}, reverse=True)


def _action_at_start(words: str) -> str:
    return next((words[:n] for n in _ACTION_LENGTHS if words[:n] in _ACTION_SET), "")


def _action_at_end(words: str) -> str:
    return next(
        (words[-n:] for n in _ACTION_LENGTHS if len(words) > n and words[-n:] in _ACTION_SET), ""
    )


def _last_action(words: str) -> tuple[int, str]:
    """The last action in ``words`` (the longest where two end at one place), and where."""
    for start in range(len(words) - 1, -1, -1):
        for n in _ACTION_LENGTHS:
            if words[start : start + n] in _ACTION_SET and start + n <= len(words):
                return start, words[start : start + n]
    return -1, ""


def _split_action(words: str) -> tuple[str, str, bool]:
    """(action, counted, topic first) of the words before a number.

    "办理行政许可案件" → (办理, 行政许可案件, False); "执法资格考试参考" → (参考, 执法资格考试, True).
    """
    action = _action_at_start(words)
    if action:
        return action, words[len(action) :], False
    action = _action_at_end(words)
    if action:
        return action, words[: -len(action)], True
    start, action = _last_action(words)
    if action:
        return action, words[start + len(action) :].removeprefix("的"), False
    return "", words, False


_LABEL_YEAR = lazy(r"(?:19|20)\d{2}\s*年度?")
_DIGIT = lazy(r"\d")
_DIGITS = lazy(r"[\d.]+")


def clean_label(label: str, unit: str) -> str:
    """A label of 2 to 20 characters with no digits and without its unit."""
    if "年" in label:  # every match of _LABEL_YEAR holds 年
        label = _LABEL_YEAR.sub("", label)
    if _DIGIT.search(label):
        label = _DIGITS.split(label)[-1]
    label = label.strip(' \u3000、，,：:（）()“”"').strip()
    if label.count("（") != label.count("）"):
        label = label.replace("（", "").replace("）", "")
    # "培训人次" with the unit 人次, "案件数" with 件: the unit is written once, after the value.
    # A one-character unit that ends a noun (案件, 文件) is the noun's, not a repeat.
    suffixes = [unit + "数"] + ([unit] if len(unit) > 1 else [])
    for suffix in suffixes:
        plain = unit and not unit.startswith(("%", "％"))
        if plain and label.endswith(suffix) and len(label) - len(suffix) >= 2:
            label = label[: -len(suffix)]
            break
    if len(label) > 20:
        cut = label[-20:]
        for mark in ("、", "的", "和", "及"):
            at = cut.find(mark)
            if 0 <= at < 12 and len(cut) - at - 1 >= 2:
                cut = cut[at + 1 :]
                break
        label = cut
    return label


# --------------------------------------------------------------------------- reading


def read_figures(text: str, year: int | None = None) -> Reading:
    """The figures of a paragraph and how they relate.

    ``year`` is the year the report is about, when known: a figure stated for the year before
    it ("2023年为80件" in a report on 2024) is last year's.
    """
    shape = _Text(text)
    figures: list[ReadFigure] = []
    for quantity in quantities(text):
        figures.append(_read_one(shape, figures, quantity, year))
    reading = Reading(text, figures, breakdowns=[], rates=[], changes=[])  # the figures alone
    return reading._replace(
        breakdowns=_breakdowns(shape, reading),
        rates=_rates(shape, reading),
        changes=_changes(shape, reading),
    )


def may_relate(text: str) -> bool:
    """Whether :func:`read_figures` may find a breakdown, a rate or a change in ``text``.

    Each needs a mark of its own: a parenthesis or 其中 (a breakdown), a rate's name, a change
    verb.  A text with none of them reads into figures that stand alone.
    """
    return (
        any(map(text.__contains__, _RELATION_MARKS))
        or _names_a_rate(text)
        or _names_a_change_verb(text)
    )


def _read_one(
    shape: _Text, figures: list[ReadFigure], quantity: Quantity, year: int | None
) -> ReadFigure:
    """The figure of ``quantity``; ``figures`` are those before it."""
    text = shape.text
    sentence = shape.sentence(quantity.number_start)
    clause = shape.clause_start(quantity.start, sentence[0], enumeration=False)
    previous = _same_sentence(figures, sentence)
    lower = clause
    if (
        previous
        and previous[-1].end > clause
        and shape.depth[previous[-1].end] == shape.depth[quantity.start]
    ):
        lower = previous[-1].end  # "拆除违建9处、约4714平方米": after the figure before
    lead_raw = text[lower : quantity.start]
    enclosing = shape.enclosing(quantity.start)
    period = _period(lead_raw, year)
    if period is Period.THIS and enclosing and _ANNOTATION.match(text[enclosing[0] + 1 :]):
        period = _period(text[enclosing[0] + 1 : quantity.start], year)
    lead = _trim_lead(_drop_period(lead_raw, year))
    after = _noun_after(text, quantity.end, shape.clause_end(quantity.end, sentence[1]))
    action, counted, topic_first = _split_action(lead)
    # The figure before it in the same sentence and at the same depth, of the same kind.
    alike = [f for f in previous if f.depth == shape.depth[quantity.number_start]]
    before = next((f for f in reversed(alike) if f.quantity.same_kind(quantity)), None)
    if period.is_last and not lead:
        # "（上年为80件）", "上年同期为7件": last year's value of the figure before.
        before = next(
            (
                f
                for f in reversed(previous)
                if f.quantity.same_kind(quantity) and f.period is Period.THIS
            ),
            before,
        )
    elif before is None and alike and not alike[-1].quantity.is_percent:
        before = alike[-1]  # "清理规范性文件6次，废止3件": the same documents
    predicate = (
        ""
        if lead or period.is_last
        else _predicate_after(text, quantity.end, shape.clause_end(quantity.end, sentence[1]))
    )
    certain = True
    if predicate:
        label = predicate  # "其中3起已执行完毕"
    elif after:
        counted = after
        if action:
            label = action + counted
        elif lead and len(lead) <= 6:
            label = lead + counted  # 城区共16个部门 → 城区部门
        else:
            label = counted
    elif lead.endswith("率"):
        # "及格率98.7%": the rate's name, with what it is a rate of when the name is short.
        label = lead
        if len(lead) <= 4 and before is not None and 2 <= len(before.counted) <= 8:
            label = before.counted + lead
        counted = label
    elif len(counted) >= 2 or (lead and not action):
        # A long lead names the subject too: keep the action and what it was done to.
        long = len(lead) > 12 and action and len(counted) >= 2 and not topic_first
        label = action + counted if long else lead
    elif before is not None and before.counted:
        # "废止3件", "通过75人", "上年同期为7件": the thing counted is the one before.
        counted = before.counted
        if not action:
            label = before.label
        elif topic_first or (before.action and not before.label.startswith(before.action)):
            label = counted + action
        else:
            label = action + counted
    else:
        label = lead or action
        certain = bool(counted) or (before is None and bool(action))
    label = clean_label(label, quantity.unit)
    if len(label) < 2:
        label = clean_label(lead + after, quantity.unit)
    if len(label) < 2:
        label = f"{quantity.unit}数" if not quantity.is_percent else "比率"
        certain = False
    of = None
    if (
        period.is_last
        and before is not None
        and before.period is Period.THIS
        and before.quantity.same_kind(quantity)
        and before.counted == counted
    ):
        of = before.place
    return ReadFigure(
        of=of,
        place=len(figures),
        quantity=quantity,
        counted=clean_label(counted, quantity.unit) if counted else "",
        action=action,
        label=label,
        period=period,
        certain=certain,
        sentence=sentence,
        depth=shape.depth[quantity.number_start],
    )


def _same_sentence(figures: list[ReadFigure], sentence: tuple[int, int]) -> list[ReadFigure]:
    """The figures already read in ``sentence`` (they are the last ones read), at most the
    MAX_FIGURES_LOOKED_BACK nearest."""
    count = 0
    for figure in reversed(figures):
        if figure.sentence != sentence or count == MAX_FIGURES_LOOKED_BACK:
            break
        count += 1
    return figures[len(figures) - count :]


def _period(words: str, year: int | None) -> Period:
    if _says_same_period(words) and _SAME_PERIOD.search(words):
        return Period.SAME_PERIOD
    if _says_last_year(words) and _LAST_YEAR.search(words):
        return Period.LAST
    if (
        year is not None
        and str(year - 1) in words
        and re.search(rf"(?<!\d){year - 1}\s*年(?!\d)", words)
    ):
        return Period.LAST
    return Period.THIS


def _drop_period(words: str, year: int | None) -> str:
    if _says_same_period(words):
        words = _SAME_PERIOD.sub("", words)
    if _says_last_year(words):
        words = _LAST_YEAR.sub("", words)
    if year is not None and str(year - 1) in words:
        words = re.sub(rf"(?<!\d){year - 1}\s*年度?", "", words)
    words = words.strip()
    return words[1:] if words.startswith(("较", "比", "与")) else words


# What every match of _SAME_PERIOD and of _LAST_YEAR holds: only such words are searched.
# (A character every word shares, such as 年, is in too many leads to spare the pattern.)
_says_same_period = holds_any(("同期", *_SAME_PERIOD_WORDS))
_says_last_year = holds_any(_LAST_YEAR_WORDS)
# Every match of _RATE starts with a rate's name (they all end in 率).
_names_a_rate = may_hold_any(RATE_NAMES)
# Every match of _CHANGE holds one of its verbs; every breakdown an opening mark or 其中.
_names_a_change_verb = holds_any(_CHANGE_VERBS)
_RELATION_MARKS = (*_OPEN, "其中")


# --------------------------------------------------------------------------- breakdowns


def _breakdowns(shape: _Text, reading: Reading) -> list[Breakdown]:
    text = shape.text
    breakdowns: list[Breakdown] = []
    by_paren: set[int] = set()  # parentheses read as breakdowns
    for opened, closed in sorted(shape.close_of.items()):
        if _too_long(shape.sentence(opened)):
            continue
        # Figures do not overlap, so only the last one starting before the mark can end at it.
        last = reading.last_before(opened)
        total = (
            last
            if last is not None
            and last.end <= opened
            and text[last.end : opened].strip(" \u3000") == ""
            else None
        )
        if total is None or total.quantity.is_percent:
            continue
        inner = text[opened + 1 : closed].lstrip()
        if _ANNOTATION.match(inner):
            continue
        depth = shape.depth[opened + 1]
        parts = [
            f
            for f in reading.between(opened + 1, closed)
            if f.depth == depth and not f.quantity.is_percent and f.period is Period.THIS
        ]
        if not parts:
            continue
        if not all(p.quantity.same_kind(total.quantity) for p in parts):
            continue
        by_paren.add(opened)
        breakdowns.append(
            Breakdown(
                totals=(total.place,),
                parts=tuple(p.place for p in parts),
                form="其中" if inner.startswith("其中") else "parenthesis",
                certain=True,
                complete=any(word in inner for word in _COMPLETE),
                start=opened,
            )
        )
    for match in re.finditer("其中", text) if "其中" in text else ():
        at = match.start()
        if _too_long(shape.sentence(at)):
            continue
        enclosing = shape.enclosing(at)
        read = enclosing is not None and enclosing[0] in by_paren
        if read and enclosing and text[enclosing[0] + 1 : at].strip() == "":
            continue  # "（其中…）" was read with its parenthesis
        breakdown = _qizhong(shape, reading, at, enclosing)
        if breakdown is not None:
            breakdowns.append(breakdown)
    return breakdowns


def _leads_a_remainder(lead: str) -> bool:
    """No words, or one of the words that lead a remainder; a final newline after them is let
    through, as the rule's pattern ^(?:…)?$ let it."""
    return lead.removesuffix("\n") in _REMAINDER_LEADS


def _qizhong(
    shape: _Text, reading: Reading, at: int, enclosing: tuple[int, int] | None
) -> Breakdown | None:
    text = shape.text
    sentence = shape.sentence(at)
    depth = shape.depth[at]
    lower = enclosing[0] + 1 if enclosing else sentence[0]
    upper = enclosing[1] if enclosing else sentence[1]
    before = [
        f
        for f in reading.between(lower, at)
        if f.depth == depth and not f.quantity.is_percent and f.period is Period.THIS
    ]
    if not before:
        return None
    nearest = before[-1]
    # Where the parts end: the parenthesis, a semicolon, the sentence's end.
    stop = upper
    for i in range(at, upper):
        if text[i] in _SEMICOLONS and shape.depth[i] == depth:
            stop = i
            break
    parts: list[ReadFigure] = []
    remainder: list[ReadFigure] = []
    for figure in reading.between(at + 1, stop):
        if figure.depth != depth or figure.quantity.is_percent:
            continue
        if not figure.quantity.same_kind(nearest.quantity):
            if parts:
                break  # another kind of figure ends the list
            continue
        clause = shape.clause_start(figure.start, at)
        lead = text[clause : figure.start].strip(" \u3000其中")
        after = text[figure.end : shape.clause_end(figure.end, stop)]
        if parts and _leads_a_remainder(lead) and _REMAINDER_AFTER.match(after):
            remainder.append(figure)
            break
        if remainder:
            break
        parts.append(figure)
    if not parts:
        return None
    certain = shape.breaks_between(nearest.end, at, depth) <= 1
    totals: tuple[int, ...] = (nearest.place,)
    group = _listed_before(shape, before)
    if len(group) > 1:
        summed = sum((p.value for p in parts), Decimal(0))
        if summed > nearest.value:
            totals = tuple(f.place for f in group)  # the parts belong to the listed counts
        certain = False
    return Breakdown(
        totals=totals,
        parts=tuple(p.place for p in parts),
        form="其中",
        certain=certain,
        complete=any(word in text[at:stop] for word in _COMPLETE),
        remainder=tuple(f.place for f in remainder),
        start=at,
    )


def _listed_before(shape: _Text, before: list[ReadFigure]) -> list[ReadFigure]:
    """The counts listed just before 其中 that may together be its total: "甲8名，乙3名，丙5名".

    A list is same-kind figures in consecutive clauses where only the first names an action.
    """
    nearest = before[-1]
    group = [nearest]
    for figure in reversed(before[:-1]):
        if not figure.quantity.same_kind(nearest.quantity):
            break
        if shape.breaks_between(figure.end, group[0].start, figure.depth) > 1:
            break
        if group[0].action:
            break  # "受理60件，审结55件": the later one does something of its own
        group.insert(0, figure)
    return group if len(group) > 1 else [nearest]


# --------------------------------------------------------------------------- rates


# A rate whose counts are not in its own sentence is looked for in the whole paragraph, but only
# in one of a real paragraph's size: past this many figures it stays uncertain, so a hostile
# one-line "paragraph" costs its length, not its length squared.
MAX_FIGURES_PAIRED_ACROSS = 200


def _rates(shape: _Text, reading: Reading) -> list[StatedRate]:
    text = shape.text
    if not _names_a_rate(text):
        return []
    rates: list[StatedRate] = []
    # The counts of one kind of rate in one stretch of text pair the same way for every rate
    # stated there: paired once, so a sentence of many rates costs its length, not its square.
    paired: dict[tuple[_RateKind, int, int], tuple[ReadFigure, ReadFigure] | None] = {}

    def pair_in(kind: _RateKind, start: int, end: int) -> tuple[ReadFigure, ReadFigure] | None:
        key = (kind, start, end)
        if key not in paired:
            paired[key] = _pair(shape, reading, kind, start, end)
        return paired[key]

    for match in _RATE.finditer(text):
        figure = reading.at(match.end())
        if figure is None or not figure.quantity.is_percent:
            continue
        name = match["name"].replace("应诉", "")
        kind = RATE_KINDS.get(name)
        pair = None
        if kind is not None and not figure.quantity.approximate:
            sentence = shape.sentence(match.start())
            if not _too_long(sentence):
                pair = pair_in(kind, *sentence)
                if pair is None and len(reading.figures) <= MAX_FIGURES_PAIRED_ACROSS:
                    pair = pair_in(kind, 0, len(text))
        rates.append(
            StatedRate(
                figure=figure.place,
                name=match["name"],
                numerator=pair[0].place if pair else None,
                denominator=pair[1].place if pair else None,
                certain=pair is not None,
                start=match.start(),
            )
        )
    return rates


def _pair(
    shape: _Text, reading: Reading, kind: _RateKind, start: int, end: int
) -> tuple[ReadFigure, ReadFigure] | None:
    """The one numerator and one denominator among the counts of ``text[start:end]``."""
    text = shape.text
    numerators: list[ReadFigure] = []
    denominators: list[ReadFigure] = []
    for figure in reading.between(start, end):
        if figure.period.is_last:
            continue
        if figure.quantity.is_percent or figure.unit.endswith("元"):
            continue
        clause = text[
            shape.clause_start(figure.quantity.number_start, start) : shape.clause_end(
                figure.end, end
            )
        ]
        is_numerator = bool(kind.numerator.search(clause))
        is_denominator = bool(kind.denominator.search(clause))
        if is_numerator and not is_denominator:
            numerators.append(figure)
        elif is_denominator and not is_numerator:
            denominators.append(figure)
    # A numerator pairs with a denominator when each is the only one of its kind of unit.
    by_kind: dict[str, list[ReadFigure]] = {}
    for denominator in denominators:
        by_kind.setdefault(denominator.quantity.unit_class, []).append(denominator)
    alike = Counter(numerator.quantity.unit_class for numerator in numerators)
    pairs = []
    for numerator in numerators:
        same = by_kind.get(numerator.quantity.unit_class, [])
        if alike[numerator.quantity.unit_class] == 1 and len(same) == 1:
            pairs.append((numerator, same[0]))
    if len(pairs) != 1:
        return None
    numerator, denominator = pairs[0]
    if numerator.quantity.approximate or denominator.quantity.approximate:
        return None
    if denominator.value <= 0:
        return None
    return numerator, denominator


# --------------------------------------------------------------------------- changes


def _changes(shape: _Text, reading: Reading) -> list[StatedChange]:
    text = shape.text
    if not _may_state_change(text, reading):
        return []
    changes: list[StatedChange] = []
    # The figures a change may compare, found once for each sentence and kind of change: a
    # sentence of many changes costs its length, not its square.
    compared: dict[tuple[int, int, bool], list[ReadFigure]] = {}
    for match in _CHANGE.finditer(text):
        figure = reading.at(match.end())
        if figure is None:
            continue
        points = figure.unit == "个百分点"
        if not (points or figure.quantity.is_percent):
            continue
        start, end = shape.sentence(match.start())
        roles = None
        if not _too_long((start, end)):
            key = (start, end, points)
            if key not in compared:
                compared[key] = [
                    f
                    for f in reading.between(start, end)
                    if f.unit != "个百分点"
                    and f.quantity.is_percent == points
                    and not _is_change(text, f)
                ]
            candidates = [f for f in compared[key] if f.place != figure.place]
            roles = _previous_and_current(shape, candidates, start, end)
        certain = False
        previous = current = None
        if roles is not None:
            previous, current = roles
            certain = (
                not previous.quantity.approximate
                and not current.quantity.approximate
                and previous.quantity.same_kind(current.quantity)
            )
        changes.append(
            StatedChange(
                figure=figure.place,
                down=match["verb"] in _DOWN,
                points=points,
                previous=previous.place if previous else None,
                current=current.place if current else None,
                certain=certain,
                start=match.start(),
            )
        )
    return changes


def _may_state_change(text: str, reading: Reading) -> bool:
    """What every change _changes reads needs: a percentage or a 个百分点 figure right after a
    change verb, 了 and spaces (the end of a _CHANGE match), as in "同比下降14.3%"."""
    for figure in reading.figures:
        if figure.quantity.is_percent or figure.unit == "个百分点":
            end = figure.quantity.number_start
            while end > 0 and text[end - 1].isspace():  # \s is what rstrip drops
                end -= 1
            before = text[max(0, end - _VERB_AND_LE) : end]
            if before.endswith(_CHANGE_VERBS) or before.removesuffix("了").endswith(_CHANGE_VERBS):
                return True
    return False


_CHANGED = ("增长", "增加", "上升", "提高", "提升", "下降", "减少", "降低", "回落")
_CHANGED_AT_END = lazy(f"(?:{alternatives(_CHANGED)})了?\\s*$")
_names_a_change = holds_any(_CHANGED)


def _is_change(text: str, figure: ReadFigure) -> bool:
    before = text[max(0, figure.start - 4) : figure.start]
    return _names_a_change(before) and bool(_CHANGED_AT_END.search(before))


def _may_compare(clause: str) -> bool:
    """What every match of _COMPARED holds: one of its words, or 较/比/与 and 年."""
    return any(map(clause.__contains__, _COMPARED_WORDS)) or (
        "年" in clause and ("较" in clause or "比" in clause or "与" in clause)
    )


def _previous_and_current(
    shape: _Text, candidates: list[ReadFigure], start: int, end: int
) -> tuple[ReadFigure, ReadFigure] | None:
    """Last year's figure and this year's among exactly two figures of one kind."""
    if len(candidates) != 2:
        return None
    text = shape.text
    first, second = candidates
    lead = text[shape.clause_start(first.start, start) : first.start]
    between = text[first.end : second.start]
    if ("由" in lead or "从" in lead) and ("到" in between or "至" in between):
        return first, second  # 由100件增加到130件
    marks = [f.period.is_last for f in candidates]
    if marks == [True, False]:
        return first, second
    if marks == [False, True]:
        return second, first
    marks = []
    for figure in candidates:
        clause = text[shape.clause_start(figure.start, start) : shape.clause_end(figure.end, end)]
        marks.append(_may_compare(clause) and bool(_COMPARED.search(clause)))
    if marks == [True, False]:
        return first, second
    if marks == [False, True]:
        return second, first
    return None
