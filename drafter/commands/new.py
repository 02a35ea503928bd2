"""``drafter new``: a complete starting draft, every section and figure listed with its label,
or last year's report made into this year's draft (``--from``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.draftfile import DRAFT_SUFFIXES, write_new_draft
from drafter.errors import EXIT_OK, InputError, UsageError
from drafter.files import refuse_overwriting_inputs
from drafter.outline import PROFILE_NAMES, load_profile
from drafter.starting import new_draft


def modules_for(args: argparse.Namespace) -> tuple[str, ...]:
    """What importing ``args.source`` will import, for the CLI to import with the collector
    paused (python-docx's reader only for a Word file, named by its suffix)."""
    if not args.source:
        return ()
    from drafter.importer.readers import DOCX_SUFFIXES

    word = Path(args.source).suffix.lower() in DOCX_SUFFIXES
    return ("drafter.importer.to_draft", *(("drafter.importer.wordfile",) if word else ()))


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in DRAFT_SUFFIXES:
        raise InputError(
            f"草稿文件名应以 .yaml 或 .yml 结尾，不能是“{output.suffix or '无扩展名'}”"
            "（drafter new 只写草稿；生成报告请用 drafter build）",
            output,
        )
    if args.source:
        refuse_overwriting_inputs(output, [Path(args.source)])
    if output.exists() and not args.force:
        raise UsageError(f"{output} 已存在；如需覆盖请加 --force")
    if args.source:
        return _from_report(Path(args.source), output, args)
    if not args.org:
        raise UsageError("请用 --org 写明机关全称")
    if args.year is None:
        raise UsageError("请用 --year 写明报告所述年度，如 --year 2024")
    profile = load_profile(args.profile or "department")
    write_new_draft(output, new_draft(profile.id, args.org, args.year, output))
    print(
        f"已新建草稿：{output}（{PROFILE_NAMES[profile.id]}提纲，{len(profile.sections)} 个部分）"
    )
    return EXIT_OK


def _from_report(source: Path, output: Path, args: argparse.Namespace) -> int:
    from drafter.importer.to_draft import (
        OrganisationNotFound,
        YearNotFound,
        draft_from_report,
        summary,
    )

    try:
        conversion = draft_from_report(source, args.year, args.org, args.profile)
    except OrganisationNotFound as error:
        raise UsageError(f"{error.path}：{error.reason}，请用 --org 写明机关全称") from None
    except YearNotFound as error:
        raise UsageError(f"{error.path}：{error.reason}，请用 --year 写明新草稿的年度") from None
    write_new_draft(output, conversion.text)
    print(summary(conversion, source, output, len(conversion.gaps)))
    return EXIT_OK
