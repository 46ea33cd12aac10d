"""What a benchmark report wraps around the benchmark: the posting it picks (named, as text, the
seed), why it cannot be placed, the facts its prose quotes and its two tables."""

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame, peer_band, peer_market, peer_rows

from analysis.analyses.benchmark import benchmark_posting
from analysis.analyses.benchmark_cases import (
    SEED_TEXT,
    benchmark_for,
    seed_posting_id,
    typical_posting_id,
)
from analysis.config import SMALL_N
from analysis.normalize.vocabulary import LEVELS
from analysis.stats import percentile_of


def test_seed_posting_id_by_file_or_url():
    rows = peer_rows("peer", 3) + [peer_band("career-page:meta/seed", 117_000, 173_000,
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


def test_seed_posting_is_benchmarked_against_same_level_peers():
    # the seed's title states no level: its level is inferred from its pay, and every peer is at
    # that level (on main before this, peers spanned intern to director)
    from analysis.store import load_bands

    bands = load_bands()
    result, peers = benchmark_for(bands)
    row = result.iloc[0]
    assert row["level"] is None and row["level_basis"] == "inferred from pay"
    assert row["inferred_level"] in LEVELS and row["peer_levels"] == row["inferred_level"]
    assert (peers["level"].astype(object) == row["inferred_level"]).all()
    assert len(peers) == row["n_peers"] >= SMALL_N
    # widened beyond Sunnyvale's metro, so compared at Sunnyvale's pay level
    if row["peer_scope"] != "metro":
        assert row["location_adjusted"]
        moved = peers.loc[peers["metro"] != row["metro"]]
        assert (moved["location_factor"].notna().sum() + row["n_peers_unadjusted"]) == len(moved)
    assert row["pct_mid"] == pytest.approx(percentile_of(peers["annual_mid"].to_numpy(), 145_000))




@pytest.mark.parametrize(
    ("rows", "posting_id", "status"),
    [
        (peer_market(12) + [peer_band("me", 150_000, 200_000)], "me", "ok"),
        (peer_market(12), "missing", "not found"),
        (peer_market(12) + [band_row(posting_id="me", **NO_PAY)], "me", "no pay"),
        (peer_market(12) + [peer_band("me", 150_000, 200_000, currency="EUR")], "me",
         "other currency"),
        (peer_market(12, employers=2) + [peer_band("me", 150_000, 200_000)], "me", "too few peers"),
        (peer_market(3) + [peer_band("me", 150_000, 200_000)], "me", "too few peers"),
        (peer_market(12) + [peer_band("me", 150_000, 200_000, role_family="recruiter")], "me",
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
    bands = bands_frame(peer_market(20))
    # pay_text wins over posting_id
    result, peers = benchmark_for(bands, posting_id="peer1", title=SEED_TEXT["title"],
                                  location="Sunnyvale, CA", pay_text="$195,000 - $245,000")
    assert result["given_as"].item() == "text" and result["annual_mid"].item() == 220_000
    assert result["pct_mid"].item() == pytest.approx(50.0) and len(peers) == 20
    # no posting named and no seed in the data: the data's own typical posting, never the seed
    result, _ = benchmark_for(bands)
    assert result["given_as"].item() == "bands" and result["chosen_as"].item() == "typical"
    assert result["posting_id"].item() == typical_posting_id(bands)
    assert result["status"].item() == "ok"
    # ... unless the data has no posting to benchmark: the seed's text
    result, _ = benchmark_for(bands.assign(annual_max=float("nan")))
    assert result["given_as"].item() == "text" and result["chosen_as"].item() == "seed"
    assert (result["annual_min"].item(), result["annual_max"].item()) == (117_000, 173_000)
    # no posting named, the seed in the data: the seed's row
    seeded = bands_frame(peer_market(20) + [peer_band(
        "seed", 117_000, 173_000, source_file="careers/meta/1107338720995841.html")])
    assert benchmark_for(seeded)[0]["posting_id"].item() == "seed"
    assert benchmark_for(seeded)[0]["chosen_as"].item() == "seed"
    # text without a readable range
    result, _ = benchmark_for(bands, title="Research Scientist", location="Sunnyvale, CA",
                              pay_text="competitive")
    assert result["status"].item() == "no pay"


def test_benchmark_row_matches_posting_benchmark():
    bands = bands_frame(peer_market(20) + [peer_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(bands, posting_id="me")
    plain = benchmark_posting(bands, posting_id="me")
    pd.testing.assert_frame_equal(result.drop(columns=["status", "given_as", "chosen_as"]), plain)


def test_typical_posting_is_the_median_of_the_largest_group():
    market = peer_market(20)  # one role family x metro group
    other = [peer_band(f"o{i}", 50_000 + i, 60_000 + i, role_family="recruiter") for i in range(3)]
    bands = bands_frame(market + other)
    chosen = typical_posting_id(bands)
    group = bands.loc[bands["role_family"] != "recruiter"].drop_duplicates("posting_id")
    nearest = (group["annual_mid"] - group["annual_mid"].median()).abs().min()
    mid = bands.set_index("posting_id").loc[chosen, "annual_mid"]
    assert chosen in set(group["posting_id"])
    assert abs(float(mid if not hasattr(mid, "iloc") else mid.iloc[0])
               - group["annual_mid"].median()) == pytest.approx(nearest)
    assert typical_posting_id(bands, currency="EUR") is None  # no closed EUR band
    assert typical_posting_id(bands.drop(columns=["metro"])) is None
    # a board that names no places or roles still has a typical posting: its own
    unplaced = bands.assign(metro=None, role_family=None)
    assert typical_posting_id(unplaced) in set(unplaced["posting_id"])
