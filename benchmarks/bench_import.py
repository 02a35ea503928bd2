"""How fast importing a report is, against the import floor.

Prints:
- the whole-process time of `drafter outline --json` on the largest corpus .docx, as a ratio to
  the import floor: `python -c "import docx; docx.Document(path)"`, i.e. only opening the same
  file with python-docx (goal ≤ 1.5);
- the time per import of every corpus file in one process (reading, cleaning, structure);
- peak memory of that in-process loop.

The corpus is ../shared/corpus beside the checkout (or --corpus DIR).

Run: python benchmarks/bench_import.py [--runs N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def whole_process(command: list[str], runs: int) -> float:
    """The median wall time of ``command`` as a fresh process (one warm-up run first)."""
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(files: list[Path], rounds: int) -> tuple[dict[str, float], float]:
    """Milliseconds per import of each file, and the tracemalloc peak in MiB."""
    sys.path.insert(0, str(ROOT))
    from drafter.importer import read_report

    for path in files:  # first-use costs (lxml import, regex compilation) are not per-file
        read_report(path)
    per_file = {}
    for path in files:
        start = time.perf_counter()
        for _ in range(rounds):
            read_report(path)
        per_file[path.name] = (time.perf_counter() - start) / rounds * 1000
    tracemalloc.start()
    for path in files:
        read_report(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return per_file, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    files = sorted(
        p
        for p in args.corpus.glob("*")
        if p.suffix in {".docx", ".txt", ".md"} and not p.name.startswith("README")
    )
    docx_files = [p for p in files if p.suffix == ".docx"]
    if not docx_files:
        raise SystemExit(f"no .docx in {args.corpus}")
    largest = max(docx_files, key=lambda p: p.stat().st_size)

    floor = whole_process(
        [sys.executable, "-c", f"import docx; docx.Document({str(largest)!r})"], args.runs
    )
    outline = whole_process(
        [sys.executable, "-m", "drafter", "outline", "--json", str(largest)], args.runs
    )
    bare = whole_process([sys.executable, "-c", "pass"], args.runs)
    per_file, peak = in_process(files, args.rounds)

    print(f"largest corpus .docx: {largest.name} ({largest.stat().st_size / 1024:.0f} KiB)")
    print(f"bare interpreter (python -c pass): {bare * 1000:.0f} ms")
    print(f"import floor (python -c 'import docx; docx.Document(path)'): {floor * 1000:.0f} ms")
    print(f"drafter outline --json, whole process: {outline * 1000:.0f} ms")
    print(f"ratio: {outline / floor:.2f}  (goal <= 1.5)")
    print("in one process, per import (read, clean, structure):")
    for name, ms in per_file.items():
        print(f"  {name}: {ms:.1f} ms")
    print(f"peak traced Python memory importing every corpus file once: {peak:.1f} MiB")


if __name__ == "__main__":
    main()
