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
