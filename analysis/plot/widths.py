"""Range spread: how wide posted ranges are, (max − min) / min, with "too wide" marked.

A histogram of the spread of each closed band; bars past the threshold (by default the spread
equal to max / min = 2.0, i.e. 100 %) in the accent colour, a dashed line at the threshold with the
count beyond it written beside it, and the median marked. Spreads past :data:`SPREAD_AXIS_MAX`
share one overflow bar at the right edge.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from analysis.analyses.widths import TOO_WIDE_SPREAD
from analysis.plot.style import ACCENT, INK, MAIN, tidy

# Bins per threshold: the threshold falls on a bin edge, so no bar straddles it.
BINS_TO_THRESHOLD = 20
# The axis ends at a 300 % spread (max = 4 × min), twice past "too wide": a few bands posted as
# $20k–$400k would otherwise stretch the axis and squeeze every other bar into its left edge.
SPREAD_AXIS_MAX = 3.0


def range_width_chart(
    widths: pd.DataFrame,
    *,
    spread: str = "spread",
    threshold: float = TOO_WIDE_SPREAD,
    ax: Axes | None = None,
) -> Axes:
    """Histogram of `spread` ((max − min) / min, 0–300 %) per band, bars beyond `threshold` in the
    accent colour; spreads past :data:`SPREAD_AXIS_MAX` are counted in one overflow bar.

    `widths` is ``range_width(..., per_band=True)``. Writes the median spread and
    "k of n bands (x%) beyond" the threshold on the chart.
    """
    values = widths[spread].dropna().to_numpy(float)
    ax = ax or plt.subplots(figsize=(9, 4.6))[1]
    step = threshold / BINS_TO_THRESHOLD
    axis_max = max(SPREAD_AXIS_MAX, threshold * 1.3)
    top = min(max(threshold * 1.3, values.max() if len(values) else 0), axis_max)
    edges = np.arange(0, math.ceil(np.round(top / step, 9)) + 1) * step
    # Bins closed on the right, so a band exactly at the threshold (max = 2 × min) stays left of it.
    index = np.clip(np.ceil(np.round(values / step, 9)) - 1, 0, None).astype(int)
    overflow = int((index >= len(edges) - 1).sum())
    counts = np.bincount(index[index < len(edges) - 1], minlength=len(edges) - 1)
    if overflow:  # one more bar past the axis end holds every wider band
        counts = np.append(counts, overflow)
        edges = np.append(edges, edges[-1] + step)
    for i, count in enumerate(counts):
        beyond = i >= BINS_TO_THRESHOLD
        ax.bar(edges[i], count, width=step, align="edge", color=ACCENT if beyond else MAIN,
               edgecolor="white", lw=0.4)
    n_beyond = int((np.round(values / step, 9) > BINS_TO_THRESHOLD).sum())
    share = n_beyond / len(values) if len(values) else 0.0
    ax.axvline(threshold, color=INK, lw=1, ls=(0, (4, 3)))
    ax.annotate(
        f"Too wide to inform: spread > {threshold:.0%}\n(max more than {threshold + 1:g}× min)"
        f"\n{n_beyond:,} of {len(values):,} bands ({share:.1%}) beyond",
        xy=(threshold, 0.96), xycoords=("data", "axes fraction"), xytext=(6, 0),
        textcoords="offset points", va="top", ha="left", fontsize=9, color=ACCENT,
    )
    if overflow:
        ax.annotate(f"over {edges[-2]:.0%}\n({_bands(overflow)})", xy=(edges[-1], counts[-1]),
                    xytext=(0, 3), textcoords="offset points", ha="right", va="bottom",
                    fontsize=8, color=INK)
    if len(values):
        median = float(np.median(values))
        ax.axvline(min(median, edges[-1]), color=INK, lw=0.8)
        ax.annotate(f"median {median:.0%}", xy=(min(median, edges[-1]), 1.0),
                    xycoords=("data", "axes fraction"), xytext=(3, -2),
                    textcoords="offset points", fontsize=8.5, color=INK, va="top", ha="left")
    single = int((values == 0).sum())
    if single:  # a single figure ("$120,000") is a band of zero width
        ax.annotate(f"single figure\n({_bands(single)})", xy=(step / 2, counts[0]),
                    xytext=(0, 3), textcoords="offset points", ha="left", va="bottom",
                    fontsize=8, color=INK)
    ax.set_ylim(0, max(counts.max(initial=0), 1) * 1.18)
    ax.set_xlim(0, edges[-1])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_xlabel("Range spread: (max − min) / min of the posted band")
    ax.set_ylabel("Bands")
    tidy(ax, grid="y")
    ax.tick_params(axis="y", length=3)
    return ax


def _bands(n: int) -> str:
    """ "1 band", "12 bands": the chart counts bands, and says so."""
    return f"{n:,} band{'' if n == 1 else 's'}"
