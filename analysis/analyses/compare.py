"""Comparisons across locations (or any grouping) against a reference group, as an index = 100.

Two views of the same question:

- `compare_groups`, raw: the ratio of median annual_mid with an employer-clustered interval
  and test. Raw ratios are fooled by mix: a metro that posts more senior roles looks better paid
  even when it pays the same for the same job.
- `adjusted_comparison`, composition-adjusted: least squares of log(annual_mid) on the grouping
  plus role family and level controls; the premium is exp(coefficient), with an
  employer-clustered t interval and test.

Both claim an interval only where enough employers stand behind it (``MIN_EMPLOYERS``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from analysis.analyses.summary import PostingGroups, comparable_bands, posting_weights
from analysis.choices import check_columns, check_values
from analysis.config import (
    CONFIDENCE,
    DEFAULT_CURRENCY,
    MIN_EMPLOYERS,
    N_BOOT,
    REFERENCE_METRO,
    SEED,
    SMALL_N,
)
from analysis.stats import ClusterSample, Estimate, cluster_labels, group_rng, grouped_quantiles

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
    confidence : level of each index's interval.
    n_boot, seed : employer resamples and the seed that makes them repeatable.

    Returns
    -------
    One row per group, highest index first: n_postings, n_employers, median_mid, index,
    index_low, index_high, p_value, is_reference, small_n, too_few_employers. Groups with a
    missing key are left out. Medians are posting-weighted (a posting with several bands in a
    group counts once). The interval and p_value are employer-clustered
    (:func:`analysis.stats.ratio_estimate`): each side's employers are resampled, because an
    employer's postings share its pay policy. A group or reference with fewer than
    ``MIN_EMPLOYERS`` employers gets no interval and no p_value (``too_few_employers``). Like the
    index, they are not adjusted for mix: see `adjusted_comparison`.

    Raises
    ------
    UnknownChoiceError (a ValueError and a KeyError) for an `across` column `bands` lacks or a
    `reference` its column never holds, naming the closest; ValueError when the reference group
    has no comparable bands (with an EmptyFilterWarning when no group has).
    """
    check_columns(bands, [across])
    data = comparable_bands(bands, currency=currency, warn=True).dropna(subset=[across])
    groups = PostingGroups(data, [across])
    keys = list(groups.index)
    if reference not in keys:
        check_values(bands, column=across, values=[reference])  # a typo, or no comparable bands?
        raise missing_reference(reference, across=across, currency=currency, groups=keys)
    median_mid = grouped_quantiles(data["annual_mid"].to_numpy(dtype=float), [0.5],
                                   groups=groups.codes, n_groups=groups.n_groups,
                                   weights=groups.weights)[:, 0]  # every band, weight 1/k
    n_postings, n_employers = groups.n_postings(), groups.n_distinct(data["employer"])
    mids = data["annual_mid"].to_numpy(dtype=float)
    employer_codes, employers = pd.factorize(data["employer"])
    employers = np.append(np.asarray(employers, dtype=object), np.nan)  # code -1: no employer
    samples = {key: ClusterSample(mids[rows], clusters=employers[employer_codes[rows]],
                                  weights=groups.weights[rows])
               for key, (_, rows) in zip(keys, groups.slices(), strict=True)}
    ref = samples[reference]
    rows = []
    for code, key in enumerate(keys):
        is_reference = key == reference
        if is_reference:  # no interval against itself: only the value (1) is shown
            estimate = Estimate(ref.median / ref.median, *[np.nan] * 4, ref.n_clusters)
        else:
            estimate = samples[key].ratio_to(ref, confidence=confidence, n_boot=n_boot,
                                             rng=group_rng(seed, key))
        rows.append(
            {
                across: key,
                "n_postings": int(n_postings[code]),
                "n_employers": int(n_employers[code]),
                "median_mid": float(median_mid[code]),
                "index": 100 * estimate.value,
                "index_low": np.nan if is_reference else 100 * estimate.low,
                "index_high": np.nan if is_reference else 100 * estimate.high,
                "p_value": np.nan if is_reference else estimate.p_value,
                "is_reference": is_reference,
                "too_few_employers": int(n_employers[code]) < MIN_EMPLOYERS,
            }
        )
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < min_n
    columns = [across, "n_postings", "n_employers", "median_mid", "index", "index_low",
               "index_high", "p_value", "is_reference", "small_n", "too_few_employers"]
    return result[columns].sort_values("index", ascending=False, ignore_index=True)


def missing_reference(reference: str, *, across: str, currency: str, groups) -> ValueError:
    """The error for a `reference` the data holds but not among the groups with comparable
    `currency` bands: those groups (the first 10), or that there are none."""
    available = (f"available: {sorted(map(str, groups))[:10]}" if len(groups)
                 else f"no {across} has closed {currency} bands")
    return ValueError(
        f"reference {reference!r} has no {currency} bands in column {across!r}; {available}")


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
    se: str = "cluster",
) -> pd.DataFrame:
    """Composition-adjusted index of each group against the reference (= 100).

    Fits the log-linear model

        log(annual_mid) = a + b[group] + c[role_family] + d[level] + error

    by weighted least squares (statsmodels; each band weighted 1 / the posting's bands in the
    fit, so a posting counts once), with treatment coding: b[reference] = 0, and each control a
    set of dummies with its first category as baseline. A missing control value is its own
    category, "unstated", so postings that state no level stay in the fit. The premium of a
    group is exp(b): the ratio of its pay to the reference's for the same role family and level.
    index = 100 * exp(b), and its interval is 100 * exp(b ± t * se(b)).

    Standard errors are clustered by employer (CR1, statsmodels ``cov_type="cluster"``) by
    default: employers set bands, so their postings are not independent, and treating them as
    independent makes intervals far too narrow (planted markets with employer premiums: 59%
    coverage of the truth, against 92% clustered). The t distribution has G_group + G_reference
    − 2 degrees of freedom, the employers that tell the two groups apart, at most G − 1. A group
    (or a reference) with fewer than ``MIN_EMPLOYERS`` employers gets its point estimate but no
    interval or p_value (``too_few_employers``): one employer's pay policy is not a metro's.
    ``se="classical"`` or ``"HC1"`` give the unclustered errors, for comparison only.

    Parameters
    ----------
    bands : the bands table.
    across : the grouping column, "metro" by default.
    reference : the group every other is compared with (default: the Sunnyvale metro).
    controls : categorical columns held fixed; ``()`` gives the unadjusted geometric-mean ratio.
    currency : only bands in this currency are used.
    min_n : groups with fewer postings get ``small_n = True`` (they stay in the fit).
    confidence : level of the t interval.
    se : "cluster", "classical" or "HC1".

    Returns
    -------
    One row per group, highest index first: `across`, n_postings, n_employers, index, index_low,
    index_high, p_value, is_reference, small_n, too_few_employers. The reference row has index
    100, no interval and no p-value. Groups with a missing key are left out. A control dummy that
    is collinear with the group dummies and those before it is dropped from the model (the group
    keeps the confounded difference).

    Raises
    ------
    UnknownChoiceError (a ValueError and a KeyError) for an `across` or control column `bands`
    lacks or a `reference` its column never holds, naming the closest; ValueError when the
    reference group has no comparable bands, or for an unknown `se`.
    """
    if se not in ("cluster", "classical", "HC1"):
        raise ValueError(f"se must be 'cluster', 'classical' or 'HC1', got {se!r}")
    controls = [controls] if isinstance(controls, str) else list(controls)
    check_columns(bands, [across, *controls])
    data = comparable_bands(bands, currency=currency, warn=True).dropna(subset=[across])
    data = data.loc[data["annual_mid"] > 0]
    keys = data[across].astype(object)
    groups = sorted(pd.unique(keys), key=str)
    if reference not in groups:
        check_values(bands, column=across, values=[reference])
        raise missing_reference(reference, across=across, currency=currency, groups=groups)
    others = [group for group in groups if group != reference]
    y = np.log(data["annual_mid"].to_numpy(dtype=float))
    columns = [np.ones(len(data))] + [(keys == group).to_numpy(dtype=float) for group in others]
    for control in controls:
        values = data[control].astype(object).where(data[control].notna(), UNSTATED)
        categories = sorted(pd.unique(values), key=str)
        columns += [(values == category).to_numpy(dtype=float) for category in categories[1:]]
    design = np.column_stack(columns)
    design = design[:, _independent_columns(design, keep=1 + len(others))]
    n_postings = data.groupby(keys, observed=True)["posting_id"].nunique()
    n_employers = data.groupby(keys, observed=True)["employer"].nunique()
    coef, errors = _fit(y, design, weights=posting_weights(data, by=[across]).to_numpy(),
                        employers=cluster_labels(data["employer"]), se=se)
    total_employers = data["employer"].nunique()
    rows = [
        {
            across: reference,
            "n_postings": int(n_postings[reference]),
            "n_employers": int(n_employers[reference]),
            "index": 100.0,
            "index_low": np.nan,
            "index_high": np.nan,
            "p_value": np.nan,
            "is_reference": True,
        }
    ]
    for position, group in enumerate(others, start=1):
        b, error = coef[position], errors[position]
        if se == "cluster":
            df = min(n_employers[group] + n_employers[reference] - 2, total_employers - 1)
            claim = min(n_employers[group], n_employers[reference]) >= MIN_EMPLOYERS
        else:
            df, claim = len(y) - design.shape[1], True
        low = high = p_value = np.nan
        if claim and df > 0 and np.isfinite(error):
            t_crit = stats.t.ppf(1 - (1 - confidence) / 2, df)
            low, high = np.exp(b - t_crit * error), np.exp(b + t_crit * error)
            with np.errstate(divide="ignore", invalid="ignore"):
                p_value = 2 * stats.t.sf(abs(b / error), df) if error > 0 else np.nan
        rows.append(
            {
                across: group,
                "n_postings": int(n_postings[group]),
                "n_employers": int(n_employers[group]),
                "index": 100 * float(np.exp(b)),
                "index_low": 100 * float(low),
                "index_high": 100 * float(high),
                "p_value": float(p_value),
                "is_reference": False,
            }
        )
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < min_n
    result["too_few_employers"] = result["n_employers"] < MIN_EMPLOYERS
    return result.sort_values("index", ascending=False, ignore_index=True)


def _fit(y: np.ndarray, design: np.ndarray, *, weights: np.ndarray, employers: np.ndarray,
         se: str) -> tuple[np.ndarray, np.ndarray]:
    """WLS coefficients and their standard errors (clustered by employer, or unclustered)."""
    from statsmodels.regression.linear_model import WLS  # 0.9 s: only when a fit is made

    model = WLS(y, design, weights=weights)
    if len(y) <= design.shape[1] or (se == "cluster" and len(set(employers)) < 2):
        return model.fit().params, np.full(design.shape[1], np.nan)  # nothing to cluster over
    if se == "cluster":
        fit = model.fit(cov_type="cluster",
                        cov_kwds={"groups": pd.factorize(employers)[0]})
    elif se == "HC1":
        fit = model.fit(cov_type="HC1")
    else:
        fit = model.fit()
    return np.asarray(fit.params), np.sqrt(np.clip(np.diag(fit.cov_params()), 0, None))


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
