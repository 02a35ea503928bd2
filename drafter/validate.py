"""The profile's rules for a draft: which sections and figures exist, their types and bounds,
"其中" parts within their total, numerators within their denominators.

:func:`resolve_draft` turns a parsed :class:`~drafter.model.Draft` into typed sections ready to
compose, or raises :class:`~drafter.errors.DraftInvalid` listing every problem with its line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from drafter.draftfile import LineMap, field_path, suggest
from drafter.errors import DraftInvalid, InputError
from drafter.figures import Value, plain
from drafter.formula import Formula, FormulaError, parse_formula
from drafter.model import Draft, FigureEntry, SectionEntry
from drafter.outline import (
    TYPE_NAMES,
    DerivedDef,
    FigureDef,
    FigureType,
    Profile,
    SectionDef,
    load_profile,
)
from drafter.phrasing import PHRASING_CUSTOM, PHRASING_NONE, phrasings_for
from drafter.vocab.regex import lazy

_ARABIC = lazy(r"[+-]?\d+(\.\d+)?")


class ResolvedFigure(NamedTuple):
    definition: FigureDef
    value: Value | None
    last: Value | None
    approx: str | None


@dataclass
class ResolvedSection:
    id: str
    definition: SectionDef  # the profile's, or one made from a custom section's own entry
    entry: SectionEntry
    figures: dict[str, ResolvedFigure] = field(default_factory=dict)
    custom: bool = False
    profile_id: str = "department"
    # Last year's values the draft states for its own derived figures (``last`` beside a
    # ``formula`` whose inputs have none), by id.
    derived_last: dict[str, Decimal] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return self.entry.enabled

    @property
    def level(self) -> int:
        return self.entry.level if self.entry.level is not None else self.definition.level

    @property
    def run_in(self) -> bool:
        return self.entry.run_in if self.entry.run_in is not None else self.definition.run_in

    @property
    def phrasing(self) -> str:
        """The chosen phrasing: the draft's, else its own template, else the first built-in."""
        if self.entry.phrasing:
            return self.entry.phrasing
        if self.entry.template is not None:
            return PHRASING_CUSTOM
        available = phrasings_for(self.profile_id, self.definition)
        return available[0].id if available else PHRASING_NONE


@dataclass
class ResolvedDraft:
    draft: Draft
    profile: Profile
    sections: list[ResolvedSection]
    lines: LineMap = field(default_factory=LineMap)


class _Problems:
    def __init__(self, path: str, lines: LineMap) -> None:
        self.path, self.lines = path, lines
        self.items: list[InputError] = []

    def add(self, loc: Sequence[str | int], message: str) -> None:
        self.items.append(InputError(message, self.path, self.lines.line_of(loc), field_path(loc)))


# A report's figures are counts and amounts a clerk types: fifteen digits before the point and
# six after cover every one of them, and keep every sum and rate exact within Decimal's 28.
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 6


def _shown(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 24 else f"{text[:20]}…（共 {len(text)} 位）"


def _within_reach(number: Decimal, raw: object) -> None:
    """ValueError unless ``number`` is finite and of a size a report states."""
    if not number.is_finite():
        raise ValueError(f"应为有限的数字，实际为“{_shown(raw)}”")
    if number.is_zero():
        return
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) + exponent > MAX_INTEGER_DIGITS:
        raise ValueError(f"数字过大（最多 {MAX_INTEGER_DIGITS} 位整数），实际为“{_shown(raw)}”")
    if -exponent > MAX_DECIMAL_PLACES and number != round(number, MAX_DECIMAL_PLACES):
        raise ValueError(f"小数位数过多（最多 {MAX_DECIMAL_PLACES} 位），实际为“{_shown(raw)}”")


def coerce(raw: object, definition: FigureDef) -> Value | None:
    """A typed value from what the clerk wrote, or ValueError saying what was expected."""
    if raw is None or raw == "":
        return None
    kind = definition.type
    if kind == "text":
        if isinstance(raw, int | Decimal):
            _within_reach(Decimal(raw), raw)
            return plain(raw)
        return str(raw)
    if isinstance(raw, bool):
        raise ValueError(f"应为{TYPE_NAMES[kind]}，实际为“{raw}”")
    number: Decimal
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))
    elif isinstance(raw, str) and _ARABIC.fullmatch(raw.strip().replace(",", "")):
        number = Decimal(raw.strip().replace(",", ""))
    else:
        raise ValueError(f"应为{TYPE_NAMES[kind]}（阿拉伯数字），实际为“{raw}”")
    _within_reach(number, raw)
    if kind == "count":
        if number != number.to_integral_value():
            raise ValueError(f"应为整数，实际为 {raw}")
        if number < 0:
            raise ValueError(f"不能为负数，实际为 {raw}")
    low, high = definition.lower_bound, definition.upper_bound
    if low is not None and number < low:
        raise ValueError("不能为负数" if low == 0 else f"应不小于 {plain(low)}，实际为 {raw}")
    if high is not None and number > high:
        raise ValueError(f"应不大于 {plain(high)}，实际为 {raw}")
    return int(number) if kind == "count" else number


def _custom_figure(figure_id: str, entry: FigureEntry) -> FigureDef:
    return FigureDef(
        id=figure_id,
        label=entry.label or figure_id,
        unit=entry.unit or "",
        type=entry.type or "count",
        part_of=entry.part_of,
    )


def _section_definition(
    section_id: str, entry: SectionEntry, profile: Profile, problems: _Problems
) -> tuple[SectionDef, bool] | None:
    known = profile.section(section_id)
    if known is not None:
        if not entry.enabled and not known.optional:
            problems.add(("sections", section_id, "enabled"), "这是报告的必备部分，不能关闭")
        return known, False
    if entry.heading is None or entry.level is None:
        hint = suggest(section_id, profile.section_ids)
        problems.add(
            ("sections", section_id),
            f"“{section_id}”不是{profile.name}提纲中的部分{hint or '。'}"
            "自定义部分须写明 heading（标题）和 level（级别）",
        )
        return None
    definition = SectionDef(
        id=section_id, heading=entry.heading, level=entry.level, run_in=bool(entry.run_in)
    )
    return definition, True


def _resolve_figures(section: ResolvedSection, problems: _Problems) -> None:
    sid, definition, entry = section.id, section.definition, section.entry
    formulas: dict[str, FigureEntry] = {}
    for figure_id, figure in entry.figures.items():
        loc = ("sections", sid, "figures", figure_id)
        if figure.formula is not None:
            formulas[figure_id] = figure
            continue
        known = definition.figure(figure_id)
        if known is not None:
            overridden = [k for k in ("label", "unit", "type", "part_of") if getattr(figure, k)]
            if overridden:
                problems.add(
                    (*loc, overridden[0]), "标准数字的名称、单位和类型由提纲规定，请删除此项"
                )
            figure_def = known
        elif figure.label is not None:
            figure_def = _custom_figure(figure_id, figure)
        else:
            choices = [f.id for f in definition.figures]
            problems.add(
                loc,
                f"本部分没有数字“{figure_id}”{suggest(figure_id, choices) or '。'}"
                "自定义数字须写明 label（名称）和 unit（单位）",
            )
            continue
        values: dict[str, Value | None] = {}
        for key in ("value", "last"):
            try:
                values[key] = coerce(getattr(figure, key), figure_def)
            except ValueError as error:
                problems.add((*loc, key), str(error))
                values[key] = None
        section.figures[figure_id] = ResolvedFigure(
            figure_def, values["value"], values["last"], figure.approx
        )
    for figure_def in definition.figures:  # figures the draft leaves out are simply empty
        section.figures.setdefault(figure_def.id, ResolvedFigure(figure_def, None, None, None))
    if formulas:
        _resolve_formulas(section, formulas, problems)


# What a figure computed by a formula may not carry: its value is computed, and a rate, a
# total or a change has no approximation word, type or total of its own.
_NOT_WITH_FORMULA = ("value", "approx", "type", "part_of", "source")


def _resolve_formulas(
    section: ResolvedSection, formulas: dict[str, FigureEntry], problems: _Problems
) -> None:
    """The draft's own derived figures (``formula``), checked and added to the section's
    derived ones, ordered so that each comes after the derived figures it reads."""
    sid, definition = section.id, section.definition
    catalogue = {d.id: d for d in definition.derived}
    read: dict[str, Formula] = {}
    for figure_id, figure in formulas.items():
        loc = ("sections", sid, "figures", figure_id)
        if figure_id in catalogue or definition.figure(figure_id) is not None:
            problems.add((*loc, "formula"), "这是提纲规定的数字，不能另写公式")
            continue
        given = [key for key in _NOT_WITH_FORMULA if getattr(figure, key) is not None]
        if given:
            problems.add(
                (*loc, given[0]), "写了公式的数字由程序计算，不填写数值、约数词、类型或所属总数"
            )
        if not figure.label:
            problems.add((*loc, "formula"), "写了公式的数字须写明 label（名称）")
            continue
        try:
            read[figure_id] = parse_formula(figure.formula or "")
        except FormulaError as error:
            problems.add((*loc, "formula"), str(error))
    kinds = {name: f.kind for name, f in read.items()} | {d.id: d.kind for d in catalogue.values()}
    choices = [*section.figures, *catalogue, *read]
    good: dict[str, Formula] = {}
    for figure_id, formula in read.items():
        place = ("sections", sid, "figures", figure_id, "formula")
        problem = None
        for name in formula.inputs:
            typed = section.figures.get(name)
            if name == figure_id:
                problem = "公式不能引用这个数字自己"
            elif typed is None and name not in kinds:
                hint = suggest(name, choices)
                problem = f"公式中的“{_shown(name)}”不是本部分的数字{hint or ''}"
            elif typed is not None and typed.definition.type == "text":
                problem = f"“{typed.definition.label}”是文字，不能参与计算"
            elif kinds.get(name) == "change":
                problem = f"“{_shown(name)}”本身是同比变化，不能再参与计算"
            if problem:
                break
        if problem is None and formula.kind == "sum":
            units = {_unit_of(section, catalogue, name) for name in formula.inputs}
            if len(units - {None}) > 1:
                problem = "合计的各项单位应相同"
        if problem:
            problems.add(place, problem)
        else:
            good[figure_id] = formula
    ordered = _in_order(good, sid, problems)
    added: list[DerivedDef] = []
    for figure_id in ordered:
        figure, formula = formulas[figure_id], good[figure_id]
        unit = figure.unit or ""
        if formula.kind == "sum" and not unit:
            known = {d.id: d for d in added} | catalogue  # inputs come first
            unit = _unit_of(section, known, formula.inputs[0]) or ""
        derived = formula.definition(figure_id, figure.label or figure_id, unit)
        added.append(derived)
        if figure.last is not None:
            _derived_last(section, derived, figure, problems)
    if added:
        section.definition = definition._replace(derived=(*definition.derived, *added))


def _unit_of(section: ResolvedSection, catalogue: dict[str, DerivedDef], name: str) -> str | None:
    figure = section.figures.get(name)
    if figure is not None:
        return "%" if figure.definition.type == "percentage" else figure.definition.unit
    derived = catalogue.get(name)
    if derived is not None:
        return "%" if derived.kind == "rate" else derived.unit
    return None


# How deep derived figures may read each other (a rate of totals, the change of that rate…):
# enough for any report, and computing one stays a few calls deep whatever the file holds.
MAX_FORMULA_DEPTH = 8


def _in_order(formulas: dict[str, Formula], sid: str, problems: _Problems) -> list[str]:
    """The formulas so that each comes after those it reads (Kahn's order, no recursion); a
    cycle, or a chain deeper than :data:`MAX_FORMULA_DEPTH`, is a problem."""
    waiting = {name: {n for n in f.inputs if n in formulas} for name, f in formulas.items()}
    readers: dict[str, list[str]] = {name: [] for name in formulas}
    for name, needed in waiting.items():
        for other in needed:
            readers[other].append(name)
    depth = {name: 1 for name in formulas}
    ready = deque(name for name, needed in waiting.items() if not needed)
    ordered: list[str] = []
    while ready:
        name = ready.popleft()
        ordered.append(name)
        for reader in readers[name]:
            depth[reader] = max(depth[reader], depth[name] + 1)
            waiting[reader].discard(name)
            if not waiting[reader]:
                ready.append(reader)
    left = [name for name in formulas if name not in ordered]
    if left:
        # Walk the inputs from the first one left until a figure comes round again.
        position = {name: i for i, name in enumerate(formulas)}
        path, name, on_path = [left[0]], left[0], {left[0]}
        while True:
            name = min(waiting[name], key=position.__getitem__)
            if name in on_path:
                cycle = [*path[path.index(name) :], name]
                break
            path.append(name)
            on_path.add(name)
        shown = (
            cycle if len(cycle) <= 6 else [*cycle[:3], f"…（共 {len(cycle) - 1} 项）", *cycle[-2:]]
        )
        problems.add(
            ("sections", sid, "figures", cycle[0], "formula"),
            f"公式相互引用（{' → '.join(shown)}），无法计算",
        )
    deep = [name for name in ordered if depth[name] > MAX_FORMULA_DEPTH]
    if deep:
        problems.add(
            ("sections", sid, "figures", deep[0], "formula"),
            f"公式层层引用超过 {MAX_FORMULA_DEPTH} 层，请直接引用填写的数字",
        )
        ordered = [name for name in ordered if depth[name] <= MAX_FORMULA_DEPTH]
    return ordered


def _derived_last(
    section: ResolvedSection, derived: DerivedDef, figure: FigureEntry, problems: _Problems
) -> None:
    """Last year's value a draft states for a rate or a total whose inputs have none."""
    loc = ("sections", section.id, "figures", derived.id, "last")
    if derived.kind == "change":
        problems.add(loc, "同比变化没有上年数值，请删除此项")
        return
    typed = [section.figures[n] for n in derived.inputs if n in section.figures]
    if len(typed) == len(derived.inputs) and all(f.last is not None for f in typed):
        problems.add(
            loc,
            f"各项数字已有上年数值，上年的{derived.label}由程序计算，请删除此项",
        )
        return
    kind: FigureType = "percentage" if derived.kind == "rate" else "amount"
    try:
        last = coerce(figure.last, FigureDef(id=derived.id, label=derived.label, type=kind))
    except ValueError as error:
        problems.add(loc, str(error))
        return
    if last is not None and not isinstance(last, str):
        section.derived_last[derived.id] = Decimal(last)


def _check_relations(section: ResolvedSection, problems: _Problems) -> None:
    """ "其中" parts within their total; a rate's numerator within its denominator."""
    figures = section.figures
    loc = ("sections", section.id, "figures")

    def number(figure_id: str, key: str) -> Decimal | None:
        figure = figures.get(figure_id)
        value = getattr(figure, key) if figure else None
        return None if value is None or isinstance(value, str) else Decimal(value)

    for key, when in (("value", "本年"), ("last", "上年")):
        totals: dict[str, list[str]] = {}
        for figure_id, figure in figures.items():
            if figure.definition.part_of:
                totals.setdefault(figure.definition.part_of, []).append(figure_id)
        for total_id, parts in totals.items():
            total = number(total_id, key)
            known_parts = [p for p in parts if number(p, key) is not None]
            if total is None or not known_parts:
                continue
            part_sum = sum(number(p, key) or Decimal(0) for p in known_parts)
            if part_sum > total:
                names = "、".join(figures[p].definition.label for p in known_parts)
                problems.add(
                    (*loc, known_parts[-1], key),
                    f"{when}{names}合计 {plain(part_sum)}，超过了{figures[total_id].definition.label}"
                    f" {plain(total)}（“其中”各项之和不能大于总数）",
                )
        for derived in section.definition.derived:
            if derived.kind != "rate" or not derived.numerator or not derived.denominator:
                continue
            top, bottom = number(derived.numerator, key), number(derived.denominator, key)
            if top is not None and bottom is not None and top > bottom:
                problems.add(
                    (*loc, derived.numerator, key),
                    f"{when}{figures[derived.numerator].definition.label} {plain(top)} 大于"
                    f"{figures[derived.denominator].definition.label} {plain(bottom)}，"
                    f"{derived.label}不能超过 100%",
                )


def _check_phrasing(section: ResolvedSection, problems: _Problems) -> None:
    choice = section.entry.phrasing
    if choice is None:
        return
    loc = ("sections", section.id, "phrasing")
    available = [p.id for p in phrasings_for(section.profile_id, section.definition)]
    if choice == PHRASING_CUSTOM:
        if section.entry.template is None:
            problems.add(loc, "选用了 custom 表述，但本部分没有 template")
    elif choice != PHRASING_NONE and choice not in available:
        options = [*available, PHRASING_CUSTOM, PHRASING_NONE]
        problems.add(
            loc,
            f"没有名为“{choice}”的表述{suggest(choice, options) or ''}，可选：{'、'.join(options)}",
        )


def resolve_section(
    draft: Draft, section_id: str, profile: Profile, path: str = "草稿"
) -> tuple[ResolvedSection | None, list[InputError]]:
    """One section checked as :func:`resolve_draft` checks it, without refusing it: the
    section with every figure that reads (a wrong one counts as missing) and the problems,
    for the editor, which shows the rest of a section while one field is wrong.  None for a
    section that cannot be placed at all (a custom one without heading or level)."""
    problems = _Problems(path, LineMap())
    entry = draft.sections[section_id]
    found = _section_definition(section_id, entry, profile, problems)
    if found is None:
        return None, problems.items
    definition, custom = found
    section = ResolvedSection(section_id, definition, entry, custom=custom, profile_id=profile.id)
    _resolve_figures(section, problems)
    _check_relations(section, problems)
    _check_phrasing(section, problems)
    return section, problems.items


def resolve_draft(
    draft: Draft,
    lines: LineMap | None = None,
    path: str = "草稿",
    profile_loader: Callable[[str], Profile] = load_profile,
) -> ResolvedDraft:
    """Check ``draft`` against its profile; return typed sections in report order."""
    profile = profile_loader(draft.meta.profile)
    problems = _Problems(path, lines or LineMap())
    sections = []
    for section_id, entry in draft.sections.items():
        found = _section_definition(section_id, entry, profile, problems)
        if found is None:
            continue
        definition, custom = found
        section = ResolvedSection(
            section_id, definition, entry, custom=custom, profile_id=profile.id
        )
        _resolve_figures(section, problems)
        _check_relations(section, problems)
        _check_phrasing(section, problems)
        sections.append(section)
    if problems.items:
        raise DraftInvalid(problems.items)
    return ResolvedDraft(draft, profile, sections, problems.lines)
