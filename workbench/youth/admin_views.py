"""The facilitator's and officer's pages for a procurement's young people's panel. Thin: services do the work."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from workbench.access import Right, procurement, rights_of
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.imports.tabular import MAX_IMPORT_BYTES
from workbench.models import Procurement, Respondent, Status
from workbench.problems import ProblemsError
from workbench.youth.forms import AdoptForm, AnswersUploadForm, NewSessionForm, StatementForm
from workbench.youth.imports import import_answers
from workbench.youth.journey import FACES
from workbench.youth.results import youth_view
from workbench.youth.sessions import (
    SessionError,
    counts,
    create_session,
    is_open,
    revoke_code,
    session_of,
    sessions_of,
)
from workbench.youth.statements import add_statement, adopt_statement, statement_of, statements_of

bp = Blueprint("youth", __name__, url_prefix="/procurements/<reference>/young-people")
LONDON = ZoneInfo("Europe/London")


def _can_manage(found: Procurement) -> bool:
    return Right.MANAGE in rights_of(current_user, found)


@bp.get("")
@procurement(Right.READ)
def index(procurement: Procurement):
    sessions = [(s, counts(s), is_open(s)) for s in sessions_of(procurement)]
    return render_template("youth/admin/index.html", procurement=procurement, sessions=sessions,
                           manage=_can_manage(procurement))


@bp.route("/sessions/new", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def new_session(procurement: Procurement):
    form = NewSessionForm()
    if form.validate_on_submit():
        hour, minute = (int(part) for part in form.closes_at.data.split(":"))
        local = datetime.combine(form.closes_on.data, datetime.min.time()).replace(hour=hour, minute=minute,
                                                                                   tzinfo=LONDON)
        try:
            session, printed = create_session(procurement, title=form.title.data, closes_at=local,
                                              codes=form.codes.data, actor=current_user)
        except SessionError as error:
            db.session.rollback()
            field = form.closes_on if "closing" in str(error) else form.codes if "codes" in str(error) else form.title
            field.errors.append(str(error))
        else:
            db.session.commit()
            return render_template("youth/admin/codes.html", procurement=procurement, session=session,
                                   printed=printed)
    return render_template("youth/admin/new_session.html", procurement=procurement, form=form)


@bp.get("/sessions/<int:session_id>")
@procurement(Right.READ)
def session_detail(procurement: Procurement, session_id: int):
    session = session_of(procurement, session_id)
    return render_template("youth/admin/session.html", procurement=procurement, session=session,
                           counts=counts(session), open=is_open(session), manage=_can_manage(procurement),
                           form=ActionForm())


@bp.post("/sessions/<int:session_id>/codes/<int:respondent_id>/revoke")
@procurement(Right.MANAGE)
def revoke(procurement: Procurement, session_id: int, respondent_id: int):
    session = session_of(procurement, session_id)
    respondent = db.session.get(Respondent, respondent_id)
    if respondent is None or respondent.session_id != session.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        removed = revoke_code(respondent, actor=current_user)
    except SessionError as error:
        flash(str(error), "info")
    else:
        db.session.commit()
        flash(f"{respondent.label} is revoked and can no longer be used"
              + (f"; {removed} answers given with it were removed." if removed else "."), "success")
    return redirect(url_for("youth.session_detail", reference=procurement.reference, session_id=session.id))


@bp.route("/import", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def upload(procurement: Procurement):
    form = AnswersUploadForm()
    problems: list[str] = []
    if form.validate_on_submit():
        data = form.answers_file.data.read(MAX_IMPORT_BYTES + 1)
        name = form.answers_file.data.filename or "answers.csv"
        try:
            count = import_answers(procurement, data, filename=name, actor=current_user)
        except ProblemsError as error:
            db.session.rollback()
            problems = [str(p) for p in error.problems]
        else:
            db.session.commit()
            flash(f"Imported {count} answers from the paper session.", "success")
            return redirect(url_for("youth.index", reference=procurement.reference))
    return render_template("youth/admin/import.html", procurement=procurement, form=form, problems=problems)


@bp.get("/paper-form")
@procurement(Right.READ)
def paper_form(procurement: Procurement):
    suppliers = sorted(procurement.suppliers, key=lambda s: (s.position, s.id))
    return render_template("youth/admin/paper_form.html", procurement=procurement, suppliers=suppliers,
                           questions=procurement.youth_questions, faces=FACES)


@bp.get("/statements")
@procurement(Right.READ)
def statements(procurement: Procurement):
    return _statements_page(procurement, StatementForm())


def _statements_page(found: Procurement, form: StatementForm, adopt: AdoptForm | None = None,
                     adopting: int | None = None):
    adopt = adopt or AdoptForm(formdata=None)
    adopt.section.choices = [SelectChoice(str(s.id), s.name) for s in found.sections]
    return render_template("youth/admin/statements.html", procurement=found, statements=statements_of(found),
                           form=form, adopt=adopt, adopting=adopting, manage=_can_manage(found),
                           draft=found.status is Status.DRAFT)


@bp.post("/statements")
@procurement(Right.MANAGE)
def add(procurement: Procurement):
    form = StatementForm()
    if form.validate_on_submit():
        add_statement(procurement, form.text.data, actor=current_user)
        db.session.commit()
        flash("The I statement is recorded.", "success")
        return redirect(url_for("youth.statements", reference=procurement.reference))
    return _statements_page(procurement, form)


@bp.post("/statements/<int:statement_id>/adopt")
@procurement(Right.MANAGE)
def adopt(procurement: Procurement, statement_id: int):
    statement = statement_of(procurement, statement_id)
    form = AdoptForm()
    form.section.choices = [SelectChoice(str(s.id), s.name) for s in procurement.sections]
    if form.validate_on_submit():
        section = next(s for s in procurement.sections if str(s.id) == form.section.data)
        try:
            adopt_statement(statement, section=section, code=form.code.data, youth_share=form.youth_share.data or 0,
                            actor=current_user)
        except SessionError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"{form.code.data} is now a criterion in {section.name}, from the young people's panel. "
                  "Set its weight in the plan.", "success")
            return redirect(url_for("youth.statements", reference=procurement.reference))
    return _statements_page(procurement, StatementForm(formdata=None), form, adopting=statement.id)


@bp.get("/results")
@procurement(Right.READ)
def results(procurement: Procurement):
    return render_template("youth/admin/results.html", procurement=procurement, view=youth_view(procurement))
