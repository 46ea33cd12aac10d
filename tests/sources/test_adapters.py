"""Each adapter on small fixtures written here, in the raw shapes analysts have."""

import codecs
import json
import re

import pytest

from analysis.sources import Record, discover_files, load_mapping, read_records

JSONLD_PAGE = """<html><head><script type="application/ld+json">{payload}</script></head>
<body><h1>{title}</h1></body></html>"""


def jsonld(tmp_path, payload, name="job.html", title="x"):
    path = tmp_path / name
    path.write_text(JSONLD_PAGE.format(payload=json.dumps(payload), title=title))
    return list(read_records(path))


def posting(**extra):
    base = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Senior Data Scientist",
        "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "A-17"},
        "hiringOrganization": {"@type": "Organization", "name": "Acme Robotics, Inc."},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Austin",
                "addressRegion": "TX",
                "addressCountry": "US",
            },
        },
        "datePosted": "2026-10-20",
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 150000,
                "maxValue": 190000,
                "unitText": "YEAR",
            },
        },
    }
    base.update(extra)
    return base


def test_jsonld_posting_with_base_salary(tmp_path):
    [record] = jsonld(tmp_path, posting())
    assert (record.source, record.title, record.employer) == (
        "jsonld",
        "Senior Data Scientist",
        "Acme Robotics, Inc.",
    )
    assert record.locations == ["Austin, TX, US"]
    assert record.source_id == "acme-robotics-inc/A-17"
    [pay] = record.pay_ranges
    assert (pay.min, pay.max, pay.currency, pay.period, pay.period_inferred) == (
        150000,
        190000,
        "USD",
        "year",
        False,
    )


def test_jsonld_graph_list_single_value_and_remote(tmp_path):
    hourly = posting(
        baseSalary={
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "value": 42.5, "unitText": "HOUR"},
        },
        jobLocationType="TELECOMMUTE",
        applicantLocationRequirements={"@type": "Country", "name": "US"},
    )
    records = jsonld(tmp_path, {"@context": "https://schema.org", "@graph": [hourly, posting()]})
    assert len(records) == 2
    [pay] = records[0].pay_ranges
    assert (pay.min, pay.max, pay.period) == (42.5, 42.5, "hour")
    assert records[0].locations[0] == "Remote, US"
    assert [r.record for r in records] == ["posting 0", "posting 1"]


def test_jsonld_without_salary_reads_pay_from_description(tmp_path):
    described = posting(
        description="<p>Build things.</p><p>The base salary range for this role "
        "is $120,000 - $160,000 per year.</p>"
    )
    del described["baseSalary"]
    [record] = jsonld(tmp_path, described)
    assert record.pay_ranges == ()
    assert "$120,000 - $160,000" in record.pay_text


def test_truncated_jsonld_is_a_problem_record_not_a_crash(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(
        '<html><script type="application/ld+json">{"@type": "JobPosting", "title"</script></html>'
    )
    [record] = read_records(path)
    assert record.problem.startswith("unreadable file")
    assert record.source_file == str(path)


PROSE_PAGE = """<html><head><title>Research Scientist, Machine Learning (PhD) | Meta Careers</title>
<meta property="og:site_name" content="Meta Careers"></head><body>
<h1 class="job-title">Research Scientist, Machine Learning (PhD)</h1>
<div class="job-location">Sunnyvale, CA</div>
<p>Benefits include $20,000 term life insurance.</p>
<p class="compensation">$117,000/year to $173,000/year + bonus + equity + benefits</p>
<p>Compensation details listed in this posting reflect the base salary only.</p>
</body></html>"""


def test_prose_career_page(tmp_path):
    path = tmp_path / "meta" / "123.html"
    path.parent.mkdir()
    path.write_text(PROSE_PAGE)
    [record] = read_records(path, name="meta/123.html")
    assert record.source == "career-page"
    assert record.title == "Research Scientist, Machine Learning (PhD)"
    assert record.employer == "Meta"
    assert record.locations == ["Sunnyvale, CA"]
    assert record.pay_text.startswith("$117,000/year to $173,000/year")
    assert record.source_id == "meta/123"


def test_seed_page_text(seed_file):
    [record] = read_records(seed_file)
    assert record.title == "Research Scientist, Machine Learning (PhD)"
    assert record.employer == "Meta"
    assert "$117,000/year to $173,000/year" in record.pay_text
    assert record.locations and record.locations[0].startswith("Sunnyvale, CA")


GREENHOUSE = {
    "jobs": [
        {
            "id": 4012,
            "title": "Staff Software Engineer",
            "company_name": "Northwind Robotics",
            "location": {"name": "San Francisco, CA; New York, NY"},
            "absolute_url": "https://x/4012",
            "first_published": "2026-10-02T10:00:00-04:00",
            "content": "&lt;p&gt;Build robots.&lt;/p&gt;",
            "pay_input_ranges": [
                {
                    "min_cents": 20000000,
                    "max_cents": 26000000,
                    "currency_type": "USD",
                    "title": "Zone A (San Francisco Bay Area)",
                },
                {
                    "min_cents": 18000000,
                    "max_cents": 23400000,
                    "currency_type": "USD",
                    "title": "New York City",
                },
            ],
        },
        {
            "id": 4013,
            "title": None,
            "company_name": "Northwind Robotics",
            "location": {"name": "Remote"},
            "pay_input_ranges": [],
        },
    ]
}


def test_greenhouse_pay_input_ranges(tmp_path):
    path = tmp_path / "greenhouse_northwind.json"
    path.write_text(json.dumps(GREENHOUSE))
    first, second = read_records(path)
    assert first.source_id == "northwind/4012"
    assert first.locations == ["San Francisco, CA", "New York, NY"]
    assert [(r.min, r.max, r.label) for r in first.pay_ranges] == [
        (200000, 260000, "Zone A (San Francisco Bay Area)"),
        (180000, 234000, "New York City"),
    ]
    assert all(r.period == "year" and r.period_inferred for r in first.pay_ranges)
    assert first.description == "Build robots."
    assert first.posted_date.startswith("2026-10-02")
    assert second.title is None and second.pay_ranges == ()


def test_lever_salary_range(tmp_path):
    path = tmp_path / "lever_cobalt-analytics.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "ab-12",
                    "text": "Customer Support Specialist",
                    "categories": {"location": "Austin, TX", "commitment": "Full-time"},
                    "workplaceType": "onsite",
                    "hostedUrl": "https://jobs.lever.co/cobalt-analytics/ab-12",
                    "createdAt": 1790000000000,
                    "salaryRange": {
                        "currency": "USD",
                        "interval": "per-hour-wage",
                        "min": 22,
                        "max": 27.5,
                    },
                }
            ]
        )
    )
    [record] = read_records(path)
    assert (record.source, record.employer, record.source_id) == (
        "lever",
        "Cobalt Analytics",
        "cobalt-analytics/ab-12",
    )
    [pay] = record.pay_ranges
    assert (pay.min, pay.max, pay.period, pay.period_inferred) == (22, 27.5, "hour", False)
    assert record.posted_date == "2026-09-21"


def test_csv_export_recognises_common_headers(tmp_path):
    path = tmp_path / "board.csv"
    path.write_text(
        "Job Title,Company Name,Location,Salary Estimate\n"
        'Data Scientist,Acme,"Boston, MA",$120K-$150K (Glassdoor est.)\n'
        'Data Analyst,Acme,"Boston, MA"\n'
        ",,,\n"
        'Data Engineer,Beta,"Austin, TX",-1\n'
    )
    records = list(read_records(path, name="board.csv"))
    assert [r.record for r in records] == ["row 2", "row 3", "row 5"]
    assert records[0].pay_text == "$120K-$150K (Glassdoor est.)"
    assert records[0].source_id == "board/2"
    assert "3 fields" in records[1].problem
    assert records[2].pay_text is None  # "-1" is Glassdoor's missing marker


def test_csv_without_title_column_names_the_columns(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("a,b\n1,2\n")
    [record] = read_records(path)
    assert "no title column" in record.problem and "'a'" in record.problem


def test_latin1_csv_decodes(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("title,company,salary\nIngénieur,Société,£50.000\n".encode("latin-1"))
    [record] = read_records(path)
    assert record.title == "Ingénieur" and record.employer == "Société"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("shape.json", '{"data": 1}', "unrecognised JSON shape"),
        ("bad.json", '{"jobs": [', "unreadable file"),
        ("x.xml", "<a/>", "unsupported file type"),
    ],
)
def test_unreadable_inputs_become_problem_records(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    [record] = read_records(path)
    assert message in record.problem


def test_discover_files_walks_folders_and_skips_other_files(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/x.html", "a/y.csv", "a/notes.md", "z.json"):
        (tmp_path / name).write_text("")
    assert [p.name for p in discover_files([tmp_path])] == ["x.html", "y.csv", "z.json"]


# --- encodings ----------------------------------------------------------------------------------


def test_cp1252_csv_with_euro_and_curly_quote(tmp_path):
    path = tmp_path / "paris.csv"
    path.write_bytes(
        "title,company,salary\nCity’s Planner,Ville de Paris,€50.000 – €60.000\n".encode("cp1252")
    )
    [record] = read_records(path)
    assert (record.title, record.employer) == ("City’s Planner", "Ville de Paris")
    assert record.pay_text == "€50.000 – €60.000"
    assert record.problem is None


def test_utf16_with_bom_csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes('title,company,location\nIngénieur,Société,"Paris, FR"\n'.encode("utf-16"))
    [record] = read_records(path)
    assert (record.title, record.employer) == ("Ingénieur", "Société")


def test_mojibake_is_repaired(tmp_path):
    path = tmp_path / "mojibake.csv"
    path.write_text("title,company\nThe Cityâ€™s Planner â€“ Parks,Springfield\n", encoding="utf-8")
    [record] = read_records(path)
    assert record.title == "The City’s Planner – Parks"


def test_mojibake_escaped_inside_json_is_repaired(tmp_path):
    path = tmp_path / "postings.jsonl"
    path.write_text(json.dumps({"title": "Cityâ€™s Analyst"}) + "\n")  # ASCII \\u escapes
    [record] = read_records(path)
    assert record.title == "City’s Analyst"


def test_bytes_no_encoding_reads_are_one_problem_and_the_rest_still_read(tmp_path):
    path = tmp_path / "damaged.csv"
    lone_surrogate = b"\x00\xd8"  # half a UTF-16 character: no decoder can read it
    text = (
        "title\nAnalyst ".encode("utf-16-le") + lone_surrogate + "\nPlanner\n".encode("utf-16-le")
    )
    path.write_bytes(codecs.BOM_UTF16_LE + text)
    problem, analyst, planner = read_records(path)
    assert problem.record == "file" and problem.problem.startswith("encoding:")
    assert "1 undecodable character(s)" in problem.problem
    assert analyst.title.startswith("Analyst") and planner.title == "Planner"


# --- JSON lines ---------------------------------------------------------------------------------


def test_jsonl_broken_line_is_a_problem_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "job_id": "a1",
                "job_title": "Data Scientist",
                "company_name": "Acme",
                "location": "Austin, TX",
                "salary": "$120,000 - $150,000 a year",
                "url": "https://x/a1",
            }
        ),
        '{"job_title": "Broken", "salary": ',
        "",
        json.dumps(
            {
                "id": 7,
                "position": "Analyst",
                "employer": {"name": "Beta"},
                "location": ["Boston, MA", "Remote"],
                "compensation": {"min": 40, "max": 50, "currency": "USD", "interval": "hourly"},
            }
        ),
    ]
    path.write_text("\n".join(lines) + "\n")
    first, broken, last = read_records(path, name="feed.jsonl")
    assert (first.source, first.record, first.source_id) == ("jsonl", "line 1", "feed/a1")
    assert (first.title, first.employer, first.locations) == (
        "Data Scientist",
        "Acme",
        ["Austin, TX"],
    )
    assert first.pay_text == "$120,000 - $150,000 a year" and first.url == "https://x/a1"
    assert broken.record == "line 2" and "line 2 is not valid JSON" in broken.problem
    assert (last.record, last.title, last.employer) == ("line 4", "Analyst", "Beta")
    assert last.locations == ["Boston, MA", "Remote"]
    [pay] = last.pay_ranges
    assert (pay.min, pay.max, pay.currency, pay.period) == (40, 50, "USD", "hour")


def test_ndjson_without_title_key_lists_the_keys(tmp_path):
    path = tmp_path / "odd.ndjson"
    path.write_text('{"a": 1}\n{"b": 2}\n')
    [record] = read_records(path)
    assert "no title key" in record.problem and "'a'" in record.problem


# --- Excel --------------------------------------------------------------------------------------


def test_xlsx_first_sheet_through_column_recognition(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Job Title", "Employer", "Location", "Pay Range", "Date Posted"])
    sheet.append(["Analyst", "Acme", "Austin, TX", "$60,000 - $70,000", datetime(2026, 10, 2)])
    sheet.append([None, None, None, None, None])
    sheet.append(["Engineer", "Acme", "Boston, MA", 95000.0, None])
    workbook.create_sheet("notes").append(["ignored"])
    path = tmp_path / "board.xlsx"
    workbook.save(path)
    first, second = read_records(path, name="board.xlsx")
    assert (first.source, first.record, first.source_id) == ("xlsx", "row 2", "board/2")
    assert (first.title, first.employer, first.locations) == ("Analyst", "Acme", ["Austin, TX"])
    assert first.pay_text == "$60,000 - $70,000" and first.posted_date == "2026-10-02"
    assert (second.record, second.pay_text) == ("row 4", "95000")


def test_not_really_an_xlsx_is_a_problem_record(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("title,company\n")
    [record] = read_records(path)
    assert "not a readable .xlsx workbook" in record.problem


# --- mapping files ------------------------------------------------------------------------------

ODD_EXPORT = 'Posting Name,Org,Comp,Where\nPlanner,City of Springfield,$30/hr,"Springfield, IL"\n'


def test_mapping_overrides_column_recognition(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(ODD_EXPORT)
    mapping = {"title": "Posting Name", "employer": "org", "pay_text": "Comp", "location": "Where"}
    [record] = read_records(path, mapping=mapping)
    assert (record.title, record.employer, record.pay_text) == (
        "Planner",
        "City of Springfield",
        "$30/hr",
    )
    assert record.locations == ["Springfield, IL"]


def test_mapping_naming_missing_columns_is_one_problem(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(ODD_EXPORT)
    records = list(read_records(path, mapping={"title": "Posting Name", "pay_text": "Salary $"}))
    assert len(records) == 1
    assert "not in the file: Salary $" in records[0].problem
    assert "Posting Name" in records[0].problem


def test_load_mapping_reads_columns_and_rejects_bad_files(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"columns": {"title": "Posting Name", "pay_text": "Comp"}}))
    assert load_mapping(good) == {"title": "Posting Name", "pay_text": "Comp"}
    cases = {
        "notjson.json": ("{columns:", "not valid JSON"),
        "shape.json": (json.dumps({"title": "x"}), '"columns"'),
        "field.json": (json.dumps({"columns": {"salary": "x"}}), "unknown field(s) salary"),
        "value.json": (json.dumps({"columns": {"title": 3}}), "must name a column"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_text(content)
        with pytest.raises(ValueError, match=re.escape(message)):
            load_mapping(tmp_path / name)
    with pytest.raises(ValueError, match="cannot read"):
        load_mapping(tmp_path / "absent.json")


# --- forced formats -----------------------------------------------------------------------------


def test_forced_format_skips_detection(tmp_path):
    path = tmp_path / "export.txt"  # a CSV saved with the wrong extension
    path.write_text("title,company\nAnalyst,Acme\n")
    [record] = read_records(path, format="csv")
    assert (record.source, record.title) == ("csv", "Analyst")
    page = tmp_path / "job.html"
    page.write_text(PROSE_PAGE)
    [forced] = read_records(page, format="jsonld")
    assert forced.problem == "no schema.org JobPosting found"
    greenhouse_named_oddly = tmp_path / "download.json"
    greenhouse_named_oddly.write_text(json.dumps(ASHBY))
    assert {r.source for r in read_records(greenhouse_named_oddly, format="greenhouse")} == {
        "greenhouse"
    }


def test_unknown_format_is_a_value_error_listing_the_valid_ones(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title\nx\n")
    with pytest.raises(ValueError, match="unknown format 'workday'.*jsonld.*ashby.*xlsx"):
        read_records(path, format="workday")


def test_truncated_json_names_file_and_position(tmp_path):
    path = tmp_path / "greenhouse_acme.json"
    path.write_text('{"jobs": [{"id": 1, "title": "Analyst"')
    [record] = read_records(path, name="greenhouse_acme.json")
    assert record.record == "file"
    assert "greenhouse_acme.json at line 1 column 39" in record.problem


# --- Ashby --------------------------------------------------------------------------------------


def ashby_salary(low, high, interval="1 YEAR", kind="Salary"):
    return {
        "compensationType": kind,
        "interval": interval,
        "currencyCode": "USD",
        "minValue": low,
        "maxValue": high,
    }


ASHBY = {
    "apiVersion": "1",
    "jobs": [
        {
            "id": "9f1c",
            "title": "Senior Software Engineer",
            "location": "San Francisco, CA",
            "secondaryLocations": [{"location": "New York, NY"}],
            "isRemote": False,
            "jobUrl": "https://jobs.ashbyhq.com/northwind-labs/9f1c",
            "publishedAt": "2026-10-05T17:00:00.000+00:00",
            "descriptionPlain": "Build things.",
            "compensation": {
                "compensationTierSummary": "$180K – $240K • Offers Equity",
                "summaryComponents": [
                    ashby_salary(180000, 240000),
                    ashby_salary(0.01, 0.05, kind="EquityPercentage"),
                ],
                "compensationTiers": [
                    {
                        "title": "Zone A",
                        "components": [
                            ashby_salary(200000, 240000),
                            ashby_salary(0.01, 0.05, kind="EquityPercentage"),
                        ],
                    },
                    {"title": "Zone B", "components": [ashby_salary(180000, 216000)]},
                ],
            },
        },
        {
            "id": "77aa",
            "title": "Support Specialist",
            "location": "Remote",
            "isRemote": True,
            "jobUrl": "https://jobs.ashbyhq.com/northwind-labs/77aa",
            "publishedAt": "2026-10-06T17:00:00.000+00:00",
            "compensation": {
                "summaryComponents": [
                    ashby_salary(28, 34, interval="1 HOUR"),
                    ashby_salary(2000, 2000, kind="Bonus"),
                ],
                "compensationTiers": [],
            },
        },
        {
            "id": "55bb",
            "title": "Designer",
            "location": "Austin, TX",
            "isRemote": True,
            "jobUrl": "https://jobs.ashbyhq.com/northwind-labs/55bb",
            "publishedAt": "2026-10-07T17:00:00.000+00:00",
            "descriptionPlain": "The base salary range is $120,000 - $150,000 per year.",
        },
    ],
}


def test_ashby_tiers_summary_components_and_no_compensation(tmp_path):
    path = tmp_path / "ashby_northwind-labs.json"
    path.write_text(json.dumps(ASHBY))
    tiered, hourly, undisclosed = read_records(path)
    assert (tiered.source, tiered.employer, tiered.source_id) == (
        "ashby",
        "Northwind Labs",
        "northwind-labs/9f1c",
    )
    assert tiered.locations == ["San Francisco, CA", "New York, NY"]
    assert [(r.min, r.max, r.period, r.label) for r in tiered.pay_ranges] == [
        (200000, 240000, "year", "Zone A"),
        (180000, 216000, "year", "Zone B"),
    ]
    assert not any(r.period_inferred for r in tiered.pay_ranges)
    assert tiered.pay_text == "$180K – $240K • Offers Equity"
    assert tiered.url.endswith("/9f1c") and tiered.posted_date.startswith("2026-10-05")
    [pay] = hourly.pay_ranges
    assert (pay.min, pay.max, pay.period, pay.label) == (28, 34, "hour", None)
    assert hourly.pay_text.endswith("+ bonus") and hourly.locations == ["Remote"]
    assert undisclosed.pay_ranges == () and "$120,000 - $150,000" in undisclosed.pay_text
    assert undisclosed.locations == ["Remote", "Austin, TX"]


def test_ashby_is_told_from_greenhouse_without_the_file_name(tmp_path):
    path = tmp_path / "board.json"
    path.write_text(json.dumps({**ASHBY, "organizationName": "Northwind Labs, Inc."}))
    records = list(read_records(path))
    assert {r.source for r in records} == {"ashby"}
    assert records[0].employer == "Northwind Labs, Inc."
    greenhouse = tmp_path / "other.json"
    greenhouse.write_text(json.dumps(GREENHOUSE))
    assert {r.source for r in read_records(greenhouse)} == {"greenhouse"}


# --- public datasets (analysis.sources.public_datasets) ---------------------------------------


def test_known_dataset_csv_goes_to_its_adapter(tmp_path, monkeypatch):
    dataset_adapters = pytest.importorskip("analysis.sources.public_datasets")
    calls = []

    def fake_read(name, header, rows, *, source_file, first_row=2):
        calls.append((name, header, [list(r) for r in rows], source_file))
        yield Record("fake", source_file, "row 2", title="from dataset")

    monkeypatch.setattr(dataset_adapters, "detect_dataset", lambda header: "fake")
    monkeypatch.setattr(dataset_adapters, "read_dataset_rows", fake_read)
    path = tmp_path / "postings.csv"
    path.write_text("a,b\n1,2\n")
    [record] = read_records(path, name="postings.csv")
    assert record.title == "from dataset"
    assert calls == [("fake", ["a", "b"], [["1", "2"]], "postings.csv")]
    # a mapping (or forcing "csv") means generic columns: no dataset detection
    [generic] = read_records(path, mapping={"title": "a"})
    assert generic.title == "1" and len(calls) == 1


def test_usajobs_search_json_goes_to_its_adapter(tmp_path, monkeypatch):
    dataset_adapters = pytest.importorskip("analysis.sources.public_datasets")
    monkeypatch.setattr(dataset_adapters, "is_usajobs_search", lambda data: "SearchResult" in data)
    monkeypatch.setattr(
        dataset_adapters,
        "read_usajobs_search",
        lambda data, *, source_file: iter([Record("usajobs", source_file, "item 0", title="GS")]),
    )
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"SearchResult": {}}))
    [record] = read_records(path)
    assert (record.source, record.title) == ("usajobs", "GS")


def test_forced_dataset_format_reads_a_csv_under_another_name(tmp_path):
    pytest.importorskip("analysis.sources.public_datasets")
    path = tmp_path / "indeed_export.txt"
    path.write_text(
        "job_id,title,company,city,state,salary_period,salary_min,salary_max,job_url,"
        "job_description,date_posted\n"
        "abc,Data Analyst,Corpay,Richmond,VA,yearly,45000.0,54000.0,,,2025-04-10\n"
    )
    [record] = read_records(path, format="indeed")
    assert record.title == "Data Analyst" and record.pay_ranges[0].max == 54000


MICRODATA_PAGE = """<html><body>
<div itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Data Engineer</h1>
  <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Cobalt Analytics LLC</span></div>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Chicago</span>, <span itemprop="addressRegion">IL</span>
    </div></div>
  <div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">
    <meta itemprop="currency" content="USD">
    <div itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">
      <meta itemprop="minValue" content="130000"><meta itemprop="maxValue" content="165000">
      <meta itemprop="unitText" content="YEAR"></div></div>
  <meta itemprop="datePosted" content="2026-10-12">
</div></body></html>"""


def test_microdata_job_posting(tmp_path):
    path = tmp_path / "md.html"
    path.write_text(MICRODATA_PAGE)
    [record] = read_records(path)
    assert (record.source, record.title, record.employer) == (
        "jsonld",
        "Data Engineer",
        "Cobalt Analytics LLC",
    )
    assert record.locations == ["Chicago, IL"]
    [pay] = record.pay_ranges
    assert (pay.min, pay.max, pay.currency, pay.period) == (130000, 165000, "USD", "year")


def test_api_dumps_with_nested_objects_and_postings_under_any_key(tmp_path):
    """Adzuna-style: postings under results, company/location as objects, salary fields loose."""
    dump = {"count": 2, "results": [
        {"id": "1", "title": "Data Analyst", "company": {"__CLASS__": "Company",
                                                         "display_name": "Acme"},
         "location": {"__CLASS__": "Location", "display_name": "Lyon, France"},
         "salary_min": 38000, "salary_max": 45000, "salary_is_predicted": "0"},
        {"id": "2", "title": "Chef", "company": {"__CLASS__": "Company", "display_name": "Bistro"},
         "location": {"__CLASS__": "Location", "display_name": "Paris, France"},
         "salary_is_predicted": "0"},
    ]}
    path = tmp_path / "adzuna.json"
    path.write_text(json.dumps(dump))
    first, second = read_records(path, name="adzuna.json")
    assert (first.title, first.employer, first.locations) == (
        "Data Analyst", "Acme", ["Lyon, France"])
    assert (first.pay_ranges[0].min, first.pay_ranges[0].max) == (38000, 45000)
    assert second.pay_ranges == () and second.pay_text is None  # the 0/1 flag is not pay
    assert {c["field"]: c["column"] for c in first.columns}["employer"] == "company"


def test_json_lines_break_records_at_newlines_only(tmp_path):
    """U+2028 inside a string is text, not the end of a record."""
    lines = [json.dumps({"title": "Analyst\u2028(remote)", "salary": "$50K"}, ensure_ascii=False),
             json.dumps({"title": "Cook", "salary": "$18/hr"})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records(path, name="feed.jsonl"))
    assert [r.record for r in records] == ["line 1", "line 2"]
    assert records[0].pay_text == "$50K"


def test_free_text_posts_take_title_employer_and_place_from_their_header_line(tmp_path):
    path = tmp_path / "hn.json"
    path.write_text(json.dumps({"comments": [
        {"id": 1, "text": "Acme | Senior Engineer | Remote | $120k – $200k<p>" + "We build. " * 30},
        {"id": 2, "text": "Beta | Designer | NYC<p>Competitive salary. " + "We ship. " * 30},
    ]}))
    first, second = read_records(path, name="hn.json")
    assert (first.employer, first.title, first.locations) == ("Acme", "Senior Engineer",
                                                               ["Remote"])
    assert first.description and (second.employer, second.title) == ("Beta", "Designer")
    assert second.locations == ["NYC"]


def test_lakh_columns_are_scaled_and_a_posted_text_beats_derived_amounts(tmp_path):
    path = tmp_path / "naukri.csv"
    path.write_text("title,company,salary,salary_min_lpa,salary_max_lpa\n"
                    "Analyst,Acme,Not disclosed,,\n"
                    "Engineer,Beta,,14.4,18\n"
                    "Cook,Diner,$18-$22/hr,37440,45760\n")
    not_disclosed, scaled, posted = read_records(path, name="naukri.csv")
    assert not_disclosed.pay_ranges == ()
    assert (scaled.pay_ranges[0].min, scaled.pay_ranges[0].max) == (1_440_000, 1_800_000)
    assert (scaled.pay_ranges[0].currency, scaled.pay_ranges[0].period) == ("INR", "year")
    assert posted.pay_ranges == () and posted.pay_text == "$18-$22/hr"


def test_objects_are_never_stored_as_raw_json_and_a_title_list_gives_its_first(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"data": [
        {"titles": ["Data Engineer", "Analytics Engineer"],
         "company": {"id": 9, "website": "https://acme.example"},
         "location": {"city": "Austin", "region": "TX"}, "salary": "$100K"},
    ]}))
    [record] = read_records(path, name="api.json")
    assert record.title == "Data Engineer"
    assert "{" not in (record.employer or "") and record.locations == ["Austin, TX"]


def test_html_inside_text_fields_is_read_as_text(tmp_path):
    path = tmp_path / "naukri.csv"
    path.write_text('title,company,salary\n"<b>Data</b> Analyst",Acme,"<em></em> 8,00,000 - '
                    '15,00,000 P.A."\n')
    [record] = read_records(path, name="naukri.csv")
    assert record.title == "Data Analyst" and record.pay_text == "8,00,000 - 15,00,000 P.A."


def test_a_table_of_titles_alone_is_not_a_table_of_postings(tmp_path):
    """An occupation wage table (OEWS) has a title column and numbers, but no postings."""
    path = tmp_path / "oews.csv"
    path.write_text("OCC_CODE,OCC_TITLE,TOT_EMP,H_MEAN,A_MEAN,A_PCT10\n"
                    "15-1252,Software Developers,1500000,63,131000,80000\n")
    [record] = read_records(path, name="oews.csv")
    assert record.record == "file" and "not a table of postings" in record.problem


def test_a_csv_field_past_the_csv_default_limit_is_read_with_every_row(tmp_path):
    # A description of 140,000 characters once made the whole file unreadable.
    long = "x" * 140_000
    path = tmp_path / "board.csv"
    path.write_text(
        "title,company,location,salary,description\n"
        'Data Scientist,Acme,"Austin, TX",$120K,short\n'
        f'Data Engineer,Acme,"Austin, TX",$130K,{long}\n'
        'ML Engineer,Acme,"Austin, TX",$150K,short\n'
    )
    records = list(read_records(path, name="board.csv"))
    assert [r.title for r in records] == ["Data Scientist", "Data Engineer", "ML Engineer"]
    assert not any(r.problem for r in records)


def test_a_period_column_of_other_amounts_does_not_scale_the_posted_range(tmp_path):
    # NYC's jobs-and-payroll export: the posted range is annual, "actual_pay_basis" is the basis
    # of what an employee is actually paid ("per Day"); read together, an annual range became
    # a day rate x 260 and 1,591 of 5,147 postings were quarantined as implausible.
    path = tmp_path / "nyc.csv"
    path.write_text(
        "agency,business_title,posting_salary_range_from,posting_salary_range_to,"
        "actual_base_salary,actual_pay_basis\n"
        "DEPT OF TRANSPORTATION,Program Coordinator,62868,97593,59684.00,per Annum\n"
        "DISTRICT ATTORNEY,Community Outreach Coordinator,59410,63582,365.23,per Day\n"
        "PARKS,Gardener,60981,75500,522.32,per Day\n"
    )
    records = list(read_records(path, name="nyc.csv"))
    ranges = [r.pay_ranges[0] for r in records]
    assert [(p.min, p.max) for p in ranges] == [(62868, 97593), (59410, 63582), (60981, 75500)]
    assert {p.period for p in ranges} == {"year"}  # the range's own magnitude, not "per Day"


def test_a_perk_amount_in_a_board_description_is_not_pay(tmp_path):
    # Catawiki's Greenhouse board: every job's content mentions its vouchers, and the old
    # sentence picker took "€100" as pay (208,000 EUR a year).
    content = ("<p>We build marketplaces.</p><p>When you join us, you’ll receive a €100 "
               "Catavoucher, and on each birthday, you'll get a €50 Catavoucher to celebrate.</p>"
               "<p>The salary range is €60,000 - €75,000 a year.</p>")
    jobs = [{"id": 1, "title": "Android Developer", "absolute_url": "https://x/1",
             "location": {"name": "Amsterdam"}, "content": content},
            {"id": 2, "title": "iOS Developer", "absolute_url": "https://x/2",
             "location": {"name": "Lisbon"}, "content": content.split("<p>The salary")[0]}]
    path = tmp_path / "greenhouse_catawiki.json"
    path.write_text(json.dumps({"jobs": jobs}))
    first, second = read_records(path)
    assert first.pay_text == "The salary range is €60,000 - €75,000 a year."
    assert second.pay_text is None
