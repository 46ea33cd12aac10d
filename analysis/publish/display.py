"""Result tables that read well in Jupyter and stay plain DataFrames for computation.

``pb.band_summary(bands, by="metro")`` shows "$84,500", "44.6%" and "Median annual mid (USD)"
where pandas would show 84500.0, 0.446429 and annual_mid_median; the values and column names
underneath never change. A :class:`ResultTable` is a DataFrame whose only addition is how it
renders: any computation on it (a filter, a sort, a merge, a copy) gives a plain DataFrame, so
nothing downstream can tell it apart from the analysis's own frame.

What a column holds is read from its name (:data:`analysis.formats.COLUMN_KINDS`, shared with
the CSV rounding). Text from postings is untrusted and is HTML-escaped, cells and headers alike.
"""

from __future__ import annotations

import functools
import html
import inspect
from collections.abc import Callable

import pandas as pd

from analysis.config import DEFAULT_CURRENCY
from analysis.formats import column_kind, money_full

MISSING = "–"
STATISTICS = {"median": "Median", "mean": "Mean", "p10": "P10", "p25": "P25", "p50": "P50",
              "p75": "P75", "p90": "P90"}
# How each kind of number reads; a column of no kind reads by its dtype.
NUMBER_FORMATS: dict[str, Callable[[float], str]] = {
    "share": "{:.1%}".format,
    "index": "{:.1f}".format,
    "percentile": "{:.1f}".format,
    "ratio": "{:.2f}".format,
    "p_value": lambda p: "<0.001" if p < 0.001 else f"{p:.3f}",
    "count": "{:,.0f}".format,
    None: "{:,.2f}".format,
}
# A header's unit: money takes the table's currency code; counts and indices need none.
UNITS = {"share": "%", "percentile": "percentile", "ratio": "×"}


class ResultTable(pd.DataFrame):
    """A DataFrame that renders formatted in Jupyter: money in `display_currency`, shares as
    percentages, counts with thousands separators, "–" for missing, headers with their units.

    Its values are the analysis' own (floats, not text). What an analyst does to it in a
    notebook (sort, head, filter, select columns) keeps it a ResultTable in the same currency,
    so the next cell shows formatted too; ``pd.DataFrame(table)`` is the plain frame.
    """

    # Kept in `attrs`, which pandas carries through copies, selections and concat (not
    # "currency": a per-band result has a column of that name that table.currency must reach).
    @property
    def display_currency(self) -> str | None:
        return self.attrs.get("display_currency", DEFAULT_CURRENCY)

    @display_currency.setter
    def display_currency(self, currency: str | None) -> None:
        self.attrs["display_currency"] = currency

    @property
    def _constructor(self):
        return ResultTable

    def _repr_html_(self) -> str:
        return result_html(self, currency=self.display_currency)


def as_result(frame: pd.DataFrame, *, currency: str | None = DEFAULT_CURRENCY) -> ResultTable:
    """`frame` as a :class:`ResultTable` showing money in `currency` (None: amounts without a
    currency, for a table mixing several). The data is not copied.

    >>> table = as_result(pd.DataFrame({"annual_mid_median": [84500.0]}), currency="GBP")
    >>> "£84,500" in table._repr_html_(), table.head().display_currency
    (True, 'GBP')
    """
    table = ResultTable(frame)
    table.display_currency = currency
    return table


def shown_as_result(analysis: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """`analysis` returning its frame as a :class:`ResultTable` in the currency it was asked
    for (its `currency` argument; None when it has none). Name, docstring and signature stay."""
    signature = inspect.signature(analysis)

    @functools.wraps(analysis)
    def shown(*args, **kwargs):
        result = analysis(*args, **kwargs)
        if not isinstance(result, pd.DataFrame):
            return result
        call = signature.bind(*args, **kwargs)
        call.apply_defaults()
        return as_result(result, currency=call.arguments.get("currency"))

    return shown


def result_html(frame: pd.DataFrame, *, currency: str | None = DEFAULT_CURRENCY) -> str:
    """`frame` as an HTML table formatted by column kind; long tables are cut as pandas cuts
    them (``display.max_rows``, ``display.max_columns``) and say their full size."""
    styler = _styled(frame, currency=currency)
    rows, columns = pd.get_option("display.max_rows"), pd.get_option("display.max_columns")
    cut = (rows and len(frame) > rows) or (columns and frame.shape[1] > columns)
    body = styler.to_html(table_attributes='class="dataframe"', max_rows=rows or None,
                          max_columns=columns or None)
    if cut:
        body += f"<p>{frame.shape[0]:,} rows × {frame.shape[1]:,} columns</p>"
    return body


def column_label(name, *, currency: str | None = DEFAULT_CURRENCY) -> str:
    """The header a reader sees for column `name`: words, the statistic first, the unit last.

    >>> for name in ("annual_mid_median", "annual_mid_median_low", "spread_median", "n_postings"):
    ...     print(column_label(name, currency="USD"))
    Median annual mid (USD)
    Median annual mid, low (USD)
    Median spread (%)
    Postings (n)
    """
    if not isinstance(name, str) or not name:
        return str(name)
    kind, words = column_kind(name), name.split("_")
    bound = words.pop() if len(words) > 1 and words[-1] in ("low", "high") else None
    statistic = None
    if words[-1] in STATISTICS:
        statistic = words.pop()
    elif len(words) > 1 and words[0] in STATISTICS:
        statistic = words.pop(0)
    unit = currency if kind == "money" else UNITS.get(kind)
    if kind == "count" and len(words) > 1 and words[0] == "n":
        words, unit = words[1:], "n"
    elif kind in ("share", "percentile") and len(words) > 1 and "pct" in words:
        words = [word for word in words if word != "pct"]  # the unit says it
    label = " ".join(filter(None, [STATISTICS.get(statistic), *words]))
    label = label[:1].upper() + label[1:]
    if bound:
        label += f", {bound}"
    return f"{label} ({unit})" if unit else label


def _styled(frame: pd.DataFrame, *, currency: str | None):
    """A Styler formatting every cell of `frame`: each call to format resets the columns it
    names, so each column gets exactly one, all with the same missing mark."""
    styler = frame.style
    text = []
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        styler = styler.format(_cell_format(column, name, currency=currency),
                               subset=frame.columns[[position]], na_rep=MISSING)
        if not pd.api.types.is_numeric_dtype(column):
            text.append(name)
    # Headers: escaped labels with units (a pivoted table's headers can come from postings).
    styler = styler.format_index(lambda name: html.escape(column_label(name, currency=currency)),
                                 axis="columns")
    if isinstance(frame.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    else:
        styler = styler.format_index(lambda value: html.escape(str(value)), axis="index")
    # Text reads left-aligned like its header; numbers keep Jupyter's right alignment.
    return styler.set_table_styles(
        {name: [{"selector": "th, td", "props": "text-align: left"}] for name in text},
        overwrite=False,
    )


def _cell_format(column: pd.Series, name, *, currency: str | None) -> Callable[[object], str]:
    """How `column`'s cells read, escaped for HTML (text from postings is never markup)."""
    write = _writer(column, name, currency=currency)
    return lambda value: html.escape(write(value))


def _writer(column: pd.Series, name, *, currency: str | None) -> Callable[[object], str]:
    if pd.api.types.is_datetime64_any_dtype(column):
        return _date
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return str
    kind = column_kind(name)
    if kind == "money":
        if currency is None:
            return "{:,.0f}".format
        return functools.partial(money_full, currency=currency)
    if kind is None and pd.api.types.is_integer_dtype(column):
        return "{:,}".format
    return NUMBER_FORMATS[kind]


def _date(value: pd.Timestamp) -> str:
    """2026-11-01 for a date, the time too when there is one (as pandas prints dates)."""
    return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
