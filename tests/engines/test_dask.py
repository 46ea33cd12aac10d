"""The Dask engine on a two-worker cluster: every grouped analysis gives the pandas frame, exactly
(same numbers, columns, dtypes and row order), from the command line too."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

distributed = pytest.importorskip(
    "distributed", reason="dask / distributed not installed: the Dask engine goes untested")
pytest.importorskip("dask.dataframe", reason="dask[dataframe] not installed")

from analysis.analyses.compare import compare_groups  # noqa: E402
from analysis.analyses.diff import group_shifts  # noqa: E402
from analysis.analyses.summary import band_summary  # noqa: E402
from analysis.cli import main  # noqa: E402
from analysis.engines import dask as on_dask  # noqa: E402
from analysis.paths import SAMPLE  # noqa: E402
from analysis.store import (  # noqa: E402
    ensure_sample_store,
    list_snapshots,
    load_bands,
    read_manifest,
    sample_snapshot_labels,
)

# Most tests here start or use a local cluster (deselect them all with -m "not dask").
pytestmark = pytest.mark.dask
# Enough output partitions that groups spread over them, some left empty.
PARTITIONS = 5


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, scheduler_kwargs={
                                      "dashboard_address": on_dask.LOOPBACK_ANY_PORT}) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    """The embedded sample's two snapshots as snapshot folders, in row groups of 300 bands (8
    input partitions). They hold missing metros and levels, postings with several bands, and
    here every 37th band loses its employer: such a band is a cluster named by its position, so
    a group's rows must reach the pandas function in file order."""
    folders = []
    for sample in list_snapshots(ensure_sample_store()):
        bands = load_bands(sample)
        bands.loc[bands.index[::37], "employer"] = None
        folder = tmp_path_factory.mktemp("store") / sample.name
        folder.mkdir()
        bands.to_parquet(folder / "bands.parquet", index=False, row_group_size=300)
        folders.append(folder)
    return folders


def _dask(function, *data, **options):
    return function(*data, **options, npartitions=PARTITIONS, split_row_groups=True)


@pytest.mark.parametrize("by", ["metro", "level", ["role_family", "level"]])
def test_summary_on_dask_is_the_pandas_summary(client, snapshots, by):
    new = snapshots[1]
    expected = band_summary(pd.read_parquet(new / "bands.parquet"), by=by)
    result = _dask(on_dask.summary_on_dask, new, by=by, client=client)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    assert expected["metro" if by == "metro" else "level"].isna().any()  # a missing key's group


@pytest.mark.parametrize("role_family", [None, "software engineer"])
def test_compare_on_dask_is_the_pandas_comparison(client, snapshots, role_family):
    new = snapshots[1]
    bands = pd.read_parquet(new / "bands.parquet")
    if role_family is not None:
        bands = bands.loc[bands["role_family"] == role_family]
    expected = compare_groups(bands)
    result = _dask(on_dask.compare_on_dask, new, role_family=role_family, client=client)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    assert expected["is_reference"].sum() == 1


@pytest.mark.parametrize("by", ["metro", ["role_family", "level"]])
def test_shifts_on_dask_are_the_pandas_shifts(client, snapshots, by):
    old, new = (pd.read_parquet(folder / "bands.parquet") for folder in snapshots)
    expected = group_shifts(old, new, by=by)
    result = _dask(on_dask.shifts_on_dask, *snapshots, by=by, client=client)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)


def test_no_comparable_bands_give_the_pandas_empty_frames(client, snapshots):
    bands = pd.read_parquet(snapshots[1] / "bands.parquet")
    result = _dask(on_dask.summary_on_dask, snapshots[1], by="metro", currency="XYZ",
                   client=client)
    pd.testing.assert_frame_equal(result, band_summary(bands, by="metro", currency="XYZ"))
    shifts = _dask(on_dask.shifts_on_dask, *snapshots, currency="XYZ", client=client)
    pd.testing.assert_frame_equal(shifts, group_shifts(bands, bands, currency="XYZ"))


def test_a_missing_reference_is_the_pandas_error(client, snapshots):
    with pytest.raises(ValueError, match="unknown metro 'Atlantis'") as raised:
        _dask(on_dask.compare_on_dask, snapshots[1], reference="Atlantis", client=client)
    with pytest.raises(ValueError) as expected:
        compare_groups(pd.read_parquet(snapshots[1] / "bands.parquet"), reference="Atlantis")
    assert str(raised.value) == str(expected.value)


def test_a_file_url_is_read_as_given(client, snapshots):
    url = (snapshots[1] / "bands.parquet").as_uri()
    result = on_dask.summary_on_dask(url, by="metro", client=client)
    expected = band_summary(pd.read_parquet(snapshots[1] / "bands.parquet"), by="metro")
    pd.testing.assert_frame_equal(result, expected, check_exact=True)


def test_the_cli_prints_the_same_csv_on_dask(cluster, snapshots, capsys):
    data = str(snapshots[1])
    assert main(["summarize", data, "--by", "metro", "--exact"]) == 0  # every digit the same
    local = capsys.readouterr().out
    assert main(["summarize", data, "--by", "metro", "--exact", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    assert capsys.readouterr().out == local
    assert main(["compare", data, "--role-family", "software engineer", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("metro")
    assert table.loc["San Jose-Sunnyvale-Santa Clara, CA", "index"] == 100
    assert main(["diff", *map(str, snapshots), "--by", "metro", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    assert "median_old" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_a_clear_error(snapshots, capsys):
    address = "tcp://127.0.0.1:1"  # nothing listens on port 1
    assert main(["summarize", str(snapshots[1]), "--by", "metro", "--engine", "dask",
                 "--scheduler", address]) == 1
    err = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {address} within 5 s" in err
    assert "Traceback" not in err


def test_a_scheduler_without_workers_is_a_clear_error():
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None,
                                  scheduler_kwargs={
                                      "dashboard_address": on_dask.LOOPBACK_ANY_PORT}) as empty:
        with pytest.raises(ConnectionError, match="has no worker: start some with `dask worker"):
            on_dask.connect(empty.scheduler_address, timeout=1)


@pytest.mark.parametrize("args, message", [
    (["summarize", "--by", "metro", "--engine", "dask", "--scheduler", "nonsense"],
     "'nonsense' is not a Dask scheduler address"),
    (["summarize", "--by", "metro", "--scheduler", "tcp://127.0.0.1:8786"],
     "--scheduler needs --engine dask"),
    (["compare", "--adjust", "level", "--engine", "dask"], "--adjust fits one regression"),
    (["diff", "a", "b", "--engine", "dask"], "--engine dask runs `diff --by`"),
])
def test_what_dask_cannot_run_is_a_usage_error(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_partition_s_rows_reach_pandas_in_file_order(snapshots):
    """The shuffle may hand a partition its rows in any order; the pandas function must see
    them in bands.parquet's order, since a band with no employer is named by its position."""
    bands = pd.read_parquet(snapshots[1] / "bands.parquet")
    numbered = bands.assign(_part=np.arange(len(bands)) // 300, _row=np.arange(len(bands)) % 300)
    scrambled = numbered.sample(frac=1, random_state=3)
    assert not band_summary(scrambled, by="metro").equals(band_summary(bands, by="metro"))
    pd.testing.assert_frame_equal(on_dask._in_file_order(scrambled), bands)


def test_the_pandas_engine_never_imports_dask(snapshots):
    code = ("import sys; from analysis.cli import main; "
            f"main(['summarize', {str(snapshots[1])!r}, '--by', 'metro']); "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')]")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_ingest_on_dask_writes_the_local_snapshot_byte_for_byte(cluster, tmp_path, capsys):
    # The sample's raw files (career pages, ATS feeds, exports, with quarantines and copies),
    # read on the workers and merged here, against the same ingest in this process.
    raw = SAMPLE / sample_snapshot_labels()[-1]
    assert main(["ingest", str(raw), "--snapshot", "s", "--out", str(tmp_path / "local")]) == 0
    assert main(["ingest", str(raw), "--snapshot", "s", "--out", str(tmp_path / "dask"),
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    assert "quarantined" in capsys.readouterr().out
    for name in ("bands.parquet", "places.parquet", "quarantine.csv"):
        local = (tmp_path / "local" / "s" / name).read_bytes()
        assert (tmp_path / "dask" / "s" / name).read_bytes() == local, name
    manifests = [read_manifest(tmp_path / where / "s") for where in ("local", "dask")]
    assert manifests[0]["counts"] == manifests[1]["counts"]
    assert manifests[0]["inputs"] == manifests[1]["inputs"]
    assert manifests[1]["counts"]["records_in"] > 100 and manifests[1]["reconciles"]
