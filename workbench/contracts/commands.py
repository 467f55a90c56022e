"""`workbench contract ...`, `workbench measurements import` and `workbench incidents import`: thin wrappers
over the contract services that the pages use too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from workbench.extensions import db
from workbench.problems import ProblemsError


def _contract(reference: str):
    from workbench.cli import fail
    from workbench.contracts.queries import find_contract

    contract = find_contract(reference)
    if contract is None:
        fail(f"no contract with reference {reference}")
    return contract


@click.group("contract")
def contract() -> None:
    """Contracts after award."""


@contract.command("import")
@click.argument("contract_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def contract_import(contract_file: Path) -> None:
    """Create a contract from a contract file (YAML); prints its reference."""
    from workbench.cli import fail
    from workbench.contracts.services import create_contract
    from workbench.performance.contract_file import load_contract_file

    try:
        spec = load_contract_file(contract_file)
        created = create_contract(spec, actor="cli", source=str(contract_file))
    except ProblemsError as problems:
        fail(problems)
    db.session.commit()
    for warning in spec.warnings:
        click.echo(f"note: {warning}", err=True)
    click.echo(created.reference)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def report_text(report: dict[str, Any]) -> str:
    lines = [f"{report['reference']}: {report['title']} ({report['supplier']}, {report['start']} to {report['end']})"]
    for kpi in report["kpis"]:
        lines += ["", f"{kpi['code']} {kpi['title']} ({kpi['unit']}, {kpi['direction']} is better; target "
                      f"{kpi['target']:g}, approaching {kpi['approaching']:g}, requires improvement "
                      f"{kpi['requires_improvement']:g})"]
        lines += [f"  {p['period']:<10} {_number(p['value']):>12}  {p['rating']}" for p in kpi["periods"]]
        lines += [f"  Year {y['year']} ({y['start']} to {y['end']}) mean {_number(y['mean'])}: {y['rating']}"
                  for y in kpi["years"]]
    if report["incidents"]:
        lines += ["", "Incidents (minutes on the SLA's clock)"]
        for i in report["incidents"]:
            def met(value: bool | None, breached_open: bool) -> str:
                return "met" if value else ("BREACHED" if value is False or breached_open else "open")
            response = met(i["response_met"], i["response_breached_open"])
            resolution = met(i["resolution_met"], i["resolution_breached_open"])
            lines.append(f"  {i['reference']:<12} {i['severity']:<4} respond {_number(i['response_minutes']):>8} "
                         f"{response:<8} resolve {_number(i['resolution_minutes']):>8} {resolution}")
    return "\n".join(lines)


@contract.command("report")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
def contract_report(reference: str, as_json: bool) -> None:
    """Ratings per period and per contract year, and incidents against their SLAs (computed now)."""
    from workbench.contracts.queries import report_for

    report = report_for(_contract(reference))
    click.echo(json.dumps(report, indent=2) if as_json else report_text(report))


@contract.command("assessment")
@click.argument("reference")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), required=True, help="The file format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the file.")
@with_appcontext
def contract_assessment(reference: str, fmt: str, output: Path) -> None:
    """Write the annual KPI assessment (the rating per KPI per contract year) as XLSX or CSV."""
    from workbench.contracts.assessment import assessment_csv, assessment_xlsx
    from workbench.contracts.queries import report_for

    target = _contract(reference)
    report = report_for(target)
    if fmt == "csv":
        output.write_text(assessment_csv(target, report), encoding="utf-8", newline="")
    else:
        output.write_bytes(assessment_xlsx(target, report))
    click.echo(f"Wrote {output}")


@click.group("measurements")
def measurements() -> None:
    """KPI measurements of a contract."""


@measurements.command("import")
@click.argument("reference")
@click.argument("measurements_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def measurements_import(reference: str, measurements_file: Path) -> None:
    """Import measurements (CSV or XLSX: kpi,period,value,note), all or nothing."""
    from workbench.cli import import_file
    from workbench.contracts.services import import_measurements

    import_file(import_measurements, _contract(reference), measurements_file, "measurements", reference)


@click.group("incidents")
def incidents() -> None:
    """Incidents of a contract."""


@incidents.command("import")
@click.argument("reference")
@click.argument("incidents_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def incidents_import(reference: str, incidents_file: Path) -> None:
    """Import incidents (CSV or XLSX: reference,severity,reported,responded,resolved,description), all or nothing."""
    from workbench.cli import import_file
    from workbench.contracts.services import import_incidents

    import_file(import_incidents, _contract(reference), incidents_file, "incidents", reference)


COMMANDS: list[click.Command] = [contract, measurements, incidents]
