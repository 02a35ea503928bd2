"""How fast `drafter build` is, and how much memory it takes.

Prints, each the median of --runs interleaved runs (at least 9):
- a cold `drafter build` of the larger sample (a fresh process, drafter's bytecode compiled as
  an installed copy has it) as a ratio to the floor: a `python -c` that imports docx, jinja2,
  pydantic and yaml and uses each once (opens `docx.Document()`, validates one small pydantic
  model, renders one Jinja template, loads one YAML string).  Goal: at most 1.2.
  The same without drafter's bytecode is printed beside it, and the first build after
  installing, which makes drafter's caches (an empty DRAFTER_CACHE_DIR each run);
- the time per report for 100 drafts built in one process (goal: at most 20 ms);
- peak memory: Python's traced peak while building, and the process's resident set size.

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

from common import (
    ROOT,
    collector_paused,
    compiled_bytecode,
    cpu_line,
    interleaved,
    median_ms,
    without_bytecode,
)

SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))
GOAL_RATIO = 1.2
GOAL_PER_REPORT_MS = 20
FLOOR_IMPORTS = "import docx, jinja2, pydantic, yaml"
FLOOR_USE = """\
docx.Document()
class M(pydantic.BaseModel):
    x: int = pydantic.Field(ge=0)
M.model_validate({"x": 1})
jinja2.Environment().from_string("{{ a }}年").render(a=2024)
yaml.safe_load("a: 1")
"""
FLOOR = f"{FLOOR_IMPORTS}\n{FLOOR_USE}"


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
    if args.runs < 9:
        parser.error("--runs: at least 9")

    sample = max(SAMPLES, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build = [sys.executable, "-m", "drafter", "build", str(sample), "-o", str(out / "r.docx")]
        commands = {"floor": [sys.executable, "-c", FLOOR], "build": build}
        paused = [sys.executable, "-c", collector_paused(FLOOR_IMPORTS, FLOOR_USE)]
        cpu: dict[str, list[float]] = {}
        with compiled_bytecode():
            cold = interleaved(
                {**commands, "paused": paused, "first": build},
                args.runs,
                cpu=cpu,
                first_runs=frozenset({"first"}),
            )
        with without_bytecode() as env:
            uncompiled = interleaved(commands, args.runs, env)
        per_report, traced_peak = in_process(args.count, out)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    floor, built = median_ms(cold["floor"]), median_ms(cold["build"])
    print(f"sample: {sample.relative_to(ROOT)}, {args.runs} interleaved runs each, medians")
    print(f"floor (docx, jinja2, pydantic, yaml imported and each used once): {floor:.0f} ms")
    print(f"cold drafter build, whole process: {built:.0f} ms")
    print(f"ratio: {built / floor:.2f}  (goal <= {GOAL_RATIO})")
    print(f"  {cpu_line(cpu, 'build')}")
    like = median_ms(cold["paused"])
    print(
        f"  against the floor with the collector paused over its imports as drafter pauses it"
        f" ({like:.0f} ms): ratio {built / like:.2f}"
    )
    first = median_ms(cold["first"])
    print(
        f"  first build after installing (empty cache folder: templates, shipped data and the"
        f" base document made and kept): {first:.0f} ms, ratio {first / floor:.2f}"
    )
    ratio = median_ms(uncompiled["build"]) / median_ms(uncompiled["floor"])
    print(
        f"  without drafter's bytecode: {median_ms(uncompiled['build']):.0f} ms,"
        f" floor {median_ms(uncompiled['floor']):.0f} ms, ratio {ratio:.2f}"
    )
    print(
        f"per report, {args.count} builds in one process: {per_report * 1000:.1f} ms"
        f"  (goal <= {GOAL_PER_REPORT_MS} ms)"
    )
    print(f"peak traced Python memory while building 10 reports: {traced_peak:.1f} MiB")
    print(f"peak resident set size of the benchmark process: {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
