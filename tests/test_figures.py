"""Figures read as clerks write them; rates and year-on-year changes are derived, never typed."""

from decimal import Decimal

import pytest

from drafter.figures import count_change, derive_rate, percent, rate_change, with_unit


@pytest.mark.parametrize(
    ("passed", "took", "reads"),
    [
        (75, 79, "94.9%"),  # the corpus report that printed 98.7% for this
        (40, 40, "100%"),
        (19, 20, "95%"),
        (2499, 2500, "99.9%"),  # never rounds up to a false 100%
        (1, 3, "33.3%"),
        (2, 3, "66.7%"),  # half-up, not banker's rounding
        (0, 12, "0%"),
    ],
)
def test_a_rate_is_derived_from_its_counts(passed, took, reads):
    assert derive_rate(passed, took) == reads


def test_a_rate_of_nothing_is_undefined():
    assert percent(0, 0) is None
    assert derive_rate(3, 0) == "—"


@pytest.mark.parametrize(
    ("current", "last", "phrase"),
    [
        (120, 100, "同比增长20%"),
        (90, 100, "同比下降10%"),
        (5, 5, "与上年持平"),
        (14, 12, "同比增长16.7%"),
        (Decimal("68.136"), Decimal("61.5"), "同比增长10.8%"),
        (10001, 10000, "与上年基本持平"),
        (5, 0, ""),  # growth from zero has no percentage
    ],
)
def test_year_on_year_for_counts(current, last, phrase):
    assert count_change(current, last) == phrase


@pytest.mark.parametrize(
    ("current", "last", "phrase"),
    [
        ("94.9", "92.8", "同比提高2.1个百分点"),
        ("96", "98.5", "同比下降2.5个百分点"),
        ("100", "100", "与上年持平"),
    ],
)
def test_year_on_year_for_rates_is_in_percentage_points(current, last, phrase):
    assert rate_change(Decimal(current), Decimal(last)) == phrase


@pytest.mark.parametrize(
    ("number", "unit", "word", "reads"),
    [
        (530, "人次", "余", "530余人次"),
        (4, "次", "以上", "4次以上"),
        (500, "人", "超", "超500人"),
        (Decimal("68.136"), "万元", None, "68.136万元"),
        (Decimal("12.50"), "万元", None, "12.5万元"),
    ],
)
def test_numbers_carry_their_unit_and_approximation_word(number, unit, word, reads):
    assert with_unit(number, unit, word) == reads
