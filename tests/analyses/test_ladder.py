"""Level ladders against a plain pandas groupby on data built here."""

import numpy as np
import pandas as pd
import pytest
from factories import (
    NO_PAY,
    band_row,
    bands_frame,
    ladder_row,
)

from analysis.analyses.ladder import (
    LADDER_TABLE,
    STEP_COLUMNS,
    ladder_steps,
    ladder_table,
    largest_ladders,
    level_coverage,
    level_ladder,
    select_ladder,
)
from analysis.errors import EmptyFilterWarning
from analysis.normalize.vocabulary import LEVELS


@pytest.fixture
def ladder_bands():
    rng = np.random.default_rng(3)
    rows, i = [], 0
    plan = {
        ("software engineer", "ic"): {"entry": 110_000, "senior": 160_000, "staff": 210_000},
        ("software engineer", "management"): {"manager": 190_000, "director": 260_000},
        ("data scientist", "ic"): {"mid": 130_000, "senior": 150_000},
    }
    for (family, track), levels in plan.items():
        for level, mid in levels.items():
            for _ in range(6 if level != "director" else 3):
                m = mid * rng.lognormal(0, 0.05)
                rows.append(ladder_row(i, family, level, track, round(m * 0.85), round(m * 1.15)))
                i += 1
    # No level: left out of every ladder.
    rows.append(ladder_row(i, "software engineer", None, "ic", 50_000, 60_000))
    rows.append(
        ladder_row(i + 1, "software engineer", "senior", "ic", 1, 2, currency="EUR")
    )  # other currency
    rows.append(
        band_row(posting_id="nopay", level="senior", role_family="data scientist", **NO_PAY)
    )
    return bands_frame(rows)


def test_matches_plain_groupby(ladder_bands):
    before = ladder_bands.copy()
    out = level_ladder(ladder_bands)
    pd.testing.assert_frame_equal(ladder_bands, before)  # input unchanged

    d = ladder_bands[
        ladder_bands["has_pay"]
        & (ladder_bands["currency"] == "USD")
        & ladder_bands["level"].notna()
    ].copy()
    d["level"] = d["level"].astype(str)
    d["spread"] = (d["annual_max"] - d["annual_min"]) / d["annual_min"]
    expected = (
        d.groupby(["role_family", "track", "level"])
        .agg(
            n_postings=("posting_id", "nunique"),
            annual_min_median=("annual_min", "median"),
            annual_mid_median=("annual_mid", "median"),
            annual_max_median=("annual_max", "median"),
            spread_median=("spread", "median"),
        )
        .reset_index()
    )
    expected["rank"] = expected["level"].map(LEVELS.index)
    expected = expected.sort_values(["role_family", "track", "rank"], ignore_index=True)
    assert out["level"].astype(str).tolist() == expected["level"].tolist()
    for col in ["n_postings", "annual_min_median", "annual_mid_median", "annual_max_median"]:
        np.testing.assert_allclose(out[col].to_numpy(float), expected[col].to_numpy(float))
    np.testing.assert_allclose(out["spread_median"], expected["spread_median"])

    # step_pct and overlap_pct against a loop over adjacent rows of the same family and track
    for (family, track), g in expected.groupby(["role_family", "track"], sort=False):
        got = out[(out["role_family"] == family) & (out["track"] == track)]
        mids = g["annual_mid_median"].to_numpy()
        lows, highs = g["annual_min_median"].to_numpy(), g["annual_max_median"].to_numpy()
        assert np.isnan(got["step_pct"].iloc[0]) and np.isnan(got["overlap_pct"].iloc[0])
        for k in range(1, len(g)):
            assert got["step_pct"].iloc[k] == pytest.approx(mids[k] / mids[k - 1] - 1)
            overlap = max(0.0, min(highs[k], highs[k - 1]) - max(lows[k], lows[k - 1]))
            assert got["overlap_pct"].iloc[k] == pytest.approx(overlap / (highs[k] - lows[k]))
    assert out["overlap_pct"].dropna().between(0, 1).all()


def test_order_small_n_and_filter(ladder_bands):
    out = level_ladder(ladder_bands, role_family="software engineer")
    assert out["level"].astype(str).tolist() == ["entry", "senior", "staff", "manager", "director"]
    assert out.loc[out["level"] == "director", "small_n"].item()
    assert not out.loc[out["level"] == "senior", "small_n"].item()
    # management step compares director with manager, never with an IC level
    mgr = out.set_index(out["level"].astype(str))
    assert mgr.loc["director", "step_pct"] == pytest.approx(
        mgr.loc["director", "annual_mid_median"] / mgr.loc["manager", "annual_mid_median"] - 1
    )
    assert np.isnan(mgr.loc["manager", "step_pct"])


def test_disjoint_bands_overlap_zero():
    rows = [ladder_row(i, "x", "entry", "ic", 100, 110) for i in range(3)]
    rows += [ladder_row(10 + i, "x", "mid", "ic", 200, 220) for i in range(3)]
    out = level_ladder(bands_frame(rows))
    assert out["overlap_pct"].iloc[1] == 0
    assert out["step_pct"].iloc[1] == pytest.approx(210 / 105 - 1)


def test_empty():
    with pytest.warns(EmptyFilterWarning, match="keeping bands that state a level"):
        out = level_ladder(bands_frame([band_row(posting_id="a", level=None)]))
    assert out.empty and "step_pct" in out.columns


# --- One ladder's steps, coverage and comparison ladders: what report 03 quotes -----------------


def test_select_ladder_picks_one_ladder_with_text_levels(ladder_bands):
    ladders = level_ladder(ladder_bands)
    got = select_ladder(ladders, role_family="software engineer", track="management")
    assert got["level"].tolist() == ["manager", "director"]
    assert got.index.tolist() == [0, 1]
    assert got["level"].map(type).eq(str).all()
    assert select_ladder(ladders, role_family="data scientist", track="management").empty


def test_ladder_steps_pair_adjacent_levels(planted):
    before = planted.copy()
    steps = ladder_steps(planted)
    pd.testing.assert_frame_equal(planted, before)
    assert steps.columns.tolist() == STEP_COLUMNS
    assert list(zip(steps["from_level"], steps["level"], strict=True)) == [
        ("entry", "mid"), ("mid", "senior"), ("senior", "staff")]
    assert steps["from_n"].tolist() == [30, 25, 12]
    assert steps["n_postings"].tolist() == [25, 12, 4]
    np.testing.assert_allclose(steps["step_pct"], [0.2, 0.5, 0.1])
    np.testing.assert_allclose(steps["from_mid"], [100_000, 120_000, 180_000])
    assert ladder_steps(planted.iloc[:1]).empty


def test_level_coverage_counts_postings_like_pandas(ladder_bands):
    extra = ladder_row(900, "data scientist", None, "ic", 90_000, 110_000)  # unstated, other role
    ladder_bands = bands_frame(ladder_bands.to_dict("records") + [extra])
    got = level_coverage(ladder_bands, role_family="software engineer", track="ic")
    usd = ladder_bands[ladder_bands["has_pay"] & (ladder_bands["currency"] == "USD")]
    se = usd["role_family"] == "software engineer"
    on_ladder = usd[se & (usd["track"] == "ic") & usd["level"].notna()]
    assert got.postings == usd["posting_id"].nunique()
    assert got.unstated == usd.loc[usd["level"].isna(), "posting_id"].nunique() == 2
    assert got.role_postings == usd.loc[se, "posting_id"].nunique()
    assert got.role_unstated == 1
    assert got.ladder_postings == on_ladder["posting_id"].nunique() == 18
    assert got.ladder_employers == on_ladder["employer"].nunique()
    assert got.top_employer == "Meta" and got.top_employer_postings == 18
    assert got.unstated_share == pytest.approx(2 / got.postings)
    none = level_coverage(ladder_bands, role_family="nobody", track="ic")
    assert none.ladder_postings == 0 and none.top_employer is None


def test_largest_ladders_rank_other_families_by_levelled_postings(ladder_bands):
    ladders = level_ladder(ladder_bands)
    got = largest_ladders(ladders, track="ic")
    assert got["role_family"].tolist() == ["software engineer", "data scientist"]
    assert got["n_postings"].tolist() == [18, 12]
    se = ladders[(ladders["role_family"] == "software engineer") & (ladders["track"] == "ic")]
    assert got["median_step"].iloc[0] == pytest.approx(se["step_pct"].median())
    assert largest_ladders(ladders, track="ic", exclude="software engineer", n=3)[
        "role_family"].tolist() == ["data scientist"]
    assert largest_ladders(ladders, track="ic", n=1)["role_family"].tolist() == [
        "software engineer"]
    management = largest_ladders(ladders, track="management")
    assert management["n_postings"].tolist() == [9]


def test_ladder_table_renames_in_order(ladder_bands):
    ladder = select_ladder(level_ladder(ladder_bands), role_family="software engineer",
                           track="ic")
    table = ladder_table(ladder)
    assert table.columns.tolist() == list(LADDER_TABLE.values())
    assert table["Level"].tolist() == ["entry", "senior", "staff"]
    assert table["Postings"].tolist() == ladder["n_postings"].tolist()


def test_each_step_carries_an_employer_clustered_interval():
    rng = np.random.default_rng(4)
    rows = []
    plan = (("entry", 100_000, 6), ("mid", 130_000, 6), ("senior", 170_000, 2))
    for level, mid, employers in plan:
        for k in range(24):
            # each employer pays its own premium: the step's interval must allow for it
            premium = 1 + 0.05 * (k % employers - employers / 2) / employers
            value = mid * premium * rng.lognormal(0, 0.02)
            rows.append(ladder_row(f"{level}{k}", "x", level, "ic", value * 0.9, value * 1.1,
                                   employer=f"E{k % employers}"))
    ladder = level_ladder(bands_frame(rows)).set_index("level")
    assert np.isnan(ladder.loc["entry", "step_low"])  # the first rung has no step
    assert ladder.loc["mid", "step_low"] <= 0.30 <= ladder.loc["mid", "step_high"]
    assert ladder.loc["mid", "step_high"] - ladder.loc["mid", "step_low"] < 0.2
    assert np.isnan(ladder.loc["senior", "step_low"])  # two employers: no interval claimed
    assert ladder.loc["senior", "step_pct"] == pytest.approx(170 / 130 - 1, abs=0.03)
