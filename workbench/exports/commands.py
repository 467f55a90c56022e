"""`workbench export REF --format xlsx|csv|json -o FILE [--table results|scores|audit]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


@click.command("export")
@click.argument("reference")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "json"]), required=True,
              help="xlsx: the live workbook; csv: one table (see --table); json: the results JSON.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write.")
@click.option("--table", type=click.Choice(["results", "scores", "audit"]), default="results", show_default=True,
              help="Which table --format csv writes.")
@with_appcontext
def export(reference: str, fmt: str, output: Path, table: str) -> None:
    """Export a procurement's results: the Excel workbook, a CSV table or the results JSON."""
    from workbench.cli import procurement_or_fail
    from workbench.exports.csv import table_csv
    from workbench.exports.json import results_json
    from workbench.exports.xlsx import workbook_bytes
    from workbench.results.report import build_report

    report = build_report(procurement_or_fail(reference))
    if fmt == "xlsx":
        output.write_bytes(workbook_bytes(report))
    elif fmt == "csv":
        output.write_text(table_csv(report, table), encoding="utf-8", newline="")
    else:
        output.write_text(results_json(report), encoding="utf-8")
    click.echo(f"Wrote {output}")


COMMANDS = [export]
