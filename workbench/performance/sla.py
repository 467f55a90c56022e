"""SLAs: response and resolution limits per severity, measured on the SLA's own clock.

Durations are written ``30m``, ``4h``, ``2d`` or combinations such as ``1h30m`` / ``1d 4h``. A day (``d``) is
24 hours *of the SLA's clock*: on a ``24x7`` clock that is a calendar day; on a ``service_hours`` clock it is
24 hours of service time (2.4 ten-hour service days), not "by the end of the next working day".

An incident's response (or resolution) time is measured from ``reported`` to ``responded`` (or ``resolved``)
on the SLA's clock. It is met when the measured time is ≤ the limit. While the event has not happened its
minutes are null; if the limit has already passed at ``now`` the SLA is already breached (met False, and
``*_breached_open`` True); otherwise it is still open (met None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.performance.clocks import Clock, ServiceHours, elapsed_microseconds

__all__ = ["IncidentMeasure", "IncidentTimes", "Sla", "format_duration", "measure", "parse_duration"]

_DURATION = re.compile(r"^(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?$", re.IGNORECASE)
_PER_MINUTE = 60_000_000  # microseconds


def parse_duration(text: str) -> int:
    """``"30m"`` → 30, ``"4h"`` → 240, ``"2d"`` → 2880, ``"1h30m"`` → 90 (minutes; a day is 24 clock hours).

    Raises ``ValueError`` for anything else, including a bare number (its unit would be a guess) and zero.
    """
    value = str(text).strip()
    match = _DURATION.match(value)
    if not value or match is None or not any(match.group(unit) for unit in "dhm"):
        raise ValueError(f"{value!r} is not a duration; write it as minutes, hours or days, "
                         f"e.g. 30m, 4h, 2d or 1h30m")
    minutes = (int(match.group("d") or 0) * 24 * 60 + int(match.group("h") or 0) * 60
               + int(match.group("m") or 0))
    if minutes <= 0:
        raise ValueError(f"{value!r} is no time at all; an SLA limit must be longer than zero")
    return minutes


def format_duration(minutes: int) -> str:
    """240 → ``"4h"``, 90 → ``"1h30m"``, 2880 → ``"2d"`` (the inverse of :func:`parse_duration`)."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{mins}m" if mins else "")
    return text or "0m"


@dataclass(frozen=True)
class Sla:
    """Limits in whole minutes on ``clock`` for incidents of ``severity``.

    The limits may also be given as duration text (``"30m"``) or a ``timedelta`` of whole minutes; they are
    stored as minutes.
    """

    severity: str
    respond_within: int
    resolve_within: int
    clock: Clock = "24x7"

    def __post_init__(self) -> None:
        for name in ("respond_within", "resolve_within"):
            object.__setattr__(self, name, _minutes(getattr(self, name)))
        if self.clock not in ("24x7", "service_hours"):
            raise ValueError(f"Unknown SLA clock {self.clock!r}; use 24x7 or service_hours")
        if self.respond_within <= 0 or self.resolve_within <= 0:
            raise ValueError("SLA limits must be longer than zero")


def _minutes(value: int | str | dt.timedelta) -> int:
    if isinstance(value, str):
        return parse_duration(value)
    if isinstance(value, dt.timedelta):
        if value % dt.timedelta(minutes=1):
            raise ValueError(f"An SLA limit is a whole number of minutes, not {value}")
        return value // dt.timedelta(minutes=1)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"An SLA limit is a whole number of minutes, not {value!r}")
    return value


@dataclass(frozen=True)
class IncidentTimes:
    """An incident's times as aware UTC datetimes; ``responded`` / ``resolved`` are ``None`` while open."""

    reference: str
    severity: str
    reported: dt.datetime
    responded: dt.datetime | None = None
    resolved: dt.datetime | None = None


@dataclass(frozen=True)
class IncidentMeasure:
    response_minutes: float | None
    resolution_minutes: float | None
    response_met: bool | None
    resolution_met: bool | None
    response_breached_open: bool
    resolution_breached_open: bool


def _one(reported: dt.datetime, happened: dt.datetime | None, limit_minutes: int, sla: Sla,
         service_hours: ServiceHours | None, now_utc: dt.datetime) -> tuple[float | None, bool | None, bool]:
    limit = limit_minutes * _PER_MINUTE
    if happened is not None:
        taken = elapsed_microseconds(reported, happened, sla.clock, service_hours)
        return taken / _PER_MINUTE, taken <= limit, False
    if now_utc <= reported:
        return None, None, False
    so_far = elapsed_microseconds(reported, now_utc, sla.clock, service_hours)
    if so_far > limit:
        return None, False, True
    return None, None, False


def measure(incident: IncidentTimes, sla: Sla, service_hours: ServiceHours | None,
            now_utc: dt.datetime) -> IncidentMeasure:
    """Response and resolution of one incident against its SLA, as at ``now_utc``.

    Raises ``ValueError`` when ``responded`` or ``resolved`` is before ``reported``, or when a
    ``service_hours`` SLA has no service hours.
    """
    if sla.clock == "service_hours" and service_hours is None:
        raise ValueError(f"The {sla.severity} SLA runs on service hours, but the contract has none")
    response = _one(incident.reported, incident.responded, sla.respond_within, sla, service_hours, now_utc)
    resolution = _one(incident.reported, incident.resolved, sla.resolve_within, sla, service_hours, now_utc)
    return IncidentMeasure(
        response_minutes=response[0],
        resolution_minutes=resolution[0],
        response_met=response[1],
        resolution_met=resolution[1],
        response_breached_open=response[2],
        resolution_breached_open=resolution[2],
    )
