"""Result tables in Jupyter: formatted HTML over unchanged values, plain frames for computation."""

import inspect
import re

import pandas as pd
import pytest

import analysis as pb
from analysis.analyses.summary import band_summary
from analysis.publish.display import ResultTable, as_result, column_label
from analysis.store import load_bands

SCRIPT = "<script>alert(1)</script>"


def _summary_like() -> pd.DataFrame:
    return pd.DataFrame({
        "employer": [SCRIPT, "Acme"],
        "n_postings": [1200, 3],
        "annual_mid_median": [84500.0, float("nan")],
        "spread_median": [0.44642857, 0.3],
        "index": [103.24, 100.0],
        "p_value": [0.0004, 0.21],
        "small_n": [False, True],
    })


def _cells(page: str) -> list[str]:
    return re.findall(r"<td [^>]*>(.*?)</td>", page)


def test_money_shares_counts_and_missing_read_as_people_write_them():
    page = as_result(_summary_like(), currency="USD")._repr_html_()
    assert _cells(page) == [
        "&lt;script&gt;alert(1)&lt;/script&gt;", "1,200", "$84,500", "44.6%", "103.2",
        "&lt;0.001", "False",
        "Acme", "3", "–", "30.0%", "100.0", "0.210", "True",
    ]
    assert "84500.0" not in page and "0.44642857" not in page


def test_posting_text_is_escaped():
    page = as_result(_summary_like(), currency="USD")._repr_html_()
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_money_follows_the_table_currency():
    frame = _summary_like()
    assert "£84,500" in as_result(frame, currency="GBP")._repr_html_()
    assert "€84,500" in as_result(frame, currency="EUR")._repr_html_()
    mixed = as_result(frame, currency=None)._repr_html_()  # a table of several currencies
    assert ">84,500<" in mixed and "$" not in mixed and "(USD)" not in mixed


def test_headers_carry_units_but_column_names_do_not_change():
    table = as_result(_summary_like(), currency="GBP")
    page = table._repr_html_()
    for header in ("Median annual mid (GBP)", "Median spread (%)", "Postings (n)", "Index"):
        assert f">{header}</th>" in page
    assert list(table.columns) == list(_summary_like().columns)


LABELS = [  # column, header shown (USD)
    ("annual_mid_median", "Median annual mid (USD)"),
    ("annual_mid_median_low", "Median annual mid, low (USD)"),
    ("peer_annual_min_p25", "P25 peer annual min (USD)"),
    ("spread_median", "Median spread (%)"),
    ("share_with_pay", "Share with pay (%)"),
    ("gap_to_median_pct", "Gap to median (%)"),
    ("median_mid", "Median mid (USD)"),
    ("n_employers", "Employers (n)"),
    ("index_low", "Index, low"),
    ("role_family", "Role family"),
]


@pytest.mark.parametrize(("name", "label"), LABELS)
def test_column_labels(name, label):
    assert column_label(name, currency="USD") == label


def test_what_a_notebook_does_to_a_result_keeps_it_formatted_over_the_same_values():
    frame = _summary_like()
    table = as_result(frame, currency="GBP")
    assert isinstance(table, ResultTable) and isinstance(table, pd.DataFrame)
    for derived in (table.copy(), table.head(1), table[table["n_postings"] > 1],
                    table.sort_values("index"), table.assign(x=1), table[["annual_mid_median"]],
                    pd.concat([table, table])):
        assert isinstance(derived, ResultTable) and derived.display_currency == "GBP"
        assert "£84,500" in derived._repr_html_()
    plain = pd.DataFrame(table)
    assert type(plain) is pd.DataFrame
    pd.testing.assert_frame_equal(plain, frame)
    pd.testing.assert_frame_equal(table, frame, check_frame_type=False)
    assert table["annual_mid_median"].iloc[0] == 84500.0  # the value, not its text
    assert type(table["annual_mid_median"]) is pd.Series


def test_a_long_table_is_cut_and_says_its_size():
    frame = pd.DataFrame({"annual_mid": [float(i) for i in range(1000)]})
    with pd.option_context("display.max_rows", 20):
        page = as_result(frame, currency="USD")._repr_html_()
    assert len(_cells(page)) < 40 and "1,000 rows × 1 columns" in page


def test_the_facade_shows_results_in_the_currency_asked_for():
    bands = load_bands()
    table = pb.band_summary(bands, by="metro", n_boot=50)
    assert isinstance(table, ResultTable) and table.display_currency == "USD"
    page = table._repr_html_()
    first = table["annual_mid_median"].iloc[0]
    assert f"${first:,.0f}" in page and f">{first}<" not in page
    assert ">Median annual mid (USD)</th>" in page
    plain = band_summary(bands, by="metro", n_boot=50)
    assert type(plain) is pd.DataFrame  # the analysis itself stays plain
    pd.testing.assert_frame_equal(table.copy(), plain, check_frame_type=False)
    pounds = pb.band_summary(bands, by="metro", currency="GBP", n_boot=50)
    assert pounds.display_currency == "GBP" and "£" in pounds._repr_html_()


def test_the_facade_keeps_names_signatures_and_docs():
    for name in ("band_summary", "compare_groups", "snapshot_diff"):
        shown = getattr(pb, name)
        module = __import__(pb._EXPORTS[name], fromlist=[name])
        original = getattr(module, name)
        assert shown.__name__ == name and shown.__doc__ == original.__doc__
        assert inspect.signature(shown) == inspect.signature(original)
    assert "as_result" in pb.__all__ and pb.as_result is as_result
