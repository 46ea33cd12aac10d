"""Location premium forest plot: each group's index against the reference (= 100) with its CI."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from analysis.charts.style import ACCENT, CONTEXT, INK, tidy
from analysis.vocabulary import REFERENCE_METRO


def location_index_chart(
    comparison: pd.DataFrame,
    *,
    across: str = "metro",
    highlight: str = REFERENCE_METRO,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot of each group's index (reference = 100) with its confidence interval.

    `comparison` is `location_comparison` or `adjusted_comparison` output. The reference is
    pinned at the top, the rest sorted by index; the highlighted group is drawn in the accent
    colour, the others in ink (grey when small-n); each row carries its index and n.
    """
    ax = ax or plt.subplots(figsize=(9, 0.42 * len(comparison) + 1.6))[1]
    data = pd.concat(
        [
            comparison.loc[~comparison["is_reference"]].sort_values("index"),
            comparison.loc[comparison["is_reference"]],
        ],
        ignore_index=True,
    )
    small = data["small_n"] if "small_n" in data else pd.Series(False, index=data.index)
    for row, is_small in zip(data.itertuples(), small, strict=True):
        label = getattr(row, across)
        colour = ACCENT if label == highlight else (CONTEXT if is_small else INK)
        ax.plot([row.index_low, row.index_high], [row.Index] * 2, color=colour, lw=2, alpha=0.8)
        ax.plot(row.index, row.Index, "o", color=colour, ms=7)
        ax.text(
            max(row.index_high, row.index) + 1,
            row.Index,
            f"{row.index:.0f}  (n={row.n_postings:,})",
            va="center",
            fontsize=8,
            color=INK,
        )
    ax.axvline(100, color=CONTEXT, lw=1, ls="--")
    ax.set_yticks(range(len(data)), [str(v) for v in data[across]])
    ax.set_xlabel("Index of median annual base midpoint (reference = 100), 95% interval")
    ax.set_xlim(right=max(data["index_high"].max(), data["index"].max()) + 18)
    return tidy(ax)
