"""How fast `drafter check` is on a Word file.

Prints the whole-process time of `drafter check` on the largest .docx of the shared corpus
(../shared/corpus), as a ratio to the import floor — the whole process
`python -c "import docx; docx.Document(path)"`, what any tool pays just to open the file.
Goal: ≤ 1.2.  Also prints where the time goes inside one check (read and structure, text
rules, the profile's required parts, layout rules).

python-docx is installed with its bytecode compiled; drafter is measured the same way, its
bytecode compiled once with compileall (this checkout may run with PYTHONDONTWRITEBYTECODE
set, and compiling every module on every run is not what an installed drafter pays).  The
__pycache__ folders this creates are removed afterwards.  The time without drafter's bytecode
is printed too.

Run: python benchmarks/bench_check.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from common import (
    CORPUS,
    collector_paused,
    compiled_bytecode,
    cpu_line,
    interleaved,
    without_bytecode,
)

GOAL = 1.2


def stages(path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds of each stage of one check, in this process."""
    from drafter.check import check_report
    from drafter.check.content import missing_sections
    from drafter.check.docxfile import DocxFile
    from drafter.check.layout import check_layout
    from drafter.check.paragraphs import build_report, source_entries
    from drafter.importer.readers import read_source
    from drafter.importer.structure import analyse

    timings: dict[str, list[float]] = {
        "read + structure": [],
        "text rules": [],
        "required parts": [],
        "layout rules": [],
    }
    for _ in range(runs):
        start = time.perf_counter()
        source = read_source(path)
        imported = analyse(path, source.paragraphs, docx=True)
        report = build_report(source_entries(imported.document))
        read = time.perf_counter()
        check_report(report)
        text = time.perf_counter()
        missing_sections(imported.document, report, imported.year)
        parts = time.perf_counter()
        assert source.word is not None
        check_layout(DocxFile(source.word), report)
        done = time.perf_counter()
        timings["read + structure"].append(read - start)
        timings["text rules"].append(text - read)
        timings["required parts"].append(parts - text)
        timings["layout rules"].append(done - parts)
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    documents = (
        sorted(CORPUS.glob("*.docx"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    )
    if not documents:
        print(f"跳过：没有找到语料目录 {CORPUS} 中的 .docx 文件（共享目录不在本仓库旁边）。")
        return
    path = documents[-1]
    floor = [sys.executable, "-c", f"import docx; docx.Document({str(path)!r})"]
    opened = f"docx.Document({str(path)!r})"
    paused = [sys.executable, "-c", collector_paused("import docx", opened)]
    command = [sys.executable, "-m", "drafter", "check", str(path)]
    with without_bytecode() as env:
        cold = interleaved({"floor": floor, "check": command}, args.runs, env)
    cpu: dict[str, list[float]] = {}
    with compiled_bytecode():
        warm = interleaved(
            {
                "floor": floor,
                "check": command,
                "json": [*command, "--json"],
                "paused": paused,
                "first": command,
            },
            args.runs,
            cpu=cpu,
            first_runs=frozenset({"first"}),
        )

    base = statistics.median(warm["floor"])
    base_min = min(warm["floor"])
    print(f"file: {path.name} ({path.stat().st_size / 1024:.0f} KiB), {args.runs} runs each")
    print("                                   median    ratio |   best    ratio")
    rows = [
        ("import floor (open with python-docx)", warm["floor"], base, base_min),
        ("drafter check", warm["check"], base, base_min),
        ("drafter check --json", warm["json"], base, base_min),
        ("drafter check, first run (no caches)", warm["first"], base, base_min),
        (
            "drafter check, no bytecode",
            cold["check"],
            statistics.median(cold["floor"]),
            min(cold["floor"]),
        ),
    ]
    for label, times, median_floor, best_floor in rows:
        median = statistics.median(times)
        print(
            f"{label:<36} {median * 1000:6.1f} ms {median / median_floor:5.2f} |"
            f" {min(times) * 1000:6.1f} ms {min(times) / best_floor:5.2f}"
        )
    ratio = statistics.median(warm["check"]) / base
    for name, ms in stages(path, args.runs).items():
        print(f"  in process, {name + ':':<20} {ms:6.1f} ms")
    print(f"drafter check, {cpu_line(cpu, 'check')}")
    like = statistics.median(warm["paused"])
    print(
        f"against the floor with the collector paused over its import as drafter pauses it"
        f" ({like * 1000:.1f} ms): ratio {statistics.median(warm['check']) / like:.2f}"
    )
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"goal: drafter check ≤ {GOAL} x the floor (medians): {ratio:.2f}, {verdict}")


if __name__ == "__main__":
    main()
