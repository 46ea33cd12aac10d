"""Disclosure over time: share of postings stating pay per state, one line each, laws marked.

The largest states take Okabe-Ito hues and are labelled at the right end of their lines; the rest
are thin grey context. A period with fewer than `min_n` postings is drawn as a hollow point, off
the line, so a handful of postings cannot make a swing. Pay-transparency laws that took effect
inside the window are thin dashed verticals labelled at the top.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from analysis.charts.style import CONTEXT, INK, category_colours, tidy
from analysis.disclosure import laws_in_window, trend_window

DATE_FORMATS = {"week": "%d %b", "month": "%b %Y", "snapshot": "%d %b %Y"}
# Smallest vertical gap between two end labels, as a share of the y range.
_LABEL_GAP = 0.055


def disclosure_trend_chart(
    trend: pd.DataFrame,
    *,
    by: str = "state",
    laws: pd.DataFrame | None = None,
    top: int = 5,
    min_n: int = 20,
    max_laws: int = 4,
    ax: Axes | None = None,
) -> Axes:
    """Lines of share_with_pay per group over period_start, the `top` largest groups labelled.

    `trend` is ``disclosure_trend`` output (period_start, period, `by`, postings,
    share_with_pay). `laws` (``load_laws``) adds a dashed line per law whose effective date falls
    inside the window, at most `max_laws`, those of the labelled groups first. Each labelled line
    ends in "CA 93% (n=209)": the share and n of its last period with at least `min_n` postings
    (of its last period when none has that many).
    """
    data = trend.dropna(subset=[by, "period_start", "share_with_pay"])
    period = str(data["period"].iloc[0]) if "period" in data and len(data) else "snapshot"
    ax = ax or plt.subplots(figsize=(9, 5.2))[1]
    sizes = data.groupby(by)["postings"].sum().sort_values(ascending=False, kind="stable")
    leaders = list(sizes.index[:top])
    colours = category_colours(leaders)
    ends = []
    for group in [g for g in sizes.index if g not in leaders] + leaders[::-1]:
        rows = data.loc[data[by] == group].sort_values("period_start")
        solid = rows["postings"] >= min_n
        lead = group in leaders
        colour = colours[group] if lead else CONTEXT
        # A break in the line where a period is too small to read.
        ax.plot(rows["period_start"], rows["share_with_pay"].where(solid), color=colour,
                lw=2.2 if lead else 0.9, alpha=1 if lead else 0.6, marker="o",
                ms=4.5 if lead else 2.5, zorder=3 if lead else 2)
        if lead:
            weak = rows.loc[~solid]
            ax.scatter(weak["period_start"], weak["share_with_pay"], s=18, facecolor="white",
                       edgecolor=colour, lw=1, zorder=3)
            # Labelled at its last readable period; with none, at its last period.
            last = rows.loc[solid].iloc[-1] if solid.any() else rows.iloc[-1]
            ends.append((last["period_start"], last["share_with_pay"], group,
                         last["postings"], colour))
    start, end = trend_window(data)
    span = end - start if end > start else pd.Timedelta(days=30)
    marked = _mark_laws(ax, laws, start=start, end=end, states=leaders, limit=max_laws)
    low = max(0.0, min(data.loc[data["postings"] >= min_n, "share_with_pay"], default=0.5) - 0.1)
    low = float(int(low * 10) / 10)
    # Head room for the law labels when there are any.
    ax.set_ylim(low, 1.0 + (0.12 * (1 - low) if marked else 0.03))
    _label_ends(ax, ends, x=end + span * 0.03)
    ax.set_xlim(start - span * 0.03, end + span * 0.3)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(DATE_FORMATS.get(period, "%d %b %Y")))
    if period in ("week", "snapshot"):
        ax.set_xticks(sorted(data["period_start"].unique()))
    else:  # no date ticks under the label margin
        ax.set_xticks([t for t in ax.get_xticks() if t <= mdates.date2num(end)])
    if (data.loc[data[by].isin(leaders), "postings"] < min_n).any():
        ax.text(0.0, 0.01, f"Hollow points: periods with fewer than {min_n} postings, not joined",
                transform=ax.transAxes, fontsize=7.5, color="#555555", ha="left", va="bottom")
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
        names = [label.split(" law eff. ")[0] for label in same_day["label"]]
        text = f"{', '.join(names)} law{'s' if len(names) > 1 else ''} eff. {date.day} {date:%b %Y}"
        ax.axvline(date, color=INK, lw=0.8, ls=(0, (4, 3)), zorder=1)
        # Alternate two rows at the top so labels of close dates do not collide.
        ax.annotate(text, xy=(date, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -11 - 11 * (i % 2)), textcoords="offset points", fontsize=7.5,
                    color=INK, va="bottom", ha="left")
    return len(marked)


def _label_ends(ax: Axes, ends: list, *, x) -> None:
    """Labels in the right margin at each line's last value, nudged apart to stay readable."""
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
        ax.annotate(f"{group} {value:.0%} (n={n:,})", xy=(when, value), xytext=(x, y),
                    fontsize=9, color=colour, fontweight="bold", va="center", ha="left",
                    arrowprops=dict(arrowstyle="-", color=colour, lw=0.8, alpha=0.6,
                                    ls=(0, (1, 2)), shrinkA=4, shrinkB=4))
