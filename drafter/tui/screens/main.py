"""The main screen: outline, section pane and live preview."""

from __future__ import annotations

import gc
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer
from textual.worker import Worker, WorkerState

from drafter.errors import DrafterError, DraftInvalid, os_reason
from drafter.export.ownership import next_free_name, owner
from drafter.tui.commands import DrafterCommands
from drafter.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from drafter.tui.screens.export import ExportRequest, ExportScreen
from drafter.tui.screens.heading import HeadingScreen, NewSection
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.session import META_ID, Conflict, DraftSession, ExportResult, ReviewItem
from drafter.tui.widgets.frame import painted_after
from drafter.tui.widgets.message import MessageLine
from drafter.tui.widgets.meta_editor import MetaEditor
from drafter.tui.widgets.outline import OutlineTree
from drafter.tui.widgets.preview import Preview
from drafter.tui.widgets.quiet import QuietStatic
from drafter.tui.widgets.section_editor import SectionEditor
from drafter.vocab.headings import LEVEL_NAMES

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

Editor = SectionEditor | MetaEditor


def conflict_notice(path: Path, conflict: Conflict) -> str:
    """What the clerk is told when the draft cannot be written, in Chinese (two lines at 80
    columns: the message line holds three)."""
    what = {
        "missing": "已被删除或移走",
        "readonly": "是只读的",
        "changed": "在打开后被外部修改过，为不覆盖这些改动",
    }[conflict.reason]
    reload = "；F5 可重新载入" if conflict.reason == "changed" else ""
    return (
        f"{path.name} {what}，编辑器没有写入它。内容已保存到 {conflict.copy.name}，"
        f"之后的改动也保存在那里{reload}。"
    )


def conflict_farewell(path: Path, conflict: Conflict) -> str:
    """What is left on the terminal when the clerk quits after a conflict."""
    what = {
        "missing": "已被删除或移走",
        "readonly": "是只读的，未改写",
        "changed": "在编辑时被外部修改，未覆盖",
    }[conflict.reason]
    return (
        f"草稿文件 {path.name} {what}；编辑器中的内容已另存为 {conflict.copy}。"
        "请对照两个文件，把需要的改动合并到草稿中。"
    )


def export_failure(error: BaseException) -> str:
    """What stops an export, in Chinese."""
    if isinstance(error, DraftInvalid):
        return f"草稿有 {len(error.problems)} 处错误，请先改正：\n{error}"
    if isinstance(error, DrafterError):
        return str(error)
    if isinstance(error, ImportError):
        return "本安装还不能写 DOCX（缺少 DOCX 导出模块），可改为导出 .txt 或 .md"
    if isinstance(error, OSError):
        return f"无法写入文件（{os_reason(error)}）"
    return f"导出失败（{type(error).__name__}：{error}）"


def settle_memory() -> None:
    """Collect what is garbage now, and keep what is left out of later full collections."""
    gc.collect()
    gc.freeze()


class MainScreen(Screen[None]):
    """Walks the clerk through the draft section by section.

    The screen owns its session: it writes what the panes report into it, saves it (autosave
    in a worker thread, so typing never waits for a write), says when the draft changed
    outside, and reloads it."""

    COMMANDS: ClassVar = {DrafterCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+down", "next_section", "下一节", priority=True),
        Binding("ctrl+up", "previous_section", "上一节", priority=True),
        Binding("ctrl+t", "toggle_outline", "大纲", priority=True),
        Binding("ctrl+r", "review", "检查", priority=True),
        Binding("ctrl+o", "export", "导出", priority=True),
        Binding("f5", "reload", "重新载入", show=False, priority=True),
        Binding("escape", "dismiss_message", "关闭消息", show=False),
    ]

    def __init__(
        self, session: DraftSession, section_id: str | None = None, *, note: str = ""
    ) -> None:
        super().__init__()
        self.session = session
        self.note = note  # said once the screen is up (after a reload, say)
        self.current = section_id or session.section_ids[0]
        self.editors: dict[str, Editor] = {}
        self._editor_ids: dict[str, str] = {}
        self._editor_numbers = itertools.count()
        self.export_message = ""
        self._autosave_timer: Timer | None = None
        self._told_conflict: Conflict | None = None  # the conflict the dialog was shown for

    @property
    def drafter_app(self) -> DrafterApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield QuietStatic(id="status")
        with Horizontal(id="body"):
            yield OutlineTree(self.session.outline(), id="outline")
            yield ContentSwitcher(id="editors")
            yield Preview(id="preview")
        yield MessageLine(id="message")
        yield Footer()

    async def on_mount(self) -> None:
        await self.open_section(self.current)
        if self.note:
            self.drafter_app.say(self.note)
        # What the screen holds from here on (widgets, the draft's two YAML documents, the
        # outline, the templates) lives as long as the draft is open: taken out of the
        # collector's full passes, which otherwise stop a keystroke for 100 ms now and then.
        # Half a second on, once the first screen is up; what was garbage by then goes first.
        self.set_timer(0.5, settle_memory)

    def action_dismiss_message(self) -> None:
        self.query_one(MessageLine).clear()

    # --- moving around ---------------------------------------------------------------------

    def editor_id(self, section_id: str) -> str:
        """The widget id of a section's editor, never reused: sections come, go and move."""
        if section_id not in self._editor_ids:
            self._editor_ids[section_id] = f"editor-{next(self._editor_numbers)}"
        return self._editor_ids[section_id]

    async def open_section(self, section_id: str, focus: bool = False) -> None:
        """Show a section in the pane and the preview (its editor is built on first visit)."""
        self.current = section_id
        switcher = self.query_one("#editors", ContentSwitcher)
        editor = self.editors.get(section_id)
        if editor is None:
            editor = (
                MetaEditor(self.session, id=self.editor_id(section_id))
                if section_id == META_ID
                else SectionEditor(self.session, section_id, id=self.editor_id(section_id))
            )
            self.editors[section_id] = editor
            await switcher.mount(editor)
        else:
            editor.refresh_state()
        switcher.current = editor.id
        self.query_one(Preview).show(self.session.preview(section_id))
        self.query_one(OutlineTree).show_section(section_id)
        self.refresh_status()
        if focus:
            editor.focus_first()
            if self.has_class("-narrow"):
                self.remove_class("-outline")

    async def open_item(self, item: ReviewItem) -> None:
        """Open a review item's section at the item itself: the cursor at the text it is
        about, else the review item's tick box, the figure."""
        await self.open_section(item.section_id, focus=True)
        editor = self.editors.get(item.section_id)
        if isinstance(editor, SectionEditor):
            place = self.session.place(item)
            if place is not None:
                editor.focus_place(place)
            elif item.kind == "review":
                editor.focus_review(item.text)
            elif item.kind == "missing":
                editor.focus_figure(item.text)

    def on_section_editor_review_finished(self, message: SectionEditor.ReviewFinished) -> None:
        self.session.finish_review(message.section_id, message.note)
        self.after_change(message.section_id)
        left = self.session.counts()["review"]
        self.drafter_app.say(f"已勾选完成；还有 {left} 项待核对", timeout=3)

    def goto(self, section_id: str) -> None:
        self.run_worker(self.open_section(section_id, focus=True), exclusive=True, group="goto")

    async def _step(self, offset: int) -> None:
        ids = self.session.section_ids
        index = ids.index(self.current) + offset
        if 0 <= index < len(ids):
            await self.open_section(ids[index], focus=True)
        else:
            self.drafter_app.say("已经是最后一节" if offset > 0 else "已经是第一节", timeout=2)

    async def action_next_section(self) -> None:
        await self._step(1)

    async def action_previous_section(self) -> None:
        await self._step(-1)

    def action_toggle_outline(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-outline")
            if self.has_class("-outline"):
                self.query_one(OutlineTree).focus()
        else:
            self.toggle_class("-hide-outline")

    async def on_outline_tree_section_chosen(self, message: OutlineTree.SectionChosen) -> None:
        await self.open_section(message.section_id, focus=True)

    # --- what the clerk changes ------------------------------------------------------------

    def on_section_editor_figure_edited(self, message: SectionEditor.FigureEdited) -> None:
        with painted_after(message.frame):  # the digit typed and the new preview, one frame
            self.session.set_figure(
                message.section_id,
                message.figure_id,
                message.key,
                message.text,
                final=message.final,
            )
            self.after_change(message.section_id)

    def on_section_editor_wording_edited(self, message: SectionEditor.WordingEdited) -> None:
        with painted_after(message.frame):
            problem = self.session.set_wording(message.section_id, message.text)
            editor = self.editors.get(message.section_id)
            if isinstance(editor, SectionEditor):
                editor.show_wording_problem(problem)
                offers = self.session.new_numbers(message.section_id) if problem is None else []
                editor.offer_figure(offers[0] if offers else None)
            self.after_change(message.section_id)

    def on_section_editor_figure_made(self, message: SectionEditor.FigureMade) -> None:
        problem = self.session.make_figure(message.section_id, message.number, message.label)
        editor = self.editors.get(message.section_id)
        if problem is not None:
            self.drafter_app.say(problem, error=True, timeout=5)
            return
        if isinstance(editor, SectionEditor):
            for row in self.session.figure_rows(message.section_id):
                editor.add_figure(row)
            offers = self.session.new_numbers(message.section_id)
            editor.offer_figure(offers[0] if offers else None)
        self.after_change(message.section_id)
        self.drafter_app.say(f"已设为数字“{message.label.strip()}”", timeout=3)

    def on_section_editor_slot_refused(self, message: SectionEditor.SlotRefused) -> None:
        self.drafter_app.say("〔 〕内是数字，不能改写；可整体删除或移动，数值在上方填写", timeout=3)

    def on_section_editor_text_edited(self, message: SectionEditor.TextEdited) -> None:
        with painted_after(message.frame):
            self.session.set_text(message.section_id, message.text)
            self.after_change(message.section_id)

    def on_section_editor_supplier_edited(self, message: SectionEditor.SupplierEdited) -> None:
        self.session.set_supplier(message.section_id, message.figure_id, message.office)
        self.after_change(message.section_id)

    def on_section_editor_approx_chosen(self, message: SectionEditor.ApproxChosen) -> None:
        with painted_after(message.frame):
            self.session.set_approx(message.section_id, message.figure_id, message.word)
            self.after_change(message.section_id)

    def on_section_editor_phrasing_chosen(self, message: SectionEditor.PhrasingChosen) -> None:
        self.session.set_phrasing(message.section_id, message.phrasing)
        self.after_change(message.section_id)

    def on_section_editor_section_toggled(self, message: SectionEditor.SectionToggled) -> None:
        self.session.set_enabled(message.section_id, message.enabled)
        self.after_change(message.section_id, everywhere=True)

    def on_section_editor_heading_edited(self, message: SectionEditor.HeadingEdited) -> None:
        problem = self.session.set_heading(message.section_id, message.text)
        editor = self.editors.get(message.section_id)
        if isinstance(editor, SectionEditor):
            editor.show_heading_problem(problem)
        self.after_change(message.section_id)

    def on_meta_editor_meta_edited(self, message: MetaEditor.MetaEdited) -> None:
        editor = self.editors.get(META_ID)
        problem: str | None = None
        if message.field == "seal":
            self.session.set_seal(bool(message.value))
        elif message.field == "date":
            problem = self.session.set_date(str(message.value), final=message.final)
            if problem is None and not message.final and not str(message.value).strip():
                problem = "成文日期未填；离开此栏前，草稿文件中保留原来的日期"
        else:
            problem = self.session.set_meta_text(message.field, str(message.value))
        if isinstance(editor, MetaEditor):
            editor.show_problem(message.field, problem)
        self.after_change(META_ID, everywhere=True)

    # --- the outline: sections added, removed, moved and re-levelled ------------------------

    def on_outline_tree_add_requested(self, message: OutlineTree.AddRequested) -> None:
        self.add_section(message.after)

    def on_outline_tree_remove_requested(self, message: OutlineTree.RemoveRequested) -> None:
        self.remove_section(message.section_id)

    def on_outline_tree_move_requested(self, message: OutlineTree.MoveRequested) -> None:
        self.move_section(message.offset, message.section_id)

    def on_outline_tree_level_requested(self, message: OutlineTree.LevelRequested) -> None:
        self.change_level(message.offset, message.section_id)

    def on_outline_tree_restore_requested(self, message: OutlineTree.RestoreRequested) -> None:
        self.restore_section()

    def add_section(self, after: str | None = None) -> None:
        """Ask for a heading and a level, and add the section after ``after`` (the current
        section) and the sections under it."""
        after = after or self.current
        if after == META_ID:
            where, level = "在正文最后", 1
        else:
            entry = self.session.outline_entry(after)
            where, level = f"在“{entry.label}”之后", max(entry.level, 1)

        def decided(new: NewSection | None) -> None:
            if new is None:
                return
            section_id = self.session.add_section(new.heading, new.level, after)
            label = self.session.outline_entry(section_id).label
            self.outline_changed(section_id, f"已添加“{label}”", focus=True)

        self.app.push_screen(HeadingScreen(where, level), decided)

    def remove_section(self, section_id: str | None = None) -> None:
        """Remove a section of the draft's own, asking first when it holds anything typed;
        it stays recoverable (u in the outline, or the palette's 恢复删除的部分)."""
        section_id = section_id or self.current
        problem = self.session.removal_problem(section_id)
        if problem:
            self.drafter_app.say(problem, timeout=5)
            return
        content = self.session.content_summary(section_id)
        if not content:
            self._remove(section_id)
            return
        label = self.session.outline_entry(section_id).label
        message = (
            f"“{label}”中有{content}。\n\n"
            "删除后，在大纲中按 u 或用命令“恢复删除的部分”，可原样放回原处。"
        )

        def decided(confirmed: bool | None) -> None:
            if confirmed:
                self._remove(section_id)

        self.app.push_screen(ConfirmScreen("删除部分", message, "删除"), decided)

    def _remove(self, section_id: str) -> None:
        removed = self.session.remove_section(section_id)
        ids = self.session.section_ids
        shown = self.current if self.current in ids else ids[min(removed.index, len(ids) - 1)]
        note = f"已删除“{removed.label}”；在大纲中按 u 可恢复"
        editor = self.editors.pop(section_id, None)
        self._editor_ids.pop(section_id, None)
        self.outline_changed(shown, note, gone=editor)

    def move_section(self, offset: int, section_id: str | None = None) -> None:
        """Move a section one step up (-1) or down (+1) with the sections under it."""
        section_id = section_id or self.current
        problem = self.session.move_section(section_id, offset)
        if problem:
            self.drafter_app.say(problem, timeout=3)
            return
        label = self.session.outline_entry(section_id).label
        self.outline_changed(section_id, f"已{'上移' if offset < 0 else '下移'}：{label}")

    def change_level(self, offset: int, section_id: str | None = None) -> None:
        """Re-level a section of the draft's own: -1 one level up, +1 one level down."""
        section_id = section_id or self.current
        level = self.session.outline_entry(section_id).level + offset
        problem = self.session.set_level(section_id, level)
        if problem:
            self.drafter_app.say(problem, timeout=3)
            return
        label = self.session.outline_entry(section_id).label
        self.outline_changed(section_id, f"已改为{LEVEL_NAMES[level - 1]}：{label}")

    def restore_section(self) -> None:
        """Put the section removed last back where it was."""
        removed = self.session.restore_section()
        if removed is None:
            self.drafter_app.say("没有删除过的部分可以恢复", timeout=3)
            return
        label = self.session.outline_entry(removed.id).label
        self.outline_changed(removed.id, f"已恢复“{label}”", focus=True)

    def outline_changed(
        self, section_id: str, note: str, *, focus: bool = False, gone: Editor | None = None
    ) -> None:
        """After sections came, went or moved: the outline anew, every pane's number, the
        section shown, what happened; autosave."""
        tree = self.query_one(OutlineTree)
        tree.rebuild(self.session.outline())
        tree.offer_restore(bool(self.session.removed))
        for editor in self.editors.values():
            editor.refresh_state()
        self.drafter_app.say(note, timeout=4)
        if self.session.dirty:
            self.request_autosave()

        async def show() -> None:
            await self.open_section(section_id, focus=focus)
            if gone is not None:
                await gone.remove()

        self.run_worker(show(), group="outline")

    def after_change(self, section_id: str, everywhere: bool = False) -> None:
        """Bring the pane, the preview, the outline and the status up to date; autosave."""
        if everywhere:
            for editor in self.editors.values():
                editor.refresh_state()
        elif section_id in self.editors:
            self.editors[section_id].refresh_state()
        if section_id == self.current or everywhere:
            self.query_one(Preview).show(self.session.preview(self.current))
        self.query_one(OutlineTree).update_entries(self.session.outline())
        self.refresh_status()
        if self.session.dirty:
            self.request_autosave()

    def refresh_status(self) -> None:
        session = self.session
        meta = session.meta
        counts = session.counts()
        status = Text(no_wrap=True, overflow="ellipsis")
        conflict = session.conflict
        if conflict is not None:
            # The one thing to know: the draft is no longer written, the copy is.
            banner = {"missing": " 草稿已被移走 ", "readonly": " 草稿只读，未改写 "}
            status.append(
                banner.get(conflict.reason, " 外部已修改，未覆盖 "), style="bold white on dark_red"
            )
            if conflict.reason == "changed":
                status.append("　F5 重新载入", style="bold")
            status.append(
                f"　{'待保存到' if session.dirty else '已保存到'} {conflict.copy.name}",
                style="yellow" if session.dirty else "",
            )
        else:
            status.append(f" {meta.organisation}", style="bold")
            status.append(f"　{meta.year}年　{session.path.name}　")
            status.append(
                "待保存" if session.dirty else "已保存",
                style="yellow" if session.dirty else "green",
            )
        status.append(f"　待填 {counts['missing']}", style="yellow" if counts["missing"] else "")
        if counts["review"]:
            status.append(f"　待核对 {counts['review']}", style="cyan")
        status.append(f"　错误 {counts['problem']}", style="bold red" if counts["problem"] else "")
        if self.export_message:
            status.append(f"　{self.export_message}", style="cyan")
        self.query_one("#status", QuietStatic).show(status)

    # --- saving, checking, exporting -------------------------------------------------------

    # --- saving ---------------------------------------------------------------------------

    def request_autosave(self) -> None:
        """Save within the app's autosave delay of the first unsaved change, in a worker
        thread; after a conflict every change keeps going to the copy beside the draft."""
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(self.drafter_app.autosave_delay, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        self.run_worker(
            self.session.save, name="save", group="save", thread=True, exit_on_error=False
        )

    def _stop_autosave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def save_now(self, *, announce: bool = True) -> bool:
        """Write the draft now if it changed (waiting for an autosave under way); False (with
        a notice) when it could not, or when the draft cannot be written and what the editor
        holds went to the copy beside it instead."""
        self._stop_autosave()
        self.session.commit()  # a field emptied and still focused is saved empty now
        try:
            self.session.save()
        except (DrafterError, OSError) as error:
            self.save_failed(error)
            return False
        self.saved(announce=announce)
        return self.session.conflict is None

    def save_failed(self, error: BaseException) -> None:
        # The reason in Chinese, never errno and the temporary file's name.
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        self.drafter_app.say(f"保存失败：无法保存草稿：{reason}", error=True)
        self.refresh_status()

    def saved(self, *, announce: bool = True) -> None:
        """After a save: the status, and the first time the draft could not be written, the
        dialog saying where the editor's version went."""
        conflict = self.session.conflict
        if conflict is not None and announce and self._told_conflict is None:
            self._told_conflict = conflict
            self._announce_conflict(conflict)
        self.refresh_status()

    def _announce_conflict(self, conflict: Conflict) -> None:
        """Say once, on the message line, that the draft cannot be written and where the
        editor's version goes.  Not in a dialog: it comes while the clerk types, and a dialog
        would take the keys typed meanwhile.  F5 reloads (nothing is lost: the copy holds
        the editor's version); the status line keeps saying it."""
        self.drafter_app.say(conflict_notice(self.session.path, conflict), error=True)

    def save_and_quit(self) -> None:
        if self.save_now(announce=False):  # a conflict is said on the way out
            self.app.exit(0)
        elif self.session.conflict is not None and not self.session.dirty:
            # Everything the editor holds is in the copy beside the draft: say where, and go.
            self.app.exit(0, message=conflict_farewell(self.session.path, self.session.conflict))

    def action_save(self) -> None:
        told = self._told_conflict is not None  # else the dialog says it
        if self.save_now():
            self.drafter_app.say("已保存", timeout=2)
        elif told and self.session.conflict is not None and not self.session.dirty:
            self.drafter_app.say(
                f"草稿文件未改写；编辑器中的内容已另存为 {self.session.conflict.copy.name}",
                error=True,
                timeout=10,  # the status line keeps saying it
            )
        self.refresh_status()

    def reload_draft(self, section_id: str | None = None) -> bool:
        """Read the draft again from disk, dropping what the editor holds; False (with the
        problem) when the file cannot be opened as it now stands."""
        try:
            session = DraftSession.load(self.session.path)
        except DrafterError as error:
            self.drafter_app.say(f"无法重新载入：{error}", error=True)
            return False
        self._stop_autosave()
        if section_id not in session.section_ids:
            section_id = None
        app = self.app
        while app.screen is not self and len(app.screen_stack) > 1:
            app.pop_screen()  # a dialog over the old draft's screen goes with it
        app.switch_screen(MainScreen(session, section_id, note=f"已重新载入 {session.path.name}"))
        return True

    def action_reload(self) -> None:
        """Read the draft again from disk; asks first when that drops anything."""
        session = self.session
        if session.conflict is not None:
            self.save_now(announce=False)  # the copy up to date: reloading loses nothing
            if session.dirty:
                return  # the copy could not be written; the notice says why
            message = (
                f"重新载入将读取磁盘上的 {session.path.name}（含外部修改），"
                f"编辑器中的内容已另存为 {session.conflict.copy.name}，不会丢失。"
            )
        elif session.dirty:
            message = (
                f"编辑器中还有尚未保存的改动。重新载入将读取磁盘上的 {session.path.name}，"
                "放弃这些改动。"
            )
        else:
            self.reload_draft(self.current)
            return

        def decided(confirmed: bool | None) -> None:
            if confirmed:
                self.reload_draft(self.current)

        self.app.push_screen(ConfirmScreen("重新载入草稿", message, "重新载入"), decided)

    def action_review(self) -> None:
        self.push_screen_review()

    def push_screen_review(self) -> None:
        def chosen(item: ReviewItem | None) -> None:
            if item is not None:
                self.run_worker(self.open_item(item), exclusive=True, group="goto")

        self.app.push_screen(ReviewScreen(self.session.review_items_with_findings()), chosen)

    def action_export(self) -> None:
        """One key: a draft with nothing left to tell goes straight beside the draft;
        otherwise the dialog says what is open first."""
        if not self.save_now():
            return  # export builds the saved file: not while it differs from the editor
        items = self.session.review_items_with_findings()
        if items:
            self.export_dialog(items)
        else:
            self.start_export(self.drafter_app.export_path or self.session.default_export_path())

    def action_export_to(self) -> None:
        """The export dialog, to choose where the file goes."""
        if not self.save_now():
            return
        self.export_dialog(self.session.review_items_with_findings())

    def export_dialog(self, items: list[ReviewItem]) -> None:
        default = self.drafter_app.export_path or self.session.default_export_path()

        def decided(request: ExportRequest | None) -> None:
            if request is None:
                return
            if request.review:
                self.push_screen_review()
            elif request.output is not None:
                self.start_export(request.output)

        self.app.push_screen(ExportScreen(items, default), decided)

    def start_export(self, output: Path, *, asked: bool = False) -> None:
        """Build the saved draft into ``output`` in a worker; the screen stays live.  A DOCX
        there that drafter did not write, or that someone edited since, is only replaced
        when the clerk says so."""
        if not self.save_now():
            return
        if not asked and output.suffix.lower() == ".docx" and owner(output) == "theirs":
            self.ask_overwrite(output)
            return
        self.export_message = "正在导出……"
        self.refresh_status()
        self.run_worker(
            self.session.export_job(output, overwrite=asked),  # the preview's tree, written
            name="export",
            group="export",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def ask_overwrite(self, output: Path) -> None:
        beside = next_free_name(output)
        message = (
            f"{output.name} 不是 drafter 生成的，或生成后在 Word 等软件中修改过。"
            f"覆盖会丢失这些修改。\n\n可以另存为 {beside.name}，原文件保持不变。"
        )

        def decided(choice: str | None) -> None:
            if choice == "beside":
                self.start_export(beside, asked=True)
            elif choice == "overwrite":
                self.start_export(output, asked=True)

        choices = [("beside", f"另存为 {beside.name}"), ("overwrite", "覆盖"), ("cancel", "取消")]
        self.app.push_screen(ChoiceScreen("导出文件已存在", message, choices), decided)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name == "save":
            if event.state is WorkerState.SUCCESS:
                self.saved()
            elif event.state is WorkerState.ERROR and worker.error is not None:
                self.save_failed(worker.error)
            return
        if worker.name != "export":
            return
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, ExportResult):
            result = worker.result
            notes = []
            if result.gaps:
                notes.append(f"含 {result.gaps} 处【待填】")
            if result.findings:
                notes.append(f"检查提示 {result.findings} 处，见“检查”")
            note = f"（{'，'.join(notes)}）" if notes else ""
            self.export_message = f"已导出：{result.output.name}{note}"
            self.drafter_app.say(f"导出完成：已导出到 {result.output}{note}", timeout=8)
        elif event.state is WorkerState.ERROR and worker.error is not None:
            message = export_failure(worker.error)
            self.export_message = "导出未完成"
            self.drafter_app.say(f"导出未完成：{message}", error=True)
        else:
            return
        self.refresh_status()
