"""Public-dataset adapters: header detection and one record per row, on literal fixtures."""

import csv
import io
import sys

import pytest

from analysis.normalize.pay import PayRange
from analysis.paths import SHARED_REAL
from analysis.sources.public_datasets import (
    DATASET_FORMATS,
    detect_dataset,
    is_usajobs_search,
    read_dataset_rows,
    read_usajobs_search,
)

LINKEDIN = """\
job_id,company_name,title,description,max_salary,pay_period,location,med_salary,min_salary,job_posting_url,listed_time,formatted_experience_level,currency,compensation_type
921716,Corcoran Sawyer Smith,Marketing Coordinator,Seeking a coordinator.,20.0,HOURLY,"Princeton, NJ",,17.0,https://www.linkedin.com/jobs/view/921716/,1713400000000.0,,USD,BASE_SALARY
10998357,The National Exemplar,Assitant Restaurant Manager,Run the floor.,,MONTHLY,"Cincinnati, OH",350.0,,https://www.linkedin.com/jobs/view/10998357/,1713290000000.0,Entry level,USD,BASE_SALARY
23221523,Acme,Engineer,No pay stated.,,,"Sunnyvale, CA",,,https://www.linkedin.com/jobs/view/23221523/,1713300000000.0,Mid-Senior level,,
"""  # noqa: E501

INDEED = """\
job_id,source,title,company,work_setting,date_posted,city,state,salary_period,salary_min,salary_max,job_url,job_description
04fe38301812c00c,Indeed,Data Analyst II,Corpay,in-person,2025-04-10,Richmond,VA,yearly,45000.0,54000.0,https://www.indeed.com/viewjob?jk=04fe38301812c00c,Pay: $45k
1a2b3c,Indeed,Delivery Driver,Amazon,remote,2025-04-11,Sunnyvale,CA,weekly,900.0,1100.0,https://www.indeed.com/viewjob?jk=1a2b3c,Drive.
9z9z,Indeed,Analyst,Walmart,in-person,2025-04-12,San Jose,CA,,,,https://www.indeed.com/viewjob?jk=9z9z,No pay here.
"""  # noqa: E501

JOBSPY = """\
id,site,job_url,title,company,location,date_posted,interval,min_amount,max_amount,currency,is_remote,description
in-abc123,indeed,https://www.indeed.com/viewjob?jk=abc123,Software Engineer,Google,"Sunnyvale, CA, US",2024-05-01,yearly,150000,200000,USD,False,Build things.
li-777,linkedin,https://www.linkedin.com/jobs/view/777,Nurse,Kaiser,"Oakland, CA, US",2024-05-02,hourly,60.5,80,,True,Care.
"""  # noqa: E501

NYC = """\
Job ID,Agency,Posting Type,Business Title,Civil Service Title,Level,Salary Range From,Salary Range To,Salary Frequency,Work Location,Job Description,Posting Date
87990,DEPARTMENT OF BUSINESS SERV.,Internal,Account Manager,CONTRACT REVIEWER (OFFICE OF L,1,42405,65485,Annual,110 William St. N Y,Manage accounts.,2019-01-26T00:00:00.000
133921,NYC HOUSING AUTHORITY,External,Temporary Painter,PAINTER,0,35,35,Hourly,DMP-Contract & Analysis Unit,Paint.,NYCHA has no residency requirement.
200001,DEPT OF PARKS,Internal,Seasonal Aide,CITY SEASONAL AIDE,0,0,120.5,Daily,Randalls Island,Help.,2018-06-01T00:00:00.000
"""  # noqa: E501

USAJOBS = """\
control_number,position_title,hiring_agency_name,minimum_grade,maximum_grade,pay_scale,salary_type,minimum_salary,maximum_salary,position_open_date,locations
836027600,Program Analyst (Product Manager),Office of Personnel Management,14,14,GS,Per Year,106382.000,138296.000,2025-04-28,"Macon, Georgia, United States | Washington, District of Columbia, United States"
811111100,Product Owner,Department of the Army,,,AD,Without Compensation,0.000,0.000,2024-10-01,"Anywhere in the U.S. (remote job), United States"
822222200,Product Support Tech,Veterans Health Administration,,,WG,Per Hour,35.520,52.160,2025-01-15,"Sunnyvale, California, United States"
"""  # noqa: E501

H1B_LCA = """\
CASE_NUMBER,CASE_STATUS,RECEIVED_DATE,JOB_TITLE,SOC_CODE,EMPLOYER_NAME,WORKSITE_CITY,WORKSITE_STATE,WAGE_RATE_OF_PAY_FROM,WAGE_RATE_OF_PAY_TO,WAGE_UNIT_OF_PAY,PW_WAGE_LEVEL
I-200-23001-000001,Certified,2023-01-03,Software Engineer,15-1252,Meta Platforms Inc,Sunnyvale,CA,"$150,000.00",0,Year,II
I-200-23001-000002,Certified,2023-01-04,Data Analyst,15-2051,Acme LLC,Austin,TX,4000,4500,Bi-Weekly,I
"""  # noqa: E501

H1B_SAMPLE = """\
employer,job title,base salary,city,county,state,submit date,start date,case status,countyID
mcafee inc,manager,133328,Santa Clara,Santa Clara County,CA,10/25/2012,03/07/2013,certified,Santa Clara1
google inc,engineer,120000,Mountain View,Santa Clara County,CA,11/02/2012,01/07/2013,withdrawn,Santa Clara1
"""  # noqa: E501

GLASSDOOR = """\
,Job Title,Salary Estimate,Job Description,Rating,Company Name,Location
0,Data Scientist,$53K-$91K (Glassdoor est.),Do science.,3.8,"Tecolote Research
3.8","Albuquerque, NM"
1,Research Scientist,-1,Do research.,-1,Seen by Indeed,"Sunnyvale, CA"
"""

FIXTURES = {
    "linkedin": LINKEDIN,
    "indeed": INDEED,
    "jobspy": JOBSPY,
    "nyc-jobs": NYC,
    "usajobs": USAJOBS,
    "h1b": H1B_LCA,
    "h1b-sample": H1B_SAMPLE,
    "glassdoor": GLASSDOOR,
}


def _read(text: str, *, source_file: str = "data/export.csv"):
    header, *rows = csv.reader(io.StringIO(text))
    name = detect_dataset(header)
    assert name is not None
    return list(read_dataset_rows(name, header, rows, source_file=source_file))


def _usd(low, high, period):
    return (PayRange(low, high, "USD", period, False),)


@pytest.mark.parametrize("name", FIXTURES)
def test_detect_dataset_recognises_each_header(name):
    header = next(csv.reader(io.StringIO(FIXTURES[name])))
    assert detect_dataset(header) == name
    assert detect_dataset(["\ufeff" + header[0], *header[1:]]) == name  # a BOM does not hide it


def test_every_format_has_a_fixture():
    assert set(FIXTURES) == set(DATASET_FORMATS)


@pytest.mark.parametrize(
    "header",
    [[], ["title", "company", "salary"], ["Job Title", "Company Name", "Location"]],
)
def test_detect_dataset_unknown_header_is_none(header):
    assert detect_dataset(header) is None


def test_linkedin_range_single_value_and_no_pay():
    ranged, single, none = _read(LINKEDIN)
    assert (ranged.source, ranged.source_id, ranged.record) == ("linkedin", "921716", "row 2")
    assert (ranged.title, ranged.employer, ranged.locations) == (
        "Marketing Coordinator",
        "Corcoran Sawyer Smith",
        ["Princeton, NJ"],
    )
    assert ranged.pay_ranges == _usd(17.0, 20.0, "hour")
    assert ranged.pay_text == "USD 17–20 per hour (min_salary/max_salary)"
    assert ranged.posted_date == "2024-04-18"  # listed_time is epoch milliseconds
    assert ranged.url == "https://www.linkedin.com/jobs/view/921716/"
    assert single.pay_ranges == _usd(350.0, 350.0, "month")  # med_salary alone
    assert "Entry level" in single.description
    assert (none.pay_ranges, none.pay_text, none.problem) == ((), None, None)


def test_indeed_city_state_and_periods():
    yearly, weekly, none = _read(INDEED)
    assert (yearly.source, yearly.source_id) == ("indeed", "04fe38301812c00c")
    assert yearly.locations == ["Richmond, VA"]
    assert yearly.pay_ranges == _usd(45000.0, 54000.0, "year")
    assert yearly.pay_text == "USD 45,000–54,000 per year (salary_min/salary_max)"
    assert weekly.pay_ranges == _usd(900.0, 1100.0, "week")
    assert weekly.locations == ["Sunnyvale, CA", "Remote"]  # work_setting says remote
    assert (none.pay_ranges, none.pay_text) == ((), None)


def test_jobspy_site_in_id_and_currency_default():
    google, kaiser = _read(JOBSPY)
    assert (google.source, google.source_id) == ("jobspy", "indeed/in-abc123")
    assert google.locations == ["Sunnyvale, CA, US"]
    assert google.pay_ranges == _usd(150000.0, 200000.0, "year")
    assert kaiser.pay_ranges == _usd(60.5, 80.0, "hour")  # blank currency → USD
    assert kaiser.pay_text == "USD 60.50–80 per hour (min_amount/max_amount)"
    assert "Remote" in kaiser.locations


def test_nyc_jobs_frequency_location_and_levels():
    annual, hourly, daily = _read(NYC)
    assert (annual.source, annual.source_id) == ("nyc-jobs", "87990")
    assert (annual.title, annual.employer) == ("Account Manager", "DEPARTMENT OF BUSINESS SERV.")
    assert annual.locations == ["New York, NY"]  # Work Location is a street address
    assert annual.pay_ranges == _usd(42405.0, 65485.0, "year")
    assert "Civil Service Title: CONTRACT REVIEWER" in annual.description
    assert "Level: 1" in annual.description
    assert annual.posted_date == "2019-01-26"
    assert hourly.pay_ranges == _usd(35.0, 35.0, "hour")
    assert hourly.posted_date is None  # a shifted row's text is not a date
    assert daily.pay_ranges == _usd(None, 120.5, "day")  # a "from" of 0 is not stated


def test_usajobs_export_locations_unpaid_and_hourly():
    paid, unpaid, hourly = _read(USAJOBS)
    assert (paid.source, paid.source_id) == ("usajobs", "836027600")
    assert paid.employer == "Office of Personnel Management"
    assert paid.locations == [
        "Macon, Georgia, United States",
        "Washington, District of Columbia, United States",
    ]
    assert paid.pay_ranges == _usd(106382.0, 138296.0, "year")
    assert paid.url == "https://www.usajobs.gov/job/836027600"
    assert "pay_scale: GS" in paid.description
    assert (unpaid.pay_ranges, unpaid.pay_text, unpaid.problem) == (
        (),
        "Without Compensation",
        None,
    )
    assert hourly.pay_ranges == _usd(35.52, 52.16, "hour")


def test_h1b_lca_open_range_and_biweekly():
    meta, acme = _read(H1B_LCA)
    assert (meta.source, meta.source_id) == ("h1b", "I-200-23001-000001")
    assert (meta.title, meta.employer, meta.locations) == (
        "Software Engineer",
        "Meta Platforms Inc",
        ["Sunnyvale, CA"],
    )
    assert meta.pay_ranges == _usd(150000.0, None, "year")  # "to" of 0 means one wage stated
    assert "PW_WAGE_LEVEL: II" in meta.description
    assert meta.posted_date == "2023-01-03"
    assert acme.pay_ranges == _usd(4000.0, 4500.0, "biweekly")


def test_h1b_sample_annual_base_salary_and_row_ids():
    mcafee, google = _read(H1B_SAMPLE, source_file="real/h1b_sample.csv")
    assert (mcafee.source, mcafee.source_id) == ("h1b", "h1b_sample/2")
    assert google.source_id == "h1b_sample/3"
    assert mcafee.pay_ranges == _usd(133328.0, 133328.0, "year")  # "base salary" is annual
    assert mcafee.posted_date == "2012-10-25"
    assert "case status: withdrawn" in google.description


def test_glassdoor_free_text_pay_and_rating_stripped():
    scientist, no_pay = _read(GLASSDOOR, source_file="glassdoor_us.csv")
    assert (scientist.source, scientist.source_id) == ("glassdoor", "glassdoor_us/0")
    assert scientist.employer == "Tecolote Research"
    assert scientist.locations == ["Albuquerque, NM"]
    assert (scientist.pay_ranges, scientist.pay_text) == ((), "$53K-$91K (Glassdoor est.)")
    assert (no_pay.pay_ranges, no_pay.pay_text) == ((), None)  # -1 is missing


BAD_ROWS = [  # fixture, row to append, what the problem names
    ("linkedin", "1,Acme,Engineer,x,lots,YEARLY,,,,,,,USD,BASE_SALARY", ["max_salary", "lots"]),
    (
        "indeed",
        "1,Indeed,Analyst,Acme,,,Austin,TX,yearly,45k-ish,50000,,",
        ["salary_min", "45k-ish"],
    ),
    ("nyc-jobs", "1,DOT,Clerk,CLERK,1,0,abc,10,Annual,x,y,", ["Salary Range From", "abc"]),
    ("h1b-sample", "acme,engineer,TBD,Austin,Travis,TX,,,certified,", ["base salary", "TBD"]),
    ("linkedin", "1,Acme,Engineer", ["3 fields", "header has 14"]),
]


@pytest.mark.parametrize(("name", "row", "words"), BAD_ROWS)
def test_bad_row_gives_a_problem_record_not_an_exception(name, row, words):
    records = _read(FIXTURES[name] + row + "\n")
    bad = records[-1]
    assert bad.problem is not None and bad.pay_ranges == ()
    assert all(word in bad.problem for word in words), bad.problem
    assert all(r.problem is None for r in records[:-1])


def test_min_above_max_and_unknown_unit_pass_through():
    # Judging pay is the normalizer's job: values pass through, an unknown unit has no period.
    (upside_down,) = _read(INDEED.splitlines()[0] + "\n1,I,A,B,,,X,TX,yearly,90000,50000,,\n")
    assert upside_down.pay_ranges == _usd(90000.0, 50000.0, "year")
    header = USAJOBS.splitlines()[0]
    (piece,) = _read(f'{header}\n9,Picker,USDA,,,WG,Piece Work,1.5,2,2025-01-01,"Fresno, CA"\n')
    assert piece.pay_ranges == (PayRange(1.5, 2.0, "USD", None, False),)
    assert "Piece Work" in piece.pay_text


def test_missing_unit_infers_the_period():
    header = JOBSPY.splitlines()[0]
    (row,) = _read(f'{header}\n1,indeed,u,T,C,"Austin, TX",2024-01-01,,25,30,USD,False,d\n')
    assert row.pay_ranges == (PayRange(25.0, 30.0, "USD", "hour", True),)


SEARCH = {
    "LanguageCode": "EN",
    "SearchResult": {
        "SearchResultCount": 2,
        "SearchResultItems": [
            {
                "MatchedObjectId": "836027600",
                "MatchedObjectDescriptor": {
                    "PositionID": "25-SLS-12730491",
                    "PositionTitle": "Program Analyst (Product Manager)",
                    "PositionURI": "https://www.usajobs.gov:443/GetJob/ViewDetails/836027600",
                    "PositionLocation": [
                        {"LocationName": "Sunnyvale, California"},
                        {"LocationName": "Washington, District of Columbia"},
                    ],
                    "OrganizationName": "Office of Personnel Management",
                    "JobGrade": [{"Code": "GS"}],
                    "PositionRemuneration": [
                        {
                            "MinimumRange": "106382.0",
                            "MaximumRange": "138296.0",
                            "RateIntervalCode": "PA",
                            "Description": "Per Year",
                        }
                    ],
                    "PublicationStartDate": "2025-04-28T00:00:00.0000",
                    "UserArea": {"Details": {"JobSummary": "Lead products.", "LowGrade": "14"}},
                },
            },
            {
                "MatchedObjectId": "811111100",
                "MatchedObjectDescriptor": {
                    "PositionTitle": "Nurse",
                    "OrganizationName": "Veterans Health Administration",
                    "PositionRemuneration": [
                        {"MinimumRange": "40.5", "MaximumRange": "55", "RateIntervalCode": "PH"}
                    ],
                },
            },
            {"MatchedObjectId": "3", "MatchedObjectDescriptor": "oops"},
            {
                "MatchedObjectId": "4",
                "MatchedObjectDescriptor": {
                    "PositionTitle": "Analyst",
                    "PositionRemuneration": [{"MinimumRange": "lots", "RateIntervalCode": "PA"}],
                },
            },
        ],
    },
}


def test_usajobs_search_api_items():
    assert is_usajobs_search(SEARCH)
    assert not is_usajobs_search({"jobs": []}) and not is_usajobs_search([SEARCH])
    pm, nurse, broken, bad_pay = read_usajobs_search(SEARCH, source_file="usajobs.json")
    assert (pm.source, pm.source_id, pm.record) == ("usajobs", "836027600", "item 0")
    assert pm.locations == ["Sunnyvale, California", "Washington, District of Columbia"]
    assert pm.pay_ranges == _usd(106382.0, 138296.0, "year")
    assert pm.pay_text == "USD 106,382–138,296 per year (PositionRemuneration)"
    assert (pm.employer, pm.posted_date) == ("Office of Personnel Management", "2025-04-28")
    assert pm.description.startswith("Lead products.")
    assert nurse.pay_ranges == _usd(40.5, 55.0, "hour")
    assert "MatchedObjectDescriptor" in broken.problem
    assert "MinimumRange" in bad_pay.problem and "lots" in bad_pay.problem


def test_usajobs_search_wrong_shape_is_one_problem_record():
    (record,) = read_usajobs_search({"SearchResult": {}}, source_file="x.json")
    assert record.problem.startswith("not a USAJOBS Search API response")


# --- real data (../shared/data/real) -------------------------------------------------------------

# file → (pay columns of the source, share of rows with pay there that must come out with pay).
# Measured 2026: every row with pay in its source comes out with pay_ranges (pay_text for
# Glassdoor): LinkedIn 212/212, Indeed 1,376/1,376, NYC 3,977/3,977, USAJOBS 534/534 (3 rows
# "Without Compensation" at 0 are not pay), H-1B 4,999/4,999, Glassdoor 742/742. The threshold
# leaves a 1-point margin for refreshed copies of these files.
REAL_FILES = {
    "linkedin_postings_2024_sample.csv": (("min_salary", "med_salary", "max_salary"), 0.99),
    "indeed_us_jobs_2025_04.csv": (("salary_min", "salary_max"), 0.99),
    "nyc_jobs_2019.csv": (("Salary Range From", "Salary Range To"), 0.99),
    "usajobs_historic_product_manager_2025.csv": (("minimum_salary", "maximum_salary"), 0.99),
    "h1b_software_salaries_2012_sample.csv": (("base salary",), 0.99),
    "glassdoor_ds_jobs_2020_us.csv": (("Salary Estimate",), 0.99),
}


def _has_pay(value: str) -> bool:
    text = value.strip().lower()
    if text in ("", "-1", "nan"):
        return False
    try:
        return float(text) > 0
    except ValueError:
        return True  # free text (Glassdoor)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason=f"real data not present at {SHARED_REAL}")
@pytest.mark.parametrize("file_name", REAL_FILES)
def test_real_dataset_rows_keep_their_pay(file_name):
    pay_columns, min_share = REAL_FILES[file_name]
    csv.field_size_limit(sys.maxsize)  # descriptions run long
    with open(SHARED_REAL / file_name, newline="", encoding="utf-8-sig") as handle:
        header, *rows = csv.reader(handle)
    name = detect_dataset(header)
    assert name is not None
    records = list(read_dataset_rows(name, header, rows, source_file=file_name))
    assert len(records) == len(rows)
    positions = [header.index(c) for c in pay_columns]
    with_pay = [
        record
        for record, row in zip(records, rows, strict=True)
        if any(_has_pay(row[i]) for i in positions)
    ]
    read = [r for r in with_pay if (r.pay_text if name == "glassdoor" else r.pay_ranges)]
    share = len(read) / len(with_pay)
    print(f"{file_name}: {len(records)} rows, {len(with_pay)} with pay, {len(read)} read")
    assert share >= min_share, f"{file_name}: pay kept for {share:.1%} of rows with pay"
    assert all(r.problem is None for r in records)
    assert len({r.source_id for r in records}) > 0.5 * len(records)
