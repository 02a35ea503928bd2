"""Writing an edited copy of a clerk's own .docx, and proving it opens before it replaces
anything.

Edits are made on the python-docx document :func:`drafter.word.reading.open_word` opened.  The
copy holds python-docx's serialisation of the main document part and every other part of the
original byte for byte, in the original order: styles, numbering, headers and footers,
comments, images, settings and anything python-docx does not know are exactly as they were.

Before the copy is moved into place it is read back: guarded and opened again by python-docx,
and every XML part parsed by a strict parser.  A copy that would not open is never written.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.errors import DrafterError, InputError
from drafter.files import replacing
from drafter.word.reading import WordFile, open_word
from drafter.word.xmlerrors import xml_problem


def main_part_name(word: WordFile) -> str:
    """The zip member holding the main document part (word/document.xml, usually)."""
    return str(word.document.part.partname.membername)


def save_edited(word: WordFile, target: str | Path) -> None:
    """Write ``word`` with its edited main document part to ``target``, atomically."""
    target = Path(target)
    replaced = {main_part_name(word): word.document.part.blob}
    with replacing(target) as temporary:
        with (
            zipfile.ZipFile(io.BytesIO(word.data)) as source,
            zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as out,
        ):
            for info in source.infolist():
                data = replaced.get(info.filename)
                out.writestr(info, data if data is not None else source.read(info))
        read_back(temporary, target)


def read_back(path: Path, shown: Path) -> None:
    """Refuse a written copy that Word could not open: InputError naming ``shown``."""
    from lxml import etree

    problem = None
    try:
        open_word(path)
    except DrafterError as error:
        problem = str(error).removeprefix(f"{path}：")
    if problem is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                try:
                    etree.fromstring(archive.read(info), parser)
                except etree.XMLSyntaxError as error:
                    problem = f"其中的 {info.filename} 无法解析（{xml_problem(error)}）"
                    break
    if problem is not None:
        raise InputError(
            f"修正稿写出后读回检查未通过（{problem}），没有写出修正稿。"
            "请在 Word 或 WPS 中打开原文件另存为 .docx 后再试。",
            shown,
        )
