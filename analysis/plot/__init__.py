"""Charts of bands: data first, options keyword-only, each returns its Axes (or Figure for small
multiples), never plt.show(). One module per chart an analyst recognizes; `style` holds what they
all share (palette, money axes, finding titles). Reached as ``pb.plot``.
"""

from analysis.plot.bands import band_range_chart
from analysis.plot.benchmark import benchmark_chart
from analysis.plot.changes import shift_chart
from analysis.plot.compa import compa_chart
from analysis.plot.disclosure import disclosure_trend_chart
from analysis.plot.growth import growth_chart, growth_series_chart
from analysis.plot.heatmap import role_metro_heatmap
from analysis.plot.ladder import ladder_chart, ladder_small_multiples
from analysis.plot.locations import location_index_chart, location_small_multiples
from analysis.plot.market import market_chart
from analysis.plot.ranges import structure_chart
from analysis.plot.shares import share_chart
from analysis.plot.style import ACCENT, CONTEXT, INK, OKABE_ITO, finding_title, tidy
from analysis.plot.widths import range_width_chart
from analysis.plot.zones import zone_chart

__all__ = [
    "ACCENT",
    "CONTEXT",
    "INK",
    "OKABE_ITO",
    "band_range_chart",
    "benchmark_chart",
    "compa_chart",
    "disclosure_trend_chart",
    "finding_title",
    "growth_chart",
    "growth_series_chart",
    "ladder_chart",
    "ladder_small_multiples",
    "location_index_chart",
    "location_small_multiples",
    "market_chart",
    "range_width_chart",
    "role_metro_heatmap",
    "share_chart",
    "shift_chart",
    "structure_chart",
    "tidy",
    "zone_chart",
]
