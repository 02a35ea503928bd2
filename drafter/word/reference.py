"""An office's own Word template (``--reference-doc``, as in pandoc), opened for its styles,
headers and footers: guarded and opened like every other .docx (:mod:`drafter.word.reading`)."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from drafter.errors import InputError, os_reason
from drafter.word.reading import open_word


def reference_key(path: Path) -> tuple[str, float, int]:
    """The file by path, modification time and size: a template edited between two builds in
    one process is read again."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError("找不到模板文件", path) from None
    except OSError as error:
        raise InputError(f"无法读取模板文件（{os_reason(error)}）", path) from None
    return (str(path.resolve()), stat.st_mtime, stat.st_size)


def open_reference(path: Path) -> Document:
    """The template as a python-docx document; a file that is not one is a located error."""
    if path.suffix.lower() != ".docx":
        raise InputError("模板应为 Word 文档（.docx）；.dotx 模板请在 Word 中另存为 .docx", path)
    return open_word(path).document
