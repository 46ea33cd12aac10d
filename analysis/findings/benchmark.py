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
from analysis.config import (
    CONFIDENCE,
    DEFAULT_CURRENCY,
    MIN_EMPLOYERS,
    MIN_PEERS,
    N_BOOT,
    SEED,
    SMALL_N,
)
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import INTERVAL, confidence_of, n_text, plural
from analysis.formats import money, money_range, ordinal

BENCHMARK_CHART = "05_benchmark"
# The peer columns Chart 1's data file keeps: the pay compared (location-adjusted when the
# benchmark was), then the midpoint as posted and the factor between them.
CHART_COLUMNS = ["posting_id", "employer", "title", "metro", "level", "annual_min", "annual_mid",
                 "annual_max", "posted_annual_mid", "location_factor"]


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
    level_basis, peer_levels : as :func:`~analysis.analyses.benchmark.benchmark_posting` set
        them ("stated", "inferred from pay", "all levels", with " ± 1 level" when adjacent
        levels joined).
    level_text : the peers' level in words ("level inferred from pay: senior — the posting
        states none, 93% likely among senior, staff, manager").
    widened : peers come from beyond the posting's metro (state or nation).
    location_adjusted, n_unadjusted : widened peers' pay was moved to the posting's metro with
        the metro index; peers left as posted for want of an index.
    location_text : what was done about location, in words ("" in the metro).
    too_few_employers : fewer than ``MIN_EMPLOYERS`` peer employers: no interval, no claim.
    below_levels_considered : the level was inferred, yet the posting pays below the typical
        midpoint of every level considered.
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
    level_basis: str
    peer_levels: str
    level_text: str
    widened: bool
    location_adjusted: bool
    n_unadjusted: int
    location_text: str
    too_few_employers: bool
    below_levels_considered: bool


def peer_group_text(benchmark: pd.DataFrame) -> str:
    """The peer group of a :func:`~analysis.analyses.benchmark.benchmark_posting` row, in words:
    role family, level (and how it was chosen), scope, and whether pay was location-adjusted.

    >>> row = pd.DataFrame([{"role_family": "data scientist", "level": "senior",
    ...                      "peer_scope": "state", "metro": None, "state": "CA"}])
    >>> peer_group_text(row)
    'data scientist postings, senior level, state of CA'
    >>> row = row.assign(level=None, inferred_level="senior", peer_levels="mid, senior, staff",
    ...                  level_basis="inferred from pay ± 1 level", location_adjusted=True)
    >>> print(peer_group_text(row))  # doctest: +NORMALIZE_WHITESPACE
    data scientist postings, senior ± 1 level (inferred from pay; mid, senior, staff), state of CA,
    pay location-adjusted with the metro index
    """
    row = benchmark.iloc[0]
    family = cell_value(row, "role_family") or "unclassified role"
    level = cell_value(row, "level") or cell_value(row, "inferred_level")
    basis = cell_value(row, "level_basis") or ("stated" if level else "all levels")
    adjacent = basis.endswith(" level")  # "stated ± 1 level"
    reach = basis[basis.index("±"):] if adjacent else ""
    inferred = basis.startswith("inferred")
    if level is None or basis == "all levels":
        levels = "any level"
    elif adjacent:
        how = f"inferred from pay; {row['peer_levels']}" if inferred else row["peer_levels"]
        levels = f"{level} {reach} ({how})"
    else:
        levels = f"{level} level (inferred from pay)" if inferred else f"{level} level"
    scope = {
        "metro": f"{cell_value(row, 'metro')} metro",
        "state": f"state of {cell_value(row, 'state')}",
        "nation": "nationwide",
    }[row["peer_scope"]]
    if row["peer_scope"] != "metro" and "location_adjusted" in row.index:
        scope += (", pay location-adjusted with the metro index" if row["location_adjusted"]
                  else ", pay as posted (not location-adjusted)")
    return f"{family} postings, {levels}, {scope}"


def level_text(benchmark: pd.DataFrame) -> str:
    """How the peers' level was chosen, in words.

    >>> row = pd.DataFrame([{"level": None, "inferred_level": "entry", "level_probability": 0.8,
    ...                      "levels_considered": "entry, mid, senior",
    ...                      "level_basis": "inferred from pay", "peer_levels": "entry"}])
    >>> print(level_text(row))  # doctest: +NORMALIZE_WHITESPACE
    level inferred from pay: entry — the posting states none (80% likely among entry, mid,
    senior, the levels with at least 5 peer postings nationally)
    """
    row = benchmark.iloc[0]
    basis = cell_value(row, "level_basis") or "all levels"
    if basis == "all levels":
        return ("every level — the posting states none, and too few peers state theirs to infer "
                "it from pay")
    if basis.startswith("stated"):
        text = f"level as stated: {cell_value(row, 'level')}"
    else:
        text = (f"level inferred from pay: {row['inferred_level']} — the posting states none "
                f"({row['level_probability']:.0%} likely among {row['levels_considered']}, the "
                f"levels with at least {SMALL_N} peer postings nationally)")
    if basis.endswith(" level"):
        text += (f"; with too few peers at that level even nationally, the adjacent levels join "
                 f"({basis[basis.index('±'):]}: {row['peer_levels']})")
    return text


def location_text(benchmark: pd.DataFrame) -> str:
    """What the benchmark did about location, in words ("" when peers share the posting's metro).
    """
    row = benchmark.iloc[0]
    if row["peer_scope"] == "metro":
        return ""
    metro = cell_value(row, "metro")
    if not row["location_adjusted"]:
        why = ("the posting's metro has no metro index (too few employers post there)" if metro
               else "the posting has no metro")
        return f"pay as posted, not location-adjusted: {why}"
    text = f"peers' pay moved to the {metro} metro as pay × index({metro}) / index(its metro)"
    left = int(row["n_peers_unadjusted"])
    if left:
        text += (f"; {plural(left, 'peer posting')} in metros without an index (fewer than "
                 f"{MIN_EMPLOYERS} employers, or no metro) left as posted")
    return text


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
    # no interval (too few peer employers): no above, below or within-noise claim either
    claim = row["status"] == "ok" and not bool(row["too_few_employers"])
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
        direction="" if pd.isna(gap) or not claim else ("below" if gap < 0 else "above"),
        gap=abs(gap),
        gap_pct=abs(row["gap_to_median_pct"]),
        within_noise=claim and bool(row["gap_within_noise"]),
        top_employer=employer_name,
        top_employer_postings=employer_postings,
        level_stated=cell_value(row, "level") is not None,
        level_mix=", ".join(f"{level} {count:,}" for level, count in levels.items()),
        level_basis=row["level_basis"],
        peer_levels=row["peer_levels"],
        level_text=level_text(benchmark),
        widened=row["peer_scope"] != "metro",
        location_adjusted=bool(row["location_adjusted"]),
        n_unadjusted=int(row["n_peers_unadjusted"]),
        location_text=location_text(benchmark),
        too_few_employers=bool(row["too_few_employers"]),
        below_levels_considered=bool(row["below_levels_considered"]),
    )


def peer_comparison_table(benchmark: pd.DataFrame) -> pd.DataFrame:
    """A :func:`benchmark_for` row as a report table: the posting against its peers, by measure.

    :func:`~.benchmark.benchmark_table` with display names (Measure, This posting, Peers
    p10, Peers p25, Peers median, Peers p75, Peers p90, Percentile, Peer postings) and the
    percentile as an ordinal ("12th"), left empty unless the posting is placed (status "ok").
    A posting in another currency than the report's (status "other currency") shows no amounts:
    its own are in a currency the table is not written in, and are never converted.
    """
    table = benchmark_table(benchmark)
    status = benchmark["status"].iloc[0]
    percentile = table["percentile"].map(ordinal) if status == "ok" else None
    if status == "other currency":
        table = table.assign(posting=float("nan"))
    return table.assign(percentile=percentile).rename(columns={
        "measure": "Measure", "posting": "This posting", "peer_p10": "Peers p10",
        "peer_p25": "Peers p25", "peer_median": "Peers median", "peer_p75": "Peers p75",
        "peer_p90": "Peers p90", "percentile": "Percentile", "n_peers": "Peer postings"})


PEER_COLUMNS = {"employer": "Employer", "title": "Title", "metro": "Metro", "level": "Level",
                "annual_min": "Minimum", "annual_mid": "Midpoint", "annual_max": "Maximum"}


# Shown beside the compared (location-adjusted) pay when any peer's pay was moved.
POSTED_COLUMNS = {"posted_annual_mid": "Midpoint as posted"}


def peer_list_table(peers: pd.DataFrame, *, top: int = 40) -> pd.DataFrame:
    """The `top` peer postings of :func:`benchmark_for` with the highest midpoints, highest first,
    as a report lists them (:data:`PEER_COLUMNS`; the pay compared, location-adjusted when the
    benchmark was, then :data:`POSTED_COLUMNS` when any peer's pay was moved)."""
    ranked = peers.sort_values(["annual_mid", "posting_id"], ascending=[False, True])
    columns = dict(PEER_COLUMNS)
    factor = peers.get("location_factor")
    if factor is not None and (factor.fillna(1.0) != 1.0).any():
        columns |= POSTED_COLUMNS
    return ranked[list(columns)].rename(columns=columns).head(top)


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
        findings = _placed_findings(row, facts, currency=currency)
        title = (f"{who} posts in line with its {plural(n_peers, 'peer posting')}' median"
                 if facts.within_noise else
                 f"{who} posts {facts.gap_pct:.0%} {facts.direction} the median of its "
                 f"{plural(n_peers, 'peer posting')}")
    elif facts.status == "not found":
        findings = [Finding(
            f"**{who} is not in snapshot {snapshot}**, so nothing is benchmarked; give a "
            f"posting_id from the bands table, or title, location and pay_text.",
            kind="no benchmark", subject=who, n=0, confidence="none")]
        title = f"{who} cannot be benchmarked: {facts.reason}"
    else:
        findings = _unplaced_findings(row, facts, currency=currency)
        title = f"{who} cannot be benchmarked: {facts.reason}"
    chosen_as = cell_value(row, "chosen_as")
    if chosen_as == "typical":
        findings.append(Finding(
            "**No posting was named**, so this is the data's typical posting: of its largest "
            "role family × metro group, the one whose midpoint is nearest the group's median "
            "(give posting_id, or title, location and pay_text, to benchmark another).",
            kind="default", subject=who, confidence="none"))
    if facts.given_as == "text" and not pay_text:
        findings.append(Finding(
            "**The seed posting is not in this data**, so it is benchmarked from its published "
            "title, location and pay text.", kind="seed", subject=who, confidence="none"))
    given = " given as text" if facts.given_as == "text" else ""
    scope = (f"One posting{given} ({who}, {facts.place}) against "
             f"{plural(n_peers, 'peer posting')}: {facts.peer_group}. Annual base salary, "
             f"{_as_posted(facts)}, {currency}." if facts.status != "not found" else
             f"{who} looked up among the {plural(bands['posting_id'].nunique(), 'posting')} of "
             f"snapshot {snapshot}.")
    return ReportText(
        title=title,
        scope=scope,
        findings=findings,
        captions={BENCHMARK_CHART: _chart_caption(row, facts, source, currency=currency)},
        caveats=_caveats(facts),
        method=_method(seed=chosen_as == "seed"),
        notes={BENCHMARK_CHART: f"{who} cannot be benchmarked ({facts.reason})."},
    )


def _placed_findings(row: pd.Series, facts: BenchmarkFacts, *, currency: str) -> list[Finding]:
    who, n, employers = facts.who, facts.n_peers, facts.n_employers
    confidence = confidence_of(n, employers)
    band = money_range(row["annual_min"], row["annual_max"], currency=currency)
    median = float(row["peer_annual_mid_median"])
    interval = (float(row["peer_annual_mid_median_low"]),
                float(row["peer_annual_mid_median_high"]))
    gap = f"{money(facts.gap, currency=currency)} ({facts.gap_pct:.0%}) {facts.direction}"
    median_text = money(median, currency=currency)
    interval_text = money_range(*interval, currency=currency)
    typical = money_range(row["peer_annual_min_median"], row["peer_annual_max_median"],
                          currency=currency)
    common = dict(subject=who, n=n, employers=employers, confidence=confidence)
    return [
        Finding(
            f"**{who} posts {band}**: its midpoint {money(row['annual_mid'], currency=currency)} "
            f"is at the {ordinal(row['pct_mid'])} percentile of {plural(n, 'peer posting')} from "
            f"{plural(employers, 'employer')}.",
            kind="percentile", value=float(row["pct_mid"]), chart="Chart 1", **common),
        Finding(
            f"**Minimum, midpoint and maximum rank at the {ordinal(row['pct_min'])}, "
            f"{ordinal(row['pct_mid'])} and {ordinal(row['pct_max'])} percentiles** of the "
            f"peers' minimums, midpoints and maximums; the typical peer band runs "
            f"{typical} (median minimum to median maximum).",
            kind="percentiles", value=float(row["pct_mid"]), chart="the table below", **common),
        Finding(
            (f"**The gap to the peer median is within noise**: {gap} a median midpoint of "
             f"{median_text} whose {INTERVAL} is {interval_text} ({n_text(n)})."
             if facts.within_noise else
             f"**{gap[:1].upper()}{gap[1:]} the peer median midpoint** of {median_text}, "
             f"outside its {INTERVAL} {interval_text} ({n_text(n)})."),
            kind="gap to median", value=float(row["gap_to_median"]), interval=interval,
            chart="Chart 1", **common),
        Finding(
            f"**Peers are {facts.peer_group}**: {facts.level_text}; the narrowest of metro, "
            f"state and nation holding at least {MIN_PEERS} peer postings"
            f"{'; ' + facts.location_text if facts.location_text else ''}; "
            f"{plural(n, 'posting')} from "
            f"{plural(employers, 'employer')}, the largest ({facts.top_employer}) posting "
            f"{facts.top_employer_postings:,} of them.",
            kind="peer group", value=float(n), **common),
    ]


def _unplaced_findings(row: pd.Series, facts: BenchmarkFacts, *, currency: str
                       ) -> list[Finding]:
    n, employers = facts.n_peers, facts.n_employers
    band = (f" (its band: {money_range(row['annual_min'], row['annual_max'], currency=currency)})"
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
        quartiles = money_range(row["peer_annual_mid_p25"], row["peer_annual_mid_p75"],
                                currency=currency)
        findings.append(Finding(
            f"**Its peers post a median midpoint of "
            f"{money(row['peer_annual_mid_median'], currency=currency)}** (p25–p75 "
            f"{quartiles}, {n_text(n, employers)}).",
            kind="peer median", subject=facts.peer_group,
            value=float(row["peer_annual_mid_median"]), n=n, employers=employers,
            confidence=confidence_of(n, employers)))
    return findings


def _chart_caption(row, facts: BenchmarkFacts, source: str, *, currency: str) -> Caption:
    if not facts.placed:
        return Caption(f"{facts.who} cannot be benchmarked: {facts.reason}", source=source)
    band = money_range(row["annual_min"], row["annual_max"], currency=currency)
    where = ("within noise of their median" if facts.within_noise else
             f"{facts.gap_pct:.0%} {facts.direction} their median")
    return Caption(
        title=(f"{band} sits at the {ordinal(row['pct_mid'])} percentile of "
               f"{plural(facts.n_peers, 'peer posting')}' midpoints, {where}"),
        subtitle=(f"Annual base salary, {_as_posted(facts)}, {currency} · peers: "
                  f"{facts.peer_group} · "
                  f"{n_text(facts.n_peers, facts.n_employers).replace('n=', 'n = ', 1)}"),
        alt=(f"Strip of the pay bands of {plural(facts.n_peers, 'peer posting')} (one band "
             f"each) sorted by midpoint, with "
             f"{facts.who}'s band {band} drawn over them at the {ordinal(row['pct_mid'])} "
             f"percentile."),
        source=source,
    )


def _as_posted(facts: BenchmarkFacts) -> str:
    """How the pay shown was posted: the peers' is moved to the posting's metro when adjusted."""
    return ("the posting's as posted, its peers' location-adjusted to its metro"
            if facts.location_adjusted else "as posted")


def _caveats(facts: BenchmarkFacts) -> list[str]:
    n = facts.n_peers
    return [
        "Posted is not paid: these are advertised base-salary ranges; bonus, equity and "
        "benefits named in the posting are not in the figures.",
        _level_caveat(facts),
        (f"One employer ({facts.top_employer}) posts {facts.top_employer_postings:,} of the "
         f"{plural(n, 'peer posting')}; the percentile partly reflects its ranges."
         if facts.placed else
         "No percentile is reported, so the peers listed are context, not a placement."
         if n else "Without peers there is no distribution to read."),
        *_location_caveat(facts),
    ]


def _level_caveat(facts: BenchmarkFacts) -> str:
    n, basis = facts.n_peers, facts.level_basis
    if basis == "all levels" and n:
        return (f"The title states no level, so peers span every level (peer postings by level: "
                f"{facts.level_mix}); part of a gap can be seniority, not pay.")
    if basis.startswith("inferred"):
        text = (f"The title states no level; its {facts.level_text}. A level read from the "
                f"posting's own pay leans toward peers paid like it, so the gap can look smaller "
                f"than it is" + (
                    "; and the posting pays below the typical midpoint of every level "
                    "considered, so it may belong to a lower level with too few peers to "
                    "consider, and its gap to these peers be partly seniority."
                    if facts.below_levels_considered else "."))
    else:
        text = ("Levels are read from titles; a misread level puts the posting among the wrong "
                "peers.")
    if basis.endswith(" level"):
        text += (f" Peers span adjacent levels ({facts.peer_levels}; by level: "
                 f"{facts.level_mix}); part of a gap can be seniority, not pay.")
    return text


def _location_caveat(facts: BenchmarkFacts) -> list[str]:
    if not facts.widened or not facts.n_peers:
        return []
    if not facts.location_adjusted:
        return [f"Peers come from beyond the posting's metro at pay as posted ("
                f"{facts.location_text.removeprefix('pay as posted, not location-adjusted: ')}"
                f"); part of a gap can be location, not pay."]
    return ["Peers outside the posting's metro are compared at its metro's pay level: the metro "
            "index (composition-adjusted for role family and level, report 04) is an average "
            "over roles and levels, so a role priced differently from its metro's average keeps "
            "part of that difference."]


def _method(*, seed: bool) -> list[str]:
    return [
        "Peers: other postings with a closed range (minimum and maximum) in the report currency, "
        "the same role family and the same level, in the posting's metro; widened to its state, "
        f"then the nation, while fewer than {MIN_PEERS} peer postings remain. A posting with "
        "several bands counts once, by its first band.",
        "Level: as the title states it; when it states none, inferred from pay: each level with "
        f"at least {SMALL_N} peer postings nationally is a normal model of log midpoint (its own "
        "mean, a standard deviation pooled across levels, its share of postings as prior), and "
        "the level of highest posterior is used; with fewer than two such levels, peers span "
        f"every level. When the level has fewer than {SMALL_N} peer postings or "
        f"{MIN_PEER_EMPLOYERS} employers even nationally, the adjacent levels of its ladder join, "
        "and the report says so.",
        "Location: beyond the metro, each peer's minimum, midpoint and maximum are multiplied by "
        "index(posting's metro) / index(peer's metro), the composition-adjusted metro index "
        "(log midpoint on metro, role family and level, employer-clustered; report 04); metros "
        f"whose index rests on fewer than {MIN_EMPLOYERS} employers, and a posting's metro "
        "without an index, leave pay as posted.",
        "Percentile of the posting's minimum, midpoint and maximum among the peers' minimums, "
        "midpoints and maximums: the share of peers below plus half of those tied (scipy's "
        f"percentileofscore, kind \"mean\"); reported only with at least {SMALL_N} peer postings "
        f"from {MIN_PEER_EMPLOYERS} employers.",
        f"Interval of the peer median midpoint: {CONFIDENCE:.0%} employer-clustered interval "
        f"(employers resampled, {N_BOOT:,} resamples, seed {SEED}; t with employers − 1 degrees "
        f"of freedom); none with fewer than {MIN_EMPLOYERS} peer employers. A posting inside it "
        "is reported as within noise; without it, nothing is said about the gap.",
    ] + ([
        "Default posting: Meta's \"Research Scientist, Machine Learning (PhD)\", Sunnyvale, CA, "
        "\"$117,000/year to $173,000/year + bonus + equity + benefits\" (careers/meta/"
        "1107338720995841.html), the suite's seed posting."] if seed else [
        "Default posting (none named): in the data's largest role family × metro group of "
        "closed ranges, the posting whose midpoint is nearest the group's median."])


def posting_label(benchmark: pd.DataFrame) -> str:
    """The label Chart 1 gives the posting's band: its employer, else "This posting"."""
    return cell_value(benchmark.iloc[0], "employer") or "This posting"
