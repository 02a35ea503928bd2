"""`drafter new`, `drafter build` and `drafter schema` as a clerk runs them."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from drafter.cli import main
from drafter.vocab.numerals import chinese_numeral
from tests.conftest import SAMPLES


def test_new_writes_a_complete_draft_that_builds_with_gaps(tmp_path, capsys):
    draft = tmp_path / "d.yaml"
    assert main(["new", "-o", str(draft), "--org", "示例局", "--year", "2024"]) == 0
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert (tmp_path / "drafter-draft.schema.json").is_file()
    data = yaml.safe_load(text)
    assert data["meta"] == {
        "organisation": "示例局",
        "year": 2024,
        "profile": "department",
        "date": None,
        "seal": False,
    }
    assert "exam_takers" in data["sections"]["study"]["figures"]

    out = tmp_path / "d.txt"
    assert main(["build", str(draft), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "未填写" in err and "法律知识考试参考人数" in err and "--allow-missing" in err
    assert not out.exists()

    assert main(["build", str(draft), "-o", str(out), "--allow-missing"]) == 0
    report = out.read_text(encoding="utf-8")
    assert "【待填：法律知识考试参考人数】" in report
    assert "【待填：成文日期】" in report


def test_new_refuses_to_overwrite(tmp_path, capsys):
    draft = tmp_path / "d.yaml"
    draft.write_text("keep me", encoding="utf-8")
    assert main(["new", "-o", str(draft), "--org", "示例局", "--year", "2024"]) == 2
    assert draft.read_text(encoding="utf-8") == "keep me"


def test_county_profile_splits_item_one_into_the_systems(tmp_path):
    draft = tmp_path / "d.yaml"
    main(
        [
            "new",
            "-o",
            str(draft),
            "--org",
            "示例市城中区人民政府",
            "--year",
            "2024",
            "--profile",
            "county",
        ]
    )
    out = tmp_path / "d.txt"
    assert main(["build", str(draft), "-o", str(out), "--allow-missing"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    level2 = [line for line in lines if re.match(r"（[一二三四五六七八九十]+）", line)]
    assert len(level2) == 10
    assert level2[-1].startswith("（十）加强党的领导")
    assert "现将我区2024年法治政府建设工作情况报告如下：" in lines[1]


@pytest.mark.parametrize("sample", ["department-2024.yaml", "county-2024.yaml"])
def test_samples_are_complete_and_numbered(sample, tmp_path):
    out = tmp_path / "s.txt"
    assert main(["build", str(SAMPLES / sample), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "【待填" not in text
    assert "同比" in text  # last year's values give year-on-year phrases
    level1 = [line for line in text.splitlines() if re.match(r"[一二三四五六七八九十]+、", line)]
    assert [line.split("、")[0] for line in level1] == [chinese_numeral(i) for i in range(1, 5)]
    assert level1[-1].startswith("四、2025年")  # the plan names the next year
    assert text.rstrip().endswith("日")


def test_switching_a_section_off_renumbers_the_rest(tmp_path):
    data = yaml.safe_load((SAMPLES / "department-2024.yaml").read_text(encoding="utf-8"))
    data["sections"]["study"]["enabled"] = False
    draft = tmp_path / "d.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "d.txt"
    assert main(["build", str(draft), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "（一）深化“放管服”改革" in text
    assert "学法用法" not in text.split("（一）")[1].split("\n")[0]


def test_derived_rates_come_from_counts(tmp_path):
    out = tmp_path / "s.txt"
    main(["build", str(SAMPLES / "department-2024.yaml"), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "参考79人，通过75人，通过率94.9%，同比提高2.9个百分点" in text
    assert "办理行政处罚案件1476件，同比下降3%" in text
    assert "培训530余人次，同比增长15.2%" in text


def test_several_drafts_build_into_a_folder(tmp_path, capsys):
    good = [str(SAMPLES / "department-2024.yaml"), str(SAMPLES / "county-2024.yaml")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", *good, str(bad), "-o", str(out), "--format", "txt"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["county-2024.txt", "department-2024.txt"]
    assert "[3/3] 失败" in captured.err
    assert "成功 2 份，失败 1 份" in captured.out


def test_unknown_output_format_is_an_input_error(tmp_path, capsys):
    assert (
        main(["build", str(SAMPLES / "department-2024.yaml"), "-o", str(tmp_path / "x.rtf")]) == 1
    )
    assert ".docx、.pdf、.txt 或 .md" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build"])
    assert caught.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_schema_is_json_schema_for_the_draft(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["properties"]) == {"meta", "sections"}
    assert "organisation" in schema["$defs"]["Meta"]["properties"]


def test_markdown_output(tmp_path):
    out = tmp_path / "s.md"
    assert main(["build", str(SAMPLES / "department-2024.yaml"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 示例市城中区城市管理和综合执法局关于2024年法治政府建设情况的报告")
    assert "\n## 一、2024年推进法治政府建设的主要举措和成效\n" in text


def _draft_with_text(tmp_path, text: str):
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "meta: {organisation: 示例局, year: 2024, date: 2025-01-20}\n"
        "sections:\n  opening:\n    phrasing: none\n    text: |\n"
        f"      {text}\n  plan: {{}}\n",
        encoding="utf-8",
    )
    return draft


def test_build_refuses_a_rate_that_contradicts_its_counts(tmp_path, capsys):
    draft = _draft_with_text(tmp_path, "组织法律知识考试，79人参考，75人通过，及格率98.7%。")
    out = tmp_path / "r.docx"
    assert main(["build", str(draft), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "相互矛盾" in err and "94.9%" in err
    assert not out.exists()


def test_build_shows_other_findings_as_warnings_and_still_builds(tmp_path, capsys):
    draft = _draft_with_text(tmp_path, "2024年,我局持续推进依法行政。")
    out = tmp_path / "r.docx"
    assert main(["build", str(draft), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "警告" in err and "，" in err
    assert out.is_file()


@pytest.mark.parametrize("sample", ["department-2024.yaml", "county-2024.yaml"])
def test_samples_build_without_findings(sample, tmp_path, capsys):
    assert main(["build", str(SAMPLES / sample), "-o", str(tmp_path / "s.docx")]) == 0
    assert capsys.readouterr().err == ""
