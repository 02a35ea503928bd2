"""An imported report into a draft for a new year: ``drafter new --from FILE --year YEAR``.

Every heading of the old report becomes a section of the draft, in the report's order:

* a heading that matches a section of the profile (by its standard heading or a synonym listed
  in ``sections/<profile>.yaml``) becomes that section, keeping the report's own wording.  The
  headings are given their sections in a one-to-one best assignment with a minimum score, not
  one by one, so the order of the headings does not matter;
* any other heading becomes a custom section with its heading, level and text.  Nothing is
  dropped: lines the draft has no place for (an author, a publication date) are listed for
  review.

The text under each heading becomes the section's template:

* a year relative to the report's year becomes ``{{ year }}``, ``{{ year + 1 }}`` or
  ``{{ year - 1 }}``; other years (``自2018年起``) and year ranges (``2022-2025年``) stay;
* each number with a unit becomes a named figure with its label and unit, 余/多/以上/超/近/约
  kept as its ``approx`` flag.  In a section that matched a profile section, a number that is
  one of the section's catalogue figures takes the catalogue's id (``{{ recorders }}``), and a
  rate or total stated beside its mapped counts becomes the derived figure
  (``{{ exam_pass_rate }}``): see :mod:`drafter.importer.catalogue`;
* dates of specific events ("7月3日召开……") stay as written and are marked for review.

When YEAR is the report's own year the figures keep their values, so the draft builds back into
the report.  When YEAR is the next year, the old values become ``last`` and ``value`` is left to
fill.  Headings and the title are plain text in the draft: their years are rolled here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from drafter.compose import Gap, compose_text
from drafter.draftfile import dump_draft
from drafter.errors import InputError
from drafter.figures import (
    change_phrase,
    change_words,
    derive_rate,
    format_percent,
    plain,
    with_unit,
)
from drafter.importer import Imported, read_report
from drafter.importer.catalogue import Candidate, map_figures
from drafter.importer.matching import (
    OPENING_ID,
    PLAN_ID,
    Part,
    match_sections,
    report_parts,
)
from drafter.importer.profile import ProfileChoice, choose_profile
from drafter.model import Draft, FigureEntry, Meta, SectionEntry
from drafter.outline import PROFILE_NAMES, Profile, load_profile
from drafter.reading import ReadFigure, Reading, read_figures
from drafter.reading.figures import clean_label
from drafter.reading.years import YearUse, year_mentions
from drafter.tree import Heading
from drafter.vocab.dates import BARE_YEAR
from drafter.vocab.words import (
    AMOUNT_UNITS,
    APPROX_AFTER_NUMBER,
    APPROX_AFTER_UNIT,
    APPROX_BEFORE,
    PERCENT_UNITS,
    UNITS,
    alternatives,
    reading_words,
)

# --------------------------------------------------------------------------- years

_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-—–－~～至到]\s*(?:19|20)\d{2}(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_EVENT_DATE = re.compile(
    r"(?:(?:19|20)\d{2}年)?(?<!\d)\d{1,2}月(?:\d{1,2}(?:日|号)|份|初|上旬|中旬|下旬|底|末)"
    r"|(?<!\d)(?:19|20)\d{2}年\d{1,2}月(?!\d)"
)


def roll_years(text: str, source_year: int, year: int) -> str:
    """Plain text with the years that roll with the report's (see
    :func:`drafter.reading.years.year_mentions`) moved to ``year``; the others stay."""
    shift = year - source_year
    if not shift:
        return text
    out, position = [], 0
    for mention in year_mentions(text, source_year):
        if mention.rolls:
            out.append(text[position : mention.start])
            out.append(str(mention.year + shift))
            position = mention.end
    out.append(text[position:])
    return "".join(out)


def _roll_title(title: str, source_year: int, year: int) -> str:
    """The title for ``year``; a year written without 年 ("××局2024法治政府建设年度报告") is
    rolled and given its 年."""
    rolled = roll_years(title, source_year, year)
    if not _YEAR.search(title):
        found = BARE_YEAR.search(title)
        if found and int(found.group(1)) == source_year:
            start, end = found.span(1)
            rolled = f"{title[:start]}{year}年{title[end:]}"
    return rolled


def year_expression(value: int, source_year: int) -> str | None:
    offset = value - source_year
    if offset == 0:
        return "{{ year }}"
    if offset in (1, -1):
        return f"{{{{ year {'+' if offset > 0 else '-'} 1 }}}}"
    return None


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Year ranges and event dates: their years are never rolled."""
    spans = [m.span() for m in _YEAR_RANGE.finditer(text)]
    spans.extend(m.span() for m in _EVENT_DATE.finditer(text))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


# Years that keep their text and go on the review list with the reason.
KEPT_FOR_REVIEW = (YearUse.NAME, YearUse.AWARD, YearUse.EVENT)

# --------------------------------------------------------------------------- figures

_FIGURE = re.compile(
    rf"(?P<before>超过|{alternatives(APPROX_BEFORE)})?"
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<after>{alternatives(APPROX_AFTER_NUMBER)})?"
    rf"(?P<unit>{alternatives(UNITS)})"
    rf"(?P<plus>{alternatives(APPROX_AFTER_UNIT)})?"
)
# A number after these words is an ordinal or a rule, not a figure of the year.
_NOT_A_FIGURE_BEFORE = reading_words("not_a_figure_before")


@dataclass
class LiftedFigure:
    """A number with its unit lifted out of the text."""

    id: str
    label: str
    unit: str
    value: int | Decimal
    approx: str | None
    type: str
    context: str  # the clause it came from, for the summary
    lead: str = ""  # the words before it, back to the start of its sentence
    # Last year's value as the report states it ("上年同期为7件"), kept as ``last`` when the
    # draft is for the report's own year.
    stated_last: int | Decimal | None = None
    part_of: str | None = None  # the id of the total it is a "其中" part of
    # A stated rate or change whose inputs are here becomes a derived figure of the draft:
    # its formula, in provisional ids until the figures are named (n2 / n1, yoy(n1)).
    formula: str | None = None

    def entry(self, mode: str, catalogue: bool = False) -> FigureEntry:
        """The draft's entry: a catalogue figure takes its label, unit and type from the
        profile and writes none of them."""
        number = _plain_number(self.value)
        if self.formula is not None:
            # Computed on build; last year's rate as the report states it only where its
            # counts have no last year's values (the report's own year).
            last = None
            if mode == "same" and self.stated_last is not None:
                last = _plain_number(self.stated_last)
            return FigureEntry(formula=self.formula, last=last, label=self.label)
        value = number if mode == "same" else None
        last = number if mode == "next" else None
        if mode == "same" and self.stated_last is not None:
            last = _plain_number(self.stated_last)
        if catalogue:
            return FigureEntry(value=value, last=last, approx=self.approx)  # type: ignore[arg-type]
        return FigureEntry(
            value=value,
            last=last,
            approx=self.approx,  # type: ignore[arg-type]
            label=self.label,
            unit=self.unit,
            type=self.type,  # type: ignore[arg-type]
            part_of=self.part_of,
        )

    def candidate(self) -> Candidate:
        return Candidate(self.id, self.lead, self.unit, self.type, self.value, self.approx)


def _plain_number(value: int | Decimal) -> int | float:
    return value if isinstance(value, int) else float(value)


@dataclass(frozen=True)
class _StatedRate:
    """A rate the report states beside its counts: written as the rate of the two."""

    rate: str  # provisional ids
    numerator: str
    denominator: str
    written: str  # the rate as the report wrote it, "98.7%"
    name: str  # 及格率
    context: str


# --------------------------------------------------------------------------- templates


def _escape(text: str) -> str:
    """Literal text inside a Jinja template."""
    if "{" not in text and "}" not in text:
        return text
    out = []
    for char in text:
        if char in "{}":
            out.append(f"{{{{ '{char}' }}}}")
        else:
            out.append(char)
    return "".join(out)


@dataclass
class _Templater:
    """Turns one section's paragraphs into a template, lifting figures and noting reviews.

    Each paragraph is read by the figure reader (:func:`drafter.reading.read_figures`): a
    figure's label names what it counts; last year's value stated beside a figure becomes that
    figure's ``last`` and is written from it; a stated change whose two values are there, and a
    stated rate whose counts are there, become derived figures of the draft (``formula:
    yoy(n1)``, ``n2 / n1``); "其中" parts are ``part_of`` their total.  Only certain readings
    are used this way.
    """

    source_year: int
    figures: list[LiftedFigure] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    rates: list[_StatedRate] = field(default_factory=list)
    # Stated rates the reader could not pair with their counts, by provisional id: the review
    # note each gets unless the catalogue maps it.
    unsure_rates: dict[str, str] = field(default_factory=dict)
    _count: int = 0

    def template(self, text: str) -> str:
        tokens: list[tuple[int, int, str]] = []  # (start, end, replacement)
        protected = _protected_spans(text)
        for match in _EVENT_DATE.finditer(text):
            self.reviews.append(
                f"“{_around(text, match.start(), match.end())}”：{match.group(0)}是上一年度具体事件的日期，请改写或删除"
            )
        for mention in year_mentions(text, self.source_year):
            expression = year_expression(mention.year, self.source_year)
            if expression is None:
                continue  # a year further away (自2018年起) is a fact of its own
            if mention.rolls:
                tokens.append((mention.start, mention.end, expression))
            elif mention.use in KEPT_FOR_REVIEW:
                # An award, a dated event, a name: true of that year only.
                self.reviews.append(
                    f"“{_around(text, mention.start, mention.end + 1)}”："
                    f"{mention.year}年{mention.reason}"
                )
        taken = [(start, end) for start, end, _ in tokens]
        reading = read_figures(text, self.source_year)
        lifted: dict[int, tuple[LiftedFigure, re.Match[str]]] = {}  # by the reader's index
        plain: list[tuple[LiftedFigure, re.Match[str]]] = []
        for match in _FIGURE.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken) or _inside(start, protected):
                continue
            if text[max(0, start - 3) : start].endswith(_NOT_A_FIGURE_BEFORE):
                continue
            if _inside_title(text, start):
                continue  # a number in a document's name: 《……的10条措施》
            read = reading.at(match.start("num"))
            figure = self._lift(text, match, read)
            taken.append((start, end))
            if read is not None and read.quantity.end == end:
                lifted[read.place] = (figure, match)
            else:
                plain.append((figure, match))
        written: dict[int, str] = {}  # reader's index → what writes it instead of its own id
        dropped: set[int] = set()  # figures written from another one
        self._relate(reading, lifted, written, dropped, tokens, text)
        self.figures.extend(f for i, (f, _) in lifted.items() if i not in dropped)
        self.figures.extend(f for f, _ in plain)
        writes = [(written.get(i, f.id), f, m) for i, (f, m) in lifted.items()]
        writes.extend((f.id, f, m) for f, m in plain)
        for expression, figure, match in writes:
            replacement = f"{{{{ {expression} }}}}"
            # "超过" is not an approximation word the figure writes: it stays in the text.
            if match.group("before") and figure.approx is None:
                replacement = match.group("before") + replacement
            tokens.append((match.start(), match.end(), replacement))
        self.figures.sort(key=lambda f: int(f.id[1:]))
        tokens.sort()
        out, position = [], 0
        for start, end, replacement in tokens:
            out.append(_escape(text[position:start]))
            out.append(replacement)
            position = end
        out.append(_escape(text[position:]))
        return "".join(out)

    def _relate(
        self,
        reading: Reading,
        lifted: dict[int, tuple[LiftedFigure, re.Match[str]]],
        written: dict[int, str],
        dropped: set[int],
        tokens: list[tuple[int, int, str]],
        text: str,
    ) -> None:
        """Use the certain relations the reader found between lifted figures."""

        def get(index: int | None) -> LiftedFigure | None:
            return lifted[index][0] if index is not None and index in lifted else None

        # Last year's value stated beside a figure is that figure's last.
        last_of: dict[int, int] = {}
        for read in reading.figures:
            figure, current = get(read.place), get(read.of)
            if figure is None or current is None or figure.approx or current.approx:
                continue
            if figure.unit != current.unit or current.stated_last is not None:
                continue
            current.stated_last = figure.value
            written[read.place] = f"{current.id}.last_text"
            dropped.add(read.place)
            last_of[read.place] = read.of  # type: ignore[assignment]
        # A stated change, "，同比下降14.3%", "较上年减少3件" or "同比提高2.5个百分点", of a
        # figure whose last year's value is stated beside it becomes a derived figure: yoy of
        # that figure, written in the report's own verbs.
        for change in reading.changes:
            stated = get(change.figure)
            if stated is None or change.figure in dropped:
                continue
            end = reading.figures[change.figure].quantity.end
            verb = _verb_at(text, change.start)
            said = text[change.start : reading.figures[change.figure].quantity.start]  # 下降了
            same_period = text[: change.start].endswith("同比")
            start = change.start - 2 if same_period else change.start
            source = text[start:end]
            current = get(change.current)
            previous = current.stated_last if current is not None else None
            if (
                not change.certain
                or current is None
                or previous is None
                or last_of.get(change.previous) != change.current  # type: ignore[arg-type]
                or (current.type == "percentage") != change.points
                or not (change.points or previous > 0)
                or verb is None
            ):
                self.reviews.append(
                    f"“{_around(text, start, end)}”：原文的“{source}”没有找到能确定比较的本年"
                    "和上年数字，仍作为要填写的数字，请核对"
                )
                continue
            up, down = _verbs(verb, change.points)
            tail = said[len(verb) :].strip()  # "了"
            up, down = up + tail, down + tail
            words = change_words(current.value, previous, change.points, current.unit, up, down)
            if same_period and (up, down) == _verbs("", change.points):
                computed = change_phrase(words)
                expression = stated.id
            else:
                start, computed = change.start, words
                source = text[start:end]
                expression = f'{stated.id}.words("{up}", "{down}")'
            if change.points:
                now, before = (
                    format_percent(Decimal(current.value)),
                    format_percent(Decimal(previous)),
                )
            else:
                now, before = (
                    with_unit(current.value, current.unit),
                    with_unit(previous, current.unit),
                )
            if computed != source:
                self.reviews.append(
                    f"“{_around(text, start, end)}”：原文写作“{source}”，按本年"
                    f"{now}、上年{before}计算为“{computed}”，草稿改用计算值"
                )
            stated.formula = f"yoy({current.id})"
            stated.label = derived_label(current.label, "同比")
            tokens.append((start, end, f"{{{{ {expression} }}}}"))
            dropped.add(change.figure)
            del lifted[change.figure]
            self.figures.append(stated)
        # A stated rate beside its counts: decided with the catalogue (see _name_figures).
        for rate in reading.rates:
            figure, top, bottom = get(rate.figure), get(rate.numerator), get(rate.denominator)
            if figure is None or figure.type != "percentage" or rate.figure in dropped:
                continue
            quantity = reading.figures[rate.figure].quantity
            if (
                not rate.certain
                or top is None
                or bottom is None
                or top.approx
                or bottom.approx
                or not 0 <= top.value <= bottom.value
                or not bottom.value
            ):
                # Typed, not computed; unless the catalogue knows it (see _name_figures).
                where = f"“{_around(text, rate.start, quantity.end)}”："
                if rate.certain and top and bottom and top.value > bottom.value:
                    why = (
                        f"按{plain(top.value)}÷{plain(bottom.value)}计算的{rate.name}"
                        "会超过100%，原文的数字可能有误"
                    )
                else:
                    why = f"没有找到能确定计算{rate.name}的两个数字"
                self.unsure_rates[figure.id] = (
                    f"{where}{why}，{rate.name}仍作为要填写的数字，请核对"
                )
                continue
            self.rates.append(
                _StatedRate(
                    figure.id,
                    top.id,
                    bottom.id,
                    quantity.text,
                    rate.name,
                    _around(text, rate.start, quantity.end),
                )
            )
        # "其中" parts within their total are part_of it.  A total broken down twice ("审结
        # 62件（其中上年结转8件…），其中维持38件…") keeps its first breakdown: the parts of
        # one total add up to it once.
        broken_down: set[int] = set()
        for breakdown in reading.breakdowns:
            if not breakdown.certain or len(breakdown.totals) != 1:
                continue
            if breakdown.totals[0] in broken_down:
                continue
            broken_down.add(breakdown.totals[0])
            total = get(breakdown.totals[0])
            parts = [get(i) for i in breakdown.parts]
            if total is None or total.approx or any(p is None or p.approx for p in parts):
                continue
            known = [p for p in parts if p is not None]
            if sum(Decimal(p.value) for p in known) > Decimal(total.value):
                continue  # the parts the report states do not fit: leave them unrelated
            for part in known:
                if part.part_of is None and part is not total:
                    part.part_of = total.id

    def _lift(self, text: str, match: re.Match[str], read: ReadFigure | None) -> LiftedFigure:
        raw = match.group("num").replace(",", "")
        unit = match.group("unit")
        value: int | Decimal = Decimal(raw) if "." in raw else int(raw)
        before, after, plus = match.group("before"), match.group("after"), match.group("plus")
        approx = after or plus or (before if before in APPROX_BEFORE else None)
        if unit in PERCENT_UNITS:
            # A percentage figure writes neither an approximation word nor "％": an amount
            # with the unit "%" does ("30%以上").
            plain_rate = unit == "%" and value <= 100 and approx is None
            kind = "percentage" if plain_rate else "amount"
        elif isinstance(value, Decimal) or unit in AMOUNT_UNITS:
            kind = "amount"
        else:
            kind = "count"
        self._count += 1
        label = read.label if read is not None else clean_label(f"{unit}数", unit)
        return LiftedFigure(
            id=f"n{self._count}",
            label=label,
            unit=unit,
            value=value,
            approx=approx,
            type=kind,
            context=_around(text, match.start(), match.end()),
            lead=text[_sentence_start(text, match.start()) : match.start()],
        )


MAX_LABEL = 20

# The verbs of a change, each with the one for the other direction.
_CHANGE_PAIRS = {
    "增长": "下降",
    "增加": "减少",
    "上升": "下降",
    "提高": "下降",
    "提升": "下降",
    "下降": "增长",
    "减少": "增加",
    "降低": "提高",
    "回落": "上升",
}
_UP_VERBS = ("增长", "增加", "上升", "提高", "提升")


def _verb_at(text: str, position: int) -> str | None:
    """The change verb that starts at ``position`` (增长, 减少…)."""
    return next((v for v in _CHANGE_PAIRS if text.startswith(v, position)), None)


def _verbs(verb: str, points: bool) -> tuple[str, str]:
    """The verbs for a rise and a fall, as the report words its change; the usual ones
    (增长/下降, 提高/下降 for a rate) for an empty ``verb``."""
    if not verb:
        return ("提高", "下降") if points else ("增长", "下降")
    other = _CHANGE_PAIRS[verb]
    if verb in _UP_VERBS:
        return verb, other
    if points and verb == "下降":
        return "提高", verb
    return other, verb


def derived_label(label: str, suffix: str) -> str:
    """The label of a figure derived from one labelled ``label``: 受理投诉举报同比."""
    return label[: MAX_LABEL - len(suffix)] + suffix


def _sentence_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in "。；;！？!?") + 1


def _inside_title(text: str, position: int) -> bool:
    """Whether ``position`` is inside a 《》 name."""
    opened = text.rfind("《", 0, position)
    return opened >= 0 and text.rfind("》", 0, position) < opened


def _around(text: str, start: int, end: int, width: int = 10) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("……" if left else "") + text[left:right] + ("……" if right < len(text) else "")


# --------------------------------------------------------------------------- the draft


@dataclass
class Conversion:
    """The draft, and what the summary tells the clerk."""

    draft: Draft
    imported: Imported
    source_year: int
    mode: str  # "same", "next" or "other"
    matched: list[tuple[str, str]] = field(default_factory=list)  # (heading, section id)
    custom: list[str] = field(default_factory=list)
    figures: int = 0
    computed: int = 0  # stated rates and changes that became the draft's derived figures
    # (section id, figure id): lifted figures that are the profile's catalogue figures, and
    # stated rates and totals that became the profile's derived figures.
    catalogue: list[tuple[str, str]] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    profile_choice: ProfileChoice | None = None  # which outline, and why
    text: str = ""  # the draft as YAML, as it is written
    gaps: list[Gap] = field(default_factory=list)  # what the draft still leaves to fill


class OrganisationNotFound(InputError):
    """Neither the title nor the signature names the organisation, and none was given."""

    reason = "原报告中没有找到机关名称（标题和落款都没有）"

    def __init__(self, path: str | Path) -> None:
        super().__init__(f"{self.reason}，请写明机关全称", path)


class YearNotFound(InputError):
    """The report names no year, and the year of the draft was not given."""

    reason = "没有识别出原报告所述的年度"

    def __init__(self, path: str | Path) -> None:
        super().__init__(f"{self.reason}，请写明新草稿的年度", path)


def draft_from_report(
    source: str | Path,
    year: int | None = None,
    organisation: str | None = None,
    profile_id: str | None = None,
) -> Conversion:
    """Last year's report at ``source`` made into the draft for ``year``, with its YAML text.

    ``year`` defaults to the year after the report's.  The organisation and profile are told
    from the report where not given.  The draft is composed once before it is returned: a
    draft that does not build is drafter's mistake, never left for the clerk to find.
    """
    imported = read_report(source)
    if year is None:
        if imported.year is None:
            raise YearNotFound(source)
        year = imported.year + 1
    conversion = convert(imported, year, organisation, profile_id)
    conversion.text = dump_draft(conversion.draft)
    conversion.gaps = compose_text(conversion.text, f"{Path(source).name} 导入的草稿").gaps
    return conversion


def guess_organisation(imported: Imported) -> str | None:
    """The organisation named by the signature or the title."""
    document = imported.document
    if document.signature and document.signature.organisation:
        return document.signature.organisation
    if document.title:
        title = re.sub(r"\s+", "", document.title)
        for pattern in (r"^(.+?)关于", r"^(.+?)(?:19|20)\d{2}年", r"^(.+?)(?:19|20)\d{2}(?!\d)"):
            found = re.match(pattern, title)
            if found and len(found.group(1)) >= 2:
                return found.group(1)
    return None


def _cn_date(text: str) -> dt.date | None:
    found = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if not found:
        return None
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def convert(
    imported: Imported,
    year: int,
    organisation: str | None = None,
    profile_id: str | None = None,
) -> Conversion:
    """The draft for ``year`` made from an imported report."""
    source_year = imported.year if imported.year is not None else year - 1
    mode = "same" if year == source_year else "next" if year == source_year + 1 else "other"
    document = imported.document
    organisation = organisation or guess_organisation(imported)
    if not organisation:
        raise OrganisationNotFound(imported.path)
    if profile_id is None:
        body = "\n".join(imported.paragraphs)
        choice = choose_profile(organisation, document.title, body)
        profile_id = choice.profile
    else:
        choice = ProfileChoice(profile_id, "按指定的提纲")
    profile = load_profile(profile_id)

    parts = match_sections(report_parts(imported.document), profile.sections)
    conversion = Conversion(
        draft=Draft(meta=Meta(organisation=organisation, year=year, profile=profile_id)),  # type: ignore[arg-type]
        imported=imported,
        source_year=source_year,
        mode=mode,
        profile_choice=choice,
    )
    sections: dict[str, SectionEntry] = {}
    for part in parts:
        templater = _Templater(source_year)
        lines = [templater.template(text) for text in part.paragraphs]
        lines, figures, catalogue = _name_figures(lines, templater, part, profile, mode)
        conversion.catalogue.extend((part.section_id, figure_id) for figure_id in catalogue)
        entry = SectionEntry(
            template="\n".join(lines) + "\n" if lines else None,
            phrasing="custom" if lines else "none",
            figures=figures,
            review=list(dict.fromkeys(templater.reviews)),
        )
        heading = part.heading
        if heading is not None:
            title = roll_years(heading.title, source_year, year)
            entry.heading = title
            if (
                part.section_id == PLAN_ID
                and mode != "same"
                and part.matched is not None
                and not _YEAR.search(title)
            ):
                # The plan names the year it plans for; a heading without one takes the
                # profile's standard wording, which does.
                entry.heading = None
                standard = _standard_heading(part.matched.heading, year)
                entry.review.append(f"标题“{title}”没有写年份，已改用标准标题“{standard}”")
            elif _FIGURE.search(_YEAR_RANGE.sub("", title)):
                entry.review.append("标题中有上年度的数字，请核对")
            definition = part.matched
            if definition is None or definition.level != heading.level:
                entry.level = heading.level
            # A standalone heading that ends with "。" and has no text of its own is written
            # as a run-in heading with an empty body, which keeps its full stop.
            if heading.run_in or (not part.paragraphs and _ended_with_stop(imported, heading)):
                entry.run_in = True
            if part.matched is not None:
                conversion.matched.append((heading.title, part.section_id))
            else:
                conversion.custom.append(heading.title)
        conversion.figures += len(templater.figures)
        conversion.computed += sum(1 for f in figures.values() if f.formula is not None)
        sections[part.section_id] = entry

    present = set(sections)
    conversion.missing_required = [
        section.id
        for section in profile.sections
        if not section.optional and section.level <= 1 and section.id not in present
    ]
    meta = Meta(
        organisation=organisation,
        year=year,
        profile=profile_id,  # type: ignore[arg-type]
        addressee=document.addressee,
        title=_roll_title(document.title, source_year, year) if document.title else None,
        signature=(
            document.signature.organisation
            if document.signature
            and document.signature.organisation
            and document.signature.organisation != organisation
            else None
        ),
        date=(_cn_date(document.signature.date) if document.signature and mode == "same" else None),
        closing=document.closing,
    )
    first = next(iter(sections.values()), None)
    notes: list[str] = []
    if document.front_matter:
        notes.append(
            "原报告标题下的“" + "　".join(document.front_matter) + "”没有写入草稿，请核对是否需要"
        )
    if imported.year is None:
        notes.append(f"没有识别出原报告的年份，按{source_year}年处理，请核对年份")
    if mode == "other":
        notes.append(
            f"原报告是{source_year}年的，与{year}年相隔不止一年：数字的本年和上年数值都没有带入"
        )
    if first is not None and notes:
        first.review[:0] = notes
    conversion.draft = Draft(meta=meta, sections=sections)
    for section_id, entry in sections.items():
        conversion.reviews.extend(f"{_section_name(section_id, entry)}：{r}" for r in entry.review)
    return conversion


_EXPRESSION = re.compile(r"\{\{[^{}]*\}\}")
_PROVISIONAL = re.compile(r"(?<![\w.])(n\d+)(?!\w)")


def _name_figures(
    lines: list[str],
    templater: _Templater,
    part: Part,
    profile: Profile,
    mode: str,
) -> tuple[list[str], dict[str, FigureEntry], list[str]]:
    """The part's templates and figures with their final ids: catalogue ids where the number
    is one of the matched section's figures (or a derived one), n1, n2, … for the rest.

    A stated rate that is not the catalogue's derived one, whose counts were lifted, becomes a
    derived figure of the draft (``formula: n2 / n1``); where the report's value is not what
    the counts give, the review list says so.  Stated changes already carry their formula
    (``yoy(n1)``).  Formulas are written in the final ids.

    Returns the templates, the figure entries, and the catalogue and derived ids used.
    """
    lifted = templater.figures
    mapping = None
    matched = profile.section(part.matched.id) if part.matched is not None else None
    if matched is not None and (matched.figures or matched.derived):
        candidates = [f.candidate() for f in lifted if f.formula is None]
        mapping = map_figures(candidates, matched, profile)
    by_id = {f.id: f for f in lifted}
    computed: dict[str, str] = {}  # provisional rate id → the catalogue's rate that writes it
    for rate in templater.rates:
        if mapping is not None and rate.rate in mapping.derived:
            continue
        top, bottom = by_id[rate.numerator], by_id[rate.denominator]
        by_id[rate.rate].formula = f"{rate.numerator} / {rate.denominator}"
        if mapping is not None and matched is not None:
            top_id = mapping.figures.get(rate.numerator)
            bottom_id = mapping.figures.get(rate.denominator)
            for definition in matched.derived:
                if (definition.kind, definition.numerator, definition.denominator) == (
                    "rate",
                    top_id,
                    bottom_id,
                ):
                    computed[rate.rate] = definition.id  # the catalogue's own rate
        value = derive_rate(top.value, bottom.value)
        if value != rate.written:
            templater.reviews.append(
                f"“{rate.context}”：原文{rate.name}写作{rate.written}，按"
                f"{plain(top.value)}÷{plain(bottom.value)}计算为{value}，草稿改用计算值"
            )
    for figure_id, note in templater.unsure_rates.items():
        if mapping is None or figure_id not in mapping.derived:
            templater.reviews.append(note)
    names: dict[str, str] = {}
    figures: dict[str, FigureEntry] = {}
    catalogue: list[str] = []
    for figure in lifted:
        if figure.id in computed:
            names[figure.id] = computed[figure.id]
            catalogue.append(names[figure.id])
            continue
        if mapping is not None and figure.id in mapping.derived:
            names[figure.id] = mapping.derived[figure.id]
            catalogue.append(names[figure.id])
            continue
        if mapping is not None and figure.id in mapping.figures:
            names[figure.id] = mapping.figures[figure.id]
            catalogue.append(names[figure.id])
            figures[names[figure.id]] = figure.entry(mode, catalogue=True)
            continue
        names[figure.id] = f"n{sum(1 for n in names.values() if _CUSTOM_ID.fullmatch(n)) + 1}"

    def final(text: str) -> str:
        return _PROVISIONAL.sub(lambda m: names.get(m.group(1), m.group(1)), text)

    for figure in lifted:
        if figure.id not in names or not _CUSTOM_ID.fullmatch(names[figure.id]):
            continue
        entry = figure.entry(mode)
        if figure.formula is not None:
            entry.formula = final(figure.formula)
            if entry.last is not None and _inputs_have_last(figure.formula, by_id, mode):
                entry.last = None  # computed from its counts' last year's values
        else:
            total = names.get(figure.part_of or "")
            derived = mapping is not None and figure.part_of in mapping.derived
            entry.part_of = total if total and not derived else None
        figures[names[figure.id]] = entry

    renamed = [_EXPRESSION.sub(lambda found: final(found.group(0)), line) for line in lines]
    return renamed, figures, catalogue


def _inputs_have_last(formula: str, by_id: dict[str, LiftedFigure], mode: str) -> bool:
    """Whether every figure a formula reads will have last year's value in the draft."""
    if mode != "same":
        return mode == "next"
    inputs = [by_id[name] for name in _PROVISIONAL.findall(formula) if name in by_id]
    return all(f.stated_last is not None or f.formula is not None for f in inputs)


_CUSTOM_ID = re.compile(r"n\d+")


def _section_name(section_id: str, entry: SectionEntry) -> str:
    return entry.heading or ("开头段" if section_id == OPENING_ID else section_id)


def _ended_with_stop(imported: Imported, heading: Heading) -> bool:
    headings = imported.document.headings()
    index = next(i for i, h in enumerate(headings) if h is heading)
    source = imported.source_headings[index]
    return source.text.rstrip().endswith("。")


# --------------------------------------------------------------------------- the summary


def summary(conversion: Conversion, source: Path, output: Path, gaps: int = 0) -> str:
    meta = conversion.draft.meta
    profile = load_profile(meta.profile)
    lines = [
        f"已从 {source.name}（{conversion.source_year}年）生成 {meta.year}年草稿：{output}"
        f"（{PROFILE_NAMES[meta.profile]}提纲）",
    ]
    choice = conversion.profile_choice
    if choice is not None:
        lines.append(
            f"选用{choice.name}提纲：{choice.reason}。如应使用{PROFILE_NAMES[choice.other]}提纲，"
            f"请加 --profile {choice.other} 重新导入"
        )
    lines.append(f"对应标准部分 {len(conversion.matched)} 个：")
    for heading, section_id in conversion.matched:
        definition = profile.section(section_id)
        standard = _standard_heading(definition.heading if definition else section_id, meta.year)
        lines.append(f"  {heading} → {section_id}（{standard}）")
    lines.append(f"自定义部分 {len(conversion.custom)} 个（原文保留）：")
    lines.extend(f"  {heading}" for heading in conversion.custom)
    if conversion.mode == "same":
        how = "保留原数值（value）"
    elif conversion.mode == "next":
        how = "原数值移作上年数值（last），本年数值待填"
    else:
        how = "数值未带入，待填"
    lines.append(f"提取数字 {conversion.figures} 个：{how}")
    if conversion.computed:
        lines.append(
            f"  其中原文写明的比率和同比变化 {conversion.computed} 个改由程序计算（草稿中写有计算公式）"
        )
    if conversion.catalogue:
        names = "、".join(
            _catalogue_label(profile, section_id, figure_id)
            for section_id, figure_id in conversion.catalogue
        )
        lines.append(
            f"  其中对应提纲标准数字 {len(conversion.catalogue)} 个：{names}（可计算同比和比率）"
        )
    if conversion.missing_required:
        names = "、".join(
            _standard_heading(section.heading, meta.year)
            for section in profile.sections
            if section.id in conversion.missing_required
        )
        lines.append(f"原报告缺少规定的部分：{names}，请补写")
    lines.append(f"待核对 {len(conversion.reviews)} 项：")
    lines.extend(f"  - {review}" for review in conversion.reviews)
    if gaps:
        lines.append(f"生成报告时还有 {gaps} 处【待填】，填写后运行 drafter build。")
    return "\n".join(lines)


def _catalogue_label(profile: Profile, section_id: str, figure_id: str) -> str:
    section = profile.section(section_id)
    if section is None:
        return figure_id
    found = section.figure(figure_id) or next(
        (d for d in section.derived if d.id == figure_id), None
    )
    return found.label if found else figure_id


def _standard_heading(heading: str, year: int) -> str:
    return heading.replace("{{ year + 1 }}", str(year + 1)).replace("{{ year }}", str(year))
