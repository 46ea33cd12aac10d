"""Report 09 (growth): how posted pay grew since the previous snapshot with the mix held fixed,
and how much of the raw median's move was the mix.

`growth_text` is the report's words, from the frames its charts plot:
:func:`~analysis.analyses.growth.posted_wage_growth` (Chart 1 and the table) and, over three or
more snapshots, :func:`~analysis.analyses.growth.growth_series` (Chart 2). `growth_table` is
the table under Chart 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.analyses.growth import CELLS, GROWTH_COLUMNS
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import agree, confidence_of, count_of, plural
from analysis.stats import excludes

GROWTH_CHART = "09_growth"
SERIES_CHART = "09_growth_series"
# Raw and fixed-mix growth closer than this (half a point) read as "the mix barely moved".
MIX_NOISE = 0.005
SOURCE = "Indeed's Wage Tracker (hiring-lab/indeed-wage-tracker)"


def growth_text(
    growth: pd.DataFrame | None,
    *,
    series: pd.DataFrame | None = None,
    old_label: str | None,
    new_label: str,
    currency: str = DEFAULT_CURRENCY,
    cells: Sequence[str] = CELLS,
    min_postings: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
) -> ReportText:
    """Everything report 09 says, from the frames it shows.

    growth : :func:`~analysis.analyses.growth.posted_wage_growth` of the previous snapshot
        (`old_label`) against the newest (`new_label`), None when the store holds one snapshot
        only (`old_label` None too): the report then says there is nothing to compare.
    series : :func:`~analysis.analyses.growth.growth_series` over every snapshot (three or more),
        else None.
    cells, min_postings, confidence, n_boot : what `growth` was computed with, for the method.
    """
    cell_words = " × ".join(c.replace("_", " ") for c in cells)
    method = _method(cell_words, currency=currency, min_postings=min_postings,
                     confidence=confidence, n_boot=n_boot)
    if growth is None or old_label is None or growth.empty:
        return _single_snapshot(new_label, method)
    overall = growth.iloc[0]
    by = _by_columns(growth)
    label, many = _group_nouns(by)
    groups = growth.iloc[1:]
    span = f"{old_label} → {new_label}"
    source = (f"Source: paybands snapshots {old_label} and {new_label}; cells of "
              f"{cell_words} with {min_postings}+ postings in both; closed {currency} ranges.")
    cell_count = int(overall["cells"])
    findings = [_overall_finding(overall, cell_words, min_postings=min_postings,
                                 confidence=confidence),
                _mix_finding(overall, cells)]
    if by:
        findings.append(_group_finding(groups, label, many, cell_words=cell_words,
                                       min_postings=min_postings, confidence=confidence))
    if series is not None and len(series):
        findings.append(_series_finding(series))
    moved, raw = _moved(overall["growth_pct"]), _signed(overall["raw_growth_pct"])
    if cell_count:
        title = f"Posted pay {moved} with the mix held fixed (raw median: {raw})"
        chart_title = f"With the mix held fixed, posted pay {moved}; the raw median moved {raw}"
    else:
        title = (f"No {cell_words} cell has {min_postings}+ postings in both snapshots; the raw "
                 f"median moved {raw}")
        chart_title = "No cell to hold the mix fixed"
    return ReportText(
        title=title,
        scope=(f"Snapshot {new_label} against {old_label}: {overall['postings_old']:,} → "
               f"{overall['postings_new']:,} postings; the median {currency} annual base salary "
               f"midpoint, as posted, compared within cells of {cell_words}"
               + (f", overall and by {label}." if by else ".")),
        findings=findings,
        captions={
            GROWTH_CHART: Caption(
                title=chart_title,
                subtitle=(f"Median over cells ({cell_words}) of each cell's median midpoint "
                          f"growth, {span} · {currency} annual base salary, as posted · line = "
                          f"{confidence:.0%} interval, employers resampled ({n_boot:,} times) · "
                          f"grey diamond: raw median growth · n = {plural(cell_count, 'cell')}, "
                          f"{plural(int(overall['employers']), 'employer')}"),
                alt=(f"Forest plot of posted-pay growth {span} with the mix held fixed, overall"
                     + (f" and by {label}" if by else "") + f", with {confidence:.0%} intervals,"
                     f" beside the raw median's growth: {moved} against {raw}."),
                source=source,
            ),
            SERIES_CHART: _series_caption(series, confidence=confidence, n_boot=n_boot,
                                          currency=currency, cell_words=cell_words),
        },
        caveats=[
            "Posted is not paid: these are the ranges employers advertise. A posting open in "
            "both snapshots counts in both, which pulls growth toward 0 (Indeed counts each ad "
            "once, in the month it was first posted).",
            f"Cells hold {cell_words} fixed, not the employer: a cell whose postings move to "
            f"dearer employers grows though nobody raised pay. Postings that state no "
            f"{_either(cells)} are in no cell and count only in the raw median.",
            f"Every cell counts once, as in {SOURCE}: a cell of {min_postings} postings weighs "
            f"as much as one of 500, and a median of few cells is jumpy "
            f"({plural(cell_count, 'cell')} here).",
        ],
        method=method,
        notes={
            GROWTH_CHART: (f"No {cell_words} cell has {min_postings}+ {currency} postings in "
                           f"both snapshots: nothing to draw."),
            SERIES_CHART: ("A series needs three or more snapshots; this store has two, one "
                           "comparison (Chart 1)." if series is None else
                           f"No refresh has a {cell_words} cell with {min_postings}+ postings "
                           f"in both snapshots: no series to draw."),
        },
    )


def growth_table(growth: pd.DataFrame, *, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """:func:`~analysis.analyses.growth.posted_wage_growth` as a report table: the overall row
    ("All postings") then each group, growth with its interval ("+4.1% (+3.3 to +4.9)", the
    interval in points), raw growth, the mix effect in points, cells, employers and postings
    then and now."""
    by = _by_columns(growth)
    label = by[0].replace("_", " ").capitalize() if len(by) == 1 else "Group"
    fixed = [
        "–" if pd.isna(g) else _signed_share(g) if pd.isna(low) else
        f"{_signed_share(g)} ({_points(low)} to {_points(high)})"
        for g, low, high in zip(growth["growth_pct"], growth["growth_pct_low"],
                                growth["growth_pct_high"], strict=True)
    ]
    return pd.DataFrame({
        label: ["All postings", *growth["group"].iloc[1:].astype(str)],
        f"Growth, mix held fixed ({confidence:.0%} CI)": fixed,
        "Raw median growth": growth["raw_growth_pct"].map(_signed_share, na_action="ignore"),
        "Mix effect (points)": growth["mix_effect_pct"].map(_points, na_action="ignore"),
        "Cells": growth["cells"].astype(int),
        "Employers": growth["employers"].astype(int),
        "Postings then": growth["postings_old"].astype(int),
        "Postings now": growth["postings_new"].astype(int),
    }).reset_index(drop=True)


def _by_columns(growth: pd.DataFrame) -> list[str]:
    """The `by` columns of a growth table: those besides group and the growth columns."""
    return [c for c in growth.columns if c != "group" and c not in GROWTH_COLUMNS]


def _group_nouns(by: list[str]) -> tuple[str, str]:
    """("metro", "metros"), ("role family", "role families"), ("group", "groups")."""
    label = by[0].replace("_", " ") if len(by) == 1 else "group"
    return label, label[:-1] + "ies" if label.endswith("y") else label + "s"


def _signed(value: float) -> str:
    """"+29%", "+4.1%", "−0.2%": whole points from 10% up, one decimal below."""
    if pd.isna(value):
        return "–"
    text = f"{value:+.0%}" if abs(value) >= 0.095 else f"{value:+.1%}"
    return text.replace("-", "−")


def _signed_share(share: float) -> str:
    """0.041 -> "+4.1%", -0.002 -> "−0.2%": one decimal, a true minus sign."""
    return f"{share:+.1%}".replace("-", "−")


def _points(share: float) -> str:
    """A difference of shares in points: 0.261 -> "+26.1", -0.002 -> "−0.2"."""
    return f"{share * 100:+.1f}".replace("-", "−")


def _either(columns: Sequence[str], *, plural_nouns: bool = False) -> str:
    """"role family, level or metro" ("role families, levels or metros")."""
    words = [c.replace("_", " ") for c in columns]
    if plural_nouns:
        words = [_group_nouns([w])[1] for w in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _moved(growth: float) -> str:
    """"grew 4.1%", "fell 0.8%", "held steady (0.0%)"."""
    if pd.isna(growth):
        return "could not be measured"
    if round(abs(growth), 3) == 0:
        return "held steady (0.0%)"
    return f"{'grew' if growth > 0 else 'fell'} {_signed(abs(growth))[1:]}"  # no sign


def _interval(row, confidence: float) -> str:
    if pd.isna(row["growth_pct_low"]):
        return f"no interval: fewer than {MIN_EMPLOYERS} employers"
    return (f"{confidence:.0%} interval {_signed(row['growth_pct_low'])} to "
            f"{_signed(row['growth_pct_high'])}")


def _confidence(row) -> str:
    if not row["cells"]:
        return "none"
    return confidence_of(int(min(row["postings_old"], row["postings_new"])),
                         int(row["employers"]))


def _overall_finding(overall, cell_words: str, *, min_postings: int, confidence: float
                     ) -> Finding:
    common = dict(kind="fixed-mix growth", subject="all postings", n=int(overall["postings_new"]),
                  employers=int(overall["employers"]), chart="Chart 1")
    if not overall["cells"]:
        return Finding(
            f"**No like-for-like comparison**: no {cell_words} cell holds {min_postings}+ "
            f"postings in both snapshots, so the mix cannot be held fixed.",
            confidence="none", **common)
    low, high = overall["growth_pct_low"], overall["growth_pct_high"]
    reading = ("no interval is claimed" if pd.isna(low) else
               "the interval excludes 0: beyond sampling noise" if excludes(low, high, 0) else
               "the interval includes 0: within sampling noise")
    return Finding(
        f"**Posted pay {_moved(overall['growth_pct'])} with the mix held fixed** "
        f"({_interval(overall, confidence)}): the median growth of "
        f"{plural(int(overall['cells']), 'cell')} ({cell_words}) with {min_postings}+ postings "
        f"in both snapshots, from {plural(int(overall['employers']), 'employer')}; {reading}.",
        value=float(overall["growth_pct"]),
        interval=None if pd.isna(low) else (float(low), float(high)),
        confidence=_confidence(overall), **common)


def _mix_finding(overall, cells: Sequence[str]) -> Finding:
    raw, mix = overall["raw_growth_pct"], overall["mix_effect_pct"]
    common = dict(kind="mix effect", subject="all postings", n=int(overall["postings_new"]),
                  chart="Chart 1")
    if pd.isna(mix):
        return Finding(
            f"**The raw median moved {_signed(raw)}**; with no cell in both snapshots, how much "
            f"of that is the mix of postings cannot be told.",
            value=None if pd.isna(raw) else float(raw), confidence="none", **common)
    if abs(mix) < MIX_NOISE:
        return Finding(
            f"**The mix barely moved**: the raw median moved {_signed(raw)}, within half a point "
            f"of the fixed-mix growth ({_points(mix)} points).",
            value=float(mix), confidence=_confidence(overall), **common)
    toward = "better" if mix > 0 else "lower"
    return Finding(
        f"**The raw median moved {_signed(raw)}, {abs(mix) * 100:.1f} points "
        f"{'more' if mix > 0 else 'less'} than like-for-like pay**: the mix of postings shifted "
        f"toward {toward}-paid {_either(cells, plural_nouns=True)}, and a raw median compares a "
        f"different set of jobs ({overall['postings_old']:,} → {overall['postings_new']:,} "
        f"postings).",
        value=float(mix), confidence=_confidence(overall), **common)


def _group_finding(groups: pd.DataFrame, label: str, many: str, *, cell_words: str,
                   min_postings: int, confidence: float) -> Finding:
    measured = groups.dropna(subset=["growth_pct"])
    tested = measured.dropna(subset=["growth_pct_low"])
    common = dict(kind="growth by group", n=int(groups["postings_new"].sum()),
                  chart="Chart 1")
    missing = len(groups) - len(measured)
    missing_text = (f"; {plural(missing, label, many=many)} "
                    f"{'has' if missing == 1 else 'have'} no cell in both snapshots"
                    if missing else "")
    if measured.empty:
        return Finding(
            f"**No {label} has a like-for-like cell**: no {cell_words} cell holds "
            f"{min_postings}+ postings in both snapshots in "
            + (f"the one {label}." if len(groups) == 1 else f"any of the {len(groups):,} {many}."),
            subject=label, confidence="none", **common)
    if tested.empty:
        counted = count_of(len(measured), len(groups), label, many=many)
        return Finding(
            f"**No {label} has an interval**: {counted} "
            f"{agree(len(measured), 'has', 'have', of=len(groups))} a cell in both snapshots, "
            f"but none from {MIN_EMPLOYERS}+ employers{missing_text}.",
            subject=label, confidence="too few", **common)
    ordered = tested.sort_values("growth_pct", ascending=False, kind="stable")
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    rose = sum(excludes(r.growth_pct_low, r.growth_pct_high, 0) and r.growth_pct > 0
               for r in tested.itertuples())
    fell = sum(excludes(r.growth_pct_low, r.growth_pct_high, 0) and r.growth_pct < 0
               for r in tested.itertuples())
    noise = (f"{count_of(rose, len(tested), label, many=many)} with an interval rose beyond "
             f"noise" + (f", {fell:,} fell" if fell else ""))
    if len(tested) == 1:
        lead = f"**Only {top['group']} has an interval: {_moved(top['growth_pct'])}**"
    else:
        lead = (f"**Across {many}, fixed-mix growth ran from {_signed(top['growth_pct'])} "
                f"({top['group']}) to {_signed(bottom['growth_pct'])} ({bottom['group']})**")
    return Finding(
        f"{lead} ({_interval(top, confidence)} for {top['group']}, "
        f"{plural(int(top['cells']), 'cell')}); {noise}{missing_text}.",
        subject=str(top["group"]), value=float(top["growth_pct"]),
        interval=(float(top["growth_pct_low"]), float(top["growth_pct_high"])),
        confidence=_confidence(top), **common)


def _series_finding(series: pd.DataFrame) -> Finding:
    measured = series.dropna(subset=["growth_pct"])
    common = dict(kind="growth series", subject="all postings", chart="Chart 2",
                  n=int(series["postings_new"].iloc[-1]))
    first = series["since"].iloc[0]
    if measured.empty:
        return Finding(f"**No refresh since {first} has a like-for-like cell**, so the series "
                       f"is empty.", confidence="none", **common)
    latest = measured.iloc[-1]
    cumulative = series["since"].nunique() == 1
    if cumulative:
        sentence = (f"**Since {first}, posted pay {_moved(latest['growth_pct'])} with the mix "
                    f"held fixed** by {latest['snapshot']}, over "
                    f"{plural(len(series), 'later snapshot')}.")
    else:
        total = float(np.prod(1 + measured["growth_pct"].to_numpy(float)) - 1)
        sentence = (f"**Over {plural(len(series), 'refresh', many='refreshes')} since {first}, "
                    f"fixed-mix growth per refresh ran from "
                    f"{_signed(measured['growth_pct'].min())} to "
                    f"{_signed(measured['growth_pct'].max())}**, compounding to "
                    f"{_signed(total)}; the latest ({latest['since']} → {latest['snapshot']}): "
                    f"{_signed(latest['growth_pct'])}.")
    return Finding(sentence, value=float(latest["growth_pct"]),
                   interval=(None if pd.isna(latest["growth_pct_low"]) else
                             (float(latest["growth_pct_low"]), float(latest["growth_pct_high"]))),
                   employers=int(latest["employers"]), confidence=_confidence(latest), **common)


def _series_caption(series, *, confidence: float, n_boot: int, currency: str,
                    cell_words: str) -> Caption:
    if series is None or series["growth_pct"].isna().all():
        return Caption("No series: fewer than three snapshots")
    latest = series.dropna(subset=["growth_pct"]).iloc[-1]
    cumulative = series["since"].nunique() == 1
    what = (f"since {series['since'].iloc[0]}" if cumulative else "per refresh")
    return Caption(
        title=(f"With the mix held fixed, posted pay {_moved(latest['growth_pct'])} "
               + (f"from {series['since'].iloc[0]} to {latest['snapshot']}" if cumulative else
                  f"in the latest refresh ({latest['since']} → {latest['snapshot']})")),
        subtitle=(f"Median over cells ({cell_words}) of each cell's median midpoint growth "
                  f"{what} · {currency} annual base salary, as posted · band = {confidence:.0%} "
                  f"interval, employers resampled ({n_boot:,} times) · dashed: raw median growth"
                  f" · {plural(len(series), 'comparison')}"),
        alt=(f"Line chart of posted-pay growth {what} with the mix held fixed over "
             f"{plural(len(series) + 1, 'snapshot')}, in its {confidence:.0%} interval band, "
             f"beside the raw median's growth."),
        source=(f"Source: paybands snapshots {series['since'].iloc[0]} to "
                f"{series['snapshot'].iloc[-1]}."),
    )


def _single_snapshot(new_label: str, method: list[str]) -> ReportText:
    return ReportText(
        title=f"Only one snapshot ({new_label}); nothing to compare",
        scope=f"Snapshot {new_label} is the first in its store; refresh the data to see growth.",
        findings=[Finding(
            f"**Only one snapshot; nothing to compare.** Growth needs the same cells in two "
            f"snapshots; snapshot {new_label} is the first in its store, and the next refresh "
            f"will show how posted pay moved with the mix held fixed.",
            kind="no data", subject="store", confidence="none")],
        captions={GROWTH_CHART: Caption("Only one snapshot: no growth to show"),
                  SERIES_CHART: Caption("Only one snapshot: no series to show")},
        caveats=["Posted is not paid: these are the ranges employers advertise.",
                 "Growth needs two snapshots: ingest the next refresh into the same store."],
        method=method,
        notes={GROWTH_CHART: "Only one snapshot in the store; nothing to compare.",
               SERIES_CHART: "Only one snapshot in the store; no series to draw."},
    )


def _method(cell_words: str, *, currency: str, min_postings: int, confidence: float,
            n_boot: int) -> list[str]:
    return [
        f"Cells are the combinations of {cell_words}; a cell counts when it holds at least "
        f"{min_postings} postings in each snapshot. Cell growth = median annual_mid now / then "
        f"− 1 over closed {currency} bands (a posting with several bands in a cell counts "
        f"once); growth with the mix held fixed = the median of the cells' growths, each cell "
        f"counted once, as in {SOURCE}.",
        f"{confidence:.0%} interval: the percentile interval of {n_boot:,} resamples of the "
        f"employers of both snapshots together; each resample recomputes every cell's medians "
        f"then and now and their median growth, so an employer's raise moves all its cells at "
        f"once (resampling cells would treat them as independent); none is claimed with fewer "
        f"than {MIN_EMPLOYERS} employers.",
        f"Raw growth = median annual_mid of every closed {currency} band now / then − 1 (a "
        f"posting counted once); mix effect = raw growth − growth with the mix held fixed, in "
        f"points.",
    ]
