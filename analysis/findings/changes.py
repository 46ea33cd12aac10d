"""Report 07 (changes): postings added, removed and re-banded since the previous snapshot, and
whether any group's median posted pay moved beyond sampling noise."""

from __future__ import annotations

import pandas as pd

from analysis.analyses.diff import noise_flags, reband_summary, shift_summary
from analysis.config import CONFIDENCE, MIN_EMPLOYERS, N_BOOT, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import confidence_of, count_of, percent, plural
from analysis.formats import short_metro
from analysis.stats import share_gap

SHIFTS_CHART = "07_median_shifts"


def _group_nouns(by: str) -> tuple[str, str]:
    """("metro", "metros"), ("role family", "role families")."""
    label = by.replace("_", " ")
    return label, label[:-1] + "ies" if label.endswith("y") else label + "s"


def _move(row, by: str) -> str:
    """"Austin-Round Rock-San Marcos, TX +5.9% (95% CI +1.2% to +9.8%, n 40 → 44)"."""
    return (f"{row[by]} {row['change']:+.1%} ({CONFIDENCE:.0%} CI {row['change_low']:+.1%} to "
            f"{row['change_high']:+.1%}, {row['n_old']:,} → {row['n_new']:,} bands)")


def shift_chart_data(shifts: pd.DataFrame) -> pd.DataFrame:
    """The frame Chart 1 plots and saves: :func:`~analysis.analyses.diff.group_shifts` with how
    each move reads (:func:`~analysis.analyses.diff.noise_flags`)."""
    return shifts.assign(reading=noise_flags(shifts))


def changes_text(
    *,
    facts: dict,
    old_facts: dict | None,
    counts: pd.Series,
    shifts: pd.DataFrame,
    rebands: pd.DataFrame,
    by: str,
    currency: str,
    n_boot: int = N_BOOT,
) -> ReportText:
    """Everything report 07 says, from the frames it shows.

    facts, old_facts : :func:`~analysis.analyses.coverage.headline_figures` of the new and the
    previous snapshot (old_facts None when the store holds one snapshot only); counts :
    :func:`~analysis.analyses.diff.diff_counts`; shifts : :func:`~analysis.analyses.diff.
    group_shifts` (Chart 1, resampled `n_boot` times); rebands : every re-banded posting
    (:func:`~analysis.analyses.diff.largest_rebands` with ``top=len(diff)``).
    """
    current = facts["snapshot"] or "none"
    if old_facts is None:
        return _single_snapshot(facts, current)
    previous = old_facts["snapshot"] or "none"
    label, many = _group_nouns(by)
    reading = shift_summary(shifts)
    moved = reading.moved
    noise = _noise_text(moved, by, label, many)
    source_line = (f"Source: paybands snapshots {previous} and {current}; n = bands in "
                   f"{currency} with a closed range.")
    return ReportText(
        title=(f"{plural(counts['added'], 'posting')} added, {counts['removed']:,} removed, "
               f"{counts['rebanded']:,} re-banded since {previous}; {noise}"),
        scope=(f"Snapshot {current} against {previous}: {old_facts['postings']:,} → "
               f"{facts['postings']:,} postings; medians of {currency} annual base salary, as "
               f"posted, by {label}."),
        findings=[
            Finding(
                f"**{plural(counts['added'], 'posting')} added, {counts['removed']:,} removed, "
                f"{counts['rebanded']:,} re-banded** between {previous} and {current}: "
                f"{old_facts['postings']:,} → {facts['postings']:,} postings, "
                f"{counts['unchanged']:,} unchanged.",
                kind="posting changes", subject="dataset", value=float(counts["rebanded"]),
                n=facts["postings"], employers=facts["employers"],
                confidence=confidence_of(facts["postings"]), chart="the table below"),
            _shift_finding(reading, by, label, many),
            _reband_finding(rebands, int(counts["rebanded"])),
            _disclosure_finding(facts, old_facts),
        ],
        captions={SHIFTS_CHART: Caption(
            title=(f"No {label}'s median midpoint moved beyond noise since {previous}"
                   if moved.empty else f"{_first_move(moved, by)} since {previous}"
                   + (f"; {plural(len(moved) - 1, f'other {label}', many=f'other {many}')} "
                      f"also beyond noise" if len(moved) > 1 else "")),
            subtitle=(f"Change in median band midpoint by {label}, {previous} → {current} · "
                      f"{currency} annual base salary, as posted · line = {CONFIDENCE:.0%} "
                      f"interval, employers resampled ({n_boot:,} times); grey: within noise · "
                      f"n = bands, {reading.n_old:,} → {reading.n_new:,}"),
            alt=(f"Forest plot of the % change in median posted pay midpoint by {label} between "
                 f"{previous} and {current}, with {CONFIDENCE:.0%} intervals; {noise}."),
            source=source_line,
        )},
        caveats=[
            "Posted is not paid: these are the ranges employers advertise, and a refresh changes "
            "which employers are advertising as much as what they pay.",
            f"Medians compare whichever postings are open at each snapshot; "
            f"{plural(counts['added'], 'added posting')} and "
            f"{plural(counts['removed'], 'removed posting')} change the mix, so a move can be "
            f"composition, not a raise.",
            "A posting is re-banded when its set of bands (amounts, period, currency, label) "
            "changed; title or location rewording alone leaves it unchanged.",
        ],
        method=_method(currency, n_boot),
        notes={SHIFTS_CHART: f"No {currency} bands to compare by {label}: nothing to draw."},
    )


def _single_snapshot(facts: dict, current: str) -> ReportText:
    with_pay = (f", {percent(facts['share_with_pay'])} with pay" if facts["postings"] else "")
    return ReportText(
        title=f"Only one snapshot ({current}); nothing to compare",
        scope=f"Snapshot {current} is the first in its store; refresh the data to see changes.",
        findings=[Finding(
            f"**Only one snapshot; nothing to compare.** Snapshot {current} is the first in its "
            f"store ({plural(facts['postings'], 'posting')}{with_pay}); the next refresh will "
            f"show what was added, removed and re-banded.",
            kind="no data", subject="store", n=facts["postings"], confidence="none")],
        captions={SHIFTS_CHART: Caption("Only one snapshot: no change to show")},
        caveats=["Posted is not paid: these are the ranges employers advertise.",
                 "A report of changes needs two snapshots: ingest the next refresh into the same "
                 "store."],
        method=_method("the report currency", N_BOOT),
        notes={SHIFTS_CHART: "Only one snapshot in the store; nothing to compare."},
    )


def _first_move(moved: pd.DataFrame, by: str) -> str:
    row = moved.iloc[0]
    return (f"{row[by]}'s median {'rose' if row['change'] > 0 else 'fell'} "
            f"{abs(row['change']):.1%}")


def _noise_text(moved: pd.DataFrame, by: str, label: str, many: str) -> str:
    if moved.empty:
        return f"no {label}'s median moved beyond noise"
    if len(moved) == 1:
        return f"{_first_move(moved, by)}, beyond noise"
    return f"{len(moved):,} {many}' medians moved beyond noise"


def _shift_finding(reading, by: str, label: str, many: str) -> Finding:
    tested, moved, widest = reading.tested, reading.moved, reading.widest
    common = dict(kind="median shift", n=reading.n_new, chart="Chart 1")
    if not len(tested):
        return Finding(f"**No {label} has {SMALL_N} or more bands in both snapshots**, so no "
                       f"median can be compared.", subject=label,
                       confidence="too few" if reading.n_new else "none", **common)
    groups = f"the one {label}" if len(tested) == 1 else f"the {len(tested):,} {many}"
    if moved.empty:
        return Finding(
            f"**No {label}'s median midpoint moved beyond noise**: of {groups} with at least "
            f"{SMALL_N} bands in both snapshots, the largest move was {_move(widest, by)}.",
            subject=str(widest[by]), value=float(widest["change"]),
            interval=(float(widest["change_low"]), float(widest["change_high"])),
            confidence=confidence_of(int(min(widest["n_old"], widest["n_new"]))), **common)
    top = moved.iloc[0]
    return Finding(
        f"**{count_of(len(moved), len(tested), label, many=many)} moved beyond noise**: "
        + "; ".join(_move(row, by) for _, row in moved.head(3).iterrows()) + ".",
        subject=str(top[by]), value=float(top["change"]),
        interval=(float(top["change_low"]), float(top["change_high"])),
        confidence=confidence_of(int(min(top["n_old"], top["n_new"]))), **common)


def _reband_finding(rebands: pd.DataFrame, rebanded: int) -> Finding:
    summary = reband_summary(rebands)
    common = dict(kind="re-banding", subject="re-banded postings", n=rebanded,
                  chart="the table below")
    if not summary["rebanded"]:
        return Finding("**No posting was re-banded.**", value=0.0, confidence="none", **common)
    moved = summary["raised"] + summary["lowered"]
    one_way = not (summary["raised"] and summary["lowered"])
    direction = (summary["lean"] if one_way or summary["lean"] == "both ways" else
                 f"mostly {summary['lean']}")
    lead = f"Re-banded postings moved {direction}" if moved else \
        "No re-banded posting moved its midpoint"
    median = (f" (median change {summary['median_change']:+.1%})"
              if pd.notna(summary["median_change"]) else "")
    return Finding(
        f"**{lead}**: of {rebanded:,}, {summary['raised']:,} raised "
        f"the midpoint of their first band and {summary['lowered']:,} lowered it{median}; "
        f"{_stopped_started(summary['withdrawn'], summary['added'])}.",
        value=summary["median_change"], confidence=confidence_of(rebanded), **common)


def _disclosure_finding(facts: dict, old_facts: dict) -> Finding:
    gap = share_gap(facts["postings_with_pay"], facts["postings"],
                    old_facts["postings_with_pay"], old_facts["postings"])
    common = dict(kind="disclosure change", subject="dataset", n=facts["postings"])
    if not min(facts["postings"], old_facts["postings"]):
        return Finding("**No disclosure change to measure**: one of the snapshots holds no "
                       "postings.", confidence="none", **common)
    return Finding(
        f"**{percent(gap['share_a'])} of postings state pay now, {percent(gap['share_b'])} "
        f"before** ({facts['postings_with_pay']:,} of {facts['postings']:,} vs "
        f"{old_facts['postings_with_pay']:,} of {old_facts['postings']:,}): "
        f"{gap['gap'] * 100:+.1f} points ({CONFIDENCE:.0%} CI {gap['gap_low'] * 100:+.1f} to "
        f"{gap['gap_high'] * 100:+.1f})" + (", within noise." if gap["within_noise"] else "."),
        value=gap["gap"], interval=(gap["gap_low"], gap["gap_high"]),
        confidence=confidence_of(min(facts["postings"], old_facts["postings"])), **common)


def _method(currency: str, n_boot: int) -> list[str]:
    return [
        "Postings are matched across snapshots by posting_id: added (only in the new one), "
        "removed (only in the previous one), re-banded (bands differ), unchanged.",
        f"Median change = new median / previous median − 1 of annual_mid over closed {currency} "
        f"bands per group (a posting with several bands counts once); {CONFIDENCE:.0%} percentile "
        f"interval from {n_boot:,} resamples of the employers of both snapshots together (the "
        f"same employers set both medians); a change whose interval holds 0 is \"within noise\"; "
        f"groups with fewer than {SMALL_N} bands in either snapshot (\"too few to test\") or "
        f"fewer than {MIN_EMPLOYERS} employers (\"too few employers\") get no interval.",
        "Re-band change = new / previous midpoint of the posting's first band − 1.",
        f"Disclosure change: difference of shares with Newcombe's hybrid score {CONFIDENCE:.0%} "
        f"interval.",
    ]


def shift_table(
    shifts: pd.DataFrame, *, by: str = "metro", confidence: float = CONFIDENCE
) -> pd.DataFrame:
    """`group_shifts` output as a report table: medians then and now, change with its interval
    ("+5.9% (-27.1 to +42.4)", the interval in percentage points of change), n then and now and
    how to read the move (:func:`~analysis.analyses.diff.noise_flags`), largest groups first."""
    data = shifts.sort_values(["n_new", "n_old"], ascending=False)
    change = [
        "–" if pd.isna(c) else f"{c:+.1%}" if pd.isna(low) else
        f"{c:+.1%} ({low * 100:+.1f} to {high * 100:+.1f})"
        for c, low, high in zip(data["change"], data["change_low"], data["change_high"],
                                strict=True)
    ]
    return pd.DataFrame(
        {
            by.replace("_", " ").capitalize(): data[by].astype(str),
            "Previous median": data["median_old"],
            "New median": data["median_new"],
            f"Change ({confidence:.0%} CI)": change,
            "Bands then": data["n_old"].astype(int),
            "Bands now": data["n_new"].astype(int),
            "Reading": noise_flags(data).to_numpy(),
        }
    ).reset_index(drop=True)


def reband_table(rebands: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """The first `top` rows of :func:`~analysis.analyses.diff.largest_rebands` for a report:
    Employer, Title, Metro (short), Previous band, New band and Midpoint change ("+7.3%", or the
    direction when pay appeared or went)."""
    data = rebands.head(top)
    change = data["change"].map("{:+.1%}".format).where(data["change"].notna(),
                                                        data["direction"])
    return pd.DataFrame(
        {
            "Employer": data["employer"],
            "Title": data["title"],
            "Metro": data["metro"].map(short_metro, na_action="ignore"),
            "Previous band": data["old_bands"],
            "New band": data["new_bands"],
            "Midpoint change": change,
        }
    ).reset_index(drop=True)


def _stopped_started(stopped: int, started: int) -> str:
    """ "none stopped or started stating pay", "2 stopped stating pay and none started"."""
    if not stopped and not started:
        return "none stopped or started stating pay"
    return (f"{stopped:,} stopped stating pay" if stopped else "none stopped stating pay") + (
        f" and {started:,} started" if started else " and none started")
