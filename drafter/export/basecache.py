"""A layout profile's base document, kept between runs in the cache folder.

Building a base (the styles, the page, the settings and the footers of
:func:`drafter.export.docx.new_base`) through python-docx's proxies is most of a cold build's
export, and what it makes depends only on the profile and on the code that makes it.  So the
base is saved once, as a .docx in the cache folder named by a digest of both, and later runs
open that copy with python-docx instead: a report built on it is byte for byte the report built
on a base made afresh (tests/test_docx_base_cache.py compares them).

A missing, damaged or foreign copy is made anew; a cache that cannot be written is let be.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

from drafter.layout import LayoutProfile
from drafter.resources import cache_dir, keep_cache_entry
from drafter.word.guard import guard_package
from drafter.word.package import document_bytes

# The form of a kept base; a new generation makes every older copy a miss.
GENERATION = "base-1"
# The modules whose code makes a base: a change to any of them makes every kept copy a miss.
# (A test traces new_base and fails when it runs code of a module not named here.)
BUILT_BY = (
    "drafter.export.docx",
    "drafter.layout",
    "drafter.word.fields",
    "drafter.word.fonts",
    "drafter.word.package",
    "drafter.word.styles",
)
MAX_BYTES = 1024 * 1024  # a base is a few kB: anything larger at its name is not one


def base_key(layout: LayoutProfile) -> str | None:
    """The digest a base is kept under: the profile, the libraries, and the code that builds
    it, known by its files' modification times and sizes as Python's own bytecode cache knows
    a module's source.  None when those files cannot be found (then nothing is kept)."""
    parts = [GENERATION, docx.__version__, etree.__version__, repr(layout)]
    for name in BUILT_BY:
        try:
            source = os.stat(sys.modules[name].__file__ or "")
        except (KeyError, OSError):
            return None
        parts.append(f"{name} {source.st_mtime_ns} {source.st_size}")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]


def kept_base(layout: LayoutProfile, build: Callable[[LayoutProfile], Document]) -> Document:
    """``build(layout)``, opened from the copy kept for it when there is one; a base made
    here is kept for the next runs (and used as it is: a report built on it is the same)."""
    directory = cache_dir("base")
    key = base_key(layout) if directory is not None else None
    if directory is None or key is None:
        return build(layout)
    entry = directory / f"{key}.docx"
    kept = _open(entry)
    if kept is not None:
        return kept
    document = build(layout)
    keep_cache_entry(entry, document_bytes(document))
    return document


def _open(entry: Path) -> Document | None:
    try:
        if entry.stat().st_size > MAX_BYTES:
            return None
        data = entry.read_bytes()
        guard_package(entry, data)  # every file is guarded before python-docx opens it
        return docx.Document(io.BytesIO(data))
    except Exception:  # missing, or whatever python-docx makes of a damaged copy: made anew
        return None
