"""`workbench youth ...` commands: thin wrappers over the young people's services."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from workbench.extensions import db
from workbench.problems import ProblemsError


@click.group("youth")
def youth() -> None:
    """Young people's panels."""


@youth.command("import")
@click.argument("reference")
@click.argument("answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def youth_import(reference: str, answers_file: Path) -> None:
    """Import a paper session's answers (CSV or XLSX: respondent,supplier,question,answer,comment), all or nothing."""
    from workbench.cli import _procurement, fail
    from workbench.youth.imports import import_answers

    procurement = _procurement(reference)
    try:
        count = import_answers(procurement, answers_file, filename=str(answers_file), actor="cli")
    except ProblemsError as problems:
        fail(problems)
    db.session.commit()
    click.echo(f"Imported {count} young people's answers into {reference}.")


COMMANDS: list[click.Command] = [youth]
