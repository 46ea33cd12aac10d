"""Location index against one reference metro: adjusted beside raw, read against noise, by level.

Report 04 asks what the same job posts for in other metros, as an index against one location's
metro (= 100). The statistics live in `.compare`; this module turns them into the frames the
report's charts plot (its words are in :mod:`analysis.findings.locations`):

- `resolve_reference`: which metro a location text stands for, and the stand-in when it has no
  comparable pay;
- `metro_index`: each metro's composition-adjusted index beside its raw index, the metros with
  enough postings and employers to show, and how each reads against the reference ("below",
  "above", "within noise" when the 95% interval includes 100);
- `metro_index_by_level` and `gaps_by_level`: the same adjusted index within each level, and
  whether a metro's gap differs by level (two of its level intervals do not overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.analyses.compare import adjusted_comparison, compare_groups
from analysis.analyses.roles import top_employer
from analysis.analyses.summary import comparable_bands
from analysis.choices import check_choices
from analysis.config import (
    DEFAULT_CURRENCY,
    INDEX_LEVELS,
    MIN_EMPLOYERS,
    N_BOOT,
    REFERENCE_METRO,
    SEED,
    SMALL_N,
)
from analysis.normalize.locations import parse_location
from analysis.normalize.vocabulary import LEVELS
from analysis.stats import readable

INDEX_COLUMNS = [
    "metro", "n_postings", "index", "index_low", "index_high", "p_value", "is_reference",
    "small_n", "raw_index", "raw_low", "raw_high", "n_employers", "below", "above", "reading",
    "raw_outside",
]
LEVEL_COLUMNS = [
    "metro", "n_postings", "index", "index_low", "index_high", "p_value", "is_reference",
    "small_n", "level", "n_employers", "readable",
]


def _first_city(metro: str) -> str:
    """The metro's first named city: 'Austin-Round Rock-San Marcos, TX' -> 'Austin'."""
    return str(metro).split(",")[0].split("-")[0].strip()


def controls_from_text(text: str, *, columns: Sequence[str]) -> tuple[str, ...]:
    """Adjustment controls from a comma-separated parameter, keeping only known columns.

    >>> controls_from_text("role_family, level, shoe_size", columns=["role_family", "level"])
    ('role_family', 'level')
    """
    known = set(columns)
    return tuple(c.strip() for c in str(text).split(",") if c.strip() in known)


@dataclass(frozen=True)
class Reference:
    """The metro a report indexes against, and how it was chosen.

    ``metro`` is what `location` resolves to (None when it names no known metro); ``reference``
    the metro actually used (None when no metro has comparable pay); ``found`` whether they are
    the same; ``focus`` the short place name for prose (the location's city when it was found,
    else the reference metro's first city). ``n_metros`` counts metros with comparable pay;
    ``postings``, ``top_employer`` and ``top_employer_postings`` describe the reference metro.
    """

    location: str
    metro: str | None
    reference: str | None
    found: bool
    focus: str
    n_metros: int
    postings: int
    top_employer: str | None
    top_employer_postings: int


def resolve_reference(
    bands: pd.DataFrame,
    *,
    location: str,
    currency: str = DEFAULT_CURRENCY,
    fallback: str = REFERENCE_METRO,
) -> Reference:
    """The metro to index against: `location`'s metro, else the text as a metro, else a stand-in.

    The stand-in is `fallback` when it has comparable pay, else the metro with the most postings;
    ``found`` is False then, so the report can say so. Never raises.
    """
    comparable = comparable_bands(bands, currency=currency)
    metro_n = comparable.groupby("metro")["posting_id"].nunique().sort_values(ascending=False)
    place = parse_location(location)
    wanted = place.metro or location
    found = wanted in metro_n.index
    reference = (wanted if found else fallback if fallback in metro_n.index
                 else metro_n.index[0] if len(metro_n) else None)
    focus = (place.city if found and place.city and place.metro == reference
             else _first_city(reference) if reference else location)
    at_reference = comparable.loc[comparable["metro"] == reference].drop_duplicates("posting_id")
    employer, employer_postings = top_employer(at_reference["employer"])
    return Reference(
        location=location,
        metro=place.metro,
        reference=reference,
        found=bool(found),
        focus=str(focus),
        n_metros=len(metro_n),
        postings=len(at_reference),
        top_employer=employer,
        top_employer_postings=employer_postings,
    )


@dataclass(frozen=True)
class LocationIndex:
    """`metro_index` output: the shown metros (``table``), the raw comparison, derived facts."""

    table: pd.DataFrame
    raw: pd.DataFrame

    @property
    def others(self) -> pd.DataFrame:
        """Shown metros other than the reference, most postings first."""
        others = self.table.loc[~self.table["is_reference"].astype(bool)]
        return others.sort_values("n_postings", ascending=False)

    @property
    def ok(self) -> bool:
        """There is something to compare: the reference and at least one other shown metro."""
        return len(self.others) > 0

    @property
    def lead(self) -> pd.Series | None:
        """The shown metro with the most postings besides the reference."""
        return self.others.iloc[0] if self.ok else None

    @property
    def lead_metro(self) -> str | None:
        """The lead metro's name (None when there is nothing to compare)."""
        return None if self.lead is None else str(self.lead["metro"])

    @property
    def lowest(self) -> pd.Series | None:
        """The shown metro with the lowest adjusted index."""
        return self.others.sort_values("index").iloc[0] if self.ok else None

    @property
    def order(self) -> list[str]:
        """Shown metros by adjusted index, highest first (the reference at 100 among them)."""
        return self.table.sort_values("index", ascending=False)["metro"].tolist()

    @property
    def hidden(self) -> int:
        """Metros with comparable pay left out for too few postings or employers."""
        return len(self.raw) - len(self.table)

    def count(self, reading: str) -> int:
        """Shown metros (reference excluded) that read `reading`: "below", "above", ..."""
        return int((self.others["reading"] == reading).sum())

    @property
    def moved(self) -> pd.DataFrame:
        """Metros whose raw index lies outside their adjusted index's 95% interval, largest
        shift first: in the chart, a ring (raw) outside the line around the dot (adjusted).

        For these, holding the controls fixed moves the gap beyond the adjusted estimate's noise.
        """
        others = self.others
        moved = others.loc[others["raw_outside"].astype(bool)]
        shift = (moved["index"] - moved["raw_index"]).abs()
        return moved.loc[shift.sort_values(ascending=False, kind="stable").index]

    @property
    def examples(self) -> pd.DataFrame:
        """Up to three metros to quote on adjustment: moved ones, else the three largest."""
        moved = self.moved
        return moved.head(3) if len(moved) else self.others.head(3)


def metro_index(
    bands: pd.DataFrame,
    *,
    reference: str | None,
    controls: Sequence[str] = ("role_family", "level"),
    currency: str = DEFAULT_CURRENCY,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
) -> LocationIndex:
    """Each metro's adjusted index beside its raw index against `reference` (= 100), read for noise.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table (filter it first to compare one role family). Not modified.
    reference : str or None
        The reference metro (`resolve_reference`); None gives an empty result.
    controls : sequence of str
        Columns held fixed by `compare.adjusted_comparison`; ``()`` for none.
    n_boot, seed : int
        Bootstrap resamples and seed of the raw `compare.compare_groups`.
    min_n, min_employers : int
        A metro is shown when it has at least `min_n` postings from `min_employers` employers;
        the reference is always shown.

    Returns
    -------
    LocationIndex
        ``table``: one row per shown metro, highest adjusted index first, with ``INDEX_COLUMNS``:
        the adjusted ``index`` and its 95% interval, the raw ratio of medians (``raw_index``,
        ``raw_low``, ``raw_high``), ``n_employers``, ``below`` / ``above`` (the interval lies
        wholly under / over 100) and ``reading`` ("reference", "below", "above", "within
        noise", or "too few employers" when no interval is claimed), and ``raw_outside``: the
        raw index lies outside the adjusted 95% interval (the chart's ring falls outside the
        dot's line). ``raw``: the raw comparison of every metro.
        Both are empty when `reference` is None or fewer than two metros have comparable pay.
    """
    metros = comparable_bands(bands, currency=currency)["metro"].dropna().nunique()
    if reference is None or metros < 2:
        empty = pd.DataFrame(columns=INDEX_COLUMNS)
        return LocationIndex(empty, empty)
    adjusted = adjusted_comparison(bands, reference=reference, controls=controls,
                                   currency=currency, min_n=min_n)
    raw = compare_groups(bands, reference=reference, currency=currency, min_n=min_n,
                              n_boot=n_boot, seed=seed)
    table = adjusted.merge(
        raw[["metro", "index", "index_low", "index_high"]].rename(columns={
            "index": "raw_index", "index_low": "raw_low", "index_high": "raw_high"}),
        on="metro")
    shown = table["is_reference"] | readable(table["n_postings"], table["n_employers"],
                                             min_n=min_n, min_employers=min_employers)
    table = table.loc[shown].reset_index(drop=True)
    below, above = table["index_high"] < 100, table["index_low"] > 100
    # how each index reads against the reference's 100, given its interval
    untested = ~table["is_reference"].astype(bool) & table["index_low"].isna()
    reading = np.select([table["is_reference"].astype(bool), untested, below, above],
                        ["reference", "too few employers", "below", "above"], "within noise")
    # adjusting moves the gap beyond noise: the raw index lies outside the adjusted interval
    raw_outside = ~table["is_reference"].astype(bool) & (
        (table["raw_index"] < table["index_low"]) | (table["raw_index"] > table["index_high"]))
    table = table.assign(below=below, above=above, reading=reading.astype(object),
                         raw_outside=raw_outside)
    return LocationIndex(table[INDEX_COLUMNS], raw)


def metro_index_by_level(
    bands: pd.DataFrame,
    *,
    reference: str | None,
    controls: Sequence[str] = ("role_family", "level"),
    currency: str = DEFAULT_CURRENCY,
    levels: Sequence[str] = INDEX_LEVELS,
    metros: Sequence[str] | None = None,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
) -> pd.DataFrame:
    """The adjusted index within each level, stacked: one factor per city can hide level gaps.

    Each level of `levels` at which the reference has at least `min_n` postings gets its own
    `compare.adjusted_comparison` (controls other than "level"), fitted on all metros.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table. Not modified.
    reference : str or None
        The reference metro; None gives an empty frame.
    metros : sequence of str, optional
        Keep only these metros' rows (the ones shown overall, so panels match); with no metro
        besides the reference there is nothing to compare and the frame is empty.
    min_n, min_employers : int
        A row is ``readable`` when it is not the reference and has at least `min_n` postings
        from `min_employers` employers at that level.

    Returns
    -------
    pandas.DataFrame
        ``LEVEL_COLUMNS``: the `adjusted_comparison` columns plus ``level``, ``n_employers`` (at
        that level) and ``readable``, levels in the order of `levels`. A level not in the
        vocabulary's ``LEVELS`` is an UnknownChoiceError naming the closest ("Senior" is
        "senior"), not a level silently without rows.
    """
    check_choices(list(levels), LEVELS, what="level", where="the ladders have")
    empty = pd.DataFrame(columns=LEVEL_COLUMNS)
    if reference is None or (metros is not None and not set(metros) - {reference}):
        return empty
    comparable = comparable_bands(bands, currency=currency)
    at_reference = (comparable.loc[comparable["metro"] == reference]
                    .groupby("level")["posting_id"].nunique())
    chosen = [level for level in levels if at_reference.get(level, 0) >= min_n]
    if not chosen:
        return empty
    level_controls = tuple(c for c in controls if c != "level")
    stacked = pd.concat([
        adjusted_comparison(bands.loc[bands["level"] == level], reference=reference,
                            controls=level_controls, currency=currency, min_n=min_n)
        .assign(level=level)
        for level in chosen
    ])
    if metros is not None:
        stacked = stacked.loc[stacked["metro"].isin(metros)]
    stacked["readable"] = ~stacked["is_reference"].astype(bool) & readable(
        stacked["n_postings"], stacked["n_employers"], min_n=min_n, min_employers=min_employers)
    return stacked[LEVEL_COLUMNS]


def gaps_by_level(comparisons: pd.DataFrame, *, min_levels: int = 2) -> pd.DataFrame:
    """Whether each metro's gap to the reference differs by level, from `metro_index_by_level`.

    Only ``readable`` rows count, and only metros with at least `min_levels` of them. A metro's
    gap ``differs`` when two of its level intervals do not overlap: the highest lower bound lies
    above the lowest upper bound.

    Returns
    -------
    pandas.DataFrame
        One row per metro (alphabetical): ``metro``, ``n_levels``, ``top_low`` (highest
        ``index_low``), ``bottom_high`` (lowest ``index_high``) and ``differs``.
    """
    readable = comparisons.loc[comparisons["readable"].astype(bool)]
    spans = readable.groupby("metro").agg(n_levels=("level", "size"),
                                          top_low=("index_low", "max"),
                                          bottom_high=("index_high", "min")).reset_index()
    spans = spans.loc[spans["n_levels"] >= min_levels].reset_index(drop=True)
    return spans.assign(differs=spans["top_low"] > spans["bottom_high"])
