"""Reporting periods (calendar months and quarters in UK local time) and contract years.

- A month is written ``2026-04``; a quarter ``2026-Q2`` (calendar quarters: Q1 January–March, Q2 April–June,
  Q3 July–September, Q4 October–December).
- A period runs from local midnight (Europe/London) on its first day to local midnight after its last day;
  ``start_utc`` / ``end_utc`` are those instants in UTC (``end_utc`` is exclusive). ``2026-04`` starts at
  2026-03-31 23:00 UTC, because British Summer Time began on 29 March 2026.
- Contract year *k* (1-based) covers ``[start + (k-1) years, start + k years)``; a period belongs to the
  contract year in which its first day falls. A period that straddles the contract's start (a contract
  starting mid-month) belongs to year 1. Adding years to 29 February gives 28 February in a common year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from workbench.performance.times import LONDON

__all__ = [
    "Period",
    "PeriodKind",
    "add_years",
    "contract_year_bounds",
    "contract_year_of",
    "period_containing",
    "periods_overlapping",
]

PeriodKind = Literal["month", "quarter"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@total_ordering
@dataclass(frozen=True)
class Period:
    """``kind`` "month" (``index`` 1–12) or "quarter" (``index`` 1–4) of calendar ``year``."""

    kind: PeriodKind
    year: int
    index: int

    def __post_init__(self) -> None:
        if self.kind not in ("month", "quarter"):
            raise ValueError(f"A period is a month or a quarter, not {self.kind!r}")
        top = 12 if self.kind == "month" else 4
        if not 1 <= self.index <= top:
            raise ValueError(f"A {self.kind} index is 1–{top}, not {self.index}")
        if not 1 <= self.year <= 9998:
            raise ValueError(f"Year {self.year} is out of range")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls("quarter", year, quarter)

    @classmethod
    def parse(cls, text: str, kind: PeriodKind | None = None) -> Period:
        """``"2026-04"`` → April 2026; ``"2026-Q2"`` → April–June 2026.

        With ``kind``, only that form is accepted. Raises ``ValueError`` with a readable message.
        """
        value = text.strip()
        month = _MONTH.match(value)
        quarter = _QUARTER.match(value)
        if month and 1 <= int(month.group(2)) <= 12 and kind in (None, "month"):
            return cls.month(int(month.group(1)), int(month.group(2)))
        if quarter and kind in (None, "quarter"):
            return cls.quarter(int(quarter.group(1)), int(quarter.group(2)))
        if kind == "month":
            raise ValueError(f"{value!r} is not a month; write a month as YYYY-MM, e.g. 2026-04")
        if kind == "quarter":
            raise ValueError(f"{value!r} is not a quarter; write a quarter as YYYY-Qn, e.g. 2026-Q2 "
                             f"(April–June)")
        raise ValueError(f"{value!r} is not a period; write a month as YYYY-MM (2026-04) "
                         f"or a quarter as YYYY-Qn (2026-Q2)")

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        return f"{self.year:04d}-Q{self.index}"

    @property
    def first_month(self) -> int:
        return self.index if self.kind == "month" else 3 * self.index - 2

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def start_utc(self) -> dt.datetime:
        """Local midnight at the start of the first day, in UTC."""
        return _local_midnight_utc(self.first_day)

    @property
    def end_utc(self) -> dt.datetime:
        """Local midnight at the end of the last day, in UTC (exclusive)."""
        return _local_midnight_utc(self.last_day + dt.timedelta(days=1))

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def next(self) -> Period:
        top = 12 if self.kind == "month" else 4
        if self.index == top:
            return Period(self.kind, self.year + 1, 1)
        return Period(self.kind, self.year, self.index + 1)

    def _key(self) -> tuple[dt.date, int, str]:
        return (self.first_day, 0 if self.kind == "month" else 1, self.kind)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    # UK clocks change at 01:00 UTC, so local midnight always exists and is never ambiguous.
    return dt.datetime.combine(day, dt.time(0), tzinfo=LONDON).astimezone(dt.UTC)


def _period_of_date(day: dt.date, kind: PeriodKind) -> Period:
    if kind == "month":
        return Period.month(day.year, day.month)
    if kind == "quarter":
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    raise ValueError(f"A period is a month or a quarter, not {kind!r}")


def period_containing(instant: dt.datetime, kind: PeriodKind) -> Period:
    """The month or quarter, in UK local time, that holds an aware instant (an incident's report time)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("period_containing needs an aware datetime (UTC)")
    return _period_of_date(instant.astimezone(LONDON).date(), kind)


def periods_overlapping(start: dt.date, end: dt.date, kind: PeriodKind) -> list[Period]:
    """Every period of ``kind`` that shares at least one day with ``start``..``end`` (inclusive), in order."""
    if end < start:
        return []
    periods: list[Period] = []
    period = _period_of_date(start, kind)
    while period.first_day <= end:
        periods.append(period)
        period = period.next()
    return periods


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def contract_year_bounds(start: dt.date, year: int) -> tuple[dt.date, dt.date]:
    """Contract year ``year`` (1-based) of a contract starting ``start`` as the half-open range
    ``[start + (year-1) years, start + year years)``: the first day, and the first day of the next year.

    (Its last day is the second date minus one day.)
    """
    if year < 1:
        raise ValueError(f"Contract years are numbered from 1, not {year}")
    return add_years(start, year - 1), add_years(start, year)


def contract_year_of(period: Period, contract_start: dt.date) -> int:
    """The 1-based contract year in which the period's first day falls.

    A period that begins before the contract starts but runs into it belongs to year 1; a period that ends
    before the contract starts raises ``ValueError``.
    """
    first = period.first_day
    if first < contract_start:
        if period.last_day >= contract_start:
            return 1
        raise ValueError(f"{period} ends before the contract starts ({contract_start.isoformat()})")
    year = first.year - contract_start.year + 1
    # the estimate is right or one too many (when the anniversary in first's year is later than first)
    while year > 1 and add_years(contract_start, year - 1) > first:
        year -= 1
    while add_years(contract_start, year) <= first:
        year += 1
    return year
