"""Geographic pay zones: metros grouped by their composition-adjusted pay index.

A compensation team that pays by location sorts metros into a few zones (zone 1 pays the most) and
sets one range per zone. `pay_zones` reads each metro's index from
:func:`analysis.analyses.compare.adjusted_comparison` (the same job, the same level, against one
reference metro = 100, with an employer-clustered interval) and cuts the ranked list only where the
data show a real difference; `zone_table` summarizes the zones it made.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.analyses.compare import adjusted_comparison
from analysis.analyses.location_index import resolve_reference
from analysis.analyses.summary import comparable_bands
from analysis.choices import warn_empty
from analysis.config import (
    CONFIDENCE,
    DEFAULT_CURRENCY,
    MAX_ZONES,
    MIN_EMPLOYERS,
    REFERENCE_METRO,
    ZONE_MIN_POSTINGS,
    ZONE_MIN_STEP,
)

ZONE_COLUMNS = ["metro", "index", "index_low", "index_high", "zone", "postings", "employers",
                "zoned", "reason", "is_reference"]
ZONE_TABLE_COLUMNS = ["zone", "n_metros", "metros", "index_max", "index_min", "median_index",
                      "postings", "has_reference"]


def pay_zones(
    bands: pd.DataFrame,
    *,
    reference: str = REFERENCE_METRO,
    controls: Sequence[str] = ("role_family", "level"),
    currency: str = DEFAULT_CURRENCY,
    max_zones: int = MAX_ZONES,
    min_step: float = ZONE_MIN_STEP,
    min_postings: int = ZONE_MIN_POSTINGS,
    min_employers: int = MIN_EMPLOYERS,
    confidence: float = CONFIDENCE,
) -> pd.DataFrame:
    """Each metro's composition-adjusted pay index (reference = 100) and its pay zone (1 = highest).

    The index is :func:`~analysis.analyses.compare.adjusted_comparison` across metros: 100 ×
    exp(metro coefficient) of log(annual_mid) on metro plus `controls`, with an employer-clustered
    t interval at `confidence`.

    Zoning, deterministic and top-down:

    1. A metro is *zoneable* when it has at least `min_postings` postings from `min_employers`
       employers and an interval (the reference has none against itself: it counts as the point
       [100, 100]). Others get zone NA, ``zoned = False`` and a ``reason``.
    2. Zoneable metros are ranked by index, highest first (ties by name). The first opens zone 1
       and is its *anchor*. Each next metro joins the current zone unless it differs from the
       anchor on both counts: its index is more than `min_step` points below the anchor's, **and**
       its interval lies wholly below the anchor's (the two intervals do not overlap). Then it
       opens the next zone and becomes that zone's anchor.
    3. While that makes more than `max_zones` zones, the step is raised to the narrowest gap
       between two adjacent anchors (that boundary disappears) and the zones are rebuilt.

    So zones follow the ranking (zone 1 holds the highest indices, no zone interleaves another);
    every metro in a zone is within the step of its anchor or cannot be told apart from it; and
    adjacent anchors are more than the step apart, so no boundary is finer than `min_step`. Where
    no zoneable metro differs from the top one, all are one zone: the issue's "two to six zones"
    is the range when the data have structure, and a split the data do not support is not made.
    Comparing intervals for overlap is conservative (two indices can differ beyond noise while
    their intervals still touch), which is the side to err on before paying people differently.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table (filter it first to zone one role family). Not modified.
    reference : str
        The metro that is 100 (default: the Sunnyvale metro).
    controls : sequence of str
        Columns held fixed by the index; ``()`` for none.
    currency : str
        Only bands in this currency are used.
    max_zones : int
        At most this many zones (at least 1).
    min_step : float
        Index points a metro must lie below its zone's anchor before it can open a new zone.
    min_postings, min_employers : int
        A metro with fewer postings or employers is listed, unzoned.
    confidence : float
        Level of each index's interval.

    Returns
    -------
    pandas.DataFrame
        One row per metro with comparable pay, ``ZONE_COLUMNS``: metro, index, index_low,
        index_high (NaN for the reference and for metros without an interval), zone (nullable
        Int64, NA when unzoned), postings, employers, zoned, reason (why a metro is unzoned, else
        NA) and is_reference. Zoned metros first, by zone and index (highest first), then the
        unzoned by index. ``attrs["zone_step"]`` is the step the zones were cut at (above
        `min_step` only when `max_zones` forced it); ``attrs`` also keep the reference and the
        options (min_step, max_zones, min_postings, min_employers, controls, confidence), so
        the words about the zones can state the rules they were cut by.

    Raises
    ------
    ValueError for `max_zones` below 1 or a negative `min_step`; whatever
    :func:`~analysis.analyses.compare.adjusted_comparison` raises (UnknownChoiceError, naming the
    closest, for a `reference` the data never hold).

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> zones = pay_zones(load_bands())  # doctest: +SKIP
    >>> zones.loc[zones["zoned"], ["metro", "index", "zone"]].head(3)  # doctest: +SKIP
    """
    controls = (controls,) if isinstance(controls, str) else tuple(controls)
    if max_zones < 1:
        raise ValueError(f"max_zones must be at least 1, got {max_zones}")
    if min_step < 0:
        raise ValueError(f"min_step must be 0 or more index points, got {min_step}")
    rules = dict(reference=reference, min_step=float(min_step), max_zones=int(max_zones),
                 min_postings=int(min_postings), min_employers=int(min_employers),
                 controls=controls, confidence=float(confidence))
    located = comparable_bands(bands, currency=currency)["metro"].dropna()
    if located.empty:  # a board that names no US metro: nothing to zone, and the report says so
        if len(bands):
            warn_empty("keeping closed bands with a metro",
                       f"no closed {currency} band names a US metro")
        empty = pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in zip(
            ZONE_COLUMNS, ["object", "float", "float", "float", "Int64", "int", "int", "bool",
                           "object", "bool"], strict=True)})
        empty.attrs.update(zone_step=float(min_step), **rules)
        return empty
    comparison = adjusted_comparison(bands, across="metro", reference=reference,
                                     controls=controls, currency=currency,
                                     confidence=confidence)
    table = comparison.rename(columns={"n_postings": "postings", "n_employers": "employers"})
    is_reference = table["is_reference"].astype(bool)
    reasons = _reasons(table, min_postings=min_postings, min_employers=min_employers)
    zoned = reasons.isna()
    ranked = table.loc[zoned].sort_values(["index", "metro"], ascending=[False, True],
                                          kind="stable")
    ref_point = is_reference.loc[ranked.index]
    low = ranked["index_low"].where(~ref_point, 100.0).to_numpy(dtype=float)
    high = ranked["index_high"].where(~ref_point, 100.0).to_numpy(dtype=float)
    zones, step = _cut(ranked["index"].to_numpy(dtype=float), low, high,
                       min_step=float(min_step), max_zones=int(max_zones))
    zone = pd.Series(pd.NA, index=table.index, dtype="Int64")
    zone.loc[ranked.index] = zones
    result = table.assign(zone=zone, zoned=zoned, reason=reasons, is_reference=is_reference)
    result = result.assign(_order=np.where(zoned, 0, 1)).sort_values(
        ["_order", "zone", "index", "metro"], ascending=[True, True, False, True],
        kind="stable", na_position="last")
    result = result[ZONE_COLUMNS].reset_index(drop=True)
    result["postings"] = result["postings"].astype(int)
    result["employers"] = result["employers"].astype(int)
    result.attrs.update(zone_step=float(step), **rules)
    return result


def _reasons(table: pd.DataFrame, *, min_postings: int, min_employers: int) -> pd.Series:
    """Why each metro cannot be zoned ("fewer than 20 postings; fewer than 5 employers"), NA for
    the zoneable."""
    few_postings = table["postings"] < min_postings
    few_employers = table["employers"] < min_employers
    no_interval = ~table["is_reference"].astype(bool) & (
        table["index_low"].isna() | table["index_high"].isna())
    parts = [
        (few_postings, f"fewer than {min_postings:,} postings"),
        (few_employers, f"fewer than {min_employers} employers"),
        # with enough employers of its own, the reference lacks them (or the fit could not say)
        (no_interval & ~few_employers,
         f"no interval: fewer than {MIN_EMPLOYERS} employers here or in the reference"),
    ]
    reasons = []
    for row in range(len(table)):
        said = [text for mask, text in parts if bool(mask.iloc[row])]
        reasons.append("; ".join(said) if said else pd.NA)
    return pd.Series(reasons, index=table.index, dtype="object")


def _cut(index: np.ndarray, low: np.ndarray, high: np.ndarray, *, min_step: float,
         max_zones: int) -> tuple[list[int], float]:
    """Zones (1 = highest) of metros ranked highest first, and the step they were cut at: the
    top-down rule of `pay_zones`, the step raised to the narrowest anchor gap while there are
    more than `max_zones` zones."""
    step = min_step
    while True:
        zones, anchors = _zones_at(index, low, high, step=step)
        if len(anchors) <= max_zones:
            return zones, step
        step = min(index[a] - index[b] for a, b in zip(anchors, anchors[1:], strict=False))


def _zones_at(index: np.ndarray, low: np.ndarray, high: np.ndarray, *, step: float
              ) -> tuple[list[int], list[int]]:
    """One top-down pass: each metro's zone and the positions of the zones' anchors.

    >>> index = np.array([100.0, 98.0, 90.0, 89.0, 80.0])
    >>> _zones_at(index, index - 2, index + 2, step=5.0)
    ([1, 1, 2, 2, 3], [0, 2, 4])
    >>> _zones_at(index, index - 12, index + 12, step=5.0)  # wide intervals: one zone
    ([1, 1, 1, 1, 1], [0])
    """
    zones: list[int] = []
    anchors: list[int] = []
    for position in range(len(index)):
        if not anchors or _differs(index, low, high, anchor=anchors[-1], other=position,
                                   step=step):
            anchors.append(position)
        zones.append(len(anchors))
    return zones, anchors


def _differs(index, low, high, *, anchor: int, other: int, step: float) -> bool:
    """`other` (ranked below `anchor`) is more than `step` points lower and its interval lies
    wholly below the anchor's."""
    return bool(index[anchor] - index[other] > step and high[other] < low[anchor])


def zone_table(zones: pd.DataFrame) -> pd.DataFrame:
    """One row per zone of `pay_zones` output: what a pay structure lists.

    Returns
    -------
    pandas.DataFrame
        ``ZONE_TABLE_COLUMNS``: zone, n_metros, metros (highest index first, "; "-separated),
        index_max and index_min (the zone's index range), median_index (of its metros, each
        counted once), postings, has_reference. Zone 1 first; unzoned metros are not listed.

    >>> frame = pd.DataFrame({"metro": ["A", "B", "C"], "index": [100.0, 97.0, 88.0],
    ...                       "zone": pd.array([1, 1, 2], dtype="Int64"), "postings": [50, 40, 30],
    ...                       "is_reference": [True, False, False]})
    >>> zone_table(frame)[["zone", "n_metros", "metros", "median_index"]].to_dict("list")
    {'zone': [1, 2], 'n_metros': [2, 1], 'metros': ['A; B', 'C'], 'median_index': [98.5, 88.0]}
    """
    zoned = zones.loc[zones["zone"].notna()].sort_values(["zone", "index"],
                                                         ascending=[True, False], kind="stable")
    if zoned.empty:
        return pd.DataFrame(columns=ZONE_TABLE_COLUMNS)
    table = zoned.groupby("zone", sort=True).agg(
        n_metros=("metro", "size"),
        metros=("metro", lambda names: "; ".join(map(str, names))),
        index_max=("index", "max"),
        index_min=("index", "min"),
        median_index=("index", "median"),
        postings=("postings", "sum"),
        has_reference=("is_reference", "any"),
    ).reset_index()
    table["zone"] = table["zone"].astype(int)
    return table[ZONE_TABLE_COLUMNS]


def usable_reference(bands: pd.DataFrame, *, reference: str = REFERENCE_METRO,
                     currency: str = DEFAULT_CURRENCY) -> str:
    """`reference` when it has closed `currency` bands, else the metro with the most postings
    that have (a report on data without the default reference still zones its metros): the
    stand-in rule of :func:`~analysis.analyses.location_index.resolve_reference`; `reference`
    itself when no metro has any (the zones then say there is nothing to zone)."""
    return resolve_reference(bands, location=reference, currency=currency,
                             fallback=reference).reference or reference


def reference_zone_metros(zones: pd.DataFrame) -> list[str] | None:
    """The metros in the reference metro's zone, sorted (what a structure for "our" location
    prices); None when the reference is unzoned (price every metro)."""
    reference = zones.loc[zones["is_reference"].fillna(False).astype(bool)]
    if reference.empty or pd.isna(reference["zone"].iloc[0]):
        return None
    same = zones.loc[zones["zone"].eq(reference["zone"].iloc[0]).fillna(False), "metro"]
    return sorted(map(str, same))
