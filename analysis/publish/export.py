"""The analyst's workbook: the analyses of one snapshot as one Excel file, a sheet per analysis.

`SHEETS` is the registry: a sheet name → what the sheet holds (one line on the About sheet) and
the function that builds its table from the bands. Adding an analysis to the export is one entry.
Each sheet is computed on its own: one that cannot be computed on this data (no band in the
currency, too few groups for a fit) becomes a one-line note sheet, and the others are still
written; an :class:`ExportWarning` says which and why.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.analyses.compare import adjusted_comparison, compare_groups
from analysis.analyses.ladder import level_ladder
from analysis.analyses.ranges import structures_by_role_family
from analysis.analyses.summary import band_summary, comparable_bands
from analysis.analyses.zones import pay_zones, usable_reference
from analysis.config import DEFAULT_CURRENCY, REFERENCE_METRO
from analysis.errors import EmptyFilterWarning
from analysis.publish.workbook import write_workbook
from analysis.store import paybands_version


class ExportWarning(UserWarning):
    """A sheet of an export that was not computed, holds no rows, or departs from its default
    (another reference metro); the message names the sheet and why."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of the export: what it holds, in a line, and how its table is built.

    build : ``build(bands, *, currency) -> DataFrame``, a pure analysis of the bands table in one
        currency. It may warn :class:`ExportWarning` (a note for the About sheet) or
        :class:`~analysis.errors.EmptyFilterWarning`; a ValueError or LookupError it raises makes
        the sheet a note.
    """

    holds: str
    build: Callable[..., pd.DataFrame]


def reference_metro(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> str:
    """The metro the metro sheets index against: ``REFERENCE_METRO`` when it has closed bands in
    `currency`, else the metro with the most postings that have (an :class:`ExportWarning` says
    so; :func:`~analysis.analyses.zones.usable_reference`)."""
    reference = usable_reference(bands, currency=currency)
    if reference != REFERENCE_METRO:
        warnings.warn(f"no closed {currency} bands in {REFERENCE_METRO}: the reference (= 100) "
                      f"is {reference}, the metro with the most postings", ExportWarning,
                      stacklevel=2)
    return reference


def _summary_by(column: str) -> Callable[..., pd.DataFrame]:
    def build(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
        return band_summary(bands, by=column, currency=currency)
    return build


def _compare_metros(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    return compare_groups(bands, across="metro", currency=currency,
                          reference=reference_metro(bands, currency=currency))


def _compare_adjusted(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    return adjusted_comparison(bands, across="metro", controls=("role_family", "level"),
                               currency=currency,
                               reference=reference_metro(bands, currency=currency))


def _ladders(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    return level_ladder(bands, currency=currency)


def _zones(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    return pay_zones(bands, currency=currency, reference=reference_metro(bands, currency=currency))


def _structures(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    return structures_by_role_family(bands, currency=currency)


SUMMARY = ("postings, employers, p10-p90 of annual min, mid and max (a posting counted once), "
           "the median midpoint's 95% interval resampling employers, the median range spread")
SHEETS: dict[str, Sheet] = {
    "summary by metro": Sheet(f"Pay bands per metro: {SUMMARY}.", _summary_by("metro")),
    "summary by role family": Sheet(f"Pay bands per role family: {SUMMARY}.",
                                    _summary_by("role_family")),
    "compare metros": Sheet(
        "Each metro's median annual midpoint as an index against the reference metro (= 100, "
        "is_reference), with 95% intervals and p-values resampling employers; raw medians, not "
        "adjusted for the mix of roles and levels.",
        _compare_metros,
    ),
    "compare adjusted": Sheet(
        "The metro index for the same role family and level: least squares of log midpoint on "
        "metro, role family and level, errors clustered by employer; what a metro pays against "
        "the reference (= 100) for the same job.",
        _compare_adjusted,
    ),
    "ladder": Sheet(
        "Level ladders per role family and track: the median band of each level in ladder "
        "order, the step from the level below with its employer-clustered 95% interval, the "
        "overlap with the level below's band, the median spread.",
        _ladders,
    ),
    "zones": Sheet(
        "Geographic pay zones: each metro's index for the same role family and level against the "
        "reference metro (= 100) with its 95% interval, grouped into zones (1 pays most) that "
        "split metros only where they differ by more than 5 points beyond noise; thin metros "
        "unzoned, with the reason.",
        _zones,
    ),
    "ranges": Sheet(
        "Proposed salary structures per role family (individual-contributor ladder): the market "
        "p10-p90 of posted midpoints per level, and a range per level (min, mid, max, spread, "
        "the midpoint's step from the level below); thin levels take the ladder's log-linear "
        "fit (smoothed).",
        _structures,
    ),
}


def analysis_sheets(
    bands: pd.DataFrame,
    *,
    currency: str = DEFAULT_CURRENCY,
    sheets: Mapping[str, Sheet] = SHEETS,
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Every sheet's table and its line for the About sheet: (name → table, name → line).

    A sheet whose build raises a ValueError or LookupError (a usage error, a fit without enough
    groups) becomes a one-row table whose ``note`` says why; an empty table, or a departure from a
    default, is said on its About line. Each is also warned as an :class:`ExportWarning` naming
    the sheet. Other exceptions are bugs and propagate.
    """
    tables, lines = {}, {}
    for name, sheet in sheets.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                table, problem = sheet.build(bands, currency=currency), None
            except (ValueError, LookupError) as error:
                table, problem = None, f"not computed: {_one_line(error)}"
        notes = []
        for warning in caught:
            if issubclass(warning.category, EmptyFilterWarning | ExportWarning):
                notes.append(_one_line(warning.message))
            else:  # not about the sheet's data: passed on as it came
                warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                       warning.lineno, source=warning.source)
        if problem:
            notes.append(problem)
            table = pd.DataFrame({"note": [f"{name}: {problem}"]})
        elif table.empty and not notes:
            notes.append("no rows on this data")
        tables[name] = table
        lines[name] = " ".join([sheet.holds, *(f"Note: {note}." for note in notes)])
        for note in notes:
            warnings.warn(f"sheet {name!r}: {note}", ExportWarning, stacklevel=2)
    return tables, lines


def export_workbook(
    bands: pd.DataFrame,
    path: str | Path,
    *,
    currency: str = DEFAULT_CURRENCY,
    manifest: Mapping | None = None,
    sheets: Mapping[str, Sheet] = SHEETS,
) -> Path:
    """Write the analyses of `bands` as one Excel workbook at `path` (.xlsx); return the path.

    The first sheet, About, says where the bands were read (`manifest`, as
    :func:`analysis.store.load_manifest` returns it: ``read_from``, snapshot, versions), their
    counts, the currency, and what each sheet holds; then one sheet per entry of `sheets` (see
    :func:`analysis_sheets`). Cells are written by :func:`analysis.publish.workbook.write_workbook`:
    numbers as numbers in money, percent and count formats, text never a formula.

    Examples
    --------
    >>> from analysis.store import load_bands, load_manifest
    >>> export_workbook(load_bands(), "paybands.xlsx", manifest=load_manifest())  # doctest: +SKIP
    PosixPath('paybands.xlsx')
    """
    tables, lines = analysis_sheets(bands, currency=currency, sheets=sheets)
    return write_workbook(tables, path, currency=currency, notes=lines,
                          about=_about(bands, manifest=manifest or {}, currency=currency))


def _about(bands: pd.DataFrame, *, manifest: Mapping, currency: str) -> dict[str, object]:
    """The About sheet's facts: where the bands come from, how many, in which currency."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EmptyFilterWarning)
        closed = len(comparable_bands(bands, currency=currency))
    facts = {
        "data": manifest.get("read_from"),
        "snapshot": manifest.get("snapshot"),
        "snapshot created": manifest.get("created"),
        "ingested by paybands": manifest.get("paybands_version"),
        "exported by paybands": paybands_version(),
        "postings": bands["posting_id"].nunique(),
        "postings with pay": bands.loc[bands["has_pay"].fillna(False).astype(bool),
                                       "posting_id"].nunique(),
        "bands": len(bands),
        f"bands with a closed {currency} range": closed,
        "currency": f"{currency}: the sheets compare bands in {currency}; bands in other "
                    "currencies are left out, never converted",
    }
    return {key: value for key, value in facts.items() if value is not None}


def _one_line(message: object) -> str:
    return " ".join(str(message).split()).rstrip(".")
