"""Smoke test: the real public data in ../shared ingests without crashing, and counts reconcile."""

import pytest

from analysis.store import ingest, read_bands, read_manifest

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


# Every posting file, ingested alone with no options: the share of its records that come out with
# annual pay (measured on 2026-11-25, minus a margin). The rest state no pay in the source, or
# are quarantined with a reason (e.g. Indeed's structured "$0.62 per year").
ANNUAL_PAY_SHARE = {
    "glassdoor_au_data_jobs_2021.csv": 0.60,
    "glassdoor_ds_jobs_2020_us.csv": 0.75,
    "glassdoor_ds_jobs_2020_us_author_parsed.csv": 0.98,
    "glassdoor_india_ds_jobs_2020.csv": 0.98,
    "h1b_software_salaries_2012_sample.csv": 0.98,
    "indeed_us_jobs_2025_04.csv": 0.70,
    "linkedin_postings_2024_sample.csv": 0.39,
    "nyc_jobs_2019.csv": 0.98,  # of postings: NYC lists each job twice (internal, external)
    "speedyapply_swe_newgrad_intern_2024_2025.csv": 0.97,
    "uk_reed_ds_jobs_2021.csv": 0.70,
    "uk_totaljobs_ds_jobs_2021.csv": 0.66,
    "usajobs_historic_product_manager_2025.csv": 0.98,
    "workatastartup_nyc_jobs_2026.csv": 0.88,
}


@pytest.mark.parametrize("name", sorted(ANNUAL_PAY_SHARE))
def test_every_posting_file_ingests_with_annual_pay(real_dir, tmp_path, name):
    snapshot = ingest([real_dir / name], snapshot="real", out=tmp_path)
    manifest = read_manifest(snapshot)
    assert manifest["reconciles"]
    bands = read_bands(snapshot)
    annual = bands["annual_min"].notna() | bands["annual_max"].notna()
    with_annual = bands.loc[annual, "posting_id"].nunique()
    counts = manifest["counts"]
    assert with_annual == counts["postings_with_pay"]  # every band with pay is annualized
    share = with_annual / (counts["records_in"] - counts["duplicates_collapsed"])
    assert share >= ANNUAL_PAY_SHARE[name], f"{name}: {share:.1%} with annual pay"


def test_every_real_file_ingests_together(real_dir, tmp_path):
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


@pytest.mark.parametrize("name", ["indeed_us_jobs_2025_04.csv", "linkedin_postings_2024_sample.csv",
                                  "nyc_jobs_2019.csv", "uk_reed_ds_jobs_2021.csv"])
def test_a_real_export_streamed_gives_the_records_of_the_whole_file(real_dir, monkeypatch, name):
    from analysis.sources import encodings, read_records

    whole = list(read_records(real_dir / name, name=name))
    monkeypatch.setattr(encodings, "STREAM_BYTES", 0)
    assert encodings.utf8_lines(real_dir / name) is not None
    assert list(read_records(real_dir / name, name=name)) == whole
