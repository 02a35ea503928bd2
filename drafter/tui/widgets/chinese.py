"""Textual's own words that reach the clerk's screen, in Chinese; Chinese broken into lines by
its rules and drawn whole.

The footer shows the bindings of the focused widget; an open drop-down (Select's overlay)
brings Textual's "Dismiss menu".  Textual has no setting for it, so the binding is declared
again here, once, when the TUI is imported.

A text area soft-wraps its lines at any character, and so starts a line with "，"; it breaks
them here by the preview's rules (:func:`drafter.tui.linebreak.wrap_offsets`).  TextArea
takes its wrapping from one function of its wrapped document's module, with no hook of its
own, so that function is wrapped, once.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.document import _wrapped_document
from textual.widgets._select import SelectOverlay

from drafter.tui.linebreak import wrap_offsets
from drafter.tui.widgets.whole import draw_wide_characters_whole

_textual_wrap = _wrapped_document.compute_wrap_offsets


def speak_chinese() -> None:
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "关闭列表")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
    _wrapped_document.compute_wrap_offsets = _chinese_wrap_offsets
    draw_wide_characters_whole()


def _chinese_wrap_offsets(text: str, width: int, *args: Any, **kwargs: Any) -> list[int]:
    if "\t" in text:  # a tab's width depends on its column: Textual's own wrapping knows it
        return list(_textual_wrap(text, width, *args, **kwargs))
    return wrap_offsets(text, width)
