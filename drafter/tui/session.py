"""The draft being edited: its file, its sections as they will read, their gaps and problems.

Everything the screens show comes from here, and everything the clerk changes goes through
here, so this module holds the TUI's logic without any Textual: it is tested and benchmarked
on its own.  It uses only the core's public functions: ``parse_draft`` and ``write_atomic``
for the file, ``coerce`` and ``resolve_draft`` for validation, ``section_blocks`` for the
text, ``number_headings`` for the numbers.

The draft file may change while it is open (the clerk edits it by hand, a colleague saves over
it): every save first compares the file with what the session last read or wrote, by content,
and never writes over a change made outside (:class:`Conflict`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Literal

from pydantic import ValidationError
from ruamel.yaml.scalarstring import LiteralScalarString

from drafter.build import build_composed, check_composed
from drafter.check import Finding
from drafter.check.paragraphs import META_ORIGIN
from drafter.compose import (
    DATE_LABEL,
    OPENING_TITLE,
    SIGNATURE_TITLE,
    Composed,
    Gap,
    assemble,
    base_context,
    heading_text,
    report_title,
    section_blocks,
    section_context,
)
from drafter.draftfile import parse_draft, read_text
from drafter.errors import DrafterError, DraftInvalid, InputError
from drafter.export.text import heading_line
from drafter.figures import DerivedValue, FigureValue, derive_all
from drafter.inventory import supplier_of
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile
from drafter.model import FigureSource, Meta, SectionEntry
from drafter.numbering import number_headings
from drafter.outline import DerivedDef, FigureDef, Profile, SectionDef, load_profile
from drafter.phrasing import (
    PHRASING_CUSTOM,
    PHRASING_NONE,
    environment,
    phrasings_for,
    render_string,
)
from drafter.restructure import insertion_point, moved
from drafter.tree import GAP_PATTERN, Block, DraftOrigin, Heading, Origin
from drafter.tui.numbers import NewNumber, new_numbers, seen
from drafter.tui.places import Place, note_place, paragraph_place
from drafter.tui.store import Conflict, DiskState, DraftStore
from drafter.tui.wording import (
    BrokenSlot,
    Slot,
    Wording,
    strip_label_comment,
    to_template,
    to_wording,
)
from drafter.validate import (
    ResolvedDraft,
    ResolvedFigure,
    ResolvedSection,
    coerce,
    resolve_section,
)
from drafter.vocab.dates import parse_written_date
from drafter.vocab.headings import LEVEL_NAMES, parse_heading_number
from drafter.vocab.words import APPROX_WORDS
from drafter.yamldoc import DraftDocument, display_value, typed_value

APPROX_KINDS = ("count", "amount")  # the figure types whose text writes 余/以上/超 …
META_ID = "落款"  # the pseudo-section holding the signature and date (never a YAML key)
FigureKey = Literal["value", "last"]
MetaText = Literal["organisation", "title", "addressee", "closing", "short_name", "signature"]
_FIELD = re.compile(r"^sections\.([^.]+)\.figures\.([^.]+)\.(value|last)$")


class Mark(Enum):
    """How far a section is: what the outline shows beside its heading."""

    COMPLETE = "✓ "
    MISSING = "缺"
    REVIEW = "核"
    PROBLEM = "错"
    OFF = "略"

    @property
    def describe(self) -> str:
        return {
            Mark.COMPLETE: "已完成",
            Mark.MISSING: "有数字待填",
            Mark.REVIEW: "有待核对事项",
            Mark.PROBLEM: "有错误",
            Mark.OFF: "不写入报告",
        }[self]


@dataclass(frozen=True)
class PhrasingOption:
    id: str
    label: str


@dataclass
class FigureRow:
    """One typed figure as the section pane shows it."""

    id: str
    label: str
    unit: str
    kind: str
    value: str
    last: str
    yoy: str
    definition: FigureDef
    approx: str = ""  # 余, 以上 …; '' for none
    supplier: str = ""  # the office that supplies it: the draft's ``from``, else the catalogue's
    default_supplier: str = ""  # the catalogue's, which an empty ``from`` falls back to
    source: str = (
        ""  # where drafter fill took the value from: 采集表.xlsx 执法大队!F7（2025-01-15）
    )

    @property
    def approximable(self) -> bool:
        """Counts and amounts take an approximation word; rates and text never write one."""
        return self.kind in APPROX_KINDS


def _source_text(raw: object) -> str:
    """A figure's ``source`` as the pane shows it, '' when it has none (or a broken one)."""
    if not isinstance(raw, dict):
        return ""
    try:
        return str(FigureSource.model_validate(raw))
    except ValidationError:
        return ""


@dataclass
class DerivedRow:
    """A rate or total computed from the figures, with its change on last year."""

    id: str
    label: str
    text: str
    yoy: str


@dataclass
class SectionState:
    """One section, resolved and composed as it stands now."""

    id: str
    entry: SectionEntry
    definition: SectionDef | None
    resolved: ResolvedSection | None
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return self.entry.enabled

    @property
    def level(self) -> int:
        if self.resolved is not None:
            return self.resolved.level
        return self.entry.level or 0

    @property
    def optional(self) -> bool:
        return bool(self.definition and self.definition.optional) or (
            self.resolved is not None and self.resolved.custom
        )

    @property
    def mark(self) -> Mark:
        if self.problems:
            return Mark.PROBLEM
        if not self.enabled:
            return Mark.OFF
        if self.gaps:
            return Mark.MISSING
        return Mark.REVIEW if self.entry.review else Mark.COMPLETE


@dataclass(frozen=True)
class OutlineEntry:
    id: str
    level: int
    number: str
    title: str
    mark: Mark

    @property
    def label(self) -> str:
        return f"{self.number}{self.title}"


ReviewKind = Literal["problem", "missing", "review", "finding"]
REVIEW_ORDER: tuple[ReviewKind, ...] = ("problem", "finding", "review", "missing")
REVIEW_KIND_NAMES: dict[str, str] = {
    "problem": "错误",
    "missing": "待填",
    "review": "待核对",
    "finding": "检查",
}


@dataclass(frozen=True)
class ReviewItem:
    """One line of the review screen: what it is, where, and what to do."""

    kind: ReviewKind
    section_id: str
    section_label: str
    text: str
    # A finding's block, by its origin, and where in the block's text the finding starts.
    origin: Origin | None = field(default=None, compare=False)
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PreviewLine:
    kind: Literal["heading", "paragraph", "note", "signature"]
    text: str


@dataclass(frozen=True)
class ExportResult:
    output: Path
    gaps: int
    findings: int = 0


@dataclass(frozen=True)
class RemovedSection:
    """A section the clerk removed, kept to put back (:meth:`DraftSession.restore_section`)."""

    id: str
    index: int  # its place in the report when it was removed
    text: str  # its YAML, comments included
    label: str  # as the outline showed it: "（三）加强队伍建设"


CUSTOM_PREFIX = "custom_"  # the ids of sections the clerk adds: custom_1, custom_2 …
LEVELS = (1, 2, 3, 4)  # the levels a section added in the editor takes (一、 to （1）)


class DraftSession:
    """A draft file open for editing."""

    # The layout the review and the export use: ``drafter edit --layout FILE`` sets it for
    # every session of the process.
    layout: LayoutProfile = DEFAULT_LAYOUT

    def __init__(self, path: Path, text: str) -> None:
        self.path = Path(path)
        self.draft, _ = parse_draft(text, self.path)
        self.profile: Profile = load_profile(self.draft.meta.profile)
        self.yaml = DraftDocument(text)  # the YAML document, edited here, on the event loop
        self.store = DraftStore(self.path, text)  # saved there, from any thread
        self._held: dict[tuple[str, ...], tuple[str, tuple[object, ...]]] = {}
        self._slots: dict[str, dict[str, Slot]] = {}  # every slot each wording has shown
        self._typed: dict[str, Counter[str]] = {}  # the numbers each wording had when opened
        self._wordings: dict[str, tuple[int, Wording]] = {}  # by revision
        # Every change the screens see bumps the revision; the report's tree and its check
        # are made once per revision, from the sections composed one by one as they change,
        # and the preview, the review and the export all read that one tree.
        self.revision = 0
        self._composed: tuple[int, Composed] | None = None
        self._findings: tuple[int, list[Finding]] | None = None
        self.states: dict[str, SectionState] = {}
        self.removed: list[RemovedSection] = []  # the sections removed, to put back
        for section_id in self.draft.sections:
            self.states[section_id] = self._compose(section_id)
        self._numbers: dict[str, str] | None = None  # read off composed(), made anew with it

    @classmethod
    def load(cls, path: str | Path) -> DraftSession:
        path = Path(path)
        return cls(path, read_text(path))

    # --- what the screens read -------------------------------------------------------------

    @property
    def meta(self) -> Meta:
        return self.draft.meta

    @property
    def section_ids(self) -> list[str]:
        """Every section in report order, then the signature."""
        return [*self.states, META_ID]

    def composed(self) -> Composed:
        """The report as it stands, as one document tree: the enabled sections' blocks as
        each was last composed, inside the title, 主送机关, 结束语 and signature.  Made once
        per change (:attr:`revision`); the preview, the findings and the export read it."""
        if self._composed is None or self._composed[0] != self.revision:
            blocks: list[Block] = []
            gaps: list[Gap] = []
            for state in self.states.values():
                if state.enabled:
                    blocks.extend(state.blocks)
                    gaps.extend(state.gaps)
            composed = assemble(self.meta, self.title(), blocks, gaps)
            self._composed = (self.revision, composed)
            self._numbers = None
        return self._composed[1]

    def numbers(self) -> dict[str, str]:
        """Each section's heading number exactly as the report writes it ('' when none)."""
        document = self.composed().document
        if self._numbers is None:
            headings = [block for block in document.blocks if isinstance(block, Heading)]
            numbers = number_headings(document.blocks, self.layout)
            self._numbers = {
                heading.origin.section: number
                for heading, number in zip(headings, numbers, strict=True)
                if isinstance(heading.origin, DraftOrigin)
            }
        return self._numbers

    def outline(self) -> list[OutlineEntry]:
        numbers = self.numbers()
        entries = [
            OutlineEntry(
                state.id,
                state.level,
                numbers.get(state.id, ""),
                state.title or (OPENING_TITLE if state.level == 0 else state.id),
                state.mark,
            )
            for state in self.states.values()
        ]
        entries.append(OutlineEntry(META_ID, 0, "", SIGNATURE_TITLE, self.meta_mark()))
        return entries

    def outline_entry(self, section_id: str) -> OutlineEntry:
        return next(entry for entry in self.outline() if entry.id == section_id)

    def meta_mark(self) -> Mark:
        return Mark.COMPLETE if self.meta.date is not None else Mark.MISSING

    def title(self) -> str:
        """The report's title as it will read (the outline's, unless the draft gives one)."""
        resolved = ResolvedDraft(self.draft, self.profile, [])
        return report_title(resolved, base_context(resolved))

    def state(self, section_id: str) -> SectionState:
        return self.states[section_id]

    def phrasing_options(self, section_id: str) -> list[PhrasingOption]:
        state = self.states[section_id]
        options: list[PhrasingOption] = []
        if state.definition is not None and state.resolved is not None:
            options = [
                PhrasingOption(p.id, p.label)
                for p in phrasings_for(self.profile.id, state.definition)
            ]
        if state.entry.template is not None:
            options.insert(0, PhrasingOption(PHRASING_CUSTOM, "沿用导入的表述"))
        options.append(PhrasingOption(PHRASING_NONE, "不用模板，只用自行撰写的文字"))
        return options

    def phrasing(self, section_id: str) -> str:
        state = self.states[section_id]
        if state.resolved is not None:
            return state.resolved.phrasing
        return state.entry.phrasing or PHRASING_NONE

    def figure_rows(self, section_id: str) -> list[FigureRow]:
        state = self.states[section_id]
        if state.resolved is None:
            return []
        raw = self.yaml.section_plain(section_id).get("figures") or {}
        rows = []
        for figure_id, figure in state.resolved.figures.items():
            given = raw.get(figure_id)
            written = given if isinstance(given, dict) else {"value": given}
            definition = figure.definition
            rows.append(
                FigureRow(
                    figure_id,
                    definition.label,
                    definition.unit,
                    definition.type,
                    display_value(written.get("value")),
                    display_value(written.get("last")),
                    self._yoy(figure),
                    definition,
                    figure.approx or "",
                    supplier_of(state.resolved, figure_id),
                    definition.supplier or state.resolved.definition.supplier,
                    _source_text(written.get("source")),
                )
            )
        return rows

    # --- the wording ----------------------------------------------------------------------

    def template_source(self, section_id: str) -> str:
        """The template the section's wording comes from: its own, or the chosen built-in
        phrasing's (without the line naming it); '' for none."""
        state = self.states[section_id]
        choice = self.phrasing(section_id)
        if choice == PHRASING_CUSTOM:
            return (state.entry.template or "").rstrip("\n")
        if choice == PHRASING_NONE or state.definition is None or state.resolved is None:
            return ""
        options = {p.id: p for p in phrasings_for(self.profile.id, state.definition)}
        if choice not in options:
            return ""
        env = environment()
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, options[choice].template_name)
        return strip_label_comment(source).rstrip("\n")

    def wording(self, section_id: str) -> Wording:
        """The section's wording as the clerk edits it, each figure a slot showing its label
        and what it writes now (made once per change: a keystroke asks for it thrice)."""
        cached = self._wordings.get(section_id)
        if cached is not None and cached[0] == self.revision:
            return cached[1]
        wording = self._wording(section_id)
        self._wordings[section_id] = (self.revision, wording)
        return wording

    def _wording(self, section_id: str) -> Wording:
        state = self.states[section_id]
        labels = {"we": "自称", "org": "机关全称", "year": "年度"}
        context: dict[str, object] = {}
        if state.resolved is not None:
            labels.update({fid: f.definition.label for fid, f in state.resolved.figures.items()})
            labels.update({d.id: d.label for d in state.resolved.definition.derived})
            base = base_context(ResolvedDraft(self.draft, self.profile, [state.resolved]))
            context = section_context(state.resolved, base, [], state.title)

        def value(source: str) -> str:
            try:
                written = render_string(source, context, "表述")
            except InputError:
                return ""
            return GAP_PATTERN.sub("待填", written)

        wording = to_wording(self.template_source(section_id), labels, value)
        if section_id not in self._typed:
            self._typed[section_id] = seen(wording)
        # A slot deleted and brought back (undo, paste), or any figure of the section typed
        # as 〔label〕, still stands for its figure.
        known = self._slots.setdefault(section_id, {})
        known.update(wording.slots)
        every = {}
        if state.resolved is not None:
            for figure_id, figure in state.resolved.figures.items():
                source = f"{{{{ {figure_id} }}}}"
                label = figure.definition.label.replace("：", ":")
                every[label] = Slot(source, label, value(source))
        wording.slots = {**every, **known, **wording.slots}
        return wording

    def new_numbers(self, section_id: str) -> list[NewNumber]:
        """Numbers with their unit typed into the section's wording since it was opened
        ("12件" where a slot was), which :meth:`make_figure` can make figures."""
        wording = self.wording(section_id)
        return new_numbers(wording, self._typed.get(section_id, Counter()), self.meta.year)

    def make_figure(self, section_id: str, number: NewNumber, label: str) -> str | None:
        """Make a number typed into the wording a figure: a slot where it stands, and in the
        draft a figure of the section with that label, the unit and the value typed (the
        section's figure of that label, when it has one).  The Chinese problem when it
        cannot be done (nothing changes then)."""
        label = label.strip().replace("：", ":").replace("〔", "").replace("〕", "")
        if not label:
            return "请填写数字的名称"
        wording = self.wording(section_id)
        lines = wording.text.split("\n")
        line = lines[number.row] if number.row < len(lines) else ""
        end = number.column + len(number.text)
        if line[number.column : end] != number.text:
            return f"“{number.text}”已改动，请重新输入"
        state = self.states[section_id]
        figures = state.resolved.figures if state.resolved is not None else {}
        same = [fid for fid, f in figures.items() if f.definition.label.replace("：", ":") == label]
        if same:
            figure_id = same[0]
        else:
            taken = set(figures) | set(state.entry.figures)
            figure_id = _first_free("n", taken)
            self._edit("set_figure_meta", section_id, figure_id, "label", label)
            self._edit("set_figure_meta", section_id, figure_id, "unit", number.unit)
            if number.kind != "count":
                self._edit("set_figure_meta", section_id, figure_id, "type", number.kind)
        self._edit("set_figure", section_id, figure_id, "value", _figure_value(number))
        self._edit("set_approx", section_id, figure_id, number.approx)
        self._changed(section_id)
        slot = self.wording(section_id).slots.get(label)
        if slot is None:  # pragma: no cover - every figure of the section has its slot
            return f"无法为“{label}”留出数字位置"
        lines[number.row] = line[: number.column] + slot.text + line[end:]
        return self.set_wording(section_id, "\n".join(lines))

    def set_wording(self, section_id: str, text: str) -> str | None:
        """Set the section's wording from the clerk's text (slots as :meth:`wording` shows
        them).  Editing a built-in phrasing makes it the section's own template.  Text that
        does not make a template (a slot broken, a ``{{`` left open) is not taken: the
        Chinese problem, with its line, is returned and the last valid wording stays in the
        file and the preview."""
        wording = self.wording(section_id)
        try:
            template = to_template(text, wording.slots).rstrip("\n")
        except BrokenSlot as error:
            return str(error)
        if template == self.template_source(section_id).rstrip("\n"):
            return None
        state = self.states[section_id]
        if state.resolved is not None:
            base = base_context(ResolvedDraft(self.draft, self.profile, [state.resolved]))
            context = section_context(state.resolved, base, [], state.title)
            try:
                render_string(template, context, "表述")
            except InputError as error:
                message = chinese_template_problem(error.message)
                return f"第{error.line}行：{message}" if error.line else message
        block = LiteralScalarString(template + "\n") if template else None
        changed = self._edit("set_section", section_id, "template", block)
        if self.phrasing(section_id) != PHRASING_CUSTOM:
            changed = self._edit("set_section", section_id, "phrasing", PHRASING_CUSTOM) or changed
        if changed:
            self._changed(section_id)
        return None

    def figure_yoy(self, section_id: str, figure_id: str) -> str:
        resolved = self.states[section_id].resolved
        if resolved is None or figure_id not in resolved.figures:
            return ""
        return self._yoy(resolved.figures[figure_id])

    def derived_rows(self, section_id: str) -> list[DerivedRow]:
        state = self.states[section_id]
        if state.resolved is None or state.definition is None:
            return []
        rows = []
        for derived in state.definition.derived:
            value = self._derived(state.resolved, derived)
            text = str(value) if not value.missing else "—"
            rows.append(DerivedRow(derived.id, derived.label, text, value.yoy()))
        return rows

    def figure_problems(self, section_id: str) -> dict[tuple[str, str], list[str]]:
        """Problems of each figure field, keyed by (figure id, "value" or "last")."""
        state = self.states[section_id]
        labels = (
            {fid: f.definition.label for fid, f in state.resolved.figures.items()}
            if state.resolved is not None
            else {}
        )
        result: dict[tuple[str, str], list[str]] = {}
        for problem in state.problems:
            match = _FIELD.match(problem.field or "")
            if not match or match.group(1) != section_id:
                continue
            key = match.group(3)
            # A part above its total, or a numerator above its denominator, is shown at every
            # figure it names: the clerk may be typing into any of them.
            named = [fid for fid, label in labels.items() if label in problem.message]
            for figure_id in dict.fromkeys([match.group(2), *named]):
                messages = result.setdefault((figure_id, key), [])
                if problem.message not in messages:
                    messages.append(problem.message)
        return result

    def section_problems(self, section_id: str) -> list[str]:
        """Problems that belong to no single figure field (template, heading, phrasing …)."""
        return [
            problem.message
            for problem in self.states[section_id].problems
            if not _FIELD.match(problem.field or "")
        ]

    def preview(self, section_id: str) -> list[PreviewLine]:
        """The section as the report will read, numbered; gaps stay as 【待填：…】."""
        if section_id == META_ID:
            return self._signature_preview()
        state = self.states[section_id]
        lines: list[PreviewLine] = []
        if not state.enabled:
            lines.append(PreviewLine("note", "（本部分已关闭，不写入报告）"))
        number = self.numbers().get(section_id, "")
        for block in state.blocks:
            if isinstance(block, Heading):
                lines.append(PreviewLine("heading", heading_line(number, block)))
            else:
                lines.append(PreviewLine("paragraph", block.text))
        if state.enabled and not state.blocks and not state.problems:
            lines.append(PreviewLine("note", "（本部分还没有文字）"))
        return lines

    def review_items(self) -> list[ReviewItem]:
        """Every missing figure, every problem and every item marked for review, in order."""
        items: list[ReviewItem] = []
        for entry in self.outline():
            if entry.id == META_ID:
                if self.meta.date is None:
                    items.append(ReviewItem("missing", META_ID, entry.label, DATE_LABEL))
                continue
            state = self.states[entry.id]
            for problem in state.problems:
                text = problem_text(state, problem)
                items.append(ReviewItem("problem", entry.id, entry.label, text))
            if state.enabled:
                for gap in state.gaps:
                    items.append(ReviewItem("missing", entry.id, entry.label, gap.label))
            for note in state.entry.review:
                items.append(ReviewItem("review", entry.id, entry.label, note))
        return items

    def review_items_with_findings(self) -> list[ReviewItem]:
        """Everything the review screen lists, what stops an export first: problems, what
        ``drafter build``'s check finds, items marked for review, then missing figures;
        each kind in report order."""
        items = [*self.review_items(), *self.findings()]
        return sorted(items, key=lambda item: REVIEW_ORDER.index(item.kind))

    def check(self) -> list[Finding]:
        """What ``drafter build``'s check (``drafter.build.check_composed``) finds in the
        report as it stands: on :meth:`composed`'s tree, once per change."""
        if self._findings is None or self._findings[0] != self.revision:
            self._findings = (self.revision, check_composed(self.composed(), self.layout))
        return self._findings[1]

    def findings(self) -> list[ReviewItem]:
        """The checker's findings on the report as it stands, each placed in its section
        (none while the draft has problems: those are listed, and stop an export first)."""
        if any(state.problems for state in self.states.values()):
            return []
        labels = {entry.id: entry.label for entry in self.outline()}
        items = []
        for finding in self.check():
            origin = finding.location.origin
            section_id = self._section_of(origin)
            text = f"{finding.severity.label}：{finding.message}"
            offset = finding.edits[0].start if finding.edits else self._offset(origin, finding)
            items.append(
                ReviewItem("finding", section_id, labels[section_id], text, origin, offset)
            )
        return items

    def _block(self, origin: Origin | None) -> tuple[int, str] | None:
        """The paragraph of its section a block is (counted over the section's paragraphs,
        a run-in heading's body first), and its text; None for a heading's own title."""
        if not isinstance(origin, DraftOrigin) or origin.section not in self.states:
            return None
        index = 0
        for block in self.states[origin.section].blocks:
            if isinstance(block, Heading):
                if block.origin is origin:
                    return (index, block.body) if block.run_in else None
                index += 1 if block.run_in else 0
                continue
            if block.origin is origin:
                return index, block.text
            index += 1
        return None

    def _offset(self, origin: Origin | None, finding: Finding) -> int:
        """Where in its block's text what a finding found starts (0 when it names nothing)."""
        found = self._block(origin)
        if found is None or not finding.found:
            return 0
        return max(0, found[1].find(finding.found))

    def place(self, item: ReviewItem) -> Place | None:
        """Where the text a review item is about stands in its section's pane (wording or own
        text, row and column), for the jump from the review screen; None when it names none."""
        state = self.states.get(item.section_id)
        if state is None:
            return None
        own = state.entry.text or ""
        if item.kind == "review":
            return note_place(self.wording(item.section_id), own, item.text)
        if item.kind == "finding":
            found = self._block(item.origin)
            if found is not None:
                index, text = found
                return paragraph_place(self.wording(item.section_id), own, index, text, item.offset)
        return None

    def _section_of(self, origin: Origin | None) -> str:
        """The section a finding belongs to, by the origin of the block it is in: a section of
        the draft, or the signature's pane for the draft's meta part (title, signature, date)."""
        if isinstance(origin, DraftOrigin):
            if origin.section in self.states:
                return origin.section
            if origin.section == META_ORIGIN.section:
                return META_ID
        return self.section_ids[0]

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(REVIEW_KIND_NAMES, 0)
        for item in self.review_items():
            result[item.kind] += 1
        return result

    # --- what the clerk changes ------------------------------------------------------------

    def set_figure(
        self, section_id: str, figure_id: str, key: FigureKey, text: str, *, final: bool = True
    ) -> None:
        """Set a figure as typed.  A value that does not read (\"十二\" for a count) shows its
        problem at once but is never saved: the file keeps the last value that read.  While
        the clerk is still typing (``final`` False), an emptied field is not saved either: it
        is emptied in the file only once it is left empty."""
        state = self.states[section_id]
        definition = None
        if state.resolved is not None and figure_id in state.resolved.figures:
            definition = state.resolved.figures[figure_id].definition
        value = typed_value(text, definition.type if definition else "count")
        valid = definition is None or figure_error(text, definition) is None
        save = valid and (final or value is not None)
        args = (section_id, figure_id, key, value)
        self._hold(("figure", section_id, figure_id, key), valid and not save, "set_figure", args)
        if self._edit("set_figure", *args, save=save, commit=final and value is None):
            self._changed(section_id)

    def set_supplier(self, section_id: str, figure_id: str, office: str) -> None:
        """Set who supplies a figure (``from:``); empty, or the catalogue's own office, leaves
        the key out so the catalogue's default applies."""
        office = office.strip()
        state = self.states[section_id]
        default = ""
        if state.resolved is not None:
            figure = state.resolved.definition.figure(figure_id)
            default = (figure.supplier if figure else "") or state.resolved.definition.supplier
        value = office if office and office != default else None
        if self._edit("set_figure_meta", section_id, figure_id, "from", value):
            self._changed(section_id)

    def finish_review(self, section_id: str, note: str) -> None:
        """The clerk has done what a review item asked: it leaves the list (and the file)."""
        notes = [n for n in self.states[section_id].entry.review if n != note]
        if self._edit("set_review", section_id, notes):
            self._changed(section_id)

    def set_approx(self, section_id: str, figure_id: str, word: str | None) -> None:
        """Set a figure's approximation word ("530余人次", "4次以上", "超500人"); None or ''
        removes it from the file."""
        word = word or None
        if word is not None and word not in APPROX_WORDS:
            raise ValueError(f"约数词应为{'、'.join(APPROX_WORDS)}之一，实际为“{word}”")
        if self._edit("set_approx", section_id, figure_id, word):
            self._changed(section_id)

    def set_text(self, section_id: str, text: str) -> None:
        if self._edit("set_section", section_id, "text", text):
            self._changed(section_id)

    def set_phrasing(self, section_id: str, phrasing: str) -> None:
        if phrasing == self.phrasing(section_id):
            return  # the default the file leaves implicit stays implicit
        if self._edit("set_section", section_id, "phrasing", phrasing):
            self._changed(section_id)

    def set_enabled(self, section_id: str, enabled: bool) -> None:
        if enabled == self.states[section_id].enabled:
            return
        if self._edit("set_section", section_id, "enabled", enabled):
            self._changed(section_id)

    def set_organisation(self, organisation: str) -> str | None:
        """Set the organisation; the Chinese problem when it cannot be used."""
        return self.set_meta_text("organisation", organisation)

    def set_meta_text(self, name: MetaText, text: str) -> str | None:
        """Set one of the report's own lines (title, 主送机关, 结束语, 自称, 落款机关); the
        Chinese problem when it cannot be used (nothing is saved then).  Empty means the
        default: the title by the outline, the organisation for the signature … and no
        结束语 at all."""
        text = text.strip()
        if name == "organisation" and not text:
            return "机关全称不能为空"
        if self._edit("set_meta", name, text or None):
            self._meta_changed()
        return None

    def set_date(self, text: str, *, final: bool = True) -> str | None:
        """Set 成文日期 from 2025年1月20日, 2025-1-20, 2025/1/20 or 2025.1.20; the Chinese
        problem when it is wrong.  A date that does not read is never saved, and an emptied
        field only once it is left empty (``final``): the file keeps the last date."""
        text = text.strip()
        date: dt.date | None = None
        if text:
            date = read_date(text)
            if date is None:
                return (
                    f"应为日期，写作 {self.meta.year + 1}年1月20日 或 {self.meta.year + 1}-1-20，"
                    f"实际为“{text}”"
                )
        save = final or date is not None
        self._hold(("meta", "date"), not save, "set_meta", ("date", date))
        if self._edit("set_meta", "date", date, save=save, commit=final and date is None):
            self._meta_changed()
        return None

    def set_seal(self, seal: bool) -> None:
        if self._edit("set_meta", "seal", seal):
            self._meta_changed()

    # --- the outline: sections added, removed, moved and re-levelled ----------------------

    def is_custom(self, section_id: str) -> bool:
        """A section of the draft's own, not one of the profile's."""
        return section_id in self.states and self.profile.section(section_id) is None

    def content_summary(self, section_id: str) -> str:
        """What the clerk has written in a section, as a removal's question says it ('' for
        nothing: a heading only)."""
        entry = self.states[section_id].entry
        parts = []
        if entry.template and entry.template.strip():
            parts.append("表述")
        if entry.text and entry.text.strip():
            parts.append("自行撰写的文字")
        typed = [f for f in entry.figures.values() if f.value is not None or f.last is not None]
        if typed:
            parts.append(f"{len(typed)} 个数字")
        if entry.review:
            parts.append(f"{len(entry.review)} 项待核对")
        return "、".join(parts)

    def removal_problem(self, section_id: str) -> str | None:
        """Why a section cannot be removed, in Chinese; None when it can."""
        if section_id == META_ID:
            return "落款和成文日期是报告的必备部分，不能删除"
        if self.is_custom(section_id):
            return None
        label = self.outline_entry(section_id).label
        state = self.states[section_id]
        if state.optional:
            return f"“{label}”是提纲中的可选部分，不能删除；不写入报告可关闭本节的“写入报告”"
        return f"“{label}”是提纲中的必备部分，不能删除"

    def add_section(self, heading: str, level: int, after: str | None) -> str:
        """Add a section of the draft's own after the section ``after`` and everything under
        it (at the end for None or the signature); returns its id.  ValueError (in Chinese)
        for a heading :func:`heading_problem` refuses."""
        problem = heading_problem(heading)
        if problem:
            raise ValueError(problem)
        if level not in LEVELS:
            raise ValueError(f"标题级别应为 1 到 {len(LEVELS)}，实际为 {level}")
        ids = list(self.states)
        position = ids.index(after) if after in ids else None
        index = insertion_point([state.level for state in self.states.values()], position)
        taken = {*ids, *(removed.id for removed in self.removed)}
        section_id = _first_free(CUSTOM_PREFIX, taken)
        entry = {"heading": heading.strip(), "level": level}
        self._edit("insert_section", section_id, index, entry)
        self._restructured()
        return section_id

    def remove_section(self, section_id: str) -> RemovedSection:
        """Remove a section of the draft's own, keeping it to put back; ValueError (in
        Chinese) for one that cannot be removed (:meth:`removal_problem`)."""
        problem = self.removal_problem(section_id)
        if problem:
            raise ValueError(problem)
        removed = RemovedSection(
            section_id,
            list(self.states).index(section_id),
            self.yaml.section_text(section_id),
            self.outline_entry(section_id).label,
        )
        self._edit("remove_section", section_id)
        self.removed.append(removed)
        self._slots.pop(section_id, None)
        self._restructured()
        return removed

    def restore_section(self) -> RemovedSection | None:
        """Put the last section removed back where it was, as it was; None when none was."""
        if not self.removed:
            return None
        removed = self.removed.pop()
        self._edit("insert_section", removed.id, removed.index, removed.text)
        self._restructured()
        return removed

    def move_section(self, section_id: str, offset: int) -> str | None:
        """Move a section one step up (-1) or down (+1) with the sections under it (see
        :func:`drafter.restructure.moved`); the Chinese reason when it cannot go further."""
        if section_id == META_ID:
            return "落款总在报告最后"
        ids = list(self.states)
        order = moved(
            [state.level for state in self.states.values()], ids.index(section_id), offset
        )
        if order is None:
            return "已经在最前面，不能再上移" if offset < 0 else "已经在最后面，不能再下移"
        self._edit("arrange_sections", tuple(ids[i] for i in order))
        self._restructured()
        return None

    def set_level(self, section_id: str, level: int) -> str | None:
        """Re-level a section of the draft's own (its number follows: 一、 （一） 1. （1））;
        the Chinese reason when it cannot be."""
        if section_id == META_ID or not self.is_custom(section_id):
            return "提纲中的标准部分级别固定，只能调整自行添加的部分"
        if level < LEVELS[0]:
            return "已经是一级标题"
        if level > LEVELS[-1]:
            return f"已经是{LEVEL_NAMES[-1]}"
        if self._edit("set_section", section_id, "level", level):
            self._changed(section_id)
        return None

    def set_heading(self, section_id: str, heading: str) -> str | None:
        """Set a section's heading (without its number); empty gives a profile's section its
        standard heading back.  The Chinese problem when it cannot be used."""
        heading = heading.strip()
        if heading or self.is_custom(section_id):
            problem = heading_problem(heading)
            if problem:
                return problem
        if self._edit("set_section", section_id, "heading", heading or None):
            self._changed(section_id)
        return None

    def _restructured(self) -> None:
        """Sections came, went or moved in the YAML: the draft and the states follow its order."""
        order = self.yaml.section_ids()
        old_states = self.states
        self.draft.sections = {
            section_id: SectionEntry.model_validate(self.yaml.section_plain(section_id))
            for section_id in order
        }
        self.states = {}
        for section_id in order:
            state = old_states.get(section_id)
            self.states[section_id] = state if state is not None else self._compose(section_id)

    # --- saving and exporting --------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """A change is not on disk yet (a value that does not read is no change to save)."""
        return self.store.dirty

    @property
    def conflict(self) -> Conflict | None:
        return self.store.conflict

    @property
    def saved_text(self) -> str:
        return self.store.saved_text

    def save(self) -> bool:
        """Write the draft's valid changes; True when the draft itself was written (see
        :meth:`DraftStore.save`).  May run in a worker thread while the clerk types."""
        return self.store.save()

    def disk_state(self) -> DiskState:
        return self.store.disk_state()

    def default_export_path(self) -> Path:
        return self.path.with_suffix(".docx")

    def export_job(self, output: Path, *, overwrite: bool = False) -> Callable[[], ExportResult]:
        """The export of the report as it stands, to run in a worker: the tree and its check
        are taken now (on the thread that edits), the file is written by the job."""
        problems = [problem for state in self.states.values() for problem in state.problems]
        composed, findings = self.composed(), self.check()
        path, layout = str(self.path), self.layout

        def job() -> ExportResult:
            if problems:
                raise DraftInvalid(problems)
            built = build_composed(
                composed, Path(output), path, True, layout, overwrite, findings=findings
            )
            written = built.output or Path(output)
            return ExportResult(written, len(built.composed.gaps), len(built.findings))

        return job

    def export(self, output: Path, *, overwrite: bool = False) -> ExportResult:
        """Write the report as the preview shows it into ``output``, as ``drafter build
        --allow-missing`` does (problems and figures that contradict each other stop it;
        gaps stay as 【待填】): the very tree of :meth:`composed`, not composed again.  A
        DOCX there that drafter did not write, or that was edited since, is only replaced
        when ``overwrite`` (the clerk was asked); else the report goes to ``报告（2）.docx``.

        Call :meth:`save` first: what is exported is what the draft file then holds.
        """
        return self.export_job(output, overwrite=overwrite)()

    # --- internals -------------------------------------------------------------------------

    def _hold(
        self, field: tuple[str, ...], held: bool, method: str, args: tuple[object, ...]
    ) -> None:
        """Remember a field emptied while the clerk is still in it (or forget it once it
        holds a value again), for :meth:`commit` to save."""
        if held:
            self._held[field] = (method, args)
        else:
            self._held.pop(field, None)

    def commit(self) -> None:
        """Hand the store the fields the clerk emptied and is still in: an explicit save,
        an export or quitting saves them empty, as the screen shows them."""
        for method, args in self._held.values():
            self.store.record(method, *args)
        self._held.clear()

    def _edit(self, method: str, *args: object, save: bool = True, commit: bool = False) -> bool:
        """Make one change to the document the screens read; hand it to the store to save
        unless ``save`` is False (a value that does not read).  ``commit`` hands it on even
        when the screens show it already (a field left empty, shown empty since the clerk
        emptied it, but not saved empty yet).  False when nothing changed on screen."""
        changed = bool(getattr(self.yaml, method)(*args))
        if changed:
            self.revision += 1
        if save and (changed or commit):
            self.store.record(method, *args)
        return changed

    def _changed(self, section_id: str) -> None:
        entry_data = self.yaml.section_plain(section_id)
        try:
            entry = SectionEntry.model_validate(entry_data)
        except ValidationError as error:  # only a hand-broken file gets here
            raise DrafterError(f"无法更新“{section_id}”：{error}") from None
        self.draft.sections[section_id] = entry
        self.states[section_id] = self._compose(section_id)

    def _meta_changed(self) -> None:
        meta = Meta.model_validate(self.yaml.plain().get("meta") or {})
        self.draft.meta = meta
        for section_id in self.states:  # the organisation and 我局 appear in the text
            self.states[section_id] = self._compose(section_id)

    def _compose(self, section_id: str) -> SectionState:
        entry = self.draft.sections[section_id]
        state = SectionState(section_id, entry, None, None)
        resolved, state.problems = self._resolve(section_id)
        if resolved is None:
            return state
        state.definition, state.resolved = resolved.definition, resolved
        base = base_context(ResolvedDraft(self.draft, self.profile, [resolved]))
        try:
            if resolved.level:
                state.title = heading_text(resolved, base)
            gaps: list[Gap] = []
            state.blocks = section_blocks(resolved, base, gaps, str(self.path))
            state.gaps = gaps
        except InputError as error:
            state.problems.append(error)
        return state

    def _resolve(self, section_id: str) -> tuple[ResolvedSection | None, list[InputError]]:
        """The core's lenient verdict on one section (:func:`drafter.validate.resolve_section`):
        what reads, and the problems."""
        section, problems = resolve_section(self.draft, section_id, self.profile, str(self.path))
        if section is not None and section.entry.phrasing not in (
            None,
            PHRASING_CUSTOM,
            PHRASING_NONE,
        ):
            known = {p.id for p in phrasings_for(self.profile.id, section.definition)}
            if section.entry.phrasing not in known:
                # An unknown phrasing is a problem already listed; write nothing rather than fail.
                section.entry = section.entry.model_copy(update={"phrasing": PHRASING_NONE})
        return section, problems

    def _derived(self, section: ResolvedSection, derived: DerivedDef) -> DerivedValue:
        figures = {
            name: FigureValue(f.definition, f.value, f.last, f.approx)
            for name, f in section.figures.items()
        }
        # The draft's own derived figures may read other derived ones.
        return derive_all(section.definition.derived, figures, last=section.derived_last)[
            derived.id
        ]

    @staticmethod
    def _yoy(figure: ResolvedFigure) -> str:
        return FigureValue(figure.definition, figure.value, figure.last, figure.approx).yoy()

    def _signature_preview(self) -> list[PreviewLine]:
        document = self.composed().document
        lines = [PreviewLine("heading", document.title or "")]
        if document.addressee:
            lines.append(PreviewLine("signature", f"{document.addressee}："))
        if document.closing:
            lines.append(PreviewLine("paragraph", document.closing))
        if document.signature is not None:
            lines.append(PreviewLine("signature", document.signature.organisation))
            lines.append(PreviewLine("signature", document.signature.date))
        return lines


def _figure_place(state: SectionState, field_path: str | None) -> str:
    """ "法治专题讲座场次（本年）：" for a figure's problem, '' otherwise."""
    match = _FIELD.match(field_path or "")
    if not match or state.resolved is None:
        return ""
    figure = state.resolved.figures.get(match.group(2))
    label = figure.definition.label if figure else match.group(2)
    return f"{label}（{'本年' if match.group(3) == 'value' else '上年'}）："


def problem_text(state: SectionState, problem: InputError) -> str:
    """A problem as the review screen lists it: with the figure it is about, once."""
    place = _figure_place(state, problem.field)
    label = place.split("（", 1)[0]
    return problem.message if label and label in problem.message else place + problem.message


_JINJA_PROBLEMS = (
    ("end of template", "写到这里就结束了，{{ 或 {% 没有闭合"),
    ("Expected an expression", "{{ }} 中缺少数字或变量的名称"),
    ("end of print statement", "{{ }} 中的写法有误"),
)


def chinese_template_problem(message: str) -> str:
    """Jinja's English words in a template problem, said in Chinese."""
    head, _, detail = message.partition("：")
    if not re.search(r"[A-Za-z]{3,}", detail):
        return message
    said = next((chinese for english, chinese in _JINJA_PROBLEMS if english in detail), None)
    return f"{head}：{said or '{{ }} 或 {% %} 的写法有误'}"


def heading_problem(text: str) -> str | None:
    """Why ``text`` cannot be a section's heading, in Chinese; None when it can.  The number
    is never typed: the report computes it from the section's place and level."""
    heading = text.strip()
    if not heading:
        return "标题不能为空"
    if "\n" in heading:
        return "标题应为一行"
    number = parse_heading_number(heading)
    if number is not None:
        return f"不用输入编号“{number[2]}”，编号按位置和级别自动生成"
    return None


def read_date(text: str) -> dt.date | None:
    """成文日期 as the clerk types it: 2025年1月20日, 2025-1-20, 2025/1/20, 2025.1.20 …"""
    parts = parse_written_date(text)
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def figure_error(text: str, definition: FigureDef) -> str | None:
    """The Chinese problem with one typed value, or None when it reads."""
    value = typed_value(text, definition.type)
    try:
        coerce(value, definition)
    except ValueError as error:
        return str(error)
    return None


def _first_free(prefix: str, taken: Collection[str]) -> str:
    """The id ``prefix`` followed by the first number from 1 that ``taken`` has not."""
    return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in taken)


def _figure_value(number: NewNumber) -> int | Decimal:
    """A typed number's value as the draft writes a figure of its kind."""
    return int(number.value) if number.kind == "count" else number.value
