"""The snapshot store: each refresh kept as bands.parquet + quarantine.csv + manifest.json, and
the loaders every command and notebook uses (the embedded sample when no data is named).

A snapshot is written whole into a new version folder (``.versions/<label>@<time>``) and published
by atomically switching the label, a symlink, to it (`write_snapshot`): a failed or killed ingest
never leaves a half-written snapshot or loses an earlier one, readers never see a partial one, and
concurrent ingests into one store take turns under a lock file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.errors import UsageError
from analysis.formats import write_safe_csv
from analysis.normalize.bands import Normalized, normalize_records, reconcile
from analysis.paths import SAMPLE, SNAPSHOTS
from analysis.schema import BANDS_COLUMNS, PLACES_COLUMNS
from analysis.sources import RAW_SUFFIXES, discover_files, read_records

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
    progress : show a progress bar over files.
    jobs : processes that normalize the records (the output is the same with any number).

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

    names = [_display_name(path, paths) for path in files]
    options = {"format": format, "mapping": mapping, "currency": currency}
    existing = Path(out) / label
    if (
        (existing / MANIFEST_FILE).exists()
        and inputs_unchanged(existing, files, names, version=paybands_version())
        and read_manifest(existing).get("options") == options
    ):
        return existing
    inputs = []
    records = []
    for path, name in tqdm(
        list(zip(files, names, strict=True)),
        desc=f"ingest {label}",
        unit="file",
        disable=not progress,
    ):
        file_records = list(read_records(path, name=name, format=format, mapping=mapping))
        records.extend(file_records)
        entry = {
            "file": name,
            "sha256": _sha256(path),
            "bytes": path.stat().st_size if path.is_file() else None,
            "records": len(file_records),
        }
        # Which column or key filled which field, as the scored matcher chose it.
        columns = next((r.columns for r in file_records if r.columns), None)
        if columns:
            entry["columns"] = columns
        inputs.append(entry)
    result = normalize_records(records, snapshot=label, currency=currency, jobs=jobs)
    return write_snapshot(result, label=label, out=Path(out), inputs=inputs, options=options)


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
    """Write a normalized batch as snapshot ``out / label``, replacing an older copy atomically.

    The files go into a new version folder (``out/.versions/<label>@<stamp>``), are fsynced, and
    the label is switched to it by one atomic rename of a symlink: a reader sees the old snapshot
    or the new one, whole, and a crash at any point leaves one of them under the label. Writers
    of one store take turns (`store_lock`).
    """
    check_label(label)
    out.mkdir(parents=True, exist_ok=True)
    with store_lock(out):
        _recover_labels(out)
        staged = _new_version(out, label)
        try:
            result.bands.to_parquet(staged / BANDS_FILE, index=False)
            result.places.to_parquet(staged / PLACES_FILE, index=False)
            write_safe_csv(result.quarantine, staged / QUARANTINE_FILE)
            manifest = {
                "snapshot": label,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "paybands_version": paybands_version(),
                "normalizer": normalizer_fingerprint(),
                "counts": result.counts,
                "reconciles": reconcile(result),
                "options": options or {},
                "columns": BANDS_COLUMNS,
                "inputs": inputs,
            }
            (staged / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
            for name in (BANDS_FILE, PLACES_FILE, QUARANTINE_FILE, MANIFEST_FILE):
                _fsync(staged / name)
            _fsync(staged)
            _fsync(staged.parent)
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
        _publish(out, label, staged)
        _prune_versions(out, label)
    return out / label


# Where the versions of every snapshot live; the label in the store is a symlink to one of them.
VERSIONS_DIR = ".versions"
LOCK_FILE = ".lock"


def store_lock(store: str | Path):
    """The lock that makes writers of one store (ingests, the sample refresh) take turns; one
    instance per store in a process, so a holder may take it again. Released by the OS if the
    holder dies."""
    from filelock import FileLock  # imported by writers only

    return FileLock(Path(store).resolve() / LOCK_FILE, is_singleton=True)


def _new_version(out: Path, label: str) -> Path:
    versions = out / VERSIONS_DIR
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
    raise FileNotFoundError(
        f"{path} is not a snapshot (no {BANDS_FILE}) nor a store of snapshots; "
        "create one with `paybands ingest PATH... --out DIR`"
    )


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
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# The embedded sample: where the data comes from when a command or notebook names none.
# Its raw files (data/sample/<snapshot>/) are ingested into the generated store (data/snapshots/)
# on first use, and again only when a raw file changes.


def sample_snapshot_labels() -> list[str]:
    """Labels of the embedded sample's snapshots (its dated folders), oldest first."""
    return sorted(p.name for p in SAMPLE.iterdir() if p.is_dir() and p.name[:1].isdigit())


def _sample_files(label: str) -> tuple[list[Path], list[str]]:
    """The raw files of one sample snapshot and their names as its manifest records them."""
    raw = SAMPLE / label
    files = discover_files([raw])
    return files, [f.relative_to(raw).as_posix() for f in files]


def ensure_sample_store(*, store: Path = SNAPSHOTS, progress: bool = False) -> Path:
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
        raise FileNotFoundError(f"no such data: {path}")
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
    """The manifest of the snapshot `data` resolves to ({} for a bare bands file)."""
    path = resolve_data(data)
    return read_manifest(path) if path.is_dir() else {}


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
