"""Excel export: numbers stay numbers in their formats, text never becomes a formula, every sheet
is a frozen, filtered table, and `paybands export` writes a sheet per analysis."""

import datetime as dt
import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest
from factories import FORMULA_TITLE, band_row, bands_frame
from openpyxl import load_workbook

from analysis.analyses.compare import adjusted_comparison, compare_groups
from analysis.analyses.ladder import level_ladder
from analysis.analyses.ranges import structures_by_role_family
from analysis.analyses.summary import band_summary
from analysis.analyses.zones import pay_zones
from analysis.cli import main
from analysis.config import REFERENCE_METRO
from analysis.errors import UsageError
from analysis.publish import export
from analysis.publish.export import SHEETS, ExportWarning, Sheet, analysis_sheets, export_workbook
from analysis.publish.workbook import (
    ABOUT_SHEET,
    MAX_WIDTH,
    sheet_name,
    workbook_path,
    write_workbook,
)
from analysis.store import load_bands

HOSTILE = [  # text a posting may carry that a spreadsheet would run
    '=HYPERLINK("http://x")',
    "+1",
    "@SUM(A1)",
    "-2+3",
    "\tcmd",
    FORMULA_TITLE,
]
SAFE = "Data Scientist"


def hostile_table() -> pd.DataFrame:
    n = len(HOSTILE) + 1
    return pd.DataFrame({
        "title": [*HOSTILE, SAFE],
        "annual_mid_median": np.linspace(84500.25, 190000.75, n),
        "spread_median": np.linspace(0.1, 0.7, n),
        "n_postings": np.arange(n) * 1000,
        "index": np.linspace(-5.5, 120.0, n),
        "p_value": [1.2e-5, *np.linspace(0.01, 0.9, n - 1)],
        "small_n": [True, False] * (n // 2) + [True] * (n % 2),
    })


def formula_cells(path) -> list[str]:
    """Every cell openpyxl reads as a formula, and every <f> element in the sheets' XML."""
    book = load_workbook(path)
    found = [f"{sheet.title}!{cell.coordinate}" for sheet in book for row in sheet.iter_rows()
             for cell in row if cell.data_type == "f"]
    with zipfile.ZipFile(path) as archive:
        found += [name for name in archive.namelist()
                  if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)]
    return found


def column(sheet, name: str) -> list:
    """The cells under the header `name`."""
    header = [cell.value for cell in sheet[1]]
    return [row[header.index(name)] for row in sheet.iter_rows(min_row=2)]


# --- write_workbook -----------------------------------------------------------------------------


def test_formula_like_text_is_text_exactly_as_posted(tmp_path):
    table = hostile_table()
    path = write_workbook({"titles": table}, tmp_path / "t.xlsx")
    assert formula_cells(path) == []
    cells = column(load_workbook(path)["titles"], "title")
    assert [cell.value for cell in cells] == [*HOSTILE, SAFE]  # no apostrophe, nothing dropped
    assert {cell.data_type for cell in cells} == {"s"}
    # Excel's "quote prefix": the cell stays text when a person edits it.
    assert [cell.quotePrefix for cell in cells] == [True] * len(HOSTILE) + [False]
    assert table["title"].iloc[0] == HOSTILE[0]  # the input is not modified


def test_plain_openpyxl_would_have_written_a_formula(tmp_path):
    """The hazard the writer guards against: openpyxl's default for text starting with '='."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = HOSTILE[0]
    book.save(tmp_path / "plain.xlsx")
    assert formula_cells(tmp_path / "plain.xlsx")


def test_hostile_column_names_and_sheet_names_are_text_too(tmp_path):
    table = pd.DataFrame({"=cmd|' /C calc'!A0": [1.0], "@x": ["a"]})
    path = write_workbook({"=SUM(1)": table}, tmp_path / "t.xlsx",
                          notes={"=SUM(1)": "-1+1 what it holds"}, about={"data": "+store"})
    assert formula_cells(path) == []
    book = load_workbook(path)
    sheet = book[book.sheetnames[1]]
    assert [cell.value for cell in sheet[1]] == ["=cmd|' /C calc'!A0", "@x"]
    about = [[cell.value for cell in row] for row in book[ABOUT_SHEET].iter_rows()]
    assert ["data", "+store", None] in about and any("-1+1 what it holds" in row for row in about)


def test_numbers_are_numeric_cells_formatted_by_what_the_column_holds(tmp_path):
    table = hostile_table()
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx"))["t"]
    expected_formats = {
        "annual_mid_median": '"$"#,##0',
        "spread_median": "0.0%",
        "n_postings": "#,##0",
        "index": "0.0",
        "p_value": "General",  # a small p-value is not rounded to 0.000
    }
    for name, number_format in expected_formats.items():
        cells = column(sheet, name)
        assert {cell.data_type for cell in cells} == {"n"}, name
        assert {cell.number_format for cell in cells} == {number_format}, name
        # full precision under the format: the spreadsheet computes with the analysis's numbers
        assert [cell.value for cell in cells] == pytest.approx(table[name].tolist()), name
    flags = column(sheet, "small_n")
    assert {cell.data_type for cell in flags} == {"b"}
    assert [cell.value for cell in flags] == table["small_n"].tolist()
    assert column(sheet, "index")[0].value == -5.5  # a negative number stays a number


def test_missing_and_infinite_numbers_are_empty_cells(tmp_path):
    table = pd.DataFrame({"annual_mid_median": [1.0, np.nan, np.inf, -np.inf],
                          "n_postings": pd.array([1, None, 3, 4], dtype="Int64"),
                          "title": ["a", None, pd.NA, np.nan],
                          "small_n": pd.array([True, None, False, True], dtype="boolean")})
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx"))["t"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [[1.0, 1, "a", True], [None, None, None, None],
                      [None, 3, None, False], [None, 4, None, True]]


@pytest.mark.parametrize(("currency", "values", "number_format"), [
    ("USD", [145000.0, 84500.4], '"$"#,##0'),
    ("GBP", [33873.5], '"£"#,##0'),
    ("CAD", [150000.0], '"CA$"#,##0'),
    ("CHF", [120000.0], '"CHF "#,##0'),  # no symbol but its code
    ("USD", [22.5, 31.0], '"$"#,##0.00'),  # an hourly rate keeps its cents
])
def test_money_is_shown_in_the_currency_of_the_table(tmp_path, currency, values, number_format):
    table = pd.DataFrame({"pay_min": values})
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx",
                                         currency=currency))["t"]
    assert {cell.number_format for cell in column(sheet, "pay_min")} == {number_format}


def test_every_sheet_is_a_frozen_filtered_table_sized_to_its_content(tmp_path):
    table = pd.DataFrame({"metro": ["San Jose-Sunnyvale-Santa Clara, CA", "Austin, TX", "x"],
                          "n": [1, 2, 3], "note": ["word " * 40, "", "y"]})
    path = write_workbook({"a": table, "b": table.iloc[:0]}, tmp_path / "t.xlsx")
    book = load_workbook(path)
    sheet = book["a"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C4"
    assert all(cell.font.bold for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] >= len("San Jose-Sunnyvale-Santa Clara, CA")
    assert widths["B"] < widths["A"]
    assert widths["C"] == MAX_WIDTH  # a long text is capped
    empty = book["b"]  # no rows: the header, frozen and filtered, all the same
    assert [cell.value for cell in empty[1]] == ["metro", "n", "note"]
    assert empty.max_row == 1 and empty.auto_filter.ref == "A1:C1"
    assert empty.freeze_panes == "A2"


def test_dates_are_dates_and_time_zones_become_utc(tmp_path):
    table = pd.DataFrame({
        "posted_date": pd.to_datetime(["2026-11-01", None]),
        "created": pd.to_datetime(["2026-12-05 15:20:22", "2026-12-06 01:00:00"],
                                  format="ISO8601").tz_localize("CET"),
        "day": [dt.date(2026, 12, 1), None],
    })
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx"))["t"]
    posted, created, day = (column(sheet, name) for name in ("posted_date", "created", "day"))
    assert posted[0].is_date and posted[0].value == dt.datetime(2026, 11, 1)
    assert posted[0].number_format == "yyyy-mm-dd" and posted[1].value is None
    assert created[0].value == dt.datetime(2026, 12, 5, 14, 20, 22)  # UTC
    assert created[0].number_format == "yyyy-mm-dd hh:mm:ss"
    assert day[0].is_date and day[0].value.date() == dt.date(2026, 12, 1)


def test_text_a_cell_cannot_hold_is_cleaned_not_fatal(tmp_path):
    table = pd.DataFrame({"title": ["bell\x07 and null\x00", "x" * 40_000], "tags": [["a"], {}]})
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx"))["t"]
    assert [cell.value for cell in column(sheet, "title")] == ["bell and null", "x" * 32_767]
    assert [cell.value for cell in column(sheet, "tags")] == ["['a']", "{}"]


def test_a_meaningful_index_is_written_as_columns(tmp_path):
    table = pd.DataFrame({"n_postings": [3, 4]},
                         index=pd.Index(["Austin", "Boston"], name="metro"))
    sheet = load_workbook(write_workbook({"t": table}, tmp_path / "t.xlsx"))["t"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["metro", "n_postings"], ["Austin", 3], ["Boston", 4]]


def test_sheet_names_are_valid_and_unique_for_excel():
    names = []
    for name in ["summary", "Summary", "a/b:c*d?[e]", "x" * 40, "x" * 40, "About", "History", ""]:
        names.append(sheet_name(name, taken=[*names, "About"]))
    assert names == ["summary", "Summary (2)", "a-b-c-d--e-", "x" * 31, "x" * 27 + " (2)",
                     "About (2)", "History (2)", "Sheet"]
    assert all(len(name) <= 31 for name in names)


def test_the_about_sheet_comes_first_and_lists_every_sheet(tmp_path):
    tables = {"summary": hostile_table(), "ladder": pd.DataFrame({"n": [1, 2]})}
    path = write_workbook(tables, tmp_path / "t.xlsx", currency="GBP",
                          notes={"summary": "Bands per metro."},
                          about={"snapshot": "2026-11-01", "bands": 2356})
    book = load_workbook(path)
    assert book.sheetnames == [ABOUT_SHEET, "summary", "ladder"]
    rows = [[cell.value for cell in row] for row in book[ABOUT_SHEET].iter_rows()]
    assert rows[:4] == [["about", "value", None], ["snapshot", "2026-11-01", None],
                        ["bands", 2356, None], ["currency", "GBP", None]]
    assert rows[5:] == [["sheet", "rows", "what it holds"],
                        ["summary", len(tables["summary"]), "Bands per metro."],
                        ["ladder", 2, None]]


def test_an_existing_workbook_is_replaced_only_by_a_complete_one(tmp_path, monkeypatch):
    path = tmp_path / "out" / "t.xlsx"
    write_workbook({"old": pd.DataFrame({"n": [1]})}, path)
    write_workbook({"new": pd.DataFrame({"n": [2]})}, path)
    assert load_workbook(path).sheetnames == [ABOUT_SHEET, "new"]

    def fail(self, filename):
        with open(filename, "wb") as partial:
            partial.write(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.Workbook.save", fail)
    with pytest.raises(OSError, match="disk full"):
        write_workbook({"newer": pd.DataFrame({"n": [3]})}, path)
    assert load_workbook(path).sheetnames == [ABOUT_SHEET, "new"]  # untouched
    assert sorted(p.name for p in path.parent.iterdir()) == ["t.xlsx"]  # nothing left behind


def test_a_workbook_is_named_xlsx_and_is_not_a_folder(tmp_path):
    with pytest.raises(UsageError, match=r"ends in \.xlsx"):
        workbook_path(tmp_path / "bands.csv")
    with pytest.raises(IsADirectoryError, match="is a folder"):
        workbook_path(tmp_path)
    assert workbook_path(tmp_path / "Bands.XLSX").name == "Bands.XLSX"


# --- The analyses' workbook ---------------------------------------------------------------------

AUSTIN = "Austin-Round Rock-San Marcos, TX"


def planted_market(*, metros: dict[str, float], role_family: str = "data scientist",
                   seed: int = 7) -> pd.DataFrame:
    """Two levels of one role family in each metro, paying 150k × the metro's factor (× 1.3 for
    senior), ± 10 % noise, over 8 employers per metro."""
    rng = np.random.default_rng(seed)
    rows = []
    for metro, factor in metros.items():
        for i in range(120):
            level = ["mid", "senior"][i % 2]
            mid = 150_000 * factor * (1.3 if level == "senior" else 1) * rng.lognormal(0, 0.1)
            low, high = round(mid * 0.85), round(mid * 1.15)
            rows.append(band_row(
                posting_id=f"x:{metro[:6]}{i}", metro=metro, employer=f"E{i % 8}",
                role_family=role_family, level=level, track="ic", title="Data Scientist",
                pay_min=float(low), pay_max=float(high), annual_min=float(low),
                annual_max=float(high), annual_mid=(low + high) / 2))
    return bands_frame(rows)


def sheet_rows(path, name: str) -> list[dict]:
    sheet = load_workbook(path)[name]
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]


def about_text(path) -> str:
    return "\n".join(str(cell.value) for row in load_workbook(path)[ABOUT_SHEET].iter_rows()
                     for cell in row)


def test_the_export_finds_the_planted_metro_premium(tmp_path):
    bands = planted_market(metros={REFERENCE_METRO: 1.25, AUSTIN: 1.0})
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportWarning)  # nothing to say on this data
        path = export_workbook(bands, tmp_path / "x.xlsx", manifest={"snapshot": "2026-11-01"})
    assert formula_cells(path) == []
    for name in ("compare metros", "compare adjusted"):
        index = {row["metro"]: row["index"] for row in sheet_rows(path, name)}
        assert index[REFERENCE_METRO] == 100
        assert index[AUSTIN] == pytest.approx(100 / 1.25, abs=4), name  # planted: 80
    ladder = sheet_rows(path, "ladder")
    assert [row["level"] for row in ladder] == ["mid", "senior"]
    assert ladder[1]["step_pct"] == pytest.approx(0.3, abs=0.05)  # planted: +30 %
    summary = {row["metro"]: row for row in sheet_rows(path, "summary by metro")}
    assert summary[AUSTIN]["n_postings"] == 120
    assert summary[AUSTIN]["annual_mid_median"] == pytest.approx(150_000 * 1.15, rel=0.05)


def test_without_the_reference_metro_the_largest_one_is_the_reference(tmp_path):
    bands = planted_market(metros={AUSTIN: 1.0, "Boston-Cambridge-Newton, MA-NH": 1.2})
    bands = pd.concat([bands, bands.loc[bands["metro"] == AUSTIN].iloc[:10].assign(
        posting_id=lambda f: f["posting_id"] + "b")], ignore_index=True)  # Austin is larger
    with pytest.warns(ExportWarning, match=f"the reference .* is {AUSTIN}"):
        path = export_workbook(bands, tmp_path / "x.xlsx")
    rows = sheet_rows(path, "compare metros")
    assert [row["metro"] for row in rows if row["is_reference"]] == [AUSTIN]
    boston = next(row for row in rows if row["metro"].startswith("Boston"))
    assert boston["index"] == pytest.approx(120, abs=5)
    assert f"the reference (= 100) is {AUSTIN}" in about_text(path)  # the About sheet says so


def test_a_sheet_that_cannot_be_computed_is_a_note_and_the_others_are_written(tmp_path):
    def broken(bands, *, currency):
        raise ValueError("needs two groups")

    sheets = {"ladder": SHEETS["ladder"], "broken": Sheet("Never computed.", broken)}
    bands = planted_market(metros={AUSTIN: 1.0})
    with pytest.warns(ExportWarning, match="sheet 'broken': not computed: needs two groups"):
        path = export_workbook(bands, tmp_path / "x.xlsx", sheets=sheets)
    assert sheet_rows(path, "broken") == [{"note": "broken: not computed: needs two groups"}]
    assert len(sheet_rows(path, "ladder")) == 2
    assert "Never computed. Note: not computed: needs two groups." in about_text(path)


def test_a_bug_in_a_sheet_is_not_hidden_as_a_note():
    def buggy(bands, *, currency):
        return bands["metro"] + 1  # a TypeError: a bug, not the data

    with pytest.raises(TypeError):
        analysis_sheets(planted_market(metros={AUSTIN: 1.0}),
                        sheets={"buggy": Sheet("", buggy)})


def test_a_currency_without_bands_gives_empty_or_note_sheets_not_a_crash(tmp_path):
    bands = planted_market(metros={REFERENCE_METRO: 1.0})
    with pytest.warns(ExportWarning) as caught:
        path = export_workbook(bands, tmp_path / "x.xlsx", currency="JPY")
    said = " ".join(str(w.message) for w in caught)
    assert "sheet 'summary by metro'" in said and "JPY" in said
    book = load_workbook(path)
    assert book.sheetnames == [ABOUT_SHEET, *SHEETS]
    assert book["summary by metro"].max_row == 1  # the header of an empty summary
    assert [cell.value for cell in book["compare metros"][1]] == ["note"]


def test_posting_text_shaped_like_formulas_stays_text_through_the_export(tmp_path):
    bands = planted_market(metros={REFERENCE_METRO: 1.0}, role_family=FORMULA_TITLE)
    path = export_workbook(bands, tmp_path / "x.xlsx")
    assert formula_cells(path) == []
    families = {row["role_family"] for row in sheet_rows(path, "summary by role family")}
    assert families == {FORMULA_TITLE}


# --- paybands export ----------------------------------------------------------------------------


def test_paybands_export_writes_a_sheet_per_analysis_of_the_sample(tmp_path, capsys):
    path = tmp_path / "sub" / "x.xlsx"
    assert main(["export", "--xlsx", str(path)]) == 0
    assert capsys.readouterr().out.strip() == str(path)
    assert formula_cells(path) == []
    book = load_workbook(path)
    assert book.sheetnames == [ABOUT_SHEET, "summary by metro", "summary by role family",
                               "compare metros", "compare adjusted", "ladder", "zones", "ranges"]
    bands = load_bands()
    expected = {
        "summary by metro": band_summary(bands, by="metro"),
        "summary by role family": band_summary(bands, by="role_family"),
        "compare metros": compare_groups(bands),
        "compare adjusted": adjusted_comparison(bands),
        "ladder": level_ladder(bands),
        "zones": pay_zones(bands),
        "ranges": structures_by_role_family(bands),
    }
    for name, table in expected.items():
        sheet = book[name]
        assert sheet.max_row == len(table) + 1, name
        assert [cell.value for cell in sheet[1]] == list(table.columns), name
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:"), name
    mids = [cell.value for cell in column(book["ladder"], "annual_mid_median")]
    assert mids == pytest.approx(expected["ladder"]["annual_mid_median"].tolist())
    zones = [cell.value for cell in column(book["zones"], "zone")]
    assert zones == [None if pd.isna(z) else int(z) for z in expected["zones"]["zone"]]
    families = expected["ranges"]["role_family"]
    assert {cell.value for cell in column(book["ranges"], "role_family")} == set(families)
    assert "software engineer" in families.values
    about = [[cell.value for cell in row] for row in book[ABOUT_SHEET].iter_rows()]
    assert ["snapshot", "2026-11-01", None] in about
    assert any("embedded synthetic sample" in str(row[1]) for row in about)


def test_paybands_export_refuses_a_name_excel_cannot_open_before_reading(tmp_path, capsys,
                                                                          monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("read the data before checking the workbook's name")

    monkeypatch.setattr("analysis.store.load_bands", never)
    assert main(["export", "--xlsx", str(tmp_path / "x.csv")]) == 2
    assert "ends in .xlsx" in capsys.readouterr().err
    assert main(["export", "--xlsx", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_paybands_export_says_which_sheets_it_could_not_compute(tmp_path, capsys):
    assert main(["export", "--xlsx", str(tmp_path / "x.xlsx"), "--currency", "JPY"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(tmp_path / "x.xlsx")
    assert "paybands export: warning: sheet 'compare metros': not computed" in err
    assert export.ExportWarning.__name__ not in err  # one line each, not Python's warning format
