"""``drafter collect DRAFT -o 采集表.xlsx [--by-office] [--all]``: ask the other offices for figures.

See :mod:`drafter.collect` for the workbook's layout.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.collect import write_workbook
from drafter.errors import EXIT_OK, UsageError
from drafter.inventory import figure_rows, resolve_file


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"采集表应保存为 .xlsx 文件，而不是“{output.suffix or '无扩展名'}”")
    resolved = resolve_file(args.draft)
    meta = resolved.draft.meta
    collected = write_workbook(
        figure_rows(resolved),
        output,
        by_office=args.by_office,
        include_filled=args.all,
        title=f"{meta.organisation}{meta.year}年法治政府建设年度报告数字采集表",
    )
    if not collected.count:
        print("草稿中的数字都已填写，未生成采集表（加 --all 可列出全部数字）。")
        return EXIT_OK
    sheets = "、".join(f"{name} {count} 项" for name, count in collected.sheets.items())
    print(f"已生成：{output}（{collected.count} 项数字：{sheets}）")
    print(f"填好后运行：drafter fill {args.draft} {output}")
    return EXIT_OK
