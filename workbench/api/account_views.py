"""Your API tokens: create one (shown once), see when each was last used, revoke one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from workbench.access import signed_in
from workbench.api.forms import NewTokenForm
from workbench.api.tokens import create_token, own_token, revoke_token, tokens_of
from workbench.extensions import db
from workbench.forms import ActionForm

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")


def _render(form: NewTokenForm, secret: str | None = None, status: int = 200):
    return render_template("api/tokens.html", form=form, tokens=tokens_of(current_user), secret=secret,
                           revoke_form=ActionForm()), status


@bp.get("")
@signed_in
def index():
    return _render(NewTokenForm())


@bp.post("")
@signed_in
def create():
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _render(form)
    issued = create_token(current_user, form.name.data)
    db.session.commit()
    return _render(NewTokenForm(formdata=None), secret=issued.secret)


@bp.post("/<int:token_id>/revoke")
@signed_in
def revoke(token_id: int):
    token = own_token(current_user, token_id)
    if token is None:
        abort(404)
    if ActionForm().validate_on_submit() and revoke_token(token, actor=current_user):
        db.session.commit()
        flash(f"Token “{token.name}” revoked. It no longer works.", "success")
    return redirect(url_for("api_tokens.index"))
