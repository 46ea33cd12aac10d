"""Geo pay zones: metros ranked by pay index, each dot and interval coloured by its zone.

One row per metro of :func:`analysis.analyses.zones.pay_zones`, highest index on top: the
adjusted index as a dot, its interval as a line, the colour its zone's; unzoned metros are grey
and faded at the bottom, with why they are unzoned. A dashed line marks the reference's 100 and a
faint rule separates adjacent zones.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.findings.wording import INTERVAL
from analysis.formats import short_metro
from analysis.plot.style import ACCENT, CATEGORY_ORDER, CONTEXT, FAINT, INK, OKABE_ITO, tidy

ZONE_XLABEL = f"Adjusted pay index (reference = 100), {INTERVAL}"
# Zone colours in zone order: the Okabe-Ito hues (colour-blind safe) categories take, then
# vermillion for a sixth zone; grey stays for the unzoned. An ordered scale (cividis) was tried
# and dropped: its middle is a grey that reads as "unzoned".
ZONE_HUES = [OKABE_ITO[name] for name in [*CATEGORY_ORDER, "vermillion"]]


def _zone_colours(zones: list[int]) -> dict[int, str]:
    """A colour per zone number, zone 1 first, repeating after the sixth (more zones than
    ``MAX_ZONES`` only when asked for).

    >>> _zone_colours([2, 1])
    {1: '#0072B2', 2: '#E69F00'}
    """
    ordered = sorted(int(z) for z in zones)
    return {zone: ZONE_HUES[k % len(ZONE_HUES)] for k, zone in enumerate(ordered)}


def zone_chart(
    zones: pd.DataFrame,
    *,
    highlight: str | None = None,
    short_labels: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Ranked dot-and-interval chart of each metro's pay index, coloured by pay zone.

    Parameters
    ----------
    zones : pandas.DataFrame
        :func:`~analysis.analyses.zones.pay_zones` output (not modified).
    highlight : str, optional
        A metro whose label is drawn in the accent colour (default: the reference metro's label
        is bold and no metro is accented).
    short_labels : bool, default True
        Label metros "Austin-Round Rock" rather than their full CBSA name.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        One row per metro, zoned metros by zone then index (highest on top), then the unzoned
        (grey, faded, their reason beside them). Each row's dot is the index, its line the
        interval (none for the reference, at 100, nor for metros without one); a legend names
        each zone with its index range.
    """
    zoned = zones.loc[zones["zone"].notna()].sort_values(
        ["zone", "index"], ascending=[True, False], kind="stable")
    unzoned = zones.loc[zones["zone"].isna()].sort_values("index", ascending=False,
                                                         kind="stable")
    data = pd.concat([zoned, unzoned], ignore_index=True)
    data = data.assign(y=np.arange(len(data))[::-1])  # first row on top
    ax = ax or plt.subplots(figsize=(9, 0.36 * len(data) + 1.8))[1]
    colours = _zone_colours(list(pd.unique(zoned["zone"])))
    for row in data.itertuples():
        is_zoned = pd.notna(row.zone)
        colour = colours[int(row.zone)] if is_zoned else CONTEXT
        alpha = 1.0 if is_zoned else 0.55
        if pd.notna(row.index_low) and pd.notna(row.index_high):
            ax.plot([row.index_low, row.index_high], [row.y] * 2, color=colour, lw=2,
                    alpha=alpha, solid_capstyle="butt")
        ax.plot(row.index, row.y, "o", color=colour, ms=6.5, alpha=alpha,
                mec="white" if is_zoned else colour, mew=0.6)
        right = np.nanmax([row.index, row.index_high])
        note = f"{row.index:.0f}" + ("" if is_zoned else f"  unzoned: {row.reason}")
        ax.annotate(note, (right, row.y), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=7.5, color=INK if is_zoned else CONTEXT)
    # a faint rule between adjacent zones, and between the zones and the unzoned
    groups = data["zone"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    for k in np.flatnonzero(groups[1:] != groups[:-1]):
        ax.axhline(data["y"].iloc[k] - 0.5, color=FAINT if np.isfinite(groups[k + 1]) else CONTEXT,
                   lw=0.8, zorder=0)
    ax.axvline(100, color=CONTEXT, lw=1, ls="--", zorder=0)
    labels = [short_metro(m) if short_labels else str(m) for m in data["metro"]]
    ax.set_yticks(data["y"].tolist(), labels)
    for tick, row in zip(ax.get_yticklabels(), data.itertuples(), strict=True):
        if highlight is not None and row.metro == highlight:
            tick.set_color(ACCENT)
        if bool(row.is_reference):
            tick.set_fontweight("bold")
    ax.set_ylim(-0.7, len(data) - 0.3 if len(data) else 0.7)
    ax.set_xlabel(ZONE_XLABEL)
    if len(data):
        ends = pd.concat([data["index"], data["index_low"], data["index_high"]]).dropna()
        low, high = min(ends.min(), 100), max(ends.max(), 100)
        ax.set_xlim(low - 3, high + (30 if len(unzoned) else 10))
    handles = [
        Line2D([], [], marker="o", color=colour, lw=2, label=_zone_label(zoned, zone))
        for zone, colour in colours.items()
    ]
    if len(unzoned):
        handles.append(Line2D([], [], marker="o", color=CONTEXT, lw=2, alpha=0.55,
                              label="unzoned"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                  frameon=False)
    return tidy(ax)


def _zone_label(zoned: pd.DataFrame, zone: int) -> str:
    """ "Zone 2 (86–89)": the zone and its index range."""
    index = zoned.loc[zoned["zone"] == zone, "index"]
    low, high = f"{index.min():.0f}", f"{index.max():.0f}"
    return f"Zone {zone} ({low if low == high else f'{low}–{high}'})"
