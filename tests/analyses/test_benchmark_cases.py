"""What a benchmark report wraps around the benchmark: the posting it picks (named, as text, the
seed), why it cannot be placed, the facts its prose quotes and its two tables."""

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.benchmark import benchmark_posting
from analysis.analyses.benchmark_cases import (
    SEED_TEXT,
    benchmark_for,
    seed_posting_id,
)

SJ = "San Jose-Sunnyvale-Santa Clara, CA"


def _band(pid, low, high, **extra):
    extra.setdefault("metro", SJ)
    return band_row(posting_id=pid, pay_min=float(low), pay_max=float(high),
                    annual_min=float(low), annual_max=float(high), annual_mid=(low + high) / 2,
                    **extra)


def _peers(prefix, n, *, start=100_000, step=10_000, **extra):
    """n peers with mins start, start+step, ... and max = min + 50k."""
    return [_band(f"{prefix}{i}", start + i * step, start + i * step + 50_000, **extra)
            for i in range(n)]


def _market_of(n, *, employers=None, **extra):
    """n research-scientist peers in Sunnyvale's metro, spread over `employers` (default n)."""
    rows = _peers("peer", n, **extra)
    for i, row in enumerate(rows):
        row["employer"] = f"E{i % (employers or n)}"
    return rows


def test_seed_posting_id_by_file_or_url():
    rows = _peers("peer", 3) + [_band("career-page:meta/seed", 117_000, 173_000,
                                      source_file="careers/meta/1107338720995841.html")]
    assert seed_posting_id(bands_frame(rows)) == "career-page:meta/seed"
    rows[-1]["source_file"] = "x.html"
    rows[-1]["url"] = "https://www.metacareers.com/jobs/1107338720995841/"
    assert seed_posting_id(bands_frame(rows)) == "career-page:meta/seed"
    assert seed_posting_id(bands_frame(rows[:-1])) is None


def test_seed_posting_in_sample():
    from analysis.store import load_bands

    bands = load_bands()
    seed = seed_posting_id(bands)
    row = bands.loc[bands["posting_id"] == seed].iloc[0]
    assert (row["employer"], row["annual_min"], row["annual_max"]) == ("Meta", 117_000, 173_000)
    result, peers = benchmark_for(bands)
    assert result["posting_id"].item() == seed and result["status"].item() == "ok"
    assert len(peers) == result["n_peers"].item()




@pytest.mark.parametrize(
    ("rows", "posting_id", "status"),
    [
        (_market_of(12) + [_band("me", 150_000, 200_000)], "me", "ok"),
        (_market_of(12), "missing", "not found"),
        (_market_of(12) + [band_row(posting_id="me", **NO_PAY)], "me", "no pay"),
        (_market_of(12) + [_band("me", 150_000, 200_000, currency="EUR")], "me",
         "other currency"),
        (_market_of(12, employers=2) + [_band("me", 150_000, 200_000)], "me", "too few peers"),
        (_market_of(3) + [_band("me", 150_000, 200_000)], "me", "too few peers"),
        (_market_of(12) + [_band("me", 150_000, 200_000, role_family="recruiter")], "me",
         "no peers"),
    ],
)
def test_benchmark_for_status_never_raises(rows, posting_id, status):
    bands = bands_frame(rows)
    result, peers = benchmark_for(bands, posting_id=posting_id)
    assert len(result) == 1 and result["status"].item() == status
    assert result["given_as"].item() == "bands"
    if status == "not found":
        assert peers.empty and result["n_peers"].item() == 0
    else:
        assert len(peers) == result["n_peers"].item()


def test_benchmark_for_text_and_seed_fallback():
    bands = bands_frame(_market_of(20))
    # pay_text wins over posting_id
    result, peers = benchmark_for(bands, posting_id="peer1", title=SEED_TEXT["title"],
                                  location="Sunnyvale, CA", pay_text="$195,000 - $245,000")
    assert result["given_as"].item() == "text" and result["annual_mid"].item() == 220_000
    assert result["pct_mid"].item() == pytest.approx(50.0) and len(peers) == 20
    # no posting named and no seed in the data: the seed's text
    result, _ = benchmark_for(bands)
    assert result["given_as"].item() == "text"
    assert (result["annual_min"].item(), result["annual_max"].item()) == (117_000, 173_000)
    assert result["status"].item() == "ok"
    # no posting named, the seed in the data: the seed's row
    seeded = bands_frame(_market_of(20) + [_band(
        "seed", 117_000, 173_000, source_file="careers/meta/1107338720995841.html")])
    assert benchmark_for(seeded)[0]["posting_id"].item() == "seed"
    # text without a readable range
    result, _ = benchmark_for(bands, title="Research Scientist", location="Sunnyvale, CA",
                              pay_text="competitive")
    assert result["status"].item() == "no pay"


def test_benchmark_row_matches_posting_benchmark():
    bands = bands_frame(_market_of(20) + [_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(bands, posting_id="me")
    plain = benchmark_posting(bands, posting_id="me")
    pd.testing.assert_frame_equal(result.drop(columns=["status", "given_as"]), plain)
