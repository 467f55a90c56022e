"""Contract performance after award: the pure engine (no Flask, no database).

Ratings of KPI values against their bands (:mod:`.ratings`), reporting periods and contract years in UK local
time (:mod:`.periods`), instants (:mod:`.times`), SLA clocks (:mod:`.clocks`) and measurements (:mod:`.sla`),
the contract file (:mod:`.contract_file`), the measurements and incidents importers (:mod:`.imports`) and the
contract report (:mod:`.report`).
"""

from workbench.performance.clocks import ServiceHours, elapsed_minutes, parse_days
from workbench.performance.periods import (
    Period,
    contract_year_bounds,
    contract_year_of,
    period_containing,
    periods_overlapping,
)
from workbench.performance.ratings import RAG, Bands, Rating, rag, rate
from workbench.performance.sla import IncidentMeasure, IncidentTimes, Sla, measure, parse_duration
from workbench.performance.times import LONDON, parse_instant, to_local

__all__ = [
    "LONDON",
    "RAG",
    "Bands",
    "IncidentMeasure",
    "IncidentTimes",
    "Period",
    "Rating",
    "ServiceHours",
    "Sla",
    "contract_year_bounds",
    "contract_year_of",
    "elapsed_minutes",
    "measure",
    "parse_days",
    "parse_duration",
    "parse_instant",
    "period_containing",
    "periods_overlapping",
    "rag",
    "rate",
    "to_local",
]
