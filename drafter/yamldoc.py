"""The draft file as the clerk wrote it, patched in place and written back.

The TUI and ``drafter fill`` never regenerate the YAML: they load the file with ruamel.yaml's
round-trip loader, change only the values that are edited and dump the same structure again, so
comments, key order, quoting and flow style (``{value: 12, last: 10}``) survive.  It lives in the
core (no Textual here) so every command that writes a draft keeps what the clerk wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+\.\d+")

# Where a key the file does not spell out yet goes inside a section: before these.
_SECTION_KEY_ORDER = ("enabled", "heading", "level", "run_in", "phrasing", "template", "text")
# … and inside a figure: after these ({value: 530, last: 460, approx: 余, from: 办公室}).
_FIGURE_KEY_ORDER = ("value", "last", "approx", "from", "source")


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    # An amount keeps the digits the clerk typed: 68.10 stays 68.10.
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Chinese line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def typed_value(text: str, kind: str = "count") -> int | Decimal | str | None:
    """What to store for a figure typed as ``text``: a number when it reads as one.

    Anything else is kept as typed (e.g. "十二"), so the file shows what the clerk wrote and
    the core names the problem with its line.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if kind == "text":
        return stripped
    if len(stripped) > 40:
        return stripped  # no figure has so many digits; the core says so, with its field
    if _INTEGER.fullmatch(stripped):
        return int(stripped)
    if _DECIMAL.fullmatch(stripped):
        return Decimal(stripped)
    return stripped


def display_value(value: object) -> str:
    """How a stored figure reads back into an input field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ScalarFloat | float):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def to_plain(value: Any) -> Any:
    """ruamel's round-trip types as the plain data :mod:`drafter.model` validates.

    Floats become :class:`~decimal.Decimal` from their written form, as the core's loader does.
    """
    if isinstance(value, Mapping):
        return {to_plain(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        return str(value)
    return value


def _same(old: object, new: object) -> bool:
    """The same value as written: 12 is not \"12\", nor True 1."""
    if old is None or new is None:
        return old is new
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, str) != isinstance(new, str):
        return False
    if isinstance(old, float | Decimal) or isinstance(new, float | Decimal):
        return type(to_plain(old)) is type(to_plain(new)) and str(old) == str(new)
    return bool(old == new)


def _comment_after(mapping: CommentedMap, key: str) -> CommentToken | None:
    items = mapping.ca.items.get(key)
    if not items or len(items) < 3:
        return None
    token = items[2]
    return token if isinstance(token, CommentToken) else None


def _hug_comment(mapping: CommentedMap, key: str) -> None:
    """Keep an end-of-line comment two spaces after a value whose width changed.

    ruamel writes a comment at the column it was read from; a value that grew or shrank would
    leave it far off or pressed against the value.
    """
    token = _comment_after(mapping, key)
    if token is None or token.value.startswith("\n") or "#" not in token.value:
        return
    token.column = 0  # "at least one space" after the value …
    token.value = " " + token.value.lstrip(" ")  # … plus this one


def _split_comment(token: CommentToken) -> tuple[str, str]:
    """A key's comment token as (its end-of-line comment, the comment lines below it).

    ruamel hangs the comment lines that follow a mapping on its last key, so a key added after
    it or removed must hand them on, or they would move into or out of the figure.
    """
    eol, _, below = token.value.partition("\n")
    return eol, below


def _set_comment_token(mapping: CommentedMap, key: str, value: str | None) -> None:
    items = mapping.ca.items
    if value is None:
        if key in items:
            items[key][2] = None
            if not any(items[key]):
                del items[key]
        return
    slot = items.setdefault(key, [None, None, None, None])
    slot[2] = CommentToken(value, CommentMark(0))


def _add_key(mapping: CommentedMap, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Add ``key`` behind the last of ``after`` that the mapping has (else at its end),
    keeping the comment lines below the mapping below it."""
    keys = list(mapping.keys())
    present = [index for index, k in enumerate(keys) if k in after]
    position = present[-1] + 1 if present else len(keys)
    below = ""
    if keys and position == len(keys):
        token = _comment_after(mapping, keys[-1])
        if token is not None:
            eol, below = _split_comment(token)
            if below:
                _set_comment_token(mapping, keys[-1], eol + "\n" if eol.strip() else None)
    mapping.insert(position, key, value)
    if below:
        _set_comment_token(mapping, key, "\n" + below)


def _remove_key(mapping: CommentedMap, key: str) -> None:
    """Remove ``key`` with its own comment; the comment lines below the mapping stay."""
    keys = list(mapping.keys())
    token = _comment_after(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if token is None or keys[-1] != key or len(keys) < 2:
        return
    _, below = _split_comment(token)
    if not below:
        return
    previous = keys[-2]
    before = _comment_after(mapping, previous)
    if before is None:
        _set_comment_token(mapping, previous, "\n" + below)
    else:
        before.value = before.value.rstrip("\n") + "\n" + below


def _literal_comment(mapping: CommentedMap, key: str) -> str | None:
    """The end-of-line comment of ``key``, wherever ruamel keeps it."""
    value = mapping.get(key)
    if isinstance(value, LiteralScalarString) and getattr(value, "comment", None):
        return str(getattr(value, "comment"))  # noqa: B009 (not declared on the class)
    token = _comment_after(mapping, key)
    if token is None or token.value.startswith("\n"):
        return None
    return "  " + token.value.strip()


class DraftDocument:
    """A draft file's round-trip data; ``set_*`` patch one value, :meth:`dump` writes text."""

    def __init__(self, text: str) -> None:
        self._yaml = _yaml()
        data = self._yaml.load(text)
        if not isinstance(data, CommentedMap):
            raise ValueError("草稿应以 meta: 和 sections: 两部分组成")
        self.data: CommentedMap = data

    # --- reading ---------------------------------------------------------------------------

    def plain(self) -> dict[str, Any]:
        result = to_plain(self.data)
        assert isinstance(result, dict)
        return result

    def section(self, section_id: str) -> CommentedMap:
        sections = self._ensure_map(self.data, "sections")
        return self._ensure_map(sections, section_id)

    def section_plain(self, section_id: str) -> dict[str, Any]:
        sections = self.data.get("sections") or {}
        raw = sections.get(section_id)
        return to_plain(raw) if isinstance(raw, Mapping) else {}

    # --- patching --------------------------------------------------------------------------

    def set_meta(self, key: str, value: str | int | bool | dt.date | None) -> bool:
        """Set a key of ``meta``; False when it already had this value."""
        meta = self._ensure_map(self.data, "meta")
        return self._set(meta, key, value)

    def set_section(self, section_id: str, key: str, value: str | bool | int | None) -> bool:
        """Set ``enabled``, ``heading``, ``level``, ``phrasing``, ``template`` or ``text`` of a
        section; False when unchanged."""
        section = self.section(section_id)
        if key == "text" and isinstance(value, str):
            return self._set_text(section, value)
        return self._set(section, key, value, order=_SECTION_KEY_ORDER)

    def set_review(self, section_id: str, notes: list[str]) -> bool:
        """Set a section's review list; an empty one removes the key.  False when unchanged."""
        section = self.section(section_id)
        old = [str(note) for note in section.get("review") or []]
        if old == notes:
            return False
        if not notes:
            _remove_key(section, "review")
            return True
        self._set(section, "review", CommentedSeq(notes), order=_SECTION_KEY_ORDER)
        return True

    def set_figure(
        self, section_id: str, figure_id: str, key: str, value: int | Decimal | str | None
    ) -> bool:
        """Set a figure's ``value`` or ``last`` on the figure's one line; False when unchanged."""
        if value is None and not self._has_figure_key(section_id, figure_id, key):
            return False  # an empty field for a figure the file leaves out: nothing to write
        figures, entry = self._figure(section_id, figure_id, key)
        if isinstance(value, str):
            value = SingleQuotedScalarString(value)
        if key in entry and _same(entry[key], value):
            return False
        self._set_figure_key(entry, key, value)
        if key == "value" and "source" in entry:
            _remove_key(entry, "source")  # the workbook cell no longer says where it came from
        _hug_comment(figures, figure_id)
        return True

    def set_figure_meta(
        self, section_id: str, figure_id: str, key: str, value: str | dict[str, Any] | None
    ) -> bool:
        """Set a figure's ``from`` (who supplies it) or ``source`` (where its value came from),
        or remove the key when ``value`` is None; False when unchanged."""
        if value is None:
            if not self._has_figure_key(section_id, figure_id, key):
                return False
            figures, entry = self._figure(section_id, figure_id, key)
            _remove_key(entry, key)
            _hug_comment(figures, figure_id)
            return True
        figures, entry = self._figure(section_id, figure_id, key)
        if isinstance(value, dict):
            mapping = CommentedMap(value)
            mapping.fa.set_flow_style()
            if isinstance(entry.get(key), Mapping) and to_plain(entry[key]) == to_plain(value):
                return False
            self._set_figure_key(entry, key, mapping)
        else:
            if key in entry and _same(entry[key], value):
                return False
            self._set_figure_key(entry, key, value)
        _hug_comment(figures, figure_id)
        return True

    def set_approx(self, section_id: str, figure_id: str, word: str | None) -> bool:
        """Set a figure's approximation word (余, 以上 …) beside its values, or remove the key
        when ``word`` is None; False when unchanged."""
        if word is None:
            if not self._has_figure_key(section_id, figure_id, "approx"):
                return False
            figures, entry = self._figure(section_id, figure_id, "approx")
            _remove_key(entry, "approx")
            _hug_comment(figures, figure_id)
            return True
        figures, entry = self._figure(section_id, figure_id, "approx")
        if "approx" in entry and _same(entry["approx"], word):
            return False
        self._set_figure_key(entry, "approx", word)
        _hug_comment(figures, figure_id)
        return True

    # --- the outline: sections added, removed and moved ----------------------------------

    def section_ids(self) -> list[str]:
        sections = self.data.get("sections")
        return [str(key) for key in sections] if isinstance(sections, Mapping) else []

    def section_text(self, section_id: str) -> str:
        """One section as YAML (``id:`` and its mapping, comments included), for
        :meth:`insert_section` to put back exactly as it was."""
        sections = self._ensure_map(self.data, "sections")
        one = CommentedMap()
        one[section_id] = sections[section_id]
        if section_id in sections.ca.items:
            one.ca.items[section_id] = sections.ca.items[section_id]
        wrapper = CommentedMap()
        wrapper["sections"] = one  # so a comment above the section stays above it
        stream = io.StringIO()
        self._yaml.dump(wrapper, stream)
        return stream.getvalue()

    def insert_section(self, section_id: str, index: int, entry: Mapping[str, Any] | str) -> bool:
        """Put a section at ``index`` of ``sections``: a new one from its keys, or one that
        :meth:`section_text` wrote; False when the draft has a section of that id already."""
        sections = self._ensure_map(self.data, "sections")
        if section_id in sections:
            return False
        comments = None
        if isinstance(entry, str):
            loaded = self._yaml.load(entry)["sections"]
            value = loaded[section_id]
            comments = list(loaded.ca.items.get(section_id) or [None, None, None, None])
            above = loaded.ca.comment[1] if loaded.ca.comment else None
            if above and not comments[1]:  # read as the mapping's own first comment
                comments[1] = above
        else:
            value = CommentedMap(entry)  # block style: a heading and a level, one per line
        if sections.fa.flow_style():
            sections.fa.set_block_style()
        sections.insert(max(0, min(index, len(sections))), section_id, value)
        if comments is not None:
            sections.ca.items[section_id] = comments
        return True

    def remove_section(self, section_id: str) -> bool:
        """Remove a section with its comments; False when the draft has no such section."""
        sections = self.data.get("sections")
        if not isinstance(sections, CommentedMap) or section_id not in sections:
            return False
        del sections[section_id]
        sections.ca.items.pop(section_id, None)
        return True

    def arrange_sections(self, order: tuple[str, ...]) -> bool:
        """Put the sections in ``order`` (every section of the draft, each once), each with
        the comments above and beside it; False when they are in that order already."""
        sections = self._ensure_map(self.data, "sections")
        if list(sections) == list(order):
            return False
        if sorted(map(str, sections)) != sorted(order):
            raise ValueError(f"order {order} names other sections than {list(sections)}")
        values = {key: sections[key] for key in order}
        for position, key in enumerate(order):
            del sections[key]
            sections.insert(position, key, values[key])
        return True

    def _figure(self, section_id: str, figure_id: str, key: str) -> tuple[CommentedMap, Any]:
        """The section's ``figures`` and the figure's mapping, made (or spelled out) for ``key``."""
        section = self.section(section_id)
        figures = section.get("figures")
        if not isinstance(figures, CommentedMap):
            figures = CommentedMap()
            self._set(section, "figures", figures)
        entry = figures.get(figure_id)
        if not isinstance(entry, CommentedMap):
            # A bare value is shorthand for {value: …}; spell it out to add the other key.
            shorthand = entry
            entry = CommentedMap()
            entry.fa.set_flow_style()
            if shorthand is not None or key not in ("value", "from", "source"):
                entry["value"] = shorthand
            if figure_id in figures:
                figures[figure_id] = entry
            else:  # behind the last figure, keeping the comment lines below the mapping below
                _add_key(figures, figure_id, entry, tuple(figures.keys()))
        return figures, entry

    @staticmethod
    def _set_figure_key(entry: CommentedMap, key: str, value: Any) -> None:
        if key in entry:
            entry[key] = value
            _hug_comment(entry, key)
        else:
            order = _FIGURE_KEY_ORDER
            earlier = order[: order.index(key)] if key in order else order
            later = [k for k in entry if k in order and k not in earlier]
            if key in order and later and not any(k in entry for k in earlier):
                # {last: 75} gains its value in front: {value: 79, last: 75}
                entry.insert(list(entry.keys()).index(later[0]), key, value)
            else:
                _add_key(entry, key, value, earlier)

    def _has_figure_key(self, section_id: str, figure_id: str, key: str) -> bool:
        raw = self.section_plain(section_id).get("figures") or {}
        if figure_id not in raw:
            return False
        entry = raw[figure_id]
        return key in entry if isinstance(entry, dict) else key == "value"

    # --- writing ---------------------------------------------------------------------------

    def dump(self) -> str:
        stream = io.StringIO()
        self._yaml.dump(self.data, stream)
        return stream.getvalue()

    # --- helpers ---------------------------------------------------------------------------

    def _ensure_map(self, parent: CommentedMap, key: str) -> CommentedMap:
        child = parent.get(key)
        if not isinstance(child, CommentedMap):
            child = CommentedMap()
            self._set(parent, key, child)
        return child

    def _set(
        self, mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...] = ()
    ) -> bool:
        if key in mapping:
            if _same(mapping[key], value):
                return False
            mapping[key] = value
            if not isinstance(value, CommentedMap | CommentedSeq):
                _hug_comment(mapping, key)
            return True
        if key in order:
            later = order[order.index(key) + 1 :]
            keys = list(mapping.keys())
            position = next(
                (i for i, k in enumerate(keys) if k in later or k not in order), len(keys)
            )
            mapping.insert(position, key, value)
        else:
            mapping[key] = value
        return True

    def _set_text(self, section: CommentedMap, text: str) -> bool:
        text = text.rstrip("\n")
        old = section.get("text")
        if (str(old) if old is not None else "").rstrip("\n") == text:
            return False
        if "\n" not in text:
            # One line: quoted, so a line reading like a number or "true" stays text.
            comment = _literal_comment(section, "text") if "text" in section else None
            if isinstance(old, LiteralScalarString) and comment:
                # The comment moves back from the block's header to the end of the line.
                section.ca.items.pop("text", None)
                section["text"] = SingleQuotedScalarString(text)
                section.yaml_add_eol_comment(comment.strip(), "text")
                _hug_comment(section, "text")
                return True
            return self._set(section, "text", SingleQuotedScalarString(text), _SECTION_KEY_ORDER)
        block = LiteralScalarString(text + "\n")
        comment = _literal_comment(section, "text") if "text" in section else None
        if comment:
            # ruamel keeps a block scalar's end-of-line comment on the scalar itself and
            # writes it after "|"; an end-of-line token would land below the block instead.
            section.ca.items.pop("text", None)
            block.comment = comment  # type: ignore[attr-defined]
        return self._set(section, "text", block, _SECTION_KEY_ORDER)
