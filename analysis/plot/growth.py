"""Posted-pay growth with the mix held fixed, against the raw median's growth.

:func:`growth_chart` is a forest plot of :func:`~analysis.analyses.growth.posted_wage_growth`:
the overall growth on top, then each group, each a point with its interval, and the raw median's
growth as a hollow grey diamond on the same row, joined to it by a dotted line, the mix effect.
:func:`growth_series_chart` draws the same over snapshots, a line in its interval band.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import ScaledTranslation

from analysis.config import CONFIDENCE
from analysis.plot.style import ACCENT, CONTEXT, INK, MAIN, tidy

# Labels longer than this wrap at their first comma.
_ONE_LINE = 26
# Points from the axes' bottom edge to the legend's top: below the tick labels and x label.
_LEGEND_DROP = 40
_RAW = dict(marker="D", ms=6.5, color=CONTEXT, mfc="white", mew=1.4, ls="none")


def growth_chart(
    growth: pd.DataFrame,
    *,
    top: int = 15,
    confidence: float = CONFIDENCE,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot of growth_pct (growth_pct_low, growth_pct_high) per row of `growth`, with
    raw_growth_pct marked beside it.

    `growth` is :func:`~analysis.analyses.growth.posted_wage_growth` output (not modified): its
    first row, every posting together, is drawn on top in the accent colour; below it the `top`
    groups with the most cells, largest growth first. Groups without a cell in both snapshots
    have no growth and are left out. Beside each row: its cells and employers.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["all"], "growth_pct": [0.04], "growth_pct_low": [0.03],
    ...                       "growth_pct_high": [0.05], "raw_growth_pct": [0.3], "cells": [70],
    ...                       "employers": [12]})
    >>> [t.get_text() for t in growth_chart(table).get_yticklabels()]
    ['All postings']
    """
    overall = growth.iloc[:1]
    groups = growth.iloc[1:].dropna(subset=["growth_pct"])
    groups = groups.nlargest(top, "cells", keep="first").sort_values("growth_pct",
                                                                       ascending=False)
    data = pd.concat([overall, groups]).reset_index(drop=True)
    ax = ax or plt.subplots(figsize=(10, 0.5 * len(data) + 2.2))[1]
    for row in data.itertuples():
        colour = ACCENT if row.Index == 0 else MAIN
        if np.isfinite(row.growth_pct_low):
            ax.plot([row.growth_pct_low, row.growth_pct_high], [row.Index] * 2, color=colour,
                    lw=2.6 if row.Index == 0 else 1.8, solid_capstyle="round")
        if np.isfinite(row.raw_growth_pct) and np.isfinite(row.growth_pct):
            ax.plot([row.growth_pct, row.raw_growth_pct], [row.Index] * 2, ls=":", lw=1,
                    color=CONTEXT, zorder=1)
        if np.isfinite(row.raw_growth_pct):
            ax.plot(row.raw_growth_pct, row.Index, zorder=2, **_RAW)
        if np.isfinite(row.growth_pct):
            hollow = not np.isfinite(row.growth_pct_low)
            ax.plot(row.growth_pct, row.Index, "o", ms=7.5 if row.Index == 0 else 6.5,
                    color=colour, mfc="white" if hollow else colour, mew=1.4, zorder=3)
        counts = (f"{row.cells:,} cell{'' if row.cells == 1 else 's'} · {row.employers:,} "
                  f"employer{'' if row.employers == 1 else 's'}")
        ax.annotate(counts, xy=(1, row.Index),
                    xycoords=("axes fraction", "data"), xytext=(8, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=8.5, color=INK)
    ax.axvline(0, color=INK, lw=0.9)
    if len(data) > 1:
        ax.axhline(0.5, color=CONTEXT, lw=0.6)
    ends = data[["growth_pct", "growth_pct_low", "growth_pct_high", "raw_growth_pct"]]
    ends = ends.to_numpy(float)
    low, high = np.nanmin(ends, initial=0.0), np.nanmax(ends, initial=0.0)
    pad = max(high - low, 0.02) * 0.08
    ax.set_xlim(low - pad, high + pad)
    ax.set_ylim(len(data) - 0.4, -0.6)  # the overall row on top
    labels = ["All postings" if i == 0 else _two_lines(g) for i, g in enumerate(data["group"])]
    ax.set_yticks(range(len(data)), labels)
    if len(data):
        ax.get_yticklabels()[0].set_fontweight("bold")
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_xlabel(f"Growth of posted pay, mix held fixed (line = {confidence:.0%} interval, "
                  f"employers resampled)")
    # Under the x-axis label, a fixed distance in points whatever the chart's height.
    below = ax.transAxes + ScaledTranslation(0, -_LEGEND_DROP / 72, ax.figure.dpi_scale_trans)
    ax.legend(handles=_legend(), loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below,
              ncol=2, fontsize=8.5, frameon=False)
    return tidy(ax)


def growth_series_chart(
    series: pd.DataFrame,
    *,
    confidence: float = CONFIDENCE,
    ax: Axes | None = None,
) -> Axes:
    """Growth with the mix held fixed over snapshots: a line in its interval band, the raw
    median's growth dashed beside it.

    `series` is :func:`~analysis.analyses.growth.growth_series` output (not modified), one point
    per snapshot at its date when every label is one (else evenly spaced), labelled with it.

    >>> import pandas as pd
    >>> series = pd.DataFrame({"snapshot": ["2026-11-01", "2026-12-01"],
    ...     "period_start": pd.to_datetime(["2026-11-01", "2026-12-01"]),
    ...     "growth_pct": [0.01, 0.02], "growth_pct_low": [0.0, 0.01],
    ...     "growth_pct_high": [0.02, 0.03], "raw_growth_pct": [0.05, -0.01]})
    >>> len(growth_series_chart(series).lines) >= 2
    True
    """
    dated = series["period_start"].notna().all() if "period_start" in series else False
    x = series["period_start"] if dated else pd.Series(np.arange(len(series)), dtype=float)
    ax = ax or plt.subplots(figsize=(9, 4.6))[1]
    ax.fill_between(x, series["growth_pct_low"], series["growth_pct_high"], color=MAIN,
                    alpha=0.18, lw=0, label=f"{confidence:.0%} interval, employers resampled")
    ax.plot(x, series["growth_pct"], "o-", color=MAIN, lw=2.2, ms=6, label="mix held fixed",
            zorder=3)
    ax.plot(x, series["raw_growth_pct"], ls="--", lw=1.3, marker="D", ms=5.5, color=CONTEXT,
            mfc="white", label="raw median", zorder=2)
    ax.axhline(0, color=INK, lw=0.9)
    ax.set_xticks(x, series["snapshot"].astype(str), rotation=45 if len(series) > 8 else 0)
    if len(series) == 1:
        ax.set_xlim(x.iloc[0] - pd.Timedelta(days=20) if dated else -1,
                    x.iloc[0] + pd.Timedelta(days=20) if dated else 1)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    bases = series["since"].unique() if "since" in series else []
    ax.set_ylabel(f"Growth of posted pay since {bases[0]}" if len(bases) == 1 and len(series) > 1
                  else "Growth of posted pay since the snapshot before")
    ax.set_xlabel("Snapshot")
    ax.legend(loc="best", fontsize=8.5, frameon=False)
    return tidy(ax, grid="y")


def _legend() -> list[Line2D]:
    return [Line2D([], [], marker="o", color=MAIN, lw=1.8, label="mix held fixed (median of "
                   "cells' growth)"),
            Line2D([], [], label="raw median growth", **_RAW)]


def _two_lines(label) -> str:
    """A long CBSA name on two lines at its comma, so the plot keeps its width."""
    text = str(label)
    return text.replace(", ", ",\n", 1) if len(text) > _ONE_LINE else text
