"""How the program ends: once a command has returned, drafter ends the process without the
interpreter's teardown (which frees every object one by one), but only after everything it
wrote has reached its reader and every exit handler the command registered has run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "check"
# The standard output buffered, as a clerk's shell has it (this one may set PYTHONUNBUFFERED).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def drafter(*argv: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", *argv],
        stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=BUFFERED,
    )  # fmt: skip


def test_the_program_writes_all_a_command_prints_and_exits_with_its_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["layout"]) == 0
    printed = capsys.readouterr().out
    program = drafter("layout")
    assert program.returncode == 0, program.stderr
    assert program.stdout == printed

    assert main(["check", str(FIXTURES / "numbering.txt")]) == 1
    printed = capsys.readouterr().out
    program = drafter("check", str(FIXTURES / "numbering.txt"))
    assert (program.returncode, program.stdout) == (1, printed)


def test_a_user_error_and_a_usage_error_keep_their_exit_status(tmp_path: Path) -> None:
    missing = drafter("check", str(tmp_path / "没有这个文件.docx"))
    assert missing.returncode == 1
    assert "找不到这个文件" in missing.stderr and "Traceback" not in missing.stderr
    usage = drafter("check")
    assert usage.returncode == 2 and "用法错误" in usage.stderr


SCRIPT = """\
import atexit, sys
import drafter.commands.layout as layout
from drafter import cli

before, during = sys.argv[1:3]
# Registered before the program starts, so it would run after the program's own handler.
atexit.register(lambda: open(before, "w").write("ran"))
run = layout.run


def layout_registering_a_handler(args):
    atexit.register(lambda: open(during, "w").write("ran"))
    return run(args)


layout.run = layout_registering_a_handler
sys.argv = ["drafter", "layout"]
raise SystemExit(cli.main())
"""


def run_script(script: str, tmp_path: Path) -> tuple[bool, bool]:
    """Whether the exit handler registered before the program and the one its command
    registered have run."""
    before, during = tmp_path / "before.txt", tmp_path / "during.txt"
    result = subprocess.run(
        [sys.executable, "-c", script, str(before), str(during)],
        capture_output=True, text=True, cwd=ROOT, env=BUFFERED,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return before.exists(), during.exists()


def test_the_program_ends_after_the_exit_handlers_its_command_registered(
    tmp_path: Path,
) -> None:
    """The program's own handler runs last of those registered since it started, and ends
    the process: a handler registered before it (drafter registers none) is not run."""
    assert run_script(SCRIPT, tmp_path) == (False, True)


def test_drafter_called_with_arguments_only_returns_and_the_process_ends_as_usual(
    tmp_path: Path,
) -> None:
    """``main(argv)`` is how the tests and other programs call drafter."""
    script = SCRIPT.replace("cli.main()", "cli.main(['layout'])")
    assert run_script(script, tmp_path) == (True, True)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("buffered", [True, False], ids=["written-at-the-end", "written-at-once"])
@pytest.mark.parametrize("argv", [["check", str(FIXTURES / "clean.txt")], ["layout"]])
def test_output_that_cannot_be_written_is_said_in_chinese_with_exit_status_1(
    argv: list[str], buffered: bool
) -> None:
    """Output redirected to a full disk: a short output is written only when the program
    ends, a long one (or an unbuffered one) while the command runs; either way the clerk is
    told, and the program does not end as if it had succeeded."""
    env = BUFFERED if buffered else {**BUFFERED, "PYTHONUNBUFFERED": "1"}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "drafter", *argv],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "错误：无法写出输出（磁盘空间不足），结果没有完整写出。\n"
