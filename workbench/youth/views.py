"""The young person's pages. Public in access terms, but every page after the first needs a valid access code
held in the browser session: a code opens its own session's form and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, session, url_for

from workbench.access import public
from workbench.extensions import db, limiter
from workbench.models import Respondent
from workbench.youth.forms import NOT_SURE, AnswerForm, CodeForm, SubmitForm
from workbench.youth.journey import (
    FACES,
    CodeRefused,
    active_respondent,
    answers_of,
    enter_code,
    first_unanswered,
    save_answer,
    steps,
    submit,
)

bp = Blueprint("young_people", __name__, url_prefix="/young-people")
KEY = "youth_respondent"


def _code_limit() -> str:
    return current_app.config["ACCESS_CODE_RATE_LIMIT"]


def _refused(response: Response) -> bool:
    """Only refused or empty codes count towards the limit: a room of young people shares one address."""
    return response.status_code != 302


def with_code(view: Callable[..., Any]) -> Callable[..., Any]:
    """Give the view the young person's respondent, or send them back to type their code."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        respondent = active_respondent(session.get(KEY))
        if respondent is None:
            session.pop(KEY, None)
            return redirect(url_for("young_people.enter"))
        return view(respondent, *args, **kwargs)

    return wrapper


@bp.route("", methods=["GET", "POST"])
@limiter.limit(_code_limit, methods=["POST"], deduct_when=_refused)
@public
def enter():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            respondent = enter_code(form.code.data)
        except CodeRefused as refused:
            form.code.errors.append(str(refused))
        else:
            db.session.commit()
            session.clear()
            session[KEY] = respondent.id
            return redirect(url_for("young_people.start"))
    return render_template("youth/enter.html", form=form)


@bp.get("/start")
@public
@with_code
def start(respondent: Respondent):
    all_steps = steps(respondent.session)
    next_step = first_unanswered(respondent)
    suppliers = [s.supplier for s in all_steps if s.question_number == 1]
    return render_template("youth/start.html", procurement=respondent.session.procurement, suppliers=suppliers,
                           questions=len(all_steps) // max(len(suppliers), 1), next_step=next_step,
                           started=len(answers_of(respondent)) > 0)


@bp.route("/question/<int:number>", methods=["GET", "POST"])
@public
@with_code
def question(respondent: Respondent, number: int):
    all_steps = steps(respondent.session)
    if not 1 <= number <= len(all_steps):
        abort(404)
    step = all_steps[number - 1]
    given = answers_of(respondent).get((step.supplier.id, step.question.id))
    form = AnswerForm()
    if form.validate_on_submit():
        value = None if form.answer.data == NOT_SURE else int(form.answer.data)
        save_answer(respondent, step, answer=value, comment=form.comment.data or "")
        db.session.commit()
        if number < len(all_steps) and not _from_check():
            return redirect(url_for("young_people.question", number=number + 1))
        return redirect(url_for("young_people.check"))
    if not form.is_submitted() and given is not None:
        form.answer.data = NOT_SURE if given.answer is None else str(given.answer)
        form.comment.data = given.comment
    return render_template("youth/question.html", form=form, step=step, total=len(all_steps), faces=FACES,
                           suppliers=len({s.supplier.id for s in all_steps}), not_sure=NOT_SURE,
                           back=url_for("young_people.question", number=number - 1) if number > 1
                           else url_for("young_people.start"), change=_from_check())


def _from_check() -> bool:
    from flask import request

    return request.args.get("from") == "check"


@bp.get("/check")
@public
@with_code
def check(respondent: Respondent):
    given = answers_of(respondent)
    rows = [(step, given.get((step.supplier.id, step.question.id))) for step in steps(respondent.session)]
    return render_template("youth/check.html", rows=rows, faces=FACES, form=SubmitForm(),
                           missing=first_unanswered(respondent))


@bp.post("/submit")
@public
@with_code
def send(respondent: Respondent):
    form = SubmitForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        submit(respondent)
    except CodeRefused as refused:
        flash(str(refused), "info")
        return redirect(url_for("young_people.check"))
    db.session.commit()
    session.pop(KEY, None)
    session["youth_done"] = True
    return redirect(url_for("young_people.thank_you"))


@bp.get("/thank-you")
@public
def thank_you():
    if not session.get("youth_done"):
        return redirect(url_for("young_people.enter"))
    return render_template("youth/thank_you.html")
