"""Ingest into the snapshot store: counts reconcile, files are complete, failures are harmless."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.paths import SAMPLE
from analysis.schema import validate_bands
from analysis.store import (
    MANIFEST_FILE,
    ingest,
    list_snapshots,
    load_bands,
    read_bands,
    read_manifest,
)

OCTOBER = SAMPLE / "2026-10-01"


@pytest.fixture(scope="module")
def sample_snapshot(tmp_path_factory):
    out = tmp_path_factory.mktemp("store")
    return ingest([OCTOBER], snapshot="2026-10-01", out=out)


def test_sample_ingest_reconciles(sample_snapshot):
    manifest = read_manifest(sample_snapshot)
    counts = manifest["counts"]
    assert manifest["reconciles"]
    assert counts["records_in"] == counts["postings"] + counts["quarantined"]
    assert counts["records_in"] == sum(i["records"] for i in manifest["inputs"])
    assert counts["postings"] >= 2000
    assert sum(counts["quarantined_by_reason"].values()) == counts["quarantined"]
    assert manifest["snapshot"] == "2026-10-01" and manifest["paybands_version"]


def test_snapshot_files_agree_with_the_manifest(sample_snapshot):
    counts = read_manifest(sample_snapshot)["counts"]
    bands = read_bands(sample_snapshot)
    validate_bands(bands)
    assert len(bands) == counts["bands"]
    assert bands["posting_id"].nunique() == counts["postings"]
    quarantine = pd.read_csv(sample_snapshot / "quarantine.csv")
    assert len(quarantine) == counts["quarantined"]
    assert quarantine["reason"].notna().all() and quarantine["source_file"].notna().all()


def test_read_bands_reads_only_the_columns_asked_for(sample_snapshot):
    whole = read_bands(sample_snapshot)
    some = read_bands(sample_snapshot, columns=["metro", "annual_mid", "posting_id"])
    assert some.columns.tolist() == ["metro", "annual_mid", "posting_id"]
    pd.testing.assert_frame_equal(some, whole[["metro", "annual_mid", "posting_id"]])
    assert read_bands(sample_snapshot / "bands.parquet", columns=["level"])["level"].dtype == (
        whole["level"].dtype)  # an ordered category stays one
    assert load_bands(sample_snapshot, columns=["band"]).columns.tolist() == ["band"]


def test_manifest_lists_inputs_with_hashes(sample_snapshot):
    inputs = read_manifest(sample_snapshot)["inputs"]
    names = {i["file"] for i in inputs}
    assert any(n.startswith("careers/") for n in names)
    assert all(len(i["sha256"]) == 64 for i in inputs)


def test_sample_holds_the_seed_posting(sample_snapshot):
    bands = read_bands(sample_snapshot)
    seed = bands.loc[
        bands["title"].eq("Research Scientist, Machine Learning (PhD)")
        & bands["employer"].eq("Meta")
        & bands["city"].eq("Sunnyvale")
        & bands["annual_min"].eq(117000)
    ]
    assert len(seed) >= 1
    row = seed.iloc[0]
    assert (row["annual_max"], row["annual_mid"], row["is_phd"]) == (173000, 145000, True)


def test_reingest_is_identical_and_failed_ingest_keeps_the_old_snapshot(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "board.csv").write_text(
        'title,company,location,salary\nData Scientist,Acme,"Austin, TX","$120,000 - $150,000"\n'
    )
    first = read_bands(ingest([raw], snapshot="s1", out=tmp_path / "store"))
    manifest = (tmp_path / "store" / "s1" / MANIFEST_FILE).read_text()
    second = read_bands(ingest([raw], snapshot="s1", out=tmp_path / "store"))
    pd.testing.assert_frame_equal(first, second)
    assert (tmp_path / "store" / "s1" / MANIFEST_FILE).read_text() == manifest  # nothing rewritten
    (raw / "board.csv").write_text((raw / "board.csv").read_text() + "Data Analyst,Acme,,$90K\n")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest([raw], snapshot="s1", out=tmp_path / "store")
    assert [p.name for p in list_snapshots(tmp_path / "store")] == ["s1"]
    # The failed write left no partial version behind: only the published one remains.
    versions = list((tmp_path / "store" / ".versions").iterdir())
    assert versions == [(tmp_path / "store" / "s1").resolve()]
    assert not (tmp_path / "store" / ".staging").exists()  # nor staged parts
    pd.testing.assert_frame_equal(read_bands(tmp_path / "store" / "s1"), first)
    assert json.loads((tmp_path / "store" / "s1" / MANIFEST_FILE).read_text())["reconciles"]


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder: .*nope"):
        ingest([tmp_path / "nope"], out=tmp_path)


def test_a_snapshot_from_an_older_bands_table_is_rebuilt(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "board.csv").write_text(
        'title,company,location,salary\nData Scientist,Acme,"Austin, TX",$120K\n'
    )
    snapshot = ingest([raw], snapshot="s1", out=tmp_path / "store")
    manifest = json.loads((snapshot / MANIFEST_FILE).read_text())
    manifest["columns"] = manifest["columns"][:-1]  # as written before a column was added
    (snapshot / MANIFEST_FILE).write_text(json.dumps(manifest))
    ingest([raw], snapshot="s1", out=tmp_path / "store")
    assert json.loads((snapshot / MANIFEST_FILE).read_text())["columns"] == list(
        read_bands(snapshot).columns
    )


def test_the_places_table_is_written_beside_the_bands(sample_snapshot):
    from analysis.store import load_places

    places = load_places(sample_snapshot)
    bands = read_bands(sample_snapshot)
    assert set(places["posting_id"]) <= set(bands["posting_id"])
    weights = places.groupby("posting_id")["weight"].sum()
    assert (weights.round(9) == 1.0).all()
    first = places.loc[places["place"].eq(0)].set_index("posting_id")["city"]
    # A band labelled with its own place ("Zone A (Bay Area)") sits there, not at the first.
    unlabelled = bands.loc[bands["band_label"].isna()].drop_duplicates("posting_id")
    from_bands = unlabelled.set_index("posting_id")["city"]
    first = first.loc[first.index.isin(from_bands.index)]
    assert len(first) > 1000
    assert first.fillna("").eq(from_bands.reindex(first.index).fillna("")).all()


def test_a_sample_snapshot_written_by_another_normalizer_is_rebuilt(tmp_path):
    from analysis.store import ensure_sample_store, sample_snapshot_labels

    label = sample_snapshot_labels()[0]
    ensure_sample_store(store=tmp_path)
    manifest_path = tmp_path / label / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["normalizer"] = "0" * 16  # as an older paybands wrote it
    manifest_path.write_text(json.dumps(manifest))
    ensure_sample_store(store=tmp_path)
    from analysis.store import normalizer_fingerprint

    assert read_manifest(tmp_path / label)["normalizer"] == normalizer_fingerprint()


def _boards(raw):
    """Three refreshes of one export (ids are scoped by the file's name): a posting repeated
    across files, one changed, one with no title."""
    for month in ("a", "b", "c"):
        (raw / month).mkdir(parents=True)
    header = "id,title,company,location,salary\n"
    (raw / "a" / "board.csv").write_text(header + "".join(
        f'{i},Engineer {i},Acme {i % 3},"Austin, TX",${100 + i}K\n' for i in range(7)))
    (raw / "b" / "board.csv").write_text(header
                                         + '3,Engineer 3,Acme 0,"Austin, TX",$103K\n'  # a copy
                                         + '4,Engineer 4,Acme 1,"Austin, TX",$999K\n'  # conflicts
                                         + '20,,Acme,"Leeds, UK",£30000\n'  # no title
                                         + '21,Nurse,NHS,"Leeds, UK",£30000\n')
    (raw / "c" / "board.csv").write_text(header + '3,Engineer 3,Acme 0,"Austin, TX",$103K\n'
                               + '30,Data Scientist,Initech,"Sunnyvale, CA",$150K-$190K\n')


def test_a_streamed_snapshot_equals_the_whole_batch_normalized_at_once(tmp_path, monkeypatch):
    import analysis.store as store_module
    from analysis.normalize.bands import normalize_records
    from analysis.sources import read_records

    raw = tmp_path / "raw"
    _boards(raw)
    monkeypatch.setattr(store_module, "BATCH_RECORDS", 2)  # many parts, duplicates across them
    monkeypatch.setattr(store_module, "PART_ROWS", 2)
    snapshot = ingest([raw], snapshot="s", out=tmp_path / "store")
    names = ["a/board.csv", "b/board.csv", "c/board.csv"]
    records = [record for name in names for record in read_records(raw / name, name=name)]
    whole = normalize_records(records, snapshot="s")
    pd.testing.assert_frame_equal(read_bands(snapshot), whole.bands)
    pd.testing.assert_frame_equal(pd.read_parquet(snapshot / "places.parquet"), whole.places)
    quarantine = pd.read_csv(snapshot / "quarantine.csv", dtype=str, keep_default_na=False)
    assert quarantine["reason"].tolist() == whole.quarantine["reason"].tolist() == [
        "conflicting duplicate", "missing title"]
    manifest = read_manifest(snapshot)
    assert manifest["counts"] == whole.counts and manifest["reconciles"]
    assert manifest["counts"]["duplicates_collapsed"] == 2
    assert read_bands(snapshot).set_index("posting_id").loc["csv:board/3", "duplicates"] == 2
    assert pq.ParquetFile(snapshot / "bands.parquet").num_row_groups > 1  # one per part


def test_files_read_in_parallel_give_the_same_snapshot_byte_for_byte(tmp_path, monkeypatch):
    import analysis.store as store_module

    raw = tmp_path / "raw"
    _boards(raw)
    monkeypatch.setattr(store_module, "BATCH_RECORDS", 3)
    one = ingest([raw], snapshot="s", out=tmp_path / "one", jobs=1)
    two = ingest([raw], snapshot="s", out=tmp_path / "two", jobs=2)
    for name in ("bands.parquet", "places.parquet", "quarantine.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert read_manifest(one)["inputs"] == read_manifest(two)["inputs"]
