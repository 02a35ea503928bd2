"""Whether a DOCX is drafter's own output, untouched since drafter wrote it.

drafter rebuilds a report as often as the clerk asks, but a DOCX someone opened in Word and
edited since (or any other file at that path) is theirs, and is never written over.  To tell
the two apart, every DOCX drafter writes carries in its core properties (``dc:identifier``) a
SHA-256 of its own parts, all but the core properties themselves.  Word, WPS or LibreOffice
saving the file rewrites those parts, so the digest no longer matches.

Works on python-docx: :func:`stamp` on the ``Document`` about to be saved, :func:`owner` on a
file already there, :func:`safe_output` for where to write without overwriting.

A rebuild usually finds at its path the very file drafter wrote there last, so :func:`remember`
notes in the cache folder the SHA-256 of each DOCX drafter writes, by path: a file whose bytes
still have that digest is drafter's own as written, known without python-docx opening it.
Anything else (no note, caching off, a byte changed) is opened and judged by its stamp.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import zipfile
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document

from drafter.resources import cache_dir, keep_cache_entry

MARK = "drafter-sha256:"
CORE_PART = "/docProps/core.xml"
MAX_INSPECTED_BYTES = 64 * 1024 * 1024  # a larger file (or zip) is not read: not ours
Owner = Literal["absent", "ours", "theirs"]


def content_digest(document: Document) -> str:
    """SHA-256 of every part of the package but the core properties, as it will be saved."""
    digest = hashlib.sha256()
    parts = sorted(document.part.package.iter_parts(), key=lambda part: str(part.partname))
    for part in parts:
        if part.partname == CORE_PART:
            continue
        digest.update(str(part.partname).encode("utf-8"))
        digest.update(b"\0")
        digest.update(part.blob)
    return digest.hexdigest()


def stamp(document: Document) -> None:
    """Mark ``document`` as drafter's output, just before it is saved."""
    document.core_properties.identifier = MARK + content_digest(document)


def stamped(data: bytes) -> bytes:
    """A DOCX given as bytes, marked as drafter's output (for a writer that builds bytes)."""
    document = docx.Document(io.BytesIO(data))
    stamp(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _inspectable(path: Path) -> bool:
    """A file small enough, and a zip whose parts are small enough, to open."""
    try:
        if path.stat().st_size > MAX_INSPECTED_BYTES or not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist()) <= MAX_INSPECTED_BYTES
    except (OSError, zipfile.BadZipFile):
        return False


def owner(path: str | Path) -> Owner:
    """``absent`` when nothing is at ``path``; ``ours`` when it is a DOCX drafter wrote and
    nobody changed since; ``theirs`` for anything else (edited, another program's, not a
    DOCX at all, unreadable)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return "absent"
    if not path.is_file():
        return "theirs"
    if _as_written(path):
        return "ours"
    if not _inspectable(path):
        return "theirs"
    try:
        document = docx.Document(str(path))
        mark = document.core_properties.identifier or ""
    except Exception:  # whatever python-docx makes of a foreign file: not ours
        return "theirs"
    if mark.startswith(MARK) and mark.removeprefix(MARK) == content_digest(document):
        return "ours"
    return "theirs"


def _note(path: Path) -> Path | None:
    """Where the digest of what drafter last wrote at ``path`` is noted; None with caching off."""
    directory = cache_dir("written")
    if directory is None:
        return None
    try:
        where = os.fsencode(path.resolve())
    except (OSError, RuntimeError):
        return None
    return directory / hashlib.sha256(where).hexdigest()[:32]


def _file_digest(path: Path) -> bytes:
    """The note kept for the file at ``path``: its SHA-256 in hex, as ASCII bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii")


def remember(path: str | Path) -> None:
    """Note the DOCX drafter has just written at ``path`` (see the module docstring).  The note
    is written whole or not at all, and one that cannot be written is let be: the next build
    then opens the file instead."""
    path = Path(path)
    note = _note(path)
    if note is None:
        return
    with contextlib.suppress(OSError, ValueError):
        digest = _file_digest(path)
        if not note.exists() or note.read_bytes() != digest:
            keep_cache_entry(note, digest)  # the same draft again: noted already


def _as_written(path: Path) -> bool:
    """True when ``path`` holds, byte for byte, the DOCX drafter last noted writing there."""
    note = _note(path)
    if note is None:
        return False
    try:
        if path.stat().st_size > MAX_INSPECTED_BYTES:
            return False
        return note.read_bytes() == _file_digest(path)
    except (OSError, ValueError):
        return False


def next_free_name(path: str | Path) -> Path:
    """``报告（2）.docx`` beside ``报告.docx``, or （3）… : the first name that holds no file,
    or drafter's own untouched output (written there last time)."""
    path = Path(path)
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}（{number}）{path.suffix}")
        if owner(candidate) != "theirs":
            return candidate
        number += 1


def safe_output(path: str | Path, force: bool = False) -> Path:
    """Where to write a DOCX meant for ``path``: there, unless a file someone else wrote or
    edited is there (and ``force`` is not given); then the next free name beside it."""
    path = Path(path)
    if force or owner(path) != "theirs":
        return path
    return next_free_name(path)
