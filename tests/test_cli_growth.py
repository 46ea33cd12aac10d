"""`paybands growth OLD NEW`: the growth table as CSV, its options and its usage errors."""

import io
import itertools

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.growth import CELLS
from analysis.cli import _parser, main

CELL_PAY = {  # (role family, level, metro): midpoint in the old snapshot
    ("data scientist", "mid", "Austin-Round Rock-San Marcos, TX"): 110_000,
    ("data scientist", "senior", "Austin-Round Rock-San Marcos, TX"): 140_000,
    ("data scientist", "mid", "San Jose-Sunnyvale-Santa Clara, CA"): 160_000,
    ("data scientist", "senior", "San Jose-Sunnyvale-Santa Clara, CA"): 200_000,
    ("recruiter", "mid", "Austin-Round Rock-San Marcos, TX"): 80_000,
    ("recruiter", "mid", "San Jose-Sunnyvale-Santa Clara, CA"): 105_000,
}
EMPLOYERS = [f"Employer {i}" for i in range(6)]


def _snapshot(folder, *, factor, senior_extra):
    """Six postings per cell (one per employer, each employer's own premium), every cell paid
    `factor` x the old midpoint; `senior_extra` more San Jose senior postings shift the mix."""
    rng = np.random.default_rng(int(factor * 100) + senior_extra)
    rows = []
    for (role, level, metro), pay in CELL_PAY.items():
        extra = senior_extra if (level, metro[:8]) == ("senior", "San Jose") else 0
        for i, employer in itertools.islice(enumerate(itertools.cycle(EMPLOYERS)), 6 + extra):
            mid = round(pay * factor * (1 + 0.02 * (i % 6)) * np.exp(rng.normal(0, 0.01)), 2)
            rows.append(band_row(
                posting_id=f"{folder.name}/{role}/{level}/{metro[:3]}/{i}", snapshot=folder.name,
                employer=employer, role_family=role, level=level, metro=metro,
                annual_min=mid * 0.9, annual_max=mid * 1.1, annual_mid=mid, pay_min=mid * 0.9,
                pay_max=mid * 1.1))
    folder.mkdir(parents=True)
    bands_frame(rows).to_parquet(folder / "bands.parquet")
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("growth_store")
    return (_snapshot(root / "2026-10-01", factor=1.0, senior_extra=0),
            _snapshot(root / "2026-11-01", factor=1.04, senior_extra=40))


def _growth(capsys, *args) -> pd.DataFrame:
    assert main(["growth", *map(str, args)]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_growth_prints_the_overall_row_then_groups(store, capsys):
    old, new = store
    table = _growth(capsys, old, new, "--by", "metro")
    assert list(table.columns[:6]) == ["group", "metro", "growth_pct", "growth_pct_low",
                                       "growth_pct_high", "cells"]
    assert {"raw_growth_pct", "mix_effect_pct", "postings_old", "postings_new"} <= set(table)
    assert list(table["group"]) == ["all", "Austin-Round Rock-San Marcos, TX",
                                    "San Jose-Sunnyvale-Santa Clara, CA"]
    overall = table.iloc[0]
    assert overall["cells"] == len(CELL_PAY) and overall["employers"] == len(EMPLOYERS)
    assert overall["growth_pct"] == pytest.approx(0.04, abs=0.005)
    assert overall["growth_pct_low"] <= 0.04 <= overall["growth_pct_high"]
    assert overall["raw_growth_pct"] > 0.2  # 40 more San Jose seniors lift the raw median
    assert overall["growth_pct"] == round(overall["growth_pct"], 4)  # rounded unless --exact


def test_growth_options_cells_min_postings_and_currency(store, capsys):
    old, new = store
    by_role = _growth(capsys, old, new, "--cells", "role_family")
    assert by_role["cells"].iloc[0] == 2
    strict = _growth(capsys, old, new, "--min-postings", "7")
    assert strict["cells"].iloc[0] == 0 and np.isnan(strict["growth_pct"].iloc[0])
    assert main(["growth", str(old), str(new), "--currency", "GBP"]) == 0
    printed = capsys.readouterr()
    pounds = pd.read_csv(io.StringIO(printed.out))
    assert pounds["postings_new"].iloc[0] == 0 and pounds["cells"].iloc[0] == 0
    assert "paybands growth: warning:" in printed.err and "GBP" in printed.err


def test_growth_usage_errors_exit_2_naming_the_closest(store, capsys):
    old, new = store
    assert main(["growth", str(old), str(new), "--by", "metroo"]) == 2
    assert "did you mean 'metro'" in capsys.readouterr().err
    assert main(["growth", str(old), str(new), "--min-postings", "0"]) == 2
    assert main(["growth", str(old), str(old.parent / "2026-12-01")]) == 2
    assert "2026-12-01" in capsys.readouterr().err


def test_the_default_cells_are_the_analysis_defaults():
    args = _parser().parse_args(["growth", "a", "b"])
    assert args.cells.split(",") == list(CELLS)
