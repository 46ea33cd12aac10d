"""What changed: each group's change in median midpoint between two snapshots, as a forest plot.

One row per group: the % change of the median band midpoint as a point with its bootstrap
interval. Moves beyond noise are blue; moves whose interval holds 0 are grey and say "within
noise"; groups too small for an interval are a hollow grey point. Beside each row, the medians
and n then → now.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from analysis.analyses.diff import noise_flags
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY
from analysis.formats import money
from analysis.plot.style import CONTEXT, INK, MAIN, tidy

# The noise reading starts after the longest "$188k → $190k · 455 → 461 bands" of the chart:
# this many points per character of 8.5-point text (a generous average: digits, "$", "→"), plus a
# gap, so the two columns never touch.
_POINTS_PER_CHARACTER = 5.2
_COLUMN_GAP = 12
# Labels longer than this wrap at their first comma.
_ONE_LINE = 26


def shift_chart(
    shifts: pd.DataFrame,
    *,
    by: str = "metro",
    confidence: float = CONFIDENCE,
    currency: str = DEFAULT_CURRENCY,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot of `change` per `by` group with (change_low, change_high) whiskers.

    `shifts` is ``group_shifts`` output. Groups run top to bottom from the largest rise to the
    largest fall; groups present in only one snapshot have no change and sit at the bottom, their
    n written. Each row reads "$188k → $190k · n 455 → 461 · within noise" on the right, the
    medians in `currency` (the one the shifts were computed in).
    """
    data = shifts.assign(reading=noise_flags(shifts))
    data = data.sort_values("change", ascending=True, na_position="first").reset_index(drop=True)
    ax = ax or plt.subplots(figsize=(10.5, 0.5 * len(data) + 1.9))[1]
    readings = [f"{money(row.median_old, currency=currency)} → "
                f"{money(row.median_new, currency=currency)} · "
                f"{row.n_old:,} → {row.n_new:,} bands" for row in data.itertuples()]
    flag_offset = 10 + _POINTS_PER_CHARACTER * max(map(len, readings), default=0) + _COLUMN_GAP
    for row, reading in zip(data.itertuples(), readings, strict=True):
        flag = row.reading
        colour = MAIN if flag == "beyond noise" else CONTEXT
        if not np.isnan(row.change_low):
            ax.plot([row.change_low, row.change_high], [row.Index] * 2, color=colour,
                    lw=2.4 if flag == "beyond noise" else 1.6, solid_capstyle="round")
        if not np.isnan(row.change):
            hollow = np.isnan(row.change_low)
            ax.plot(row.change, row.Index, "o", ms=7, color=colour,
                    mfc="white" if hollow else colour, mew=1.4, zorder=3)
        # Offsets in points from the axes' right edge: the columns keep their width.
        ax.annotate(
            reading,
            xy=(1, row.Index), xycoords=("axes fraction", "data"), xytext=(10, 0),
            textcoords="offset points", va="center", ha="left", fontsize=8.5, color=INK,
        )
        ax.annotate(flag, xy=(1, row.Index), xycoords=("axes fraction", "data"),
                    xytext=(flag_offset, 0), textcoords="offset points", va="center",
                    ha="left", fontsize=8.5,
                    color=MAIN if flag == "beyond noise" else "#707070",
                    fontweight="bold" if flag == "beyond noise" else "normal")
    ax.axvline(0, color=INK, lw=0.9)
    reach = np.nanmax(np.abs(data[["change", "change_low", "change_high"]].to_numpy(float)),
                      initial=0.01)
    ax.set_xlim(-reach * 1.1, reach * 1.1)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_yticks(range(len(data)), [_two_lines(v) for v in data[by]])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_xlabel(f"Change in median midpoint, new vs previous snapshot (line = {confidence:.0%} "
                  f"bootstrap interval)\nRight: median midpoint then → now, n bands then → now")
    return tidy(ax)


def _two_lines(label) -> str:
    """A long CBSA name on two lines at its comma, so the plot keeps its width."""
    text = str(label)
    return text.replace(", ", ",\n", 1) if len(text) > _ONE_LINE else text
