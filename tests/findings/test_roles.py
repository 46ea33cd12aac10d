"""Report 02's facts: role ranking and lead, metro leads, concentration, and the role table."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.roles import role_bands, role_metro_matrix
from analysis.config import REFERENCE_METRO
from analysis.findings.roles import ROLE_TABLE_COLUMNS, metro_facts, role_facts, role_table
from analysis.schema import empty_bands

AUSTIN = "Austin-Round Rock-San Marcos, TX"
BOSTON = "Boston-Cambridge-Newton, MA-NH"


def postings(role, *, n, mid, metro=REFERENCE_METRO, employers=5, half_width=20_000,
             tag=None, **overrides):
    """`n` one-band postings of `role`, spread over `employers` employers, mid ± 5k."""
    tag = tag or f"{role[:4]}{metro[:4]}"
    rows = []
    for i in range(n):
        value = mid + 5_000 * ((i % 3) - 1)
        low, high = value - half_width, value + half_width
        rows.append(band_row(
            posting_id=f"t:{tag}{i}", role_family=role, metro=metro,
            employer=f"{tag}-E{i % employers}", pay_min=float(low), pay_max=float(high),
            annual_min=float(low), annual_max=float(high), annual_mid=float(value),
            has_bonus=False, has_equity=False, **overrides))
    return rows


def facts_of(bands, focus_role="data scientist", n_boot=300):
    roles = role_bands(bands, n_boot=50)
    return roles, role_facts(bands, roles=roles, focus_role=focus_role, n_boot=n_boot)


@pytest.fixture
def three_roles():
    """Three roles far apart in pay, one too concentrated to rank, and an unmapped posting."""
    return bands_frame(
        postings("product manager", n=30, mid=200_000, half_width=40_000)
        + postings("data scientist", n=30, mid=130_000, half_width=10_000)
        + postings("recruiter", n=30, mid=80_000, employers=2)
        + postings("it support", n=3, mid=60_000)  # too few postings: not ranked
        + [band_row(posting_id="t:nobody", role_family=None, has_bonus=True, has_equity=True)]
    )


def test_top_bottom_and_middle_of_the_ranked_roles(three_roles):
    before = three_roles.copy()
    roles, facts = facts_of(three_roles)
    # recruiter (2 employers) and it support (3 postings) are small_n: not ranked
    assert list(facts.shown["role_family"]) == ["product manager", "data scientist"]
    assert facts.top["role_family"] == "product manager"
    assert facts.bottom["role_family"] == "data scientist"
    assert facts.middle["role_family"] == "data scientist"  # two roles: not the top itself
    assert facts.ranked and facts.n_roles == len(roles) == 4
    pd.testing.assert_frame_equal(three_roles, before)


def test_the_lead_is_the_top_median_over_the_middle_median(three_roles):
    _, facts = facts_of(three_roles)
    medians = three_roles.groupby("role_family")["annual_mid"].median()
    expected = (medians["product manager"] / medians["data scientist"] - 1) * 100
    assert facts.lead == pytest.approx(expected)
    assert 0 < facts.lead_low <= facts.lead <= facts.lead_high
    assert facts.lead_is_clear


def test_a_lead_inside_its_interval_is_not_clear():
    bands = bands_frame(
        postings("product manager", n=20, mid=100_000) + postings("data analyst", n=20,
                                                                  mid=100_000))
    _, facts = facts_of(bands)
    assert facts.lead == pytest.approx(0)
    assert facts.lead_low <= 0 and not facts.lead_is_clear


def test_focus_rank_spread_and_counts(three_roles):
    _, facts = facts_of(three_roles, focus_role="recruiter")
    assert facts.focus["role_family"] == "recruiter"
    assert facts.focus_rank == 3  # ranked among all roles, small ones included
    assert facts.widest["role_family"] == "product manager"  # ±40k on 200k
    assert facts.narrowest["role_family"] == "data scientist"  # ±10k on 130k
    assert (facts.n_postings, facts.unmapped) == (93, 1)
    assert facts.n_employers == 5 + 5 + 2 + 3
    assert facts.offer_share == 0  # only the unmapped posting mentions a bonus


def test_concentration_uses_roles_with_enough_postings(three_roles):
    _, facts = facts_of(three_roles)
    # recruiter: 15 of 30 postings from one employer is not more than half
    assert facts.concentrated.empty
    assert facts.most_concentrated["role_family"] == "recruiter"
    skewed = bands_frame(postings("recruiter", n=10, mid=80_000, employers=1, tag="big")
                         + postings("recruiter", n=5, mid=80_000, tag="small"))
    _, facts = facts_of(skewed)
    assert list(facts.concentrated["role_family"]) == ["recruiter"]


def test_no_focus_and_no_data_are_stated_not_raised():
    _, facts = facts_of(bands_frame(postings("recruiter", n=10, mid=80_000)),
                        focus_role="astronaut")
    assert facts.focus is None and facts.focus_rank == 0
    assert not facts.ranked and np.isnan(facts.lead) and not facts.lead_is_clear
    _, empty = facts_of(empty_bands())
    assert empty.top is None and empty.n_postings == 0 and np.isnan(empty.offer_share)


@pytest.fixture
def grid():
    """Engineers in three metros (the reference highest), recruiters in one metro only."""
    return bands_frame(
        postings("software engineer", n=25, mid=200_000)
        + postings("software engineer", n=25, mid=150_000, metro=AUSTIN)
        + postings("software engineer", n=3, mid=300_000, metro=BOSTON)  # hidden: n < 5
        + postings("recruiter", n=8, mid=90_000, metro=AUSTIN, employers=1)  # dominated
        + postings("recruiter", n=8, mid=90_000, metro=None, is_remote=True, tag="remote")
    )


def test_metro_facts_count_leads_and_cells(grid):
    matrix = role_metro_matrix(grid)
    facts = metro_facts(grid, matrix=matrix, focus_role="software engineer", n_boot=300)
    assert facts.metros == [REFERENCE_METRO, BOSTON, AUSTIN] and facts.reference_shown  # by median
    # recruiter has one shown cell, so only engineers are compared across metros
    assert list(facts.leaders["role_family"]) == ["software engineer"]
    assert facts.reference_leads == 1
    assert facts.top_cell["metro"] == REFERENCE_METRO
    assert (facts.n_cells, facts.hidden_cells) == (6, 3)  # Boston engineers, two empty cells
    assert facts.low_confidence_cells == int(matrix["low_confidence"].sum()) == 1
    assert facts.dominated_cells == 1
    assert facts.n_postings == 25 + 25 + 3 + 8  # remote postings have no metro
    assert (facts.rated, facts.clear_leads) == (1, 1)
    assert facts.focus_premium["n_reference"] == 25 and facts.focus_lead_is_clear


def test_metro_facts_without_the_reference_or_focus(grid):
    away = grid.loc[grid["metro"] != REFERENCE_METRO]
    facts = metro_facts(away, matrix=role_metro_matrix(away), focus_role="astronaut", n_boot=50)
    assert not facts.reference_shown and facts.reference_leads == 0
    assert facts.focus_premium is None and not facts.focus_lead_is_clear
    assert facts.top_cell is None  # Boston's engineers are hidden: nothing compared
    assert facts.rated == 0


def test_role_table_blanks_small_groups_but_keeps_their_counts(three_roles):
    roles = role_bands(three_roles, n_boot=50)
    table = role_table(roles).set_index("Role family")
    assert list(table.reset_index().columns) == list(ROLE_TABLE_COLUMNS.values())
    assert table.loc["recruiter", "Postings"] == 30
    assert table.loc[["recruiter", "it support"], "Median mid"].isna().all()
    assert table.loc[["recruiter", "it support"], "Median spread"].isna().all()
    assert table.loc["product manager", "Median mid"] == pytest.approx(200_000)
    assert roles["annual_mid_median"].notna().all()  # the input is left as it was
