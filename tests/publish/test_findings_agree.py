"""Each report's sentences agree with its charts: the suite rendered on the planted sample, every
number a key finding quotes read back from the HTML and found in the chart's own CSV.

Findings are computed from the same frames and intervals as the charts (issue 13); this checks
it where a reader sees it, so a sentence can never quote a number the chart does not show.
"""

import html
import re

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.slow


def _text(reports, name: str) -> str:
    page = (reports / f"{name}.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _csv(figures, name: str) -> pd.DataFrame:
    return pd.read_csv(figures / f"{name}.csv")


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _k(value: float) -> float:
    return value / 1000


def test_location_sentences_quote_the_location_chart(suite_reports):
    reports, figures, _ = suite_reports
    text, chart = _text(reports, "04_locations"), _csv(figures, "04_location_index")
    lead = re.search(r"adjusted index (\d+) \(95% interval (\d+)–(\d+); n=([\d,]+) postings, "
                     r"(\d+) employers\)", text)
    assert lead, "the lead finding quotes an index with its interval and counts"
    index, low, high, n, employers = (float(g.replace(",", "")) for g in lead.groups())
    row = chart.loc[chart["n_postings"] == n].iloc[0]
    assert (round(row["index"]), round(row["index_low"]), round(row["index_high"]),
            row["n_employers"]) == (index, low, high, employers)
    examples = re.findall(r"([A-Z][\w .]+?) raw (\d+), adjusted (\d+) \((\d+)–(\d+)\)", text)
    assert examples
    for city, raw, adjusted, low, high in examples:
        row = chart.loc[chart["metro"].str.startswith(city.strip())].iloc[0]
        assert [round(row[c]) for c in ("raw_index", "index", "index_low", "index_high")] == [
            int(raw), int(adjusted), int(low), int(high)]
        assert row["raw_outside"]  # quoted as moved beyond noise: the chart's ring is outside


def test_changes_sentence_quotes_the_shift_chart(suite_reports):
    reports, figures, _ = suite_reports
    text, chart = _text(reports, "07_changes"), _csv(figures, "07_median_shifts")
    moves = re.findall(r"was ([A-Z][^()]+?) ([+-]\d+\.\d)% \(95% CI ([+-]?\d+\.\d)% to "
                       r"([+-]?\d+\.\d)%, ([\d,]+) → ([\d,]+) bands\)", text)
    assert moves
    for metro, change, low, high, n_old, n_new in moves:
        row = chart.loc[chart["metro"] == metro.strip()].iloc[0]
        assert [round(100 * row[c], 1) for c in ("change", "change_low", "change_high")] == [
            float(change), float(low), float(high)]
        assert (row["n_old"], row["n_new"]) == (_int(n_old), _int(n_new))


def test_market_sentences_quote_the_market_chart(suite_reports):
    reports, figures, _ = suite_reports
    text, chart = _text(reports, "08_market"), _csv(figures, "08_market")
    gaps = re.findall(r"([a-z][a-z ]+?) ([+-]\d+)% \(\$(\d+)k vs \$(\d+)k, n=([\d,]+) postings\)",
                      text)
    assert gaps
    for family, gap, posted, paid, n in gaps:
        row = chart.loc[chart["role_family"] == family.strip()].iloc[0]
        assert round(100 * row["gap_to_p50_pct"]) == int(gap)
        assert abs(_k(row["posted_mid_median"]) - int(posted)) <= 0.5
        assert abs(_k(row["p50"]) - int(paid)) <= 0.5
        assert row["n_postings"] == _int(n)
        # quoted as above or below: the chart's interval excludes the paid median
        assert row["versus_p50"] in ("above", "below")
    within = re.search(r"(\d+) role families sit within noise of the paid median", text)
    if within:
        assert (chart["versus_p50"] == "within noise").sum() == int(within.group(1))


def test_roles_sentences_quote_the_roles_chart(suite_reports):
    reports, figures, _ = suite_reports
    text, chart = _text(reports, "02_roles"), _csv(figures, "02_role_bands")
    quoted = re.findall(r"\$(\d+)k \(n=([\d,]+) postings, (\d+) employers\)", text)
    assert quoted
    for median, n, employers in quoted:
        rows = chart.loc[(chart["n_postings"] == _int(n))
                         & (chart["n_employers"] == int(employers))]
        assert any(abs(_k(m) - int(median)) <= 0.5 for m in rows["annual_mid_median"])
        # a headlined number is never one resting on too few postings or employers
        assert not rows["small_n"].all() and not rows["too_few_employers"].all()


def test_benchmark_sentences_quote_the_peer_chart(suite_reports):
    reports, figures, _ = suite_reports
    text, peers = _text(reports, "05_benchmark"), _csv(figures, "05_benchmark")
    counted = re.search(r"of ([\d,]+) peer postings from (\d+) employers", text)
    assert counted
    assert len(peers) == _int(counted.group(1))
    assert peers["employer"].nunique() == int(counted.group(2))
    median = re.search(r"peer median midpoint of \$(\d+)k", text)
    assert median and abs(_k(np.median(peers["annual_mid"])) - int(median.group(1))) <= 0.5
    # like peers: one level, the posting's own or the one inferred from its pay
    assert peers["level"].nunique() == 1
