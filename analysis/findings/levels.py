"""Report 03 (levels): how posted pay climbs one role family's level ladder.

`levels_text` is the report's words: a ReportText built from the ladder Chart 1 plots
(`select_ladder` of `level_ladder`), the other families' ladders Chart 2 plots
(`largest_ladders`) and the posting counts behind them (`level_coverage`). `ladder_facts` reads
one ladder's extremes; `ladder_method` is the report's method box.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.analyses.ladder import LevelCoverage, ladder_steps
from analysis.config import DEFAULT_CURRENCY, LOW_CONFIDENCE_N, MIN_EMPLOYERS, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    confidence_of,
    count_of,
    join_names,
    n_text,
    percent,
    plural,
    sentence_case,
)
from analysis.formats import money
from analysis.normalize.vocabulary import IC_LEVELS, MANAGEMENT_LEVELS

LADDER_CHART = "03_ladder"
FAMILIES_CHART = "03_ladders_by_family"
# Words for a track in prose ("the individual-contributor track").
TRACK_NAMES = {"ic": "individual-contributor", "management": "management"}
# A median overlap at least this large reads as levels that interleave rather than stack.
INTERLEAVE = 0.25


@dataclass(frozen=True)
class LadderFacts:
    """What report 03 says about one ladder; rows are `ladder_steps` / `select_ladder` rows.

    ``biggest``, ``smallest`` and ``most_overlap`` are None (and the medians NaN) on a ladder
    with fewer than two levels; ``lowest``, ``highest`` and ``smallest_level`` are None on an
    empty one.
    """

    n_levels: int
    n_steps: int
    lowest: pd.Series | None
    highest: pd.Series | None
    median_step: float
    biggest: pd.Series | None
    smallest: pd.Series | None
    median_overlap: float
    most_overlap: pd.Series | None
    thin: pd.DataFrame
    n_faded: int
    smallest_level: pd.Series | None


def ladder_facts(
    ladder: pd.DataFrame,
    *,
    low_confidence_n: int = LOW_CONFIDENCE_N,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
) -> LadderFacts:
    """The headline facts of one ladder: its range, typical step, extremes, overlap, thin levels.

    Parameters
    ----------
    ladder : pandas.DataFrame
        One ladder in ladder order (`select_ladder` output). Not modified.
    low_confidence_n : int
        Levels with fewer postings are ``thin`` (grey in tables, "indicative" in prose).
    min_n, min_employers : int
        Levels below either are counted in ``n_faded`` (the ladder chart fades them).

    Returns
    -------
    LadderFacts
        ``lowest`` / ``highest``: first and last level rows; ``median_step``: median of the
        steps; ``biggest`` / ``smallest``: the steps with the largest and smallest ``step_pct``
        (the first one on ties); ``median_overlap`` and ``most_overlap`` likewise for
        ``overlap_pct``; ``thin``: level rows below `low_confidence_n` postings;
        ``smallest_level``: the level row with the fewest postings.
    """
    ladder = ladder.reset_index(drop=True)
    steps = ladder_steps(ladder)
    stepped = steps.dropna(subset=["step_pct"])
    overlapping = steps.dropna(subset=["overlap_pct"])
    few_employers = ladder["n_employers"] < min_employers
    return LadderFacts(
        n_levels=len(ladder),
        n_steps=len(stepped),
        lowest=ladder.iloc[0] if len(ladder) else None,
        highest=ladder.iloc[-1] if len(ladder) else None,
        median_step=float(stepped["step_pct"].median()) if len(stepped) else np.nan,
        biggest=stepped.loc[stepped["step_pct"].idxmax()] if len(stepped) else None,
        smallest=stepped.loc[stepped["step_pct"].idxmin()] if len(stepped) else None,
        median_overlap=(float(overlapping["overlap_pct"].median()) if len(overlapping)
                        else np.nan),
        most_overlap=(overlapping.loc[overlapping["overlap_pct"].idxmax()] if len(overlapping)
                      else None),
        thin=ladder.loc[ladder["n_postings"] < low_confidence_n].reset_index(drop=True),
        n_faded=int(((ladder["n_postings"] < min_n) | few_employers).sum()),
        smallest_level=ladder.loc[ladder["n_postings"].idxmin()] if len(ladder) else None,
    )


def levels_text(
    *,
    ladder: pd.DataFrame,
    others: pd.DataFrame,
    coverage: LevelCoverage,
    focus_role: str,
    track: str,
    currency: str = DEFAULT_CURRENCY,
    snapshot: str = "unknown",
) -> ReportText:
    """Everything report 03 says, from the frames its charts plot.

    ladder : `select_ladder` of the focus role on `track` (Chart 1 and the table); others :
    `largest_ladders(ladders, track=track, exclude=focus_role)` (the families of Chart 2);
    coverage : `level_coverage` of the focus role on `track`.
    """
    facts = ladder_facts(ladder)
    track_name = TRACK_NAMES.get(track, track)
    base = f"annual base salary, as posted, {currency}"
    source = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges whose title "
              f"states a level; n = postings.")
    stepping = others.dropna(subset=["median_step"]).sort_values("median_step", kind="stable")
    ok = facts.n_levels >= 2
    if ok:
        findings = [
            _step_finding(facts, coverage, stepping, track_name, currency=currency),
            _jump_finding(facts, coverage, currency=currency),
            _overlap_finding(facts, coverage),
            _thin_finding(facts, coverage),
            _unstated_finding(coverage, focus_role),
        ]
        title = (f"{sentence_case(focus_role)} pay climbs a median {percent(facts.median_step)} "
                 f"per level, {money(facts.lowest['annual_mid_median'], currency=currency)} to "
                 f"{money(facts.highest['annual_mid_median'], currency=currency)}")
        if _thin(coverage):
            # A ladder on too few postings or employers is shown, marked, but never headlines.
            title = (f"Too few levelled {focus_role} postings to read a ladder: "
                     f"{plural(coverage.ladder_postings, 'posting')} across "
                     f"{plural(facts.n_levels, 'level')}")
    else:
        findings = [
            _no_ladder_finding(facts, coverage, focus_role, track_name, currency),
            _others_finding(others, track_name),
            _unstated_finding(coverage, focus_role),
        ]
        title = (f"No {focus_role} ladder on the {track_name} track: "
                 f"{plural(facts.n_levels, 'level')} with pay")
    notes = {}
    if not ok:
        notes[LADDER_CHART] = findings[0].text
    if not len(others):
        notes[FAMILIES_CHART] = f"No other role family states levels on the {track_name} track."
    return ReportText(
        title=title,
        scope=(f"{sentence_case(focus_role)} postings on the {track_name} track whose title "
               f"states a level: {_postings_from(coverage)}, all locations; {base}; other role "
               f"families for comparison."),
        findings=findings,
        captions={
            LADDER_CHART: _ladder_caption(facts, coverage, focus_role, track_name, base,
                                          snapshot, source),
            FAMILIES_CHART: _families_caption(others, stepping, track_name, base, snapshot,
                                              source),
        },
        caveats=_caveats(coverage, focus_role),
        method=ladder_method(currency=currency),
        notes=notes,
    )


def _postings_from(coverage: LevelCoverage) -> str:
    if not coverage.ladder_postings:
        return "none in this data"
    return (f"{plural(coverage.ladder_postings, 'posting')} from "
            f"{plural(coverage.ladder_employers, 'employer')}")




def _step_finding(facts: LadderFacts, coverage: LevelCoverage, stepping: pd.DataFrame,
                  track_name: str, *, currency: str) -> Finding:
    low, high = facts.lowest, facts.highest
    others = ""
    if len(stepping) > 1:
        least, most = stepping["median_step"].iloc[0], stepping["median_step"].iloc[-1]
        span = (f"{percent(least)}–{percent(most)}" if least >= 0
                else f"{percent(least)} to {percent(most)}")
        others = f"; the next largest role families step a median {span} per level"
    elif len(stepping):
        others = (f"; {stepping['role_family'].iloc[0]}, the next largest role family, steps a "
                  f"median {percent(stepping['median_step'].iloc[0])} per level")
    n, employers = coverage.ladder_postings, coverage.ladder_employers
    return Finding(
        f"**Each level adds a median {percent(facts.median_step)}** to the posted midpoint: "
        f"{facts.n_levels:,} {track_name} levels run from "
        f"{money(low['annual_mid_median'], currency=currency)} ({low['level']}) to "
        f"{money(high['annual_mid_median'], currency=currency)} ({high['level']}); "
        f"{n_text(n, employers)}{others}.",
        kind="level step", subject=str(low["role_family"]), value=facts.median_step, n=n,
        employers=employers, confidence=confidence_of(n, employers),
        chart="Charts 1 and 2" if len(stepping) else "Chart 1",
    )


def _jump_finding(facts: LadderFacts, coverage: LevelCoverage, *, currency: str) -> Finding:
    big, small = facts.biggest, facts.smallest
    n = int(big["from_n"]) + int(big["n_postings"])
    rest = (f"; the smallest is {small['from_level']} → {small['level']}, "
            f"{small['step_pct']:+.0%}." if facts.n_steps > 1 else ", the ladder's only step.")
    return Finding(
        f"**The biggest jump is {big['from_level']} → {big['level']}, {big['step_pct']:+.0%}** "
        f"({money(big['from_mid'], currency=currency)} → {money(big['mid'], currency=currency)}, "
        f"n={int(big['from_n']):,} and "
        f"{int(big['n_postings']):,} postings){rest}",
        kind="biggest step", subject=f"{big['from_level']} → {big['level']}",
        value=float(big["step_pct"]), n=n,
        confidence=confidence_of(min(int(big["from_n"]), int(big["n_postings"]))),
        chart="Chart 1",
    )


def _overlap_finding(facts: LadderFacts, coverage: LevelCoverage) -> Finding:
    shared = facts.most_overlap
    if not shared["overlap_pct"] > 0:
        return Finding(
            "**No level's typical band overlaps the level below**: the levels stack.",
            kind="level overlap", subject="adjacent levels", value=facts.median_overlap,
            n=coverage.ladder_postings, employers=coverage.ladder_employers,
            confidence=confidence_of(coverage.ladder_postings, coverage.ladder_employers),
            chart="Chart 1",
        )
    reading = ("neighbouring levels interleave rather than stack"
               if facts.median_overlap >= INTERLEAVE else
               "most levels stack with little shared range")
    return Finding(
        f"**A median {percent(facts.median_overlap)} of each level's typical band is shared with "
        f"the level below**; most at {shared['from_level']} → {shared['level']} "
        f"({percent(shared['overlap_pct'])}); {reading}.",
        kind="level overlap", subject="adjacent levels", value=facts.median_overlap,
        n=coverage.ladder_postings, employers=coverage.ladder_employers,
        confidence=confidence_of(coverage.ladder_postings, coverage.ladder_employers),
        chart="Chart 1, shaded",
    )


def _thin_finding(facts: LadderFacts, coverage: LevelCoverage) -> Finding:
    thin = facts.thin
    if not len(thin):
        smallest = facts.smallest_level
        return Finding(
            f"**Every level rests on at least {LOW_CONFIDENCE_N} postings** (smallest: "
            f"{smallest['level']}, {n_text(int(smallest['n_postings']))}).",
            kind="thin levels", subject="levels", value=0.0, n=coverage.ladder_postings,
            confidence=confidence_of(coverage.ladder_postings), chart="the table below",
        )
    listed = join_names([f"{r.level} ({n_text(r.n_postings)})" for r in thin.itertuples()],
                        limit=len(thin))
    verb = "rests" if len(thin) == 1 else "rest"
    where = ("grey in the table below, faded in Chart 1" if facts.n_faded
             else "grey in the table below")
    return Finding(
        f"**{sentence_case(count_of(len(thin), facts.n_levels, 'level'))} {verb} on fewer than "
        f"{LOW_CONFIDENCE_N} postings**: {listed}; read "
        f"{'it' if len(thin) == 1 else 'them'} as indicative ({where}).",
        kind="thin levels", subject="levels", value=float(len(thin)),
        n=int(thin["n_postings"].sum()), confidence=confidence_of(int(thin["n_postings"].sum())),
    )


def _unstated_finding(coverage: LevelCoverage, focus_role: str) -> Finding:
    infer = ("`paybands infer-levels` (pb.infer_levels) clusters their bands into levels, "
             "labelled as inferred.")
    if not coverage.postings:
        return Finding("**No posting has comparable pay**, so none is placed on a ladder.",
                       kind="unstated levels", subject="dataset", n=0, confidence="none")
    if not coverage.unstated:
        return Finding(
            f"**Every posting with comparable pay states a level** "
            f"({n_text(coverage.postings)}), so each sits on a ladder.",
            kind="unstated levels", subject="dataset", value=0.0, n=coverage.postings,
            confidence=confidence_of(coverage.postings),
        )
    role_postings = plural(coverage.role_postings, f"{focus_role} posting")
    role = (f"{coverage.role_unstated:,} of {role_postings}" if coverage.role_postings
            else role_postings)
    verb, sit = ("states", "sits") if coverage.unstated == 1 else ("state", "sit")
    return Finding(
        f"**{coverage.unstated:,} of {plural(coverage.postings, 'posting')} with comparable pay "
        f"({percent(coverage.unstated_share)}) {verb} no level** ({role}) and {sit} in no ladder; "
        f"{infer}",
        kind="unstated levels", subject="dataset", value=coverage.unstated_share,
        n=coverage.postings, confidence=confidence_of(coverage.postings),
    )


def _no_ladder_finding(facts: LadderFacts, coverage: LevelCoverage, focus_role: str,
                       track_name: str, currency: str) -> Finding:
    held = (f"only {facts.lowest['level']} holds" if facts.n_levels == 1 else "no level holds")
    return Finding(
        f"**No {focus_role} ladder on the {track_name} track**: {held} closed {currency} ranges "
        f"with a stated level, and a ladder needs two levels.",
        kind="no ladder", subject=focus_role, value=float(facts.n_levels),
        n=coverage.ladder_postings, employers=coverage.ladder_employers,
        confidence="too few" if coverage.ladder_postings else "none",
    )


def _others_finding(others: pd.DataFrame, track_name: str) -> Finding:
    if not len(others):
        return Finding(f"**No other role family states levels on the {track_name} track** in "
                       f"this data.", kind="other ladders", subject=track_name, n=0,
                       confidence="none")
    sizes = join_names([f"{r.role_family} ({n_text(r.n_postings)})" for r in others.itertuples()],
                       limit=len(others))
    n = int(others["n_postings"].sum())
    largest = ("The largest ladder on this track is" if len(others) == 1
               else "The largest ladders on this track are")
    return Finding(
        f"**{largest} {sizes}**; set focus_role to one of them.",
        kind="other ladders", subject=track_name, value=float(len(others)), n=n,
        confidence=confidence_of(n), chart="Chart 2",
    )


def _thin(coverage: LevelCoverage) -> bool:
    return confidence_of(coverage.ladder_postings, coverage.ladder_employers) == "too few"


def _indicative(coverage: LevelCoverage) -> str:
    """ "Indicative only (n=4 postings, 4 employers): " before a title drawn on too few postings."""
    if not _thin(coverage):
        return ""
    return f"Indicative only ({n_text(coverage.ladder_postings, coverage.ladder_employers)}): "


def _ladder_caption(facts: LadderFacts, coverage: LevelCoverage, focus_role: str,
                    track_name: str, base: str, snapshot: str, source: str) -> Caption:
    subtitle = (f"{sentence_case(focus_role)}, {track_name} track, all locations · typical "
                f"posted band per level, {base} · snapshot {snapshot} · "
                f"{n_text(coverage.ladder_postings, coverage.ladder_employers)}")
    if facts.n_levels < 2:
        return Caption(f"No {focus_role} ladder to draw on the {track_name} track",
                       subtitle=subtitle, source=source)
    big = facts.biggest
    jump = (f"the biggest jump is {big['from_level']} → {big['level']} ({big['step_pct']:+.0%})"
            if facts.n_steps > 1 else f"one step, {big['from_level']} → {big['level']}")
    return Caption(
        title=sentence_case(f"{_indicative(coverage)}{focus_role} pay steps up a median "
                            f"{percent(facts.median_step)} per level; {jump}"),
        subtitle=subtitle,
        alt=(f"Level ladder of {focus_role} pay: {facts.n_levels:,} floating bars from median "
             f"posted minimum to maximum, {facts.lowest['level']} to {facts.highest['level']}, "
             f"median step {percent(facts.median_step)} per level, adjacent overlaps shaded."),
        source=source,
    )


def _families_caption(others: pd.DataFrame, stepping: pd.DataFrame, track_name: str,
                      base: str, snapshot: str, source: str) -> Caption:
    families = others["role_family"].tolist()
    if len(stepping) > 1:
        title = (f"The median step per level runs from "
                 f"{percent(stepping['median_step'].iloc[0])} "
                 f"({stepping['role_family'].iloc[0]}) to "
                 f"{percent(stepping['median_step'].iloc[-1])} "
                 f"({stepping['role_family'].iloc[-1]})")
    elif families:
        title = f"The {track_name} ladder of {join_names(families)}"
    else:
        title = f"No other role family states levels on the {track_name} track"
    return Caption(
        title=title,
        subtitle=(f"{sentence_case(track_name)} track, all locations · typical posted band per "
                  f"level, "
                  f"{base} · snapshot {snapshot} · n = {int(others['n_postings'].sum()):,} "
                  f"postings"),
        alt=(f"Level ladders of {join_names(families)}, one panel each on a shared money axis, "
             f"with the step between adjacent median midpoints written between bars."),
        source=source,
    )


def _caveats(coverage: LevelCoverage, focus_role: str) -> list[str]:
    levelled = count_of(coverage.top_employer_postings, coverage.ladder_postings,
                        f"levelled {focus_role} posting")
    concentration = (
        f"{coverage.top_employer} posts {levelled}; levels with few employers mostly show those "
        f"employers' ranges." if coverage.top_employer else
        "With few levelled postings, single employers set whole levels.")
    return [
        "Posted is not paid: these are advertised base-salary ranges; bonus and equity, which "
        "grow fastest at senior levels, are not in the figures.",
        "Levels are read from title words (\"Senior\", \"Staff\", \"II\"); one employer's senior "
        "is another's mid, so a level pools different internal grades.",
        concentration,
    ]


def ladder_method(*, currency: str = DEFAULT_CURRENCY) -> list[str]:
    """The method-box sentences for a level-ladder report: what `level_ladder` computes and the
    thresholds `ladder_facts` and the ladder chart apply, so the text follows the code."""
    return [
        f"Bands: closed {currency} ranges (minimum and maximum stated), annualized; postings whose "
        "title states no level are left out.",
        "Typical band of a level: median posted minimum to median posted maximum over its bands; "
        "the white tick is the median midpoint ((minimum + maximum) / 2).",
        "Step = median midpoint / previous level's median midpoint − 1, along the ladder order "
        f"{', '.join(IC_LEVELS)} (IC) and {', '.join(MANAGEMENT_LEVELS)} (management); a level "
        "with no bands is skipped.",
        "Overlap = share of a level's typical band that the previous level's typical band also "
        "covers (0 = disjoint, 100% = inside it). Range width = median of (max − min) / min.",
        f"Thresholds: levels under {SMALL_N} postings or {MIN_EMPLOYERS} employers are faded in "
        f"charts; under {LOW_CONFIDENCE_N} postings they are grey in tables.",
    ]
