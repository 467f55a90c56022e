"""Streaming the workbook: ``Sheet`` (a write-only sheet filled cell by cell in row order) and ``splice`` for the
biggest sheets (Scores: one row per submitted score, ~100,000 for a large evaluation; Moderation).

openpyxl spends ~15 µs on every cell it writes, even in write-only mode. Scores and Moderation are plain data, so rows
are written here as sheet XML straight into the saved file: openpyxl writes the sheet's header row and settings,
then ``splice`` puts the data rows into that sheet's ``<sheetData>`` while copying the package. Text is always an
inline string (never a formula) and risky text (starting with =, +, -, @, tab or CR) also gets the quote-prefix
style, exactly as ``xlsx.put`` does; times get a date style.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from workbench.exports import UNSAFE_START, cell_text

_CHUNK = 2000  # rows per write


@dataclass(frozen=True)
class Styles:
    """Cell style ids registered with the workbook before it is saved."""

    quoted: int
    date: int

    @classmethod
    def register(cls, ws: WriteOnlyWorksheet, date_format: str) -> Styles:
        quoted = WriteOnlyCell(ws)
        quoted.quotePrefix = True
        dated = WriteOnlyCell(ws)
        dated.number_format = date_format
        return cls(quoted.style_id, dated.style_id)


class _Cells:
    """The XML of one cell after its reference, remembered per value (names, codes and times repeat a lot)."""

    def __init__(self, styles: Styles, london: Callable[[datetime], datetime]) -> None:
        self.styles = styles
        self.london = london
        self.known: dict[tuple[type, Any], str] = {}

    def body(self, value: Any) -> str:
        if isinstance(value, str) and len(value) > 80:  # long free text rarely repeats: not worth keeping
            return self._body(value)
        key = (type(value), value)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._body(value)
        return found

    def _body(self, value: Any) -> str:
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        if isinstance(value, datetime):
            return f' s="{self.styles.date}"><v>{to_excel(self.london(value))!r}</v></c>'
        if isinstance(value, int | float):
            return f"><v>{value!r}</v></c>"
        text = cell_text(str(value))
        style = f' s="{self.styles.quoted}"' if text.startswith(UNSAFE_START) else ""
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f' t="inlineStr"{style}><is><t{space}>{escape(text)}</t></is></c>'


def rows_xml(rows: Iterable[list[Any]], first_row: int, styles: Styles,
             london: Callable[[datetime], datetime]) -> Iterator[str]:
    """``<row>`` elements for ``rows`` (lists of values; None = empty cell), numbered from ``first_row``."""
    cells = _Cells(styles, london)
    known, body = cells.known, cells.body  # the cache is read here, inline: this loop runs once per cell
    letters: list[str] = []
    for number, values in enumerate(rows, start=first_row):
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        parts = [f'<row r="{number}">']
        for letter, value in zip(letters, values, strict=False):
            if value is not None:
                xml = known.get((value.__class__, value)) or body(value)
                parts.append(f'<c r="{letter}{number}"{xml}')
        parts.append("</row>")
        yield "".join(parts)


@dataclass(frozen=True)
class Rows:
    """Data rows for one sheet of the package: its member name, the rows' XML, the size of the whole sheet."""

    member: str
    xml: Iterable[str]
    last_row: int
    columns: int


def splice(package: bytes, sheets: list[Rows]) -> bytes:
    """A copy of the saved workbook ``package`` with each ``Rows`` appended to its sheet's data."""
    by_member = {rows.member: rows for rows in sheets}
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            rows = by_member.get(info.filename)
            if rows is None:
                target.writestr(info, data)
                continue
            head, tail = _split(data.decode("utf-8"), rows.last_row, rows.columns)
            with target.open(info.filename, "w") as stream:  # deflated at level 1: ~3x faster than 6
                stream.write(head.encode("utf-8"))
                chunk: list[str] = []
                for row in rows.xml:
                    chunk.append(row)
                    if len(chunk) >= _CHUNK:
                        stream.write("".join(chunk).encode("utf-8"))
                        chunk = []
                stream.write("".join(chunk).encode("utf-8"))
                stream.write(tail.encode("utf-8"))
    return out.getvalue()


def _split(xml: str, last_row: int, columns: int) -> tuple[str, str]:
    """The sheet XML before and after the point where the data rows go, with the dimension made to fit."""
    ref = f"A1:{get_column_letter(columns)}{last_row}"
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml, count=1)
    if "<sheetData/>" in xml:
        head, tail = xml.split("<sheetData/>", 1)
        return head + "<sheetData>", "</sheetData>" + tail
    head, tail = xml.split("</sheetData>", 1)
    return head, "</sheetData>" + tail


class Sheet:
    """A write-only worksheet filled through ``cell(row, column)`` in increasing row order.

    Cells of the current row wait here; asking for a cell in a later row sends the waiting rows to the file (with
    empty rows for any gap). Going back to a row already sent is a programming error."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.title = ws.title
        self.max_row = 0  # the last row sent or waiting
        self._sent = 0
        self._waiting: dict[int, dict[int, WriteOnlyCell]] = {}

    def __getattr__(self, name: str) -> Any:  # column_dimensions, add_chart, add_image, …
        return getattr(self.ws, name)

    def cell(self, row: int, column: int) -> WriteOnlyCell:
        if row <= self._sent:
            raise ValueError(f"{self.title}: row {row} has already been written")
        if row > self.max_row:
            self._send_before(row)
            self.max_row = row
        cells = self._waiting.setdefault(row, {})
        found = cells.get(column)
        if found is None:
            found = cells[column] = WriteOnlyCell(self.ws)
        return found

    def _send_before(self, row: int) -> None:
        for number in sorted(r for r in self._waiting if r < row):
            cells = self._waiting.pop(number)
            while self._sent < number - 1:
                self.ws.append([])
                self._sent += 1
            self.ws.append([cells.get(column) for column in range(1, max(cells) + 1)])
            self._sent = number

    def close(self) -> None:
        self._send_before(self.max_row + 1)
