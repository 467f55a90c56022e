"""Helpers shared by the staff and supplier views."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app
from sqlalchemy import select

from workbench.evidence import storage
from workbench.evidence.forms import DocumentForm
from workbench.evidence.services import EvidenceError, upload_document
from workbench.extensions import db
from workbench.models import Criterion, EvidenceDocument, Procurement, Supplier, User


def supplier_in(procurement: Procurement, supplier_id: int) -> Supplier:
    supplier = db.session.get(Supplier, supplier_id)
    if supplier is None or supplier.procurement_id != procurement.id:
        abort(404)
    return supplier


def criterion_in(procurement: Procurement, criterion_id: int) -> Criterion:
    criterion = db.session.get(Criterion, criterion_id)
    if criterion is None or criterion.procurement_id != procurement.id:
        abort(404)
    return criterion


def document_of(supplier: Supplier, document_id: int) -> EvidenceDocument:
    document = db.session.execute(select(EvidenceDocument).where(
        EvidenceDocument.id == document_id, EvidenceDocument.supplier_id == supplier.id)).scalar_one_or_none()
    if document is None:
        abort(404)
    return document


def send_document(document: EvidenceDocument) -> Response:
    """The file as an attachment, with its stored (checked) content type; never rendered inline."""
    try:
        data = storage.read(document.storage_key)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype=document.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def handle_upload(form: DocumentForm, procurement: Procurement, supplier: Supplier, criterion: Criterion,
                  actor: User | None) -> bool:
    """Validate and store the uploaded file; on failure put the reason on the form and return False."""
    if not form.validate_on_submit():
        return False
    upload: Any = form.document.data
    data = upload.read(int(current_app.config["MAX_UPLOAD_BYTES"]) + 1)
    try:
        upload_document(procurement, supplier, criterion, data, upload.filename, actor=actor)
    except (storage.UploadRejected, EvidenceError) as error:
        db.session.rollback()
        form.document.errors = [str(error)]
        return False
    db.session.commit()
    return True
