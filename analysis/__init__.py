"""paybands: posted pay ranges → comparable annual base-salary bands, analyses and reports.

The public API, for notebooks and scripts::

    import analysis as pb
    bands = pb.load_bands()                      # the embedded sample, or a snapshot path
    pb.band_summary(bands, by="metro")
    pb.location_comparison(bands)                # index against San Jose-Sunnyvale-Santa Clara
"""

from analysis.compare import location_comparison
from analysis.coverage import coverage_by, headline_figures
from analysis.datasets import load_bands, load_manifest
from analysis.figures import save_figure
from analysis.pay import parse_pay
from analysis.plots import band_range_chart, location_index_chart, money
from analysis.schema import validate_bands
from analysis.snapshot import ingest
from analysis.summary import band_summary, comparable_bands, currency_coverage
from analysis.vocabulary import LEVELS, PERIOD_FACTORS, REFERENCE_METRO

__all__ = [
    "LEVELS",
    "PERIOD_FACTORS",
    "REFERENCE_METRO",
    "band_range_chart",
    "band_summary",
    "comparable_bands",
    "coverage_by",
    "currency_coverage",
    "headline_figures",
    "ingest",
    "load_bands",
    "load_manifest",
    "location_comparison",
    "location_index_chart",
    "money",
    "parse_pay",
    "save_figure",
    "validate_bands",
]
