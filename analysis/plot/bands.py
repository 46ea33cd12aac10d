"""Floating range bars: one bar per group from the median band minimum to the median maximum."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from analysis.config import DEFAULT_CURRENCY
from analysis.plot.style import ACCENT, MAIN, end_label, money_axis, salary_label, tidy

SPANS = {
    # span name: (low column, high column, what the bar shows)
    "band": ("annual_min_median", "annual_max_median", "median min to max"),
    "mid": ("annual_mid_p25", "annual_mid_p75", "p25–p75 of midpoints"),
}


def band_range_chart(
    summary: pd.DataFrame,
    *,
    y: str,
    span: str = "band",
    highlight: str | None = None,
    currency: str = DEFAULT_CURRENCY,
    ax: Axes | None = None,
) -> Axes:
    """Floating bars per group with a white tick at the median midpoint and the group's n.

    `summary` is `band_summary` output. `span="band"` draws the typical posted range (median min
    to median max); `span="mid"` draws the spread of midpoints (p25–p75). Groups run top to bottom
    by median midpoint; `highlight` names a group drawn in the accent colour; small-n groups are
    drawn faded. Money reads in `currency`, the one `summary` was computed in ($150k, £150k).
    """
    low, high, meaning = SPANS[span]
    ax = ax or plt.subplots(figsize=(9, 0.42 * len(summary) + 1.6))[1]
    data = summary.dropna(subset=[y, low, high]).sort_values("annual_mid_median")
    data = data.reset_index(drop=True)
    for row in data.itertuples():
        colour = ACCENT if getattr(row, y) == highlight else MAIN
        start, end = getattr(row, low), getattr(row, high)
        ax.barh(row.Index, end - start, left=start, height=0.62, color=colour,
                alpha=0.4 if row.small_n else 0.9)
        ax.plot([row.annual_mid_median] * 2, [row.Index - 0.31, row.Index + 0.31],
                color="white", lw=2.2)
        end_label(ax, end, row.Index, f"n={row.n_postings:,}")
    ax.set_yticks(range(len(data)), [str(v) for v in data[y]])
    ax.xaxis.set_major_formatter(money_axis(currency))
    ax.set_xlabel(f"{salary_label(currency)} · bar: {meaning} · tick: median midpoint")
    ax.margins(x=0.08)
    return tidy(ax)
