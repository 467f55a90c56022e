"""Changing a contract after creation (fields, KPIs, SLAs: audited, with their rules), promised versus delivered,
the portfolio dashboard worst first, and the annual assessment downloads (CSV, XLSX, JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.helpers import count
from workbench.contracts.promises import keeps_promise
from workbench.extensions import db
from workbench.models import AuditEvent, Contract, Kpi, Measurement, Sla

C = "/contracts/CT-2026-01"
KPI_FORM = {"title": "System availability", "unit": "percent", "direction": "higher", "period": "month",
            "target": "99.5", "approaching": "99.0", "requires_improvement": "98.0", "criterion": "CSC07",
            "promised": "99.9", "promise_note": "Our platform has run at 99.9% availability or better every month "
                                                "for the last three years."}


@pytest.fixture
def contract(demo) -> Contract:
    return db.session.execute(select(Contract)).scalar_one()


def _last_event(action: str) -> AuditEvent:
    return db.session.execute(select(AuditEvent).where(AuditEvent.scope == "contract:CT-2026-01",
                                                       AuditEvent.action == action)
                              .order_by(AuditEvent.sequence.desc())).scalars().first()


def _contract_form(contract: Contract, **changes: str) -> dict[str, str]:
    form = {"title": contract.title, "supplier": contract.supplier_name, "start": ["1", "11", "2025"],
            "end": ["31", "10", "2028"], "value": "5400000", "manager": str(contract.manager_id),
            "review_cycle": "quarterly", "service_days": "Mon-Fri", "service_from": "08:00", "service_to": "18:00"}
    form.update(changes)
    return form


def test_contract_fields_change_with_before_and_after_in_the_audit_trail(client, sign_in_as, contract):
    sign_in_as("officer")
    page = client.get(C + "/edit").get_data(as_text=True)
    assert "Change the contract details" in page and 'value="5400000"' in page
    response = client.post(C + "/edit", data=_contract_form(contract, value="5600000.50", review_cycle="monthly",
                                                            end=["31", "3", "2030"]))
    assert response.status_code == 302
    db.session.refresh(contract)
    assert contract.value == Decimal("5600000.50") and contract.review_cycle == "monthly"
    assert contract.end == dt.date(2030, 3, 31)
    event = _last_event("contract.updated")
    assert event.before == {"value": "5400000", "review_cycle": "quarterly", "end": "2028-10-31"}
    assert event.after == {"value": "5600000.50", "review_cycle": "monthly", "end": "2030-03-31"}


def test_contract_end_before_start_is_refused_on_the_field(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post(C + "/edit", data=_contract_form(contract, end=["31", "10", "2025"]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "govuk-error-summary" in page and "end date must be after" in page
    db.session.refresh(contract)
    assert contract.end == dt.date(2028, 10, 31)


def test_dates_that_leave_measurements_outside_the_contract_are_refused(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.post(C + "/edit", data=_contract_form(contract, start=["1", "7", "2026"])).get_data(as_text=True)
    # from 1 July 2026, every period ending before then falls outside: KPI1 and KPI3 2025-11 to 2026-06, KPI2
    # 2025-Q4 to 2026-Q2; 2026-Q3 (July to September) still shares days with the contract
    assert "Measurements would fall outside the contract" in page and "KPI1 2025-11" in page
    assert "KPI1 2026-06" in page and "KPI3 2026-06" in page and "KPI1 2026-07" not in page
    assert "KPI2 2025-Q4" in page and "KPI2 2026-Q2" in page and "KPI2 2026-Q3" not in page
    db.session.refresh(contract)
    assert contract.start == dt.date(2025, 11, 1)


def test_removing_service_hours_is_refused_while_an_sla_uses_them(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.post(C + "/edit", data=_contract_form(contract, service_days="")).get_data(as_text=True)
    assert "needs its service hours" in page
    db.session.refresh(contract)
    assert contract.service_hours["days"] == "Mon,Tue,Wed,Thu,Fri"


def test_changing_kpi_bands_rerates_on_read_and_is_audited(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    assert "Requires improvement" in client.get(C + "/kpis/KPI1").get_data(as_text=True)  # 2026-09: 98.4
    response = client.post(C + "/kpis/KPI1/edit", data={**KPI_FORM, "requires_improvement": "98.5"})
    assert response.status_code == 302
    page = client.get(C + "/kpis/KPI1").get_data(as_text=True)
    assert page.count("Inadequate") >= 2  # 2026-06 (97.6) and now 2026-09 (98.4 < 98.5)
    event = _last_event("kpi.updated")
    assert event.entity == "kpi:KPI1"
    assert event.before == {"requires_improvement": "98"} and event.after == {"requires_improvement": "98.5"}


def test_kpi_rules_on_change(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.post(C + "/kpis/KPI1/edit", data={**KPI_FORM, "period": "quarter"}).get_data(as_text=True)
    assert "already has measurements, so its reporting period cannot change" in page
    page = client.post(C + "/kpis/KPI1/edit", data={**KPI_FORM, "approaching": "99.9"}).get_data(as_text=True)
    assert "govuk-error-summary" in page
    page = client.post(C + "/kpis/KPI1/edit", data={**KPI_FORM, "criterion": "NOPE"}).get_data(as_text=True)
    assert "govuk-error-summary" in page  # not one of the choices
    kpi = db.session.execute(select(Kpi).where(Kpi.code == "KPI1")).scalar_one()
    assert kpi.period == "month" and kpi.approaching == Decimal("99.0")


def test_promised_versus_delivered_beside_each_other(client, sign_in_as, contract):
    sign_in_as("auditor")
    page = client.get(C).get_data(as_text=True)
    start = page.index("Promised versus delivered")
    table = page[start:page.index("</table>", start)]
    assert "Criterion CSC07 Agreeing KPIs and sharing performance data" in table
    assert "99.9 percent" in table and "99.9% availability or better" in table
    assert "99.8 percent (2026-10, Good)" in table        # the latest month: Good, yet short of the promise
    # year 1: the eleven months with a value (2026-07 is Other), 1092.3 / 11 = 99.3 (≥ 99.0, < 99.5)
    assert "99.3 percent (year 1, Approaching target)" in table
    assert table.count("Promise not kept") == 2


def test_promise_link_is_audited_and_can_be_removed(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post(C + "/kpis/KPI1/edit", data={**KPI_FORM, "criterion": "", "promised": "99.5",
                                                         "promise_note": ""})
    assert response.status_code == 302
    event = _last_event("kpi.updated")
    assert event.before["criterion"] == "CSC07" and event.after["criterion"] is None
    assert event.after["promised"] == "99.5"
    page = client.get(C).get_data(as_text=True)
    assert "Promise kept" in page and "Criterion CSC07" not in page  # 99.8 ≥ 99.5


@pytest.mark.parametrize(("direction", "promised", "measured", "kept"), [
    ("higher", "99.9", 99.9, True), ("higher", "99.9", 99.89, False),
    ("lower", "2", 2.0, True), ("lower", "2", 2.01, False), ("higher", None, 99.0, None), ("lower", "2", None, None),
])
def test_keeps_promise_boundaries(direction, promised, measured, kept):
    assert keeps_promise(direction, Decimal(promised) if promised else None, measured) is kept


def test_a_direct_contract_cannot_link_a_criterion(client, sign_in_as, contract):
    contract.procurement = None
    db.session.commit()
    sign_in_as("contract_manager")
    page = client.get(C + "/kpis/KPI2/edit").get_data(as_text=True)
    assert "created directly, not awarded from an evaluation" in page and "CSC07" not in page


def test_removing_a_kpi_keeps_the_three_kpi_duty_and_audits_the_measurements(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post(C + "/kpis/KPI3/remove", data={})
    assert response.status_code == 302 and count(Kpi) == 3
    assert "must keep at least three KPIs" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(C + "/kpis/new", data={"code": "KPI4", "title": "Failed logins", "unit": "events",
                                       "direction": "lower", "period": "month", "target": "10", "approaching": "20",
                                       "requires_improvement": "40"})
    before = count(Measurement)
    response = client.post(C + "/kpis/KPI3/remove", data={})
    assert response.status_code == 302 and count(Kpi) == 3 and count(Measurement) == before - 12
    event = _last_event("kpi.removed")
    assert event.entity == "kpi:KPI3" and len(event.before["measurements"]) == 12  # 2025-11 to 2026-10
    assert event.before["measurements"][9] == {"period": "2026-08", "value": "12", "note": "Sync queue stalled twice"}
    assert client.get(C + "/kpis/KPI3").status_code == 404


def test_changing_an_sla_remeasures_incidents(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    assert "Breached" in client.get(C).get_data(as_text=True)  # INC-006: 6h20m against 4h
    page = client.get(C + "/slas/P1/edit").get_data(as_text=True)
    assert 'value="30m"' in page and 'value="4h"' in page
    response = client.post(C + "/slas/P1/edit", data={"respond_within": "1h", "resolve_within": "8h",
                                                      "clock": "24x7"})
    assert response.status_code == 302
    report = json.loads(client.get(C + "/report.json").get_data(as_text=True))
    inc = {i["reference"]: i for i in report["incidents"]}
    assert inc["INC-006"]["resolution_minutes"] == 380 and inc["INC-006"]["resolution_met"] is True
    assert inc["INC-006"]["response_met"] is True  # 55 minutes ≤ 60
    event = _last_event("sla.updated")
    assert event.before == {"respond_within_minutes": 30, "resolve_within_minutes": 240}
    assert event.after == {"respond_within_minutes": 60, "resolve_within_minutes": 480}


def test_an_sla_in_use_cannot_be_removed_an_unused_one_can(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post(C + "/slas/P1/remove", data={})
    assert "are measured against this SLA" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(C + "/slas/new", data={"severity": "P4", "respond_within": "1d", "resolve_within": "5d",
                                       "clock": "24x7"})
    assert count(Sla) == 4
    assert client.post(C + "/slas/P4/remove", data={}).status_code == 302 and count(Sla) == 3
    assert _last_event("sla.removed").before == {"respond_within_minutes": 1440, "resolve_within_minutes": 7200,
                                                 "clock": "24x7"}


def test_portfolio_is_worst_first_with_overdue_actions_standing_out(client, sign_in_as, contract, monkeypatch):
    from workbench.contracts import oversight
    from workbench.contracts.services import create_contract, import_measurements
    from workbench.performance.contract_file import ContractSpec, KpiSpec, Manager

    # on 23 November 2026 one demo action is overdue (the second power feed, due 31 October 2026)
    monkeypatch.setattr(oversight, "utcnow", lambda: dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))

    spec = ContractSpec(reference="CT-0-AAA", title="Short breaks booking", supplier="Brook Ltd", procurement=None,
                        start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31), value=Decimal(90000),
                        manager=Manager("jo.reed@council.example", "Jo Reed"), review_cycle="quarterly",
                        service_hours=None, kpis=(KpiSpec("K1", "Bookings confirmed in a day", "percent", "higher",
                                                          "month", Decimal(95), Decimal(90), Decimal(80)),), slas=())
    other = create_contract(spec, actor="test")
    import_measurements(other, b"kpi,period,value,note\nK1,2026-05,97,\n", filename="m.csv", actor="test")
    db.session.commit()
    sign_in_as("contract_manager")
    page = client.get("/contracts").get_data(as_text=True)
    assert "1 corrective action overdue" in page and "second power feed" in page
    page = page[page.index("<table"):]
    # CT-2026-01's latest ratings are KPI1 2026-10 Good, KPI2 2026-Q3 Good and KPI3 2026-10 Approaching target;
    # CT-0-AAA is all Good: it comes second
    assert page.index("CT-2026-01</a>") < page.index("CT-0-AAA</a>") and "worst first" in page
    import_measurements(other, b"kpi,period,value,note\nK1,2026-06,70,\n", filename="m.csv", actor="test")
    db.session.commit()
    page = client.get("/contracts").get_data(as_text=True)
    page = page[page.index("<table"):]
    assert page.index("CT-0-AAA</a>") < page.index("CT-2026-01</a>")  # now Inadequate: the worst


def test_annual_assessment_page_and_downloads(client, sign_in_as, contract):
    sign_in_as("auditor")
    page = client.get(C + "/assessment").get_data(as_text=True)
    # a full contract year: KPI1 and KPI3 monthly 2025-11 to 2026-10 (KPI1 2026-07 has no value: Other), KPI2
    # quarterly 2025-Q4 (it runs into the contract, so it counts in year 1) to 2026-Q3
    assert "Year 1: 2025-11-01 to 2026-10-31" in page and "Year 2" not in page
    assert "11 of 12" in page and "4 of 4" in page and "12 of 12" in page and "99.3" in page
    csv_response = client.get(C + "/assessment.csv")
    assert csv_response.mimetype == "text/csv" and "attachment" in csv_response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.get_data(as_text=True))))
    by_kpi = {r["kpi"]: r for r in rows}
    assert set(by_kpi) == {"KPI1", "KPI2", "KPI3"} and all(r["year"] == "1" for r in rows)
    assert [(r["year_start"], r["year_end"], r["periods"], r["periods_with_value"]) for r in rows] == [
        ("2025-11-01", "2026-10-31", "12", "11"), ("2025-11-01", "2026-10-31", "4", "4"),
        ("2025-11-01", "2026-10-31", "12", "12")]
    # KPI1: (99.6 + 99.8 + 99.1 + 99.7 + 99.8 + 99.7 + 99.2 + 97.6 + 99.6 + 98.4 + 99.8) / 11 = 1092.3 / 11 = 99.3,
    # ≥ 99.0 and < 99.5: Approaching target
    assert by_kpi["KPI1"]["mean"] == "99.3" and by_kpi["KPI1"]["rating"] == "Approaching target"
    assert by_kpi["KPI1"]["promised"] == "99.9"
    # KPI2: (97.8 + 94.2 + 96.1 + 97.4) / 4 = 385.5 / 4 = 96.375, ≥ 95 and < 97: Approaching target
    assert by_kpi["KPI2"]["mean"] == "96.375" and by_kpi["KPI2"]["rating"] == "Approaching target"
    # KPI3 (lower is better): (5 + 2 + 1 + 0 + 2 + 1 + 6 + 3 + 2 + 12 + 4 + 4) / 12 = 42 / 12 = 3.5, > 2 and ≤ 5
    assert by_kpi["KPI3"]["mean"] == "3.5" and by_kpi["KPI3"]["rating"] == "Approaching target"
    book = load_workbook(io.BytesIO(client.get(C + "/assessment.xlsx").get_data()))
    assert book.sheetnames == ["Assessment", "Periods", "Incidents"]
    sheet = book["Assessment"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert first["kpi"] == "KPI1" and first["mean"] == pytest.approx(99.3, abs=1e-12)
    assert book["Periods"].max_row == 1 + 12 + 4 + 12 and book["Incidents"].max_row == 1 + 9
    report = json.loads(client.get(C + "/report.json").get_data(as_text=True))
    assert report["reference"] == "CT-2026-01" and [k["code"] for k in report["kpis"]] == ["KPI1", "KPI2", "KPI3"]


def test_assessment_exports_neutralise_formulas(client, sign_in_as, contract):
    kpi = db.session.execute(select(Kpi).where(Kpi.code == "KPI1")).scalar_one()
    kpi.title = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    sign_in_as("officer")
    text = client.get(C + "/assessment.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
    book = load_workbook(io.BytesIO(client.get(C + "/assessment.xlsx").get_data()))
    cell = book["Assessment"]["C2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.fixture
def _fresh_limits(app):
    from workbench.extensions import limiter

    limiter.reset()
    yield
    limiter.reset()


@pytest.mark.usefixtures("_fresh_limits")
def test_a_young_persons_code_sees_no_contract(client, contract):
    from datetime import timedelta

    from workbench.models import Procurement
    from workbench.models.base import utcnow
    from workbench.youth.sessions import create_session

    procurement = db.session.execute(select(Procurement)).scalars().first()
    _, printed = create_session(procurement, title="Contract check", closes_at=utcnow() + timedelta(days=1), codes=1,
                                actor="test")
    db.session.commit()
    assert client.post("/young-people", data={"code": printed[0].code}).status_code == 302
    assert client.get("/young-people/start").status_code == 200  # signed in with the code
    for path in ("/contracts", C, C + "/assessment", C + "/assessment.csv", C + "/report.json", C + "/kpis/KPI1"):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
        if response.status_code == 302:  # to the staff sign-in: a code is not a staff account
            assert "/sign-in" in response.headers["Location"], path
        else:
            assert "System availability" not in response.get_data(as_text=True), path
