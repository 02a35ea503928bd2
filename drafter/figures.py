"""Figures as they read in a report: numbers with units and 余/以上, derived rates, year-on-year.

Rates and totals are derived from their counts here and never typed; a year-on-year phrase is
computed from last year's value.  The value objects below are what templates see: ``{{ x }}``
writes the figure with its unit ("530余人次"), a missing figure writes a gap (【待填：…】).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from drafter.outline import DerivedDef, FigureDef
from drafter.tree import gap
from drafter.vocab.words import APPROX_AFTER_UNIT, APPROX_BEFORE

Number = int | Decimal
Value = int | Decimal | str


ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


def plain(number: Number) -> str:
    """A number as a clerk writes it: no exponent, no trailing zeros ("68.136", "12.5", "530")."""
    if isinstance(number, int):
        return str(number)
    text = format(number.normalize(), "f")
    return text


def with_unit(number: Number | str, unit: str = "", approx: str | None = None) -> str:
    """ "530余人次", "4次以上", "超500人": the number, its unit and its approximation word."""
    text = number if isinstance(number, str) else plain(number)
    if not approx:
        return f"{text}{unit}"
    if approx in APPROX_BEFORE:
        return f"{approx}{text}{unit}"
    if approx in APPROX_AFTER_UNIT:
        return f"{text}{unit}{approx}"
    return f"{text}{approx}{unit}"


def percent(numerator: Number, denominator: Number) -> Decimal | None:
    """numerator / denominator in percent to one decimal; None when the denominator is 0.

    An inexact rate never rounds up to 100: 2499 of 2500 is 99.9%, not 100%.
    """
    if not denominator:
        return None
    exact = Decimal(numerator) * HUNDRED / Decimal(denominator)
    rounded = exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    if rounded >= HUNDRED and exact < HUNDRED:
        rounded = exact.quantize(ONE_DECIMAL, rounding=ROUND_DOWN)
    return rounded


def format_percent(value: Decimal) -> str:
    """ "94.9%", and "100%" or "95%" when the rate is whole."""
    if value == value.to_integral_value():
        return f"{int(value)}%"
    return f"{plain(value)}%"


def derive_rate(numerator: Number, denominator: Number) -> str:
    """The rate as it reads: 75 of 79 → "94.9%", 40 of 40 → "100%"."""
    value = percent(numerator, denominator)
    return "—" if value is None else format_percent(value)


def count_change(current: Number, last: Number) -> str:
    """同比增长X% / 同比下降X% / 与上年持平, for counts and amounts."""
    if not last and current != last:
        return ""  # growth from nothing has no percentage; say nothing rather than "∞"
    return change_phrase(change_words(current, last))


def rate_change(current: Decimal, last: Decimal) -> str:
    """A change in a rate, in percentage points: 同比提高2.1个百分点."""
    return change_phrase(change_words(current, last, points=True))


def change_words(
    current: Number,
    previous: Number,
    points: bool = False,
    unit: str = "",
    up: str = "",
    down: str = "",
) -> str:
    """A change without its 同比, in the verbs a report uses: 增长14.3% / 下降14.3% / 持平,
    提高2.5个百分点 for a rate, 增加5件 where last year's value was 0 (no percentage of
    nothing).  ``up`` and ``down`` replace the usual verbs (增加/减少 for 增长/下降)."""
    difference = Decimal(current) - Decimal(previous)
    if points:
        difference = difference.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        if difference == 0:
            return "持平"
        word = (up or "提高") if difference > 0 else (down or "下降")
        return f"{word}{plain(abs(difference))}个百分点"
    if difference == 0:
        return "持平"
    if not previous:
        return f"{up or '增加'}{with_unit(difference, unit)}" if difference > 0 else ""
    change = difference * HUNDRED / Decimal(previous)
    rounded = abs(change).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "基本持平"
    word = (up or "增长") if change > 0 else (down or "下降")
    return f"{word}{plain(rounded)}%"


def change_phrase(words: str) -> str:
    """The words of a change as a phrase of their own: 同比下降14.3%, 与上年持平."""
    if not words:
        return ""
    return f"与上年{words}" if words.endswith("持平") else f"同比{words}"


MissingHook = Callable[[str], None]


def _ignore(_label: str) -> None:
    return None


@dataclass
class FigureValue:
    """A typed figure, as a template sees it."""

    definition: FigureDef
    value: Value | None
    last: Value | None = None
    approx: str | None = None
    on_missing: MissingHook = _ignore

    @property
    def label(self) -> str:
        return self.definition.label

    @property
    def unit(self) -> str:
        return self.definition.unit

    @property
    def missing(self) -> bool:
        return self.value is None or self.value == ""

    @property
    def number(self) -> str:
        """The bare number, without unit or approximation word."""
        value = self.value
        if value is None or value == "":
            self.on_missing(self.label)
            return gap(self.label)
        return value if isinstance(value, str) else plain(value)

    def __str__(self) -> str:
        value = self.value
        if value is None or value == "":
            self.on_missing(self.label)
            return gap(self.label)
        if isinstance(value, str):
            return value
        if self.definition.type == "percentage":
            return format_percent(Decimal(value))
        return with_unit(value, self.unit, self.approx)

    @property
    def last_text(self) -> str:
        """Last year's value with the unit, as "上年同期为{{ x.last_text }}" writes it."""
        last = self.last
        if last is None or last == "":
            self.on_missing(f"{self.label}（上年）")
            return gap(f"{self.label}（上年）")
        if isinstance(last, str):
            return last
        if self.definition.type == "percentage":
            return format_percent(Decimal(last))
        return with_unit(last, self.unit)

    def yoy(self) -> str:
        value, last = self.value, self.last
        if value is None or last is None or isinstance(value, str) or isinstance(last, str):
            return ""
        if self.definition.type == "percentage":
            return rate_change(Decimal(value), Decimal(last))
        return count_change(value, last)

    def __bool__(self) -> bool:
        """True when the figure has a value other than zero: ``{% if x %}`` reads naturally."""
        return not self.missing and self.value not in (0, Decimal(0))


@dataclass
class DerivedValue:
    """A rate, a total or a year-on-year change, computed from figures of the same section
    (typed ones, or other derived ones).

    ``last`` is last year's value as the draft states it, for a rate or a total whose inputs
    have no last year's values of their own (a report that states 上年同期为85% beside this
    year's counts only); computed from the inputs wherever they have them.
    """

    definition: DerivedDef
    inputs: tuple[FigureValue | DerivedValue, ...]
    on_missing: MissingHook = _ignore
    last: Number | None = None

    @property
    def label(self) -> str:
        return self.definition.label

    @property
    def kind(self) -> str:
        return self.definition.kind

    @property
    def is_rate(self) -> bool:
        """Whether the value is a percentage: a rate."""
        return self.kind == "rate"

    @property
    def unit(self) -> str:
        """ "%" for a rate, "%" or "个百分点" for a change, the total's own unit."""
        if self.kind == "rate":
            return "%"
        if self.kind == "change":
            return "个百分点" if self.points else "%"
        return self.definition.unit

    @property
    def points(self) -> bool:
        """A change of a rate is a difference in percentage points, not a ratio."""
        if self.kind != "change" or not self.inputs:
            return False
        base = self.inputs[0]
        if isinstance(base, DerivedValue):
            return base.is_rate
        return base.definition.type == "percentage"

    def _number(self, figure: FigureValue | DerivedValue, last: bool) -> Number | None:
        if isinstance(figure, DerivedValue):
            return figure.compute(last)
        value = figure.last if last else figure.value
        return None if value is None or isinstance(value, str) else value

    def _numbers(self, last: bool) -> list[Number] | None:
        values = [self._number(f, last) for f in self.inputs]
        if any(v is None for v in values):
            return None
        return [v for v in values if v is not None]

    def _pair(self) -> tuple[Number, Number] | None:
        """This year's and last year's value of the figure a change is of, or None."""
        now, before = self._numbers(False), self._numbers(True)
        if now is None or before is None:
            return None
        return now[0], before[0]

    def compute(self, last: bool = False) -> Decimal | None:
        """The value, or last year's: None where an input is missing.  A change is signed, in
        percent of last year's value (None when that is 0) or in percentage points."""
        if self.kind == "change":
            if last:
                return None  # last year's change would need the year before
            pair = self._pair()
            if pair is None:
                return None
            current, previous = Decimal(pair[0]), Decimal(pair[1])
            if self.points:
                return (current - previous).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
            if not previous:
                return None
            change = (current - previous) * HUNDRED / previous
            return change.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        numbers = self._numbers(last)
        if numbers is None:
            if last and self.last is not None:
                return Decimal(self.last)
            return None
        if self.kind == "rate":
            return percent(numbers[0], numbers[1])
        return Decimal(sum(numbers))

    @property
    def missing(self) -> bool:
        if self.kind == "change":
            return self._pair() is None
        return self.compute() is None

    def _note_missing(self, last: bool = False) -> None:
        for figure in self.inputs:
            if isinstance(figure, DerivedValue):
                figure._note_missing(last)
                continue
            if figure.missing:
                figure.on_missing(figure.label)
            if last and (figure.last is None or figure.last == ""):
                figure.on_missing(f"{figure.label}（上年）")

    def words(self, up: str = "", down: str = "") -> str:
        """A change without its 同比 (增长14.3%, 持平), for wording that says the comparison
        itself ("较上年{{ x.words() }}"); ``up`` and ``down`` are the verbs the wording uses
        ("增加", "减少"), chosen by the sign."""
        ids = (self.definition.id,)
        if self.kind != "change":
            return FigureText(str(self), ids)
        if self.missing:
            self._note_missing(last=True)
            return FigureText(gap(self.label), ids)
        return FigureText(self._words(up, down), ids)

    def _words(self, up: str = "", down: str = "") -> str:
        pair = self._pair()
        if pair is None:
            return ""
        return change_words(*pair, self.points, self.inputs[0].unit, up, down)

    def phrase(self) -> str:
        """A change as it reads: 同比下降14.3%, 同比提高2.5个百分点, 与上年持平; 同比增加5件
        where last year's value was 0 (no percentage of nothing)."""
        return change_phrase(self._words())

    def __str__(self) -> str:
        if self.kind == "change":
            if self.missing:
                self._note_missing(last=True)
                return gap(self.label)
            return self.phrase()
        value = self.compute()
        if value is None:
            self._note_missing()
            return gap(self.label)
        if self.kind == "rate":
            return format_percent(value)
        return with_unit(value, self.definition.unit)

    @property
    def number(self) -> str:
        value = self.compute()
        return gap(self.label) if value is None else plain(value)

    @property
    def last_text(self) -> str:
        """Last year's value, as "上年同期为{{ x.last_text }}" writes it."""
        value = self.compute(last=True)
        if value is None:
            self._note_missing(last=True)
            return gap(f"{self.label}（上年）")
        if self.kind == "rate":
            return format_percent(value)
        return with_unit(value, self.definition.unit)

    def yoy(self) -> str:
        if self.kind == "change":
            return ""  # the change of a change is not said
        current, last = self.compute(), self.compute(last=True)
        if current is None or last is None:
            return ""
        if self.kind == "rate":
            return rate_change(current, last)
        return count_change(current, last)

    def __bool__(self) -> bool:
        value = self.compute()
        return bool(value)


def derive_all(
    definitions: tuple[DerivedDef, ...],
    figures: Mapping[str, FigureValue],
    on_missing: MissingHook = _ignore,
    last: Mapping[str, Number | None] | None = None,
) -> dict[str, DerivedValue]:
    """The derived figures of a section, each computed from the figures and the derived ones
    before it (a draft lists them so that inputs come first: see drafter.validate).  One whose
    inputs are not there is left out.  ``last`` holds stated last year's values by id."""
    values: dict[str, DerivedValue] = {}
    for definition in definitions:
        inputs: list[FigureValue | DerivedValue] = []
        for name in definition.inputs:
            found: FigureValue | DerivedValue | None = values.get(name)
            if found is None:
                found = figures.get(name)  # not ``or``: a derived value of 0 is falsy
            if found is None:
                break
            inputs.append(found)
        else:
            stated = (last or {}).get(definition.id)
            values[definition.id] = DerivedValue(definition, tuple(inputs), on_missing, stated)
    return values


# --- which figures a text shows -----------------------------------------------------------
#
# Composing a section records, for every paragraph, the figures it shows, so that a block
# remembers them (drafter.tree.DraftOrigin) and nothing downstream has to find a figure again
# by its text.  While recording, every ``{{ … }}`` that writes a figure is preceded by a mark
# naming it (Jinja's finalize hook, drafter.phrasing); the paragraph's text is then read
# without its marks.  Filters that write from figures (yoy, rate, approx) return FigureText,
# which carries the ids they wrote from.

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use characters, never in a report
_MARK = re.compile(f"{_MARK_OPEN}([A-Za-z0-9_ ]*){_MARK_CLOSE}")
_recording: ContextVar[bool] = ContextVar("recording_figures", default=False)


class FigureText(str):
    """Text written from figures (a rate, a year-on-year phrase) that names their ids."""

    figures: tuple[str, ...]

    def __new__(cls, text: str, figures: tuple[str, ...]) -> FigureText:
        made = super().__new__(cls, text)
        made.figures = figures
        return made


def figure_ids(*values: object) -> tuple[str, ...]:
    """The ids of the figures among ``values`` (figure values, or text written from them)."""
    ids: list[str] = []
    for value in values:
        if isinstance(value, FigureValue | DerivedValue):
            ids.append(value.definition.id)
        elif isinstance(value, FigureText):
            ids.extend(value.figures)
    return tuple(dict.fromkeys(ids))


@contextmanager
def recording_figures() -> Iterator[None]:
    """Within this block, rendered templates mark the figures they write."""
    token = _recording.set(True)
    try:
        yield
    finally:
        _recording.reset(token)


def mark_figures(value: object) -> object:
    """Jinja's finalize hook: a value written by ``{{ … }}``, marked when it shows figures."""
    if not _recording.get():
        return value
    ids = figure_ids(value)
    if not ids:
        return value
    return f"{_MARK_OPEN}{' '.join(ids)}{_MARK_CLOSE}{value}"


def take_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without its figure marks, and the ids they named in order of appearance."""
    if _MARK_OPEN not in text:
        return text, ()
    ids = [name for match in _MARK.finditer(text) for name in match.group(1).split()]
    return _MARK.sub("", text), tuple(dict.fromkeys(ids))
