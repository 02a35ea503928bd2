"""What the benchmark scripts share: timing whole processes fairly, and measuring drafter the
way an installed copy runs (with its bytecode compiled)."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PACKAGE = ROOT / "drafter"

if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` from anywhere
    sys.path.insert(0, str(ROOT))


def interleaved(
    commands: dict[str, list[str]],
    runs: int,
    env: dict[str, str] | None = None,
    cpu: dict[str, list[float]] | None = None,
    first_runs: frozenset[str] = frozenset(),
) -> dict[str, list[float]]:
    """Seconds per run of each command, the commands taking turns so that load from anything
    else on the machine falls on all of them alike.  One warm-up run each fills the file cache.

    Given ``cpu``, the CPU seconds (user + system) of each run go into it too: on a loaded
    machine the time waiting for a core falls on every command alike, the CPU time not at all.

    The commands named in ``first_runs`` run each time with an empty cache folder of their
    own (DRAFTER_CACHE_DIR), as drafter's first run after installing does: every cache drafter
    keeps is made in that run.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    for warming in (True,) + (False,) * runs:
        for name, command in commands.items():
            with tempfile.TemporaryDirectory() as folder:
                run_env = env
                if name in first_runs:
                    run_env = {**(env or os.environ), "DRAFTER_CACHE_DIR": folder}
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, cwd=ROOT, env=run_env, check=True)
                spent_time = time.perf_counter() - start
            if warming:
                continue
            times[name].append(spent_time)
            if cpu is not None:
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                spent = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
                cpu.setdefault(name, []).append(spent)
    return times


def cpu_line(cpu: dict[str, list[float]], name: str, floor: str = "floor") -> str:
    """The CPU-time medians of ``name`` and the floor, and their ratio."""
    ours, base = median_ms(cpu[name]), median_ms(cpu[floor])
    return f"CPU time (user + system), medians: {ours:.0f} ms, floor {base:.0f} ms, ratio {ours / base:.2f}"


def collector_paused(imports: str, rest: str) -> str:
    """A floor's ``python -c`` code with the collector paused over its imports as drafter's CLI
    pauses it (gc.disable, import, gc.freeze, gc.enable): the like-for-like floor, so that a
    ratio shows drafter's own cost and not the collector passes the pause saves the libraries."""
    return f"import gc\ngc.disable()\n{imports}\ngc.freeze()\ngc.enable()\n{rest}"


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


@contextlib.contextmanager
def without_bytecode() -> Iterator[dict[str, str]]:
    """An environment in which drafter's modules are compiled afresh on every start: no
    bytecode is written, and the __pycache__ folders already in the checkout are moved aside
    meanwhile (else they would be read) and put back afterwards."""
    folders = sorted({p.parent for p in PACKAGE.rglob("__pycache__/*.pyc")})
    aside = [folder.with_name(f"__pycache__.aside-{os.getpid()}") for folder in folders]
    for folder, away in zip(folders, aside, strict=True):
        folder.rename(away)
    try:
        yield {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    finally:
        for folder, away in zip(folders, aside, strict=True):
            shutil.rmtree(folder, ignore_errors=True)
            away.rename(folder)


@contextlib.contextmanager
def compiled_bytecode() -> Iterator[None]:
    """drafter's bytecode compiled, as `pip install` leaves it (the libraries it is compared
    with have theirs); the __pycache__ folders made here are removed afterwards."""
    had_cache = {p.parent for p in PACKAGE.rglob("__pycache__/*.pyc")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], check=True)
    try:
        yield
    finally:
        for folder in {p.parent for p in PACKAGE.rglob("__pycache__/*.pyc")} - had_cache:
            shutil.rmtree(folder, ignore_errors=True)
