"""Geo pay zones on planted markets: known metro multipliers come back as indices and zones."""

import io

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis import cli
from analysis.analyses.zones import ZONE_COLUMNS, ZONE_TABLE_COLUMNS, pay_zones, zone_table
from analysis.config import REFERENCE_METRO, ZONE_MIN_POSTINGS
from analysis.errors import UnknownChoiceError

SUNNYVALE = REFERENCE_METRO
# metro -> pay multiplier against Sunnyvale: four tiers, two metros each, 10 points apart.
TIERS = {
    SUNNYVALE: 1.00,
    "San Francisco-Oakland-Fremont, CA": 1.00,
    "Seattle-Tacoma-Bellevue, WA": 0.90,
    "New York-Newark-Jersey City, NY-NJ": 0.90,
    "Boston-Cambridge-Newton, MA-NH": 0.80,
    "Los Angeles-Long Beach-Anaheim, CA": 0.80,
    "Austin-Round Rock-San Marcos, TX": 0.70,
    "Chicago-Naperville-Elgin, IL-IN": 0.70,
}
THIN = "Boise City, ID"  # 2 postings from 2 employers
FEW_EMPLOYERS = "Denver-Aurora-Centennial, CO"  # 60 postings from 3 employers
LEVELS = {"entry": 1.0, "mid": 1.3, "senior": 1.7}
FAMILIES = {"software engineer": 1.0, "data scientist": 0.95, "product manager": 1.05}


def planted_zone_market(
    multipliers: dict[str, float],
    *,
    seed: int = 17,
    employers: int = 10,
    per_employer: int = 30,
    noise: float = 0.08,
    employer_sd: float = 0.10,
    base: float = 120_000.0,
    extra: dict[str, tuple[int, int]] | None = None,
) -> pd.DataFrame:
    """National employers (each with its own log pay premium, sd `employer_sd`) post
    `per_employer` jobs in every metro of `multipliers`; a job pays base x metro x level x role x
    employer premium x lognormal(0, `noise`). Level and role are drawn at random, differently in
    each metro, so raw medians carry mix the index must adjust away. `extra`: {metro: (postings,
    employers)} at multiplier 1, the thin metros. Only the columns the analyses read."""
    rng = np.random.default_rng(seed)
    premium = rng.normal(0, employer_sd, size=employers)
    plan = [(metro, factor, employers, per_employer) for metro, factor in multipliers.items()]
    plan += [(metro, 1.0, k, -n) for metro, (n, k) in (extra or {}).items()]
    rows = []
    for metro, factor, n_employers, count in plan:
        # a negative count is a metro's total postings, spread over its employers in turn
        jobs = ([(e, p) for e in range(n_employers) for p in range(count)] if count > 0 else
                [(i % n_employers, i) for i in range(-count)])
        for employer, p in jobs:
            level = rng.choice(list(LEVELS))
            family = rng.choice(list(FAMILIES))
            mid = (base * factor * LEVELS[level] * FAMILIES[family] * np.exp(premium[employer])
                   * rng.lognormal(0, noise))
            rows.append((f"{metro[:12]}-{employer}-{p}", f"Employer {employer}", metro, level,
                         family, mid * 0.85, mid, mid * 1.15))
    bands = pd.DataFrame(rows, columns=["posting_id", "employer", "metro", "level",
                                        "role_family", "annual_min", "annual_mid", "annual_max"])
    return bands.assign(band=0, has_pay=True, currency="USD", country="US")


@pytest.fixture(scope="module")
def market():
    return planted_zone_market(TIERS, extra={THIN: (2, 2), FEW_EMPLOYERS: (60, 3)})


@pytest.fixture(scope="module")
def zones(market):
    return pay_zones(market)


def test_planted_multipliers_come_back_as_indices_within_three_points(zones):
    found = zones.set_index("metro")["index"]
    for metro, factor in TIERS.items():
        assert found[metro] == pytest.approx(100 * factor, abs=3), metro


def test_every_zoned_metro_but_the_reference_has_its_interval_around_its_index(zones):
    zoned = zones.loc[zones["zoned"]]
    others, reference = zoned.loc[~zoned["is_reference"]], zoned.loc[zoned["is_reference"]]
    assert ((others["index_low"] < others["index"]) & (others["index"] < others["index_high"])
            ).all()
    assert reference["index"].item() == 100 and reference["index_low"].isna().all()


def test_zones_follow_the_planted_tiers(zones):
    zone = zones.set_index("metro")["zone"]
    tier_zone = {factor: {int(zone[m]) for m, f in TIERS.items() if f == factor}
                 for factor in set(TIERS.values())}
    # equal multipliers share a zone; distinct tiers 10 points apart get their own, in order
    assert all(len(found) == 1 for found in tier_zone.values())
    assert [tier_zone[f].pop() for f in (1.0, 0.9, 0.8, 0.7)] == [1, 2, 3, 4]


def test_zone_one_pays_the_most_and_no_zone_interleaves_another(zones):
    zoned = zones.loc[zones["zoned"]]
    by_zone = zoned.groupby("zone")["index"].agg(["min", "max"]).sort_index()
    assert (by_zone["min"].iloc[:-1].to_numpy() > by_zone["max"].iloc[1:].to_numpy()).all()
    assert zoned.loc[zoned["is_reference"], "zone"].item() == 1


def test_thin_metros_are_listed_unzoned_with_their_reason(zones):
    unzoned = zones.loc[~zones["zoned"]].set_index("metro")
    assert set(unzoned.index) == {THIN, FEW_EMPLOYERS}
    assert unzoned["zone"].isna().all()
    assert f"fewer than {ZONE_MIN_POSTINGS} postings" in unzoned.loc[THIN, "reason"]
    assert "fewer than 5 employers" in unzoned.loc[THIN, "reason"]
    assert unzoned.loc[FEW_EMPLOYERS, "reason"] == "fewer than 5 employers"
    assert unzoned.loc[THIN, "postings"] == 2 and unzoned.loc[FEW_EMPLOYERS, "employers"] == 3
    assert zones.loc[zones["zoned"], "reason"].isna().all()


def test_the_frame_has_the_contract_columns_and_zoned_rows_first(zones):
    assert list(zones.columns) == ZONE_COLUMNS
    assert str(zones["zone"].dtype) == "Int64"
    assert zones["zoned"].tolist() == sorted(zones["zoned"].tolist(), reverse=True)
    assert zones["postings"].sum() == 8 * 300 + 2 + 60
    assert zones.attrs["zone_step"] == 5.0 and zones.attrs["reference"] == SUNNYVALE
    assert zones.attrs["min_postings"] == ZONE_MIN_POSTINGS


def test_a_flat_market_is_one_zone():
    flat = planted_zone_market({metro: 1.0 for metro in TIERS}, seed=3)
    zones = pay_zones(flat)
    assert zones["zoned"].all() and set(zones["zone"]) == {1}
    assert zones["index"].between(96, 104).all()


def test_tiers_closer_than_the_step_are_not_split():
    # 100 / 97 / 94: every neighbour within 5 points of the zone's top or overlapping it, except
    # the 94s against 100 (6 points, intervals apart): two zones, never one per tier
    close = {metro: f for metro, f in zip(TIERS, [1.0, 1.0, 0.97, 0.97, 0.94, 0.94, 0.94, 0.94],
                                          strict=True)}
    zones = pay_zones(planted_zone_market(close, seed=4, noise=0.04, employer_sd=0.05))
    zone = zones.set_index("metro")["zone"]
    assert zone.max() <= 2
    assert len({zone[m] for m, f in close.items() if f == 0.94}) == 1


def test_a_larger_step_merges_tiers_and_max_zones_caps_them(market):
    wide = pay_zones(market, min_step=15.0)
    zone = wide.set_index("metro")["zone"]
    # 100 | 90 within 15 of 100 | 80, 70: tops more than 15 apart
    assert zone[SUNNYVALE] == zone["Seattle-Tacoma-Bellevue, WA"] == 1
    assert zone["Boston-Cambridge-Newton, MA-NH"] == zone["Austin-Round Rock-San Marcos, TX"] == 2
    capped = pay_zones(market, max_zones=2)
    assert capped["zone"].max() == 2 and capped.attrs["zone_step"] > 5.0
    ordered = capped.loc[capped["zoned"]].sort_values("index", ascending=False)["zone"]
    assert ordered.is_monotonic_increasing
    assert pay_zones(market, max_zones=1)["zone"].dropna().unique().tolist() == [1]


def test_wide_intervals_keep_metros_together():
    # two employers per metro: the intervals are wide (or absent), so nothing is zoned apart
    noisy = planted_zone_market({SUNNYVALE: 1.0, "Austin-Round Rock-San Marcos, TX": 0.9},
                                seed=8, employers=5, per_employer=4, noise=0.3,
                                employer_sd=0.3)
    zones = pay_zones(noisy)
    assert zones.loc[zones["zoned"], "zone"].nunique() <= 1


def test_the_reference_can_be_any_metro_and_indices_rescale(market):
    austin = "Austin-Round Rock-San Marcos, TX"
    zones = pay_zones(market, reference=austin).set_index("metro")
    assert zones.loc[austin, "index"] == 100 and zones.loc[austin, "zone"] == 4
    assert zones.loc[SUNNYVALE, "index"] == pytest.approx(100 / 0.7, abs=5)


def test_input_is_not_modified(market):
    before = market.copy()
    pay_zones(market)
    pd.testing.assert_frame_equal(market, before)


def test_bad_options_and_an_unknown_reference_raise(market):
    with pytest.raises(ValueError, match="max_zones"):
        pay_zones(market, max_zones=0)
    with pytest.raises(ValueError, match="min_step"):
        pay_zones(market, min_step=-1)
    with pytest.raises(UnknownChoiceError, match="did you mean 'Austin-Round Rock-San Marcos"):
        pay_zones(market, reference="Austin-Round Rock, TX")


def test_zone_table_summarizes_each_zone(zones):
    table = zone_table(zones)
    assert list(table.columns) == ZONE_TABLE_COLUMNS
    assert table["zone"].tolist() == [1, 2, 3, 4]
    assert table["n_metros"].tolist() == [2, 2, 2, 2]
    assert table["has_reference"].tolist() == [True, False, False, False]
    assert table["median_index"].round(-1).tolist() == [100, 90, 80, 70]
    assert table["postings"].sum() == 8 * 300
    assert zone_table(zones.loc[~zones["zoned"]]).empty


def _run_cli(path, capsys, *args):
    code = cli.main(["zones", str(path), "--quiet", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_zones_as_csv(market, tmp_path, capsys):
    path = tmp_path / "bands.parquet"
    market.to_parquet(path)
    code, out, _ = _run_cli(path, capsys)
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert {"metro", "index", "index_low", "index_high", "zone", "postings",
            "employers"} <= set(table.columns)
    zone = table.set_index("metro")["zone"]
    assert zone[SUNNYVALE] == 1 and zone["Chicago-Naperville-Elgin, IL-IN"] == 4
    assert np.isnan(zone[THIN])
    code, out, _ = _run_cli(path, capsys, "--min-step", "15", "--max-zones", "3")
    assert code == 0 and pd.read_csv(io.StringIO(out))["zone"].max() == 2
    code, out, _ = _run_cli(path, capsys, "--min-postings", "1000")
    table = pd.read_csv(io.StringIO(out))
    assert code == 0 and table["zone"].isna().all()
    assert (table["reason"].str.startswith("fewer than 1,000 postings")).all()


def test_cli_unknown_reference_is_a_usage_error_naming_the_closest(market, tmp_path, capsys):
    path = tmp_path / "bands.parquet"
    market.to_parquet(path)
    code, out, err = _run_cli(path, capsys, "--reference", "Austin-Round Rock, TX")
    assert code == 2 and out == ""
    assert "did you mean 'Austin-Round Rock-San Marcos, TX'" in err
    code, _, err = _run_cli(path, capsys, "--max-zones", "0")
    assert code == 2 and "--max-zones" in err


def test_cli_zones_the_embedded_sample(capsys):
    assert cli.main(["zones", "--quiet"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    zoned = table.loc[table["zoned"]]
    assert table.loc[table["is_reference"], "metro"].tolist() == [SUNNYVALE]
    assert zoned.loc[zoned["is_reference"], "zone"].item() == 1
    assert 2 <= zoned["zone"].nunique() <= 6
    # zones follow the ranking: every zone's lowest index is above the next zone's highest
    spans = zoned.groupby("zone")["index"].agg(["min", "max"]).sort_index()
    assert (spans["min"].to_numpy()[:-1] > spans["max"].to_numpy()[1:]).all()


def test_a_board_that_names_no_metro_has_no_zones_and_says_why():
    from analysis.errors import EmptyFilterWarning
    from analysis.findings.zones import zones_text

    bands = bands_frame([band_row(posting_id=f"p{i}", employer=f"E{i}", metro=None)
                         for i in range(12)])
    with pytest.warns(EmptyFilterWarning, match="no closed USD band names a US metro"):
        zones = pay_zones(bands)
    assert zones.empty and list(zones.columns) == ZONE_COLUMNS
    assert zones.attrs["min_step"] == 5.0 and zones.attrs["reference"]
    text = zones_text(zones, reference="San Jose-Sunnyvale-Santa Clara, CA", currency="USD",
                      snapshot="s")
    assert text.title.startswith("No metro") and len(text.findings) == 1
