import numpy as np
import pandas as pd
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.summary import band_summary, comparable_bands, currency_coverage


def test_summary_matches_a_plain_groupby(market):
    summary = band_summary(market, by="metro").set_index("metro")
    plain = market.groupby("metro")
    pd.testing.assert_series_equal(
        summary["annual_mid_median"], plain["annual_mid"].median(), check_names=False
    )
    # Quartiles and deciles follow Hazen's definition (the one that extends to weights).
    for column, name, q in (("annual_min", "p25", 0.25), ("annual_max", "p75", 0.75),
                            ("annual_mid", "p10", 0.1), ("annual_min", "p90", 0.9)):
        expected = plain[column].apply(lambda s, q=q: np.quantile(s, q, method="hazen"))
        pd.testing.assert_series_equal(summary[f"{column}_{name}"], expected, check_names=False)
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
    assert one["annual_mid_median"].item() == market["annual_mid"].iloc[0]
    assert one["too_few_employers"].item()  # one employer: a number, no interval
    assert np.isnan(one["annual_mid_median_low"].item())
    first = band_summary(market, by="metro", seed=4, n_boot=200)
    assert first.equals(band_summary(market, by="metro", seed=4, n_boot=200))
    narrow = band_summary(market, by="metro", confidence=0.5)
    wide = band_summary(market, by="metro", confidence=0.99)
    assert (
        narrow["annual_mid_median_high"] - narrow["annual_mid_median_low"]
        < wide["annual_mid_median_high"] - wide["annual_mid_median_low"]
    ).all()
    # Groups with a missing key keep their own interval, aligned with their own median.
    with_missing = market.assign(metro=market["metro"].where(market.index % 5 != 0))
    summary = band_summary(with_missing, by="metro")
    assert len(summary) == 3
    assert (summary["annual_mid_median_low"] <= summary["annual_mid_median"]).all()
    assert (summary["annual_mid_median"] <= summary["annual_mid_median_high"]).all()


def test_a_posting_with_several_bands_in_a_group_counts_once():
    def band(posting_id, low, high, **extra):
        return band_row(posting_id=posting_id, pay_min=low, pay_max=high, annual_min=low,
                        annual_max=high, annual_mid=(low + high) / 2, **extra)

    rows = [band(f"p{i}", 90_000.0, 110_000.0 + 2 * i, employer=f"E{i}") for i in range(5)]
    # One posting states three bands at 200k (three levels): weighted 1/3 each, once in all.
    rows += [band("multi", 190_000.0, 210_000.0, band=b, employer="E9") for b in range(3)]
    summary = band_summary(bands_frame(rows), by="metro").iloc[0]
    assert summary["n_bands"] == 8 and summary["n_postings"] == 6
    # Six postings, equally weighted: the median is between the 3rd and 4th (100,002 and 100,003),
    # not pulled to 100,004 as eight equally counted bands would.
    assert summary["annual_mid_median"] == 100_002.5


def test_a_groups_interval_does_not_depend_on_the_other_groups(market):
    # Each group draws its own seeded resamples: filtering out a group, or computing the groups
    # on different machines (the Dask engine), leaves every other group's interval unchanged.
    interval = ["annual_mid_median_low", "annual_mid_median_high"]
    whole = band_summary(market, by="metro").set_index("metro")[interval]
    austin = market.loc[market["metro"].str.startswith("Austin")]
    alone = band_summary(austin, by="metro").set_index("metro")[interval]
    pd.testing.assert_frame_equal(alone, whole.loc[alone.index])
    other_seed = band_summary(austin, by="metro", seed=8).set_index("metro")[interval]
    assert not other_seed.equals(alone)
