"""``drafter check FILE [--json] [--fix -o OUT]``: find the mistakes in a report or a draft.

Prints the findings grouped by severity (错误 / 警告 / 提示) and exits 1 when there is an error,
0 otherwise.  ``--fix -o OUT`` also writes a corrected copy (numbering, punctuation, date form)
and leaves FILE untouched.

JSON output (``--json``), version 1 — a stable shape; keys are never renamed or removed within
a version, new keys may be added::

    {
      "version": 1,
      "file": "报告.docx",                  # the path as given
      "kind": "docx",                       # "docx" | "txt" | "md" | "draft"
      "summary": {"error": 1, "warning": 2, "info": 0},
      "findings": [                         # errors first, then warnings, then hints;
        {                                   # each group in reading order
          "severity": "error",              # "error" | "warning" | "info"
          "code": "numbering.form",         # the rule, see below
          "message": "一级标题编号“2、”应用汉字数字，应为“二、”。",
          "paragraph": 28,                  # 1-based over the report's non-empty paragraphs;
                                            # null for whole-document findings (page, footer)
          "line": 28,                       # line of a .txt/.md, paragraph of a .docx; or null
          "heading_path": ["2、 工作亮点"],  # enclosing headings as written, itself included
          "excerpt": "2、 工作亮点",          # a short piece of the paragraph
          "found": "2、",                    # the text as written, or null
          "corrected": "二、",               # the corrected value, or null
          "fixable": true                   # whether --fix corrects it
        }
      ],
      "fix": {"output": "修正稿.docx", "applied": 3, "skipped": 0}   # only with --fix
    }

Rule codes: numbering.form, numbering.sequence, numbering.skipped-level, numbering.space;
arithmetic.rate, arithmetic.parts, arithmetic.percent-over-100, arithmetic.change;
dates.title-year, dates.other-year, dates.plan-year, dates.signature-form,
dates.after-signature; punctuation.half-width, punctuation.parentheses, punctuation.quotes,
punctuation.spacing; layout.page-size, layout.margins, layout.font, layout.font-size,
layout.line-pitch, layout.page-number, layout.signature.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from drafter.check.findings import Finding, counts, format_findings, has_errors
from drafter.check.source import DRAFT_SUFFIXES, check_path
from drafter.errors import EXIT_INPUT, EXIT_OK, InputError, UsageError, os_reason
from drafter.importer.readers import DOCX_SUFFIXES
from drafter.layout import load_layout

JSON_VERSION = 1
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# The Word files --fix writes a corrected copy of (as a .docx).
WORD_SUFFIXES = {".docx", ".docm"}


def modules_for(args: argparse.Namespace) -> tuple[str, ...]:
    """What checking ``args.file`` will import, named by its suffix, for the CLI to import
    with the collector paused (a file whose content belongs to another kind still checks
    right: it imports its own modules when it is read)."""
    suffix = Path(args.file).suffix.lower()
    if suffix in DRAFT_SUFFIXES:
        return ("drafter.compose", "drafter.draftfile", "drafter.outline")
    modules = ["drafter.importer.matching", "drafter.importer.profile"]
    if suffix in DOCX_SUFFIXES:
        modules += ["drafter.importer.wordfile", "drafter.check.docxfile", "drafter.check.layout"]
    if args.fix:
        modules.append("drafter.check.fix")
    return tuple(modules)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.output and not args.fix:
        raise UsageError("-o 只与 --fix 一起使用：drafter check 报告 --fix -o 修正稿")
    if args.fix:
        _check_fix_target(path, args.output)
    checked = check_path(path, load_layout(args.layout, args.plain_fonts))
    fix_result = None
    if args.fix:
        from drafter.check.fix import write_fixed

        try:
            fix_result = write_fixed(checked, args.output)
        except OSError as error:
            raise InputError(f"无法写出修正稿（{os_reason(error)}）", args.output) from None

    if args.json:
        import json

        document: dict[str, Any] = to_json(str(args.file), checked.kind, checked.findings)
        if fix_result is not None:
            document["fix"] = {
                "output": str(args.output),
                "applied": len(fix_result.applied),
                "skipped": len(fix_result.skipped),
            }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_findings(str(args.file), checked.findings, checked.line_unit))
        if fix_result is not None:
            note = f"已写出修正稿：{args.output}（修正 {len(fix_result.applied)} 处"
            if fix_result.skipped:
                note += f"，另有 {len(fix_result.skipped)} 处无法自动修正，请手工修改"
            sys.stdout.write(note + "；原文件未改动）\n")
    return EXIT_INPUT if has_errors(checked.findings) else EXIT_OK


def _check_fix_target(path: Path, output: str | None) -> None:
    if not output:
        raise UsageError("--fix 需要用 -o 指定修正稿的文件名（原文件不会被改动）")
    target = Path(output)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        raise UsageError("草稿（.yaml）请直接修改草稿文件，--fix 只用于 .docx/.txt/.md 报告")
    wanted = {".docx"} if suffix in WORD_SUFFIXES else TEXT_SUFFIXES
    if target.suffix.lower() not in wanted:
        shown = "、".join(sorted(wanted))
        raise UsageError(
            f"修正稿应与原文件同一格式（{shown}），不能是“{target.suffix or '无扩展名'}”"
        )
    if target.exists() and path.exists() and os.path.samefile(target, path):
        raise UsageError("修正稿不能覆盖原文件，请用 -o 指定另一个文件名")
    if target.is_dir():
        raise UsageError(f"{target} 是目录，请给出修正稿的文件名")


def to_json(file: str, kind: str, findings: list[Finding]) -> dict[str, Any]:
    """The ``--json`` document (see the module docstring for its shape)."""
    return {
        "version": JSON_VERSION,
        "file": file,
        "kind": kind,
        "summary": counts(findings),
        "findings": [f.to_json() for f in findings],
    }
