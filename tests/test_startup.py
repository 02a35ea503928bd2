"""What each command imports: a command loads only the libraries and modules its path uses,
so that a clerk's `drafter check 报告.docx` starts about as fast as opening the file with
python-docx (benchmarks/bench_check.py measures it; here the contract is stated).

Each command runs in a fresh interpreter, which then lists the modules it has imported."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.build import build_file
from drafter.vocab.regex import lazy
from tests.conftest import ROOT

LISTING = """\
import json, sys
from drafter.cli import main
sys.stdout = open("/dev/null", "w")
code = main(sys.argv[1:])
sys.stdout = sys.__stdout__
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def imported_by(*argv: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``drafter ARGV``."""
    result = subprocess.run(
        [sys.executable, "-c", LISTING, *argv],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, 1), result.stderr
    return set(report["modules"])


def loaded(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in packages or m in packages}


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("startup") / "报告.docx"
    build_file(ROOT / "sample_inputs" / "department-2024.yaml", out)
    return out


def test_check_of_a_word_file_imports_neither_pydantic_nor_jinja2(report_docx: Path) -> None:
    modules = imported_by("check", str(report_docx))
    assert "docx" in modules and "drafter.check.layout" in modules  # it did check the file
    assert not loaded(modules, "pydantic", "pydantic_core", "jinja2", "textual", "openpyxl")
    assert not loaded(modules, "ruamel", "asyncio", "email")
    assert "drafter.model" not in modules and "drafter.layoutfile" not in modules


def test_check_of_a_word_file_imports_no_yaml_library_once_the_shipped_data_is_cached(
    report_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The word lists, the layout profile and the outline are read from their cached copies:
    only the first check (an empty cache) imports PyYAML to read them."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    first = imported_by("check", str(report_docx))
    assert "yaml" in first
    modules = imported_by("check", str(report_docx))
    assert "drafter.check.layout" in modules and "drafter.importer.matching" in modules
    assert not loaded(modules, "yaml", "ruamel")


def test_a_profile_is_read_without_pydantic_and_from_the_cache_without_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outline is shipped data: loading it builds no pydantic model (its schema,
    drafter.outlinefile, is the tests'), and once cached it needs no YAML library either."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    script = (
        "import json, sys\n"
        "from drafter.outline import load_profile\n"
        "assert load_profile('county').section('measures') is not None\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    for run in ("first", "cached"):
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
        )
        modules = set(json.loads(result.stdout))
        assert loaded(modules, "drafter") == {"drafter", "drafter.outline", "drafter.resources"}
        assert not loaded(modules, "pydantic", "pydantic_core", "ruamel")
        assert ("yaml" in modules) == (run == "first")


def test_check_and_outline_of_a_text_report_import_no_yaml_library_once_it_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    text = tmp_path / "报告.txt"
    text.write_text(
        "示例局2024年法治政府建设年度报告\n一、主要举措和成效\n共办理行政复议案件12件。\n",
        encoding="utf-8",
    )
    imported_by("check", str(text))  # fills the cache
    for argv in (("check", str(text)), ("outline", "--json", str(text))):
        modules = imported_by(*argv)
        assert "drafter.vocab.words" in modules, argv  # it read the word lists
        assert not loaded(modules, "yaml", "ruamel"), argv


def test_outline_of_a_word_file_imports_neither_pydantic_nor_jinja2(report_docx: Path) -> None:
    modules = imported_by("outline", "--json", str(report_docx))
    assert "drafter.importer.structure" in modules
    assert not loaded(modules, "pydantic", "jinja2", "textual", "openpyxl", "ruamel")
    assert "drafter.check" not in modules


def test_build_does_not_import_the_importer_or_the_editor(tmp_path: Path) -> None:
    draft = ROOT / "sample_inputs" / "county-2024.yaml"
    modules = imported_by("build", str(draft), "-o", str(tmp_path / "r.docx"))
    assert (tmp_path / "r.docx").is_file()
    assert "drafter.check.arithmetic" in modules  # build checks the text it writes
    readers = {"readers", "wordfile", "structure", "to_draft", "catalogue", "matching", "profile"}
    assert not {m for m in modules if m.removeprefix("drafter.importer.") in readers}
    assert not loaded(modules, "textual", "openpyxl", "ruamel")
    assert "drafter.check.layout" not in modules and "drafter.check.docxfile" not in modules
    # The outline is shipped data, read without validation: its schema is the tests' alone.
    assert "drafter.outline" in modules and "drafter.outlinefile" not in modules


def test_a_custom_layout_is_still_validated_on_the_check_path(
    report_docx: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "版式.yaml"
    bad.write_text("margin_top_mm: 三十七\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(report_docx), "--layout", str(bad)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{bad} 第1行 margin_top_mm：应为数字" in result.stderr


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_compiled_pattern() -> None:
    source = r"(?P<n>\d+)件(?!次)"
    pattern = lazy(source)
    assert "search" not in vars(pattern)  # nothing compiled yet
    assert pattern.pattern == source
    found = pattern.search("共办理12件，其中3件次")
    assert found is not None and found.group("n") == "12"
    compiled = re.compile(source)
    assert vars(pattern)["search"].__self__ == compiled  # later calls go straight to re
    text = "1件 22件 333件次"
    assert pattern.sub("#", text) == compiled.sub("#", text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.fullmatch("7件") and not pattern.match("件")
    with pytest.raises(AttributeError):
        pattern.no_such_method  # noqa: B018


def test_a_command_is_parsed_by_its_own_parser_alone_as_by_the_whole_command_line() -> None:
    """`drafter build …` builds only build's arguments; what it parses and the help it prints
    are what the whole command line gives."""
    import argparse

    from drafter.cli import COMMANDS, build_parser

    def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        return next(
            a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)
        )  # fmt: skip

    whole = subcommands(build_parser())
    assert list(whole) == list(COMMANDS)
    for name in COMMANDS:
        alone = subcommands(build_parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == whole[name].format_help()
    argv = ["build", "a.yaml", "b.yaml", "-o", "out", "--format", "txt", "--plain-fonts"]
    assert build_parser("build").parse_args(argv) == build_parser().parse_args(argv)


GC_LISTING = """\
import gc, json, sys
from drafter.cli import main
sys.stdout = open("/dev/null", "w")
{call}
sys.stdout = sys.__stdout__
print(json.dumps({{"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}}))
"""


def collector_after(call: str, *argv: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", GC_LISTING.format(call=call), *argv],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_program_imports_its_command_with_the_collector_paused_then_resumes_it(
    tmp_path: Path,
) -> None:
    """Run as the program, a command's imports are frozen out of the garbage collector's
    passes and collection goes on for its work; a caller running main() in its own process
    keeps its collector as it was."""
    argv = (
        "build",
        str(ROOT / "sample_inputs" / "county-2024.yaml"),
        "-o",
        str(tmp_path / "r.txt"),
    )
    started = collector_after("code = main()", *argv)  # argv read from sys.argv
    assert started["enabled"] is True and int(str(started["frozen"])) > 10_000
    called = collector_after("code = main(sys.argv[1:])", *argv)
    assert called == {"enabled": True, "frozen": 0}


LATE_LISTING = """\
import json, sys
import drafter.cli as cli
imported = cli._import_command
def import_command(*args, **kwargs):
    command = imported(*args, **kwargs)
    before.update(sys.modules)
    return command
before = set()
cli._import_command = import_command
sys.stdout = open("/dev/null", "w")
code = cli.main({argv})
sys.stdout = sys.__stdout__
print(json.dumps({{"late": sorted(set(sys.modules) - before), "all": sorted(sys.modules)}}))
"""


def imports_after_the_pause(*argv: str, starting: bool = True) -> tuple[set[str], set[str]]:
    """The drafter, python-docx and lxml modules ``drafter ARGV`` imports after the collector
    resumes, and every module it imported; run as the program (``starting``) or by a caller."""
    script = LATE_LISTING.format(argv="" if starting else "sys.argv[1:]")
    result = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd=ROOT, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    late = set(loaded(set(report["late"]), "drafter", "docx", "lxml", "yaml"))
    return late, set(report["all"])


@pytest.mark.parametrize(
    "kind", ["docx", "txt", "draft", "new --from docx", "outline docx", "build docx", "build txt"]
)
def test_the_program_imports_what_a_run_uses_while_the_collector_is_paused(
    kind: str, report_docx: Path, tmp_path: Path
) -> None:
    """A command names the modules a run will use (python-docx's reader for a Word file), so
    they too are imported before the collector resumes; naming them imports nothing the run
    would not have imported anyway."""
    text = tmp_path / "报告.txt"
    text.write_text(
        "示例局2024年法治政府建设年度报告\n一、主要举措\n共办理案件12件。\n", encoding="utf-8"
    )
    argv = {
        "docx": ("check", str(report_docx)),
        "txt": ("check", str(text)),
        "draft": ("check", str(ROOT / "sample_inputs" / "county-2024.yaml")),
        "new --from docx": (
            "new",
            "--from",
            str(report_docx),
            "-o",
            str(tmp_path / "d.yaml"),
            "--force",
        ),
        "outline docx": ("outline", str(report_docx)),
        "build docx": (
            "build",
            str(ROOT / "sample_inputs" / "county-2024.yaml"),
            "-o",
            str(tmp_path / "报告.docx"),
        ),
        "build txt": (
            "build",
            str(ROOT / "sample_inputs" / "county-2024.yaml"),
            "-o",
            str(tmp_path / "报告.txt"),
        ),
    }[kind]
    runs = [imports_after_the_pause(*argv) for _ in range(2)]  # the first fills the caches
    late, modules = runs[-1]
    assert late == set()
    late_when_called, called_modules = imports_after_the_pause(*argv, starting=False)
    assert late_when_called  # a caller's run imports them as it goes
    assert modules == called_modules


def test_text_without_an_address_never_compiles_the_address_pattern() -> None:
    """The pattern of URLs and e-mail addresses spans the Han ranges and is costly to compile:
    text with none of "://", "www." and "@" is cleaned without it, and the same as with it."""
    script = (
        "import json\n"
        "from drafter.importer.clean import full_width_punctuation, _PROTECTED\n"
        "plain = full_width_punctuation('共办理案件12件,其中(行政)3件')\n"
        "compiled_for_plain = 'search' in vars(_PROTECTED)\n"
        "address = full_width_punctuation('详见网站http://fzb.example.cn/a,b,邮箱fzb@example.cn')\n"
        "print(json.dumps([plain, compiled_for_plain, 'search' in vars(_PROTECTED), address]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    plain, compiled_for_plain, compiled, address = json.loads(result.stdout)
    assert plain == "共办理案件12件，其中（行政）3件" and not compiled_for_plain
    assert compiled and address == "详见网站http://fzb.example.cn/a,b,邮箱fzb@example.cn"


@pytest.mark.parametrize(
    "argv",
    [
        "check 报告.docx --fix -o 修正稿.docx",
        "check 报告.txt --fix -o 修正稿.txt",
        "check 草稿.yaml",
        "new --from 报告.docx -o 草稿.yaml",
        "new --from 报告.md -o 草稿.yaml",
        "new --org 示例局 --year 2024 -o 草稿.yaml",
        "outline 报告.docx",
        "build 草稿.yaml -o 报告.docx",
        "build 草稿.yaml -o 报告.pdf",
        "build 草稿.yaml -o 报告.md",
        "build 甲.yaml 乙.yaml -o 报告",
        "build 甲.yaml 乙.yaml -o 报告 --format txt",
    ],
)
def test_every_module_a_command_names_for_its_run_exists(argv: str) -> None:
    import importlib
    import importlib.util

    from drafter.cli import build_parser

    words = argv.split()
    args = build_parser(words[0]).parse_args(words)
    command = importlib.import_module(f"drafter.commands.{words[0]}")
    for name in command.modules_for(args):
        assert importlib.util.find_spec(name) is not None, name
