"""SLA clocks: how many minutes count between two instants.

- ``24x7`` counts elapsed real time: the UTC difference. A clock change neither adds nor removes an hour
  (22:00 local on 28 March 2026 to 04:00 local on 29 March 2026 is 5 hours, not 6).
- ``service_hours`` counts only the minutes inside the contract's service window (e.g. Mon–Fri 08:00–18:00, UK
  local time) on service days, skipping bank holidays of England and Wales (substitute days included, from the
  maintained ``holidays`` library). Each day's window is built in local time and then converted to UTC, so the
  window on a clock-change day is still 08:00–18:00 local, 10 hours.

Minutes are exact: seconds / 60 (a float only at the end).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import holidays

from workbench.performance.times import LONDON, to_utc

__all__ = [
    "BANK_HOLIDAY_REGIONS",
    "Clock",
    "ServiceHours",
    "bank_holidays",
    "elapsed_microseconds",
    "elapsed_minutes",
    "parse_clock_time",
    "parse_days",
]

Clock = Literal["24x7", "service_hours"]

# name used in contract files → (country, subdivision) for holidays.country_holidays
BANK_HOLIDAY_REGIONS: dict[str, tuple[str, str]] = {
    "england-and-wales": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MICROSECONDS_PER_MINUTE = 60_000_000


def _day(name: str, text: str) -> int:
    word = name.strip().lower()
    if len(word) >= 3:
        for index, day in enumerate(_DAY_NAMES):
            if day.startswith(word):
                return index
    raise ValueError(f"{name.strip()!r} is not a day of the week (in {text!r}); use Mon, Tue, Wed, Thu, Fri, "
                     f"Sat, Sun, e.g. Mon-Fri or Mon,Wed,Fri")


def parse_days(text: str) -> frozenset[int]:
    """``"Mon-Fri"`` → {0, 1, 2, 3, 4} (Monday is 0, as ``date.weekday()``); also ``Mon-Sun``, ``Mon-Sat``,
    ``Mon,Wed,Fri`` and mixtures such as ``Mon-Wed,Fri``. Names are case-insensitive, three letters or more;
    a range may wrap round the weekend (``Sat-Mon``)."""
    days: set[int] = set()
    if not text or not text.strip():
        raise ValueError("No service days given; write e.g. Mon-Fri")
    for part in text.split(","):
        if "-" in part:
            first_text, _, last_text = part.partition("-")
            first, last = _day(first_text, text), _day(last_text, text)
            day = first
            days.add(day)
            while day != last:
                day = (day + 1) % 7
                days.add(day)
        else:
            days.add(_day(part, text))
    return frozenset(days)


def parse_clock_time(text: str) -> dt.time:
    """``"08:00"`` → 08:00 (``H:MM`` or ``HH:MM``, 24-hour clock)."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"{text!r} is not a time of day; write it as HH:MM on the 24-hour clock, e.g. 08:00")
    return dt.time(int(match.group(1)), int(match.group(2)))


@lru_cache(maxsize=256)
def _holiday_dates(region: str, year: int) -> frozenset[dt.date]:
    country, subdivision = BANK_HOLIDAY_REGIONS[region]
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def bank_holidays(region: str, year: int) -> frozenset[dt.date]:
    """The bank holidays of ``region`` (``"england-and-wales"``) in ``year``, substitute days included."""
    if region not in BANK_HOLIDAY_REGIONS:
        raise ValueError(f"Unknown bank holiday calendar {region!r}; use one of: "
                         f"{', '.join(BANK_HOLIDAY_REGIONS)}")
    return _holiday_dates(region, year)


@dataclass(frozen=True)
class ServiceHours:
    """A weekly service window in UK local time: ``days`` (0 = Monday), from ``start`` to ``end`` on each,
    skipping the bank holidays of ``bank_holidays`` (``None``: bank holidays are ordinary days).

    The window lies within one day: ``start`` < ``end`` (no overnight windows)."""

    days: frozenset[int]
    start: dt.time
    end: dt.time
    bank_holidays: str | None = "england-and-wales"

    def __post_init__(self) -> None:
        if not isinstance(self.days, frozenset):
            object.__setattr__(self, "days", frozenset(self.days))
        if not self.days or not all(isinstance(d, int) and 0 <= d <= 6 for d in self.days):
            raise ValueError("Service days must be weekday numbers 0 (Monday) to 6 (Sunday)")
        if not self.start < self.end:
            raise ValueError(f"Service hours must end after they start on the same day, not "
                             f"{self.start:%H:%M}–{self.end:%H:%M}")
        if self.bank_holidays is not None and self.bank_holidays not in BANK_HOLIDAY_REGIONS:
            raise ValueError(f"Unknown bank holiday calendar {self.bank_holidays!r}; use one of: "
                             f"{', '.join(BANK_HOLIDAY_REGIONS)}")

    @classmethod
    def parse(cls, days: str, start: str, end: str,
              bank_holidays: str | None = "england-and-wales") -> ServiceHours:
        """From the contract file's text: ``ServiceHours.parse("Mon-Fri", "08:00", "18:00")``."""
        return cls(parse_days(days), parse_clock_time(start), parse_clock_time(end), bank_holidays)

    def is_service_day(self, day: dt.date) -> bool:
        if day.weekday() not in self.days:
            return False
        return not (self.bank_holidays is not None and day in bank_holidays(self.bank_holidays, day.year))

    def window_utc(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The day's window as UTC instants (built in local time), or ``None`` on a non-service day."""
        if not self.is_service_day(day):
            return None
        opens = dt.datetime.combine(day, self.start, tzinfo=LONDON).astimezone(dt.UTC)
        closes = dt.datetime.combine(day, self.end, tzinfo=LONDON).astimezone(dt.UTC)
        return opens, closes

    def to_json(self) -> dict[str, str | None]:
        """As stored on the contract (``Contract.service_hours``) and written in its audit events: the text
        :meth:`parse` reads back, e.g. ``{"days": "Mon,Tue,Wed,Thu,Fri", "from": "08:00", "to": "18:00",
        "bank_holidays": "england-and-wales"}``."""
        return {"days": ",".join(_SHORT[d] for d in sorted(self.days)), "from": f"{self.start:%H:%M}",
                "to": f"{self.end:%H:%M}", "bank_holidays": self.bank_holidays}

    def describe(self) -> str:
        """For people: ``Mon, Tue, Wed, Thu, Fri 08:00–18:00, except england-and-wales bank holidays``."""
        days = ", ".join(_SHORT[d] for d in sorted(self.days))
        holidays_text = (f", except {self.bank_holidays} bank holidays" if self.bank_holidays else "")
        return f"{days} {self.start:%H:%M}–{self.end:%H:%M}{holidays_text}"


def _microseconds(delta: dt.timedelta) -> int:
    return delta // dt.timedelta(microseconds=1)


def elapsed_microseconds(start: dt.datetime, end: dt.datetime, clock: Clock,
                         service_hours: ServiceHours | None = None) -> int:
    """Exact microseconds on ``clock`` from ``start`` to ``end`` (aware datetimes; ``end`` ≥ ``start``)."""
    start, end = to_utc(start), to_utc(end)
    if end < start:
        raise ValueError(f"The end ({end.isoformat()}) is before the start ({start.isoformat()})")
    if clock == "24x7":
        return _microseconds(end - start)
    if clock != "service_hours":
        raise ValueError(f"Unknown SLA clock {clock!r}; use 24x7 or service_hours")
    if service_hours is None:
        raise ValueError("A service_hours clock needs the contract's service hours")
    total = 0
    day = start.astimezone(LONDON).date()
    last = end.astimezone(LONDON).date()
    while day <= last:
        window = service_hours.window_utc(day)
        if window is not None:
            opens, closes = max(window[0], start), min(window[1], end)
            if closes > opens:
                total += _microseconds(closes - opens)
        day += dt.timedelta(days=1)
    return total


def elapsed_minutes(start_utc: dt.datetime, end_utc: dt.datetime, clock: Clock,
                    service_hours: ServiceHours | None = None) -> float:
    """Minutes on ``clock`` from ``start_utc`` to ``end_utc``: exact seconds / 60, as a float."""
    return elapsed_microseconds(start_utc, end_utc, clock, service_hours) / _MICROSECONDS_PER_MINUTE
