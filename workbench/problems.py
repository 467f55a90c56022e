"""One way to report bad input everywhere: the file, where in it, and what is wrong.

YAML files report a line and a field path; tables (CSV/XLSX) report a row (the header is row 1) and a column.
Every loader and importer collects *all* problems, then raises ``ProblemsError`` so that nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    field: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.row is not None:
            cell = f"row {self.row}"
            if self.column:
                cell += f", column {self.column!r}"
            parts.append(cell)
        elif self.column:
            parts.append(f"column {self.column!r}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class ProblemsError(Exception):
    """Raised with every problem found; the operation wrote nothing."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
