"""Posted-pay growth with the mix held fixed, against planted markets: every cell's pay grows by
a known rate while the mix of postings shifts toward senior levels and dear metros."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.growth import growth_series, posted_wage_growth
from analysis.errors import UnknownChoiceError

ROLE_PAY = {"software engineer": 150_000, "data scientist": 140_000, "recruiter": 95_000}
LEVELS = {"entry": 0.75, "mid": 1.0, "senior": 1.3, "staff": 1.6}
METROS = {  # metro: pay factor
    "Austin-Round Rock-San Marcos, TX": 0.85,
    "Atlanta-Sandy Springs-Roswell, GA": 0.80,
    "Denver-Aurora-Centennial, CO": 0.85,
    "San Francisco-Oakland-Fremont, CA": 1.35,
    "San Jose-Sunnyvale-Santa Clara, CA": 1.40,
    "New York-Newark-Jersey City, NY-NJ": 1.30,
}
DEAR = list(METROS)[3:]
# (share of each level entry..staff, share of postings in the three dear metros)
JUNIOR_CHEAP = ([0.30, 0.35, 0.25, 0.10], 0.30)
SENIOR_DEAR = ([0.15, 0.35, 0.30, 0.20], 0.50)
EMPLOYERS = 12
CELLS = ["role_family", "level", "metro"]


def market(seed, *, n=2000, factor=1.0, mix=JUNIOR_CHEAP, snapshot="2026-10-01",
           employers=EMPLOYERS, premium=None):
    """A snapshot of `n` one-band postings: pay = role x level x metro x employer premium x
    noise x `factor`; levels and metros drawn with `mix`."""
    rng = np.random.default_rng(seed)
    premium = np.exp(np.random.default_rng(99).normal(0, 0.05, employers)) \
        if premium is None else premium
    levels, dear_share = mix
    metros = np.array(list(METROS))
    is_dear = np.isin(metros, DEAR)
    metro_p = np.where(is_dear, dear_share / is_dear.sum(), (1 - dear_share) / (~is_dear).sum())
    role = rng.choice(list(ROLE_PAY), n)
    level = rng.choice(list(LEVELS), n, p=levels)
    metro = rng.choice(metros, n, p=metro_p)
    employer = rng.integers(0, employers, n)
    noise = np.exp(rng.normal(0, 0.04, n))
    rows = []
    for i in range(n):
        mid = round(float(ROLE_PAY[role[i]] * LEVELS[level[i]] * METROS[metro[i]]
                          * premium[employer[i]] * noise[i] * factor), 2)
        rows.append(_band(mid, posting_id=f"{snapshot}/{i}", snapshot=snapshot,
                          employer=f"Employer {employer[i]}", role_family=role[i],
                          level=level[i], metro=metro[i]))
    return bands_frame(rows)


def _band(mid, **overrides):
    """A yearly band of midpoint `mid`, 15% either side."""
    return band_row(annual_min=mid * 0.85, annual_max=mid * 1.15, annual_mid=mid,
                    pay_min=mid * 0.85, pay_max=mid * 1.15, **overrides)


@pytest.fixture(scope="module")
def planted():
    """+4% in every cell while the mix moves to senior levels and dear metros."""
    old = market(1)
    new = market(2, factor=1.04, mix=SENIOR_DEAR, snapshot="2026-11-01")
    return old, new


def _plain_cell_growth(old, new, *, min_postings=5):
    """The estimator by a plain pandas groupby: median midpoint per cell, cells with 5+
    postings in both, each cell's new / old - 1."""
    then = old.groupby(CELLS, observed=True)["annual_mid"].agg(["median", "size"])
    now = new.groupby(CELLS, observed=True)["annual_mid"].agg(["median", "size"])
    both = then.merge(now, left_index=True, right_index=True, suffixes=("_old", "_new"))
    both = both.loc[(both["size_old"] >= min_postings) & (both["size_new"] >= min_postings)]
    return both["median_new"] / both["median_old"] - 1


def test_planted_growth_is_found_while_the_raw_median_is_fooled_by_the_mix(planted):
    old, new = planted
    growth = posted_wage_growth(old, new)
    overall = growth.iloc[0]
    assert overall["group"] == "all" and len(growth) == 1
    assert overall["growth_pct"] == pytest.approx(0.04, abs=0.01)
    assert overall["growth_pct_low"] <= 0.04 <= overall["growth_pct_high"]
    assert overall["growth_pct_low"] > 0  # +4% is a finding, not noise
    assert overall["raw_growth_pct"] > 0.20
    assert overall["mix_effect_pct"] == pytest.approx(
        overall["raw_growth_pct"] - overall["growth_pct"])
    assert overall["mix_effect_pct"] > 0.15
    assert overall["employers"] == EMPLOYERS
    assert (overall["postings_old"], overall["postings_new"]) == (2000, 2000)


def test_growth_and_cells_agree_with_a_plain_groupby(planted):
    old, new = planted
    plain = _plain_cell_growth(old, new)
    overall = posted_wage_growth(old, new).iloc[0]
    assert overall["cells"] == len(plain) > 40
    assert overall["growth_pct"] == pytest.approx(plain.median())
    assert overall["median_old"] == pytest.approx(old["annual_mid"].median())
    assert overall["raw_growth_pct"] == pytest.approx(
        new["annual_mid"].median() / old["annual_mid"].median() - 1)


def test_a_flat_market_reads_about_zero_with_an_interval_covering_it(planted):
    old, _ = planted
    new = market(3, mix=SENIOR_DEAR, snapshot="2026-11-01")
    overall = posted_wage_growth(old, new).iloc[0]
    assert overall["growth_pct"] == pytest.approx(0, abs=0.01)
    assert overall["growth_pct_low"] <= 0 <= overall["growth_pct_high"]
    assert overall["raw_growth_pct"] > 0.15  # the mix alone moves the raw median


def test_cells_present_on_one_side_only_are_ignored(planted):
    old, new = planted
    # A dear new cell (product managers, posted only now) and a thin one (4 postings then).
    extra = [_band(450e3, posting_id=f"pm/{i}", snapshot="2026-11-01",
                   employer=f"Employer {i % 6}", role_family="product manager", level="staff",
                   metro=DEAR[0]) for i in range(30)]
    thin = [_band(11e3, posting_id=f"thin/{i}", snapshot="2026-10-01", employer="Employer 1",
                  role_family="product manager", level="staff", metro=DEAR[0])
            for i in range(4)]
    base = posted_wage_growth(old, new).iloc[0]
    more = posted_wage_growth(pd.concat([old, bands_frame(thin)]),
                              pd.concat([new, bands_frame(extra)])).iloc[0]
    assert more["cells"] == base["cells"]
    assert more["growth_pct"] == base["growth_pct"]
    assert more["raw_growth_pct"] > base["raw_growth_pct"]  # the raw median takes them in


def test_by_groups_follow_the_overall_row_each_with_its_cells(planted):
    old, new = planted
    growth = posted_wage_growth(old, new, by="metro", n_boot=400)
    assert growth["group"].iloc[0] == "all" and pd.isna(growth["metro"].iloc[0])
    groups = growth.iloc[1:]
    assert set(groups["metro"]) == set(METROS)
    assert (groups["group"] == groups["metro"]).all()
    assert groups["cells"].sum() == growth["cells"].iloc[0]  # metro is one of the cells' keys
    assert list(groups["cells"]) == sorted(groups["cells"], reverse=True)
    assert (groups["growth_pct"] - 0.04).abs().max() < 0.03
    covered = (groups["growth_pct_low"] <= 0.04) & (0.04 <= groups["growth_pct_high"])
    assert covered.sum() >= 5


def test_cells_of_other_columns_and_a_higher_minimum(planted):
    old, new = planted
    by_role = posted_wage_growth(old, new, cells="role_family").iloc[0]
    assert by_role["cells"] == 3
    # Role alone does not hold level and metro fixed: the mix leaks back in.
    assert by_role["growth_pct"] > 0.15
    strict = posted_wage_growth(old, new, min_postings=40).iloc[0]
    assert strict["cells"] == len(_plain_cell_growth(old, new, min_postings=40))


def test_postings_without_a_cell_key_count_only_in_the_raw_median(planted):
    old, new = planted
    unlevelled = new.copy()
    unlevelled.loc[unlevelled.index[:500], "level"] = None
    growth = posted_wage_growth(old, unlevelled).iloc[0]
    assert growth["postings_new"] == 2000
    assert growth["cells"] <= posted_wage_growth(old, new).iloc[0]["cells"]
    assert growth["growth_pct"] == pytest.approx(
        _plain_cell_growth(old, unlevelled.dropna(subset=["level"])).median())


def test_too_few_employers_give_no_interval():
    old = market(4, n=300, employers=3)
    new = market(5, n=300, employers=3, factor=1.04, snapshot="2026-11-01")
    overall = posted_wage_growth(old, new).iloc[0]
    assert overall["employers"] == 3
    assert np.isnan(overall["growth_pct_low"]) and np.isnan(overall["growth_pct_high"])
    assert overall["growth_pct"] == pytest.approx(0.04, abs=0.02)


def test_nothing_in_common_gives_no_growth_but_the_raw_one(planted):
    old, new = planted
    elsewhere = new.assign(metro="Boise City, ID")
    overall = posted_wage_growth(old, elsewhere).iloc[0]
    assert overall["cells"] == 0 and np.isnan(overall["growth_pct"])
    assert np.isnan(overall["growth_pct_low"]) and np.isfinite(overall["raw_growth_pct"])


def test_inputs_are_left_alone_and_results_repeat(planted):
    old, new = planted
    before = old.copy(), new.copy()
    first = posted_wage_growth(old, new, n_boot=300, seed=4)
    pd.testing.assert_frame_equal(old, before[0])
    pd.testing.assert_frame_equal(new, before[1])
    pd.testing.assert_frame_equal(first, posted_wage_growth(old, new, n_boot=300, seed=4))


def test_unknown_columns_name_the_closest(planted):
    old, new = planted
    with pytest.raises(UnknownChoiceError, match="did you mean 'metro'"):
        posted_wage_growth(old, new, by="metroo")
    with pytest.raises(UnknownChoiceError, match="did you mean 'level'"):
        posted_wage_growth(old, new, cells=["role_family", "levle"])


def test_other_currencies_are_left_out(planted):
    old, new = planted
    pounds = new.assign(currency="GBP", annual_mid=new["annual_mid"] * 10)
    overall = posted_wage_growth(old, pd.concat([new, pounds])).iloc[0]
    assert overall["postings_new"] == 2000
    assert overall["growth_pct"] == pytest.approx(0.04, abs=0.01)


def test_a_series_compares_each_snapshot_with_the_previous_or_the_first(planted):
    old, new = planted
    third = market(6, factor=1.04 * 1.04, mix=SENIOR_DEAR, snapshot="2026-12-01")
    snapshots = [("2026-10-01", old), ("2026-11-01", new), ("2026-12-01", third)]
    series = growth_series(snapshots, n_boot=300)
    assert list(series["snapshot"]) == ["2026-11-01", "2026-12-01"]
    assert list(series["since"]) == ["2026-10-01", "2026-11-01"]
    assert series["period_start"].iloc[0] == pd.Timestamp("2026-11-01")
    assert series["growth_pct"].to_numpy() == pytest.approx([0.04, 0.04], abs=0.01)
    assert series["raw_growth_pct"].iloc[0] > 0.2 and abs(series["raw_growth_pct"].iloc[1]) < 0.1
    cumulative = growth_series(snapshots, against="first", n_boot=300)
    assert list(cumulative["since"]) == ["2026-10-01", "2026-10-01"]
    assert cumulative["growth_pct"].iloc[1] == pytest.approx(1.04**2 - 1, abs=0.015)
    # the same pair gives the same row as posted_wage_growth
    pair = posted_wage_growth(old, new, n_boot=300).iloc[0]
    assert series["growth_pct_low"].iloc[0] == pair["growth_pct_low"]
    with pytest.raises(UnknownChoiceError):
        growth_series(snapshots, against="last")


def test_a_series_reads_snapshot_folders(planted, tmp_path):
    old, new = planted
    for label, frame in (("2026-10-01", old), ("2026-11-01", new)):
        (tmp_path / label).mkdir()
        frame.to_parquet(tmp_path / label / "bands.parquet")
    series = growth_series([tmp_path / "2026-10-01", tmp_path / "2026-11-01"], n_boot=200)
    assert list(series["snapshot"]) == ["2026-11-01"] and series["cells"].iloc[0] > 40
    assert len(growth_series([tmp_path / "2026-10-01"])) == 0
