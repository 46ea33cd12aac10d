"""Fuzzing ingest: random bytes and random JSON / CSV structures never raise, and the counts
always reconcile (records in = postings + quarantined + collapsed duplicates)."""

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.normalize.bands import normalize_records, reconcile
from analysis.sources import RAW_SUFFIXES, read_records
from analysis.store import ingest, read_bands, read_manifest

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Keys and values the adapters look for, so random documents reach past the first checks.
KEYS = ["jobs", "title", "location", "name", "pay_input_ranges", "min_cents", "max_cents",
        "currency_type", "salary", "salaryRange", "min", "max", "interval", "compensation",
        "@type", "@graph", "baseSalary", "value", "minValue", "unitText", "company", "id",
        "text", "categories", "data", "results", "absolute_url", "jobUrl", "description"]
WORDS = ["JobPosting", "USD", "YEAR", "HOUR", "$120,000 - $150,000", "Austin, TX", "Remote",
         "Software Engineer", "€50k", "-1", "", "null", "=1+1", "10000000", "1e308"]

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.sampled_from(WORDS) | st.text(max_size=20))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=40,
)
cells = st.sampled_from(WORDS) | st.text(max_size=30)
HEADERS = ["title", "company", "location", "salary", "min_amount", "max_amount", "interval",
           "currency", "description", "country", "remote", "job_url", "date_posted"]


def records_reconcile(path: Path, *, name: str) -> None:
    records = list(read_records(path, name=name))  # none for a header with no rows
    result = normalize_records(records, snapshot="fuzz")
    assert reconcile(result)
    assert result.counts["records_in"] == len(records)


@FUZZ
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from(RAW_SUFFIXES))
def test_random_bytes_never_raise(tmp_path_factory, raw, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"greenhouse_x{suffix}"
    path.write_bytes(raw)
    records_reconcile(path, name=path.name)


@FUZZ
@given(document=documents, stem=st.sampled_from(["board", "greenhouse_x", "ashby_x", "lever_x"]))
def test_random_json_never_raises(tmp_path_factory, document, stem):
    folder = tmp_path_factory.mktemp("json")
    path = folder / f"{stem}.json"
    path.write_text(json.dumps(document))
    records_reconcile(path, name=path.name)
    lines = folder / "feed.jsonl"
    items = document if isinstance(document, list) else [document]
    lines.write_text("\n".join(json.dumps(item) for item in items))
    records_reconcile(lines, name=lines.name)


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS) | st.text(max_size=10), min_size=1, max_size=8),
       rows=st.lists(st.lists(cells, max_size=9), max_size=8))
def test_random_csv_never_raises(tmp_path_factory, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_text(buffer.getvalue())
    records_reconcile(path, name=path.name)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(junk=st.lists(st.tuples(st.binary(max_size=500), st.sampled_from(RAW_SUFFIXES)),
                     min_size=1, max_size=4))
def test_junk_beside_a_good_file_never_costs_the_good_one(tmp_path_factory, junk):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "good.csv").write_text('title,company,location,salary\n'
                                  'Data Scientist,Acme,"Austin, TX","$120,000 - $150,000"\n')
    for i, (content, suffix) in enumerate(junk):
        (raw / f"junk{i}{suffix}").write_bytes(content)
    snapshot = ingest([raw], snapshot="fuzz", out=raw.parent / f"{raw.name}-store")
    manifest = read_manifest(snapshot)
    assert manifest["reconciles"]
    bands = read_bands(snapshot)
    good = bands.loc[bands["source_file"] == "good.csv"]
    assert good["title"].tolist() == ["Data Scientist"] and good["annual_min"].item() == 120_000
