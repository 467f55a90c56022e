"""The contract commands against figures worked by hand (design.md, "Contract performance"): every rating
boundary in both directions, Other, yearly means per contract year, incidents across both 2026 clock changes,
a weekend and the 2026 Christmas substitute bank holiday on both clocks; bad files change nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import count
from workbench.models import AuditEvent, Contract, Incident, Measurement, Role, User

CONTRACT = """\
reference: CT-WORKED
title: Worked example
supplier: Ashdown Case Systems
start: 2026-01-01
end: 2028-12-31
value: 6000000
manager: {email: cm@council.example, name: Casey Manager}
review_cycle: quarterly
service_hours: {days: Mon-Fri, from: "08:00", to: "18:00", bank_holidays: england-and-wales}
kpis:
  - {code: UP, title: Availability, unit: percent, direction: higher, period: month,
     target: 99.5, approaching: 99.0, requires_improvement: 98.0}
  - {code: FIX, title: P1 fix time, unit: hours, direction: lower, period: month,
     target: 4, approaching: 6, requires_improvement: 8}
  - {code: CALLS, title: Calls answered, unit: percent, direction: higher, period: quarter,
     target: 97, approaching: 95, requires_improvement: 90}
slas:
  - {severity: P1, respond_within: 30m, resolve_within: 4h, clock: 24x7}
  - {severity: P3, respond_within: 4h, resolve_within: 16h, clock: service_hours}
"""

MEASUREMENTS = """\
kpi,period,value,note
UP,2026-01,99.5,
UP,2026-02,99.49,
UP,2026-03,99.0,
UP,2026-04,98.99,
UP,2026-05,98.0,
UP,2026-06,97.99,
UP,2026-07,,Supplier's monitoring was down
UP,2027-01,99.7,
FIX,2026-01,4,
FIX,2026-02,4.01,
FIX,2026-03,6,
FIX,2026-04,6.01,
FIX,2026-05,8,
FIX,2026-06,8.01,
CALLS,2026-Q1,97,
CALLS,2026-Q2,,Not applicable: no calls in the quarter
"""

# Naive times are UK local time; the one in the autumn fall-back hour carries its offset.
INCIDENTS = """\
reference,severity,reported,responded,resolved,description
SPRING-24,P1,2026-03-29 00:30,2026-03-29 02:15,2026-03-29 04:00,Across the spring clock change
AUTUMN-24,P1,2026-10-25 00:30,2026-10-25T01:30+00:00,2026-10-25 03:00,Across the autumn clock change
WEEKEND-SH,P3,2026-06-05 17:00,2026-06-08 09:30,2026-06-09 10:00,Over a weekend
XMAS-SH,P3,2026-12-24 16:00,2026-12-29 09:00,2026-12-30 08:30,Over Christmas and the substitute day
XMAS-24,P1,2026-12-24 16:00,2026-12-24 16:20,2026-12-29 09:00,Over Christmas on the 24x7 clock
SPRING-SH,P3,2026-03-27 17:30,2026-03-30 08:45,2026-03-31 17:00,Service hours across the spring change
AUTUMN-SH,P3,2026-10-23 17:00,2026-10-26 08:10,,Service hours across the autumn change; still open
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"contract.yaml": CONTRACT, "m.csv": MEASUREMENTS, "i.csv": INCIDENTS}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths[name] = tmp_path / name
    return paths


def invoke(runner, *args: str | Path):
    return runner.invoke(args=[str(a) for a in args])


@pytest.fixture
def loaded(runner, files):
    result = invoke(runner, "contract", "import", files["contract.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "CT-WORKED"
    for group, name in (("measurements", "m.csv"), ("incidents", "i.csv")):
        result = invoke(runner, group, "import", "CT-WORKED", files[name])
        assert result.exit_code == 0, result.output
    return files


def report(runner) -> dict:
    result = invoke(runner, "contract", "report", "CT-WORKED", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_creates_the_contract_and_its_manager(runner, files):
    result = invoke(runner, "contract", "import", files["contract.yaml"])
    assert result.exit_code == 0, result.output
    from workbench.extensions import db

    contract = db.session.query(Contract).one()
    assert contract.reference == "CT-WORKED" and contract.status.value == "draft"
    assert [k.code for k in contract.kpis] == ["UP", "FIX", "CALLS"]
    assert contract.manager.email == "cm@council.example" and contract.manager.role is Role.CONTRACT_MANAGER
    assert contract.service_hours == {"days": "Mon,Tue,Wed,Thu,Fri", "from": "08:00", "to": "18:00",
                                      "bank_holidays": "england-and-wales"}
    again = invoke(runner, "contract", "import", files["contract.yaml"])
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert count(Contract) == 1 and count(User) == 1


def test_every_rating_boundary_both_directions_and_other(runner, loaded):
    kpis = {k["code"]: k for k in report(runner)["kpis"]}
    up = [(p["period"], p["value"], p["rating"]) for p in kpis["UP"]["periods"]]
    assert up == [
        ("2026-01", 99.5, "Good"), ("2026-02", 99.49, "Approaching target"), ("2026-03", 99.0, "Approaching target"),
        ("2026-04", 98.99, "Requires improvement"), ("2026-05", 98.0, "Requires improvement"),
        ("2026-06", 97.99, "Inadequate"), ("2026-07", None, "Other"), ("2027-01", 99.7, "Good")]
    fix = [(p["value"], p["rating"]) for p in kpis["FIX"]["periods"]]
    assert fix == [(4, "Good"), (4.01, "Approaching target"), (6, "Approaching target"),
                   (6.01, "Requires improvement"), (8, "Requires improvement"), (8.01, "Inadequate")]
    calls = [(p["period"], p["value"], p["rating"]) for p in kpis["CALLS"]["periods"]]
    assert calls == [("2026-Q1", 97, "Good"), ("2026-Q2", None, "Other")]


def test_yearly_means_per_contract_year(runner, loaded):
    kpis = {k["code"]: k for k in report(runner)["kpis"]}
    # Year 1 of UP: (99.5 + 99.49 + 99.0 + 98.99 + 98.0 + 97.99) / 6 = 592.97 / 6 = 98.828333…; the Other
    # month has no value and is left out of the mean. Year 2: 99.7 alone.
    years = kpis["UP"]["years"]
    assert [(y["year"], y["start"], y["end"], y["rating"]) for y in years] == [
        (1, "2026-01-01", "2026-12-31", "Requires improvement"), (2, "2027-01-01", "2027-12-31", "Good")]
    assert years[0]["mean"] == pytest.approx(592.97 / 6, abs=1e-12) and years[1]["mean"] == 99.7
    # FIX: (4 + 4.01 + 6 + 6.01 + 8 + 8.01) / 6 = 36.03 / 6 = 6.005 → Requires improvement (lower is better)
    fix_year = kpis["FIX"]["years"][0]
    assert fix_year["mean"] == pytest.approx(6.005, abs=1e-12) and fix_year["rating"] == "Requires improvement"
    # CALLS: one quarter with a value (97) and one Other → mean 97, Good
    assert [(y["mean"], y["rating"]) for y in kpis["CALLS"]["years"]] == [(97, "Good")]


def test_incident_sla_minutes_across_clock_changes_weekend_and_christmas(runner, loaded):
    rows = {i["reference"]: i for i in report(runner)["incidents"]}

    def minutes(ref: str) -> tuple:
        row = rows[ref]
        return row["response_minutes"], row["response_met"], row["resolution_minutes"], row["resolution_met"]

    # 00:30 GMT → 02:15 BST is 01:15 UTC: 45 real minutes (not 105); resolved 04:00 BST = 03:00 UTC: 150.
    assert minutes("SPRING-24") == (45, False, 150, True)
    # 00:30 BST (23:30 UTC the day before) → 01:30 UTC: 120; → 03:00 GMT: 210 (not 150).
    assert minutes("AUTUMN-24") == (120, False, 210, True)
    # Fri 17:00–18:00 (60) + Mon 08:00–09:30 (90) = 150; resolution 60 + Mon 600 + Tue 08:00–10:00 120 = 780.
    assert minutes("WEEKEND-SH") == (150, True, 780, True)
    # Thu 24 Dec 16:00–18:00 (120); Fri 25 Christmas, weekend, Mon 28 the substitute Boxing Day; Tue 29
    # 08:00–09:00 (60) → 180. Resolution: 120 + Tue 29 (600) + Wed 30 08:00–08:30 (30) = 750.
    assert minutes("XMAS-SH") == (180, True, 750, True)
    # The same on 24x7: 20 minutes; 24 Dec 16:00 → 29 Dec 09:00 (all GMT) = 4 days 17 hours = 6780.
    assert minutes("XMAS-24") == (20, True, 6780, False)
    # Fri 27 Mar 17:30–18:00 GMT (30) + Mon 30 Mar 08:00–08:45 BST (45) = 75; resolution 30 + 600 + 540 = 1170.
    assert minutes("SPRING-SH") == (75, True, 1170, False)
    # Fri 23 Oct 17:00–18:00 BST (60) + Mon 26 Oct 08:00–08:10 GMT (10) = 70; still open and far past 16h.
    assert minutes("AUTUMN-SH") == (70, True, None, False)
    assert rows["AUTUMN-SH"]["resolution_breached_open"] is True


def test_report_json_has_the_design_shape(runner, loaded):
    data = report(runner)
    assert data["reference"] == "CT-WORKED"
    assert {"code", "periods", "years"} <= data["kpis"][0].keys()
    assert {"period", "value", "rating"} <= data["kpis"][0]["periods"][0].keys()
    assert {"year", "mean", "rating"} <= data["kpis"][0]["years"][0].keys()
    assert {"reference", "severity", "response_minutes", "resolution_minutes", "response_met",
            "resolution_met"} <= data["incidents"][0].keys()
    # sorted by reported time: the spring service-hours incident (27 Mar) comes first
    assert data["incidents"][0]["reference"] == "SPRING-SH"


def test_text_report(runner, loaded):
    result = invoke(runner, "contract", "report", "CT-WORKED")
    assert result.exit_code == 0
    assert re.search(r"^  2026-06 +97\.99  Inadequate$", result.stdout, re.MULTILINE)
    assert "Year 1 (2026-01-01 to 2026-12-31)" in result.stdout
    assert "XMAS-24" in result.stdout and "BREACHED" in result.stdout


def test_reimport_updates_a_period_and_an_incident(runner, loaded, tmp_path):
    (tmp_path / "fix.csv").write_text("kpi,period,value,note\nUP,2026-06,99.6,Corrected by the supplier\n")
    assert invoke(runner, "measurements", "import", "CT-WORKED", tmp_path / "fix.csv").exit_code == 0
    (tmp_path / "inc.csv").write_text("reference,severity,reported,responded,resolved,description\n"
                                      "AUTUMN-SH,P3,2026-10-23 17:00,2026-10-26 08:10,2026-10-26 09:00,Closed\n")
    assert invoke(runner, "incidents", "import", "CT-WORKED", tmp_path / "inc.csv").exit_code == 0
    assert count(Measurement) == 16 and count(Incident) == 7
    data = report(runner)
    june = next(p for p in data["kpis"][0]["periods"] if p["period"] == "2026-06")
    assert (june["value"], june["rating"]) == (99.6, "Good")
    autumn = next(i for i in data["incidents"] if i["reference"] == "AUTUMN-SH")
    assert (autumn["resolution_minutes"], autumn["resolution_met"]) == (60 + 60, True)


BAD_MEASUREMENTS = [
    ("UP,2026-08,99.9,\nSPEED,2026-08,1,\n", "row 3, column 'kpi'", "Unknown KPI 'SPEED'"),
    ("UP,2029-01,99.9,\n", "row 2, column 'period'", "outside the contract"),
    ("UP,2026-09,,\n", "row 2, column 'value'", "note must say why"),
    ("UP,2026-09,99.9%,\n", "row 2, column 'value'", "not a number"),
]

BAD_INCIDENTS = [
    ("NEW-1,P1,2026-08-01 10:00,,,ok\nNEW-2,P9,2026-08-01 10:00,,,\n", "row 3, column 'severity'",
     "Unknown severity 'P9'"),
    ("NEW-1,P1,2026-03-29 01:30,,,\n", "row 2, column 'reported'", "does not exist"),
    ("NEW-1,P1,2026-10-25 01:30,,,\n", "row 2, column 'reported'", "ambiguous"),
    ("NEW-1,P1,2026-08-01 10:00,,2026-08-01 09:00,\n", "row 2, column 'resolved'", "before the incident"),
]


def _snapshot() -> tuple[int, int, int]:
    return count(Measurement), count(Incident), count(AuditEvent)


@pytest.mark.parametrize(("rows", "where", "message"), BAD_MEASUREMENTS)
def test_bad_measurements_change_nothing(runner, loaded, tmp_path, rows, where, message):
    (tmp_path / "bad.csv").write_text("kpi,period,value,note\n" + rows)
    before = _snapshot()
    result = invoke(runner, "measurements", "import", "CT-WORKED", tmp_path / "bad.csv")
    assert result.exit_code == 1
    assert where in result.stderr and message in result.stderr, result.stderr
    assert _snapshot() == before


@pytest.mark.parametrize(("rows", "where", "message"), BAD_INCIDENTS)
def test_bad_incidents_change_nothing(runner, loaded, tmp_path, rows, where, message):
    (tmp_path / "bad.csv").write_text("reference,severity,reported,responded,resolved,description\n" + rows)
    before = _snapshot()
    result = invoke(runner, "incidents", "import", "CT-WORKED", tmp_path / "bad.csv")
    assert result.exit_code == 1
    assert where in result.stderr and message in result.stderr, result.stderr
    assert _snapshot() == before


def test_every_problem_is_listed(runner, loaded, tmp_path):
    (tmp_path / "bad.csv").write_text("kpi,period,value,note\nNOPE,2026-08,1,\nUP,2030-01,1,\nUP,2026-08,x,\n")
    result = invoke(runner, "measurements", "import", "CT-WORKED", tmp_path / "bad.csv")
    assert result.exit_code == 1
    assert [line.split(": ")[2] for line in result.stderr.strip().splitlines()] == [
        "row 2, column 'kpi'", "row 3, column 'period'", "row 4, column 'value'"]


def test_xlsx_measurements(runner, loaded, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["kpi", "period", "value", "note"])
    sheet.append(["UP", "2026-08", 99.8, None])
    book.save(tmp_path / "m.xlsx")
    result = invoke(runner, "measurements", "import", "CT-WORKED", tmp_path / "m.xlsx")
    assert result.exit_code == 0, result.output
    august = next(p for p in report(runner)["kpis"][0]["periods"] if p["period"] == "2026-08")
    assert (august["value"], august["rating"]) == (99.8, "Good")


def test_unknown_contract(runner, files):
    result = invoke(runner, "measurements", "import", "CT-NOPE", files["m.csv"])
    assert result.exit_code == 1 and "no contract with reference CT-NOPE" in result.stderr


def test_contract_file_problems_name_the_line(runner, tmp_path):
    (tmp_path / "bad.yaml").write_text(CONTRACT.replace("direction: lower", "direction: sideways"))
    result = invoke(runner, "contract", "import", tmp_path / "bad.yaml")
    assert result.exit_code == 1 and "bad.yaml:" in result.stderr and "direction" in result.stderr
    assert count(Contract) == 0


def test_assessment_export_from_the_command_line(runner, loaded, tmp_path):
    import csv as csv_module

    from openpyxl import load_workbook

    out = tmp_path / "assessment.csv"
    result = invoke(runner, "contract", "assessment", "CT-WORKED", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv_module.DictReader(handle))
    up = [(r["year"], r["mean"], r["rating"]) for r in rows if r["kpi"] == "UP"]
    assert up == [("1", repr(592.97 / 6), "Requires improvement"), ("2", "99.7", "Good")]
    xlsx = tmp_path / "assessment.xlsx"
    assert invoke(runner, "contract", "assessment", "CT-WORKED", "--format", "xlsx", "-o", xlsx).exit_code == 0
    sheet = load_workbook(xlsx)["Assessment"]
    assert [c.value for c in sheet[1]][:3] == ["contract", "kpi", "title"] and sheet.max_row == 1 + len(rows)
    missing = invoke(runner, "contract", "assessment", "NOPE", "--format", "csv", "-o", out)
    assert missing.exit_code != 0


def test_the_readme_example_files_import_and_report(runner):
    """README "Contract performance monitoring": the example contract (also the demo's) and its files, worked by
    hand: contract year 1 (1 November 2025 to 31 October 2026) in full, and every incident's SLA minutes."""
    from workbench.config import REPO_ROOT

    examples = REPO_ROOT / "examples" / "contracts"
    assert invoke(runner, "contract", "import", examples / "ct-2026-01.yaml").stdout.strip() == "CT-2026-01"
    for group, name in (("measurements", "measurements.csv"), ("incidents", "incidents.csv")):
        result = invoke(runner, group, "import", "CT-2026-01", examples / name)
        assert result.exit_code == 0, result.output
    result = invoke(runner, "contract", "report", "CT-2026-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    kpis = {k["code"]: k for k in data["kpis"]}
    months = [f"2025-{m}" for m in ("11", "12")] + [f"2026-{m:02d}" for m in range(1, 11)]
    assert [p["period"] for p in kpis["KPI1"]["periods"]] == months == [p["period"] for p in kpis["KPI3"]["periods"]]
    # 2025-Q4 starts before the contract (1 November) but runs into it: accepted, and counted in year 1
    assert [p["period"] for p in kpis["KPI2"]["periods"]] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    # KPI1 (99.5 / 99.0 / 98.0, higher): 2026-07 has no value, so it is Other and left out of the mean;
    # (99.6 + 99.8 + 99.1 + 99.7 + 99.8 + 99.7 + 99.2 + 97.6 + 99.6 + 98.4 + 99.8) / 11 = 1092.3 / 11 = 99.3
    assert [p["rating"] for p in kpis["KPI1"]["periods"]] == [
        "Good", "Good", "Approaching target", "Good", "Good", "Good", "Approaching target", "Inadequate", "Other",
        "Good", "Requires improvement", "Good"]
    # KPI2 (97 / 95 / 90, higher): (97.8 + 94.2 + 96.1 + 97.4) / 4 = 385.5 / 4 = 96.375
    assert [p["rating"] for p in kpis["KPI2"]["periods"]] == [
        "Good", "Requires improvement", "Approaching target", "Good"]
    # KPI3 (2 / 5 / 10, lower): 5 is Approaching (≤ 5), 12 Inadequate (> 10); 42 / 12 = 3.5
    assert [p["rating"] for p in kpis["KPI3"]["periods"]] == [
        "Approaching target", "Good", "Good", "Good", "Good", "Good", "Requires improvement", "Approaching target",
        "Good", "Inadequate", "Approaching target", "Approaching target"]
    assert [[(y["year"], y["start"], y["end"], y["mean"], y["rating"]) for y in kpis[c]["years"]]
            for c in ("KPI1", "KPI2", "KPI3")] == [
        [(1, "2025-11-01", "2026-10-31", 99.3, "Approaching target")],
        [(1, "2025-11-01", "2026-10-31", 96.375, "Approaching target")],
        [(1, "2025-11-01", "2026-10-31", 3.5, "Approaching target")]]
    rows = {i["reference"]: (i["response_minutes"], i["response_met"], i["resolution_minutes"], i["resolution_met"])
            for i in data["incidents"]}
    assert rows == {
        # P2, 24x7 (1h / 8h): 10:15 → 10:50 is 35; → 15:05 is 4h50 = 290
        "INC-001": (35, True, 290, True),
        # P3, service hours (4h / 16h): Wed 24 Dec 16:30–18:00 (90); Thu 25 and Fri 26 are bank holidays, then the
        # weekend; Mon 29 08:00–09:15 (75) → 165. Resolution: 90 + Mon 08:00–16:00 (480) = 570
        "INC-002": (165, True, 570, True),
        # P1, 24x7 (30m / 4h), the night the clocks went forward: 00:40 GMT → 02:05 BST (01:05 UTC) is 25 real
        # minutes, not 85; → 04:20 BST (03:20 UTC) is 160, not 220
        "INC-003": (25, True, 160, True),
        "INC-004": (15, True, 215, True),      # 09:05 → 09:20; → 12:40
        # Fri 17:00–18:00 (60) + Mon 08:00–09:30 (90) = 150; 60 + Mon 600 + Tue 08:00–10:00 (120) = 780
        "INC-005": (150, True, 780, True),
        "INC-006": (55, False, 380, False),    # 02:10 → 03:05 (55 > 30); → 08:30 is 6h20 = 380 > 240
        # Fri 28 Aug 17:15–18:00 (45); the weekend and Mon 31 Aug (bank holiday); Tue 08:00–08:30 (30) → 75.
        # Resolution: 45 + Tue 08:00–15:00 (420) = 465
        "INC-007": (75, True, 465, True),
        # P2, 24x7, the night the clocks went back: 00:50 BST (23:50 UTC) → 01:10+01:00, the first 01:10 (00:10
        # UTC), is 20; → 06:30 GMT (06:30 UTC) is 6h40 = 400, not the 5h40 the wall clock shows
        "INC-008": (20, True, 400, True),
        "INC-009": (40, True, None, False),    # 11:00 → 11:40; still open and long past its 8 hours
    }


@pytest.mark.parametrize(("role", "active", "why"), [
    (Role.EVALUATOR, True, "has the role Evaluator"), (Role.CONTRACT_MANAGER, False, "is deactivated")])
def test_a_manager_who_could_never_see_the_contract_is_refused(runner, files, role, active, why):
    from tests.helpers import make_user
    from workbench.extensions import db

    person = make_user("cm@council.example", role)
    person.active = active
    db.session.commit()
    result = invoke(runner, "contract", "import", files["contract.yaml"])
    assert result.exit_code == 1 and count(Contract) == 0
    assert f"manager.email: The account cm@council.example {why}, so it could never see this contract; name an " \
           f"active contract manager" in result.stderr
    person.role, person.active = Role.CONTRACT_MANAGER, True
    db.session.commit()
    assert invoke(runner, "contract", "import", files["contract.yaml"]).exit_code == 0
    assert db.session.query(Contract).one().manager_id == person.id


def test_a_reference_longer_than_its_column_is_refused_not_a_crash(runner, tmp_path):
    (tmp_path / "long.yaml").write_text(CONTRACT.replace("reference: CT-WORKED", "reference: " + "R" * 65))
    result = invoke(runner, "contract", "import", tmp_path / "long.yaml")
    assert result.exit_code == 1 and count(Contract) == 0
    assert "long.yaml:1: reference: Must be at most 64 characters long, not 65" in result.stderr
