"""Disclosure rates, uncovered postings under pay-transparency laws, range width."""

import pandas as pd
import pytest
from conftest import NO_PAY, band_row, bands_frame

from analysis.disclosure import (
    TOO_WIDE,
    disclosure_rates,
    load_laws,
    range_width,
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
