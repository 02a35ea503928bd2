"""``drafter outline FILE [--json]``: what import recognises in a report.

The clerk's quick look at any report's structure: title, front matter, the heading outline
with the numbers it should have, the end, and every repair import made.  ``--json`` prints
the same as an object (see :meth:`drafter.importer.Imported.outline`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from drafter.importer import Imported, read_report

_INDENT = "  "


def modules_for(args: argparse.Namespace) -> tuple[str, ...]:
    """python-docx's reader for a Word file (named by its suffix), for the CLI to import with
    the collector paused."""
    from drafter.importer.readers import DOCX_SUFFIXES

    word = Path(args.file).suffix.lower() in DOCX_SUFFIXES
    return ("drafter.importer.wordfile",) if word else ()


def run(args: argparse.Namespace) -> int:
    imported = read_report(args.file)
    if args.json:
        json.dump(imported.outline(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(render(imported, str(args.file)))
    return 0


def render(imported: Imported, name: str) -> str:
    """The outline as an indented Chinese text for a terminal."""
    document = imported.document
    outline = imported.outline()
    lines = [f"文件：{name}"]
    lines.append(f"标题：{document.title or '（未识别到标题）'}")
    if imported.year is not None:
        lines.append(f"年度：{imported.year}年")
    if document.front_matter:
        lines.append("标题下的其他内容：" + "　".join(document.front_matter))
    if document.addressee:
        lines.append(f"主送：{document.addressee}")
    lines.append(
        f"正文：{outline['paragraphs']}段（含各级标题），其中标题{len(outline['headings'])}个"
    )
    lines.append("")
    lines.append("提纲：")
    if not outline["headings"]:
        lines.append(f"{_INDENT}（未识别到带编号的标题）")
    for heading in outline["headings"]:
        mark = "（段首标题，后接正文）" if heading["run_in"] else ""
        lines.append(f"{_INDENT * heading['level']}{heading['number']}{heading['title']}{mark}")
    lines.append("")
    if document.closing:
        lines.append(f"结束语：{document.closing}")
    if outline["signature"] or outline["date"]:
        signature = "　".join(part for part in (outline["signature"], outline["date"]) if part)
        lines.append(f"落款：{signature}")
    else:
        lines.append("落款：（未识别到署名和日期）")
    if outline["repairs"]:
        lines.append("")
        lines.append(f"导入时做了{len(outline['repairs'])}项修正：")
        lines.extend(f"{_INDENT}- {repair}" for repair in outline["repairs"])
    return "\n".join(lines) + "\n"
