"""The scored column matcher: pay columns found by meaning, lookalikes refused."""

import pytest

from analysis.sources import read_records
from analysis.sources.columns import column_words, match_columns, name_unit

# header, sample rows, expected field -> column
CASES = [
    (
        ["Job Title", "Company", "comp_min", "comp_max", "comp_period", "currency_code"],
        [["Data Scientist", "Acme", "120000", "150000", "yearly", "USD"],
         ["Analyst", "Beta", "30", "45", "hourly", "USD"]],
        {"title": "Job Title", "employer": "Company", "pay_min": "comp_min",
         "pay_max": "comp_max", "pay_period": "comp_period", "pay_currency": "currency_code"},
    ),
    (
        ["title", "salary_from", "salary_to", "pay_frequency"],
        [["Engineer", "90000", "110000", "annual"], ["Nurse", "40", "55", "hour"]],
        {"title": "title", "pay_min": "salary_from", "pay_max": "salary_to",
         "pay_period": "pay_frequency"},
    ),
    (
        ["position", "employer", "compensation", "city"],
        [["Cook", "Diner", "$18-$22/hr", "Austin, TX"], ["Chef", "Bistro", "$60K", "Reno, NV"]],
        {"title": "position", "employer": "employer", "pay_text": "compensation",
         "location": "city"},
    ),
    (  # JobSpy's export
        ["title", "company", "min_amount", "max_amount", "interval", "currency"],
        [["SWE", "X", "100000", "140000", "yearly", "USD"]] * 3,
        {"title": "title", "employer": "company", "pay_min": "min_amount",
         "pay_max": "max_amount", "pay_period": "interval", "pay_currency": "currency"},
    ),
    (  # hh.ru's Russian columns
        ["Название", "Компания", "Регион", "Зарплата от", "Зарплата до", "Валюта"],
        [["Аналитик", "Вавилон", "Москва", "150000.0", "", "RUR"]] * 2
        + [["Юрист", "Альфа", "Казань", "90000.0", "130000.0", "RUR"]],
        {"title": "Название", "employer": "Компания", "location": "Регион",
         "pay_min": "Зарплата от", "pay_max": "Зарплата до", "pay_currency": "Валюта"},
    ),
]


@pytest.mark.parametrize("header, rows, expected", CASES, ids=lambda c: str(c)[:30])
def test_columns_are_found_by_meaning(header, rows, expected):
    columns, matches = match_columns(header, rows)
    found = {field: header[index] for field, index in columns.items() if index is not None}
    assert {k: v for k, v in found.items() if k in expected} == expected
    assert {m.field for m in matches} >= set(expected)


def test_ids_years_and_phone_numbers_never_become_pay():
    header = ["title", "salary_id", "min_year", "max_phone", "rate"]
    rows = [[f"Job {i}", str(1000 + i), "2019", "+14155550123", "n/a"] for i in range(20)]
    columns, _ = match_columns(header, rows)
    assert columns["pay_min"] is None and columns["pay_max"] is None
    assert columns["pay_text"] is None  # "salary_id" is an id; "rate" holds no pay


def test_a_pay_flag_column_is_not_pay():
    header = ["title", "salary_is_predicted", "salary_min", "salary_max"]
    rows = [["A", "0", "21900", "27000"], ["B", "1", "", ""], ["C", "0", "", ""]]
    columns, _ = match_columns(header, rows)
    assert columns["pay_text"] is None
    assert header[columns["pay_min"]] == "salary_min"


def test_a_mapping_overrides_the_matcher():
    header = ["Posting", "Money"]
    columns, matches = match_columns(header, [["Cook", "$20/hr"]],
                                     mapping={"title": "Posting", "pay_text": "Money"})
    assert (columns["title"], columns["pay_text"]) == (0, 1)
    assert [m.why for m in matches] == ["column mapping", "column mapping"]


def test_units_in_column_names_scale_the_amounts():
    assert name_unit("salary_min_lpa") == (100_000.0, "INR", "year")
    assert name_unit("comp_max_k") == (1_000.0, None, None)
    assert column_words("minSalary") == ["min", "salary"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = st.sampled_from(["title", "salary", "salary_min", "salary_max", "id", "year", "phone",
                         "comp", "company", "location", "currency", "pay_period", "notes", "x"])
CELLS = st.one_of(st.text(max_size=12), st.integers(-10, 10**9).map(str),
                  st.sampled_from(["$50K-$60K", "yearly", "USD", "", "n/a", "2019"]))


@settings(max_examples=150, deadline=None)
@given(header=st.lists(NAMES, min_size=1, max_size=8),
       rows=st.lists(st.lists(CELLS, min_size=8, max_size=8), max_size=12))
def test_the_matcher_never_fails_and_gives_each_column_one_field(header, rows):
    columns, matches = match_columns(header, [row[: len(header)] for row in rows])
    used = [index for index in columns.values() if index is not None]
    assert len(used) == len(set(used))
    assert all(0 <= index < len(header) for index in used)
    assert {m.field for m in matches} == {f for f, i in columns.items() if i is not None}


def test_a_workplace_column_says_remote_or_hybrid(tmp_path):
    from analysis.sources import read_records

    path = tmp_path / "jobs.csv"
    path.write_text("title,company,location,remote_allowed,work_model\n"
                    "Data Scientist,Acme,\"Austin, TX\",1,\n"
                    "Nurse,Care,\"Boston, MA\",0,\n")
    records = list(read_records(path))
    assert records[0].locations == ["Austin, TX", "Remote"]
    assert records[1].locations == ["Boston, MA"]
    path.write_text("title,company,location,workplace_type\n"
                    "Analyst,Acme,Berlin,Hybrid\nEngineer,Acme,Paris,On-site\n")
    records = list(read_records(path))
    assert [r.locations for r in records] == [["Berlin", "Hybrid"], ["Paris"]]


def test_one_employer_one_city_one_grade_exports_keep_those_columns(tmp_path):
    # A company's own board: the same employer, city and pay grade in every row are its data.
    path = tmp_path / "board.csv"
    path.write_text("title,company,location,salary,workplace_type\n" + "".join(
        f'Engineer {i},Acme,"Denver, CO","$80,000 - $90,000",Remote\n' for i in range(8)))
    records = list(read_records(path))
    assert len(records) == 8
    assert {(r.employer, tuple(r.locations), r.pay_text) for r in records} == {
        ("Acme", ("Denver, CO", "Remote"), "$80,000 - $90,000")}


def test_an_export_of_one_job_title_keeps_its_title_column(tmp_path):
    # An analyst's search export: "Data Analyst" in every row is still the title.
    path = tmp_path / "search.csv"
    path.write_text("title,company,location,salary\n" + "".join(
        f'Data Analyst,Firm {i},"Austin, TX","${60 + i},000 - ${80 + i},000"\n' for i in range(8)))
    records = list(read_records(path))
    assert [r.problem for r in records] == [None] * 8
    assert {r.title for r in records} == {"Data Analyst"}
    assert records[3].employer == "Firm 3" and records[3].pay_text == "$63,000 - $83,000"


def test_a_placeholder_or_class_marker_in_every_row_is_still_no_field(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text("title,location.__CLASS__,location.display_name,salary\n" + "".join(
        f"Engineer {i},Adzuna::API::Location,City {i},0\n" for i in range(8)))
    (record, *_) = read_records(path)
    assert record.locations == ["City 0"] and record.pay_text is None


def test_a_wage_table_with_one_area_throughout_is_not_postings(tmp_path):
    path = tmp_path / "wages.csv"
    path.write_text("AREA,AREA_TITLE,OCC_CODE,OCC_TITLE,TOT_EMP,H_MEAN,A_MEAN,A_MEDIAN\n" + "".join(
        f"99,U.S.,15-{1000 + i},Occupation {i},{1000 * i},{30 + i},{60000 + i},{58000 + i}\n"
        for i in range(8)))
    (record,) = read_records(path)
    assert record.problem.startswith("not a table of postings")


def test_an_id_that_restarts_in_each_appended_scrape_is_a_row_counter(tmp_path):
    # GOV.UK Find a Job dumps number rows 1, 2, ... again for every scrape appended
    path = tmp_path / "scrapes.csv"
    titles = ["Care Home Cook", "Care Assistant", "Senior Sister", "Porter"]
    lines = ["id,title,location"] + [f"{i % 2 + 1},{t},Dover" for i, t in enumerate(titles)]
    path.write_text("\n".join(lines) + "\n")
    records = list(read_records(path))
    assert len({r.source_id for r in records}) == 4  # not 2: each row its own posting
    assert all(r.problem is None for r in records)


def test_a_true_id_with_repeated_identical_rows_stays_the_id(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("id,title,location\nA1,Cook,Dover\nA1,Cook,Dover\nB2,Porter,Dover\n")
    assert [r.source_id.split("/")[-1] for r in read_records(path)] == ["A1", "A1", "B2"]


def test_abbreviated_naukri_columns_loc_sal_comp_name(tmp_path):
    path = tmp_path / "naukri.csv"
    path.write_text("comp_name,job_title,loc,sal\n"
                    "Acme Ltd,Data Analyst,\"Delhi NCR, Mumbai\",\"5,00,000 - 8,00,000 PA.\"\n")
    [record] = read_records(path)
    assert record.employer == "Acme Ltd"  # "comp_name" names the company, not its pay
    assert record.locations and "Delhi NCR" in record.locations[0]
    assert record.pay_text and record.pay_text.startswith("5,00,000")
