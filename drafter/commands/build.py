"""``drafter build``: drafts to reports, one file or a whole folder of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.build import Built, MissingFigures, build_file, output_format
from drafter.check.findings import format_findings
from drafter.errors import EXIT_INPUT, EXIT_OK, DrafterError, InputError, UsageError, os_reason
from drafter.files import refuse_overwriting_inputs
from drafter.layout import LayoutProfile, load_layout


def _report(built: Built) -> str:
    gaps = len(built.composed.gaps)
    note = f"（含 {gaps} 处【待填】）" if gaps else ""
    if built.kept is not None:
        note += (
            f"；{built.kept.name} 不是 drafter 生成的或生成后被修改过，未覆盖"
            "（确需覆盖请加 --force）"
        )
    return f"已生成：{built.output}{note}"


def _warn(draft: Path, built: Built) -> None:
    """What ``drafter check`` finds in the built text is shown, not fatal."""
    if built.findings:
        print(format_findings(str(draft), built.findings).rstrip("\n"), file=sys.stderr)


def _build(draft: Path, output: Path, args: argparse.Namespace, layout: LayoutProfile) -> Built:
    try:
        return build_file(draft, output, args.allow_missing, layout, args.force, args.reference_doc)
    except MissingFigures as error:
        hint = "如需先生成带【待填】标记的征求意见稿，请加 --allow-missing"
        raise DrafterError(f"{error}\n{hint}") from None


# The exporter each output format imports.
EXPORTERS = {
    "docx": ("drafter.export.docx",),
    "pdf": ("drafter.export.docx", "drafter.export.pdf"),
    "txt": ("drafter.export.text",),
    "md": ("drafter.export.text",),
}


def _one_file(drafts: list[str], output: Path) -> bool:
    """Whether ``-o`` names the one report to write (else a folder for several)."""
    return len(drafts) == 1 and not output.is_dir() and bool(output.suffix)


def modules_for(args: argparse.Namespace) -> tuple[str, ...]:
    """The exporter the output's format needs, for the CLI to import with the collector paused
    (an output drafter cannot write imports nothing more: it is refused first)."""
    output = Path(args.output)
    kind = output.suffix.lower().lstrip(".") if _one_file(args.drafts, output) else args.format
    return EXPORTERS.get(kind or "docx", ())


def run(args: argparse.Namespace) -> int:
    drafts = [Path(p) for p in args.drafts]
    output = Path(args.output)
    layout = load_layout(args.layout, args.plain_fonts)
    inputs = [*drafts, *([Path(args.layout)] if getattr(args, "layout", None) else [])]
    if _one_file(args.drafts, output):
        output_format(output)
        refuse_overwriting_inputs(output, inputs)
        built = _build(drafts[0], output, args, layout)
        _warn(drafts[0], built)
        print(_report(built))
        return EXIT_OK

    # Several drafts (or an output folder): build each, keep going past failures, sum up.
    kind = args.format or "docx"  # argparse has already limited it to the known formats
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} 不是目录：生成多份报告时 -o 应为输出目录")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"无法创建输出目录（{os_reason(error)}）", output) from None
    failures = 0
    total = len(drafts)
    claimed: dict[str, Path] = {}  # output name → the draft that writes it
    for index, draft in enumerate(drafts, start=1):
        target = output / f"{draft.stem}.{kind}"
        prefix = f"[{index}/{total}]"
        try:
            earlier = claimed.setdefault(target.name.casefold(), draft)
            if earlier is not draft:
                raise InputError(
                    f"与 {earlier} 同名，两者都会写到 {target}；为不覆盖前一份报告，未生成。"
                    "请把其中一份草稿改名后重试",
                    draft,
                )
            refuse_overwriting_inputs(target, inputs)
            built = _build(draft, target, args, layout)
        except DrafterError as error:
            failures += 1
            print(f"{prefix} 失败：{error}", file=sys.stderr)
            continue
        _warn(draft, built)
        print(f"{prefix} {_report(built)}", flush=True)
    print(f"完成：成功 {total - failures} 份，失败 {failures} 份。")
    return EXIT_INPUT if failures else EXIT_OK
