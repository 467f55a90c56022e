"""Instants: stored in UTC, shown in UK local time (Europe/London).

A time with an offset (``2026-03-29T01:30+00:00``) or ``Z`` is that instant. A naive time (``2026-03-29
01:30``, a ``T`` or a space, seconds optional) is UK local time — unless that local time does not exist (the
hour skipped when the clocks go forward, e.g. 01:00–02:00 on 29 March 2026) or is ambiguous (the hour that
happens twice when they go back, e.g. 01:00–02:00 on 25 October 2026): then it is refused and the person is
asked for an offset.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

__all__ = ["LONDON", "format_local", "parse_instant", "to_local", "to_utc"]

LONDON = ZoneInfo("Europe/London")

_INSTANT = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?)"
    r"\s*(?P<offset>Z|z|[+-]\d{2}(?::?\d{2})?)?$")


def _shown(local: dt.datetime) -> str:
    text = local.strftime("%Y-%m-%d %H:%M")
    if local.second or local.microsecond:
        text += f":{local.second:02d}"
    return text


def parse_instant(text: str) -> dt.datetime:
    """An aware UTC datetime from ISO 8601 text; naive text is UK local time.

    Raises ``ValueError`` with a message fit to show a person for text that is not a date and time, or for a
    local time that does not exist or is ambiguous in the UK.
    """
    value = text.strip()
    match = _INSTANT.match(value)
    if match is None:
        raise ValueError(f"{value!r} is not a date and time; write e.g. 2026-04-01 09:30 (UK local time) "
                         f"or 2026-04-01T08:30:00Z")
    date, time, offset = match.group("date"), match.group("time").replace(",", "."), match.group("offset")
    if offset is not None:
        offset = "+00:00" if offset in ("Z", "z") else offset
        if len(offset) == 3:  # +01
            offset += ":00"
        elif ":" not in offset:  # +0100
            offset = offset[:3] + ":" + offset[3:]
    try:
        parsed = dt.datetime.fromisoformat(f"{date}T{time}{offset or ''}")
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(dt.UTC)
    return _from_uk_local(parsed)


def _from_uk_local(naive: dt.datetime) -> dt.datetime:
    earlier = naive.replace(tzinfo=LONDON, fold=0).astimezone(dt.UTC)
    later = naive.replace(tzinfo=LONDON, fold=1).astimezone(dt.UTC)
    if earlier == later:
        return earlier
    round_trip = earlier.astimezone(LONDON).replace(tzinfo=None)
    shown = _shown(naive)
    if round_trip != naive:
        raise ValueError(
            f"{shown} does not exist in UK time (the clocks went forward); "
            f"give an offset such as +00:00 or +01:00")
    first, second = (naive.replace(tzinfo=LONDON, fold=fold).strftime("%z") for fold in (0, 1))
    raise ValueError(
        f"{shown} is ambiguous in UK time (the clocks went back, so it happened twice); give an offset: "
        f"{first[:3]}:{first[3:]} for the first time (BST) or {second[:3]}:{second[3:]} for the second (GMT)")


def to_utc(instant: dt.datetime) -> dt.datetime:
    """An aware datetime in UTC; a naive one is refused (its zone would be a guess)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("A naive datetime has no time zone; use parse_instant for UK local time")
    return instant.astimezone(dt.UTC)


def to_local(instant: dt.datetime) -> dt.datetime:
    """The same instant in UK local time (Europe/London), for display."""
    return to_utc(instant).astimezone(LONDON)


def format_local(instant: dt.datetime) -> str:
    """``2026-04-01 09:30 BST`` — an instant as a person in the UK reads it."""
    local = to_local(instant)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
