"""The role × metro matrix and per-role band table, checked against plain pandas on built frames."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.roles import (
    employer_concentration,
    largest_metros,
    matrix_order,
    reference_premium,
    role_bands,
    role_metro_matrix,
)
from analysis.config import REFERENCE_METRO

AUSTIN = "Austin-Round Rock-San Marcos, TX"
BOSTON = "Boston-Cambridge-Newton, MA-NH"


def cell_rows(role, metro, *, n, employers, mid, tag=None, **overrides):
    """`n` one-band postings of `role` in `metro`, spread over `employers` employers, mid ± 10k."""
    tag = tag or f"{role[:3]}{metro[:3]}"
    rows = []
    for i in range(n):
        value = mid + 10_000 * ((i % 3) - 1)
        rows.append(band_row(
            posting_id=f"t:{tag}{i}", role_family=role, metro=metro,
            employer=f"{tag}-E{i % employers}", pay_min=value - 20_000.0,
            pay_max=value + 20_000.0, annual_min=value - 20_000.0, annual_max=value + 20_000.0,
            annual_mid=float(value), **overrides))
    return rows


@pytest.fixture
def grid():
    """Two roles × three metros; the reference pays least for engineers; one cell empty."""
    return bands_frame(
        cell_rows("software engineer", REFERENCE_METRO, n=30, employers=6, mid=150_000)
        + cell_rows("software engineer", AUSTIN, n=12, employers=4, mid=170_000)
        + cell_rows("software engineer", BOSTON, n=3, employers=3, mid=200_000)
        + cell_rows("recruiter", REFERENCE_METRO, n=25, employers=2, mid=90_000)
        + cell_rows("recruiter", AUSTIN, n=6, employers=2, mid=80_000, tag="dom")
    )


def test_cells_match_a_plain_groupby(market):
    before = market.copy()
    matrix = role_metro_matrix(market)
    expected = market.groupby(["role_family", "metro"]).agg(
        n=("posting_id", "nunique"), employers=("employer", "nunique"),
        mid=("annual_mid", "median"))
    got = matrix.set_index(["role_family", "metro"]).sort_index()
    assert len(matrix) == 4
    assert got["n_postings"].tolist() == expected["n"].tolist()
    assert got["n_employers"].tolist() == expected["employers"].tolist()
    np.testing.assert_allclose(got["median_mid"], expected["mid"])
    pd.testing.assert_frame_equal(market, before)


CELL_FLAGS = [  # role, metro, n_postings, hidden, low_confidence, dominated
    ("software engineer", REFERENCE_METRO, 30, False, False, False),
    ("software engineer", AUSTIN, 12, False, True, False),  # n < 20
    ("software engineer", BOSTON, 3, True, False, False),  # n < 5: hidden
    ("recruiter", REFERENCE_METRO, 25, False, True, True),  # 2 employers, 13 of 25 from one
    ("recruiter", AUSTIN, 6, False, True, False),  # 3 of 6 postings: not more than half
    ("recruiter", BOSTON, 0, True, False, False),  # empty cell kept in the grid
]


@pytest.mark.parametrize(("role", "metro", "n", "hidden", "low", "dominated"), CELL_FLAGS)
def test_cell_flags(grid, role, metro, n, hidden, low, dominated):
    matrix = role_metro_matrix(grid).set_index(["role_family", "metro"])
    cell = matrix.loc[(role, metro)]
    assert cell["n_postings"] == n
    assert (cell["hidden"], cell["low_confidence"], cell["dominated"]) == (hidden, low, dominated)
    assert pd.isna(cell["median_mid"]) == hidden


def test_one_employer_with_most_postings_dominates_its_cell():
    rows = (cell_rows("recruiter", AUSTIN, n=4, employers=1, mid=80_000, tag="big")
            + cell_rows("recruiter", AUSTIN, n=2, employers=2, mid=80_000, tag="small"))
    cell = role_metro_matrix(bands_frame(rows)).iloc[0]
    assert cell["top_employer_share"] == pytest.approx(4 / 6)
    assert cell["dominated"]


def test_reference_is_pinned_first_then_metros_and_roles_by_value(grid):
    matrix = role_metro_matrix(grid)
    roles, metros = matrix_order(matrix)
    assert metros[0] == REFERENCE_METRO  # pinned although its overall median is the lowest
    others = matrix.drop_duplicates("metro").set_index("metro")["metro_median_mid"]
    assert list(others.loc[metros[1:]]) == sorted(others.loc[metros[1:]], reverse=True)
    assert roles == ["software engineer", "recruiter"]
    assert list(dict.fromkeys(matrix["metro"])) == metros  # the table is in display order
    assert list(dict.fromkeys(matrix["role_family"])) == roles


def test_largest_metros_keeps_the_reference(grid):
    assert largest_metros(grid, top=2) == [REFERENCE_METRO, AUSTIN]  # by postings: 55, 18, 3
    assert largest_metros(grid, top=1, reference=BOSTON) == [BOSTON]
    assert largest_metros(grid, top=2, reference=BOSTON) == [REFERENCE_METRO, BOSTON]
    assert largest_metros(grid, top=2, reference="Nowhere, ZZ") == [REFERENCE_METRO, AUSTIN]


def test_concentration_counts_postings_not_bands():
    rows = [band_row(posting_id="t:big", band=b, employer="Big") for b in range(5)]
    rows += [band_row(posting_id=f"t:s{i}", employer=f"S{i}") for i in range(3)]
    top = employer_concentration(bands_frame(rows), by="role_family").iloc[0]
    assert top["top_employer"] == "Big"
    assert top["top_employer_share"] == pytest.approx(1 / 4)


def test_reference_premium_finds_the_built_in_gap(market):
    metros = [REFERENCE_METRO, AUSTIN]
    premium = reference_premium(market, metros=metros, n_boot=300).set_index("role_family")
    medians = market.groupby(["role_family", "metro"])["annual_mid"].median()
    assert list(premium.index) == ["data scientist", "software engineer"]
    for row in premium.itertuples():
        assert row.n_reference == row.n_other == 150
        expected = medians[(row.Index, REFERENCE_METRO)] / medians[(row.Index, AUSTIN)] - 1
        assert row.premium == pytest.approx(expected)
        assert 0.15 < row.premium_low < row.premium < row.premium_high < 0.40  # built in: 1.25×
        assert row.clear


def test_reference_premium_within_noise_and_small_n(grid):
    same = bands_frame(
        cell_rows("data analyst", REFERENCE_METRO, n=30, employers=5, mid=100_000)
        + cell_rows("data analyst", AUSTIN, n=30, employers=5, mid=100_000))
    row = reference_premium(same, metros=[REFERENCE_METRO, AUSTIN], n_boot=300).iloc[0]
    assert row["premium"] == 0 and not row["clear"]
    small = reference_premium(grid, metros=[REFERENCE_METRO, BOSTON], n_boot=50)
    engineers = small.set_index("role_family").loc["software engineer"]
    assert engineers["small_n"] and pd.isna(engineers["premium"])


def test_role_bands_counts_flags_per_posting_and_widens_small_n(grid):
    flagged = grid.assign(has_bonus=grid["posting_id"].str.endswith(("0", "5")),
                          has_equity=False)
    table = role_bands(flagged, n_boot=50).set_index("role_family")
    postings = flagged.drop_duplicates("posting_id")
    expected = postings.groupby("role_family")["has_bonus"].mean()
    assert table["share_bonus"].to_dict() == pytest.approx(expected.to_dict())
    assert (table["share_equity"] == 0).all()
    assert table.loc["recruiter", "n_employers"] == 4
    two_employers = role_bands(bands_frame(
        cell_rows("recruiter", AUSTIN, n=10, employers=2, mid=90_000)), n_boot=50)
    assert two_employers["small_n"].all()
    assert list(table.index) == ["software engineer", "recruiter"]
