"""CSV files for the data warehouse: ``scores``, ``results`` and ``audit``. Text cells are neutralised against
formula injection; numbers are full precision; times are ISO 8601 UTC."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from workbench.exports import neutralise
from workbench.results.report import Report, audit_rows, score_rows

TABLES = ("results", "scores", "audit")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


def _write(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def results_csv(report: Report) -> str:
    header = ["reference", "supplier", "quality", "price_score", "total", "rank", "tie", "excluded",
              "exclusion_reasons", "complete"]
    ref = report.procurement.reference
    return _write(header, ([ref, s.name, s.quality, s.price_score, s.total, s.rank, s.tie, s.excluded,
                            "; ".join(s.exclusion_reasons), s.complete] for s in report.result.ranked()))


def scores_csv(report: Report) -> str:
    header = ["reference", "evaluator", "supplier", "criterion", "score", "justification", "submitted_at"]
    ref = report.procurement.reference
    return _write(header, ([ref, r.evaluator_email, r.supplier, r.criterion, r.value, r.justification,
                            r.submitted_at] for r in score_rows(report.procurement, report.audience.hidden)))


def audit_csv(report: Report) -> str:
    header = ["sequence", "occurred_at", "actor", "action", "entity", "before", "after", "reason", "hash"]
    return _write(header, ([e.sequence, e.occurred_at, e.actor_label, e.action, e.entity,
                            "" if e.before is None else json.dumps(e.before, ensure_ascii=False, sort_keys=True),
                            "" if e.after is None else json.dumps(e.after, ensure_ascii=False, sort_keys=True),
                            e.reason, e.hash] for e in audit_rows(report.procurement)))


def table_csv(report: Report, table: str) -> str:
    return {"results": results_csv, "scores": scores_csv, "audit": audit_csv}[table](report)
