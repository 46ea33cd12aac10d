"""How values are written for people: money ($150k, £33,874), metro names, ordinals, safe CSV.

Every stage that writes a number or a cell for a reader uses these, so a band reads the same in a
finding, on an axis, in a notebook table and in an export. What a result column holds (money, a
share, an index, a count...) is read from its name, in one table (`COLUMN_KINDS`): the notebook
display and the rounding of CSV exports both use it.

Text from postings is untrusted: a CSV cell starting with =, +, -, @ (or a tab / carriage return)
is run as a formula by Excel and LibreOffice, so such cells get a leading apostrophe (OWASP's
advice); numeric columns are left alone, so negative numbers stay numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import DEFAULT_CURRENCY

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


def money(value: float, *, currency: str = DEFAULT_CURRENCY) -> str:
    """$150k for axis ticks and labels ($42 below a thousand, '–' for a missing value).

    >>> [money(150000), money(42), money(None), money(150000, currency="GBP"),
    ...  money(150000, currency="XYZ")]
    ['$150k', '$42', '–', '£150k', 'XYZ 150k']
    """
    if value is None or pd.isna(value):
        return "–"
    size = abs(value)
    amount = f"{size / 1000:,.0f}k" if size >= 1000 else f"{size:,.0f}"
    return _priced(amount, negative=value < 0, currency=currency)


def money_full(value: float, *, currency: str = DEFAULT_CURRENCY) -> str:
    """$84,500 for tables: whole units, cents only below a thousand (an hourly $22.50).

    >>> [money_full(84500.0), money_full(33873.5, currency="GBP"), money_full(22.5),
    ...  money_full(-1200, currency="CAD"), money_full(float("nan"))]
    ['$84,500', '£33,874', '$22.50', '-CA$1,200', '–']
    """
    if value is None or pd.isna(value):
        return "–"
    size = abs(value)
    amount = f"{size:,.2f}" if size < 1000 and size != round(size) else f"{size:,.0f}"
    return _priced(amount, negative=value < 0, currency=currency)


def money_range(low: float, high: float, *, currency: str = DEFAULT_CURRENCY) -> str:
    """$150k–$210k, the way a band reads in prose."""
    return f"{money(low, currency=currency)}–{money(high, currency=currency)}"


def currency_symbol(currency: str) -> str | None:
    """The symbol an English reader knows a currency by ($, £, €, ₹, CA$, A$), or None when it
    has none but its code (CHF) or the code is unknown.

    >>> [currency_symbol(c) for c in ("USD", "EUR", "INR", "AUD", "CHF", "XYZ")]
    ['$', '€', '₹', 'A$', None, None]
    """
    return _symbol(str(currency))


@lru_cache(maxsize=64)
def _symbol(code: str) -> str | None:
    from babel.numbers import get_currency_symbol  # Babel's CLDR data: a look-up per currency

    symbol = get_currency_symbol(code, locale="en_US")
    return None if symbol == code else symbol  # Babel answers an unknown code with the code


def _priced(amount: str, *, negative: bool, currency: str) -> str:
    symbol = currency_symbol(currency)
    priced = f"{symbol}{amount}" if symbol else f"{currency} {amount}"
    return f"-{priced}" if negative else priced


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


# --- What a result column holds, read from its name --------------------------------------------
# Column names carry their units (annual_mid_median, share_with_pay, n_postings: the naming
# contract), so one table of name rules says how a column is written for a reader. First match
# wins; only numeric, non-boolean columns take a kind.
COLUMN_KINDS = (
    ("count", r"n|n_.+|.+_n|postings|postings_with_pay|employers|bands|duplicates"
              r"|employer_size_threshold"),
    ("p_value", r"p_value"),
    ("index", r"(raw_)?index(_low|_high)?"),
    # Percentile ranks on 0-100: where a posting sits among its peers, a midpoint among wages.
    ("percentile", r"pct_(min|mid|max)|.+_position|.+_percentile"),
    # Fractions: 0.446 reads "44.6%".
    ("share", r"share_.+|.+_share|.+_rate|.+_pct(_low|_high)?|spread(_.+)?|change(_low|_high)?"
              r"|step_(low|high)"),
    ("ratio", r"ratio_.+|.+_ratio|threshold"),
    # Amounts in the table's currency: annual and posted pay, their percentiles and intervals,
    # the OEWS wage percentiles (p10...p90), medians of midpoints, gaps between them.
    ("money", r"(.+_)?(annual|pay|posted)_(min|mid|max)(_.+)?|(.+_)?(min|mid|max)"
              r"|median_(mid|old|new)|p(10|25|50|75|90)|gap_to_median|(reference|other)_median"),
)
_KIND_RULES = [(kind, re.compile(pattern)) for kind, pattern in COLUMN_KINDS]

# CSV exports: money to the cent, counts whole, p-values to 4 significant digits (a small
# p-value must not round to 0), every other fraction, index or ratio to 4 decimals (0.01 % of
# a share, 0.0001 of an index point: below any rounding a report shows).
CSV_DECIMALS = {"money": 2}
CSV_OTHER_DECIMALS = 4
CSV_P_VALUE_DIGITS = 4


def column_kind(name) -> str | None:
    """What a result column holds, from its name: money, share, index, percentile, ratio,
    p_value, count, or None.

    >>> [column_kind(c) for c in ("annual_mid_median", "spread_median", "index_low", "n_postings",
    ...                           "pct_mid", "width_ratio", "p50", "metro")]
    ['money', 'share', 'index', 'count', 'percentile', 'ratio', 'money', None]
    """
    if not isinstance(name, str):
        return None
    return next((kind for kind, rule in _KIND_RULES if rule.fullmatch(name)), None)


def rounded_for_csv(frame: pd.DataFrame, *, exact: bool = False) -> pd.DataFrame:
    """A copy of `frame` rounded for a CSV a person opens: money columns to the cent, counts as
    integers, p-values to 4 significant digits, other decimals to 4 places (`exact`: unchanged).

    >>> table = pd.DataFrame({"annual_mid_median": [33873.50554124647],
    ...                       "spread_median": [0.4464285], "n_postings": [12.0],
    ...                       "p_value": [0.000012345]})
    >>> print(rounded_for_csv(table).to_csv(index=False).strip())
    annual_mid_median,spread_median,n_postings,p_value
    33873.51,0.4464,12,1.234e-05
    """
    rounded = frame.copy()
    if exact:
        return rounded
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        if not pd.api.types.is_float_dtype(column):
            continue  # text, booleans, integers and dates are written as they are
        kind = column_kind(name)
        values = column.to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        if kind == "count" and np.array_equal(finite, np.round(finite)):
            rounded.isetitem(position, column.round().astype("Int64"))
        elif kind == "p_value":
            rounded.isetitem(position, column.map(_significant, na_action="ignore"))
        else:
            rounded.isetitem(position, column.round(CSV_DECIMALS.get(kind, CSV_OTHER_DECIMALS)))
    return rounded


def _significant(value: float) -> float:
    return float(f"{value:.{CSV_P_VALUE_DIGITS}g}")
