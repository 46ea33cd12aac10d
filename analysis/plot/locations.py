"""Location premium forest plots: each group's index against the reference (= 100) with its CI.

`location_index_chart` draws one forest plot; `location_small_multiples` draws the same plot once
per level on a shared axis, because one factor per city can mislead when entry and staff gaps
differ. The reference is pinned on top, the focus group is the accent colour, the rest grey.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from analysis.analyses.location_index import MIN_EMPLOYERS
from analysis.config import REFERENCE_METRO, SMALL_N
from analysis.findings.wording import INTERVAL
from analysis.formats import short_metro
from analysis.plot.style import ACCENT, CONTEXT, INK, tidy

INDEX_XLABEL = f"Index of median annual base midpoint (reference = 100), {INTERVAL}"


def _positions(reference: Sequence, order: Sequence) -> dict:
    """A y position per group, `reference` pinned on top, then `order` top to bottom."""
    keys = list(reference) + [key for key in order if key not in set(reference)]
    return {key: len(keys) - 1 - k for k, key in enumerate(keys)}


def _placed(data: pd.DataFrame, positions: dict, across: str) -> pd.DataFrame:
    """The rows of `data` that have a position, with it as y, bottom to top."""
    data = data.loc[data[across].isin(positions)]
    return data.assign(y=data[across].map(positions)).sort_values("y", ignore_index=True)


def _rows(comparison: pd.DataFrame, order: Sequence | None, across: str) -> pd.DataFrame:
    """Rows bottom to top with a y position: by index, or by `order` (top first); reference top."""
    reference = comparison.loc[comparison["is_reference"]]
    if order is None:
        others = comparison.loc[~comparison["is_reference"]]
        data = pd.concat([others.sort_values("index"), reference], ignore_index=True)
        return data.assign(y=np.arange(len(data)))
    return _placed(comparison, _positions(reference[across], order), across)


def _draw(
    ax: Axes,
    data: pd.DataFrame,
    *,
    across: str,
    highlight: str,
    raw: pd.DataFrame | None,
    compact: bool,
) -> None:
    """Dots, intervals and labels for rows that already carry their y position."""
    raw_index = raw.set_index(across)["index"] if raw is not None else pd.Series(dtype=float)
    small = data["small_n"] if "small_n" in data else pd.Series(False, index=data.index)
    for row, is_small in zip(data.itertuples(), small, strict=True):
        label = getattr(row, across)
        colour = ACCENT if label == highlight else CONTEXT
        alpha = 0.45 if is_small else 1.0
        ax.plot([row.index_low, row.index_high], [row.y] * 2, color=colour, lw=2, alpha=alpha)
        ax.plot(row.index, row.y, "o", color=colour, ms=6 if compact else 7, alpha=alpha)
        if label in raw_index.index and not row.is_reference:
            ax.plot(raw_index[label], row.y, "o", mfc="none", mec=INK, ms=6, mew=1)
        right = np.nanmax([row.index_high, row.index, raw_index.get(label, np.nan)])
        within = (not row.is_reference and row.index_low <= 100 <= row.index_high)
        if row.is_reference:
            text = (f"100  n={row.n_postings:,}" if compact
                    else f"reference = 100  (n={row.n_postings:,})")
        elif compact:
            text = f"{row.index:.0f}{'*' if within else ''}  n={row.n_postings:,}"
        else:
            text = f"{row.index:.0f}{', within noise' if within else ''}  (n={row.n_postings:,})"
        ax.annotate(text, (right, row.y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=7.5 if compact else 8, color=INK)
    ax.axvline(100, color=CONTEXT, lw=1, ls="--")


def location_index_chart(
    comparison: pd.DataFrame,
    *,
    across: str = "metro",
    highlight: str = REFERENCE_METRO,
    raw: pd.DataFrame | None = None,
    order: Sequence | None = None,
    short_labels: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot of each group's index (reference = 100) with its confidence interval.

    Parameters
    ----------
    comparison : pandas.DataFrame
        `compare_groups` or `adjusted_comparison` output (not modified).
    across : str, default "metro"
        The grouping column.
    highlight : str
        The focus group, drawn in the accent colour; the others are grey, faded when small-n.
    raw : pandas.DataFrame, optional
        A second comparison (e.g. the raw `compare_groups` beside an adjusted one) whose
        index is drawn as a hollow ring on each row, so the effect of adjustment shows. By
        default the rings come from `comparison`'s own ``raw_index`` column when it has one
        (`metro_index`'s table), so the chart and the findings read one frame.
    order : sequence, optional
        Groups top to bottom (rows not in `order` are left out); by default sorted by index.
        The reference is pinned on top either way.
    short_labels : bool, default False
        Label metros "Austin-Round Rock" rather than their full CBSA name.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        One dot and interval line per group, its index and n written beside it ("within noise"
        when the interval includes 100), a dashed line at 100.
    """
    if raw is None and "raw_index" in comparison:
        raw = comparison[[across, "raw_index"]].rename(columns={"raw_index": "index"})
    data = _rows(comparison, order, across)
    ax = ax or plt.subplots(figsize=(9, 0.42 * len(data) + 1.8))[1]
    _draw(ax, data, across=across, highlight=highlight, raw=raw, compact=False)
    labels = [short_metro(v) if short_labels else str(v) for v in data[across]]
    ax.set_yticks(data["y"].tolist(), labels)
    ax.set_ylim(-0.7, data["y"].max() + 0.7 if len(data) else 0.7)
    ax.set_xlabel(INDEX_XLABEL if raw is None else
                  f"Index (reference = 100) with {INTERVAL}; ring = raw ratio of median midpoints")
    focus = short_metro(highlight) if short_labels else str(highlight)
    for tick in ax.get_yticklabels():
        if tick.get_text() == focus:
            tick.set_color(ACCENT)
    highs = pd.concat([data["index_high"], data["index"]])
    if raw is not None:
        highs = pd.concat([highs, raw.loc[raw[across].isin(data[across]), "index"]])
    ax.set_xlim(right=highs.max() + 18)
    return tidy(ax)


def location_small_multiples(
    comparisons: pd.DataFrame,
    *,
    panel: str = "level",
    panels: Sequence | None = None,
    across: str = "metro",
    highlight: str = REFERENCE_METRO,
    order: Sequence | None = None,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
    ncols: int = 2,
) -> Figure:
    """The location forest plot once per `panel` value (level by default), on shared axes.

    Parameters
    ----------
    comparisons : pandas.DataFrame
        Comparisons stacked with a `panel` column: one `adjusted_comparison` (or
        `compare_groups`) per level, each against the same reference. Not modified.
    panel : str, default "level"
        The column that splits the panels.
    panels : sequence, optional
        Panel values in reading order (e.g. entry, mid, senior, staff); values without rows are
        skipped. Default: the order of first appearance.
    across, highlight : as in `location_index_chart`.
    order : sequence, optional
        Groups top to bottom, the same rows in every panel so they can be read across; default
        the groups of all panels by their mean index. The reference is pinned on top.
    min_n, min_employers : int
        Groups with fewer postings (or, when the frame has ``n_employers``, fewer employers) in a
        panel are not drawn there; "n<5" or "<5 employers" is written on their row instead.
    ncols : int, default 2

    Returns
    -------
    matplotlib Figure
        ``fig.axes[0]`` is an empty header for `finding_title`; then one Axes per panel with
        data, sharing x and y. "*" marks an index whose interval includes 100 (within noise).
    """
    values = list(panels) if panels is not None else list(pd.unique(comparisons[panel]))
    present = set(comparisons[panel])
    values = [v for v in values if v in present]
    if not values:
        raise ValueError(f"no rows for panels {list(panels or [])} in column {panel!r}")
    if order is None:
        means = comparisons.groupby(across)["index"].mean().sort_values(ascending=False)
        order = list(means.index)
    reference = pd.unique(comparisons.loc[comparisons["is_reference"], across])
    # The same row for the same group in every panel, reference on top.
    positions = _positions(reference, order)
    keys = sorted(positions, key=positions.get, reverse=True)
    ncols = min(ncols, len(values))
    nrows = -(-len(values) // ncols)
    fig = plt.figure(figsize=(10, nrows * (0.3 * len(keys) + 1.0) + 1.6))
    grid = fig.add_gridspec(nrows + 1, ncols, height_ratios=[0.001] + [1] * nrows)
    # An empty header spanning the panels carries the figure's finding title (fig.axes[0]), so a
    # long title does not squeeze the first panel.
    header = fig.add_subplot(grid[0, :])
    header.axis("off")
    first = fig.add_subplot(grid[1, 0])
    axes = np.array([[first if (r, c) == (0, 0) else
                      fig.add_subplot(grid[r + 1, c], sharex=first, sharey=first)
                      for c in range(ncols)] for r in range(nrows)])
    drawn = []
    for value, ax in zip(values, axes.flat, strict=False):
        data = _placed(comparisons.loc[comparisons[panel] == value], positions, across)
        few = data["n_employers"] < min_employers if "n_employers" in data else False
        thin = ((data["n_postings"] < min_n) | few) & ~data["is_reference"].astype(bool)
        _draw(ax, data.loc[~thin], across=across, highlight=highlight, raw=None, compact=True)
        drawn.append(data.loc[~thin])
        left = blended_transform_factory(ax.transAxes, ax.transData)
        # Groups too thin (or absent) in this panel keep their row, marked rather than drawn.
        marks = [(positions[k], f"n<{min_n}") for k in keys if k not in set(data[across])]
        marks += [(row.y, f"n<{min_n}" if row.n_postings < min_n else f"<{min_employers} employers")
                  for row in data.loc[thin].itertuples()]
        for y, mark in marks:
            ax.text(0.02, y, mark, transform=left, va="center", fontsize=7, color=CONTEXT)
        ax.set_title(f"{value} · n={data['n_postings'].sum():,} postings", loc="left",
                     fontsize=10, fontweight="bold", color=INK)
        tidy(ax)
    for k, ax in enumerate(axes.flat):
        if k >= len(values):
            fig.delaxes(ax)
            continue
        ax.yaxis.set_tick_params(labelleft=k % ncols == 0)
        # The lowest panel of each column carries the tick labels and the axis label.
        bottom = k + ncols >= len(values)
        ax.xaxis.set_tick_params(labelbottom=bottom)
        if bottom:
            ax.set_xlabel(f"Index vs reference (= 100), {INTERVAL}; * = within noise",
                          fontsize=8.5)
    bottom_up = sorted(positions, key=positions.get)
    first.set_yticks([positions[k] for k in bottom_up], [short_metro(k) for k in bottom_up])
    first.set_ylim(-0.7, len(keys) - 0.3)
    for ax in axes.flat[: len(values)]:
        for tick in ax.get_yticklabels():
            if tick.get_text() == short_metro(highlight):
                tick.set_color(ACCENT)
    shown = pd.concat(drawn)
    low = np.nanmin([shown["index"].min(), shown["index_low"].min(), 100])
    high = np.nanmax([shown["index"].max(), shown["index_high"].max(), 100])
    first.set_xlim(low - 4, high + 16)
    return fig
