"""The `workbench` command line. Each command is a thin wrapper over the service functions the views use.

The same commands work as `flask --app wsgi …`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from workbench.extensions import db
from workbench.problems import ProblemsError


def main() -> None:
    from workbench import create_app

    cli = FlaskGroup(create_app=lambda: create_app(), add_default_commands=True,
                     help="The Evaluation Workbench: evaluate suppliers fairly, then hold them to account.")
    cli.main(prog_name="workbench")


def fail(problems: ProblemsError | str) -> None:
    """Print what is wrong, roll back, exit non-zero: nothing was written."""
    db.session.rollback()
    lines = [str(p) for p in problems.problems] if isinstance(problems, ProblemsError) else [problems]
    for line in lines:
        click.echo(f"error: {line}", err=True)
    sys.exit(1)


def import_file(load: Callable[..., int], target: object, path: Path, noun: str, reference: str) -> None:
    """Run an all-or-nothing import service on a file: print how many rows it took, or every problem."""
    try:
        count = load(target, path, filename=str(path), actor="cli")
    except ProblemsError as problems:
        fail(problems)
    db.session.commit()
    click.echo(f"Imported {count} {noun} into {reference}.")


def procurement_or_fail(reference: str):
    """The procurement with this reference, or a clear error and exit 1."""
    from workbench.results.inputs import load_procurement

    procurement = load_procurement(reference)
    if procurement is None:
        fail(f"no procurement with reference {reference}")
    return procurement


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations)."""
    upgrade(revision="heads")
    click.echo("Database is up to date.")


@click.command("demo")
@click.option("--reset", is_flag=True, help="Delete everything first, then load the demo.")
@click.option("--if-empty", is_flag=True, help="Load the demo only when the database has no users.")
@with_appcontext
def demo(reset: bool, if_empty: bool) -> None:
    """Load a realistic demo: a children's social care case-management procurement, partly scored."""
    from workbench.demo import DEMO_PASSWORD, database_is_empty, load_demo, reset_database

    if if_empty and not database_is_empty():
        click.echo("The database already has data: demo not loaded again. Demo accounts (if still there) use the "
                   f"password {DEMO_PASSWORD}: admin@council.example, olivia.officer@council.example, "
                   "aisha.auditor@council.example, the contract manager jo.reed@council.example, and the evaluators "
                   "in examples/plans/childrens-case-management.yaml")
        return
    if reset:
        reset_database()
    elif not database_is_empty():
        fail("the database already has data; use `workbench demo --reset` to replace it with the demo")
    accounts = load_demo()
    db.session.commit()
    click.echo("Demo loaded. Sign in with any of these (password for all: " + DEMO_PASSWORD + "):")
    for email, role in accounts:
        click.echo(f"  {role:<18} {email}")


@click.group("users")
def users() -> None:
    """Manage accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "officer", "evaluator", "auditor",
                                                          "contract_manager"]))
@click.password_option(help="At least 12 characters. Prompted for when not given.")
@with_appcontext
def users_create(email: str, name: str, role: str, password: str) -> None:
    """Create an account."""
    from workbench.auth.services import AccountError, create_user
    from workbench.models import Role

    try:
        create_user(email=email, name=name, role=Role(role), password=password, actor="cli")
    except AccountError as error:
        fail(str(error))
    db.session.commit()
    click.echo(f"Created {role} {email}")


@click.group("criteria")
def criteria() -> None:
    """The criteria library."""


@criteria.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def criteria_validate(path: Path | None) -> None:
    """Check the criteria library (or one file or folder): every problem with its file and line."""
    from workbench.config import REPO_ROOT
    from workbench.library.loader import validate_path

    targets = [path] if path else [REPO_ROOT / "criteria", REPO_ROOT / "questionnaires"]
    problems = [p for target in targets for p in validate_path(target)]
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo("The criteria library is valid: " + ", ".join(str(t) for t in targets))


@click.group("plan")
def plan() -> None:
    """Evaluation plans."""


@plan.command("import")
@click.argument("plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--officer", "officer_email", help="Email of the procurement officer who will run it.")
@with_appcontext
def plan_import(plan_file: Path, officer_email: str | None) -> None:
    """Create a procurement from a plan file; prints its reference."""
    from workbench.auth.services import find_user
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.procurements.services import create_procurement_from_plan

    officer = None
    if officer_email:
        officer = find_user(officer_email)
        if officer is None:
            fail(f"no account with the email address {officer_email}")
    try:
        library = load_library()
        the_plan = load_plan(plan_file, library)
        procurement = create_procurement_from_plan(the_plan, actor="cli", source=str(plan_file), officer=officer)
    except ProblemsError as problems:
        fail(problems)
    db.session.commit()
    click.echo(procurement.reference)


@click.group("scores")
def scores() -> None:
    """Panel scores."""


@scores.command("import")
@click.argument("reference")
@click.argument("scores_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def scores_import(reference: str, scores_file: Path) -> None:
    """Import scores (CSV or XLSX: evaluator,supplier,criterion,score,comment), all or nothing."""
    from workbench.panel.imports import import_scores

    import_file(import_scores, procurement_or_fail(reference), scores_file, "scores", reference)


@click.command("results")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Print the results JSON (full precision).")
@with_appcontext
def results(reference: str, as_json: bool) -> None:
    """Print the weighted comparison for a procurement."""
    from workbench import scoring
    from workbench.results.inputs import results_for
    from workbench.results.table import results_table

    procurement = procurement_or_fail(reference)
    outcome = results_for(procurement)
    if as_json:
        click.echo(json.dumps(scoring.to_json_dict(outcome, procurement.reference), indent=2))
    else:
        click.echo(results_table(procurement, outcome))


@click.group("audit")
def audit() -> None:
    """The audit trail."""


@audit.command("verify")
@click.argument("reference")
@with_appcontext
def audit_verify(reference: str) -> None:
    """Check that no audit event of a procurement was changed or deleted."""
    from workbench.audit import procurement_scope, verify_scope

    procurement = procurement_or_fail(reference)
    breaks = verify_scope(db.session, procurement_scope(procurement.reference))
    if breaks:
        for item in breaks:
            click.echo(f"error: {item}", err=True)
        sys.exit(1)
    click.echo(f"The audit trail of {reference} is intact.")


def feature_commands() -> list[click.Command]:
    """Command groups that live with their feature package (one import line per feature)."""
    from workbench.contracts.commands import COMMANDS as contract_commands
    from workbench.exports.commands import COMMANDS as export_commands
    from workbench.youth.commands import COMMANDS as youth_commands

    return [*youth_commands, *export_commands, *contract_commands]


def register_commands(app: Flask) -> None:
    for command in (init_db, demo, users, criteria, plan, scores, results, audit, *feature_commands()):
        app.cli.add_command(command)
