"""Where the data comes from when a command or notebook names none: the embedded sample.

The sample's raw files (data/sample/<snapshot>/) are ingested into the generated store
(data/snapshots/) on first use, and again only when a raw file changes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.paths import SAMPLE, SNAPSHOTS
from analysis.snapshot import (
    MANIFEST_FILE,
    QUARANTINE_FILE,
    ingest,
    inputs_unchanged,
    list_snapshots,
    read_bands,
    read_manifest,
)


def sample_snapshot_labels() -> list[str]:
    """Labels of the embedded sample's snapshots (its dated folders), oldest first."""
    return sorted(p.name for p in SAMPLE.iterdir() if p.is_dir() and p.name[:1].isdigit())


def _sample_files(label: str) -> tuple[list[Path], list[str]]:
    """The raw files of one sample snapshot and their names as its manifest records them."""
    from analysis.adapters import discover_files

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


def load_bands(data: str | Path | None = None) -> pd.DataFrame:
    """The bands table of `data` (snapshot folder, store, or bands.parquet); None = the sample."""
    return read_bands(resolve_data(data))


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
    path = current / QUARANTINE_FILE if current.is_dir() else None
    if path is None or not path.exists():
        return pd.DataFrame(columns=["source_file", "record", "title", "pay_text", "reason",
                                     "detail"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


SAMPLE_NOTICE = (
    "Synthetic demo data: the embedded sample's employers are fictional, except one real Meta "
    "posting; draw no conclusions about real employers from it."
)


def is_embedded_sample(data: str | Path | None = None) -> bool:
    """Whether `data` is a snapshot ingested from the embedded synthetic sample, unchanged."""
    path = resolve_data(data).resolve()
    if not path.is_dir() or path.name not in sample_snapshot_labels():
        return False
    return inputs_unchanged(path, *_sample_files(path.name))
