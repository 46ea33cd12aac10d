"""Posting benchmark: planted peers, scope widening, self-exclusion, percentiles, the table.

What a report wraps around it (the seed posting, statuses, facts) is tested in
test_benchmark_cases.py."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame
from scipy.stats import percentileofscore

from analysis.analyses.benchmark import (
    benchmark_from_text,
    benchmark_posting,
    benchmark_table,
    peer_bands,
    posting_row,
)
from analysis.formats import ordinal
from analysis.stats import percentile_of

SJ = "San Jose-Sunnyvale-Santa Clara, CA"
SF = "San Francisco-Oakland-Fremont, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"


def _band(pid, low, high, *, metro=SJ, state="CA", **extra):
    return band_row(
        posting_id=pid,
        metro=metro,
        state=state,
        pay_min=float(low),
        pay_max=float(high),
        annual_min=float(low),
        annual_max=float(high),
        annual_mid=(low + high) / 2,
        **extra,
    )


def _peers(prefix, n, *, metro=SJ, state="CA", start=100_000, step=10_000, **extra):
    """n peers with mins start, start+step, ... and max = min + 50k."""
    return [
        _band(
            f"{prefix}{i}",
            start + i * step,
            start + i * step + 50_000,
            metro=metro,
            state=state,
            **extra,
        )
        for i in range(n)
    ]


def test_planted_percentile_in_metro():
    # 20 peers with mins 100k..290k; the posting's min 195k is above exactly 10 of them
    rows = _peers("peer", 20) + [_band("me", 195_000, 245_000)]
    rows += _peers("other-family", 5, role_family="software engineer")  # not peers
    bands = bands_frame(rows)
    before = bands.copy()
    out = benchmark_posting(bands, posting_id="me")
    pd.testing.assert_frame_equal(bands, before)
    row = out.iloc[0]
    assert len(out) == 1
    assert row["peer_scope"] == "metro" and row["n_peers"] == 20
    assert row["pct_min"] == pytest.approx(50.0)
    assert row["pct_max"] == pytest.approx(50.0)
    assert row["pct_mid"] == pytest.approx(50.0)
    assert row["title"] == "Research Scientist, Machine Learning (PhD)"
    assert row["employer"] == "Meta" and row["metro"] == SJ


def test_percentile_matches_scipy_with_ties():
    rng = np.random.default_rng(1)
    lows = rng.integers(90, 200, size=30) * 1000
    rows = [_band(f"p{i}", low, low + 40_000) for i, low in enumerate(lows)]
    rows.append(_band("me", int(lows[3]), int(lows[3]) + 10_000))  # ties a peer's min
    out = benchmark_posting(bands_frame(rows), posting_id="me").iloc[0]
    assert out["pct_min"] == pytest.approx(percentileofscore(lows, lows[3], kind="mean"))
    peer_max = lows + 40_000
    assert out["pct_max"] == pytest.approx(
        percentileofscore(peer_max, lows[3] + 10_000, kind="mean")
    )
    assert 0 <= out["pct_mid"] <= 100


def test_posting_itself_excluded():
    rows = _peers("peer", 12) + [_band("me", 500_000, 600_000)]
    out = benchmark_posting(bands_frame(rows), posting_id="me").iloc[0]
    assert out["n_peers"] == 12
    assert out["pct_min"] == 100.0 and out["pct_max"] == 100.0


def test_widens_to_state_then_nation():
    metro_few = _peers("sj", 3)
    state_more = _peers("sf", 8, metro=SF)
    texas = _peers("tx", 20, metro=AUSTIN, state="TX")
    me = [_band("me", 150_000, 200_000)]

    out = benchmark_posting(bands_frame(metro_few + state_more + texas + me), posting_id="me")
    assert out["peer_scope"].item() == "state" and out["n_peers"].item() == 11

    out = benchmark_posting(
        bands_frame(metro_few + state_more + texas + me), posting_id="me", min_peers=12
    )
    assert out["peer_scope"].item() == "nation" and out["n_peers"].item() == 31

    out = benchmark_posting(
        bands_frame(metro_few + state_more + texas + me), posting_id="me", min_peers=3
    )
    assert out["peer_scope"].item() == "metro" and out["n_peers"].item() == 3


def test_level_filter_when_known():
    rows = _peers("senior", 10, level="senior") + _peers("staff", 10, level="staff", start=300_000)
    rows += _peers("unknown", 10, level=None, start=400_000)
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level="senior")])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    assert out["n_peers"] == 10 and out["peer_scope"] == "metro"
    # a posting with no stated level is compared with every level
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level=None)])
    assert benchmark_posting(bands, posting_id="me")["n_peers"].item() == 30


def test_one_row_posting_frame_and_errors():
    bands = bands_frame(_peers("peer", 20))
    posting = pd.DataFrame(
        [
            {
                "title": "x",
                "role_family": "research scientist",
                "level": None,
                "metro": SJ,
                "state": "CA",
                "country": "US",
                "annual_min": 195_000.0,
                "annual_mid": 220_000.0,
                "annual_max": 245_000.0,
            }
        ]
    )
    out = benchmark_posting(bands, posting=posting).iloc[0]
    assert out["n_peers"] == 20 and out["pct_min"] == pytest.approx(50.0)
    with pytest.raises(ValueError):
        benchmark_posting(bands)
    with pytest.raises(KeyError):
        benchmark_posting(bands, posting_id="missing")


def test_from_text_planted():
    bands = bands_frame(_peers("peer", 20))  # research scientists in Sunnyvale's metro
    out = benchmark_from_text(
        bands,
        title="Research Scientist, Machine Learning (PhD)",
        location="Sunnyvale, CA",
        pay_text="$195,000/year to $245,000/year + bonus + equity + benefits",
    ).iloc[0]
    assert out["peer_scope"] == "metro" and out["metro"] == SJ
    assert out["annual_mid"] == 220_000
    assert out["pct_min"] == pytest.approx(50.0)


def test_seed_posting_against_sample():
    from analysis.store import load_bands

    out = benchmark_from_text(
        load_bands(),
        title="Research Scientist, Machine Learning (PhD)",
        location="Sunnyvale, CA",
        pay_text="$117,000/year to $173,000/year + bonus + equity + benefits",
    )
    row = out.iloc[0]
    assert row["peer_scope"] in ("metro", "state", "nation")
    assert row["n_peers"] > 0
    assert (row["annual_min"], row["annual_max"]) == (117_000, 173_000)
    for col in ("pct_min", "pct_mid", "pct_max"):
        assert 0 <= row[col] <= 100


# --- peers, seed posting, the report's entry point ---------------------------------------------

def _market_of(n, *, employers=None, **extra):
    """n research-scientist peers in Sunnyvale's metro, spread over `employers` (default n)."""
    rows = _peers("peer", n, **extra)
    for i, row in enumerate(rows):
        row["employer"] = f"E{i % (employers or n)}"
    return rows


@pytest.mark.parametrize(("value", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                             (11, "11th"), (12, "12th"), (13, "13th"),
                                             (22, "22nd"), (61.6, "62nd"), (100, "100th")])
def test_ordinal(value, text):
    assert ordinal(value) == text


def test_percentile_of_matches_scipy():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 20, size=50).astype(float)  # many ties
    for probe in (-1.0, 0.0, 7.0, 7.5, 19.0, 25.0):
        assert percentile_of(values, probe) == pytest.approx(
            percentileofscore(values, probe, kind="mean"))


def test_peer_bands_are_the_benchmarked_peers():
    rows = _market_of(20) + [_band("me", 195_000, 245_000)]
    rows += _peers("other-family", 5, role_family="software engineer")
    bands = bands_frame(rows)
    peers = peer_bands(bands, posting_id="me")
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    assert len(peers) == out["n_peers"] == 20
    assert "me" not in set(peers["posting_id"])
    assert set(peers["role_family"]) == {"research scientist"}
    assert peers["annual_mid"].is_monotonic_increasing
    assert set(peers["peer_scope"]) == {"metro"}


def test_peer_statistics_and_gap_match_pandas():
    rows = _market_of(20, employers=7) + [_band("me", 100_000, 120_000)]
    bands = bands_frame(rows)
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = bands.loc[bands["posting_id"] != "me"]
    assert out["n_peer_employers"] == 7
    for column in ("annual_min", "annual_mid", "annual_max"):
        assert out[f"peer_{column}_p25"] == peers[column].quantile(0.25)
        assert out[f"peer_{column}_median"] == peers[column].median()
        assert out[f"peer_{column}_p75"] == peers[column].quantile(0.75)
    median = peers["annual_mid"].median()
    assert out["gap_to_median"] == 110_000 - median
    assert out["gap_to_median_pct"] == pytest.approx((110_000 - median) / median)
    assert out["peer_annual_mid_median_low"] <= median <= out["peer_annual_mid_median_high"]
    assert not out["gap_within_noise"]  # far below every peer


def test_gap_within_noise_when_posting_sits_at_the_median():
    rows = _market_of(20) + [_band("me", 170_000, 250_000)]  # mid 210k, the peers' median 220k
    out = benchmark_posting(bands_frame(rows), posting_id="me").iloc[0]
    assert out["peer_annual_mid_median_low"] <= 210_000 <= out["peer_annual_mid_median_high"]
    assert out["gap_within_noise"]


def test_benchmark_table_rows_and_hiding():
    rows = _market_of(20) + [_band("me", 195_000, 245_000)]
    out = benchmark_posting(bands_frame(rows), posting_id="me")
    table = benchmark_table(out)
    assert table["measure"].tolist() == ["Minimum", "Midpoint", "Maximum"]
    assert table["posting"].tolist() == [195_000, 220_000, 245_000]
    assert table["peer_median"].tolist() == [out["peer_annual_min_median"].item(),
                                             out["peer_annual_mid_median"].item(),
                                             out["peer_annual_max_median"].item()]
    assert table["percentile"].tolist() == [out[c].item() for c in ("pct_min", "pct_mid",
                                                                     "pct_max")]
    hidden = benchmark_table(out, min_n=21)
    assert hidden["peer_median"].isna().all() and hidden["percentile"].isna().all()
    assert hidden["posting"].tolist() == [195_000, 220_000, 245_000]


def test_posting_row_takes_the_first_band():
    rows = _peers("peer", 2) + [_band("me", 150_000, 200_000, band=1),
                                _band("me", 100_000, 120_000, band=0)]
    assert posting_row(bands_frame(rows), posting_id="me")["annual_min"] == 100_000
