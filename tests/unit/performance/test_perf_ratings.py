"""Ratings: every boundary in both directions, exactly, and Other."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from workbench.performance.ratings import RAG, Bands, Rating, exact, rag, rate

# KPI1 of design.md: availability, higher is better, target 99.5, approaching 99.0, requires_improvement 98.0
HIGHER = Bands("higher", "99.5", "99.0", "98.0")
# a defects KPI, lower is better: target 2, approaching 5, requires_improvement 10
LOWER = Bands("lower", 2, 5, 10)


@pytest.mark.parametrize(("value", "expected"), [
    ("100", Rating.GOOD),                      # above target
    ("99.5", Rating.GOOD),                     # exactly at target: ≥ 99.5 → Good
    ("99.49", Rating.APPROACHING),             # just below target
    ("99.0", Rating.APPROACHING),              # exactly at approaching: ≥ 99.0 → Approaching target
    ("98.99", Rating.REQUIRES_IMPROVEMENT),    # just below approaching
    ("98.0", Rating.REQUIRES_IMPROVEMENT),     # exactly at requires_improvement
    ("97.99", Rating.INADEQUATE),              # just below requires_improvement
    ("0", Rating.INADEQUATE),
])
def test_higher_is_better_boundaries(value: str, expected: Rating) -> None:
    assert rate(Decimal(value), HIGHER) is expected
    assert rate(value, HIGHER) is expected          # the same from text
    assert rate(float(value), HIGHER) is expected   # and from a float, read as written


@pytest.mark.parametrize(("value", "expected"), [
    (0, Rating.GOOD),
    (2, Rating.GOOD),                          # exactly at target: ≤ 2 → Good
    ("2.01", Rating.APPROACHING),              # just above target
    (5, Rating.APPROACHING),                   # exactly at approaching: ≤ 5
    ("5.01", Rating.REQUIRES_IMPROVEMENT),     # just above approaching
    (10, Rating.REQUIRES_IMPROVEMENT),         # exactly at requires_improvement: ≤ 10
    ("10.01", Rating.INADEQUATE),              # just above requires_improvement
    (11, Rating.INADEQUATE),
])
def test_lower_is_better_boundaries(value: int | str, expected: Rating) -> None:
    assert rate(value, LOWER) is expected


def test_no_value_is_other_in_both_directions() -> None:
    assert rate(None, HIGHER) is Rating.OTHER
    assert rate(None, LOWER) is Rating.OTHER


def test_comparison_is_exact_not_float_rounded() -> None:
    # 99.4999999999999999999 is below 99.5, although float() of it is exactly 99.5
    assert float(Decimal("99.4999999999999999999")) == 99.5
    assert rate(Decimal("99.4999999999999999999"), HIGHER) is Rating.APPROACHING
    # a mean of 1/3 + 1/3 + 1/3 of 99.5-ish values stays exact as a Fraction
    assert rate(Fraction(199, 2), HIGHER) is Rating.GOOD  # 199/2 = 99.5
    # 0.1 + 0.2 as a float is 0.30000000000000004, above a 0.3 target (higher is better) → Good
    assert rate(0.1 + 0.2, Bands("higher", "0.3", "0.2", "0.1")) is Rating.GOOD
    assert rate(0.1 + 0.2, Bands("lower", "0.3", "0.4", "0.5")) is Rating.APPROACHING


def test_exact_reads_numbers_as_written() -> None:
    assert exact(0.1) == Fraction(1, 10)
    assert exact("99.5") == Fraction(199, 2)
    assert exact(Decimal("98.0")) == 98
    for bad in ("abc", "NaN", "Infinity", Decimal("NaN"), ""):
        with pytest.raises(ValueError):
            exact(bad)


def test_labels_are_the_regulation_words() -> None:
    assert [str(r) for r in Rating] == [
        "Good", "Approaching target", "Requires improvement", "Inadequate", "Other"]


def test_rag_colours_are_a_second_cue() -> None:
    assert RAG == {
        Rating.GOOD: "green",
        Rating.APPROACHING: "amber",
        Rating.REQUIRES_IMPROVEMENT: "orange",
        Rating.INADEQUATE: "red",
        Rating.OTHER: "grey",
    }
    assert rag("Inadequate") == "red"


@pytest.mark.parametrize(("direction", "bands"), [
    ("higher", (99.0, 99.5, 98.0)),   # target below approaching
    ("higher", (99.5, 97.0, 98.0)),   # approaching below requires_improvement
    ("lower", (5, 2, 10)),            # target above approaching
    ("lower", (2, 10, 5)),            # approaching above requires_improvement
])
def test_bands_out_of_order_for_their_direction_are_refused(direction: str, bands: tuple) -> None:
    with pytest.raises(ValueError, match="bands must be"):
        Bands(direction, *bands)  # type: ignore[arg-type]


def test_equal_thresholds_are_allowed_and_leave_a_band_empty() -> None:
    bands = Bands("higher", 99, 99, 98)   # no Approaching band
    assert rate(99, bands) is Rating.GOOD
    assert rate("98.5", bands) is Rating.REQUIRES_IMPROVEMENT


def test_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError):
        Bands("up", 1, 2, 3)  # type: ignore[arg-type]
