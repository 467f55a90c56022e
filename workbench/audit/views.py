"""The audit trail page of a procurement: read-only, filterable, paginated, with the chain check.

There is no route that writes: events are only ever appended by the services that make the changes.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for

from workbench.access import Right, procurement
from workbench.audit import procurement_scope, verify_scope
from workbench.audit.forms import AuditFilterForm, parse_uk_date
from workbench.audit.queries import Filters, changes, choices, page_of_events
from workbench.extensions import db
from workbench.models import Procurement

bp = Blueprint("audit", __name__, url_prefix="/procurements/<reference>/audit")


def _filters(form: AuditFilterForm) -> Filters:
    if request.args and not form.validate():
        return Filters()
    return Filters(action=form.action.data or "", person=form.person.data or "",
                   date_from=parse_uk_date(form.date_from.data or ""),
                   date_to=parse_uk_date(form.date_to.data or ""), text=form.text.data or "")


def _pagination(found: Procurement, number: int, pages: int) -> dict[str, Any] | None:
    if pages <= 1:
        return None
    args = {k: v for k, v in request.args.items() if k not in ("page", "submit") and v}

    def href(n: int) -> str:
        return url_for("audit.trail", reference=found.reference, page=n, **args)

    items: list[dict[str, Any]] = []
    for n in range(1, pages + 1):
        if n in (1, pages) or abs(n - number) <= 2:
            items.append({"number": n, "href": href(n), "current": n == number})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    return {"previous": {"href": href(number - 1)} if number > 1 else None,
            "next": {"href": href(number + 1)} if number < pages else None, "items": items}


@bp.get("")
@procurement(Right.READ)
def trail(procurement: Procurement):
    scope = procurement_scope(procurement.reference)
    form = AuditFilterForm(formdata=request.args if request.args else None)
    form.set_choices(*choices(db.session, scope))
    filters = _filters(form)
    page = page_of_events(db.session, scope, filters, request.args.get("page", 1, type=int))
    return render_template(
        "audit/trail.html", procurement=procurement, form=form, filters=filters, page=page, changes=changes,
        breaks=verify_scope(db.session, scope), pagination=_pagination(procurement, page.number, page.pages))
