"""The headless core never imports Textual; it stays inside ``drafter/tui/``. Building a DOCX,
the other commands and even the TUI's own logic (session, YAML round trip) run without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

PACKAGE = ROOT / "drafter"


def _loaded_textual(script: str) -> list[str]:
    probe = (
        script
        + "\nimport sys\n"
        + "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    line = result.stdout.splitlines()[-1] if result.stdout.strip() else ""
    return [name for name in line.split(",") if name]


def test_building_checking_and_the_cli_parser_never_import_textual(tmp_path: Path) -> None:
    output = tmp_path / "r.docx"
    script = (
        "from pathlib import Path\n"
        "from drafter.build import build_file\n"
        "from drafter.cli import build_parser\n"
        "import drafter.commands.edit\n"
        f"build_file({str(SAMPLES / 'department-2024.yaml')!r}, Path({str(output)!r}))\n"
        "build_parser().parse_args(['edit', 'x.yaml'])\n"
    )
    assert _loaded_textual(script) == []
    assert output.stat().st_size > 0


def test_the_tui_logic_runs_without_textual() -> None:
    script = (
        "from drafter.tui.session import DraftSession\n"
        f"session = DraftSession.load({str(SAMPLES / 'county-2024.yaml')!r})\n"
        "session.set_figure('xi_thought', 'law_lectures', 'value', '7')\n"
        "assert '7场' in session.preview('xi_thought')[1].text\n"
    )
    assert _loaded_textual(script) == []


def _imports(tree: ast.AST, top_level_only: bool) -> set[str]:
    nodes = tree.body if top_level_only and isinstance(tree, ast.Module) else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_tui_package_and_the_edit_command_mention_textual() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("tui/"):
            continue
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")), top_level_only=False)
        uses_textual = any(name.split(".")[0] == "textual" for name in imported)
        uses_tui = any(name.startswith("drafter.tui") for name in imported)
        if uses_textual or (uses_tui and relative != "commands/edit.py"):
            offenders.append(relative)
    assert offenders == []


def test_the_edit_command_imports_the_tui_only_inside_run() -> None:
    tree = ast.parse((PACKAGE / "commands" / "edit.py").read_text(encoding="utf-8"))
    assert not any(name.startswith(("drafter.tui", "textual")) for name in _imports(tree, True))
    assert any(name.startswith("drafter.tui") for name in _imports(tree, False))


def test_the_tui_session_and_yaml_modules_import_no_textual() -> None:
    for path in (PACKAGE / "tui" / "session.py", PACKAGE / "yamldoc.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(n.split(".")[0] == "textual" for n in _imports(tree, False)), path.name
