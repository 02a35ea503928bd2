"""A profile's base document is kept between runs, and a report built on the kept copy is the
report built on a base made afresh, byte for byte."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.compose import compose_file
from drafter.export import basecache
from drafter.export import docx as exporter
from drafter.layout import DEFAULT_LAYOUT, LayoutProfile, load_layout
from tests.conftest import SAMPLES

PROFILES = {"default": DEFAULT_LAYOUT, "plain fonts": load_layout(plain_fonts=True)}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of this test's own, and no base left over in this process."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    exporter.base_document.cache_clear()
    yield tmp_path / "base"
    exporter.base_document.cache_clear()


def _build(sample: Path, layout: LayoutProfile) -> bytes:
    exporter.base_document.cache_clear()  # as a new process would: the base found anew
    return exporter.docx_bytes(compose_file(sample).document, layout)


def _fresh(sample: Path, layout: LayoutProfile, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setenv("DRAFTER_CACHE_DIR", "")  # caching off: the base made afresh
        return _build(sample, layout)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_report_built_on_the_kept_base_is_the_one_built_on_a_fresh_base(
    sample: Path, profile: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = PROFILES[profile]
    fresh = _fresh(sample, layout, monkeypatch)
    assert _build(sample, layout) == fresh  # the first build keeps its base
    (kept,) = cache.glob("*.docx")
    # The next one opens the kept copy: nothing builds a base any more.
    monkeypatch.setattr(exporter, "new_base", lambda layout: pytest.fail("base built again"))
    assert _build(sample, layout) == fresh
    assert list(cache.glob("*.docx")) == [kept]


def test_each_profile_has_a_base_of_its_own(cache: Path) -> None:
    sample = SAMPLES / "county-2024.yaml"
    for layout in PROFILES.values():
        _build(sample, layout)
    assert len(list(cache.glob("*.docx"))) == len(PROFILES)


def test_a_damaged_kept_base_is_made_anew(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = SAMPLES / "county-2024.yaml"
    fresh = _fresh(sample, DEFAULT_LAYOUT, monkeypatch)
    _build(sample, DEFAULT_LAYOUT)
    (kept,) = cache.glob("*.docx")
    for damage in (b"PK\x03\x04 not the rest of a zip", b"", kept.read_bytes()[:100]):
        kept.write_bytes(damage)
        assert _build(sample, DEFAULT_LAYOUT) == fresh
        assert zipfile.is_zipfile(kept)


def test_a_base_is_kept_under_the_code_that_builds_it() -> None:
    """Every drafter module whose code runs while a base is made is part of its key, so that
    a change to that code is never served a copy made by the old one."""
    ran: set[str] = set()

    def note(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call":
            name = frame.f_globals.get("__name__", "")
            if name.startswith("drafter."):
                ran.add(name)

    sys.setprofile(note)
    try:
        exporter.new_base(DEFAULT_LAYOUT)
    finally:
        sys.setprofile(None)
    assert "drafter.export.docx" in ran
    assert ran <= set(basecache.BUILT_BY)


def test_no_base_is_kept_when_caching_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    _build(SAMPLES / "county-2024.yaml", DEFAULT_LAYOUT)
    exporter.base_document.cache_clear()
    assert not list(tmp_path.rglob("*.docx"))


def test_a_base_made_by_edited_code_is_kept_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key follows the code's files: an edit to one of them is a new key."""
    source = tmp_path / "fields.py"
    source.write_text("# one version\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules["drafter.word.fields"], "__file__", str(source))
    before = basecache.base_key(DEFAULT_LAYOUT)
    assert before is not None and basecache.base_key(DEFAULT_LAYOUT) == before
    source.write_text("# another version\n", encoding="utf-8")
    assert basecache.base_key(DEFAULT_LAYOUT) != before
    assert basecache.base_key(PROFILES["plain fonts"]) != basecache.base_key(DEFAULT_LAYOUT)
