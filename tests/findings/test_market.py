"""Report 08's findings against the focus_market frame its chart plots, and its sparse wording."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.market import focus_market
from analysis.analyses.summary import comparable_bands
from analysis.config import MIN_EMPLOYERS, N_BOOT, SMALL_N
from analysis.findings.market import (
    MARKET_CHART,
    market_reading,
    market_table,
    market_text,
)
from analysis.findings.wording import confidence_of
from analysis.formats import money, ordinal

SJ = "San Jose-Sunnyvale-Santa Clara, CA"
BOISE = "Boise City, ID"
BAD = re.compile(r"\b0 of 0\b|\b[Nn]a[Nn]\b|\bNone\b|\binf\b|–%|\bof 0 \w+|\(n=0[;,)]"
                 r"|\b1 role families")


def _oews():
    """Software (15-1252) and PM (11-2021) and recruiter (13-1071) in SJ and nationally; data
    scientists (15-2051) only nationally, so data scientist and data analyst use US figures."""
    rows = []
    for soc, sj_median, us_median in [("15-1252", 200_000, 150_000), ("11-2021", 180_000, 140_000),
                                      ("13-1071", 100_000, 80_000), ("15-2051", None, 160_000)]:
        for area, kind, median in [(SJ, "metro", sj_median), ("National", "national", us_median)]:
            if median is None:
                continue
            p = [median * f for f in (0.6, 0.8, 1.0, 1.2, 1.4)]
            rows.append(dict(area_name=area, area_type=kind, soc=soc, occupation=f"SOC {soc}",
                             p10=p[0], p25=p[1], p50=p[2], p75=p[3], p90=p[4]))
    return pd.DataFrame(rows)


def postings(family, *, n, mid, employers=6, metro=SJ, seed=0, spread=4_000):
    rng = np.random.default_rng(seed)
    rows = []
    for i, value in enumerate(mid + rng.normal(0, spread, n)):
        rows.append(band_row(
            posting_id=f"t:{family}@{metro[:4]}{i}", role_family=family, metro=metro,
            employer=f"{family}-E{i % employers}", pay_min=value - 20_000,
            pay_max=value + 20_000, annual_min=value - 20_000, annual_max=value + 20_000,
            annual_mid=float(value)))
    return rows


def text_of(rows, *, metro=SJ, n_boot=300):
    bands = bands_frame(rows)
    market = focus_market(bands, metro=metro, oews=_oews(), n_boot=n_boot)
    text = market_text(market, comparable=comparable_bands(bands), focus_metro=metro,
                       snapshot="2026-11-01", currency="USD")
    return market, text


@pytest.fixture
def full():
    """Software engineers clearly above SJ's median, ML engineers and PMs below, data
    scientists around the national one; recruiters too few, data analysts from two employers."""
    rows = (postings("software engineer", n=12, mid=250_000, seed=1)
            + postings("machine learning engineer", n=12, mid=150_000, seed=2)
            + postings("product manager", n=12, mid=150_000, employers=6, seed=3)
            + postings("data scientist", n=11, mid=160_000, spread=20_000, seed=4)
            + postings("recruiter", n=SMALL_N - 1, mid=130_000, seed=5)
            + postings("data analyst", n=8, mid=120_000, employers=MIN_EMPLOYERS - 1, seed=6)
            + postings("software engineer", n=6, mid=90_000, metro=BOISE, seed=7))
    return text_of(rows)


def by_kind(text):
    return {f.kind: f for f in text.findings}


def all_text(text):
    caption = text.captions[MARKET_CHART]
    return ([text.title, text.scope, *[f.sentence for f in text.findings], caption.title,
             caption.subtitle, caption.alt, caption.source, *text.notes.values(),
             *text.caveats, *text.method])


def test_the_planted_market_reads_as_built(full):
    market, _ = full
    versus = dict(zip(market["role_family"], market["versus_p50"], strict=True))
    assert versus["software engineer"] == "above"
    assert versus["machine learning engineer"] == versus["product manager"] == "below"
    assert versus["data scientist"] == "within noise"
    faded = market.loc[market["small_n"] | market["few_employers"], "role_family"]
    assert set(faded) == {"recruiter", "data analyst"}


def _check_gap_finding(finding, row):
    gap = row["gap_to_p50_pct"]
    assert finding.subject == row["role_family"]
    assert finding.value == pytest.approx(gap)
    assert finding.interval == pytest.approx((row["posted_mid_median_low"] / row["p50"] - 1,
                                              row["posted_mid_median_high"] / row["p50"] - 1))
    assert finding.interval[0] <= finding.value <= finding.interval[1]
    assert (finding.n, finding.employers) == (row["n_postings"], row["n_employers"])
    assert finding.confidence == confidence_of(row["n_postings"], row["n_employers"])
    assert (f"{row['role_family']} {gap:+.0%} ({money(row['posted_mid_median'])} vs "
            f"{money(row['p50'])}, n={row['n_postings']:,} postings)") in finding.sentence


def test_above_and_below_findings_match_the_frame(full):
    market, text = full
    counted = market.loc[~(market["small_n"] | market["few_employers"])]
    found = by_kind(text)
    above = counted.loc[counted["versus_p50"] == "above"]
    _check_gap_finding(found["above median"], above.iloc[0])
    assert found["above median"].lead == "1 of 4 role families posts above the OEWS median"
    below = counted.loc[counted["versus_p50"] == "below"].sort_values("gap_to_p50_pct")
    _check_gap_finding(found["below median"], below.iloc[0])  # the largest gap below
    assert found["below median"].subject == "machine learning engineer"
    assert found["below median"].lead == "2 of 4 role families post below the OEWS median"
    sentence = found["below median"].sentence
    assert sentence.index("machine learning engineer") < sentence.index("product manager")


def test_noise_position_and_scope_findings_match_the_frame(full):
    market, text = full
    counted = market.loc[~(market["small_n"] | market["few_employers"])]
    found = by_kind(text)
    noise = found["within noise"]
    assert noise.value == (counted["versus_p50"] == "within noise").sum() == 1
    assert noise.n == counted.loc[counted["versus_p50"] == "within noise", "n_postings"].sum()
    assert "1 role family sits within noise of the paid median** (data scientist)" in noise.sentence
    assert "2 of 6 role families have fewer than 5 postings or 5 employers" in noise.sentence

    position = found["percentile position"]
    low, high = counted["mid_position"].min(), counted["mid_position"].max()
    assert position.interval == (low, high)
    assert position.n == counted["n_postings"].sum()
    assert f"between the {ordinal(low)} and {ordinal(high)} percentiles" in position.sentence
    outside = (counted["position_flag"] != "within").sum()
    assert (f"({outside:,} more outside" in position.sentence) == bool(outside)

    scope = found["oews area"]
    national = market.loc[market["oews_area_type"] == "national", "role_family"].tolist()
    assert sorted(national) == ["data analyst", "data scientist"]
    assert scope.value == 2 and scope.n == market["n_postings"].sum()
    assert f"({national[0]} and {national[1]})" in scope.sentence


def test_title_caption_and_table_state_what_the_chart_shows(full):
    market, text = full
    counted = market.loc[~(market["small_n"] | market["few_employers"])]
    above = counted.loc[counted["versus_p50"] == "above"].iloc[0]
    below = counted.loc[counted["versus_p50"] == "below"].sort_values("gap_to_p50_pct").iloc[0]
    assert text.title == (f"In San Jose-Sunnyvale, software engineer postings sit "
                          f"{above['gap_to_p50_pct']:.0%} above the paid median, machine "
                          f"learning engineer {abs(below['gap_to_p50_pct']):.0%} below")
    caption = text.captions[MARKET_CHART]
    assert caption.title == ("1 of 4 role families in San Jose-Sunnyvale posts above the OEWS "
                             "paid median, 2 below, 1 within noise")
    assert f"n={market['n_postings'].sum():,} postings" in caption.subtitle
    assert caption.alt.startswith(f"For {len(market)} role families")
    assert "6 role families" in text.scope and "OEWS May 2025" in caption.source
    assert f"{N_BOOT:,} resamples" in text.method[0]
    table = market_table(market)
    assert table["Role family"].tolist() == market["role_family"].tolist()
    assert table["Reading"].tolist() == market["versus_p50"].tolist()
    for line in all_text(text):
        assert not BAD.search(line), line


# --- sparse data ---------------------------------------------------------------------------

SPARSE = {
    "empty": [],
    "no pay": [band_row(posting_id=f"np{i}", **NO_PAY) for i in range(6)],
    "one family": postings("software engineer", n=12, mid=250_000),
    "two families": (postings("software engineer", n=12, mid=250_000)
                     + postings("data scientist", n=11, mid=160_000, spread=20_000, seed=4)),
    "too few employers": postings("software engineer", n=12, mid=250_000, employers=2),
    "too few postings": postings("software engineer", n=SMALL_N - 1, mid=250_000),
    "all outside p10-p90": (postings("software engineer", n=12, mid=400_000)
                            + postings("recruiter", n=12, mid=300_000, seed=2)),
    "focus metro absent": postings("software engineer", n=12, mid=250_000, metro=BOISE),
}


@pytest.mark.parametrize("case", SPARSE)
def test_sparse_data_reads_well(case):
    market, text = text_of(SPARSE[case], n_boot=100)
    assert 2 <= len(text.findings) <= 5
    for line in all_text(text):
        assert not BAD.search(line), (case, line)
    reading = market_reading(market)
    if not len(reading.counted):
        first = text.findings[0]
        assert first.kind == "no data" and first.confidence in ("too few", "none")
        assert "Too few postings" in text.captions[MARKET_CHART].title
        assert not any(f.confidence == "ok" for f in text.findings[:2])


def test_sparse_wording_by_case():
    _, empty = text_of([])
    assert [f.confidence for f in empty.findings] == ["none"] * 3
    assert "no posting has a closed USD range" in empty.findings[-1].sentence

    market, one = text_of(SPARSE["one family"])
    row = market.iloc[0]
    assert one.captions[MARKET_CHART].title == (
        "The one counted role family in San Jose-Sunnyvale posts above the OEWS paid median")
    assert one.findings[0].lead == "The one role family posts above the OEWS median"
    assert one.findings[0].value == pytest.approx(row["gap_to_p50_pct"])
    position = by_kind(one)["percentile position"]
    assert position.lead == (f"The posted median sits at the {ordinal(row['mid_position'])} "
                             f"percentile of paid wages")
    assert by_kind(one)["oews area"].lead == ("The one role family is compared with OEWS figures "
                                              "for San Jose-Sunnyvale-Santa Clara, CA")

    _, two = text_of(SPARSE["two families"])
    assert two.captions[MARKET_CHART].title.startswith("1 of 2 role families")

    _, few = text_of(SPARSE["too few employers"])
    assert "The one role family has fewer than 5 postings or 5 employers" in few.findings[0].text
    assert few.findings[0].confidence == "too few"

    market, outside = text_of(SPARSE["all outside p10-p90"])
    assert set(market["position_flag"]) == {"above p90"}
    assert by_kind(outside)["percentile position"].lead == (
        "Both role families post outside OEWS p10–p90")

    market, absent = text_of(SPARSE["focus metro absent"])
    assert market["posted_scope"].eq("nation").all()
    assert absent.findings[-1].text == (
        f"{SJ} holds no comparable postings, so all postings are set against national OEWS "
        f"figures; 100% of them are in {BOISE}.")
    assert "in the US" in absent.captions[MARKET_CHART].title


# --- the reading and the table, on a hand-built frame ----------------------------------------

def _market_rows():
    """A focus_market-like table: two families above, two below, one within noise, one faded."""
    rows = [  # role_family, versus_p50, gap_to_p50_pct, mid_position, position_flag, n, employers
        ("machine learning engineer", "above", 0.12, 78.0, "within", 39, 12),
        ("product manager", "above", 0.11, 57.0, "within", 39, 16),
        ("software engineer", "within noise", 0.03, 60.0, "within", 126, 20),
        ("data engineer", "below", -0.09, 42.0, "within", 38, 16),
        ("data analyst", "below", -0.14, float("nan"), "below p10", 30, 17),
        ("recruiter", "above", 0.30, 95.0, "within", 4, 2),  # small and few employers: faded
    ]
    frame = pd.DataFrame(rows, columns=["role_family", "versus_p50", "gap_to_p50_pct",
                                        "mid_position", "position_flag", "n_postings",
                                        "n_employers"])
    return frame.assign(
        small_n=frame["n_postings"] < 5, few_employers=frame["n_employers"] < 5,
        posted_scope="metro", oews_area_type=["metro"] * 4 + ["national", "metro"],
        occupation="Occupation", posted_mid_median=200_000.0, p50=180_000.0,
        posted_mid_median_low=190_000.0, posted_mid_median_high=215_000.0,
    )


def test_market_reading_classifies_counted_families():
    market = _market_rows()
    before = market.copy()
    reading = market_reading(market)
    pd.testing.assert_frame_equal(market, before)
    assert reading.local
    assert reading.counted["role_family"].tolist() == market["role_family"].tolist()[:5]
    assert reading.above["role_family"].tolist() == ["machine learning engineer",
                                                     "product manager"]
    assert reading.below["role_family"].tolist() == ["data analyst", "data engineer"]  # largest
    assert reading.within_noise["role_family"].tolist() == ["software engineer"]
    assert reading.faded["role_family"].tolist() == ["recruiter"]
    assert reading.national["role_family"].tolist() == ["data analyst"]
    assert reading.n_postings == market["n_postings"].sum()
    # the faded recruiter (95th) is left out of the position range; data analyst has none
    assert (reading.position_low, reading.position_high) == (42.0, 78.0)
    assert reading.n_outside == 1 and reading.positioned


def test_market_reading_national_scope_and_empty():
    reading = market_reading(_market_rows().assign(posted_scope="nation"))
    assert not reading.local
    empty = market_reading(_market_rows().iloc[0:0])
    assert not empty.local and empty.n_postings == 0 and not empty.positioned
    assert empty.counted.empty and empty.n_outside == 0
    unplaced = market_reading(_market_rows().assign(mid_position=float("nan")))
    assert not unplaced.positioned and math.isnan(unplaced.position_high)


def test_hand_built_frame_findings():
    text = market_text(_market_rows(), comparable=pd.DataFrame({"metro": [SJ]}), focus_metro=SJ,
                       snapshot="s", currency="USD")
    found = by_kind(text)
    assert found["above median"].lead == "2 of 5 role families post above the OEWS median"
    assert "(1 more outside OEWS p10–p90)" in found["percentile position"].sentence
    assert "1 of 6 role families has fewer than 5 postings" in found["within noise"].sentence
    assert found["oews area"].lead == "1 role family uses national OEWS figures"
    assert "publishes no median for it in" in found["oews area"].sentence


def test_market_table_from_focus_market():
    market, _ = text_of(postings("software engineer", n=12, mid=250_000), n_boot=200)
    table = market_table(market)
    assert table.columns.tolist() == [
        "Role family", "OEWS occupation", "OEWS area", "n postings", "Employers",
        "Posted median mid", "95% interval", "OEWS median", "Gap to median", "OEWS percentile",
        "Reading"]
    row = table.iloc[0]
    assert row["Role family"] == "software engineer" and row["OEWS area"] == "metro"
    assert row["Posted median mid"] == market["posted_mid_median"].item()
    low, high = market[["posted_mid_median_low", "posted_mid_median_high"]].iloc[0]
    assert row["95% interval"] == f"${low / 1000:.0f}k–${high / 1000:.0f}k"
    assert row["OEWS percentile"] == ordinal(market["mid_position"].item())
    assert row["Reading"] == "above"


def test_market_table_position_falls_back_to_flag():
    table = market_table(_market_rows())
    assert table["OEWS percentile"].tolist() == ["78th", "57th", "60th", "42nd", "below p10",
                                                 "95th"]
    assert table["Role family"].tolist() == _market_rows()["role_family"].tolist()
    assert table["Gap to median"].tolist() == _market_rows()["gap_to_p50_pct"].tolist()
