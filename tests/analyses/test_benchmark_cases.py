"""What a benchmark report wraps around the benchmark: the posting it picks (named, as text, the
seed), why it cannot be placed, the facts its prose quotes and its two tables."""

import math

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.benchmark import posting_benchmark
from analysis.analyses.benchmark_cases import (
    REASONS,
    SEED_TEXT,
    STATUSES,
    benchmark_facts,
    benchmark_for,
    peer_comparison_table,
    peer_group_text,
    peer_list_table,
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


def test_every_status_has_a_reason():
    assert set(REASONS) == set(STATUSES)
    assert REASONS["ok"] == "" and all(REASONS[s] for s in STATUSES if s != "ok")


# --- the facts a report quotes -------------------------------------------------------------------

def _facts(bands, posting_id="me", **options):
    result, peers = benchmark_for(bands, posting_id=posting_id, **options)
    return result, benchmark_facts(result, peers=peers, currency=options.get("currency", "USD"))


def test_facts_of_a_placed_posting_below_its_peers():
    # 20 peers from 4 employers (E0 posts 5), levels senior and staff; the posting far below
    rows = _market_of(20, employers=4)
    for i, row in enumerate(rows):
        row["level"] = "senior" if i < 12 else "staff"
    bands = bands_frame(rows + [_band("me", 60_000, 80_000, employer="Acme")])
    result, facts = _facts(bands)
    median = pd.Series([r["annual_mid"] for r in rows]).median()
    assert facts.placed and facts.status == "ok" and facts.reason == ""
    assert facts.who == "Research Scientist, Machine Learning (PhD) at Acme"
    assert facts.employer == "Acme" and facts.place == SJ
    assert facts.peer_group == f"research scientist postings, any level, {SJ} metro"
    assert (facts.n_peers, facts.n_employers, facts.describable) == (20, 4, True)
    assert facts.direction == "below" and not facts.within_noise
    assert facts.gap == pytest.approx(median - 70_000)
    assert facts.gap_pct == pytest.approx((median - 70_000) / median)
    assert (facts.top_employer, facts.top_employer_postings) == ("E0", 5)
    assert not facts.level_stated and facts.level_mix == "senior 12, staff 8"
    assert facts.has_band and facts.given_as == "bands"


def test_facts_above_and_within_noise():
    rows = _market_of(20)
    _, above = _facts(bands_frame(rows + [_band("me", 400_000, 500_000)]))
    assert above.direction == "above" and not above.within_noise
    _, level = _facts(bands_frame(rows + [_band("me", 170_000, 250_000)]))  # at the median
    assert level.within_noise and level.placed


def test_facts_within_noise_only_when_placed():
    # two peers from two employers: too few to place, though the posting sits at their median
    bands = bands_frame(_market_of(2) + [_band("me", 105_000, 165_000)])
    result, facts = _facts(bands)
    assert result["gap_within_noise"].item()
    assert facts.status == "too few peers" and not facts.placed and not facts.within_noise
    assert facts.reason == "it has too few peers" and facts.has_band
    assert not facts.describable and facts.n_peers == 2


def test_facts_without_a_posting_pay_or_peers():
    bands = bands_frame(_market_of(12) + [band_row(posting_id="me", **NO_PAY)])
    _, no_pay = _facts(bands)
    assert no_pay.reason == "it states no closed pay range" and not no_pay.has_band
    assert no_pay.describable and no_pay.n_peers == 12  # its peers can still be described
    assert math.isnan(no_pay.gap) and no_pay.direction == ""

    _, missing = _facts(bands, posting_id="nope")
    assert missing.who == "Posting nope" and missing.reason == "it is not in the data"
    assert missing.place == "location unknown" and missing.top_employer is None
    assert missing.level_mix == "" and missing.top_employer_postings == 0

    euro = bands_frame(_market_of(12) + [_band("me", 100_000, 120_000, currency="EUR")])
    assert _facts(euro)[1].reason == "its pay is not posted in USD"
    assert _facts(euro, currency="EUR")[1].status == "no peers"

    lonely = bands_frame(_market_of(12) + [_band("me", 1, 2, role_family="recruiter",
                                                 employer=None, title="Recruiter")])
    _, facts = _facts(lonely)
    assert facts.reason == "it has no peers" and facts.who == "Recruiter"
    assert facts.employer == "" and facts.has_band
    assert facts.peer_group.startswith("recruiter postings")


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (dict(role_family="data scientist", level="senior", peer_scope="state", metro=None,
              state="CA"), "data scientist postings, senior level, state of CA"),
        (dict(role_family="recruiter", level=None, peer_scope="metro", metro=SJ, state="CA"),
         f"recruiter postings, any level, {SJ} metro"),
        (dict(role_family=None, level=None, peer_scope="nation", metro=None, state=None),
         "unclassified role postings, any level, nationwide"),
    ],
)
def test_peer_group_text(row, text):
    assert peer_group_text(pd.DataFrame([row])) == text


def test_seed_text_fallback_is_given_as_text():
    result, peers = benchmark_for(bands_frame(_market_of(20)))
    facts = benchmark_facts(result, peers=peers)
    assert facts.given_as == "text" and facts.who == SEED_TEXT["title"]  # no employer in text


# --- the report's tables -------------------------------------------------------------------------

def test_peer_comparison_table_names_and_ordinals():
    bands = bands_frame(_market_of(20) + [_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(bands, posting_id="me")
    table = peer_comparison_table(result)
    assert table.columns.tolist() == ["Measure", "This posting", "Peers p25", "Peers median",
                                      "Peers p75", "Percentile", "n peers"]
    assert table["Percentile"].tolist() == ["50th", "50th", "50th"]
    assert table["This posting"].tolist() == [195_000, 220_000, 245_000]
    # not placed (peers from too few employers): no percentile, whatever the peer count
    few = bands_frame(_market_of(20, employers=2) + [_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(few, posting_id="me")
    assert result["status"].item() == "too few peers"
    assert peer_comparison_table(result)["Percentile"].isna().all()


def test_peer_list_table_highest_first_ties_by_id():
    rows = _market_of(6) + [_band("peer9", 150_000, 200_000)]  # ties peer5's midpoint, 175k
    rows += [_band("peer0b", 100_000, 150_000)]  # ties peer0's midpoint, 125k
    bands = bands_frame(rows + [_band("me", 1, 2)])
    _, peers = benchmark_for(bands, posting_id="me")
    before = peers.copy()
    table = peer_list_table(peers, top=5)
    pd.testing.assert_frame_equal(peers, before)
    assert table.columns.tolist() == ["Employer", "Title", "Metro", "Level", "Minimum",
                                      "Midpoint", "Maximum"]
    assert len(table) == 5 and table["Midpoint"].is_monotonic_decreasing
    assert table["Midpoint"].tolist()[:2] == [175_000, 175_000]
    assert table["Employer"].tolist()[:2] == ["E5", "Meta"]  # peer5 before peer9
    full = peer_list_table(peers)
    assert full["Midpoint"].tolist()[-2:] == [125_000, 125_000]
    assert full["Employer"].tolist()[-2:] == ["E0", "Meta"]  # peer0 before peer0b


def test_benchmark_row_matches_posting_benchmark():
    bands = bands_frame(_market_of(20) + [_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(bands, posting_id="me")
    plain = posting_benchmark(bands, posting_id="me")
    pd.testing.assert_frame_equal(result.drop(columns=["status", "given_as"]), plain)
