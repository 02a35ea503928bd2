"""Files are written in one step, with the permissions a shared office folder expects."""

from __future__ import annotations

import os
import stat

import pytest

from drafter.files import replacing, write_atomic


def test_a_written_file_follows_the_umask_not_a_private_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "报告.txt", "正文\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "报告.txt").stat().st_mode) == 0o644
    assert (tmp_path / "报告.txt").read_text(encoding="utf-8") == "正文\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "草稿.yaml"
    target.write_text("原来的内容", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_text("写了一半", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "原来的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["草稿.yaml"]


def test_a_file_written_again_keeps_its_own_permissions(tmp_path):
    target = tmp_path / "草稿.yaml"
    target.write_text("旧\n", encoding="utf-8")
    target.chmod(0o600)  # the clerk keeps the draft private
    write_atomic(target, "新\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "新\n"


def test_a_symlink_is_written_through_to_the_real_file_and_stays_a_link(tmp_path):
    real = tmp_path / "共享" / "草稿.yaml"
    real.parent.mkdir()
    real.write_text("旧\n", encoding="utf-8")
    link = tmp_path / "草稿.yaml"
    link.symlink_to(real)
    write_atomic(link, "新\n")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "新\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["草稿.yaml"]
