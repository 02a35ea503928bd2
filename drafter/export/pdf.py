"""PDF for publication: the DOCX rendered by LibreOffice headless.

The report is written as the DOCX drafter always writes, then ``soffice --convert-to pdf`` lays
it out, so the PDF has the DOCX's pages.  The export asks for PDF/A-2b, which embeds every font
(a published report must look the same on a machine without 仿宋_GB2312).  LibreOffice runs with
a profile directory of its own (``-env:UserInstallation``), so it works while the clerk has
LibreOffice open, and two builds never share a profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import InputError, os_reason
from drafter.files import replacing

# PDF/A-2b: all fonts embedded, no external content; EmbedStandardFonts covers the base 14 too.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"EmbedStandardFonts":{"type":"boolean","value":"true"}}'
)
TIMEOUT_SECONDS = 240  # a fresh profile takes a few seconds; a long report a few more

# Where installers put soffice when it is not on PATH.
_KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

NO_LIBREOFFICE = (
    "未找到 LibreOffice，无法生成 PDF。请先安装 LibreOffice：Debian/Ubuntu 运行 "
    "apt-get install libreoffice-writer-nogui（另需中文字体 fonts-noto-cjk），"
    "Windows 或 macOS 从 LibreOffice 官网下载安装；"
    "也可以先生成 .docx，再用 Word 或 WPS 另存为 PDF"
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in _KNOWN_PLACES if os.path.isfile(place)), None)


@contextmanager
def docx_for_pdf(output: Path) -> Iterator[Path]:
    """A temporary .docx path to write the report to; on leaving, it becomes ``output`` (PDF).

    LibreOffice is looked for first, so a missing one is said before anything is written.
    """
    soffice = find_soffice()
    if soffice is None:
        raise InputError(NO_LIBREOFFICE, output)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as folder:
        work = Path(folder)
        docx = work / f"{output.stem or 'report'}.docx"
        yield docx
        convert(soffice, docx, output, work)


def convert(soffice: str, docx: Path, output: Path, work: Path) -> None:
    """Render ``docx`` to ``output`` with LibreOffice, using a profile inside ``work``."""
    profile = work / "profile"
    outdir = work / "pdf"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(outdir),
        str(docx),
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内未完成 PDF 转换，已放弃。请稍后重试", output
        ) from None
    except OSError as error:
        raise InputError(f"无法启动 LibreOffice（{os_reason(error)}）", output) from None
    produced = outdir / f"{docx.stem}.pdf"
    if result.returncode != 0 or not produced.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["没有输出"]
        raise InputError(f"LibreOffice 未能生成 PDF（{detail[0]}）", output)
    try:
        with replacing(output) as temporary:
            shutil.copyfile(produced, temporary)
    except OSError as error:
        raise InputError(f"无法写入输出文件（{os_reason(error)}）", output) from None
