"""`drafter build` never writes over a DOCX someone edited after drafter wrote it."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document

from drafter.cli import main
from drafter.export import ownership
from drafter.export.ownership import next_free_name, owner
from tests.conftest import RUN_CACHE, SAMPLES


def _draft(tmp_path: Path) -> Path:
    draft = tmp_path / "报告.yaml"
    shutil.copy(SAMPLES / "department-2024.yaml", draft)
    return draft


def _edit_in_word(path: Path) -> bytes:
    """Someone adds a paragraph and saves (python-docx standing in for Word)."""
    document = Document(str(path))
    document.add_paragraph("办公室补充的一段话。")
    document.save(str(path))
    return path.read_bytes()


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_drafter_knows_its_own_docx_and_builds_over_it_in_place(tmp_path, capsys):
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert owner(report) == "ours"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "study_sessions: {value: 12,", "study_sessions: {value: 13,"
        ),
        encoding="utf-8",
    )
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert "专题学法13次" in _text(report)
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["报告.docx"]
    assert "未覆盖" not in capsys.readouterr().out


def test_a_docx_edited_since_is_kept_and_the_report_goes_beside_it(tmp_path, capsys):
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    edited = _edit_in_word(report)
    assert owner(report) == "theirs"
    capsys.readouterr()
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert report.read_bytes() == edited
    beside = tmp_path / "报告（2）.docx"
    assert owner(beside) == "ours" and "办公室补充的一段话。" not in _text(beside)
    said = capsys.readouterr().out
    assert "报告（2）.docx" in said and "未覆盖" in said and "--force" in said
    # The next build goes to 报告（2）.docx again: it is drafter's own, untouched.
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["报告.docx", "报告（2）.docx"]


def test_any_other_file_at_the_path_is_kept(tmp_path):
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    report.write_bytes(b"not a zip at all")
    assert owner(report) == "theirs"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert report.read_bytes() == b"not a zip at all"
    assert owner(tmp_path / "报告（2）.docx") == "ours"


def test_build_force_overwrites_an_edited_docx(tmp_path):
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    _edit_in_word(report)
    assert main(["build", str(draft), "-o", str(report), "--force"]) == 0
    assert owner(report) == "ours" and "办公室补充的一段话。" not in _text(report)
    assert not (tmp_path / "报告（2）.docx").exists()


def test_the_next_free_name_skips_files_that_are_not_drafters(tmp_path):
    report = tmp_path / "报告.docx"
    (tmp_path / "报告（2）.docx").write_bytes(b"someone's")
    assert next_free_name(report) == tmp_path / "报告（3）.docx"


def test_a_rebuild_knows_drafters_own_docx_by_its_bytes_without_opening_it(tmp_path, monkeypatch):
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert main(["build", str(draft), "-o", str(report)]) == 0  # built here again: noted
    opened = []
    open_docx = ownership.docx.Document
    monkeypatch.setattr(ownership.docx, "Document", lambda *a: opened.append(a) or open_docx(*a))
    assert owner(report) == "ours" and opened == []
    # One byte more and the note no longer vouches for the file: it is opened and judged by
    # its stamp (which covers the parts, and they are unchanged).
    report.write_bytes(report.read_bytes() + b"\0")
    assert owner(report) == "ours" and len(opened) == 1


def test_a_first_build_at_a_path_notes_nothing(tmp_path):
    notes = RUN_CACHE / "written"
    before = set(notes.iterdir()) if notes.exists() else set()
    assert main(["build", str(_draft(tmp_path)), "-o", str(tmp_path / "报告.docx")]) == 0
    assert (set(notes.iterdir()) if notes.exists() else set()) == before


def test_without_a_note_drafters_own_docx_is_known_by_its_stamp(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "")  # caching off: nothing is noted
    draft = _draft(tmp_path)
    report = tmp_path / "报告.docx"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert owner(report) == "ours"
    assert main(["build", str(draft), "-o", str(report)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["报告.docx"]
    _edit_in_word(report)
    assert owner(report) == "theirs"
