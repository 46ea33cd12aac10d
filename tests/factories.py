"""Bands built in code for tests: one valid row (the seed posting's facts), frames of rows, and
the hostile strings and report runner the end-to-end tests share."""

import numpy as np
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
        soc_code="15-1221",
        occupation="Computer and Information Research Scientists",
        title_method="role pattern",
        location_raw="Sunnyvale, CA",
        city="Sunnyvale",
        state="CA",
        county="Santa Clara County",
        country="US",
        metro="San Jose-Sunnyvale-Santa Clara, CA",
        is_remote=False,
        is_hybrid=False,
        n_places=1,
        place_method="city, state",
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


def ladder_row(i, family, level, track, low, high, **extra) -> dict:
    """A closed annual band [low, high] of posting p`i` in `family` at `level` on `track`."""
    return band_row(posting_id=f"p{i}", role_family=family, level=level, track=track,
                    pay_min=float(low), pay_max=float(high), annual_min=float(low),
                    annual_max=float(high), annual_mid=(low + high) / 2, **extra)


def planted_ladder_bands(mids: dict[str, tuple[float, int, int]]) -> pd.DataFrame:
    """Bands of a one-family ("x", ic) ladder whose `level` has n postings from e employers, all
    at `mid` ± 10%, so medians, steps and overlaps are known exactly: {level: (mid, n, e)}."""
    rows, i = [], 0
    for level, (mid, n, employers) in mids.items():
        for k in range(n):
            rows.append(ladder_row(i, "x", level, "ic", mid * 0.9, mid * 1.1,
                                   employer=f"E{k % employers}"))
            i += 1
    return bands_frame(rows)


def planted_ladder(mids: dict[str, tuple[float, int, int]]) -> pd.DataFrame:
    """The selected ladder of the planted family of `mids` (see `planted_ladder_bands`)."""
    from analysis.analyses.ladder import level_ladder, select_ladder

    return select_ladder(level_ladder(planted_ladder_bands(mids)), role_family="x", track="ic")


SJ = "San Jose-Sunnyvale-Santa Clara, CA"


def peer_band(pid, low, high, **extra) -> dict:
    """A closed annual band [low, high] of posting `pid`, in Sunnyvale's metro by default."""
    extra.setdefault("metro", SJ)
    return band_row(posting_id=pid, pay_min=float(low), pay_max=float(high),
                    annual_min=float(low), annual_max=float(high), annual_mid=(low + high) / 2,
                    **extra)


def peer_rows(prefix, n, *, start=100_000, step=10_000, **extra) -> list[dict]:
    """n peers with mins start, start+step, ... and max = min + 50k."""
    return [peer_band(f"{prefix}{i}", start + i * step, start + i * step + 50_000, **extra)
            for i in range(n)]


def peer_market(n, *, employers=None, **extra) -> list[dict]:
    """n research-scientist peers in Sunnyvale's metro, spread over `employers` (default n)."""
    rows = peer_rows("peer", n, **extra)
    for i, row in enumerate(rows):
        row["employer"] = f"E{i % (employers or n)}"
    return rows


def group_shifts_frame() -> pd.DataFrame:
    """A group_shifts-shaped frame with one group per reading: up (beyond noise), flat, tiny (no
    interval), new and gone."""
    return pd.DataFrame(
        [
            ("up", 50, 60, 100_000.0, 110_000.0, 0.04, 0.16, False),
            ("flat", 80, 80, 100_000.0, 101_000.0, -0.05, 0.07, True),
            ("tiny", 3, 4, 90_000.0, 80_000.0, np.nan, np.nan, True),
            ("new", 0, 9, np.nan, 120_000.0, np.nan, np.nan, True),
            ("gone", 7, 0, 95_000.0, np.nan, np.nan, np.nan, True),
        ],
        columns=["metro", "n_old", "n_new", "median_old", "median_new", "change_low",
                 "change_high", "within_noise"],
    ).assign(change=lambda d: d["median_new"] / d["median_old"] - 1)


# --- Planted markets with employer pay policies (issue 13's coverage checks) ------------------

PLANTED_METROS = {  # metro -> pay factor; Sunnyvale pays exactly 1.25 x Austin everywhere
    "San Jose-Sunnyvale-Santa Clara, CA": 1.25,
    "Austin-Round Rock-San Marcos, TX": 1.0,
    "Seattle-Tacoma-Bellevue, WA": 1.2,
    "Denver-Aurora-Centennial, CO": 1.05,
}
PLANTED_LEVELS = {"entry": 1.0, "mid": 1.3, "senior": 1.7}
PLANTED_FAMILIES = {"software engineer": 1.0, "data scientist": 0.95, "product manager": 1.05}


def planted_employer_market(
    seed: int,
    *,
    metros: dict[str, float] = PLANTED_METROS,
    employers_per_metro: int = 7,
    employer_sd: float = 0.18,
    posting_sd: float = 0.10,
    postings_per_employer: float = 6.0,
    base: float = 100_000.0,
    raise_by: float = 1.0,
    employer_effects: dict[str, float] | None = None,
    levels: dict[str, float] = PLANTED_LEVELS,
    families: dict[str, float] = PLANTED_FAMILIES,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """A market where employers set bands: each employer has its own log pay premium
    (sd `employer_sd`) shared by all its postings, on top of metro x level x role pay.

    Returns the bands (the columns the analyses read; not schema-validated, for speed) and the
    employer effects drawn, so a second snapshot of the same employers can be planted with
    `employer_effects` and `raise_by` (every posting's pay x raise_by). Mixes of level and role
    are the same in every metro, so raw and adjusted indices share the truth.
    """
    rng = np.random.default_rng(seed)
    effects = dict(employer_effects or {})
    rows = []
    for m, (metro, factor) in enumerate(metros.items()):
        for e in range(employers_per_metro):
            employer = f"M{m}E{e}"
            effect = effects.setdefault(employer, float(rng.normal(0, employer_sd)))
            for p in range(1 + rng.poisson(postings_per_employer - 1)):
                level = rng.choice(list(levels))
                family = rng.choice(list(families))
                mid = (base * factor * raise_by * levels[level] * families[family]
                       * np.exp(effect + rng.normal(0, posting_sd)))
                rows.append((f"{employer}-{p}-{raise_by}", employer, metro, level, family,
                             mid * 0.85, mid, mid * 1.15))
    bands = pd.DataFrame(rows, columns=["posting_id", "employer", "metro", "level", "role_family",
                                        "annual_min", "annual_mid", "annual_max"])
    bands = bands.assign(band=0, has_pay=True, currency="USD", country="US")
    return bands, effects
