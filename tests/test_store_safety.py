"""The store under crashes and concurrency: a label always holds a whole snapshot, the old one or
the new one, whatever step a writer dies at, however many write or read at once."""

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.normalize.bands import normalize_records
from analysis.sources import Record
from analysis.store import (
    MANIFEST_FILE,
    VERSIONS_DIR,
    ingest,
    list_snapshots,
    read_bands,
    read_manifest,
    write_snapshot,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and symlinks")

# Every filesystem call a writer makes between "nothing written" and "published and tidied".
FILESYSTEM_CALLS = [(os, "mkdir"), (os, "open"), (os, "fsync"), (os, "rename"), (os, "replace"),
                    (os, "symlink"), (os, "unlink"), (shutil, "rmtree")]
CRASHED = 9


def batch(titles: list[str], label: str = "s1"):
    records = [Record("csv", "board.csv", f"row {i}", source_id=f"b/{i}", title=title,
                      employer="Acme", locations=["Austin, TX"], pay_text="$100,000 - $120,000")
               for i, title in enumerate(titles, start=2)]
    return normalize_records(records, snapshot=label)


OLD = ["Data Analyst", "Data Engineer"]
NEW = ["Data Scientist", "ML Engineer", "Staff Engineer"]


def write_and_die_at_call(store: str, crash_at: int) -> None:
    """Child process: publish NEW over OLD, killed (os._exit) at its `crash_at`-th filesystem
    call, as a power cut or kill -9 would stop it."""
    calls = 0

    def counted(function):
        def call(*args, **kwargs):
            nonlocal calls
            calls += 1
            if calls == crash_at:
                os._exit(CRASHED)
            return function(*args, **kwargs)
        return call

    result = batch(NEW)
    for module, name in FILESYSTEM_CALLS:
        setattr(module, name, counted(getattr(module, name)))
    write_snapshot(result, label="s1", out=Path(store), inputs=[])
    os._exit(0)


def old_store(tmp_path: Path, *, legacy: bool) -> Path:
    store = tmp_path / "template"
    write_snapshot(batch(OLD), label="s1", out=store, inputs=[])
    if legacy:  # a store written before versions: the label is a plain folder
        target = (store / "s1").resolve()
        (store / "s1").unlink()
        shutil.move(target, store / "s1")
        shutil.rmtree(store / VERSIONS_DIR)
    return store


@pytest.mark.parametrize("legacy", [False, True], ids=["versioned", "legacy-folder"])
def test_a_writer_killed_at_any_step_leaves_the_old_or_the_new_snapshot(tmp_path, legacy):
    template = old_store(tmp_path, legacy=legacy)
    context = multiprocessing.get_context("fork")
    outcomes = []
    for crash_at in range(1, 200):
        store = tmp_path / f"run{crash_at}"
        shutil.copytree(template, store, symlinks=True)
        child = context.Process(target=write_and_die_at_call, args=(str(store), crash_at))
        child.start()
        child.join(60)
        assert child.exitcode in (0, CRASHED), f"writer failed at call {crash_at}"
        assert [p.name for p in list_snapshots(store)] == ["s1"], f"label lost at {crash_at}"
        titles = sorted(read_bands(store / "s1")["title"])
        assert titles in (sorted(OLD), sorted(NEW)), f"mixed snapshot at call {crash_at}"
        assert read_manifest(store / "s1")["counts"]["bands"] == len(titles)
        outcomes.append("new" if titles == sorted(NEW) else "old")
        if child.exitcode == 0:
            break
    else:
        pytest.fail("the writer never finished")
    for store in tmp_path.glob("run*"):
        # The store stays usable: the next write publishes and tidies what the crash left.
        write_snapshot(batch(OLD), label="s1", out=store, inputs=[])
        assert sorted(read_bands(store / "s1")["title"]) == sorted(OLD)
        assert len(list((store / VERSIONS_DIR).iterdir())) == 2
    assert crash_at > 10  # every step was tried, the steps before the publish keep the old one
    assert outcomes[0] == "old" and outcomes[-1] == "new"


READER = """
import sys, time
from pathlib import Path
from analysis.store import read_bands, read_manifest
store, until, sizes, seen = Path(sys.argv[1]), time.time() + float(sys.argv[2]), {3, 40}, set()
while time.time() < until and seen != sizes:  # on a loaded machine publishing takes a while
    bands, manifest = read_bands(store / "s1"), read_manifest(store / "s1")
    if len(bands) not in sizes or manifest["counts"]["bands"] not in sizes:
        sys.exit(f"partial snapshot: {len(bands)} bands")
    seen.add(len(bands))
print(sorted(seen))
"""


@pytest.mark.slow
def test_concurrent_ingests_and_reads_always_see_a_whole_snapshot(tmp_path):
    raws = []
    for n in (3, 40):
        raw = tmp_path / f"raw{n}"
        raw.mkdir()
        rows = "".join(f'Engineer {i},Acme,"Austin, TX","$100,000 - $120,000"\n' for i in range(n))
        (raw / "board.csv").write_text("title,company,location,salary\n" + rows)
        raws.append(raw)
    store = tmp_path / "store"
    ingest([raws[0]], snapshot="s1", out=store)
    paybands = [sys.executable, "-m", "analysis"]
    # Two users ingest different inputs under one label, over and over, while a third reads.
    script = "for i in 1 2 3 4; do \"$@\" || exit 1; done"
    writers = [subprocess.Popen(["sh", "-c", script, "sh", *paybands, "ingest", str(raw),
                                 "--snapshot", "s1", "--out", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for raw in raws]
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store), "90"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(300), p.stderr.read()) for p in [*writers, reader]]
    assert results == [(0, ""), (0, ""), (0, "")]
    assert reader.stdout.read().strip() == "[3, 40]"  # it read while both writers published
    manifest = read_manifest(store / "s1")
    assert manifest["reconciles"] and len(read_bands(store / "s1")) in (3, 40)
    assert sorted(p.name for p in store.iterdir()) == [".lock", VERSIONS_DIR, "s1"]


def test_a_label_a_crash_left_unlinked_is_restored_on_the_next_read(tmp_path):
    store = tmp_path / "store"
    write_snapshot(batch(OLD), label="s1", out=store, inputs=[])
    version = (store / "s1").resolve()
    (store / "s1").unlink()  # what a crash between the legacy rename and the link leaves
    assert [p.name for p in list_snapshots(store)] == ["s1"]
    assert (store / "s1").resolve() == version
    assert (version / MANIFEST_FILE).exists()



def test_every_file_and_folder_is_fsynced_before_the_publishing_rename(tmp_path, monkeypatch):
    events = []
    fsync, replace, open_ = os.fsync, os.replace, os.open
    descriptors = {}

    def opened(path, flags, *args, **kwargs):
        descriptor = open_(path, flags, *args, **kwargs)
        descriptors[descriptor] = Path(path)
        return descriptor

    def synced(descriptor):
        events.append(("fsync", descriptors.get(descriptor)))
        return fsync(descriptor)

    def replaced(source, target):
        events.append(("replace", Path(target)))
        return replace(source, target)

    monkeypatch.setattr(os, "open", opened)
    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(os, "replace", replaced)
    store = tmp_path / "store"
    write_snapshot(batch(OLD), label="s1", out=store, inputs=[])
    publish = events.index(("replace", store / "s1"))
    version = (store / "s1").resolve()
    synced_before = {path for kind, path in events[:publish] if kind == "fsync"}
    # Written and synced in a staging folder, then moved under .versions by name, whole.
    synced_names = {(path.parent.name, path.name) for path in synced_before if path}
    assert {(version.name, name) for name in
            ("bands.parquet", "places.parquet", "quarantine.csv", MANIFEST_FILE)} <= synced_names
    assert version.name in {path.name for path in synced_before if path}
    assert version.parent in synced_before
    assert ("fsync", store) in events[publish:]  # the rename itself made durable
