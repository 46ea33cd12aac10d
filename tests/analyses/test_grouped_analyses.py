"""band_summary, posting_medians and compare_groups compute every group at once; their tables
must be those of the group-at-a-time loops they replaced, kept here as references."""

import numpy as np
import pandas as pd
import pytest

from analysis.analyses.compare import compare_groups
from analysis.analyses.summary import (
    ANNUAL_COLUMNS,
    PERCENTILES,
    band_summary,
    comparable_bands,
    midpoint_ratio,
    posting_medians,
    posting_values,
    posting_weights,
    range_spread,
)
from analysis.config import MIN_EMPLOYERS
from analysis.errors import EmptyFilterWarning
from analysis.normalize.vocabulary import LEVELS
from analysis.stats import group_rng, median_estimate, weighted_median, weighted_quantile

N_BOOT = 200  # the loops and the tables agree at any count; fewer keeps the tests quick
METROS = ["Austin, TX", "Boston, MA", "Sunnyvale, CA", "Tiny, KS"]


def reference_band_summary(bands, *, by, n_boot=N_BOOT, seed=0):
    """band_summary as a loop over groups (the implementation before issue 15)."""
    keys = [by] if isinstance(by, str) else list(by)
    data = comparable_bands(bands)
    data = data.assign(spread=range_spread(data), _weight=posting_weights(data, by=keys))
    rows = []
    for key, group in data.groupby(keys, dropna=False, observed=True, sort=True):
        row = dict(zip(keys, key, strict=True))
        row.update(n_bands=len(group), n_postings=group["posting_id"].nunique(),
                   n_employers=group["employer"].nunique())
        for column in ANNUAL_COLUMNS:
            values, value_weights = posting_values(group, column)
            for name, q in PERCENTILES.items():
                row[f"{column}_{name}"] = weighted_quantile(values, q, value_weights)
        median = median_estimate(group["annual_mid"].to_numpy(dtype=float),
                                 clusters=group["employer"].to_numpy(),
                                 weights=group["_weight"].to_numpy(), n_boot=n_boot,
                                 rng=group_rng(seed, key))
        row.update(annual_mid_median_low=median.low, annual_mid_median_high=median.high,
                   spread_median=weighted_median(*posting_values(group, "spread")))
        rows.append(row)
    columns = [*keys, "n_bands", "n_postings", "n_employers",
               *(f"{c}_{name}" for c in ANNUAL_COLUMNS for name in PERCENTILES),
               "annual_mid_median_low", "annual_mid_median_high", "spread_median"]
    summary = pd.DataFrame(rows, columns=columns)
    summary["small_n"] = summary["n_postings"] < 5
    summary["too_few_employers"] = summary["n_employers"] < MIN_EMPLOYERS
    return summary


def reference_compare_groups(bands, *, across="metro", reference, n_boot=N_BOOT, seed=0):
    """compare_groups as a loop over groups (the implementation before issue 15)."""
    data = comparable_bands(bands).dropna(subset=[across])
    data = data.assign(_weight=posting_weights(data, by=[across]))
    groups = {key: frame for key, frame in data.groupby(across, observed=True)}
    rows = []
    for key, frame in groups.items():
        estimate = midpoint_ratio(frame, groups[reference], n_boot=n_boot,
                                  rng=group_rng(seed, key))
        is_reference = key == reference
        rows.append({
            across: key, "n_postings": frame["posting_id"].nunique(),
            "n_employers": frame["employer"].nunique(),
            "median_mid": weighted_median(frame["annual_mid"].to_numpy(),
                                          frame["_weight"].to_numpy()),
            "index": 100 * estimate.value,
            "index_low": np.nan if is_reference else 100 * estimate.low,
            "index_high": np.nan if is_reference else 100 * estimate.high,
            "p_value": np.nan if is_reference else estimate.p_value,
            "is_reference": is_reference,
            "too_few_employers": frame["employer"].nunique() < MIN_EMPLOYERS})
    result = pd.DataFrame(rows)
    result["small_n"] = result["n_postings"] < 5
    columns = [across, "n_postings", "n_employers", "median_mid", "index", "index_low",
               "index_high", "p_value", "is_reference", "small_n", "too_few_employers"]
    return result[columns].sort_values("index", ascending=False, ignore_index=True)


def reference_posting_medians(bands, *, by, columns):
    """posting_medians as pandas apply over groups (the implementation before issue 15)."""
    data = bands.assign(_weight=posting_weights(bands, by=by))
    grouped = data.groupby(by, dropna=False, observed=True, sort=True)
    medians = grouped[[*set(columns.values()), "posting_id", "_weight"]].apply(
        lambda group: pd.Series({out: weighted_median(*posting_values(group, column))
                                 for out, column in columns.items()}))
    return medians.reset_index()


def random_bands(seed: int, n_postings: int = 400) -> pd.DataFrame:
    """The columns the analyses read, for postings of one to three bands (another metro or level,
    or the same range at another place), rounded pay (ties), missing metros, levels, employers
    and minimums, a few other currencies and postings without pay."""
    rng = np.random.default_rng(seed)
    bands_per_posting = rng.choice([1, 2, 3], n_postings, p=[0.7, 0.2, 0.1])
    posting = np.repeat(np.arange(n_postings), bands_per_posting)
    n = len(posting)
    same_range = rng.random(n) < 0.3
    mid = np.round(rng.lognormal(11.7, 0.3, n_postings)[posting]
                   * np.where(same_range, 1.0, rng.lognormal(0, 0.1, n)), -3)
    metro = np.array(METROS + [None], dtype=object)[
        rng.choice(5, n, p=[0.35, 0.25, 0.3, 0.02, 0.08])]
    employer = np.array([f"Employer {i}" for i in rng.integers(0, 25, n_postings)],
                        dtype=object)[posting]
    employer[rng.random(n) < 0.05] = None
    level = np.array([*LEVELS[:5], None], dtype=object)[rng.integers(0, 6, n)]
    bands = pd.DataFrame({
        "posting_id": pd.array([f"p{i}" for i in posting], dtype="str"),
        "employer": pd.array(employer, dtype="str"),
        "metro": pd.array(metro, dtype="str"),
        "role_family": pd.array(rng.choice(["data", "software", "design"], n), dtype="str"),
        "level": pd.Categorical(level, categories=list(LEVELS), ordered=True),
        "is_remote": rng.random(n) < 0.2,
        "has_pay": rng.random(n) < 0.9,
        "currency": pd.array(rng.choice(["USD", "USD", "USD", "GBP"], n), dtype="str"),
        "annual_min": mid * 0.85,
        "annual_mid": mid,
        "annual_max": mid * 1.15,
    })
    bands.loc[rng.random(n) < 0.03, "annual_min"] = np.nan
    return bands


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("by", [["metro"], ["role_family", "metro"], ["level"], ["is_remote"],
                                ["metro", "level"]])
def test_band_summary_is_the_group_at_a_time_table(seed, by):
    bands = random_bands(seed)
    got = band_summary(bands, by=by, n_boot=N_BOOT)
    expected = reference_band_summary(bands, by=by)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["annual_mid_median_low"].notna().sum() >= 2  # some intervals were drawn


def test_band_summary_of_no_comparable_bands_is_the_empty_table():
    bands = random_bands(4).assign(currency="EUR")
    with pytest.warns(EmptyFilterWarning, match="currency == 'USD'"):
        summary = band_summary(bands, by="metro")
    pd.testing.assert_frame_equal(summary, reference_band_summary(bands, by="metro"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compare_groups_is_the_group_at_a_time_table(seed):
    bands = random_bands(seed)
    got = compare_groups(bands, reference="Sunnyvale, CA", n_boot=N_BOOT)
    expected = reference_compare_groups(bands, reference="Sunnyvale, CA")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["index_low"].notna().sum() >= 2
    by_level = compare_groups(bands, across="level", reference="senior", n_boot=N_BOOT)
    pd.testing.assert_frame_equal(
        by_level, reference_compare_groups(bands, across="level", reference="senior"),
        check_exact=True)


def test_compare_groups_without_comparable_bands_names_the_missing_reference():
    with (pytest.raises(ValueError, match="has no USD bands"),
          pytest.warns(EmptyFilterWarning, match="the data has pay in EUR")):
        compare_groups(random_bands(4).assign(currency="EUR"), reference="Sunnyvale, CA")


@pytest.mark.parametrize("seed", [1, 2])
def test_posting_medians_are_the_group_at_a_time_medians(seed):
    bands = random_bands(seed).assign(spread=lambda frame: range_spread(frame))
    columns = {"mid": "annual_mid", "low": "annual_min", "spread": "spread"}
    for by in (["metro"], ["role_family", "level"], ["level", "metro"]):
        got = posting_medians(bands, by=by, columns=columns)
        pd.testing.assert_frame_equal(got, reference_posting_medians(bands, by=by,
                                                                    columns=columns),
                                      check_exact=True)
