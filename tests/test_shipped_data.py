"""drafter's shipped data files (word lists, layout profiles, outlines) are YAML, read through a
copy kept in the cache folder: the copy gives the YAML's data, is never served for a file whose
text has changed, and a cache that is off, damaged or unwritable never changes what is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drafter import resources
from drafter.resources import shipped_data
from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"
SHIPPED = sorted(
    [
        PACKAGE / "vocab" / "words.yaml",
        *(PACKAGE / "layouts").glob("*.yaml"),
        *(ROOT / "sections").glob("*.yaml"),
    ]
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "data").glob("*.marshal")) if (cache / "data").is_dir() else []


def read_by_yaml_only(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def yaml_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a reading that goes to the YAML fails the test."""

    def refuse(source: bytes) -> object:
        raise AssertionError("read from the YAML, not from the cache")

    monkeypatch.setattr(resources, "_load_yaml", refuse)


def test_every_shipped_file_reads_the_same_from_its_cached_copy_as_from_its_yaml(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(SHIPPED) >= 5  # words, two layouts, two outlines
    first = {path: shipped_data(path) for path in SHIPPED}
    assert len(entries(cache)) == len(SHIPPED)
    yaml_refused(monkeypatch)
    for path in SHIPPED:
        expected = read_by_yaml_only(path)
        assert first[path] == expected, path
        assert shipped_data(path) == expected, path


def test_a_file_edited_since_it_was_cached_is_read_from_its_yaml_again(
    cache: Path, tmp_path: Path
) -> None:
    """Even when the edit keeps the file's size and modification time (a reinstall can)."""
    path = tmp_path / "words.yaml"
    path.write_text("units: [件, 人]\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    assert shipped_data(path) == {"units": ["件", "人"]}
    path.write_text("units: [次, 人]\n", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert shipped_data(path) == {"units": ["次", "人"]}
    assert shipped_data(path) == {"units": ["次", "人"]}
    assert len(entries(cache)) == 1  # the entry was replaced, not joined by another


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x00not marshal at all" * 3, id="garbage"),
        pytest.param(lambda data: data.replace(b"shipped-data-1", b"shipped-data-0"), id="older"),
    ],
)
def test_a_damaged_cache_entry_is_read_past_and_made_anew(cache: Path, damage) -> None:
    path = ROOT / "sections" / "department.yaml"
    expected = read_by_yaml_only(path)
    shipped_data(path)
    [entry] = entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert shipped_data(path) == expected
    assert entry.read_bytes() == good
    assert not list((cache / "data").glob("*.tmp"))


def test_an_empty_cache_dir_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    home.mkdir()
    xdg.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "")
    for path in SHIPPED:
        assert shipped_data(path) == read_by_yaml_only(path)
    assert list(home.iterdir()) == [] and list(xdg.iterdir()) == []


def test_without_a_cache_dir_setting_the_cache_is_under_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    shipped_data(PACKAGE / "vocab" / "words.yaml")
    assert [p.name.split("-")[0] for p in entries(tmp_path / "drafter")] == ["words"]


def test_a_cache_that_cannot_be_made_or_written_changes_nothing_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ROOT / "sections" / "county.yaml"
    expected = read_by_yaml_only(path)
    # The cache folder's place is taken by a file: the folder cannot be made.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocked))
    assert shipped_data(path) == expected
    # The entry's place is taken by a folder: the entry cannot be written.
    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(cache))
    entry = resources._entry_path(path)
    assert entry is not None
    entry.mkdir()
    assert shipped_data(path) == expected
    assert shipped_data(path) == expected
    assert sorted(p.name for p in (cache / "data").iterdir()) == [entry.name]  # no temp left


def test_a_check_with_an_unwritable_cache_finds_what_a_check_with_a_cache_finds(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    report = ROOT / "sample_inputs" / "department-2024.yaml"

    def check(cache: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "drafter", "check", str(report), "--json"],
            capture_output=True, text=True, cwd=ROOT, check=False,
            env={**os.environ, "DRAFTER_CACHE_DIR": str(cache)},
        )  # fmt: skip

    cached = check(tmp_path / "cache")
    unwritable = check(blocked)
    assert unwritable.returncode == cached.returncode and unwritable.stderr == ""
    assert unwritable.stdout == cached.stdout and '"version": 1' in cached.stdout


def test_data_marshal_cannot_keep_is_read_from_the_yaml_every_time(
    cache: Path, tmp_path: Path
) -> None:
    import datetime as dt

    path = tmp_path / "dated.yaml"
    path.write_text("issued: 2021-08-11\n", encoding="utf-8")
    assert shipped_data(path) == {"issued": dt.date(2021, 8, 11)}
    assert shipped_data(path) == {"issued": dt.date(2021, 8, 11)}
    assert entries(cache) == []


def test_two_files_of_one_name_in_two_places_keep_two_entries(cache: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "words.yaml", tmp_path / "b" / "words.yaml"
    for path, unit in ((one, "件"), (two, "人")):
        path.parent.mkdir()
        path.write_text(f"unit: {unit}\n", encoding="utf-8")
    assert (shipped_data(one), shipped_data(two)) == ({"unit": "件"}, {"unit": "人"})
    assert (shipped_data(one), shipped_data(two)) == ({"unit": "件"}, {"unit": "人"})
    assert len(entries(cache)) == 2
