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
    "LEVELS": "analysis.vocabulary",
    "PERIOD_FACTORS": "analysis.vocabulary",
    "REFERENCE_METRO": "analysis.vocabulary",
    "adjusted_comparison": "analysis.compare",
    "band_range_chart": "analysis.charts",
    "benchmark_from_text": "analysis.benchmark",
    "disclosure_rates": "analysis.disclosure",
    "infer_levels": "analysis.level_inference",
    "level_ladder": "analysis.ladders",
    "select_ladder": "analysis.ladders",
    "ladder_facts": "analysis.ladders",
    "level_coverage": "analysis.ladders",
    "largest_ladders": "analysis.ladders",
    "TRACK_NAMES": "analysis.ladders",
    "resolve_reference": "analysis.location_index",
    "controls_from_text": "analysis.location_index",
    "describe_controls": "analysis.location_index",
    "metro_index": "analysis.location_index",
    "metro_index_by_level": "analysis.location_index",
    "gaps_by_level": "analysis.location_index",
    "location_method": "analysis.location_index",
    "ladder_table": "analysis.ladders",
    "ladder_method": "analysis.ladders",
    "metro_index_table": "analysis.location_index",
    "INDEX_LEVELS": "analysis.location_index",
    "market_reference": "analysis.market",
    "posting_benchmark": "analysis.benchmark",
    "range_width": "analysis.widths",
    "snapshot_diff": "analysis.diff",
    "uncovered_postings": "analysis.laws",
    "band_summary": "analysis.summary",
    "comparable_bands": "analysis.summary",
    "coverage_by": "analysis.coverage",
    "currency_coverage": "analysis.summary",
    "group_shifts": "analysis.diff",
    "headline_figures": "analysis.coverage",
    "period_shares": "analysis.coverage",
    "quarantine_reasons": "analysis.coverage",
    "pay_quality": "analysis.coverage",
    "snapshot_growth": "analysis.coverage",
    "ingest": "analysis.snapshot",
    "largest_groups": "analysis.compare",
    "load_bands": "analysis.datasets",
    "load_manifest": "analysis.datasets",
    "location_comparison": "analysis.compare",
    "location_index_chart": "analysis.charts",
    "money": "analysis.charts",
    "parse_pay": "analysis.pay",
    "parse_pays": "analysis.pay",
    "save_figure": "analysis.figures",
    "validate_bands": "analysis.schema",
    "money_range": "analysis.charts",
    "finding_title": "analysis.charts",
    "short_metro": "analysis.charts",
    "OKABE_ITO": "analysis.charts",
    "ACCENT": "analysis.charts",
    "publish_chart": "analysis.figures",
    "report_header": "analysis.narrative",
    "key_findings": "analysis.narrative",
    "caveats": "analysis.narrative",
    "method_box": "analysis.narrative",
    "report_table": "analysis.narrative",
    "previous_snapshot": "analysis.datasets",
    "load_store": "analysis.datasets",
    "diff_counts": "analysis.diff",
    "load_laws": "analysis.laws",
    "SMALL_N": "analysis.summary",
    "LOW_CONFIDENCE_N": "analysis.summary",
    "share_chart": "analysis.charts",
    "snapshot_history": "analysis.datasets",
    "load_quarantine": "analysis.datasets",
    "role_metro_heatmap": "analysis.charts.heatmap",
    "role_metro_matrix": "analysis.role_matrix",
    "role_bands": "analysis.role_matrix",
    "role_facts": "analysis.role_findings",
    "metro_facts": "analysis.role_findings",
    "role_table": "analysis.role_findings",
    "ladder_chart": "analysis.charts.ladder",
    "ladder_small_multiples": "analysis.charts.ladder",
    "location_small_multiples": "analysis.charts.locations",
    "metro_city": "analysis.location_index",
    "benchmark_chart": "analysis.charts.benchmark",
    "market_chart": "analysis.charts.market",
    "disclosure_trend_chart": "analysis.charts.disclosure",
    "range_width_chart": "analysis.charts.widths",
    "shift_chart": "analysis.charts.changes",
    "TOO_WIDE": "analysis.widths",
    "TOO_WIDE_SPREAD": "analysis.widths",
    "disclosure_trend": "analysis.trends",
    "share_gap": "analysis.disclosure",
    "gap_reading": "analysis.disclosure",
    "trend_summary": "analysis.trends",
    "window_text": "analysis.trends",
    "law_coverage": "analysis.laws",
    "disclosure_by_state": "analysis.laws",
    "uncovered_table": "analysis.laws",
    "judgement_date": "analysis.laws",
    "width_summary": "analysis.widths",
    "shift_table": "analysis.diff",
    "largest_rebands": "analysis.diff",
    "shift_summary": "analysis.diff",
    "reband_summary": "analysis.diff",
    "reband_table": "analysis.diff",
    "parse_location": "analysis.locations",
    "load_oews": "analysis.market",
    "focus_market": "analysis.market",
    "market_reading": "analysis.market",
    "market_table": "analysis.market",
    "benchmark_for": "analysis.benchmark_cases",
    "benchmark_facts": "analysis.benchmark_cases",
    "peer_comparison_table": "analysis.benchmark_cases",
    "peer_list_table": "analysis.benchmark_cases",
    "ordinal": "analysis.benchmark",
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
