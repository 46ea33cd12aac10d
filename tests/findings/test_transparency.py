"""Report 06's text: every finding and caption against the frames its charts plot, sparse data,
and the uncovered-postings table."""

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.coverage import headline_figures
from analysis.analyses.laws import (
    disclosure_by_state,
    judgement_date,
    law_coverage,
    load_laws,
    uncovered_postings,
)
from analysis.analyses.trends import disclosure_trend, trend_summary
from analysis.analyses.widths import TOO_WIDE_SPREAD, range_width, width_summary
from analysis.findings.transparency import (
    SPREAD_CHART,
    STATES_CHART,
    TREND_CHART,
    gap_reading,
    law_short_name,
    ranked_states,
    transparency_text,
    uncovered_table,
    window_text,
)
from analysis.findings.wording import percent
from analysis.schema import empty_bands
from analysis.stats import share_gap

MIN = 20
BAD = ("0 of 0", "nan", "None", "–%", "NaT")
STATES = {"CA": (60, 0.9), "NY": (40, 0.7), "TX": (30, 0.5), "WA": (8, 1.0)}


def _bands(states=STATES, *, seed=0, remote=3):
    """Postings per state with a share stating pay; a few remote ones; two snapshots."""
    rng = np.random.default_rng(seed)
    rows = []
    for state, (n, share) in states.items():
        for i in range(n):
            pay = rng.random() < share
            low = float(rng.integers(80, 160) * 1000)
            high = low * float(rng.choice([1.2, 1.5, 2.5]))
            posted = pd.Timestamp("2026-09-14") + pd.Timedelta(days=int(rng.integers(0, 14)))
            pay_cols = (dict(pay_min=low, pay_max=high, annual_min=low, annual_max=high,
                             annual_mid=(low + high) / 2) if pay else NO_PAY)
            rows.append(band_row(posting_id=f"p:{state}{i}", state=state, city=None,
                                 employer=f"E{i % 6}", posted_date=posted, **pay_cols))
    for i in range(remote):
        rows.append(band_row(posting_id=f"p:remote{i}", state=None, city=None, is_remote=True))
    return bands_frame(rows) if rows else empty_bands()


def _text(bands, store=None):
    store = bands if store is None else store
    laws = load_laws()
    facts = headline_figures(bands)
    judged_on = judgement_date(facts["snapshot"] or "none")
    trend = disclosure_trend(store, by="state")
    over_time = trend_summary(trend, laws=laws, by="state", min_n=MIN)
    rates = disclosure_by_state(bands, on=judged_on, laws=laws)
    coverage = law_coverage(bands, on=judged_on, laws=laws)
    widths = range_width(bands, per_band=True)
    wide = width_summary(widths)
    text = transparency_text(facts=facts, snapshots=store["snapshot"].nunique(), rates=rates,
                             coverage=coverage, wide=wide, over_time=over_time, laws=laws,
                             judged_on=judged_on, currency="USD", min_postings=MIN)
    return text, dict(facts=facts, rates=rates, coverage=coverage, widths=widths, wide=wide,
                      over_time=over_time, trend=trend)


def _all_words(text):
    yield text.title
    yield text.scope
    for f in text.findings:
        yield f.sentence
    for c in text.captions.values():
        yield from (c.title, c.subtitle, c.alt, c.source)
    yield from text.caveats
    yield from text.method
    yield from text.notes.values()


def _clean(text):
    for words in _all_words(text):
        for bad in BAD:
            assert bad not in words, (bad, words)


def _two_snapshots(bands):
    return pd.concat([bands.assign(snapshot="2026-10-01"), bands], ignore_index=True)


def test_findings_match_the_frames_behind_the_charts():
    bands = _bands()
    text, f = _text(bands, _two_snapshots(bands))
    _clean(text)
    by_kind = {finding.kind: finding for finding in text.findings}
    # Chart 2: the state bars
    share = by_kind["disclosure share"]
    assert share.value == f["facts"]["share_with_pay"]
    assert (share.n, share.employers) == (f["facts"]["postings"], f["facts"]["employers"])
    assert share.confidence == "ok"
    ranked = f["rates"].loc[f["rates"]["postings"] >= MIN].sort_values("share_with_pay")
    assert ranked["state"].tolist() == ranked_states(f["rates"], min_postings=MIN)["state"].tolist()
    low, high = ranked.iloc[0], ranked.iloc[-1]
    assert (f"from {percent(low['share_with_pay'])} ({low['state']}, "
            f"n={low['postings']:,} postings)") in share.sentence
    assert (f"to {percent(high['share_with_pay'])} ({high['state']}, "
            f"n={high['postings']:,} postings)") in share.sentence
    assert "WA" not in share.sentence  # 8 postings: under MIN
    caption = text.captions[STATES_CHART]
    assert caption.title.startswith(f"{high['state']} discloses most "
                                    f"({percent(high['share_with_pay'])})")
    assert "3 postings without a state" in caption.subtitle
    assert "bars count postings; grey: fewer than 20 postings" in caption.subtitle
    # the law gap
    gap = by_kind["law gap"]
    cov = f["coverage"]
    assert gap.value == cov.gap["gap"]
    assert gap.interval == (cov.gap["gap_low"], cov.gap["gap_high"])
    assert gap.n == cov.covered_n + cov.other_n
    assert (f"{percent(cov.gap['share_a'])} (n={cov.covered_n:,} postings) vs "
            f"{percent(cov.gap['share_b'])} (n={cov.other_n:,} postings)") in gap.sentence
    assert f"{cov.gap['gap_low'] * 100:+.1f} to {cov.gap['gap_high'] * 100:+.1f}" in gap.sentence
    # uncovered postings (the table)
    uncovered = by_kind["uncovered postings"]
    assert uncovered.value == len(cov.uncovered) / cov.covered_n
    assert uncovered.n == cov.covered_n
    assert f"{len(cov.uncovered):,} postings show no pay" in uncovered.sentence
    assert f"of {cov.covered_n:,} covered postings" in uncovered.sentence
    # Chart 3: the spread histogram
    wide = by_kind["too wide share"]
    widths = f["widths"]
    assert wide.n == len(widths)
    assert wide.value == pytest.approx(widths["too_wide"].mean())
    assert f"of {len(widths):,} closed USD bands" in wide.sentence
    assert percent(widths["spread"].median()) in wide.sentence
    assert percent(widths["spread"].median()) in text.captions[SPREAD_CHART].title
    assert f"n = {len(widths):,} bands" in text.captions[SPREAD_CHART].subtitle
    assert percent(TOO_WIDE_SPREAD) in wide.sentence
    # spread is (max − min) / min, as in every other report: "100%" means max = 2 × min
    assert "more than 2× the minimum, a range spread ((max − min) / min) above 100%" \
        in wide.sentence
    spread_caption = text.captions[SPREAD_CHART]
    assert "Range spread = (max − min) / min of each closed USD band" in spread_caption.subtitle
    assert "(spread > 100%)" in spread_caption.subtitle
    assert "(max − min) / min" in spread_caption.alt
    assert not any("midpoint" in words for words in (wide.sentence, spread_caption.title,
                                                     spread_caption.subtitle, spread_caption.alt))
    assert any(line.startswith("Range spread = (max − min) / min") and "spread > 100%" in line
               for line in text.method)
    # Chart 1: the trend lines
    trend = by_kind["disclosure trend"]
    readable = f["trend"].loc[f["trend"]["state"].isin(f["over_time"].leaders)
                              & (f["trend"]["postings"] >= MIN)]
    assert len(readable) and trend.value == readable["share_with_pay"].max()
    assert percent(readable["share_with_pay"].min()) in trend.sentence
    assert percent(readable["share_with_pay"].max()) in text.captions[TREND_CHART].title
    assert {finding.chart for finding in text.findings} >= {"Chart 1", "Chart 2", "Chart 3"}


def test_every_caption_says_what_its_chart_shows():
    text, _ = _text(_bands(), _two_snapshots(_bands()))
    assert set(text.captions) == {TREND_CHART, STATES_CHART, SPREAD_CHART}
    assert "stated pay" in text.captions[TREND_CHART].title
    assert "discloses most" in text.captions[STATES_CHART].title
    assert "too wide to inform" in text.captions[SPREAD_CHART].title
    assert text.captions[STATES_CHART].xlabel == "Share of postings with a pay range"
    assert all(c.source.startswith("Source: paybands snapshot") for c in text.captions.values())
    assert len(text.caveats) == 3


@pytest.mark.parametrize(
    "states",
    [
        {},  # no postings at all
        {"CA": (30, 0.8)},  # one state
        {"CA": (25, 0.9), "TX": (21, 0.6)},  # two states, no law in TX
        {"CO": (4, 0.0)},  # too few, nobody states pay
        {"TX": (3, 1.0)},  # no law anywhere
    ],
)
def test_sparse_data_still_reads(states):
    bands = _bands(states, remote=0) if states else empty_bands()
    text, f = _text(bands)
    _clean(text)
    assert len(text.findings) == 5
    kinds = {finding.kind: finding for finding in text.findings}
    if not states:
        assert kinds["disclosure share"].confidence == "none"
        assert kinds["too wide share"].confidence == "none"
        assert kinds["law gap"].confidence == "none"
        assert kinds["uncovered postings"].confidence == "none"
        assert "No closed USD bands" in text.captions[SPREAD_CHART].title
        assert "No state has 20" in text.captions[STATES_CHART].title
    if len(states) == 1:
        assert "Too few postings per" in kinds["disclosure trend"].sentence \
            or kinds["disclosure trend"].confidence in ("ok", "low")
    if "CO" in states:
        assert kinds["disclosure share"].confidence == "too few"
        assert "Every posting" not in kinds["uncovered postings"].sentence
        assert "4 postings show no pay" in kinds["uncovered postings"].sentence
        assert "all under Colorado" in kinds["uncovered postings"].sentence
        assert "none of 0" not in kinds["too wide share"].sentence
    if "TX" in states and len(states) == 1:
        assert "No posting falls under" in kinds["uncovered postings"].sentence
        assert "No comparison" in kinds["law gap"].sentence
        assert "3 postings that a pay-transparency law" not in text.title


def test_one_uncovered_posting_and_one_too_wide_range_agree_in_number():
    bands = bands_frame([
        band_row(posting_id="a", state="CO", city=None, employer="A", **NO_PAY),
        band_row(posting_id="b", state="CO", city=None, employer="B", annual_min=100_000.0,
                 annual_max=300_000.0, pay_min=100_000.0, pay_max=300_000.0),
    ])
    text, _ = _text(bands)
    kinds = {finding.kind: finding for finding in text.findings}
    assert "1 posting shows no pay although a law in force covers it" in \
        kinds["uncovered postings"].sentence
    assert "posted by A" in kinds["uncovered postings"].sentence
    assert "the one closed USD band (100.0%) is too wide" in kinds["too wide share"].sentence
    # 100k–300k: (300 − 100) / 100 = 200%
    assert "the median band tops out 200% above its minimum" in kinds["too wide share"].sentence
    assert "1 posting that a pay-transparency law covers shows none" in text.title


@pytest.mark.parametrize(
    ("counts", "reading"),
    [
        ((45, 50, 44, 50), "within noise"),
        ((95, 100, 50, 100), "higher"),
        ((50, 100, 95, 100), "lower"),
        ((5, 10, 0, 0), "within noise"),  # an empty group is no finding
    ],
)
def test_gap_reading_names_the_direction_only_beyond_noise(counts, reading):
    assert gap_reading(share_gap(*counts)) == reading


def test_window_text():
    assert window_text(pd.Timestamp("2026-09-14"), pd.Timestamp("2026-11-01")) == (
        "14 Sep 2026–1 Nov 2026")
    assert window_text(pd.Timestamp("2026-09-14"), pd.Timestamp("2026-09-14")) == "14 Sep 2026"
    assert window_text(pd.NaT, pd.NaT) == "no dated postings"


def test_law_short_name_names_state_or_city_and_year():
    laws = load_laws().set_index("jurisdiction", drop=False)
    assert law_short_name(laws.loc["California"]) == "CA 2023"
    assert law_short_name(laws.loc["New York City"]) == "NYC 2022"


def _posting(pid, *, state, city, posted):
    return band_row(posting_id=pid, state=state, city=city, posted_date=pd.Timestamp(posted),
                    **NO_PAY)


def test_uncovered_table_puts_the_largest_employer_first_newest_first():
    bands = bands_frame(
        [
            _posting("a1", state="CO", city="Denver", posted="2025-03-01"),
            _posting("b1", state="CO", city="Boulder", posted="2025-02-01"),
            _posting("b2", state="CO", city=None, posted="2025-04-01"),
        ]
    ).assign(employer=["Alpha", "Beta", "Beta"], title=["t-a1", "t-b1", "t-b2"])
    table = uncovered_table(uncovered_postings(bands, on="2025-06-01"))
    assert table.columns.tolist() == ["Employer", "Title", "Location",
                                      "Law (year; applies from)", "Posted"]
    assert table["Title"].tolist() == ["t-b2", "t-b1", "t-a1"]
    assert table["Location"].tolist() == ["CO", "Boulder, CO", "Denver, CO"]
    threshold = load_laws().set_index("jurisdiction").loc["Colorado", "employer_size_threshold"]
    assert table.loc[0, "Law (year; applies from)"] == f"Colorado (2021; {threshold}+ employees)"
    assert table["Posted"].tolist() == ["01 Apr", "01 Feb", "01 Mar"]
    assert len(uncovered_table(uncovered_postings(bands, on="2025-06-01"), top=2)) == 2
