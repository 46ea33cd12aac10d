"""CSV exports that are safe to open in a spreadsheet.

Text from postings is untrusted: a cell starting with =, +, -, @ (or a tab / carriage return) is run
as a formula by Excel and LibreOffice. Such cells get a leading apostrophe (OWASP's advice), which
spreadsheets show as text; numeric columns are left alone, so negative numbers stay numbers.
"""

from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` whose text cells cannot start a spreadsheet formula."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].astype(object).map(_neutralize)
    return safe


def _neutralize(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_safe_csv(frame: pd.DataFrame, path: str | Path, **to_csv_options) -> Path:
    """Write `frame` as CSV with formula-like text cells neutralized; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralize_formulas(frame).to_csv(path, index=False, **to_csv_options)
    return path
