"""Market reference against BLS OEWS percentiles: the join, interpolation and focus market."""

import math

import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.market import (
    ROLE_SOC,
    focus_market,
    load_oews,
    market_reference,
    percentile_position,
)
from analysis.normalize.titles import ROLE_FAMILY_NAMES

SJ = "San Jose-Sunnyvale-Santa Clara, CA"


def _oews():
    rows = []
    for area, kind, scale in [("National", "national", 1.0), (SJ, "metro", 2.0)]:
        p = [100_000 * scale * f for f in (0.5, 0.75, 1.0, 1.25, 1.5)]
        rows.append(dict(area_name=area, area_type=kind, soc="15-1252", occupation="Software",
                         p10=p[0], p25=p[1], p50=p[2], p75=p[3], p90=p[4]))  # fmt: skip
    return pd.DataFrame(rows)


def _band(pid, mid, metro, family="software engineer"):
    return band_row(
        posting_id=pid,
        role_family=family,
        metro=metro,
        pay_min=mid - 10_000,
        pay_max=mid + 10_000,
        annual_min=mid - 10_000,
        annual_max=mid + 10_000,
        annual_mid=float(mid),
    )


def test_every_role_family_has_a_soc():
    assert set(ROLE_FAMILY_NAMES) <= set(ROLE_SOC)
    oews = load_oews()
    national = oews.loc[oews["area_type"] == "national"]
    assert {soc for soc, _ in ROLE_SOC.values()} <= set(national["soc"])


def test_load_oews_has_san_jose_software_developers():
    oews = load_oews()
    row = oews.loc[(oews["area_name"] == SJ) & (oews["soc"] == "15-1252")]
    assert len(row) == 1
    assert row["area_type"].item() == "metro"
    values = row[["p10", "p25", "p50", "p75", "p90"]].iloc[0].tolist()
    assert values == sorted(values) and values[2] > 150_000
    assert set(oews["area_type"]) == {"national", "state", "metro"}


def test_join_and_fallback():
    bands = bands_frame(
        [_band(f"sj{i}", 200_000 + 10_000 * i, SJ) for i in range(3)]
        + [_band("bo", 100_000, "Boise City, ID")]
        + [_band("x", 90_000, SJ, family="recruiter")]
    )
    out = market_reference(bands, oews=_oews(), min_n=2).set_index(["role_family", "metro"])
    sj = out.loc[("software engineer", SJ)]
    # plain pandas for the posted medians
    posted = bands.loc[bands["role_family"] == "software engineer"]
    posted = posted.loc[posted["metro"] == SJ]
    assert sj["posted_mid_median"] == posted["annual_mid"].median() == 210_000
    assert sj["n_postings"] == 3 and not sj["small_n"]
    assert sj["oews_area"] == SJ and sj["oews_area_type"] == "metro"
    assert sj["p50"] == 200_000
    boise = out.loc[("software engineer", "Boise City, ID")]
    assert boise["oews_area_type"] == "national" and boise["p50"] == 100_000
    assert boise["small_n"]
    assert boise["mid_position"] == pytest.approx(50.0)
    recruiter = out.loc[("recruiter", SJ)]  # no recruiter rows in this OEWS table
    assert recruiter["position_flag"] == "no reference"


def test_packaged_oews_join_on_real_metro():
    bands = bands_frame([_band(f"sj{i}", 213_110, SJ) for i in range(5)])
    out = market_reference(bands)
    assert out.loc[0, "oews_area"] == SJ
    assert out.loc[0, "mid_position"] == pytest.approx(50.0)


def test_interpolation_known_values():
    p = {"p10": 100.0, "p25": 125.0, "p50": 150.0, "p75": 175.0, "p90": 200.0}
    assert percentile_position(100.0, p) == (10.0, "within")
    assert percentile_position(200.0, p) == (90.0, "within")
    assert percentile_position(137.5, p)[0] == pytest.approx(37.5)
    assert percentile_position(190.0, p)[0] == pytest.approx(75 + 15 * 15 / 25)
    low = percentile_position(99.0, p)
    assert math.isnan(low[0]) and low[1] == "below p10"
    high = percentile_position(201.0, p)
    assert math.isnan(high[0]) and high[1] == "above p90"
    topcoded = percentile_position(190.0, {**p, "p90": float("nan")})
    assert topcoded[1] == "above p75"


def test_market_reference_does_not_mutate():
    bands = bands_frame([_band("a", 150_000, SJ)])
    before = bands.copy()
    market_reference(bands, oews=_oews())
    pd.testing.assert_frame_equal(bands, before)


def _spread(prefix, mids, metro, *, employers=None, family="software engineer"):
    rows = [_band(f"{prefix}{i}", mid, metro, family=family) for i, mid in enumerate(mids)]
    for i, row in enumerate(rows):
        row["employer"] = f"E{i % (employers or len(rows))}"
    return rows


def test_market_reference_counts_employers():
    bands = bands_frame(_spread("sj", [200_000] * 6, SJ, employers=2))
    out = market_reference(bands, oews=_oews())
    assert out["n_employers"].item() == 2 and out["n_postings"].item() == 6


def test_focus_market_classifies_against_the_oews_median():
    # SJ OEWS median 200k: software engineers post clearly above it, data scientists
    # (national reference, no SJ row for 15-2051 in this table) around it
    oews = pd.concat([_oews(), pd.DataFrame([dict(
        area_name="National", area_type="national", soc="15-2051", occupation="Data Scientists",
        p10=100_000.0, p25=130_000.0, p50=160_000.0, p75=190_000.0, p90=220_000.0)])])
    rows = _spread("se", [250_000 + 1_000 * i for i in range(12)], SJ)
    rows += _spread("ds", [150_000 + 2_000 * i for i in range(11)], SJ, family="data scientist")
    rows += _spread("ct", [50_000] * 6, "Boise City, ID")  # another metro: left out
    bands = bands_frame(rows)
    before = bands.copy()
    out = focus_market(bands, metro=SJ, oews=oews, n_boot=300).set_index("role_family")
    pd.testing.assert_frame_equal(bands, before)
    assert list(out.index) == ["software engineer", "data scientist"]  # largest gap first
    se, ds = out.loc["software engineer"], out.loc["data scientist"]
    assert se["posted_scope"] == "metro" and se["oews_area_type"] == "metro"
    assert se["n_postings"] == 12 and se["p50"] == 200_000
    median = pd.Series([250_000 + 1_000 * i for i in range(12)]).median()
    assert se["posted_mid_median"] == median
    assert se["gap_to_p50"] == median - 200_000
    assert se["gap_to_p50_pct"] == pytest.approx((median - 200_000) / 200_000)
    assert se["versus_p50"] == "above"
    assert se["posted_mid_median_low"] <= median <= se["posted_mid_median_high"]
    assert ds["oews_area_type"] == "national" and ds["p50"] == 160_000
    assert ds["versus_p50"] == "within noise"
    assert not se["few_employers"]


def test_focus_market_below_and_national_fallback():
    few = _spread("se", [100_000 + 1_000 * i for i in range(10)], SJ, employers=2)
    out = focus_market(bands_frame(few), metro=SJ, oews=_oews(), n_boot=300)
    # Two employers: a gap, but no interval and no claim that it is above or below.
    assert out["versus_p50"].item() == "too few employers" and out["few_employers"].item()
    assert out["gap_to_p50"].item() < 0
    rows = _spread("se", [100_000 + 1_000 * i for i in range(10)], SJ, employers=6)
    out = focus_market(bands_frame(rows), metro=SJ, oews=_oews(), n_boot=300)
    assert out["versus_p50"].item() == "below" and not out["few_employers"].item()
    # a focus metro with no postings: every posting against the national figures
    out = focus_market(bands_frame(rows), metro="Nowhere, ZZ", oews=_oews(), n_boot=300)
    assert out["posted_scope"].item() == "nation"
    assert out["oews_area_type"].item() == "national" and out["p50"].item() == 100_000
    assert out["versus_p50"].item() == "above"


def test_focus_market_drops_families_without_reference():
    rows = _spread("rc", [90_000] * 6, SJ, family="recruiter")  # no recruiter row in _oews()
    out = focus_market(bands_frame(rows), metro=SJ, oews=_oews(), n_boot=100)
    assert out.empty
