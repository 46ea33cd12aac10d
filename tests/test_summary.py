import pandas as pd
from conftest import NO_PAY, band_row, bands_frame

from analysis.summary import band_summary, comparable_bands, currency_coverage


def test_summary_matches_a_plain_groupby(market):
    summary = band_summary(market, by="metro").set_index("metro")
    plain = market.groupby("metro")
    pd.testing.assert_series_equal(
        summary["annual_mid_median"], plain["annual_mid"].median(), check_names=False
    )
    pd.testing.assert_series_equal(
        summary["annual_min_p25"], plain["annual_min"].quantile(0.25), check_names=False
    )
    pd.testing.assert_series_equal(
        summary["annual_max_p75"], plain["annual_max"].quantile(0.75), check_names=False
    )
    spread = (
        ((market["annual_max"] - market["annual_min"]) / market["annual_min"])
        .groupby(market["metro"])
        .median()
    )
    pd.testing.assert_series_equal(summary["spread_median"], spread, check_names=False)
    assert summary["n_postings"].tolist() == [300, 300]
    assert summary["n_employers"].tolist() == [12, 12]


def test_summary_by_two_columns_and_small_n_flag(market):
    small = market.iloc[[0, 1, 2, 300]]
    summary = band_summary(small, by=["metro", "role_family"], min_n=2)
    flags = summary.set_index(["metro", "role_family"])["small_n"]
    assert len(flags) == 3
    assert not flags[("San Jose-Sunnyvale-Santa Clara, CA", "software engineer")]  # 2 postings
    assert flags[("San Jose-Sunnyvale-Santa Clara, CA", "data scientist")]  # 1 posting
    assert flags[("Austin-Round Rock-San Marcos, TX", "software engineer")]


def test_other_currencies_and_open_ranges_are_left_out_not_mixed():
    bands = bands_frame(
        [
            band_row(),
            band_row(posting_id="gbp", currency="GBP"),
            band_row(posting_id="open", pay_min=None, annual_min=None, annual_mid=None),
            band_row(posting_id="nopay", **NO_PAY),
        ]
    )
    assert comparable_bands(bands)["posting_id"].tolist() == ["career-page:meta/000"]
    assert band_summary(bands, by="metro")["n_bands"].tolist() == [1]
    coverage = currency_coverage(bands).set_index("currency")
    assert coverage.loc["USD", "bands"] == 2 and coverage.loc["GBP", "bands"] == 1
    assert coverage["compared"].sum() == 1


def test_summary_does_not_mutate_its_input(market):
    before = market.copy()
    band_summary(market, by="metro")
    pd.testing.assert_frame_equal(market, before)
