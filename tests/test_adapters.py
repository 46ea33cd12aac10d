"""Each adapter on small fixtures written here, in the raw shapes analysts have."""

import json

import pytest

from analysis.adapters import discover_files, read_records

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
