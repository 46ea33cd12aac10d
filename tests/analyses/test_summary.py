import pandas as pd
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.summary import band_summary, comparable_bands, currency_coverage


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


def test_bootstrap_interval_of_the_median_contains_it_and_narrows_with_n(market):
    summary = band_summary(market, by="metro")
    assert (summary["annual_mid_median_low"] <= summary["annual_mid_median"]).all()
    assert (summary["annual_mid_median"] <= summary["annual_mid_median_high"]).all()
    assert (summary["annual_mid_median_low"] < summary["annual_mid_median_high"]).all()
    widths = []
    for n in (10, 40, 160):
        sample = market.groupby("metro").head(n)
        row = band_summary(sample, by="metro").iloc[0]
        assert row["annual_mid_median_low"] <= row["annual_mid_median"]
        assert row["annual_mid_median"] <= row["annual_mid_median_high"]
        widths.append(row["annual_mid_median_high"] - row["annual_mid_median_low"])
    assert widths[0] > widths[1] > widths[2]


def test_bootstrap_interval_options_single_bands_and_missing_keys(market):
    one = band_summary(market.iloc[[0]], by="metro")
    assert one["annual_mid_median_low"].item() == one["annual_mid_median_high"].item()
    assert one["annual_mid_median_low"].item() == market["annual_mid"].iloc[0]
    first = band_summary(market, by="metro", seed=4, n_boot=200)
    assert first.equals(band_summary(market, by="metro", seed=4, n_boot=200))
    narrow = band_summary(market, by="metro", confidence=0.5)
    wide = band_summary(market, by="metro", confidence=0.99)
    assert (
        narrow["annual_mid_median_high"] - narrow["annual_mid_median_low"]
        < wide["annual_mid_median_high"] - wide["annual_mid_median_low"]
    ).all()
    # Groups with a missing key keep their own interval, aligned with their own median.
    with_missing = market.assign(metro=market["metro"].where(market.index % 3 != 0))
    summary = band_summary(with_missing, by="metro")
    assert len(summary) == 3
    assert (summary["annual_mid_median_low"] <= summary["annual_mid_median"]).all()
    assert (summary["annual_mid_median"] <= summary["annual_mid_median_high"]).all()
