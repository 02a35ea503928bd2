"""How fast importing a report is, against the import floor.

Prints:
- the whole-process times of `drafter outline --json` and of `drafter new --from` (the draft for
  the next year, written to a temporary file) on the largest corpus .docx, as ratios to the
  import floor: `python -c "import docx; docx.Document(path)"`, i.e. only opening the same file
  with python-docx (goal ≤ 1.5 for both);
- `drafter new --from` also against the floor of the libraries it must use (issue 10 asks it to
  compile the imported templates with Jinja, and the draft it writes is validated by pydantic and
  written as YAML): the same file opened with python-docx, one small pydantic model validated,
  one Jinja template compiled and rendered, one YAML mapping written by PyYAML's C emitter.  What
  python-docx alone costs is not all `new --from` can be compared with;
- the time per import of every corpus file in one process (reading, cleaning, structure);
- peak memory of that in-process loop.

The corpus is ../shared/corpus beside the checkout (or --corpus DIR).

Run: python benchmarks/bench_import.py [--runs N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import CORPUS, collector_paused, compiled_bytecode, cpu_line, interleaved, median_ms


def libraries_floor(path: Path) -> str:
    """The ``python -c`` code that uses once each library `new --from` needs."""
    return f"""\
import docx, jinja2, pydantic, yaml
docx.Document({str(path)!r})
class M(pydantic.BaseModel):
    x: int = pydantic.Field(ge=0)
M.model_validate({{"x": 1}})
jinja2.Environment().from_string("{{{{ a }}}}年").render(a=2024)
yaml.dump({{"a": 1}}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
"""


def in_process(files: list[Path], rounds: int) -> tuple[dict[str, float], float]:
    """Milliseconds per import of each file, and the tracemalloc peak in MiB."""
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

    draft = Path(tempfile.mkdtemp()) / "草稿.yaml"
    new_from = ["new", "--from", str(largest), "-o", str(draft), "--force"]
    commands = {
        "floor": [sys.executable, "-c", f"import docx; docx.Document({str(largest)!r})"],
        "outline": [sys.executable, "-m", "drafter", "outline", "--json", str(largest)],
        "new": [sys.executable, "-m", "drafter", *new_from],
        "first": [sys.executable, "-m", "drafter", *new_from],
        "bare": [sys.executable, "-c", "pass"],
        "libraries": [sys.executable, "-c", libraries_floor(largest)],
        "paused": [
            sys.executable,
            "-c",
            collector_paused("import docx", f"docx.Document({str(largest)!r})"),
        ],
    }
    cpu: dict[str, list[float]] = {}
    with compiled_bytecode():  # as an installed drafter runs, like python-docx beside it
        times = interleaved(commands, args.runs, cpu=cpu, first_runs=frozenset({"first"}))
    floor, outline, new, bare = (
        median_ms(times[name]) / 1000 for name in ("floor", "outline", "new", "bare")
    )
    per_file, peak = in_process(files, args.rounds)

    print(f"largest corpus .docx: {largest.name} ({largest.stat().st_size / 1024:.0f} KiB)")
    print(f"bare interpreter (python -c pass): {bare * 1000:.0f} ms")
    print(f"import floor (python -c 'import docx; docx.Document(path)'): {floor * 1000:.0f} ms")
    print(f"drafter outline --json, whole process: {outline * 1000:.0f} ms")
    print(f"ratio: {outline / floor:.2f}  (goal <= 1.5)")
    print(f"  {cpu_line(cpu, 'outline')}")
    print(f"drafter new --from (next year's draft), whole process: {new * 1000:.0f} ms")
    print(f"ratio: {new / floor:.2f}  (goal <= 1.5)")
    print(f"  {cpu_line(cpu, 'new')}")
    first = median_ms(times["first"])
    ratio = first / (floor * 1000)
    print(f"  first run after installing (empty cache folder): {first:.0f} ms, ratio {ratio:.2f}")
    like = median_ms(times["paused"]) / 1000
    print(
        f"against the floor with the collector paused over its import as drafter pauses it"
        f" ({like * 1000:.0f} ms): outline {outline / like:.2f}, new --from {new / like:.2f}"
    )
    libraries = median_ms(times["libraries"]) / 1000
    print(
        f"floor of the libraries new --from uses (docx, pydantic, jinja2, yaml, each once):"
        f" {libraries * 1000:.0f} ms = {libraries / floor:.2f} x the import floor;"
        f" new --from {new / libraries:.2f} x this floor"
    )
    print("in one process, per import (read, clean, structure):")
    for name, ms in per_file.items():
        print(f"  {name}: {ms:.1f} ms")
    print(f"peak traced Python memory importing every corpus file once: {peak:.1f} MiB")


if __name__ == "__main__":
    main()
