"""The range builder's words, against structures whose numbers are known."""

import re

import numpy as np
import pandas as pd
import pytest

from analysis.analyses.ranges import salary_structure
from analysis.findings import ReportText
from analysis.findings.ranges import STRUCTURE_CHART, ranges_method, ranges_text
from analysis.formats import money

BAD = re.compile(r"\b0 of 0\b|\bnan\b|\bNone\b|–%|\bNaN\b")
SEA = "Seattle-Tacoma-Bellevue, WA"


def market(p50, n, employers, *, levels=("entry", "mid", "senior", "staff", "principal"),
           p25=None, p75=None):
    levels = list(levels)[:len(p50)]
    return pd.DataFrame({"level": levels, "n_postings": n, "n_employers": employers,
                         "p10": np.nan, "p25": p25 if p25 is not None else np.nan,
                         "p50": p50, "p75": p75 if p75 is not None else np.nan,
                         "p90": np.nan})


# Steps 12%, 15%, 18% between well-priced levels; staff thin (3 postings, 2 employers).
PLANTED = market([100e3, 112e3, 128.8e3, 999e3, 179.2e3], [40, 30, 25, 3, 20], [9, 8, 8, 2, 6])


def every_sentence(text: ReportText) -> list[str]:
    caption = text.captions[STRUCTURE_CHART]
    return [text.title, text.scope, *(f.text for f in text.findings), caption.title,
            caption.subtitle, caption.alt, caption.source, *text.caveats, *text.method]


def test_the_title_states_the_range_of_steps_and_the_place():
    structure = salary_structure(PLANTED)
    text = ranges_text(structure, role_family="data scientist", where=SEA, snapshot="2026-12-01")
    steps = structure["midpoint_progression"].dropna()
    low, high = round(steps.min() * 100), round(steps.max() * 100)
    assert text.title == f"Data scientist ranges step {low}–{high}% per level in {SEA}"
    assert text.captions[STRUCTURE_CHART].title == text.title
    assert "2026-12-01" in text.captions[STRUCTURE_CHART].source
    assert ranges_text(structure, role_family="data scientist").title.endswith(
        "per level across all locations")
    for sentence in every_sentence(text):
        assert not BAD.search(sentence), sentence


def test_the_step_finding_reads_the_structure():
    structure = salary_structure(PLANTED)
    step = ranges_text(structure, role_family="data scientist", where=SEA).findings[0]
    steps = structure["midpoint_progression"].dropna()
    assert step.value == pytest.approx(steps.median())
    assert step.n == 118 and step.confidence == "ok"
    assert f"{money(100e3)} (entry) to {money(structure['range_mid'].iloc[-1])} (principal)" in (
        step.text)
    assert "over 5 levels" in step.text


def test_the_smoothed_finding_names_the_thin_level_and_both_midpoints():
    structure = salary_structure(PLANTED)
    assert structure["smoothed"].tolist() == [False, False, False, True, False]
    finding = ranges_text(structure, role_family="data scientist").findings[1]
    fitted = structure.loc[3, "range_mid"]
    assert finding.lead == "1 of 5 levels is set from the ladder's fit"
    assert (f"staff (n=3 postings, 2 employers; market median {money(999e3)}, fitted "
            f"{money(fitted)})") in finding.text
    assert finding.value == 1 and finding.n == 3


def test_every_level_priced_by_the_market_says_so():
    structure = salary_structure(market([100e3, 115e3, 135e3], [40, 30, 12], [9, 8, 6]))
    finding = ranges_text(structure, role_family="data scientist").findings[1]
    assert finding.lead == "Every level is priced by the market"
    assert "smallest: senior, n=12 postings, 6 employers" in finding.text


def test_the_spread_finding_names_the_widest_range_and_why():
    structure = salary_structure(market([100e3, 115e3, 135e3], [40, 30, 12], [9, 8, 6],
                                        p25=[95e3, 90e3, 130e3], p75=[105e3, 150e3, 140e3]))
    assert structure["spread"].tolist() == pytest.approx([0.4, 150 / 90 - 1, 0.4])
    finding = ranges_text(structure, role_family="data scientist").findings[2]
    assert finding.lead == "The widest range is mid's, 67%"
    assert "as wide as the middle half of its market's posted midpoints" in finding.text
    assert "ranges run 40–67% wide" in finding.text
    assert finding.value == pytest.approx(150 / 90 - 1)
    same = ranges_text(salary_structure(market([100e3, 115e3], [40, 30], [9, 8])),
                       role_family="data scientist").findings[2]
    assert same.lead == "Every range is 40% wide"


def test_an_inverted_step_is_named_for_a_hand_fix():
    structure = salary_structure(market([100e3, 120e3, 114e3], [40, 30, 20], [9, 8, 6]))
    text = ranges_text(structure, role_family="data scientist")
    assert text.title == "Data scientist ranges step -5% to 20% per level across all locations"
    assert "the market does not climb at senior (-5% on mid)" in text.findings[0].text


def test_a_structure_on_too_few_postings_is_indicative_and_never_headlines():
    structure = salary_structure(market([100e3, 130e3], [4, 40], [3, 9]))
    text = ranges_text(structure, role_family="recruiter")
    assert text.title.startswith("Indicative only (entry: n=4 postings, 3 employers): recruiter")
    assert all(f.confidence == "too few" for f in text.findings)
    assert text.findings[1].lead == "Too few well-priced levels to fit the ladder"
    assert text.findings[0].lead == "The proposed midpoint steps 30%"


def test_one_level_and_no_level_read_well():
    one = ranges_text(salary_structure(market([100e3], [40], [9])), role_family="data scientist",
                      where=SEA)
    assert one.title == f"Data scientist has one priced level in {SEA}: entry, $83k–$117k"
    assert one.findings[0].lead == "One level, no step"
    none = ranges_text(salary_structure(market([], [], [])), role_family="data scientist",
                       where=SEA)
    assert none.title == f"No data scientist level has comparable posted pay in {SEA}"
    assert none.findings[0].confidence == "none" and STRUCTURE_CHART in none.notes
    for text in (one, none):
        for sentence in every_sentence(text):
            assert not BAD.search(sentence), sentence


def test_caveats_say_how_metros_are_pooled():
    structure = salary_structure(PLANTED)
    zone = ranges_text(structure, role_family="data scientist", where="pay zone 2")
    assert any("pooled as posted" in caveat for caveat in zone.caveats)
    metro = ranges_text(structure, role_family="data scientist", where=SEA)
    assert not any("pooled" in caveat for caveat in metro.caveats)
    assert len(zone.caveats) <= 3


def test_the_method_states_the_thresholds_and_spreads_the_code_uses():
    method = " ".join(ranges_method(currency="GBP"))
    assert "closed GBP ranges" in method
    assert "at least 5 postings from 5 employers" in method
    assert "40% for intern, entry, mid and senior" in method and "up to 80%" in method
