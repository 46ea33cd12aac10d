"""The range builder's words: a proposed salary structure and the market it was priced from.

`ranges_text` reads the frame :func:`~analysis.plot.ranges.structure_chart` draws
(:func:`~analysis.analyses.ranges.salary_structure` of :func:`market_by_level`) and returns the
title, findings (how midpoints step, which levels the ladder's fit set, the widest range), the
chart's caption, caveats and method. `ranges_method` is the method box on its own.
"""

from __future__ import annotations

import pandas as pd

from analysis.analyses.ranges import DEFAULT_SPREADS, MAX_MARKET_SPREAD
from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    agree,
    confidence_of,
    count_of,
    join_names,
    n_text,
    percent,
    plural,
    sentence_case,
)
from analysis.formats import money, money_range

STRUCTURE_CHART = "10_ranges_structure"
# Words for a track in prose ("the individual-contributor ladder").
TRACK_NAMES = {"ic": "individual-contributor", "management": "management"}


def ranges_text(
    structure: pd.DataFrame,
    *,
    role_family: str,
    where: str | None = None,
    currency: str = DEFAULT_CURRENCY,
    snapshot: str = "unknown",
    track: str = "ic",
) -> ReportText:
    """Everything a range-builder report says, from the structure its chart draws.

    Parameters
    ----------
    structure : pandas.DataFrame
        `salary_structure` output for `role_family` (one ladder, ladder order). Not modified.
    role_family : str
        The role family priced.
    where : str, optional
        Where it was priced, as it reads after "in": a metro ("Seattle-Tacoma-Bellevue, WA") or
        a zone ("pay zone 2"); None for all locations.
    currency, snapshot : str
        The structure's currency and the snapshot it was priced from (for the source line).
    track : str, default "ic"
        The ladder priced ("ic" or "management"), for the scope line.

    Returns
    -------
    ReportText
        Title ("Data scientist ranges step 12–18% per level in Seattle-Tacoma-Bellevue, WA"),
        three findings (the steps between midpoints, the levels the ladder's fit set, the widest
        range), the caption of ``STRUCTURE_CHART``, caveats and method. A finding's confidence
        is that of the thinnest level the market priced (levels the fit set do not count: their
        midpoints lean on the others). A structure on too few postings is titled as indicative.
    """
    data = structure.reset_index(drop=True)
    role = sentence_case(role_family)
    place = f"in {where}" if where else "across all locations"
    track_name = TRACK_NAMES.get(track, track)
    base = f"annual base salary, as posted, {currency}"
    source = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges whose title "
              f"states a level; n = postings.")
    n_total = int(data["n_postings"].sum()) if len(data) else 0
    scope = (f"{role} postings on the {track_name} ladder whose title states a level, {place}: "
             f"{plural(n_total, 'posting')} across {plural(len(data), 'level')}; {base}; a "
             f"proposed range per level priced from them.")
    if data.empty:
        title = f"No {role_family} level has comparable posted pay {place}"
        finding = Finding(f"**No {role_family} posting with a stated level and a closed "
                          f"{currency} range {place}**, so there is nothing to price.",
                          kind="no data", subject=role_family, n=0, confidence="none")
        return ReportText(title=title, scope=scope, findings=[finding],
                          captions={STRUCTURE_CHART: Caption(title, source=source)},
                          caveats=_caveats(where), method=ranges_method(currency=currency),
                          notes={STRUCTURE_CHART: finding.text})
    confidence = _confidence(data)
    steps = data["midpoint_progression"].dropna()
    if len(steps):
        title = f"{role_family} ranges step {_span(steps)} per level {place}"
    else:
        row = data.iloc[0]
        title = (f"{role_family} has one priced level {place}: {row['level']}, "
                 f"{money_range(row['range_min'], row['range_max'], currency=currency)}")
    # A structure no level of which rests on enough postings is shown, marked, never headlined.
    indicative = f"Indicative only ({_thinnest(data)}): " if confidence == "too few" else ""
    title = sentence_case(indicative + title)
    findings = [
        _step_finding(data, role_family, confidence, currency=currency),
        _smoothed_finding(data, role_family, confidence, currency=currency),
        _spread_finding(data, confidence, currency=currency),
    ]
    caption = Caption(
        title=title,
        subtitle=(f"{role}, {track_name} ladder, {place.removeprefix('in ')} · proposed range "
                  f"per level over the market's posted midpoints, {base} · snapshot {snapshot} "
                  f"· {n_text(n_total)}"),
        alt=(f"Proposed salary structure for {role_family}: {len(data):,} floating bars from "
             f"range minimum to maximum, {data['level'].iloc[0]} to {data['level'].iloc[-1]}, "
             f"with the market's p25–p75 of posted midpoints as a line and its median as a dot "
             f"on each; {_hatched(int(data['smoothed'].sum()))}."),
        source=source,
    )
    return ReportText(title=title, scope=scope, findings=findings,
                      captions={STRUCTURE_CHART: caption}, caveats=_caveats(where),
                      method=ranges_method(currency=currency))


def _hatched(k: int) -> str:
    if not k:
        return "none hatched: every midpoint is its market median"
    return f"{plural(k, 'level')} hatched, set from the ladder's fit"


def _span(steps: pd.Series) -> str:
    """ "12–18%", "15%" when both ends round alike, "-3% to 18%" across zero.

    >>> [_span(pd.Series(s)) for s in ([0.121, 0.18], [0.151, 0.149], [-0.03, 0.18])]
    ['12–18%', '15%', '-3% to 18%']
    """
    low, high = percent(steps.min()), percent(steps.max())
    if low == high:
        return low
    return f"{low[:-1]}–{high}" if steps.min() >= 0 else f"{low} to {high}"


def _priced(data: pd.DataFrame) -> pd.DataFrame:
    """The levels whose midpoint is the market's own (not set by the ladder's fit)."""
    return data.loc[~data["smoothed"].astype(bool)]


def _thinnest(data: pd.DataFrame) -> str:
    """The market-priced level with the fewest postings, as a title's caveat names it
    ("entry: n=4 postings, 3 employers"), or what holds when the fit set every level."""
    priced = _priced(data)
    if priced.empty:
        return "every level set from the ladder's fit"
    row = priced.loc[priced["n_postings"].idxmin()]
    return f"{row['level']}: {n_text(int(row['n_postings']), int(row['n_employers']))}"


def _confidence(data: pd.DataFrame) -> str:
    """The confidence of the thinnest market-priced level ("too few" when there is none)."""
    priced = _priced(data)
    if priced.empty:
        return "too few"
    return confidence_of(int(priced["n_postings"].min()), int(priced["n_employers"].min()))


def _step_finding(data: pd.DataFrame, role_family: str, confidence: str, *, currency: str
                  ) -> Finding:
    first, last = data.iloc[0], data.iloc[-1]
    n = int(data["n_postings"].sum())
    steps = data.dropna(subset=["midpoint_progression"])
    if steps.empty:
        return Finding(
            f"**One level, no step**: {first['level']} is the only {role_family} level with "
            f"comparable pay, midpoint {money(first['range_mid'], currency=currency)} "
            f"({n_text(int(first['n_postings']), int(first['n_employers']))}).",
            kind="range step", subject=role_family, n=n, confidence=confidence,
            chart="Chart 1")
    median = float(steps["midpoint_progression"].median())
    climb = (f"**Proposed midpoints step {_span(steps['midpoint_progression'])} per level**, a "
             f"median {percent(median)}" if len(steps) > 1 else
             f"**The proposed midpoint steps {percent(median)}**, the ladder's one step")
    inverted = steps.loc[steps["midpoint_progression"] <= 0]
    levels = data["level"].tolist()
    below = {row.level: levels[levels.index(row.level) - 1] for row in inverted.itertuples()}
    warning = ""
    if len(inverted):
        listed = join_names([f"{row.level} ({row.midpoint_progression:+.0%} on {below[row.level]})"
                             for row in inverted.itertuples()], limit=len(inverted))
        warning = (f"; the market does not climb at {listed}: set "
                   f"{'that midpoint' if len(inverted) == 1 else 'those midpoints'} by hand")
    return Finding(
        f"{climb}: {money(first['range_mid'], currency=currency)} ({first['level']}) "
        f"to {money(last['range_mid'], currency=currency)} ({last['level']}) over "
        f"{len(data):,} levels; {n_text(n)}{warning}.",
        kind="range step", subject=role_family, value=median, n=n, confidence=confidence,
        chart="Chart 1")


def _smoothed_finding(data: pd.DataFrame, role_family: str, confidence: str, *, currency: str
                      ) -> Finding:
    thin = data.loc[(data["n_postings"] < SMALL_N) | (data["n_employers"] < MIN_EMPLOYERS)]
    smoothed = data.loc[data["smoothed"].astype(bool)]
    rule = f"fewer than {SMALL_N} postings or {MIN_EMPLOYERS} employers"
    if smoothed.empty and thin.empty:
        smallest = data.loc[data["n_postings"].idxmin()]
        return Finding(
            f"**Every level is priced by the market**: each rests on at least {SMALL_N} postings "
            f"from {MIN_EMPLOYERS} employers (smallest: {smallest['level']}, "
            f"{n_text(int(smallest['n_postings']), int(smallest['n_employers']))}), so each "
            f"midpoint is its market median.",
            kind="smoothed levels", subject=role_family, value=0.0,
            n=int(data["n_postings"].sum()), confidence=confidence_of(
                int(smallest["n_postings"]), int(smallest["n_employers"])))
    if smoothed.empty:
        listed = join_names([f"{row.level} ({n_text(row.n_postings, row.n_employers)})"
                             for row in thin.itertuples()], limit=len(thin))
        return Finding(
            f"**Too few well-priced levels to fit the ladder**: it needs two levels with at "
            f"least {SMALL_N} postings from {MIN_EMPLOYERS} employers; {listed} "
            f"{agree(len(thin), 'keeps its', 'keep their')} thin market "
            f"{agree(len(thin), 'median', 'medians')}: read "
            f"{agree(len(thin), 'it', 'them')} as indicative.",
            kind="smoothed levels", subject=role_family, value=0.0,
            n=int(thin["n_postings"].sum()), confidence="too few", chart="Chart 1")
    listed = join_names(
        [f"{row.level} ({n_text(row.n_postings, row.n_employers)}; market median "
         f"{money(row.market_p50, currency=currency)}, fitted "
         f"{money(row.range_mid, currency=currency)})"
         for row in smoothed.itertuples()], limit=len(smoothed))
    lead = sentence_case(count_of(len(smoothed), len(data), "level"))
    return Finding(
        f"**{lead} {agree(len(smoothed), 'is', 'are', of=len(data))} set from the ladder's "
        f"fit**, not {agree(len(smoothed), 'its', 'their')} own postings: {listed}. With {rule} "
        f"a level is a few employers' pay policies, not a market; its midpoint follows the "
        f"steps of the levels around it.",
        kind="smoothed levels", subject=role_family, value=float(len(smoothed)),
        n=int(smoothed["n_postings"].sum()), confidence=confidence, chart="Chart 1, hatched")


def _spread_finding(data: pd.DataFrame, confidence: str, *, currency: str) -> Finding:
    widest = data.loc[data["spread"].idxmax()]
    if percent(data["spread"].min()) == percent(widest["spread"]):
        ends = [f"{row.level} {money_range(row.range_min, row.range_max, currency=currency)}"
                for row in data.iloc[[0, -1]].drop_duplicates("level").itertuples()]
        return Finding(
            f"**Every range is {percent(widest['spread'])} wide** (maximum / minimum − 1): "
            f"{' to '.join(ends)}.",
            kind="range spread", subject="every level", value=float(widest["spread"]),
            n=int(data["n_postings"].sum()), confidence=confidence, chart="Chart 1")
    why = {"market p25-p75": ", as wide as the middle half of its market's posted midpoints",
           "given": ", as given", "default": ""}.get(widest["spread_basis"], "")
    others = f"; ranges run {_span(data['spread'])} wide"
    return Finding(
        f"**The widest range is {widest['level']}'s, {percent(widest['spread'])}** "
        f"({money_range(widest['range_min'], widest['range_max'], currency=currency)}"
        f"{why}){others} (maximum / minimum − 1).",
        kind="range spread", subject=str(widest["level"]), value=float(widest["spread"]),
        n=int(widest["n_postings"]), employers=int(widest["n_employers"]),
        confidence=confidence, chart="Chart 1")


def _caveats(where: str | None) -> list[str]:
    pooled = ("Metros are pooled as posted: where they pay at different levels, the market "
              "percentiles mix those levels and lean to the metros that post most."
              if not where or "zone" in where.lower() else
              "One metro's postings: employers posting many roles there set much of its market.")
    return [
        "Posted is not paid: the market is advertised base-salary ranges; bonus and equity, "
        "which grow fastest at senior levels, are not in it.",
        "Levels are read from title words (\"Senior\", \"Staff\"); one employer's senior is "
        "another's mid, so a level pools different internal grades.",
        pooled,
    ]


def ranges_method(*, currency: str = DEFAULT_CURRENCY) -> list[str]:
    """The method-box sentences of a range-builder report: what `market_by_level` and
    `salary_structure` compute, with the thresholds and spreads they use."""
    spreads = {}
    for level, value in DEFAULT_SPREADS.items():
        spreads.setdefault(value, []).append(level)
    spread_text = "; ".join(f"{percent(value)} for {join_names(levels, limit=len(levels))}"
                            for value, levels in spreads.items())
    return [
        f"Market: p10, p25, median, p75 and p90 of posted annual midpoints ((minimum + maximum) "
        f"/ 2) per level, closed {currency} ranges, a posting counted once.",
        f"Midpoint: the market median of a level with at least {SMALL_N} postings from "
        f"{MIN_EMPLOYERS} employers; a thinner level takes the ladder's fit, a least-squares "
        "line of log market median on the level's rung (levels the market shows, in order) "
        "over the well-priced levels, weighted by postings.",
        f"Range spread (maximum / minimum − 1): {spread_text}; a well-priced level whose market "
        f"p75 / p25 − 1 is wider takes that, up to {percent(MAX_MARKET_SPREAD)}. Range minimum "
        "= midpoint / (1 + spread / 2), maximum = minimum × (1 + spread).",
        "Midpoint progression = a level's range midpoint / the previous level's − 1.",
    ]
