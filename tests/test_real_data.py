"""Smoke test: the real public data in ../shared ingests without crashing, and counts reconcile."""

import pytest

from analysis.snapshot import ingest, read_bands, read_manifest

pytestmark = pytest.mark.slow

# Real files with a title and a free-text pay column that v1's CSV adapter recognises, and the
# share of their postings whose pay it must read (measured, with a margin).
FREE_TEXT_PAY = {
    "glassdoor_ds_jobs_2020_us.csv": 0.85,
    "uk_reed_ds_jobs_2021.csv": 0.80,
    "workatastartup_nyc_jobs_2026.csv": 0.50,
    "speedyapply_swe_newgrad_intern_2024_2025.csv": 0.60,
}


@pytest.mark.parametrize("name", sorted(FREE_TEXT_PAY))
def test_free_text_pay_files_ingest_and_reconcile(real_dir, tmp_path, name):
    snapshot = ingest([real_dir / name], snapshot="real", out=tmp_path)
    manifest = read_manifest(snapshot)
    counts = manifest["counts"]
    assert manifest["reconciles"]
    assert counts["postings"] > 0
    share = counts["postings_with_pay"] / counts["records_in"]
    assert share >= FREE_TEXT_PAY[name], f"{name}: pay read for {share:.0%} of records"


def test_every_real_file_ingests_without_crashing(real_dir, tmp_path):
    files = sorted(real_dir.glob("*.csv"))
    snapshot = ingest(files, snapshot="all", out=tmp_path)
    manifest = read_manifest(snapshot)
    assert manifest["reconciles"]
    assert {i["file"] for i in manifest["inputs"]} == {f.name for f in files}


def test_seed_posting_text(seed_file, tmp_path):
    bands = read_bands(ingest([seed_file], snapshot="seed", out=tmp_path))
    [row] = bands.to_dict("records")
    assert (row["employer"], row["role_family"], row["is_phd"]) == ("Meta", "research scientist",
                                                                   True)
    assert (row["annual_min"], row["annual_max"], row["currency"]) == (117000, 173000, "USD")
    assert row["metro"] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert row["has_bonus"] and row["has_equity"]
