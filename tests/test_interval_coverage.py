"""Intervals that hold when employers set the bands: coverage of planted truth over many seeds.

Each planted market gives every employer its own pay premium (log sd 0.18) shared by all its
postings, seven employers per metro (issue 13). A 95% interval should cover the truth about 95%
of the time; the goal is 90-98% over 200 seeds. Treating postings as independent covers it far
less often, which the last test shows. benchmarks/interval_coverage.py prints the same figures
over more seeds with their cost in time.
"""

import numpy as np
import pytest
from factories import planted_employer_market

from analysis.analyses.compare import adjusted_comparison, compare_groups
from analysis.analyses.diff import group_shifts
from analysis.analyses.summary import band_summary

pytestmark = pytest.mark.slow

SEEDS = range(200)
N_BOOT = 400  # enough for a standard error; the reports use 2,000
SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"
ONE_METRO = {"Austin-Round Rock-San Marcos, TX": 1.0}
ONE_JOB = dict(levels={"mid": 1.0}, families={"software engineer": 1.0})


def _covered(low, high, truth):
    assert np.isfinite(low) and np.isfinite(high), "seven employers must get an interval"
    return low <= truth <= high


def test_adjusted_index_covers_the_planted_gap():
    hits = 0
    for seed in SEEDS:
        bands, _ = planted_employer_market(seed)
        austin = adjusted_comparison(bands, reference=SUNNYVALE).set_index("metro").loc[AUSTIN]
        hits += _covered(austin["index_low"], austin["index_high"], 80.0)
    assert 0.90 <= hits / len(SEEDS) <= 0.98


def test_raw_index_covers_the_planted_gap():
    hits = 0
    for seed in SEEDS:
        bands, _ = planted_employer_market(seed)
        austin = (compare_groups(bands, reference=SUNNYVALE, n_boot=N_BOOT, seed=seed)
                  .set_index("metro").loc[AUSTIN])
        hits += _covered(austin["index_low"], austin["index_high"], 80.0)
    assert 0.90 <= hits / len(SEEDS) <= 0.98


def test_median_interval_covers_the_planted_median():
    hits = 0
    for seed in SEEDS:
        bands, _ = planted_employer_market(seed, metros=ONE_METRO, **ONE_JOB)
        row = band_summary(bands, by="metro", n_boot=N_BOOT, seed=seed).iloc[0]
        hits += _covered(row["annual_mid_median_low"], row["annual_mid_median_high"], 100_000.0)
    assert 0.90 <= hits / len(SEEDS) <= 0.98


def test_change_interval_covers_the_planted_raise():
    hits = 0
    for seed in SEEDS:
        old, effects = planted_employer_market(seed, metros=ONE_METRO, **ONE_JOB)
        new, _ = planted_employer_market(seed + 10_000, metros=ONE_METRO, raise_by=1.05,
                                         employer_effects=effects, **ONE_JOB)
        row = group_shifts(old, new, by="metro", n_boot=N_BOOT, seed=seed).iloc[0]
        hits += _covered(row["change_low"], row["change_high"], 0.05)
    # Paired changes err on the safe side (about 97-98.5 % over 200-600 seeds): employers'
    # premiums cancel only approximately in a ratio of medians.
    assert 0.90 <= hits / len(SEEDS) <= 0.99


def test_unclustered_intervals_would_not_hold():
    # The same markets with the classical (independent postings) errors: far below 90%.
    hits = 0
    for seed in range(60):
        bands, _ = planted_employer_market(seed)
        austin = (adjusted_comparison(bands, reference=SUNNYVALE, se="classical")
                  .set_index("metro").loc[AUSTIN])
        hits += _covered(austin["index_low"], austin["index_high"], 80.0)
    assert hits / 60 < 0.8


@pytest.mark.parametrize("employers", [1, 2, 4])
def test_a_metro_of_few_employers_gets_no_confident_number(employers):
    bands, _ = planted_employer_market(0, employers_per_metro=8)
    austin = bands["metro"] == AUSTIN
    bands = bands.loc[~austin | bands["employer"].isin([f"M1E{e}" for e in range(employers)])]
    if employers == 1:  # one posting
        bands = bands.drop(bands.index[bands["metro"] == AUSTIN][1:])
    for table in (adjusted_comparison(bands, reference=SUNNYVALE),
                  compare_groups(bands, reference=SUNNYVALE, n_boot=200)):
        row = table.set_index("metro").loc[AUSTIN]
        assert row["too_few_employers"]
        assert np.isnan(row["index_low"]) and np.isnan(row["index_high"])
        assert np.isnan(row["p_value"])
    summary = band_summary(bands, by="metro", n_boot=200).set_index("metro").loc[AUSTIN]
    assert summary["too_few_employers"] and np.isnan(summary["annual_mid_median_low"])
