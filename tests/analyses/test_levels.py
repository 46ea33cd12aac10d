"""Hidden-level inference: a planted three-level ladder is recovered; input untouched."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.levels import infer_levels, inferred_membership, kmeans_1d

PLANTED = (120_000, 160_000, 215_000)


def _ladder_rows(mids, *, n=10, sigma=0.04, seed=11, employer="Acme", stated=None):
    rng = np.random.default_rng(seed)
    rows = []
    for level_index, center in enumerate(mids):
        for i in range(n):
            mid = center * rng.lognormal(0, sigma)
            low, high = round(mid * 0.85), round(mid * 1.15)
            rows.append(
                band_row(
                    posting_id=f"{employer}:{level_index}:{i}",
                    employer=employer,
                    role_family="software engineer",
                    level=stated[level_index] if stated else None,
                    pay_min=float(low),
                    pay_max=float(high),
                    annual_min=float(low),
                    annual_max=float(high),
                    annual_mid=(low + high) / 2,
                )
            )
    return rows


def test_recovers_planted_three_levels():
    bands = bands_frame(_ladder_rows(PLANTED, stated=["mid", "senior", "staff"]))
    before = bands.copy()
    out = infer_levels(bands)
    pd.testing.assert_frame_equal(bands, before)  # input unchanged, level column untouched
    assert len(out) == 3 and (out["n_clusters"] == 3).all()
    assert out["cluster"].tolist() == [0, 1, 2]
    assert out["n_postings"].tolist() == [10, 10, 10]
    for got, planted in zip(out["annual_mid_median"], PLANTED, strict=True):
        assert abs(got / planted - 1) < 0.05
    assert out["stated_levels"].tolist() == ["mid", "senior", "staff"]  # one stated level each
    assert out["confidence"].between(0, 1).all() and (out["confidence"] > 0.5).all()
    assert out["silhouette"].iloc[0] > 0.5
    assert "level" not in out.columns and out["inferred_level"].tolist() == ["L1", "L2", "L3"]

    members = inferred_membership(bands)
    planted_level = members["posting_id"].str.split(":").str[1].astype(int)
    assert (members["inferred_cluster"] == planted_level).all()


def test_single_level_group_is_one_cluster():
    out = infer_levels(bands_frame(_ladder_rows((150_000,), n=15)))
    assert len(out) == 1 and out["cluster"].item() == 0 and out["n_clusters"].item() == 1
    assert 0 <= out["confidence"].item() <= 1
    assert np.isnan(out["silhouette"].item())


def test_groups_small_groups_and_identical_bands():
    rows = _ladder_rows(PLANTED, employer="Acme")
    rows += _ladder_rows((100_000,), n=4, employer="Tiny")  # below min_postings: skipped
    rows += [
        band_row(posting_id=f"Same:{i}", employer="Same", annual_mid=145_000.0) for i in range(8)
    ]  # identical bands: one cluster, finite likelihood
    out = infer_levels(bands_frame(rows))
    assert set(out["employer"]) == {"Acme", "Same"}
    assert (out.loc[out["employer"] == "Acme", "n_clusters"] == 3).all()
    assert out.loc[out["employer"] == "Same", "n_clusters"].tolist() == [1]
    assert out["confidence"].between(0, 1).all()


def test_kmeans_1d_is_optimal_on_small_input():
    x = np.array([1.0, 1.1, 5.0, 5.2, 9.0, 9.1, 9.3])
    assert kmeans_1d(x, 3).tolist() == [0, 0, 1, 1, 2, 2, 2]
    assert kmeans_1d(x[::-1], 3).tolist() == [2, 2, 2, 1, 1, 0, 0]
    assert kmeans_1d(x, 4, min_size=2) is None
    assert kmeans_1d(x, 1).tolist() == [0] * 7


@pytest.mark.parametrize("max_levels", [1, 2])
def test_max_levels_caps_k(max_levels):
    out = infer_levels(bands_frame(_ladder_rows(PLANTED)), max_levels=max_levels)
    assert out["n_clusters"].max() <= max_levels
