"""``drafter fill DRAFT 表.xlsx [更多.xlsx …] [--overwrite]``: figures from workbooks into the draft.

See :mod:`drafter.fill` for the rules.
"""

from __future__ import annotations

import argparse
import sys

from drafter.errors import EXIT_OK
from drafter.fill import fill_draft, shown


def run(args: argparse.Namespace) -> int:
    filled = fill_draft(args.draft, args.workbooks, overwrite=args.overwrite)
    for change in filled.taken:
        was = f"（原为 {shown(change.old)}）" if change.conflict else ""
        print(f"  {change.row.label}：{shown(change.cell.value)}{was}  ← {change.cell}")
    print(
        f"已填入 {len(filled.taken)} 项，与草稿相同 {filled.unchanged} 项，"
        f"未覆盖 {len(filled.conflicts)} 项：{args.draft}"
        if filled.taken
        else f"草稿未改动：没有新的数字（与草稿相同 {filled.unchanged} 项，"
        f"未覆盖 {len(filled.conflicts)} 项）。"
    )
    if filled.conflicts:
        print("以下数字与草稿中已填写的不同，未覆盖：", file=sys.stderr)
        for change in filled.conflicts:
            print(
                f"  {change.cell}  {change.row.label}：采集表为 {shown(change.cell.value)}，"
                f"草稿中为 {shown(change.old)}",
                file=sys.stderr,
            )
        print("如以采集表为准，请加 --overwrite 重新运行。", file=sys.stderr)
    for sheet in filled.skipped_sheets:
        print(f"已跳过工作表 {sheet}：第一行不是采集表的表头。", file=sys.stderr)
    return EXIT_OK
