"""Level ladder: one floating bar per level, climbing in ladder order, with steps and overlaps.

Each bar runs from a level's median posted minimum to its median posted maximum (the typical band),
with a white tick at the median midpoint. Between adjacent levels the chart writes the step between
medians and shades the pay range both bands cover, so progression and overlap read in one picture.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, SMALL_N
from analysis.plot.style import INK, MAIN, end_label, money_axis, salary_label, tidy

BAR_HEIGHT = 0.56
LADDER_LEGEND = (
    "Bar = median posted minimum to median maximum, white tick = median midpoint;\nshaded = pay "
    "range shared with the level below, % = step between median midpoints"
)


def _ladder_xlabel(currency: str) -> str:
    """The ladder's axis label: the currency and salary measure, then how to read the bars."""
    return f"{salary_label(currency)}. {LADDER_LEGEND}"


def _one_ladder(ladder: pd.DataFrame, role_family: str | None, track: str | None) -> pd.DataFrame:
    data = ladder
    if role_family is not None:
        data = data.loc[data["role_family"] == role_family]
    if track is not None:
        data = data.loc[data["track"] == track]
    if data[["role_family", "track"]].drop_duplicates().shape[0] > 1:
        raise ValueError("ladder_chart draws one ladder: pass role_family and track to pick one")
    data = data.dropna(subset=["annual_min_median", "annual_max_median", "annual_mid_median"])
    return data.reset_index(drop=True)


def _is_thin(row) -> bool:
    few_employers = getattr(row, "n_employers", MIN_EMPLOYERS) < MIN_EMPLOYERS
    return bool(row.n_postings < SMALL_N or few_employers)


def ladder_chart(
    ladder: pd.DataFrame,
    *,
    role_family: str | None = None,
    track: str | None = None,
    xlabel: bool = True,
    currency: str = DEFAULT_CURRENCY,
    ax: Axes | None = None,
) -> Axes:
    """Floating bars per level (bottom = first level) with steps, overlaps and n written on.

    Parameters
    ----------
    ladder : pandas.DataFrame
        `level_ladder` output (not modified). Its rows must form one role family × track once
        `role_family` and `track` are applied; levels are drawn in the order given, which
        `level_ladder` makes the ladder order.
    role_family, track : str, optional
        Keep only this role family / track.
    xlabel : bool, default True
        Write the axis label explaining bar, tick, shading and steps (off for inner panels).
    currency : str, default "USD"
        The currency `ladder` was computed in: ticks read $150k, £150k..., the label names it.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of levels otherwise.

    Returns
    -------
    matplotlib Axes
        One bar patch per level (``ax.patches``), one shaded band per overlapping adjacent pair
        (``ax.collections``), the step between adjacent medians as "+22%" text, and
        "n=55 · 12 employers" at each bar's end. Levels below ``SMALL_N`` postings or
        ``MIN_EMPLOYERS`` employers are drawn faded.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> from analysis.analyses.ladder import level_ladder
    >>> ax = ladder_chart(level_ladder(load_bands()), role_family="software engineer", track="ic")
    """
    data = _one_ladder(ladder, role_family, track)
    ax = ax or plt.subplots(figsize=(9, 0.5 * max(len(data), 1) + 1.8))[1]
    half = BAR_HEIGHT / 2
    for row in data.itertuples():
        low, high, mid = row.annual_min_median, row.annual_max_median, row.annual_mid_median
        ax.barh(row.Index, high - low, left=low, height=BAR_HEIGHT, color=MAIN,
                alpha=0.35 if _is_thin(row) else 0.85)
        ax.plot([mid] * 2, [row.Index - half, row.Index + half], color="white", lw=2.4)
        employers = (f" · {row.n_employers:,} employer{'s' if row.n_employers != 1 else ''}"
                     if hasattr(row, "n_employers") else "")
        end_label(ax, high, row.Index, f"n={row.n_postings:,}{employers}")
        if row.Index == 0:
            continue
        before = data.iloc[row.Index - 1]
        gap_low, gap_high = row.Index - 1 + half, row.Index - half
        shared_low = max(low, before["annual_min_median"])
        shared_high = min(high, before["annual_max_median"])
        if shared_high > shared_low:
            ax.fill_betweenx([gap_low, gap_high], shared_low, shared_high, color=MAIN,
                             alpha=0.16, lw=0)
        ax.plot([before["annual_mid_median"], mid], [gap_low, gap_high], color=INK, lw=0.8)
        step = mid / before["annual_mid_median"] - 1
        ax.text((before["annual_mid_median"] + mid) / 2, row.Index - 0.5, f"{step:+.0%}",
                ha="center", va="center", fontsize=8.5, fontweight="bold", color=INK,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.set_yticks(range(len(data)), [str(v) for v in data["level"]])
    ax.set_ylim(-0.6, max(len(data), 1) - 0.4)
    ax.xaxis.set_major_formatter(money_axis(currency))
    if xlabel:
        ax.set_xlabel(_ladder_xlabel(currency), fontsize=8.5)
    if len(data):
        span = data["annual_max_median"].max() - data["annual_min_median"].min()
        ax.set_xlim(data["annual_min_median"].min() - 0.04 * span,
                    data["annual_max_median"].max() + 0.2 * span)
    return tidy(ax)


def ladder_small_multiples(
    ladder: pd.DataFrame,
    *,
    role_families: list[str],
    track: str = "ic",
    currency: str = DEFAULT_CURRENCY,
) -> Figure:
    """One ladder panel per role family, stacked, on a shared money axis.

    Panels are as tall as their number of levels, in the order of `role_families`; families
    without levels on `track` are left out. Each panel is titled with its family and n;
    ``fig.axes[0]`` is an empty header for `finding_title`. Money reads in `currency`.
    """
    panels = [(family, _one_ladder(ladder, family, track)) for family in role_families]
    panels = [(family, data) for family, data in panels if len(data)]
    if not panels:
        raise ValueError(f"no ladder on track {track!r} for {role_families}")
    heights = [len(data) + 0.6 for _, data in panels]
    fig = plt.figure(figsize=(9, 0.4 * sum(heights) + 0.9 * len(panels) + 1.4))
    grid = fig.add_gridspec(len(panels) + 1, 1, height_ratios=[0.001] + heights)
    # An empty header above the panels carries the figure's finding title (fig.axes[0]), so
    # each panel keeps its own title.
    header = fig.add_subplot(grid[0, 0])
    header.axis("off")
    axes = []
    for position, (family, data) in enumerate(panels):
        ax = fig.add_subplot(grid[position + 1, 0], sharex=axes[0] if axes else None)
        ladder_chart(data, xlabel=position == len(panels) - 1, currency=currency, ax=ax)
        ax.xaxis.set_tick_params(labelbottom=position == len(panels) - 1)
        ax.set_title(f"{family} · n={data['n_postings'].sum():,} postings", loc="left",
                     fontsize=10, fontweight="bold", color=INK)
        axes.append(ax)
    low = min(data["annual_min_median"].min() for _, data in panels)
    high = max(data["annual_max_median"].max() for _, data in panels)
    axes[0].set_xlim(low - 0.04 * (high - low), high + 0.2 * (high - low))
    return fig
