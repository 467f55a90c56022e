"""Shared fixtures of the contract-performance tests."""

import datetime as dt
from decimal import Decimal

import pytest

from workbench.performance.clocks import ServiceHours
from workbench.performance.contract_file import ContractSpec, KpiSpec, Manager
from workbench.performance.sla import Sla


@pytest.fixture
def spec() -> ContractSpec:
    """The contract of design.md: 2026-04-01 to 2029-03-31, Mon–Fri 08:00–18:00, KPI1 monthly availability
    (99.5 / 99.0 / 98.0, higher), KPI2 quarterly calls answered (97 / 95 / 90, higher), KPI3 monthly
    defects (2 / 5 / 10, lower); SLAs P1 30m/4h 24x7 and P3 4h/16h service hours."""
    return ContractSpec(
        reference="CT-2026-01",
        title="Children's social care case management system",
        supplier="Ashdown Case Systems",
        procurement="CSC-2026-01",
        start=dt.date(2026, 4, 1),
        end=dt.date(2029, 3, 31),
        value=Decimal(5_400_000),
        manager=Manager("jo.reed@council.example", "Jo Reed"),
        review_cycle="quarterly",
        service_hours=ServiceHours.parse("Mon-Fri", "08:00", "18:00"),
        kpis=(
            KpiSpec("KPI1", "System availability", "percent", "higher", "month",
                    Decimal("99.5"), Decimal("99.0"), Decimal("98.0")),
            KpiSpec("KPI2", "Support calls answered within 3 minutes", "percent", "higher", "quarter",
                    Decimal(97), Decimal(95), Decimal(90)),
            KpiSpec("KPI3", "Data-integrity defects", "count", "lower", "month",
                    Decimal(2), Decimal(5), Decimal(10)),
        ),
        slas=(Sla("P1", 30, 240, "24x7"), Sla("P3", 240, 960, "service_hours")),
    )
