"""Staff pages: the bids list, a supplier's bid, documents, invitation links, entry on a supplier's behalf and
clarifications. Views are thin: the rules live in ``services`` and ``queries``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workbench.access import Right, procurement, rights_of
from workbench.evidence.forms import AnswerForm, ClarificationForm, DocumentForm, ResponseForm
from workbench.evidence.invitations import issue_invitation
from workbench.evidence.queries import (
    bid_evidence,
    bid_statuses,
    clarifications_of,
    entered_on_behalf,
    may_see_bid,
    responses_of,
    submission_of,
)
from workbench.evidence.questionnaire import questionnaire_for, word_count
from workbench.evidence.services import (
    EvidenceError,
    answer_clarification,
    ask_clarification,
    bid_editable,
    delete_document,
    save_response,
)
from workbench.evidence.storage import ACCEPT_ATTRIBUTE
from workbench.evidence.web import criterion_in, handle_upload, send_document, supplier_in
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.library.views import current_library
from workbench.models import Clarification, EvidenceDocument, Procurement

bp = Blueprint("evidence", __name__, url_prefix="/procurements")


def _visible(procurement: Procurement, supplier_id: int):
    supplier = supplier_in(procurement, supplier_id)
    if not may_see_bid(current_user, procurement, supplier):
        abort(403)
    return supplier


@bp.get("/<reference>/bids")
@procurement(Right.READ, Right.SCORE)
def bids(procurement: Procurement):
    statuses = bid_statuses(procurement)
    visible = {s.supplier.id for s in statuses if may_see_bid(current_user, procurement, s.supplier)}
    return render_template("evidence/bids.html", procurement=procurement, statuses=statuses, visible=visible,
                           manage=Right.MANAGE in rights_of(current_user, procurement))


@bp.get("/<reference>/suppliers/<int:supplier_id>/bid")
@procurement(Right.READ, Right.SCORE, Right.PANEL)
def bid(procurement: Procurement, supplier_id: int):
    supplier = _visible(procurement, supplier_id)
    manage = Right.MANAGE in rights_of(current_user, procurement)
    return render_template(
        "evidence/bid.html", procurement=procurement, supplier=supplier, manage=manage,
        questionnaire=questionnaire_for(procurement, current_library()),
        evidence=bid_evidence(procurement, supplier), clarifications=clarifications_of(supplier),
        entered_by=entered_on_behalf(supplier),
        submission=submission_of(supplier), editable=manage and bid_editable(procurement, supplier, current_user),
        form=None, action_form=ActionForm())


@bp.get("/<reference>/documents/<int:document_id>")
@procurement(Right.READ, Right.SCORE, Right.PANEL)
def download_document(procurement: Procurement, document_id: int):
    document = db.session.get(EvidenceDocument, document_id)
    if document is None or document.procurement_id != procurement.id:
        abort(404)
    if not may_see_bid(current_user, procurement, document.supplier):
        abort(403)
    return send_document(document)


@bp.post("/<reference>/suppliers/<int:supplier_id>/invitation")
@procurement(Right.MANAGE)
def invitation(procurement: Procurement, supplier_id: int):
    supplier = supplier_in(procurement, supplier_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    token = issue_invitation(procurement, supplier, actor=current_user)
    db.session.commit()
    link = url_for("supplier_bid.start", token=token, _external=True)
    return render_template("evidence/invitation.html", procurement=procurement, supplier=supplier, link=link)


@bp.route("/<reference>/suppliers/<int:supplier_id>/criteria/<int:criterion_id>", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def edit_answer(procurement: Procurement, supplier_id: int, criterion_id: int):
    supplier, criterion = supplier_in(procurement, supplier_id), criterion_in(procurement, criterion_id)
    existing = responses_of(supplier).get(criterion.id)
    form = ResponseForm(data={"response": existing.response if existing else ""})
    if form.validate_on_submit():
        try:
            save_response(procurement, supplier, criterion, form.response.data or "", actor=current_user)
        except EvidenceError as error:
            db.session.rollback()
            form.response.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Answer to {criterion.code} saved for {supplier.name}.", "success")
            return redirect(url_for("evidence.bid", reference=procurement.reference, supplier_id=supplier.id)
                            + f"#criterion-{criterion.id}")
    return _answer_page(procurement, supplier, criterion, form, DocumentForm(formdata=None))


def _answer_page(procurement, supplier, criterion, form, upload_form):
    question = questionnaire_for(procurement, current_library()).question(criterion.id)
    _, documents = bid_evidence(procurement, supplier)[criterion.id]
    ref = procurement.reference
    return render_template(
        "evidence/answer.html", procurement=procurement, supplier=supplier, question=question, form=form,
        upload_form=upload_form, documents=documents, accept=ACCEPT_ATTRIBUTE, on_behalf=True,
        words=word_count(form.response.data),
        editable=bid_editable(procurement, supplier, current_user), delete_form=ActionForm(),
        answer_action=url_for("evidence.edit_answer", reference=ref, supplier_id=supplier.id,
                              criterion_id=criterion.id),
        upload_action=url_for("evidence.upload", reference=ref, supplier_id=supplier.id, criterion_id=criterion.id),
        download=lambda d: url_for("evidence.download_document", reference=ref, document_id=d.id),
        delete=lambda d: url_for("evidence.remove_document", reference=ref, document_id=d.id),
        back=url_for("evidence.bid", reference=ref, supplier_id=supplier.id))


@bp.post("/<reference>/suppliers/<int:supplier_id>/criteria/<int:criterion_id>/documents")
@procurement(Right.MANAGE)
def upload(procurement: Procurement, supplier_id: int, criterion_id: int):
    supplier, criterion = supplier_in(procurement, supplier_id), criterion_in(procurement, criterion_id)
    upload_form = DocumentForm()
    if handle_upload(upload_form, procurement, supplier, criterion, current_user):
        flash(f"File uploaded to {criterion.code} for {supplier.name}.", "success")
        return redirect(url_for("evidence.edit_answer", reference=procurement.reference, supplier_id=supplier.id,
                                criterion_id=criterion.id))
    existing = responses_of(supplier).get(criterion.id)
    form = ResponseForm(formdata=None, data={"response": existing.response if existing else ""})
    return _answer_page(procurement, supplier, criterion, form, upload_form)


@bp.post("/<reference>/documents/<int:document_id>/delete")
@procurement(Right.MANAGE)
def remove_document(procurement: Procurement, document_id: int):
    document = db.session.get(EvidenceDocument, document_id)
    if document is None or document.procurement_id != procurement.id:
        abort(404)
    supplier, criterion_id = document.supplier, document.criterion_id
    if ActionForm().validate_on_submit():
        try:
            delete_document(procurement, document, actor=current_user)
        except EvidenceError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("File deleted.", "success")
    if criterion_id is None:
        return redirect(url_for("evidence.bid", reference=procurement.reference, supplier_id=supplier.id))
    return redirect(url_for("evidence.edit_answer", reference=procurement.reference, supplier_id=supplier.id,
                            criterion_id=criterion_id))


@bp.route("/<reference>/suppliers/<int:supplier_id>/clarifications/new", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def ask(procurement: Procurement, supplier_id: int):
    supplier = supplier_in(procurement, supplier_id)
    form = ClarificationForm()
    form.set_criteria(procurement)
    if form.validate_on_submit():
        criterion = criterion_in(procurement, int(form.criterion.data)) if form.criterion.data else None
        try:
            ask_clarification(procurement, supplier, form.question.data or "", actor=current_user,
                              criterion=criterion)
        except EvidenceError as error:
            db.session.rollback()
            form.question.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Clarification question recorded for {supplier.name}. They can answer it through their "
                  "invitation link.", "success")
            return redirect(url_for("evidence.bid", reference=procurement.reference, supplier_id=supplier.id)
                            + "#clarifications")
    elif request.method == "GET" and request.args.get("criterion", "").isdigit():
        form.criterion.data = request.args["criterion"]
    return render_template("evidence/ask.html", procurement=procurement, supplier=supplier, form=form)


@bp.route("/<reference>/clarifications/<int:clarification_id>/answer", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def record_answer(procurement: Procurement, clarification_id: int):
    clarification = db.session.get(Clarification, clarification_id)
    if clarification is None or clarification.procurement_id != procurement.id:
        abort(404)
    form = AnswerForm(data={"answer": clarification.answer or ""})
    if form.validate_on_submit():
        try:
            answer_clarification(procurement, clarification, form.answer.data or "", actor=current_user)
        except EvidenceError as error:
            db.session.rollback()
            form.answer.errors = [str(error)]
        else:
            db.session.commit()
            flash("Answer recorded.", "success")
            return redirect(url_for("evidence.bid", reference=procurement.reference,
                                    supplier_id=clarification.supplier_id) + "#clarifications")
    return render_template("evidence/record_answer.html", procurement=procurement, clarification=clarification,
                           supplier=clarification.supplier, form=form, on_behalf=True,
                           back=url_for("evidence.bid", reference=procurement.reference,
                                        supplier_id=clarification.supplier_id))

