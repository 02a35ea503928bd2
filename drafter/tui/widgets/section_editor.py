"""The section pane: the figures, the phrasing, the clerk's own text and the on/off switch.

The pane only reports what the clerk does (as messages); the screen writes it into the draft
and hands back what changed through :meth:`SectionEditor.refresh_state`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    Switch,
    TextArea,
)
from textual.widgets.text_area import Edit, EditResult

from drafter.outline import FigureDef
from drafter.tui.numbers import NewNumber
from drafter.tui.places import Place
from drafter.tui.session import DraftSession, FigureKey, FigureRow, Mark
from drafter.tui.session import figure_error as _figure_error
from drafter.tui.widgets.frame import FrameHold
from drafter.tui.widgets.quiet import QuietStatic
from drafter.tui.wording import slot_spans
from drafter.vocab.words import APPROX_WORDS

WHEN = {"value": "本年", "last": "上年"}
# The approximation words in the order a clerk reaches for them; none is the Select's blank.
APPROX_CHOICES = APPROX_WORDS
APPROX_PROMPT = "约数"
APPROX_NONE = "无"
W = TypeVar("W", bound=Widget)


class FigureValidator(Validator):
    """The core's own check of one typed value (``coerce``), in Chinese."""

    def __init__(self, definition: FigureDef) -> None:
        super().__init__()
        self.definition = definition

    def validate(self, value: str) -> ValidationResult:
        problem = _figure_error(value, self.definition)
        return self.failure(problem) if problem else self.success()


class _Parts:
    """A pane's own widgets by selector, looked up once: a keystroke refreshes a dozen of
    them, and each query walks the pane's widgets anew."""

    def part(self, selector: str, expect: type[W]) -> W:
        parts: dict[str, Widget] = self.__dict__.setdefault("_parts", {})
        widget = parts.get(selector)
        if not isinstance(widget, expect) or not widget.is_attached:
            widget = parts[selector] = self.query_one(selector, expect)  # type: ignore[attr-defined]
        return widget


class _HoldsFrames:
    """A field each of whose changes holds the app's frames until the screen has shown what
    it brings (:class:`~drafter.tui.widgets.frame.FrameHold`): one hold per change not
    reported to the screen yet."""

    def hold_frame(self) -> None:
        widget = cast(Widget, self)
        if widget.is_mounted:
            self.__dict__.setdefault("_holds", []).append(FrameHold(widget.app))

    def take_hold(self) -> FrameHold | None:
        """The frame held for the oldest change this field has not reported yet."""
        holds: list[FrameHold] = self.__dict__.get("_holds", [])
        return holds.pop(0) if holds else None


class FigureInput(_HoldsFrames, Input):
    """An input for one figure's value or last year's value."""

    def __init__(self, row: FigureRow, key: FigureKey) -> None:
        super().__init__(
            row.value if key == "value" else row.last,
            placeholder="本年数值" if key == "value" else "上年数值",
            validators=[FigureValidator(row.definition)],
            validate_on=["changed", "blur"],
            valid_empty=True,
            select_on_focus=True,  # typing replaces the figure, as in any form
            compact=True,
            classes=f"figure-input figure-{key}",
        )  # no tooltip: its help shows inline under the figure (textual#6357)
        self.figure_id = row.id
        self.key: FigureKey = key

    def _watch_value(self, value: str) -> None:
        self.hold_frame()  # the change and what it brings, painted on one frame
        # Input sets its virtual size as its text grows, and that asks for a layout of the
        # whole screen on every keystroke.  This input has a fixed size: set the virtual size
        # quietly first, so Input's own assignment changes nothing.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        parent = getattr(super(), "_watch_value", None)
        if parent is not None:
            parent(value)


class SupplierInput(Input):
    """The office that supplies a figure (``from:``); empty for the catalogue's default."""

    def __init__(self, row: FigureRow) -> None:
        super().__init__(
            row.supplier if row.supplier != row.default_supplier else "",
            placeholder=row.default_supplier or "如 执法大队",
            compact=True,
            classes="supplier-input",
        )
        self.figure_id = row.id


class ApproxSelect(_HoldsFrames, Select[str]):
    """A figure's approximation word: none, 余, 多, 以上, 超, 近 or 约.

    Shows "约数" (dim) when there is none; the preview shows at once where the chosen word
    goes ("530余人次", "4次以上", "超500人").  The open list is exactly as wide as the Select
    and holds the bare words: Textual drops a wide character of an overlay wherever it crosses
    the edge of a widget below it (Textualize/textual#6357), and nothing lies below the list
    but the Select's own column.
    """

    def __init__(self, row: FigureRow) -> None:
        super().__init__(
            [(word, word) for word in APPROX_CHOICES],
            value=row.approx if row.approx in APPROX_CHOICES else Select.NULL,
            prompt=APPROX_PROMPT,
            allow_blank=True,
            compact=True,
            classes="approx",  # no tooltip: it would cross the panes (textual#6357)
        )
        self.figure_id = row.id
        self.reported: str | None = row.approx or None  # Select announces its first value too

    @property
    def word(self) -> str | None:
        value = self.value
        return value if isinstance(value, str) else None

    def _watch_value(self, value: object) -> None:
        self.hold_frame()  # the word chosen and the preview it changes, on one frame
        super()._watch_value(value)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.watch(self, "expanded", self._name_none, init=False)

    def _name_none(self, expanded: bool) -> None:
        # The list's blank entry would repeat the prompt ("约数"); in the list it means none.
        if expanded:
            self.query_one(OptionList).replace_option_prompt_at_index(0, APPROX_NONE)


class HoldingArea(_HoldsFrames, TextArea):
    """A text area whose every edit holds the app's frames until the screen has shown what
    it brings: the character typed and the new preview are painted together."""

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self.hold_frame()
        return result


class WordingArea(HoldingArea):
    """The section's wording; each figure is a slot (〔label：value〕) kept whole: typing
    inside one does nothing, and deleting any part of one deletes all of it.  A slot can be
    cut and pasted elsewhere, or pasted twice."""

    refused = False  # the last keystroke tried to type inside a slot

    def _slot_at(self, location: tuple[int, int]) -> tuple[int, int] | None:
        row, column = location
        if row >= self.document.line_count:
            return None
        for start, end in slot_spans(self.document.get_line(row)):
            if start < column < end:
                return start, end
        return None

    def _widen(
        self, start: tuple[int, int], end: tuple[int, int]
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        start, end = sorted((start, end))
        slot = self._slot_at(start)
        if slot is not None:
            start = (start[0], slot[0])
        slot = self._slot_at(end)
        if slot is not None:
            end = (end[0], slot[1])
        return start, end

    def _replace_via_keyboard(
        self, insert: str, start: tuple[int, int], end: tuple[int, int]
    ) -> EditResult | None:
        if start == end and self._slot_at(start) is not None:
            self.refused = True
            self.app.bell()
            self.post_message(SectionEditor.SlotRefused(self))
            return None
        self.refused = False
        start, end = self._widen(start, end)
        return super()._replace_via_keyboard(insert, start, end)

    def _delete_via_keyboard(
        self, start: tuple[int, int], end: tuple[int, int]
    ) -> EditResult | None:
        start, end = self._widen(start, end)
        return super()._delete_via_keyboard(start, end)


class HeadingInput(Input):
    """The heading of a section of the draft's own, without its number."""

    def __init__(self, heading: str) -> None:
        super().__init__(
            heading,
            placeholder="标题，不含编号",
            compact=True,
            select_on_focus=False,
            id="heading",
        )


class ReviewCheck(Checkbox):
    """One review item; ticking it says the clerk has done what it asks."""

    def __init__(self, note: str) -> None:
        super().__init__(note, False, compact=True, classes="review-item")
        self.note = note


class FigureField(_Parts, Vertical):
    """One row per figure: label and unit, this year's and last year's value, the change;
    while one of its inputs has focus, the figure's help (what to count) in a line below.

    Inline, not a tooltip: Textual drops the Chinese characters of an overlay wherever it
    crosses the edge of a widget below it (Textualize/textual#6357)."""

    DEFAULT_CLASSES = "figure"

    def __init__(self, row: FigureRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        label = Text(row.label)
        if row.unit:
            label.append(f"（{row.unit}）", style="dim")
        yield Label(label, classes="figure-label")
        with Horizontal(classes="figure-inputs"):
            yield FigureInput(row, "value")
            if row.approximable:
                yield ApproxSelect(row)
            else:  # a rate or a text writes no 余/以上: keep the column of 上年 straight
                yield Static(classes="approx-none")
            yield Label("上年", classes="field-name")
            yield FigureInput(row, "last")
            yield QuietStatic(row.yoy, classes="yoy")
        yield QuietStatic("", classes="figure-error")
        help_line = QuietStatic(row.definition.help, classes="figure-help")
        help_line.display = False
        yield help_line
        # Who supplies it (drafter collect groups its workbook by this), set while focused.
        with Horizontal(classes="figure-supplier") as supplier:
            supplier.display = False
            yield Label("提供科室", classes="field-name")
            yield SupplierInput(row)
        # Where drafter fill took the value from, beside the figure while it holds.
        source = QuietStatic(f"来自 {row.source}" if row.source else "", classes="figure-source")
        source.display = bool(row.source)
        yield source

    def on_descendant_focus(self) -> None:
        self.show_help(True)

    def on_descendant_blur(self) -> None:
        self.show_help(False)

    def show_help(self, shown: bool) -> None:
        """Show the figure's help and who supplies it while one of its inputs has focus (a
        figure with no help has no help line)."""
        supplier = self.query_one(".figure-supplier", Horizontal)
        if supplier.display != shown:
            supplier.display = shown
        shown = shown and bool(self.row.definition.help)
        line = self.query_one(".figure-help", QuietStatic)
        if line.display != shown:
            line.display = shown

    def forget_source(self) -> None:
        """A value typed here no longer comes from the workbook (the draft drops its source)."""
        line = self.query_one(".figure-source", QuietStatic)
        if line.display:
            line.display = False

    def show(self, yoy: str, problems: dict[str, list[str]]) -> None:
        # One line of fixed width: a new change needs no new layout.
        self.part(".yoy", QuietStatic).show(yoy, layout=False)
        lines = []
        for key in ("value", "last"):
            for message in problems.get(key, []):
                lines.append(
                    message if message.startswith(WHEN[key]) else f"{WHEN[key]}：{message}"
                )
            self.part(f".figure-{key}", FigureInput).set_class(bool(problems.get(key)), "-problem")
        self.part(".figure-error", QuietStatic).show("\n".join(lines), hide_empty=True)


class SectionEditor(_Parts, VerticalScroll):
    """Everything the clerk fills in for one section."""

    DEFAULT_CLASSES = "editor"

    @dataclass
    class FigureEdited(Message):
        """A figure field changed; ``final`` once the clerk leaves it."""

        section_id: str
        figure_id: str
        key: FigureKey
        text: str
        final: bool = False
        # The frame the field holds until the screen has shown what the change brings.
        frame: FrameHold | None = dataclasses.field(default=None, compare=False, repr=False)

    @dataclass
    class WordingEdited(Message):
        section_id: str
        text: str
        frame: FrameHold | None = dataclasses.field(default=None, compare=False, repr=False)

    @dataclass
    class SlotRefused(Message):
        area: WordingArea

    @dataclass
    class ReviewFinished(Message):
        section_id: str
        note: str

    @dataclass
    class TextEdited(Message):
        section_id: str
        text: str
        frame: FrameHold | None = dataclasses.field(default=None, compare=False, repr=False)

    @dataclass
    class SupplierEdited(Message):
        section_id: str
        figure_id: str
        office: str

    @dataclass
    class ApproxChosen(Message):
        section_id: str
        figure_id: str
        word: str | None
        frame: FrameHold | None = dataclasses.field(default=None, compare=False, repr=False)

    @dataclass
    class PhrasingChosen(Message):
        section_id: str
        phrasing: str

    @dataclass
    class FigureMade(Message):
        """The clerk makes a number typed into the wording a figure, with this label."""

        section_id: str
        number: NewNumber
        label: str

    @dataclass
    class SectionToggled(Message):
        section_id: str
        enabled: bool

    @dataclass
    class HeadingEdited(Message):
        """The heading of a section of the draft's own changed (typed without its number)."""

        section_id: str
        text: str

    def __init__(self, session: DraftSession, section_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.section_id = section_id
        self.fields: dict[str, FigureField] = {}
        self.shown_wording = session.wording(section_id).text
        self.wording_problem: str | None = None
        self._open_notes: set[str] | None = None  # the review items the pane shows
        self.offered: NewNumber | None = None  # the typed number offered to make a figure

    def compose(self) -> ComposeResult:
        session, section_id = self.session, self.section_id
        state = session.state(section_id)
        yield QuietStatic(classes="section-title")
        if session.is_custom(section_id) and state.level:
            with Horizontal(classes="heading-row"):
                yield Label("标题", classes="field-name")
                yield HeadingInput(state.entry.heading or "")
            yield QuietStatic(classes="heading-problem")
        if state.definition is not None and state.definition.help:
            yield Static(state.definition.help, classes="help")
        if state.optional:
            with Horizontal(classes="switch-row"):
                yield Switch(state.enabled, animate=False, id="enabled")
                yield Label("写入报告（可选部分；关闭后编号顺延）", classes="switch-label")
        yield QuietStatic(classes="section-problems")
        options = session.phrasing_options(section_id)
        if len(options) > 1:
            with Horizontal(classes="phrasing-row"):
                yield Label("表述", classes="field-name")
                yield Select(
                    [(option.label, option.id) for option in options],
                    value=session.phrasing(section_id),
                    allow_blank=False,
                    compact=True,
                    id="phrasing",
                )
        rows = session.figure_rows(section_id)
        if rows:
            yield Label("数字（上年数值用于计算同比）", classes="group-title")
            for row in rows:
                field = FigureField(row)
                self.fields[row.id] = field
                yield field
        yield QuietStatic(classes="derived")
        # Two lines, each within the 40 columns the form keeps at 80 (a label does not wrap).
        yield Label("表述", classes="group-title")
        yield Static("〔 〕内是数字：可移动或删除，不能改写", classes="help")
        yield WordingArea(
            session.wording(section_id).text,
            soft_wrap=True,
            show_line_numbers=False,
            placeholder="本节的表述；选“不用模板”时为空，在此输入即成为本节自己的表述",
            id="wording",
        )
        yield QuietStatic(classes="wording-problem")
        # A number typed into the wording ("12件" where a slot was) can be made a figure.
        with Vertical(classes="new-figure") as offer:
            offer.display = False
            yield QuietStatic(classes="new-figure-note")
            with Horizontal(classes="new-figure-row"):
                yield Label("名称", classes="field-name")
                yield Input(compact=True, placeholder="这个数字是什么的数量", id="new-figure-label")
                yield Button("设为数字", compact=True, id="make-figure")
        if state.entry.review:  # beside the wording they are about
            with Vertical(classes="review-notes"):
                yield Label("待核对（核对或改好后勾选）", classes="group-title")
                for note in state.entry.review:
                    yield ReviewCheck(note)
        yield Label("自行撰写的文字（每行一段）", classes="group-title")
        yield HoldingArea(
            state.entry.text or "",
            soft_wrap=True,
            show_line_numbers=False,
            placeholder="接在表述之后的文字；^z 撤销",
            id="text",
        )

    def on_mount(self) -> None:
        self.show_heading_problem(None)
        self.refresh_state()

    def refresh_state(self) -> None:
        """Show the section as it now stands: number, marks, changes, problems."""
        session, section_id = self.session, self.section_id
        state = session.state(section_id)
        entry = session.outline_entry(section_id)
        title = Text(entry.label, style="bold")
        title.append(f"  {entry.mark.describe}", style=_MARK_NOTE[entry.mark])
        self.part(".section-title", QuietStatic).show(title)
        problems = session.figure_problems(section_id)
        for figure_id, field in self.fields.items():
            if not field.is_mounted:
                continue  # a figure just added shows its state as it is composed
            field.show(
                session.figure_yoy(section_id, figure_id),
                {key: problems.get((figure_id, key), []) for key in ("value", "last")},
            )
        derived = Text()
        for row in session.derived_rows(section_id):
            if derived:
                derived.append("\n")
            derived.append(f"{row.label}：", style="dim")
            derived.append(row.text)
            if row.yoy:
                derived.append(f"（{row.yoy}）", style="dim")
        if derived:
            derived.append("（自动计算）", style="dim italic")
        self.part(".derived", QuietStatic).show(derived, hide_empty=True)
        self._refresh_wording()
        open_notes = set(state.entry.review)
        if open_notes != self._open_notes:  # not a walk of the pane's widgets per keystroke
            self._open_notes = open_notes
            for check in self.query(ReviewCheck):
                if check.note not in open_notes:
                    check.remove()
        others = session.section_problems(section_id)
        self.part(".section-problems", QuietStatic).show("\n".join(others), hide_empty=True)
        self.set_class(not state.enabled, "-off")

    def _refresh_wording(self) -> None:
        """Show the wording as it now stands (slot values follow the figures), unless the
        clerk is in the middle of text that is not taken yet."""
        area = self.part("#wording", WordingArea)
        if self.wording_problem and area.has_focus:
            return
        text = self.session.wording(self.section_id).text
        self.shown_wording = text
        if area.text.rstrip("\n") != text:  # a new line begun at the end is no change yet
            cursor = area.cursor_location
            area.load_text(text)
            row = min(cursor[0], area.document.line_count - 1)
            area.cursor_location = (row, min(cursor[1], len(area.document.get_line(row))))
            self.show_wording_problem(None)

    def focus_first(self) -> None:
        for selector in ("FigureInput", "TextArea", "Select"):
            for widget in self.query(selector):
                if widget.focusable:
                    widget.focus()
                    return

    # --- what the clerk does ---------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, HeadingInput):
            event.stop()
            self.post_message(self.HeadingEdited(self.section_id, event.value))
        if isinstance(event.input, SupplierInput):
            event.stop()
            self.post_message(
                self.SupplierEdited(self.section_id, event.input.figure_id, event.value)
            )
        if isinstance(event.input, FigureInput):
            event.stop()
            field = self.fields.get(event.input.figure_id)
            if event.input.key == "value" and field is not None and event.value != field.row.value:
                field.forget_source()
            self.post_message(
                self.FigureEdited(
                    self.section_id,
                    event.input.figure_id,
                    event.input.key,
                    event.value,
                    frame=event.input.take_hold(),
                )
            )

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if isinstance(event.input, FigureInput) and not event.value.strip():
            event.stop()  # left empty: now the file may say so too
            field = event.input
            self.post_message(
                self.FigureEdited(self.section_id, field.figure_id, field.key, "", final=True)
            )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        frame = area.take_hold() if isinstance(area, HoldingArea) else None
        if isinstance(area, WordingArea):
            if area.text.rstrip("\n") != self.shown_wording:
                self.post_message(self.WordingEdited(self.section_id, area.text, frame))
            elif frame is not None:
                frame.release()  # nothing for the screen to show
        else:
            self.post_message(self.TextEdited(self.section_id, area.text, frame))

    def show_heading_problem(self, problem: str | None) -> None:
        """Say under the heading why it is not taken (the last good one stays)."""
        for line in self.query(".heading-problem").results(QuietStatic):
            line.show(f"{problem}（仍用原标题）" if problem else "", hide_empty=True)

    def show_wording_problem(self, problem: str | None) -> None:
        """Say inline, under the wording, why the text typed is not taken (yet)."""
        self.wording_problem = problem
        line = self.part(".wording-problem", QuietStatic)
        line.show(f"{problem}（预览仍用上一版表述）" if problem else "", hide_empty=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        select = event.select
        if isinstance(select, ApproxSelect):
            frame = select.take_hold()
            if select.word != select.reported:
                select.reported = select.word
                self.post_message(
                    self.ApproxChosen(self.section_id, select.figure_id, select.word, frame)
                )
            elif frame is not None:
                frame.release()  # nothing for the screen to show
        elif isinstance(event.value, str):
            self.post_message(self.PhrasingChosen(self.section_id, event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        check = event.checkbox
        if isinstance(check, ReviewCheck) and event.value:
            self.post_message(self.ReviewFinished(self.section_id, check.note))

    def focus_review(self, note: str) -> bool:
        """Put the focus on a review item (from the review screen); False when it is gone."""
        for check in self.query(ReviewCheck):
            if check.note == note:
                check.focus()
                self.scroll_to_widget(check, animate=False)
                return True
        return False

    def focus_place(self, place: Place) -> None:
        """Put the cursor at a place of the wording or of the clerk's own text (from the
        review screen: the very text an item is about)."""
        area = self.part("#wording" if place.area == "wording" else "#text", TextArea)
        area.focus()
        area.cursor_location = (place.row, place.column)

        def show() -> None:  # once the pane has scrolled to what had the focus before
            self.scroll_to_widget(area, animate=False)
            area.scroll_cursor_visible()

        self.call_after_refresh(show)

    def focus_figure(self, label: str) -> bool:
        """Put the focus on the figure of that label (a gap from the review screen)."""
        for field in self.fields.values():
            if field.row.label == label:
                field.query_one(".figure-value", FigureInput).focus()
                self.scroll_to_widget(field, animate=False)
                return True
        return False

    def offer_figure(self, number: NewNumber | None) -> None:
        """Offer to make a number typed into the wording a figure (None: no offer), its label
        proposed by the figure reader."""
        offer = self.part(".new-figure", Vertical)
        if number is None:
            self.offered = None
            if offer.display:
                offer.display = False
            return
        if self.offered is None or (self.offered.row, self.offered.column, self.offered.text) != (
            number.row,
            number.column,
            number.text,
        ):
            self.part("#new-figure-label", Input).value = number.label
        self.offered = number
        self.part(".new-figure-note", QuietStatic).show(
            f"输入了数字“{number.text}”：可设为数字，之后在上方填写，并计入检查和同比"
        )
        if not offer.display:
            offer.display = True

    def _make_figure(self) -> None:
        if self.offered is not None:
            label = self.part("#new-figure-label", Input).value
            self.post_message(self.FigureMade(self.section_id, self.offered, label))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "make-figure":
            event.stop()
            self._make_figure()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-figure-label":
            event.stop()
            self._make_figure()

    def add_figure(self, row: FigureRow) -> None:
        """Show a figure the section has gained (a number made a figure) with the others."""
        if row.id in self.fields:
            return
        field = self.fields[row.id] = FigureField(row)
        if len(self.fields) > 1:
            self.mount(field, after=list(self.fields.values())[-2])
        else:
            self.mount(field, before=self.part(".derived", QuietStatic))
            self.mount(Label("数字（上年数值用于计算同比）", classes="group-title"), before=field)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.post_message(self.SectionToggled(self.section_id, event.value))


_MARK_NOTE = {
    Mark.COMPLETE: "green",
    Mark.REVIEW: "cyan",
    Mark.MISSING: "yellow",
    Mark.PROBLEM: "red",
    Mark.OFF: "dim",
}
