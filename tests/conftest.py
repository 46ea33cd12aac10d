"""Shared fixtures: bands frames built in code, and the real data beside the project if present."""

import numpy as np
import pandas as pd
import pytest
from factories import (
    FORMULA_TITLE,
    HOSTILE_EMPLOYER,
    SCRIPT_TITLE,
    SEED_FILE,
    band_row,
    bands_frame,
    planted_ladder,
    run_report,
)

from analysis.paths import SHARED_REAL


@pytest.fixture
def market() -> pd.DataFrame:
    """A seeded synthetic market: Sunnyvale's metro pays 1.25× Austin's, employers vary."""
    rng = np.random.default_rng(7)
    rows = []
    metros = {"San Jose-Sunnyvale-Santa Clara, CA": 1.25, "Austin-Round Rock-San Marcos, TX": 1.0}
    for metro, factor in metros.items():
        for i in range(300):
            mid = 150_000 * factor * rng.lognormal(0, 0.1)
            low, high = round(mid * 0.85), round(mid * 1.15)
            rows.append(
                band_row(
                    posting_id=f"x:{metro[:5]}{i}",
                    metro=metro,
                    employer=f"E{i % 12}",
                    role_family=["software engineer", "data scientist"][i % 2],
                    pay_min=float(low),
                    pay_max=float(high),
                    annual_min=float(low),
                    annual_max=float(high),
                    annual_mid=(low + high) / 2,
                )
            )
    return bands_frame(rows)


@pytest.fixture
def real_dir():
    if not SHARED_REAL.is_dir():
        pytest.skip(f"real data not present at {SHARED_REAL}")
    return SHARED_REAL


@pytest.fixture
def seed_file():
    if not SEED_FILE.exists():
        pytest.skip(f"seed posting not present at {SEED_FILE}")
    return SEED_FILE


@pytest.fixture(scope="session")
def suite_reports(tmp_path_factory):
    """The whole suite run once on the embedded sample: (reports dir, figures dir, result)."""
    root = tmp_path_factory.mktemp("suite")
    out, figures = root / "reports", root / "figures"
    result = run_report("--out", str(out), "--figures", str(figures))
    assert result.returncode == 0, result.stderr[-3000:]
    return out, figures, result


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    """The sample's two snapshots with hostile strings planted in titles, employers and a metro.

    The seed posting (report 05's default) gets the script title; its employer is renamed
    everywhere; one posting of each snapshot gets a spreadsheet formula as its title.
    """
    import shutil

    from analysis.store import list_snapshots, read_bands, resolve_data

    store = tmp_path_factory.mktemp("hostile") / "store"
    for snapshot in list_snapshots(resolve_data(None).parent):
        target = store / snapshot.name
        shutil.copytree(snapshot, target)
        bands = read_bands(snapshot)
        seed = bands["source_file"].str.contains("1107338720995841", regex=False)
        bands.loc[seed, "title"] = SCRIPT_TITLE
        bands.loc[bands["employer"] == "Meta", "employer"] = HOSTILE_EMPLOYER
        first = bands["posting_id"] == bands.loc[~seed, "posting_id"].iloc[0]
        bands.loc[first, "title"] = FORMULA_TITLE
        bands.to_parquet(target / "bands.parquet", index=False)
    return store


@pytest.fixture(scope="session")
def hostile_reports(hostile_store, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-reports")
    out, figures = root / "reports", root / "figures"
    result = run_report(str(hostile_store), "--out", str(out), "--figures", str(figures))
    assert result.returncode == 0, result.stderr[-3000:]
    return out, figures


@pytest.fixture
def planted():
    """A one-family ladder with known steps: entry → mid +20%, mid → senior +50%,
    senior → staff +10%; staff rests on 4 postings."""
    return planted_ladder({
        "entry": (100_000, 30, 6),
        "mid": (120_000, 25, 5),
        "senior": (180_000, 12, 2),
        "staff": (198_000, 4, 4),
    })
