"""Market reference: posted median midpoints against BLS OEWS paid-wage percentiles, by role."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from analysis.analyses.market import OEWS_CURRENCY
from analysis.findings.wording import INTERVAL
from analysis.formats import ordinal
from analysis.plot.style import ACCENT, BASE_SALARY, CONTEXT, INK, end_label, money_axis, tidy

OUTER = "#e3e3e3"  # OEWS p10–p90
INNER = "#b5b5b5"  # OEWS p25–p75


def _position(row) -> str:
    """'78th pct' inside p10–p90, else the flag ('above p90')."""
    if pd.notna(row.mid_position):
        return f"{ordinal(row.mid_position)} pct"
    return str(row.position_flag)


def market_chart(
    reference: pd.DataFrame,
    *,
    y: str = "role_family",
    ax: Axes | None = None,
) -> Axes:
    """Per row: OEWS p10–p90 (light grey), p25–p75 (darker), median tick, posted median dot.

    `reference` is :func:`~analysis.analyses.market.focus_market`
    (or :func:`market_reference`) output, one
    row per `y`. The posted median midpoint is an accent dot, labelled with its percentile position
    in the OEWS distribution, its gap to the OEWS median and n; rows whose OEWS figures are
    national (no metro figure) carry "(US)" after their name; rows with small n or few employers
    are drawn faded. Rows run top to bottom from the largest gap above the OEWS median.

    Money reads in US dollars: OEWS wages are, and only bands in that currency are set against
    them (:data:`~analysis.analyses.market.OEWS_CURRENCY`), so the chart takes no currency.
    """
    data = reference.dropna(subset=["p50", "posted_mid_median"]).copy()
    data["gap_vs_p50"] = data["posted_mid_median"] / data["p50"] - 1
    data = data.sort_values("gap_vs_p50").reset_index(drop=True)
    ax = ax or plt.subplots(figsize=(10, 0.46 * len(data) + 1.8))[1]
    has_interval = "posted_mid_median_low" in data
    faint = data.get("small_n", False) | data.get("few_employers", False)
    faint = pd.Series(faint, index=data.index).fillna(False).astype(bool)
    for row, is_faint in zip(data.itertuples(), faint, strict=True):
        # top-coded or suppressed outer percentiles: the bar stops at the next one known
        low = row.p10 if pd.notna(row.p10) else row.p25
        high = row.p90 if pd.notna(row.p90) else row.p75
        ax.barh(row.Index, high - low, left=low, height=0.6, color=OUTER, zorder=1)
        if pd.notna(row.p25) and pd.notna(row.p75):
            ax.barh(row.Index, row.p75 - row.p25, left=row.p25, height=0.6, color=INNER, zorder=2)
        ax.plot([row.p50] * 2, [row.Index - 0.3, row.Index + 0.3], color=INK, lw=2, zorder=3)
        alpha = 0.45 if is_faint else 1
        ends = [high, row.posted_mid_median]
        if has_interval:
            ax.plot([row.posted_mid_median_low, row.posted_mid_median_high], [row.Index] * 2,
                    color=ACCENT, lw=1.6, alpha=alpha, zorder=4, solid_capstyle="butt")
            ends.append(row.posted_mid_median_high)
        ax.plot(row.posted_mid_median, row.Index, "o", ms=8, color=ACCENT, mec="white", mew=1,
                alpha=alpha, zorder=5)
        noise = ", within noise" if getattr(row, "versus_p50", "") == "within noise" else ""
        label = f"{_position(row)}, {row.gap_vs_p50:+.0%} vs median{noise} (n={row.n_postings:,})"
        end_label(ax, max(v for v in ends if pd.notna(v)), row.Index, label,
                  color=CONTEXT if is_faint else INK)
    labels = [
        f"{getattr(row, y)} (US)" if row.oews_area_type == "national" else str(getattr(row, y))
        for row in data.itertuples()
    ]
    ax.set_yticks(range(len(data)), labels)
    if len(data):
        top = data.iloc[-1]
        ax.annotate("posted median", (top["posted_mid_median"], len(data) - 1),
                    xytext=(0, 9), textcoords="offset points", ha="center", va="bottom",
                    fontsize=8, color=ACCENT)
        ax.annotate("OEWS median", (top["p50"], len(data) - 1), xytext=(0, -9),
                    textcoords="offset points", ha="center", va="top", fontsize=8, color=INK)
    ax.set_ylim(-0.7, len(data) - 0.1)
    ax.xaxis.set_major_formatter(money_axis(OEWS_CURRENCY))
    whisker = f", line = its {INTERVAL}" if has_interval else ""
    ax.set_xlabel(f"{OEWS_CURRENCY}, annual. Grey bars: OEWS paid wages, p10–p90 (light), "
                  f"p25–p75 (dark), tick = median.\nDot: posted median midpoint, "
                  f"{BASE_SALARY}{whisker}.")
    if len(data):
        values = data[["p10", "p25", "posted_mid_median", "p75", "p90"]]
        low, high = values.min().min(), values.max().max()
        # labels need about a third of the width at the right
        ax.set_xlim(low - 0.04 * (high - low), high + 0.34 * (high - low))
    return tidy(ax)
