"""All groups at once, the same floats as one group at a time: stats.grouped_quantiles against
stats.weighted_quantile per group."""

import numpy as np
import pytest

from analysis.stats import grouped_quantiles, weighted_quantile

QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.0, 1.0, 1 / 3]


def _values(rng, n, kind):
    """Ties (few distinct values), rounded salaries, or continuous values."""
    if kind == "ties":
        return rng.integers(1, 5, n).astype(float)
    if kind == "salaries":
        return np.round(rng.lognormal(11.5, 0.4, n), -3)
    return rng.random(n)


@pytest.mark.parametrize("kind", ["ties", "salaries", "continuous"])
@pytest.mark.parametrize("weighting", ["none", "per posting", "arbitrary"])
def test_grouped_quantiles_equal_weighted_quantile_group_by_group(kind, weighting):
    rng = np.random.default_rng([len(kind), len(weighting)])
    for _ in range(150):
        n = int(rng.integers(1, 40))
        n_groups = int(rng.integers(1, 6)) + 1  # the last code never occurs: an empty group
        groups = rng.integers(0, n_groups - 1, n)
        values = _values(rng, n, kind)
        values[rng.random(n) < 0.1] = np.nan  # left out, as posting_values leaves them out
        weights = {"none": None,
                   "per posting": 1.0 / rng.choice([1, 2, 3, 5], n),
                   "arbitrary": rng.random(n) + 1e-3}[weighting]
        got = grouped_quantiles(values, QUANTILES, groups=groups, n_groups=n_groups,
                                weights=weights)
        assert got.shape == (n_groups, len(QUANTILES))
        for group in range(n_groups):
            mine = (groups == group) & ~np.isnan(values)
            group_weights = None if weights is None else weights[mine]
            expected = [weighted_quantile(values[mine], q, group_weights) for q in QUANTILES]
            # Exactly the same floats, not close ones: a summary must not change in the last digit.
            np.testing.assert_array_equal(got[group], expected)


def test_single_values_empty_groups_and_order_of_rows():
    values = np.array([5.0, 7.0, 1.0, 3.0, np.nan, 9.0])
    groups = np.array([2, 0, 0, 0, 1, 0])
    got = grouped_quantiles(values, [0.0, 0.5, 1.0], groups=groups)
    assert got[2].tolist() == [5.0, 5.0, 5.0]  # one value: every quantile is it
    assert np.isnan(got[1]).all()  # only a NaN: no quantile
    assert got[0].tolist() == [1.0, 5.0, 9.0]
    shuffled = np.random.default_rng(3).permutation(len(values))
    np.testing.assert_array_equal(
        grouped_quantiles(values[shuffled], [0.0, 0.5, 1.0], groups=groups[shuffled]), got)
