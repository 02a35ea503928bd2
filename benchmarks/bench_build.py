"""How fast `drafter build` is, and how much memory it takes.

Prints:
- the whole-process time of `drafter build` on the larger sample, as a ratio to the time of
  `python -c "import docx, jinja2, pydantic, yaml"` (the floor any such tool pays; goal ≤ 1.3),
  with drafter's bytecode compiled as an installed copy has it, and without;
- the time per report for 100 drafts built in one process (goal ≤ 15 ms);
- peak memory.

`import pydantic` is lazy: the floor does not pay for pydantic's core, which the first model
definition loads.  The floor plus one model is printed beside it, to show where the rest goes.

Run: python benchmarks/bench_build.py [--runs N] [--count N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import ROOT, compiled_bytecode, interleaved, median_ms, without_bytecode

SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))
GOAL_RATIO = 1.3
GOAL_PER_REPORT_MS = 15
FLOOR = "import docx, jinja2, pydantic, yaml"
FLOOR_WITH_MODEL = FLOOR + "\nclass M(pydantic.BaseModel):\n    x: int = pydantic.Field(ge=0)\n"


def in_process(count: int, out_dir: Path) -> tuple[float, float]:
    """Seconds per report, and the tracemalloc peak in MiB, for ``count`` builds."""
    from drafter.build import build_file

    build_file(SAMPLES[0], out_dir / "warm.docx")  # first-use costs are not per-report costs
    start = time.perf_counter()
    for index in range(count):
        build_file(SAMPLES[index % len(SAMPLES)], out_dir / f"{index}.docx")
    elapsed = time.perf_counter() - start
    # Memory is traced in a second, shorter pass: tracing slows the timed loop down.
    tracemalloc.start()
    for index in range(10):
        build_file(SAMPLES[index % len(SAMPLES)], out_dir / f"m{index}.docx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed / count, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()

    sample = max(SAMPLES, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        commands = {
            "floor": [sys.executable, "-c", FLOOR],
            "floor + model": [sys.executable, "-c", FLOOR_WITH_MODEL],
            "build": [
                sys.executable,
                "-m",
                "drafter",
                "build",
                str(sample),
                "-o",
                str(out / "r.docx"),
            ],
        }
        cold = interleaved(
            {"floor": commands["floor"], "build": commands["build"]}, args.runs, without_bytecode()
        )
        with compiled_bytecode():
            warm = interleaved(commands, args.runs)
        per_report, traced_peak = in_process(args.count, out)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    floor, build = median_ms(warm["floor"]), median_ms(warm["build"])
    print(f"sample: {sample.relative_to(ROOT)}, {args.runs} runs each, medians")
    print(f"import floor (python -c '{FLOOR}'): {floor:.0f} ms")
    print(f"drafter build, whole process: {build:.0f} ms")
    print(f"ratio: {build / floor:.2f}  (goal <= {GOAL_RATIO})")
    print(
        f"  floor plus one pydantic model: {median_ms(warm['floor + model']):.0f} ms;"
        f" build's ratio to it: {build / median_ms(warm['floor + model']):.2f}"
    )
    cold_ratio = median_ms(cold["build"]) / median_ms(cold["floor"])
    print(
        f"  without drafter's bytecode: {median_ms(cold['build']):.0f} ms, ratio {cold_ratio:.2f}"
    )
    print(
        f"per report, {args.count} builds in one process: {per_report * 1000:.1f} ms"
        f"  (goal <= {GOAL_PER_REPORT_MS} ms)"
    )
    print(f"peak traced Python memory during the loop: {traced_peak:.1f} MiB")
    print(f"peak resident set size of the process: {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
