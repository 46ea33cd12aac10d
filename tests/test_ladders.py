"""Level ladders against a plain pandas groupby on data built here."""

import numpy as np
import pandas as pd
import pytest
from conftest import NO_PAY, band_row, bands_frame

from analysis.ladders import level_ladder
from analysis.vocabulary import LEVELS


def _row(i, family, level, track, low, high, **extra):
    return band_row(
        posting_id=f"p{i}",
        role_family=family,
        level=level,
        track=track,
        pay_min=float(low),
        pay_max=float(high),
        annual_min=float(low),
        annual_max=float(high),
        annual_mid=(low + high) / 2,
        **extra,
    )


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
                rows.append(_row(i, family, level, track, round(m * 0.85), round(m * 1.15)))
                i += 1
    rows.append(_row(i, "software engineer", None, "ic", 50_000, 60_000))  # no level: left out
    rows.append(
        _row(i + 1, "software engineer", "senior", "ic", 1, 2, currency="EUR")
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
    rows = [_row(i, "x", "entry", "ic", 100, 110) for i in range(3)]
    rows += [_row(10 + i, "x", "mid", "ic", 200, 220) for i in range(3)]
    out = level_ladder(bands_frame(rows))
    assert out["overlap_pct"].iloc[1] == 0
    assert out["step_pct"].iloc[1] == pytest.approx(210 / 105 - 1)


def test_empty():
    out = level_ladder(bands_frame([band_row(posting_id="a", level=None)]))
    assert out.empty and "step_pct" in out.columns
