"""Range builder against planted markets whose level multipliers are known, and the command."""

import io
import sys
import types

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame, peer_band

from analysis.analyses.ranges import (
    DEFAULT_SPREADS,
    MARKET_COLUMNS,
    MAX_MARKET_SPREAD,
    STRUCTURE_COLUMNS,
    market_by_level,
    salary_structure,
    zone_metros,
)
from analysis.cli import main
from analysis.errors import EmptyFilterWarning, UnknownChoiceError

SEA = "Seattle-Tacoma-Bellevue, WA"
AUS = "Austin-Round Rock-San Marcos, TX"
# The planted ladder: each level's pay as a multiple of entry's. Steps 15%, 17.4%, 18.5%, 18.75%.
MULTIPLIERS = {"entry": 1.00, "mid": 1.15, "senior": 1.35, "staff": 1.60, "principal": 1.90}
BASE = 120_000.0
METRO_FACTORS = {SEA: 1.0, AUS: 0.8}


def planted_market(seed: int, *, thin: str | None = None, employers: int = 10,
                   per_employer: int = 6, metros: dict[str, float] | None = None,
                   role_family: str = "data scientist") -> pd.DataFrame:
    """Bands of a market where level L pays BASE × MULTIPLIERS[L] × the metro's factor, times
    each employer's own premium (log sd 0.05, shared by its postings) and posting noise (log sd
    0.08). Every level has `employers` × `per_employer` postings per metro, except `thin`: 3
    postings from 3 employers."""
    rng = np.random.default_rng(seed)
    effects = rng.normal(0, 0.05, employers)
    rows = []
    for metro, factor in (metros or {SEA: 1.0}).items():
        for level, multiple in MULTIPLIERS.items():
            count = 3 if level == thin else employers * per_employer
            for k in range(count):
                employer = k % employers
                mid = BASE * multiple * factor * np.exp(effects[employer] + rng.normal(0, 0.08))
                low, high = round(mid * 0.85), round(mid * 1.15)
                rows.append(band_row(
                    posting_id=f"{metro[:3]}-{level}-{k}", employer=f"E{employer}",
                    role_family=role_family, level=level, track="ic", metro=metro,
                    pay_min=float(low), pay_max=float(high), annual_min=float(low),
                    annual_max=float(high), annual_mid=(low + high) / 2))
    return bands_frame(rows)


def planted_steps() -> np.ndarray:
    multiples = np.array(list(MULTIPLIERS.values()))
    return multiples[1:] / multiples[:-1]


# --- market_by_level -------------------------------------------------------------------------


def test_market_is_one_row_per_level_in_ladder_order_with_plain_percentiles():
    bands = planted_market(0)
    before = bands.copy()
    market = market_by_level(bands, role_family="data scientist")
    pd.testing.assert_frame_equal(bands, before)
    assert market.columns.tolist() == MARKET_COLUMNS
    assert market["level"].tolist() == list(MULTIPLIERS)
    assert market["n_postings"].tolist() == [60] * 5 and market["n_employers"].tolist() == [10] * 5
    # One band per posting here, so posting-weighted percentiles are numpy's Hazen percentiles.
    for row in market.itertuples():
        mids = bands.loc[bands["level"] == row.level, "annual_mid"].to_numpy(float)
        expected = np.percentile(mids, [10, 25, 50, 75, 90], method="hazen")
        assert [row.p10, row.p25, row.p50, row.p75, row.p90] == pytest.approx(expected)


def test_a_posting_with_several_bands_at_a_level_counts_once():
    rows = [peer_band("multi", 100e3, 140e3, band=b, employer="E0", role_family="data scientist",
                      level="senior", metro=metro) for b, metro in enumerate([SEA, AUS])]
    rows += [peer_band(f"p{i}", 200e3, 240e3, employer=f"E{i}", role_family="data scientist",
                       level="senior", metro=SEA) for i in range(1, 3)]
    market = market_by_level(bands_frame(rows), role_family="data scientist")
    assert market["n_postings"].tolist() == [3] and market["n_employers"].tolist() == [3]
    # Points 120k (weight 1, not 2), 220k, 220k: the median is 220k.
    assert market["p50"].iloc[0] == pytest.approx(220e3)


def test_metros_price_only_their_bands():
    bands = planted_market(1, metros=METRO_FACTORS)
    seattle = market_by_level(bands, role_family="data scientist", metros=[SEA])
    austin = market_by_level(bands, role_family="data scientist", metros=[AUS])
    pooled = market_by_level(bands, role_family="data scientist", metros=[SEA, AUS])
    everywhere = market_by_level(bands, role_family="data scientist")
    assert seattle["n_postings"].tolist() == austin["n_postings"].tolist() == [60] * 5
    assert pooled["n_postings"].tolist() == [120] * 5
    pd.testing.assert_frame_equal(pooled, everywhere)
    # Austin pays 0.8 × Seattle at every level, within the noise of 60 postings.
    ratio = austin["p50"] / seattle["p50"]
    assert ratio.to_numpy() == pytest.approx(np.full(5, 0.8), rel=0.06)
    # Pooled as posted: the pooled median sits between the two metros'.
    assert ((pooled["p50"] > austin["p50"]) & (pooled["p50"] < seattle["p50"])).all()
    # A bare string is one metro.
    pd.testing.assert_frame_equal(
        market_by_level(bands, role_family="data scientist", metros=SEA), seattle)


def test_unknown_role_family_metro_and_track_name_the_closest():
    bands = planted_market(0)
    with pytest.raises(UnknownChoiceError, match="did you mean 'data scientist'"):
        market_by_level(bands, role_family="data scienist")
    with pytest.raises(UnknownChoiceError, match="did you mean 'Seattle-Tacoma-Bellevue, WA'"):
        market_by_level(bands, role_family="data scientist", metros=["Seattle, WA"])
    with pytest.raises(UnknownChoiceError, match="did you mean 'ic'"):
        market_by_level(bands, role_family="data scientist", track="IC")
    with pytest.raises(ValueError, match="metros is empty"):
        market_by_level(bands, role_family="data scientist", metros=[])


def test_a_filter_that_leaves_nothing_warns_and_gives_empty_tables():
    bands = planted_market(0)
    with pytest.warns(EmptyFilterWarning, match="currency == 'EUR'"):
        market = market_by_level(bands, role_family="data scientist", currency="EUR")
    assert market.empty and market.columns.tolist() == MARKET_COLUMNS
    structure = salary_structure(market)
    assert structure.empty and structure.columns.tolist() == STRUCTURE_COLUMNS
    with pytest.warns(EmptyFilterWarning, match="keeping management bands"):
        assert market_by_level(bands, role_family="data scientist", track="management").empty


def test_the_management_ladder_prices_management_levels_only():
    rows = [peer_band(f"{level}{i}", mid * 0.9, mid * 1.1, employer=f"E{i}", level=level,
                      track=track, role_family="data scientist")
            for level, track, mid in [("senior", "ic", 150e3), ("manager", "management", 180e3),
                                      ("director", "management", 240e3)]
            for i in range(6)]
    market = market_by_level(bands_frame(rows), role_family="data scientist", track="management")
    assert market["level"].tolist() == ["manager", "director"]
    assert market["p50"].tolist() == pytest.approx([180e3, 240e3])


# --- salary_structure ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_midpoints_step_as_the_planted_multipliers_within_6_percent(seed):
    structure = salary_structure(market_by_level(planted_market(seed),
                                                 role_family="data scientist"))
    assert structure.columns.tolist() == STRUCTURE_COLUMNS
    assert structure["level"].tolist() == list(MULTIPLIERS)
    assert not structure["smoothed"].any()
    steps = 1 + structure["midpoint_progression"].to_numpy()
    assert np.isnan(steps[0])
    assert steps[1:] == pytest.approx(planted_steps(), rel=0.06)
    # The whole ladder, too: each midpoint over entry's is the planted multiplier.
    relative = structure["range_mid"] / structure["range_mid"].iloc[0]
    assert relative.to_numpy() == pytest.approx(list(MULTIPLIERS.values()), rel=0.06)
    # Well-populated levels keep their market median.
    assert structure["range_mid"].tolist() == structure["market_p50"].tolist()


@pytest.mark.parametrize("thin", ["staff", "principal", "entry"])
@pytest.mark.parametrize("seed", range(3))
def test_a_thin_level_takes_the_ladder_fit_within_8_percent_of_the_planted_pay(thin, seed):
    market = market_by_level(planted_market(seed, thin=thin), role_family="data scientist")
    structure = salary_structure(market).set_index("level")
    assert structure.loc[thin, "n_postings"] == 3
    assert structure["smoothed"].to_dict() == {level: level == thin for level in MULTIPLIERS}
    truth = BASE * MULTIPLIERS[thin]
    assert structure.loc[thin, "range_mid"] == pytest.approx(truth, rel=0.08)
    assert structure.loc[thin, "range_mid"] == structure.loc[thin, "fitted_mid"]
    assert structure.loc[thin, "market_p50"] == market.set_index("level").loc[thin, "p50"]
    others = structure.drop(index=thin)
    assert others["range_mid"].tolist() == others["market_p50"].tolist()
    # The progression is read off the proposed midpoints.
    mids = structure["range_mid"].to_numpy()
    assert structure["midpoint_progression"].to_numpy()[1:] == pytest.approx(mids[1:] / mids[:-1]
                                                                             - 1)


def _market(p50, n, employers, p25=None, p75=None, levels=None):
    levels = levels or list(MULTIPLIERS)[:len(p50)]
    return pd.DataFrame({"level": levels, "n_postings": n, "n_employers": employers,
                         "p10": np.nan, "p25": p25 if p25 is not None else np.nan,
                         "p50": p50, "p75": p75 if p75 is not None else np.nan,
                         "p90": np.nan})


def test_the_fit_is_log_linear_over_readable_levels_weighted_by_postings():
    # entry and senior readable (rungs 0 and 2), mid thin: mid's fitted midpoint is their
    # geometric mean, whatever its own postings say.
    market = _market([100e3, 999e3, 144e3], [40, 3, 40], [9, 2, 9])
    structure = salary_structure(market)
    assert structure["range_mid"].tolist() == pytest.approx([100e3, 120e3, 144e3])
    assert structure["fitted_mid"].tolist() == pytest.approx([100e3, 120e3, 144e3])
    # Weighted: a well-populated level pulls the line more than a barely readable one.
    market = _market([100e3, 130e3, 150e3, 1e3], [100, 5, 100, 2], [9, 5, 9, 1])
    fitted = salary_structure(market)["fitted_mid"].to_numpy()
    rungs = np.arange(3)
    slope, intercept = np.polyfit(rungs, np.log([100e3, 130e3, 150e3]), 1,
                                  w=np.sqrt([100, 5, 100]))
    assert fitted == pytest.approx(np.exp(intercept + slope * np.arange(4)))


def test_the_minimums_decide_which_levels_are_thin():
    market = _market([100e3, 120e3, 150e3], [12, 12, 12], [4, 9, 9])
    assert salary_structure(market)["smoothed"].tolist() == [True, False, False]
    assert not salary_structure(market, min_employers=4)["smoothed"].any()
    assert salary_structure(market, min_postings=13)["smoothed"].tolist() == [False] * 3  # no fit


def test_without_two_readable_levels_there_is_no_fit():
    market = _market([100e3, 130e3, 150e3], [40, 3, 2], [9, 2, 2])
    structure = salary_structure(market)
    assert not structure["smoothed"].any() and structure["fitted_mid"].isna().all()
    assert structure["range_mid"].tolist() == [100e3, 130e3, 150e3]


def test_ranges_sit_around_the_midpoint_with_default_spreads_by_level():
    structure = salary_structure(market_by_level(planted_market(2),
                                                 role_family="data scientist"))
    assert structure["spread"].tolist() == [DEFAULT_SPREADS[level] for level in MULTIPLIERS]
    assert structure["spread"].tolist() == [0.4, 0.4, 0.4, 0.5, 0.5]
    assert (structure["spread_basis"] == "default").all()
    assert ((structure["range_min"] + structure["range_max"]) / 2).to_numpy() == pytest.approx(
        structure["range_mid"].to_numpy())
    spread = (structure["range_max"] - structure["range_min"]) / structure["range_min"]
    assert spread.to_numpy() == pytest.approx(structure["spread"].to_numpy())
    first = structure.iloc[0]
    assert first["range_min"] == pytest.approx(first["range_mid"] / 1.2)


def test_a_wider_market_widens_a_readable_level_up_to_the_cap():
    market = _market([100e3, 120e3, 150e3], [40, 40, 3], [9, 9, 3],
                     p25=[90e3, 80e3, 100e3], p75=[110e3, 180e3, 250e3])
    structure = salary_structure(market)
    # entry: 110/90 − 1 = 22% < 40%, the default; mid: 180/80 − 1 = 125%, capped at 80%;
    # senior: thin, its market width is not trusted.
    assert structure["spread"].tolist() == pytest.approx([0.4, MAX_MARKET_SPREAD, 0.4])
    assert structure["spread_basis"].tolist() == ["default", "market p25-p75", "default"]
    market.loc[1, "p75"] = 100e3  # 100/80 − 1 = 25%: the default is wider
    assert salary_structure(market)["spread"].iloc[1] == pytest.approx(0.4)
    market.loc[1, "p75"] = 120e3  # 120/80 − 1 = 50%
    assert salary_structure(market)["spread"].iloc[1] == pytest.approx(0.5)


def test_a_given_spread_applies_to_every_level_or_to_the_levels_named():
    market = _market([100e3, 120e3, 150e3], [40, 40, 40], [9, 9, 9])
    structure = salary_structure(market, spread=0.3)
    assert structure["spread"].tolist() == [0.3] * 3
    assert (structure["spread_basis"] == "given").all()
    structure = salary_structure(market, spread={"mid": 0.6})
    assert structure["spread"].tolist() == [0.4, 0.6, 0.4]
    assert structure["spread_basis"].tolist() == ["default", "given", "default"]
    with pytest.raises(UnknownChoiceError, match="did you mean 'senior'"):
        salary_structure(market, spread={"senoir": 0.6})


def test_salary_structure_does_not_modify_the_market():
    market = _market([100e3, 999e3, 144e3], [40, 3, 40], [9, 2, 9])
    before = market.copy()
    salary_structure(market)
    pd.testing.assert_frame_equal(market, before)


# --- zones -----------------------------------------------------------------------------------


def test_zone_metros_are_the_metros_of_one_zone():
    zones = pd.DataFrame({"metro": [SEA, AUS, "Boise City, ID"], "index": [110, 90, 88],
                          "zone": [1, 2, 2]})
    assert zone_metros(zones, 2) == ["Austin-Round Rock-San Marcos, TX", "Boise City, ID"]
    assert zone_metros(zones, "1") == [SEA]
    with pytest.raises(UnknownChoiceError, match="unknown zone '7'"):
        zone_metros(zones, 7)


# --- the command -----------------------------------------------------------------------------


@pytest.fixture
def bands_file(tmp_path):
    path = tmp_path / "bands.parquet"
    planted_market(3, thin="staff", metros=METRO_FACTORS).to_parquet(path, index=False)
    return path


def test_ranges_prints_the_structure_with_market_percentiles(bands_file, capsys):
    assert main(["ranges", str(bands_file), "--role-family", "data scientist",
                 "--metro", SEA, "--exact"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert table.columns.tolist() == STRUCTURE_COLUMNS
    assert {"market_p10", "market_p50", "market_p90"} <= set(table.columns)
    assert table["level"].tolist() == list(MULTIPLIERS)
    assert table["smoothed"].tolist() == [level == "staff" for level in MULTIPLIERS]
    assert table["n_postings"].tolist() == [60, 60, 60, 3, 60]
    expected = salary_structure(market_by_level(pd.read_parquet(bands_file),
                                                role_family="data scientist", metros=[SEA]))
    assert table["range_mid"].to_numpy() == pytest.approx(expected["range_mid"].to_numpy())


def test_ranges_unknown_role_family_is_a_usage_error_naming_the_closest(bands_file, capsys):
    assert main(["ranges", str(bands_file), "--role-family", "data scienist"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'data scientist'" in err and len(err.strip().splitlines()) == 1


def test_ranges_metro_and_zone_exclude_each_other(bands_file, capsys):
    with pytest.raises(SystemExit) as done:
        main(["ranges", str(bands_file), "--role-family", "data scientist", "--metro", SEA,
              "--zone", "1"])
    assert done.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_ranges_zone_prices_the_metros_of_that_zone(bands_file, capsys, monkeypatch):
    def pay_zones(bands, **options):
        return pd.DataFrame({"metro": [SEA, AUS], "index": [100.0, 80.0], "zone": [1, 2]})

    zones = types.ModuleType("analysis.analyses.zones")
    zones.pay_zones = pay_zones
    monkeypatch.setitem(sys.modules, "analysis.analyses.zones", zones)
    assert main(["ranges", str(bands_file), "--role-family", "data scientist", "--zone", "2",
                 "--exact"]) == 0
    zone = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main(["ranges", str(bands_file), "--role-family", "data scientist", "--metro", AUS,
                 "--exact"]) == 0
    austin = pd.read_csv(io.StringIO(capsys.readouterr().out))
    pd.testing.assert_frame_equal(zone, austin)
    assert main(["ranges", str(bands_file), "--role-family", "data scientist",
                 "--zone", "9"]) == 2
    assert "unknown zone '9'" in capsys.readouterr().err


def test_structures_by_role_family_stack_every_family_with_a_ladder():
    from analysis.analyses.ranges import structures_by_role_family
    from analysis.store import load_bands

    bands = load_bands()
    stacked = structures_by_role_family(bands)
    assert stacked.columns[0] == "role_family" and len(stacked)
    for family, structure in stacked.groupby("role_family"):
        alone = salary_structure(market_by_level(bands, role_family=family))
        pd.testing.assert_frame_equal(structure.drop(columns="role_family").reset_index(drop=True),
                                      alone.reset_index(drop=True))
        assert len(structure) >= 2
    assert structures_by_role_family(bands.iloc[0:0]).empty
