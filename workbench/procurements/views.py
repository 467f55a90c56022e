from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from workbench.access import Right, procurement, rights_of, roles
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.library.plans import load_plan
from workbench.library.views import current_library
from workbench.models import MemberRole, Procurement, Role, Status
from workbench.problems import ProblemsError
from workbench.procurements.builder import EMPTY_SET, plan_from_library_set
from workbench.procurements.forms import MAX_PLAN_BYTES, NewProcurementForm, PlanUploadForm
from workbench.procurements.pages import pages_for
from workbench.procurements.scoring_state import StageError, open_scoring, open_scoring_problems, weight_problems
from workbench.procurements.services import create_procurement_from_plan, members

bp = Blueprint("procurements", __name__, url_prefix="/procurements")


@bp.route("/import", methods=["GET", "POST"])
@roles(Role.OFFICER, Role.ADMIN)
def import_plan():
    form = PlanUploadForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.plan_file.data
        data = upload.read(MAX_PLAN_BYTES + 1)
        name = upload.filename or "plan.yaml"
        if len(data) > MAX_PLAN_BYTES:
            form.plan_file.errors.append("The plan file must be smaller than 512 KB")
        else:
            try:
                plan = load_plan(name, current_library(), text=data.decode("utf-8"))
                created = create_procurement_from_plan(plan, actor=current_user, source=name, officer=current_user)
            except UnicodeDecodeError:
                form.plan_file.errors.append("The plan file must be UTF-8 text")
            except ProblemsError as error:
                db.session.rollback()
                problems = [str(p) for p in error.problems]
                form.plan_file.errors.append(f"The plan file has {len(problems)} problem(s): nothing was imported")
            else:
                db.session.commit()
                flash(f"Procurement {created.reference} created from {name}.", "success")
                return redirect(url_for("procurements.overview", reference=created.reference))
    return render_template("procurements/import.html", form=form, problems=problems)


@bp.get("/<reference>")
@procurement(Right.READ, Right.SCORE, Right.PANEL)
def overview(procurement: Procurement):
    rights = rights_of(current_user, procurement)
    return render_template(
        "procurements/overview.html", procurement=procurement, rights=rights, Right=Right,
        weight_problems=weight_problems(procurement), can_open_scoring=(
            Right.MANAGE in rights and procurement.status is Status.DRAFT),
        open_problems=open_scoring_problems(procurement),
        evaluators=members(procurement, MemberRole.EVALUATOR), officers=members(procurement, MemberRole.OFFICER),
        auditors=members(procurement, MemberRole.AUDITOR), action_form=ActionForm(),
        pages=pages_for(procurement, rights))


@bp.post("/<reference>/open-scoring")
@procurement(Right.MANAGE)
def start_scoring(procurement: Procurement):
    if ActionForm().validate_on_submit():
        try:
            open_scoring(procurement, actor=current_user)
        except StageError as error:
            db.session.rollback()
            flash(f"Scoring cannot open yet: {error}", "error")
        else:
            db.session.commit()
            flash("Scoring is open. Evaluators can now declare conflicts and score.", "success")
    return redirect(url_for("procurements.overview", reference=procurement.reference))


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.OFFICER, Role.ADMIN)
def new():
    library = current_library()
    form = NewProcurementForm()
    form.criteria_set.choices = [SelectChoice(s.id, s.title) for s in library.sets] + [
        SelectChoice(EMPTY_SET, "Nothing: start empty and add sections and criteria yourself")]
    form.scale.choices = [SelectChoice(s.id, f"{s.title} ({s.min} to {s.max})") for s in library.scales]
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            plan = plan_from_library_set(
                library, set_id=form.criteria_set.data, title=form.title.data, reference=form.reference.data,
                quality_weight=form.quality_weight.data, price_method=form.price_method.data,
                scale_id=form.scale.data)
            created = create_procurement_from_plan(plan, actor=current_user, source="the new procurement form",
                                                   officer=current_user)
        except ProblemsError as error:
            db.session.rollback()
            problems = [p.message for p in error.problems]
            form.reference.errors.extend(p for p in problems if "reference" in p.lower())
            if not form.reference.errors:
                form.title.errors.extend(problems)
        else:
            db.session.commit()
            flash(f"Procurement {created.reference} created" + (
                "." if form.criteria_set.data == EMPTY_SET else " with the suggested criteria and weights."), "success")
            return redirect(url_for("procurements.overview", reference=created.reference))
    return render_template("procurements/new.html", form=form)


from workbench.procurements import plan_views  # noqa: E402,F401  (registers the plan editor's routes on bp)
