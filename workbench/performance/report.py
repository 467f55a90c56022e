"""The contract report (``workbench contract report REF --json``): ratings per period, per contract year, and
each incident measured against its SLA.

Shape (design.md; extra keys may be added, none renamed or left out)::

    {"reference",
     "kpis": [{"code", "periods": [{"period", "value", "rating"}],
               "years": [{"year", "mean", "rating"}]}],
     "incidents": [{"reference", "severity", "response_minutes", "resolution_minutes",
                    "response_met", "resolution_met"}]}

- KPIs in contract order; periods sorted, only those with a measurement record; ``value`` a number or null;
  ``rating`` the label (*Other* for a null value).
- ``years``: contract years (1-based, from the contract's ``start``) that hold at least one record of the
  KPI, in order, with their ``start`` and ``end`` dates (``end`` is the year's last day, inclusive like the
  contract's own ``end``; a last, short year ends with the contract).
  ``mean`` is the exact mean of the non-null values of the periods in that year (then a float), rated with the
  KPI's bands; a year whose records have no values has mean null and rating *Other*.
- ``incidents`` sorted by reported time (then reference); minutes on the SLA's own clock, null while the event
  has not happened; ``*_met`` true/false, or null while open and within the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Protocol

from workbench.performance.contract_file import ContractSpec, KpiSpec
from workbench.performance.periods import Period, contract_year_bounds, contract_year_of, period_containing
from workbench.performance.ratings import Rating, exact, rag, rate
from workbench.performance.sla import IncidentTimes, measure
from workbench.performance.times import to_utc

__all__ = ["contract_report", "kpi_report"]


class _Measurement(Protocol):
    kpi: str
    period: Period
    value: Any  # Decimal | None
    note: str


class _Incident(Protocol):
    reference: str
    severity: str
    reported: dt.datetime
    responded: dt.datetime | None
    resolved: dt.datetime | None


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def kpi_report(spec: ContractSpec, kpi: KpiSpec, measurements: Iterable[_Measurement]) -> dict[str, Any]:
    """One KPI's entry in the report: its periods and its contract years."""
    bands = kpi.bands
    by_period: dict[Period, _Measurement] = {}
    for record in measurements:
        if record.kpi == kpi.code:
            by_period[record.period] = record  # a later record for the same period replaces an earlier one

    periods: list[dict[str, Any]] = []
    years: dict[int, list[Fraction | None]] = {}
    for period in sorted(by_period):
        record = by_period[period]
        value = None if record.value is None else exact(record.value)
        rating = rate(value, bands)
        periods.append({
            "period": str(period),
            "value": _float(value),
            "rating": str(rating),
            "rag": rag(rating),
            "note": getattr(record, "note", "") or "",
        })
        try:
            year = contract_year_of(period, spec.start)
        except ValueError:  # a period wholly before the contract (the importers refuse these)
            continue
        years.setdefault(year, []).append(value)

    year_rows: list[dict[str, Any]] = []
    for year in sorted(years):
        values = [v for v in years[year] if v is not None]
        mean = sum(values, Fraction(0)) / len(values) if values else None
        rating = rate(mean, bands) if mean is not None else Rating.OTHER
        first, following = contract_year_bounds(spec.start, year)
        last = min(following - dt.timedelta(days=1), spec.end)
        year_rows.append({
            "year": year,
            "start": first.isoformat(),
            "end": last.isoformat(),  # the year's last day, inclusive like the contract's own end
            "mean": _float(mean),
            "rating": str(rating),
            "rag": rag(rating),
            "periods": len(years[year]),
            "periods_with_value": len(values),
        })

    return {
        "code": kpi.code,
        "title": kpi.title,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "period_kind": kpi.period,
        "target": float(kpi.target),
        "approaching": float(kpi.approaching),
        "requires_improvement": float(kpi.requires_improvement),
        "periods": periods,
        "years": year_rows,
    }


def _incident_row(spec: ContractSpec, incident: _Incident, now_utc: dt.datetime) -> dict[str, Any]:
    sla = spec.sla(incident.severity)
    row: dict[str, Any] = {
        "reference": incident.reference,
        "severity": incident.severity,
        "reported": to_utc(incident.reported).isoformat(),
        "responded": to_utc(incident.responded).isoformat() if incident.responded else None,
        "resolved": to_utc(incident.resolved).isoformat() if incident.resolved else None,
        "period": str(period_containing(incident.reported, "month")),
        "clock": sla.clock if sla else None,
        "respond_within_minutes": sla.respond_within if sla else None,
        "resolve_within_minutes": sla.resolve_within if sla else None,
        "response_minutes": None,
        "resolution_minutes": None,
        "response_met": None,
        "resolution_met": None,
        "response_breached_open": False,
        "resolution_breached_open": False,
    }
    if sla is not None:
        times = IncidentTimes(incident.reference, incident.severity, incident.reported, incident.responded,
                              incident.resolved)
        result = measure(times, sla, spec.service_hours, now_utc)
        row.update({
            "response_minutes": result.response_minutes,
            "resolution_minutes": result.resolution_minutes,
            "response_met": result.response_met,
            "resolution_met": result.resolution_met,
            "response_breached_open": result.response_breached_open,
            "resolution_breached_open": result.resolution_breached_open,
        })
    return row


def contract_report(spec: ContractSpec, measurements: Iterable[_Measurement], incidents: Iterable[_Incident],
                    now_utc: dt.datetime) -> dict[str, Any]:
    """The whole report as plain JSON-ready data (see the module docstring for the shape)."""
    now_utc = to_utc(now_utc)
    records = list(measurements)
    ordered = sorted(incidents, key=lambda i: (to_utc(i.reported), i.reference))
    return {
        "reference": spec.reference,
        "title": spec.title,
        "supplier": spec.supplier,
        "start": spec.start.isoformat(),
        "end": spec.end.isoformat(),
        "as_of": now_utc.isoformat(),
        "kpis": [kpi_report(spec, kpi, records) for kpi in spec.kpis],
        "incidents": [_incident_row(spec, incident, now_utc) for incident in ordered],
    }
