"""The outline: every section, numbered as the report will number it, with its mark.

Its keys add, remove, move and re-level sections (shown in the footer while it has focus);
it only asks, by message, and the screen has the session do it and shows the new outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from drafter.tui.session import Mark, OutlineEntry

MARK_STYLES = {
    Mark.COMPLETE: "bold green",
    Mark.MISSING: "bold yellow",
    Mark.REVIEW: "bold cyan",
    Mark.PROBLEM: "bold red",
    Mark.OFF: "dim",
}


def outline_label(entry: OutlineEntry) -> Text:
    label = Text()
    label.append(entry.mark.value, style=MARK_STYLES[entry.mark])
    label.append(" ")
    label.append(entry.label, style="dim" if entry.mark is Mark.OFF else "")
    return label


# One footer entry for each pair of keys: the footer also has the screen's keys to show.
_MOVE = Binding.Group("移动", compact=True)
_LEVEL = Binding.Group("级别", compact=True)


class OutlineTree(Tree[str]):
    """The report's outline; choosing a node asks to open that section."""

    BORDER_TITLE = "大纲"

    # Tree's own shift+arrows (to a sibling or parent) give way to moving the section itself.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,insert", "add_section", "添加", key_display="n"),
        Binding("delete", "remove_section", "删除", key_display="del"),
        Binding("shift+up", "move_section(-1)", "上移", key_display="⇧↑", group=_MOVE),
        Binding("shift+down", "move_section(1)", "下移", key_display="⇧↓", group=_MOVE),
        Binding("shift+left", "change_level(-1)", "升一级", key_display="⇧←", group=_LEVEL),
        Binding("shift+right", "change_level(1)", "降一级", key_display="⇧→", group=_LEVEL),
        Binding("u", "restore_section", "恢复删除", key_display="u"),
    ]

    @dataclass
    class SectionChosen(Message):
        """The clerk chose a section in the outline."""

        section_id: str

    @dataclass
    class AddRequested(Message):
        """Add a section after this one (and the sections under it)."""

        after: str

    @dataclass
    class RemoveRequested(Message):
        section_id: str

    @dataclass
    class MoveRequested(Message):
        """Move a section with the sections under it: -1 up, +1 down."""

        section_id: str
        offset: int

    @dataclass
    class LevelRequested(Message):
        """Re-level a section: -1 one level up (（一） to 一、), +1 one level down."""

        section_id: str
        offset: int

    @dataclass
    class RestoreRequested(Message):
        """Put back the section removed last."""

    def __init__(self, entries: list[OutlineEntry], *, id: str | None = None) -> None:
        super().__init__("大纲", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False  # choosing 一、 opens it; it must not fold its （一）…
        self.nodes_by_section: dict[str, TreeNode[str]] = {}
        self.entries = {entry.id: entry for entry in entries}
        self.can_restore = False  # a removed section waits to be put back (see offer_restore)
        self._add_entries(entries)

    def _add_entries(self, entries: list[OutlineEntry]) -> None:
        parents: list[tuple[int, TreeNode[str]]] = [(-1, self.root)]
        for entry in entries:
            level = max(entry.level, 1)
            while parents[-1][0] >= level:
                parents.pop()
            parent = parents[-1][1]
            node = parent.add(outline_label(entry), data=entry.id, expand=True)
            node.allow_expand = False
            self.nodes_by_section[entry.id] = node
            parents.append((level, node))
        for node in self.nodes_by_section.values():
            node.allow_expand = bool(node.children)
        self.root.expand_all()

    def rebuild(self, entries: list[OutlineEntry]) -> None:
        """Show a new outline: sections added, removed or moved."""
        self.clear()
        self.nodes_by_section = {}
        self.entries = {entry.id: entry for entry in entries}
        self._add_entries(entries)

    def update_entries(self, entries: list[OutlineEntry]) -> None:
        """New marks and numbers for every section (numbers move when a section is left out)."""
        for entry in entries:
            node = self.nodes_by_section.get(entry.id)
            if node is not None and self.entries.get(entry.id) != entry:
                self.entries[entry.id] = entry
                node.set_label(outline_label(entry))

    def show_section(self, section_id: str) -> None:
        """Put the cursor on a section without announcing a choice."""
        node = self.nodes_by_section.get(section_id)
        if node is None:
            return
        if node.line >= 0:
            self.move_cursor(node, animate=False)
        else:  # the tree has not laid out its lines yet
            self.call_after_refresh(self.move_cursor, node, False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.SectionChosen(event.node.data))

    # --- changing the outline --------------------------------------------------------------

    @property
    def cursor_section(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def offer_restore(self, offered: bool) -> None:
        """Show 恢复删除 in the footer while a removed section can be put back."""
        if offered != self.can_restore:
            self.can_restore = offered
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing here are not offered: 恢复删除 only after a removal."""
        if action == "restore_section":
            return self.can_restore
        return True

    def action_add_section(self) -> None:
        if self.cursor_section is not None:
            self.post_message(self.AddRequested(self.cursor_section))

    def action_remove_section(self) -> None:
        if self.cursor_section is not None:
            self.post_message(self.RemoveRequested(self.cursor_section))

    def action_move_section(self, offset: int) -> None:
        if self.cursor_section is not None:
            self.post_message(self.MoveRequested(self.cursor_section, offset))

    def action_change_level(self, offset: int) -> None:
        if self.cursor_section is not None:
            self.post_message(self.LevelRequested(self.cursor_section, offset))

    def action_restore_section(self) -> None:
        self.post_message(self.RestoreRequested())
