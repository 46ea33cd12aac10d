import pandas as pd

from analysis.formats import neutralize_formulas, write_safe_csv

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
