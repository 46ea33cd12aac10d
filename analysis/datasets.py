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
    ingest,
    inputs_unchanged,
    list_snapshots,
    read_bands,
    read_manifest,
)


def sample_snapshot_labels() -> list[str]:
    """Labels of the embedded sample's snapshots (its dated folders), oldest first."""
    return sorted(p.name for p in SAMPLE.iterdir() if p.is_dir() and p.name[:1].isdigit())


def ensure_sample_store(*, store: Path = SNAPSHOTS, progress: bool = False) -> Path:
    """Ingest every sample snapshot missing from `store` or stale against its raw files."""
    from analysis.adapters import discover_files

    for label in sample_snapshot_labels():
        raw = SAMPLE / label
        files = discover_files([raw])
        names = [f.relative_to(raw).as_posix() for f in files]
        target = store / label
        if not (target / MANIFEST_FILE).exists() or not inputs_unchanged(target, files, names):
            ingest([raw], snapshot=label, out=store, progress=progress)
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
