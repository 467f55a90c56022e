"""The contract file (YAML) that ``workbench contract import`` reads and the UI writes.

```yaml
reference: CT-2026-01            # unique
title: Children's social care case management system
supplier: Ashdown Case Systems
procurement: CSC-2026-01         # optional: the evaluation it came from
start: 2026-04-01
end: 2029-03-31
value: 5400000                   # over 5,000,000 needs at least three KPIs before the contract can go live
manager: {email: jo.reed@council.example, name: Jo Reed}
review_cycle: quarterly          # monthly | quarterly | six-monthly | annual
service_hours: {days: Mon-Fri, from: "08:00", to: "18:00", bank_holidays: england-and-wales}
kpis:
  - {code: KPI1, title: System availability, unit: percent, direction: higher, period: month,
     target: 99.5, approaching: 99.0, requires_improvement: 98.0}
slas:
  - {severity: P1, respond_within: 30m, resolve_within: 4h, clock: 24x7}
  - {severity: P3, respond_within: 4h, resolve_within: 16h, clock: service_hours}
```

Rules beyond the field types: ``end`` after ``start``; each KPI's bands ordered for its direction; KPI codes
unique; SLA severities unique; an SLA on the ``service_hours`` clock needs ``service_hours``; text no longer than
its database column (reference 64 characters, title and supplier 300, KPI code and SLA severity 32, unit 40) and
numbers of at most 40 digits written out in full. A value over £5,000,000 is not an error: it is a fact
(``ContractSpec.needs_three_kpis``, :func:`three_kpi_problem`) that the contract may not go live with fewer than
three KPIs, which the service layer and the UI act on.

Every problem raises :class:`~workbench.problems.ProblemsError` with ``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from workbench.library.yamlsource import YamlStr, load_yaml, validate_model
from workbench.performance.clocks import ServiceHours, parse_clock_time, parse_days
from workbench.performance.periods import PeriodKind
from workbench.performance.ratings import Bands, Direction, band_order_problem
from workbench.performance.sla import Sla, parse_duration
from workbench.problems import Problem, ProblemsError

__all__ = [
    "MAX_DIGITS",
    "THREE_KPI_THRESHOLD",
    "ContractSpec",
    "KpiSpec",
    "Manager",
    "ReviewCycle",
    "load_contract_file",
    "three_kpi_problem",
]

THREE_KPI_THRESHOLD = Decimal(5_000_000)
MAX_DIGITS = 40   # numbers are stored as their text written out in full (ExactDecimal, 48 characters)
ReviewCycle = Literal["monthly", "quarterly", "six-monthly", "annual"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --------------------------------------------------------------------------------------------------- result


def three_kpi_problem(value: Decimal, kpi_count: int) -> str | None:
    """Why a contract worth ``value`` with ``kpi_count`` KPIs may not be live, or ``None``: over £5,000,000 it
    needs at least three KPIs (the Procurement Act 2023 duty)."""
    if value > THREE_KPI_THRESHOLD and kpi_count < 3:
        return (f"This contract is worth over £5,000,000, so it needs at least three KPIs before it can go live; "
                f"it has {kpi_count}")
    return None


@dataclass(frozen=True)
class Manager:
    email: str
    name: str


@dataclass(frozen=True)
class KpiSpec:
    code: str
    title: str
    unit: str
    direction: Direction
    period: PeriodKind
    target: Decimal
    approaching: Decimal
    requires_improvement: Decimal
    criterion: str | None = None        # promised versus delivered: a criterion of the contract's procurement
    promised: Decimal | None = None     # the figure the supplier promised in its bid
    promise_note: str = ""

    @property
    def bands(self) -> Bands:
        return Bands(self.direction, self.target, self.approaching, self.requires_improvement)


@dataclass(frozen=True)
class ContractSpec:
    reference: str
    title: str
    supplier: str
    procurement: str | None
    start: dt.date
    end: dt.date
    value: Decimal
    manager: Manager
    review_cycle: ReviewCycle
    service_hours: ServiceHours | None
    kpis: tuple[KpiSpec, ...]
    slas: tuple[Sla, ...]

    @property
    def needs_three_kpis(self) -> bool:
        """True when the value is over £5,000,000: the contract needs at least three KPIs to go live."""
        return self.value > THREE_KPI_THRESHOLD

    @property
    def warnings(self) -> tuple[str, ...]:
        """Facts to show, not errors (the file is accepted)."""
        problem = three_kpi_problem(self.value, len(self.kpis))
        return (problem,) if problem else ()

    def kpi(self, code: str) -> KpiSpec | None:
        return next((k for k in self.kpis if k.code == code), None)

    def sla(self, severity: str) -> Sla | None:
        return next((s for s in self.slas if s.severity == severity), None)


# --------------------------------------------------------------------------------------------------- models


def _date_only(value: Any) -> Any:
    """A date written as a YAML date or as ``YYYY-MM-DD`` text; not a datetime or a number."""
    if isinstance(value, dt.datetime):
        raise ValueError("Give a date without a time, e.g. 2026-04-01")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()!r} is not a real date") from None
    raise ValueError("Give a date as YYYY-MM-DD, e.g. 2026-04-01")


FileDate = Annotated[dt.date, BeforeValidator(_date_only)]
Text = Annotated[YamlStr, Field(min_length=1)]


def _at_most(limit: int) -> AfterValidator:
    """No longer than its column in ``workbench.models``: a longer value is a problem on its line rather than a
    database error (PostgreSQL refuses it with a 500; SQLite would quietly store it)."""
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"Must be at most {limit} characters long, not {len(value)}")
        return value
    return AfterValidator(check)


Reference = Annotated[Text, _at_most(64)]       # Contract.reference
LongText = Annotated[Text, _at_most(300)]       # Contract.title, supplier_name; Kpi.title
Code = Annotated[Text, _at_most(32)]            # Kpi.code, Sla.severity
Unit = Annotated[Text, _at_most(40)]            # Kpi.unit
Email = Annotated[Text, _at_most(254)]          # User.email
PersonName = Annotated[Text, _at_most(200)]     # User.name
Number = Annotated[Decimal, Field(max_digits=MAX_DIGITS)]            # ExactDecimal: the number's text, String(48)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class _Manager(_Model):
    email: Email
    name: PersonName

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError(f"{value!r} is not an email address")
        return value.lower()


class _ServiceHours(_Model):
    days: Text
    from_: Text = Field(alias="from")
    to: Text
    bank_holidays: Literal["england-and-wales", "scotland", "northern-ireland"] | None = "england-and-wales"

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_days(value)
        return value

    @field_validator("from_", "to")
    @classmethod
    def _time(cls, value: str) -> str:
        parse_clock_time(value)
        return value

    def build(self) -> ServiceHours:
        return ServiceHours.parse(self.days, self.from_, self.to, self.bank_holidays)


class _Kpi(_Model):
    code: Code
    title: LongText
    unit: Unit
    direction: Literal["higher", "lower"]
    period: Literal["month", "quarter"]
    target: Number
    approaching: Number
    requires_improvement: Number
    criterion: Annotated[YamlStr, _at_most(32)] | None = None   # Criterion.code
    promised: Number | None = None
    promise_note: YamlStr = ""


class _Sla(_Model):
    severity: Code
    respond_within: Text
    resolve_within: Text
    clock: Literal["24x7", "service_hours"]

    @field_validator("respond_within", "resolve_within")
    @classmethod
    def _duration(cls, value: str) -> str:
        parse_duration(value)
        return value


class _Contract(_Model):
    reference: Reference
    title: LongText
    supplier: LongText
    procurement: Annotated[YamlStr, _at_most(64)] | None = None   # Procurement.reference
    start: FileDate
    end: FileDate
    value: Number = Field(ge=0)
    manager: _Manager
    review_cycle: ReviewCycle
    service_hours: _ServiceHours | None = None
    kpis: list[_Kpi] = Field(default_factory=list)
    slas: list[_Sla] = Field(default_factory=list)

    @field_validator("procurement")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


# --------------------------------------------------------------------------------------------------- load


def load_contract_file(path: str | Path, text: str | None = None, *,
                       display_name: str | None = None) -> ContractSpec:
    """Read and check a contract file; every problem raises ``ProblemsError`` (file, line, field).

    ``text`` is used instead of reading ``path`` when given (an upload); ``display_name`` names the file in
    problems (default: ``path``).
    """
    file = display_name if display_name is not None else str(path)
    try:
        sourced = load_yaml(path, text, display_name=display_name)
    except ValueError as exc:  # e.g. an unquoted impossible date (2026-02-30) that PyYAML cannot construct
        raise ProblemsError([Problem(file=file, message=f"Cannot read the file: {exc}")]) from None
    model = validate_model(_Contract, sourced)

    problems: list[Problem] = []
    if model.end <= model.start:
        problems.append(sourced.problem(
            f"The contract must end after it starts ({model.start.isoformat()}), not on "
            f"{model.end.isoformat()}", ("end",)))
    seen_codes: dict[str, int] = {}
    for index, kpi in enumerate(model.kpis):
        if kpi.code in seen_codes:
            problems.append(sourced.problem(
                f"KPI code {kpi.code} is used twice (first at kpis[{seen_codes[kpi.code]}])",
                ("kpis", index, "code")))
        else:
            seen_codes[kpi.code] = index
        problem = band_order_problem(kpi.direction, kpi.target, kpi.approaching, kpi.requires_improvement)
        if problem:
            problems.append(sourced.problem(problem, ("kpis", index, "approaching")))
        if kpi.criterion and not model.procurement:
            problems.append(sourced.problem(
                f"KPI {kpi.code} is linked to criterion {kpi.criterion}, but the contract names no procurement "
                f"(add procurement: REF, the evaluation the criterion belongs to)", ("kpis", index, "criterion")))
    seen_severities: dict[str, int] = {}
    for index, sla in enumerate(model.slas):
        if sla.severity in seen_severities:
            problems.append(sourced.problem(
                f"Severity {sla.severity} has two SLAs (first at slas[{seen_severities[sla.severity]}])",
                ("slas", index, "severity")))
        else:
            seen_severities[sla.severity] = index
        if sla.clock == "service_hours" and model.service_hours is None:
            problems.append(sourced.problem(
                f"The {sla.severity} SLA runs on service hours, but the contract has no service_hours "
                f"(e.g. service_hours: {{days: Mon-Fri, from: \"08:00\", to: \"18:00\"}})",
                ("slas", index, "clock")))
    if problems:
        raise ProblemsError(problems)

    return ContractSpec(
        reference=model.reference,
        title=model.title,
        supplier=model.supplier,
        procurement=model.procurement,
        start=model.start,
        end=model.end,
        value=model.value,
        manager=Manager(email=model.manager.email, name=model.manager.name),
        review_cycle=model.review_cycle,
        service_hours=model.service_hours.build() if model.service_hours else None,
        kpis=tuple(KpiSpec(
            code=k.code, title=k.title, unit=k.unit, direction=k.direction, period=k.period,
            target=k.target, approaching=k.approaching, requires_improvement=k.requires_improvement,
            criterion=k.criterion or None, promised=k.promised, promise_note=k.promise_note,
        ) for k in model.kpis),
        slas=tuple(
            Sla(s.severity, parse_duration(s.respond_within), parse_duration(s.resolve_within), s.clock)
            for s in model.slas),
    )
