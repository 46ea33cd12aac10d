import numpy as np
import pandas as pd
import pytest

from analysis.formats import (
    column_kind,
    money,
    money_full,
    money_range,
    neutralize_formulas,
    rounded_for_csv,
    write_safe_csv,
)

CASES = [  # cell as posted, cell as written
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1 555 0100", "'+1 555 0100"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("Data Scientist", "Data Scientist"),
    ("$120K - $150K", "$120K - $150K"),
    ("-12.5", "-12.5"),  # a signed number is no formula: it stays a (negative) number
    ("-3%", "-3%"),
    ("+1,200", "+1,200"),
    ("-1-1", "'-1-1"),
    ("-12.5 cmd", "'-12.5 cmd"),
]


def test_formula_cells_are_neutralized_and_numbers_kept():
    frame = pd.DataFrame({"text": [c[0] for c in CASES], "n": range(-3, len(CASES) - 3)})
    safe = neutralize_formulas(frame)
    assert safe["text"].tolist() == [c[1] for c in CASES]
    assert safe["n"].tolist() == frame["n"].tolist()  # negative numbers stay numbers
    assert frame["text"].iloc[0].startswith("=")  # the input is not mutated


def test_numbers_in_a_mixed_column_stay_numbers(tmp_path):
    frame = pd.DataFrame({"value": [-3.5, "=1+1", None, -7]})
    path = write_safe_csv(frame, tmp_path / "mixed.csv")
    lines = path.read_text().splitlines()
    assert (lines[1], lines[2], lines[4]) == ("-3.5", "'=1+1", "-7")


def test_write_safe_csv_round_trip(tmp_path):
    path = write_safe_csv(pd.DataFrame({"title": ["=cmd|' /C calc'!A0"]}), tmp_path / "x.csv")
    assert pd.read_csv(path)["title"].iloc[0].startswith("'=")


MONEY = [  # value, currency, compact (charts, prose), full (tables)
    (150000.0, "USD", "$150k", "$150,000"),
    (84500.0, "USD", "$84k", "$84,500"),  # 84.5k rounds half to even, as before
    (42, "USD", "$42", "$42"),
    (22.5, "USD", "$22", "$22.50"),  # an hourly rate keeps its cents in a table
    (33873.50554124647, "GBP", "£34k", "£33,874"),
    (150000, "EUR", "€150k", "€150,000"),
    (1500000, "INR", "₹1,500k", "₹1,500,000"),
    (95000, "CAD", "CA$95k", "CA$95,000"),
    (95000, "AUD", "A$95k", "A$95,000"),
    (150000, "XYZ", "XYZ 150k", "XYZ 150,000"),  # an unknown code is written as the code
    (120000, "CHF", "CHF 120k", "CHF 120,000"),  # a code English writes as the code
    (-5000, "USD", "-$5k", "-$5,000"),
    (None, "USD", "–", "–"),
    (float("nan"), "GBP", "–", "–"),
]


@pytest.mark.parametrize(("value", "currency", "compact", "full"), MONEY)
def test_money_is_written_in_its_currency(value, currency, compact, full):
    assert money(value, currency=currency) == compact
    assert money_full(value, currency=currency) == full


def test_money_defaults_to_dollars_and_ranges_follow_the_currency():
    assert money(150000) == "$150k" and money_full(84500.0) == "$84,500"
    assert money_range(150000, 210000, currency="GBP") == "£150k–£210k"
    assert money_range(150000, 210000) == "$150k–$210k"


KINDS = [  # column name, what it holds
    ("annual_mid_median", "money"), ("annual_mid_median_low", "money"),
    ("peer_annual_max_p90", "money"), ("pay_min", "money"), ("posted_mid_median", "money"),
    ("median_old", "money"), ("p50", "money"), ("gap_to_median", "money"),
    ("spread_median", "share"), ("share_with_pay", "share"), ("step_pct", "share"),
    ("change_low", "share"), ("gap_to_median_pct", "share"),
    ("index", "index"), ("index_high", "index"), ("pct_mid", "percentile"),
    ("mid_position", "percentile"), ("ratio_median", "ratio"), ("width_ratio", "ratio"),
    ("p_value", "p_value"), ("n_postings", "count"), ("postings_with_pay", "count"),
    ("metro", None), ("level_probability", None), ("silhouette", None),
]


@pytest.mark.parametrize(("name", "kind"), KINDS)
def test_a_column_kind_is_read_from_its_name(name, kind):
    assert column_kind(name) == kind


def test_csv_rounding_writes_cents_counts_and_four_decimals():
    frame = pd.DataFrame({
        "metro": ["=cmd", "Austin"],
        "annual_mid_median": [33873.50554124647, 120000.0],
        "spread_median": [0.44642857142857145, np.nan],
        "n_postings": [12.0, np.nan],  # a count made float by a missing value
        "index": [89.74700412, 100.0],
        "p_value": [0.0000123456, 0.5],
        "small_n": [True, False],
    })
    before = frame.copy()
    lines = rounded_for_csv(frame).to_csv(index=False).splitlines()
    assert lines[1:] == ["=cmd,33873.51,0.4464,12,89.747,1.235e-05,True",
                         "Austin,120000.0,,,100.0,0.5,False"]
    pd.testing.assert_frame_equal(frame, before)  # the input is not touched
    pd.testing.assert_frame_equal(rounded_for_csv(frame, exact=True), frame)


def test_a_count_with_fractions_is_not_forced_to_integers():
    frame = pd.DataFrame({"n_postings": [2.5, 3.0]})  # e.g. a posting-weighted count
    assert rounded_for_csv(frame)["n_postings"].tolist() == [2.5, 3.0]
