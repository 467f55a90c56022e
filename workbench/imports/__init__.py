"""Reading uploaded tables (CSV or XLSX) shared by every importer: scores, young people's answers,
contract measurements and incidents."""

from workbench.imports.tabular import MAX_IMPORT_BYTES, TableRow, read_table

__all__ = ["MAX_IMPORT_BYTES", "TableRow", "read_table"]
