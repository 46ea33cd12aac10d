"""Compa-ratio: an employer's postings against its peers, checked against a planted market and a
plain pandas computation of the same peers."""

import numpy as np
import pandas as pd
import pytest
from compa_market import (
    ACME_PREMIUM,
    AUSTIN,
    SEATTLE,
    SJ,
    ZONES,
    cell_pay,
    planted_compa_market,
    posting,
    premium_market,
)
from factories import bands_frame
from scipy.stats import percentileofscore

from analysis.analyses.compa import (
    MARKET_POSITIONS,
    STATUSES,
    compa_with_summary,
    employer_positions,
    employer_summary,
)
from analysis.errors import UnknownChoiceError


@pytest.fixture(scope="module")
def bands():
    return planted_compa_market()


@pytest.fixture(scope="module")
def acme(bands):
    return compa_with_summary(bands, employer="Acme")


def _row(positions, posting_id, band=0):
    return positions.set_index(["posting_id", "band"]).loc[(posting_id, band)]


def test_acme_reads_ten_percent_above_its_peers_in_every_cell(acme):
    positions, _ = acme
    placed = positions.loc[positions["status"] == "ok"]
    assert len(placed) == 26  # 2 in each of 12 cells, and acme-two's two bands
    assert placed["compa_ratio"].sub(ACME_PREMIUM).abs().max() < 0.03
    assert set(placed["market_position"]) == {"above market"}
    # peers: ten employers' two postings and Parco's one, never Acme's own
    assert placed["n_peers"].eq(21).all() and placed["n_peer_employers"].eq(11).all()
    assert (placed["compa_ratio_low"] < placed["compa_ratio"]).all()
    assert (placed["compa_ratio"] < placed["compa_ratio_high"]).all()


def test_an_employer_at_par_reads_one(bands):
    positions = employer_positions(bands, employer="Parco")
    assert len(positions) == 12 and positions["status"].eq("ok").all()
    assert positions["compa_ratio"].sub(1.0).abs().max() < 0.03
    assert positions["market_position"].value_counts().idxmax() == "at market"


def test_the_peers_are_a_plain_groupby_of_the_other_employers_postings(bands, acme):
    positions, _ = acme
    others = bands.loc[bands["employer"] != "Acme"].assign(level=bands["level"].astype(object))
    for row in positions.loc[positions["status"] == "ok"].itertuples():
        same = others.loc[(others["role_family"] == row.role_family)
                          & (others["level"] == row.level) & (others["metro"] == row.metro)]
        mids = same["annual_mid"].to_numpy()
        assert row.peer_annual_mid_median == pytest.approx(np.median(mids))
        assert row.peer_annual_mid_p25 == pytest.approx(np.percentile(mids, 25, method="hazen"))
        assert row.peer_annual_mid_p75 == pytest.approx(np.percentile(mids, 75, method="hazen"))
        assert row.compa_ratio == pytest.approx(row.annual_mid / np.median(mids))
        assert row.peer_percentile == pytest.approx(
            percentileofscore(mids, row.annual_mid, kind="mean"))
        assert row.position_in_range == pytest.approx(
            (np.median(mids) - row.annual_min) / (row.annual_max - row.annual_min))
        assert row.peer_group == f"{row.role_family}, {row.level}, in {row.metro}"


def test_postings_that_cannot_be_placed_say_why(acme):
    positions, _ = acme
    assert set(positions["status"]) <= set(STATUSES)
    why = positions.set_index("posting_id")["status"]
    assert why["acme-nopay"] == "no pay"
    assert why["acme-eur"] == "other currency"
    assert why["acme-nolevel"] == "no level"
    thin = _row(positions, "acme-thin")
    assert thin["status"] == "too few peers"
    assert (thin["n_peers"], thin["n_peer_employers"]) == (3, 3)  # says how few
    unplaced = positions.loc[positions["status"] != "ok"]
    assert unplaced[["compa_ratio", "peer_annual_mid_median", "position_in_range",
                     "peer_percentile"]].isna().all().all()
    assert unplaced["market_position"].isna().all()


def test_a_posting_placed_in_two_metros_has_a_row_for_each(acme):
    positions, summary = acme
    two = positions.loc[positions["posting_id"] == "acme-two"]
    assert two["metro"].tolist() == [SJ, AUSTIN]
    assert two["compa_ratio"].sub(ACME_PREMIUM).abs().max() < 0.03
    assert summary["placed"].item() == 25  # postings, acme-two once


def test_the_summary_interval_covers_the_planted_premium(acme):
    _, summary = acme
    row = summary.iloc[0]
    assert (row["employer"], row["peer_scope"], row["currency"]) == ("Acme", "metro", "USD")
    assert (row["postings"], row["placed"], row["peer_groups"]) == (29, 25, 12)
    assert row["median_compa_ratio"] == pytest.approx(ACME_PREMIUM, abs=0.03)
    assert row["median_compa_ratio_low"] <= ACME_PREMIUM <= row["median_compa_ratio_high"]
    assert row["median_compa_ratio_high"] < 1.0 + 0.2  # informative, not everything
    assert (row["share_below"], row["share_at"], row["share_above"]) == (0, 0, 1)
    assert row["not_placed"] == "1 no pay, 1 other currency, 1 no level, 1 too few peers"


def test_the_summary_of_an_employer_at_par_covers_one(bands):
    row = employer_summary(bands, employer="Parco").iloc[0]
    assert row["median_compa_ratio_low"] <= 1.0 <= row["median_compa_ratio_high"]
    assert row["median_compa_ratio_high"] < ACME_PREMIUM
    assert row["not_placed"] == ""


def test_employer_summary_is_the_summary_compa_with_summary_gives(bands, acme):
    pd.testing.assert_frame_equal(employer_summary(bands, employer="acme"), acme[1])
    pd.testing.assert_frame_equal(employer_positions(bands, employer="acme"), acme[0])


def _weighting_market():
    """Peers at 100k in three metros; Acme's posting "wide" has three bands at 80k (one in each
    metro), its postings "b" and "c" one band each at 120k."""
    rows = [posting(f"p{e}-{m}", f"E{e}", "software engineer", "senior", metro,
                    100_000 * (1 + (e - 3) / 100))
            for e in range(7) for m, metro in enumerate((SJ, AUSTIN, SEATTLE))]
    rows += [posting("wide", "Acme", "software engineer", "senior", metro, 80_000, band=b)
             for b, metro in enumerate((SJ, AUSTIN, SEATTLE))]
    rows += [posting(pid, "Acme", "software engineer", "senior", SJ, 120_000) for pid in "bc"]
    return bands_frame(rows)


def test_a_posting_with_several_bands_counts_once_in_the_summary():
    row = employer_summary(_weighting_market(), employer="Acme").iloc[0]
    # by bands the median would be 0.8 (three of five); by postings, two of three are at 1.2
    assert row["median_compa_ratio"] == pytest.approx(1.2)
    assert row["share_above"] == pytest.approx(2 / 3) and row["share_below"] == pytest.approx(1 / 3)
    assert np.isnan(row["median_compa_ratio_low"])  # three postings placed: no interval


def test_zones_pool_the_metros_of_a_zone(bands):
    positions, summary = compa_with_summary(bands, employer="Acme", zones=ZONES)
    assert summary["peer_scope"].item() == "zone"  # zones given: zone peers by default
    thin = _row(positions, "acme-thin")
    assert thin["zone"] == "zone 1" and thin["status"] == "ok"
    assert (thin["n_peers"], thin["n_peer_employers"]) == (6, 6)  # Sunnyvale's 3 + Seattle's 3
    assert thin["peer_group"] == "software engineer, staff, in zone 1"
    others = bands.loc[(bands["employer"] != "Acme") & (bands["role_family"] == "software engineer")
                       & (bands["level"].astype(object) == "staff")
                       & bands["metro"].isin([SJ, SEATTLE])]
    assert thin["compa_ratio"] == pytest.approx(thin["annual_mid"]
                                                / others["annual_mid"].median())
    austin = positions.loc[(positions["zone"] == "zone 2") & (positions["status"] == "ok")]
    assert austin["n_peers"].eq(21).all()  # a zone of one metro is that metro


def test_metro_peers_can_be_asked_for_with_zones_given(bands):
    positions = employer_positions(bands, employer="Acme", zones=ZONES, peers="metro")
    assert "zone" in positions and _row(positions, "acme-thin")["status"] == "too few peers"


def test_a_metro_outside_the_zones_is_not_placed(bands):
    positions = employer_positions(bands, employer="Acme", zones=ZONES.iloc[:2])  # no Austin
    austin = positions.loc[(positions["metro"] == AUSTIN) & positions["currency"].eq("USD")
                           & positions["level"].notna()]
    assert set(austin["status"]) == {"no zone"}
    assert positions.loc[positions["metro"] == SJ, "status"].isin(["ok"]).any()


def test_bad_zone_requests_are_clear_errors(bands):
    with pytest.raises(ValueError, match="needs a zones table"):
        employer_positions(bands, employer="Acme", peers="zone")
    clash = pd.concat([ZONES, pd.DataFrame({"metro": [SJ], "zone": ["zone 3"]})])
    with pytest.raises(ValueError, match="2 zones"):
        employer_positions(bands, employer="Acme", zones=clash)
    with pytest.raises(UnknownChoiceError, match="did you mean 'zone'"):
        employer_positions(bands, employer="Acme", zones=ZONES, peers="zones")
    with pytest.raises(UnknownChoiceError, match="zone"):
        employer_positions(bands, employer="Acme", zones=ZONES.rename(columns={"zone": "z"}))


def test_the_employer_is_matched_ignoring_case(bands, acme):
    upper = employer_positions(bands, employer="  ACME ")
    assert upper["posting_id"].tolist() == acme[0]["posting_id"].tolist()


def test_an_unknown_employer_names_the_closest(bands):
    with pytest.raises(UnknownChoiceError, match="did you mean 'Acme'"):
        employer_positions(bands, employer="Acmee")


def test_the_input_is_not_modified(bands):
    before = bands.copy()
    employer_positions(bands, employer="Acme", zones=ZONES)
    pd.testing.assert_frame_equal(bands, before)


def test_a_single_figure_has_a_ratio_but_no_position_in_range():
    rows = [posting(f"p{e}", f"E{e}", "data scientist", "mid", AUSTIN, 100_000 + 1000 * e)
            for e in range(5)]
    single = posting("me", "Acme", "data scientist", "mid", AUSTIN, 0)
    single.update(annual_min=110_000.0, annual_mid=110_000.0, annual_max=110_000.0,
                  pay_min=110_000.0, pay_max=110_000.0)
    row = employer_positions(bands_frame([*rows, single]), employer="Acme").iloc[0]
    assert row["compa_ratio"] == pytest.approx(110 / 102)
    assert np.isnan(row["position_in_range"]) and row["peer_percentile"] == 100


def test_the_peer_minimums_are_options(bands):
    loose = employer_positions(bands, employer="Acme", min_peers=3, min_peer_employers=3)
    assert _row(loose, "acme-thin")["status"] == "ok"
    strict = employer_positions(bands, employer="Acme", min_peer_employers=12)
    assert strict["status"].isin(["too few peers", "no pay", "other currency", "no level"]).all()


def test_market_position_uses_the_tolerance(acme):
    positions, _ = acme
    placed = positions.loc[positions["status"] == "ok"]
    expected = np.where(placed["compa_ratio"] > 1.05, MARKET_POSITIONS[2],
                        np.where(placed["compa_ratio"] < 0.95, MARKET_POSITIONS[0],
                                 MARKET_POSITIONS[1]))
    assert placed["market_position"].tolist() == expected.tolist()


def test_the_summary_reruns_to_the_same_interval(bands, acme):
    again = employer_summary(bands, employer="Acme")
    pd.testing.assert_frame_equal(again, acme[1])


def test_cell_pay_is_what_the_market_plants():
    assert cell_pay("software engineer", "senior", SJ) == pytest.approx(100_000 * 1.7 * 1.25)


@pytest.mark.slow
def test_the_summary_interval_covers_the_planted_premium_about_95_percent_of_the_time():
    # ten peer employers set every cell's pay: their premiums move all twelve peer medians
    # together, which resampling Acme's postings alone misses (it covered about 80 %)
    hits = 0
    seeds = range(200)
    for seed in seeds:
        row = employer_summary(premium_market(seed), employer="Acme", n_boot=400,
                               seed=seed).iloc[0]
        hits += row["median_compa_ratio_low"] <= ACME_PREMIUM <= row["median_compa_ratio_high"]
    assert 0.90 <= hits / len(seeds) <= 0.98
