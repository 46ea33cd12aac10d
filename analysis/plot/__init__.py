"""Charts of bands: data first, options keyword-only, each returns its Axes, never plt.show().

One module per chart an analyst recognizes; `style` holds what they all share.
"""

from analysis.formats import money, money_range, short_metro
from analysis.plot.bands import band_range_chart
from analysis.plot.locations import location_index_chart
from analysis.plot.shares import share_chart
from analysis.plot.style import ACCENT, CONTEXT, INK, OKABE_ITO, finding_title, tidy

__all__ = [
    "ACCENT",
    "CONTEXT",
    "INK",
    "OKABE_ITO",
    "band_range_chart",
    "finding_title",
    "location_index_chart",
    "money",
    "money_range",
    "share_chart",
    "short_metro",
    "tidy",
]
