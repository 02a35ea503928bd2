"""Readers: a report file (.docx, .txt, .md) into its paragraphs, with guard rails.

Every reader returns a list of :class:`SourceParagraph`: the text as a reader of the file sees
it, one paragraph after another, before any cleaning.  A .docx is read through the Word layer
(:mod:`drafter.word`): guarded, opened by python-docx, its text joined across runs, Word's
automatic list numbering resolved into ``auto_number`` and each paragraph's style, runs and
python-docx element kept.  Tables become one paragraph per row, cells separated by a tab.

Whatever the user hands us, the outcome is either paragraphs or an
:class:`~drafter.errors.InputError` with a Chinese message naming the file: an old ``.doc``, a
``.wps``, a PDF, an encrypted or corrupt file, an empty file, binary junk, a zip bomb or a huge
file.  Sizes are checked before anything is decompressed or parsed, and every file is read
once, so memory and time stay bounded whatever the input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from drafter.errors import InputError, os_reason
from drafter.vocab.lines import first_illegal, illegal_message, split_lines
from drafter.vocab.regex import lazy
from drafter.word.guard import EMPTY_ZIP_MAGIC, MAX_DOCX_BYTES, MB, ZIP_MAGIC, too_large

if TYPE_CHECKING:  # python-docx is imported only when a .docx is actually read
    from drafter.word.reading import WordFile

__all__ = ["MAX_DOCX_BYTES", "MAX_TEXT_BYTES", "SourceFile", "SourceParagraph", "read_source"]

MAX_TEXT_BYTES = 8 * MB
# An annual report has a few hundred paragraphs; past this, reading one would take minutes.
MAX_PARAGRAPHS = 20_000

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
SUPPORTED = ".docx、.txt 或 .md"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"


class Run(NamedTuple):
    """One run of a DOCX paragraph, with the formatting set directly on it (not inherited)."""

    text: str
    bold: bool | None = None
    font_east_asia: str | None = None
    font_ascii: str | None = None
    size_pt: float | None = None


class SourceParagraph(NamedTuple):
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
    runs: tuple[Run, ...] = ()
    # The python-docx paragraph element (CT_P) a .docx paragraph was read from.
    element: Any = None


# --------------------------------------------------------------------------- dispatch


class SourceFile(NamedTuple):
    """A report file read once: its kind ("docx", "txt", "md"), paragraphs and, for a .docx,
    the document python-docx opened (what the layout rules and ``--fix`` work on)."""

    path: Path
    kind: str
    paragraphs: list[SourceParagraph]
    word: WordFile | None = None


def read_paragraphs(path: str | Path) -> list[SourceParagraph]:
    """The paragraphs of a report file; raises InputError for anything that is not one."""
    return read_source(path).paragraphs


def read_source(path: str | Path) -> SourceFile:
    """Read a report file once, into its paragraphs; InputError for anything that is not one."""
    path = Path(path)
    size = _check_file(path)
    limit = (
        MAX_TEXT_BYTES
        if path.suffix.lower() in TEXT_SUFFIXES | MARKDOWN_SUFFIXES
        else (MAX_DOCX_BYTES)
    )
    try:
        with path.open("rb") as handle:
            # Never more than the file's size plus one byte is allocated: a growing file is caught.
            data = handle.read(min(size, limit) + 1)
    except OSError as error:
        raise InputError(f"无法读取文件（{os_reason(error)}）。", path) from error
    if len(data) > limit:
        raise too_large(path, max(size, len(data)), limit)
    kind = _sniff(path, data[:4096], data)
    if kind == "docx":
        from drafter.importer.wordfile import docx_paragraphs
        from drafter.word.reading import open_word

        word = open_word(path, data)
        return SourceFile(path, kind, docx_paragraphs(word), word)
    text = decode_text(data, path)
    # A .txt may hold Markdown ("# 标题", "**（一）…**"): its marks are not the report's.
    markdown = kind == "md" or looks_like_markdown(text)
    paragraphs = markdown_paragraphs(text) if markdown else text_paragraphs(text)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise too_many_paragraphs(path)
    return SourceFile(path, kind, paragraphs)


def too_many_paragraphs(path: Path) -> InputError:
    return InputError(
        f"文件中的段落超过 {MAX_PARAGRAPHS} 段，远超年度报告的篇幅，不予读取。请确认选对了文件。",
        path,
    )


_MARKDOWN_LINE = lazy(r"^(?:#{1,6}\s|\*\*[^*\n]+\*\*|[-*]\s)")


def looks_like_markdown(text: str) -> bool:
    """Whether a text file is Markdown: a "#" heading, or bold or list lines, in its first
    lines."""
    lines = [line.strip() for line in text.splitlines()[:200] if line.strip()]
    headings = sum(1 for line in lines if re.match(r"^#{1,6}\s", line))
    marked = sum(1 for line in lines if _MARKDOWN_LINE.match(line))
    return headings >= 1 and marked >= 2


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
    limit = (
        MAX_TEXT_BYTES
        if path.suffix.lower() in TEXT_SUFFIXES | MARKDOWN_SUFFIXES
        else (MAX_DOCX_BYTES)
    )
    if size > limit:
        raise too_large(path, size, limit)
    return size


def _sniff(path: Path, head: bytes, data: bytes) -> str:
    """'docx', 'txt' or 'md' — or an InputError saying what the file really is."""
    suffix = path.suffix.lower()
    if suffix == ".wps" or suffix == ".wpt":
        raise InputError(
            "这是 WPS 文字的专有格式（.wps），无法直接读取。"
            "请在 WPS 中打开，选择“文件 → 另存为”，文件类型选 Word 文档（*.docx）后再导入。",
            path,
        )
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path, data)
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


def _ole_error(path: Path, blob: bytes) -> InputError:
    """An OLE compound file: an old .doc/.wps, or a password-protected .docx."""
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


# Control characters, and U+FFFD (bytes a converter could not decode) counted apart: with it the
# class would compile into a 64K bitmap.
_CONTROL = lazy(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Private use area and unassigned-looking planes: what random bytes decode into under GB18030.
_ODD = lazy(r"[\ue000-\uf8ff\U00010000-\U0010ffff]")


def _refuse_junk(text: str, path: str | Path | None) -> str:
    if not text.strip():
        return text
    sample = text[:200_000]
    odd = len(_CONTROL.findall(sample)) + sample.count("\ufffd") + len(_ODD.findall(sample))
    if odd > max(3, len(sample) // 50):
        raise _not_text(path)
    found = first_illegal(text)
    if found is not None:  # a stray control character: say where, rather than carry it on
        raise InputError(illegal_message(found[1]), path, found[0])
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
    for number, line in enumerate(split_lines(text), start=1):
        if line.strip():
            paragraphs.append(SourceParagraph(text=line, line=number))
    return paragraphs


_MD_HEADING = lazy(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = lazy(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_SETEXT = lazy(r"^\s{0,3}(=+|-+)\s*$")
_MD_BULLET = lazy(r"^\s{0,3}(?:[-*+]|>)\s+")
_MD_EMPHASIS = lazy(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = lazy(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_MD_LINK = lazy(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_CODE = lazy(r"`([^`]*)`")
_MD_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


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

    for number, raw in enumerate(split_lines(text), start=1):
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

    The file is guarded before python-docx opens it (file size, every part's size and
    compression ratio, encrypted or old-format files), so this is safe on any file a user
    names.  Each table row becomes one paragraph with ``in_table`` set and the cells' text
    separated by a tab.
    """
    return read_source(path).paragraphs
