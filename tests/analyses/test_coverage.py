"""What a dataset holds: coverage counts, pay periods, quarantine reasons and snapshot growth."""

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.coverage import (
    coverage_by,
    headline_figures,
    pay_quality,
    period_shares,
    quarantine_reasons,
    snapshot_growth,
)


@pytest.fixture
def mixed():
    """Five postings: two hourly bands in one posting, a yearly one, one "from $117k" whose
    period was inferred, one whose period is unknown (so no annual figures), one without pay."""
    hourly = dict(pay_period="hour", pay_min=60.0, pay_max=80.0, annual_min=124_800.0,
                  annual_max=166_400.0, annual_mid=145_600.0)
    return bands_frame([
        band_row(posting_id="a", band=0, source="csv", **hourly),
        band_row(posting_id="a", band=1, source="csv", **hourly),
        band_row(posting_id="b", source="csv", pay_period="year"),
        band_row(posting_id="c", source="api", pay_period=None, annual_min=None,
                 annual_max=None, annual_mid=None),
        band_row(posting_id="d", source="api", pay_period="year", period_inferred=True,
                 pay_max=None, annual_max=None, annual_mid=None),
        band_row(posting_id="e", source="api", **NO_PAY),
    ])


def test_period_shares_count_bands_and_postings_and_keep_unstated(mixed):
    before = mixed.copy()
    table = period_shares(mixed).set_index("pay_period")
    assert list(table.index) == ["hour", "not stated", "year"]
    assert table["bands"].to_dict() == {"hour": 2, "not stated": 1, "year": 2}
    assert table["postings"].to_dict() == {"hour": 1, "not stated": 1, "year": 2}
    assert table["share"].to_dict() == pytest.approx({"hour": 0.4, "not stated": 0.2, "year": 0.4})
    pd.testing.assert_frame_equal(mixed, before)


def test_pay_quality_counts_inferred_and_open_ended_pay_bands(mixed):
    # "c" has no annual figures because its period is unknown, not because it is open-ended.
    assert pay_quality(mixed) == {"pay_bands": 5, "inferred": 1, "open_ended": 1}


REASONS = [  # reasons in the quarantine file, expected (reason, records) rows in order
    (["missing title", "implausible pay", "implausible pay", "unreadable file"],
     [("implausible pay", 2), ("missing title", 1), ("unreadable file", 1)]),
    (["b", "a"], [("a", 1), ("b", 1)]),  # ties: alphabetical
    ([], []),
]


@pytest.mark.parametrize(("reasons", "expected"), REASONS)
def test_quarantine_reasons_most_common_first(reasons, expected):
    quarantine = pd.DataFrame({"record": [f"row {i}" for i in range(len(reasons))],
                               "reason": pd.Series(reasons, dtype=str)})
    table = quarantine_reasons(quarantine)
    assert list(table.columns) == ["reason", "records"]
    assert list(table.itertuples(index=False, name=None)) == expected


GROWTH = [  # postings per snapshot, oldest first; expected growth
    ([100, 130], 30.0),
    ([100, 130, 120], -10.0),
    ([100], None),
    ([None, 130], None),  # a manifest without counts
]


@pytest.mark.parametrize(("postings", "expected"), GROWTH)
def test_snapshot_growth_compares_the_last_two_snapshots(postings, expected):
    history = pd.DataFrame({"snapshot": [f"2026-{i + 1:02d}-01" for i in range(len(postings))],
                            "postings": postings})
    assert snapshot_growth(history) == expected


def test_coverage_by_source_and_headline_figures(mixed):
    table = coverage_by(mixed, by="source").set_index("source")
    assert table["postings"].to_dict() == {"api": 3, "csv": 2}
    assert table["postings_with_pay"].to_dict() == {"api": 2, "csv": 2}
    assert table.loc["api", "share_with_pay"] == pytest.approx(2 / 3)
    facts = headline_figures(mixed)
    assert (facts["postings"], facts["bands"], facts["postings_with_pay"]) == (5, 6, 4)
    assert facts["share_with_pay"] == pytest.approx(0.8)
