from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from workbench.access import public, signed_in
from workbench.models import Role
from workbench.procurements.queries import visible_procurements

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@signed_in
def index():
    rows = visible_procurements(current_user)
    can_create = current_user.role in (Role.OFFICER, Role.ADMIN)
    return render_template("dashboard/index.html", rows=rows, can_create=can_create)


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("dashboard/accessibility.html")


@bp.get("/privacy")
@public
def privacy():
    return render_template("dashboard/privacy.html")


@bp.get("/healthz")
@public
def health():
    return {"status": "ok"}
