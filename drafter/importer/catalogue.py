"""Numbers lifted out of an old report, mapped onto the profile's figure catalogue.

A number in a section that matched a profile section becomes one of that section's catalogue
figures (``{{ recorders }}`` rather than ``{{ n3 }}``) when it means the same thing:

* the unit is the catalogue figure's own, the type fits (a count may be an amount) and the
  value is within the figure's bounds;
* the words before the number end with one of the figure's ``aliases`` or with its label less
  the measure word (执法记录仪台数 → 执法记录仪), not negated (未通过); an alias "A…B" also
  needs A earlier in the same sentence;
* no figure of another section of the profile fits the words better (执法资格考试 is not
  法律知识考试);
* it is the only such number, or the one whose words are closest: a catalogue figure never
  takes two numbers, and a number never takes two figures;
* a "其中" part is mapped only with its total, and the values keep the profile's rules (parts
  within their total, a rate's numerator within its denominator).

A rate or a total stated beside counts that were both mapped (参考79人，通过75人，通过率94.9%)
becomes the derived figure (``{{ exam_pass_rate }}``) when it is what the counts give, so next
year's text derives it.  Everything else stays a custom figure with its own label and unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from drafter.figures import percent
from drafter.outline import DerivedDef, FigureDef, Profile, SectionDef
from drafter.validate import coerce

ALIAS_JOIN = "…"
# Words between the name of a figure and its number: "罚没款共计68万元", "考试通过率达100%".
_TRAILING = ("共计", "总计", "累计", "合计", "达到", "分别", "达", "为", "了", "有", "共", "计")
_NEGATION = "未不没无非"
_MEASURE = re.compile(r"(?:[件次人份台场条篇项个家处]?数|人次|场次)$")


@dataclass(frozen=True)
class Candidate:
    """A lifted number as the mapping sees it."""

    key: str  # its provisional id (n1, n2, …)
    lead: str  # the words before it, back to the start of its sentence
    unit: str
    type: str
    value: int | Decimal
    approx: str | None


@dataclass(frozen=True)
class Fit:
    """How well some words fit a figure: the words matched, then how close they are."""

    score: int  # characters of the aliases matched
    span: int  # characters from the first word matched to the number

    def key(self) -> tuple[int, int]:
        return (self.score, -self.span)


@dataclass
class Mapping:
    """Provisional ids to catalogue figure ids, and to derived figure ids."""

    figures: dict[str, str]
    derived: dict[str, str]


def label_stem(label: str) -> str:
    """The label less "其中" and its measure word: 执法记录仪台数 → 执法记录仪."""
    stem = label.removeprefix("其中")
    trimmed = _MEASURE.sub("", stem)
    return trimmed if len(trimmed) >= 2 else stem


def _words(definition: FigureDef | DerivedDef) -> list[str]:
    return [label_stem(definition.label), *definition.aliases]


def _trimmed(lead: str) -> str:
    text = lead.rstrip()
    changed = True
    while changed:
        changed = False
        for word in _TRAILING:
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)].rstrip()
                changed = True
    return text


def alias_fit(alias: str, lead: str) -> Fit | None:
    """How ``alias`` fits the words before a number, or None when it does not.

    The last word of the alias must end ``lead`` (less 共计/达/为…) and not be negated; the
    words before it must come earlier in ``lead``, in order.
    """
    text = _trimmed(lead)
    parts = alias.split(ALIAS_JOIN)
    if not text.endswith(parts[-1]):
        return None
    position = len(text) - len(parts[-1])
    if position > 0 and text[position - 1] in _NEGATION:
        return None
    for part in reversed(parts[:-1]):
        position = text.rfind(part, 0, position)
        if position < 0:
            return None
    return Fit(score=sum(len(p) for p in parts), span=len(lead) - position)


def best_fit(words: Iterable[str], lead: str) -> Fit | None:
    fits = [fit for word in words if (fit := alias_fit(word, lead)) is not None]
    return max(fits, key=Fit.key) if fits else None


def _fits_figure(candidate: Candidate, definition: FigureDef) -> bool:
    """Same unit, a fitting type, a value within the figure's bounds."""
    if candidate.unit != definition.unit:
        return False
    if candidate.type != definition.type and (candidate.type, definition.type) != (
        "count",
        "amount",
    ):
        return False
    if definition.type == "percentage" and candidate.approx:
        return False
    try:
        coerce(candidate.value, definition)
    except ValueError:
        return False
    return True


def _unique_best(options: dict[str, Fit]) -> str | None:
    """The option with the best fit, or None when two share it."""
    if not options:
        return None
    ranked = sorted(options.items(), key=lambda item: item[1].key(), reverse=True)
    if len(ranked) > 1 and ranked[0][1].key() == ranked[1][1].key():
        return None
    return ranked[0][0]


def map_figures(candidates: Sequence[Candidate], section: SectionDef, profile: Profile) -> Mapping:
    """Which lifted numbers of ``section`` are which of its catalogue figures."""
    elsewhere = [f for s in profile.sections if s.id != section.id for f in s.figures]
    chosen: dict[str, tuple[str, Fit]] = {}  # number → (figure id, fit)
    for candidate in candidates:
        options = {
            f.id: fit
            for f in section.figures
            if _fits_figure(candidate, f) and (fit := best_fit(_words(f), candidate.lead))
        }
        best = _unique_best(options)
        if best is None:
            continue
        fit = options[best]
        rivals = [
            other
            for f in elsewhere
            if _fits_figure(candidate, f) and (other := best_fit(_words(f), candidate.lead))
        ]
        if any(other.score > fit.score for other in rivals):
            continue  # another section's figure names these words more closely
        chosen[candidate.key] = (best, fit)

    figures: dict[str, str] = {}
    for figure in section.figures:
        takers = {key: fit for key, (fid, fit) in chosen.items() if fid == figure.id}
        key = _unique_best(takers)
        if key is not None:
            figures[key] = figure.id
    _keep_the_rules(figures, candidates, section)
    derived = _map_derived(figures, candidates, section)
    return Mapping(figures, derived)


def _keep_the_rules(
    figures: dict[str, str], candidates: Sequence[Candidate], section: SectionDef
) -> None:
    """Unmap what would break the profile's rules: a part without its total, parts above
    their total, a numerator above its denominator."""
    value = {c.key: c.value for c in candidates}

    def mapped_value(figure_id: str) -> int | Decimal | None:
        key = next((k for k, f in figures.items() if f == figure_id), None)
        return value[key] if key is not None else None

    def unmap(figure_ids: Iterable[str]) -> None:
        for key in [k for k, f in figures.items() if f in set(figure_ids)]:
            del figures[key]

    totals: dict[str, list[str]] = {}
    for figure in section.figures:
        if figure.part_of and mapped_value(figure.id) is not None:
            totals.setdefault(figure.part_of, []).append(figure.id)
    for total_id, parts in totals.items():
        total = mapped_value(total_id)
        if total is None or sum(Decimal(mapped_value(p) or 0) for p in parts) > total:
            unmap(parts)
    for derived in section.derived:
        if derived.kind != "rate" or not derived.numerator or not derived.denominator:
            continue
        top, bottom = mapped_value(derived.numerator), mapped_value(derived.denominator)
        if top is not None and bottom is not None and top > bottom:
            unmap([derived.numerator, derived.denominator])


def _map_derived(
    figures: dict[str, str], candidates: Sequence[Candidate], section: SectionDef
) -> dict[str, str]:
    """Stated rates and totals that are what their mapped inputs give."""
    values = {figures[c.key]: c.value for c in candidates if c.key in figures}
    derived: dict[str, str] = {}
    for definition in section.derived:
        if not all(name in values for name in definition.inputs):
            continue
        inputs = [Decimal(values[name]) for name in definition.inputs]
        if definition.kind == "rate":
            expected, unit = percent(inputs[0], inputs[1]), "%"
        else:
            expected, unit = sum(inputs, Decimal(0)), definition.unit
        if expected is None:
            continue
        options = {}
        for candidate in candidates:
            if candidate.key in figures or candidate.key in derived or candidate.approx:
                continue
            if candidate.unit != unit or Decimal(candidate.value) != expected:
                continue
            fit = best_fit(_words(definition), candidate.lead)
            if fit is not None:
                options[candidate.key] = fit
        key = _unique_best(options)
        if key is not None:
            derived[key] = definition.id
    return derived
