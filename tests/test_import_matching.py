"""Imported headings go to the profile's sections in a one-to-one best assignment.

The reports below are made up for these tests; each heading is written to test one rule.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from drafter.importer import read_report
from drafter.importer.assignment import best_assignment
from drafter.importer.to_draft import convert

# ---------------------------------------------------------------- the assignment itself


def _brute_force(weights: list[list[int | None]]) -> int:
    best = 0
    rows, columns = len(weights), len(weights[0])
    for choice in itertools.product(range(-1, columns), repeat=rows):
        taken = [c for c in choice if c >= 0]
        if len(taken) != len(set(taken)):
            continue
        if any(c >= 0 and weights[r][c] is None for r, c in enumerate(choice)):
            continue
        best = max(best, sum(weights[r][c] or 0 for r, c in enumerate(choice) if c >= 0))
    return best


def test_best_assignment_is_optimal_on_random_problems():
    generator = random.Random(20240101)
    for _ in range(300):
        rows, columns = generator.randint(1, 5), generator.randint(1, 5)
        weights = [
            [generator.choice([None, generator.randint(1, 9)]) for _ in range(columns)]
            for _ in range(rows)
        ]
        chosen = best_assignment(weights)
        taken = [c for c in chosen if c is not None]
        assert len(taken) == len(set(taken))
        assert all(c is None or weights[r][c] is not None for r, c in enumerate(chosen))
        total = sum(weights[r][c] or 0 for r, c in enumerate(chosen) if c is not None)
        assert total == _brute_force(weights), weights


def test_best_assignment_gives_up_a_strong_pair_for_a_better_total():
    # Greedy would give column 0 to row 0 (9) and leave row 1 without one; 8 + 7 is more.
    assert best_assignment([[9, 8], [7, None]]) == [1, 0]
    assert best_assignment([[None, None], [3, None]]) == [None, 0]
    assert best_assignment([]) == []
    with pytest.raises(ValueError):
        best_assignment([[0]])


# ---------------------------------------------------------------- headings to sections


def _report(tmp_path: Path, items: list[tuple[str, str]], name: str = "r.txt") -> Path:
    """A small department report whose item 一 has the given （n） headings and texts."""
    numerals = "一二三四五六七八九十"
    lines = [
        "示例市示例局关于2023年法治政府建设情况的报告",
        "2023年，我局坚持依法行政。现将有关情况报告如下：",
        "一、主要举措和成效",
    ]
    for index, (heading, text) in enumerate(items):
        lines += [f"（{numerals[index]}）{heading}", text]
    lines += [
        "二、存在的不足和原因",
        "学习还不够深入。",
        "三、2024年工作安排",
        "继续推进依法行政。",
        "特此报告。",
    ]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sections(path: Path) -> dict[str, str]:
    """Each imported heading's section id."""
    conversion = convert(read_report(path), 2023)
    return {entry.heading or "": sid for sid, entry in conversion.draft.sections.items()}


def test_a_heading_does_not_lose_its_section_to_an_earlier_weaker_match(tmp_path):
    # The first heading matches enforcement a little better than oversight; the second
    # matches only enforcement.  Taken in order, the first would take enforcement and leave
    # the second without a section.
    path = _report(
        tmp_path,
        [
            ("强化执法监督，规范执法行为", "开展案卷评查。"),
            ("全面推行执法三项制度", "落实公示、记录和审核制度。"),
        ],
    )
    sections = _sections(path)
    assert sections["强化执法监督，规范执法行为"] == "oversight"
    assert sections["全面推行执法三项制度"] == "enforcement"


def test_the_order_of_headings_does_not_change_the_assignment(tmp_path):
    items = [
        ("强化执法监督，规范执法行为", "开展案卷评查。"),
        ("全面推行执法三项制度", "落实公示、记录和审核制度。"),
        ("抓好普法宣传", "开展普法进社区活动。"),
        ("做好行政复议和出庭应诉", "负责人出庭应诉。"),
        ("开展依法行政示范创建", "创建示范单位。"),
    ]
    expected = _sections(_report(tmp_path, items))
    assert expected["开展依法行政示范创建"].startswith("custom_")
    assert expected["抓好普法宣传"] == "publicity"
    assert expected["做好行政复议和出庭应诉"] == "disputes"
    for number, order in enumerate(itertools.permutations(items)):
        if number % 7:  # a spread of the 120 orders keeps the test quick
            continue
        got = _sections(_report(tmp_path, list(order), f"p{number}.txt"))
        standard = {h: s for h, s in got.items() if not s.startswith("custom_")}
        assert standard == {h: s for h, s in expected.items() if not s.startswith("custom_")}


def test_a_heading_below_the_minimum_score_stays_custom_even_with_sections_free(tmp_path):
    sections = _sections(_report(tmp_path, [("开展依法行政示范创建", "创建示范单位。")]))
    assert sections["开展依法行政示范创建"] == "custom_01"


@pytest.mark.parametrize(
    "text,section_id",
    [
        ("主动接受人大监督和舆论监督，推进政务公开。", "oversight"),
        ("办理行政复议案件，负责人出庭应诉，依法化解争议。", "disputes"),
    ],
)
def test_a_tie_between_two_sections_is_decided_by_the_text_under_the_heading(
    tmp_path, text, section_id
):
    # The heading names both themes equally; its text says which one it is about.
    heading = "深化纠纷调处，完善权力制约"
    assert _sections(_report(tmp_path, [(heading, text)]))[heading] == section_id


def test_item_three_folded_under_item_one_still_matches_its_level_one_section(tmp_path):
    path = _report(
        tmp_path,
        [
            ("抓好普法宣传", "开展普法进社区活动。"),
            ("党政主要负责人履行推进法治建设第一责任人职责情况", "主要负责人亲自部署。"),
        ],
    )
    sections = _sections(path)
    assert sections["党政主要负责人履行推进法治建设第一责任人职责情况"] == "leadership"
    assert sections["抓好普法宣传"] == "publicity"


def test_each_section_is_given_once(tmp_path):
    path = _report(
        tmp_path,
        [("抓好普法宣传", "开展普法活动。"), ("深化普法宣传", "开展普法活动。")],
    )
    sections = _sections(path)
    ids = [sections["抓好普法宣传"], sections["深化普法宣传"]]
    assert ids.count("publicity") == 1 and any(i.startswith("custom_") for i in ids)


# ---------------------------------------------------------------- scores that are not needed


@pytest.mark.parametrize("profile_id", ["department", "county"])
def test_a_score_asked_for_at_least_a_threshold_is_exact_at_or_above_it(profile_id: str) -> None:
    """Matching skips the full comparison of wordings that cannot reach the threshold; every
    score at or above it is the same as the full one, every one below it stays below."""
    from drafter.importer.matching import MATCH_THRESHOLD, match_score, outline_heads

    heads = outline_heads(profile_id)
    headings = [
        "二、2023年推进法治政府建设存在的不足及原因",
        "（三）坚持依法决策，提升行政决策公信力",
        "深入学习宣传习近平法治思想",
        "加强行政执法队伍建设",
        "工作亮点",
        "三、下一步工作打算",
        "（五）健全矛盾纠纷化解机制，促进社会公平正义",
        *(synonym[:-2] for head in heads for synonym in head.synonyms),
    ]
    compared = 0
    for heading, head in itertools.product(headings, heads):
        full = match_score(heading, head)
        quick = match_score(heading, head, at_least=MATCH_THRESHOLD)
        if full >= MATCH_THRESHOLD:
            assert quick == full, (heading, head.id)
            compared += 1
        else:
            assert quick < MATCH_THRESHOLD, (heading, head.id)
    assert compared >= 10
