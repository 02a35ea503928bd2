"""How fast `drafter collect` and `drafter fill` are on the bundled sample.

Prints each command's whole-process time as a ratio to its floor: `python -c "import openpyxl"`
plus opening the same workbook (the one `collect` writes, or the filled one `fill` reads, in
the read-only mode `fill` uses), median of interleaved runs, drafter's bytecode compiled as an
installed copy has it.

The draft is the larger sample with this year's values taken out, so every figure is asked for
and every one is filled back.  `fill` rewrites its draft, so each fill run first copies the
empty draft back (`cp`, well under a millisecond of the run).  Most of `fill` past its floor
is the round-trip YAML writer (ruamel.yaml's load and dump keep the draft's comments and order:
about 70% of fill's own time in a profile), the rest drafter's core imports.

Run: python benchmarks/bench_collect.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, compiled_bytecode, interleaved, median_ms

SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))
FIGURE_LINE = re.compile(r"^(\s+)(\w+): \{value: ([^,}]+), ", flags=re.MULTILINE)


def prepare(folder: Path) -> tuple[Path, Path, Path]:
    """The emptied draft, the workbook collect writes for it, and that workbook filled in."""
    sample = max(SAMPLES, key=lambda p: p.stat().st_size)
    text = sample.read_text(encoding="utf-8")
    values = {m.group(2): m.group(3) for m in FIGURE_LINE.finditer(text)}
    empty = folder / "empty.yaml"
    empty.write_text(FIGURE_LINE.sub(r"\1\2: {", text), encoding="utf-8")
    from openpyxl import load_workbook

    from drafter.cli import main

    asked = folder / "asked.xlsx"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["collect", str(empty), "-o", str(asked), "--by-office"]) == 0
    workbook = load_workbook(asked)
    for sheet in workbook.worksheets:
        for row in range(2, sheet.max_row + 1):
            figure = str(sheet.cell(row, 1).value).split(".")[-1]
            if figure in values:
                number = values[figure]
                sheet.cell(row, 6).value = float(number) if "." in number else int(number)
    filled = folder / "filled.xlsx"
    workbook.save(filled)
    return empty, asked, filled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        empty, asked, filled = prepare(folder)
        draft = folder / "draft.yaml"
        shutil.copy(empty, draft)
        commands = {
            "collect floor": [
                python,
                "-c",
                f"import openpyxl; openpyxl.load_workbook({str(asked)!r})",
            ],
            "collect": [
                python,
                "-m",
                "drafter",
                "collect",
                str(empty),
                "-o",
                str(folder / "out.xlsx"),
                "--by-office",
            ],
            "fill floor": [
                python,
                "-c",
                f"import openpyxl; openpyxl.load_workbook({str(filled)!r}, read_only=True, "
                "data_only=True).close()",
            ],
            "fill": [
                "sh",
                "-c",
                f"cp {str(empty)!r} {str(draft)!r} && "
                f"{python!r} -m drafter fill {str(draft)!r} {str(filled)!r}",
            ],
        }
        with compiled_bytecode():
            times = interleaved(commands, args.runs)
    medians = {name: median_ms(values) for name, values in times.items()}
    print(f"runs: {args.runs} interleaved, median")
    for name in ("collect", "fill"):
        floor = medians[f"{name} floor"]
        print(
            f"{name}: {medians[name]:.0f} ms, floor {floor:.0f} ms, "
            f"ratio {medians[name] / floor:.2f}"
        )


if __name__ == "__main__":
    main()
