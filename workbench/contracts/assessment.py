"""The annual KPI assessment of a contract, from the report computed on read: the rating per KPI per contract
year, as a page and as CSV and XLSX files (the JSON is the report itself, as ``workbench contract report --json``).

CSV (``assessment``): one row per KPI per contract year, header
``contract,kpi,title,unit,direction,target,approaching,requires_improvement,year,year_start,year_end,periods,
periods_with_value,mean,rating,promised``. Numbers full precision, empty for none; text cells neutralised against
formula injection. The XLSX workbook holds the same table on sheet ``Assessment``, every period on ``Periods`` and
the incidents measured against their SLAs on ``Incidents``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from workbench.exports import neutralise
from workbench.models import Contract

__all__ = ["ASSESSMENT_HEADER", "assessment_csv", "assessment_rows", "assessment_xlsx", "years_of"]

ASSESSMENT_HEADER = ["contract", "kpi", "title", "unit", "direction", "target", "approaching",
                     "requires_improvement", "year", "year_start", "year_end", "periods", "periods_with_value",
                     "mean", "rating", "promised"]
PERIODS_HEADER = ["contract", "kpi", "period", "value", "rating", "note"]
INCIDENTS_HEADER = ["contract", "reference", "severity", "reported_utc", "responded_utc", "resolved_utc", "clock",
                    "respond_within_minutes", "response_minutes", "response_met", "resolve_within_minutes",
                    "resolution_minutes", "resolution_met"]


def years_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract years that hold any KPI record, each with the rating per KPI (None where it has none)."""
    found: dict[int, dict[str, Any]] = {}
    for kpi in report["kpis"]:
        for year in kpi["years"]:
            entry = found.setdefault(year["year"], {"year": year["year"], "start": year["start"],
                                                    "end": year["end"], "kpis": {}})
            entry["kpis"][kpi["code"]] = year
    return [found[n] for n in sorted(found)]


def assessment_rows(contract: Contract, report: dict[str, Any]) -> list[list[Any]]:
    promised = {k.code: k.promised for k in contract.kpis}
    rows: list[list[Any]] = []
    for kpi in report["kpis"]:
        for year in kpi["years"]:
            figure = promised.get(kpi["code"])
            rows.append([report["reference"], kpi["code"], kpi["title"], kpi["unit"], kpi["direction"],
                         kpi["target"], kpi["approaching"], kpi["requires_improvement"], year["year"],
                         year["start"], year["end"], year["periods"], year["periods_with_value"], year["mean"],
                         year["rating"], float(figure) if figure is not None else None])
    return rows


def _period_rows(report: dict[str, Any]) -> list[list[Any]]:
    return [[report["reference"], kpi["code"], p["period"], p["value"], p["rating"], p["note"]]
            for kpi in report["kpis"] for p in kpi["periods"]]


def _incident_rows(report: dict[str, Any]) -> list[list[Any]]:
    return [[report["reference"], i["reference"], i["severity"], i["reported"], i["responded"], i["resolved"],
             i["clock"], i["respond_within_minutes"], i["response_minutes"], i["response_met"],
             i["resolve_within_minutes"], i["resolution_minutes"], i["resolution_met"]] for i in report["incidents"]]


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return value


def assessment_csv(contract: Contract, report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ASSESSMENT_HEADER)
    for row in assessment_rows(contract, report):
        writer.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue()


def assessment_xlsx(contract: Contract, report: dict[str, Any]) -> bytes:
    book = Workbook()
    sheets = [("Assessment", ASSESSMENT_HEADER, assessment_rows(contract, report)),
              ("Periods", PERIODS_HEADER, _period_rows(report)),
              ("Incidents", INCIDENTS_HEADER, _incident_rows(report))]
    for index, (name, header, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_text(v) for v in row])
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
