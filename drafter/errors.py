"""Errors a user can cause, each with a Chinese message fit to print as it is.

The CLI prints ``str(error)`` and exits with ``error.exit_code``; it never shows a traceback
for these.
"""

from __future__ import annotations

import errno
from pathlib import Path

EXIT_OK = 0
EXIT_INPUT = 1  # a problem in what the user gave us
EXIT_USAGE = 2  # the command itself was used wrongly


class DrafterError(Exception):
    """A problem in the user's input, explained in Chinese."""

    exit_code = EXIT_INPUT


class UsageError(DrafterError):
    exit_code = EXIT_USAGE


def where(path: str | Path | None, line: int | None = None, field: str | None = None) -> str:
    """'draft.yaml 第12行 sections.study.figures.x' — the location prefix of a message."""
    parts = []
    if path is not None:
        parts.append(str(path))
    if line is not None:
        parts.append(f"第{line}行")
    if field:
        parts.append(field)
    return " ".join(parts)


class InputError(DrafterError):
    """One located problem: the file, the line and the field, then what is expected."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        prefix = where(path, line, field)
        super().__init__(f"{prefix}：{message}" if prefix else message)


class DraftInvalid(DrafterError):
    """Several located problems found at once, so the clerk can fix them in one pass."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘为只读",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EFBIG: "文件超过系统允许的大小（磁盘或配额已满？）",
    errno.EDQUOT: "磁盘配额已满",
    errno.EIO: "读写磁盘出错",
    errno.EXDEV: "不能跨磁盘改名",
}


def os_reason(error: OSError) -> str:
    """Why the system refused, in Chinese (the system's own words when we have no better)."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    return f"系统错误 {error.errno}" if error.errno else "系统拒绝了这次读写"
