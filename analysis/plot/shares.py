"""Ranked share bars: one horizontal bar per group with its share and n written at the end."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from analysis.plot.style import ACCENT, CONTEXT, MAIN, end_label, tidy


def share_chart(
    frame: pd.DataFrame,
    *,
    y: str,
    share: str,
    n: str,
    highlight: str | None = None,
    min_n: int = 0,
    ax: Axes | None = None,
) -> Axes:
    """Bars of `share` (0–1) per `y`, largest on top, each labelled "62% (n=1,234)".

    Groups with fewer than `min_n` rows in `n` are drawn in grey: shown, not to be read closely.
    """
    data = frame.dropna(subset=[y, share]).sort_values(share).reset_index(drop=True)
    ax = ax or plt.subplots(figsize=(9, 0.4 * len(data) + 1.6))[1]
    for row in data.itertuples():
        value, count = getattr(row, share), getattr(row, n)
        colour = ACCENT if getattr(row, y) == highlight else MAIN
        ax.barh(row.Index, value, height=0.62, color=CONTEXT if count < min_n else colour)
        end_label(ax, value, row.Index, f"{value:.0%} (n={count:,})")
    ax.set_yticks(range(len(data)), [str(v) for v in data[y]])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_xlim(0, 1.18)
    return tidy(ax)
