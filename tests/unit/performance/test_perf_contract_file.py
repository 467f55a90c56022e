"""The contract file of design.md: loaded into a ContractSpec; every problem with file, line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.performance.clocks import ServiceHours
from workbench.performance.contract_file import (
    ContractSpec,
    KpiSpec,
    Manager,
    load_contract_file,
    three_kpi_problem,
)
from workbench.performance.ratings import Bands
from workbench.performance.sla import Sla
from workbench.problems import ProblemsError

CONTRACT = """\
reference: CT-2026-01            # unique
title: Children's social care case management system
supplier: Ashdown Case Systems
procurement: CSC-2026-01         # optional
start: 2026-04-01
end: 2029-03-31
value: 5400000                   # over 5,000,000 needs at least three KPIs
manager: {email: jo.reed@council.example, name: Jo Reed}
review_cycle: quarterly          # monthly | quarterly | six-monthly | annual
service_hours: {days: Mon-Fri, from: "08:00", to: "18:00", bank_holidays: england-and-wales}
kpis:
  - {code: KPI1, title: System availability, unit: percent, direction: higher, period: month,
     target: 99.5, approaching: 99.0, requires_improvement: 98.0}
  - {code: KPI2, title: Support calls answered within 3 minutes, unit: percent, direction: higher,
     period: quarter, target: 97, approaching: 95, requires_improvement: 90}
slas:
  - {severity: P1, respond_within: 30m, resolve_within: 4h, clock: 24x7}
  - {severity: P3, respond_within: 4h, resolve_within: 16h, clock: service_hours}
"""


def load(text: str) -> ContractSpec:
    return load_contract_file("contract.yaml", text)


def problems(text: str) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ProblemsError) as excinfo:
        load(text)
    for problem in excinfo.value.problems:
        assert problem.file == "contract.yaml"
    return [(p.line, p.field, p.message) for p in excinfo.value.problems]


def test_the_design_example_loads() -> None:
    spec = load(CONTRACT)
    assert spec == ContractSpec(
        reference="CT-2026-01",
        title="Children's social care case management system",
        supplier="Ashdown Case Systems",
        procurement="CSC-2026-01",
        start=dt.date(2026, 4, 1),
        end=dt.date(2029, 3, 31),
        value=Decimal(5400000),
        manager=Manager("jo.reed@council.example", "Jo Reed"),
        review_cycle="quarterly",
        service_hours=ServiceHours(frozenset({0, 1, 2, 3, 4}), dt.time(8), dt.time(18), "england-and-wales"),
        kpis=(
            KpiSpec("KPI1", "System availability", "percent", "higher", "month",
                    Decimal("99.5"), Decimal("99.0"), Decimal("98.0")),
            KpiSpec("KPI2", "Support calls answered within 3 minutes", "percent", "higher", "quarter",
                    Decimal(97), Decimal(95), Decimal(90)),
        ),
        slas=(Sla("P1", 30, 240, "24x7"), Sla("P3", 240, 960, "service_hours")),
    )
    assert spec.kpis[0].bands == Bands("higher", "99.5", "99.0", "98.0")
    assert spec.sla("P3") == Sla("P3", 240, 960, "service_hours") and spec.sla("P2") is None


def test_a_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ct.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    assert load_contract_file(path).reference == "CT-2026-01"


def test_over_five_million_is_a_warning_fact_not_an_error() -> None:
    spec = load(CONTRACT)                       # £5,400,000 with two KPIs: accepted
    assert spec.needs_three_kpis is True
    assert spec.warnings and "three KPIs" in spec.warnings[0]
    at_threshold = load(CONTRACT.replace("value: 5400000", "value: 5000000"))
    assert at_threshold.needs_three_kpis is False    # "over" 5,000,000: exactly 5,000,000 is not over
    assert at_threshold.warnings == ()


def test_optional_parts_may_be_left_out() -> None:
    text = CONTRACT.replace("procurement: CSC-2026-01         # optional\n", "")
    text = text.replace('service_hours: {days: Mon-Fri, from: "08:00", to: "18:00", '
                        'bank_holidays: england-and-wales}\n', "")
    text = text.replace(
        "  - {severity: P3, respond_within: 4h, resolve_within: 16h, clock: service_hours}\n", "")
    spec = load(text)
    assert spec.procurement is None and spec.service_hours is None and len(spec.slas) == 1


def test_end_must_be_after_start() -> None:
    assert problems(CONTRACT.replace("end: 2029-03-31", "end: 2026-03-31")) == [
        (6, "end", "The contract must end after it starts (2026-04-01), not on 2026-03-31")]


def test_bands_must_be_ordered_for_their_direction() -> None:
    [(line, field, message)] = problems(CONTRACT.replace("approaching: 99.0", "approaching: 99.9"))
    assert (line, field) == (13, "kpis[0].approaching")   # the second line of KPI1's entry
    assert "target ≥ approaching ≥ requires_improvement" in message
    lower = CONTRACT.replace("direction: higher, period: month", "direction: lower, period: month")
    [(line, field, message)] = problems(lower)
    assert (line, field) == (13, "kpis[0].approaching") and "target ≤ approaching" in message


def test_kpi_codes_and_sla_severities_are_unique() -> None:
    text = CONTRACT.replace("code: KPI2", "code: KPI1").replace("severity: P3", "severity: P1")
    assert [(line, field) for line, field, _ in problems(text)] == [
        (14, "kpis[1].code"), (18, "slas[1].severity")]


def test_a_service_hours_sla_needs_service_hours() -> None:
    text = CONTRACT.replace('service_hours: {days: Mon-Fri, from: "08:00", to: "18:00", '
                            'bank_holidays: england-and-wales}\n', "")
    [(line, field, message)] = problems(text)
    assert (line, field) == (17, "slas[1].clock")   # line 18 before service_hours (line 10) was removed
    assert "no service_hours" in message


def test_field_problems_are_all_reported_with_their_lines() -> None:
    text = (CONTRACT.replace("respond_within: 30m", "respond_within: 30")
            .replace("days: Mon-Fri", "days: Mon-Fry")
            .replace("direction: higher,\n", "direction: up,\n")
            .replace("review_cycle: quarterly", "review_cycle: weekly")
            .replace('to: "18:00"', 'to: "25:00"')
            .replace("value: 5400000", "value: lots")
            .replace("jo.reed@council.example", "jo reed")
            + "colour: blue\n")
    found = {(line, field) for line, field, _ in problems(text)}
    assert found == {
        (7, "value"), (8, "manager.email"), (9, "review_cycle"), (10, "service_hours.days"),
        (10, "service_hours.to"), (14, "kpis[1].direction"), (17, "slas[0].respond_within"), (19, "colour")}


def test_an_empty_file_is_a_problem() -> None:
    assert problems("")[0][2].startswith("Input should be a mapping")


def test_an_impossible_date_is_a_problem_not_a_crash() -> None:
    # 30 February: PyYAML cannot build the date; whoever reports it (the YAML loader or this guard), it is
    # one problem for contract.yaml, not an exception
    found = problems(CONTRACT.replace("end: 2029-03-31", "end: 2029-02-30"))
    assert len(found) == 1


@pytest.mark.parametrize(("old", "new", "line", "field", "limit"), [
    ("reference: CT-2026-01", "reference: " + "R" * 65, 1, "reference", 64),
    ("title: Children's social care case management system", "title: " + "t" * 301, 2, "title", 300),
    ("supplier: Ashdown Case Systems", "supplier: " + "s" * 301, 3, "supplier", 300),
    ("procurement: CSC-2026-01", "procurement: " + "P" * 65, 4, "procurement", 64),
    ("name: Jo Reed", "name: " + "n" * 201, 8, "manager.name", 200),
    ("jo.reed@council.example", "j" * 239 + "@council.example", 8, "manager.email", 254),
    ("code: KPI1", "code: " + "K" * 33, 12, "kpis[0].code", 32),
    ("title: System availability", "title: " + "a" * 301, 12, "kpis[0].title", 300),
    ("unit: percent, direction: higher, period: month", "unit: " + "u" * 41 + ", direction: higher, period: month",
     12, "kpis[0].unit", 40),
    ("severity: P1", "severity: " + "S" * 33, 17, "slas[0].severity", 32),
])
def test_text_longer_than_its_column_is_a_problem_on_its_line(old, new, line, field, limit) -> None:
    assert old in CONTRACT
    assert problems(CONTRACT.replace(old, new, 1)) == [
        (line, field, f"Must be at most {limit} characters long, not {limit + 1}")]


def test_text_as_long_as_its_column_is_accepted() -> None:
    spec = load(CONTRACT.replace("reference: CT-2026-01", "reference: " + "R" * 64)
                .replace("code: KPI1", "code: " + "K" * 32).replace("severity: P1", "severity: " + "S" * 32))
    assert (len(spec.reference), len(spec.kpis[0].code), len(spec.slas[0].severity)) == (64, 32, 32)


def test_numbers_longer_than_their_column_are_a_problem() -> None:
    # numbers are stored as their text written out in full: 1e40 has 41 digits, 1e39 has 40
    assert load(CONTRACT.replace("value: 5400000", "value: 1e39")).value == Decimal("1e39")
    [(line, field, message)] = problems(CONTRACT.replace("value: 5400000", "value: 1e40"))
    assert (line, field) == (7, "value") and "40 digits" in message
    [(line, field, _)] = problems(CONTRACT.replace("target: 99.5", "target: 0." + "0" * 40 + "1"))
    assert (line, field) == (13, "kpis[0].target")


@pytest.mark.parametrize(("value", "kpis", "expected"), [
    ("5000000", 0, None), ("5000000.01", 2, 2), ("5000000.01", 3, None), ("9000000", 0, 0), ("100", 1, None)])
def test_three_kpi_problem(value: str, kpis: int, expected: int | None) -> None:
    found = three_kpi_problem(Decimal(value), kpis)
    if expected is None:
        assert found is None
    else:
        assert found == ("This contract is worth over £5,000,000, so it needs at least three KPIs before it can go "
                         f"live; it has {expected}")


def test_the_warning_is_the_three_kpi_problem() -> None:
    assert load(CONTRACT).warnings == (three_kpi_problem(Decimal(5400000), 2),)
