"""Shared fixtures: where the project and the shared corpus are, and a cache of the run's own."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "sample_inputs"
# The past reports in ../shared/corpus, each with its expected/<stem>.json.
CORPUS_FILES = [
    "chengzhong-zfj-2023.txt",
    "chengzhong-zfj-2023.docx",
    "jiefang-cgj-2023.txt",
    "jiefang-cgj-2023.docx",
    "lingling-cgj-2023.md",
]

# drafter's caches (compiled templates, shipped data) go to a folder of this run, set before any
# test module imports drafter and inherited by every drafter the tests start: the tests neither
# read nor fill the developer's ~/.cache, whatever DRAFTER_CACHE_DIR they have set.
RUN_CACHE = Path(tempfile.mkdtemp(prefix="drafter-test-cache-"))
os.environ["DRAFTER_CACHE_DIR"] = str(RUN_CACHE)
atexit.register(shutil.rmtree, RUN_CACHE, ignore_errors=True)


@pytest.fixture
def corpus() -> Path:
    """The real past reports in ../shared/corpus; tests using them skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}: the shared folder is not beside this checkout")
    return CORPUS


def _copy_sample(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(SAMPLES / name, path)
    return path


@pytest.fixture
def department(tmp_path: Path) -> Path:
    """A copy of the department sample draft that a test may change."""
    return _copy_sample(tmp_path, "department-2024.yaml")


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A copy of the county sample draft that a test may change."""
    return _copy_sample(tmp_path, "county-2024.yaml")
