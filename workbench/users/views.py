from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from workbench.access import roles
from workbench.auth.services import AccountError, create_user, update_user
from workbench.extensions import db
from workbench.models import Role, User
from workbench.users.forms import UserForm

bp = Blueprint("users", __name__, url_prefix="/users")


@bp.get("/")
@roles(Role.ADMIN)
def index():
    users = db.session.execute(select(User).order_by(User.name)).scalars().all()
    return render_template("users/index.html", users=users)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def new():
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = create_user(email=form.email.data, name=form.name.data, role=Role(form.role.data),
                               password=form.password.data or None, actor=current_user)
        except AccountError as error:
            getattr(form, error.field or "email").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Account created for {user.name}.", "success")
            return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=None)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(obj=user)
    del form.email
    if form.validate_on_submit():
        try:
            update_user(user, name=form.name.data, role=Role(form.role.data), active=form.active.data,
                        password=form.password.data or None, actor=current_user)
        except AccountError as error:
            getattr(form, error.field or "name").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Account updated for {user.name}.", "success")
            return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=user)

