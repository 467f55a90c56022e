from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from workbench.access import public, signed_in
from workbench.auth.forms import SignInForm
from workbench.auth.services import authenticate, normalise_email
from workbench.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only ever redirect to a path on this site."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.index")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_key() -> str:
    return "sign-in:" + normalise_email(request.form.get("email", ""))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_email_key)
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@signed_in
def sign_out():
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
