"""The snapshot store: each refresh kept as bands.parquet + quarantine.csv + manifest.json, and
the loaders every command and notebook uses (the embedded sample when no data is named).

A snapshot is written whole into a new version folder (``.versions/<label>@<time>``) and published
by atomically switching the label, a symlink, to it (`write_snapshot`): a failed or killed ingest
never leaves a half-written snapshot or loses an earlier one, readers never see a partial one, and
concurrent ingests into one store take turns under a lock file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from functools import lru_cache, partial
from importlib.metadata import PackageNotFoundError, version
from itertools import groupby
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from analysis.choices import choice_message
from analysis.errors import UnknownSnapshotError, UsageError
from analysis.formats import write_safe_csv
from analysis.normalize.bands import (
    QUARANTINE_COLUMNS,
    Normalized,
    Outcome,
    PostingMerge,
    load_reference_tables,
    read_outcomes,
    reconcile,
    usual_countries,
)
from analysis.paths import ROOT, SAMPLE, SAMPLE_STORE, SNAPSHOTS
from analysis.schema import BANDS_COLUMNS, PLACES_COLUMNS, empty_bands
from analysis.sources import RAW_SUFFIXES, Record, discover_files, encodings, read_records

BANDS_FILE = "bands.parquet"
QUARANTINE_FILE = "quarantine.csv"
PLACES_FILE = "places.parquet"
MANIFEST_FILE = "manifest.json"


def paybands_version() -> str:
    try:
        return version("paybands")
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def normalizer_fingerprint() -> str:
    """A digest of the code and reference tables that turn records into bands: a snapshot
    written by another normalizer reads the same inputs differently. Read once per process: the
    code does not change while it runs."""
    package = Path(__file__).resolve().parent
    files = sorted([*(package / "normalize").glob("*.py"), *(package / "sources").glob("*.py"),
                    *(package / "data").glob("*.csv*")])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ingest(
    paths: Iterable[str | Path],
    *,
    snapshot: str | None = None,
    out: str | Path = SNAPSHOTS,
    currency: str | None = None,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    progress: bool = False,
    jobs: int = 1,
    client=None,
) -> Path:
    """Read raw files/folders, normalize them and write one snapshot folder; return its path.

    Parameters
    ----------
    paths : raw files or folders (searched recursively for the `RAW_SUFFIXES` file types).
    snapshot : the refresh label; defaults to today's date (UTC).
    out : the store folder; the snapshot goes to ``out / snapshot``.
    currency : what a bare "$" means in these inputs (None: the local dollar of each posting's
        country, else USD).
    format : read every file as this format instead of detecting it (see
        `analysis.sources.valid_formats`).
    mapping : field → column names for tabular files whose headers are not recognised.
    progress : show a progress bar over files on stderr, with the records read so far (a big
        file's count grows batch by batch).
    jobs : processes that normalize the records (the output is the same with any number).
    client : a Dask ``distributed.Client`` (`analysis.cluster.connect`): files are read and
        normalized on its workers, which must see the same paths, and merged and written here;
        the snapshot is the same, byte for byte, as one written locally.

    Re-ingesting the same files (same names and contents) into an existing snapshot rewrites
    nothing: the snapshot is returned as it is.
    """
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    label = check_label(datetime.now(UTC).date().isoformat() if snapshot is None else snapshot)
    if Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"the snapshot store {str(out)!r} is a file, not a folder")
    files = discover_files(paths)
    if not files:
        raise UsageError(
            f"no raw input files ({' '.join(RAW_SUFFIXES)}) under {', '.join(map(str, paths))}"
        )

    _refuse_mixing_with_sample(Path(out), files)
    names = [_display_name(path, paths) for path in files]
    options = {"format": format, "mapping": mapping, "currency": currency}
    existing = Path(out) / label
    if (
        (existing / MANIFEST_FILE).exists()
        and inputs_unchanged(existing, files, names, version=paybands_version())
        and read_manifest(existing).get("options") == options
    ):
        return existing
    merge = PostingMerge(label)
    inputs, records = [], 0
    with StagedSnapshot(Path(out), label) as staged, tqdm(
            total=len(files), desc=f"ingest {label}", unit="file", disable=not progress) as bar:
        for entry, outcomes in _file_outcomes(files, names, snapshot=label, jobs=jobs,
                                              client=client, **options):
            for start in range(0, len(outcomes), BATCH_RECORDS):
                staged.append(merge.add(outcomes[start:start + BATCH_RECORDS]))
            records += len(outcomes)  # shown at once within a big file, else with its update
            bar.set_postfix(records=f"{records:,}", refresh=entry is None)
            if entry is not None:  # the file's last batch
                inputs.append(entry)
                bar.update()
        return staged.publish(merge, inputs=inputs, options=options)


# Records merged and written per part, and read at a time from a big file (STREAM_BYTES and
# more): what bounds the memory of an ingest, whatever the size of its input.
BATCH_RECORDS = 20_000


def _file_outcomes(files: list[Path], names: list[str], *, snapshot: str, jobs: int,
                   client=None, **options) -> Iterator[tuple[dict | None, list[Outcome]]]:
    """Record outcomes in order, in batches, each file's manifest entry with its last batch.

    On a Dask cluster (`client`) the files are read on its workers, a few ahead of the writer.
    Here, a big file (`encodings.STREAM_BYTES` and more) is read in batches, its records
    normalized in `jobs` processes; smaller files next to each other are read `jobs` at a time
    in forked processes, a few ahead of the writer.
    """
    read = partial(_read_file, snapshot=snapshot, jobs=1, **options)
    work = [(path, name) for path, name in zip(files, names, strict=True)]
    if client is not None:
        work = [(path.resolve(), name) for path, name in work]  # workers have other cwds
        yield from _in_order(client, read, work, ahead=2 * _cluster_cores(client) + 1)
        return
    forks = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
    if forks:
        load_reference_tables()  # before the workers fork: they share one copy
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) if (
            forks) else contextlib.nullcontext() as pool:
        for big, run in groupby(work, key=lambda item: _is_big(item[0])):
            run = list(run)
            if big:
                for path, name in run:
                    yield from _read_big_file(path, name, snapshot=snapshot, jobs=jobs,
                                              **options)
            elif pool is not None and len(run) > 1:
                yield from _in_order(pool, read, run, ahead=jobs + 1)
            else:
                for path, name in run:
                    yield _read_file(path, name, snapshot=snapshot, jobs=jobs, **options)


def _is_big(path: Path) -> bool:
    return path.is_file() and path.stat().st_size >= encodings.STREAM_BYTES


def _cluster_cores(client) -> int:
    return max(1, sum(client.nthreads().values()))


def _in_order(pool, function, items: list[tuple], *, ahead: int):
    """`function(*item)` of each item, in order, never more than `ahead` pending at a time (a
    finished file's outcomes wait in memory until the writer takes them). `pool` is a process
    pool or a Dask client: both submit and return futures."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(function, *item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _read_file(path: Path, name: str, *, snapshot: str, jobs: int, format: str | None,
               mapping: dict[str, str] | None, currency: str | None
               ) -> tuple[dict, list[Outcome]]:
    """One file's manifest entry and its records' outcomes."""
    records = list(read_records(path, name=name, format=format, mapping=mapping))
    columns = next((r.columns for r in records if r.columns), None)
    return _entry(path, name, len(records), columns), read_outcomes(
        records, snapshot=snapshot, currency=currency, jobs=jobs)


def _read_big_file(path: Path, name: str, *, snapshot: str, jobs: int, format: str | None,
                   mapping: dict[str, str] | None, currency: str | None
                   ) -> Iterator[tuple[dict | None, list[Outcome]]]:
    """A big file's outcomes, `BATCH_RECORDS` at a time, its entry with the last batch: the
    records are read twice, first for the country most of them are in (`usual_countries`,
    what a whole file read at once would give), never all held at once."""
    def records() -> Iterator[Record]:
        return read_records(path, name=name, format=format, mapping=mapping)

    countries = usual_countries(records()) if currency is None else {}
    count, columns, batch = 0, None, []
    for record in records():
        count += 1
        columns = columns or record.columns
        batch.append(record)
        if len(batch) == BATCH_RECORDS:
            yield None, read_outcomes(batch, snapshot=snapshot, currency=currency, jobs=jobs,
                                      file_countries=countries)
            batch = []
    yield _entry(path, name, count, columns), read_outcomes(
        batch, snapshot=snapshot, currency=currency, jobs=jobs, file_countries=countries)


def _entry(path: Path, name: str, records: int, columns: list[dict] | None) -> dict:
    """A file's line in the manifest's inputs."""
    entry = {
        "file": name,
        "sha256": _sha256(path),
        "bytes": path.stat().st_size if path.is_file() else None,
        "records": records,
    }
    if columns:  # which column or key filled which field, as the scored matcher chose it
        entry["columns"] = columns
    return entry


def _refuse_mixing_with_sample(out: Path, files: list[Path]) -> None:
    """A usage error when files that are not the embedded sample's would go into a store holding
    the sample's snapshots: every analysis of the store would compare them with synthetic data."""
    sample = SAMPLE.resolve()
    if all(path.resolve().is_relative_to(sample) for path in files):
        return
    if out.resolve() == SAMPLE_STORE.resolve():
        raise UsageError(f"{out} is the embedded sample's store; ingest your postings into a "
                         "store of your own, e.g. --out mydata/")
    if out.is_dir() and (mixed := [label for label in sample_snapshot_labels()
                                   if (out / label / MANIFEST_FILE).exists()
                                   and is_embedded_sample(out / label)]):
        raise UsageError(
            f"{out} holds the embedded sample's snapshots ({', '.join(mixed)}), so your postings "
            "would be compared with synthetic ones; ingest into a store of your own (e.g. --out "
            f"mydata/), or delete those snapshot folders from {out} first")


# A snapshot label names a folder inside the store and nothing else: an ISO date or a short safe
# name. Never a path ("/data", "..", "a/b"): the label's folder is replaced on every ingest.
_SAFE_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def check_label(label: str) -> str:
    """`label` when it is a safe snapshot name, else ValueError saying what a label may be.

    >>> check_label("2026-12-05"), check_label("q4_refresh")
    ('2026-12-05', 'q4_refresh')
    >>> check_label("..")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.UsageError: snapshot label '..' is not a safe name: ... a label is never a path
    """
    if not isinstance(label, str) or not _SAFE_LABEL.fullmatch(label) or set(label) <= {"."}:
        raise UsageError(
            f"snapshot label {label!r} is not a safe name: use 1-64 letters, digits, '.', '_' or "
            "'-', starting with a letter or digit (an ISO date such as 2026-12-05 works); a label "
            "is never a path")
    return label


def write_snapshot(
    result: Normalized, *, label: str, out: Path, inputs: list[dict], options: dict | None = None
) -> Path:
    """Write a normalized batch as snapshot ``out / label``, replacing an older copy atomically
    (see `StagedSnapshot`)."""
    with StagedSnapshot(out, label) as staged:
        staged.append(result)
        return staged.publish(_Counted(result), inputs=inputs, options=options)


class _Counted:
    """A whole batch seen as the merge `StagedSnapshot.publish` expects: its duplicates are
    counted in its rows already."""

    def __init__(self, result: Normalized):
        self.counts = result.counts

    def with_duplicates(self, bands: pd.DataFrame) -> pd.DataFrame:
        return bands


class StagedSnapshot:
    """A snapshot written part by part into a staging folder, then published whole.

    `append` writes each batch's bands and places as parquet parts and its quarantined records
    to the CSV as they come, so memory holds one batch; `publish` merges the parts into one
    bands.parquet and one places.parquet (a row group per part, duplicates counted across all
    parts), writes the manifest, fsyncs, moves the folder into ``out/.versions`` and switches the
    label to it by one atomic rename of a symlink: a reader sees the old snapshot or the new one,
    whole, and a crash at any point leaves one of them under the label. Leaving the ``with``
    block without publishing deletes the staged files. Writers of one store take turns at
    publishing (`store_lock`).
    """

    def __init__(self, out: Path, label: str):
        self.out, self.label = Path(out), check_label(label)
        self.out.mkdir(parents=True, exist_ok=True)
        _clear_abandoned_staging(self.out)
        self.folder = _new_version(self.out, label, parent=STAGING_DIR)
        self.parts = 0
        self.pending: list[Normalized] = []

    def __enter__(self) -> StagedSnapshot:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)  # published folders have moved away
        with contextlib.suppress(OSError):  # another ingest may be staging beside it
            self.folder.parent.rmdir()

    def append(self, batch: Normalized) -> None:
        # Small batches (a folder of career pages: one per file) wait to make one part: a file
        # of hundreds of tiny row groups reads ten times slower.
        self.pending.append(batch)
        if sum(len(pending.bands) for pending in self.pending) >= PART_ROWS:
            self._write_pending()
        quarantine = self.folder / QUARANTINE_FILE
        write_safe_csv(batch.quarantine, quarantine, mode="a", header=not quarantine.exists())

    def _write_pending(self) -> None:
        if not self.pending:
            return
        self.parts += 1
        part = f"{self.parts:06d}.parquet"
        for table, schema in (("bands", _bands_schema()), ("places", PLACES_SCHEMA)):
            frames = [getattr(batch, table) for batch in self.pending]
            frames = [frame for frame in frames if not frame.empty] or frames[:1]
            _write_part(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0],
                        self.folder / table / part, schema=schema)
        self.pending = []

    def publish(self, merge, *, inputs: list[dict], options: dict | None = None) -> Path:
        self._write_pending()
        folder = self.folder
        _merge_parts(folder / "bands", folder / BANDS_FILE, schema=_bands_schema(),
                     patch=merge.with_duplicates)
        _merge_parts(folder / "places", folder / PLACES_FILE, schema=PLACES_SCHEMA)
        if not (folder / QUARANTINE_FILE).exists():
            write_safe_csv(pd.DataFrame(columns=QUARANTINE_COLUMNS), folder / QUARANTINE_FILE)
        counts = merge.counts
        manifest = {
            "snapshot": self.label,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "paybands_version": paybands_version(),
            "normalizer": normalizer_fingerprint(),
            "counts": counts,
            "reconciles": reconcile(merge),
            "options": options or {},
            "columns": BANDS_COLUMNS,
            "inputs": inputs,
        }
        (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        for name in (BANDS_FILE, PLACES_FILE, QUARANTINE_FILE, MANIFEST_FILE):
            _fsync(folder / name)
        _fsync(folder)
        with store_lock(self.out):
            _recover_labels(self.out)
            version = self.out / VERSIONS_DIR / folder.name
            (self.out / VERSIONS_DIR).mkdir(exist_ok=True)
            os.rename(folder, version)
            _fsync(version.parent)
            _publish(self.out, self.label, version)
            _prune_versions(self.out, self.label)
        return self.out / self.label


# The arrow types of the places table (its text columns may be empty in a whole batch).
PLACES_SCHEMA = pa.schema([
    ("posting_id", pa.string()), ("place", pa.int64()), ("city", pa.string()),
    ("state", pa.string()), ("county", pa.string()), ("country", pa.string()),
    ("metro", pa.string()), ("place_method", pa.string()), ("weight", pa.float64())])


@lru_cache(maxsize=1)
def _bands_schema() -> pa.Schema:
    """The arrow types of the bands table, from the contract's dtypes: every part agrees."""
    return pa.Schema.from_pandas(empty_bands(), preserve_index=False)


def _write_part(frame: pd.DataFrame, path: Path, *, schema: pa.Schema) -> None:
    if frame.empty:
        return
    path.parent.mkdir(exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), path)


def _merge_parts(parts: Path, target: Path, *, schema: pa.Schema, patch=None) -> None:
    """The parts in `parts`, in order, as one parquet file of one row group per part (readers
    prune row groups and columns); `patch` adjusts each part's ``duplicates`` first."""
    with pq.ParquetWriter(target, schema) as writer:
        for part in sorted(parts.glob("*.parquet")) if parts.is_dir() else []:
            table = pq.read_table(part, schema=schema)
            if patch is not None:
                column = schema.get_field_index("duplicates")
                counted = patch(table.select(["posting_id", "duplicates"]).to_pandas())
                table = table.set_column(column, schema.field(column), pa.array(
                    counted["duplicates"].to_numpy(), type=schema.field(column).type))
            writer.write_table(table)
    shutil.rmtree(parts, ignore_errors=True)


# Bands a part holds at least (but the last): each part is one row group of bands.parquet.
PART_ROWS = 20_000

# Where snapshots are written until they are published, one folder per ingest.
STAGING_DIR = ".staging"


def _clear_abandoned_staging(out: Path) -> None:
    """Delete staging folders whose ingest is no longer running (killed, or crashed hard)."""
    staging = out / STAGING_DIR
    for folder in staging.iterdir() if staging.is_dir() else []:
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


# Where the versions of every snapshot live; the label in the store is a symlink to one of them.
VERSIONS_DIR = ".versions"
LOCK_FILE = ".lock"


def store_lock(store: str | Path):
    """The lock that makes writers of one store (ingests, the sample refresh) take turns; one
    instance per store in a process, so a holder may take it again. Released by the OS if the
    holder dies."""
    from filelock import FileLock  # imported by writers only

    return FileLock(Path(store).resolve() / LOCK_FILE, is_singleton=True)


def _new_version(out: Path, label: str, *, parent: str = VERSIONS_DIR) -> Path:
    versions = out / parent
    versions.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    version = versions / f"{label}@{stamp}-{os.getpid()}"
    version.mkdir()
    return version


def _publish(out: Path, label: str, version: Path) -> None:
    link = out / label
    if link.is_dir() and not link.is_symlink():
        # A snapshot folder written before versions existed (or by hand): moved into the versions
        # first. A crash right after this rename leaves the label to `_recover_labels`.
        os.rename(link, out / VERSIONS_DIR / f"{label}@0-legacy")
        _fsync(out)
    _switch_link(out, label, version)


def _switch_link(out: Path, label: str, version: Path) -> None:
    temporary = out / f".{label}.link-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(Path(VERSIONS_DIR) / version.name, target_is_directory=True)
    os.replace(temporary, out / label)  # the one atomic step that publishes
    _fsync(out)


def _prune_versions(out: Path, label: str) -> None:
    """Delete the versions of `label` older than the one it replaced: readers that opened the
    previous version a moment ago can still finish; older ones and crash leftovers go."""
    current = (out / label).resolve().name
    others = [p for p in _versions_of(out, label) if p.name != current]
    whole = [p for p in others if _is_complete(p)]
    keep = {current, whole[-1].name} if whole else {current}
    for path in others:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _versions_of(out: Path, label: str) -> list[Path]:
    """The version folders of `label`, oldest first (their names sort by time)."""
    return sorted(p for p in (out / VERSIONS_DIR).iterdir() if p.name.partition("@")[0] == label)


def _unlinked_labels(out: Path) -> dict[str, Path]:
    """Labels a crash left without their link (see `_publish`), each with its newest whole
    version."""
    versions = out / VERSIONS_DIR
    if not versions.is_dir():
        return {}
    newest = {p.name.partition("@")[0]: p for p in sorted(versions.iterdir()) if _is_complete(p)}
    return {label: folder for label, folder in newest.items()
            if not os.path.lexists(out / label)}


def _recover_labels(out: Path) -> None:
    """Point every label a crash left unlinked at its newest whole version. Callers hold the
    store lock."""
    for label, folder in _unlinked_labels(out).items():
        _switch_link(out, label, folder)


def _recover_if_idle(store: Path) -> None:
    """Readers repair a label a crashed writer left unlinked, when no writer holds the store (an
    active writer repairs it itself) and the store is writable."""
    from filelock import Timeout

    if not _unlinked_labels(store):
        return
    try:
        with store_lock(store).acquire(timeout=0):
            _recover_labels(store)
    except (Timeout, OSError):
        pass


def _is_complete(version: Path) -> bool:
    return (version / MANIFEST_FILE).is_file()  # written last, after every data file


def _fsync(path: Path) -> None:
    """Flush a file's or folder's contents to disk, so a rename never publishes unwritten data."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_manifest(snapshot_dir: str | Path) -> dict:
    return json.loads(snapshot_file(snapshot_dir, MANIFEST_FILE).read_text())


def snapshot_file(snapshot_dir: str | Path, name: str) -> Path:
    """A file of a snapshot, by its real path: the label is resolved once, so a reader's every
    open hits the same version even if an ingest switches the label meanwhile (parquet is
    opened more than once per read)."""
    return (Path(snapshot_dir) / name).resolve()


def list_snapshots(store: str | Path = SNAPSHOTS) -> list[Path]:
    """Complete snapshot folders in a store, oldest label first."""
    store = Path(store)
    if not store.is_dir():
        return []
    _recover_if_idle(store)
    return sorted(
        p
        for p in store.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST_FILE).exists()
    )


def read_bands(data: str | Path, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Bands of a snapshot folder, a bands.parquet file, or the newest snapshot of a store;
    only `columns` when given (an analysis that needs 8 of the 46 reads 8)."""
    path = Path(data)
    if path.is_file():
        return pd.read_parquet(path.resolve(), columns=columns)
    if (path / BANDS_FILE).exists():
        return pd.read_parquet(snapshot_file(path, BANDS_FILE), columns=columns)
    snapshots = list_snapshots(path)
    if snapshots:
        return pd.read_parquet(snapshot_file(snapshots[-1], BANDS_FILE), columns=columns)
    raise unknown_snapshot(path) or FileNotFoundError(
        f"{path} is not a snapshot (no {BANDS_FILE}) nor a store of snapshots; "
        "create one with `paybands ingest PATH... --out DIR`"
    )


def unknown_snapshot(path: str | Path) -> UnknownSnapshotError | None:
    """The error for a missing `path` in a store of snapshots (a mistyped label): the store's
    snapshots and the closest. None when `path` exists or its folder is no store."""
    path = Path(path)
    if path.exists() or not path.parent.is_dir():
        return None
    labels = [snapshot.name for snapshot in list_snapshots(path.parent)]
    if not labels:
        return None
    return UnknownSnapshotError(choice_message(
        [path.name], labels, what="snapshot", where=f"the store {path.parent} has", lead="no"))


def inputs_unchanged(
    snapshot_dir: Path, files: list[Path], names: list[str], *, version: str | None = None
) -> bool:
    """Whether a snapshot was made from exactly these files with these contents, into today's
    bands table (its columns) by today's normalizer (code and reference tables), and, when
    `version` is given, by this paybands version."""
    try:
        manifest = read_manifest(snapshot_dir)
        recorded = {i["file"]: i["sha256"] for i in manifest["inputs"]}
    except (OSError, ValueError, KeyError):
        return False
    if manifest.get("columns") != BANDS_COLUMNS:  # made before the bands table changed
        return False
    if manifest.get("normalizer") != normalizer_fingerprint():  # read by other rules
        return False
    if version is not None and manifest.get("paybands_version") != version:
        return False
    current = {name: _sha256(path) for path, name in zip(files, names, strict=True)}
    return recorded == current


def _display_name(path: Path, roots: list[Path]) -> str:
    # Name files relative to the folder given on the command line, so provenance reads the same
    # on every machine and posting ids stay stable across snapshots.
    for root in roots:
        if root.is_dir():
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                continue
    return path.name


def _sha256(path: Path) -> str | None:
    """The file's digest; None for a file or folder that cannot be read (it is quarantined)."""
    try:
        with path.open("rb") as file:  # in blocks: a big export is not held in memory twice
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


# The embedded sample: where the data comes from when a command or notebook names none.
# Its raw files (data/sample/<snapshot>/) are ingested into its own generated store
# (data/sample_snapshots/, never the user's data/snapshots/) on first use, and again only when a
# raw file changes.


def sample_snapshot_labels() -> list[str]:
    """Labels of the embedded sample's snapshots (its dated folders), oldest first."""
    return sorted(p.name for p in SAMPLE.iterdir() if p.is_dir() and p.name[:1].isdigit())


def _sample_files(label: str) -> tuple[list[Path], list[str]]:
    """The raw files of one sample snapshot and their names as its manifest records them."""
    raw = SAMPLE / label
    files = discover_files([raw])
    return files, [f.relative_to(raw).as_posix() for f in files]


def ensure_sample_store(*, store: Path = SAMPLE_STORE, progress: bool = False) -> Path:
    """Ingest every sample snapshot missing from `store` or stale against its raw files."""
    for label in sample_snapshot_labels():
        files, names = _sample_files(label)
        target = store / label
        if not (target / MANIFEST_FILE).exists() or not inputs_unchanged(target, files, names):
            ingest([SAMPLE / label], snapshot=label, out=store, progress=progress)
    return store


def resolve_data(data: str | Path | None = None) -> Path:
    """The snapshot folder (or bands file) a command should read; None means the embedded sample."""
    if data is None or str(data) == "":
        return list_snapshots(ensure_sample_store())[-1]
    path = Path(data)
    if not path.exists():
        raise unknown_snapshot(path) or FileNotFoundError(f"no such data: {path}")
    if path.is_dir() and not (path / "bands.parquet").exists():
        snapshots = list_snapshots(path)
        if not snapshots:
            raise FileNotFoundError(
                f"{path} holds no snapshot; create one with `paybands ingest RAW... --out {path}`"
            )
        return snapshots[-1]
    return path


def load_bands(data: str | Path | None = None, *, columns: list[str] | None = None
               ) -> pd.DataFrame:
    """The bands table of `data` (snapshot folder, store, or bands.parquet); None = the sample.
    `columns`: only these (default: all)."""
    return read_bands(resolve_data(data), columns=columns)


def load_manifest(data: str | Path | None = None) -> dict:
    """The manifest of the snapshot `data` resolves to ({} for a bare bands file), plus
    ``read_from``: where it was read (:func:`data_origin`), which every report states."""
    path = resolve_data(data)
    manifest = read_manifest(path) if path.is_dir() else {}
    return {**manifest, "read_from": data_origin(path)}


def data_origin(path: str | Path) -> str:
    """Where a snapshot (or bands file) lives, in words a report can print: "store mydata
    (snapshots 2026-11-01, 2026-12-01)", "the embedded synthetic sample (store
    data/sample_snapshots)", or the bands file's path. A path inside the project is relative."""
    path = Path(os.path.abspath(path))  # not resolve(): the label is a symlink
    def shown(where: Path) -> str:
        return where.relative_to(ROOT).as_posix() if where.is_relative_to(ROOT) else str(where)
    if not path.is_dir():
        return f"file {shown(path)}"
    store = path.parent
    labels = [p.name for p in list_snapshots(store)]
    if path.name not in labels:  # a lone snapshot folder, not inside a store
        return f"snapshot folder {shown(path)}"
    where = f"store {shown(store)} (snapshots {', '.join(labels)})"
    return f"the embedded synthetic sample, {where}" if is_embedded_sample(path) else where


def snapshots_up_to(data: str | Path | None = None) -> list[Path]:
    """The snapshots of `data`'s store up to the one `data` resolves to, oldest first.

    A bare bands file is its own one-snapshot history.
    """
    current = resolve_data(data)
    if not current.is_dir():
        return [current]
    return [p for p in list_snapshots(current.parent) if p.name <= current.name]


def previous_snapshot(data: str | Path | None = None) -> Path | None:
    """The snapshot before the one `data` resolves to, in the same store (None when it is first).

    What a "what changed" report compares against; a bare bands file has no previous snapshot.
    """
    snapshots = snapshots_up_to(data)
    return snapshots[-2] if len(snapshots) > 1 else None


def load_store(data: str | Path | None = None) -> pd.DataFrame:
    """Bands of every snapshot up to the one `data` resolves to, stacked (for trends over time)."""
    return pd.concat([read_bands(p) for p in snapshots_up_to(data)], ignore_index=True)


def snapshot_history(data: str | Path | None = None) -> pd.DataFrame:
    """One row per snapshot up to the one `data` resolves to: its date and ingest counts."""
    rows = []
    for path in snapshots_up_to(data):
        manifest = read_manifest(path) if path.is_dir() else {}
        counts = manifest.get("counts", {})
        rows.append({
            "snapshot": manifest.get("snapshot", path.stem),
            "created": manifest.get("created"),
            "input_files": len(manifest.get("inputs", [])),
            **{k: counts.get(k) for k in
               ("records_in", "postings", "postings_with_pay", "bands", "quarantined")},
            "reconciles": manifest.get("reconciles"),
        })
    return pd.DataFrame(rows)


def load_quarantine(data: str | Path | None = None) -> pd.DataFrame:
    """The quarantined records of the snapshot `data` resolves to, each with its reason."""
    current = resolve_data(data)
    path = snapshot_file(current, QUARANTINE_FILE) if current.is_dir() else None
    if path is None or not path.exists():
        return pd.DataFrame(columns=["source_file", "record", "title", "pay_text", "reason",
                                     "detail"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_places(data: str | Path | None = None) -> pd.DataFrame:
    """Every place each posting of the snapshot `data` resolves to lists, one row per posting ×
    place; ``weight`` (1/n) makes each posting count once when places are summed. Snapshots
    written before the places table existed give their bands' first places, weight 1."""
    current = resolve_data(data)
    path = snapshot_file(current, PLACES_FILE) if current.is_dir() else None
    if path is not None and path.exists():
        return pd.read_parquet(path)
    bands = load_bands(data).drop_duplicates("posting_id")
    bands = bands.loc[bands["city"].notna() | bands["country"].notna() | bands["state"].notna()]
    return bands.reindex(columns=PLACES_COLUMNS).assign(place=0, weight=1.0)


SAMPLE_NOTICE = (
    "Synthetic demo data: the embedded sample's employers are fictional, except one real Meta "
    "posting; draw no conclusions about real employers from it."
)


def is_embedded_sample(data: str | Path | None = None) -> bool:
    """Whether `data` is a snapshot ingested from the embedded synthetic sample, unchanged."""
    path = Path(os.path.abspath(resolve_data(data)))  # not resolve(): the label is a symlink
    if not path.is_dir() or path.name not in sample_snapshot_labels():
        return False
    return inputs_unchanged(path, *_sample_files(path.name))
