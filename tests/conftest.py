"""Shared fixtures: bands frames built in code, and the real data beside the project if present."""

import numpy as np
import pandas as pd
import pytest

from analysis.paths import SHARED_REAL, SHARED_SEEDS
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

    from analysis.datasets import resolve_data
    from analysis.snapshot import list_snapshots, read_bands

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
