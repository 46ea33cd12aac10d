"""Report 02's words and facts: role ranking and lead, metro leads, concentration, the role
table, and every finding and caption against the frames its charts plot."""

import re

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.compare import compare_groups
from analysis.analyses.roles import role_bands, role_metro_matrix
from analysis.analyses.summary import comparable_bands
from analysis.config import REFERENCE_METRO, SMALL_N
from analysis.findings.roles import (
    METRO_CHART,
    ROLE_TABLE_COLUMNS,
    ROLES_CHART,
    metro_facts,
    role_facts,
    role_table,
    roles_text,
)
from analysis.findings.wording import percent
from analysis.formats import money, money_range, short_metro
from analysis.schema import empty_bands

BAD = re.compile(r"\b0 of 0\b|\bnan\b|\bNone\b|–%|\bNaN\b")

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


# --- roles_text: the report's words against the frames behind its charts -----------------------


@pytest.fixture
def market():
    """Three roles in two metros with noisy pay (seeded), plus a thin role and a thin cell."""
    rng = np.random.default_rng(11)
    rows = []
    for role, mid in [("product manager", 190_000), ("data scientist", 140_000),
                      ("recruiter", 85_000)]:
        for metro, factor, n in [(REFERENCE_METRO, 1.25, 20), (AUSTIN, 1.0, 25),
                                 (BOSTON, 1.05, 8)]:
            tag = f"{role[:3]}{metro[:3]}"
            rows += [dict(r, annual_mid=float(v), annual_min=float(v - 20_000),
                          annual_max=float(v + 20_000), pay_min=float(v - 20_000),
                          pay_max=float(v + 20_000))
                     for r, v in zip(postings(role, n=n, mid=mid, metro=metro, tag=tag),
                                     mid * factor * rng.uniform(0.9, 1.1, n), strict=True)]
    rows += postings("it support", n=3, mid=60_000, tag="its")
    return bands_frame(rows)


def text_of(bands, *, focus_role="data scientist", n_boot=200):
    roles = role_bands(bands, n_boot=50)
    matrix = role_metro_matrix(bands)
    text = roles_text(bands, roles=roles, matrix=matrix, focus_role=focus_role,
                      snapshot="2026-11-01", n_boot=n_boot)
    return text, roles, matrix


def words(text):
    out = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values()]
    out += [f.sentence for f in text.findings]
    for caption in text.captions.values():
        out += [caption.title, caption.subtitle, caption.alt, caption.source]
    return out


def by_kind(text):
    return {f.kind: f for f in text.findings}


def test_role_findings_state_the_numbers_chart_1_plots(market):
    text, roles, _ = text_of(market)
    found = by_kind(text)
    shown = roles.loc[~roles["small_n"]].reset_index(drop=True)
    top, middle, bottom = shown.iloc[0], shown.iloc[len(shown) // 2], shown.iloc[-1]
    lead = found["role lead"]
    assert lead.subject == top["role_family"] == "product manager"
    assert (lead.n, lead.employers) == (top["n_postings"], top["n_employers"])
    with_role = comparable_bands(market).dropna(subset=["role_family"])
    gap = compare_groups(with_role, across="role_family", reference=middle["role_family"],
                         n_boot=200).set_index("role_family").loc[top["role_family"]]
    assert lead.value == pytest.approx(gap["index"] / 100 - 1)
    assert lead.interval == pytest.approx((gap["index_low"] / 100 - 1,
                                           gap["index_high"] / 100 - 1))
    assert money(top["annual_mid_median"]) in lead.sentence
    assert f"{percent(lead.value)} above the median role family" in lead.sentence
    assert f"{lead.interval[0]:+.0%} to {lead.interval[1]:+.0%}" in lead.sentence
    low = found["lowest role"]
    assert low.subject == bottom["role_family"] == "recruiter"
    assert low.value == pytest.approx(bottom["annual_mid_median"])
    assert (low.n, low.employers) == (bottom["n_postings"], bottom["n_employers"])
    ratio = top["annual_mid_median"] / bottom["annual_mid_median"]
    assert f"{ratio:.1f}×" in low.sentence
    focus = found["focus role"]
    row = roles.set_index("role_family").loc["data scientist"]
    assert focus.value == pytest.approx(row["annual_mid_median"])
    assert (focus.n, focus.employers) == (row["n_postings"], row["n_employers"])
    assert money_range(row["annual_min_median"], row["annual_max_median"]) in focus.sentence
    assert "ranks 2 of 4" in focus.sentence
    assert text.title.startswith("Product manager postings sit highest")
    caption = text.captions[ROLES_CHART]
    assert caption.title == (
        f"Product manager bands sit highest, recruiter lowest: median midpoints "
        f"{money(top['annual_mid_median'])} and {money(bottom['annual_mid_median'])}")
    assert f"n = {market['posting_id'].nunique()} postings" in caption.subtitle
    assert all(not BAD.search(w) for w in words(text))


def test_metro_findings_state_the_numbers_chart_2_plots(market):
    text, _, matrix = text_of(market)
    found = by_kind(text)
    shown = matrix.loc[~matrix["hidden"]]
    compared = shown.groupby("role_family").filter(lambda g: len(g) >= 2)
    leaders = compared.sort_values("median_mid").groupby("role_family").tail(1)
    leads = int(leaders["is_reference"].sum())
    metro = found["metro lead"]
    assert metro.value == leads == 3
    in_metros = market.loc[market["metro"].isin(matrix["metro"])]
    assert metro.n == in_metros["posting_id"].nunique()
    assert f"all {len(leaders)} role families" in metro.sentence
    cells = found["hidden cells"]
    assert cells.value == matrix["hidden"].sum()
    assert cells.sentence.startswith(f"**{int(matrix['hidden'].sum())} of {len(matrix)} role")
    assert matrix["low_confidence"].sum() == 3  # Boston's cells: n=8
    assert "; 3 more cells are drawn lighter" in cells.sentence
    assert text.captions[METRO_CHART].title == (
        f"{short_metro(REFERENCE_METRO)} posts the highest median in all 3 role families")
    assert text.notes == {}


@pytest.mark.parametrize("case", ["empty", "no pay", "one role", "two roles", "few employers",
                                  "no reference"])
def test_sparse_data_still_reads(case):
    bands = {
        "empty": empty_bands,
        "no pay": lambda: bands_frame([band_row(posting_id=f"n{i}", **NO_PAY)
                                       for i in range(4)]),
        "one role": lambda: bands_frame(postings("recruiter", n=6, mid=80_000)),
        "two roles": lambda: bands_frame(postings("recruiter", n=6, mid=80_000)
                                         + postings("data scientist", n=2, mid=130_000)),
        "few employers": lambda: bands_frame(postings("recruiter", n=9, mid=80_000, employers=2)
                                             + postings("data scientist", n=9, mid=130_000,
                                                        employers=1)),
        "no reference": lambda: bands_frame(postings("recruiter", n=6, mid=80_000,
                                                     metro=AUSTIN)),
    }[case]()
    text, roles, matrix = text_of(bands, n_boot=50)
    assert 3 <= len(text.findings) <= 5
    for sentence in words(text):
        assert not BAD.search(sentence), sentence
    ranking = text.findings[0]
    assert ranking.kind == "role ranking"  # never a lead on this little data
    assert ranking.confidence in ("too few", "none")
    assert text.title == "Too few role families with enough postings to rank"
    assert by_kind(text)["focus role"].confidence in ("too few", "none")
    assert by_kind(text)["metro lead"].confidence in ("too few", "none")
    if not len(roles):
        assert ROLES_CHART in text.notes and METRO_CHART in text.notes
    if case == "one role":
        assert text.captions[ROLES_CHART].title.startswith("Only recruiter has enough postings")
        assert by_kind(text)["hidden cells"].sentence == (
            "**No role × metro cell has fewer than 5 postings**; 1 cell is drawn lighter (fewer "
            "than 20 postings or 5 employers).")
    if case == "no reference":
        assert by_kind(text)["metro lead"].sentence.startswith(f"**{REFERENCE_METRO} has no")
    assert str(SMALL_N) in text.method[3]
