"""All groups at once, the same floats as one group at a time: stats.grouped_quantiles against
stats.weighted_quantile per group."""

import numpy as np
import pytest

from analysis import stats
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


# --- employer-resampled medians: the shortcut against the definition --------------------------


def _reference_drawn_medians(values, codes, weights, picks):
    """The definition (stats._drawn_medians before the shortcut): per draw, cumulative picked
    weights of the sorted values in floating point; the mean of the lower and upper middle."""
    values = np.asarray(values, dtype=float)
    weights = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(values, kind="stable")
    values, codes, weights = values[order], codes[order], weights[order]
    cumulative = np.cumsum(picks[:, codes] * weights, axis=1)
    half = cumulative[:, -1:] / 2
    lower = np.minimum((cumulative < half).sum(axis=1), len(values) - 1)
    upper = np.minimum((cumulative <= half).sum(axis=1), len(values) - 1)
    return np.where(cumulative[:, -1] > 0, (values[lower] + values[upper]) / 2, np.nan)


def _posting_weights(rng, n, bands):
    """1/k for postings of k bands (k drawn from `bands`), as posting_weights gives them."""
    return 1.0 / rng.choice(bands, n)


@pytest.mark.parametrize("bands", [(1,), (1, 2, 4), (1, 1, 1, 2, 3), (1, 3, 5, 6)])
@pytest.mark.parametrize("kind", ["ties", "salaries", "continuous"])
def test_resampled_medians_equal_the_definition(bands, kind):
    rng = np.random.default_rng([len(bands), len(kind)])
    for _ in range(12):
        n, n_clusters = int(rng.integers(200, 3000)), int(rng.integers(5, 400))
        codes = rng.integers(0, n_clusters, n)
        values = _values(rng, n, kind) * 1000
        weights = None if bands == (1,) else _posting_weights(rng, n, bands)
        picks = rng.multinomial(n_clusters, np.full(n_clusters, 1 / n_clusters), size=300)
        picks[:5, np.unique(codes)[:1]] = 0  # and draws that pick few clusters
        np.testing.assert_array_equal(stats._drawn_medians(values, codes, weights, picks),
                                      _reference_drawn_medians(values, codes, weights, picks))


def test_exact_ties_under_thirds_are_left_to_the_definition(monkeypatch):
    # Three bands of a posting weigh 1/3 each: in whole numbers many draws put exactly half the
    # weight at the end of a value, where the definition's rounding picks the middle values.
    rng = np.random.default_rng(11)
    n_postings, n_clusters = 400, 40
    codes = np.repeat(rng.integers(0, n_clusters, n_postings), 3)
    values = rng.integers(1, 12, 3 * n_postings) * 1000.0
    weights = np.full(3 * n_postings, 1 / 3)
    picks = rng.multinomial(n_clusters, np.full(n_clusters, 1 / n_clusters), size=2000)
    by_definition = []
    dense = stats._dense_medians
    monkeypatch.setattr(stats, "_dense_medians",
                        lambda *args: by_definition.append(len(args[-1])) or dense(*args))
    got = stats._drawn_medians(values, codes, weights, picks)
    np.testing.assert_array_equal(got, _reference_drawn_medians(values, codes, weights, picks))
    assert 0 < sum(by_definition) < len(picks) / 2  # ties went to the definition, most did not
    # With weights 1/2 (whole in binary) the definition is exact, ties included: no detour.
    by_definition.clear()
    halves = np.full(3 * n_postings, 1 / 2)
    np.testing.assert_array_equal(stats._drawn_medians(values, codes, halves, picks),
                                  _reference_drawn_medians(values, codes, halves, picks))
    assert by_definition == []


def test_cluster_draws_keep_their_labels_codes_and_stream():
    # Codes are ranks of the sorted labels (np.unique's inverse), so each employer reads the same
    # column of the multinomial picks as before; missing employers are each their own cluster.
    rng = np.random.default_rng(2)
    n = 5000
    employers = np.array([f"E{i}" for i in rng.integers(0, 300, n)], dtype=object)
    employers[rng.random(n) < 0.02] = None
    values = np.round(rng.lognormal(11.5, 0.3, n), -3)
    weights = _posting_weights(rng, n, (1, 1, 2, 3))
    got = stats.cluster_median_draws(values, clusters=employers, weights=weights, n_boot=500,
                                     rng=np.random.default_rng(9))
    labels = stats.cluster_labels(employers)
    _, codes = np.unique(labels, return_inverse=True)
    stream = np.random.default_rng(9)
    picks = stream.multinomial(codes.max() + 1, np.full(codes.max() + 1, 1 / (codes.max() + 1)),
                               size=500)
    np.testing.assert_array_equal(got, _reference_drawn_medians(values, codes, weights, picks))
    assert stats.ClusterSample(values, clusters=employers).n_clusters == len(set(labels))
