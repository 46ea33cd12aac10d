"""paybands: posted pay ranges → comparable annual base-salary bands, analyses and reports.

The public API, for notebooks and scripts::

    import analysis as pb
    bands = pb.load_bands()                      # the embedded sample, or a snapshot path
    pb.band_summary(bands, by="metro")           # in Jupyter: $84,500, 44.6%, units in headers
    pb.compare_groups(bands, across="metro")     # index against San Jose-Sunnyvale-Santa Clara
    pb.as_result(frame, currency="GBP")          # any frame shown the same way
    pb.plot.band_range_chart(...)                # charts: analysis.plot
    pb.findings.Finding                          # report wording: analysis.findings

The analyses here return a ResultTable (:mod:`analysis.publish.display`): their frame, shown
formatted in Jupyter in the currency they were asked for; any computation on it gives a plain
DataFrame. Their own modules (``analysis.analyses.summary.band_summary``...) return the plain
frame, which the CLI, findings and tests use.

Names load on first use (PEP 562), so `paybands parse-pay` does not pay for pandas, matplotlib
and the HTML extractors at start-up.
"""

import importlib

_EXPORTS = {
    # Loading and validating
    "load_bands": "analysis.store",
    "load_store": "analysis.store",
    "load_manifest": "analysis.store",
    "load_places": "analysis.store",
    "ingest": "analysis.store",
    "validate_bands": "analysis.schema",
    # The three parsers
    "parse_pay": "analysis.normalize.pay",
    "parse_location": "analysis.normalize.locations",
    "parse_title": "analysis.normalize.titles",
    # The analyses
    "band_summary": "analysis.analyses.summary",
    "compare_groups": "analysis.analyses.compare",
    "adjusted_comparison": "analysis.analyses.compare",
    "level_ladder": "analysis.analyses.ladder",
    "benchmark_posting": "analysis.analyses.benchmark",
    "disclosure_rates": "analysis.analyses.disclosure",
    "range_width": "analysis.analyses.widths",
    "market_reference": "analysis.analyses.market",
    "snapshot_diff": "analysis.analyses.diff",
    "group_shifts": "analysis.analyses.diff",
    "infer_levels": "analysis.analyses.levels",
    # The comp analyst's toolkit
    "pay_zones": "analysis.analyses.zones",
    "market_by_level": "analysis.analyses.ranges",
    "salary_structure": "analysis.analyses.ranges",
    "employer_positions": "analysis.analyses.compa",
    "posted_wage_growth": "analysis.analyses.growth",
    "export_workbook": "analysis.publish.export",
    # Showing any frame as the analyses above are shown
    "as_result": "analysis.publish.display",
}
# The analyses above, whose frames are shown formatted (a ResultTable).
_RESULTS = frozenset(name for name, module in _EXPORTS.items()
                     if module.startswith("analysis.analyses."))
# Namespaces: charts (analysis.plot) and report wording (analysis.findings).
_NAMESPACES = ("plot", "findings")
__all__ = sorted(_EXPORTS) + list(_NAMESPACES)


def __getattr__(name: str):
    if name in _NAMESPACES:
        return importlib.import_module(f"analysis.{name}")
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    if name in _RESULTS:
        from analysis.publish.display import shown_as_result

        value = shown_as_result(value)
    globals()[name] = value
    return value


def __dir__():
    return __all__
