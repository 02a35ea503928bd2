"""``drafter build``: drafts to reports, one file or a whole folder of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.build import FORMATS, build_file, output_format
from drafter.errors import EXIT_INPUT, EXIT_OK, DrafterError, UsageError
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile


def _layout(args: argparse.Namespace) -> LayoutProfile:
    return DEFAULT_LAYOUT.with_plain_fonts() if args.plain_fonts else DEFAULT_LAYOUT


def _report(built_gaps: int, output: Path) -> str:
    note = f"（含 {built_gaps} 处【待填】）" if built_gaps else ""
    return f"已生成：{output}{note}"


def run(args: argparse.Namespace) -> int:
    drafts = [Path(p) for p in args.drafts]
    output = Path(args.output)
    layout = _layout(args)
    if len(drafts) == 1 and not output.is_dir() and output.suffix:
        output_format(output)
        built = build_file(drafts[0], output, args.allow_missing, layout)
        print(_report(len(built.composed.gaps), output))
        return EXIT_OK

    # Several drafts (or an output folder): build each, keep going past failures, sum up.
    kind = args.format or "docx"
    if kind not in FORMATS:
        raise UsageError(f"无法识别的格式 {kind}")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} 不是目录：生成多份报告时 -o 应为输出目录")
    output.mkdir(parents=True, exist_ok=True)
    failures = 0
    total = len(drafts)
    for index, draft in enumerate(drafts, start=1):
        target = output / f"{draft.stem}.{kind}"
        prefix = f"[{index}/{total}]"
        try:
            built = build_file(draft, target, args.allow_missing, layout)
        except DrafterError as error:
            failures += 1
            print(f"{prefix} 失败：{error}", file=sys.stderr)
            continue
        print(f"{prefix} {_report(len(built.composed.gaps), target)}", flush=True)
    print(f"完成：成功 {total - failures} 份，失败 {failures} 份。")
    return EXIT_INPUT if failures else EXIT_OK
