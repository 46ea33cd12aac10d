"""Band summaries by any grouping: n, percentiles of annual min / mid / max, range spread.

Percentiles are posting-weighted (a posting with several bands in a group counts once) and the
median's interval resamples employers (:mod:`analysis.stats`).

One currency at a time: bands in other currencies are left out, never converted (count them with
`currency_coverage`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.stats import (
    Estimate,
    group_rng,
    median_estimate,
    ratio_estimate,
    weighted_median,
    weighted_quantile,
)

# The percentiles compensation analysts read (p50 is named "median").
PERCENTILES = {"p10": 0.1, "p25": 0.25, "median": 0.5, "p75": 0.75, "p90": 0.9}
ANNUAL_COLUMNS = ("annual_min", "annual_mid", "annual_max")


def comparable_bands(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> pd.DataFrame:
    """Bands with a closed range (min and max) in `currency`: the rows summaries compare."""
    keep = bands["has_pay"] & (bands["currency"] == currency) & bands["annual_mid"].notna()
    return bands.loc[keep]


def range_spread(bands: pd.DataFrame) -> pd.Series:
    """Each band's range spread, (max − min) / min: the comp-practice definition, the one every
    table and report uses (a 100k–150k band spreads 0.5).

    >>> range_spread(pd.DataFrame({"annual_min": [100e3], "annual_max": [150e3]})).tolist()
    [0.5]
    """
    return (bands["annual_max"] - bands["annual_min"]) / bands["annual_min"]


def midpoint_ratio(
    group: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    paired: bool = False,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    rng: np.random.Generator,
) -> Estimate:
    """:func:`analysis.stats.ratio_estimate` of two groups' median annual_mid: clustered by
    employer, each band weighted by the group's ``_weight`` column (:func:`posting_weights`)."""
    return ratio_estimate(
        group["annual_mid"].to_numpy(float), reference["annual_mid"].to_numpy(float),
        clusters=group["employer"].to_numpy(), reference_clusters=reference["employer"].to_numpy(),
        weights=group["_weight"].to_numpy(), reference_weights=reference["_weight"].to_numpy(),
        paired=paired, confidence=confidence, n_boot=n_boot, rng=rng)


def posting_weights(bands: pd.DataFrame, *, by: list[str] | None = None) -> pd.Series:
    """1 / the number of bands a posting has (within each `by` group): a posting that lists
    several places or levels counts once in a posting-level statistic.

    >>> frame = pd.DataFrame({"posting_id": ["a", "a", "b"], "metro": ["X", "Y", "X"]})
    >>> posting_weights(frame).tolist(), posting_weights(frame, by=["metro"]).tolist()
    ([0.5, 0.5, 1.0], [1.0, 1.0, 1.0])
    """
    keys = [*(by or []), "posting_id"]
    return 1.0 / bands.groupby(keys, dropna=False, observed=True)["posting_id"].transform("size")


def posting_values(group: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """`column`'s values in a group with their posting weights (column ``_weight``), one point
    per posting and value: a posting that lists three places at one figure is one value of
    weight 1, not three of weight 1/3 (which would read as three postings' worth of ties)."""
    pooled = group.groupby(["posting_id", column], observed=True, sort=False)["_weight"].sum()
    return pooled.index.get_level_values(column).to_numpy(dtype=float), pooled.to_numpy()


def posting_medians(bands: pd.DataFrame, *, by: list[str], columns: dict[str, str]
                    ) -> pd.DataFrame:
    """Posting-weighted medians per group, as in :func:`band_summary`: {output: column}.

    >>> frame = pd.DataFrame({"g": ["a", "a", "a"], "posting_id": ["p", "p", "q"],
    ...                       "x": [1.0, 1.0, 5.0]})
    >>> posting_medians(frame, by=["g"], columns={"x_median": "x"})["x_median"].tolist()
    [3.0]
    """
    if bands.empty:
        return pd.DataFrame(columns=[*by, *columns])
    data = bands.assign(_weight=posting_weights(bands, by=by))
    grouped = data.groupby(by, dropna=False, observed=True, sort=True)
    medians = grouped[[*set(columns.values()), "posting_id", "_weight"]].apply(
        lambda group: pd.Series({out: weighted_median(*posting_values(group, column))
                                 for out, column in columns.items()}))
    return medians.reset_index()  # keys keep their dtype (an ordered level stays ordered)


def currency_coverage(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> pd.DataFrame:
    """How many bands with pay each currency holds, and which one summaries use."""
    with_pay = bands.loc[bands["has_pay"]]
    counts = with_pay.groupby("currency", dropna=False).size().rename("bands").reset_index()
    counts["compared"] = counts["currency"] == currency
    return counts.sort_values("bands", ascending=False, ignore_index=True)


def band_summary(
    bands: pd.DataFrame,
    *,
    by: str | list[str],
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Summarize annual base-pay bands per group.

    Parameters
    ----------
    bands : the bands table.
    by : column(s) to group by, e.g. "metro" or ["role_family", "level"].
    currency : only bands in this currency are summarized.
    min_n : groups with fewer postings get ``small_n = True``.
    confidence : level of the interval of the median annual_mid.
    n_boot, seed : employer resamples behind that interval and the seed that makes them
        repeatable.

    Returns
    -------
    One row per group: n_bands, n_postings, n_employers; annual_{min,mid,max}_{p10,p25,median,
    p75,p90} (median is p50; posting-weighted so that a posting with several bands in the group
    counts once; Hazen's definition, see :func:`analysis.stats.weighted_quantile`);
    annual_mid_median_low / annual_mid_median_high, the employer-clustered interval of the
    median annual_mid (:func:`analysis.stats.median_estimate`; NaN with fewer than
    ``MIN_EMPLOYERS`` employers, ``too_few_employers``); spread_median, the
    median range spread (max − min) / min; small_n.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> band_summary(load_bands(), by="role_family").columns[:4].tolist()  # doctest: +SKIP
    ['role_family', 'n_bands', 'n_postings', 'n_employers']
    """
    keys = [by] if isinstance(by, str) else list(by)
    data = comparable_bands(bands, currency=currency)
    data = data.assign(
        spread=range_spread(data),
        _weight=posting_weights(data, by=keys),
    )
    rows = []
    for key, group in data.groupby(keys, dropna=False, observed=True, sort=True):
        weights = group["_weight"].to_numpy()
        row = dict(zip(keys, key, strict=True))
        row.update(n_bands=len(group), n_postings=group["posting_id"].nunique(),
                   n_employers=group["employer"].nunique())
        for column in ANNUAL_COLUMNS:
            values, value_weights = posting_values(group, column)
            for name, q in PERCENTILES.items():
                row[f"{column}_{name}"] = weighted_quantile(values, q, value_weights)
        median = median_estimate(group["annual_mid"].to_numpy(dtype=float),
                                 clusters=group["employer"].to_numpy(), weights=weights,
                                 confidence=confidence, n_boot=n_boot,
                                 rng=group_rng(seed, key))
        row.update(annual_mid_median_low=median.low, annual_mid_median_high=median.high,
                   spread_median=weighted_median(*posting_values(group, "spread")))
        rows.append(row)
    columns = [*keys, "n_bands", "n_postings", "n_employers",
               *(f"{c}_{name}" for c in ANNUAL_COLUMNS for name in PERCENTILES),
               "annual_mid_median_low", "annual_mid_median_high", "spread_median"]
    summary = pd.DataFrame(rows, columns=columns)
    summary["small_n"] = summary["n_postings"] < min_n
    summary["too_few_employers"] = summary["n_employers"] < MIN_EMPLOYERS
    return summary
