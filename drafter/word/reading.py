"""Opening a Word file with python-docx, and its text as a reader sees it.

:func:`open_word` is the one door every .docx goes through for import, check and
``check --fix``: the file is read once, measured by :mod:`drafter.word.guard`, then opened by
python-docx from those bytes.  Whatever goes wrong comes back as an
:class:`~drafter.errors.InputError` naming the file and, where it can, the part.

Text as a reader sees it: runs in reading order through hyperlinks, fields, insertions and
content controls; deleted text, text boxes and field instructions left out.  python-docx's
``Paragraph.text`` reads only direct runs and hyperlinks, so the walk below reaches into
insertions, smart tags and content controls on the paragraph's oxml element.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import docx
from docx.exceptions import InvalidXmlError
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from drafter.errors import InputError
from drafter.word.direct import UNREADABLE
from drafter.word.effective import StyleSheet
from drafter.word.guard import MAIN_PART, damaged, guard_package, read_file
from drafter.word.numbering import ListNumbering
from drafter.word.xmlerrors import xml_problem

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.opc.part import Part

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _R, _T, _TBL, _SDT = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl"), qn("w:sdt")
_TAB, _PTAB, _BR, _CR = qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_TYPE, _HYPHEN, _SYM, _CHAR = qn("w:type"), qn("w:noBreakHyphen"), qn("w:sym"), qn("w:char")
_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
_CHOICE = f"{{{MC_NS}}}Choice"
# Elements whose text a reader does not see in the paragraph's flow.
_SKIPPED = {
    qn("w:txbxContent"),
    f"{{{MC_NS}}}Fallback",
    qn("w:del"),
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:instrText"),
}


class WordFile(NamedTuple):
    """A .docx opened by python-docx, with its styles and list numbering ready to resolve."""

    path: Path
    document: WordDocument
    styles: StyleSheet
    numbering: ListNumbering
    data: bytes  # the file as read, for a copy of its parts
    # Each paragraph's runs with their text, once read (see :meth:`runs`).
    read_runs: dict[Any, list[tuple[Any, str]]]

    def runs(self, paragraph: Any) -> list[tuple[Any, str]]:
        """The paragraph's runs in reading order, each with its text as it reads.

        Read once per paragraph: import reads every paragraph and the layout rules read the
        same ones again.  This is the text as opened; ``--fix`` edits the elements only after
        every rule has read them.
        """
        found = self.read_runs.get(paragraph)
        if found is None:
            found = [(run, run_text(run)) for run in iter_runs(paragraph)]
            self.read_runs[paragraph] = found
        return found

    def __repr__(self) -> str:  # not the bytes of the whole file
        return f"WordFile({str(self.path)!r})"

    def related(self, reltype: str) -> Part | None:
        """The part the main document relates to by ``reltype``, without creating one."""
        return related_part(self.document.part, reltype)

    def body(self) -> Any:
        return self.document.element.body


def related_part(part: Part, reltype: str) -> Part | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def open_word(path: str | Path, data: bytes | None = None) -> WordFile:
    """Guard and open a .docx (``data``: its bytes, when the caller has read them already)."""
    path = Path(path)
    if data is None:
        data = read_file(path)
    guard_package(path, data)
    document = _open(path, data)
    part = document.part
    for loaded in part.package.iter_parts():
        element = getattr(loaded, "_element", None)
        if element is not None and element.getroottree().docinfo.internalDTD is not None:
            raise InputError(
                f"文件中的 {loaded.partname.membername} 含有 DTD 声明（<!DOCTYPE>）。"
                "Word 和 WPS 保存的文档不含这种内容，Word 也拒绝打开它；"
                "请确认文件来源，或把内容复制到新建的 Word 文档中另存为 .docx。",
                path,
            )
    styles = related_part(part, RELATIONSHIP_TYPE.STYLES)
    numbering = related_part(part, RELATIONSHIP_TYPE.NUMBERING)
    return WordFile(
        path,
        document,
        StyleSheet(getattr(styles, "element", None)),
        ListNumbering(getattr(numbering, "element", None)),
        data,
        {},
    )


T = TypeVar("T")


def safe(read: Callable[[], T]) -> T | None:
    """A python-docx property, or None where the file holds a value it cannot parse (or
    leaves out a required one: ``<w:sz/>``, ``<w:jc/>``)."""
    try:
        return read()
    except UNREADABLE:
        return None


def _open(path: Path, data: bytes) -> WordDocument:
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as error:
        raise _unparsable(path, data, error) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as error:
        raise damaged(path, "其中的部件无法解压") from error
    except (KeyError, ValueError, AttributeError, TypeError, IndexError, InvalidXmlError) as error:
        # python-docx found no Word document where the package says it is (or no package).
        raise _not_a_package(path, data) from error


def _problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """What is wrong with one XML part, or None when it unpacks and parses."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(archive.read(info), parser)
    except etree.XMLSyntaxError as broken:
        return f"其中的 {info.filename} 无法解析（{xml_problem(broken)}）"
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError):
        return f"其中的 {info.filename} 无法解压"
    return None


def _unparsable(path: Path, data: bytes, error: Exception) -> InputError:
    """Which XML part is broken (only on this error path is anything parsed twice)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                problem = _problem(archive, info)
                if problem:
                    return damaged(path, problem)
    return damaged(path, f"其中的 XML 无法解析（{xml_problem(error)}）")


def _not_a_package(path: Path, data: bytes) -> InputError:
    """Why python-docx could not find a Word document in an otherwise sound zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename: info for info in archive.infolist()}
        main = names.get(MAIN_PART)
        problem = _problem(archive, main) if main is not None else None
    if problem:
        return damaged(path, problem)
    if main is None and not any(name.startswith("word/") for name in names):
        return InputError(
            "这不是 Word 文档（.docx）：压缩包中没有 word/document.xml。"
            "请确认选对了文件，或在 Word 或 WPS 中另存为 .docx。",
            path,
        )
    missing = [n for n in ("[Content_Types].xml", "_rels/.rels") if n not in names]
    if missing:
        return damaged(path, f"压缩包中缺少 {'、'.join(missing)}，Word 无法找到正文")
    return InputError(
        "这不是 Word 文档（.docx）：压缩包里的清单（[Content_Types].xml 与 _rels/.rels）"
        "没有指向 Word 正文。请确认选对了文件，或在 Word 或 WPS 中另存为 .docx。",
        path,
    )


# --------------------------------------------------------------------------- text


def body_blocks(container: Any) -> Iterator[Any]:
    """Paragraph and table elements of a body in order, looking inside content controls."""
    for child in container.iterchildren():
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from body_blocks(content)
        elif tag in (qn("w:customXml"), _ALTERNATE):
            yield from body_blocks(child)


def iter_runs(element: Any) -> Iterator[Any]:
    """The run elements of a paragraph in reading order, into hyperlinks, fields, insertions."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _R:
            yield child
        else:  # hyperlinks, insertions, smart tags, fields, content controls, choices…
            yield from iter_runs(child)


def run_text(run: Any) -> str:
    """A run's text as it reads: tabs and line breaks kept, page breaks and symbol-font glyphs not."""
    return "".join(_child_text(child) for child in run.iterchildren())


def _child_text(child: Any) -> str:
    """What one child of a run adds to the text a reader sees."""
    tag = child.tag
    if tag == _T:
        return child.text or ""
    if tag in (_TAB, _PTAB):
        return "\t"
    if tag in (_BR, _CR):
        # A page break inside a paragraph is not a line a reader sees.
        return "" if child.get(_TYPE) == "page" else "\n"
    if tag == _HYPHEN:
        return "-"
    if tag == _SYM:
        code = _hex(child.get(_CHAR))
        # The symbol-font private area has no reliable meaning.
        return chr(code) if code is not None and code < 0xF000 else ""
    if tag == _ALTERNATE:
        choice = child.find(_CHOICE)
        if choice is not None:
            return "".join(inner.text or "" for inner in choice.iter(_T))
    return ""


def _hex(value: str | None) -> int | None:
    if not value or len(value) > 6:
        return None
    try:
        return int(value, 16)
    except ValueError:
        return None


def paragraph_text(element: Any) -> str:
    return "".join(run_text(run) for run in iter_runs(element))


class TextPiece(NamedTuple):
    """A piece of a paragraph's text: a ``w:t`` (editable) or a tab or break (not)."""

    element: Any
    editable: bool
    start: int
    end: int


def text_pieces(element: Any) -> list[TextPiece]:
    """The paragraph's text as pieces, in order, with their offsets in the paragraph text.

    Only a ``w:t`` is editable: ``--fix`` edits the text of ``w:t`` elements and never touches
    anything else (tabs, breaks, symbols, alternate content).
    """
    pieces: list[TextPiece] = []
    offset = 0
    for run in iter_runs(element):
        for child in run.iterchildren():
            length = len(_child_text(child))
            if length or child.tag == _T:
                pieces.append(TextPiece(child, child.tag == _T, offset, offset + length))
                offset += length
    return pieces
