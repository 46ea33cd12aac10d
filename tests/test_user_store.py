"""An analyst's own data never mixes with the embedded sample, and reports say what they read."""

import shutil

import pytest

from analysis.errors import UsageError
from analysis.paths import SAMPLE, SAMPLE_STORE
from analysis.publish.narrative import ReportHeader
from analysis.store import data_origin, ingest, load_bands, load_manifest

OCTOBER = SAMPLE / "2026-10-01"
OWN_POSTINGS = (
    "title,company,location,salary\n"
    "Data Scientist,Lakeside Analytics,\"Austin, TX\",\"$120,000 - $150,000\"\n"
    "Data Engineer,Lakeside Analytics,\"Denver, CO\",\"$110,000 - $140,000 a year\"\n"
)


@pytest.fixture
def own_file(tmp_path):
    path = tmp_path / "raw" / "mine.csv"
    path.parent.mkdir()
    path.write_text(OWN_POSTINGS)
    return path


def test_the_sample_lives_in_its_own_store():
    sample = load_manifest()
    assert sample["read_from"].startswith("the embedded synthetic sample")
    assert "data/sample_snapshots" in sample["read_from"]
    assert SAMPLE_STORE.name == "sample_snapshots"


def test_own_data_goes_to_its_own_store_and_reads_back_alone(own_file, tmp_path):
    snapshot = ingest([own_file.parent], snapshot="2026-12-01", out=tmp_path / "mydata")
    bands = load_bands(tmp_path / "mydata")
    assert set(bands["employer"].dropna()) == {"Lakeside Analytics"}
    origin = load_manifest(tmp_path / "mydata")["read_from"]
    assert origin == f"store {tmp_path / 'mydata'} (snapshots 2026-12-01)"
    assert "sample" not in origin
    assert data_origin(snapshot / "bands.parquet") == f"file {snapshot / 'bands.parquet'}"


def test_ingest_refuses_a_store_that_holds_the_sample(own_file, tmp_path):
    store = tmp_path / "old_layout"  # where an older paybands kept the sample
    ingest([OCTOBER], snapshot="2026-10-01", out=store)
    with pytest.raises(UsageError, match=r"holds the embedded sample's snapshots \(2026-10-01\)"):
        ingest([own_file], snapshot="2026-12-01", out=store)
    assert not (store / "2026-12-01").exists()
    # the sample's own files may go there again (its store is refreshed that way)
    ingest([OCTOBER], snapshot="2026-10-01", out=store)
    # once the sample's snapshot is gone, the store is the user's
    shutil.rmtree(store / ".versions")
    (store / "2026-10-01").unlink()
    ingest([own_file], snapshot="2026-12-01", out=store)
    assert load_manifest(store)["snapshot"] == "2026-12-01"


def test_ingest_refuses_the_sample_store_itself(own_file):
    with pytest.raises(UsageError, match="embedded sample's store"):
        ingest([own_file], snapshot="2026-12-01", out=SAMPLE_STORE)


def test_report_header_states_store_and_snapshot(own_file, tmp_path):
    ingest([own_file], snapshot="2026-12-01", out=tmp_path / "mydata")
    header = ReportHeader("Title", "Scope", load_manifest(tmp_path / "mydata"))
    stamp = header.stamp()
    assert stamp.startswith("Snapshot 2026-12-01 · from store ")
    assert str(tmp_path / "mydata") in stamp
    assert "embedded synthetic sample" in ReportHeader("T", "S", load_manifest()).stamp()
