"""Assessment summaries pages: list, read (printable), download, edit, release."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from workbench.access import Right, procurement, rights_of
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.models import Procurement, Supplier
from workbench.summaries.forms import SummaryForm
from workbench.summaries.services import (
    SummaryLocked,
    automatic_draft,
    draft_missing,
    redraft_summary,
    release_summary,
    save_summary,
    summaries_of,
    summary_for,
)

bp = Blueprint("summaries", __name__, url_prefix="/procurements/<reference>/summaries")


def _supplier(procurement: Procurement, supplier_id: int) -> Supplier:
    found = db.session.execute(select(Supplier).where(
        Supplier.id == supplier_id, Supplier.procurement_id == procurement.id)).scalar_one_or_none()
    if found is None:
        abort(404)
    return found


@bp.get("/")
@procurement(Right.READ)
def index(procurement: Procurement):
    rights = rights_of(current_user, procurement)
    return render_template("summaries/index.html", procurement=procurement, summaries=summaries_of(procurement),
                           can_manage=Right.MANAGE in rights, action_form=ActionForm())


@bp.post("/draft")
@procurement(Right.MANAGE)
def draft(procurement: Procurement):
    if ActionForm().validate_on_submit():
        count = draft_missing(procurement, actor=current_user)
        db.session.commit()
        flash(f"{count} summary drafts created from the current results." if count else
              "Every supplier already has a summary.", "success")
    return redirect(url_for("summaries.index", reference=procurement.reference))


@bp.get("/<int:supplier_id>")
@procurement(Right.READ)
def show(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    summary = summary_for(supplier)
    rights = rights_of(current_user, procurement)
    body = summary.body if summary else automatic_draft(procurement, supplier)
    return render_template("summaries/show.html", procurement=procurement, supplier=supplier, summary=summary,
                           body=body, can_manage=Right.MANAGE in rights, action_form=ActionForm())


@bp.get("/<int:supplier_id>/download")
@procurement(Right.READ)
def download(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    summary = summary_for(supplier)
    body = summary.body if summary else automatic_draft(procurement, supplier)
    if summary is None or not summary.released:
        body = "DRAFT: not released, may change.\n\n" + body
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in supplier.name).strip("-") or "supplier"
    filename = f"assessment-summary-{procurement.reference}-{safe}.txt"
    return Response(body.replace("\n", "\r\n"), mimetype="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/<int:supplier_id>/edit", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def edit(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    summary = summary_for(supplier)
    if summary is not None and summary.released:
        flash("This summary has been released: it can no longer be changed.", "error")
        return redirect(url_for("summaries.show", reference=procurement.reference, supplier_id=supplier.id))
    form = SummaryForm()
    if form.validate_on_submit():
        save_summary(procurement, supplier, form.body.data.replace("\r\n", "\n"), actor=current_user)
        db.session.commit()
        flash(f"Summary for {supplier.name} saved.", "success")
        return redirect(url_for("summaries.show", reference=procurement.reference, supplier_id=supplier.id))
    if not form.is_submitted():
        form.body.data = summary.body if summary else automatic_draft(procurement, supplier)
    return render_template("summaries/edit.html", procurement=procurement, supplier=supplier, form=form,
                           summary=summary)


@bp.post("/<int:supplier_id>/redraft")
@procurement(Right.MANAGE)
def redraft(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    target = url_for("summaries.show", reference=procurement.reference, supplier_id=supplier.id)
    if not ActionForm().validate_on_submit():
        return redirect(target)
    try:
        redraft_summary(procurement, supplier, actor=current_user)
    except SummaryLocked as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(f"Summary for {supplier.name} redrafted from the current results.", "success")
    return redirect(target)


@bp.post("/<int:supplier_id>/release")
@procurement(Right.MANAGE)
def release(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    summary = summary_for(supplier)
    target = url_for("summaries.show", reference=procurement.reference, supplier_id=supplier.id)
    if not ActionForm().validate_on_submit():
        return redirect(target)
    if summary is None:
        flash("Save the summary before releasing it.", "error")
        return redirect(target)
    try:
        release_summary(procurement, summary, actor=current_user)
    except SummaryLocked as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(f"Summary for {supplier.name} released. It can no longer be changed.", "success")
    return redirect(target)
