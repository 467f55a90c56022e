"""Browsing and searching the criteria library in the browser."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from workbench.access import signed_in
from workbench.library.loader import load_library
from workbench.library.model import Library

bp = Blueprint("library", __name__, url_prefix="/library")


def current_library() -> Library:
    """The library, loaded and validated once per process (the files ship with the code)."""
    library = current_app.extensions.get("workbench_library")
    if library is None:
        library = load_library()
        current_app.extensions["workbench_library"] = library
    return library


@bp.get("/")
@signed_in
def index():
    library = current_library()
    query = request.args.get("q", "").strip()[:200]
    matches = library.search(query) if query else None
    return render_template("library/index.html", library=library, query=query, matches=matches)


@bp.get("/criteria/<criterion_id>")
@signed_in
def criterion(criterion_id: str):
    library = current_library()
    found = library.criterion(criterion_id) or abort(404)
    return render_template("library/criterion.html", criterion=found,
                           criteria_set=library.criteria_set(found.set_id))
