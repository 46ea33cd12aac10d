"""Role × metro heatmap: the median annual midpoint of every role family in every large metro.

Each cell carries its value and n, so colour is never read alone. Cells below the minimum n are
hatched and labelled instead of coloured; low-confidence cells (n < 20 or fewer than 5 employers)
are drawn lighter; cells where one employer posts more than half the postings get an asterisk.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, to_rgb
from matplotlib.patches import Rectangle

from analysis.analyses.roles import MATRIX_COLUMNS, matrix_order, role_metro_matrix
from analysis.config import (
    DEFAULT_CURRENCY,
    DOMINANT_SHARE,
    LOW_CONFIDENCE_N,
    MIN_EMPLOYERS,
    REFERENCE_METRO,
    SMALL_N,
)
from analysis.formats import money, short_metro
from analysis.plot.style import ACCENT, INK, SEQUENTIAL, money_axis, salary_label

HATCH = "////"
# How far a low-confidence cell's colour is mixed towards white.
LIGHTEN = 0.6
DOMINATED_MARK = "*"
# Characters per line of a metro label under a cell.
LABEL_WIDTH = 11


def _lighten(colour, amount: float) -> tuple[float, float, float]:
    return tuple(c + (1 - c) * amount for c in to_rgb(colour))


def _ink_on(colour) -> str:
    """Dark text on light cells, white on dark ones (relative luminance of the fill)."""
    r, g, b = to_rgb(colour)
    return INK if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"


def _metro_label(metro: str) -> str:
    """'San Jose-Sunnyvale-Santa Clara, CA' -> 'San Jose-\\nSunnyvale': lines that fit a cell."""
    return "\n".join(textwrap.wrap(short_metro(metro), width=LABEL_WIDTH))


def role_metro_heatmap(
    data: pd.DataFrame,
    *,
    reference: str = REFERENCE_METRO,
    highlight: str | None = None,
    currency: str = DEFAULT_CURRENCY,
    metros: list[str] | None = None,
    min_n: int = SMALL_N,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of median annual midpoint per role family (rows) × metro (columns).

    `data` is a bands table (the matrix is built with `role_metro_matrix(data, currency=...,
    metros=..., reference=..., min_n=...)`) or that matrix itself. Rows run from the highest
    overall median down; the `reference` metro is pinned in the first column, the others follow
    by overall median. Each cell reads "$185k / n=42" in cividis; hidden cells (n < `min_n`) are
    hatched and labelled "n<5"; `highlight` names a role whose label is drawn in the accent colour.
    Returns the heatmap's Axes (a colour bar is added beside it when any cell is shown).
    """
    if "annual_mid" in data.columns:
        table = role_metro_matrix(data, currency=currency, metros=metros, reference=reference,
                                  min_n=min_n)
    else:
        missing = set(MATRIX_COLUMNS) - set(data.columns)
        if missing:
            raise ValueError(
                f"not a bands table nor a role_metro_matrix: missing {sorted(missing)}")
        table = data
    roles, columns = matrix_order(table, reference=reference)
    ax = ax or plt.subplots(figsize=(max(6.5, 2.4 + 0.74 * len(columns)),
                                     max(3.0, 0.5 * len(roles) + 2.4)))[1]
    shown = table.loc[~table["hidden"], "median_mid"].dropna()
    low, high = (shown.min(), shown.max()) if len(shown) else (0.0, 1.0)
    norm = Normalize(vmin=low, vmax=high if high > low else low + 1)
    cmap = colormaps[SEQUENTIAL]
    row_of = {role: i for i, role in enumerate(roles)}
    column_of = {metro: j for j, metro in enumerate(columns)}
    for cell in table.itertuples():
        x, y = column_of[cell.metro], row_of[cell.role_family]
        if cell.hidden or pd.isna(cell.median_mid):
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor="white", edgecolor="#c8c8c8",
                                   hatch=HATCH, lw=0))
            label = f"n<{min_n}" if cell.n_postings else "n=0"
            ax.text(x + 0.5, y + 0.5, label, ha="center", va="center", fontsize=7.5,
                    color="#777777", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            continue
        fill = cmap(norm(cell.median_mid))
        if cell.low_confidence:
            fill = _lighten(fill, LIGHTEN)
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=fill, edgecolor="white", lw=1.5))
        mark = DOMINATED_MARK if cell.dominated else ""
        ax.text(x + 0.5, y + 0.5,
                f"{money(cell.median_mid, currency=currency)}{mark}\nn={cell.n_postings:,}",
                ha="center", va="center", fontsize=8, linespacing=1.25, color=_ink_on(fill),
                fontweight="normal" if cell.low_confidence else "bold")
    if reference in column_of:
        # A white gutter after the pinned reference column.
        ax.axvline(1, color="white", lw=4)
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(roles), 0)
    ax.set_xticks([j + 0.5 for j in range(len(columns))], [_metro_label(m) for m in columns],
                  fontsize=7.5)
    ax.set_yticks([i + 0.5 for i in range(len(roles))], [str(r) for r in roles])
    for label, metro in zip(ax.get_xticklabels(), columns, strict=True):
        if metro == reference:
            label.set_fontweight("bold")
    for label, role in zip(ax.get_yticklabels(), roles, strict=True):
        if role == highlight:
            label.set_color(ACCENT)
            label.set_fontweight("bold")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(
        f"Median midpoint, {salary_label(currency)}\nLighter: n < {LOW_CONFIDENCE_N} postings or "
        f"< {MIN_EMPLOYERS} employers · hatched: n < {min_n}, hidden · {DOMINATED_MARK} one "
        f"employer posts > {DOMINANT_SHARE:.0%}",
        fontsize=8, color="#555555", labelpad=8,
    )
    if len(shown):  # a scale with nothing on it would only mislead
        colourbar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax,
                                       fraction=0.025, pad=0.015)
        colourbar.ax.yaxis.set_major_formatter(money_axis(currency))
        colourbar.ax.tick_params(labelsize=8)
        colourbar.outline.set_visible(False)
    return ax
