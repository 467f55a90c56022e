"""contract_report on a small worked example, in the JSON shape of design.md."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from workbench.performance.contract_file import ContractSpec
from workbench.performance.imports import IncidentRecord, MeasurementRecord
from workbench.performance.periods import Period
from workbench.performance.report import contract_report
from workbench.performance.times import parse_instant

NOW = parse_instant("2026-12-29 12:00")   # Tuesday 29 December 2026, 12:00 GMT


def m(kpi: str, period: str, value: str | None, note: str = "") -> MeasurementRecord:
    return MeasurementRecord(kpi, Period.parse(period), None if value is None else Decimal(value), note)


def inc(reference: str, severity: str, reported: str, responded: str | None = None,
        resolved: str | None = None) -> IncidentRecord:
    def t(text: str | None) -> dt.datetime | None:
        return parse_instant(text) if text else None

    return IncidentRecord(reference, severity, parse_instant(reported), t(responded), t(resolved), "")


MEASUREMENTS = [
    # KPI1: availability, higher, 99.5 / 99.0 / 98.0, monthly (given out of order on purpose)
    m("KPI1", "2027-05", "98.6"),   # year 2: ≥ 98.0, < 99.0 → Requires improvement
    m("KPI1", "2026-04", "99.8"),   # year 1: ≥ 99.5 → Good
    m("KPI1", "2026-05", "99.0"),   # year 1: exactly 99.0 → Approaching target
    m("KPI1", "2026-06", None, "Monitoring tool failed"),   # year 1: no value → Other
    m("KPI1", "2027-03", "97.5"),   # year 1 (contract year ends 2027-03-31): < 98.0 → Inadequate
    m("KPI1", "2027-04", "99.5"),   # year 2: exactly 99.5 → Good
    # KPI2: quarterly; its only record has no value
    m("KPI2", "2026-Q2", None, "Telephony data lost"),
    # KPI3: no records at all
]

INCIDENTS = [
    # P3 (4h / 16h on service hours Mon–Fri 08:00–18:00) reported Thursday 24 Dec 17:00, still open at NOW:
    # Thu 17–18 (60) + Fri 25 Christmas + weekend + Mon 28 substitute Boxing Day + Tue 08–12 (240) = 300 min
    # so far: response limit 240 passed → already breached (False); resolution limit 960 not yet → null
    inc("INC-A", "P3", "2026-12-24 17:00"),
    # P1 (30m / 4h, 24x7) reported 12 May 09:00 BST: responded 09:30 (30 min, exactly the limit → met),
    # resolved 13:01 (241 min, one over → breached)
    inc("INC-B", "P1", "2026-05-12 09:00", "2026-05-12 09:30", "2026-05-12 13:01"),
    # P1 across the autumn change: 22:00 BST 24 Oct (21:00 UTC) → responded 22:29 BST (29 min, met),
    # resolved 04:00 GMT 25 Oct (04:00 UTC): 7 h = 420 min real time → breached
    inc("INC-C", "P1", "2026-10-24 22:00", "2026-10-24 22:29", "2026-10-25 04:00"),
]


INCIDENT_KEYS = ("reference", "severity", "response_minutes", "resolution_minutes", "response_met",
                 "resolution_met")


def core(report: dict[str, Any]) -> dict[str, Any]:
    """Only the keys design.md promises (the report may carry more)."""
    return {
        "reference": report["reference"],
        "kpis": [{
            "code": k["code"],
            "periods": [{key: p[key] for key in ("period", "value", "rating")} for p in k["periods"]],
            "years": [{key: y[key] for key in ("year", "mean", "rating")} for y in k["years"]],
        } for k in report["kpis"]],
        "incidents": [{key: i[key] for key in INCIDENT_KEYS} for i in report["incidents"]],
    }


def test_contract_report_worked_example(spec: ContractSpec) -> None:
    report = contract_report(spec, MEASUREMENTS, INCIDENTS, NOW)
    assert core(report) == {
        "reference": "CT-2026-01",
        "kpis": [
            {
                "code": "KPI1",
                "periods": [
                    {"period": "2026-04", "value": 99.8, "rating": "Good"},
                    {"period": "2026-05", "value": 99.0, "rating": "Approaching target"},
                    {"period": "2026-06", "value": None, "rating": "Other"},
                    {"period": "2027-03", "value": 97.5, "rating": "Inadequate"},
                    {"period": "2027-04", "value": 99.5, "rating": "Good"},
                    {"period": "2027-05", "value": 98.6, "rating": "Requires improvement"},
                ],
                "years": [
                    # year 1: (99.8 + 99.0 + 97.5) / 3 = 296.3 / 3 = 98.7666… (the empty June is left out)
                    # → ≥ 98.0 and < 99.0 → Requires improvement
                    {"year": 1, "mean": 296.3 / 3, "rating": "Requires improvement"},
                    # year 2: (99.5 + 98.6) / 2 = 198.1 / 2 = 99.05 → ≥ 99.0, < 99.5 → Approaching target
                    {"year": 2, "mean": 99.05, "rating": "Approaching target"},
                ],
            },
            {
                "code": "KPI2",
                "periods": [{"period": "2026-Q2", "value": None, "rating": "Other"}],
                "years": [{"year": 1, "mean": None, "rating": "Other"}],   # records but no values
            },
            {"code": "KPI3", "periods": [], "years": []},
        ],
        "incidents": [   # sorted by reported time: May, October, December
            {"reference": "INC-B", "severity": "P1", "response_minutes": 30.0, "resolution_minutes": 241.0,
             "response_met": True, "resolution_met": False},
            {"reference": "INC-C", "severity": "P1", "response_minutes": 29.0, "resolution_minutes": 420.0,
             "response_met": True, "resolution_met": False},
            {"reference": "INC-A", "severity": "P3", "response_minutes": None, "resolution_minutes": None,
             "response_met": False, "resolution_met": None},
        ],
    }
    assert report["kpis"][0]["years"][0]["mean"] == 98.76666666666667
    json.dumps(report)   # plain JSON data


def test_report_extras(spec: ContractSpec) -> None:
    report = contract_report(spec, MEASUREMENTS, INCIDENTS, NOW)
    year1, year2 = report["kpis"][0]["years"]
    assert (year1["start"], year1["end"]) == ("2026-04-01", "2027-03-31")
    assert (year2["start"], year2["end"]) == ("2027-04-01", "2028-03-31")
    assert (year1["periods"], year1["periods_with_value"]) == (4, 3)
    assert report["kpis"][0]["periods"][2]["note"] == "Monitoring tool failed"
    assert report["kpis"][0]["periods"][0]["rag"] == "green"
    open_one = report["incidents"][2]
    assert open_one["response_breached_open"] is True and open_one["resolution_breached_open"] is False
    assert open_one["period"] == "2026-12" and open_one["reported"] == "2026-12-24T17:00:00+00:00"


def test_an_open_incident_is_rated_as_of_now(spec: ContractSpec) -> None:
    # the same open P3 at Monday 28 December 23:00 (a bank holiday): only Thu 17–18 = 60 service minutes
    # so far, under the 240 limit → still open (null), not a breach
    earlier = contract_report(spec, [], INCIDENTS[:1], parse_instant("2026-12-28 23:00"))
    assert earlier["incidents"][0]["response_met"] is None
    assert earlier["incidents"][0]["response_breached_open"] is False
    assert [k["periods"] for k in earlier["kpis"]] == [[], [], []]
