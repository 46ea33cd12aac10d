"""Every report writes its amounts in the report's currency: a GBP market reads "£45k", never
"$45k", in titles, findings, captions, caveats, method notes and chart notes.

One planted pound market serves every report module; reports that quote no amount (01, 04, 06,
07) must still name the currency they compared and write no dollar sign.
"""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses import coverage
from analysis.analyses.benchmark_cases import benchmark_for
from analysis.analyses.coverage import headline_figures
from analysis.analyses.diff import diff_counts, group_shifts, largest_rebands, snapshot_diff
from analysis.analyses.ladder import largest_ladders, level_coverage, level_ladder, select_ladder
from analysis.analyses.laws import disclosure_by_state, judgement_date, law_coverage, load_laws
from analysis.analyses.location_index import (
    gaps_by_level,
    metro_index,
    metro_index_by_level,
    resolve_reference,
)
from analysis.analyses.market import focus_market, market_reference
from analysis.analyses.roles import role_bands, role_metro_matrix
from analysis.analyses.summary import comparable_bands
from analysis.analyses.trends import disclosure_trend, trend_summary
from analysis.analyses.widths import range_width, width_summary
from analysis.findings.benchmark import benchmark_text, peer_comparison_table
from analysis.findings.changes import changes_text
from analysis.findings.levels import levels_text
from analysis.findings.locations import locations_text
from analysis.findings.market import _gaps, market_table, market_text
from analysis.findings.overview import overview_text
from analysis.findings.roles import roles_text
from analysis.findings.transparency import transparency_text

GBP = "GBP"
LONDON, MANCHESTER = "London", "Manchester"
# role family -> (midpoint in pounds, levels stated in titles)
ROLES = {"software engineer": 70_000, "data scientist": 60_000, "data analyst": 42_000}
LEVELS = {"entry": 0.8, "senior": 1.2, "staff": 1.5}
METROS = {LONDON: 1.2, MANCHESTER: 1.0}


def pound_market(*, seed: int = 11, raise_by: float = 1.0) -> pd.DataFrame:
    """Closed annual GBP bands: every role family at every level in London and Manchester, six
    employers each, so roles rank, ladders climb and London's lead can be tested."""
    rng = np.random.default_rng(seed)
    rows = []
    for family, base in ROLES.items():
        for level, step in LEVELS.items():
            for metro, factor in METROS.items():
                for i in range(6):
                    mid = base * step * factor * raise_by * rng.lognormal(0, 0.04)
                    low, high = round(mid * 0.9, -2), round(mid * 1.1, -2)
                    rows.append(band_row(
                        posting_id=f"uk:{family}-{level}-{metro}-{i}", employer=f"E{i}",
                        title=f"{level.title()} {family.title()}", role_family=family,
                        level=level, track="ic", metro=metro, city=metro, state=None,
                        county=None, country="GB", location_raw=metro, soc_code=None,
                        occupation=None, is_phd=False, has_bonus=False, has_equity=False,
                        pay_text=f"£{low:,.0f} - £{high:,.0f} per annum", currency=GBP,
                        pay_min=low, pay_max=high, annual_min=low, annual_max=high,
                        annual_mid=(low + high) / 2))
    return bands_frame(rows)


@pytest.fixture(scope="module")
def pounds() -> pd.DataFrame:
    return pound_market()


def words(text) -> str:
    """Everything a report's text shows: title, scope, findings, captions, caveats, method,
    notes."""
    parts = [text.title, text.scope, *(f.sentence for f in text.findings), *text.caveats,
             *text.method, *text.notes.values()]
    for caption in text.captions.values():
        parts += [caption.title, caption.subtitle, caption.alt, caption.source,
                  caption.xlabel or ""]
    return "\n".join(parts)


def assert_in_pounds(text) -> str:
    shown = words(text)
    assert "£" in shown
    assert "$" not in shown, [line for line in shown.splitlines() if "$" in line]
    return shown


def test_roles_report_quotes_pounds(pounds):
    roles = role_bands(pounds, currency=GBP, n_boot=50)
    matrix = role_metro_matrix(pounds, currency=GBP, reference=LONDON)
    text = roles_text(pounds, roles=roles, matrix=matrix, focus_role="data scientist",
                      focus_metro=LONDON, currency=GBP, n_boot=100)
    shown = assert_in_pounds(text)
    assert "£" in text.title  # the top role's median heads the report
    focus = next(f for f in text.findings if f.kind == "focus role")
    assert "typical band £" in focus.sentence  # money_range, both ends in pounds
    metro = next(f for f in text.findings if f.kind == "metro lead")
    assert "£" in metro.sentence  # London against the others pooled, both medians
    assert "£" in text.captions["02_role_bands"].title
    assert "GBP" in shown


def test_levels_report_quotes_pounds(pounds):
    ladders = level_ladder(pounds, currency=GBP, n_boot=50)
    text = levels_text(
        ladder=select_ladder(ladders, role_family="software engineer", track="ic"),
        others=largest_ladders(ladders, track="ic", exclude="software engineer"),
        coverage=level_coverage(pounds, role_family="software engineer", track="ic",
                                currency=GBP),
        focus_role="software engineer", track="ic", currency=GBP)
    assert_in_pounds(text)
    assert "£" in text.title
    step = next(f for f in text.findings if f.kind == "level step")
    jump = next(f for f in text.findings if f.kind == "biggest step")
    assert step.sentence.count("£") == 2 and jump.sentence.count("£") == 2
    assert any("closed GBP ranges" in line for line in text.method)


def test_benchmark_report_quotes_pounds(pounds):
    posting = "uk:software engineer-senior-London-0"
    result, peers = benchmark_for(pounds, posting_id=posting, currency=GBP)
    assert result["status"].iloc[0] == "ok"
    text = benchmark_text(result=result, peers=peers, bands=pounds, currency=GBP,
                          snapshot="2026-11-01")
    assert_in_pounds(text)
    percentile, percentiles, gap = text.findings[:3]
    assert percentile.sentence.count("£") == 3  # the band's two ends and its midpoint
    assert "typical peer band runs £" in percentiles.sentence
    assert gap.sentence.count("£") >= 4  # the gap, the median and its interval's ends
    assert text.captions["05_benchmark"].title.startswith("£")


def test_benchmark_of_a_posting_too_thin_to_place_quotes_pounds(pounds):
    # a posting at a level only it holds: peers widen, but too few employers to place it
    lone = pounds.iloc[[0]].assign(posting_id="me", employer="Lone", level="staff",
                                   role_family="data analyst", annual_min=30_000.0,
                                   annual_max=34_000.0, annual_mid=32_000.0)
    thin = pd.concat([lone, pounds.loc[pounds["role_family"] == "data analyst"].head(8)])
    result, peers = benchmark_for(thin, posting_id="me", currency=GBP)
    assert result["status"].iloc[0] != "ok"
    text = benchmark_text(result=result, peers=peers, bands=thin, currency=GBP,
                          snapshot="2026-11-01")
    shown = assert_in_pounds(text)
    assert "(its band: £30k–£34k)" in shown


def test_a_dollar_posting_in_a_pound_report_shows_no_amounts(pounds):
    # the seed posting stands in from its text; its "$" is US dollars, not pounds
    nothing = pounds.assign(annual_max=float("nan"))
    result, peers = benchmark_for(nothing, currency=GBP)
    row = result.iloc[0]
    assert (row["chosen_as"], row["status"]) == ("seed", "other currency")
    text = benchmark_text(result=result, peers=peers, bands=nothing, currency=GBP,
                          snapshot="2026-11-01")
    assert "not posted in GBP" in text.title
    assert "£" not in "\n".join(f.sentence for f in text.findings)  # no pounds made of dollars
    assert peer_comparison_table(result)["This posting"].isna().all()


def test_market_report_never_sets_pounds_against_dollar_wages(pounds):
    assert market_reference(pounds, currency=GBP).empty
    market = focus_market(pounds, metro=LONDON, currency=GBP, n_boot=50)
    assert market.empty
    text = market_text(market, comparable=comparable_bands(pounds, currency=GBP),
                       focus_metro=LONDON, snapshot="2026-11-01", currency=GBP)
    shown = words(text)
    assert "$" not in shown and "£" not in shown
    assert "GBP bands are not set against OEWS wages, which are in USD" == text.title
    assert "never converted" in text.notes["08_market"]
    assert [f.confidence for f in text.findings] == ["none"]


def test_market_gaps_quote_posted_pay_in_its_currency_and_oews_in_dollars():
    rows = pd.DataFrame({"role_family": ["x"], "gap_to_p50_pct": [0.1],
                         "posted_mid_median": [110_000.0], "p50": [100_000.0],
                         "n_postings": [30]})
    assert _gaps(rows, currency="USD") == "x +10% ($110k vs $100k, n=30 postings)"
    assert _gaps(rows, currency="CAD") == "x +10% (CA$110k vs $100k, n=30 postings)"


def test_market_table_interval_in_the_report_currency():
    market = pd.DataFrame({
        "role_family": ["x"], "occupation": ["X"], "oews_area_type": ["metro"],
        "n_postings": [30], "n_employers": [6], "posted_mid_median": [110_000.0],
        "posted_mid_median_low": [100_000.0], "posted_mid_median_high": [120_000.0],
        "p50": [100_000.0], "gap_to_p50_pct": [0.1], "mid_position": [60.0],
        "position_flag": ["within"], "versus_p50": ["within noise"]})
    assert market_table(market, currency="EUR")["95% interval"].iloc[0] == "€100k–€120k"
    assert market_table(market)["95% interval"].iloc[0] == "$100k–$120k"


# --- reports that quote no amount still name the currency and write no dollar sign --------------

def _overview(bands):
    postings = bands["posting_id"].nunique()
    history = pd.DataFrame({"snapshot": ["2026-11-01"], "postings": [postings]})
    return overview_text(
        sources=coverage.coverage_by(bands, by="source"), periods=coverage.period_shares(bands),
        quality=coverage.pay_quality(bands), facts=headline_figures(bands),
        comparable=comparable_bands(bands, currency=GBP), counts={},
        reasons=coverage.quarantine_reasons(pd.DataFrame(columns=["reason"])), history=history,
        growth=coverage.snapshot_growth(history), currency=GBP)


def _locations(bands):
    ref = resolve_reference(bands, location=LONDON, currency=GBP)
    controls = ("role_family", "level")
    index = metro_index(bands, reference=ref.reference, controls=controls, currency=GBP,
                        n_boot=100)
    per_level = metro_index_by_level(bands, reference=ref.reference, controls=controls,
                                     currency=GBP, metros=index.order)
    return locations_text(ref=ref, index=index, per_level=per_level,
                          gaps=gaps_by_level(per_level), controls=controls, role="",
                          location=LONDON, currency=GBP, snapshot="2026-11-01")


def _transparency(bands):
    laws, facts = load_laws(), headline_figures(bands)
    judged_on = judgement_date(facts["snapshot"])
    trend = disclosure_trend(bands, by="state")
    return transparency_text(
        facts=facts, snapshots=1, rates=disclosure_by_state(bands, on=judged_on, laws=laws),
        coverage=law_coverage(bands, on=judged_on, laws=laws),
        wide=width_summary(range_width(bands, per_band=True, currency=GBP)), laws=laws,
        judged_on=judged_on, over_time=trend_summary(trend, laws=laws, by="state", min_n=20),
        currency=GBP, min_postings=20)


def _changes(bands):
    new = pound_market(seed=12, raise_by=1.05).assign(snapshot="2026-12-01")
    diff = snapshot_diff(bands, new)
    return changes_text(
        facts=headline_figures(new), old_facts=headline_figures(bands), counts=diff_counts(diff),
        shifts=group_shifts(bands, new, by="metro", currency=GBP, n_boot=100),
        rebands=largest_rebands(diff, top=len(diff)), by="metro", currency=GBP, n_boot=100)


@pytest.mark.parametrize("report", [_overview, _locations, _transparency, _changes],
                         ids=["01", "04", "06", "07"])
def test_reports_without_amounts_name_the_currency(pounds, report):
    shown = words(report(pounds))
    assert "GBP" in shown and "USD" not in shown
    assert "$" not in shown
