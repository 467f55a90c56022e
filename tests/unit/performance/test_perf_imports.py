"""Measurements and incidents files: all or nothing, every problem with its row and column."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from workbench.imports.tabular import read_table
from workbench.performance.contract_file import ContractSpec
from workbench.performance.imports import (
    INCIDENTS_HEADER,
    MEASUREMENTS_HEADER,
    IncidentRecord,
    MeasurementRecord,
    parse_incidents,
    parse_measurements,
)
from workbench.performance.periods import Period
from workbench.problems import ProblemsError

UTC = dt.UTC


def measurements(spec: ContractSpec, body: str) -> list[MeasurementRecord]:
    data = ("kpi,period,value,note\n" + body).encode()
    rows = read_table(data, filename="m.csv", header=MEASUREMENTS_HEADER)
    return parse_measurements(rows, spec, filename="m.csv")


def incidents(spec: ContractSpec, body: str) -> list[IncidentRecord]:
    header = "reference,severity,reported,responded,resolved,description\n"
    rows = read_table((header + body).encode(), filename="i.csv", header=INCIDENTS_HEADER)
    return parse_incidents(rows, spec, filename="i.csv")


def refused(call, *args) -> list[tuple[int | None, str | None]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ProblemsError) as excinfo:
        call(*args)
    return [(p.row, p.column) for p in excinfo.value.problems]


def messages(call, *args) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ProblemsError) as excinfo:
        call(*args)
    return [p.message for p in excinfo.value.problems]


# -------------------------------------------------------------------------------------------- measurements


def test_good_measurements(spec: ContractSpec) -> None:
    records = measurements(spec, "KPI1,2026-04,99.5,\nKPI1,2026-05,,Monitoring tool down all month\n"
                                 "KPI2,2026-Q2,96,\nKPI3,2026-04,3,\n")
    assert records == [
        MeasurementRecord("KPI1", Period.month(2026, 4), Decimal("99.5"), ""),
        MeasurementRecord("KPI1", Period.month(2026, 5), None, "Monitoring tool down all month"),
        MeasurementRecord("KPI2", Period.quarter(2026, 2), Decimal(96), ""),
        MeasurementRecord("KPI3", Period.month(2026, 4), Decimal(3), ""),
    ]


def test_unknown_kpi(spec: ContractSpec) -> None:
    assert refused(measurements, spec, "KPI1,2026-04,99.5,\nKPI9,2026-04,1,\n") == [(3, "kpi")]
    assert "KPI1, KPI2, KPI3" in messages(measurements, spec, "KPI9,2026-04,1,\n")[0]


def test_period_in_the_wrong_form_for_the_kpi(spec: ContractSpec) -> None:
    # KPI1 is monthly, KPI2 quarterly
    body = "KPI1,2026-Q2,99.5,\nKPI2,2026-04,96,\nKPI1,April 2026,99,\nKPI1,,99,\n"
    assert refused(measurements, spec, body) == [(2, "period"), (3, "period"), (4, "period"), (5, "period")]
    assert messages(measurements, spec, "KPI2,2026-04,96,\n")[0].startswith("KPI2 is reported by quarter")


def test_period_outside_the_contract(spec: ContractSpec) -> None:
    # the contract runs 2026-04-01 to 2029-03-31: March 2026 and April 2029 / 2029-Q2 are outside
    body = "KPI1,2026-03,99.5,\nKPI1,2029-04,99.5,\nKPI2,2029-Q2,96,\nKPI1,2029-03,99.5,\nKPI2,2026-Q2,96,\n"
    assert refused(measurements, spec, body) == [(2, "period"), (3, "period"), (4, "period")]
    [message] = messages(measurements, spec, "KPI1,2026-03,1,\n")
    assert "outside the contract (2026-04-01 to 2029-03-31)" in message


def test_non_numeric_value(spec: ContractSpec) -> None:
    body = ("KPI1,2026-04,high,\nKPI1,2026-05,99.5%,\nKPI1,2026-06,\"1,000\",\nKPI1,2026-07,NaN,\n"
            "KPI1,2026-08,1e2,\n")   # row 6: 1e2 = 100 is a number
    assert refused(measurements, spec, body) == [(2, "value"), (3, "value"), (4, "value"), (5, "value")]


def test_empty_value_needs_a_note(spec: ContractSpec) -> None:
    assert refused(measurements, spec, "KPI1,2026-04,,\nKPI1,2026-05,,Outage\n") == [(2, "value")]


def test_duplicate_kpi_and_period(spec: ContractSpec) -> None:
    body = "KPI1,2026-04,99.5,\nKPI1,2026-05,99.5,\nKPI1,2026-04,98,\n"
    assert refused(measurements, spec, body) == [(4, "period")]
    assert "also in row 2" in messages(measurements, spec, body)[0]


def test_every_problem_in_the_file_is_listed(spec: ContractSpec) -> None:
    body = ("KPI9,2026-04,1,\n"          # row 2 unknown KPI
            "KPI1,2026-Q2,abc,\n"        # row 3 wrong period form and non-numeric value
            "\n"                         # row 4 blank, skipped
            "KPI1,2026-04,,\n"           # row 5 empty value without a note
            "KPI1,2026-04,99,\n"         # row 6 KPI1 2026-04 again (first in row 5)
            "KPI1,2026-04,98,\n")        # row 7 and again
    assert refused(measurements, spec, body) == [
        (2, "kpi"), (3, "period"), (3, "value"), (5, "value"), (6, "period"), (7, "period")]


def test_an_excel_date_in_a_monthly_period_is_read_as_the_month(spec: ContractSpec) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(MEASUREMENTS_HEADER))
    sheet.append(["KPI1", dt.datetime(2026, 4, 1), 99.5, None])   # Excel turned "2026-04" into 1 April 2026
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_table(buffer.getvalue(), filename="m.xlsx", header=MEASUREMENTS_HEADER)
    assert parse_measurements(rows, spec, filename="m.xlsx") == [
        MeasurementRecord("KPI1", Period.month(2026, 4), Decimal("99.5"), "")]


# ----------------------------------------------------------------------------------------------- incidents


def test_good_incidents(spec: ContractSpec) -> None:
    spec = dataclasses.replace(spec, start=dt.date(2026, 1, 1))   # so that March's clock change is in the contract
    records = incidents(spec, (
        "INC-1,P1,2026-03-28 22:00,2026-03-28 22:20,2026-03-29 04:00,Login outage\n"
        "INC-2,P3,2026-10-25T01:30+01:00,,,Slow sync (open)\n"))
    assert records == [
        IncidentRecord("INC-1", "P1", dt.datetime(2026, 3, 28, 22, tzinfo=UTC),
                       dt.datetime(2026, 3, 28, 22, 20, tzinfo=UTC), dt.datetime(2026, 3, 29, 3, tzinfo=UTC),
                       "Login outage"),
        IncidentRecord("INC-2", "P3", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), None, None,
                       "Slow sync (open)"),
    ]


def test_unknown_severity(spec: ContractSpec) -> None:
    assert refused(incidents, spec, "INC-1,P2,2026-05-12 09:00,,,\nINC-2,,2026-05-12 09:00,,,\n") == [
        (2, "severity"), (3, "severity")]
    assert "P1, P3" in messages(incidents, spec, "INC-1,P2,2026-05-12 09:00,,,\n")[0]


def test_nonexistent_and_ambiguous_local_times(spec: ContractSpec) -> None:
    spec = dataclasses.replace(spec, start=dt.date(2026, 1, 1))
    body = ("INC-1,P1,2026-03-29 01:30,,,\n"                       # row 2: in the spring-forward gap
            "INC-2,P1,2026-10-25 01:30,,,\n"                       # row 3: in the fall-back hour
            "INC-3,P1,2026-10-25 00:30,2026-10-25 01:15,,\n"       # row 4: responded ambiguous
            "INC-4,P1,2026-03-29 00:30,,2026-03-29 01:45,\n"       # row 5: resolved in the gap
            "INC-5,P1,2026-10-25T01:30+00:00,,,\n")                # row 6: fine with an offset
    assert refused(incidents, spec, body) == [
        (2, "reported"), (3, "reported"), (4, "responded"), (5, "resolved")]
    found = messages(incidents, spec, body)
    assert "does not exist in UK time" in found[0] and "ambiguous" in found[1]


def test_incident_reported_outside_the_contract(spec: ContractSpec) -> None:
    body = ("INC-1,P1,2026-03-31 23:59,,,\n"        # row 2: the day before the contract starts (UK time)
            "INC-2,P1,2026-04-01 00:00,,,\n"        # row 3: its first minute (still 23:00 UTC on 31 March)
            "INC-3,P1,2029-03-31 23:59,,,\n"        # row 4: its last minute
            "INC-4,P1,2029-04-01 00:00,,,\n")       # row 5: the day after it ends
    assert refused(incidents, spec, body) == [(2, "reported"), (5, "reported")]
    assert messages(incidents, spec, body)[0] == (
        "2026-03-31 23:59 BST is outside the contract (2026-04-01 to 2029-03-31)")


def test_bad_and_missing_times(spec: ContractSpec) -> None:
    body = "INC-1,P1,yesterday,,,\nINC-2,P1,,,,\nINC-3,P1,2026-05-12 09:00,2026-05-12 25:00,,\n"
    assert refused(incidents, spec, body) == [(2, "reported"), (3, "reported"), (4, "responded")]


def test_responded_or_resolved_before_reported(spec: ContractSpec) -> None:
    body = ("INC-1,P1,2026-05-12 09:00,2026-05-12 08:59,,\n"
            "INC-2,P1,2026-05-12 09:00,2026-05-12 09:05,2026-05-11 17:00,\n"
            "INC-3,P1,2026-05-12 09:00,2026-05-12 09:00,2026-05-12 09:00,\n")   # equal is fine (0 minutes)
    assert refused(incidents, spec, body) == [(2, "responded"), (3, "resolved")]
    assert messages(incidents, spec, body)[0] == (
        "Responded (2026-05-12 08:59 BST) is before the incident was reported (2026-05-12 09:00 BST)")


def test_duplicate_and_missing_reference(spec: ContractSpec) -> None:
    body = "INC-1,P1,2026-05-12 09:00,,,\nINC-1,P3,2026-05-13 09:00,,,\n,P1,2026-05-14 09:00,,,\n"
    assert refused(incidents, spec, body) == [(3, "reference"), (4, "reference")]
    assert "also in row 2" in messages(incidents, spec, body)[0]


def test_a_reference_longer_than_its_column_is_a_row_problem(spec: ContractSpec) -> None:
    body = f"{'R' * 64},P1,2026-05-12 09:00,,,\n{'R' * 65},P1,2026-05-12 09:00,,,\n"
    assert refused(incidents, spec, body) == [(3, "reference")]
    assert messages(incidents, spec, body) == ["The reference is 65 characters long; it may have at most 64"]
    assert len(incidents(spec, body.splitlines()[0] + "\n")[0].reference) == 64


def test_a_value_with_more_digits_than_its_column_is_a_row_problem(spec: ContractSpec) -> None:
    # stored as its text written out in full: 1e39 has 40 digits, 1e40 41, 1e999999999 a billion (never built),
    # 0.(40 zeros)1 41
    assert measurements(spec, "KPI1,2026-04,1e39,\n")[0].value == Decimal("1e39")
    body = f"KPI1,2026-04,1e40,\nKPI1,2026-05,1e999999999,\nKPI1,2026-06,0.{'0' * 40}1,\n"
    assert refused(measurements, spec, body) == [(2, "value"), (3, "value"), (4, "value")]
    assert messages(measurements, spec, body)[0] == "'1e40' has more than 40 digits when written out in full"
