"""How fast `drafter build` is, and how much memory it takes.

Prints:
- the whole-process time of `drafter build` on the larger sample, as a ratio to the time of
  `python -c "import docx, jinja2, pydantic, yaml"` (the floor any such tool pays; goal ≤ 1.3);
- the time per report for 100 drafts built in one process (goal ≤ 15 ms);
- peak memory of that process.

Run: python benchmarks/bench_build.py [--runs N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))


FLOOR_WITH_MODEL = (
    "import docx, jinja2, pydantic, yaml\n"
    "class M(pydantic.BaseModel):\n    x: int = pydantic.Field(ge=0)\n"
)


def larger_sample() -> Path:
    return max(SAMPLES, key=lambda p: p.stat().st_size)


def whole_process(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(count: int, out_dir: Path) -> tuple[float, float]:
    """Seconds per report, and the tracemalloc peak in MiB, for ``count`` builds."""
    sys.path.insert(0, str(ROOT))
    from drafter.build import build_file

    build_file(SAMPLES[0], out_dir / "warm.docx")  # first-use costs are not per-report costs
    start = time.perf_counter()
    for index in range(count):
        sample = SAMPLES[index % len(SAMPLES)]
        build_file(sample, out_dir / f"{index}.docx")
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
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()

    sample = larger_sample()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        floor = whole_process(
            [sys.executable, "-c", "import docx, jinja2, pydantic, yaml"], args.runs
        )
        # `import pydantic` is lazy: the first model definition pays for pydantic's core.
        floor_with_model = whole_process(
            [sys.executable, "-c", FLOOR_WITH_MODEL],
            args.runs,
        )
        build = whole_process(
            [sys.executable, "-m", "drafter", "build", str(sample), "-o", str(out / "r.docx")],
            args.runs,
        )
        per_report, traced_peak = in_process(args.count, out)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"sample: {sample.relative_to(ROOT)}")
    print(f"import floor (python -c 'import docx, jinja2, pydantic, yaml'): {floor * 1000:.0f} ms")
    print(f"drafter build, whole process: {build * 1000:.0f} ms")
    print(f"ratio: {build / floor:.2f}  (goal <= 1.3)")
    print(
        f"for reference, the floor plus one pydantic model: {floor_with_model * 1000:.0f} ms;"
        f" ratio to it: {build / floor_with_model:.2f}"
    )
    print(
        f"per report, {args.count} builds in one process: {per_report * 1000:.1f} ms  (goal <= 15 ms)"
    )
    print(f"peak traced Python memory during the loop: {traced_peak:.1f} MiB")
    print(f"peak resident set size of the process: {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
