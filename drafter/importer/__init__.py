"""Import: a past report (.docx, .txt, .md) into the document tree, cleaned and repaired.

The contract other parts of drafter build on::

    from drafter.importer import read_report
    imported = read_report("2023年报告.docx")
    imported.document         # drafter.tree.Document: title, addressee, front matter, blocks…
    imported.source_headings  # each heading's number as the source wrote it (SourceHeading)
    imported.repairs          # every repair, in Chinese
    imported.year             # the report's year, or None
    imported.paragraphs       # the cleaned text, one paragraph a line

:func:`drafter.importer.readers.read_docx` reads any .docx into paragraphs with their style,
runs and Word's list numbering resolved.  Errors a user can cause raise
:class:`drafter.errors.InputError` with a Chinese message naming the file.

Modules: ``readers`` (files into paragraphs, guard rails), ``clean`` (debris, spacing,
punctuation), ``structure`` (front matter, headings, end, repairs); for ``drafter new --from``,
``to_draft`` (the draft), ``assignment`` (one-to-one best matching of headings to sections) and
``catalogue`` (lifted numbers onto the profile's figures).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.importer.readers import SourceParagraph, read_docx, read_paragraphs
    from drafter.importer.structure import Imported, SourceHeading

# The names this package gives, each from its module on first use: ``drafter build`` and
# ``check`` of a draft use ``drafter.importer.clean`` and should not pay for the readers.
_FROM = {
    "Imported": "structure",
    "SourceHeading": "structure",
    "SourceParagraph": "readers",
    "read_docx": "readers",
    "read_paragraphs": "readers",
}

__all__ = [
    "Imported",
    "SourceHeading",
    "SourceParagraph",
    "read_docx",
    "read_paragraphs",
    "read_report",
]


def read_report(path: str | Path) -> Imported:
    """Read, clean and structure a report file; InputError when it cannot be one."""
    from drafter.importer.readers import DOCX_SUFFIXES, read_paragraphs
    from drafter.importer.structure import analyse

    path = Path(path)
    source = read_paragraphs(path)
    docx = path.suffix.lower() in DOCX_SUFFIXES or any(p.runs for p in source)
    if not any(p.text.strip() or p.auto_number for p in source):
        raise InputError("文件中没有文字，里面没有可导入的报告内容。", path)
    imported = analyse(path, source, docx=docx)
    if not imported.document.blocks:
        raise InputError("没有识别出报告正文：文件中只有很少几行短文字。请确认选对了文件。", path)
    return imported


def __getattr__(name: str) -> Any:
    if name in _FROM:
        return getattr(importlib.import_module(f"drafter.importer.{_FROM[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
