"""SLA clocks: 24x7 in real elapsed time; service hours skip weekends and England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.performance.clocks import (
    ServiceHours,
    bank_holidays,
    elapsed_minutes,
    parse_clock_time,
    parse_days,
)
from workbench.performance.times import parse_instant

WEEKDAYS = ServiceHours.parse("Mon-Fri", "08:00", "18:00")   # design.md's service hours
EVERY_DAY = ServiceHours.parse("Mon-Sun", "08:00", "18:00")


def local(text: str) -> dt.datetime:
    return parse_instant(text)  # naive → UK local time, as in an import


def minutes(start: str, end: str, clock: str = "24x7", hours: ServiceHours | None = None) -> float:
    return elapsed_minutes(local(start), local(end), clock, hours)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------- 24x7


def test_24x7_across_spring_forward_counts_real_time() -> None:
    # 22:00 GMT (22:00 UTC) on 28 March to 04:00 BST (03:00 UTC) on 29 March: 5 hours, not the 6 on the wall
    assert minutes("2026-03-28 22:00", "2026-03-29 04:00") == 300.0


def test_24x7_across_fall_back_counts_real_time() -> None:
    # 22:00 BST (21:00 UTC) on 24 October to 04:00 GMT (04:00 UTC) on 25 October: 7 hours, not 6
    assert minutes("2026-10-24 22:00", "2026-10-25 04:00") == 420.0


def test_24x7_minutes_are_exact_seconds_over_60() -> None:
    assert minutes("2026-05-12 09:00:00", "2026-05-12 09:01:30") == 1.5   # 90 s / 60
    assert minutes("2026-05-12 09:00", "2026-05-12 09:00") == 0.0
    # Christmas does not matter on a 24x7 clock: 24 Dec 17:00 → 29 Dec 09:00 = 4 days 16 h = 112 h = 6,720 min
    assert minutes("2026-12-24 17:00", "2026-12-29 09:00") == 6720.0


# ------------------------------------------------------------------------------------------- service hours


def test_service_hours_within_one_day() -> None:
    # Tuesday 12 May 2026 09:00–10:30 → 90 minutes
    assert minutes("2026-05-12 09:00", "2026-05-12 10:30", "service_hours", WEEKDAYS) == 90.0
    # Tuesday 07:00 → 19:00 is clipped to the window 08:00–18:00 → 600
    assert minutes("2026-05-12 07:00", "2026-05-12 19:00", "service_hours", WEEKDAYS) == 600.0
    # overnight Tuesday 19:00 → Wednesday 07:00 → none
    assert minutes("2026-05-12 19:00", "2026-05-13 07:00", "service_hours", WEEKDAYS) == 0.0


def test_service_hours_skip_the_weekend() -> None:
    # Friday 8 May 17:00 → Monday 11 May 09:00: Fri 17:00–18:00 (60) + Mon 08:00–09:00 (60) = 120
    assert minutes("2026-05-08 17:00", "2026-05-11 09:00", "service_hours", WEEKDAYS) == 120.0
    # the whole of Saturday and Sunday → 0
    assert minutes("2026-05-09 00:00", "2026-05-11 00:00", "service_hours", WEEKDAYS) == 0.0


def test_service_hours_across_spring_forward_weekend() -> None:
    # Friday 27 March 17:00 GMT → Monday 30 March 09:00 BST: 60 + 60 = 120 (the lost hour was on Sunday)
    assert minutes("2026-03-27 17:00", "2026-03-30 09:00", "service_hours", WEEKDAYS) == 120.0
    # on 24x7 the same span is 27 Mar 17:00 UTC → 30 Mar 08:00 UTC = 63 h = 3,780 min
    assert minutes("2026-03-27 17:00", "2026-03-30 09:00") == 3780.0


def test_service_window_on_a_clock_change_day_is_still_ten_local_hours() -> None:
    # Sunday 29 March 2026 (23 real hours long) and Sunday 25 October 2026 (25 hours), with every-day service
    # hours: the window 08:00–18:00 local is 10 hours = 600 minutes on each
    assert minutes("2026-03-29 00:00", "2026-03-30 00:00", "service_hours", EVERY_DAY) == 600.0
    assert minutes("2026-03-29 00:00", "2026-03-30 00:00") == 1380.0   # 23 h real
    assert minutes("2026-10-25 00:00", "2026-10-26 00:00", "service_hours", EVERY_DAY) == 600.0
    assert minutes("2026-10-25 00:00", "2026-10-26 00:00") == 1500.0   # 25 h real


def test_a_window_that_spans_the_change_itself_counts_real_minutes() -> None:
    # a 00:30–03:00 local window on 29 March: 00:30 GMT (00:30 UTC) to 03:00 BST (02:00 UTC) = 90 real minutes
    night = ServiceHours.parse("Sun", "00:30", "03:00", None)
    assert minutes("2026-03-29 00:00", "2026-03-29 04:00", "service_hours", night) == 90.0
    # 25 October: 00:30 BST (23:30 UTC on the 24th) to 03:00 GMT (03:00 UTC) = 210 real minutes
    assert minutes("2026-10-25 00:00", "2026-10-25 04:00", "service_hours", night) == 210.0


def test_service_hours_across_fall_back_week() -> None:
    # Friday 23 Oct 17:00 BST → Monday 26 Oct 09:00 GMT: 60 + 60 = 120
    assert minutes("2026-10-23 17:00", "2026-10-26 09:00", "service_hours", WEEKDAYS) == 120.0


def test_christmas_2026_substitute_bank_holiday_is_from_the_holidays_library() -> None:
    days = bank_holidays("england-and-wales", 2026)
    assert dt.date(2026, 12, 25).weekday() == 4          # Christmas Day is a Friday
    assert dt.date(2026, 12, 26).weekday() == 5          # Boxing Day is a Saturday ...
    assert dt.date(2026, 12, 28) in days                 # ... so Monday 28 December is the substitute day
    assert {dt.date(2026, 12, 25), dt.date(2026, 12, 26)} <= days
    assert dt.date(2026, 12, 29) not in days
    assert {dt.date(2026, 4, 3), dt.date(2026, 4, 6)} <= days   # Good Friday, Easter Monday


def test_service_hours_across_christmas_2026() -> None:
    # Thursday 24 Dec 17:00 → Tuesday 29 Dec 09:00: Thu 17:00–18:00 (60); Fri 25 Christmas; Sat 26, Sun 27
    # weekend; Mon 28 substitute Boxing Day; Tue 08:00–09:00 (60) → 120
    assert minutes("2026-12-24 17:00", "2026-12-29 09:00", "service_hours", WEEKDAYS) == 120.0
    # without bank holidays, Christmas Day and Monday 28 count: 60 + 600 + 600 + 60 = 1,320
    no_holidays = ServiceHours.parse("Mon-Fri", "08:00", "18:00", None)
    assert minutes("2026-12-24 17:00", "2026-12-29 09:00", "service_hours", no_holidays) == 1320.0


def test_service_hours_across_easter_2026() -> None:
    # Thursday 2 April 17:00 → Tuesday 7 April 09:00: Good Friday 3 and Easter Monday 6 skipped
    # → 60 + 60 = 120
    assert minutes("2026-04-02 17:00", "2026-04-07 09:00", "service_hours", WEEKDAYS) == 120.0


def test_bad_clock_inputs() -> None:
    start, end = local("2026-05-12 09:00"), local("2026-05-12 10:00")
    with pytest.raises(ValueError):
        elapsed_minutes(end, start, "24x7")                       # end before start
    with pytest.raises(ValueError):
        elapsed_minutes(start, end, "service_hours", None)        # no service hours
    with pytest.raises(ValueError):
        elapsed_minutes(start, end, "office", WEEKDAYS)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        elapsed_minutes(dt.datetime(2026, 5, 12, 9), end, "24x7")   # naive


# --------------------------------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(("text", "days"), [
    ("Mon-Fri", {0, 1, 2, 3, 4}),
    ("Mon-Sun", {0, 1, 2, 3, 4, 5, 6}),
    ("Mon-Sat", {0, 1, 2, 3, 4, 5}),
    ("Mon,Wed,Fri", {0, 2, 4}),
    ("mon - wed, fri", {0, 1, 2, 4}),
    ("Sat-Mon", {5, 6, 0}),          # wraps round the weekend
    ("Monday-Friday", {0, 1, 2, 3, 4}),
])
def test_parse_days(text: str, days: set[int]) -> None:
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "Mon-Fry", "Mo", "Weekdays", "Mon,,Fri"])
def test_bad_days(text: str) -> None:
    with pytest.raises(ValueError):
        parse_days(text)


def test_service_hours_validation() -> None:
    assert parse_clock_time("8:00") == dt.time(8) and parse_clock_time("18:30") == dt.time(18, 30)
    for bad in ("24:00", "8am", "08:60", ""):
        with pytest.raises(ValueError):
            parse_clock_time(bad)
    with pytest.raises(ValueError):
        ServiceHours.parse("Mon-Fri", "18:00", "08:00")          # overnight windows are not supported
    with pytest.raises(ValueError):
        ServiceHours.parse("Mon-Fri", "08:00", "18:00", "wales-only")
    assert WEEKDAYS.describe() == (
        "Mon, Tue, Wed, Thu, Fri 08:00–18:00, except england-and-wales bank holidays")


def test_service_hours_as_stored_and_as_described() -> None:
    hours = ServiceHours.parse("Mon-Fri", "08:00", "18:00")
    assert hours.to_json() == {"days": "Mon,Tue,Wed,Thu,Fri", "from": "08:00", "to": "18:00",
                               "bank_holidays": "england-and-wales"}
    stored = hours.to_json()
    assert ServiceHours.parse(stored["days"], stored["from"], stored["to"], stored["bank_holidays"]) == hours
    weekend = ServiceHours.parse("Sat-Mon", "9:30", "17:00", None)
    assert weekend.to_json() == {"days": "Mon,Sat,Sun", "from": "09:30", "to": "17:00", "bank_holidays": None}
    assert weekend.describe() == "Mon, Sat, Sun 09:30–17:00"
