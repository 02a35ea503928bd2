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
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from drafter.errors import InputError

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


STALE_AFTER = 24 * 3600  # seconds; a temporary this old was left by a write that died


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the hidden temporaries an earlier write to ``target`` left behind when it was
    killed before its rename: those whose process is gone, or that are a day old."""
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent if str(target.parent) else "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid_text = name[len(prefix) : -len(".tmp")].partition(".")[0]
        if not pid_text.isdigit():
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if old or not _alive(int(pid_text)):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def refuse_overwriting_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """InputError when writing ``output`` would replace one of the files it is made from."""
    for source in inputs:
        same = output.resolve() == source.resolve()
        if not same and output.exists() and source.exists():
            try:
                same = os.path.samefile(output, source)
            except OSError:
                same = False
        if same:
            raise InputError(
                f"输出文件就是输入文件 {source}，写出会覆盖它；请用 -o 另给一个文件名", output
            )


def _temporary_beside(target: Path) -> tuple[int, Path]:
    """A new file in the target's folder (so os.replace is atomic), opened for writing."""
    remove_stale_temporaries(target)
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
