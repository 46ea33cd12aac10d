"""The index page: provenance, one card per report, the what-changed digest, all escaped."""

from analysis.publish.index_page import write_index
from analysis.publish.report import ReportResult
from analysis.schema import BANDS_COLUMNS, COLUMN_MEANINGS
from analysis.store import resolve_data

SCRIPT = "<script>alert(1)</script>"


def test_every_bands_column_has_a_meaning():
    assert list(COLUMN_MEANINGS) == BANDS_COLUMNS


def test_index_escapes_cards_and_digests_the_changes(tmp_path):
    (tmp_path / "02_roles.html").write_text("x")
    (tmp_path / "07_changes.html").write_text("x")
    results = [
        ReportResult("02_roles", f"{SCRIPT} post the most", "02 · Roles",
                     headline=[f"{SCRIPT} lead.", "Second."],
                     stamp="2,000 postings", html=tmp_path / "02_roles.html"),
        ReportResult("03_levels", "03 · Levels", "03 · Levels",
                     error="03_levels.py, cell starting `x = 1/0`: ZeroDivisionError"),
        ReportResult("07_changes", "218 postings added", "07 · What changed",
                     headline=["No metro moved beyond noise."], html=tmp_path / "07_changes.html"),
    ]
    page = write_index(results, data_path=resolve_data(None), out=tmp_path).read_text()
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt; post the most" in page
    assert page.count("class='card'") == 2 and "class='card failed'" in page
    assert "ZeroDivisionError" in page
    assert "What changed" in page and "No metro moved beyond noise." in page
    assert "href='07_changes.html'" in page
    assert "Counts reconcile" in page and "<code>annual_mid</code>" in page


def test_index_warns_when_the_data_is_the_synthetic_sample(tmp_path):
    from analysis.store import SAMPLE_NOTICE, is_embedded_sample

    assert is_embedded_sample(None)
    page = write_index([], data_path=resolve_data(None), out=tmp_path, notice=SAMPLE_NOTICE)
    assert "Synthetic demo data" in page.read_text()
    plain_page = write_index([], data_path=resolve_data(None), out=tmp_path).read_text()
    assert "Synthetic demo data" not in plain_page



def test_index_names_the_currency_the_reports_compared_in(tmp_path):
    page = write_index([], data_path=resolve_data(None), out=tmp_path,
                       currencies=("GBP",)).read_text()
    assert "closed ranges in one currency (GBP)" in page and "(USD)" not in page
    default = write_index([], data_path=resolve_data(None), out=tmp_path).read_text()
    assert "closed ranges in one currency (USD)" in default
