"""Months and quarters in UK local time, and contract years."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.performance.periods import (
    Period,
    add_years,
    contract_year_bounds,
    contract_year_of,
    period_containing,
    periods_overlapping,
)

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_month_parse_and_bounds() -> None:
    april = Period.parse("2026-04")
    assert april == Period("month", 2026, 4) and str(april) == "2026-04"
    assert april.first_day == dt.date(2026, 4, 1) and april.last_day == dt.date(2026, 4, 30)
    # BST began on 29 March 2026, so local midnight on 1 April is 23:00 UTC on 31 March
    assert april.start_utc == utc(2026, 3, 31, 23)
    assert april.end_utc == utc(2026, 4, 30, 23)   # midnight BST starting 1 May, exclusive


def test_month_bounds_across_the_clock_changes() -> None:
    march = Period.parse("2026-03")
    assert march.start_utc == utc(2026, 3, 1, 0)      # GMT: midnight is midnight UTC
    assert march.end_utc == utc(2026, 3, 31, 23)      # 1 April 00:00 BST
    october = Period.parse("2026-10")
    assert october.start_utc == utc(2026, 9, 30, 23)  # 1 October 00:00 BST
    assert october.end_utc == utc(2026, 11, 1, 0)     # 1 November 00:00 GMT (clocks went back 25 October)
    assert Period.parse("2028-02").last_day == dt.date(2028, 2, 29)  # leap year


def test_quarter_parse_and_bounds() -> None:
    q2 = Period.parse("2026-Q2")
    assert q2 == Period("quarter", 2026, 2) and str(q2) == "2026-Q2"
    assert (q2.first_day, q2.last_day) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))   # April–June
    assert q2.start_utc == utc(2026, 3, 31, 23) and q2.end_utc == utc(2026, 6, 30, 23)
    q1 = Period.parse("2026-Q1")
    assert (q1.first_day, q1.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert q1.start_utc == utc(2026, 1, 1, 0) and q1.end_utc == utc(2026, 3, 31, 23)
    q4 = Period.parse("2026-Q4")
    assert (q4.first_day, q4.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert q4.start_utc == utc(2026, 9, 30, 23) and q4.end_utc == utc(2027, 1, 1, 0)
    assert Period.parse("2026-q3") == Period.quarter(2026, 3)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-4", "26-04", "2026-Q5", "2026-Q0", "April 2026",
                                  "2026/04", "", "2026-04-01"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        Period.parse(text)


def test_a_period_of_the_wrong_kind_is_refused_when_a_kind_is_asked_for() -> None:
    with pytest.raises(ValueError, match="is not a month"):
        Period.parse("2026-Q2", "month")
    with pytest.raises(ValueError, match="is not a quarter"):
        Period.parse("2026-04", "quarter")


def test_periods_sort_by_time() -> None:
    periods = [Period.parse(t) for t in ("2027-01", "2026-12", "2026-04")]
    assert [str(p) for p in sorted(periods)] == ["2026-04", "2026-12", "2027-01"]
    assert Period.parse("2026-12").next() == Period.parse("2027-01")
    assert Period.parse("2026-Q4").next() == Period.parse("2027-Q1")


def test_period_containing_uses_uk_local_time() -> None:
    # 2026-03-31 23:30 UTC is 00:30 BST on 1 April (BST began 29 March) → April, Q2
    assert period_containing(utc(2026, 3, 31, 23, 30), "month") == Period.parse("2026-04")
    assert period_containing(utc(2026, 3, 31, 23, 30), "quarter") == Period.parse("2026-Q2")
    # 22:59 UTC is 23:59 BST on 31 March → still March
    assert period_containing(utc(2026, 3, 31, 22, 59), "month") == Period.parse("2026-03")
    # 2026-10-31 23:30 UTC is 23:30 GMT on 31 October (clocks went back 25 October) → October
    assert period_containing(utc(2026, 10, 31, 23, 30), "month") == Period.parse("2026-10")
    # 2026-09-30 23:30 UTC is 00:30 BST on 1 October → October, Q4
    assert period_containing(utc(2026, 9, 30, 23, 30), "quarter") == Period.parse("2026-Q4")
    with pytest.raises(ValueError):
        period_containing(dt.datetime(2026, 4, 1), "month")  # naive


def test_periods_overlapping() -> None:
    start, end = dt.date(2026, 4, 15), dt.date(2026, 7, 1)
    assert [str(p) for p in periods_overlapping(start, end, "month")] == [
        "2026-04", "2026-05", "2026-06", "2026-07"]
    assert [str(p) for p in periods_overlapping(start, end, "quarter")] == ["2026-Q2", "2026-Q3"]
    # the design.md contract: 36 months, 12 quarters
    assert len(periods_overlapping(dt.date(2026, 4, 1), dt.date(2029, 3, 31), "month")) == 36
    assert len(periods_overlapping(dt.date(2026, 4, 1), dt.date(2029, 3, 31), "quarter")) == 12
    assert periods_overlapping(end, start, "month") == []


def test_contract_years_from_the_start_date() -> None:
    start = dt.date(2026, 4, 1)
    # half-open: year 1 is [2026-04-01, 2027-04-01), i.e. 2026-04-01 .. 2027-03-31
    assert contract_year_bounds(start, 1) == (dt.date(2026, 4, 1), dt.date(2027, 4, 1))
    assert contract_year_bounds(start, 3) == (dt.date(2028, 4, 1), dt.date(2029, 4, 1))
    cases = {
        "2026-04": 1, "2027-03": 1,    # year 1: 2026-04-01 .. 2027-03-31
        "2027-04": 2, "2028-03": 2,
        "2028-04": 3, "2029-03": 3,
        "2026-Q2": 1, "2027-Q1": 1, "2027-Q2": 2, "2029-Q1": 3,
    }
    for text, year in cases.items():
        assert contract_year_of(Period.parse(text), start) == year, text


def test_contract_year_of_a_mid_month_start() -> None:
    start = dt.date(2026, 4, 15)
    # 2026-04 starts before the contract but runs into it → year 1
    assert contract_year_of(Period.parse("2026-04"), start) == 1
    # 2027-04 begins on 1 April 2027, before the anniversary on 15 April → still year 1
    assert contract_year_of(Period.parse("2027-04"), start) == 1
    assert contract_year_of(Period.parse("2027-05"), start) == 2
    with pytest.raises(ValueError):
        contract_year_of(Period.parse("2026-03"), start)   # wholly before the contract


def test_contract_years_from_29_february() -> None:
    start = dt.date(2028, 2, 29)
    assert add_years(start, 1) == dt.date(2029, 2, 28)
    assert add_years(start, 4) == dt.date(2032, 2, 29)
    assert contract_year_bounds(start, 1) == (dt.date(2028, 2, 29), dt.date(2029, 2, 28))
    assert contract_year_bounds(start, 2) == (dt.date(2029, 2, 28), dt.date(2030, 2, 28))
    assert contract_year_of(Period.parse("2029-02"), start) == 1   # 1 Feb 2029 < 28 Feb 2029
    assert contract_year_of(Period.parse("2029-03"), start) == 2
    with pytest.raises(ValueError):
        contract_year_bounds(start, 0)
