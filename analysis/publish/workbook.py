"""A workbook from frames: one sheet per table, numbers as numbers, text that is never a formula.

Every sheet is a filterable table: a bold header row that stays in view (frozen panes), an
autofilter over the table, columns as wide as their content (capped). Numbers stay numeric cells;
what a column holds is read from its name (:func:`analysis.formats.column_kind`), which sets how it
is shown: money in the table's currency ("$"#,##0), shares as percentages (0.0%), counts with
thousands separators. The value under the format keeps full precision, so a sum or a chart in the
spreadsheet uses the analysis's numbers, not rounded ones.

Text from postings is untrusted. A text cell is written as a string cell (openpyxl would otherwise
turn "=HYPERLINK(...)" into a formula), and one that starts like a formula (=, +, -, @, a tab or a
carriage return) also gets Excel's own "quote prefix" style, the mark Excel sets when a person
types '=1+1: the cell reads exactly as posted and stays text when it is edited. Characters XML
cannot hold (control characters) are dropped.

The workbook is written to a temporary file beside `path` and renamed over it when complete, so a
failed export never leaves half a workbook, and an open reader never sees one.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Mapping
from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.config import DEFAULT_CURRENCY
from analysis.errors import UsageError
from analysis.formats import FORMULA_PREFIXES, column_kind, currency_symbol

ABOUT_SHEET = "About"
SUFFIX = ".xlsx"

# How each kind of column (analysis.formats.COLUMN_KINDS) is shown; money's format is built per
# currency (money_format). Percentile ranks and indexes are on 0-100 already; p-values keep
# Excel's General format, so a small one reads 1.2E-05 instead of rounding to 0.
NUMBER_FORMATS = {
    "share": "0.0%",
    "count": "#,##0",
    "index": "0.0",
    "percentile": "0.0",
    "ratio": "0.00",
    "p_value": "General",
}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

# Column widths in characters: at least a short number's, at most a sentence's (longer text wraps
# off-screen rather than pushing every other column away). The header gets room for the
# autofilter's drop-down button.
MIN_WIDTH, MAX_WIDTH, FILTER_BUTTON = 8, 60, 2
# Excel's limits: a sheet name of 31 characters without []:*?/\, a cell of 32,767 characters.
SHEET_NAME_LENGTH = 31
CELL_LENGTH = 32_767
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Excel reserves this sheet name for change tracking.
RESERVED_SHEET_NAMES = {"history"}


def write_workbook(
    sheets: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    currency: str = DEFAULT_CURRENCY,
    notes: Mapping[str, str] | None = None,
    about: Mapping[str, object] | None = None,
) -> Path:
    """Write `sheets` (name → table, in order) as one Excel workbook at `path`; return the path.

    Parameters
    ----------
    sheets : each table becomes a sheet: a bold, frozen header row, an autofilter, columns sized
        to their content. Names are made valid for Excel (31 characters, no []:*?/\\, unique
        ignoring case). A frame's index is written as columns unless it is a plain 0..n-1 range.
    path : the .xlsx file; its folder is created, an existing file is replaced once the new one is
        complete.
    currency : the currency of the money columns, whose format shows its symbol ($, £, CA$, or
        the code for one without a symbol).
    notes : sheet name → one line saying what the sheet holds, listed on the About sheet.
    about : facts about the whole workbook (where the data was read, the snapshot, versions), the
        first rows of the About sheet, which is always the first sheet; `currency` is added when
        it has no "currency" entry.

    Cells: numbers stay numbers (NaN, infinities and missing values are empty cells), booleans
    booleans, dates and timestamps dates (time zones are converted to UTC: Excel has none). Text is
    always a string cell, never a formula; see the module docstring.

    Raises :class:`~analysis.errors.UsageError` for a path that does not end in .xlsx (Excel
    refuses to open a workbook named otherwise), IsADirectoryError for a folder.

    Examples
    --------
    >>> import tempfile
    >>> table = pd.DataFrame({"title": ["=1+1"], "annual_mid_median": [145000.0]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_workbook({"titles": table}, Path(folder) / "t.xlsx").name
    't.xlsx'
    """
    path = workbook_path(path)
    notes = dict(notes or {})
    book = Workbook()
    about_sheet = book.active
    about_sheet.title = ABOUT_SHEET
    taken = {ABOUT_SHEET.lower()}
    listed = []
    for name, frame in sheets.items():
        title = sheet_name(name, taken=taken)
        taken.add(title.lower())
        table = _tidy(frame)
        _write_table(book.create_sheet(title), table, currency=currency)
        listed.append((title, len(table), notes.get(name, "")))
    _write_about(about_sheet, about=dict(about or {}), currency=currency, listed=listed)
    book.properties.creator = "paybands"
    return _save(book, path)


def workbook_path(path: str | Path) -> Path:
    """`path` as the workbook to write: an .xlsx file, not a folder (checked before any work).

    >>> workbook_path("out/bands.xlsx").name
    'bands.xlsx'
    >>> workbook_path("bands.csv")
    Traceback (most recent call last):
    ...
    analysis.errors.UsageError: bands.csv: an Excel workbook's name ends in .xlsx
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; name the workbook in it, e.g. "
                                f"{path / 'bands.xlsx'}")
    if path.suffix.lower() != SUFFIX:
        raise UsageError(f"{path}: an Excel workbook's name ends in {SUFFIX}")
    return path


def sheet_name(name: object, *, taken: Iterable[str] = ()) -> str:
    """`name` as a valid Excel sheet name not among `taken` (compared ignoring case, as Excel
    does): forbidden characters become "-", at most 31 characters, " (2)" and on for a repeat.

    >>> sheet_name("summary: metro/role [USD]")
    'summary- metro-role -USD-'
    >>> sheet_name("Compare", taken={"compare"})
    'Compare (2)'
    >>> len(sheet_name("x" * 40))
    31
    """
    base = _SHEET_NAME_FORBIDDEN.sub("-", str(name)).strip().strip("'") or "Sheet"
    base = base[:SHEET_NAME_LENGTH]
    taken = {t.lower() for t in taken} | RESERVED_SHEET_NAMES
    title, copy = base, 1
    while title.lower() in taken:
        copy += 1
        suffix = f" ({copy})"
        title = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix
    return title


def money_format(currency: str = DEFAULT_CURRENCY, *, cents: bool = False) -> str:
    """Excel's number format for amounts in `currency`.

    >>> [money_format("USD"), money_format("GBP", cents=True), money_format("CHF")]
    ['"$"#,##0', '"£"#,##0.00', '"CHF "#,##0']
    """
    symbol = currency_symbol(currency)
    prefix = symbol if symbol else f"{currency} "
    prefix = prefix.replace('"', "")  # a quote would end the literal
    return f'"{prefix}"#,##0' + (".00" if cents else "")


# --- Tables -------------------------------------------------------------------------------------


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a flat table: a meaningful index becomes columns, column labels strings."""
    table = frame
    if not isinstance(table.index, pd.RangeIndex) or table.index.start != 0 or (
            table.index.step != 1):
        table = table.reset_index()
    table = table.copy()
    table.columns = [
        " ".join(str(part) for part in label if str(part)) if isinstance(label, tuple)
        else str(label)
        for label in table.columns
    ]
    return table


def _write_table(sheet: Worksheet, table: pd.DataFrame, *, currency: str) -> None:
    """`table` on `sheet`: header row, typed cells with their formats, frozen header, filter,
    widths."""
    bold = Font(bold=True)
    for col, name in enumerate(table.columns, start=1):
        _text_cell(sheet, 1, col, name).font = bold
    for col in range(1, len(table.columns) + 1):
        column = table.iloc[:, col - 1]
        name = table.columns[col - 1]
        values = _cell_values(column)
        number_format = _number_format(name, column, values, currency=currency)
        for row, value in enumerate(values, start=2):
            if isinstance(value, str):
                cell = _text_cell(sheet, row, col, value)
            else:
                cell = sheet.cell(row=row, column=col, value=value)
                if number_format and value is not None:
                    cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(col)].width = _width(
            name, values, number_format, currency=currency)
    sheet.freeze_panes = "A2"
    if len(table.columns):
        last = f"{get_column_letter(len(table.columns))}{len(table) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"


def _text_cell(sheet: Worksheet, row: int, col: int, text: object):
    """A string cell that Excel never evaluates, whatever it starts with."""
    text = _clean_text(str(text))
    cell = sheet.cell(row=row, column=col, value=text)
    cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True  # what Excel itself stores for text typed as '=1+1
    return cell


def _clean_text(text: str) -> str:
    """Text a cell can hold: no control characters XML forbids, at most Excel's cell length."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:CELL_LENGTH]


def _cell_values(column: pd.Series) -> list:
    """Python values openpyxl writes as the right cell type; None for an empty cell."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return [None if pd.isna(v) else bool(v) for v in column.astype(object)]
    if pd.api.types.is_numeric_dtype(dtype):
        return [_number(v) for v in column.astype(object)]
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        return [None if pd.isna(v) else v.to_pydatetime() for v in column]
    return [_value(v) for v in column.astype(object)]


def _number(value) -> int | float | None:
    """A number as Python's int or float; None for a missing or infinite one (Excel has none)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    value = float(value)
    return value if math.isfinite(value) else None


def _value(value):
    """One cell of a text (object, string or categorical) column as its Python value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, Number) and not isinstance(value, complex):
        return _number(value)
    if isinstance(value, pd.Timestamp):
        stamp = value.tz_convert("UTC").tz_localize(None) if value.tzinfo else value
        return stamp.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, (list, tuple, dict, set, np.ndarray)) and pd.isna(value):
        return None
    return str(value)  # a list, a dict, an object: its text


def _number_format(name: str, column: pd.Series, values: list, *, currency: str) -> str | None:
    """The number format of a column's cells: by kind for numeric columns, a date format for
    dates; None (General) otherwise."""
    dtype = column.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype) or (
            any(isinstance(v, dt.date) for v in values)
            and all(v is None or isinstance(v, dt.date) for v in values)):
        with_time = any(isinstance(v, dt.datetime) and v.time() != dt.time() for v in values)
        return DATETIME_FORMAT if with_time else DATE_FORMAT
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        return None
    kind = column_kind(name)
    if kind == "money":
        # Cents only where an amount below a thousand has them (an hourly $22.50), as
        # analysis.formats.money_full writes money.
        cents = any(isinstance(v, float) and abs(v) < 1000 and v != round(v) for v in values)
        return money_format(currency, cents=cents)
    return NUMBER_FORMATS.get(kind)


def _width(name: str, values: list, number_format: str | None, *, currency: str) -> float:
    """A column's width in characters: its header or longest shown value, within the limits."""
    longest = len(name) + FILTER_BUTTON
    for value in values:
        longest = max(longest, len(_shown(value, number_format)))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 1)))


def _shown(value, number_format: str | None) -> str:
    """About how a value reads in its cell, for the column's width."""
    if value is None:
        return ""
    if isinstance(value, str):
        return max(value.splitlines() or [""], key=len)
    if isinstance(value, bool):
        return "FALSE"
    if isinstance(value, dt.date):
        return "2026-12-01 00:00:00" if number_format == DATETIME_FORMAT else "2026-12-01"
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{value * 100:,.1f}%"
        if number_format and "#,##0" in number_format:
            prefix = number_format.split('"')[1] if number_format.startswith('"') else ""
            decimals = 2 if number_format.endswith(".00") else 0
            return f"{prefix}{value:,.{decimals}f}"
        if number_format in ("0.0", "0.00"):
            return f"{value:.{len(number_format) - 2}f}"
        return f"{value:.6g}"
    return str(value)


# --- The About sheet ----------------------------------------------------------------------------


def _write_about(sheet: Worksheet, *, about: dict, currency: str,
                 listed: list[tuple[str, int, str]]) -> None:
    """Facts about the workbook (about, value), an empty row, then one row per sheet: its name,
    rows and what it holds."""
    about.setdefault("currency", currency)
    facts = [(str(key), _value(value)) for key, value in about.items()]
    bold = Font(bold=True)
    for col, name in enumerate(("about", "value"), start=1):
        _text_cell(sheet, 1, col, name).font = bold
    for row, (key, value) in enumerate(facts, start=2):
        _text_cell(sheet, row, 1, key)
        if isinstance(value, str):
            _text_cell(sheet, row, 2, value)
        else:
            cell = sheet.cell(row=row, column=2, value=value)
            if isinstance(value, int) and not isinstance(value, bool):
                cell.number_format = NUMBER_FORMATS["count"]
    start = len(facts) + 3
    for col, name in enumerate(("sheet", "rows", "what it holds"), start=1):
        _text_cell(sheet, start, col, name).font = bold
    for row, (title, n_rows, note) in enumerate(listed, start=start + 1):
        _text_cell(sheet, row, 1, title)
        sheet.cell(row=row, column=2, value=n_rows).number_format = NUMBER_FORMATS["count"]
        _text_cell(sheet, row, 3, note)
    columns = [[key for key, _ in facts] + [title for title, _, _ in listed],
               [_shown(value, None) for _, value in facts],
               [note for _, _, note in listed]]
    for col, texts in enumerate(columns, start=1):
        longest = max(map(len, texts), default=0)
        limit = 2 * MAX_WIDTH if col == 3 else MAX_WIDTH  # the sentences get room
        sheet.column_dimensions[get_column_letter(col)].width = float(
            min(limit, max(MIN_WIDTH, longest + 1)))


def _save(book: Workbook, path: Path) -> Path:
    """Save `book` beside `path`, then rename it over `path` (never half a workbook there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        book.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
