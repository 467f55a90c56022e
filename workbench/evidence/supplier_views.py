"""The supplier's pages, reached through their invitation link ``/bid/<token>`` without signing in.

The token names exactly one supplier: every page loads that supplier from the token and every id in the URL
(question, document, clarification) is looked up within that supplier's bid, so changing an id cannot reach
another supplier's bid.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy import select

from workbench.access import public
from workbench.evidence.forms import AnswerForm, DocumentForm, ResponseForm
from workbench.evidence.invitations import supplier_for_token
from workbench.evidence.queries import bid_evidence, clarifications_of, responses_of, submission_of
from workbench.evidence.questionnaire import questionnaire_for, word_count
from workbench.evidence.services import (
    EvidenceError,
    answer_clarification,
    bid_editable,
    delete_document,
    save_response,
    submit_bid,
)
from workbench.evidence.storage import ACCEPT_ATTRIBUTE
from workbench.evidence.web import document_of, handle_upload, send_document
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.library.views import current_library
from workbench.models import Clarification, Status, Supplier

bp = Blueprint("supplier_bid", __name__, url_prefix="/bid")


def with_token(view: Callable[..., Any]) -> Callable[..., Any]:
    """Swap the URL's token for the supplier it names; an unknown or replaced token gets 404."""

    @wraps(view)
    def wrapper(*args: Any, token: str, **kwargs: Any) -> Any:
        supplier = supplier_for_token(token)
        if supplier is None:
            abort(404)
        return view(*args, supplier=supplier, token=token, **kwargs)

    return wrapper


def _question(supplier: Supplier, criterion_id: int):
    question = questionnaire_for(supplier.procurement, current_library()).question(criterion_id)
    if question is None:
        abort(404)
    return question


@bp.get("/<token>")
@public
@with_token
def start(supplier: Supplier, token: str):
    procurement = supplier.procurement
    questionnaire = questionnaire_for(procurement, current_library())
    evidence = bid_evidence(procurement, supplier)
    clarifications = clarifications_of(supplier)
    return render_template(
        "evidence/supplier/start.html", supplier=supplier, procurement=procurement, token=token,
        questionnaire=questionnaire, evidence=evidence, clarifications=clarifications,
        submission=submission_of(supplier), editable=bid_editable(procurement, supplier, None),
        answered=sum(1 for text, _ in evidence.values() if text), finalised=procurement.status is Status.FINALISED,
        form=None)


@bp.route("/<token>/questions/<int:criterion_id>", methods=["GET", "POST"])
@public
@with_token
def question(supplier: Supplier, token: str, criterion_id: int):
    item = _question(supplier, criterion_id)
    existing = responses_of(supplier).get(criterion_id)
    form = ResponseForm(data={"response": existing.response if existing else ""})
    if form.validate_on_submit():
        try:
            save_response(supplier.procurement, supplier, item.criterion, form.response.data or "", actor=None)
        except EvidenceError as error:
            db.session.rollback()
            form.response.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Your answer to question {item.number} has been saved as a draft.", "success")
            return redirect(url_for("supplier_bid.start", token=token) + f"#question-{item.criterion.id}")
    return _answer_page(supplier, token, item, form, DocumentForm(formdata=None))


def _answer_page(supplier: Supplier, token: str, item: Any, form: Any, upload_form: Any):
    _, documents = bid_evidence(supplier.procurement, supplier)[item.criterion.id]
    return render_template(
        "evidence/answer.html", procurement=supplier.procurement, supplier=supplier, question=item, form=form,
        upload_form=upload_form, documents=documents, accept=ACCEPT_ATTRIBUTE, on_behalf=False,
        editable=bid_editable(supplier.procurement, supplier, None), delete_form=ActionForm(),
        words=word_count(form.response.data),
        answer_action=url_for("supplier_bid.question", token=token, criterion_id=item.criterion.id),
        upload_action=url_for("supplier_bid.upload", token=token, criterion_id=item.criterion.id),
        download=lambda d: url_for("supplier_bid.download", token=token, document_id=d.id),
        delete=lambda d: url_for("supplier_bid.remove_document", token=token, document_id=d.id),
        back=url_for("supplier_bid.start", token=token))


@bp.post("/<token>/questions/<int:criterion_id>/documents")
@public
@with_token
def upload(supplier: Supplier, token: str, criterion_id: int):
    item = _question(supplier, criterion_id)
    upload_form = DocumentForm()
    if handle_upload(upload_form, supplier.procurement, supplier, item.criterion, None):
        flash("Your file has been uploaded.", "success")
        return redirect(url_for("supplier_bid.question", token=token, criterion_id=criterion_id))
    existing = responses_of(supplier).get(criterion_id)
    form = ResponseForm(formdata=None, data={"response": existing.response if existing else ""})
    return _answer_page(supplier, token, item, form, upload_form)


@bp.get("/<token>/documents/<int:document_id>")
@public
@with_token
def download(supplier: Supplier, token: str, document_id: int):
    return send_document(document_of(supplier, document_id))


@bp.post("/<token>/documents/<int:document_id>/delete")
@public
@with_token
def remove_document(supplier: Supplier, token: str, document_id: int):
    document = document_of(supplier, document_id)
    criterion_id = document.criterion_id
    if ActionForm().validate_on_submit():
        try:
            delete_document(supplier.procurement, document, actor=None)
        except EvidenceError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("The file has been deleted.", "success")
    if criterion_id is None:
        return redirect(url_for("supplier_bid.start", token=token))
    return redirect(url_for("supplier_bid.question", token=token, criterion_id=criterion_id))


@bp.route("/<token>/clarifications/<int:clarification_id>", methods=["GET", "POST"])
@public
@with_token
def clarification(supplier: Supplier, token: str, clarification_id: int):
    found = db.session.execute(select(Clarification).where(
        Clarification.id == clarification_id, Clarification.supplier_id == supplier.id)).scalar_one_or_none()
    if found is None:
        abort(404)
    form = AnswerForm()
    if found.answer is None and form.validate_on_submit():
        try:
            answer_clarification(supplier.procurement, found, form.answer.data or "", actor=None)
        except EvidenceError as error:
            db.session.rollback()
            form.answer.errors = [str(error)]
        else:
            db.session.commit()
            flash("Thank you: your answer has been sent to the evaluation team.", "success")
            return redirect(url_for("supplier_bid.start", token=token) + "#clarifications")
    return render_template("evidence/record_answer.html", procurement=supplier.procurement, clarification=found,
                           supplier=supplier, form=form, on_behalf=False,
                           back=url_for("supplier_bid.start", token=token))


@bp.route("/<token>/submit", methods=["GET", "POST"])
@public
@with_token
def submit(supplier: Supplier, token: str):
    procurement = supplier.procurement
    form = ActionForm()
    if form.validate_on_submit():
        try:
            submit_bid(procurement, supplier, actor=None)
        except EvidenceError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("Your bid has been submitted. Thank you.", "success")
        return redirect(url_for("supplier_bid.start", token=token))
    questionnaire = questionnaire_for(procurement, current_library())
    evidence = bid_evidence(procurement, supplier)
    return render_template("evidence/supplier/submit.html", supplier=supplier, procurement=procurement,
                           token=token, questionnaire=questionnaire, evidence=evidence, form=None,
                           confirm_form=form, editable=bid_editable(procurement, supplier, None),
                           unanswered=[q for q in questionnaire.questions if not evidence[q.criterion.id][0]])
