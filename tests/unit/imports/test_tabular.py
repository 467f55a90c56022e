"""read_table: CSV or the first sheet of an XLSX, decided by content, with spreadsheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from workbench.imports.tabular import MAX_IMPORT_BYTES, TableRow, read_table
from workbench.problems import ProblemsError

HEADER = ("kpi", "period", "value", "note")


def xlsx(*sheets: list[list[object]]) -> bytes:
    """A workbook whose sheets hold the given rows (``None`` = an empty cell), as bytes."""
    workbook = Workbook()
    first = workbook.active
    for index, rows in enumerate(sheets):
        sheet = first if index == 0 else workbook.create_sheet(f"Sheet{index + 1}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems(excinfo: pytest.ExceptionInfo[ProblemsError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in excinfo.value.problems]


# --------------------------------------------------------------------------------------------------- CSV


def test_csv_rows_are_numbered_like_a_spreadsheet_and_stripped() -> None:
    data = (b"kpi,period,value,note\r\nKPI1, 2026-04 ,99.5,\r\n\r\n,,,\r\n"
            b"KPI1,2026-05,,Outage not measured\r\n")
    rows = read_table(data, filename="m.csv", header=HEADER)
    # row 1 header; row 2 data; row 3 empty line and row 4 only commas are skipped but still counted; row 5
    assert rows == [
        TableRow(2, {"kpi": "KPI1", "period": "2026-04", "value": "99.5", "note": ""}),
        TableRow(5, {"kpi": "KPI1", "period": "2026-05", "value": "", "note": "Outage not measured"}),
    ]


def test_csv_with_a_byte_order_mark_as_excel_writes_it() -> None:
    data = "kpi,period,value,note\nKPI1,2026-04,99.5,Good month\n".encode("utf-8-sig")
    rows = read_table(data, filename="m.csv", header=HEADER)
    assert rows[0].values["kpi"] == "KPI1"


def test_csv_quoted_field_over_two_lines_is_one_row() -> None:
    data = b'kpi,period,value,note\nKPI1,2026-04,99,"line one\nline two"\nKPI2,2026-Q2,97,\n'
    rows = read_table(data, filename="m.csv", header=HEADER)
    # the quoted note spans two text lines but is one spreadsheet row (2); the next record is row 3
    assert [r.number for r in rows] == [2, 3]
    assert rows[0].values["note"] == "line one\nline two"


def test_short_rows_are_padded_with_empty_strings() -> None:
    rows = read_table(b"kpi,period,value,note\nKPI1,2026-04\n", filename="m.csv", header=HEADER)
    assert rows[0].values == {"kpi": "KPI1", "period": "2026-04", "value": "", "note": ""}


def test_header_cells_are_stripped_and_trailing_empty_header_cells_ignored() -> None:
    rows = read_table(b" kpi , period,value ,note,,\nKPI1,2026-04,1,\n", filename="m.csv", header=HEADER)
    assert rows[0].values["value"] == "1"


@pytest.mark.parametrize("first_line", [
    b"kpi,period,value",            # a column missing
    b"kpi,period,note,value",       # the wrong order
    b"KPI,period,value,note",       # the wrong case
    b"kpi,period,value,note,extra",  # one column too many
])
def test_wrong_header_is_refused_at_row_1_naming_the_expected_header(first_line: bytes) -> None:
    with pytest.raises(ProblemsError) as excinfo:
        read_table(first_line + b"\nKPI1,2026-04,1,\n", filename="m.csv", header=HEADER)
    [(row, column, message)] = problems(excinfo)
    assert row == 1 and column is None
    assert "kpi,period,value,note" in message
    assert excinfo.value.problems[0].file == "m.csv"


def test_empty_file_is_refused() -> None:
    with pytest.raises(ProblemsError) as excinfo:
        read_table(b"", filename="m.csv", header=HEADER)
    [(row, _, message)] = problems(excinfo)
    assert row == 1 and "empty" in message


def test_a_header_only_file_has_no_rows() -> None:
    assert read_table(b"kpi,period,value,note\n", filename="m.csv", header=HEADER) == []


def test_values_beyond_the_last_column_are_problems_with_row_and_column_letter() -> None:
    data = b"kpi,period,value,note\nKPI1,2026-04,1,,stray\nKPI1,2026-05,2,,\nKPI1,2026-06,3,,,x\n"
    with pytest.raises(ProblemsError) as excinfo:
        read_table(data, filename="m.csv", header=HEADER)
    # row 2 column E (5th) holds 'stray'; row 3 has an empty 5th cell (fine); row 4 column F holds 'x'
    assert [(row, column) for row, column, _ in problems(excinfo)] == [(2, "E"), (4, "F")]


def test_csv_that_is_not_utf8_is_refused() -> None:
    data = "kpi,period,value,note\nKPI1,2026-04,1,cost £5\n".encode("cp1252")
    with pytest.raises(ProblemsError) as excinfo:
        read_table(data, filename="m.csv", header=HEADER)
    [(_, _, message)] = problems(excinfo)
    assert "UTF-8" in message


def test_binary_file_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(ProblemsError):
        read_table(b"\x00\x01\x02kpi", filename="m.csv", header=HEADER)


def test_old_xls_workbook_is_refused_with_advice() -> None:
    with pytest.raises(ProblemsError) as excinfo:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, filename="m.xls", header=HEADER)
    assert ".xlsx" in problems(excinfo)[0][2]


# --------------------------------------------------------------------------------------------------- size


def test_bytes_over_the_limit_are_refused() -> None:
    data = b"kpi,period,value,note\n" + b" " * MAX_IMPORT_BYTES  # 22 + 5,242,880 bytes > 5 MB
    with pytest.raises(ProblemsError) as excinfo:
        read_table(data, filename="big.csv", header=HEADER)
    assert "5 MB" in problems(excinfo)[0][2]


def test_exactly_the_limit_is_accepted() -> None:
    head = b"kpi,period,value,note\n"
    line = b"KPI1,2026-04,1," + b"x" * 1008 + b"\n"  # 1,024 bytes a row
    rows, rest = divmod(MAX_IMPORT_BYTES - len(head), len(line))  # 5,242,858 = 5,119 rows + 1,002 bytes
    data = head + line * rows + b"y" * (rest - 1) + b"\n"  # a last row of 1,001 y's and a newline
    assert len(data) == MAX_IMPORT_BYTES
    assert len(read_table(data, filename="edge.csv", header=HEADER)) == rows + 1


def test_a_path_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"kpi,period,value,note\n" + b"\n" * MAX_IMPORT_BYTES)
    with pytest.raises(ProblemsError) as excinfo:
        read_table(path, filename="big.csv", header=HEADER)
    assert "5 MB" in problems(excinfo)[0][2]


def test_a_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"kpi,period,value,note\nKPI1,2026-04,99.5,\n")
    assert read_table(path, filename="m.csv", header=HEADER)[0].values["value"] == "99.5"


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as excinfo:
        read_table(tmp_path / "nope.csv", filename="nope.csv", header=HEADER)
    assert "not found" in problems(excinfo)[0][2]


# --------------------------------------------------------------------------------------------------- XLSX


def test_xlsx_first_sheet_with_numbers_dates_and_blank_rows() -> None:
    data = xlsx(
        [
            ["kpi", "period", "value", "note"],
            ["KPI1", "2026-04", 3.0, None],                 # row 2: a whole float reads "3"
            [None, None, None, None],                       # row 3: blank, skipped
            ["KPI1", "2026-05", 99.5, "  spaced  "],        # row 4
            ["KPI2", dt.datetime(2026, 3, 29, 1, 30), 7, True],  # row 5: a datetime cell, an int, a bool
            ["KPI3", dt.datetime(2026, 4, 1, 9, 0, 59, 600000), 0.1, 1e-05],  # row 6
        ],
        [["not", "this", "sheet"]],
    )
    rows = read_table(data, filename="m.xlsx", header=HEADER)
    assert [r.number for r in rows] == [2, 4, 5, 6]
    assert rows[0].values == {"kpi": "KPI1", "period": "2026-04", "value": "3", "note": ""}
    assert rows[1].values["value"] == "99.5" and rows[1].values["note"] == "spaced"
    assert rows[2].values == {"kpi": "KPI2", "period": "2026-03-29T01:30:00", "value": "7", "note": "TRUE"}
    # 09:00:59.6 rounds to the nearest second, 09:01:00; 0.1 stays 0.1; 1e-05 is written out in full
    assert rows[3].values == {"kpi": "KPI3", "period": "2026-04-01T09:01:00", "value": "0.1",
                              "note": "0.00001"}


def test_xlsx_header_is_checked_too() -> None:
    with pytest.raises(ProblemsError) as excinfo:
        read_table(xlsx([["kpi", "value"], ["KPI1", 1]]), filename="m.xlsx", header=HEADER)
    assert problems(excinfo)[0][0] == 1


def test_xlsx_header_may_start_later_only_if_row_1_is_the_header() -> None:
    # the header must be row 1: a sheet whose first row is blank is refused
    with pytest.raises(ProblemsError) as excinfo:
        read_table(xlsx([[None], list(HEADER), ["KPI1", "2026-04", 1, None]]),
                   filename="m.xlsx", header=HEADER)
    assert problems(excinfo)[0][0] == 1


def test_kind_is_decided_by_content_not_name() -> None:
    workbook_bytes = xlsx([list(HEADER), ["KPI1", "2026-04", 98, None]])
    assert read_table(workbook_bytes, filename="named.csv", header=HEADER)[0].values["value"] == "98"
    csv_bytes = b"kpi,period,value,note\nKPI1,2026-04,97,\n"
    assert read_table(csv_bytes, filename="named.xlsx", header=HEADER)[0].values["value"] == "97"


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ProblemsError) as excinfo:
        read_table(buffer.getvalue(), filename="m.xlsx", header=HEADER)
    assert "Excel" in problems(excinfo)[0][2]


def test_a_truncated_workbook_is_refused() -> None:
    data = xlsx([list(HEADER)])
    with pytest.raises(ProblemsError):
        read_table(data[: len(data) // 2], filename="m.xlsx", header=HEADER)


def test_xlsx_with_a_wrong_declared_size_is_read_in_full() -> None:
    import re
    import zipfile

    original = xlsx([list(HEADER), ["KPI1", "2026-04", 1, None], ["KPI1", "2026-05", 2, None]])
    source, buffer = zipfile.ZipFile(io.BytesIO(original)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":   # some exporters declare the sheet as A1 only
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert b'<dimension ref="A1"' in data
            target.writestr(item, data)
    rows = read_table(buffer.getvalue(), filename="m.xlsx", header=HEADER)
    assert [(r.number, r.values["value"]) for r in rows] == [(2, "1"), (3, "2")]
