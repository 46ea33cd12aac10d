"""Benchmark strip: one posting's band over its peers' bands, with its percentile beside it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from analysis.config import DEFAULT_CURRENCY
from analysis.formats import money, money_range, ordinal
from analysis.plot.style import ACCENT, CONTEXT, INK, money_axis, salary_label, tidy

# Peer lines thin out as peers multiply so that a national pool still reads as a distribution.
_PEER_LINE_WIDTH = (0.6, 3.0)


def benchmark_chart(
    peers: pd.DataFrame,
    benchmark: pd.DataFrame,
    *,
    label: str = "This posting",
    currency: str = DEFAULT_CURRENCY,
    ax: Axes | None = None,
) -> Axes:
    """Peers' bands as thin grey lines sorted by midpoint, the posting's band over them in accent.

    `peers` is :func:`~analysis.analyses.benchmark.peer_bands`
    output (annual_min, annual_mid, annual_max per
    peer posting) and `benchmark` the matching one-row
    :func:`~analysis.analyses.benchmark.benchmark_posting`.
    Peers run bottom to top by midpoint; the posting's band sits in the row its midpoint ranks at,
    with a light accent column behind the peers it overlaps, and its percentile written beside it
    ("mid at the 12th percentile of 17 peers"). A dashed line marks the peers' median midpoint.
    Peers from beyond the posting's metro are drawn at their location-adjusted pay when the
    benchmark's ``location_adjusted`` says so (the x label says it too). Money reads in
    `currency`, the one the benchmark was computed in.
    """
    row = benchmark.iloc[0]
    data = peers.dropna(subset=["annual_min", "annual_max"]).sort_values("annual_mid")
    data = data.reset_index(drop=True)
    n = len(data)
    ax = ax or plt.subplots(figsize=(9, 4.8))[1]
    width = min(_PEER_LINE_WIDTH[1], max(_PEER_LINE_WIDTH[0], 120 / max(n, 1)))
    ax.hlines(data.index, data["annual_min"], data["annual_max"], color=CONTEXT, lw=width,
              alpha=0.85, zorder=2)
    if n <= 60:
        ax.plot(data["annual_mid"], data.index, "|", color=INK, ms=4, alpha=0.6, zorder=3)

    low, mid, high = row["annual_min"], row["annual_mid"], row["annual_max"]
    # the posting's row: where its midpoint ranks among the peers' midpoints
    y = row["pct_mid"] / 100 * n - 0.5
    ax.axvspan(low, high, color=ACCENT, alpha=0.08, lw=0, zorder=1)
    ax.hlines(y, low, high, color=ACCENT, lw=6, zorder=4, capstyle="butt")
    ax.plot([mid] * 2, [y - 0.35, y + 0.35], color="white", lw=2, zorder=5)

    # Bands sorted by midpoint leave the lower right and the upper left empty: labels go there.
    low_half = row["pct_mid"] <= 50
    median = row["peer_annual_mid_median"]
    ax.axvline(median, color=INK, lw=1, ls="--", zorder=3)
    ax.text(median, 0.99 if low_half else 0.01,
            f" peer median midpoint {money(median, currency=currency)}",
            transform=ax.get_xaxis_transform(), fontsize=8, color=INK,
            va="top" if low_half else "bottom", ha="left")
    text = (f"{label}: {money_range(low, high, currency=currency)}\nmid at the "
            f"{ordinal(row['pct_mid'])} percentile of {n:,} peers")
    note = ax.annotate(
        text,
        xy=(high if low_half else low, y),
        xytext=(8 if low_half else -8, -4 if low_half else 4),
        textcoords="offset points",
        ha="left" if low_half else "right",
        va="top" if low_half else "bottom",
        fontsize=9,
        fontweight="bold",
        color=ACCENT,
        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.85},
        zorder=6,
    )
    ax.margins(x=0.05)
    _make_room(ax, note, anchor=high if low_half else low, right=low_half)
    ax.set_yticks([])
    headroom = 1 + 0.05 * n  # for the median's label
    ax.set_ylim(-headroom, n - 1 + headroom)
    employers = data["employer"].nunique()
    ax.set_ylabel(f"n = {n:,} peer postings ({employers:,} employers),\nsorted by band midpoint",
                  color=INK)
    ax.xaxis.set_major_formatter(money_axis(currency))
    # beyond the metro the peers drawn are the location-adjusted pay the percentile reads
    adjusted = bool(row.get("location_adjusted", False))
    ax.set_xlabel(f"{currency}, annual base salary, peers location-adjusted: line = minimum to "
                  "maximum, tick = midpoint" if adjusted else
                  f"{salary_label(currency)}: line = posted minimum to maximum, tick = midpoint")
    return tidy(ax)


def _make_room(ax: Axes, note, *, anchor: float, right: bool, pad: float = 12) -> None:
    """Widen the x range so that `note`, anchored at data x `anchor`, fits inside the axes.

    The note has a fixed width in pixels; with f = its share of the axes width, the far limit
    that fits it solves (limit - anchor) = f * (limit - other limit).
    """
    renderer = ax.figure.canvas.get_renderer()
    share = (note.get_window_extent(renderer).width + pad) / ax.get_window_extent(renderer).width
    if share >= 1:
        return
    left, right_limit = ax.get_xlim()
    if right:
        needed = (anchor - share * left) / (1 - share)
        ax.set_xlim(left, max(right_limit, needed))
    else:
        needed = (anchor - share * right_limit) / (1 - share)
        ax.set_xlim(min(left, needed), right_limit)
