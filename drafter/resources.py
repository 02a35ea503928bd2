"""Where the data folders are (inside the installed package, or at the top of a source
checkout), where drafter keeps its caches, and how a shipped data file is read.

A shipped data file (the word lists, the layout profiles, the outlines) is YAML, and the YAML
stays the source of truth.  Reading it takes PyYAML, whose import alone costs a start-up more
than the files' reading does, so each file's data is also kept in the cache directory in
``marshal`` form, beside the exact text it was read from: it is served only while the file
still holds that text, and only the first reading of each file (or of an edited one) imports
PyYAML.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import threading
import zlib
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent

# The form of a cache entry: (generation, the YAML file's bytes, its data).  A new generation
# makes every older entry a miss.
_GENERATION = "shipped-data-1"


@cache
def data_dir(name: str) -> Path:
    """``sections`` or ``templates``: shipped as drafter/<name> in the wheel, top level in git."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter 安装不完整：找不到数据目录 {name}/")


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cache (``templates``, ``data``), made if need be: under
    $DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter, else ~/.cache/drafter.  None when
    caching is off (DRAFTER_CACHE_DIR set to an empty string) or the folder cannot be made: a
    cache is never a reason to fail a command."""
    configured = os.environ.get("DRAFTER_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        root = Path(configured)
    else:
        try:
            base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        except RuntimeError:  # no home directory at all
            return None
        root = Path(base) / "drafter"
    directory = root / kind
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home is no reason to fail a command
    return directory


def shipped_data(path: Path) -> Any:
    """The data of a YAML file shipped with drafter, read from its cached copy when that copy
    was made from the file's present text, else from the YAML (and the copy made anew).

    For drafter's own files only: they are known good (their tests load them), so they are read
    by libyaml without the line-keeping loader a clerk's file goes through."""
    source = path.read_bytes()
    entry = _entry_path(path)
    if entry is not None:
        cached = _read_entry(entry, source)
        if cached is not None:
            return cached[0]
    data = _load_yaml(source)
    if entry is not None:
        _write_entry(entry, source, data)
    return data


def _entry_path(path: Path) -> Path | None:
    directory = cache_dir("data")
    if directory is None:
        return None
    # One entry per file and Python (marshal's format may change between versions); the
    # path's checksum keeps two installations' files of one name apart.
    where = zlib.crc32(os.fsencode(os.path.abspath(path)))
    return directory / f"{path.stem}-{where:08x}.{sys.implementation.cache_tag}.marshal"


def _read_entry(entry: Path, source: bytes) -> tuple[Any] | None:
    """The data an entry holds, if it was made from ``source``; None for a missing, stale,
    foreign or damaged entry."""
    try:
        generation, text, data = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if generation != _GENERATION or text != source:
        return None
    return (data,)


def _write_entry(entry: Path, source: bytes, data: Any) -> None:
    """Keep ``data`` for the next run, written whole or not at all (a reader never sees half
    an entry); a cache that cannot be written, or data marshal cannot hold, is let be."""
    try:
        payload = marshal.dumps((_GENERATION, source, data))
    except ValueError:
        return
    keep_cache_entry(entry, payload)


def keep_cache_entry(entry: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all (a reader never sees half of one); a cache that
    cannot be written is let be.  The temporary file is named by process and thread, so two
    writers never share one.  Not synced to disk: a lost entry is only made again."""
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _load_yaml(source: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source.decode("utf-8"), Loader=loader)
