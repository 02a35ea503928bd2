"""The headless core never imports Textual: building, checking and importing reports stay fast
and work where no terminal UI is wanted."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES


def test_building_a_report_never_imports_textual(tmp_path):
    script = (
        "import sys\n"
        "from drafter.cli import main\n"
        f"code = main(['build', {str(SAMPLES / 'county-2024.yaml')!r}, '-o', {str(tmp_path / 'r.docx')!r}])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('textual modules:', ','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.splitlines()[-1] == "textual modules: "
    assert (tmp_path / "r.docx").stat().st_size > 0


def test_only_the_tui_package_and_the_edit_command_import_textual():
    pattern = re.compile(r"^\s*(from|import)\s+textual\b", re.MULTILINE)
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "drafter").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
        and "tui" not in path.relative_to(ROOT / "drafter").parts
    ]
    assert offenders == []
