"""Read one table from an uploaded file: CSV (UTF-8, with or without a BOM) or the first sheet of an XLSX.

The kind of file is decided by its content, never by its name: an XLSX workbook is a zip archive and so
starts with ``PK``; anything else is read as CSV text. The first row must be the expected header; every later
row that is not completely blank becomes a :class:`TableRow` numbered as a spreadsheet numbers it (the header
is row 1, blank rows still count), so that problems can name the row a person sees in Excel.

Every cell comes back as a stripped string (``""`` for an empty cell). XLSX cells are turned into the text a
person would have typed: whole numbers without a decimal point (``3``, not ``3.0``), other numbers exactly as
stored (``99.5``), dates and times as ISO ``YYYY-MM-DDTHH:MM:SS`` (naive, as in the sheet, to the nearest
second), ``TRUE``/``FALSE`` for booleans. Interpreting the text (numbers, periods, times) is the importer's
job.

Problems with the file as a whole (too big, not UTF-8, not a readable workbook, a wrong header row) raise
:class:`~workbench.problems.ProblemsError` at once; problems in cells are left to the importers, which collect
them all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from workbench.problems import Problem, ProblemsError

__all__ = ["MAX_IMPORT_BYTES", "TableRow", "read_table"]

MAX_IMPORT_BYTES = 5 * 1024 * 1024

_ZIP_MAGIC = b"PK"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container


@dataclass(frozen=True)
class TableRow:
    """One data row: ``number`` is its spreadsheet row (the header is row 1); ``values`` maps every header
    column to the cell's stripped text (``""`` when empty)."""

    number: int
    values: dict[str, str]


def read_table(source: Path | bytes, *, filename: str, header: Sequence[str]) -> list[TableRow]:
    """Read the rows of a CSV or XLSX file whose first row is exactly ``header``.

    ``source`` is a path or the file's bytes; ``filename`` is the name used in problems. Completely blank
    rows are skipped. Raises ``ProblemsError`` for a file over :data:`MAX_IMPORT_BYTES`, a CSV that is not
    UTF-8, a workbook that cannot be read, an empty file, a header row other than ``header`` (row 1), or a
    value in a column to the right of the header's last column.
    """
    expected = tuple(header)
    data = _read_bytes(source, filename)
    if data.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(data, filename)
    elif data.startswith(_OLE_MAGIC):
        raise ProblemsError([Problem(
            file=filename,
            message="This is an old-style Excel workbook (.xls); save it as .xlsx or as CSV UTF-8 "
                    "and try again")])
    else:
        rows = _csv_rows(data, filename)
    return _table(rows, filename, expected)


# --------------------------------------------------------------------------------------------------- bytes


def _too_big(size: int, filename: str) -> ProblemsError:
    return ProblemsError([Problem(
        file=filename,
        message=f"The file is {size / (1024 * 1024):.1f} MB; the largest file accepted is "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB")])


def _read_bytes(source: Path | bytes, filename: str) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_IMPORT_BYTES:
                raise _too_big(size, filename)
            with path.open("rb") as handle:
                data = handle.read(MAX_IMPORT_BYTES + 1)  # the file may have grown since stat()
        except FileNotFoundError:
            raise ProblemsError([Problem(file=filename, message="File not found")]) from None
        except IsADirectoryError:
            raise ProblemsError([Problem(file=filename, message="This is a folder, not a file")]) from None
        except OSError as exc:
            raise ProblemsError([Problem(
                file=filename, message=f"Cannot read the file: {exc.strerror or exc}")]) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise _too_big(len(data), filename)
    return data


# --------------------------------------------------------------------------------------------------- CSV


def _csv_rows(data: bytes, filename: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemsError([Problem(
            file=filename,
            message=f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as "
                    f"'CSV UTF-8' or as an Excel workbook (.xlsx)")]) from None
    if "\x00" in text:
        raise ProblemsError([Problem(
            file=filename,
            message="The file is neither CSV text nor an Excel workbook (.xlsx)")])
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as exc:
        raise ProblemsError([Problem(
            file=filename, row=len(rows) + 1,
            message=f"This row cannot be read as CSV ({exc})")]) from None
    return rows


# --------------------------------------------------------------------------------------------------- XLSX


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")  # shortest text that reads back as the same number
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        if value.microsecond >= 500_000:
            value = value + dt.timedelta(microseconds=1_000_000 - value.microsecond)
        return value.replace(microsecond=0).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat(timespec="seconds")
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _xlsx_rows(data: bytes, filename: str) -> list[list[str]]:
    from openpyxl import load_workbook  # imported here: CSV uploads do not need it

    unreadable = Problem(
        file=filename,
        message="The file looks like an Excel workbook but cannot be read as one (.xlsx); "
                "open it in Excel and save it again, or save it as CSV UTF-8")
    rows: list[list[str]] = []
    # openpyxl warns about features it does not read (data validation, conditional formats, default styles);
    # none matter for cell values.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ProblemsError([unreadable]) from None
        try:
            if not workbook.worksheets:
                raise ProblemsError([unreadable])
            sheet = workbook.worksheets[0]
            # the size a file declares may be wrong (some exporters write A1); read every row there is
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            for values in sheet.iter_rows(min_row=1, values_only=True):
                rows.append([_cell_text(value) for value in values])
        except ProblemsError:
            raise
        except Exception:
            raise ProblemsError([unreadable]) from None
        finally:
            workbook.close()
    return rows


# --------------------------------------------------------------------------------------------------- table


def _column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _trim_trailing_empty(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _table(raw_rows: list[list[str]], filename: str, header: tuple[str, ...]) -> list[TableRow]:
    rows: Iterator[tuple[int, list[str]]] = (
        (number, [cell.strip() for cell in cells]) for number, cells in enumerate(raw_rows, start=1))
    expected_text = ",".join(header)
    first = next(rows, None)
    if first is None:
        raise ProblemsError([Problem(
            file=filename, row=1,
            message=f"The file is empty; the first row must be the header: {expected_text}")])
    found = tuple(_trim_trailing_empty(first[1]))
    if found != header:
        shown = ",".join(found) if found else "an empty row"
        raise ProblemsError([Problem(
            file=filename, row=1,
            message=f"The header row must be exactly: {expected_text} (found: {shown})")])

    problems: list[Problem] = []
    table: list[TableRow] = []
    for number, cells in rows:
        if not any(cells):
            continue
        for index in range(len(header), len(cells)):
            if cells[index]:
                problems.append(Problem(
                    file=filename, row=number, column=_column_letter(index),
                    message=f"A value ({cells[index]!r}) to the right of the last column "
                            f"({header[-1]}); the columns are: {expected_text}"))
        padded = cells + [""] * (len(header) - len(cells))
        table.append(TableRow(number=number, values=dict(zip(header, padded, strict=False))))
    if problems:
        raise ProblemsError(problems)
    return table
