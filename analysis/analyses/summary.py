"""Band summaries by any grouping: n, percentiles of annual min / mid / max, range spread.

One currency at a time: bands in other currencies are left out, never converted (count them with
`currency_coverage`).
"""

from __future__ import annotations

import pandas as pd

from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, N_BOOT, SEED, SMALL_N
from analysis.stats import median_intervals

PERCENTILES = {"p25": 0.25, "median": 0.5, "p75": 0.75}
ANNUAL_COLUMNS = ("annual_min", "annual_mid", "annual_max")


def comparable_bands(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> pd.DataFrame:
    """Bands with a closed range (min and max) in `currency`: the rows summaries compare."""
    keep = bands["has_pay"] & (bands["currency"] == currency) & bands["annual_mid"].notna()
    return bands.loc[keep]


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
    confidence : level of the bootstrap percentile interval of the median annual_mid.
    n_boot, seed : bootstrap resamples (rows resampled with replacement within each group) and the
        seed that makes them repeatable.

    Returns
    -------
    One row per group: n_bands, n_postings, n_employers; annual_{min,mid,max}_{p25,median,p75};
    annual_mid_median_low / annual_mid_median_high, the bootstrap percentile interval of the median
    annual_mid (a group of one band gets its value as both ends: no uncertainty can be estimated,
    which small_n flags); spread_median, the median of (max - min) / min; small_n.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> band_summary(load_bands(), by="role_family").columns[:4].tolist()  # doctest: +SKIP
    ['role_family', 'n_bands', 'n_postings', 'n_employers']
    """
    keys = [by] if isinstance(by, str) else list(by)
    data = comparable_bands(bands, currency=currency).assign(
        spread=lambda d: (d["annual_max"] - d["annual_min"]) / d["annual_min"]
    )
    grouped = data.groupby(keys, dropna=False, observed=True, sort=True)
    summary = grouped.agg(
        n_bands=("posting_id", "size"),
        n_postings=("posting_id", "nunique"),
        n_employers=("employer", "nunique"),
    )
    for column in ANNUAL_COLUMNS:
        for name, q in PERCENTILES.items():
            summary[f"{column}_{name}"] = grouped[column].quantile(q)
    low, high = median_intervals(
        data["annual_mid"].to_numpy(dtype=float),
        grouped.ngroup().to_numpy(),
        n_groups=len(summary),
        confidence=confidence,
        n_boot=n_boot,
        seed=seed,
    )
    summary["annual_mid_median_low"] = low
    summary["annual_mid_median_high"] = high
    summary["spread_median"] = grouped["spread"].median()
    summary["small_n"] = summary["n_postings"] < min_n
    return summary.reset_index()

