"""KPI trend charts (matplotlib, Agg): the period values with the KPI's band limits. The page shows the same
figures as a table and a sentence, so the chart is never the only way to read them."""

from __future__ import annotations

import io
from typing import Any

from workbench.exports import new_figure


def chart_summary(kpi: dict[str, Any]) -> str:
    """The chart's text alternative."""
    points = [p for p in kpi["periods"] if p["value"] is not None]
    if not points:
        return f"{kpi['code']} has no measured values yet."
    values = ", ".join(f"{p['period']} {p['value']:g} ({p['rating']})" for p in points)
    better = "higher" if kpi["direction"] == "higher" else "lower"
    return (f"Trend of {kpi['code']} {kpi['title']} in {kpi['unit']} ({better} is better, target "
            f"{kpi['target']:g}): {values}.")


def kpi_chart_png(kpi: dict[str, Any]) -> bytes:
    figure = new_figure(figsize=(7, 3.2), dpi=100)
    axes = figure.subplots()
    points = [p for p in kpi["periods"] if p["value"] is not None]
    labels = [p["period"] for p in points]
    axes.plot(labels, [p["value"] for p in points], marker="o", color="#1d70b8", label="Measured")
    for value, text, style in ((kpi["target"], "Target", "-"), (kpi["approaching"], "Approaching target", "--"),
                               (kpi["requires_improvement"], "Requires improvement", ":")):
        axes.axhline(value, color="#505a5f", linestyle=style, linewidth=1, label=f"{text} ({value:g})")
    axes.set_title(f"{kpi['code']} {kpi['title']}")
    axes.set_ylabel(kpi["unit"])
    axes.legend(fontsize="small", loc="best")
    axes.tick_params(axis="x", labelrotation=45, labelsize="small")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
