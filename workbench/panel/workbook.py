"""The offline scoring workbook (XLSX): fill it in away from the screen, then upload it.

The first sheet, "Scores", is exactly the scores file of the design notes (header
``evaluator,supplier,criterion,score,comment``), so the upload goes through the same ``import_scores`` as
``workbench scores import``. Nothing else may be on that sheet (the importer rejects values to the right of the
``comment`` column), so the evidence summary, the guidance and the scale are on the sheets after it.

The score column has data validation: the scale's whole numbers, or ``pass``/``fail`` for pass/fail criteria.
Every text cell is written as text: a value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is stored as a string with Excel's quote prefix, so a spreadsheet never runs it as a formula, and the text reads
back unchanged.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.evidence.queries import bid_evidence
from workbench.exports import UNSAFE_START, cell_text
from workbench.models import Criterion, Procurement, ScoreStatus, Supplier, User
from workbench.panel.imports import SCORES_HEADER
from workbench.panel.queries import declarations_of, scores_of

WRAP = Alignment(wrap_text=True, vertical="top")


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """Write a value; text is always text (never a formula), cut to what a cell can hold."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(UNSAFE_START):
            cell.quotePrefix = True
    else:
        cell.value = value


def _header(sheet: Worksheet, titles: tuple[str, ...] | list[str], widths: list[int]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        _put(sheet, 1, column, title)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = width
    sheet.freeze_panes = "A2"


def _rows_for(procurement: Procurement, evaluator: User, *, own: bool
              ) -> list[tuple[Supplier, Criterion, int | str | None, str]]:
    """An evaluator's rows still open to scoring: suppliers without a declared conflict (for their own workbook:
    only suppliers declared clear), every criterion not yet submitted. Their own drafts are filled in; an
    officer's workbook never shows an evaluator's draft."""
    declarations = declarations_of(procurement, evaluator)
    scores = scores_of(procurement, evaluator)
    rows = []
    for supplier in procurement.suppliers:
        declaration = declarations.get(supplier.id)
        if (declaration is None and own) or (declaration is not None and declaration.has_conflict):
            continue
        for criterion in procurement.criteria:
            score = scores.get((supplier.id, criterion.id))
            if score is not None and score.status is ScoreStatus.SUBMITTED:
                continue
            if own and score is not None:
                rows.append((supplier, criterion, score.value, score.justification))
            else:
                rows.append((supplier, criterion, None, ""))
    return rows


def _scores_sheet(sheet: Worksheet, procurement: Procurement, evaluators: list[User], *, own: bool) -> set[int]:
    sheet.title = "Scores"
    _header(sheet, SCORES_HEADER, [34, 34, 12, 10, 80])
    levels = ",".join(str(v) for v in range(procurement.scale_min, procurement.scale_max + 1))
    scored = DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Score", error=f"Choose a whole number from {procurement.scale_min} "
                                                      f"to {procurement.scale_max}")
    pass_fail = DataValidation(type="list", formula1='"pass,fail"', allow_blank=True, showErrorMessage=True,
                               errorTitle="Score", error="Choose pass or fail")
    suppliers: set[int] = set()
    row = 2
    for evaluator in evaluators:
        for supplier, criterion, value, comment in _rows_for(procurement, evaluator, own=own):
            for column, item in enumerate((evaluator.email, supplier.name, criterion.code), start=1):
                _put(sheet, row, column, item)
            _put(sheet, row, 4, value)
            _put(sheet, row, 5, comment)
            sheet.cell(row=row, column=5).alignment = WRAP
            (pass_fail if criterion.is_pass_fail else scored).add(f"D{row}")
            suppliers.add(supplier.id)
            row += 1
    for validation in (scored, pass_fail):
        if validation.sqref:
            sheet.add_data_validation(validation)
    return suppliers


def _evidence_sheet(sheet: Worksheet, procurement: Procurement, suppliers: list[Supplier]) -> None:
    _header(sheet, ["supplier", "criterion", "title", "question", "response", "documents"], [30, 10, 40, 60, 90, 40])
    row = 2
    for supplier in suppliers:
        evidence = bid_evidence(procurement, supplier)
        for criterion in procurement.criteria:
            item = evidence[criterion.id]
            values = (supplier.name, criterion.code, criterion.title, criterion.question,
                      item.response or "(no written answer)", "; ".join(d.filename for d in item.documents))
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value)
                sheet.cell(row=row, column=column).alignment = WRAP
            row += 1


def _guidance_sheet(sheet: Worksheet, procurement: Procurement) -> None:
    _header(sheet, ["criterion", "title", "how to score", "poor", "satisfactory", "excellent", "minimum score"],
            [10, 40, 22, 60, 60, 60, 14])
    for row, criterion in enumerate(procurement.criteria, start=2):
        guidance = criterion.guidance or {}
        how = "pass or fail" if criterion.is_pass_fail else f"{procurement.scale_min} to {procurement.scale_max}"
        values = (criterion.code, criterion.title, how, guidance.get("poor") or "",
                  guidance.get("satisfactory") or "", guidance.get("excellent") or "",
                  "" if criterion.min_score is None else f"{float(criterion.min_score):g}")
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
            sheet.cell(row=row, column=column).alignment = WRAP


def _scale_sheet(sheet: Worksheet, procurement: Procurement) -> None:
    _header(sheet, ["score", "label", "descriptor"], [8, 20, 90])
    for row, level in enumerate(procurement.scale_levels, start=2):
        _put(sheet, row, 1, level.value)
        _put(sheet, row, 2, level.label)
        _put(sheet, row, 3, level.descriptor)
        sheet.cell(row=row, column=3).alignment = WRAP


def build_workbook(procurement: Procurement, evaluators: list[User], *, own: bool) -> bytes:
    """The scoring workbook for these evaluators. ``own``: an evaluator's own copy (their drafts filled in,
    only the suppliers they declared clear); otherwise an officer's copy."""
    workbook = Workbook()
    supplier_ids = _scores_sheet(workbook.active, procurement, evaluators, own=own)
    suppliers = [s for s in procurement.suppliers if s.id in supplier_ids]
    _evidence_sheet(workbook.create_sheet("Evidence"), procurement, suppliers)
    _guidance_sheet(workbook.create_sheet("Guidance"), procurement)
    _scale_sheet(workbook.create_sheet("Scale"), procurement)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
