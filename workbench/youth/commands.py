"""`workbench youth ...` commands: thin wrappers over the young people's services."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("youth")
def youth() -> None:
    """Young people's panels."""


@youth.command("import")
@click.argument("reference")
@click.argument("answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def youth_import(reference: str, answers_file: Path) -> None:
    """Import a paper session's answers (CSV or XLSX: respondent,supplier,question,answer,comment), all or nothing."""
    from workbench.cli import import_file, procurement_or_fail
    from workbench.youth.imports import import_answers

    import_file(import_answers, procurement_or_fail(reference), answers_file, "young people's answers", reference)


COMMANDS: list[click.Command] = [youth]
