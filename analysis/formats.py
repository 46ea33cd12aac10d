"""How values are written for people: money ($150k, $150k–$210k), metro names, ordinals, safe CSV.

Every stage that writes a number or a cell for a reader uses these, so a band reads the same in a
finding, on an axis and in an export. Text from postings is untrusted: a CSV cell starting with =,
+, -, @ (or a tab / carriage return) is run as a formula by Excel and LibreOffice, so such cells get
a leading apostrophe (OWASP's advice); numeric columns are left alone, so negative numbers stay
numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# A text cell that is just a signed number ("-12.5", "-3%", "+1,200") is no formula: a spreadsheet
# reads it as the number it is, so it is written unchanged (a negative stays negative).
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")


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
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def write_safe_csv(frame: pd.DataFrame, path: str | Path, **to_csv_options) -> Path:
    """Write `frame` as CSV with formula-like text cells neutralized; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralize_formulas(frame).to_csv(path, index=False, **to_csv_options)
    return path


def money(value: float, _position=None) -> str:
    """$150k for axis ticks and labels ($42 below a thousand, '–' for a missing value)."""
    if value is None or pd.isna(value):
        return "–"
    return f"${value / 1000:,.0f}k" if abs(value) >= 1000 else f"${value:,.0f}"


def money_range(low: float, high: float) -> str:
    """$150k–$210k, the way a band reads in prose."""
    return f"{money(low)}–{money(high)}"


def short_metro(metro: str) -> str:
    """'San Jose-Sunnyvale-Santa Clara, CA' -> 'San Jose-Sunnyvale' for tight labels."""
    return "-".join(str(metro).split(",")[0].split("-")[:2])


def ordinal(value: float) -> str:
    """12 -> "12th", 62.4 -> "62nd", 11 -> "11th": a rounded percentile as people say it.

    >>> [ordinal(v) for v in (1, 2, 3, 11, 12, 13, 21, 62.4, 100)]
    ['1st', '2nd', '3rd', '11th', '12th', '13th', '21st', '62nd', '100th']
    """
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
