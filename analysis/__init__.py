"""paybands: posted pay ranges → comparable annual base-salary bands, analyses and reports.

The public API, for notebooks and scripts::

    import analysis as pb
    bands = pb.load_bands()                      # the embedded sample, or a snapshot path
    pb.band_summary(bands, by="metro")
    pb.location_comparison(bands)                # index against San Jose-Sunnyvale-Santa Clara

Names load on first use (PEP 562), so `paybands parse-pay` does not pay for pandas, matplotlib
and the HTML extractors at start-up.
"""

import importlib

_EXPORTS = {
    "LEVELS": "analysis.normalize.vocabulary",
    "PERIOD_FACTORS": "analysis.normalize.vocabulary",
    "REFERENCE_METRO": "analysis.config",
    "adjusted_comparison": "analysis.analyses.compare",
    "band_range_chart": "analysis.plot",
    "benchmark_from_text": "analysis.analyses.benchmark",
    "disclosure_rates": "analysis.analyses.disclosure",
    "infer_levels": "analysis.analyses.levels",
    "level_ladder": "analysis.analyses.ladder",
    "select_ladder": "analysis.analyses.ladder",
    "ladder_facts": "analysis.analyses.ladder",
    "level_coverage": "analysis.analyses.ladder",
    "largest_ladders": "analysis.analyses.ladder",
    "TRACK_NAMES": "analysis.analyses.ladder",
    "resolve_reference": "analysis.analyses.location_index",
    "controls_from_text": "analysis.analyses.location_index",
    "describe_controls": "analysis.analyses.location_index",
    "metro_index": "analysis.analyses.location_index",
    "metro_index_by_level": "analysis.analyses.location_index",
    "gaps_by_level": "analysis.analyses.location_index",
    "location_method": "analysis.analyses.location_index",
    "ladder_table": "analysis.analyses.ladder",
    "ladder_method": "analysis.analyses.ladder",
    "metro_index_table": "analysis.analyses.location_index",
    "INDEX_LEVELS": "analysis.analyses.location_index",
    "market_reference": "analysis.analyses.market",
    "posting_benchmark": "analysis.analyses.benchmark",
    "range_width": "analysis.analyses.widths",
    "snapshot_diff": "analysis.analyses.diff",
    "uncovered_postings": "analysis.analyses.laws",
    "band_summary": "analysis.analyses.summary",
    "comparable_bands": "analysis.analyses.summary",
    "coverage_by": "analysis.analyses.coverage",
    "currency_coverage": "analysis.analyses.summary",
    "group_shifts": "analysis.analyses.diff",
    "headline_figures": "analysis.analyses.coverage",
    "period_shares": "analysis.analyses.coverage",
    "quarantine_reasons": "analysis.analyses.coverage",
    "pay_quality": "analysis.analyses.coverage",
    "snapshot_growth": "analysis.analyses.coverage",
    "ingest": "analysis.store",
    "largest_groups": "analysis.analyses.compare",
    "load_bands": "analysis.store",
    "load_manifest": "analysis.store",
    "location_comparison": "analysis.analyses.compare",
    "location_index_chart": "analysis.plot",
    "money": "analysis.plot",
    "parse_pay": "analysis.normalize.pay",
    "parse_pays": "analysis.normalize.pay",
    "save_figure": "analysis.publish.figures",
    "validate_bands": "analysis.schema",
    "money_range": "analysis.plot",
    "finding_title": "analysis.plot",
    "short_metro": "analysis.plot",
    "OKABE_ITO": "analysis.plot",
    "ACCENT": "analysis.plot",
    "publish_chart": "analysis.publish.figures",
    "report_header": "analysis.publish.narrative",
    "key_findings": "analysis.publish.narrative",
    "caveats": "analysis.publish.narrative",
    "method_box": "analysis.publish.narrative",
    "report_table": "analysis.publish.narrative",
    "previous_snapshot": "analysis.store",
    "load_store": "analysis.store",
    "diff_counts": "analysis.analyses.diff",
    "load_laws": "analysis.analyses.laws",
    "SMALL_N": "analysis.analyses.summary",
    "LOW_CONFIDENCE_N": "analysis.config",
    "share_chart": "analysis.plot",
    "snapshot_history": "analysis.store",
    "load_quarantine": "analysis.store",
    "role_metro_heatmap": "analysis.plot.heatmap",
    "role_metro_matrix": "analysis.analyses.roles",
    "role_bands": "analysis.analyses.roles",
    "role_facts": "analysis.findings.roles",
    "metro_facts": "analysis.findings.roles",
    "role_table": "analysis.findings.roles",
    "ladder_chart": "analysis.plot.ladder",
    "ladder_small_multiples": "analysis.plot.ladder",
    "location_small_multiples": "analysis.plot.locations",
    "metro_city": "analysis.analyses.location_index",
    "benchmark_chart": "analysis.plot.benchmark",
    "market_chart": "analysis.plot.market",
    "disclosure_trend_chart": "analysis.plot.disclosure",
    "range_width_chart": "analysis.plot.widths",
    "shift_chart": "analysis.plot.changes",
    "TOO_WIDE": "analysis.analyses.widths",
    "TOO_WIDE_SPREAD": "analysis.analyses.widths",
    "disclosure_trend": "analysis.analyses.trends",
    "share_gap": "analysis.stats",
    "gap_reading": "analysis.analyses.disclosure",
    "trend_summary": "analysis.analyses.trends",
    "window_text": "analysis.analyses.trends",
    "law_coverage": "analysis.analyses.laws",
    "disclosure_by_state": "analysis.analyses.laws",
    "uncovered_table": "analysis.analyses.laws",
    "judgement_date": "analysis.analyses.laws",
    "width_summary": "analysis.analyses.widths",
    "shift_table": "analysis.analyses.diff",
    "largest_rebands": "analysis.analyses.diff",
    "shift_summary": "analysis.analyses.diff",
    "reband_summary": "analysis.analyses.diff",
    "reband_table": "analysis.analyses.diff",
    "parse_location": "analysis.normalize.locations",
    "load_oews": "analysis.analyses.market",
    "focus_market": "analysis.analyses.market",
    "market_reading": "analysis.analyses.market",
    "market_table": "analysis.analyses.market",
    "benchmark_for": "analysis.analyses.benchmark_cases",
    "benchmark_facts": "analysis.analyses.benchmark_cases",
    "peer_comparison_table": "analysis.analyses.benchmark_cases",
    "peer_list_table": "analysis.analyses.benchmark_cases",
    "ordinal": "analysis.formats",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
