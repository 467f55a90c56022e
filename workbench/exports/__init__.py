"""Officers' outputs: the live Excel workbook, CSV files (scores, results, audit), the results JSON and charts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


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
