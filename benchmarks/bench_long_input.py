"""Long input grows cost linearly: `drafter check` on a single-line text of up to 1 MB (of
report sentences, and of one endless sentence of counts, breakdowns, rates and changes, which
no report writes), and `drafter build` of a draft whose one paragraph has up to 500,000
characters.

For each length the whole process is timed and its peak memory (max RSS, from wait4) read,
the runs of all lengths and of the floor taking turns.  The floor is the same command on the
shortest input (a line of one sentence; the sample draft as it is), measured interleaved in
the same run: what a check or a build costs before the length matters.  Printed for each
length: time and memory, their ratio to the floor, and the growth of the part above the floor
when the length doubles; linear growth doubles it (2.0), quadratic growth quadruples it.

Run: python benchmarks/bench_long_input.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

SENTENCE = "全年办理行政处罚案件4127件，同比增长6.8%，其中简易程序案件893件；考试合格率95.2%。"
# Clauses that relate figures, with no sentence end: the reader's relations are read within a
# sentence, and this one never ends.
ENDLESS = "其中受理3件（部门2件），通过率95%，同比增长6.5%，上年4件，"
SAMPLE = (ROOT / "sample_inputs" / "department-2024.yaml").read_text(encoding="utf-8")
ANCHOR = "建立领导干部年度述法制度，"
CHECK_LENGTHS = (125_000, 250_000, 500_000, 1_000_000)
BUILD_LENGTHS = (62_500, 125_000, 250_000, 500_000)


def run_once(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident kilobytes of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds and median peak kilobytes per command, the commands taking turns."""
    for command in commands.values():
        run_once(command)  # warm the file cache and the template cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seconds, kilobytes = run_once(command)
            times[name].append(seconds)
            memory[name].append(kilobytes)
    return {
        name: (statistics.median(times[name]), int(statistics.median(memory[name])))
        for name in commands
    }


def report(title: str, lengths: tuple[int, ...], results: dict[str, tuple[float, int]]) -> None:
    floor_time, floor_memory = results["floor"]
    print(f"\n{title}")
    print(f"  floor: {floor_time * 1000:.0f} ms, {floor_memory / 1024:.0f} MB")
    print("  length      time  ×floor  growth     memory  ×floor  growth")
    previous: tuple[float, float] | None = None
    for length in lengths:
        seconds, kilobytes = results[str(length)]
        above = (seconds - floor_time, kilobytes - floor_memory)
        growth = ""
        if previous is not None:
            growth_time = above[0] / previous[0] if previous[0] > 0 else float("nan")
            growth_memory = above[1] / previous[1] if previous[1] > 0 else float("nan")
            growth = f"{growth_time:6.2f}"
            memory_growth = f"{growth_memory:6.2f}"
        else:
            growth, memory_growth = "     -", "     -"
        print(
            f"  {length:>9,} {seconds * 1000:7.0f} ms {seconds / floor_time:5.2f} {growth}"
            f"  {kilobytes / 1024:6.0f} MB {kilobytes / floor_memory:5.2f} {memory_growth}"
        )
        previous = above


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    drafter = [sys.executable, "-m", "drafter"]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        floor_text = folder / "floor.txt"
        floor_text.write_text(f"报告\n{SENTENCE}\n", encoding="utf-8")
        floor = [*drafter, "check", str(floor_text)]
        for title, name, text in (
            ("drafter check, one line of report sentences", "line", SENTENCE),
            (
                "drafter check, one line of one endless sentence of related figures",
                "endless",
                ENDLESS,
            ),
        ):
            check = {"floor": floor}
            for length in CHECK_LENGTHS:
                path = folder / f"{name}-{length}.txt"
                line = (text * (length // len(text) + 1))[:length]
                path.write_text(f"关于2024年法治政府建设情况的报告\n{line}\n", encoding="utf-8")
                check[str(length)] = [*drafter, "check", str(path)]
            report(title, CHECK_LENGTHS, measure(check, runs))

        build: dict[str, list[str]] = {}
        floor_draft = folder / "floor.yaml"
        floor_draft.write_text(SAMPLE, encoding="utf-8")
        build["floor"] = [*drafter, "build", str(floor_draft), "-o", str(folder / "floor.docx")]
        for length in BUILD_LENGTHS:
            path = folder / f"draft-{length}.yaml"
            paragraph = ("依法行政，" * (length // 5 + 1))[:length]
            path.write_text(SAMPLE.replace(ANCHOR, ANCHOR + paragraph, 1), encoding="utf-8")
            build[str(length)] = [
                *drafter,
                "build",
                str(path),
                "-o",
                str(folder / f"{length}.docx"),
            ]
        report(
            "drafter build, one paragraph of the given length, to .docx",
            BUILD_LENGTHS,
            measure(build, runs),
        )


if __name__ == "__main__":
    main()
