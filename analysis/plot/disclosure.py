"""Disclosure over time: share of postings stating pay per state, one line each, laws marked.

The largest states take Okabe-Ito hues and are labelled where their lines end; the rest are thin
grey context. A period with fewer than `min_n` postings is not drawn at all (the line breaks
there), so a handful of postings cannot make a swing; the caller states how many were left out
(``trend_summary(...).thin``). Pay-transparency laws that took effect inside the window are thin
dashed verticals labelled at the top.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from analysis.analyses.laws import law_name, laws_in_window
from analysis.analyses.trends import trend_leaders, trend_window
from analysis.config import LOW_CONFIDENCE_N
from analysis.plot.style import CONTEXT, INK, category_colours, tidy

DATE_FORMATS = {"week": "%d %b", "month": "%b %Y", "snapshot": "%d %b %Y"}
# Smallest vertical gap between two end labels, as a share of the y range.
_LABEL_GAP = 0.055
# Room right of a line's last point for its label ("CA 85% (n=20)"), as a share of the window.
_LABEL_ROOM = 0.2


def disclosure_trend_chart(
    trend: pd.DataFrame,
    *,
    by: str = "state",
    laws: pd.DataFrame | None = None,
    top: int = 5,
    min_n: int = LOW_CONFIDENCE_N,
    max_laws: int = 4,
    ax: Axes | None = None,
) -> Axes:
    """Lines of share_with_pay per group over period_start, the `top` largest groups labelled.

    `trend` is ``disclosure_trend`` output (period_start, period, `by`, postings,
    share_with_pay). Only periods with at least `min_n` postings are drawn; a line breaks across
    a thinner one. `laws` (``load_laws``) adds a dashed line per law whose effective date falls
    inside the window, at most `max_laws`, those of the labelled groups first. Each labelled line
    ends in "CA 93% (n=209)", beside its last drawn point: that period's share and n. A group with
    no period of `min_n` postings draws nothing and gets no label.
    """
    data = trend.dropna(subset=[by, "period_start", "share_with_pay"])
    period = str(data["period"].iloc[0]) if "period" in data and len(data) else "snapshot"
    ax = ax or plt.subplots(figsize=(9, 5.2))[1]
    leaders = trend_leaders(data, by=by, top=top)
    colours = category_colours(leaders)
    others = [g for g in trend_leaders(data, by=by, top=len(data)) if g not in leaders]
    ends, drawn = [], 0
    for group in others + leaders[::-1]:
        rows = data.loc[data[by] == group].sort_values("period_start")
        solid = rows["postings"] >= min_n
        if not solid.any():
            continue
        lead, drawn = group in leaders, drawn + 1
        colour = colours[group] if lead else CONTEXT
        # NaN where a period is too small to read: the line breaks there rather than bridge it.
        ax.plot(rows["period_start"], rows["share_with_pay"].where(solid), color=colour,
                lw=2.2 if lead else 0.9, alpha=1 if lead else 0.6, marker="o",
                ms=4.5 if lead else 2.5, zorder=3 if lead else 2)
        if lead:
            last = rows.loc[solid].iloc[-1]
            ends.append((last["period_start"], last["share_with_pay"], group,
                         last["postings"], colour))
    start, end = trend_window(data)
    if pd.isna(start):  # nothing dated to draw
        return tidy(ax, grid="y")
    span = end - start if end > start else pd.Timedelta(days=30)
    marked = _mark_laws(ax, laws, start=start, end=end, states=leaders, limit=max_laws)
    low = max(0.0, min(data.loc[data["postings"] >= min_n, "share_with_pay"], default=0.5) - 0.1)
    low = float(int(low * 10) / 10)
    # Head room for the law labels when there are any.
    ax.set_ylim(low, 1.0 + (0.12 * (1 - low) if marked else 0.03))
    _label_ends(ax, ends)
    right = max([end + span * 0.03] + [when + span * _LABEL_ROOM for when, *_ in ends])
    ax.set_xlim(start - span * 0.03, right)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(DATE_FORMATS.get(period, "%d %b %Y")))
    if period in ("week", "snapshot"):
        ax.set_xticks(sorted(data["period_start"].unique()))
    else:  # no date ticks under the label margin
        ax.set_xticks([t for t in ax.get_xticks() if t <= mdates.date2num(end)])
    noun = {"week": "weeks", "month": "months"}.get(period, "snapshots")
    if not drawn:  # say so rather than leave a blank frame
        ax.text(0.5, 0.5, f"No state has {min_n} or more postings in any of these {noun}",
                transform=ax.transAxes, fontsize=10, color=INK, ha="center", va="center")
    elif (data.loc[data[by].isin(leaders), "postings"] < min_n).any():
        ax.text(0.012, 0.012, f"{noun.capitalize()} with fewer than {min_n} postings in a state "
                "are not drawn", transform=ax.transAxes, fontsize=7.5, color="#707070",
                ha="left", va="bottom")
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_ylabel("Share of postings with a pay range")
    ax.set_xlabel({"week": "Week posted (Monday)", "month": "Month posted"}.get(period,
                                                                                 "Snapshot"))
    tidy(ax, grid="y")
    ax.tick_params(axis="y", length=3)
    return ax


def _mark_laws(ax: Axes, laws, *, start, end, states, limit) -> int:
    """Dashed lines at laws' effective dates, one label per date; returns how many were drawn."""
    if laws is None or not len(laws):
        return 0
    marked = laws_in_window(laws, start=start, end=end, states=states, limit=limit)
    # Laws of the same day share one line: "CA, WA laws eff. 1 Jan 2023".
    for i, (date, same_day) in enumerate(marked.groupby("effective_date", sort=True)):
        names = [law_name(law) for _, law in same_day.iterrows()]
        text = f"{', '.join(names)} law{'s' if len(names) > 1 else ''} eff. {date.day} {date:%b %Y}"
        ax.axvline(date, color=INK, lw=0.8, ls=(0, (4, 3)), zorder=1)
        # Alternate two rows at the top so labels of close dates do not collide.
        ax.annotate(text, xy=(date, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -11 - 11 * (i % 2)), textcoords="offset points", fontsize=7.5,
                    color=INK, va="bottom", ha="left")
    return len(marked)


def _label_ends(ax: Axes, ends: list) -> None:
    """A label just right of each line's last point, nudged apart vertically to stay readable.

    No connectors: a label sits at its own point's date, at most a small nudge above or below.
    """
    low, high = ax.get_ylim()
    gap = _LABEL_GAP * (high - low)
    ends = sorted(ends, key=lambda e: e[1])
    placed: list[float] = []
    for end in ends:
        placed.append(max(end[1], placed[-1] + gap) if placed else end[1])
    # Nudged past the top: move the whole stack down, keeping the gaps.
    excess = (placed[-1] - (high - gap / 2)) if placed else 0
    placed = [y - max(excess, 0) for y in placed]
    for (when, value, group, n, colour), y in zip(ends, placed, strict=True):
        ax.annotate(f"{group} {value:.0%} (n={n:,})", xy=(when, y), xytext=(7, 0),
                    textcoords="offset points", fontsize=9, color=colour, fontweight="bold",
                    va="center", ha="left")
