"""Every mistake a clerk can make in a draft gets a Chinese message naming the file, the line and
the field, exit code 1 and no traceback."""

from __future__ import annotations

import textwrap

import pytest

from drafter.cli import main

HEAD = """\
meta:
  organisation: 示例局
  year: 2024
sections:
"""

BAD_DRAFTS = {
    "broken YAML syntax": (
        HEAD + "  study:\n    figures:\n      exam_takers: {value: 79\n",
        ["第8行", "YAML 语法错误"],
    ),
    "unknown key": (
        "meta:\n  organisation: 示例局\n  year: 2024\n  titel: 报告\n",
        ["第4行", "meta.titel", "未知的键“titel”", "是否是“title”"],
    ),
    "Chinese numeral in a count": (
        HEAD + "  study:\n    figures:\n      exam_takers: {value: 十二}\n",
        ["第7行", "sections.study.figures.exam_takers.value", "应为非负整数", "十二"],
    ),
    "negative count": (
        HEAD + "  study:\n    figures:\n      law_lectures: -3\n",
        ["第7行", "sections.study.figures.law_lectures.value", "不能为负数"],
    ),
    "passed more than took the exam": (
        HEAD
        + "  study:\n    figures:\n      exam_takers: {value: 75}\n      exam_passed: {value: 79}\n",
        ["第8行", "sections.study.figures.exam_passed.value", "79", "75", "不能超过 100%"],
    ),
    "其中 parts above their total": (
        HEAD + "  enforcement:\n    figures:\n      files_reviewed: {value: 10}\n"
        "      files_excellent: {value: 12}\n",
        ["第8行", "files_excellent", "合计 12", "超过了评查案卷份数 10"],
    ),
    "duplicate key": (
        HEAD + "  study:\n    figures:\n      exam_takers: 3\n      exam_takers: 4\n",
        ["第8行", "键“exam_takers”重复出现", "第7行已有"],
    ),
    "missing organisation": (
        "meta:\n  year: 2024\n",
        ["第1行", "meta.organisation", "缺少必填项“organisation”"],
    ),
    "template naming an undefined figure": (
        HEAD + "  enforcement:\n    template: |\n      全年办理案件{{ general_cases }}。\n"
        "      罚没{{ fine_total }}。\n",
        ["第8行", "sections.enforcement.template", "不存在的数字或变量“fine_total”"],
    ),
    "unknown section": (
        HEAD + "  studdy: {}\n",
        ["第5行", "sections.studdy", "是否是“study”"],
    ),
    "switching off a required section": (
        HEAD + "  plan:\n    enabled: false\n",
        ["第6行", "sections.plan.enabled", "不能关闭"],
    ),
    "impossible date": (
        "meta:\n  organisation: 示例局\n  year: 2024\n  date: 2025-02-30\n",
        ["第4行", "meta.date", "应为日期"],
    ),
    "percentage over 100": (
        HEAD + "  oversight:\n    figures:\n      satisfaction: 101\n",
        ["第7行", "satisfaction", "应不大于 100"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_DRAFTS), ids=list(BAD_DRAFTS))
def test_a_bad_draft_is_explained_in_chinese(case, tmp_path, capsys):
    text, expected = BAD_DRAFTS[case]
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    code = main(["build", str(draft), "-o", str(tmp_path / "out.txt"), "--allow-missing"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert str(draft) in err
    for fragment in expected:
        assert fragment in err, f"{fragment!r} not in {err!r}"
    assert not (tmp_path / "out.txt").exists()


def test_all_problems_are_reported_at_once(tmp_path, capsys):
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        HEAD + "  study:\n    figures:\n      exam_takers: 十二\n      law_lectures: -1\n",
        encoding="utf-8",
    )
    assert main(["build", str(draft), "-o", str(tmp_path / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert "第7行" in err and "第8行" in err


def test_text_with_markup_characters_comes_out_literally(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        HEAD
        + textwrap.indent(
            textwrap.dedent(
                """\
                opening:
                  phrasing: none
                  text: 'A<B & "C" {{ year }} 《条例》'
                """
            ),
            "  ",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    assert main(["build", str(draft), "-o", str(out), "--allow-missing"]) == 0
    assert 'A<B & "C" {{ year }} 《条例》' in out.read_text(encoding="utf-8")


def test_a_draft_that_is_not_utf8_is_refused_clearly(tmp_path, capsys):
    draft = tmp_path / "draft.yaml"
    draft.write_bytes((HEAD).encode("gb18030") + "  opening: {text: 中文}\n".encode("gb18030"))
    assert main(["build", str(draft), "-o", str(tmp_path / "x.txt")]) == 1
    assert "UTF-8" in capsys.readouterr().err


def test_binary_junk_is_not_taken_for_a_draft(tmp_path, capsys):
    draft = tmp_path / "draft.yaml"
    draft.write_bytes(b"\x00\x01\x02junk")
    assert main(["build", str(draft), "-o", str(tmp_path / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert "控制字符" in err and "Traceback" not in err


def test_an_output_folder_that_does_not_exist_is_named_in_chinese(tmp_path, capsys):
    from tests.conftest import SAMPLES

    target = tmp_path / "没有这个目录" / "报告.docx"
    assert main(["build", str(SAMPLES / "department-2024.yaml"), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "无法写入输出文件（文件或目录不存在）" in err
