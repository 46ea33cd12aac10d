"""Disclosure rates, uncovered postings under pay-transparency laws, range width."""

import pandas as pd
import pytest
from conftest import NO_PAY, band_row, bands_frame

from analysis.disclosure import (
    TOO_WIDE,
    TOO_WIDE_SPREAD,
    covered_postings,
    disclosure_rates,
    disclosure_trend,
    latest_postings,
    laws_in_force,
    laws_in_window,
    load_laws,
    range_width,
    ratio_to_spread,
    share_gap,
    state_law_status,
    trend_period,
    trend_window,
    uncovered_postings,
)


def test_laws_table_has_required_laws():
    laws = load_laws()
    expected = {
        ("CO", None): "2021-01-01",
        ("NY", "New York"): "2022-11-01",
        ("CA", None): "2023-01-01",
        ("WA", None): "2023-01-01",
        ("NY", None): "2023-09-17",
        ("HI", None): "2024-01-01",
        ("DC", None): "2024-06-30",
        ("MD", None): "2024-10-01",
        ("IL", None): "2025-01-01",
        ("MN", None): "2025-01-01",
        ("NJ", None): "2025-06-01",
        ("VT", None): "2025-07-01",
        ("OH", "Cleveland"): "2025-10-27",
        ("MA", None): "2025-10-29",
    }
    found = {
        (r.state, None if pd.isna(r.city) else r.city): r.effective_date.strftime("%Y-%m-%d")
        for r in laws.itertuples()
    }
    for key, date in expected.items():
        assert found[key] == date
    assert set(laws["level"]) == {"state", "city"}
    assert (laws["employer_size_threshold"] >= 1).all()
    assert laws["source"].str.startswith("https://").all()


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


def _posting(pid, *, state, city, posted, remote=False):
    return band_row(
        posting_id=pid,
        state=state,
        city=city,
        is_remote=remote,
        posted_date=pd.Timestamp(posted) if posted else pd.NaT,
        **NO_PAY,
    )


def test_uncovered_postings_effective_date_edges():
    bands = bands_frame(
        [
            _posting("co-before", state="CO", city="Denver", posted="2020-12-31"),
            _posting("co-on", state="CO", city="Denver", posted="2021-01-01"),
            _posting("ma-before", state="MA", city="Boston", posted="2025-10-28"),
            _posting("ma-on", state="MA", city="Boston", posted="2025-10-29"),
            _posting("tx", state="TX", city="Austin", posted="2025-01-01"),
            _posting("co-remote", state="CO", city="Denver", posted="2025-01-01", remote=True),
            band_row(posting_id="co-paid", state="CO", posted_date=pd.Timestamp("2025-01-01")),
        ]
    )
    out = uncovered_postings(bands)
    assert sorted(out["posting_id"]) == ["co-on", "ma-on"]
    row = out.set_index("posting_id").loc["co-on"]
    assert row["jurisdiction"] == "Colorado"
    assert row["effective_date"] == pd.Timestamp("2021-01-01")
    assert row["date_source"] == "posted_date"


def test_uncovered_postings_city_laws_and_fallback_date():
    bands = bands_frame(
        [
            _posting("nyc-2022", state="NY", city="New York", posted="2022-11-01"),
            _posting("nyc-2023", state="NY", city="Brooklyn", posted="2023-10-01"),
            _posting("albany-2022", state="NY", city="Albany", posted="2022-12-01"),
            _posting("albany-2023", state="NY", city="Albany", posted="2023-09-17"),
            _posting("cle-before", state="OH", city="Cleveland", posted="2025-10-26"),
            _posting("cle-on", state="OH", city="Cleveland", posted="2025-10-27"),
            _posting("cle-undated", state="OH", city="Cleveland", posted=None),
            _posting("columbus", state="OH", city="Columbus", posted="2025-12-01"),
        ]
    )
    out = uncovered_postings(bands, on="2025-01-01").set_index("posting_id")
    assert sorted(out.index) == ["albany-2023", "cle-on", "nyc-2022", "nyc-2023"]
    assert out.loc["nyc-2022", "jurisdiction"] == "New York City"
    assert out.loc["nyc-2023", "jurisdiction"] == "New York City"  # city law wins over state
    assert out.loc["albany-2023", "jurisdiction"] == "New York State"
    # the undated Cleveland posting is judged on `on`: covered once the law is in force
    later = uncovered_postings(bands, on=pd.Timestamp("2025-10-27")).set_index("posting_id")
    assert later.loc["cle-undated", "date_source"] == "on"
    assert later.loc["cle-undated", "jurisdiction"] == "Cleveland, OH"


def _band(pid, low, high, **kw):
    return band_row(
        posting_id=pid,
        pay_min=low,
        pay_max=high,
        annual_min=low,
        annual_max=high,
        annual_mid=(low + high) / 2,
        **kw,
    )


def test_range_width_against_plain_pandas():
    bands = bands_frame(
        [
            _band("a", 100_000.0, 150_000.0, state="CA"),
            _band("b", 100_000.0, 200_000.0, state="CA"),  # exactly 2.0: not too wide
            _band("c", 80_000.0, 200_000.0, state="NY"),  # 2.5: too wide
            _band("d", 100_000.0, 120_000.0, state="NY", currency="EUR"),
            band_row(posting_id="e", **NO_PAY),
        ]
    )
    usd = bands.loc[bands["currency"] == "USD"]
    ratios = usd["annual_max"] / usd["annual_min"]
    overall = range_width(bands)
    assert overall.loc[0, "n_bands"] == 3
    assert overall.loc[0, "ratio_median"] == pytest.approx(ratios.median())
    assert overall.loc[0, "share_too_wide"] == pytest.approx((ratios > TOO_WIDE).mean())
    per_band = range_width(bands, per_band=True).set_index("posting_id")
    assert per_band["too_wide"].to_dict() == {"a": False, "b": False, "c": True}
    by_state = range_width(bands, by="state", too_wide=1.6).set_index("state")
    assert by_state.loc["CA", "n_too_wide"] == 1
    assert by_state.loc["NY", "share_too_wide"] == 1.0


def test_spread_states_the_same_cut_off_as_the_ratio():
    assert TOO_WIDE_SPREAD == pytest.approx(2 / 3)
    assert ratio_to_spread(1.0) == 0
    bands = bands_frame(
        [
            _band("a", 100_000.0, 150_000.0),
            _band("b", 100_000.0, 200_000.0),  # ratio exactly 2.0: spread exactly 2/3
            _band("c", 80_000.0, 200_000.0),
            _band("d", 120_000.0, 120_000.0),  # a single figure
        ]
    )
    per_band = range_width(bands, per_band=True).set_index("posting_id")
    plain = (per_band["annual_max"] - per_band["annual_min"]) / (
        (per_band["annual_max"] + per_band["annual_min"]) / 2
    )
    pd.testing.assert_series_equal(per_band["spread"], plain, check_names=False)
    assert per_band["spread"].to_dict() == pytest.approx(
        {"a": 0.4, "b": 2 / 3, "c": 6 / 7, "d": 0.0}
    )
    assert per_band["too_wide"].tolist() == [False, False, True, False]


def test_covered_postings_hold_paid_and_unpaid_postings_under_a_law():
    bands = bands_frame(
        [
            _posting("co-unpaid", state="CO", city="Denver", posted="2025-01-01"),
            band_row(posting_id="co-paid", state="CO", city="Denver",
                     posted_date=pd.Timestamp("2025-01-01")),
            band_row(posting_id="tx-paid", state="TX", city="Austin",
                     posted_date=pd.Timestamp("2025-01-01")),
        ]
    )
    covered = covered_postings(bands).set_index("posting_id")
    assert covered["has_pay"].to_dict() == {"co-paid": True, "co-unpaid": False}
    uncovered = uncovered_postings(bands)
    assert uncovered["posting_id"].tolist() == ["co-unpaid"]
    assert uncovered.loc[0, "title"] == band_row()["title"]
    assert "has_pay" not in uncovered


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        ("2026-01-01", "2026-06-30", "month"),
        ("2026-01-01", "2026-04-03", "month"),  # 92 days
        ("2026-01-01", "2026-04-02", "week"),  # 91 days: not yet a quarter
        ("2026-09-17", "2026-10-31", "week"),
        ("2026-09-17", "2026-10-08", "week"),  # exactly three weeks
        ("2026-09-17", "2026-10-07", "snapshot"),
        (None, None, "snapshot"),
    ],
)
def test_trend_period_follows_the_span_of_dates(first, last, period):
    dates = pd.Series(pd.to_datetime([first, last]))
    assert trend_period(dates) == period


def _store():
    # "c" is listed without pay in s1 and re-listed with pay in s2; "b" only in s1
    return pd.concat(
        [
            bands_frame([
                _posting("a", state="CA", city="Sunnyvale", posted="2026-09-01"),
                band_row(posting_id="b", state="CA", snapshot="s1",
                         posted_date=pd.Timestamp("2026-09-02")),
                _posting("c", state="TX", city="Austin", posted="2026-09-03"),
            ]).assign(snapshot="s1"),
            bands_frame([
                _posting("a", state="CA", city="Sunnyvale", posted="2026-09-01"),
                band_row(posting_id="c", state="TX", posted_date=pd.Timestamp("2026-09-03")),
                band_row(posting_id="d", state="TX", posted_date=pd.Timestamp("2026-10-20")),
                band_row(posting_id="e", state="TX", posted_date=pd.NaT),
            ]).assign(snapshot="s2"),
        ],
        ignore_index=True,
    )


def test_latest_postings_keep_each_posting_once():
    latest = latest_postings(_store()).set_index("posting_id")
    assert latest["snapshot"].to_dict() == {"a": "s2", "b": "s1", "c": "s2", "d": "s2", "e": "s2"}


def test_disclosure_trend_by_month_counts_each_posting_once_as_last_seen():
    trend = disclosure_trend(_store(), period="month")
    rows = {
        (r.period_label, r.state): (r.postings, r.postings_with_pay) for r in trend.itertuples()
    }
    # "c" counts with pay (its latest listing); "e" has no posted date and is left out
    assert rows == {("Sep 2026", "CA"): (2, 1), ("Sep 2026", "TX"): (1, 1),
                    ("Oct 2026", "TX"): (1, 1)}
    assert set(trend["period"]) == {"month"}
    weekly = disclosure_trend(_store(), period="week")
    assert weekly["period_start"].dt.day_of_week.eq(0).all()  # weeks start on Monday
    assert weekly["postings"].sum() == 4
    assert trend_window(trend) == (pd.Timestamp("2026-09-01"), pd.Timestamp("2026-10-31"))
    # weeks of 31 Aug (Mon) to 19 Oct: the window ends on the last week's Sunday
    assert trend_window(weekly) == (pd.Timestamp("2026-08-31"), pd.Timestamp("2026-10-25"))


def test_disclosure_trend_by_snapshot_counts_each_snapshot():
    trend = disclosure_trend(_store(), period="snapshot")
    rows = {(r.period_label, r.state): r.postings for r in trend.itertuples()}
    assert rows == {("s1", "CA"): 2, ("s1", "TX"): 1, ("s2", "CA"): 1, ("s2", "TX"): 3}
    assert trend["period_start"].isna().all()  # "s1" is not a date
    with pytest.raises(ValueError, match="period"):
        disclosure_trend(_store(), period="fortnight")


def test_laws_in_window_put_shown_states_first_and_stop_at_the_limit():
    laws = load_laws()
    window = dict(start=pd.Timestamp("2022-06-01"), end=pd.Timestamp("2025-12-31"))
    marked = laws_in_window(laws, **window, states=["IL", "MA"], limit=3)
    assert len(marked) == 3
    assert {"IL", "MA"} <= set(marked["state"])
    assert marked["effective_date"].is_monotonic_increasing
    assert "IL law eff. 1 Jan 2025" in marked["label"].tolist()
    city = laws_in_window(laws, start=pd.Timestamp("2022-11-01"), end=pd.Timestamp("2022-11-01"))
    assert city["label"].tolist() == ["NYC law eff. 1 Nov 2022"]
    assert laws_in_window(laws, start=pd.Timestamp("2026-09-01"),
                          end=pd.Timestamp("2026-10-31")).empty


def test_laws_in_force_and_state_status():
    laws = load_laws()
    on = pd.Timestamp("2023-06-01")
    in_force = laws_in_force(laws, on=on)
    assert (in_force["effective_date"] <= on).all()
    assert set(in_force["jurisdiction"]) == {"Colorado", "New York City", "California",
                                             "Washington"}
    status = state_law_status(["CA", "NY", "TX", "ON", None], on=on, laws=laws)
    assert status.tolist() == ["law 2023", "NYC law 2022", "no law", "outside US", "no state"]
    assert state_law_status(["NY"], on=pd.Timestamp("2026-01-01")).tolist() == ["law 2023"]


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
