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
