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
    level_posteriors,
    location_factors,
    peer_bands,
    posting_row,
)
from analysis.formats import ordinal
from analysis.stats import percentile_of

SJ = "San Jose-Sunnyvale-Santa Clara, CA"
SF = "San Francisco-Oakland-Fremont, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"
LA = "Los Angeles-Long Beach-Anaheim, CA"


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


def _employed(rows, prefix):
    """`rows` posted by employers prefix0, prefix1, ... (one each)."""
    return [dict(row, employer=f"{prefix}{i}") for i, row in enumerate(rows)]


def _levelled_market():
    """Seniors (mids 125k-215k), staff (325k-415k) and unstated (425k-515k), 10 each, from ten
    employers per level."""
    rows = _employed(_peers("senior", 10, level="senior"), "S")
    rows += _employed(_peers("staff", 10, level="staff", start=300_000), "T")
    return rows + _employed(_peers("unknown", 10, level=None, start=400_000), "U")


def test_stated_level_excludes_peers_at_other_levels():
    # senior peers in the posting's range, staff and unstated peers far above: only seniors count
    rows = _levelled_market()
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level="senior")])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = peer_bands(bands, posting_id="me")
    assert out["n_peers"] == 10 and out["peer_scope"] == "metro"
    assert set(peers["level"]) == {"senior"}
    assert (out["level_basis"], out["peer_levels"]) == ("stated", "senior")
    assert out["inferred_level"] is None and out["pct_mid"] == 100  # above every senior


def test_unstated_level_is_inferred_from_pay():
    # seniors mid 125k-215k, staff mid 325k-415k: a 220k posting that states no level is senior,
    # and is compared with seniors only, not with staff or unstated peers
    rows = _levelled_market()
    bands = bands_frame(rows + [_band("me", 195_000, 245_000, level=None)])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = peer_bands(bands, posting_id="me")
    assert (out["level_basis"], out["inferred_level"], out["peer_levels"]) == (
        "inferred from pay", "senior", "senior")
    assert out["level"] is None and out["levels_considered"] == "senior, staff"
    assert out["level_probability"] > 0.99
    assert set(peers["level"]) == {"senior"} and out["n_peers"] == 10
    assert not out["below_levels_considered"]
    # the same posting at staff pay is inferred staff
    bands = bands_frame(rows + [_band("me", 330_000, 380_000, level=None)])
    assert benchmark_posting(bands, posting_id="me")["inferred_level"].item() == "staff"
    # below every level's pay: still the likeliest, senior, but flagged
    bands = bands_frame(rows + [_band("me", 60_000, 80_000, level=None)])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    assert out["inferred_level"] == "senior" and out["below_levels_considered"]


def test_no_level_to_infer_from_compares_every_level():
    # only one level with SMALL_N peers: nothing to choose between, so every level is compared
    rows = _peers("senior", 10, level="senior") + _peers("staff", 3, level="staff")
    rows += _peers("unknown", 4, level=None)
    out = benchmark_posting(bands_frame(rows + [_band("me", 195_000, 245_000)]),
                            posting_id="me").iloc[0]
    assert out["level_basis"] == "all levels" and out["inferred_level"] is None
    assert out["n_peers"] == 17 and out["peer_levels"] == "senior, staff, not stated"


def test_level_posteriors_planted_normal_levels():
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({
        "level": ["mid"] * 60 + ["senior"] * 30 + ["staff"] * 4,  # staff: too few to model
        "annual_mid": np.exp(np.r_[rng.normal(np.log(100e3), 0.1, 60),
                                   rng.normal(np.log(140e3), 0.1, 30),
                                   rng.normal(np.log(300e3), 0.1, 4)]),
    })
    table = level_posteriors(frame, annual_mid=118e3).set_index("level")
    assert table.index.tolist() == ["mid", "senior"]
    assert table["posterior"].sum() == pytest.approx(1.0)
    assert table["prior"].tolist() == pytest.approx([60 / 90, 30 / 90])
    # halfway in logs between 100k and 140k is 118.3k: the larger level's prior tips it to mid
    assert table.loc["mid", "posterior"] > table.loc["senior", "posterior"]
    assert level_posteriors(frame, annual_mid=135e3)["level"].iloc[
        level_posteriors(frame, annual_mid=135e3)["posterior"].argmax()] == "senior"
    assert level_posteriors(frame.loc[frame["level"] != "senior"], annual_mid=1e5).empty


def test_too_few_same_level_peers_nationally_widens_to_adjacent_levels():
    # staff: 3 peers nationwide; senior and senior staff (its neighbours) plenty; principal
    # (two rungs up) and the management ladder's manager stay out
    rows = _market_of(3, level="staff", start=250_000)
    rows += [dict(r, posting_id=f"sr{i}", employer=f"S{i}") for i, r in
             enumerate(_peers("x", 6, level="senior", start=180_000))]
    rows += [dict(r, posting_id=f"ss{i}", employer=f"T{i}") for i, r in
             enumerate(_peers("y", 6, level="senior staff", start=320_000, metro=AUSTIN,
                              state="TX"))]
    rows += _peers("pr", 6, level="principal", start=400_000)
    rows += _peers("mg", 6, level="manager", start=260_000)
    bands = bands_frame(rows + [_band("me", 250_000, 300_000, level="staff")])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = peer_bands(bands, posting_id="me")
    assert out["level_basis"] == "stated ± 1 level"
    assert out["peer_levels"] == "senior, staff, senior staff"
    assert set(peers["level"]) == {"senior", "staff", "senior staff"} and out["n_peers"] == 15
    assert out["peer_scope"] == "nation"
    # with enough staff peers from enough employers, no widening
    rows += [dict(r, posting_id=f"st{i}", employer=f"U{i}") for i, r in
             enumerate(_peers("z", 5, level="staff", start=250_000))]
    out = benchmark_posting(bands_frame(rows + [_band("me", 250_000, 300_000, level="staff")]),
                            posting_id="me").iloc[0]
    assert (out["level_basis"], out["peer_levels"], out["n_peers"]) == ("stated", "staff", 8)


# --- location: widened peers at the posting's metro's pay -------------------------------------

def _metro_market():
    """A planted market where San Francisco pays exactly 1.25x San Jose for the same job.

    Six employers post software engineers in both metros (same level, SF = 1.25 x SJ); research
    scientists: 3 in San Jose (too few: the benchmark widens to the state) and 12 in San
    Francisco, each spread x 0.9, x 1, x 1/0.9 around 200k (SJ) and 250k (SF); two more in Los
    Angeles from one employer, whose metro has too few employers for an index.
    """
    rows = []
    for e in range(6):
        for i, pay in enumerate((150_000, 170_000)):
            for metro, factor in ((SJ, 1.0), (SF, 1.25)):
                mid = pay * factor * (1 + e / 20)
                rows.append(_band(f"swe-{e}-{i}-{factor}", mid * 0.9, mid * 1.1, metro=metro,
                                  employer=f"E{e}", role_family="software engineer",
                                  level="senior"))
    spread = (0.9, 1.0, 1 / 0.9)
    for i, s in enumerate(spread):
        rows.append(_band(f"rs-sj{i}", 180_000 * s, 220_000 * s, employer=f"E{i}",
                          level="senior"))
    for i in range(12):
        s = spread[i % 3] * 1.25
        rows.append(_band(f"rs-sf{i}", 180_000 * s, 220_000 * s, metro=SF,
                          employer=f"E{i % 6}", level="senior"))
    for i in range(2):
        rows.append(_band(f"rs-la{i}", 150_000, 250_000, metro=LA, employer="Solo",
                          level="senior"))
    return rows


def test_state_widening_moves_peer_pay_to_the_postings_metro():
    bands = bands_frame(_metro_market() + [_band("me", 185_000, 225_000, level="senior",
                                                 employer="Acme")])
    # the index is read from the other postings: the posting's pay is not its own yardstick
    factors = location_factors(bands.loc[bands["posting_id"] != "me"], metro=SJ)
    assert factors[SJ] == pytest.approx(1.0) and factors[SF] == pytest.approx(1 / 1.25)
    assert LA not in factors.index  # one employer: no index
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = peer_bands(bands, posting_id="me").set_index("posting_id")
    assert out["peer_scope"] == "state" and out["location_adjusted"]
    assert out["n_peers"] == 17 and out["n_peers_unadjusted"] == 2
    sf = peers.loc[peers["metro"] == SF]
    assert sf["location_factor"].to_numpy() == pytest.approx(np.full(12, 0.8))
    for column in ("annual_min", "annual_mid", "annual_max"):
        assert sf[column].to_numpy() == pytest.approx(sf[f"posted_{column}"].to_numpy() / 1.25)
    assert peers.loc["rs-sf1", "annual_mid"] == pytest.approx(200_000)  # 250k posted in SF
    sj = peers.loc[peers["metro"] == SJ]
    assert (sj["annual_mid"] == sj["posted_annual_mid"]).all()
    assert (sj["location_factor"] == 1).all()
    la = peers.loc[peers["metro"] == LA]
    assert la["location_factor"].isna().all() and (la["annual_mid"] == 200_000).all()
    # at SJ pay the 205k posting is above 12 of 17 peers (5 at 180k, 5 at 200k, LA's two at
    # 200k); as posted, above 4 (SJ's 180k and 200k, LA's two)
    assert out["pct_mid"] == pytest.approx(100 * 12 / 17)
    assert out["peer_annual_mid_median"] == pytest.approx(200_000)
    assert percentile_of(peers["posted_annual_mid"].to_numpy(), 205_000) == pytest.approx(
        100 * 4 / 17)


def test_no_adjustment_in_the_metro_or_without_the_postings_metro_index():
    bands = bands_frame(_metro_market() + [_band("me", 180_000, 220_000, level="senior")])
    out = benchmark_posting(bands, posting_id="me", min_peers=3).iloc[0]
    assert out["peer_scope"] == "metro" and not out["location_adjusted"]
    assert out["n_peers_unadjusted"] == 0
    # a posting in a metro with no bands: its state's peers stay as posted, and are counted
    fresno = _band("me", 180_000, 220_000, level="senior", metro="Fresno, CA")
    bands = bands_frame(_metro_market() + [fresno])
    out = benchmark_posting(bands, posting_id="me").iloc[0]
    peers = peer_bands(bands, posting_id="me")
    assert out["peer_scope"] == "state" and not out["location_adjusted"]
    assert out["n_peers_unadjusted"] == out["n_peers"] == 17
    assert (peers["annual_mid"] == peers["posted_annual_mid"]).all()


def test_too_few_peer_employers_gives_no_interval_and_no_noise_claim():
    rows = _market_of(12, employers=4) + [_band("me", 150_000, 210_000)]  # at the median
    out = benchmark_posting(bands_frame(rows), posting_id="me").iloc[0]
    assert out["n_peer_employers"] == 4 and out["too_few_employers"]
    assert np.isnan(out["peer_annual_mid_median_low"])
    assert np.isnan(out["peer_annual_mid_median_high"])
    assert not out["gap_within_noise"]
    rows = _market_of(12, employers=5) + [_band("me", 150_000, 210_000)]
    out = benchmark_posting(bands_frame(rows), posting_id="me").iloc[0]
    assert out["peer_annual_mid_median"] == 180_000
    assert not out["too_few_employers"] and out["gap_within_noise"]


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
    for column in ("annual_min", "annual_mid", "annual_max"):  # Hazen, as band_summary
        for name, q in (("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75),
                        ("p90", 0.9)):
            assert out[f"peer_{column}_{name}"] == pytest.approx(
                np.quantile(peers[column], q, method="hazen"))
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
