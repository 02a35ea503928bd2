"""``drafter check`` on the command line: the --json shape, the text report, exit codes, --fix."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from drafter.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "check"
ROOT = Path(__file__).resolve().parent.parent

FINDING_KEYS = {
    "severity": str,
    "code": str,
    "message": str,
    "paragraph": (int, type(None)),
    "line": (int, type(None)),
    "heading_path": list,
    "excerpt": str,
    "found": (str, type(None)),
    "corrected": (str, type(None)),
    "fixable": bool,
}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_json_shape_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    """The documented shape (drafter/commands/check.py): keys, types and value sets."""
    code, document = run_json(capsys, str(FIXTURES / "numbering.txt"))
    assert code == 1
    assert set(document) == {"version", "file", "kind", "summary", "findings"}
    assert document["version"] == 1
    assert document["file"] == str(FIXTURES / "numbering.txt")
    assert document["kind"] == "txt"
    assert document["summary"] == {"error": 6, "warning": 1, "info": 0}
    assert len(document["findings"]) == 7
    for finding in document["findings"]:
        assert set(finding) == set(FINDING_KEYS)
        for key, kind in FINDING_KEYS.items():
            assert isinstance(finding[key], kind), key
        assert finding["severity"] in ("error", "warning", "info")
        assert all(isinstance(h, str) for h in finding["heading_path"])
    first = document["findings"][0]
    assert first == {
        "severity": "error",
        "code": "numbering.form",
        "message": "二级标题编号“(一)”用了半角括号，应用全角括号，应为“（一）”。",
        "paragraph": 5,
        "line": 5,
        "heading_path": ["一、主要举措和成效", "(一)加强学法用法"],
        "excerpt": "(一)加强学法用法",
        "found": "(一)",
        "corrected": "（一）",
        "fixable": True,
    }
    severities = [f["severity"] for f in document["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_json_with_fix_reports_the_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "fixed.md"
    code, document = run_json(capsys, str(FIXTURES / "punctuation.md"), "--fix", "-o", str(output))
    assert code == 0  # warnings only
    assert document["fix"] == {"output": str(output), "applied": 6, "skipped": 0}
    assert output.exists()


def test_whole_document_findings_have_no_paragraph(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _, document = run_json(capsys, str(corpus / "chengzhong-zfj-2023.docx"))
    page = next(f for f in document["findings"] if f["code"] == "layout.page-number")
    assert page["paragraph"] is None and page["line"] is None and page["heading_path"] == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("numbering.txt", 1), ("arithmetic.txt", 1), ("punctuation.md", 0), ("clean.txt", 0)],
)
def test_exit_code_is_one_only_for_errors(
    name: str, expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(FIXTURES / name)]) == expected


def test_text_report_groups_by_severity(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FIXTURES / "numbering.txt")])
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("6 个错误，1 个警告")
    errors, warnings = out.index("错误（6）"), out.index("警告（1）")
    assert errors < warnings
    assert "第12行" in out and "一级标题编号“2、”应用汉字数字，应为“二、”。" in out
    assert "可用 --fix 自动修正为：二、" in out


def test_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "clean.txt")]) == 0
    assert capsys.readouterr().out.strip().endswith("未发现问题。")


def test_a_draft_is_composed_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, str(ROOT / "sample_inputs" / "department-2024.yaml"))
    assert code == 0
    assert document["kind"] == "draft"
    assert document["summary"]["error"] == 0 and document["summary"]["warning"] == 0


def test_fix_never_touches_the_original(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes((FIXTURES / "numbering.txt").read_bytes())
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    output = tmp_path / "fixed.txt"
    assert main(["check", str(source), "--fix", "-o", str(output)]) == 1
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert "已写出修正稿" in capsys.readouterr().out
    assert main(["check", str(output)]) == 0  # only the skipped-level warning is left


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fix"], "-o"),
        (["-o", "x.txt"], "只与 --fix"),
        (["--fix", "-o", "SAME"], "不能覆盖原文件"),
        (["--fix", "-o", "fixed.docx"], "同一格式"),
    ],
)
def test_usage_errors(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes((FIXTURES / "numbering.txt").read_bytes())
    argv = [str(source) if a == "SAME" else a for a in argv]
    assert main(["check", str(source), *argv]) == 2
    assert message in capsys.readouterr().err
    assert source.read_bytes() == (FIXTURES / "numbering.txt").read_bytes()


def test_missing_file_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "none.docx")]) == 1
    assert "找不到这个文件" in capsys.readouterr().err
