"""The one home of intervals and minimum-n rules: bootstrap medians, ratio and share intervals.

Every interval a report shows comes from here, with :data:`~analysis.config.N_BOOT` resamples at
:data:`~analysis.config.CONFIDENCE`, so two reports that quote the same number quote the same
interval. Whether a number may headline a report is decided here too (:func:`readable`).
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from analysis.config import CONFIDENCE, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N

# Cap on one bootstrap draw matrix (resamples x group size) so that large groups stay in memory.
_BOOT_CELLS = 4_000_000


def _tails(confidence: float) -> tuple[float, float]:
    """The lower and upper quantiles (0-1) of a two-sided `confidence` interval."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    tail = (1 - confidence) / 2
    return tail, 1 - tail


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


def median_interval(
    values: np.ndarray,
    *,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    """Bootstrap percentile interval of the median of `values`.

    One value gives that value at both ends (no uncertainty can be estimated; small-n rules flag
    it); no values give NaN.

    >>> low, high = median_interval(np.arange(100.0))
    >>> bool(40 < low < 49.5 < high < 59)
    True
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.nan, np.nan
    if len(values) == 1:
        return float(values[0]), float(values[0])
    rng = np.random.default_rng(SEED) if rng is None else rng
    low, high = np.quantile(bootstrap_medians(values, n_boot=n_boot, rng=rng), _tails(confidence))
    return float(low), float(high)


def median_intervals(
    values: np.ndarray,
    codes: np.ndarray,
    *,
    n_groups: int,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`median_interval` of `values` within each group code 0..n_groups-1, one seed."""
    _tails(confidence)
    rng = np.random.default_rng(seed)
    low = np.full(n_groups, np.nan)
    high = np.full(n_groups, np.nan)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    for group in range(n_groups):
        group_values = values[order[bounds[group] : bounds[group + 1]]]
        if len(group_values):
            low[group], high[group] = median_interval(
                group_values, confidence=confidence, n_boot=n_boot, rng=rng
            )
    return low, high


def median_ratio_draws(
    values: np.ndarray,
    reference: np.ndarray,
    *,
    n_boot: int = N_BOOT,
    rng: np.random.Generator,
) -> np.ndarray:
    """Bootstrap draws of median(`values`) / median(`reference`), both sides resampled."""
    return bootstrap_medians(values, n_boot=n_boot, rng=rng) / bootstrap_medians(
        reference, n_boot=n_boot, rng=rng
    )


def ratio_interval(draws: np.ndarray, *, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Percentile interval of bootstrap `draws` (of a ratio, a change, any statistic)."""
    low, high = np.quantile(np.asarray(draws, dtype=float), _tails(confidence))
    return float(low), float(high)


def excludes(low: float, high: float, value: float) -> bool:
    """True when the interval [low, high] lies wholly above or below `value`: a finding, not noise.

    >>> excludes(1.02, 1.10, 1.0), excludes(0.97, 1.04, 1.0), excludes(float("nan"), 1.0, 1.0)
    (True, False, False)
    """
    return bool(low > value or high < value)


def share_gap(
    with_a: int, n_a: int, with_b: int, n_b: int, *, confidence: float = CONFIDENCE
) -> dict:
    """Difference of two shares (a − b) with Newcombe's hybrid score interval.

    Returns share_a, share_b, gap, gap_low, gap_high and within_noise (the interval holds 0, or a
    group is empty). The Wilson-based interval behaves near 0 % and 100 %, where disclosure rates
    sit, unlike the plain normal approximation.
    """
    if n_a == 0 or n_b == 0:
        nan = float("nan")
        return dict(share_a=with_a / n_a if n_a else nan, share_b=with_b / n_b if n_b else nan,
                    gap=nan, gap_low=nan, gap_high=nan, within_noise=True)
    z = NormalDist().inv_cdf(_tails(confidence)[1])
    p_a, p_b = with_a / n_a, with_b / n_b
    low_a, high_a = wilson_interval(p_a, n_a, z)
    low_b, high_b = wilson_interval(p_b, n_b, z)
    gap = p_a - p_b
    low = gap - ((p_a - low_a) ** 2 + (high_b - p_b) ** 2) ** 0.5
    high = gap + ((high_a - p_a) ** 2 + (p_b - low_b) ** 2) ** 0.5
    return dict(share_a=p_a, share_b=p_b, gap=gap, gap_low=low, gap_high=high,
                within_noise=bool(low <= 0 <= high))


def wilson_interval(share: float, n: int, z: float) -> tuple[float, float]:
    """Wilson score interval of a share observed in `n` trials, at normal quantile `z`."""
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (share * (1 - share) / n + z * z / (4 * n * n)) ** 0.5
    return centre - half, centre + half


def percentile_of(values: np.ndarray, value: float) -> float:
    """Percent of `values` below `value`, ties counted half: scipy's percentileofscore(kind="mean").

    Written out because importing scipy.stats costs a report more than a second.

    >>> percentile_of(np.array([1.0, 2.0, 3.0, 4.0]), 3.0)
    62.5
    """
    values = np.asarray(values, dtype=float)
    below, at_or_below = (values < value).sum(), (values <= value).sum()
    return float((below + at_or_below) / 2 / len(values) * 100)


def readable(
    n_postings, n_employers, *, min_n: int = SMALL_N, min_employers: int = MIN_EMPLOYERS
):
    """True where a number rests on enough postings and employers to be shown and headlined.

    Works on scalars and on Series alike (REPORTS.md rule 1: hide below n < 5 or fewer than 3
    employers).

    >>> readable(12, 4), readable(12, 2), readable(4, 4)
    (True, False, False)
    """
    result = (pd.Series(n_postings) >= min_n) & (pd.Series(n_employers) >= min_employers)
    if np.ndim(n_postings) == 0 and np.ndim(n_employers) == 0:
        return bool(result.iloc[0])
    return result.set_axis(getattr(n_postings, "index", result.index))
