"""Comparisons across locations (or any grouping) against a reference group, as an index = 100.

v1 compares raw medians of annual_mid with a bootstrap confidence interval; it does not yet adjust
for the mix of roles and levels (a composition-adjusted comparison is a later analysis).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.summary import SMALL_N, comparable_bands
from analysis.vocabulary import DEFAULT_CURRENCY, REFERENCE_METRO

N_BOOT = 2000


def location_comparison(
    bands: pd.DataFrame,
    *,
    across: str = "metro",
    reference: str = REFERENCE_METRO,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = 0.95,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Median annual midpoint of each group as an index against the reference group (= 100).

    Parameters
    ----------
    bands : the bands table (filter it first to compare one role family, level, …).
    across : the grouping column, "metro" by default.
    reference : the group every other is compared with (default: the Sunnyvale metro).
    confidence : level of the bootstrap percentile interval of each index.
    n_boot, seed : bootstrap resamples and the seed that makes them repeatable.

    Returns
    -------
    One row per group, highest index first: n_postings, n_employers, median_mid, index,
    index_low, index_high, is_reference, small_n. Groups with a missing key are left out.

    Raises
    ------
    ValueError when the reference group has no comparable bands.
    """
    data = comparable_bands(bands, currency=currency).dropna(subset=[across])
    groups = {key: frame for key, frame in data.groupby(across, observed=True)}
    if reference not in groups:
        raise ValueError(
            f"reference {reference!r} has no {currency} bands in column {across!r}; "
            f"available: {sorted(map(str, groups))[:10]}"
        )
    rng = np.random.default_rng(seed)
    reference_values = groups[reference]["annual_mid"].to_numpy()
    reference_median = np.median(reference_values)
    reference_boot = _bootstrap_medians(reference_values, n_boot=n_boot, rng=rng)
    tail = (1 - confidence) / 2 * 100
    rows = []
    for key, frame in groups.items():
        values = frame["annual_mid"].to_numpy()
        ratio = _bootstrap_medians(values, n_boot=n_boot, rng=rng) / reference_boot
        rows.append(
            {
                across: key,
                "n_postings": frame["posting_id"].nunique(),
                "n_employers": frame["employer"].nunique(),
                "median_mid": float(np.median(values)),
                "index": 100 * float(np.median(values)) / reference_median,
                "index_low": 100 * float(np.percentile(ratio, tail)),
                "index_high": 100 * float(np.percentile(ratio, 100 - tail)),
                "is_reference": key == reference,
            }
        )
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < min_n
    return result.sort_values("index", ascending=False, ignore_index=True)


def _bootstrap_medians(values: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    picks = rng.integers(0, len(values), size=(n_boot, len(values)))
    return np.median(values[picks], axis=1)


def largest_groups(comparison: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """The reference plus the `n` groups with the most postings, leaving out small-n groups.

    For charts: a forest plot of 90 metros is unreadable, and small groups' medians are noise.
    """
    others = comparison.loc[~comparison["is_reference"] & ~comparison["small_n"]]
    keep = others.nlargest(n, "n_postings").index.union(
        comparison.index[comparison["is_reference"]]
    )
    return comparison.loc[keep].sort_values("index", ascending=False, ignore_index=True)
