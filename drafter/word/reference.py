"""An office's own Word template (``--reference-doc``, as in pandoc), opened for its styles,
headers and footers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document

from drafter.errors import InputError, os_reason

# A template is styles and a header or two; anything this large is not one.
MAX_BYTES = 20 * 2**20
MAX_UNCOMPRESSED = 100 * 2**20


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
    if path.stat().st_size > MAX_BYTES:
        raise InputError("模板文件太大（超过 20 MB），不像是 Word 模板", path)
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_UNCOMPRESSED:
                raise InputError("模板文件解压后太大，不像是 Word 模板", path)
        return docx.Document(str(path))
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"无法读取模板文件（{os_reason(error)}）", path) from None
    except Exception:  # python-docx raises many kinds for a broken package
        raise InputError("无法作为 Word 文档打开（文件已损坏或不是 .docx）", path) from None
