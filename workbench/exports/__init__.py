"""Officers' outputs: the live Excel workbook, CSV files (scores, results, audit), the results JSON and charts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_000  # Excel holds at most 32,767 characters in a cell
_NOT_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # control characters XML 1.0 cannot hold


def cell_text(text: str) -> str:
    """Text a spreadsheet cell can hold: without the control characters XML cannot store (a vertical tab pasted
    from Word would otherwise break the file), cut to the cell limit."""
    return _NOT_XML.sub("", text)[:MAX_CELL_TEXT]


def neutralise(text: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading =, +, -, @, tab or CR gets a ' in front."""
    return "'" + text if text.startswith(UNSAFE_START) else text


def new_figure(**options: Any) -> Figure:
    """A matplotlib figure (Agg backend). matplotlib is imported with the first chart drawn, not when the app or a
    command starts: it takes about 0.4 s to import."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(**options)
