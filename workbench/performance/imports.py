"""Turn the rows of a measurements or incidents file into records, checking them against the contract.

Both are all or nothing: every problem in every row is collected (with its row and column) and then raised
together as one :class:`~workbench.problems.ProblemsError`, so that a refused file changes nothing.

Measurements (header ``kpi,period,value,note``): the KPI must be one of the contract's; the period must be in
that KPI's form (``2026-04`` for a monthly KPI, ``2026-Q2`` for a quarterly one) and share at least one day
with the contract; the value is a plain number (``99.5``; no ``%`` or thousands separators) of at most 40 digits
written out in full, or empty, and an empty value needs a note (it rates *Other*); a (KPI, period) pair may
appear once in a file. A monthly period that Excel has turned into the date of its first day (a cell
``2026-04-01T00:00:00``) is read as that month.

Incidents (header ``reference,severity,reported,responded,resolved,description``): the reference is required,
at most 64 characters and unique in the file; the severity must have an SLA in the contract; ``reported`` is
required, ``responded`` and ``resolved`` may be empty while open; times are ISO 8601 — with an offset or
``Z``, or naive UK local time, which must exist and be unambiguous (see
:func:`~workbench.performance.times.parse_instant`); neither ``responded`` nor ``resolved`` may be before
``reported``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from workbench.imports.tabular import TableRow
from workbench.performance.contract_file import MAX_DIGITS, ContractSpec
from workbench.performance.periods import Period
from workbench.performance.sla import IncidentTimes
from workbench.performance.times import format_local, parse_instant, to_local
from workbench.problems import Problem, ProblemsError

__all__ = [
    "INCIDENTS_HEADER",
    "MEASUREMENTS_HEADER",
    "IncidentRecord",
    "MeasurementRecord",
    "parse_incidents",
    "parse_measurements",
]

MEASUREMENTS_HEADER = ("kpi", "period", "value", "note")
INCIDENTS_HEADER = ("reference", "severity", "reported", "responded", "resolved", "description")

# Longest values the database columns hold (workbench.models): longer is a row-numbered problem, not a database
# error. Numbers are stored as their text written out in full (ExactDecimal), so their digits are bounded too.
REFERENCE_MAX = 64     # Incident.reference

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_EXCEL_MONTH = re.compile(r"^(\d{4})-(\d{2})-01T00:00:00$")


@dataclass(frozen=True)
class MeasurementRecord:
    kpi: str
    period: Period
    value: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class IncidentRecord:
    """Times are aware UTC datetimes; ``responded`` / ``resolved`` are ``None`` while open."""

    reference: str
    severity: str
    reported: dt.datetime
    responded: dt.datetime | None
    resolved: dt.datetime | None
    description: str = ""

    def times(self) -> IncidentTimes:
        return IncidentTimes(self.reference, self.severity, self.reported, self.responded, self.resolved)


def _codes(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "(none)"


def _digits(value: Decimal) -> int:
    """How many digits ``value`` has written out in full (``1e3`` → 4, ``0.001`` → 3, as pydantic's
    ``max_digits``), worked out from the exponent: ``1e999999999`` is never written out."""
    sign_digits_exponent = value.as_tuple()
    digits, exponent = len(sign_digits_exponent.digits), int(sign_digits_exponent.exponent)
    return digits + exponent if exponent >= 0 else max(digits, -exponent)


def _parse_period(text: str, kind: str | None) -> Period:
    excel = _EXCEL_MONTH.match(text)
    if excel and kind in (None, "month"):
        text = f"{excel.group(1)}-{excel.group(2)}"
    return Period.parse(text, kind)  # type: ignore[arg-type]


def parse_measurements(rows: list[TableRow], spec: ContractSpec, *, filename: str) -> list[MeasurementRecord]:
    """The measurement records of a file's rows, or ``ProblemsError`` listing every problem."""
    problems: list[Problem] = []
    records: list[MeasurementRecord] = []
    kpis = {k.code: k for k in spec.kpis}
    seen: dict[tuple[str, Period], int] = {}

    for row in rows:
        def problem(column: str, message: str, row: TableRow = row) -> None:
            problems.append(Problem(file=filename, row=row.number, column=column, message=message))

        code, period_text = row.values["kpi"], row.values["period"]
        value_text, note = row.values["value"], row.values["note"]
        ok = True

        kpi = kpis.get(code)
        if not code:
            problem("kpi", f"Give the KPI code; this contract's KPIs are: {_codes(list(kpis))}")
            ok = False
        elif kpi is None:
            problem("kpi", f"Unknown KPI {code!r}; this contract's KPIs are: {_codes(list(kpis))}")
            ok = False

        period: Period | None = None
        if not period_text:
            problem("period", "Give the period: a month as YYYY-MM (2026-04) or a quarter as YYYY-Qn "
                              "(2026-Q2)")
        else:
            try:
                period = _parse_period(period_text, kpi.period if kpi else None)
            except ValueError as exc:
                prefix = f"{kpi.code} is reported by {kpi.period}: " if kpi else ""
                problem("period", prefix + str(exc))
            else:
                if period.last_day < spec.start or period.first_day > spec.end:
                    problem("period", f"{period} is outside the contract ({spec.start.isoformat()} to "
                                      f"{spec.end.isoformat()})")
                    period = None
        if period is None:
            ok = False

        value: Decimal | None = None
        if not value_text:
            if not note:
                problem("value", "The value is empty, so the note must say why (the period will be rated "
                                 "Other); give a value or a note")
                ok = False
        elif not _NUMBER.match(value_text):
            problem("value", f"{value_text!r} is not a number; write it plainly, e.g. 99.5 "
                             f"(no % sign, units or thousands separators)")
            ok = False
        elif _digits(Decimal(value_text)) > MAX_DIGITS:
            problem("value", f"{value_text!r} has more than {MAX_DIGITS} digits when written out in full")
            ok = False
        else:
            value = Decimal(value_text)

        if kpi is not None and period is not None:
            key = (kpi.code, period)
            if key in seen:
                problem("period", f"{kpi.code} {period} is given twice (also in row {seen[key]})")
                ok = False
            else:
                seen[key] = row.number

        if ok and kpi is not None and period is not None:
            records.append(MeasurementRecord(kpi=kpi.code, period=period, value=value, note=note))

    if problems:
        raise ProblemsError(problems)
    return records


def parse_incidents(rows: list[TableRow], spec: ContractSpec, *, filename: str) -> list[IncidentRecord]:
    """The incident records of a file's rows, or ``ProblemsError`` listing every problem."""
    problems: list[Problem] = []
    records: list[IncidentRecord] = []
    severities = [s.severity for s in spec.slas]
    seen: dict[str, int] = {}

    for row in rows:
        def problem(column: str, message: str, row: TableRow = row) -> None:
            problems.append(Problem(file=filename, row=row.number, column=column, message=message))

        before = len(problems)
        reference, severity = row.values["reference"], row.values["severity"]

        if not reference:
            problem("reference", "Give the incident's reference")
        elif len(reference) > REFERENCE_MAX:
            problem("reference", f"The reference is {len(reference)} characters long; it may have at most "
                                 f"{REFERENCE_MAX}")
        elif reference in seen:
            problem("reference", f"Incident {reference} is given twice (also in row {seen[reference]})")
        else:
            seen[reference] = row.number

        if not severity:
            problem("severity", f"Give the severity; this contract's SLAs are for: {_codes(severities)}")
        elif severity not in severities:
            problem("severity", f"Unknown severity {severity!r}; this contract's SLAs are for: "
                                f"{_codes(severities)}")

        times: dict[str, dt.datetime | None] = {}
        for column in ("reported", "responded", "resolved"):
            text = row.values[column]
            times[column] = None
            if not text:
                if column == "reported":
                    problem(column, "Give the time the incident was reported, e.g. 2026-04-01 09:30")
                continue
            try:
                times[column] = parse_instant(text)
            except ValueError as exc:
                problem(column, str(exc))
        reported = times["reported"]
        if reported is not None:
            reported_on = to_local(reported).date()
            if reported_on < spec.start or reported_on > spec.end:
                problem("reported", f"{format_local(reported)} is outside the contract ({spec.start.isoformat()} "
                                    f"to {spec.end.isoformat()})")
                reported = None
        if reported is not None:
            for column in ("responded", "resolved"):
                moment = times[column]
                if moment is not None and moment < reported:
                    problem(column, f"{column.capitalize()} ({format_local(moment)}) is before the incident "
                                    f"was reported ({format_local(reported)})")

        if len(problems) == before and reported is not None:
            records.append(IncidentRecord(
                reference=reference, severity=severity, reported=reported, responded=times["responded"],
                resolved=times["resolved"], description=row.values["description"]))

    if problems:
        raise ProblemsError(problems)
    return records
