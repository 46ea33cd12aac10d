"""The whole suite on a few dozen postings: every report builds and no sentence reads badly.

Thin data is what a new user tries first. Groups fall below the minimum n, one metro may hold
all the pay, a level may have one posting; the reports must say so in words, never
"0 of 0 role families", "nan%" or "None".
"""

import html
import re

import pytest
from factories import run_report, sparse_store

pytestmark = pytest.mark.slow

REPORTS = ("01_overview", "02_roles", "03_levels", "04_locations", "05_benchmark",
           "06_transparency", "07_changes", "08_market", "09_growth", "10_pay_structure")
# What thin data must never produce in a sentence.
BAD_WORDING = re.compile(
    r"\b0 of 0\b|(?i:\bnan\b)|\bNone\b|(?i:\binf\b)|–%|\bof 0 \w+|\(n=0[;,)]"
)


def _prose(page: str) -> str:
    """The words a reader sees in a report: header, findings, chart notes, captions' alt text."""
    parts = re.findall(r'<header class="report-header">.*?</header>', page, re.S)
    parts += re.findall(r'<section class="(?:findings|caveats)">.*?</section>', page, re.S)
    parts += re.findall(r'<p class="chart-note">.*?</p>', page, re.S)
    parts += re.findall(r'alt="([^"]*)"', page)
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))


@pytest.fixture(scope="module", params=[40, 12], ids=lambda n: f"{n}_postings")
def sparse_reports(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"sparse{request.param}")
    store = sparse_store(root / "store", n_postings=request.param)
    result = run_report(str(store), "--out", str(root / "reports"),
                        "--figures", str(root / "figures"))
    return root / "reports", result


def test_every_report_builds_on_a_few_postings(sparse_reports):
    out, result = sparse_reports
    assert result.returncode == 0, result.stderr[-3000:]
    for name in REPORTS:
        assert (out / f"{name}.html").exists(), name


@pytest.mark.parametrize("name", REPORTS)
def test_no_sentence_reads_badly_on_thin_data(sparse_reports, name):
    out, _ = sparse_reports
    prose = _prose((out / f"{name}.html").read_text())
    assert "Key findings" in prose
    assert not BAD_WORDING.search(prose), BAD_WORDING.search(prose).group(0) + " in: " + prose[
        max(0, BAD_WORDING.search(prose).start() - 200):BAD_WORDING.search(prose).end() + 100]


def test_the_bad_wording_rule_catches_what_it_names():
    for text in ("0 of 0 role families", "nan%", "(n=0, 0 employers)", "level None", "$NaN"):
        assert BAD_WORDING.search(text), text
    assert not BAD_WORDING.search("no role families state pay; none of 3 metros (n=40)")
