"""Report 06 (transparency): who states pay by state and over time, which postings a law covers
yet show none, and how many posted ranges are too wide to inform."""

from __future__ import annotations

import pandas as pd

from analysis.analyses.laws import law_name
from analysis.analyses.trends import TrendSummary
from analysis.analyses.widths import TOO_WIDE_SPREAD
from analysis.config import CONFIDENCE, TOO_WIDE
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    agree,
    confidence_of,
    count_of,
    join_names,
    n_text,
    percent,
    plural,
)

TREND_CHART = "06_disclosure_trend"
STATES_CHART = "06_disclosure_by_state"
SPREAD_CHART = "06_range_spread"
# The columns of range_width(per_band=True) the spread chart's CSV keeps.
SPREAD_COLUMNS = ["posting_id", "band", "employer", "annual_min", "annual_max", "width_ratio",
                  "spread", "too_wide"]

# How a covered-vs-other gap reads in a sentence, by gap_reading.
_GAP_WORDS = {"within noise": "at about the same rate as", "higher": "more often than",
              "lower": "less often than"}


def gap_reading(gap: dict) -> str:
    """How to read a :func:`~analysis.stats.share_gap`: "within noise" when its interval holds 0
    (or a group is empty), otherwise "higher" or "lower" (share a against share b)."""
    if gap["within_noise"]:
        return "within noise"
    return "higher" if gap["gap"] > 0 else "lower"


def window_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """'14 Sep 2026–1 Nov 2026' (one date when they agree; "no dated postings" when missing)."""
    if pd.isna(start) or pd.isna(end):
        return "no dated postings"
    first = f"{start.day} {start:%b %Y}"
    return first if start == end else f"{first}–{end.day} {end:%b %Y}"


def law_short_name(law) -> str:
    """'CA 2023', 'NYC 2022': a law as a few characters for a sentence or a subtitle."""
    return f"{law_name(law)} {pd.Timestamp(law['effective_date']).year}"


def ranked_states(rates: pd.DataFrame, *, min_postings: int) -> pd.DataFrame:
    """The states of :func:`~analysis.analyses.laws.disclosure_by_state` with at least
    `min_postings` postings, lowest share first: the ones Chart 2 draws in colour."""
    return rates.loc[rates["postings"] >= min_postings].sort_values(
        "share_with_pay", kind="stable").reset_index(drop=True)




def _points(share: float) -> str:
    return f"{share * 100:+.1f}"


def transparency_text(
    *,
    facts: dict,
    snapshots: int,
    rates: pd.DataFrame,
    coverage,
    wide: dict,
    over_time: TrendSummary,
    laws: pd.DataFrame,
    judged_on: pd.Timestamp,
    currency: str,
    min_postings: int,
) -> ReportText:
    """Everything report 06 says, from the frames it shows.

    facts : :func:`~analysis.analyses.coverage.headline_figures`; snapshots : snapshots in the
    store; rates : :func:`~analysis.analyses.laws.disclosure_by_state` (Chart 2); coverage :
    :func:`~analysis.analyses.laws.law_coverage`; wide : :func:`~analysis.analyses.widths.
    width_summary` of the ``range_width(per_band=True)`` bands Chart 3 draws; over_time :
    :func:`~analysis.analyses.trends.trend_summary` of the trend Chart 1 draws; laws : the laws
    table; judged_on : the day undated postings are judged on.
    """
    ranked = ranked_states(rates, min_postings=min_postings)
    uncovered = coverage.uncovered
    snapshot = facts["snapshot"] or "none"
    source_line = (f"Source: paybands snapshot {snapshot}; pay-transparency laws as listed in "
                   f"analysis/data/pay_transparency_laws.csv; n = postings unless stated.")
    window = window_text(over_time.start, over_time.end)
    share = (f"{percent(facts['share_with_pay'])} of postings state pay" if facts["postings"]
             else "No postings")
    return ReportText(
        title=(f"{share}; {plural(len(uncovered), 'posting')} that a pay-transparency law "
               f"covers {agree(len(uncovered), 'shows', 'show')} none"),
        scope=(f"All {plural(facts['postings'], 'posting')} in snapshot {snapshot}, by state; "
               f"trend over {plural(snapshots, 'snapshot')}, {window}; pay ranges as "
               f"{currency} annual base salary, as posted."),
        findings=[
            _states_finding(facts, ranked, min_postings),
            _gap_finding(coverage),
            _uncovered_finding(coverage),
            _width_finding(wide, currency),
            _trend_finding(over_time, min_postings),
        ],
        captions={
            TREND_CHART: _trend_caption(over_time, window, min_postings, source_line),
            STATES_CHART: _states_caption(facts, rates, ranked, judged_on, min_postings,
                                          source_line),
            SPREAD_CHART: _spread_caption(wide, snapshot, currency, source_line),
        },
        caveats=[
            "Employer size is unknown: a posting counts as covered assuming its employer meets "
            "the law's size threshold, so some \"uncovered\" postings may be exempt.",
            "Remote postings are not assigned to a jurisdiction, though several laws reach "
            "remote roles; they are left out of the law comparison and the uncovered count.",
            f"Posted is not paid: a range states what an employer advertises. The laws table "
            f"({plural(len(laws), 'US law')}) is as understood when written; check each against "
            f"its source.",
        ],
        method=_method(over_time.period, judged_on, min_postings),
    )


def _states_finding(facts: dict, ranked: pd.DataFrame, min_postings: int) -> Finding:
    postings, with_pay = facts["postings"], facts["postings_with_pay"]
    if not postings:
        return Finding("**No postings to read**: the snapshot holds no postings, so no state's "
                       "disclosure can be shown.", kind="disclosure share", subject="dataset",
                       n=0, employers=0, confidence="none", chart="Chart 2")
    lead = (f"**{percent(facts['share_with_pay'])} of {plural(postings, 'posting')} state a pay "
            f"range** ({with_pay:,})")
    if len(ranked) > 1:
        low, high = ranked.iloc[0], ranked.iloc[-1]
        rest = (f"among the {len(ranked):,} states with at least {min_postings} postings the "
                f"rate runs from {percent(low['share_with_pay'])} ({low['state']}, "
                f"{n_text(low['postings'])}) to {percent(high['share_with_pay'])} "
                f"({high['state']}, {n_text(high['postings'])}).")
    elif len(ranked):
        only = ranked.iloc[0]
        rest = (f"only {only['state']} has {min_postings} or more postings, "
                f"{percent(only['share_with_pay'])} of them with pay.")
    else:
        rest = f"no state has {min_postings} or more postings."
    return Finding(f"{lead}; {rest}", kind="disclosure share", subject="dataset",
                   value=facts["share_with_pay"], n=postings, employers=facts["employers"],
                   confidence=confidence_of(postings, facts["employers"]), chart="Chart 2")


def _gap_finding(coverage) -> Finding:
    gap, covered_n, other_n = coverage.gap, coverage.covered_n, coverage.other_n
    if not min(covered_n, other_n):
        empty = "no posting falls under a law in force" if not covered_n else \
            "every US posting falls under a law in force"
        return Finding(
            f"**No comparison of covered and uncovered postings**: {empty}, so there is nothing "
            f"to compare with.", kind="law gap", subject="covered vs other US postings",
            n=covered_n + other_n, confidence="none")
    reading = gap_reading(gap)
    return Finding(
        f"**Postings under a law in force disclose {_GAP_WORDS[reading]} other US postings**: "
        f"{percent(gap['share_a'])} ({n_text(covered_n)}) vs {percent(gap['share_b'])} "
        f"({n_text(other_n)}), a gap of {_points(gap['gap'])} points ({CONFIDENCE:.0%} CI "
        f"{_points(gap['gap_low'])} to {_points(gap['gap_high'])})"
        + (", within noise." if gap["within_noise"] else ".")
        + " Remote postings are left out of both.",
        kind="law gap", subject="covered vs other US postings", value=gap["gap"],
        interval=(gap["gap_low"], gap["gap_high"]), n=covered_n + other_n,
        confidence=confidence_of(min(covered_n, other_n)))


def _uncovered_finding(coverage) -> Finding:
    uncovered, covered_n = coverage.uncovered, coverage.covered_n
    common = dict(kind="uncovered postings", subject="postings under a law", n=covered_n,
                  employers=int(uncovered["employer"].nunique()), chart="the table below")
    if not covered_n:
        return Finding("**No posting falls under a pay-transparency law in force**, so none can "
                       "be missing pay under one.", value=0.0, confidence="none", **common)
    if not len(uncovered):
        return Finding(f"**Every posting a law in force covers states pay**: "
                       f"{count_of(covered_n, covered_n, 'covered posting')}.", value=0.0,
                       confidence=confidence_of(covered_n), **common)
    share, k = len(uncovered) / covered_n, len(uncovered)
    law = (f"all under {coverage.by_law.index[0]}" if len(coverage.by_law) == 1 else
           f"most under {coverage.by_law.index[0]} ({coverage.by_law.iloc[0]:,})")
    top = int(coverage.by_employer.iloc[0])
    employer = (f"{coverage.by_employer.index[0]} alone posted {top:,} of them" if top > 1 else
                "each from a different employer" if k > 1 else
                f"posted by {coverage.by_employer.index[0]}")
    return Finding(
        f"**{plural(k, 'posting')} {agree(k, 'shows', 'show')} no pay although a law in force "
        f"covers {agree(k, 'it', 'them')}** ({percent(share)} of "
        f"{plural(covered_n, 'covered posting')}), {law}; {employer}.",
        value=share, confidence=confidence_of(covered_n), **common)


def _width_finding(wide: dict, currency: str) -> Finding:
    common = dict(kind="too wide share", subject=f"closed {currency} bands", n=wide["bands"],
                  chart="Chart 3")
    if not wide["bands"]:
        return Finding(f"**No closed {currency} bands to measure**: no posting states both a "
                       f"minimum and a maximum in {currency}.", confidence="none", **common)
    k, n = wide["too_wide"], wide["bands"]
    # "neither band is", "the one band is", "none of 3 bands are"
    one = 1 if n == 1 or (n == 2 and not k) else k
    return Finding(
        f"**{count_of(k, n, f'closed {currency} band')} "
        f"({percent(wide['share_too_wide'], digits=1)}) {agree(one, 'is', 'are')} "
        f"too wide to inform**: {agree(one, 'its', 'their')} maximum is more than "
        f"{TOO_WIDE:g}× the minimum, a range spread ((max − min) / min) above "
        f"{percent(TOO_WIDE_SPREAD)}; the median band tops out "
        f"{percent(wide['median_spread'])} above its minimum.",
        value=wide["share_too_wide"], confidence=confidence_of(wide["bands"]), **common)


def _law_text(over_time: TrendSummary) -> str:
    marked = len(over_time.marked_laws)
    if not marked:
        return "no pay-transparency law took effect in the window"
    return f"dashed: {plural(marked, 'law')} taking effect in the window"


def _in_force_text(over_time: TrendSummary) -> str:
    names = [law_short_name(law) for _, law in over_time.in_force.iterrows()]
    text = f"in force throughout: {join_names(names, limit=len(names))}"
    if over_time.without_law:
        without = join_names(over_time.without_law, limit=len(over_time.leaders))
        text += f"; no state law in {without}"
    return text


def _largest(n: int) -> str:
    """"the largest state", "the 5 largest states"."""
    return "the largest state" if n == 1 else f"the {n:,} largest states"


def _trend_finding(over_time: TrendSummary, min_postings: int) -> Finding:
    period, leaders = over_time.period, over_time.leaders
    common = dict(kind="disclosure trend", subject="largest states", n=over_time.postings,
                  chart="Chart 1")
    if not len(over_time.readable):
        return Finding(
            f"**Too few postings per {period} to read a trend by state**: none of the largest "
            f"states reaches {min_postings} postings in a {period}.",
            confidence="too few" if over_time.postings else "none", **common)
    if over_time.n_periods > 1:
        lead = (f"**Disclosure stayed between {percent(over_time.low)} and "
                f"{percent(over_time.high)} per {period}** in {_largest(len(leaders))} "
                f"({join_names(leaders, limit=len(leaders))})"
                f" over {plural(over_time.n_periods, period)}, reading a state's {period} only "
                f"with at least {min_postings} postings")
    else:
        lead = (f"**Only one {period} is in the store, so there is no trend yet**; refresh the "
                f"data to follow disclosure over time")
    return Finding(f"{lead}; {_law_text(over_time)}; {_in_force_text(over_time)}.",
                   value=over_time.high,
                   confidence=confidence_of(int(over_time.readable["postings"].min())), **common)


def _trend_caption(over_time: TrendSummary, window: str, min_postings: int,
                   source_line: str) -> Caption:
    period, leaders = over_time.period, over_time.leaders
    largest = _largest(len(leaders))
    if not len(over_time.readable):
        title = f"Too few postings per {period} to read a trend by state"
    elif over_time.n_periods < 2:
        title = (f"One {period} only, no trend yet: {percent(over_time.low)}–"
                 f"{percent(over_time.high)} of postings in {largest} state pay")
    else:
        title = (f"{period.capitalize()} by {period}, {percent(over_time.low)}–"
                 f"{percent(over_time.high)} of postings in {largest} stated pay")
    counted = (" posted (each posting once, as last listed)" if period != "snapshot" else
               " (each snapshot counts the postings it lists)")
    thin = (f"not drawn: {over_time.thin} of {over_time.cells} state-{period}s of {largest}, "
            f"under {min_postings} postings · " if over_time.thin else "")
    return Caption(
        title=title,
        subtitle=(f"Share of postings stating a pay range, by state and {period}{counted} · "
                  f"{window} · n = {plural(over_time.postings, 'posting')} · grey: other states · "
                  f"{thin}{_law_text(over_time)}"),
        alt=(f"Line chart of the share of postings stating pay per {period}, for {largest} "
             f"({join_names(leaders, limit=len(leaders))}), other states in grey; {period}s with "
             f"fewer than {min_postings} postings are left out."),
        source=source_line,
    )


def _states_caption(facts, rates, ranked, judged_on, min_postings, source_line) -> Caption:
    if len(ranked) > 1:
        low, high = ranked.iloc[0], ranked.iloc[-1]
        title = (f"{high['state']} discloses most ({percent(high['share_with_pay'])}), "
                 f"{low['state']} least ({percent(low['share_with_pay'])}) among states with "
                 f"{min_postings}+ postings")
    elif len(ranked):
        only = ranked.iloc[0]
        title = (f"Only {only['state']} has {min_postings}+ postings; "
                 f"{percent(only['share_with_pay'])} of them state pay")
    else:
        title = f"No state has {min_postings} or more postings"
    stateless = facts["postings"] - int(rates["postings"].sum())
    return Caption(
        title=title,
        subtitle=(f"Share of postings stating a pay range, by state, with its pay-transparency "
                  f"law in force on {judged_on:%Y-%m-%d} · snapshot {facts['snapshot'] or 'none'}"
                  f" · bars count postings; grey: fewer than {min_postings} postings · "
                  f"{plural(stateless, 'posting')} without a state (remote or unknown) left out"),
        alt="Bar chart of the share of postings that state pay, by state, ranked, with law status.",
        source=source_line,
        xlabel="Share of postings with a pay range",
    )


def _spread_caption(wide: dict, snapshot: str, currency: str, source_line: str) -> Caption:
    title = (f"Half of posted bands top out {percent(wide['median_spread'])} or less above their "
             f"minimum; {percent(wide['share_too_wide'], digits=1)} are too wide to inform"
             if wide["bands"] else f"No closed {currency} bands to measure")
    return Caption(
        title=title,
        subtitle=(f"Range spread = (max − min) / min of each closed {currency} band, annual "
                  f"base salary as posted · too wide: max more than {TOO_WIDE:g}× min (spread > "
                  f"{percent(TOO_WIDE_SPREAD)}) · snapshot {snapshot} · "
                  f"n = {plural(wide['bands'], 'band')}"),
        alt=(f"Histogram of range spread ((max − min) / min) of posted pay bands, with the "
             f"too-wide threshold at {percent(TOO_WIDE_SPREAD)} and "
             f"{plural(wide['too_wide'], 'band')} beyond it."),
        source=source_line,
    )


def _method(period: str, judged_on: pd.Timestamp, min_postings: int) -> list[str]:
    return [
        "A posting states pay when any of its bands has a readable amount; postings are counted, "
        "not bands.",
        f"Trend by {period}: months when posting dates span 92 days or more, weeks from 21 days, "
        "otherwise snapshots. By month or week each posting counts once, as its latest snapshot "
        f"lists it; postings without a posted date are left out. A state's {period} with fewer "
        f"than {min_postings} postings is not drawn and its line breaks there.",
        "Law coverage: state laws by the posting's state, city laws by its city (New York City "
        "boroughs, Cleveland); a law applies to postings posted on or after its effective date; "
        f"undated postings are judged on {judged_on:%Y-%m-%d}.",
        f"Covered vs other US postings: difference of shares with Newcombe's hybrid score "
        f"{CONFIDENCE:.0%} interval; a gap whose interval holds 0 is reported as within noise.",
        f"Range spread = (max − min) / min, the comp-practice (WorldatWork) definition the other "
        f"reports use too; a 100k–150k band spreads 50%. Too wide: max / min > {TOO_WIDE:g}, the "
        f"same as spread > {percent(TOO_WIDE_SPREAD)} (wider than the widest salary-structure "
        "grades). Closed bands in the report currency only.",
    ]


def uncovered_table(uncovered: pd.DataFrame, *, top: int = 20) -> pd.DataFrame:
    """The `top` uncovered postings for a report: employers with the most such postings first,
    each employer's newest first, with the law that covers them and its employer-size threshold.

    Columns: Employer, Title, Location ("City, ST"), "Law (year; applies from)", Posted ("20 Oct").
    """
    data = uncovered.assign(
        employer_postings=uncovered.groupby("employer")["posting_id"].transform("size"),
        location=uncovered["city"].fillna("").str.cat(uncovered["state"].fillna(""), sep=", ")
        .str.strip(", "),
        law=uncovered["jurisdiction"] + " (" + uncovered["effective_date"].dt.year.astype(str)
        + "; " + uncovered["employer_size_threshold"].astype(str) + "+ employees)",
        posted=pd.to_datetime(uncovered["posted_date"]).dt.strftime("%d %b"),
    )
    data = data.sort_values(["employer_postings", "employer", "posted_date"],
                            ascending=[False, True, False], kind="stable")
    return data.head(top)[["employer", "title", "location", "law", "posted"]].rename(
        columns={"employer": "Employer", "title": "Title", "location": "Location",
                 "law": "Law (year; applies from)", "posted": "Posted"}
    ).reset_index(drop=True)
