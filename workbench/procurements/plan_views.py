"""The plan editor: officers change a procurement's plan while it is being set up. Views are thin: each write is one
function in ``editor``/``editor_people``; an ``EditorError`` becomes a form error (or a flashed message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from workbench.access import Right, procurement
from workbench.extensions import db
from workbench.library.views import current_library
from workbench.models import Criterion, MemberRole, Membership, Procurement, Section, Status, Supplier
from workbench.procurements import editor, editor_people
from workbench.procurements.editor import LOCKED, EditorError
from workbench.procurements.forms import (
    CUSTOM_SCALE,
    ActionForm,
    CriterionForm,
    LibraryPickForm,
    MemberForm,
    RemoveForm,
    SectionForm,
    SettingsForm,
    SupplierForm,
)
from workbench.procurements.views import bp
from workbench.procurements.weights_form import WeightsEntry

EDITOR = Right.MANAGE


def _locked(procurement: Procurement) -> bool:
    return procurement.status is not Status.DRAFT


def _back(procurement: Procurement, endpoint: str = "procurements.plan_sections", **values: Any) -> Any:
    return redirect(url_for(endpoint, reference=procurement.reference, **values))


def _attempt(change: Callable[[], Any], form: FlaskForm | None = None) -> bool:
    """Run one service call; commit on success, else roll back and report the error on the form or as a flash."""
    try:
        change()
    except EditorError as error:
        db.session.rollback()
        field = getattr(form, error.field, None) if form is not None and error.field else None
        if field is not None:
            field.errors = [*field.errors, error.message]
        elif form is not None and hasattr(form, "submit"):
            form.submit.errors = [*form.submit.errors, error.message]
        else:
            flash(error.message, "error")
        return False
    db.session.commit()
    return True


def _render(template: str, procurement: Procurement, **context: Any) -> str:
    return render_template(f"procurements/plan/{template}", procurement=procurement, locked=_locked(procurement),
                           locked_message=LOCKED, **context)


def _refuse_if_locked(procurement: Procurement) -> Any | None:
    if _locked(procurement):
        flash(LOCKED, "error")
        return redirect(url_for("procurements.overview", reference=procurement.reference))
    return None


def _owned(model: type, procurement: Procurement, item_id: int) -> Any:
    item = db.session.get(model, item_id)
    if item is None or item.procurement_id != procurement.id:
        abort(404)
    return item


def _direction() -> str:
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400)
    return direction


# --- Settings ----------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/settings", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_settings(procurement: Procurement):
    library = current_library()
    form = SettingsForm(data=None if request.method == "POST" else {
        "scale": procurement.scale_id or CUSTOM_SCALE, "scale_min": procurement.scale_min,
        "scale_max": procurement.scale_max, "quality_weight": procurement.quality_weight,
        "price_weight": procurement.price_weight, "price_method": procurement.price_method.value,
        "scale_labels": "\n".join(f"{lv.label}: {lv.descriptor}" if lv.descriptor else lv.label
                                  for lv in procurement.scale_levels)})
    form.scale.choices = [SelectChoice(s.id, f"{s.title} ({s.min} to {s.max})") for s in library.scales] + [
        SelectChoice(CUSTOM_SCALE, "My own scale: lowest and highest score with labels")]
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit():
        def change() -> None:
            scale = library.scale(form.scale.data) if form.scale.data != CUSTOM_SCALE else None
            levels = None
            if scale is None:
                if form.scale_min.data is None or form.scale_max.data is None:
                    raise EditorError("Enter the lowest and highest score of your scale", "scale_min")
                levels = editor.custom_levels(form.scale_min.data, form.scale_max.data, form.scale_labels.data or "")
            editor.update_settings(procurement, actor=current_user, quality_weight=form.quality_weight.data,
                                   price_weight=form.price_weight.data, price_method=form.price_method.data,
                                   scale=scale, levels=levels)
        if _attempt(change, form):
            flash("Scale, quality and price split and price method saved.", "success")
            return _back(procurement, "procurements.overview")
    return _render("settings.html", procurement, form=form)


# --- Sections ----------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/sections", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_sections(procurement: Procurement):
    form = SectionForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor.add_section(
            procurement, actor=current_user, name=form.name.data, weight=form.weight.data), form):
        flash(f"Section '{form.name.data}' added.", "success")
        return _back(procurement)
    return _render("sections.html", procurement, form=form, action_form=ActionForm())


@bp.route("/<reference>/plan/sections/<int:section_id>", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_section(procurement: Procurement, section_id: int):
    section = _owned(Section, procurement, section_id)
    form = SectionForm(obj=section if request.method == "GET" else None)
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor.update_section(
            section, actor=current_user, name=form.name.data, weight=form.weight.data), form):
        flash(f"Section '{form.name.data}' saved.", "success")
        return _back(procurement)
    return _render("section.html", procurement, form=form, section=section)


@bp.post("/<reference>/plan/sections/<int:section_id>/move")
@procurement(EDITOR)
def plan_move_section(procurement: Procurement, section_id: int):
    section = _owned(Section, procurement, section_id)
    if (refused := _refuse_if_locked(procurement)) is None and ActionForm().validate_on_submit():
        _attempt(lambda: editor.move_section(section, actor=current_user, direction=_direction()))
    return refused or _back(procurement)


@bp.route("/<reference>/plan/sections/<int:section_id>/remove", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_remove_section(procurement: Procurement, section_id: int):
    section = _owned(Section, procurement, section_id)
    form = RemoveForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    name = section.name
    if form.validate_on_submit() and _attempt(lambda: editor.remove_section(
            section, actor=current_user, confirmed=bool(form.confirm.data)), form):
        flash(f"Section '{name}' removed.", "success")
        return _back(procurement)
    return _render("remove.html", procurement, form=form, thing=f"section ‘{name}’",
                   contents=[f"{c.code} {c.title}" for c in section.criteria])


# --- Criteria ----------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/sections/<int:section_id>/library", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_add_from_library(procurement: Procurement, section_id: int):
    section = _owned(Section, procurement, section_id)
    library = current_library()
    query = request.args.get("q", "").strip()[:200]
    in_plan = {c.code.casefold() for c in procurement.criteria}
    matches = [c for c in library.search(query) if c.code.casefold() not in in_plan]
    form = LibraryPickForm()
    form.criteria.choices = [SelectChoice(c.id, f"{c.code} {c.title}") for c in matches]
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit():
        picked = [library.criterion(criterion_id) for criterion_id in form.criteria.data]

        def change() -> None:
            for item in picked:
                if item is not None:
                    editor.add_library_criterion(section, item, actor=current_user)
        if _attempt(change, form):
            flash(f"{len(picked)} criteria added to '{section.name}'. Check the weights.", "success")
            return _back(procurement)
    hints = {c.id: c for c in matches}
    return _render("library.html", procurement, form=form, section=section, query=query, hints=hints)


def _criterion_form(procurement: Procurement, criterion: Criterion | None) -> CriterionForm:
    form = CriterionForm(obj=criterion if criterion is not None and request.method == "GET" else None)
    if criterion is not None and request.method == "GET":
        form.kind.data, form.section.data = criterion.kind.value, str(criterion.section_id)
    form.section.choices = [SelectChoice(str(s.id), s.name) for s in procurement.sections]
    return form


@bp.route("/<reference>/plan/sections/<int:section_id>/criteria/new", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_new_criterion(procurement: Procurement, section_id: int):
    section = _owned(Section, procurement, section_id)
    form = _criterion_form(procurement, None)
    form.section.data = str(section.id)
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor.add_inline_criterion(
            section, actor=current_user, code=form.code.data, title=form.title.data, question=form.question.data,
            kind=form.kind.data, weight=form.weight.data, min_score=form.min_score.data,
            youth_share=form.youth_share.data), form):
        flash(f"Criterion {form.code.data} added to '{section.name}'.", "success")
        return _back(procurement)
    return _render("criterion.html", procurement, form=form, section=section, criterion=None)


@bp.route("/<reference>/plan/criteria/<int:criterion_id>", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_criterion(procurement: Procurement, criterion_id: int):
    criterion = _owned(Criterion, procurement, criterion_id)
    form = _criterion_form(procurement, criterion)
    form.code.data = criterion.code  # the code is fixed once added (scores and files refer to it)
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit():
        target = _owned(Section, procurement, int(form.section.data))
        if _attempt(lambda: editor.update_criterion(
                criterion, actor=current_user, title=form.title.data, question=form.question.data,
                kind=form.kind.data, weight=form.weight.data, min_score=form.min_score.data,
                youth_share=form.youth_share.data, section=target), form):
            flash(f"Criterion {criterion.code} saved.", "success")
            return _back(procurement)
    return _render("criterion.html", procurement, form=form, section=criterion.section, criterion=criterion)


@bp.post("/<reference>/plan/criteria/<int:criterion_id>/move")
@procurement(EDITOR)
def plan_move_criterion(procurement: Procurement, criterion_id: int):
    criterion = _owned(Criterion, procurement, criterion_id)
    if (refused := _refuse_if_locked(procurement)) is None and ActionForm().validate_on_submit():
        _attempt(lambda: editor.move_criterion(criterion, actor=current_user, direction=_direction()))
    return refused or _back(procurement)


@bp.route("/<reference>/plan/criteria/<int:criterion_id>/remove", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_remove_criterion(procurement: Procurement, criterion_id: int):
    criterion = _owned(Criterion, procurement, criterion_id)
    form = RemoveForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    code = criterion.code
    if form.validate_on_submit() and _attempt(lambda: editor.remove_criterion(criterion, actor=current_user), form):
        flash(f"Criterion {code} removed.", "success")
        return _back(procurement)
    return _render("remove.html", procurement, form=form, thing=f"criterion {code} {criterion.title}", contents=[])


# --- Weights -----------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/weights", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_weights(procurement: Procurement):
    form = ActionForm()
    entry = WeightsEntry.from_plan(procurement)
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit():
        entry = WeightsEntry.from_form(procurement, request.form)
        if not entry.errors and _attempt(lambda: editor.set_weights(
                procurement, actor=current_user, section_weights=entry.section_weights(),
                criterion_weights=entry.criterion_weights())):
            flash("Weights saved. Every level adds up to 100.", "success")
            return _back(procurement, "procurements.overview")
    return _render("weights.html", procurement, form=form, entry=entry)


# --- Suppliers ---------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/suppliers", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_suppliers(procurement: Procurement):
    form = SupplierForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor_people.add_supplier(
            procurement, actor=current_user, name=form.name.data, price=form.price.data), form):
        flash(f"Supplier {form.name.data} added.", "success")
        return _back(procurement, "procurements.plan_suppliers")
    return _render("suppliers.html", procurement, form=form, action_form=ActionForm())


@bp.route("/<reference>/plan/suppliers/<int:supplier_id>", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_supplier(procurement: Procurement, supplier_id: int):
    supplier = _owned(Supplier, procurement, supplier_id)
    form = SupplierForm(obj=supplier if request.method == "GET" else None)
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor_people.update_supplier(
            supplier, actor=current_user, name=form.name.data, price=form.price.data), form):
        flash(f"Supplier {form.name.data} saved.", "success")
        return _back(procurement, "procurements.plan_suppliers")
    return _render("supplier.html", procurement, form=form, supplier=supplier)


@bp.post("/<reference>/plan/suppliers/<int:supplier_id>/move")
@procurement(EDITOR)
def plan_move_supplier(procurement: Procurement, supplier_id: int):
    supplier = _owned(Supplier, procurement, supplier_id)
    if (refused := _refuse_if_locked(procurement)) is None and ActionForm().validate_on_submit():
        _attempt(lambda: editor_people.move_supplier(supplier, actor=current_user, direction=_direction()))
    return refused or _back(procurement, "procurements.plan_suppliers")


@bp.route("/<reference>/plan/suppliers/<int:supplier_id>/remove", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_remove_supplier(procurement: Procurement, supplier_id: int):
    supplier = _owned(Supplier, procurement, supplier_id)
    form = RemoveForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    name = supplier.name
    if form.validate_on_submit() and _attempt(lambda: editor_people.remove_supplier(supplier, actor=current_user),
                                              form):
        flash(f"Supplier {name} removed.", "success")
        return _back(procurement, "procurements.plan_suppliers")
    return _render("remove.html", procurement, form=form, thing=f"supplier {name}", contents=[])


# --- Panel -------------------------------------------------------------------------------------------------------

@bp.route("/<reference>/plan/panel", methods=["GET", "POST"])
@procurement(EDITOR)
def plan_panel(procurement: Procurement):
    form = MemberForm()
    if request.method == "POST" and (refused := _refuse_if_locked(procurement)):
        return refused
    if form.validate_on_submit() and _attempt(lambda: editor_people.add_member(
            procurement, actor=current_user, email=form.email.data, role=MemberRole(form.role.data)), form):
        flash(f"{form.email.data} added to the panel as {form.role.data}.", "success")
        return _back(procurement, "procurements.plan_panel")
    return _render("panel.html", procurement, form=form, members=editor_people.panel(procurement),
                   action_form=ActionForm())


@bp.post("/<reference>/plan/panel/<int:membership_id>/remove")
@procurement(EDITOR)
def plan_remove_member(procurement: Procurement, membership_id: int):
    membership = db.session.execute(select(Membership).where(
        Membership.id == membership_id, Membership.procurement_id == procurement.id)).scalar_one_or_none()
    if membership is None:
        abort(404)
    if (refused := _refuse_if_locked(procurement)) is None and ActionForm().validate_on_submit():
        email = membership.user.email
        if _attempt(lambda: editor_people.remove_member(membership, actor=current_user)):
            flash(f"{email} removed from the panel.", "success")
    return refused or _back(procurement, "procurements.plan_panel")

