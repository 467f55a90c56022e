"""Properties of the clocks and times over generated instants (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.performance.clocks import ServiceHours, elapsed_microseconds, elapsed_minutes
from workbench.performance.periods import period_containing
from workbench.performance.times import LONDON, parse_instant

HOURS = ServiceHours.parse("Mon-Fri", "08:00", "18:00")
instants = st.datetimes(min_value=dt.datetime(2025, 12, 1), max_value=dt.datetime(2027, 2, 1),
                        timezones=st.just(dt.UTC))


@settings(max_examples=150, deadline=None)
@given(instants, instants)
def test_24x7_is_the_utc_difference(a: dt.datetime, b: dt.datetime) -> None:
    start, end = min(a, b), max(a, b)
    assert elapsed_minutes(start, end, "24x7") == (end - start) / dt.timedelta(minutes=1)


@settings(max_examples=150, deadline=None)
@given(instants, instants, instants)
def test_service_minutes_add_up_and_never_exceed_real_time(a: dt.datetime, b: dt.datetime,
                                                         c: dt.datetime) -> None:
    first, middle, last = sorted((a, b, c))
    whole = elapsed_microseconds(first, last, "service_hours", HOURS)
    parts = (elapsed_microseconds(first, middle, "service_hours", HOURS)
             + elapsed_microseconds(middle, last, "service_hours", HOURS))
    assert whole == parts
    assert 0 <= whole <= elapsed_microseconds(first, last, "24x7")


@settings(max_examples=200, deadline=None)
@given(instants)
def test_local_text_reads_back_as_the_same_instant_unless_ambiguous(instant: dt.datetime) -> None:
    local = instant.astimezone(LONDON)
    text = local.strftime("%Y-%m-%d %H:%M:%S")
    other_fold = local.replace(fold=1 - local.fold)
    if other_fold.utcoffset() != local.utcoffset():   # the autumn hour that happens twice
        return
    assert parse_instant(text) == instant.replace(microsecond=0)
    assert parse_instant(local.isoformat()) == instant
    assert period_containing(instant, "month").contains(local.date())
