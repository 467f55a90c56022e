"""The contract endpoints of the API: the same visibility as the contract pages, the same report as
``workbench contract report --json`` and the same annual assessment as the CSV and XLSX downloads.

Another engineer may change the demo contract's figures: every expected figure here is worked out in the test from
the measurements in the database, never copied from the demo files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from fractions import Fraction
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.integration.route_access import ROLES, everyone
from workbench.extensions import db
from workbench.models import Contract, Kpi, Measurement

FROZEN = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)

# Per token, role by role (the route access table sends no token: there every role gets 401).
SEE = everyone(200, anonymous=401, evaluator=404)
TOKEN_ACCESS = {"": everyone(200, anonymous=401), "/{ref}": SEE, "/{ref}/report": SEE, "/{ref}/assessment": SEE}


@pytest.fixture
def contract(demo) -> Contract:
    found = db.session.execute(select(Contract).order_by(Contract.id)).scalars().first()
    assert found is not None, "the demo has a contract"
    return found


def _get(client, path: str, headers: dict[str, str], **query: Any):
    return client.get(f"/api/v1/contracts{path}", headers=headers, query_string=query)


@pytest.mark.parametrize("role", ROLES)
def test_contract_endpoints_answer_each_role_as_the_pages_do(client, contract, token_headers, role):
    headers = {} if role == "anonymous" else token_headers(role)
    for template, expected in TOKEN_ACCESS.items():
        response = _get(client, template.format(ref=contract.reference), headers)
        assert response.status_code == expected[role], template
        assert response.is_json, template
    if role != "anonymous":
        listed = [c["reference"] for c in _get(client, "", headers).get_json()["contracts"]]
        assert listed == ([] if role == "evaluator" else [contract.reference])


def test_a_contract_managers_token_lists_their_contract(client, contract, person, token_headers):
    manager = person("contract_manager")
    assert manager.email == "jo.reed@council.example"
    [listed] = _get(client, "", token_headers("contract_manager")).get_json()["contracts"]
    assert listed == {
        "reference": contract.reference, "title": contract.title, "supplier": contract.supplier_name,
        "procurement": contract.procurement.reference if contract.procurement else None,
        "status": contract.status.value, "start": contract.start.isoformat(), "end": contract.end.isoformat(),
        "value": float(contract.value), "manager_email": "jo.reed@council.example",
        "review_cycle": contract.review_cycle,
    }
    detail = _get(client, f"/{contract.reference}", token_headers("contract_manager")).get_json()
    assert {k: v for k, v in detail.items() if k not in ("kpis", "slas")} == listed
    assert [k["code"] for k in detail["kpis"]] == [k.code for k in contract.kpis]
    assert detail["slas"] == [{"severity": s.severity, "respond_within_minutes": s.respond_within,
                               "resolve_within_minutes": s.resolve_within, "clock": s.clock} for s in contract.slas]
    promised = {k.code: k.promised for k in contract.kpis}
    for kpi in detail["kpis"]:
        assert kpi["promised"] == (None if promised[kpi["code"]] is None else float(promised[kpi["code"]]))


@pytest.mark.parametrize("role", ["evaluator", "other_contract_manager"])
def test_someone_who_may_not_see_the_contract_lists_none_and_gets_404(client, contract, token_headers, role):
    headers = token_headers(role)
    assert _get(client, "", headers).get_json() == {"contracts": []}
    for suffix in ("", "/report", "/assessment"):
        response = _get(client, f"/{contract.reference}{suffix}", headers)
        assert response.status_code == 404, suffix
        assert response.get_json() == {"status": 404, "title": "Not found",
                                       "detail": f"No contract {contract.reference} that you may see."}


def test_an_unknown_contract_is_404_for_everyone(client, contract, token_headers):
    response = _get(client, "/NO-SUCH-CONTRACT/report", token_headers("admin"))
    assert response.status_code == 404
    assert response.get_json()["detail"] == "No contract NO-SUCH-CONTRACT that you may see."


def test_a_revoked_token_gets_401(client, contract, person):
    from workbench.api.tokens import create_token, revoke_token

    manager = person("contract_manager")
    issued = create_token(manager, "warehouse")
    db.session.commit()
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert _get(client, f"/{contract.reference}", headers).status_code == 200
    assert revoke_token(issued.token, actor=manager)
    db.session.commit()
    for path in ("", f"/{contract.reference}", f"/{contract.reference}/report", f"/{contract.reference}/assessment"):
        response = _get(client, path, headers)
        assert response.status_code == 401, path
        assert response.get_json()["detail"] == "The API token is not valid, or has been revoked."


def test_the_report_is_the_cli_json(client, runner, contract, token_headers, monkeypatch):
    monkeypatch.setattr("workbench.contracts.queries.utcnow", lambda: FROZEN)  # open incidents depend on now
    body = _get(client, f"/{contract.reference}/report", token_headers("auditor")).get_json()
    result = runner.invoke(args=["contract", "report", contract.reference, "--json"])
    assert result.exit_code == 0, result.output
    assert body == json.loads(result.stdout)
    assert body["as_of"] == FROZEN.isoformat() and body["reference"] == contract.reference
    assert [k["code"] for k in body["kpis"]] == [k.code for k in contract.kpis]


def _csv_cell(value: Any) -> str:
    return "" if value is None else str(value)


def test_the_assessment_is_the_download(client, sign_in_as, contract, token_headers):
    rows = _get(client, f"/{contract.reference}/assessment", token_headers("contract_manager")).get_json()
    assert rows["reference"] == contract.reference and rows["year"] is None and rows["assessment"]
    sign_in_as("contract_manager")
    text = client.get(f"/contracts/{contract.reference}/assessment.csv").get_data(as_text=True)
    downloaded = list(csv.DictReader(io.StringIO(text)))
    assert [{k: _csv_cell(v) for k, v in row.items()} for row in rows["assessment"]] == downloaded
    book = load_workbook(io.BytesIO(client.get(f"/contracts/{contract.reference}/assessment.xlsx").get_data()))
    sheet = [[cell.value for cell in row] for row in book["Assessment"].iter_rows()]
    assert [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]] == rows["assessment"]

    first_year = _get(client, f"/{contract.reference}/assessment", token_headers("auditor"), year=1).get_json()
    assert first_year["year"] == 1
    assert first_year["assessment"] == [row for row in rows["assessment"] if row["year"] == 1]


# ------------------------------------------------------------------- a rating worked out from the measurements


def _rate(value: Fraction, kpi: Kpi) -> str:
    """design.md's bands, written out again here: for higher, ≥ target Good, ≥ approaching Approaching target,
    ≥ requires_improvement Requires improvement, else Inadequate; the mirror image for lower."""
    sign = 1 if kpi.direction == "higher" else -1
    for bound, label in ((kpi.target, "Good"), (kpi.approaching, "Approaching target"),
                         (kpi.requires_improvement, "Requires improvement")):
        if sign * value >= sign * Fraction(bound):
            return label
    return "Inadequate"


def _month_start(period: str) -> dt.date:
    year, month = period.split("-")
    return dt.date(int(year), int(month), 1)


def _next_month_start(period: str) -> dt.date:
    first = _month_start(period)
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _first_year_end(contract: Contract) -> dt.date:
    """The first day of contract year 2."""
    return contract.start.replace(year=contract.start.year + 1)


def _in_first_year(period: str, contract: Contract) -> bool:
    """A month belongs to the contract year its first day falls in; one straddling the start, to year 1."""
    return _next_month_start(period) > contract.start and _month_start(period) < _first_year_end(contract)


def _monthly_kpi_with_values(contract: Contract) -> tuple[Kpi, list[Measurement]]:
    for kpi in contract.kpis:
        records = list(db.session.execute(select(Measurement).where(Measurement.kpi_id == kpi.id)).scalars())
        if kpi.period == "month" and any(m.value is not None and _in_first_year(m.period, contract)
                                         for m in records):
            return kpi, records
    raise AssertionError("the demo contract has a monthly KPI with a value in its first year")


def test_a_kpi_rating_worked_out_from_the_measurements(client, contract, token_headers):
    kpi, records = _monthly_kpi_with_values(contract)
    first_year = [m for m in records if _in_first_year(m.period, contract)]
    values = [Fraction(m.value) for m in first_year if m.value is not None]
    mean = sum(values, Fraction(0)) / len(values)
    headers = token_headers("officer")

    body = _get(client, f"/{contract.reference}/assessment", headers, year=1).get_json()
    [row] = [r for r in body["assessment"] if r["kpi"] == kpi.code]
    assert row["mean"] == float(mean)
    assert row["rating"] == _rate(mean, kpi)
    assert (row["periods"], row["periods_with_value"]) == (len(first_year), len(values))
    assert (row["year_start"], row["target"]) == (contract.start.isoformat(), float(kpi.target))

    latest = max(records, key=lambda m: _month_start(m.period))
    [shown] = [k for k in _get(client, f"/{contract.reference}", headers).get_json()["kpis"] if k["code"] == kpi.code]
    assert shown["latest"] == {
        "period": latest.period, "value": None if latest.value is None else float(latest.value),
        "rating": "Other" if latest.value is None else _rate(Fraction(latest.value), kpi)}
    assert (shown["target"], shown["approaching"], shown["requires_improvement"]) == (
        float(kpi.target), float(kpi.approaching), float(kpi.requires_improvement))


# ------------------------------------------------------------------- the year parameter


def _contract_years(contract: Contract) -> int:
    years = 1
    while contract.start.replace(year=contract.start.year + years) <= contract.end:
        years += 1
    return years


def test_the_year_must_be_one_of_the_contracts_years(client, contract, token_headers):
    headers = token_headers("auditor")
    last = _contract_years(contract)
    detail = f"year must be a contract year, a whole number from 1 to {last}; leave it out for every year."
    for year in ("0", str(last + 1), "-1", "1.0", "one", "", " 1", "١"):
        response = _get(client, f"/{contract.reference}/assessment", headers, year=year)
        assert response.status_code == 400, repr(year)
        assert response.get_json() == {"status": 400, "title": "Bad request", "detail": detail}
    response = _get(client, f"/{contract.reference}/assessment", headers, year=str(last))
    assert response.status_code == 200
    assert all(row["year"] == last for row in response.get_json()["assessment"])


def test_a_contract_you_may_not_see_is_404_before_the_year_is_checked(client, contract, token_headers):
    response = _get(client, f"/{contract.reference}/assessment", token_headers("evaluator"), year="nope")
    assert response.status_code == 404
