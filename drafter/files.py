"""Writing files so that a reader, a crash or a kill -9 never sees half of one.

Everything drafter writes (drafts, reports, fixed copies) goes to a temporary file beside the
target and is renamed over it.  The temporary is created with the usual permissions (0666 less
the umask), so a report written into a shared folder stays readable by the office; a file that
is already there keeps its own permissions, and a symbolic link is written through to the file
it points to (the link stays a link).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary_beside(target: Path) -> tuple[int, Path]:
    """A new file in the target's folder (so os.replace is atomic), opened for writing."""
    for attempt in range(100):
        candidate = target.with_name(f".{target.name}.{os.getpid()}.{attempt}.tmp")
        try:
            return os.open(candidate, _FLAGS, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"无法在 {target.parent} 中创建临时文件")


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write; when the block ends it replaces ``target``, or on an error
    it is removed and ``target`` is left as it was."""
    target = Path(os.path.realpath(target))  # through a symlink, to the real file
    handle, temporary = _temporary_beside(target)
    os.close(handle)
    try:
        yield temporary
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8 with \\n line ends) to ``path`` in one step, synced to disk."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path) as temporary, temporary.open("wb") as stream:
        stream.write(payload)
        stream.flush()
        os.fsync(stream.fileno())
