"""The TUI's logic without a screen: round-trip saving, live composition, numbering, review."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from drafter.compose import compose_file
from drafter.draftfile import parse_draft
from drafter.export.text import body_lines
from drafter.outline import load_profile
from drafter.starting import starting_draft
from drafter.tui.session import META_ID, DraftSession, Mark
from drafter.yamldoc import DraftDocument, typed_value
from tests.conftest import SAMPLES
from tests.tui_support import conflict_copies, outside_edit


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A new draft as ``drafter new`` writes it: every key carries a comment."""
    path = tmp_path / "new.yaml"
    path.write_text(starting_draft(load_profile("department"), "示例局", 2024), encoding="utf-8")
    return path


# --- the YAML file -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["county-2024.yaml", "department-2024.yaml"])
def test_an_unchanged_sample_dumps_byte_for_byte(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert DraftDocument(text).dump() == text


def test_an_unchanged_new_draft_dumps_byte_for_byte(fresh: Path) -> None:
    text = fresh.read_text(encoding="utf-8")
    assert DraftDocument(text).dump() == text


def test_patching_keeps_comments_key_order_and_flow_style(fresh: Path) -> None:
    original = fresh.read_text(encoding="utf-8")
    document = DraftDocument(original)
    document.set_figure("study", "study_sessions", "value", typed_value("12"))
    document.set_figure("enforcement", "fines", "value", typed_value("68.10", "amount"))
    document.set_section("study", "phrasing", "brief")
    document.set_section("study", "text", "第一段\n第二段")
    text = document.dump()
    lines = text.splitlines()
    assert (
        "      study_sessions: {value: 12, last: null}  # 理论学习中心组学法次数，单位：次" in lines
    )
    assert "      fines: {value: 68.10, last: null}  # 罚没金额，单位：万元" in lines
    assert (
        "    phrasing: brief  # 可选：standard（详细表述：学法、讲座、考试）、brief（简要表述：一句话写明学法成效）"
        in lines
    )
    # The comment of a one-line text moves onto the block's header, not below the block.
    start = lines.index("    text: |  # 自行补充的文字，接在表述之后，每行一段")
    assert lines[start + 1 : start + 3] == ["      第一段", "      第二段"]
    # Every other line is as it was, in its order; the comments at the top are kept.
    untouched = [line for line in original.splitlines() if "study" not in line]
    assert lines[:3] == original.splitlines()[:3]
    kept = [line for line in untouched if line in lines]
    assert len(kept) >= len(untouched) - 6
    draft, _ = parse_draft(text)
    assert draft.sections["study"].figures["study_sessions"].value == 12
    assert draft.sections["enforcement"].figures["fines"].value == Decimal("68.10")
    assert draft.sections["study"].text == "第一段\n第二段\n"


def test_text_back_to_one_line_brings_its_comment_back(fresh: Path) -> None:
    document = DraftDocument(fresh.read_text(encoding="utf-8"))
    document.set_section("plan", "text", "一\n二")
    document.set_section("plan", "text", "只有一行")
    assert "    text: '只有一行'  # 自行补充的文字，接在表述之后，每行一段" in document.dump()


def test_an_empty_flow_section_becomes_a_block_when_text_is_added(county: Path) -> None:
    document = DraftDocument(county.read_text(encoding="utf-8"))
    assert document.set_section("measures", "text", "甲\n乙")
    draft, _ = parse_draft(document.dump())
    assert draft.sections["measures"].text == "甲\n乙\n"


def test_setting_the_same_value_changes_nothing(county: Path) -> None:
    document = DraftDocument(county.read_text(encoding="utf-8"))
    assert not document.set_figure("xi_thought", "study_sessions", "value", 14)
    assert document.set_figure("xi_thought", "study_sessions", "value", "14")  # now text
    assert not document.set_section("other", "enabled", False)


def test_typed_values() -> None:
    assert typed_value("") is None
    assert typed_value(" 12 ") == 12
    assert typed_value("68.10") == Decimal("68.10")
    assert typed_value("十二") == "十二"
    assert typed_value("-3") == -3
    assert typed_value("0012", "text") == "0012"


# --- composing as the clerk types ----------------------------------------------------------


def test_the_outline_is_numbered_exactly_as_the_built_report(county: Path) -> None:
    session = DraftSession.load(county)
    built = body_lines(compose_file(county).document)
    headings = [entry for entry in session.outline() if entry.number]
    assert len(headings) >= 12
    for entry in headings:
        assert any(line.startswith(entry.label) for line in built), entry.label


def test_a_complete_sample_has_every_section_complete(county: Path) -> None:
    session = DraftSession.load(county)
    marks = {entry.id: entry.mark for entry in session.outline()}
    assert marks["other"] is Mark.OFF
    assert {mark for sid, mark in marks.items() if sid != "other"} == {Mark.COMPLETE}
    assert session.review_items() == []


def test_the_preview_is_the_report_text_of_that_section(department: Path) -> None:
    session = DraftSession.load(department)
    built = body_lines(compose_file(department).document)
    preview = [line.text for line in session.preview("enforcement")]
    assert preview[0].startswith("（四）")
    start = built.index(preview[0])
    assert built[start : start + len(preview)] == preview


def test_typing_a_figure_updates_preview_change_and_marks(department: Path) -> None:
    session = DraftSession.load(department)
    session.set_figure("study", "study_sessions", "value", "")
    assert session.state("study").mark is Mark.MISSING
    assert "【待填：理论学习中心组学法次数】" in session.preview("study")[1].text
    session.set_figure("study", "study_sessions", "value", "15")
    assert "15次" in session.preview("study")[1].text
    assert session.figure_yoy("study", "study_sessions") == "同比增长50%"
    assert session.state("study").mark is Mark.COMPLETE
    assert session.dirty


@pytest.mark.parametrize(
    ("section", "figure", "text", "expected"),
    [
        ("study", "law_lectures", "四", "应为非负整数（阿拉伯数字），实际为“四”"),
        ("study", "law_lectures", "-2", "不能为负数"),
        ("study", "law_lectures", "2.5", "应为整数"),
        ("oversight", "satisfaction", "120", "应不大于 100"),
        ("powers", "penalty_items", "400", "超过了权责清单事项数 386"),
        ("study", "exam_passed", "80", "法律知识考试通过率不能超过 100%"),
    ],
)
def test_each_wrong_value_has_its_chinese_problem(
    department: Path, section: str, figure: str, text: str, expected: str
) -> None:
    session = DraftSession.load(department)
    session.set_figure(section, figure, "value", text)
    problems = session.figure_problems(section)
    assert any(expected in message for message in problems[(figure, "value")]), problems
    assert session.state(section).mark is Mark.PROBLEM
    assert any(item.kind == "problem" and expected in item.text for item in session.review_items())


def test_switching_a_section_off_renumbers_the_rest(department: Path) -> None:
    session = DraftSession.load(department)
    assert session.numbers()["powers"] == "（二）"
    session.set_enabled("study", False)
    assert "study" not in session.numbers()
    assert session.numbers()["powers"] == "（一）"
    assert session.numbers()["oversight"] == "（七）"
    assert session.state("study").mark is Mark.OFF


def test_switching_phrasing_changes_the_text(department: Path) -> None:
    session = DraftSession.load(department)
    before = session.preview("study")[1].text
    session.set_phrasing("study", "brief")
    after = session.preview("study")[1].text
    assert before != after
    assert session.phrasing("study") == "brief"
    assert [o.id for o in session.phrasing_options("study")] == ["standard", "brief", "none"]


def test_review_lists_missing_problems_and_review_notes(fresh: Path) -> None:
    text = fresh.read_text(encoding="utf-8").replace(
        "  measures:  # 2024年推进法治政府建设的主要举措和成效\n",
        "  measures:  # 2024年推进法治政府建设的主要举措和成效\n    review: [核对全年案件数]\n",
    )
    fresh.write_text(text, encoding="utf-8")
    session = DraftSession.load(fresh)
    session.set_figure("study", "law_lectures", "value", "-1")
    items = session.review_items()
    kinds = {item.kind for item in items}
    assert kinds == {"missing", "problem", "review"}
    assert any(i.section_id == META_ID and i.text == "成文日期" for i in items)
    assert any(i.kind == "review" and i.text == "核对全年案件数" for i in items)
    assert session.counts()["missing"] == sum(1 for i in items if i.kind == "missing")


def test_save_is_atomic_and_loads_back(department: Path) -> None:
    session = DraftSession.load(department)
    assert not session.save()  # nothing changed, nothing written
    session.set_text("study", "自行补充的一段话。")
    session.set_date("2025-02-01")
    assert session.save()
    again = DraftSession.load(department)
    assert again.state("study").entry.text == "自行补充的一段话。"
    assert again.meta.date is not None and again.meta.date.isoformat() == "2025-02-01"
    assert not list(department.parent.glob(".*.tmp"))


def test_a_wrong_date_is_refused_and_not_saved(department: Path) -> None:
    session = DraftSession.load(department)
    assert session.set_date("2025-13-01") == (
        "应为日期，写作 2025年1月20日 或 2025-1-20，实际为“2025-13-01”"
    )
    assert session.set_organisation("  ") == "机关全称不能为空"
    assert not session.dirty


def test_the_organisation_changes_every_section(department: Path) -> None:
    session = DraftSession.load(department)
    assert session.set_organisation("示例县应急管理局") is None
    assert "示例县应急管理局" in session.preview("opening")[0].text


def test_findings_of_the_checker_are_placed_in_their_sections(
    department: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafter.tui.session as session_module
    from drafter.check.findings import Finding, Location, Severity
    from drafter.tree import DraftOrigin

    def fake(composed: object, layout: object) -> list[Finding]:
        # Placed by the block's origin, whatever headings the text names.
        path = ("一、2024年推进法治政府建设的主要举措和成效", "（一）深入学习")
        location = Location(3, path, "", origin=DraftOrigin("powers", ("power_items",)))
        return [Finding(Severity.WARNING, "x.y", "示例问题", location)]

    monkeypatch.setattr(session_module, "check_composed", fake)
    session = DraftSession.load(department)
    findings = session.findings()
    assert [(f.kind, f.section_id, f.text) for f in findings] == [
        ("finding", "powers", "警告：示例问题")
    ]


def test_a_rate_typed_into_the_text_is_checked_like_drafter_build(department: Path) -> None:
    session = DraftSession.load(department)
    session.set_text("study", "全年组织法律知识考试，参考79人，通过75人，通过率98%。")
    findings = session.findings()
    assert findings and all(f.section_id == "study" for f in findings), findings


def test_the_real_checker_finds_nothing_in_the_samples(county: Path) -> None:
    assert DraftSession.load(county).findings() == []


def test_what_the_screen_shows_unchanged_is_not_a_change(county: Path) -> None:
    session = DraftSession.load(county)
    for section_id in list(session.states):
        session.set_phrasing(section_id, session.phrasing(section_id))
        session.set_enabled(section_id, session.state(section_id).enabled)
        for row in session.figure_rows(section_id):
            session.set_figure(section_id, row.id, "value", row.value)
            session.set_figure(section_id, row.id, "last", row.last)
        session.set_text(section_id, session.state(section_id).entry.text or "")
    assert not session.dirty
    assert session.yaml.dump() == county.read_text(encoding="utf-8")


def test_the_review_lists_what_stops_an_export_first(fresh: Path) -> None:
    text = fresh.read_text(encoding="utf-8").replace(
        "  plan:  # 2025年推进法治政府建设的主要安排\n",
        "  plan:  # 2025年推进法治政府建设的主要安排\n    review: [核对明年安排]\n",
    )
    fresh.write_text(text, encoding="utf-8")
    session = DraftSession.load(fresh)
    session.set_figure("leadership", "party_meetings", "value", "-1")
    kinds = [item.kind for item in session.review_items_with_findings()]
    assert kinds[0] == "problem" and kinds[1] == "review"
    assert set(kinds[2:]) == {"missing"}


# --- the approximation word ------------------------------------------------------------------


def test_an_approximation_word_goes_beside_the_values_and_comes_out_again(fresh: Path) -> None:
    original = fresh.read_text(encoding="utf-8")
    document = DraftDocument(original)
    assert document.set_approx("study", "study_sessions", "余")
    assert not document.set_approx("study", "study_sessions", "余")
    line = "      study_sessions: {value: null, last: null, approx: 余}  # 理论学习中心组学法次数，单位：次"
    assert line in document.dump().splitlines()
    assert document.set_approx("study", "study_sessions", "以上")
    assert "study_sessions: {value: null, last: null, approx: 以上}  # 理论" in document.dump()
    assert document.set_approx("study", "study_sessions", None)
    assert not document.set_approx("study", "study_sessions", None)
    # The key is gone, not written as null; everything else is as it was.
    assert document.dump() == original


def test_a_bare_figure_is_spelled_out_for_its_word(tmp_path: Path) -> None:
    text = "meta: {organisation: 示例局, year: 2024}\nsections:\n  study:\n    figures:\n      law_lectures: 4  # 场\n"
    document = DraftDocument(text)
    assert document.set_approx("study", "law_lectures", "余")
    assert "      law_lectures: {value: 4, approx: 余}  # 场\n" in document.dump()
    draft, _ = parse_draft(document.dump())
    assert draft.sections["study"].figures["law_lectures"].approx == "余"


def test_a_block_figure_keeps_the_comment_lines_below_it_in_place() -> None:
    text = (
        "meta: {organisation: 示例局, year: 2024}\n"
        "sections:\n"
        "  study:\n"
        "    figures:\n"
        "      study_sessions:\n"
        "        value: 12  # 核对过\n"
        "        last: 10\n"
        "      # 以下为讲座\n"
        "      law_lectures: 4\n"
    )
    document = DraftDocument(text)
    assert document.set_approx("study", "study_sessions", "多")
    added = document.dump()
    assert (
        "        value: 12  # 核对过\n"
        "        last: 10\n"
        "        approx: 多\n"
        "      # 以下为讲座\n"
        "      law_lectures: 4\n"
    ) in added
    assert document.set_approx("study", "study_sessions", None)
    assert document.dump() == text


@pytest.mark.parametrize(
    ("section", "figure", "word", "expected"),
    [
        ("team", "trainees", "余", "培训530余人次"),
        ("team", "trainings", "以上", "执法业务培训10次以上"),
        ("team", "certified_officers", "超", "现有持证执法人员超142人"),
        ("team", "cert_exam_takers", "近", "参考近26人"),
        ("publicity", "campaigns", "多", "开展普法活动36多场"),
        ("enforcement", "fines", "约", "罚没约68.136万元"),
    ],
)
def test_the_preview_writes_the_word_where_it_belongs(
    department: Path, section: str, figure: str, word: str, expected: str
) -> None:
    session = DraftSession.load(department)
    session.set_approx(section, figure, None)
    session.set_approx(section, figure, word)
    assert expected in session.preview(section)[1].text
    row = next(row for row in session.figure_rows(section) if row.id == figure)
    assert row.approx == word and row.approximable


def test_removing_the_word_removes_the_key_from_the_saved_file(department: Path) -> None:
    session = DraftSession.load(department)
    assert "培训530余人次" in session.preview("team")[1].text
    session.set_approx("team", "trainees", "")
    assert "培训530人次，" in session.preview("team")[1].text
    assert session.dirty and session.save()
    text = department.read_text(encoding="utf-8")
    assert "      trainees: {value: 530, last: 460}\n" in text
    again = DraftSession.load(department)
    assert again.draft.sections["team"].figures["trainees"].approx is None
    assert "materials: {value: 1100, last: 900, approx: 余}" in text  # the others stay


def test_only_counts_and_amounts_offer_a_word_and_a_wrong_one_is_refused(
    department: Path,
) -> None:
    session = DraftSession.load(department)
    rows = {row.id: row for sid in session.states for row in session.figure_rows(sid)}
    assert rows["fines"].kind == "amount" and rows["fines"].approximable
    rates = [row for row in rows.values() if row.kind == "percentage"]
    assert rates and not any(row.approximable for row in rates)
    with pytest.raises(ValueError, match="约数词应为"):
        session.set_approx("team", "trainees", "左右")
    assert not session.dirty


# --- edits made outside the editor -----------------------------------------------------------


def test_an_outside_edit_is_never_overwritten(department: Path) -> None:
    session = DraftSession.load(department)
    session.set_figure("study", "study_sessions", "value", "16")
    assert session.save()  # its own save is no conflict
    session.set_figure("study", "study_sessions", "value", "17")
    assert session.save()
    assert session.disk_state() == "same"
    outside = outside_edit(department)
    assert session.disk_state() == "changed"
    session.set_figure("study", "study_sessions", "value", "18")
    assert not session.save()
    assert department.read_text(encoding="utf-8") == outside
    conflict = session.conflict
    assert conflict is not None and not conflict.missing
    assert conflict_copies(department) == [conflict.copy]
    copy = conflict.copy.read_text(encoding="utf-8")
    assert "study_sessions: {value: 18, last: 10}" in copy
    assert "law_lectures: {value: 4, last: 4}" in copy  # the editor's version, whole
    parse_draft(copy)
    # From now on only the copy follows the editor; the draft stays as the colleague left it.
    session.set_figure("study", "study_sessions", "value", "19")
    assert session.dirty and not session.save()
    assert "study_sessions: {value: 19, last: 10}" in conflict.copy.read_text(encoding="utf-8")
    assert department.read_text(encoding="utf-8") == outside
    assert conflict_copies(department) == [conflict.copy]
    reloaded = DraftSession.load(department)
    assert reloaded.conflict is None
    assert "举办法治专题讲座6场" in reloaded.preview("study")[1].text


def test_an_outside_edit_is_seen_by_its_content_even_with_the_old_time(department: Path) -> None:
    session = DraftSession.load(department)
    before = department.stat()
    outside = department.read_text(encoding="utf-8").replace(
        "law_lectures: {value: 4,", "law_lectures: {value: 6,"
    )
    department.write_text(outside, encoding="utf-8")
    os.utime(department, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = department.stat()  # the same size and time: only the content tells
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    session.set_text("study", "补充一段。")
    assert not session.save()
    assert department.read_text(encoding="utf-8") == outside


def test_a_file_written_again_unchanged_is_no_conflict(department: Path) -> None:
    session = DraftSession.load(department)
    department.write_bytes(department.read_bytes())  # touched: new time, same content
    os.utime(department, ns=(1, 1))
    session.set_text("study", "补充一段。")
    assert session.save()
    assert session.conflict is None and not conflict_copies(department)


def test_a_draft_with_a_byte_order_mark_saves_without_a_conflict(department: Path) -> None:
    department.write_bytes(b"\xef\xbb\xbf" + department.read_bytes())
    session = DraftSession.load(department)
    session.set_text("study", "补充一段。")
    assert session.save() and session.conflict is None


def test_a_deleted_draft_is_not_written_back(department: Path) -> None:
    session = DraftSession.load(department)
    department.rename(department.with_name("moved.yaml"))
    session.set_text("study", "补充一段。")
    assert not session.save()
    assert session.conflict is not None and session.conflict.missing
    assert not department.exists()
    assert "补充一段。" in session.conflict.copy.read_text(encoding="utf-8")


def test_the_copy_is_named_for_the_time_and_never_replaces_another(
    department: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    import drafter.tui.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: dt.datetime(2025, 1, 20, 9, 5, 7))
    first = DraftSession.load(department)
    second = DraftSession.load(department)
    outside_edit(department)
    for session in (first, second):
        session.set_text("study", "补充一段。")
        assert not session.save()
    assert first.conflict is not None and second.conflict is not None
    assert first.conflict.copy.name == "department-2024.冲突-090507.yaml"
    assert second.conflict.copy.name == "department-2024.冲突-090507-2.yaml"


def test_a_finding_lands_on_its_section_even_where_two_sections_share_a_heading(
    department: Path,
) -> None:
    text = department.read_text(encoding="utf-8")
    text = text.replace(
        "  powers:\n",
        "  powers:\n"
        "    heading: 深入学习贯彻习近平法治思想，推动领导干部学法用法\n"
        "    text: 清单动态调整,及时公布。\n",
        1,
    ).replace("  addressee:", "  title: 示例局2023年法治政府建设年度报告\n  addressee:", 1)
    department.write_text(text, encoding="utf-8")
    session = DraftSession.load(department)
    placed = {(item.section_id, item.text.split("：", 1)[1]) for item in session.findings()}
    comma = next(section for section, message in placed if "逗号" in message)
    assert comma == "powers"  # not study, whose heading reads the same
    title = next(section for section, message in placed if "标题中的年份" in message)
    assert title == META_ID


def test_the_lenient_check_of_a_section_names_the_problem_and_keeps_the_rest(
    department: Path,
) -> None:
    from drafter.errors import DraftInvalid
    from drafter.validate import resolve_draft, resolve_section

    draft, _ = parse_draft(
        department.read_text(encoding="utf-8").replace(
            "study_sessions: {value: 12,", "study_sessions: {value: 十二,"
        )
    )
    with pytest.raises(DraftInvalid) as strict:
        resolve_draft(draft)
    section, problems = resolve_section(draft, "study", load_profile(draft.meta.profile))
    assert [p.message for p in problems] == [p.message for p in strict.value.problems]
    assert section is not None
    assert section.figures["study_sessions"].value is None  # wrong: counted as missing
    assert section.figures["law_lectures"].value == 4  # the rest reads
