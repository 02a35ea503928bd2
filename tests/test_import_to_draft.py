"""`drafter new --from`: an old report into a draft, built back (same year) or rolled (next year)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from drafter.cli import main
from drafter.compose import compose_text
from drafter.draftfile import dump_draft
from drafter.importer import read_report
from drafter.importer.matching import match_score
from drafter.importer.to_draft import _Templater, convert, roll_years
from drafter.outline import load_profile
from tests.conftest import CORPUS_FILES

# chengzhong's report has neither a title nor a signature: nothing names the organisation.
ORG = {"chengzhong": "柳州市城中区城市管理行政执法局"}
ROUND_TRIP_GOAL = 0.99


def org_args(name: str) -> list[str]:
    org = ORG.get(name.split("-")[0])
    return ["--org", org] if org else []


def new_draft(corpus: Path, tmp_path: Path, name: str, year: int, capsys) -> tuple[Path, str]:
    draft = tmp_path / f"{name}-{year}.yaml"
    args = ["new", "--from", str(corpus / name), "--year", str(year), "-o", str(draft)]
    assert main(args + org_args(name)) == 0
    out = capsys.readouterr().out
    return draft, out


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_same_year_round_trip_reproduces_the_cleaned_text(corpus, tmp_path, capsys, name):
    imported = read_report(corpus / name)
    draft, summary = new_draft(corpus, tmp_path, name, 2023, capsys)
    assert "保留原数值" in summary

    # None of these reports carries a date, so the one thing the build still asks for is
    # the date of the signature; every figure kept its value.
    report = tmp_path / "report.txt"
    assert main(["build", str(draft), "-o", str(report)]) == 1
    err = capsys.readouterr().err
    assert "还有 1 项数字未填写" in err and "成文日期" in err
    assert main(["build", str(draft), "-o", str(report), "--allow-missing"]) == 0
    capsys.readouterr()
    built = report.read_text(encoding="utf-8")

    ratio = similarity(imported.text, built)
    print(f"\nround trip {name}: difflib ratio {ratio:.4f}")
    assert ratio >= ROUND_TRIP_GOAL

    # What differs is only what the draft cannot keep: the repaired numbering, a title the
    # profile writes where the report had none, the title's line break, the signature with
    # its date, and the lines under the title (listed for review instead).
    matcher = difflib.SequenceMatcher(None, imported.text, built, autojunk=False)
    removed = added = ""
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            removed += imported.text[i1:i2]
            added += built[j1:j2]
    repaired = [
        (h.number or "", n)
        for h, n in zip(imported.source_headings, imported.numbers, strict=True)
        if h.repaired
    ]
    allowed_removed = (
        "\n".join(imported.document.front_matter)
        + "\n"
        + "".join(written for written, _ in repaired)
    )
    generated_title = built.splitlines()[0] if imported.document.title is None else ""
    organisation = built.splitlines()[-2]
    allowed_added = "\n".join(
        [generated_title, organisation, "【待填：成文日期】", *(n for _, n in repaired), ""]
    )
    assert set(removed) <= set(allowed_removed), removed
    assert set(added) <= set(allowed_added), added
    assert len(added) <= len(allowed_added), added


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_next_year_rolls_years_and_moves_values_to_last(corpus, tmp_path, capsys, name):
    imported = read_report(corpus / name)
    draft, summary = new_draft(corpus, tmp_path, name, 2024, capsys)
    assert "原数值移作上年数值" in summary
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["meta"]["year"] == 2024
    every = [f for s in data["sections"].values() for f in s.get("figures", {}).values()]
    # Typed figures carry last year's value; a stated rate or change is a derived figure,
    # computed on build from them (issue 10), and holds no value of its own.
    figures = [f for f in every if "formula" not in f]
    assert figures, "figures were lifted"
    assert all(f.get("value") is None and f.get("last") is not None for f in figures)
    assert all(set(f) == {"formula", "label"} for f in every if "formula" in f)

    report = tmp_path / "next.txt"
    assert main(["build", str(draft), "-o", str(report), "--allow-missing"]) == 0
    capsys.readouterr()
    text = report.read_text(encoding="utf-8")
    # No year of the old report is left where the new year belongs.  A year inside a
    # document's name keeps its text and is on the review list (issue 10 changed this).
    names = re.findall(r"《[^》]*2023年[^》]*》", text)
    unnamed = re.sub(r"《[^》]*》", "", text)
    assert "2023年" not in unnamed and "2023年度" not in unnamed
    for name in names:
        assert name[1:-1][-8:] in summary and "名称中的年份保留原文" in summary
    assert text.count("【待填：") >= len(figures)
    # The plan section names the year after the report's year.
    plan = next(
        line
        for line in text.splitlines()
        if re.match(r"^[一二三四五六七八九十]+、", line)
        and any(w in line for w in ("安排", "打算", "计划", "思路"))
    )
    assert "2025年" in plan
    # Years that are not relative to the report stay as written.
    if "2022-2025年" in imported.text:
        assert "2022-2025年" in text
    if "自2018年起" in imported.text:
        assert "自2018年起" in text


def test_next_year_keeps_last_years_values_with_their_flags(corpus, tmp_path, capsys):
    draft, _ = new_draft(corpus, tmp_path, "chengzhong-zfj-2023.txt", 2024, capsys)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    figures = [f for s in data["sections"].values() for f in s.get("figures", {}).values()]
    figures = [f for f in figures if "formula" not in f]  # derived ones hold no values
    trainees = next(f for f in figures if f["last"] == 530)
    assert trainees["unit"] == "人次" and trainees["approx"] == "余"
    assert "培训人员" in trainees["label"]
    fines = next(f for f in figures if f["last"] == 14500)
    assert fines["unit"] == "元" and fines["type"] == "amount"
    rate = next(f for f in figures if f.get("unit") == "%")
    assert rate["type"] == "percentage" and rate["last"] == 100


def test_same_year_draft_keeps_values(corpus, tmp_path, capsys):
    draft, _ = new_draft(corpus, tmp_path, "jiefang-cgj-2023.docx", 2023, capsys)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["meta"]["organisation"] == "解放区城市管理局"  # read from the title
    assert data["meta"]["title"] == "解放区城市管理局关于2023年法治政府建设情况的报告"
    # "配备执法记录仪50台" is the enforcement section's catalogue figure: no label of its own.
    recorders = data["sections"]["enforcement"]["figures"]["recorders"]
    assert recorders == {"value": 50}
    assert "配备执法记录仪{{ recorders }}" in data["sections"]["enforcement"]["template"]
    study = data["sections"]["study"]
    assert study["heading"] == "加强组织领导，推进领导学法" and study["run_in"] is True
    assert "{{ year }}年共组织局理论学习中心组" in study["template"]


# The numbers of each corpus report that are figures of the profile's catalogue, by section.
CATALOGUE = {
    "chengzhong": [
        ("publicity", "materials"),
        ("publicity", "consultations"),
        ("publicity", "media_reports"),
        ("publicity", "new_media_posts"),
    ],
    "jiefang": [
        ("study", "study_sessions"),
        ("powers", "permits_handled"),
        ("enforcement", "recorders"),
    ],
    "lingling": [("study", "study_sessions")],
}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_numbers_map_onto_the_catalogue(corpus, name):
    conversion = convert(read_report(corpus / name), 2024, ORG.get(name.split("-")[0]))
    assert conversion.catalogue == CATALOGUE[name.split("-")[0]]
    print(f"\ncatalogue {name}: {len(conversion.catalogue)} of {conversion.figures} figures")
    profile = load_profile(conversion.draft.meta.profile)
    for section_id, figure_id in conversion.catalogue:
        entry = conversion.draft.sections[section_id].figures[figure_id]
        assert entry.label is None and entry.unit is None and entry.type is None
        assert entry.last is not None and entry.value is None
        definition = profile.section(section_id)
        assert definition is not None and definition.figure(figure_id) is not None
        assert f"{{{{ {figure_id} }}}}" in (conversion.draft.sections[section_id].template or "")


def test_summary_lists_matched_custom_figures_and_reviews(corpus, tmp_path, capsys):
    _, summary = new_draft(corpus, tmp_path, "jiefang-cgj-2023.txt", 2024, capsys)
    assert "对应标准部分 9 个" in summary
    assert "存在问题不足 → shortcomings" in summary
    assert "2024年度推进法治政府建设的相关计划 → plan" in summary
    # The heading names disputes and oversight alike; its text is about supervision.
    assert "加强纠纷调处，推进权力制约 → oversight" in summary
    assert "自定义部分 8 个" in summary and "恪守执法为民，落实服务民生" in summary
    assert re.search(r"提取数字 \d+ 个", summary)
    assert "待核对" in summary and "普法工作要点" in summary


def test_nothing_is_dropped(corpus):
    """Every heading and paragraph of the report is in the draft: composed for the report's
    own year, the draft gives each of them back."""
    for name in CORPUS_FILES:
        imported = read_report(corpus / name)
        conversion = convert(imported, 2023, ORG.get(name.split("-")[0]))
        # Each draft under its own name: the template cache keys inline templates by path.
        composed = compose_text(dump_draft(conversion.draft), f"{name}.yaml").document
        assert [(h.level, h.title, h.body) for h in composed.headings()] == [
            (h.level, h.title, h.body) for h in imported.document.headings()
        ]
        assert [p.text for p in composed.paragraphs()] == [
            p.text for p in imported.document.paragraphs()
        ]


def test_organisation_is_needed_when_the_report_names_none(corpus, tmp_path, capsys):
    draft = tmp_path / "d.yaml"
    code = main(
        [
            "new",
            "--from",
            str(corpus / "chengzhong-zfj-2023.txt"),
            "--year",
            "2024",
            "-o",
            str(draft),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--org" in err and "机关名称" in err and "Traceback" not in err
    assert not draft.exists()


# ---------------------------------------------------------------- matching headings


@pytest.mark.parametrize("profile_id", ["department", "county"])
@pytest.mark.parametrize(
    "heading,section_id",
    [
        ("存在的问题和原因", "shortcomings"),
        ("存在问题不足", "shortcomings"),
        ("存在的主要问题", "shortcomings"),
        ("下一步工作思路", "plan"),
        ("2024年工作打算", "plan"),
        ("2024 年度推进法治政府建设的相关计划", "plan"),
        ("工作落实情况", "measures"),
        ("2023年度党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
    ],
)
def test_headings_match_the_standard_sections(profile_id, heading, section_id):
    profile = load_profile(profile_id)
    scores = {s.id: match_score(heading, s) for s in profile.sections if s.level == 1}
    assert max(scores, key=scores.__getitem__) == section_id
    assert scores[section_id] >= 0.6


def test_unrelated_heading_matches_nothing():
    profile = load_profile("department")
    assert all(match_score("工作亮点", s) < 0.6 for s in profile.sections if s.level == 1)


# ---------------------------------------------------------------- templates from text


def template(text: str, year: int = 2023) -> tuple[str, _Templater]:
    templater = _Templater(year)
    return templater.template(text), templater


def test_years_become_expressions_other_years_stay():
    out, _ = template(
        "2023年以来，自2018年起，对照《实施方案（2022-2025年）》，2024年将继续，2022年同期。"
    )
    assert out == (
        "{{ year }}年以来，自2018年起，对照《实施方案（2022-2025年）》，"
        "{{ year + 1 }}年将继续，{{ year - 1 }}年同期。"
    )


def test_event_dates_stay_and_are_marked_for_review():
    out, templater = template("7月3日召开专题会议，2023年5月组织培训，12月底完成。")
    assert out.startswith("7月3日召开专题会议，2023年5月组织培训，12月底完成")
    assert len(templater.reviews) == 3
    assert all("具体事件的日期" in review for review in templater.reviews)
    assert templater.figures == []


@pytest.mark.parametrize(
    "text,expected,value,unit,approx,kind",
    [
        ("培训人员530余人次", "培训人员{{ n1 }}", 530, "人次", "余", "count"),
        ("发放材料1100余份", "发放材料{{ n1 }}", 1100, "份", "余", "count"),
        ("组织了4次以上的学习", "组织了{{ n1 }}的学习", 4, "次", "以上", "count"),
        ("参训超500人", "参训{{ n1 }}", 500, "人", "超", "count"),
        ("共对300多份案件", "共对{{ n1 }}案件", 300, "份", "多", "count"),
        ("罚没68.136万元", "罚没{{ n1 }}", "68.136", "万元", None, "amount"),
        ("出庭率100%", "出庭率{{ n1 }}", 100, "%", None, "percentage"),
        ("出庭必须达到30%以上", "出庭必须达到{{ n1 }}", 30, "%", "以上", "amount"),
        ("超过200件", "超过{{ n1 }}", 200, "件", None, "count"),
    ],
)
def test_figures_are_lifted_with_units_and_flags(text, expected, value, unit, approx, kind):
    out, templater = template(text)
    assert out == expected
    (figure,) = templater.figures
    assert str(figure.value) == str(value)
    assert (figure.unit, figure.approx, figure.type) == (unit, approx, kind)


@pytest.mark.parametrize(
    "text",
    [
        "第3次会议",
        "24小时循环播放",
        "“3.19城市管理日”",
        "“721”工作制度",
        "7天内公布",
        "《关于加强执法的10条措施》",
    ],
)
def test_not_figures(text):
    out, templater = template(text)
    assert templater.figures == []
    assert out == text


def test_braces_in_text_are_escaped_for_jinja(tmp_path):
    out, _ = template("编号{A}和{{x}}")
    import jinja2

    assert jinja2.Environment().from_string(out).render() == "编号{A}和{{x}}"


def test_roll_years_in_plain_text():
    assert (
        roll_years("2024 年度推进法治政府建设的相关计划", 2023, 2024)
        == "2025 年度推进法治政府建设的相关计划"
    )
    assert roll_years("（2022-2025年）", 2023, 2024) == "（2022-2025年）"
    assert roll_years("自2018年起", 2023, 2024) == "自2018年起"
    assert roll_years("2023年工作", 2023, 2023) == "2023年工作"


def test_event_date_review_reaches_the_draft_and_summary(tmp_path, capsys):
    source = tmp_path / "r.txt"
    source.write_text(
        "示例局关于2023年法治政府建设情况的报告\n2023年，我局依法行政。现报告如下：\n"
        "一、主要举措\n（一）学法。7月3日召开专题学法会议，全年学法12次。\n"
        "二、存在的问题\n学习不够深入。\n三、2024年工作打算\n继续学法。\n特此报告。\n示例局\n2024年1月20日\n",
        encoding="utf-8",
    )
    draft = tmp_path / "d.yaml"
    assert main(["new", "--from", str(source), "--year", "2023", "-o", str(draft)]) == 0
    summary = capsys.readouterr().out
    assert "7月3日" in summary and "待核对 1 项" in summary
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["meta"]["date"] == "2024-01-20"  # same year: the signature's date is kept
    assert data["meta"]["organisation"] == "示例局"
    report = tmp_path / "r2.txt"
    assert main(["build", str(draft), "-o", str(report)]) == 0  # complete: nothing to fill
    assert report.read_text(encoding="utf-8") == read_report(source).text

    assert main(["new", "--from", str(source), "--year", "2024", "-o", str(draft), "--force"]) == 0
    capsys.readouterr()
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "date" not in data["meta"]
    assert data["meta"]["title"] == "示例局关于2024年法治政府建设情况的报告"
    assert data["sections"]["plan"]["heading"] == "2025年工作打算"
