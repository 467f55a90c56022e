"""SLA measurement: met at exactly the limit, a breach one minute over, an open incident past its limit."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.performance.clocks import ServiceHours
from workbench.performance.sla import (
    IncidentMeasure,
    IncidentTimes,
    Sla,
    format_duration,
    measure,
    parse_duration,
)
from workbench.performance.times import parse_instant

P1 = Sla("P1", 30, 240, "24x7")                  # respond 30m, resolve 4h, real time
P3 = Sla("P3", 240, 960, "service_hours")        # respond 4h, resolve 16h, service hours
HOURS = ServiceHours.parse("Mon-Fri", "08:00", "18:00")


def t(text: str) -> dt.datetime:
    return parse_instant(text)


def incident(reported: str, responded: str | None = None, resolved: str | None = None,
             severity: str = "P1") -> IncidentTimes:
    return IncidentTimes("INC-1", severity, t(reported), t(responded) if responded else None,
                         t(resolved) if resolved else None)


@pytest.mark.parametrize(("text", "minutes"), [
    ("30m", 30), ("4h", 240), ("16h", 960), ("2d", 2880), ("1h30m", 90), ("1d 4h", 1680), ("90M", 90)])
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes
    assert parse_duration(format_duration(minutes)) == minutes


@pytest.mark.parametrize("text", ["30", "", "4x", "0m", "h", "-1h", "1.5h", "30 minutes"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_sla_limits_may_be_given_as_text() -> None:
    assert Sla("P1", "30m", "4h", "24x7") == P1  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Sla("P1", 30, 240, "office")  # type: ignore[arg-type]


def test_met_at_exactly_the_limit_and_breached_one_minute_over() -> None:
    now = t("2026-05-13 12:00")
    # responded after exactly 30 minutes, resolved after exactly 4 hours → both met
    exact = measure(incident("2026-05-12 09:00", "2026-05-12 09:30", "2026-05-12 13:00"), P1, None, now)
    assert exact == IncidentMeasure(30.0, 240.0, True, True, False, False)
    # one minute over each: 31 and 241 minutes → both breached
    over = measure(incident("2026-05-12 09:00", "2026-05-12 09:31", "2026-05-12 13:01"), P1, None, now)
    assert over == IncidentMeasure(31.0, 241.0, False, False, False, False)
    # 30 minutes and one second: 30.0166... > 30 → breached (exact comparison, not rounded minutes)
    second = measure(incident("2026-05-12 09:00", "2026-05-12 09:30:01"), P1, None, now)
    assert second.response_minutes == 1801 / 60 and second.response_met is False


def test_open_incident_before_and_after_its_limits() -> None:
    open_one = incident("2026-05-12 09:00")
    # 29 minutes in: nothing has happened, no limit passed → null, null
    assert measure(open_one, P1, None, t("2026-05-12 09:29")) == IncidentMeasure(
        None, None, None, None, False, False)
    # exactly 30 minutes in: the response limit is reached but not passed (a response now would be met)
    assert measure(open_one, P1, None, t("2026-05-12 09:30")).response_met is None
    # 31 minutes in: the response is already a breach; resolution (4 h) still open
    assert measure(open_one, P1, None, t("2026-05-12 09:31")) == IncidentMeasure(
        None, None, False, None, True, False)
    # responded in time, unresolved 4 h 1 min in → resolution already breached
    responded = incident("2026-05-12 09:00", "2026-05-12 09:10")
    assert measure(responded, P1, None, t("2026-05-12 13:01")) == IncidentMeasure(
        10.0, None, True, False, False, True)
    # now before reported (clock skew) → nothing yet
    assert measure(open_one, P1, None, t("2026-05-12 08:00")).response_met is None


def test_24x7_sla_across_the_autumn_clock_change() -> None:
    # reported 00:45 BST (23:45 UTC on 24 Oct), resolved 04:00 GMT (04:00 UTC): 4 h 15 m = 255 min real time
    # (the wall clock shows only 3 h 15 m) → the 4 h resolution limit is breached
    result = measure(incident("2026-10-25 00:45", "2026-10-25 01:00+01:00", "2026-10-25 04:00"),
                     P1, None, t("2026-11-01 00:00"))
    assert result.response_minutes == 15.0 and result.response_met is True
    assert result.resolution_minutes == 255.0 and result.resolution_met is False


def test_24x7_sla_across_the_spring_clock_change() -> None:
    # reported 00:30 GMT (00:30 UTC), resolved 04:00 BST (03:00 UTC): 2 h 30 m = 150 min (wall clock 3 h 30 m)
    result = measure(incident("2026-03-29 00:30", "2026-03-29 00:50", "2026-03-29 04:00"),
                     P1, None, t("2026-04-01 00:00"))
    assert (result.response_minutes, result.resolution_minutes) == (20.0, 150.0)
    assert (result.response_met, result.resolution_met) == (True, True)


def test_service_hours_sla_over_a_weekend_met_at_exactly_the_limit() -> None:
    # P3 reported Friday 8 May 16:00; responded Monday 11 May 10:00: Fri 16–18 (120) + Mon 08–10 (120)
    # = 240 = the 4 h limit → met. Unresolved; by Tuesday 12 May 12:00: 120 + Mon 600 + Tue 08–12 (240)
    # = 960 = 16 h, reached but not passed → still open; at 12:01 it is 961 > 960 → already breached.
    p3 = incident("2026-05-08 16:00", "2026-05-11 10:00", severity="P3")
    at_limit = measure(p3, P3, HOURS, t("2026-05-12 12:00"))
    assert at_limit == IncidentMeasure(240.0, None, True, None, False, False)
    past = measure(p3, P3, HOURS, t("2026-05-12 12:01"))
    assert past == IncidentMeasure(240.0, None, True, False, False, True)


def test_service_hours_sla_over_christmas_2026() -> None:
    # P3 reported Thursday 24 Dec 17:00 GMT; responded Tuesday 29 Dec 09:00: Thu 17–18 (60); Fri 25 Christmas,
    # Sat 26 / Sun 27 weekend, Mon 28 substitute Boxing Day; Tue 08–09 (60) → 120 ≤ 240 → met.
    # Resolved Tuesday 29 Dec 18:00 → 60 + 600 = 660 ≤ 960 → met.
    p3 = incident("2026-12-24 17:00", "2026-12-29 09:00", "2026-12-29 18:00", severity="P3")
    result = measure(p3, P3, HOURS, t("2027-01-04 09:00"))
    assert result == IncidentMeasure(120.0, 660.0, True, True, False, False)
    # the same times on a 24x7 clock: 4 days 16 h = 6,720 min and 5 days 1 h = 7,260 min → both breached
    on_24x7 = measure(p3, Sla("P3", 240, 960, "24x7"), None, t("2027-01-04 09:00"))
    assert on_24x7 == IncidentMeasure(6720.0, 7260.0, False, False, False, False)


def test_service_hours_sla_across_the_spring_clock_change() -> None:
    # P3 reported Friday 27 March 17:00 GMT; responded Monday 30 March 10:00 BST: 60 + 120 = 180 ≤ 240 → met
    p3 = incident("2026-03-27 17:00", "2026-03-30 10:00", severity="P3")
    assert measure(p3, P3, HOURS, t("2026-03-30 10:00")).response_minutes == 180.0


def test_service_hours_sla_needs_service_hours() -> None:
    with pytest.raises(ValueError, match="service hours"):
        measure(incident("2026-05-12 09:00", severity="P3"), P3, None, t("2026-05-12 10:00"))


def test_response_before_report_is_refused() -> None:
    with pytest.raises(ValueError):
        measure(incident("2026-05-12 09:00", "2026-05-12 08:00"), P1, None, t("2026-05-12 10:00"))
