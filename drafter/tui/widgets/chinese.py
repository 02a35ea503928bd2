"""Textual's own words that reach the clerk's screen, in Chinese.

The footer shows the bindings of the focused widget; an open drop-down (Select's overlay)
brings Textual's "Dismiss menu".  Textual has no setting for it, so the binding is declared
again here, once, when the TUI is imported.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets._select import SelectOverlay


def speak_chinese() -> None:
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "关闭列表")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
