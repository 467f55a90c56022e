"""The contract pages through the test client on the demo: who sees what, entering and uploading data with the
same rules as the command line, the £5m three-KPI rule, award of a finalised procurement, the trend chart."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests.helpers import count, make_user, sign_in
from workbench.extensions import db
from workbench.models import AuditEvent, Contract, ContractStatus, Incident, Measurement, Role, Status


@pytest.fixture
def contract(demo) -> Contract:
    return db.session.execute(select(Contract)).scalar_one()


def test_demo_contract_is_live_for_its_manager(client, sign_in_as, contract):
    assert contract.status is ContractStatus.LIVE and contract.manager.email == "jo.reed@council.example"
    sign_in_as("contract_manager")
    page = client.get("/contracts").get_data(as_text=True)
    assert "CT-2026-01" in page and "Your contracts" in page
    detail = client.get("/contracts/CT-2026-01").get_data(as_text=True)
    # latest ratings in words, with a coloured tag as a second cue
    assert "2026-10" in detail and "govuk-tag--green" in detail and "Good" in detail
    assert "Approaching target" in detail  # KPI3 2026-10: 4 events against a target of 2
    assert "1</strong> open incident" in detail and "breaching an SLA" in detail


def test_other_contract_managers_see_nothing(client, demo, contract):
    make_user("other.cm@council.example", Role.CONTRACT_MANAGER)
    sign_in(client, "other.cm@council.example")
    assert "CT-2026-01" not in client.get("/contracts").get_data(as_text=True)
    assert client.get("/contracts/CT-2026-01").status_code == 404
    assert client.get("/contracts/CT-2026-01/kpis/KPI1/chart.png").status_code == 404


def test_record_a_measurement_and_see_its_rating(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post("/contracts/CT-2026-01/measurements/new",
                           data={"kpi": "KPI1", "period": "2026-11", "value": "98.5", "note": ""})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2026-11" in page and "98.5" in page and "Requires improvement" in page
    event = db.session.execute(select(AuditEvent).where(AuditEvent.scope == "contract:CT-2026-01")
                               .order_by(AuditEvent.sequence.desc())).scalars().first()
    assert event.action == "measurements.recorded" and event.actor_label == "jo.reed@council.example"


def test_a_bad_measurement_is_refused_with_the_reason_on_the_field(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    before = count(Measurement)
    response = client.post("/contracts/CT-2026-01/measurements/new",
                           data={"kpi": "KPI1", "period": "2030-01", "value": "", "note": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "outside the contract" in page and "note must say why" in page
    assert "govuk-error-summary" in page and count(Measurement) == before


def test_upload_is_all_or_nothing(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    before = count(Measurement)
    bad = b"kpi,period,value,note\nKPI1,2026-11,99.9,\nKPI9,2026-11,1,\n"
    response = client.post("/contracts/CT-2026-01/measurements/import",
                           data={"upload": (io.BytesIO(bad), "m.csv")}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Nothing was imported" in page and "row 3, column &#39;kpi&#39;" in page
    assert count(Measurement) == before
    good = b"kpi,period,value,note\nKPI1,2026-11,99.9,\n"
    response = client.post("/contracts/CT-2026-01/measurements/import",
                           data={"upload": (io.BytesIO(good), "m.csv")}, content_type="multipart/form-data")
    assert response.status_code == 302 and count(Measurement) == before + 1


def test_log_and_edit_an_incident_in_uk_time(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post("/contracts/CT-2026-01/incidents/new", data={
        "reference": "INC-100", "severity": "P1", "reported": "2026-11-02 10:00", "responded": "",
        "resolved": "", "description": "Login failing", "affected_service": "Case recording", "safeguarding": "y"})
    assert response.status_code == 302
    incident = db.session.execute(select(Incident).where(Incident.reference == "INC-100")).scalar_one()
    assert incident.reported.isoformat() == "2026-11-02T10:00:00+00:00" and incident.safeguarding
    # 10:00 BST in October is 09:00 UTC; resolved before reported is refused
    edit = f"/contracts/CT-2026-01/incidents/{incident.id}/edit"
    response = client.post(edit, data={"severity": "P1", "reported": "2026-11-02 10:00",
                                       "responded": "2026-11-02 10:20", "resolved": "2026-11-02 09:00"})
    assert "before the incident was reported" in response.get_data(as_text=True)
    response = client.post(edit, data={"severity": "P1", "reported": "2026-10-02 10:00",
                                       "responded": "2026-10-02 10:20", "resolved": "2026-10-02 13:00",
                                       "affected_service": "Case recording"})
    assert response.status_code == 302
    db.session.expire_all()
    incident = db.session.get(Incident, incident.id)
    assert incident.reported.isoformat() == "2026-10-02T09:00:00+00:00" and not incident.safeguarding
    detail = client.get("/contracts/CT-2026-01").get_data(as_text=True)
    row = detail[detail.index("INC-100 (P1)"):]
    row = row[:row.index("</tr>")]  # the demo's INC-008 also took 20 minutes: look at INC-100's own row
    assert "2026-10-02 10:00 BST" in row and "20 min" in row and "180 min" in row


def test_auditors_read_but_do_not_change(client, sign_in_as, contract):
    sign_in_as("auditor")
    assert client.get("/contracts/CT-2026-01").status_code == 200
    assert "Record a measurement" not in client.get("/contracts/CT-2026-01").get_data(as_text=True)
    assert client.post("/contracts/CT-2026-01/measurements/new",
                       data={"kpi": "KPI1", "period": "2026-11", "value": "1"}).status_code == 403


def _create(client, reference: str, value: str) -> None:
    manager = db.session.execute(select(Contract)).scalars().first().manager_id
    response = client.post("/contracts/new", data={
        "reference": reference, "title": "Direct contract", "supplier": "Beacon Ltd", "start": ["1", "4", "2026"],
        "end": ["31", "3", "2028"], "value": value, "manager": str(manager), "review_cycle": "quarterly",
        "service_days": "Mon-Fri", "service_from": "08:00", "service_to": "18:00"})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_over_five_million_needs_three_kpis_to_go_live(client, sign_in_as, contract):
    sign_in_as("officer")
    _create(client, "CT-BIG", "5000000.01")
    page = client.get("/contracts/CT-BIG").get_data(as_text=True)
    assert "needs at least three KPIs before it can go live; it has 0" in page
    client.post("/contracts/CT-BIG/status", data={"status": "live"})
    assert db.session.execute(select(Contract.status).where(Contract.reference == "CT-BIG")).scalar_one() \
        is ContractStatus.DRAFT
    for code in ("A", "B", "C"):
        response = client.post("/contracts/CT-BIG/kpis/new", data={
            "code": code, "title": f"KPI {code}", "unit": "percent", "direction": "higher", "period": "month",
            "target": "99", "approaching": "98", "requires_improvement": "95"})
        assert response.status_code == 302
    client.post("/contracts/CT-BIG/status", data={"status": "live"})
    assert db.session.execute(select(Contract.status).where(Contract.reference == "CT-BIG")).scalar_one() \
        is ContractStatus.LIVE


def test_exactly_five_million_goes_live_without_kpis(client, sign_in_as, contract):
    sign_in_as("officer")
    _create(client, "CT-FIVE", "5000000")
    client.post("/contracts/CT-FIVE/status", data={"status": "live"})
    assert db.session.execute(select(Contract.status).where(Contract.reference == "CT-FIVE")).scalar_one() \
        is ContractStatus.LIVE


def test_kpi_bands_in_the_wrong_order_are_refused(client, sign_in_as, contract):
    sign_in_as("officer")
    response = client.post("/contracts/CT-2026-01/kpis/new", data={
        "code": "KPI9", "title": "Wrong", "unit": "percent", "direction": "higher", "period": "month",
        "target": "90", "approaching": "95", "requires_improvement": "80"})
    assert response.status_code == 200 and "govuk-error-summary" in response.get_data(as_text=True)


def test_award_a_finalised_procurement(client, sign_in_as, contract, demo):
    procurement = demo["procurement"]
    sign_in_as("officer")
    assert "results are finalised" in client.get(f"/procurements/{procurement.reference}/award").get_data(
        as_text=True)
    procurement.status = Status.FINALISED
    db.session.commit()
    supplier = procurement.suppliers[1]
    response = client.post(f"/procurements/{procurement.reference}/award", data={
        "reference": "CT-AWARD", "title": "Awarded", "supplier": str(supplier.id), "start": ["1", "1", "2027"],
        "end": ["31", "12", "2029"], "value": "100000", "manager": str(contract.manager_id),
        "review_cycle": "annual", "service_days": ""})
    assert response.status_code == 302
    awarded = db.session.execute(select(Contract).where(Contract.reference == "CT-AWARD")).scalar_one()
    assert awarded.procurement_id == procurement.id and awarded.supplier_name == supplier.name
    assert awarded.service_hours is None


def test_contract_file_upload(client, sign_in_as, contract):
    from workbench.config import REPO_ROOT

    sign_in_as("officer")
    text = (REPO_ROOT / "examples/contracts/ct-2026-01.yaml").read_text().replace("CT-2026-01", "CT-UPLOADED")
    response = client.post("/contracts/import", data={"upload": (io.BytesIO(text.encode()), "c.yaml")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    bad = text.replace("CT-UPLOADED", "CT-BAD").replace("period: quarter", "period: fortnight")
    response = client.post("/contracts/import", data={"upload": (io.BytesIO(bad.encode()), "c.yaml")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Nothing was imported" in page and "c.yaml:" in page and count(Contract) == 2


def test_kpi_page_chart_and_text_alternative(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.get("/contracts/CT-2026-01/kpis/KPI1").get_data(as_text=True)
    assert 'alt="Trend of KPI1 System availability' in page and "<caption" in page
    assert "Year 1 (2025-11-01 to 2026-10-31)" in page
    chart = client.get("/contracts/CT-2026-01/kpis/KPI1/chart.png")
    assert chart.status_code == 200 and chart.mimetype == "image/png" and chart.data.startswith(b"\x89PNG")


def test_the_contract_page_shows_its_service_hours(client, sign_in_as, contract):
    sign_in_as("auditor")
    page = client.get("/contracts/CT-2026-01").get_data(as_text=True)
    row = page[page.index("Service hours"):]
    row = row[:row.index("</div>", row.index("govuk-summary-list__value"))]
    assert "Mon, Tue, Wed, Thu, Fri 08:00–18:00, except england-and-wales bank holidays" in row
    contract.service_hours = None
    for sla in contract.slas:  # without service hours every SLA runs on the 24x7 clock
        sla.clock = "24x7"
    db.session.commit()
    page = client.get("/contracts/CT-2026-01").get_data(as_text=True)
    assert "None: every SLA runs 24 hours a day" in page


def test_the_import_pages_show_their_example_and_rules(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.get("/contracts/CT-2026-01/measurements/import").get_data(as_text=True)
    assert "<title>Import measurements – CT-2026-01" in page
    assert '<h1 class="govuk-heading-l">Import measurements</h1>' in page
    assert "kpi,period,value,note\nKPI1,2026-04,99.7," in page and "the period is then rated Other" in page
    assert "If anything is wrong, nothing is imported." in page and 'accept=".csv,.xlsx"' in page
    page = client.get("/contracts/CT-2026-01/incidents/import").get_data(as_text=True)
    assert "<title>Import incidents – CT-2026-01" in page
    assert '<h1 class="govuk-heading-l">Import incidents</h1>' in page
    assert "INC-001,P1,2026-05-14 09:05" in page and "Leave responded and resolved empty" in page
    assert "If anything is wrong, nothing is imported." in page and "rated Other" not in page


def _statements(action) -> int:
    from sqlalchemy import event

    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return len(seen)


def test_imports_read_the_existing_rows_once_not_per_row(contract):
    from workbench.contracts.services import import_incidents, import_measurements

    def measurements(months: range) -> bytes:
        return ("kpi,period,value,note\n" + "".join(f"KPI1,2026-{m:02d},99.{m},\n" for m in months)).encode()

    def incidents(numbers: range) -> bytes:
        return ("reference,severity,reported,responded,resolved,description\n"
                + "".join(f"INC-{n:03d},P1,2026-09-{n:02d} 10:00,,,\n" for n in numbers)).encode()

    # half of each file replaces rows the demo recorded (KPI1 to 2026-10, INC-001 to INC-009), half adds new ones
    selects = []
    for months, numbers in ((range(10, 12), range(9, 11)), (range(7, 13), range(7, 13))):
        db.session.expire_all()
        found = db.session.get(Contract, contract.id)
        m_file, i_file = measurements(months), incidents(numbers)
        selects.append(_statements(lambda found=found, m_file=m_file, i_file=i_file: (
            import_measurements(found, m_file, filename="m.csv", actor="test"),
            import_incidents(found, i_file, filename="i.csv", actor="test"))))
        db.session.commit()
    assert selects[0] == selects[1], selects
    # the demo's 12 + 4 + 12 measurements and 9 incidents, and the new KPI1 2026-11 and 2026-12, INC-010 to 012
    assert count(Measurement) == 12 + 4 + 12 + 2 and count(Incident) == 9 + 3
    events = db.session.execute(select(AuditEvent).where(AuditEvent.scope == "contract:CT-2026-01")
                                .order_by(AuditEvent.sequence.desc()).limit(2)).scalars().all()
    incidents_event, measurements_event = events
    assert [("before" in c, c["period"]) for c in measurements_event.after["measurements"]] == [
        (True, "2026-07"), (True, "2026-08"), (True, "2026-09"), (True, "2026-10"), (True, "2026-11"),
        (False, "2026-12")]
    assert [("before" in c, c["reference"]) for c in incidents_event.after["incidents"]] == [
        (True, "INC-007"), (True, "INC-008"), (True, "INC-009"), (True, "INC-010"), (False, "INC-011"),
        (False, "INC-012")]
    assert incidents_event.after["incidents"][5]["affected_service"] == ""
    assert incidents_event.after["incidents"][5]["safeguarding"] is False
