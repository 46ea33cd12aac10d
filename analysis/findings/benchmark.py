"""Report 05 (benchmark): where one posting's band sits among its peers, in words.

Every number quoted comes from :func:`~analysis.analyses.benchmark_cases.benchmark_for`'s row and
peers, the frames Chart 1 plots (the peer strip and the posting's band over it) and the table
below it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.analyses.benchmark import benchmark_table, cell_value
from analysis.analyses.benchmark_cases import MIN_PEER_EMPLOYERS
from analysis.analyses.roles import top_employer
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_PEERS, N_BOOT, SEED, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import INTERVAL, confidence_of, n_text, plural
from analysis.formats import money, money_range, ordinal

BENCHMARK_CHART = "05_benchmark"
# The peer columns Chart 1's data file keeps.
CHART_COLUMNS = ["posting_id", "employer", "title", "metro", "level", "annual_min", "annual_mid",
                 "annual_max"]


@dataclass(frozen=True)
class BenchmarkFacts:
    """What a benchmark report says about its posting, beside the numbers of its benchmark row.

    Attributes
    ----------
    status, given_as : as :func:`benchmark_for` set them.
    placed : status "ok": a percentile can be reported.
    who : "Title at Employer"; the title alone without an employer; "Posting ID" or "The posting"
        without a title.
    employer : "" when unknown.
    place : the posting's metro, else its state, else "location unknown".
    peer_group : the peers in words ("research scientist postings, senior level, state of CA").
    reason : why the posting is not placed, a clause (:data:`REASONS`; "" when placed).
    has_band : the posting has a closed range in the report currency.
    n_peers, n_employers : peer postings and their employers.
    describable : peers numerous and varied enough (``SMALL_N`` postings from
        ``MIN_PEER_EMPLOYERS`` employers) to quote their distribution.
    direction : "above" or "below" the peers' median midpoint ("" without a gap).
    gap, gap_pct : the gap's absolute size, in currency and as a fraction (NaN without a gap).
    within_noise : placed, with the midpoint inside the 95% interval of the peers' median.
    top_employer, top_employer_postings : the employer posting most peers (None, 0 without peers).
    level_stated : the posting's title states a level.
    level_mix : the peers by level, largest first ("senior 8, staff 4, not stated 3").
    """

    status: str
    given_as: str
    placed: bool
    who: str
    employer: str
    place: str
    peer_group: str
    reason: str
    has_band: bool
    n_peers: int
    n_employers: int
    describable: bool
    direction: str
    gap: float
    gap_pct: float
    within_noise: bool
    top_employer: str | None
    top_employer_postings: int
    level_stated: bool
    level_mix: str


def peer_group_text(benchmark: pd.DataFrame) -> str:
    """The peer group of a :func:`~analysis.analyses.benchmark.benchmark_posting` row, in words.

    >>> row = pd.DataFrame([{"role_family": "data scientist", "level": "senior",
    ...                      "peer_scope": "state", "metro": None, "state": "CA"}])
    >>> peer_group_text(row)
    'data scientist postings, senior level, state of CA'
    """
    row = benchmark.iloc[0]
    family = cell_value(row, "role_family") or "unclassified role"
    level = cell_value(row, "level")
    scope = {
        "metro": f"{cell_value(row, 'metro')} metro",
        "state": f"state of {cell_value(row, 'state')}",
        "nation": "nationwide",
    }[row["peer_scope"]]
    return f"{family} postings, {f'{level} level' if level else 'any level'}, {scope}"


# Why a posting is not placed, by status: a clause after "cannot be benchmarked: ".
REASONS = {
    "ok": "",
    "not found": "it is not in the data",
    "no pay": "it states no closed pay range",
    "other currency": "its pay is not posted in {currency}",
    "no peers": "it has no peers",
    "too few peers": "it has too few peers",
}


def benchmark_facts(
    benchmark: pd.DataFrame, *, peers: pd.DataFrame, currency: str = DEFAULT_CURRENCY
) -> BenchmarkFacts:
    """The facts a benchmark report's title, findings and caveats quote (:class:`BenchmarkFacts`).

    `benchmark` and `peers` are what :func:`benchmark_for` returns; `currency` is the one it was
    given (for the wording of why a posting is not placed).
    """
    row = benchmark.iloc[0]
    title, employer = cell_value(row, "title"), cell_value(row, "employer") or ""
    posting_id = cell_value(row, "posting_id")
    name = title or (f"Posting {posting_id}" if posting_id else "The posting")
    n_peers, n_employers = int(row["n_peers"]), int(row["n_peer_employers"])
    gap = row["gap_to_median"]
    employer_name, employer_postings = top_employer(peers["employer"])
    levels = peers["level"].astype(object).fillna("not stated").value_counts()
    return BenchmarkFacts(
        status=row["status"],
        given_as=row["given_as"],
        placed=row["status"] == "ok",
        who=f"{name} at {employer}" if employer else name,
        employer=employer,
        place=cell_value(row, "metro") or cell_value(row, "state") or "location unknown",
        peer_group=peer_group_text(benchmark),
        reason=REASONS[row["status"]].format(currency=currency),
        has_band=row["status"] in ("ok", "no peers", "too few peers"),
        n_peers=n_peers,
        n_employers=n_employers,
        describable=n_peers >= SMALL_N and n_employers >= MIN_PEER_EMPLOYERS,
        direction="" if pd.isna(gap) else ("below" if gap < 0 else "above"),
        gap=abs(gap),
        gap_pct=abs(row["gap_to_median_pct"]),
        within_noise=row["status"] == "ok" and bool(row["gap_within_noise"]),
        top_employer=employer_name,
        top_employer_postings=employer_postings,
        level_stated=cell_value(row, "level") is not None,
        level_mix=", ".join(f"{level} {count:,}" for level, count in levels.items()),
    )


def peer_comparison_table(benchmark: pd.DataFrame) -> pd.DataFrame:
    """A :func:`benchmark_for` row as a report table: the posting against its peers, by measure.

    :func:`~.benchmark.benchmark_table` with display names (Measure, This posting, Peers
    p25, Peers median, Peers p75, Percentile, n peers) and the percentile as an ordinal ("12th"),
    left empty unless the posting is placed (status "ok").
    """
    table = benchmark_table(benchmark)
    placed = benchmark["status"].iloc[0] == "ok"
    percentile = table["percentile"].map(ordinal) if placed else None
    return table.assign(percentile=percentile).rename(columns={
        "measure": "Measure", "posting": "This posting", "peer_p25": "Peers p25",
        "peer_median": "Peers median", "peer_p75": "Peers p75", "percentile": "Percentile",
        "n_peers": "n peers"})


PEER_COLUMNS = {"employer": "Employer", "title": "Title", "metro": "Metro", "level": "Level",
                "annual_min": "Minimum", "annual_mid": "Midpoint", "annual_max": "Maximum"}


def peer_list_table(peers: pd.DataFrame, *, top: int = 40) -> pd.DataFrame:
    """The `top` peer postings of :func:`benchmark_for` with the highest midpoints, highest first,
    as a report lists them (:data:`PEER_COLUMNS`)."""
    ranked = peers.sort_values(["annual_mid", "posting_id"], ascending=[False, True])
    return ranked[list(PEER_COLUMNS)].rename(columns=PEER_COLUMNS).head(top)


def benchmark_text(
    *,
    result: pd.DataFrame,
    peers: pd.DataFrame,
    bands: pd.DataFrame,
    currency: str,
    snapshot: str,
    pay_text: str = "",
) -> ReportText:
    """Everything report 05 says, from :func:`benchmark_for`'s `result` row and `peers` (Chart 1).

    bands : the snapshot's bands (only counted, for a posting that is not found); pay_text : the
    report's parameter (empty when the seed posting stood in from its published text).
    """
    facts = benchmark_facts(result, peers=peers, currency=currency)
    row = result.iloc[0]
    who, n_peers = facts.who, facts.n_peers
    source = (f"Source: paybands snapshot {snapshot}; postings as published by employers and "
              f"job boards; peers = closed {currency} ranges, one band per posting.")
    if facts.placed:
        findings = _placed_findings(row, facts)
        title = (f"{who} posts in line with its {plural(n_peers, 'peer')}' median"
                 if facts.within_noise else
                 f"{who} posts {facts.gap_pct:.0%} {facts.direction} the median of its "
                 f"{plural(n_peers, 'peer')}")
    elif facts.status == "not found":
        findings = [Finding(
            f"**{who} is not in snapshot {snapshot}**, so nothing is benchmarked; give a "
            f"posting_id from the bands table, or title, location and pay_text.",
            kind="no benchmark", subject=who, n=0, confidence="none")]
        title = f"{who} cannot be benchmarked: {facts.reason}"
    else:
        findings = _unplaced_findings(row, facts, currency)
        title = f"{who} cannot be benchmarked: {facts.reason}"
    if facts.given_as == "text" and not pay_text:
        findings.append(Finding(
            "**The seed posting is not in this data**, so it is benchmarked from its published "
            "title, location and pay text.", kind="seed", subject=who, confidence="none"))
    given = " given as text" if facts.given_as == "text" else ""
    scope = (f"One posting{given} ({who}, {facts.place}) against "
             f"{plural(n_peers, 'peer posting')}: {facts.peer_group}. Annual base salary, as "
             f"posted, {currency}." if facts.status != "not found" else
             f"{who} looked up among the {plural(bands['posting_id'].nunique(), 'posting')} of "
             f"snapshot {snapshot}.")
    return ReportText(
        title=title,
        scope=scope,
        findings=findings,
        captions={BENCHMARK_CHART: _chart_caption(row, facts, currency, source)},
        caveats=_caveats(facts),
        method=_method(),
        notes={BENCHMARK_CHART: f"{who} cannot be benchmarked ({facts.reason})."},
    )


def _placed_findings(row: pd.Series, facts: BenchmarkFacts) -> list[Finding]:
    who, n, employers = facts.who, facts.n_peers, facts.n_employers
    confidence = confidence_of(n, employers)
    band = money_range(row["annual_min"], row["annual_max"])
    median = float(row["peer_annual_mid_median"])
    interval = (float(row["peer_annual_mid_median_low"]),
                float(row["peer_annual_mid_median_high"]))
    gap = f"{money(facts.gap)} ({facts.gap_pct:.0%}) {facts.direction}"
    common = dict(subject=who, n=n, employers=employers, confidence=confidence)
    return [
        Finding(
            f"**{who} posts {band}**: its midpoint {money(row['annual_mid'])} is at the "
            f"{ordinal(row['pct_mid'])} percentile of {plural(n, 'peer posting')} from "
            f"{plural(employers, 'employer')}.",
            kind="percentile", value=float(row["pct_mid"]), chart="Chart 1", **common),
        Finding(
            f"**Minimum, midpoint and maximum rank at the {ordinal(row['pct_min'])}, "
            f"{ordinal(row['pct_mid'])} and {ordinal(row['pct_max'])} percentiles** of the "
            f"peers' minimums, midpoints and maximums; the typical peer band runs "
            f"{money_range(row['peer_annual_min_median'], row['peer_annual_max_median'])} "
            f"(median minimum to median maximum).",
            kind="percentiles", value=float(row["pct_mid"]), chart="the table below", **common),
        Finding(
            (f"**The gap to the peer median is within noise**: {gap} a median midpoint of "
             f"{money(median)} whose {INTERVAL} is {money_range(*interval)} ({n_text(n)})."
             if facts.within_noise else
             f"**{gap[:1].upper()}{gap[1:]} the peer median midpoint** of {money(median)}, "
             f"outside its {INTERVAL} {money_range(*interval)} ({n_text(n)})."),
            kind="gap to median", value=float(row["gap_to_median"]), interval=interval,
            chart="Chart 1", **common),
        Finding(
            f"**Peers are {facts.peer_group}**: the narrowest of metro, state and nation holding "
            f"at least {MIN_PEERS} peer postings; {plural(n, 'posting')} from "
            f"{plural(employers, 'employer')}, the largest ({facts.top_employer}) posting "
            f"{facts.top_employer_postings:,} of them.",
            kind="peer group", value=float(n), **common),
    ]


def _unplaced_findings(row: pd.Series, facts: BenchmarkFacts, currency: str) -> list[Finding]:
    n, employers = facts.n_peers, facts.n_employers
    band = (f" (its band: {money_range(row['annual_min'], row['annual_max'])})"
            if facts.has_band else "")
    peers = (f"Its peer group, {facts.peer_group}, holds {plural(n, 'posting')} from "
             f"{plural(employers, 'employer')}" if n else
             f"No other posting in its peer group ({facts.peer_group}) states a closed "
             f"{currency} range")
    findings = [Finding(
        f"**{facts.who} cannot be benchmarked: {facts.reason}**{band}. {peers}; a percentile "
        f"needs a closed {currency} range and at least {SMALL_N} peer postings from "
        f"{MIN_PEER_EMPLOYERS} employers.",
        kind="no benchmark", subject=facts.who, n=n, employers=employers,
        confidence="none" if not n else "too few" if not facts.describable else "ok")]
    if facts.describable:
        findings.append(Finding(
            f"**Its peers post a median midpoint of {money(row['peer_annual_mid_median'])}** "
            f"(p25–p75 {money_range(row['peer_annual_mid_p25'], row['peer_annual_mid_p75'])}, "
            f"{n_text(n, employers)}).",
            kind="peer median", subject=facts.peer_group,
            value=float(row["peer_annual_mid_median"]), n=n, employers=employers,
            confidence=confidence_of(n, employers)))
    return findings


def _chart_caption(row, facts: BenchmarkFacts, currency: str, source: str) -> Caption:
    if not facts.placed:
        return Caption(f"{facts.who} cannot be benchmarked: {facts.reason}", source=source)
    band = money_range(row["annual_min"], row["annual_max"])
    where = ("within noise of their median" if facts.within_noise else
             f"{facts.gap_pct:.0%} {facts.direction} their median")
    return Caption(
        title=(f"{band} sits at the {ordinal(row['pct_mid'])} percentile of "
               f"{plural(facts.n_peers, 'peer')}' midpoints, {where}"),
        subtitle=(f"Annual base salary, as posted, {currency} · peers: {facts.peer_group} · "
                  f"{n_text(facts.n_peers, facts.n_employers).replace('n=', 'n = ', 1)}"),
        alt=(f"Strip of {plural(facts.n_peers, 'peer pay band')} sorted by midpoint, with "
             f"{facts.who}'s band {band} drawn over them at the {ordinal(row['pct_mid'])} "
             f"percentile."),
        source=source,
    )


def _caveats(facts: BenchmarkFacts) -> list[str]:
    n = facts.n_peers
    return [
        "Posted is not paid: these are advertised base-salary ranges; bonus, equity and "
        "benefits named in the posting are not in the figures.",
        (f"The title states no level, so peers span every level ({facts.level_mix}); part of a "
         f"gap can be seniority, not pay." if not facts.level_stated and n else
         "Levels are read from titles; a misread level puts the posting among the wrong peers."),
        (f"One employer ({facts.top_employer}) posts {facts.top_employer_postings:,} of the "
         f"{plural(n, 'peer')}; the percentile partly reflects its ranges." if facts.placed else
         "No percentile is reported, so the peers listed are context, not a placement."
         if n else "Without peers there is no distribution to read."),
    ]


def _method() -> list[str]:
    return [
        "Peers: other postings with a closed range (minimum and maximum) in the report currency, "
        "the same role family, the same level when the posting's title states one, in the "
        f"posting's metro; widened to its state, then the nation, while fewer than {MIN_PEERS} "
        "peers remain. A posting with several bands counts once, by its first band.",
        "Percentile of the posting's minimum, midpoint and maximum among the peers' minimums, "
        "midpoints and maximums: the share of peers below plus half of those tied (scipy's "
        f"percentileofscore, kind \"mean\"); reported only with at least {SMALL_N} peers from "
        f"{MIN_PEER_EMPLOYERS} employers.",
        f"Interval of the peer median midpoint: {CONFIDENCE:.0%} bootstrap percentile interval, "
        f"{N_BOOT:,} "
        f"resamples, seed {SEED}; a posting inside it is reported as within noise.",
        "Default posting: Meta's \"Research Scientist, Machine Learning (PhD)\", Sunnyvale, CA, "
        "\"$117,000/year to $173,000/year + bonus + equity + benefits\" (careers/meta/"
        "1107338720995841.html), benchmarked from that text when the data does not hold it.",
    ]


def posting_label(benchmark: pd.DataFrame) -> str:
    """The label Chart 1 gives the posting's band: its employer, else "This posting"."""
    return cell_value(benchmark.iloc[0], "employer") or "This posting"
