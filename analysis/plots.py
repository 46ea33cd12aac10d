"""Charts of bands: data first, options keyword-only, return the Axes, never plt.show().

One palette everywhere (Okabe-Ito, colour-blind safe): grey for context, one accent for the focus.
Money axes read $150k.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from analysis.vocabulary import REFERENCE_METRO

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
ACCENT = OKABE_ITO["vermillion"]
CONTEXT = "#9a9a9a"
INK = "#333333"


def money(value: float, _position=None) -> str:
    """$150k for axis ticks and labels."""
    return f"${value / 1000:,.0f}k" if abs(value) >= 1000 else f"${value:,.0f}"


def band_range_chart(
    summary: pd.DataFrame,
    *,
    y: str,
    highlight: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Floating bars from the 25th to the 75th percentile of band midpoints, one per group.

    `summary` is `band_summary` output; a white tick marks the median midpoint and each bar
    carries its n. Groups run top to bottom by median midpoint; `highlight` names a group drawn in
    the accent colour; small-n groups are drawn faded.
    """
    ax = ax or plt.subplots(figsize=(8, 0.45 * len(summary) + 1.2))[1]
    data = summary.dropna(subset=[y]).sort_values("annual_mid_median").reset_index(drop=True)
    for row in data.itertuples():
        label = getattr(row, y)
        colour = ACCENT if label == highlight else OKABE_ITO["blue"]
        alpha = 0.45 if row.small_n else 0.9
        ax.barh(
            row.Index,
            row.annual_mid_p75 - row.annual_mid_p25,
            left=row.annual_mid_p25,
            height=0.6,
            color=colour,
            alpha=alpha,
        )
        ax.plot(
            [row.annual_mid_median] * 2, [row.Index - 0.3, row.Index + 0.3], color="white", lw=2
        )
        ax.text(
            row.annual_mid_p75,
            row.Index,
            f"  n={row.n_postings:,}",
            va="center",
            fontsize=8,
            color=INK,
        )
    ax.set_yticks(range(len(data)), [str(v) for v in data[y]])
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    ax.set_xlabel("Band midpoint, annual base salary as posted, USD (25th–75th percentile, median)")
    _tidy(ax)
    return ax


def location_index_chart(
    comparison: pd.DataFrame,
    *,
    across: str = "metro",
    highlight: str = REFERENCE_METRO,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot of each group's index (reference = 100) with its confidence interval.

    `comparison` is `location_comparison` output. The reference is pinned at the top; the
    highlighted group is drawn in the accent colour, the rest in grey; each row carries its n.
    """
    ax = ax or plt.subplots(figsize=(8, 0.42 * len(comparison) + 1.2))[1]
    data = pd.concat(
        [
            comparison.loc[~comparison["is_reference"]].sort_values("index"),
            comparison.loc[comparison["is_reference"]],
        ],
        ignore_index=True,
    )
    for row in data.itertuples():
        label = getattr(row, across)
        colour = ACCENT if label == highlight else (INK if not row.small_n else CONTEXT)
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
    ax.set_xlabel("Median annual base midpoint, index (reference = 100), 95% bootstrap CI")
    ax.set_xlim(right=max(data["index_high"].max(), data["index"].max()) + 18)
    _tidy(ax)
    return ax


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e6e6e6", lw=0.8)
    ax.set_axisbelow(True)
