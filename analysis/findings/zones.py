"""Geo pay zones in words: how many zones, what separates them, the top and bottom, the unzoned.

`zones_text` reads only the frame the zone chart plots (:func:`analysis.analyses.zones.pay_zones`,
its rules in ``attrs``) and its :func:`~analysis.analyses.zones.zone_table`, so a sentence can
never disagree with the dots; `zones_listing` is the same frame as a report lists it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.analyses.zones import zone_table
from analysis.config import (
    CONFIDENCE,
    MAX_ZONES,
    MIN_EMPLOYERS,
    ZONE_MIN_POSTINGS,
    ZONE_MIN_STEP,
)
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.locations import describe_controls, metro_city
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
)

ZONES_CHART = "10_pay_zones"


def _range(low: float, high: float) -> str:
    """ "71" or "69–73": an index range as prose quotes it.

    >>> _range(70.6, 71.4), _range(68.6, 73.3)
    ('71', '69–73')
    """
    low_text, high_text = f"{low:.0f}", f"{high:.0f}"
    return low_text if low_text == high_text else f"{low_text}–{high_text}"


def _cities(metros: Sequence[str], *, limit: int = 4) -> str:
    return join_names([metro_city(m) for m in metros], limit=limit)


def zones_text(
    zones: pd.DataFrame,
    *,
    reference: str,
    currency: str,
    snapshot: str,
) -> ReportText:
    """Everything a geo pay-zone report says, from `pay_zones` output (the chart's frame).

    The rules the zones were cut by (step, minimum postings and employers, controls) are read
    from ``zones.attrs`` as `pay_zones` leaves them, with the configured defaults when absent.
    Findings: how many zones and what separates them (or why there is one, or none); the highest
    zone; the lowest zone and how far below the highest it posts; the unzoned metros. One
    caption, keyed ``ZONES_CHART``; caveats and method lines.
    """
    rules = _rules(zones)
    ref_city = metro_city(reference)
    table = zone_table(zones)
    zoned = zones.loc[zones["zone"].notna()]
    unzoned = zones.loc[zones["zone"].isna()]
    same = (f"for the same {describe_controls(rules['controls'])}" if rules["controls"]
            else "before any adjustment")
    base = f"annual base salary, as posted, {currency}"
    source = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges; n = "
              f"postings.")
    k, n = len(table), len(zoned)
    if k == 0:
        title = f"No metro has enough {currency} postings and employers to zone"
        findings = [_none_finding(zones, rules, currency)]
    elif k == 1:
        title = (f"All {n} zoned metros form one pay zone against {ref_city}" if n > 1 else
                 f"Only one metro can be zoned: {metro_city(zoned['metro'].iloc[0])}")
        findings = [_one_zone_finding(zoned, table, rules, same)]
        if n > 1:
            findings.append(_lowest_finding(zoned, ref_city))
    else:
        title = (f"{n} metros fall into {k} pay zones, from {table['index_max'].iloc[0]:.0f} "
                 f"down to {table['index_min'].iloc[-1]:.0f} against {ref_city} (= 100)")
        findings = [
            _zones_finding(zoned, table, rules, reference=reference),
            _top_finding(zoned, table, same),
            _bottom_finding(zoned, table, same),
        ]
    if len(zones):  # with no metro at all, there is nothing unzoned to speak of
        findings.append(_unzoned_finding(unzoned, rules))
    caption = Caption(
        title=title,
        subtitle=(f"Index of {base} (reference {reference} = 100), adjusted for "
                  f"{describe_controls(rules['controls'])}, {INTERVAL}; colour = pay zone, grey = "
                  f"unzoned · n = {int(zones['postings'].sum()):,} postings in "
                  f"{plural(len(zones), 'metro')}"
                  if rules["controls"] else
                  f"Index of {base} (reference {reference} = 100), unadjusted, {INTERVAL}; "
                  f"colour = pay zone, grey = unzoned · n = {int(zones['postings'].sum()):,} "
                  f"postings in {plural(len(zones), 'metro')}"),
        alt=(f"Ranked dot plot of {plural(len(zones), 'metro')}' pay index against {reference} "
             f"(= 100) with {INTERVAL}s, coloured by {plural(k, 'pay zone')}"
             + (f"; {plural(len(unzoned), 'unzoned metro')} in grey." if len(unzoned) else ".")),
        source=source,
    )
    return ReportText(
        title=title,
        scope=(f"{plural(len(zones), 'metro')} with comparable {currency} pay against the "
               f"{reference} metro (= 100); {base}; "
               + (f"composition-adjusted for {describe_controls(rules['controls'])}."
                  if rules["controls"] else "not adjusted for mix.")),
        findings=findings,
        captions={ZONES_CHART: caption},
        caveats=_caveats(rules, rules["controls"]),
        method=zones_method(currency=currency, **{key: rules[key] for key in (
            "controls", "min_step", "max_zones", "min_postings", "min_employers", "confidence")}),
        notes={ZONES_CHART: findings[0].text} if not len(zones) else {},
    )


def _rules(zones: pd.DataFrame) -> dict:
    """The options `pay_zones` cut `zones` by (its ``attrs``), defaults where absent."""
    attrs = zones.attrs
    min_step = float(attrs.get("min_step", ZONE_MIN_STEP))
    return {
        "min_step": min_step,
        "step": float(attrs.get("zone_step", min_step)),
        "max_zones": int(attrs.get("max_zones", MAX_ZONES)),
        "min_postings": int(attrs.get("min_postings", ZONE_MIN_POSTINGS)),
        "min_employers": int(attrs.get("min_employers", MIN_EMPLOYERS)),
        "controls": tuple(attrs.get("controls", ("role_family", "level"))),
        "confidence": float(attrs.get("confidence", CONFIDENCE)),
    }


def _step_text(step: float) -> str:
    return f"{step:g}" if step == round(step, 1) else f"{step:.1f}"


def _zones_finding(zoned: pd.DataFrame, table: pd.DataFrame, rules: dict, *,
                   reference: str) -> Finding:
    tops = ", ".join(f"{value:.0f}" for value in table["index_max"])
    at_reference = zoned.loc[zoned["is_reference"].astype(bool), "zone"]
    where = (f"; {metro_city(reference)} (= 100) is in zone {int(at_reference.iloc[0])}"
             if len(at_reference) else "")
    n = int(zoned["postings"].sum())
    return Finding(
        f"**{sentence_case(plural(len(table), 'pay zone'))} separate "
        f"{plural(len(zoned), 'metro')}**: a zone starts where a metro lies more than "
        f"{_step_text(rules['step'])} points below the top metro of the zone above and their "
        f"{INTERVAL}s do not overlap (zone tops {tops}){where}.",
        kind="pay zones", subject="metros", value=float(len(table)), n=n,
        confidence=confidence_of(n), chart="Chart 1",
    )


def _zone_members(zoned: pd.DataFrame, zone: int) -> pd.DataFrame:
    return zoned.loc[zoned["zone"] == zone].sort_values("index", ascending=False, kind="stable")


def _top_finding(zoned: pd.DataFrame, table: pd.DataFrame, same: str) -> Finding:
    top = table.iloc[0]
    members = _zone_members(zoned, int(top["zone"]))
    n = int(top["postings"])
    return Finding(
        f"**Zone 1 posts the most {same}: {_cities(members['metro'])}, index "
        f"{_range(top['index_min'], top['index_max'])}** "
        f"({n_text(n)} in {plural(int(top['n_metros']), 'metro')}).",
        kind="top zone", subject="zone 1", value=float(top["median_index"]),
        interval=(float(top["index_min"]), float(top["index_max"])), n=n,
        confidence=confidence_of(n), chart="Chart 1",
    )


def _bottom_finding(zoned: pd.DataFrame, table: pd.DataFrame, same: str) -> Finding:
    top, bottom = table.iloc[0], table.iloc[-1]
    members = _zone_members(zoned, int(bottom["zone"]))
    below = 1 - bottom["median_index"] / top["median_index"]
    n = int(bottom["postings"])
    return Finding(
        f"**Zone {int(bottom['zone'])}, the lowest: {_cities(members['metro'])}, index "
        f"{_range(bottom['index_min'], bottom['index_max'])}**, about {below:.0%} below zone 1 "
        f"{same} (median index {bottom['median_index']:.0f} against "
        f"{top['median_index']:.0f}; {n_text(n)}).",
        kind="bottom zone", subject=f"zone {int(bottom['zone'])}",
        value=float(bottom["median_index"]),
        interval=(float(bottom["index_min"]), float(bottom["index_max"])), n=n,
        confidence=confidence_of(n), chart="Chart 1",
    )


def _one_zone_finding(zoned: pd.DataFrame, table: pd.DataFrame, rules: dict,
                      same: str) -> Finding:
    row = table.iloc[0]
    lead = zoned.sort_values("index", ascending=False, kind="stable").iloc[0]
    n = int(row["postings"])
    if len(zoned) == 1:
        sentence = (f"**Only {metro_city(lead['metro'])} can be zoned**: no other metro has "
                    f"{rules['min_postings']:,}+ postings from {rules['min_employers']}+ "
                    f"employers, so there is nothing to zone it against.")
        return Finding(sentence, kind="pay zones", subject="metros", value=1.0, n=n,
                       confidence="too few", chart="Chart 1")
    return Finding(
        f"**{sentence_case(count_of(len(zoned), len(zoned), 'zoned metro'))} form one pay "
        f"zone {same}**: none lies both more than {_step_text(rules['step'])} points below the "
        f"top one ({metro_city(lead['metro'])}, {lead['index']:.0f}) and outside its "
        f"{INTERVAL}; indices run {_range(row['index_min'], row['index_max'])}.",
        kind="pay zones", subject="metros", value=1.0,
        interval=(float(row["index_min"]), float(row["index_max"])), n=n,
        confidence=confidence_of(n), chart="Chart 1",
    )


def _lowest_finding(zoned: pd.DataFrame, ref_city: str) -> Finding:
    """In a one-zone market, the lowest zoned metro and how it reads against the reference."""
    lowest = zoned.sort_values("index", kind="stable").iloc[0]
    n, employers = int(lowest["postings"]), int(lowest["employers"])
    low, high = lowest["index_low"], lowest["index_high"]
    within = pd.notna(low) and low <= 100 <= high
    side = "below" if lowest["index"] < 100 else "above"
    reading = (f"within noise of {ref_city} (its interval includes 100)" if within else
               "the reference itself" if bool(lowest["is_reference"]) else
               f"{abs(100 - lowest['index']):.0f} points {side} {ref_city}, too close to the "
               f"top to start a zone of its own")
    return Finding(
        f"**The lowest zoned metro, {metro_city(lowest['metro'])}, indexes "
        f"{lowest['index']:.0f}** ({interval_text(low, high)}; {n_text(n, employers)}): "
        f"{reading}.",
        kind="lowest metro", subject=str(lowest["metro"]), value=float(lowest["index"]),
        interval=None if not pd.notna(low) else (float(low), float(high)), n=n,
        employers=employers, confidence=confidence_of(n, employers), chart="Chart 1",
    )


def _none_finding(zones: pd.DataFrame, rules: dict, currency: str) -> Finding:
    need = (f"{rules['min_postings']:,}+ postings from {rules['min_employers']}+ employers and "
            f"a {INTERVAL}")
    if not len(zones):
        sentence = f"**No metro states comparable {currency} pay**, so none can be zoned."
        return Finding(sentence, kind="no zones", subject="metros", n=0, confidence="none")
    who = (f"{metro_city(zones['metro'].iloc[0])}, the one metro with comparable pay, cannot "
           f"be zoned" if len(zones) == 1 else f"No metro of the {len(zones):,} can be zoned")
    sentence = f"**{who}**: a zone needs {need}."
    return Finding(sentence, kind="no zones", subject="metros", value=0.0,
                   n=int(zones["postings"].sum()), confidence="too few")


def _unzoned_finding(unzoned: pd.DataFrame, rules: dict) -> Finding:
    if not len(unzoned):
        return Finding(
            f"**Every metro with comparable pay is zoned**: each has {rules['min_postings']:,}+ "
            f"postings from {rules['min_employers']}+ employers.",
            kind="unzoned", subject="metros", value=0.0, confidence="ok")
    ordered = unzoned.sort_values("postings", ascending=False, kind="stable")
    listed = "; ".join(f"{metro_city(row.metro)} ({row.reason})"
                       for row in ordered.head(4).itertuples())
    more = f"; and {len(ordered) - 4:,} more" if len(ordered) > 4 else ""
    n = int(unzoned["postings"].sum())
    return Finding(
        f"**{sentence_case(plural(len(unzoned), 'metro'))} "
        f"{agree(len(unzoned), 'is', 'are')} listed unzoned**, too thin to place: "
        f"{listed}{more}.",
        kind="unzoned", subject="metros", value=float(len(unzoned)), n=n,
        confidence="too few", chart="Chart 1",
    )


def _caveats(rules: dict, controls: Sequence[str]) -> list[str]:
    widened = (f" To keep to {rules['max_zones']} zones the step was widened from "
               f"{_step_text(rules['min_step'])} to {_step_text(rules['step'])} points."
               if rules["step"] > rules["min_step"] else "")
    return [
        "Posted is not paid: these are advertised base-salary ranges; employers that post one "
        "national range flatten the zones, and those that post location tiers make them.",
        "Zones are cut from one snapshot's indices: a metro near a boundary can change zone with "
        f"the next refresh, so read its interval, not only its zone.{widened}",
        (f"The index holds {describe_controls(controls)} fixed as read from titles; a misread "
         "level or role leaves some mix in a metro's index." if controls else
         "The index is not adjusted for mix: a metro that posts more senior roles looks better "
         "paid."),
    ]


def zones_method(
    *,
    currency: str = "USD",
    controls: Sequence[str] = ("role_family", "level"),
    min_step: float = ZONE_MIN_STEP,
    max_zones: int = MAX_ZONES,
    min_postings: int = ZONE_MIN_POSTINGS,
    min_employers: int = MIN_EMPLOYERS,
    confidence: float = CONFIDENCE,
) -> list[str]:
    """The method-box sentences for pay zones: what `pay_zones` fits and cuts, with its rules."""
    return [
        f"Bands: closed {currency} ranges (minimum and maximum stated), annualized; midpoint = "
        "(minimum + maximum) / 2.",
        "Index: least squares of log(midpoint) on metro dummies"
        + (f" plus {describe_controls(controls)} dummies (missing level = its own category)"
           if controls else "")
        + f", a posting weighted once; index = 100 × exp(metro coefficient), {confidence:.0%} "
        f"t interval with employer-clustered (CR1) errors; {CLUSTERED}.",
        f"Zones: metros ranked by index, highest first; the first opens zone 1. A metro opens the "
        f"next zone when it lies more than {_step_text(min_step)} points below the first metro "
        f"of the current zone and its interval lies wholly below that metro's; otherwise it "
        f"joins the zone. With more than {max_zones} zones the step is widened to the narrowest "
        f"gap between zone tops until they fit. The reference counts as exactly 100.",
        f"Unzoned: metros with fewer than {min_postings:,} postings or {min_employers} employers, "
        f"or no interval, are listed but not zoned: a zone is a pay decision.",
    ]


def zones_listing(zones: pd.DataFrame) -> pd.DataFrame:
    """`pay_zones` output as a report lists it: Zone ("–" when unzoned), Metro, Index (whole
    points), the interval as "84–89" ("–" for the reference and where none), Postings,
    Employers and Note (why a metro is unzoned, "reference" for the reference); zoned metros
    first, highest zone first."""
    intervals = [interval_text(low, high, bare=True).replace("no interval", "–")
                 for low, high in zip(zones["index_low"], zones["index_high"], strict=True)]
    notes = [("reference" if bool(ref) else "") if pd.isna(reason) else str(reason)
             for reason, ref in zip(zones["reason"], zones["is_reference"], strict=True)]
    return pd.DataFrame({
        "Zone": [str(int(z)) if pd.notna(z) else "–" for z in zones["zone"]],
        "Metro": zones["metro"].astype(str),
        "Index": zones["index"].astype(float).round().astype("Int64"),
        INTERVAL: intervals,
        "Postings": zones["postings"],
        "Employers": zones["employers"],
        "Note": notes,
    }).reset_index(drop=True)
