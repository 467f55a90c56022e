"""parse_instant: offsets, UK local time, and the 2026 clock changes."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.performance.times import LONDON, format_local, parse_instant, to_local

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-01-15 09:30", utc(2026, 1, 15, 9, 30)),        # GMT: local = UTC
    ("2026-01-15T09:30:00", utc(2026, 1, 15, 9, 30)),     # T and seconds
    ("2026-07-01 09:30", utc(2026, 7, 1, 8, 30)),         # BST: local − 1 hour
    ("2026-07-01T09:30:15", utc(2026, 7, 1, 8, 30, 15)),
    ("2026-07-01T09:30:00Z", utc(2026, 7, 1, 9, 30)),     # Z: that instant
    ("2026-07-01T09:30+01:00", utc(2026, 7, 1, 8, 30)),
    ("2026-07-01T09:30+0100", utc(2026, 7, 1, 8, 30)),
    ("2026-07-01T09:30-05:00", utc(2026, 7, 1, 14, 30)),
    ("  2026-07-01 09:30  ", utc(2026, 7, 1, 8, 30)),     # surrounding spaces
])
def test_instants(text: str, expected: dt.datetime) -> None:
    parsed = parse_instant(text)
    assert parsed == expected and parsed.tzinfo is UTC


def test_spring_forward_gap_does_not_exist() -> None:
    # 29 March 2026: at 01:00 GMT the clocks went to 02:00 BST; 01:00–01:59 local never happened
    with pytest.raises(ValueError) as excinfo:
        parse_instant("2026-03-29 01:30")
    assert str(excinfo.value) == ("2026-03-29 01:30 does not exist in UK time (the clocks went forward); "
                                  "give an offset such as +00:00 or +01:00")
    for text in ("2026-03-29T01:00", "2026-03-29 01:59:59"):
        with pytest.raises(ValueError, match="does not exist"):
            parse_instant(text)
    # either side of the gap is fine
    assert parse_instant("2026-03-29 00:59") == utc(2026, 3, 29, 0, 59)   # GMT
    assert parse_instant("2026-03-29 02:00") == utc(2026, 3, 29, 1, 0)    # BST
    # with an offset the gap time is accepted as that instant
    assert parse_instant("2026-03-29T01:30+00:00") == utc(2026, 3, 29, 1, 30)
    assert parse_instant("2026-03-29T01:30Z") == utc(2026, 3, 29, 1, 30)


def test_autumn_fall_back_hour_is_ambiguous() -> None:
    # 25 October 2026: at 02:00 BST the clocks went back to 01:00 GMT; 01:00–01:59 local happened twice
    with pytest.raises(ValueError) as excinfo:
        parse_instant("2026-10-25 01:30")
    message = str(excinfo.value)
    assert message.startswith("2026-10-25 01:30 is ambiguous in UK time")
    assert "+01:00" in message and "+00:00" in message
    for text in ("2026-10-25T01:00", "2026-10-25 01:59:59"):
        with pytest.raises(ValueError, match="ambiguous"):
            parse_instant(text)
    assert parse_instant("2026-10-25 00:59") == utc(2026, 10, 24, 23, 59)  # BST
    assert parse_instant("2026-10-25 02:00") == utc(2026, 10, 25, 2, 0)    # GMT
    # the offset says which of the two
    assert parse_instant("2026-10-25T01:30+01:00") == utc(2026, 10, 25, 0, 30)   # the first, BST
    assert parse_instant("2026-10-25T01:30+00:00") == utc(2026, 10, 25, 1, 30)   # the second, GMT


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-04-01", "01/04/2026 09:30", "2026-02-30 10:00",
                                  "2026-04-01 24:00", "2026-04-01 9:30", "2026-04-01T09:30+25:00"])
def test_not_a_date_and_time(text: str) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)


def test_to_local_for_display() -> None:
    local = to_local(utc(2026, 7, 1, 8, 30))
    assert local.tzinfo == LONDON and (local.hour, local.minute) == (9, 30) and local.tzname() == "BST"
    assert format_local(utc(2026, 12, 24, 17, 0)) == "2026-12-24 17:00 GMT"
    with pytest.raises(ValueError):
        to_local(dt.datetime(2026, 7, 1, 8, 30))  # naive
