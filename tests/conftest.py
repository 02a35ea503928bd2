"""Shared fixtures: where the project and the shared corpus are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "sample_inputs"


@pytest.fixture
def corpus() -> Path:
    """The real past reports in ../shared/corpus; tests using them skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}: the shared folder is not beside this checkout")
    return CORPUS
