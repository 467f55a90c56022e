"""Officers' outputs: the live Excel workbook, CSV files (scores, results, audit), the results JSON and charts."""

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading =, +, -, @, tab or CR gets a ' in front."""
    return "'" + text if text.startswith(UNSAFE_START) else text
