"""Comparisons across locations (or any grouping) against a reference group, as an index = 100.

Two views of the same question:

- `compare_groups`, raw: the ratio of median annual_mid with a bootstrap confidence interval
  and a Mann-Whitney U test against the reference. Raw ratios are fooled by mix: a metro that posts
  more senior roles looks better paid even when it pays the same for the same job.
- `adjusted_comparison`, composition-adjusted: OLS of log(annual_mid) on the grouping plus role
  family and level controls; the premium is exp(coefficient), with a t interval and test.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from analysis.analyses.summary import comparable_bands
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, N_BOOT, REFERENCE_METRO, SEED, SMALL_N
from analysis.stats import bootstrap_medians, ratio_interval

# A missing control value (a title that states no level) is its own category, not a dropped row.
UNSTATED = "unstated"


def compare_groups(
    bands: pd.DataFrame,
    *,
    across: str = "metro",
    reference: str = REFERENCE_METRO,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
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
    index_low, index_high, p_value, is_reference, small_n. Groups with a missing key are left out.
    p_value is the two-sided Mann-Whitney U test of the group's annual_mid against the reference's
    (scipy.stats.mannwhitneyu; NaN for the reference itself). It tests a shift of the whole
    distribution, not of the median alone, and like the index it is not adjusted for mix: see
    `adjusted_comparison`.

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
    reference_boot = bootstrap_medians(reference_values, n_boot=n_boot, rng=rng)
    rows = []
    for key, frame in groups.items():
        values = frame["annual_mid"].to_numpy()
        # One set of reference draws for every group, so each index shares its denominator.
        low, high = ratio_interval(
            bootstrap_medians(values, n_boot=n_boot, rng=rng) / reference_boot,
            confidence=confidence,
        )
        rows.append(
            {
                across: key,
                "n_postings": frame["posting_id"].nunique(),
                "n_employers": frame["employer"].nunique(),
                "median_mid": float(np.median(values)),
                "index": 100 * float(np.median(values)) / reference_median,
                "index_low": 100 * low,
                "index_high": 100 * high,
                "p_value": np.nan
                if key == reference
                else float(
                    stats.mannwhitneyu(values, reference_values, alternative="two-sided").pvalue
                ),
                "is_reference": key == reference,
            }
        )
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < min_n
    return result.sort_values("index", ascending=False, ignore_index=True)


def largest_groups(comparison: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """The reference plus the `n` groups with the most postings, leaving out small-n groups.

    For charts: a forest plot of 90 metros is unreadable, and small groups' medians are noise.
    """
    others = comparison.loc[~comparison["is_reference"] & ~comparison["small_n"]]
    keep = others.nlargest(n, "n_postings").index.union(
        comparison.index[comparison["is_reference"]]
    )
    return comparison.loc[keep].sort_values("index", ascending=False, ignore_index=True)


def adjusted_comparison(
    bands: pd.DataFrame,
    *,
    across: str = "metro",
    reference: str = REFERENCE_METRO,
    controls: Sequence[str] = ("role_family", "level"),
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    se: str = "classical",
) -> pd.DataFrame:
    """Composition-adjusted index of each group against the reference (= 100).

    Fits, with numpy least squares, the log-linear model

        log(annual_mid) = a + b[group] + c[role_family] + d[level] + error

    with treatment coding: b[reference] = 0, and each control a set of dummies with its first
    category as baseline. A missing control value is its own category, "unstated", so postings that
    state no level stay in the fit. The premium of a group is exp(b): the ratio of its pay to the
    reference's for the same role family and level. index = 100 * exp(b), and its interval is
    100 * exp(b ± t * se(b)) with t the Student-t quantile on the residual degrees of freedom; the
    p_value is the two-sided t test of b = 0.

    Standard errors are classical (homoskedastic OLS) by default; ``se="HC1"`` gives
    heteroskedasticity-robust (White, with the n / (n - k) small-sample factor) errors instead. Each
    band is one observation; postings with several bands count once per band.

    Parameters
    ----------
    bands : the bands table.
    across : the grouping column, "metro" by default.
    reference : the group every other is compared with (default: the Sunnyvale metro).
    controls : categorical columns held fixed; ``()`` gives the unadjusted geometric-mean ratio.
    currency : only bands in this currency are used.
    min_n : groups with fewer postings get ``small_n = True`` (they stay in the fit).
    confidence : level of the t interval.
    se : "classical" or "HC1".

    Returns
    -------
    One row per group, highest index first: `across`, n_postings, index, index_low, index_high,
    p_value, is_reference, small_n. The reference row has index 100, no interval and no p-value.
    Groups with a missing key are left out. A control dummy that is collinear with the group dummies
    and those before it is dropped from the model (the group keeps the confounded difference).

    Raises
    ------
    ValueError when the reference group has no comparable bands, or for an unknown `se`.
    """
    if se not in ("classical", "HC1"):
        raise ValueError(f"se must be 'classical' or 'HC1', got {se!r}")
    controls = [controls] if isinstance(controls, str) else list(controls)
    data = comparable_bands(bands, currency=currency).dropna(subset=[across])
    data = data.loc[data["annual_mid"] > 0]
    keys = data[across].astype(object)
    groups = sorted(pd.unique(keys), key=str)
    if reference not in groups:
        raise ValueError(
            f"reference {reference!r} has no {currency} bands in column {across!r}; "
            f"available: {sorted(map(str, groups))[:10]}"
        )
    others = [group for group in groups if group != reference]
    y = np.log(data["annual_mid"].to_numpy(dtype=float))
    columns = [np.ones(len(data))] + [(keys == group).to_numpy(dtype=float) for group in others]
    for control in controls:
        values = data[control].astype(object).where(data[control].notna(), UNSTATED)
        categories = sorted(pd.unique(values), key=str)
        columns += [(values == category).to_numpy(dtype=float) for category in categories[1:]]
    design = np.column_stack(columns)
    design = design[:, _independent_columns(design, keep=1 + len(others))]
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    n, k = design.shape
    df = n - k
    residuals = y - design @ coef
    bread = np.linalg.pinv(design.T @ design)
    if df <= 0:
        covariance = np.full((k, k), np.nan)
    elif se == "classical":
        covariance = bread * (residuals @ residuals / df)
    else:
        meat = (design * residuals[:, None] ** 2).T @ design
        covariance = bread @ meat @ bread * (n / df)
    errors = np.sqrt(np.clip(np.diag(covariance), 0, None))
    t_crit = stats.t.ppf(1 - (1 - confidence) / 2, df) if df > 0 else np.nan
    n_postings = data.groupby(keys, observed=True)["posting_id"].nunique()
    rows = [
        {
            across: reference,
            "n_postings": int(n_postings[reference]),
            "index": 100.0,
            "index_low": np.nan,
            "index_high": np.nan,
            "p_value": np.nan,
            "is_reference": True,
        }
    ]
    for position, group in enumerate(others, start=1):
        b, error = coef[position], errors[position]
        with np.errstate(divide="ignore", invalid="ignore"):
            p_value = 2 * stats.t.sf(abs(b / error), df) if df > 0 and error > 0 else np.nan
        rows.append(
            {
                across: group,
                "n_postings": int(n_postings[group]),
                "index": 100 * float(np.exp(b)),
                "index_low": 100 * float(np.exp(b - t_crit * error)),
                "index_high": 100 * float(np.exp(b + t_crit * error)),
                "p_value": float(p_value),
                "is_reference": False,
            }
        )
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < min_n
    return result.sort_values("index", ascending=False, ignore_index=True)


def _independent_columns(design: np.ndarray, *, keep: int) -> list[int]:
    """Indices of columns that add rank, in order; the first `keep` are always kept."""
    gram = design.T @ design
    kept = list(range(keep))
    rank = np.linalg.matrix_rank(gram[np.ix_(kept, kept)]) if kept else 0
    for column in range(keep, design.shape[1]):
        trial = kept + [column]
        trial_rank = np.linalg.matrix_rank(gram[np.ix_(trial, trial)])
        if trial_rank > rank:
            kept, rank = trial, trial_rank
    return kept
