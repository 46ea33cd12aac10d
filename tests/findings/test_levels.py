"""Report 03's words: every finding and caption against the ladder frames its charts plot."""

import re

import numpy as np
import pytest
from factories import (
    NO_PAY,
    band_row,
    bands_frame,
    ladder_row,
    planted_ladder_bands,
)

from analysis.analyses.ladder import (
    largest_ladders,
    level_coverage,
    level_ladder,
    select_ladder,
)
from analysis.config import LOW_CONFIDENCE_N
from analysis.findings.levels import (
    FAMILIES_CHART,
    LADDER_CHART,
    ladder_facts,
    ladder_method,
    levels_text,
)
from analysis.findings.wording import percent
from analysis.formats import money
from analysis.schema import empty_bands

BAD = re.compile(r"\b0 of 0\b|\bnan\b|\bNone\b|–%|\bNaN\b")



def test_ladder_facts_name_the_extremes(planted):
    facts = ladder_facts(planted)
    assert facts.n_levels == 4 and facts.n_steps == 3
    assert facts.lowest["level"] == "entry" and facts.highest["level"] == "staff"
    assert facts.median_step == pytest.approx(0.2)
    assert (facts.biggest["from_level"], facts.biggest["level"]) == ("mid", "senior")
    assert facts.biggest["step_pct"] == pytest.approx(0.5)
    assert (facts.smallest["from_level"], facts.smallest["level"]) == ("senior", "staff")
    # overlap of [0.9, 1.1]·m with [0.9, 1.1]·m·r: (1.1 − 0.9·r) / (0.2·r), at least 0
    expected = [max(0.0, (1.1 - 0.9 * r) / (0.2 * r)) for r in (1.2, 1.5, 1.1)]
    assert facts.median_overlap == pytest.approx(np.median(expected))
    assert facts.most_overlap["level"] == "staff"
    assert facts.most_overlap["overlap_pct"] == pytest.approx(max(expected))


def test_ladder_facts_thin_and_faded_levels(planted):
    facts = ladder_facts(planted, low_confidence_n=20)
    assert facts.thin["level"].tolist() == ["senior", "staff"]
    # staff has 4 postings (< SMALL_N), senior 2 employers (< 3): both faded
    assert facts.n_faded == 2
    assert facts.smallest_level["level"] == "staff"
    assert ladder_facts(planted, low_confidence_n=5).thin["level"].tolist() == ["staff"]
    assert ladder_facts(planted, min_n=1, min_employers=1).n_faded == 0


def test_ladder_facts_of_short_ladders(planted):
    one = ladder_facts(planted.iloc[:1])
    assert one.n_levels == 1 and one.n_steps == 0
    assert one.biggest is None and one.smallest is None and one.most_overlap is None
    assert np.isnan(one.median_step) and np.isnan(one.median_overlap)
    assert one.lowest["level"] == one.highest["level"] == "entry"
    empty = ladder_facts(planted.iloc[:0])
    assert empty.n_levels == 0 and empty.lowest is None and empty.smallest_level is None


def test_ladder_method_states_the_thresholds():
    method = " ".join(ladder_method(currency="EUR"))
    assert "closed EUR ranges" in method
    assert "intern, entry, mid" in method and "manager, senior manager, director, vp" in method
    assert "under 5 postings or 5 employers" in method and "under 20 postings" in method


# --- levels_text: the report's words against the frames behind its charts ----------------------


def market(seed=7, *, focus=True, others=True, unstated=5):
    """Levelled postings with noisy pay: software engineers on four IC levels, two other
    families on the same track, and `unstated` postings whose title states no level."""
    rng = np.random.default_rng(seed)
    plan = {}
    if focus:
        plan["software engineer"] = {"entry": (110_000, 30), "mid": (135_000, 25),
                                     "senior": (175_000, 22), "staff": (230_000, 8)}
    if others:
        plan["data scientist"] = {"mid": (130_000, 12), "senior": (160_000, 10)}
        plan["product manager"] = {"mid": (140_000, 9), "senior": (150_000, 6),
                                   "staff": (190_000, 5)}
    rows, i = [], 0
    for family, levels in plan.items():
        for level, (mid, n) in levels.items():
            for k in range(n):
                value = mid * rng.uniform(0.9, 1.1)
                rows.append(ladder_row(i, family, level, "ic", value * 0.85, value * 1.15,
                                 employer=f"E{k % 7}"))
                i += 1
    for k in range(unstated):
        rows.append(ladder_row(i + k, "software engineer", None, "ic", 90_000, 120_000,
                         employer=f"E{k % 7}"))
    return bands_frame(rows)


def report(bands, *, focus_role="software engineer", track="ic"):
    """What the notebook computes, then the words; returns (text, ladder, others, coverage)."""
    ladders = level_ladder(bands)
    ladder = select_ladder(ladders, role_family=focus_role, track=track)
    others = largest_ladders(ladders, track=track, exclude=focus_role, n=3)
    coverage = level_coverage(bands, role_family=focus_role, track=track)
    text = levels_text(ladder=ladder, others=others, coverage=coverage, focus_role=focus_role,
                       track=track, snapshot="2026-11-01")
    return text, ladder, others, coverage


def words(text):
    """Every sentence, title, caption and note the report shows."""
    out = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values()]
    out += [f.sentence for f in text.findings]
    for caption in text.captions.values():
        out += [caption.title, caption.subtitle, caption.alt, caption.source]
    return out


def by_kind(text):
    return {f.kind: f for f in text.findings}


def test_findings_state_the_numbers_the_ladder_chart_plots():
    text, ladder, others, coverage = report(market())
    found = by_kind(text)
    steps = ladder["step_pct"].dropna()
    step = found["level step"]
    assert step.value == pytest.approx(steps.median())
    assert step.n == coverage.ladder_postings == ladder["n_postings"].sum()
    assert step.employers == coverage.ladder_employers
    assert step.confidence == "ok"
    assert percent(steps.median()) in step.sentence
    assert money(ladder["annual_mid_median"].iloc[0]) in step.sentence
    assert money(ladder["annual_mid_median"].iloc[-1]) in step.sentence
    low, high = others["median_step"].min(), others["median_step"].max()
    assert f"{percent(low)}–{percent(high)}" in step.sentence

    jump = found["biggest step"]
    top = ladder.loc[ladder["step_pct"].idxmax()]
    below = ladder.loc[ladder["step_pct"].idxmax() - 1]
    assert jump.value == pytest.approx(top["step_pct"])
    assert jump.n == top["n_postings"] + below["n_postings"]
    assert f"{below['level']} → {top['level']}, {top['step_pct']:+.0%}" in jump.sentence
    assert (f"n={below['n_postings']:,} and {top['n_postings']:,} postings)"
            in jump.sentence)  # the counts say what they count
    assert f"{ladder['step_pct'].min():+.0%}" in jump.sentence

    overlap = found["level overlap"]
    assert overlap.value == pytest.approx(ladder["overlap_pct"].dropna().median())
    assert percent(overlap.value) in overlap.sentence

    thin = found["thin levels"]
    small = ladder.loc[ladder["n_postings"] < LOW_CONFIDENCE_N]
    assert thin.value == len(small) == 1
    assert thin.n == small["n_postings"].sum()
    assert f"staff (n={small['n_postings'].iloc[0]} postings)" in thin.sentence

    unstated = found["unstated levels"]
    assert unstated.value == pytest.approx(coverage.unstated / coverage.postings)
    assert f"{coverage.unstated:,} of {coverage.postings:,} postings" in unstated.sentence
    assert all(not BAD.search(w) for w in words(text))


def test_captions_say_what_each_chart_shows():
    text, ladder, others, _ = report(market())
    ladder_caption = text.captions[LADDER_CHART]
    assert ladder_caption.title.startswith("Software engineer pay steps up a median")
    assert percent(ladder["step_pct"].median()) in ladder_caption.title
    families = text.captions[FAMILIES_CHART]
    stepping = others.sort_values("median_step")
    assert families.title == (
        f"The median step per level runs from {percent(stepping['median_step'].iloc[0])} "
        f"({stepping['role_family'].iloc[0]}) to {percent(stepping['median_step'].iloc[-1])} "
        f"({stepping['role_family'].iloc[-1]})")
    assert "data scientist" in families.alt and "product manager" in families.alt
    assert text.notes == {}


@pytest.mark.parametrize("bands", [
    empty_bands(),
    bands_frame([band_row(posting_id=f"n{i}", **NO_PAY) for i in range(4)]),
    bands_frame([ladder_row(1, "software engineer", "senior", "ic", 150_000, 190_000)]),
    bands_frame([ladder_row(1, "software engineer", "senior", "ic", 150_000, 190_000),
                 ladder_row(2, "software engineer", "staff", "ic", 190_000, 240_000)]),
    market(focus=False),
    market(others=False, unstated=0),
], ids=["empty", "no pay", "one level", "two levels", "no focus ladder", "no others"])
def test_sparse_data_still_reads(bands):
    text, ladder, others, coverage = report(bands)
    assert 3 <= len(text.findings) <= 5
    for sentence in words(text):
        assert not BAD.search(sentence), sentence
    if len(ladder) < 2:
        assert LADDER_CHART in text.notes
        assert text.findings[0].confidence in ("too few", "none")
        assert text.title.startswith("No software engineer ladder")
    if not len(others):
        assert FAMILIES_CHART in text.notes
    if len(ladder) and coverage.ladder_postings < LOW_CONFIDENCE_N:
        assert text.findings[0].confidence in ("too few", "low")


def test_two_levels_have_one_step_and_thin_levels_are_too_few():
    bands = bands_frame([ladder_row(1, "software engineer", "senior", "ic", 150_000, 190_000),
                         ladder_row(2, "software engineer", "staff", "ic", 190_000, 240_000)])
    text, ladder, _, _ = report(bands)
    found = by_kind(text)
    assert "the ladder's only step" in found["biggest step"].sentence
    assert found["biggest step"].value == pytest.approx(ladder["step_pct"].iloc[1])
    assert found["level step"].confidence == "too few"
    assert "Both levels rest on fewer than" in found["thin levels"].sentence
    assert text.captions[LADDER_CHART].title.endswith("one step, senior → staff")
    assert "No level's typical band overlaps" in found["level overlap"].sentence
    assert found["unstated levels"].sentence.startswith("**Every posting with comparable pay")
    assert "Meta posts both levelled software engineer postings" in text.caveats[2]


def test_a_ladder_on_too_few_postings_never_headlines_the_report():
    """Four levelled postings draw a ladder, marked indicative; the title says it cannot be read."""
    bands = planted_ladder_bands({"mid": (100_000, 1, 1), "senior": (150_000, 2, 2),
                                  "staff": (170_000, 1, 1)})
    ladders = level_ladder(bands)
    ladder = select_ladder(ladders, role_family="x", track="ic")
    text = levels_text(
        ladder=ladder, others=largest_ladders(ladders, track="ic", exclude="x"),
        coverage=level_coverage(bands, role_family="x", track="ic"),
        focus_role="x", track="ic", currency="USD", snapshot="2026-11-01",
    )
    assert text.title.startswith("Too few levelled x postings to read a ladder: 4 postings")
    assert text.findings[0].confidence == "too few"
    assert text.captions[LADDER_CHART].title.startswith("Indicative only (n=4 postings")


def test_level_counts_say_they_count_postings():
    bands = market(focus=False)
    text, _, others, _ = report(bands)
    sizes = by_kind(text)["other ladders"].sentence
    for row in others.itertuples():
        assert f"{row.role_family} (n={row.n_postings:,} postings)" in sizes
    # a ladder with no thin level names its smallest level's postings
    text, ladder, _, _ = report(bands_frame(
        [ladder_row(i, "software engineer", level, "ic", low, low * 1.3, employer=f"E{i % 7}")
         for level, low in [("mid", 120_000), ("senior", 160_000)]
         for i in range(0 if level == "mid" else 30, 25 if level == "mid" else 52)]))
    assert ladder["n_postings"].tolist() == [25, 22]
    assert "(smallest: senior, n=22 postings)" in by_kind(text)["thin levels"].sentence
