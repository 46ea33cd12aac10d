"""Every path the project uses, built from the package's location (never the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(__file__).resolve().parent / "data"

DATA = ROOT / "data"
SAMPLE = DATA / "sample"  # the embedded default dataset (committed, synthetic)
SNAPSHOTS = DATA / "snapshots"  # the default store of `paybands ingest`: the user's data
# The embedded sample's snapshots, generated from SAMPLE on first use: never the user's store,
# so their postings are never compared with the synthetic ones.
SAMPLE_STORE = DATA / "sample_snapshots"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"

# The real public data beside the project (tests and benchmarks only; never copied in).
SHARED_REAL = ROOT.parent / "shared" / "data" / "real"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
