"""Posting benchmark: planted peers, scope widening, self-exclusion, the seed posting."""

import numpy as np
import pandas as pd
import pytest
from conftest import band_row, bands_frame
from scipy.stats import percentileofscore

from analysis.benchmark import benchmark_from_text, posting_benchmark

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
    out = posting_benchmark(bands, posting_id="me")
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
    out = posting_benchmark(bands_frame(rows), posting_id="me").iloc[0]
    assert out["pct_min"] == pytest.approx(percentileofscore(lows, lows[3], kind="mean"))
    peer_max = lows + 40_000
    assert out["pct_max"] == pytest.approx(
        percentileofscore(peer_max, lows[3] + 10_000, kind="mean")
    )
    assert 0 <= out["pct_mid"] <= 100


def test_posting_itself_excluded():
    rows = _peers("peer", 12) + [_band("me", 500_000, 600_000)]
    out = posting_benchmark(bands_frame(rows), posting_id="me").iloc[0]
    assert out["n_peers"] == 12
    assert out["pct_min"] == 100.0 and out["pct_max"] == 100.0


def test_widens_to_state_then_nation():
    metro_few = _peers("sj", 3)
    state_more = _peers("sf", 8, metro=SF)
    texas = _peers("tx", 20, metro=AUSTIN, state="TX")
    me = [_band("me", 150_000, 200_000)]

    out = posting_benchmark(bands_frame(metro_few + state_more + texas + me), posting_id="me")
    assert out["peer_scope"].item() == "state" and out["n_peers"].item() == 11

    out = posting_benchmark(
        bands_frame(metro_few + state_more + texas + me), posting_id="me", min_peers=12
    )
    assert out["peer_scope"].item() == "nation" and out["n_peers"].item() == 31

    out = posting_benchmark(
        bands_frame(metro_few + state_more + texas + me), posting_id="me", min_peers=3
    )
    assert out["peer_scope"].item() == "metro" and out["n_peers"].item() == 3


def test_level_filter_when_known():
    rows = _peers("senior", 10, level="senior") + _peers("staff", 10, level="staff", start=300_000)
    rows += _peers("unknown", 10, level=None, start=400_000)
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level="senior")])
    out = posting_benchmark(bands, posting_id="me").iloc[0]
    assert out["n_peers"] == 10 and out["peer_scope"] == "metro"
    # a posting with no stated level is compared with every level
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level=None)])
    assert posting_benchmark(bands, posting_id="me")["n_peers"].item() == 30


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
    out = posting_benchmark(bands, posting=posting).iloc[0]
    assert out["n_peers"] == 20 and out["pct_min"] == pytest.approx(50.0)
    with pytest.raises(ValueError):
        posting_benchmark(bands)
    with pytest.raises(KeyError):
        posting_benchmark(bands, posting_id="missing")


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
    from analysis.datasets import load_bands

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
