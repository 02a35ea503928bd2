"""The draft file on disk, written from any thread without losing or overwriting anything.

The session edits its own round-trip document on the event loop and hands every valid change
here as well (:meth:`DraftStore.record`); :meth:`DraftStore.save` replays the changes on a
second copy of the document that only saving touches, dumps it and writes it.  So a save can
run in a worker thread while the clerk keeps typing: dumping a long draft takes tens of
milliseconds, and none of them is spent on the event loop.

A change the session does not record (a value that does not read, a template that does not
parse) never reaches the file: the last valid value stays on disk.

The file may change while it is open (the clerk edits it by hand, a colleague saves over it,
it is moved away or made read-only): every save first compares the file with what the store
last read or wrote, by content, and never writes over it.  What the editor holds goes to a copy
beside it instead (:class:`Conflict`), and every later save keeps that copy up to date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from drafter.draftfile import parse_draft
from drafter.files import write_atomic
from drafter.yamldoc import DraftDocument

DiskState = Literal["same", "changed", "missing", "readonly"]
ConflictReason = Literal["changed", "missing", "readonly"]
CONFLICT_WORD = "冲突"  # DRAFT.yaml → DRAFT.冲突-153012.yaml


@dataclass(frozen=True)
class Conflict:
    """The draft file cannot be written: it changed outside the editor after the store last
    read or wrote it, it is gone, or it is read-only.

    It is left as it is; what the editor holds is written to ``copy`` beside it instead.
    """

    copy: Path
    reason: ConflictReason = "changed"

    @property
    def missing(self) -> bool:
        """The draft file was deleted or moved away, not changed."""
        return self.reason == "missing"

    @property
    def readonly(self) -> bool:
        return self.reason == "readonly"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now()


def _writable(path: Path) -> bool:
    """The clerk may write the file: by its permission bits too, which even root respects here
    (a draft made read-only is meant to stay as it is)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(stat.S_IMODE(mode) & 0o222) and os.access(path, os.W_OK)


Change = tuple[str, tuple[Any, ...]]  # a DraftDocument method and its arguments


class DraftStore:
    """One draft file: what it held when last read or written, and the changes since."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = Path(path)
        self.saved_text = text  # what the file held when this store last read or wrote it
        self._saved_digest = _digest(text)
        self._loaded = text
        self._document: DraftDocument | None = None  # made by the first save, in its thread
        self._changes: list[Change] = []
        self._recorded = 0  # changes recorded so far …
        self._written = 0  # … and how many of them are on disk (or in the conflict copy)
        self._changes_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self.conflict: Conflict | None = None

    @property
    def dirty(self) -> bool:
        """A recorded change is not on disk yet."""
        return self._recorded != self._written

    def record(self, method: str, *args: Any) -> None:
        """A change the session made to its document, to make on the saved one too."""
        with self._changes_lock:
            self._changes.append((method, args))
            self._recorded += 1

    def save(self) -> bool:
        """Write every recorded change by atomic replace; True when the draft was written.

        Safe to call from a worker thread while changes are recorded.  A draft file that
        changed on disk since this store read or wrote it (or is gone, or read-only) is never
        written over: the changes go to a copy beside it (see :attr:`conflict`), and from then
        on each save brings that copy up to date, until the draft is loaded again.
        """
        with self._save_lock:
            with self._changes_lock:
                changes, self._changes = self._changes, []
                recorded = self._recorded
            if recorded == self._written:
                return False
            document = self._document
            if document is None:
                document = self._document = DraftDocument(self._loaded)
            for method, args in changes:
                getattr(document, method)(*args)
            text = document.dump()
            parse_draft(text, self.path)  # what we write must load back
            conflict = self.conflict
            if conflict is None:
                state = self.disk_state()
                if state != "same":
                    conflict = Conflict(self._conflict_copy_path(), reason=state)
            if conflict is None and text == self.saved_text:
                self._written = recorded  # the changes cancelled out: nothing to write
                return False
            if conflict is not None:
                write_atomic(conflict.copy, text)
                self.conflict = conflict  # once the copy is there to point to
                self._written = recorded
                return False
            write_atomic(self.path, text)
            self.saved_text = text
            self._saved_digest = _digest(text)
            self._written = recorded
            return True

    def disk_state(self) -> DiskState:
        """Whether the draft file still holds what this store last read or wrote.

        By content (SHA-256 of the text), not by time: an outside edit within the same second as
        a save is seen, and a file only touched is not taken for a changed one.  A file the
        clerk may not write (made read-only) is not written over either.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return "missing"
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "changed"
        if _digest(text) != self._saved_digest:
            return "changed"
        return "same" if _writable(self.path) else "readonly"

    def _conflict_copy_path(self) -> Path:
        """``DRAFT.冲突-153012.yaml`` beside the draft, a name no file has yet."""
        stem = f"{self.path.stem}.{CONFLICT_WORD}-{_now():%H%M%S}"
        candidate = self.path.with_name(stem + self.path.suffix)
        number = 2
        while candidate.exists():
            candidate = self.path.with_name(f"{stem}-{number}{self.path.suffix}")
            number += 1
        return candidate
