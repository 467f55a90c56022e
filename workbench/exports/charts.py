"""PNG charts (matplotlib, Agg backend): weighted score by section per supplier, evaluator spread per criterion,
and the young people's view. Each chart has a data table (``*_table``) that the page shows as its text alternative.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench import scoring
from workbench.exports import new_figure
from workbench.results.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHARTS = ("sections", "spread", "youth")
_COLOURS = ("#1d70b8", "#00703c", "#f47738", "#4c2c92", "#d4351c", "#28a197", "#f499be", "#85994b", "#6f72af",
            "#b58840", "#912b88", "#505a5f")


@dataclass(frozen=True)
class ChartTable:
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[float | None]]]


def sections_table(report: Report) -> ChartTable:
    names = list(dict.fromkeys(s.name for s in report.evaluation.sections if s.weighted))
    return ChartTable("Weighted score by section (points of quality, 0–100)", names,
                      [(s.name, [s.section_scores.get(n) for n in names]) for s in report.result.suppliers])


def spread_table(report: Report) -> ChartTable:
    """Per scored criterion: lowest, mean and highest submitted score over all suppliers' (s, c) pairs."""
    ranges = scoring.score_ranges(report.evaluation)
    rows = []
    for criterion in report.evaluation.criteria():
        found = ranges.get(criterion.code)
        if criterion.kind == scoring.Kind.SCORED:
            rows.append((criterion.code, [float(found.low), float(found.mean), float(found.high)] if found
                         else [None, None, None]))
    return ChartTable("Spread of evaluators’ scores per criterion (all suppliers)", ["Lowest", "Mean", "Highest"],
                      rows)


def youth_table(report: Report) -> ChartTable:
    """The young people's score per supplier, as ``scoring.youth_only_ranking`` works it out."""
    return ChartTable("Young people’s score per supplier (0–100)", ["Score"],
                      [(rank.supplier, [rank.score]) for rank in report.youth_ranking])


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=80)
    return out.getvalue()


def _sections_png(table: ChartTable) -> bytes:
    figure = new_figure(layout="constrained", figsize=(8, 0.5 * len(table.rows) + 1.8))
    axes = figure.add_subplot()
    labels = [name for name, _ in table.rows]
    left = [0.0] * len(labels)
    for i, column in enumerate(table.columns):
        widths = [values[i] or 0.0 for _, values in table.rows]
        axes.barh(labels, widths, left=left, label=column, color=_COLOURS[i % len(_COLOURS)])
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("Weighted quality score (0–100)")
    axes.set_xlim(0, 100)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15 - 0.01 * len(labels)), ncol=2, fontsize="small")
    return _png(figure)


def _spread_png(table: ChartTable) -> bytes:
    rows = [(code, v) for code, v in table.rows if v[0] is not None]
    figure = new_figure(layout="constrained", figsize=(8, 0.3 * max(len(rows), 4) + 1.2))
    axes = figure.add_subplot()
    labels = [code for code, _ in rows]
    axes.hlines(labels, [v[0] for _, v in rows], [v[2] for _, v in rows], color="#505a5f", linewidth=3)
    axes.plot([v[1] for _, v in rows], labels, "o", color="#1d70b8", label="Mean")
    axes.invert_yaxis()
    axes.set_xlabel("Score (lowest to highest, dot = mean)")
    return _png(figure)


def _youth_png(table: ChartTable) -> bytes:
    figure = new_figure(layout="constrained", figsize=(8, 0.5 * len(table.rows) + 1.2))
    axes = figure.add_subplot()
    labels = [name for name, _ in table.rows]
    axes.barh(labels, [v[0] or 0.0 for _, v in table.rows], color="#4c2c92")
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("Young people’s score (0–100)")
    return _png(figure)


def chart_table(report: Report, name: str) -> ChartTable:
    return {"sections": sections_table, "spread": spread_table, "youth": youth_table}[name](report)


def chart_png(report: Report, name: str) -> bytes:
    table = chart_table(report, name)
    return {"sections": _sections_png, "spread": _spread_png, "youth": _youth_png}[name](table)
