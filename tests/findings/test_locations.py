"""Report 04's words: every finding read from the frames its charts plot, sparse data worded."""

import re

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.location_index import (
    gaps_by_level,
    metro_index,
    metro_index_by_level,
    resolve_reference,
)
from analysis.config import N_BOOT, REFERENCE_METRO
from analysis.findings.locations import (
    LEVEL_CHART,
    LOCATION_CHART,
    adjustment_finding,
    describe_controls,
    location_method,
    location_table,
    locations_text,
    metro_city,
)

SUNNYVALE = REFERENCE_METRO
AUSTIN = "Austin-Round Rock-San Marcos, TX"
SEATTLE = "Seattle-Tacoma-Bellevue, WA"
DENVER = "Denver-Aurora-Centennial, CO"
LEVEL_PAY = {"entry": 1.0, "mid": 1.3, "senior": 1.7, "staff": 2.1}
BAD = ("0 of 0", "nan", "None", "–%", " 1 metros", "all 1 ", "all 0 ")


def _market(spec: dict, *, seed: int = 5) -> pd.DataFrame:
    """Bands from {metro: (pay factor, {level: postings}, employers)}."""
    rng = np.random.default_rng(seed)
    rows = []
    for metro, (factor, counts, employers) in spec.items():
        for level, n in counts.items():
            for i in range(n):
                mid = 100_000 * factor * LEVEL_PAY[level] * rng.lognormal(0, 0.05)
                rows.append(band_row(
                    posting_id=f"{metro[:6]}-{level}-{i}", metro=metro, level=level,
                    employer=f"E{i % employers}", role_family="software engineer",
                    pay_min=mid * 0.9, pay_max=mid * 1.1, annual_min=mid * 0.9,
                    annual_max=mid * 1.1, annual_mid=mid))
    return bands_frame(rows)


# Austin pays 80% of Sunnyvale at every level but posts mostly entry roles: mix moves its gap.
MIXED = {
    SUNNYVALE: (1.25, {"entry": 10, "mid": 30, "senior": 60}, 6),
    AUSTIN: (1.0, {"entry": 60, "mid": 30, "senior": 10}, 6),
    SEATTLE: (1.25, {"entry": 30, "mid": 30, "senior": 30}, 6),
    DENVER: (1.0, {"entry": 2, "mid": 2}, 2),  # too thin to show
}


def _report(bands, *, location="Sunnyvale, CA", controls=("role_family", "level"), role=""):
    ref = resolve_reference(bands, location=location)
    index = metro_index(bands, reference=ref.reference, controls=controls, n_boot=300)
    per_level = metro_index_by_level(bands, reference=ref.reference, controls=controls,
                                     metros=index.order)
    gaps = gaps_by_level(per_level)
    text = locations_text(ref=ref, index=index, per_level=per_level, gaps=gaps,
                          controls=controls, role=role, location=location, currency="USD",
                          snapshot="2026-11-01")
    return text, ref, index, per_level, gaps


def _all_words(text) -> list[str]:
    words = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values()]
    words += [f.sentence for f in text.findings]
    for caption in text.captions.values():
        words += [caption.title, caption.subtitle, caption.alt, caption.source]
    return words


def _assert_clean(text):
    for words in _all_words(text):
        for bad in BAD:
            assert bad not in words, (bad, words)


def _by_kind(text, kind):
    return [f for f in text.findings if f.kind == kind]


@pytest.fixture(scope="module")
def mixed():
    return _report(_market(MIXED))


def test_lead_finding_is_chart_1s_lead_row(mixed):
    text, _, index, _, _ = mixed
    lead = index.table.set_index("metro").loc[index.lead_metro]
    [finding] = _by_kind(text, "location gap")
    assert finding.subject == index.lead_metro == AUSTIN
    assert finding.value == pytest.approx(lead["index"])
    assert finding.interval == pytest.approx((lead["index_low"], lead["index_high"]))
    assert (finding.n, finding.employers) == (lead["n_postings"], lead["n_employers"])
    assert finding.confidence == "ok" and finding.chart == "Chart 1"
    assert f"adjusted index {lead['index']:.0f}" in finding.sentence
    assert f"interval {lead['index_low']:.0f}–{lead['index_high']:.0f}" in finding.sentence
    assert f"{100 - lead['index']:.0f}% below Sunnyvale" in text.title


def test_adjustment_finding_agrees_with_rings_and_dots(mixed):
    """The issue's bug: the text said "no metro beyond noise" while rings sat off their lines.
    The count must be the rows of Chart 1's frame whose ring falls outside the dot's line."""
    text, _, index, _, _ = mixed
    others = index.table.loc[~index.table["is_reference"]]
    outside = others.loc[(others["raw_index"] < others["index_low"])
                         | (others["raw_index"] > others["index_high"])]
    assert len(outside) >= 1  # Austin's raw gap is mostly mix
    [finding] = _by_kind(text, "adjustment")
    assert finding.value == len(outside)
    assert finding.n == others["n_postings"].sum()
    assert "moves no metro" not in finding.sentence
    for row in outside.itertuples():
        assert (f"{metro_city(row.metro)} raw {row.raw_index:.0f}, adjusted {row.index:.0f} "
                f"({row.index_low:.0f}–{row.index_high:.0f})") in finding.sentence


def _frame(raw, low=(90, 90, 90, 90, 90), high=(100, 100, 100, 100, 100)):
    metros = ["A-x, TX", "B-x, TX", "C-x, TX", "D-x, TX", "E-x, TX"]
    frame = pd.DataFrame({"metro": metros, "index": 95.0, "index_low": low, "index_high": high,
                          "raw_index": raw, "n_postings": [50, 40, 30, 20, 10],
                          "is_reference": False})
    raw_outside = (frame["raw_index"] < frame["index_low"]) | (
        frame["raw_index"] > frame["index_high"])
    return frame.assign(raw_outside=raw_outside)


def test_adjustment_finding_counts_rings_outside_lines():
    four = adjustment_finding(_frame([80, 85, 105, 95, 110]), ("role_family", "level"))
    assert four.value == 4 and "moves 4 of 5 metros beyond noise" in four.sentence
    assert "E raw 110, adjusted 95 (90–100)" in four.sentence  # largest shift first
    assert "D raw" not in four.sentence
    none = adjustment_finding(_frame([95, 92, 98, 99, 91]), ("role_family", "level"))
    assert none.value == 0 and "moves no metro beyond noise" in none.sentence
    assert "A raw 95" in none.sentence  # the largest metros quoted instead
    unadjusted = adjustment_finding(_frame([95, 92, 98, 99, 91]), ())
    assert "No adjustment is applied" in unadjusted.sentence


def test_readings_and_level_findings_match_the_frames(mixed):
    text, _, index, per_level, gaps = mixed
    [readings] = _by_kind(text, "location readings")
    below = int((index.others["reading"] == "below").sum())
    assert readings.value == below
    lowest = index.others.sort_values("index").iloc[0]
    assert f"the lowest is {metro_city(lowest['metro'])} at {lowest['index']:.0f}" in (
        readings.sentence)
    [levels] = _by_kind(text, "level gaps")
    assert levels.value == gaps["differs"].sum()
    assert levels.n == per_level.loc[per_level["readable"], "n_postings"].sum()
    _assert_clean(text)


def test_captions_state_what_the_charts_show(mixed):
    text, _, index, per_level, gaps = mixed
    below = int((index.others["reading"] == "below").sum())
    title = text.captions[LOCATION_CHART].title
    assert re.match(r"(All \d+|Both|\d+ of \d+) metros post below Sunnyvale", title) or below < 2
    assert f"lowest at {index.lowest['index']:.0f}" in title
    assert f"n = {int(index.table['n_postings'].sum()):,} postings" in (
        text.captions[LOCATION_CHART].subtitle)
    level = text.captions[LEVEL_CHART]
    assert ("differs by level" in level.title) == bool(gaps["differs"].any())
    assert f"n = {int(per_level['n_postings'].sum()):,} postings" in level.subtitle


@pytest.mark.parametrize("case", ["empty", "no pay", "one metro", "two thin", "elsewhere"])
def test_sparse_data_still_reads(case):
    spec = {SUNNYVALE: (1.25, {"mid": 8}, 4), AUSTIN: (1.0, {"mid": 6}, 2)}
    bands = _market(spec)
    location = "Sunnyvale, CA"
    if case == "empty":
        bands = bands.iloc[:0]
    elif case == "no pay":
        bands = bands_frame([band_row(posting_id=f"p{i}", **NO_PAY) for i in range(5)])
    elif case == "one metro":
        bands = bands.loc[bands["metro"] == SUNNYVALE]
    elif case == "elsewhere":
        location = "Nowhere, ZZ"
    text, ref, index, _, _ = _report(bands, location=location)
    assert not index.ok
    _assert_clean(text)
    assert text.findings and all(f.confidence in ("too few", "none") for f in text.findings)
    assert text.notes[LOCATION_CHART] and text.notes[LEVEL_CHART]
    if case in ("empty", "no pay"):
        assert "No postings of all roles state comparable USD pay" in text.findings[0].text
        assert "no metros hold" in text.findings[1].text
    if case == "elsewhere":
        assert '"Nowhere, ZZ" has no comparable pay' in text.findings[0].text
    if case == "two thin":
        assert "2 metros hold" in text.findings[1].text


def test_three_metros_one_level_reads():
    bands = _market({SUNNYVALE: (1.25, {"mid": 30}, 6), AUSTIN: (1.0, {"mid": 30}, 6),
                     SEATTLE: (1.0, {"mid": 20}, 4)})
    text, _, index, per_level, gaps = _report(bands)
    assert index.ok and gaps.empty
    [levels] = _by_kind(text, "level gaps")
    assert levels.confidence == "too few" and "Too few postings to compare levels" in levels.text
    assert "Too few postings per level" in text.captions[LEVEL_CHART].title
    _assert_clean(text)


def test_words_helpers():
    assert metro_city(AUSTIN) == "Austin" and metro_city(SUNNYVALE) == "San Jose"
    assert describe_controls(("role_family", "level")) == "role and level"
    assert describe_controls(("is_remote",)) == "remote status"
    assert describe_controls(()) == "nothing"


def test_location_table_formats_for_the_report():
    table = pd.DataFrame({
        "metro": [SUNNYVALE, AUSTIN, SEATTLE], "index": [100.0, 79.6, 101.2],
        "index_low": [np.nan, 75.2, 96.4], "index_high": [np.nan, 84.4, 106.0],
        "raw_index": [100.0, 70.4, 99.5], "reading": ["reference", "below", "within noise"],
        "n_postings": [120, 100, 60], "n_employers": [8, 6, 5],
    })
    shown = location_table(table, focus="Sunnyvale")
    assert shown.columns.tolist() == ["Metro", "Raw index", "Adjusted index", "95% interval",
                                      "Against Sunnyvale", "Postings", "Employers"]
    assert shown["Metro"].tolist() == [SEATTLE, SUNNYVALE, AUSTIN]
    assert shown["Adjusted index"].tolist() == [101, 100, 80]
    assert shown["Raw index"].tolist() == [100, 100, 70]
    assert shown["95% interval"].tolist() == ["96–106", "–", "75–84"]
    assert location_table(table.iloc[:0]).empty


def test_location_method_follows_the_controls():
    method = " ".join(location_method(location="Austin, TX", currency="CAD"))
    assert "closed CAD ranges" in method and '"Austin, TX"' in method
    assert f"{N_BOOT:,} employer resamples" in method and "employer-clustered" in method
    assert "entry, mid, senior and staff" in method
    assert "controlling for role;" in method
    assert "controlling for nothing;" in " ".join(location_method(location="x", controls=()))


def test_metros_not_below_are_worded_without_zero_counts():
    from analysis.findings.locations import _rest

    assert _rest(0, 0) == "none above or within noise"
    assert _rest(2, 0) == "2 above and none within noise"
    assert _rest(0, 3).startswith("none above and 3 within noise")
