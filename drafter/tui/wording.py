"""A section's wording as the clerk edits it: the template's text with each figure as a slot.

A template reads ``全年开展专题学法{{ study_sessions }}{{ study_sessions|yoy("，") }}。``; the
clerk sees ``全年开展专题学法〔中心组学法次数：12次〕〔中心组学法次数同比：，同比增长20%〕。``.
Each slot shows what it stands for and what it writes now.  The editing pane keeps slots
whole (typing inside one is refused, deleting any part of one deletes all of it), and
:func:`to_template` turns the text back into the template by the slots' labels, so a slot
moved elsewhere, or pasted twice, still stands for the same figure.  No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

SLOT_OPEN, SLOT_CLOSE = "〔", "〕"
SLOT = re.compile(r"〔([^〔〕\n：]+)(?:：[^〔〕\n]*)?〕")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_EXPRESSION = re.compile(r"^\{\{-?\s*([A-Za-z_]\w*)\s*(.*?)\s*-?\}\}$")
_FILTER_NAMES = {"yoy": "同比", "rate": "比率", "approx": "约数", "cn_date": "日期"}
_LABEL_COMMENT = re.compile(r"^\{#.*?#\}\n?")


@dataclass(frozen=True)
class Slot:
    """One piece of template the clerk cannot type into: a figure, a computed phrase."""

    source: str  # the template's own text: "{{ study_sessions }}"
    label: str  # "中心组学法次数"
    value: str = ""  # what it writes now: "12次"

    @property
    def text(self) -> str:
        return f"{SLOT_OPEN}{self.label}：{self.value}{SLOT_CLOSE}"


@dataclass
class Wording:
    """The text to edit and the slots in it, by label."""

    text: str
    slots: dict[str, Slot] = field(default_factory=dict)


def strip_label_comment(source: str) -> str:
    """A built-in phrasing without its first line naming it (``{# 详细表述 #}``)."""
    return _LABEL_COMMENT.sub("", source, count=1)


def _slot_label(source: str, labels: Mapping[str, str]) -> str:
    match = _EXPRESSION.match(source)
    if match is None:  # a statement or a comment: shown as written, inside the slot
        inner = source[2:-2].strip(" -")
        return inner.replace(SLOT_CLOSE, "").replace("：", ":") or "模板语句"
    name, rest = match.group(1), match.group(2)
    label = labels.get(name, name)
    for filter_name, word in _FILTER_NAMES.items():
        if re.search(rf"\|\s*{filter_name}\b", rest):
            label += word
    return label.replace("：", ":")


def to_wording(
    template: str, labels: Mapping[str, str], value: Callable[[str], str] | None = None
) -> Wording:
    """The template as slots and text; ``labels`` names the figures (and ``we`` …), and
    ``value`` renders one slot's source as the report writes it now."""
    slots: dict[str, Slot] = {}
    by_source: dict[str, Slot] = {}

    def replace(match: re.Match[str]) -> str:
        source = match.group(0)
        slot = by_source.get(source)
        if slot is None:
            label = _slot_label(source, labels)
            unique, number = label, 2
            while unique in slots:
                unique, number = f"{label}（{number}）", number + 1
            shown = value(source) if value is not None else ""
            slot = Slot(source, unique, shown.replace(SLOT_CLOSE, "").replace("\n", " "))
            slots[unique] = by_source[source] = slot
        return slot.text

    return Wording(_JINJA.sub(replace, template), slots)


class BrokenSlot(ValueError):
    """The text names a slot the wording does not have."""


def to_template(text: str, slots: Mapping[str, Slot]) -> str:
    """The template the clerk's text stands for: each slot back to its source."""

    def replace(match: re.Match[str]) -> str:
        slot = slots.get(match.group(1))
        if slot is None:
            raise BrokenSlot(f"“{match.group(0)}”不是本节的数字位置")
        return slot.source

    return SLOT.sub(replace, text)


def slot_spans(line: str) -> list[tuple[int, int]]:
    """Where each slot of one line starts and ends (as string indices)."""
    return [match.span() for match in SLOT.finditer(line)]
