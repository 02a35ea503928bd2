"""Errors a user can cause, each with a Chinese message fit to print as it is.

The CLI prints ``str(error)`` and exits with ``error.exit_code``; it never shows a traceback
for these.
"""

from __future__ import annotations

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
