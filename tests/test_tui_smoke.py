"""Smoke test in a real terminal: ``drafter edit`` inside tmux, keys sent, the screen read back.

Skips only where tmux is not installed (CI installs it).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, name: str, socket: Path) -> None:
        self.name = name
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        # One key at a time, as a person types: Textual misses a backspace that arrives in the
        # same read as the next key when tmux sends them together.
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.05)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"the screen never showed what was expected:\n{screen}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[Path, int, int], Terminal]]:
    socket = tmp_path / "tmux.sock"
    started: list[Terminal] = []

    def start(draft: Path, width: int, height: int) -> Terminal:
        name = f"drafter-{uuid.uuid4().hex[:8]}"
        command = (
            f"cd {shlex.quote(str(ROOT))} && "
            f"{shlex.quote(sys.executable)} -m drafter edit {shlex.quote(str(draft))}; "
            f"echo $? > {shlex.quote(str(tmp_path / 'exit.txt'))}; sleep 30"
        )
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        subprocess.run(
            [
                "tmux",
                "-S",
                str(socket),
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                str(width),
                "-y",
                str(height),
                command,
            ],
            check=True,
            env=env,
        )
        session = Terminal(name, socket)
        started.append(session)
        return session

    yield start
    for session in started:
        subprocess.run(
            ["tmux", "-S", str(socket), "kill-session", "-t", session.name], capture_output=True
        )
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def preview_column(screen: str) -> str:
    """The preview's text as one string: the right-hand column of each line, joined (the
    preview breaks its lines where Chinese typesetting allows)."""
    return "".join(line.rsplit("▏", 1)[-1].strip() for line in screen.splitlines() if "▏" in line)


def _exit_code(tmp_path: Path, timeout: float = 15.0) -> int:
    exit_file = tmp_path / "exit.txt"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if exit_file.exists() and exit_file.read_text().strip():
            return int(exit_file.read_text().strip())
        time.sleep(0.1)
    raise AssertionError("drafter edit did not exit")


def test_edit_in_tmux_shows_outline_and_quits_cleanly(terminal, tmp_path: Path) -> None:
    draft = tmp_path / "county-2024.yaml"
    shutil.copy(SAMPLES / "county-2024.yaml", draft)
    term = terminal(draft, 120, 40)
    screen = term.wait_for(lambda s: "开头段" in s and "保存退出" in s and "落款" in s)
    # the outline, numbered, and the Chinese footer
    for expected in ("大纲", "一、2024年推进法治政府建设", "（一）深入学习贯彻习近平", "落款"):
        assert expected in screen, expected
    for expected in ("下一节", "上一节", "检查", "导出", "保存退出"):
        assert expected in screen, expected
    term.keys("C-Down")
    term.keys("C-Down")
    screen = term.wait_for(lambda s: "同比增长16.7%" in s)
    assert "政府常务会议和理论学习中心组学法次数" in screen and "上年" in screen
    assert "已保存" in screen  # opening a section changes nothing in the file
    # type a new value into the first figure; the preview follows
    # Each key waits for its effect on screen, as a person watching it would: under load,
    # keys sent back to back can reach Textual in one read and be taken out of order.
    term.keys("End", "C-u")  # clear the field, whether or not its text was selected on focus
    term.wait_for(lambda s: "待填 1" in s)  # the status line counts the emptied figure
    term.keys("1")
    term.wait_for(lambda s: "同比下降91.7%" in s)  # 1 against last year's 12
    term.keys("6")
    term.wait_for(lambda s: "专题学法16次" in preview_column(s))
    term.keys("C-q")
    assert _exit_code(tmp_path) == 0
    # Textual draws on stderr, so whatever went wrong after the screen closed shows here.
    after = term.screen()
    assert "Traceback" not in after and "Error" not in after
    assert "study_sessions: {value: 16, last: 12}" in draft.read_text(encoding="utf-8")


def test_edit_at_80x24_folds_the_outline_away(terminal, tmp_path: Path) -> None:
    draft = tmp_path / "department-2024.yaml"
    shutil.copy(SAMPLES / "department-2024.yaml", draft)
    term = terminal(draft, 80, 24)
    screen = term.wait_for(lambda s: "保存退出" in s and "待填 0" in s)
    assert "示例市城中区城市管理和综合执法局" in screen
    assert "（一）深入学习贯彻" not in screen  # the outline is a toggle at 80 columns
    term.keys("C-t")
    term.wait_for(lambda s: "（一）深入学习贯彻" in s)
    term.keys("C-q")
    assert _exit_code(tmp_path) == 0
    assert "Traceback" not in term.screen()


def test_a_broken_draft_is_reported_before_any_screen(tmp_path: Path) -> None:
    draft = tmp_path / "broken.yaml"
    draft.write_text("meta:\n  organisation: 示例局\n  year: 二〇二四\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "edit", str(draft)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "第3行" in result.stderr and "应为整数" in result.stderr
    assert "Traceback" not in result.stderr


def test_kill_9_loses_at_most_the_last_two_seconds(terminal, tmp_path: Path) -> None:
    draft = tmp_path / "department-2024.yaml"
    shutil.copy(SAMPLES / "department-2024.yaml", draft)
    term = terminal(draft, 120, 40)
    term.wait_for(lambda s: "开头段" in s and "保存退出" in s)
    term.keys("C-Down", "C-Down")
    term.wait_for(lambda s: "理论学习中心组学法次数" in s and "同比增长20%" in s)
    term.keys("End", "C-u")
    term.wait_for(lambda s: "待填 1" in s)
    term.keys("3")
    term.wait_for(lambda s: "同比下降70%" in s)
    term.keys("3")
    term.wait_for(lambda s: "同比增长230%" in s)
    typed = time.monotonic()
    while "study_sessions: {value: 33, last: 10}" not in draft.read_text(encoding="utf-8"):
        assert time.monotonic() - typed < 2.0, "not on disk 2 seconds after the last keystroke"
        time.sleep(0.05)
    shell = int(term.tmux("display", "-p", "-t", term.name, "#{pane_pid}").strip())
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1
    os.kill(int(children[0]), signal.SIGKILL)
    assert _exit_code(tmp_path) == 137
    text = draft.read_text(encoding="utf-8")
    assert "study_sessions: {value: 33, last: 10}" in text
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written temporary left behind


def test_a_draft_imported_from_a_corpus_report_opens_at_80x24_in_chinese(
    terminal, tmp_path: Path, corpus: Path
) -> None:
    import re

    from drafter.importer.to_draft import draft_from_report

    conversion = draft_from_report(corpus / "jiefang-cgj-2023.docx", 2024)
    draft = tmp_path / "解放区城管局草稿.yaml"
    draft.write_text(conversion.text, encoding="utf-8")
    first_id, first = next(iter(conversion.draft.sections.items()))
    assert first.template, f"{first_id} was imported with its wording"
    words = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\n", first.template).split("\n")
    imported = max(words, key=len).strip()[:8]  # a stretch of last year's own sentence
    started = time.monotonic()
    term = terminal(draft, 80, 24)
    screen = term.wait_for(lambda s: "保存退出" in s and "表述" in s and imported in s)
    print(f"first screen with the imported wording after {time.monotonic() - started:.2f} s")
    # Last year's wording is in the editing pane, to rewrite (not only in the preview).
    left = "\n".join(line[:44] for line in screen.splitlines())
    assert imported in left, screen
    # Not a word of English anywhere (the file's own name aside).
    shown = screen.replace(draft.name, "")
    assert not re.search(r"[A-Za-z]{2,}", shown), shown
    term.keys("C-q")
    assert _exit_code(tmp_path) == 0
