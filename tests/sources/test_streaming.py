"""Big exports are read as they are needed (utf8_lines, then the records in batches): the same
records, bands and snapshot as a file read whole."""

import codecs

import pandas as pd
import pytest

import analysis.store as store_module
from analysis.sources import encodings, read_records
from analysis.store import ingest, read_bands, read_manifest

HEADER = "id,title,company,location,salary,description\r\n"
ROWS = (
    '1,Data Scientist,Acme,"Austin, TX","$120,000 - $150,000",plain\r\n'
    '2,Nurse,NHS,"Leeds, UK",£30000,"two\r\nlines, a quote "" inside"\r\n'
    '3,Engineer,Société Générale,Paris,€60000,Cityâ€™s best\r\n'  # mojibake, repaired
    '4,Analyst,Initech,"Cambridge",$90K,line\u2028separator and \u00e9\r\n'
    '5,,Acme,Austin,$1,no title\r\n'
)


@pytest.fixture
def exports(tmp_path):
    files = {
        "crlf.csv": (HEADER + ROWS).encode(),
        "bom.csv": codecs.BOM_UTF8 + (HEADER + ROWS).replace("\r\n", "\n").encode(),
        "cr.csv": (HEADER + ROWS.replace("plain\r\n", "plain\r")).encode(),
        "latin1.csv": (HEADER + '1,Ingénieur,Acme,Paris,€60000,x\r\n').encode("cp1252"),
        "utf16.csv": (HEADER + ROWS).encode("utf-16"),
        "blank.csv": b"   \n\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _records(path, monkeypatch, *, stream: bool):
    monkeypatch.setattr(encodings, "STREAM_BYTES", 0 if stream else 1 << 40)
    return list(read_records(path, name=path.name))


@pytest.mark.parametrize("name", ["crlf.csv", "bom.csv", "cr.csv", "latin1.csv", "utf16.csv",
                                  "blank.csv"])
def test_a_streamed_file_gives_the_records_of_the_whole_file(exports, monkeypatch, name):
    whole = _records(exports / name, monkeypatch, stream=False)
    assert _records(exports / name, monkeypatch, stream=True) == whole
    assert whole  # every file gives records (or a problem record)


def test_only_clean_utf8_is_streamed(exports, monkeypatch):
    monkeypatch.setattr(encodings, "STREAM_BYTES", 0)
    assert encodings.utf8_lines(exports / "crlf.csv") is not None
    assert encodings.utf8_lines(exports / "bom.csv") is not None
    for name in ("latin1.csv", "utf16.csv", "blank.csv"):  # decode_bytes reads these whole
        assert encodings.utf8_lines(exports / name) is None, name
    lines = list(encodings.utf8_lines(exports / "crlf.csv"))
    assert "City’s best" in "".join(lines) and lines[0] == HEADER
    monkeypatch.setattr(encodings, "STREAM_BYTES", 1 << 40)
    assert encodings.utf8_lines(exports / "crlf.csv") is None  # small files: read whole


@pytest.mark.parametrize("jobs", [1, 2])
def test_big_files_read_in_batches_give_the_same_snapshot(exports, tmp_path, monkeypatch, jobs):
    raw = tmp_path / "raw"
    raw.mkdir()
    for month in ("2026-01", "2026-02"):  # the same ids twice: copies across files
        (raw / month).mkdir()
        (raw / month / "board.csv").write_bytes((exports / "crlf.csv").read_bytes())
    (raw / "2026-02" / "old.csv").write_bytes((exports / "latin1.csv").read_bytes())
    whole = ingest([raw], snapshot="s", out=tmp_path / "whole")
    monkeypatch.setattr(encodings, "STREAM_BYTES", 0)  # every file is big
    monkeypatch.setattr(store_module, "BATCH_RECORDS", 2)  # and read two records at a time
    batched = ingest([raw], snapshot="s", out=tmp_path / "batched", jobs=jobs)
    for name in ("bands.parquet", "places.parquet"):  # in smaller row groups
        pd.testing.assert_frame_equal(pd.read_parquet(batched / name),
                                      pd.read_parquet(whole / name))
    assert (batched / "quarantine.csv").read_bytes() == (whole / "quarantine.csv").read_bytes()
    assert read_manifest(batched)["inputs"] == read_manifest(whole)["inputs"]
    assert read_manifest(batched)["counts"] == read_manifest(whole)["counts"]
    # "Cambridge" with no state is read in the country most of the file's postings are in,
    # which a batch of two cannot tell: the first pass over the file does.
    bands = read_bands(batched).set_index("posting_id")
    assert bands.loc["csv:board/4", "country"] == read_bands(whole).set_index(
        "posting_id").loc["csv:board/4", "country"]
    quarantine = pd.read_csv(batched / "quarantine.csv")
    assert quarantine["source_file"].tolist() == ["2026-01/board.csv", "2026-02/board.csv"]
    # Rows 1-4 of the second month are copies of the first's, across parts and files.
    assert read_manifest(batched)["counts"]["duplicates_collapsed"] == 4
