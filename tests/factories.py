"""Bands built in code for tests: one valid row (the seed posting's facts), frames of rows, and
the hostile strings and report runner the end-to-end tests share."""

import pandas as pd

from analysis.paths import SHARED_SEEDS
from analysis.schema import BANDS_COLUMNS, validate_bands

SEED_FILE = SHARED_SEEDS / "000_f1754a6441fa9514.txt"


def band_row(**overrides) -> dict:
    """One valid bands-table row (the seed posting's facts) with `overrides` applied."""
    row = {column: None for column in BANDS_COLUMNS}
    row.update(
        posting_id="career-page:meta/000",
        band=0,
        snapshot="2026-11-01",
        source="career-page",
        source_file="careers/meta/000.html",
        employer="Meta",
        title="Research Scientist, Machine Learning (PhD)",
        role_family="research scientist",
        level=None,
        track="ic",
        is_phd=True,
        location_raw="Sunnyvale, CA",
        city="Sunnyvale",
        state="CA",
        country="US",
        metro="San Jose-Sunnyvale-Santa Clara, CA",
        is_remote=False,
        pay_text="$117,000/year to $173,000/year + bonus + equity + benefits",
        has_pay=True,
        pay_min=117000.0,
        pay_max=173000.0,
        pay_period="year",
        period_inferred=False,
        currency="USD",
        annual_min=117000.0,
        annual_max=173000.0,
        annual_mid=145000.0,
        is_estimate=False,
        has_bonus=True,
        has_equity=True,
        has_commission=False,
        has_tips=False,
        duplicates=0,
    )
    row.update(overrides)
    return row


# A posting that states no pay: every pay column empty.
NO_PAY = dict(
    has_pay=False,
    pay_min=None,
    pay_max=None,
    pay_period=None,
    currency=None,
    annual_min=None,
    annual_max=None,
    annual_mid=None,
)


def bands_frame(rows: list[dict]) -> pd.DataFrame:
    return validate_bands(pd.DataFrame(rows, columns=BANDS_COLUMNS))


# Strings a hostile posting might carry: markup in titles, employers and places, formulas in cells.
SCRIPT_TITLE = "<script>alert(1)</script>"
HOSTILE_EMPLOYER = "<img src=x onerror=alert(2)>"
FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")"


def run_report(*args: str, timeout: int = 600):
    """`paybands report ARGS` in a fresh process, as a user runs it."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "analysis", "report", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def sparse_store(out, *, n_postings: int = 40, seed: int = 3):
    """A two-snapshot store of `n_postings` postings drawn from the embedded sample: the few
    dozen postings a new user might try first, where groups are thin and sentences must still
    read. Returns the store folder (its newest snapshot is what reports read)."""
    import json
    from pathlib import Path

    import numpy as np

    from analysis.store import QUARANTINE_FILE, ensure_sample_store, list_snapshots

    out = Path(out)
    snapshots = list_snapshots(ensure_sample_store())
    latest = pd.read_parquet(snapshots[-1] / "bands.parquet")
    ids = np.random.default_rng(seed).choice(
        latest["posting_id"].unique(), size=n_postings, replace=False
    )
    for snapshot in snapshots[-2:]:
        bands = pd.read_parquet(snapshot / "bands.parquet")
        bands = bands.loc[bands["posting_id"].isin(ids)].reset_index(drop=True)
        target = out / snapshot.name
        target.mkdir(parents=True, exist_ok=True)
        bands.to_parquet(target / "bands.parquet")
        manifest = json.loads((snapshot / "manifest.json").read_text())
        postings = int(bands["posting_id"].nunique())
        with_pay = int(bands.groupby("posting_id")["has_pay"].any().sum())
        manifest["counts"] = {"records_in": postings, "postings": postings, "bands": len(bands),
                              "postings_with_pay": with_pay, "quarantined": 0,
                              "duplicates_collapsed": 0, "quarantined_by_reason": {}}
        manifest["inputs"] = manifest["inputs"][:3]
        (target / "manifest.json").write_text(json.dumps(manifest))
        pd.read_csv(snapshot / QUARANTINE_FILE).head(0).to_csv(target / QUARANTINE_FILE,
                                                                index=False)
    return out
