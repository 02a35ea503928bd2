"""The outline: every section, numbered as the report will number it, with its mark."""

from __future__ import annotations

from rich.text import Text
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


class OutlineTree(Tree[str]):
    """The report's outline; choosing a node asks to open that section."""

    BORDER_TITLE = "大纲"

    class SectionChosen(Message):
        """The clerk chose a section in the outline."""

        def __init__(self, section_id: str) -> None:
            self.section_id = section_id
            super().__init__()

    def __init__(self, entries: list[OutlineEntry], *, id: str | None = None) -> None:
        super().__init__("大纲", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False  # choosing 一、 opens it; it must not fold its （一）…
        self.nodes_by_section: dict[str, TreeNode[str]] = {}
        self.entries = {entry.id: entry for entry in entries}
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
