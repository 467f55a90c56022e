"""The evaluation workbook (openpyxl) with live formulas.

``Summary`` Total and Rank are formulas over ``Matrix``: the section weights (block "Section weights"), criterion
weights, and quality/price weights in ``Matrix`` drive the SUMPRODUCT quality of each supplier, so an officer who
changes a weight there sees totals and ranks move. Every cell written from user text is stored as text (never a
formula) with a quote prefix. Excluded suppliers have a blank Total and Rank and are never ranked.

The workbook is written in openpyxl's write-only mode (rows stream to the file; lxml makes that fast), so a large
evaluation's ~100,000 score rows never sit in memory as cell objects. Each sheet is written through
``Worksheet`` (``xlsx_stream.Sheet``), which takes cells in increasing row order and sends every finished row
on; sheet settings (frozen panes, print titles, column widths) are made before the first row. The Audit sheet is
left out for a report whose audience may not read the audit trail.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from workbench import scoring
from workbench.exports import UNSAFE_START, cell_text, xlsx_stream
from workbench.exports.charts import chart_table
from workbench.results.report import Report, ScoreRow, audit_rows, moderation_rows, score_rows, youth_comments

LONDON = ZoneInfo("Europe/London")
NUMBER = "0.00"
WEIGHT = "0.###"
SCORE = "0.0000"
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DEE0E2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF7BF")
SHEETS = ("Summary", "Matrix", "Scores", "Moderation", "Young people", "Method", "Sensitivity", "Audit", "Charts")


Worksheet = xlsx_stream.Sheet


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write one cell. Text is always text: a value starting with =, +, -, @, tab or CR is never a formula."""
    cell = ws.cell(row=row, column=column)
    value = _london(value)
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(UNSAFE_START):
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    return cell


def _london(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=value.tzinfo or ZoneInfo("UTC")).astimezone(LONDON).replace(tzinfo=None)
    return value


def formula(ws: Worksheet, row: int, column: int, text: str, number_format: str | None = None) -> Any:
    """Write a formula we built ourselves (never from user text)."""
    cell = ws.cell(row=row, column=column)
    cell.value = text
    if number_format:
        cell.number_format = number_format
    return cell


def _header(ws: Worksheet, row: int, titles: list[str], widths: list[int] | None = None) -> None:
    for column, title in enumerate(titles, start=1):
        cell = put(ws, row, column, title)
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _setup(ws: WriteOnlyWorksheet, header_row: int = 1, freeze: str | None = None) -> None:
    """Frozen panes, print titles and page set-up: made before the first row is written (write-only mode)."""
    ws.freeze_panes = freeze or f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# --- Matrix ---------------------------------------------------------------------------------------------------

class _MatrixCells:
    """Where Summary finds what it needs in Matrix."""

    def __init__(self) -> None:
        self.quality_row = 0
        self.quality_weight = ""
        self.price_weight = ""
        self.supplier_column: dict[str, str] = {}


def _weighted_sections(evaluation: scoring.Evaluation) -> list[tuple[scoring.Section, list[scoring.Criterion]]]:
    return [(s, [c for c in s.criteria if c.kind == scoring.Kind.SCORED]) for s in evaluation.sections
            if s.weighted]


def _matrix(ws: Worksheet, report: Report) -> _MatrixCells:
    cells = _MatrixCells()
    suppliers = report.result.suppliers
    first = 7  # the first supplier column (G)
    _header(ws, 1, ["Section", "Code", "Criterion", "Section weight (%)", "Criterion weight (%)",
                    "Weight in quality (%)", *[s.name for s in suppliers]],
            [30, 10, 40, 12, 12, 12, *[16] * len(suppliers)])
    for i, supplier in enumerate(suppliers):
        cells.supplier_column[supplier.name] = get_column_letter(first + i)
    sections = _weighted_sections(report.evaluation)
    count = sum(len(criteria) for _, criteria in sections)
    last = 1 + count
    cells.quality_row = last + 1
    section_header = cells.quality_row + 2
    section_rows = {index: section_header + 1 + index for index in range(len(sections))}
    row = 2
    spans: dict[int, tuple[int, int]] = {}
    for index, (section, criteria) in enumerate(sections):
        start = row
        for criterion in criteria:
            put(ws, row, 1, section.name)
            put(ws, row, 2, criterion.code)
            put(ws, row, 3, criterion.title)
            formula(ws, row, 4, f"=$D${section_rows[index]}", WEIGHT)
            put(ws, row, 5, float(scoring.as_fraction(criterion.weight)), WEIGHT).fill = _INPUT_FILL
            formula(ws, row, 6, f"=D{row}*E{row}/100", SCORE)
            for i, supplier in enumerate(suppliers):
                put(ws, row, first + i, supplier.criteria[criterion.code].normalised, SCORE)
            row += 1
        spans[index] = (start, row - 1)
    put(ws, cells.quality_row, 1, "Quality (0–100)").font = _BOLD
    for i, _supplier in enumerate(suppliers):
        col = get_column_letter(first + i)
        if count:
            formula(ws, cells.quality_row, first + i,
                    f'=IF(COUNT({col}2:{col}{last})<{count},"",SUMPRODUCT($F$2:$F${last},{col}2:{col}{last}))',
                    NUMBER).font = _BOLD
    _header_cells(ws, section_header, ["Section weights", "", "", "Section weight (%)", "", "",
                                       *[f"{s.name}: weighted score" for s in suppliers]])
    for index, (section, _criteria) in enumerate(sections):
        r = section_rows[index]
        put(ws, r, 1, section.name)
        put(ws, r, 4, float(scoring.as_fraction(section.weight)), WEIGHT).fill = _INPUT_FILL
        a, b = spans[index]
        for i, _supplier in enumerate(suppliers):
            col = get_column_letter(first + i)
            formula(ws, r, first + i, f"=SUMPRODUCT($F${a}:$F${b},{col}{a}:{col}{b})", NUMBER)
    r = section_header + len(sections) + 1
    put(ws, r, 1, "Section weights total (must be 100)")
    formula(ws, r, 4, f"=SUM(D{section_header + 1}:D{r - 1})", WEIGHT)
    put(ws, r + 2, 1, "Quality weight (%)")
    put(ws, r + 2, 4, float(report.procurement.quality_weight), WEIGHT).fill = _INPUT_FILL
    put(ws, r + 3, 1, "Price weight (%)")
    put(ws, r + 3, 4, float(report.procurement.price_weight), WEIGHT).fill = _INPUT_FILL
    cells.quality_weight, cells.price_weight = f"Matrix!$D${r + 2}", f"Matrix!$D${r + 3}"
    _pass_fail_block(ws, report, r + 5, first)
    return cells


def _header_cells(ws: Worksheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = put(ws, row, column, title or None)
        cell.font = _BOLD
        cell.fill = _HEAD_FILL


def _pass_fail_block(ws: Worksheet, report: Report, row: int, first: int) -> None:
    criteria = [(s, c) for s in report.evaluation.sections for c in s.criteria if c.kind == scoring.Kind.PASS_FAIL]
    if not criteria:
        return
    _header_cells(ws, row, ["Pass/fail criteria", "Code", "Criterion", "", "", "",
                            *[s.name for s in report.result.suppliers]])
    for offset, (section, criterion) in enumerate(criteria, start=1):
        put(ws, row + offset, 1, section.name)
        put(ws, row + offset, 2, criterion.code)
        put(ws, row + offset, 3, criterion.title)
        for i, supplier in enumerate(report.result.suppliers):
            put(ws, row + offset, first + i, supplier.criteria[criterion.code].professional)


# --- Summary ----------------------------------------------------------------------------------------------------

def _summary(ws: Worksheet, report: Report, matrix: _MatrixCells) -> None:
    suppliers = report.result.suppliers
    _header(ws, 1, ["Supplier", "Bid price (£)", "Quality", "Price", "Total", "Rank", "Tie", "Excluded", "Notes"],
            [34, 14, 10, 10, 10, 8, 8, 10, 60])
    last = 1 + len(suppliers)
    price_needed = bool(report.evaluation.price_weight)
    for row, supplier in enumerate(suppliers, start=2):
        price = next(s.price for s in report.evaluation.suppliers if s.name == supplier.name)
        put(ws, row, 1, supplier.name)
        put(ws, row, 2, None if price is None else float(scoring.as_fraction(price)), "#,##0.00")
        formula(ws, row, 3, f"=Matrix!{matrix.supplier_column[supplier.name]}{matrix.quality_row}", NUMBER)
        put(ws, row, 4, supplier.price_score, NUMBER)
        if not supplier.excluded and not (price_needed and supplier.price_score is None):
            formula(ws, row, 5, f'=IF(C{row}="","",C{row}*{matrix.quality_weight}/100'
                                f'+N(D{row})*{matrix.price_weight}/100)', NUMBER)
            formula(ws, row, 6, f'=IF(E{row}="","",_xlfn.RANK.EQ(E{row},$E$2:$E${last},0))')
            formula(ws, row, 7, f'=IF(F{row}="","",IF(COUNTIF($F$2:$F${last},F{row})>1,"Yes","No"))')
        put(ws, row, 8, "Yes" if supplier.excluded else "No")
        notes = list(supplier.exclusion_reasons)
        if not supplier.complete:
            notes.append("Incomplete: some scores, answers or the price are missing")
        put(ws, row, 9, "; ".join(notes) or None)
    if suppliers:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Total score (0–100)"
        chart.y_axis.title = "Total"
        chart.add_data(Reference(ws.ws, min_col=5, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws.ws, min_col=1, min_row=2, max_row=last))
        chart.height, chart.width = 7 + 0.4 * len(suppliers), 16
        chart.legend = None
        ws.add_chart(chart, "K2")


# --- detail sheets ------------------------------------------------------------------------------------------------

_SCORE_TITLES = ["Supplier", "Criterion", "Evaluator", "Email", "Score", "Justification", "Submitted (UK time)"]


def _scores(ws: Worksheet) -> None:
    """The header; ``workbook_bytes`` streams the rows in (``xlsx_stream``)."""
    _header(ws, 1, _SCORE_TITLES, [30, 10, 24, 30, 8, 70, 18])


def _score_values(scores: list[ScoreRow]) -> Iterator[list[Any]]:
    for score in scores:
        yield [score.supplier, score.criterion, score.evaluator, score.evaluator_email, score.value,
               score.justification, score.submitted_at]


_MODERATION_TITLES = ["Supplier", "Criterion", "Individual scores", "Lowest", "Highest", "Spread", "Flagged",
                      "Consensus", "Rationale", "Recorded by", "Recorded (UK time)"]


def _moderation(ws: Worksheet) -> None:
    """The header; ``workbook_bytes`` streams the rows in (``_moderation_values``)."""
    _header(ws, 1, _MODERATION_TITLES, [30, 10, 40, 8, 8, 8, 8, 10, 60, 20, 18])


def _moderation_values(report: Report, scores: list[ScoreRow]) -> list[list[Any]]:
    individual: dict[tuple[str, str], list[str]] = defaultdict(list)
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for score in scores:
        individual[(score.supplier, score.criterion)].append(f"{score.evaluator}: {score.value}")
        if isinstance(score.value, int):
            numbers[(score.supplier, score.criterion)].append(score.value)
    agreed = {(m.supplier, m.criterion): m for m in moderation_rows(report.procurement, report.audience.hidden)}
    rows: list[list[Any]] = []
    for supplier in report.result.suppliers:
        for code, result in supplier.criteria.items():
            key = (supplier.name, code)
            if key not in individual and key not in agreed:
                continue
            found = numbers.get(key, [])
            moderation = agreed.get(key)
            rows.append([supplier.name, code, "; ".join(individual.get(key, [])), min(found) if found else None,
                         max(found) if found else None, (max(found) - min(found)) if found else None,
                         "Yes" if result.spread_flag else "No", moderation.consensus if moderation else None,
                         moderation.rationale if moderation else None,
                         moderation.recorded_by if moderation else None,
                         moderation.recorded_at if moderation else None])
    return rows


def _young_people(ws: Worksheet, report: Report) -> None:
    _header(ws, 1, ["Supplier", "Criterion", "Young people's share (%)", "Mean answer (1–5)", "Answers",
                    "Normalised (0–1)"], [30, 10, 14, 14, 10, 14])
    shares = {c.code: c.youth_share for c in report.evaluation.criteria()}
    row = 2
    for supplier in report.result.suppliers:
        for code, result in supplier.criteria.items():
            if result.youth is None:
                continue
            put(ws, row, 1, supplier.name)
            put(ws, row, 2, code)
            put(ws, row, 3, float(scoring.as_fraction(shares[code])), WEIGHT)
            put(ws, row, 4, result.youth, NUMBER)
            put(ws, row, 5, result.youth_count)
            put(ws, row, 6, None if result.youth is None else (result.youth - 1) / 4, SCORE)
            row += 1
    row += 1
    _header_cells(ws, row, ["Young people's ranking", "", "Score (0–100)", "Rank"])
    for rank in report.youth_ranking:
        row += 1
        put(ws, row, 1, rank.supplier)
        put(ws, row, 3, rank.score, NUMBER)
        put(ws, row, 4, rank.rank)
    row += 2
    _header_cells(ws, row, ["Comments: respondent", "Supplier", "Question", "Answer", "Comment"])
    for answer in youth_comments(report.procurement):
        row += 1
        for column, value in enumerate([answer.respondent, answer.supplier, answer.question,
                                        "Not sure" if answer.answer is None else answer.answer, answer.comment],
                                       start=1):
            put(ws, row, column, value)


def _method(ws: Worksheet, report: Report) -> None:
    procurement = report.procurement
    _header(ws, 1, ["Topic", "Method"], [28, 110])
    lines: list[tuple[str, str]] = [
        ("Procurement", f"{procurement.reference}: {procurement.title}"),
        ("Scale", f"Whole numbers from {procurement.scale_min} to {procurement.scale_max}. A score v normalises to "
                  f"(v - {procurement.scale_min}) / ({procurement.scale_max} - {procurement.scale_min})."),
    ]
    lines += [(f"Level {lv.value}", f"{lv.label}: {lv.descriptor}".rstrip(": ")) for lv in procurement.scale_levels]
    lines += [
        ("Professional score", "The moderated (consensus) score where one is recorded, otherwise the mean of the "
                               "submitted scores of evaluators without a declared conflict with the supplier."),
        ("Young people's share", "A criterion may give a share s to the young people: n = (1 - s) × n_professional "
                                 "+ s × n_young_people, where an answer a (1–5) normalises to (a - 1) / 4. "
                                 "'Not sure' is not an answer."),
        ("Quality (0–100)", "100 × Σ sections (section weight / 100) × Σ criteria (criterion weight / 100) × n. "
                            "In Matrix: SUMPRODUCT of 'Weight in quality (%)' and the normalised scores."),
        ("Price (0–100)", "Lowest price method: 100 × lowest price / price."
         if procurement.price_method.value == "lowest" else
         "Linear method: max(0, 100 × (1 - (price - lowest price) / lowest price))."),
        ("Lowest price", "Set by the bids of suppliers who are not excluded."),
        ("Total", f"Quality × {procurement.quality_weight:g}% + price × {procurement.price_weight:g}% "
                  "(the weights in Matrix)."),
        ("Rank", "By total, highest first; equal totals share a rank (1, 1, 3) and are flagged as a tie."),
        ("Exclusion", "A failed pass/fail criterion, or a professional score below a criterion's minimum, excludes "
                      "a supplier: its quality is shown, but its price, total and rank are blank."),
        ("Live formulas", "Summary's Quality, Total, Rank and Tie are formulas over Matrix. Change a section weight "
                          "(block 'Section weights'), a criterion weight, or the quality/price weights in Matrix "
                          "(yellow cells) and the totals and ranks follow. Keep each level summing to 100."),
        ("Figures", "Full precision is stored; cells show 2 decimal places."),
    ]
    lines += [(f"Section: {s.name}", f"Weight {s.weight:g}% of quality; criteria: " + ", ".join(
        f"{c.code} {c.weight:g}%" + (f" (minimum {c.min_score:g})" if c.min_score is not None else "")
        + (f" (young people {c.youth_share:g}%)" if c.youth_share else "")
        + (" (pass/fail)" if c.kind.value == "pass_fail" else "") for c in s.criteria)) for s in procurement.sections]
    for row, (topic, text) in enumerate(lines, start=2):
        put(ws, row, 1, topic)
        put(ws, row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")


def _change(change: scoring.Change | None) -> tuple[float | None, float | None, str]:
    if change is None:
        return None, None, "Never changes"
    return float(change.weight), float(change.movement), ", ".join(change.leaders)


def _sensitivity(ws: Worksheet, report: Report) -> None:
    _header(ws, 1, ["Section", "Weight (%)", "Lowered to (%)", "Move down (points)", "New leader(s) down",
                    "Raised to (%)", "Move up (points)", "New leader(s) up"], [30, 10, 12, 12, 34, 12, 12, 34])
    for row, item in enumerate(report.sensitivity.sections, start=2):
        put(ws, row, 1, item.section)
        put(ws, row, 2, float(item.weight), WEIGHT)
        for column, value in enumerate([*_change(item.down), *_change(item.up)], start=3):
            put(ws, row, column, value, NUMBER if isinstance(value, float) else None)
    note = len(report.sensitivity.sections) + 3
    put(ws, note, 1, "Top-ranked today: " + (", ".join(report.sensitivity.leaders) or "nobody is ranked yet"))
    put(ws, note + 1, 1, "When one section weight moves, the other sections are rescaled in proportion so that "
                         "they still sum to 100. 'Never changes' means the leader stays top across 0–100%.")


def _audit(ws: Worksheet, report: Report) -> None:
    import json

    _header(ws, 1, ["#", "Time (UK)", "Who", "Action", "Entity", "Before", "After", "Reason", "Hash"],
            [6, 18, 28, 22, 24, 40, 40, 40, 20])
    for row, event in enumerate(audit_rows(report.procurement), start=2):
        values = [event.sequence, event.occurred_at, event.actor_label, event.action, event.entity,
                  None if event.before is None else json.dumps(event.before, ensure_ascii=False, sort_keys=True),
                  None if event.after is None else json.dumps(event.after, ensure_ascii=False, sort_keys=True),
                  event.reason, event.hash]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, "yyyy-mm-dd hh:mm:ss" if column == 2 else None)


_CHARTS = (("sections", "Weighted score by section"), ("spread", "Evaluator spread per criterion"),
           ("youth", "Young people's view"))


def _charts(ws: Worksheet, report: Report) -> None:
    """Each chart's data table with a native Excel bar chart beside it (drawn by the spreadsheet, not an image)."""
    put(ws, 1, 1, "Charts (the same data is in Matrix, Moderation and Young people)").font = _BOLD
    ws.column_dimensions["A"].width = 34
    row = 3
    for name, title in _CHARTS:
        table = chart_table(report, name)
        put(ws, row, 1, title).font = _BOLD
        _header_cells(ws, row + 1, ["Criterion" if name == "spread" else "Supplier", *table.columns])
        for offset, (label, values) in enumerate(table.rows, start=2):
            put(ws, row + offset, 1, label)
            for column, value in enumerate(values, start=2):
                put(ws, row + offset, column, value, NUMBER)
        last = row + 1 + len(table.rows)
        if table.rows and table.columns:
            anchor = f"{get_column_letter(len(table.columns) + 3)}{row}"
            ws.add_chart(_bar_chart(ws, title, name, row + 1, last, len(table.columns)), anchor)
        row = last + max(0, 18 - len(table.rows)) + 3


def _bar_chart(ws: Worksheet, title: str, name: str, header: int, last: int, columns: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    if name == "sections":
        chart.grouping, chart.overlap = "stacked", 100
    chart.add_data(Reference(ws.ws, min_col=2, max_col=1 + columns, min_row=header, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=header + 1, max_row=last))
    chart.height, chart.width = min(40.0, 7 + 0.4 * (last - header)), 18
    if columns == 1:
        chart.legend = None
    return chart


_FREEZE = {"Summary": "B2", "Matrix": "G2"}


def _build(report: Report) -> tuple[Workbook, list[ScoreRow]]:
    workbook = Workbook(write_only=True)
    sheets: dict[str, Worksheet] = {}
    for name in SHEETS:
        if name == "Audit" and not report.audience.audit:
            continue  # the audit trail is for officers, auditors and admins, not the panel
        ws = workbook.create_sheet(name)
        if name != "Charts":
            _setup(ws, freeze=_FREEZE.get(name))
        sheets[name] = Worksheet(ws)
    scores = score_rows(report.procurement, report.audience.hidden)
    matrix = _matrix(sheets["Matrix"], report)
    _summary(sheets["Summary"], report, matrix)
    _scores(sheets["Scores"])
    _moderation(sheets["Moderation"])
    _young_people(sheets["Young people"], report)
    _method(sheets["Method"], report)
    _sensitivity(sheets["Sensitivity"], report)
    if "Audit" in sheets:
        _audit(sheets["Audit"], report)
    _charts(sheets["Charts"], report)
    for sheet in sheets.values():
        sheet.close()
    return workbook, scores


def workbook_bytes(report: Report) -> bytes:
    """The saved workbook (.xlsx), with the Scores and Moderation rows streamed into it (``xlsx_stream``)."""
    workbook, scores = _build(report)
    styles = xlsx_stream.Styles.register(workbook["Scores"], "yyyy-mm-dd hh:mm")
    moderation = _moderation_values(report, scores)
    out = io.BytesIO()
    workbook.save(out)
    streamed = [
        xlsx_stream.Rows(workbook["Scores"].path.lstrip("/"),
                         xlsx_stream.rows_xml(_score_values(scores), 2, styles, _london),
                         1 + len(scores), len(_SCORE_TITLES)),
        xlsx_stream.Rows(workbook["Moderation"].path.lstrip("/"),
                         xlsx_stream.rows_xml(moderation, 2, styles, _london),
                         1 + len(moderation), len(_MODERATION_TITLES)),
    ]
    return xlsx_stream.splice(out.getvalue(), streamed)
