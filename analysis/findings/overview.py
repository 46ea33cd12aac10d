"""Report 01 (the data): what the snapshot holds, how much states pay, what was quarantined."""

from __future__ import annotations

import pandas as pd

from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import confidence_of, count_of, percent, plural
from analysis.normalize.vocabulary import PERIOD_FACTORS

SOURCES_CHART = "01_sources"
PERIODS_CHART = "01_pay_periods"


def overview_text(
    *,
    facts: dict,
    counts: dict,
    sources: pd.DataFrame,
    periods: pd.DataFrame,
    reasons: pd.DataFrame,
    quality: dict,
    comparable: pd.DataFrame,
    history: pd.DataFrame,
    growth: float | None,
    currency: str,
) -> ReportText:
    """Everything report 01 says, from the frames it shows.

    facts : :func:`~analysis.analyses.coverage.headline_figures`; counts : the manifest's counts;
    sources : :func:`~analysis.analyses.coverage.coverage_by` source (Chart 1); periods :
    :func:`~analysis.analyses.coverage.period_shares` (Chart 2); reasons :
    :func:`~analysis.analyses.coverage.quarantine_reasons`; quality :
    :func:`~analysis.analyses.coverage.pay_quality`; comparable : the closed `currency` bands.
    """
    postings = facts["postings"]
    records_in = counts.get("records_in", postings)
    quarantined = counts.get("quarantined", 0)
    # an empty snapshot has no bands to name it: take its name from the store's history
    snapshot = facts["snapshot"] or (str(history["snapshot"].iloc[-1]) if len(history)
                                     else "unknown")
    # Chart 1 counts postings and Chart 2 bands: each subtitle says which, not the shared source.
    source_line = f"Source: paybands snapshot {snapshot}; postings as ingested."
    findings = [
        _disclosure_finding(facts, quality, comparable, currency),
        _quarantine_finding(quarantined, records_in, reasons),
    ]
    if len(sources):
        largest = sources.iloc[0]
        findings.append(Finding(
            f"**{largest['source']} is the largest source**: "
            f"{plural(int(largest['postings']), 'posting')} "
            f"({percent(largest['postings'] / postings)}), {percent(largest['share_with_pay'])} "
            f"with pay.",
            kind="largest source", subject=str(largest["source"]),
            value=float(largest["share_with_pay"]), n=int(largest["postings"]),
            confidence=confidence_of(int(largest["postings"])),
        ))
    findings.append(_periods_finding(periods, quality))
    findings.append(_snapshots_finding(history, growth, facts, snapshot))
    return ReportText(
        title=_title(facts, quarantined, records_in),
        scope=(f"All sources in snapshot {snapshot}: {plural(facts['employers'], 'employer')}, "
               f"{plural(facts['role_families'], 'role family', many='role families')}, "
               f"{plural(facts['metros'], 'metro')}."),
        findings=findings,
        captions={
            SOURCES_CHART: _sources_caption(sources, postings, snapshot, source_line),
            PERIODS_CHART: _periods_caption(periods, quality, source_line),
        },
        caveats=[
            "Posted pay is not paid pay: these are the ranges employers advertise.",
            _open_ended_caveat(quality["open_ended"]),
            "Sources overlap in what they cover; a source's disclosure rate reflects its "
            "employers.",
        ],
        method=[
            "A posting states pay when at least one range or amount was read from it.",
            "Annualization: " + ", ".join(
                f"{period} × {factor:,}" for period, factor in PERIOD_FACTORS.items()
                if factor != 1) + ".",
            "Quarantine reasons: unreadable file, missing title, pay not understood, implausible "
            "pay (annual outside 5,000–5,000,000), conflicting duplicate.",
        ],
    )


def _title(facts: dict, quarantined: int, records_in: int) -> str:
    postings = facts["postings"]
    if postings:
        pay = (f"{percent(facts['share_with_pay'])} of {plural(postings, 'posting')} "
               f"{'states' if postings == 1 else 'state'} a pay range")
    else:
        pay = "No postings to read"
    if quarantined:
        return f"{pay}; {quarantined:,} of {plural(records_in, 'record')} could not be used"
    if records_in:
        usable = count_of(records_in, records_in, "record")
        return f"{pay}; {usable} {'was' if records_in == 1 else 'were'} usable"
    return pay


def _disclosure_finding(facts: dict, quality: dict, comparable: pd.DataFrame,
                        currency: str) -> Finding:
    postings, with_pay = facts["postings"], facts["postings_with_pay"]
    employers = facts["employers"]
    if not postings:
        return Finding("**No postings to read**: the snapshot holds no postings, so none states "
                       "pay.", kind="disclosure share", subject="dataset", n=0, employers=0,
                       confidence="none", chart="Chart 1")
    pay_bands, closed = quality["pay_bands"], len(comparable)
    if not pay_bands:
        bands = "so there are no pay bands to compare"
    elif not closed:
        bands = (f"giving {plural(pay_bands, 'pay band')}, none of them a closed {currency} range "
                 f"that the comparisons in this suite could use")
    else:
        closed_text = (f"is a closed {currency} range" if closed == 1
                       else f"are closed {currency} ranges")
        bands = (f"giving {plural(pay_bands, 'pay band')}; {plural(closed, 'band')} "
                 f"{closed_text} that every comparison in this suite uses")
    return Finding(
        f"**{percent(facts['share_with_pay'])} of postings state pay** ({with_pay:,} of "
        f"{plural(postings, 'posting')}), {bands}.",
        kind="disclosure share", subject="dataset", value=facts["share_with_pay"],
        n=postings, employers=employers, confidence=confidence_of(postings, employers),
        chart="Chart 1",
    )


def _periods_finding(periods: pd.DataFrame, quality: dict) -> Finding:
    pay_bands, inferred = quality["pay_bands"], quality["inferred"]
    if not pay_bands:
        return Finding("**No band states pay**, so no pay period was read or annualized.",
                       kind="pay periods", subject="hour", n=0, confidence="none")
    hourly = float(periods.loc[periods["pay_period"] == "hour", "share"].sum())
    stated = (f"{plural(inferred, 'band')} had no stated period and took one from the amount"
              if inferred else "every band stated its period")
    return Finding(
        f"**{percent(hourly)} of bands are posted per hour** and annualized at "
        f"{PERIOD_FACTORS['hour']:,} hours; {stated}.",
        kind="pay periods", subject="hour", value=hourly, n=pay_bands,
        confidence=confidence_of(pay_bands), chart="Chart 2",
    )


def _open_ended_caveat(open_ended: int) -> str:
    if not open_ended:
        return ("No band is open-ended (\"up to\", \"from\"); such bands would be kept but not "
                "compared.")
    return (f"{plural(open_ended, 'band')} {'is' if open_ended == 1 else 'are'} open-ended "
            f"(\"up to\", \"from\") and {'is' if open_ended == 1 else 'are'} kept but not "
            f"compared.")


def _quarantine_finding(quarantined: int, records_in: int, reasons: pd.DataFrame) -> Finding:
    if not quarantined and not records_in:
        return Finding("**No records were read**, so none was quarantined.", kind="quarantine",
                       subject="dataset", value=None, n=0, confidence="none")
    if not quarantined:
        every = count_of(records_in, records_in, "record")
        became = "became a posting" if records_in == 1 else "became postings"
        return Finding(f"**No records were quarantined**: {every} {became}.",
                       kind="quarantine", subject="dataset", value=0.0, n=records_in)
    top = reasons.iloc[0]["reason"] if len(reasons) else "not recorded"
    return Finding(
        f"**{quarantined:,} of {plural(records_in, 'record')} were quarantined** "
        f"({percent(quarantined / max(records_in, 1), digits=1)}), each with its reason; the most "
        f"common is \"{top}\".",
        kind="quarantine", subject="dataset", value=quarantined / max(records_in, 1),
        n=records_in, chart="the table below",
    )


def _snapshots_finding(history: pd.DataFrame, growth: float | None, facts: dict,
                      snapshot: str) -> Finding:
    if len(history) <= 1:
        sentence = f"**One snapshot** is in the store ({snapshot}); refresh to see changes."
    elif growth is None:
        sentence = (f"**{len(history):,} snapshots** are in the store; one lacks a postings "
                    f"count, so growth is not shown.")
    else:
        sentence = (f"**{len(history):,} snapshots** are in the store; the latest holds "
                    f"{plural(facts['postings'], 'posting')}, {growth:+,.0f} "
                    f"{'posting' if abs(growth) == 1 else 'postings'} on the previous one.")
    return Finding(sentence, kind="snapshots", subject="store", value=growth,
                   n=facts["postings"])


def _sources_caption(sources, postings, snapshot, source_line) -> Caption:
    if not len(sources):
        return Caption("No sources to show", source=source_line)
    largest = sources.iloc[0]
    low, high = sources["share_with_pay"].min(), sources["share_with_pay"].max()
    spread = (f"pay disclosure ranges {percent(low)}–{percent(high)} by source"
              if len(sources) > 1 else f"{percent(high)} state pay")
    return Caption(
        title=f"{largest['source']} supplies {percent(largest['postings'] / postings)} of "
              f"postings; {spread}",
        subtitle=f"Share of postings stating a pay range, by source · "
                 f"n = {plural(postings, 'posting')} · snapshot {snapshot}",
        alt="Bar chart of the share of postings that state pay, by source.",
        source=source_line,
        xlabel="Share of postings with a pay range",
    )


def _periods_caption(periods, quality, source_line) -> Caption:
    if not len(periods):
        return Caption("No pay periods to show: no posting states pay", source=source_line)
    top = periods.sort_values("share").iloc[-1]
    return Caption(
        title=f"{str(top['pay_period']).capitalize()} is how most ranges are posted "
              f"({percent(top['share'])} of bands)",
        subtitle=f"Share of pay bands by the period they are posted in · "
                 f"n = {plural(quality['pay_bands'], 'pay band')} · "
                 f"{plural(quality['inferred'], 'band')} with the period inferred from the "
                 f"amount",
        alt="Bar chart of the share of pay bands posted per year, hour and other periods.",
        source=source_line,
        xlabel="Share of pay bands",
    )


def quarantine_table(quarantine: pd.DataFrame) -> pd.DataFrame:
    """Quarantined records as the report lists them."""
    columns = {"source_file": "File", "record": "Record", "title": "Title",
               "pay_text": "Pay text", "reason": "Reason"}
    return quarantine.reindex(columns=list(columns)).rename(columns=columns)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """Snapshots in the store as the report lists them."""
    columns = {"snapshot": "Snapshot", "created": "Ingested", "input_files": "Files",
               "records_in": "Records in", "postings": "Postings",
               "postings_with_pay": "Postings with pay", "bands": "Bands",
               "quarantined": "Records quarantined",
               "reconciles": "Counts reconcile"}
    return history.assign(created=history["created"].astype(str).str[:10]).rename(
        columns=columns)
