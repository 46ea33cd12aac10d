"""Report 04 (locations): each metro's pay as an index against one location's metro, in words.

Every number quoted is read from the frames the charts plot: `metro_index`'s table (Chart 1: dots
are the adjusted ``index`` with its interval line, rings the ``raw_index``) and
`metro_index_by_level` (Chart 2). The finding about adjustment counts the rows where a ring falls
outside its line (``raw_outside``), so it can never disagree with the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.analyses.location_index import LocationIndex, Reference
from analysis.config import CONFIDENCE, INDEX_LEVELS, MIN_EMPLOYERS, N_BOOT, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    CLUSTERED,
    INTERVAL,
    agree,
    confidence_of,
    count_of,
    interval_text,
    join_names,
    n_text,
    plural,
    sentence_case,
    too_few,
)

LOCATION_CHART = "04_location_index"
LEVEL_CHART = "04_location_index_by_level"

# Words for adjustment controls in prose ("for the same role and level").
CONTROL_WORDS = {
    "role_family": "role",
    "level": "level",
    "track": "track",
    "employer": "employer",
    "is_remote": "remote status",
}


def metro_city(metro: str) -> str:
    """The metro's first named city, for prose: 'Austin-Round Rock-San Marcos, TX' -> 'Austin'."""
    return str(metro).split(",")[0].split("-")[0].strip()


def describe_controls(controls: Sequence[str]) -> str:
    """Controls in prose: ("role_family", "level") -> "role and level"; none -> "nothing"."""
    return " and ".join(CONTROL_WORDS.get(c, c) for c in controls) or "nothing"






def _levels_text(levels: Sequence[str]) -> str:
    return join_names(list(levels), limit=len(levels) or 1)


def locations_text(
    *,
    ref: Reference,
    index: LocationIndex,
    per_level: pd.DataFrame,
    gaps: pd.DataFrame,
    controls: Sequence[str],
    role: str,
    location: str,
    currency: str,
    snapshot: str,
) -> ReportText:
    """Everything report 04 says, from the frames it shows.

    ref : :func:`~analysis.analyses.location_index.resolve_reference`; index :
    :func:`~analysis.analyses.location_index.metro_index` (its ``table`` is Chart 1); per_level :
    :func:`~analysis.analyses.location_index.metro_index_by_level` (Chart 2); gaps :
    :func:`~analysis.analyses.location_index.gaps_by_level` of `per_level`.
    """
    adjusted_for = describe_controls(controls)
    same = f"for the same {adjusted_for}" if controls else "before any adjustment"
    role_text = f"{role} postings" if role else "postings of all roles"
    base = f"annual base salary, as posted, {currency}"
    source = f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges; n = postings."
    words = dict(focus=ref.focus, same=same, role_text=role_text, currency=currency)
    missing = _missing_reference(ref, location) if ref.reference and not ref.found else None
    level_note = (f"{ref.focus} has fewer than {SMALL_N} comparable postings at "
                  f"{_levels_text(INDEX_LEVELS)} level, or there is no other metro to compare.")
    if not index.ok:
        fallback = _fallback(ref, role, **words)
        return ReportText(
            title=(f"No {role_text} state comparable {currency} pay: nothing to compare"
                   if ref.reference is None else
                   f"No metro besides {ref.focus} has enough {role_text} with {currency} pay "
                   f"to compare"),
            scope=f"{role_text.capitalize()}, {base}.",
            findings=([missing] if missing else []) + fallback,
            captions={
                LOCATION_CHART: Caption("No metros to index", source=source),
                LEVEL_CHART: Caption("No metros to index level by level", source=source),
            },
            caveats=_caveats(ref, index, adjusted_for),
            method=location_method(location=location, controls=controls, currency=currency),
            notes={LOCATION_CHART: fallback[0].text, LEVEL_CHART: level_note},
        )
    lead = index.lead
    findings = ([missing] if missing else []) + [
        _lead_finding(lead, controls, **words),
        adjustment_finding(index.table, controls),
        _readings_finding(index, **words),
        _level_finding(index, per_level, gaps, focus=ref.focus),
    ]
    return ReportText(
        title=_lead_claim(lead, **words),
        scope=(f"{role_text.capitalize()} in {ref.n_metros:,} metros against the "
               f"{ref.reference} metro (= 100); {base}; composition-adjusted for "
               f"{adjusted_for}."),
        findings=findings,
        captions={
            LOCATION_CHART: _index_caption(index, ref, adjusted_for, base, source, **words),
            LEVEL_CHART: _level_caption(per_level, gaps, ref, controls, base, source,
                                        role_text),
        },
        caveats=_caveats(ref, index, adjusted_for),
        method=location_method(location=location, controls=controls, currency=currency),
        notes={LEVEL_CHART: level_note},
    )


def _lead_claim(lead: pd.Series, *, focus: str, same: str, **_) -> str:
    city = metro_city(lead["metro"])
    if lead["reading"] == "within noise":
        return f"{city} posts in line with {focus} {same}"
    if lead["reading"] == "too few employers":
        return (f"{city} indexes {lead['index']:.0f} against {focus} {same}, with too few "
                f"employers to call it a gap")
    return f"{city} posts {abs(100 - lead['index']):.0f}% {lead['reading']} {focus} {same}"


def _lead_finding(lead: pd.Series, controls, **words) -> Finding:
    n, employers = int(lead["n_postings"]), int(lead["n_employers"])
    noise = ", includes 100: within noise" if lead["reading"] == "within noise" else ""
    return Finding(
        f"**{_lead_claim(lead, **words)}**: {'adjusted index' if controls else 'index'} "
        f"{lead['index']:.0f} ({interval_text(lead['index_low'], lead['index_high'])}{noise}; "
        f"{n_text(n, employers)}).",
        kind="location gap", subject=str(lead["metro"]), value=float(lead["index"]),
        interval=(float(lead["index_low"]), float(lead["index_high"])), n=n,
        employers=employers,
        confidence="too few" if lead["reading"] == "too few employers"
        else confidence_of(n, employers), chart="Chart 1",
    )


def adjustment_finding(table: pd.DataFrame, controls: Sequence[str]) -> Finding:
    """What adjusting for `controls` does, read from Chart 1's frame (`metro_index`'s table).

    A metro moves beyond noise when its raw index (the ring) lies outside the 95% interval of its
    adjusted index (the line around the dot): the ``raw_outside`` column. ``value`` is the count
    of such metros; the metros quoted are the moved ones (largest shift first), else the three
    with the most postings.
    """
    others = table.loc[~table["is_reference"].astype(bool)]
    others = others.sort_values("n_postings", ascending=False, kind="stable")
    moved = others.loc[others["raw_outside"].astype(bool)]
    moved = moved.loc[(moved["index"] - moved["raw_index"]).abs()
                      .sort_values(ascending=False, kind="stable").index]
    quoted = moved.head(3) if len(moved) else others.head(3)
    pairs = "; ".join(
        f"{metro_city(r.metro)} raw {r.raw_index:.0f}, adjusted {r.index:.0f} "
        f"({interval_text(r.index_low, r.index_high, bare=True)})" for r in quoted.itertuples())
    n = int(others["n_postings"].sum())
    k, total = len(moved), len(others)
    adjusting = f"Adjusting for {describe_controls(controls)}"
    if controls and others["index_low"].isna().all():
        sentence = (f"**{adjusting} cannot be read against noise**: too few employers post in "
                    f"the metros compared for any interval: {pairs}.")
        return Finding(sentence, kind="adjustment", subject="metros", value=0.0, n=n,
                       confidence="too few", chart="Chart 1")
    if not controls:
        sentence = (f"**No adjustment is applied** (adjust_for is empty), so the dots are ratios "
                    f"of geometric means and the rings ratios of medians: {pairs}.")
    elif k:
        sentence = (f"**{adjusting} moves {count_of(k, total, 'metro')} "
                    f"beyond noise**: the raw ratio of medians (ring) lies outside the adjusted "
                    f"{INTERVAL} (line): {pairs}.")
    else:
        sentence = (f"**{adjusting} moves no metro beyond noise**: each "
                    f"raw ratio of medians (ring) lies inside the adjusted {INTERVAL} (line): "
                    f"{pairs}.")
    return Finding(sentence, kind="adjustment", subject="metros", value=float(k), n=n,
                   confidence=confidence_of(n), chart="Chart 1")


def _rest(above: int, within: int) -> str:
    """The metros not below: "none above or within noise", "2 above and 1 within noise (…)"."""
    if not above and not within:
        return "none above or within noise"
    noise = f"{within:,} within noise ({INTERVAL} includes 100)" if within else "none within noise"
    return f"{above:,} above and {noise}" if above else f"none above and {noise}"


def _readings_finding(index: LocationIndex, *, focus: str, same: str, **_) -> Finding:
    others, lowest = index.others, index.lowest
    below, total = index.count("below"), len(others)
    n = int(others["n_postings"].sum())
    untested = index.count("too few employers")
    if untested == total:
        return Finding(
            f"**No metro can be read against {focus}**: {count_of(total, total, 'metro')} "
            f"{agree(total, 'has', 'have')} an index but too few employers behind "
            f"{'it' if total == 1 else 'them'} or {focus} for an interval.",
            kind="location readings", subject="metros", value=0.0, n=n, confidence="too few",
            chart="Chart 1")
    return Finding(
        f"**{sentence_case(count_of(below, total, 'metro'))} "
        f"{agree(below, 'posts', 'post', of=total)} below "
        f"{focus} {same}**, {_rest(index.count('above'), index.count('within noise'))}; "
        f"the lowest "
        f"is {metro_city(lowest['metro'])} at {lowest['index']:.0f} "
        f"({n_text(int(lowest['n_postings']))}).",
        kind="location readings", subject="metros", value=float(below), n=n,
        confidence=confidence_of(n), chart="Chart 1",
    )


def _level_finding(index: LocationIndex, per_level: pd.DataFrame, gaps: pd.DataFrame, *,
                   focus: str) -> Finding:
    levels = list(pd.unique(per_level["level"]))
    lead = index.lead
    readable = per_level.loc[per_level["readable"].astype(bool)]
    at_lead = readable.loc[readable["metro"] == lead["metro"]]
    by_level = ", ".join(f"{r.index:.0f} at {r.level}" for r in at_lead.itertuples())
    lead_text = f"; {metro_city(lead['metro'])} indexes {by_level}" if by_level else ""
    differs = gaps.loc[gaps["differs"].astype(bool), "metro"]
    n = int(readable["n_postings"].sum())
    common = dict(kind="level gaps", subject="levels", n=n, chart="Chart 2")
    if len(differs):
        return Finding(
            f"**The gap differs by level for {count_of(len(differs), len(gaps), 'metro')}** "
            f"(level intervals that do not overlap: "
            f"{join_names([metro_city(m) for m in differs])}){lead_text}.",
            value=float(len(differs)), confidence=confidence_of(n), **common)
    if len(gaps):
        return Finding(
            f"**The gap does not differ by level beyond noise**: for "
            f"{'each of ' if len(gaps) > 1 else ''}{plural(len(gaps), 'metro')} with two or more "
            f"readable levels ({_levels_text(levels)}) the intervals overlap{lead_text}.",
            value=0.0, confidence=confidence_of(n), **common)
    if levels:
        return Finding(
            too_few("compare levels", need=f"{SMALL_N}+ postings from {MIN_EMPLOYERS}+ employers "
                    f"in one metro at two of the levels {focus} covers ({_levels_text(levels)})"),
            value=None, confidence="too few", **common)
    return Finding(
        too_few("compare levels", need=f"{SMALL_N}+ postings in {focus} at a level "
                f"({_levels_text(INDEX_LEVELS)}); Chart 2 is not drawn"),
        value=None, confidence="none", **common)


def _missing_reference(ref: Reference, location: str) -> Finding:
    why = f"its metro, {ref.metro}, has none" if ref.metro else "it names no known metro"
    return Finding(
        f"**\"{location}\" has no comparable pay in this data** ({why}), so metros are indexed "
        f"against {ref.reference} instead.",
        kind="reference", subject=location, n=0, confidence="none",
    )


def _fallback(ref: Reference, role: str, *, focus: str, role_text: str, currency: str,
              **_) -> list[Finding]:
    if ref.reference is None:
        first = (f"**No {role_text} state comparable {currency} pay** in this data"
                 f"{' (check the role family spelling)' if role else ''}, so no metro can be "
                 f"indexed.")
    else:
        first = (f"**Only {focus} holds comparable pay** for {role_text} with enough postings "
                 f"and employers; there is nothing to index against it.")
    metros = (f"**{plural(ref.n_metros, 'metro')} "
              f"{agree(ref.n_metros, 'holds', 'hold', of=ref.n_metros)} "
              f"comparable {currency} pay** for {role_text}; a comparison needs the reference "
              f"and one other metro with {SMALL_N}+ postings from {MIN_EMPLOYERS}+ employers.")
    confidence = "none" if ref.reference is None else "too few"
    return [
        Finding(first, kind="no comparison", subject="metros", n=ref.postings,
                confidence=confidence),
        Finding(metros, kind="no comparison", subject="metros", value=float(ref.n_metros),
                confidence=confidence),
    ]


def _index_caption(index, ref, adjusted_for, base, source, *, focus, same, role_text,
                   **_) -> Caption:
    table, lowest = index.table, index.lowest
    below, total = index.count("below"), len(index.others)
    return Caption(
        title=(f"{sentence_case(count_of(below, total, 'metro'))} "
               f"{agree(below, 'posts', 'post', of=total)} below "
               f"{focus} "
               f"{same}; {metro_city(lowest['metro'])} lowest at {lowest['index']:.0f}"),
        subtitle=(f"Index of {base} (reference {ref.reference} = 100), adjusted for "
                  f"{adjusted_for}, {INTERVAL}; rings = raw ratio of medians · {role_text} · "
                  f"n = {int(table['n_postings'].sum()):,} postings"),
        alt=(f"Forest plot of {plural(len(table), 'metro')}' adjusted pay index against "
             f"{ref.reference} (= 100) with {INTERVAL}s and raw index rings; "
             f"{metro_city(lowest['metro'])} lowest at {lowest['index']:.0f}."),
        source=source,
    )


def _level_caption(per_level, gaps, ref, controls, base, source, role_text) -> Caption:
    if not len(per_level):
        return Caption(f"Too few postings in {ref.focus} at any level to compare level by level",
                       source=source)
    differs = int(gaps["differs"].astype(bool).sum())
    levels = list(pd.unique(per_level["level"]))
    title = (f"The gap to {ref.focus} differs by level for "
             f"{count_of(differs, len(gaps), 'metro')}"
             if differs else
             f"Gaps to {ref.focus} look alike at every level: none differs beyond noise"
             if len(gaps) else
             f"Too few postings per level to tell whether gaps to {ref.focus} differ by level")
    return Caption(
        title=title,
        subtitle=(f"Index of {base} (reference {ref.reference} = 100) within each level, "
                  f"adjusted for {describe_controls([c for c in controls if c != 'level'])}, "
                  f"{INTERVAL} · {role_text} · n = {int(per_level['n_postings'].sum()):,} "
                  f"postings"),
        alt=(f"{plural(len(levels), 'forest plot')}, one per level ({_levels_text(levels)}), of "
             f"each metro's pay index against {ref.reference} on a shared axis."),
        source=source,
    )


def _caveats(ref: Reference, index: LocationIndex, adjusted_for: str) -> list[str]:
    concentration = (
        f"{ref.top_employer} posts {ref.top_employer_postings:,} of the {ref.postings:,} "
        f"postings in the reference metro, and employers posting in many metros set much of "
        f"each index" if ref.top_employer else
        "Employers posting in many metros set much of each index")
    hidden = (f"; {plural(index.hidden, 'metro')} with fewer than {SMALL_N} postings or "
              f"{MIN_EMPLOYERS} employers {'is' if index.hidden == 1 else 'are'} left out."
              if index.hidden else ".")
    return [
        "Posted is not paid: these are advertised base-salary ranges; many employers post one "
        "national range or location tiers, which flattens or steps the gaps.",
        f"Adjustment holds {adjusted_for} fixed as read from titles; a misread level or role "
        f"leaves some mix in the index.",
        concentration + hidden,
    ]


def location_table(table: pd.DataFrame, *, focus: str = "reference") -> pd.DataFrame:
    """`metro_index`'s table as the report lists it: indexes rounded, the interval as "84–89".

    Columns: Metro, Raw index and Adjusted index (nullable integers), 95% interval ("–" for the
    reference, which has none), "Against <focus>" (the reading), Postings and Employers; highest
    adjusted index first.
    """
    ordered = table.sort_values("index", ascending=False, kind="stable")
    return pd.DataFrame({
        "Metro": ordered["metro"],
        "Raw index": ordered["raw_index"].astype(float).round().astype("Int64"),
        "Adjusted index": ordered["index"].astype(float).round().astype("Int64"),
        f"{INTERVAL}": [f"{lo:.0f}–{hi:.0f}" if pd.notna(lo) else "–"
                         for lo, hi in zip(ordered["index_low"], ordered["index_high"],
                                           strict=True)],
        f"Against {focus}": ordered["reading"],
        "Postings": ordered["n_postings"],
        "Employers": ordered["n_employers"],
    }).reset_index(drop=True)


def location_method(
    *,
    location: str,
    controls: Sequence[str] = ("role_family", "level"),
    currency: str = "USD",
) -> list[str]:
    """The method-box sentences for report 04: what `metro_index` and `metro_index_by_level` fit
    and the thresholds they apply, so the text follows the code."""
    return [
        f"Bands: closed {currency} ranges (minimum and maximum stated), annualized; midpoint = "
        "(minimum + maximum) / 2.",
        f"Location: \"{location}\" parsed to its metro (CBSA, OMB 2023 delineations) with "
        "pb.parse_location, else read as a metro name.",
        "Adjusted index: least squares of log(midpoint) on metro dummies plus control dummies "
        f"(missing level = its own category), a posting weighted once; index = 100 × exp(metro "
        f"coefficient), {CONFIDENCE:.0%} t interval with employer-clustered (CR1) errors and "
        "t degrees of freedom from the employers of the two metros compared.",
        f"Raw index: ratio of median midpoints ({N_BOOT:,} employer resamples, seed 0). "
        f"{sentence_case(CLUSTERED)}. A metro "
        "whose adjusted interval includes 100 is reported as within noise; adjustment moves a "
        f"metro beyond noise when its raw index lies outside the adjusted {INTERVAL}.",
        f"By level: the same model within {_levels_text(INDEX_LEVELS)} (levels where the "
        f"reference has {SMALL_N}+ postings), controlling for "
        f"{describe_controls([c for c in controls if c != 'level'])}; a gap differs by level "
        "when two level intervals of a metro do not overlap.",
    ]
