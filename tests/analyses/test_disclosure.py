"""Disclosure rates (postings, not bands), the gap between two shares, and the old import path."""

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.disclosure import disclosure_rates, posting_pay
from analysis.stats import share_gap


def _frame():
    # two snapshots, each a valid bands table; posting "c" appears in both
    s1 = bands_frame(
        [
            band_row(posting_id="a", state="CA", snapshot="s1"),
            band_row(posting_id="a", band=1, state="CA", snapshot="s1", **NO_PAY),
            band_row(posting_id="b", state="CA", snapshot="s1", **NO_PAY),
            band_row(posting_id="c", state="TX", snapshot="s1", **NO_PAY),
        ]
    )
    s2 = bands_frame(
        [
            band_row(posting_id="c", state="TX", snapshot="s2", **NO_PAY),
            band_row(posting_id="d", state="TX", snapshot="s2"),
        ]
    )
    return pd.concat([s1, s2], ignore_index=True)


def test_disclosure_rates_counts_postings_not_bands():
    bands = _frame()
    out = disclosure_rates(bands).set_index("state")
    # plain pandas: a posting has pay when any of its bands has pay
    per_posting = bands.groupby("posting_id").agg(state=("state", "first"), pay=("has_pay", "any"))
    expected = per_posting.groupby("state")["pay"].agg(["size", "sum"])
    assert out["postings"].tolist() == expected["size"].tolist() == [2, 2]
    assert out["postings_with_pay"].tolist() == expected["sum"].tolist() == [1, 1]
    assert out["share_with_pay"].tolist() == [0.5, 0.5]


def test_disclosure_rates_by_snapshot_counts_each_snapshot():
    out = disclosure_rates(_frame(), by=["snapshot", "state"])
    rows = {(r.snapshot, r.state): (r.postings, r.postings_with_pay) for r in out.itertuples()}
    assert rows == {("s1", "CA"): (2, 1), ("s1", "TX"): (1, 0), ("s2", "TX"): (2, 1)}


def test_disclosure_rates_does_not_mutate():
    bands = _frame()
    before = bands.copy()
    disclosure_rates(bands, by="metro")
    pd.testing.assert_frame_equal(bands, before)


@pytest.mark.parametrize(
    ("counts", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10
        ((56, 70, 48, 80), 0.0524, 0.3339),
        ((9, 10, 3, 10), 0.1705, 0.8090),
    ],
)
def test_share_gap_matches_newcombe(counts, low, high):
    gap = share_gap(*counts)
    assert gap["gap_low"] == pytest.approx(low, abs=1e-4)
    assert gap["gap_high"] == pytest.approx(high, abs=1e-4)
    assert not gap["within_noise"]


def test_share_gap_within_noise_and_empty_groups():
    assert share_gap(45, 50, 44, 50)["within_noise"]
    empty = share_gap(5, 10, 0, 0)
    assert empty["within_noise"] and empty["share_a"] == 0.5



def test_posting_pay_keeps_one_row_per_posting_with_pay_from_any_band():
    bands = _frame()
    overall = posting_pay(bands).set_index("posting_id")["has_pay"]
    assert overall.to_dict() == {"a": True, "b": False, "c": False, "d": True}
    per_snapshot = posting_pay(bands, per_snapshot=True)
    assert len(per_snapshot) == 5  # "c" once in each snapshot
    assert per_snapshot.loc[per_snapshot["posting_id"] == "a", "band"].tolist() == [0]
