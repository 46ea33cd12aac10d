"""Band summaries by any grouping: n, percentiles of annual min / mid / max, range spread.

One currency at a time: bands in other currencies are left out, never converted (count them with
`currency_coverage`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.vocabulary import DEFAULT_CURRENCY

# Below this many postings a group's percentiles are shown but flagged: too few to generalize.
SMALL_N = 5
# Below this many postings a figure is shown but marked low-confidence (lighter, grey).
LOW_CONFIDENCE_N = 20
PERCENTILES = {"p25": 0.25, "median": 0.5, "p75": 0.75}
ANNUAL_COLUMNS = ("annual_min", "annual_mid", "annual_max")
# Cap on one bootstrap draw matrix (resamples x group size) so that large groups stay in memory.
_BOOT_CELLS = 4_000_000


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
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
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
    >>> from analysis.datasets import load_bands
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
    low, high = _median_intervals(
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


def bootstrap_medians(values: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """`n_boot` medians of `values` resampled with replacement, vectorized in bounded chunks."""
    values = np.asarray(values, dtype=float)
    chunk = max(1, _BOOT_CELLS // max(len(values), 1))
    out = np.empty(n_boot)
    for start in range(0, n_boot, chunk):
        stop = min(start + chunk, n_boot)
        picks = rng.integers(0, len(values), size=(stop - start, len(values)))
        out[start:stop] = np.median(values[picks], axis=1)
    return out


def _median_intervals(
    values: np.ndarray,
    codes: np.ndarray,
    *,
    n_groups: int,
    confidence: float,
    n_boot: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap percentile interval of the median of `values` within each group code 0..n-1."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    rng = np.random.default_rng(seed)
    tail = (1 - confidence) / 2
    low = np.full(n_groups, np.nan)
    high = np.full(n_groups, np.nan)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    for group in range(n_groups):
        group_values = values[order[bounds[group] : bounds[group + 1]]]
        if len(group_values) == 1:
            low[group] = high[group] = group_values[0]
        elif len(group_values) > 1:
            medians = bootstrap_medians(group_values, n_boot=n_boot, rng=rng)
            low[group], high[group] = np.quantile(medians, [tail, 1 - tail])
    return low, high
