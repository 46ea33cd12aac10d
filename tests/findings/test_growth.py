"""Report 09's text against the growth tables behind it: the planted growth, the mix effect, the
groups, the series, a store of one snapshot, no like-for-like cell, and the report table."""

import re

import pandas as pd
import pytest

from analysis.findings.growth import (
    GROWTH_CHART,
    SERIES_CHART,
    growth_table,
    growth_text,
)

NAN = float("nan")
BAD = ("0 of 0", "nan", "None", "–%", "NaT")
BAD_PLURALS = re.compile(r"\b1 (cells|employers|postings)\b")
COLUMNS = ["group", "metro", "growth_pct", "growth_pct_low", "growth_pct_high", "cells",
           "employers", "raw_growth_pct", "mix_effect_pct", "median_old", "median_new",
           "postings_old", "postings_new"]
AUSTIN = "Austin-Round Rock-San Marcos, TX"
SJ = "San Jose-Sunnyvale-Santa Clara, CA"
DENVER = "Denver-Aurora-Centennial, CO"
BOISE = "Boise City, ID"


def _growth(rows):
    frame = pd.DataFrame(rows, columns=COLUMNS[:8] + ["postings_old", "postings_new"])
    frame["mix_effect_pct"] = frame["raw_growth_pct"] - frame["growth_pct"]
    frame["median_old"], frame["median_new"] = 120_000.0, 150_000.0
    return frame[COLUMNS]


PLANTED = _growth([  # +4% in every cell while the mix moved to seniors in dear metros
    ("all", None, 0.041, 0.033, 0.049, 70, 12, 0.30, 2000, 2000),
    (SJ, SJ, 0.055, 0.030, 0.075, 11, 12, 0.15, 201, 305),
    (AUSTIN, AUSTIN, 0.031, 0.012, 0.052, 12, 12, 0.11, 451, 339),
    (DENVER, DENVER, 0.020, -0.010, 0.050, 12, 12, 0.21, 458, 342),
    (BOISE, BOISE, 0.300, NAN, NAN, 1, 2, 0.25, 6, 6),  # too few employers: never named
    ("Nowhere, NV", "Nowhere, NV", NAN, NAN, NAN, 0, 0, 0.01, 3, 4),
])
SERIES = pd.DataFrame({
    "snapshot": ["2026-11-01", "2026-12-01"], "since": ["2026-10-01", "2026-11-01"],
    "period_start": pd.to_datetime(["2026-11-01", "2026-12-01"]),
    "growth_pct": [0.041, 0.02], "growth_pct_low": [0.033, 0.01],
    "growth_pct_high": [0.049, 0.03], "cells": [70, 68], "employers": [12, 12],
    "raw_growth_pct": [0.30, 0.01], "mix_effect_pct": [0.259, -0.01],
    "median_old": [1.0, 1.0], "median_new": [1.0, 1.0], "postings_old": [2000, 2000],
    "postings_new": [2000, 2100],
})


def _words(text):
    words = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values(),
             *(f.sentence for f in text.findings)]
    for caption in text.captions.values():
        words += [caption.title, caption.subtitle, caption.alt, caption.source]
    return words


def _clean(text):
    for words in _words(text):
        for bad in BAD:
            assert bad not in words, (bad, words)
        assert not BAD_PLURALS.search(words), words


def test_the_title_and_first_finding_state_the_fixed_mix_growth_with_the_raw_beside_it():
    text = growth_text(PLANTED, old_label="2026-10-01", new_label="2026-11-01")
    assert text.title == "Posted pay grew 4.1% with the mix held fixed (raw median: +30%)"
    overall = text.findings[0]
    assert overall.value == 0.041 and overall.interval == (0.033, 0.049)
    assert overall.n == 2000 and overall.employers == 12 and overall.confidence == "ok"
    assert "70 cells" in overall.sentence and "+3.3% to +4.9%" in overall.sentence
    assert "excludes 0" in overall.sentence
    assert "2026-11-01 against 2026-10-01" in text.scope and "by metro" in text.scope
    _clean(text)


def test_the_mix_effect_is_the_gap_between_raw_and_fixed_mix_growth():
    text = growth_text(PLANTED, old_label="2026-10-01", new_label="2026-11-01")
    mix = text.findings[1]
    assert mix.kind == "mix effect" and mix.value == pytest.approx(0.30 - 0.041)
    assert "25.9 points more than like-for-like pay" in mix.sentence
    assert "better-paid role families, levels or metros" in mix.sentence
    lower = PLANTED.assign(raw_growth_pct=PLANTED["raw_growth_pct"] - 0.3)
    lower["mix_effect_pct"] = lower["raw_growth_pct"] - lower["growth_pct"]
    fell = growth_text(lower, old_label="a", new_label="b").findings[1]
    assert "less than like-for-like" in fell.sentence and "lower-paid" in fell.sentence
    same = PLANTED.assign(raw_growth_pct=0.043, mix_effect_pct=0.002)
    assert "barely moved" in growth_text(same, old_label="a", new_label="b").findings[1].sentence


def test_groups_grew_most_and_least_among_those_with_an_interval():
    text = growth_text(PLANTED, old_label="2026-10-01", new_label="2026-11-01")
    groups = text.findings[2]
    assert groups.subject == SJ and groups.value == 0.055
    assert f"+5.5% ({SJ}) to +2.0% ({DENVER})" in groups.sentence
    assert BOISE not in groups.sentence  # 2 employers: no interval, never the headline
    assert "2 of 3 metros with an interval rose beyond noise" in groups.sentence
    assert "1 metro has no cell in both snapshots" in groups.sentence
    _clean(text)


def test_without_by_there_is_no_group_finding():
    overall = PLANTED.iloc[:1].drop(columns="metro")
    text = growth_text(overall, old_label="2026-10-01", new_label="2026-11-01")
    assert [f.kind for f in text.findings] == ["fixed-mix growth", "mix effect"]
    assert "by metro" not in text.scope
    _clean(text)


def test_a_series_adds_a_finding_and_a_caption_from_its_rows():
    text = growth_text(PLANTED, series=SERIES, old_label="2026-11-01", new_label="2026-12-01")
    series = text.findings[-1]
    assert series.kind == "growth series" and series.value == 0.02
    assert "from +2.0% to +4.1%" in series.sentence
    assert f"compounding to {(1.041 * 1.02 - 1):+.1%}" in series.sentence
    caption = text.captions[SERIES_CHART]
    assert "latest refresh (2026-11-01 → 2026-12-01)" in caption.title and "2 comparisons" in (
        caption.subtitle)
    cumulative = SERIES.assign(since="2026-10-01")
    text = growth_text(PLANTED, series=cumulative, old_label="2026-11-01",
                       new_label="2026-12-01")
    assert "Since 2026-10-01" in text.findings[-1].sentence
    assert "from 2026-10-01 to 2026-12-01" in text.captions[SERIES_CHART].title
    _clean(text)


def test_two_snapshots_say_a_series_needs_three():
    text = growth_text(PLANTED, old_label="2026-10-01", new_label="2026-11-01")
    assert "three or more snapshots" in text.notes[SERIES_CHART]
    assert len(text.findings) == 3


def test_one_snapshot_says_there_is_nothing_to_compare():
    text = growth_text(None, old_label=None, new_label="2026-11-01")
    assert text.title == "Only one snapshot (2026-11-01); nothing to compare"
    assert [f.confidence for f in text.findings] == ["none"]
    assert set(text.notes) == {GROWTH_CHART, SERIES_CHART}
    _clean(text)


def test_no_like_for_like_cell_says_so_and_still_gives_the_raw_median():
    empty = PLANTED.assign(growth_pct=NAN, growth_pct_low=NAN, growth_pct_high=NAN, cells=0,
                           employers=0, mix_effect_pct=NAN)
    text = growth_text(empty, old_label="2026-10-01", new_label="2026-11-01")
    assert text.title.startswith("No role family × level × metro cell has 5+ postings")
    assert text.title.endswith("the raw median moved +30%")
    assert [f.confidence for f in text.findings] == ["none", "none", "none"]
    assert "No metro has a like-for-like cell" in text.findings[2].sentence
    assert "any of the 5 metros" in text.findings[2].sentence
    _clean(text)


def test_groups_with_cells_but_too_few_employers_are_counted_not_ranked():
    thin = PLANTED.assign(growth_pct_low=NAN, growth_pct_high=NAN, employers=3)
    text = growth_text(thin, old_label="2026-10-01", new_label="2026-11-01")
    assert text.findings[0].interval is None and "no interval" in text.findings[0].sentence
    assert text.findings[0].confidence == "too few"
    groups = text.findings[2]
    assert groups.sentence.startswith("**No metro has an interval**: 4 of 5 metros have a cell")
    _clean(text)


def test_a_fall_and_a_flat_market_read_as_such():
    fell = PLANTED.assign(growth_pct=-0.012, growth_pct_low=-0.02, growth_pct_high=-0.004)
    assert growth_text(fell, old_label="a", new_label="b").title.startswith(
        "Posted pay fell 1.2% with the mix held fixed")
    flat = PLANTED.assign(growth_pct=0.0, growth_pct_low=-0.004, growth_pct_high=0.003)
    text = growth_text(flat, old_label="a", new_label="b")
    assert text.title.startswith("Posted pay held steady (0.0%)")
    assert "includes 0: within sampling noise" in text.findings[0].sentence


def test_the_method_names_the_cells_the_minimum_and_the_resamples():
    text = growth_text(PLANTED, old_label="a", new_label="b", cells=("title", "metro"),
                       min_postings=3, n_boot=500)
    method = " ".join(text.method)
    assert "title × metro" in method and "at least 3 postings" in method
    assert "500 resamples of the employers" in method and "Indeed" in method
    assert "title or metro" in " ".join(text.caveats)
    assert len(text.caveats) <= 3


def test_the_table_puts_every_posting_first_with_intervals_in_points():
    table = growth_table(PLANTED)
    assert list(table.columns) == ["Metro", "Growth, mix held fixed (95% CI)",
                                   "Raw median growth", "Mix effect (points)", "Cells",
                                   "Employers", "Postings then", "Postings now"]
    assert table["Metro"].iloc[0] == "All postings" and table["Metro"].iloc[1] == SJ
    assert table.iloc[0, 1] == "+4.1% (+3.3 to +4.9)"
    assert table.iloc[4, 1] == "+30.0%"  # Boise: no interval
    assert table.iloc[5, 1] == "–" and pd.isna(table.iloc[5, 3])
    assert table["Mix effect (points)"].iloc[0] == "+25.9"
    assert table["Cells"].tolist() == [70, 11, 12, 12, 1, 0]
    assert table["Postings now"].tolist() == [2000, 305, 339, 342, 6, 4]
