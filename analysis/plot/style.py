"""The house style every chart shares: one palette, money axes, finding titles, quiet frames.

Okabe-Ito (colour-blind safe) for categories: grey for context, one accent for the focus group,
blue for everything else; cividis for ordered scales. Money reads in the report's currency:
$150k (or £150k, €150k) on axes, $150k–$210k in text, and axis labels name the currency.
"""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from analysis.formats import money

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
MAIN = OKABE_ITO["blue"]
CONTEXT = "#9a9a9a"
INK = "#333333"
FAINT = "#e6e6e6"
SEQUENTIAL = "cividis"
# Hues in the order categories take them (at most five, then grey).
CATEGORY_ORDER = ["blue", "orange", "green", "purple", "sky blue"]
# "$150k–$210k" and titles from postings are text, never mathtext between two dollar signs.
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["font.size"] = 10
BASE_SALARY = "annual base salary as posted"


def money_axis(currency: str) -> FuncFormatter:
    """Tick labels in `currency`: $150k, £150k, €150k, CA$150k (:func:`analysis.formats.money`).

    >>> money_axis("GBP")(45000), money_axis("USD")(150000)
    ('£45k', '$150k')
    """
    return FuncFormatter(lambda value, _position=None: money(value, currency=currency))


def salary_label(currency: str) -> str:
    """The money axis' label: "GBP, annual base salary as posted"."""
    return f"{currency}, {BASE_SALARY}"


def category_colours(categories: list) -> dict:
    """A stable Okabe-Ito colour per category, grey after the fifth."""
    hues = [OKABE_ITO[name] for name in CATEGORY_ORDER]
    return {c: hues[i] if i < len(hues) else CONTEXT for i, c in enumerate(categories)}


def finding_title(ax: Axes, title: str, *, subtitle: str | None = None) -> Axes:
    """A bold left-aligned title that states the finding, a grey subtitle naming measure and n.

    Both sit above the axes' left edge, so `tight_layout` makes room for them.
    """
    wrap = 70 if ax.figure.get_figwidth() >= 8 else 55
    # Long category labels ("healthcare diagnosing or treating practitioners") push the axes
    # right; the title starts at the axes, so it gets as much less room.
    labels = (line for tick in ax.get_yticklabels() for line in tick.get_text().split("\n"))
    label_chars = max((len(line) for line in labels), default=0)
    wrap = max(wrap - int(0.8 * max(label_chars - 15, 0)), 35)
    lines = textwrap.wrap(subtitle, width=int(wrap * 1.45)) if subtitle else []
    ax.set_title(
        textwrap.fill(title, width=wrap),
        loc="left",
        fontsize=12.5,
        fontweight="bold",
        color=INK,
        pad=8 + 12 * len(lines),
    )
    if lines:
        ax.annotate(
            "\n".join(lines),
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 5),
            textcoords="offset points",
            va="bottom",
            ha="left",
            fontsize=9,
            color="#555555",
        )
    return ax




def end_label(ax: Axes, x: float, y: float, text: str, *, color: str = INK) -> None:
    """A small label just right of a bar's or row's end at (`x`, `y`), e.g. "n=1,234"."""
    ax.text(x, y, f"  {text}", va="center", fontsize=8, color=color)


def tidy(ax: Axes, *, grid: str = "x") -> Axes:
    """No top/right spines, no y ticks, a faint grid behind the data."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if grid:
        ax.grid(axis=grid, color=FAINT, lw=0.8)
    ax.set_axisbelow(True)
    return ax
