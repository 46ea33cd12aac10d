"""Level ladders per role family: midpoint progression, band overlap and spread per level.

A ladder row summarizes the closed bands (min and max, one currency) of one role family × track ×
level. Levels run in ladder order (the IC ladder, then the management ladder); levels with no bands
are omitted, and so are bands whose level is unknown. Adjacent-level measures (``step_pct``,
``overlap_pct``) compare a level with the previous level *present in the data* within the same role
family and track.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.summary import SMALL_N, comparable_bands
from analysis.vocabulary import DEFAULT_CURRENCY, LEVELS

LADDER_COLUMNS = [
    "role_family",
    "track",
    "level",
    "n_bands",
    "n_postings",
    "n_employers",
    "annual_min_median",
    "annual_mid_median",
    "annual_max_median",
    "spread_median",
    "step_pct",
    "overlap_pct",
    "small_n",
]


def _overlap_share(low: float, high: float, prev_low: float, prev_high: float) -> float:
    """Share of [low, high] that [prev_low, prev_high] also covers (0 when disjoint)."""
    if any(pd.isna(v) for v in (low, high, prev_low, prev_high)):
        return np.nan
    width = high - low
    overlap = max(0.0, min(high, prev_high) - max(low, prev_low))
    if width <= 0:  # a point band: covered or not
        return 1.0 if prev_low <= low <= prev_high else 0.0
    return overlap / width


def level_ladder(
    bands: pd.DataFrame,
    *,
    role_family: str | list[str] | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
) -> pd.DataFrame:
    """Median band per role family and level, with the progression between adjacent levels.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table. Not modified.
    role_family : str or list of str, optional
        Keep only these role families (default: all).
    currency : str, default "USD"
        Only closed bands in this currency are used (see ``summary.comparable_bands``).
    min_n : int, default ``SMALL_N``
        Levels with fewer postings get ``small_n = True``.

    Returns
    -------
    pandas.DataFrame
        One row per role_family × track × level, in ladder order (role families alphabetically,
        then track, then the level's place in ``LEVELS``):

        - ``n_bands``, ``n_postings``, ``n_employers``;
        - ``annual_min_median``, ``annual_mid_median``, ``annual_max_median``: medians over bands;
        - ``spread_median``: median of (max - min) / min;
        - ``step_pct``: this level's median mid / the previous level's median mid - 1 (NaN on the
          first level of a role family and track);
        - ``overlap_pct``: share of this level's median band [median min, median max] that the
          previous level's median band also covers, 0 when they are disjoint, 1 when this level's
          band lies wholly inside the previous one (NaN on the first level);
        - ``small_n``.

    Examples
    --------
    >>> from analysis.datasets import load_bands
    >>> level_ladder(load_bands(), role_family="software engineer").columns[:3].tolist()
    ['role_family', 'track', 'level']
    """
    data = comparable_bands(bands, currency=currency)
    data = data.loc[data["level"].notna() & data["role_family"].notna()]
    if role_family is not None:
        families = [role_family] if isinstance(role_family, str) else list(role_family)
        data = data.loc[data["role_family"].isin(families)]
    if data.empty:
        return pd.DataFrame(columns=LADDER_COLUMNS)
    data = data.assign(
        level=pd.Categorical(data["level"].astype(str), categories=list(LEVELS), ordered=True),
        spread=(data["annual_max"] - data["annual_min"]) / data["annual_min"],
    )
    grouped = data.groupby(["role_family", "track", "level"], observed=True, sort=True)
    ladder = grouped.agg(
        n_bands=("posting_id", "size"),
        n_postings=("posting_id", "nunique"),
        n_employers=("employer", "nunique"),
        annual_min_median=("annual_min", "median"),
        annual_mid_median=("annual_mid", "median"),
        annual_max_median=("annual_max", "median"),
        spread_median=("spread", "median"),
    ).reset_index()
    ladder = ladder.sort_values(["role_family", "track", "level"], ignore_index=True)

    by_ladder = ladder.groupby(["role_family", "track"], sort=False)
    prev_mid = by_ladder["annual_mid_median"].shift(1)
    prev_min = by_ladder["annual_min_median"].shift(1)
    prev_max = by_ladder["annual_max_median"].shift(1)
    ladder["step_pct"] = ladder["annual_mid_median"] / prev_mid - 1
    ladder["overlap_pct"] = [
        _overlap_share(lo, hi, plo, phi)
        for lo, hi, plo, phi in zip(
            ladder["annual_min_median"],
            ladder["annual_max_median"],
            prev_min,
            prev_max,
            strict=True,
        )
    ]
    ladder["small_n"] = ladder["n_postings"] < min_n
    return ladder[LADDER_COLUMNS]
