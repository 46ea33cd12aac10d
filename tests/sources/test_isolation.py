"""One bad file, folder or entry never costs the others: it is quarantined with its reason, the rest
go in, and the counts still reconcile."""

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.sources import discover_files, limits, read_records
from analysis.store import ingest, load_quarantine, read_bands, read_manifest


def greenhouse_job(job_id, title, *, location="Austin, TX", low=100_000, high=150_000):
    return {
        "id": job_id,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}",
        "location": {"name": location} if isinstance(location, str) else location,
        "pay_input_ranges": [
            {"min_cents": low * 100, "max_cents": high * 100, "currency_type": "USD"}
        ],
    }


GOOD_JOBS = [greenhouse_job(i, f"Software Engineer {i}") for i in range(1, 6)]


def write_board(path: Path, jobs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"jobs": jobs}))
    return path


def deny_listing(monkeypatch, folder_name: str) -> None:
    """Make folders named `folder_name` unlistable, as a folder without read permission is (root,
    which runs CI, can list everything, so the OS error is raised here)."""
    scandir = os.scandir

    def denied_scan(path="."):
        if not isinstance(path, int) and Path(path).name == folder_name:  # rmtree scans fds
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied_scan)


def quarantine_by_file(snapshot) -> dict[str, str]:
    quarantine = load_quarantine(snapshot)
    return dict(zip(quarantine["source_file"], quarantine["detail"], strict=True))


def test_bad_files_beside_a_good_one_are_quarantined_and_the_good_one_goes_in(
    tmp_path, monkeypatch
):
    raw = tmp_path / "raw"
    write_board(raw / "greenhouse_acme.json", GOOD_JOBS)
    (raw / "empty.html").write_bytes(b"")
    (raw / "blank.json").write_text("  \n\n ")
    (raw / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (raw / "deep150.json").write_text(json.dumps(json.loads("[" * 150 + "]" * 150)))
    (raw / "numbers.json").write_text("[1, 2, \"x\", null]")
    (raw / "binary.csv").write_bytes(bytes(range(256)) * 20)
    (raw / "secret.csv").write_text("title,salary\nAnalyst,$90k\n")
    (raw / "locked").mkdir()
    write_board(raw / "locked" / "greenhouse_hidden.json", GOOD_JOBS)

    # Root reads everything whatever its mode, so unreadable is simulated at the OS call.
    read_bytes = Path.read_bytes

    def denied_read(self):
        if self.name == "secret.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    open_ = Path.open

    def denied_open(self, *args, **kwargs):
        if self.name == "secret.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return open_(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", denied_read)
    monkeypatch.setattr(Path, "open", denied_open)
    deny_listing(monkeypatch, "locked")

    snapshot = ingest([raw], snapshot="s1", out=tmp_path / "store")

    bands = read_bands(snapshot)
    assert sorted(bands["title"]) == sorted(job["title"] for job in GOOD_JOBS)
    problems = quarantine_by_file(snapshot)
    assert problems["empty.html"] == problems["blank.json"] == (
        "unreadable file: empty (no bytes, or only white space)")
    assert problems["deep.json"] == "unreadable file: JSON nested deeper than 100 levels"
    assert problems["deep150.json"] == "unreadable file: JSON nested deeper than 100 levels"
    assert problems["numbers.json"].startswith("unrecognised JSON shape")
    assert problems["secret.csv"] == "unreadable file: Permission denied"
    assert problems["locked"] == "unreadable folder: Permission denied"
    assert "binary.csv" in problems
    manifest = read_manifest(snapshot)
    assert manifest["reconciles"]
    assert manifest["counts"]["records_in"] == len(GOOD_JOBS) + len(load_quarantine(snapshot))
    # The unreadable file is listed among the inputs, with no digest to claim.
    secret = next(i for i in manifest["inputs"] if i["file"] == "secret.csv")
    assert secret["sha256"] is None and secret["records"] == 1


def test_an_unlistable_folder_is_listed_itself_not_skipped(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.csv").write_text("title\nA\n")
    (tmp_path / "shut").mkdir()
    deny_listing(monkeypatch, "shut")
    assert discover_files([tmp_path]) == [tmp_path / "open" / "a.csv", tmp_path / "shut"]


def test_a_malformed_greenhouse_job_costs_only_itself(tmp_path):
    jobs = [
        greenhouse_job(1, "Data Analyst", location=7),  # a number where the place object goes
        {**greenhouse_job(2, "Data Engineer"), "pay_input_ranges": 5},  # not a list
        greenhouse_job(3, "Data Scientist", location="Denver, CO"),
        greenhouse_job(4, "ML Engineer", location=None),
    ]
    records = list(read_records(write_board(tmp_path / "greenhouse_acme.json", jobs)))
    assert [r.title for r in records] == ["Data Analyst", None, "Data Scientist", "ML Engineer"]
    assert records[0].locations == [] and records[0].problem is None
    assert records[1].problem.startswith("unreadable job: TypeError")
    assert records[1].record == "job 1"
    assert records[2].locations == ["Denver, CO"] and records[2].pay_ranges


def test_a_json_ld_block_over_ten_megabytes_is_read_whole(tmp_path):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Staff Engineer",
        "description": "<p>" + "Build things. " * 900_000 + "</p>",
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": 180000, "maxValue": 240000,
            "unitText": "YEAR"}},
    }
    block = json.dumps(posting)
    assert len(block) > 10_000_000  # libxml2 cuts text nodes at 10,000,000 bytes by default
    page = tmp_path / "job.html"
    page.write_text(f'<html><head><script type="application/ld+json">{block}</script></head>'
                    "<body><h1>Staff Engineer</h1></body></html>")
    (record,) = read_records(page)
    assert record.problem is None and record.title == "Staff Engineer"
    assert (record.pay_ranges[0].min, record.pay_ranges[0].max) == (180000, 240000)


def test_json_over_the_size_limit_is_quarantined_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_JSON_BYTES", 1000)
    board = write_board(tmp_path / "greenhouse_acme.json", GOOD_JOBS)
    (record,) = read_records(board)
    assert "over the 0 MB limit for one document" in record.problem
    assert record.problem.startswith("unreadable file: JSON document of")


def test_a_json_lines_record_nested_too_deep_is_one_problem_line(tmp_path):
    lines = [json.dumps({"title": "Analyst", "salary": "$90,000"}),
             "[" * 5000 + "]" * 5000,
             json.dumps({"title": "Engineer", "salary": "$120,000"})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    records = list(read_records(path))
    assert [r.title for r in records if not r.problem] == ["Analyst", "Engineer"]
    (problem,) = [r for r in records if r.problem]
    assert problem.record == "line 2" and "nested deeper than 100 levels" in problem.problem


def test_a_field_past_the_old_csv_limit_keeps_every_following_row(tmp_path):
    path = tmp_path / "board.csv"
    rows = [["Analyst", "$90,000", "x" * 200_000]] + [
        [f"Engineer {i}", "$120,000", "short"] for i in range(5)]
    pd.DataFrame(rows, columns=["title", "salary", "description"]).to_csv(path, index=False)
    snapshot = ingest([path], snapshot="s1", out=tmp_path / "store")
    manifest = read_manifest(snapshot)
    assert manifest["counts"]["records_in"] == 6 and manifest["reconciles"]
    assert read_bands(snapshot)["title"].tolist()[-1] == "Engineer 4"


@pytest.mark.parametrize("content", [b"<html>", b"<<<>>>", b"\x00\x01\x02", b"<!-- -->"])
def test_odd_html_never_raises(tmp_path, content):
    page = tmp_path / "page.html"
    page.write_bytes(content)
    records = list(read_records(page))
    assert len(records) >= 1
