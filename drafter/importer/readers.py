"""Readers: a report file (.docx, .txt, .md) into its paragraphs, with guard rails.

Every reader returns a list of :class:`SourceParagraph`: the text as a reader of the file sees
it, one paragraph after another, before any cleaning.  For .docx the text is joined across
runs, Word's automatic list numbering (``w:numPr``) is resolved into ``auto_number`` and the
paragraph's style and runs are kept, so ``drafter check`` can use :func:`read_docx` on any
DOCX.  Tables become one paragraph per row, cells separated by a tab.

Whatever the user hands us, the outcome is either paragraphs or an
:class:`~drafter.errors.InputError` with a Chinese message naming the file: an old ``.doc``, a
``.wps``, a PDF, an encrypted or corrupt file, an empty file, binary junk, a zip bomb or a huge
file.  Sizes are checked before anything is decompressed or parsed, and every read is bounded,
so memory and time stay bounded whatever the input.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, os_reason
from drafter.vocab.chars import FULLWIDTH_DIGITS
from drafter.vocab.headings import CIRCLED
from drafter.vocab.numerals import FINANCIAL, MAX_NUMERAL, chinese_numeral
from drafter.wordml import W, body_blocks, iter_runs, run_text

if TYPE_CHECKING:  # lxml is imported only when a .docx is actually read
    from lxml.etree import _Element

MB = 1024 * 1024
# A report is text: even a Word file full of photos stays well under this.  A 50 MB file is
# refused before a single byte of it is read.
MAX_DOCX_BYTES = 40 * MB
MAX_TEXT_BYTES = 8 * MB
# Inside a .docx: the XML parts we read may not unpack to more than this, nor unpack more than
# MAX_RATIO times their compressed size (real document.xml compresses about 5 to 15 times).
MAX_PART_BYTES = 64 * MB
MAX_RATIO = 200
MAX_ZIP_MEMBERS = 10_000

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
SUPPORTED = ".docx、.txt 或 .md"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"


@dataclass(frozen=True)
class Run:
    """One run of a DOCX paragraph, with the formatting set directly on it (not inherited)."""

    text: str
    bold: bool | None = None
    font_east_asia: str | None = None
    font_ascii: str | None = None
    size_pt: float | None = None


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph as read from the file, before cleaning.

    ``text`` is what is typed in the paragraph; ``auto_number`` is the number Word draws in
    front of it from its list numbering ("一、", "（二）"), resolved to the text a reader sees,
    or None.  ``number_format`` is that level's ``w:numFmt`` (``chineseCounting``,
    ``decimal``…) and ``list_level`` its ``w:ilvl``.  ``heading_hint`` is a heading depth the
    file itself declares: the number of "#" in Markdown, a Word outline level or "Heading N"
    style (1-based), else None.  ``line`` is the 1-based line in a text file, or the
    paragraph's position in the DOCX body.
    """

    text: str
    line: int
    auto_number: str | None = None
    number_format: str | None = None
    list_level: int | None = None
    heading_hint: int | None = None
    style: str | None = None
    centered: bool = False
    in_table: bool = False
    runs: tuple[Run, ...] = field(default=(), repr=False)


# --------------------------------------------------------------------------- dispatch


def read_paragraphs(path: str | Path) -> list[SourceParagraph]:
    """The paragraphs of a report file; raises InputError for anything that is not one."""
    path = Path(path)
    _check_file(path)
    head = _read_head(path)
    kind = _sniff(path, head)
    if kind == "docx":
        return read_docx(path)
    data = path.read_bytes()
    text = decode_text(data, path)
    if kind == "md":
        return markdown_paragraphs(text)
    return text_paragraphs(text)


def _check_file(path: Path) -> int:
    if not path.exists():
        raise InputError("找不到这个文件，请检查路径和文件名。", path)
    if path.is_dir():
        raise InputError(f"这是一个文件夹，不是报告文件；请给出一个 {SUPPORTED} 文件。", path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"无法读取文件（{os_reason(error)}）。", path) from error
    if size == 0:
        raise InputError("文件是空的（0 字节），里面没有报告内容。", path)
    limit = MAX_DOCX_BYTES if path.suffix.lower() in DOCX_SUFFIXES else MAX_TEXT_BYTES
    if path.suffix.lower() not in DOCX_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        limit = MAX_DOCX_BYTES
    if size > limit:
        raise InputError(
            f"文件过大（{size / MB:.1f} MB），超过 {limit // MB} MB 的上限，不予读取。"
            "年度报告通常只有几十 KB 到几 MB；请确认选对了文件，"
            "或删去其中的大图片后另存再导入。",
            path,
        )
    return size


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError as error:
        raise InputError(f"无法读取文件（{os_reason(error)}）。", path) from error


def _sniff(path: Path, head: bytes) -> str:
    """'docx', 'txt' or 'md' — or an InputError saying what the file really is."""
    suffix = path.suffix.lower()
    if suffix == ".wps" or suffix == ".wpt":
        raise InputError(
            "这是 WPS 文字的专有格式（.wps），无法直接读取。"
            "请在 WPS 中打开，选择“文件 → 另存为”，文件类型选 Word 文档（*.docx）后再导入。",
            path,
        )
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(PDF_MAGIC):
        raise InputError(
            "这是 PDF 文件，无法直接导入。请用 Word 或 WPS 打开后另存为 .docx，"
            "或把文字复制出来保存为 .txt（UTF-8）后再导入。",
            path,
        )
    if head.startswith(RTF_MAGIC):
        raise InputError(
            "这是 RTF 格式的文件，无法直接导入。请在 Word 或 WPS 中另存为 .docx 后再导入。", path
        )
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        if suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
            raise InputError(
                f"扩展名是 {suffix}，内容却是压缩包（可能是改了扩展名的 .docx）。"
                "请把扩展名改回 .docx 后再导入。",
                path,
            )
        return "docx"
    if suffix == ".doc":
        raise InputError(
            "扩展名是 .doc，但内容不是 Word 文档。请在 Word 或 WPS 中另存为 .docx 后再导入。",
            path,
        )
    if suffix in DOCX_SUFFIXES:
        raise InputError(
            "文件已损坏或不是 Word 文档：.docx 应是一个压缩包，这个文件的开头却不是。"
            "请在 Word 或 WPS 中重新打开并另存为 .docx。",
            path,
        )
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    shown = suffix or "（无扩展名）"
    raise InputError(f"不支持的文件类型 {shown}：请使用 {SUPPORTED} 文件。", path)


def _ole_error(path: Path) -> InputError:
    """An OLE compound file: an old .doc/.wps, or a password-protected .docx."""
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_DOCX_BYTES)
    except OSError:
        blob = b""
    if "EncryptionInfo".encode("utf-16-le") in blob or "EncryptedPackage".encode("utf-16-le") in (
        blob
    ):
        return InputError(
            "文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中打开，"
            "取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后另存为 .docx 再导入。",
            path,
        )
    return InputError(
        "这是旧版 Word 文档（.doc 格式），无法直接读取。请在 Word 或 WPS 中打开，"
        "选择“文件 → 另存为”，文件类型选 Word 文档（*.docx）后再导入。",
        path,
    )


# --------------------------------------------------------------------------- text and Markdown


def decode_text(data: bytes, path: str | Path | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312).

    Binary junk is refused: NUL bytes without a UTF-16 BOM, undecodable bytes, or text made
    mostly of control characters.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _not_text(path) from error
        return _refuse_junk(text.lstrip("\ufeff"), path)
    if b"\x00" in data:
        raise _not_text(path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _refuse_junk(text, path)
    raise InputError(
        "无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030），或者它根本不是文本文件。"
        "请用记事本打开后“另存为”，编码选 UTF-8。",
        path,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# Private use area and unassigned-looking planes: what random bytes decode into under GB18030.
_ODD = re.compile(r"[\ue000-\uf8ff\U00010000-\U0010ffff]")


def _refuse_junk(text: str, path: str | Path | None) -> str:
    if not text.strip():
        return text
    sample = text[:200_000]
    odd = len(_CONTROL.findall(sample)) + len(_ODD.findall(sample))
    if odd > max(3, len(sample) // 50):
        raise _not_text(path)
    return text


def _not_text(path: str | Path | None) -> InputError:
    return InputError(
        "文件内容不是文字（像是二进制数据或已损坏），无法作为报告读取。"
        f"请确认选对了文件；报告应是 {SUPPORTED} 文件。",
        path,
    )


def text_paragraphs(text: str) -> list[SourceParagraph]:
    """One paragraph a line; blank lines are dropped (text out of a PDF has them everywhere)."""
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            paragraphs.append(SourceParagraph(text=line, line=number))
    return paragraphs


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def markdown_paragraphs(text: str) -> list[SourceParagraph]:
    """Markdown paragraphs as plain text: "#" headings give a heading hint, emphasis, links and
    escapes are unwrapped, lines of one paragraph are joined (a hard break — two trailing
    spaces or a backslash — starts a new one)."""
    paragraphs: list[SourceParagraph] = []
    pending: list[str] = []
    start = 0

    def flush() -> None:
        if pending:
            paragraphs.append(SourceParagraph(text=_md_inline(_join_lines(pending)), line=start))
            pending.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            flush()
            continue
        heading = _MD_HEADING.match(raw)
        if heading:
            flush()
            paragraphs.append(
                SourceParagraph(
                    text=_md_inline(heading.group(2)),
                    line=number,
                    heading_hint=len(heading.group(1)),
                )
            )
            continue
        setext = _MD_SETEXT.match(raw)
        if setext and pending:
            # "Title" underlined with === or --- is a heading of depth 1 or 2.
            text = _md_inline(_join_lines(pending))
            pending.clear()
            depth = 1 if setext.group(1).startswith("=") else 2
            paragraphs.append(SourceParagraph(text=text, line=start, heading_hint=depth))
            continue
        if _MD_RULE.match(raw):
            flush()
            continue
        line = _MD_BULLET.sub("", raw)
        if not pending:
            start = number
        hard_break = raw.endswith("  ") or raw.rstrip().endswith("\\")
        pending.append(line.rstrip().removesuffix("\\").strip())
        if hard_break:
            flush()
    flush()
    return paragraphs


def _join_lines(lines: list[str]) -> str:
    """Soft-wrapped lines of one paragraph: Chinese joins without a space, Latin with one."""
    joined = lines[0]
    for line in lines[1:]:
        if joined and line and joined[-1].isascii() and line[0].isascii():
            joined += " " + line
        else:
            joined += line
    return joined


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_ITALIC.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


# --------------------------------------------------------------------------- DOCX


def read_docx(path: str | Path) -> list[SourceParagraph]:
    """Every paragraph of a .docx body in order, with Word's list numbering resolved.

    The guard rails apply (file size, zip members' sizes and compression ratio, encrypted or
    old-format files), so this is safe on any file a user names.  Each table row becomes one
    paragraph with ``in_table`` set and the cells' text separated by a tab.
    """
    path = Path(path)
    _check_file(path)
    head = _read_head(path)
    if not (head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC)):
        _sniff(path, head)  # raises the precise message for OLE, PDF, RTF, text…
        raise InputError("文件不是 .docx（Word 文档）。", path)
    parts = _docx_parts(path)
    from lxml import etree  # deferred: only DOCX import pays for lxml

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )

    def parse(name: str) -> _Element | None:
        data = parts.get(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            raise InputError(
                f"文件已损坏：其中的 {name} 无法解析（{error.msg}）。"
                "请在 Word 或 WPS 中打开后重新另存为 .docx。",
                path,
            ) from error

    document = parse("word/document.xml")
    assert document is not None
    styles = _Styles(parse("word/styles.xml"))
    numbering = _Numbering(parse("word/numbering.xml"))
    body = document.find(f"{W}body")
    if body is None:
        raise InputError("文件已损坏：word/document.xml 中没有正文（w:body）。", path)
    paragraphs: list[SourceParagraph] = []
    for element in body_blocks(body):
        position = len(paragraphs) + 1
        if element.tag == f"{W}p":
            paragraphs.append(_paragraph(element, position, styles, numbering))
        else:
            paragraphs.extend(_table_rows(element, position))
    return paragraphs


def _docx_parts(path: Path) -> dict[str, bytes]:
    """The XML parts of a .docx that import reads, each read with its size bounded."""
    wanted = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(
            "文件已损坏：它不是完整的 .docx 压缩包（可能下载或拷贝不完整）。"
            "请在 Word 或 WPS 中打开并另存为 .docx 后再导入。",
            path,
        ) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise _bomb(path, f"压缩包中有 {len(infos)} 个文件")
        names = {info.filename: info for info in infos}
        if "EncryptionInfo" in names or "EncryptedPackage" in names:
            raise InputError(
                "文件设有打开密码（已加密），无法读取。请取消密码后另存为 .docx。", path
            )
        if "word/document.xml" not in names:
            raise InputError(
                "这不是 Word 文档（.docx）：压缩包中没有 word/document.xml。"
                "请确认选对了文件，或在 Word 或 WPS 中另存为 .docx。",
                path,
            )
        for info in infos:
            if info.file_size > MAX_PART_BYTES and info.filename in wanted:
                raise _bomb(path, f"{info.filename} 解压后有 {info.file_size / MB:.0f} MB")
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO and info.file_size > MB:
                raise _bomb(path, f"{info.filename} 的压缩比高达 {ratio:.0f} 倍")
        parts: dict[str, bytes] = {}
        for name in wanted:
            part = names.get(name)
            if part is None:
                continue
            try:
                with archive.open(part) as member:
                    data = member.read(MAX_PART_BYTES + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
            ) as error:
                raise InputError(
                    f"文件已损坏：其中的 {name} 无法解压。"
                    "请在 Word 或 WPS 中打开后重新另存为 .docx。",
                    path,
                ) from error
            if len(data) > MAX_PART_BYTES:
                raise _bomb(path, f"{name} 解压后超过 {MAX_PART_BYTES // MB} MB")
            parts[name] = data
        return parts


def _bomb(path: Path, detail: str) -> InputError:
    return InputError(
        f"拒绝读取：{detail}，超出正常 Word 文档的范围（疑似“压缩炸弹”或已损坏的文件）。"
        "请确认文件来源，或在 Word 或 WPS 中重新另存为 .docx。",
        path,
    )


def _paragraph_text(p: _Element) -> tuple[str, tuple[Run, ...]]:
    parts: list[str] = []
    runs: list[Run] = []
    for run in iter_runs(p):
        text = run_text(run)
        if not text:
            continue
        parts.append(text)
        runs.append(_run_format(run, text))
    return "".join(parts), tuple(runs)


def _run_format(run: _Element, text: str) -> Run:
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return Run(text)
    bold = _on_off(rpr.find(f"{W}b"))
    fonts = rpr.find(f"{W}rFonts")
    size = rpr.find(f"{W}sz")
    size_pt = None
    if size is not None:
        try:
            size_pt = int(size.get(f"{W}val", "")) / 2
        except ValueError:
            size_pt = None
    return Run(
        text,
        bold=bold,
        font_east_asia=fonts.get(f"{W}eastAsia") if fonts is not None else None,
        font_ascii=fonts.get(f"{W}ascii") if fonts is not None else None,
        size_pt=size_pt,
    )


def _on_off(element: _Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _paragraph(
    p: _Element, position: int, styles: _Styles, numbering: _Numbering
) -> SourceParagraph:
    text, runs = _paragraph_text(p)
    ppr = p.find(f"{W}pPr")
    style_id = None
    centered = False
    outline = None
    num_id = ilvl = None
    if ppr is not None:
        style = ppr.find(f"{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else None
        jc = ppr.find(f"{W}jc")
        centered = jc is not None and jc.get(f"{W}val") == "center"
        level = ppr.find(f"{W}outlineLvl")
        if level is not None:
            outline = _int(level.get(f"{W}val"))
        num_id, ilvl = _num_pr(ppr)
    if num_id is None and style_id is not None:
        num_id, style_ilvl = styles.numbering(style_id)
        ilvl = ilvl if ilvl is not None else style_ilvl
    if outline is None and style_id is not None:
        outline = styles.outline_level(style_id)
    auto_number, number_format = (None, None)
    if num_id is not None:
        auto_number, number_format = numbering.next_number(num_id, ilvl or 0)
    hint = outline + 1 if outline is not None and 0 <= outline < 9 else None
    return SourceParagraph(
        text=text,
        line=position,
        auto_number=auto_number,
        number_format=number_format,
        list_level=ilvl if num_id is not None else None,
        heading_hint=hint,
        style=styles.name(style_id),
        centered=centered,
        runs=runs,
    )


def _table_rows(table: _Element, position: int) -> list[SourceParagraph]:
    rows: list[SourceParagraph] = []
    for row in table.iter(f"{W}tr"):
        cells = []
        for cell in row.findall(f"{W}tc"):
            texts = [_paragraph_text(p)[0] for p in cell.iter(f"{W}p")]
            cells.append("".join(texts).strip())
        if any(cells):
            rows.append(
                SourceParagraph(text="\t".join(cells), line=position + len(rows), in_table=True)
            )
    return rows


def _num_pr(ppr: _Element) -> tuple[int | None, int | None]:
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None, None
    num = num_pr.find(f"{W}numId")
    level = num_pr.find(f"{W}ilvl")
    num_id = _int(num.get(f"{W}val")) if num is not None else None
    ilvl = _int(level.get(f"{W}val")) if level is not None else None
    return num_id, ilvl


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


class _Styles:
    """Paragraph styles: names, and numbering or outline levels they carry (through basedOn)."""

    def __init__(self, root: _Element | None) -> None:
        self._styles: dict[str, Any] = {}
        if root is None:
            return
        for style in root.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id is None:
                continue
            name = style.find(f"{W}name")
            based = style.find(f"{W}basedOn")
            ppr = style.find(f"{W}pPr")
            num_id = ilvl = outline = None
            if ppr is not None:
                num_id, ilvl = _num_pr(ppr)
                level = ppr.find(f"{W}outlineLvl")
                outline = _int(level.get(f"{W}val")) if level is not None else None
            self._styles[style_id] = {
                "name": name.get(f"{W}val") if name is not None else style_id,
                "based": based.get(f"{W}val") if based is not None else None,
                "num": (num_id, ilvl),
                "outline": outline,
            }

    def _chain(self, style_id: str) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self._styles:
            seen.add(current)
            style = self._styles[current]
            yield style
            current = style["based"]

    def name(self, style_id: str | None) -> str | None:
        if style_id is None:
            return None
        style = self._styles.get(style_id)
        return style["name"] if style else style_id

    def numbering(self, style_id: str) -> tuple[int | None, int | None]:
        for style in self._chain(style_id):
            num_id, ilvl = style["num"]
            if num_id is not None:
                return num_id, ilvl
        return None, None

    def outline_level(self, style_id: str) -> int | None:
        for style in self._chain(style_id):
            if style["outline"] is not None:
                return int(style["outline"])
        name = (self.name(style_id) or "").lower()
        match = re.fullmatch(r"heading\s*([1-9])", name)
        return int(match.group(1)) - 1 if match else None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


class _Numbering:
    """Word's list numbering: counters per abstract list, as Word draws them."""

    def __init__(self, root: _Element | None) -> None:
        self._abstract: dict[int, dict[int, _Level]] = {}
        self._nums: dict[int, tuple[int, dict[int, _Level], dict[int, int]]] = {}
        self._counters: dict[int, list[int | None]] = {}
        self._started: set[int] = set()
        if root is None:
            return
        for abstract in root.findall(f"{W}abstractNum"):
            abstract_id = _int(abstract.get(f"{W}abstractNumId"))
            if abstract_id is not None:
                self._abstract[abstract_id] = {
                    level: definition
                    for level, definition in (_level(lvl) for lvl in abstract.findall(f"{W}lvl"))
                }
        for num in root.findall(f"{W}num"):
            num_id = _int(num.get(f"{W}numId"))
            ref = num.find(f"{W}abstractNumId")
            abstract_id = _int(ref.get(f"{W}val")) if ref is not None else None
            if num_id is None or abstract_id is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"))
                if ilvl is None:
                    continue
                start = override.find(f"{W}startOverride")
                if start is not None and _int(start.get(f"{W}val")) is not None:
                    starts[ilvl] = _int(start.get(f"{W}val")) or 0
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)[1]
            self._nums[num_id] = (abstract_id, overrides, starts)

    def _levels(self, num_id: int) -> tuple[int, dict[int, _Level], dict[int, int]] | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abstract_id, overrides, starts = entry
        levels = dict(self._abstract.get(abstract_id, {}))
        levels.update(overrides)
        return abstract_id, levels, starts

    def next_number(self, num_id: int, ilvl: int) -> tuple[str | None, str | None]:
        """Advance the list's counter at ``ilvl`` and return the number drawn, and its format."""
        if num_id == 0:
            return None, None
        found = self._levels(num_id)
        if found is None:
            return None, None
        abstract_id, levels, starts = found
        level = levels.get(ilvl)
        if level is None:
            return None, None
        if not 0 <= ilvl < 9:
            return None, None
        # The last value drawn at each level of the abstract list; None: not started yet.
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            for restart_level, value in starts.items():
                if 0 <= restart_level < 9:
                    counters[restart_level] = value - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return None, level.fmt

        def substitute(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            ref_level = levels.get(referenced, level)
            value = counters[referenced]
            return format_counter(ref_level.start if value is None else value, ref_level.fmt)

        return re.sub(r"%([1-9])", substitute, level.text), level.fmt


def _level(lvl: _Element) -> tuple[int, _Level]:
    ilvl = _int(lvl.get(f"{W}ilvl")) or 0
    start = lvl.find(f"{W}start")
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    first = _int(start.get(f"{W}val")) if start is not None else None
    return ilvl, _Level(
        start=1 if first is None else first,
        fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text=text.get(f"{W}val", "") if text is not None else f"%{ilvl + 1}.",
    )


_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def format_counter(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital"):  # fmt: skip
        if 1 <= value <= MAX_NUMERAL:
            text = chinese_numeral(value)
            return text.translate(FINANCIAL) if fmt == "chineseLegalSimplified" else text
        return str(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(value - 1) % 12]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", FULLWIDTH_DIGITS))
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for amount, letters in numerals:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out) or str(value)
