"""Free-text posts with a "Company | Role | Place | Pay" header line: who, what and where."""

import json

import pytest

from analysis.sources import read_records
from analysis.sources.headers import header_fields


@pytest.mark.parametrize(("line", "employer", "title", "locations"), [
    ("Lakeside Labs | Senior Backend Engineer | Remote (US Only) | $150K–$190K",
     "Lakeside Labs", "Senior Backend Engineer", ["Remote (US Only)"]),
    ("Orchard (YC S21) | Staff & Senior Engineers | New York, NY | ONSITE | Full-time | "
     "https://orchard.example", "Orchard (YC S21)", "Staff & Senior Engineers",
     ["New York, NY", "ONSITE"]),
    ("Fernway | https://fernway.example | Berlin, Germany | Full Time | Hybrid",
     "Fernway", None, ["Berlin, Germany", "Hybrid"]),
    ("quill.dev | founding member of technical staff | sf bay area",
     "quill.dev", "founding member of technical staff", ["sf bay area"]),
    ("Heron ( https://heron.example ) | Platform Engineer | Remote",
     "Heron", "Platform Engineer", ["Remote"]),
    ("Eagle | Data Scientist | Denver, CO | Full-time | 120-150k",  # a town's name, first
     "Eagle", "Data Scientist", ["Denver, CO"]),
    ("Platform Engineer | Oslo, Norway | Onsite", None, "Platform Engineer",
     ["Oslo, Norway", "Onsite"]),
])
def test_header_fields_by_what_each_looks_like(line, employer, title, locations):
    fields = header_fields(line)
    assert (fields.employer, fields.title, fields.locations) == (employer, title, locations)


@pytest.mark.parametrize("line", [
    None, "", "We are hiring engineers in Austin, TX.", "Acme | Engineer",
    "Our stack: Python | Go | Rust | and a very long line " + "x" * 200,
])
def test_prose_and_short_lines_are_no_header(line):
    assert header_fields(line) is None


def test_a_text_only_export_gets_employer_title_and_place(tmp_path):
    body = "<p>" + "We build data products for small farms and ship every week. " * 5 + "</p>"
    posts = {"jobs": [
        {"id": 1, "text": "Lakeside Labs | Data Engineer | Austin, TX | $140k-$170k" + body},
        {"id": 2, "text": "Fernway | Remote (US) | Full-time | Product Designer" + body},
        {"id": 3, "text": "We are a small team hiring soon, details below." + body},
    ]}
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(posts))
    first, second, third = read_records(path)
    assert (first.employer, first.title, first.locations) == (
        "Lakeside Labs", "Data Engineer", ["Austin, TX"])
    assert (second.employer, second.title, second.locations) == (
        "Fernway", "Product Designer", ["Remote (US)"])
    # no header: the first line stays the title, as before, and nothing is invented
    assert third.employer is None and third.locations == []
    assert third.title.startswith("We are a small team")
