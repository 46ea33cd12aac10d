"""Salary structure over the market: one proposed range per level, the market's points over it.

Each level is a floating bar from the proposed range minimum to its maximum with a white tick at
the range midpoint; over it a thin line spans the market's p25–p75 of posted midpoints and a dot
marks the market median. A level whose midpoint comes from the ladder's fit (too few postings or
employers to price it) is hatched and lighter, so a reader sees which ranges rest on the market
and which on the ladder around them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.config import DEFAULT_CURRENCY
from analysis.plot.style import ACCENT, INK, MAIN, end_label, money_axis, salary_label, tidy

BAR_HEIGHT = 0.56
SMOOTHED_HATCH = "///"
STRUCTURE_LEGEND = (
    "Bar = proposed range minimum to maximum, white tick = range midpoint;\nline = market "
    "p25–p75 of posted midpoints, dot = market median;\nhatched = midpoint from the ladder's "
    "fit (too few postings or employers)"
)


def structure_chart(
    structure: pd.DataFrame,
    *,
    market: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    xlabel: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Proposed ranges per level (bottom = first level) with the market's points over them.

    Parameters
    ----------
    structure : pandas.DataFrame
        `salary_structure` output (not modified), one row per level in ladder order.
    market : pandas.DataFrame, optional
        `market_by_level` output whose ``p25``, ``p50`` and ``p75`` are drawn (matched by
        level); default: the structure's own ``market_p25`` / ``market_p50`` / ``market_p75``.
    currency : str, default "USD"
        The currency the structure is in: ticks read $150k, £150k..., the label names it.
    xlabel : bool, default True
        Write the axis label explaining bars, ticks, lines, dots and hatching.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of levels otherwise.

    Returns
    -------
    matplotlib Axes
        One bar patch per level (``ax.patches``, hatched when ``smoothed``), a white tick line
        at each range midpoint, a market p25–p75 line per level with market data and one dot per
        market median (a single line of markers labelled "market median"), and "n=12 · 6
        employers" at each bar's end.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> from analysis.analyses.ranges import market_by_level, salary_structure
    >>> market = market_by_level(load_bands(), role_family="software engineer")
    >>> ax = structure_chart(salary_structure(market), market=market)
    """
    data = structure.reset_index(drop=True)
    points = _market_points(data, market)
    ax = ax or plt.subplots(figsize=(9, 0.5 * max(len(data), 1) + 1.8))[1]
    half = BAR_HEIGHT / 2
    for row in data.itertuples():
        low, high, mid = row.range_min, row.range_max, row.range_mid
        smoothed = bool(row.smoothed)
        ax.barh(row.Index, high - low, left=low, height=BAR_HEIGHT, color=MAIN,
                alpha=0.4 if smoothed else 0.8, hatch=SMOOTHED_HATCH if smoothed else None,
                edgecolor="white" if smoothed else MAIN, lw=0)
        ax.plot([mid] * 2, [row.Index - half, row.Index + half], color="white", lw=2.4)
        p25, p75 = points.loc[row.Index, ["p25", "p75"]]
        if not (np.isnan(p25) or np.isnan(p75)):
            ax.plot([p25, p75], [row.Index] * 2, color=INK, lw=1.2, solid_capstyle="butt")
        employers = f" · {row.n_employers:,} employer{'s' if row.n_employers != 1 else ''}"
        label = f"n={row.n_postings:,}{employers}" + (" · smoothed" if smoothed else "")
        end_label(ax, np.nanmax([p75, high]), row.Index, label)
    medians = points["p50"].to_numpy(dtype=float)
    ax.plot(medians, np.arange(len(data)), ls="none", marker="o", ms=5, color=ACCENT,
            markeredgecolor="white", markeredgewidth=0.6, label="market median", zorder=3)
    ax.set_yticks(range(len(data)), [str(v) for v in data["level"]])
    ax.set_ylim(-0.6, max(len(data), 1) - 0.4)
    ax.xaxis.set_major_formatter(money_axis(currency))
    if xlabel:
        ax.set_xlabel(f"{salary_label(currency)}. {STRUCTURE_LEGEND}", fontsize=8.5)
    if len(data):
        values = np.concatenate([data[["range_min", "range_max"]].to_numpy(dtype=float).ravel(),
                                 points.to_numpy(dtype=float).ravel()])
        low, high = np.nanmin(values), np.nanmax(values)
        span = high - low or high or 1.0
        ax.set_xlim(low - 0.04 * span, high + 0.25 * span)
    return tidy(ax)


def _market_points(structure: pd.DataFrame, market: pd.DataFrame | None) -> pd.DataFrame:
    """p25, p50 and p75 of the market per row of `structure` (NaN where there is none)."""
    names = ["p25", "p50", "p75"]
    if market is None:
        return pd.DataFrame({name: structure.get(f"market_{name}", np.nan) for name in names},
                            index=structure.index).astype(float)
    by_level = market.assign(level=market["level"].astype(str)).set_index("level")[names]
    return by_level.reindex(structure["level"].astype(str)).reset_index(drop=True).astype(float)
