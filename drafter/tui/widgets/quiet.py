"""A Static that repaints only when what it shows changes.

Every ``Static.update`` asks Textual for a new layout of the whole screen, which is most of the
cost of a keystroke; the section pane refreshes many small labels after each change, and most
of them show the same thing as before.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class QuietStatic(Static):
    def __init__(self, content: str | Text = "", **kwargs: object) -> None:
        super().__init__(content, **kwargs)  # type: ignore[arg-type]
        self.shown: str | Text | None = content

    def show(self, content: str | Text, *, layout: bool = True, hide_empty: bool = False) -> bool:
        """Show ``content``; False (and no repaint) when it is what is shown already."""
        changed = content != self.shown or type(content) is not type(self.shown)
        if changed:
            self.shown = content
            self.update(content, layout=layout)
        if hide_empty:
            visible = bool(content.plain if isinstance(content, Text) else content)
            if self.display != visible:
                self.display = visible
        return changed
