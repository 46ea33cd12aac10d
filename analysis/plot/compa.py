"""Compa-ratio strip: an employer's postings against their market peers, 1.0 = the peers' median."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.analyses.compa import COMPA_TOLERANCE, MARKET_POSITIONS
from analysis.analyses.summary import posting_weights
from analysis.plot.style import ACCENT, CONTEXT, INK, OKABE_ITO, tidy
from analysis.stats import weighted_median

# Below market in blue, at market in ink, above in the accent: the two ways off the market line
# read apart, and "at market" stays quiet.
POSITION_COLOURS = dict(zip(MARKET_POSITIONS, (OKABE_ITO["blue"], INK, ACCENT), strict=True))
PEER_BAND = "#cfcfcf"  # the peers' p25-p75, relative to their median
# Row labels longer than this are cut with an ellipsis: a posted title can run to a sentence.
LABEL_CHARS = 40
# How far below the axes the legend hangs, in inches: under the x label.
LEGEND_DROP = 0.5


def compa_chart(
    positions: pd.DataFrame,
    *,
    by: str = "posting",
    ax: Axes | None = None,
) -> Axes:
    """Each placed posting (or peer group) as a dot at its compa-ratio, over its peers' spread.

    `positions` is :func:`~analysis.analyses.compa.employer_positions` output; only its placed
    rows (status "ok") are drawn. Per row, a grey bar spans the peers' p25 to p75 midpoint
    divided by their median (the market's middle half around 1.0), and a dot marks the compa-
    ratio, coloured by ``market_position`` (below, at, above market), with a thin line for its
    interval (the peers' median's). A line marks 1.0 (the peers' median) and dotted lines
    1 ± ``COMPA_TOLERANCE`` ("at market"). Rows run bottom to top by compa-ratio. A ValueError
    when no row was placed: there is nothing to draw.

    by : "posting" draws one row per placed band, labelled with its title and place;
        "peer_group" one row per peer group, the dot at the median compa-ratio of the
        employer's postings in it (a posting counted once), labelled with the group and how
        many postings it holds, for an employer with more postings than a page has rows.
    """
    if by not in ("posting", "peer_group"):
        raise ValueError(f"by must be 'posting' or 'peer_group', got {by!r}")
    data = positions.loc[positions["status"] == "ok"]
    if data.empty:
        raise ValueError("no placed postings to draw (no row of positions has status 'ok')")
    rows = _by_posting(data) if by == "posting" else _by_peer_group(data)
    rows = rows.sort_values(["compa_ratio", "label"]).reset_index(drop=True)
    ax = ax or plt.subplots(figsize=(9, 0.32 * len(rows) + 1.6))[1]
    y = np.arange(len(rows))
    for edge in (1 - COMPA_TOLERANCE, 1 + COMPA_TOLERANCE):  # "at market" between them
        ax.axvline(edge, color=CONTEXT, lw=0.8, ls=":", zorder=2)
    ax.barh(y, rows["band_high"] - rows["band_low"], left=rows["band_low"], height=0.55,
            color=PEER_BAND, zorder=1)
    ax.axvline(1.0, color=INK, lw=1, zorder=2)
    ax.text(1.0, 1.0, "peers' median", transform=ax.get_xaxis_transform(), ha="center",
            va="bottom", fontsize=8, color=INK)
    known = rows["low"].notna() & rows["high"].notna()
    ax.hlines(y[known], rows.loc[known, "low"], rows.loc[known, "high"], color=CONTEXT, lw=1,
              zorder=3)
    colours = rows["market_position"].map(POSITION_COLOURS).fillna(CONTEXT)
    ax.scatter(rows["compa_ratio"], y, c=list(colours), s=30, zorder=4, edgecolors="white",
               linewidths=0.5)
    ax.set_yticks(y, rows["label"], fontsize=8)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel("compa-ratio: posting midpoint ÷ peers' median midpoint", color=INK)
    ax.xaxis.set_major_formatter(lambda value, _position=None: f"{value:.2f}")
    handles = [Line2D([], [], ls="", marker="o", color=colour, label=position)
               for position, colour in POSITION_COLOURS.items()]
    handles.append(Patch(color=PEER_BAND, label="peers' p25–p75"))
    handles.append(Line2D([], [], color=CONTEXT, ls=":", label=f"at market: 1 ± "
                          f"{COMPA_TOLERANCE:.2f}"))
    below = LEGEND_DROP / max(ax.bbox.height / ax.figure.dpi, 0.5)  # inches to axes fraction
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=3,
              fontsize=8, frameon=False, handletextpad=0.3)
    return tidy(ax)


def _short(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _place(row: pd.Series) -> str:
    """The peers' place in a few words: a zone, or the first city of a metro."""
    zone = row.get("zone")
    if row.get("peer_scope") == "zone" and isinstance(zone, str | int | float) and pd.notna(zone):
        return str(zone) if str(zone).casefold().startswith("zone") else f"zone {zone}"
    metro = row.get("metro")
    return metro.split("-")[0].split(",")[0] if isinstance(metro, str) else ""


def _relative_band(data: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    median = data["peer_annual_mid_median"].astype(float)
    return (data["peer_annual_mid_p25"].astype(float) / median,
            data["peer_annual_mid_p75"].astype(float) / median)


def _by_posting(data: pd.DataFrame) -> pd.DataFrame:
    band_low, band_high = _relative_band(data)
    labels = [f"{_short(str(row['title']), LABEL_CHARS - 16)} ({row['level']}, {_place(row)})"
              for _, row in data.iterrows()]
    return pd.DataFrame({
        "label": labels, "compa_ratio": data["compa_ratio"].astype(float).to_numpy(),
        "low": data["compa_ratio_low"].astype(float).to_numpy(),
        "high": data["compa_ratio_high"].astype(float).to_numpy(),
        "band_low": band_low.to_numpy(), "band_high": band_high.to_numpy(),
        "market_position": data["market_position"].to_numpy()})


def _by_peer_group(data: pd.DataFrame) -> pd.DataFrame:
    data = data.assign(_weight=posting_weights(data), _low=_relative_band(data)[0],
                       _high=_relative_band(data)[1])
    rows = []
    for _, part in data.groupby("peer_group", sort=True):
        ratio = weighted_median(part["compa_ratio"].to_numpy(float), part["_weight"].to_numpy())
        n = part["posting_id"].nunique()
        position = (MARKET_POSITIONS[0] if ratio < 1 - COMPA_TOLERANCE else MARKET_POSITIONS[2]
                    if ratio > 1 + COMPA_TOLERANCE else MARKET_POSITIONS[1])
        first = part.iloc[0]
        name = _short(f"{first['role_family']}, {first['level']}, {_place(first)}",
                      LABEL_CHARS + 8)
        rows.append({"label": f"{name} ({n:,} posting{'s' if n != 1 else ''})",
                     "compa_ratio": ratio, "low": np.nan, "high": np.nan,
                     "band_low": part["_low"].iloc[0], "band_high": part["_high"].iloc[0],
                     "market_position": position})
    return pd.DataFrame(rows, columns=["label", "compa_ratio", "low", "high", "band_low",
                                       "band_high", "market_position"])
