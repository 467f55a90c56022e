"""The results page (computed on read) and its downloads: workbook, CSV tables, results JSON and chart images."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from workbench import scoring
from workbench.access import Right, procurement, rights_of
from workbench.exports.charts import CHARTS, chart_png, chart_table
from workbench.exports.csv import TABLES, table_csv
from workbench.exports.json import results_json
from workbench.exports.xlsx import workbook_bytes
from workbench.models import Procurement, Section
from workbench.results.inputs import load_procurement
from workbench.results.report import Audience, Report, build_report

bp = Blueprint("results", __name__, url_prefix="/procurements/<reference>/results")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_TITLES = {
    "sections": "Weighted score by section for each supplier",
    "spread": "Spread of evaluators’ scores per criterion",
    "youth": "Young people’s view of each supplier",
}


def _report(found: Procurement) -> Report:
    """The report as the signed-in person may see it (``Audience``: the audit trail, their conflicts)."""
    loaded = load_procurement(found.reference)
    assert loaded is not None
    return build_report(loaded, Audience.of(loaded, current_user))


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@dataclass(frozen=True)
class SensitivityRow:
    section: str
    weight: float
    down: float | None
    down_move: float | None
    down_leaders: str
    up: float | None
    up_move: float | None
    up_leaders: str


def _sensitivity_rows(result: scoring.Sensitivity) -> list[SensitivityRow]:
    def side(change: scoring.Change | None) -> tuple[float | None, float | None, str]:
        if change is None:
            return None, None, ""
        return float(change.weight), float(change.movement), ", ".join(change.leaders)

    return [SensitivityRow(s.section, float(s.weight), *side(s.down), *side(s.up)) for s in result.sections]


def _shown_section(sections: list[Section]) -> int:
    """The weighted section whose criteria the matrix shows (``?section=N``, 1-based; the first by default).

    One section at a time keeps the page quick and readable for a large evaluation: 200 criteria for 30
    suppliers would be 6,000 cells. The workbook has the whole matrix."""
    number = request.args.get("section", "1")
    if not number.isdigit() or not 1 <= int(number) <= max(len(sections), 1):
        abort(404)
    return int(number)


@bp.get("")
@procurement(Right.READ, Right.PANEL)
def index(procurement: Procurement):
    report = _report(procurement)
    weighted = [s for s in report.procurement.sections if any(c.kind.value == "scored" for c in s.criteria)]
    shown = _shown_section(weighted)
    return render_template(
        "results/index.html", procurement=report.procurement, result=report.result,
        missing=report.missing(), sensitivity=_sensitivity_rows(report.sensitivity),
        leaders=report.sensitivity.leaders, charts=[(name, CHART_TITLES[name], chart_table(report, name))
                                                    for name in CHARTS],
        weighted_sections=weighted, shown_number=shown, shown_section=weighted[shown - 1] if weighted else None,
        pass_fail=[c for c in report.procurement.criteria if c.kind.value == "pass_fail"],
        can_read_audit=Right.READ in rights_of(current_user, procurement))


@bp.get("/workbook.xlsx")
@procurement(Right.READ, Right.PANEL)
def workbook(procurement: Procurement):
    return _download(workbook_bytes(_report(procurement)), XLSX, f"{procurement.reference}-results.xlsx")


@bp.get("/results.json")
@procurement(Right.READ, Right.PANEL)
def json_file(procurement: Procurement):
    return _download(results_json(_report(procurement)), "application/json",
                     f"{procurement.reference}-results.json")


@bp.get("/<table>.csv")
@procurement(Right.READ, Right.PANEL)
def csv_file(procurement: Procurement, table: str):
    if table not in TABLES or table == "audit":
        abort(404)
    return _download(table_csv(_report(procurement), table), "text/csv; charset=utf-8",
                     f"{procurement.reference}-{table}.csv")


@bp.get("/audit.csv")
@procurement(Right.READ)
def audit_csv(procurement: Procurement):
    """The audit trail is for officers, auditors and admins (READ), not for the panel."""
    table = "audit"
    return _download(table_csv(_report(procurement), table), "text/csv; charset=utf-8",
                     f"{procurement.reference}-{table}.csv")


@bp.get("/charts/<name>.png")
@procurement(Right.READ, Right.PANEL)
def chart(procurement: Procurement, name: str):
    if name not in CHARTS:
        abort(404)
    return Response(chart_png(_report(procurement), name), mimetype="image/png",
                    headers={"Cache-Control": "no-store"})
