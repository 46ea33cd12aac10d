"""Smoke test: the real public data in ../shared ingests without crashing, and counts reconcile."""

import pytest

from analysis.snapshot import ingest, read_bands, read_manifest

pytestmark = pytest.mark.slow

# Real files with a title and a free-text pay column that v1's CSV adapter recognises. Of their
# postings whose pay text holds an amount, nearly all must come out with pay (measured: 100%,
# except UK boards' quarantined typos); words such as "Competitive" rightly give none.
FREE_TEXT_PAY = [
    "glassdoor_ds_jobs_2020_us.csv",
    "uk_reed_ds_jobs_2021.csv",
    "uk_totaljobs_ds_jobs_2021.csv",
    "workatastartup_nyc_jobs_2026.csv",
    "speedyapply_swe_newgrad_intern_2024_2025.csv",
]
MIN_SHARE_READ = 0.98


@pytest.mark.parametrize("name", FREE_TEXT_PAY)
def test_free_text_pay_files_ingest_and_reconcile(real_dir, tmp_path, name):
    snapshot = ingest([real_dir / name], snapshot="real", out=tmp_path)
    manifest = read_manifest(snapshot)
    counts = manifest["counts"]
    assert manifest["reconciles"]
    postings = read_bands(snapshot).drop_duplicates("posting_id")
    with_amount = postings.loc[postings["pay_text"].str.contains(r"\d", na=False)]
    assert len(with_amount) > 100
    share = with_amount["has_pay"].mean()
    assert share >= MIN_SHARE_READ, f"{name}: pay read for {share:.1%} of postings with an amount"
    assert counts["quarantined"] <= 0.1 * counts["records_in"]


def test_every_real_file_ingests_without_crashing(real_dir, tmp_path):
    files = sorted(real_dir.glob("*.csv"))
    snapshot = ingest(files, snapshot="all", out=tmp_path)
    manifest = read_manifest(snapshot)
    assert manifest["reconciles"]
    assert {i["file"] for i in manifest["inputs"]} == {f.name for f in files}


def test_seed_posting_text(seed_file, tmp_path):
    bands = read_bands(ingest([seed_file], snapshot="seed", out=tmp_path))
    [row] = bands.to_dict("records")
    assert (row["employer"], row["role_family"], row["is_phd"]) == (
        "Meta",
        "research scientist",
        True,
    )
    assert (row["annual_min"], row["annual_max"], row["currency"]) == (117000, 173000, "USD")
    assert row["metro"] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert row["has_bonus"] and row["has_equity"]
