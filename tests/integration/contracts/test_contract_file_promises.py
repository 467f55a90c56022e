"""A contract file may link a KPI to a criterion of the evaluation it came from, with the figure the supplier
promised in its bid (promised versus delivered); a bad link rejects the whole file."""

from __future__ import annotations

from decimal import Decimal

from tests.helpers import count
from workbench.contracts.promises import promise_rows
from workbench.contracts.queries import report_for
from workbench.extensions import db
from workbench.models import AuditEvent, Contract

CONTRACT = """\
reference: CT-PROMISE
title: Promised versus delivered
supplier: Ashdown Case Systems
procurement: {procurement}
start: 2026-01-01
end: 2027-12-31
value: 100000
manager: {{email: cm@council.example, name: Casey Manager}}
review_cycle: quarterly
kpis:
  - {{code: UP, title: Availability, unit: percent, direction: higher, period: month,
     target: 99.5, approaching: 99.0, requires_improvement: 98.0,
     criterion: {criterion}, promised: 99.9, promise_note: "Our platform has run at 99.9% or better."}}
  - {{code: FIX, title: P1 fix time, unit: hours, direction: lower, period: month,
     target: 4, approaching: 6, requires_improvement: 8}}
"""


def _import(runner, tmp_path, **values: str):
    path = tmp_path / "contract.yaml"
    path.write_text(CONTRACT.format(**values))
    return runner.invoke(args=["contract", "import", str(path)])


def test_a_kpi_linked_to_a_criterion_with_a_promise(runner, demo, tmp_path):
    criterion = next(c for c in demo["procurement"].criteria if not c.is_pass_fail)
    result = _import(runner, tmp_path, procurement=demo["reference"], criterion=criterion.code)
    assert result.exit_code == 0, result.output
    contract = db.session.query(Contract).filter_by(reference="CT-PROMISE").one()
    up, fix = contract.kpis
    assert (up.criterion.code, up.criterion.procurement_id) == (criterion.code, demo["procurement"].id)
    assert up.promised == Decimal("99.9") and up.promise_note == "Our platform has run at 99.9% or better."
    assert (fix.criterion, fix.promised, fix.promise_note) == (None, None, "")
    rows = promise_rows(contract, report_for(contract))
    assert [row["code"] for row in rows] == ["UP"] and rows[0]["promised"] == Decimal("99.9")


def test_an_unknown_criterion_rejects_the_file(runner, demo, tmp_path):
    before = (count(Contract), count(AuditEvent))
    result = _import(runner, tmp_path, procurement=demo["reference"], criterion="NOPE9")
    assert result.exit_code == 1
    assert "kpis[0].criterion" in result.stderr and f"{demo['reference']} has no criterion NOPE9" in result.stderr
    assert (count(Contract), count(AuditEvent)) == before


def test_a_criterion_needs_the_procurement(runner, demo, tmp_path):
    before = count(Contract)
    result = _import(runner, tmp_path, procurement='""', criterion="CSC07")
    assert result.exit_code == 1
    assert "contract.yaml:" in result.stderr and "names no procurement" in result.stderr
    assert count(Contract) == before
