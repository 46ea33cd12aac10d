"""Location index facts (report 04): reference resolution, adjusted beside raw, level gaps."""

import numpy as np
import pandas as pd
import pytest
from factories import band_row, bands_frame

from analysis.analyses.compare import adjusted_comparison, compare_groups
from analysis.analyses.location_index import (
    INDEX_COLUMNS,
    LEVEL_COLUMNS,
    controls_from_text,
    gaps_by_level,
    metro_index,
    metro_index_by_level,
    resolve_reference,
)
from analysis.config import REFERENCE_METRO

SUNNYVALE = REFERENCE_METRO
AUSTIN = "Austin-Round Rock-San Marcos, TX"
SEATTLE = "Seattle-Tacoma-Bellevue, WA"
NEW_YORK = "New York-Newark-Jersey City, NY-NJ"
DENVER = "Denver-Aurora-Centennial, CO"
BOSTON = "Boston-Cambridge-Newton, MA-NH"
LEVEL_PAY = {"entry": 1.0, "mid": 1.3, "senior": 1.7, "staff": 2.1}


def _market(spec: dict, *, seed: int = 5) -> pd.DataFrame:
    """Bands from {metro: (pay factor or {level: factor}, {level: postings}, employers)}."""
    rng = np.random.default_rng(seed)
    rows = []
    for metro, (factor, counts, employers) in spec.items():
        for level, n in counts.items():
            level_factor = factor[level] if isinstance(factor, dict) else factor
            for i in range(n):
                mid = 100_000 * level_factor * LEVEL_PAY[level] * rng.lognormal(0, 0.05)
                rows.append(band_row(
                    posting_id=f"{metro[:6]}-{level}-{i}", metro=metro, level=level,
                    employer=f"E{i % employers}",
                    role_family=["software engineer", "data scientist"][i % 2],
                    pay_min=mid * 0.9, pay_max=mid * 1.1, annual_min=mid * 0.9,
                    annual_max=mid * 1.1, annual_mid=mid))
    return bands_frame(rows)


EVEN = {"entry": 20, "mid": 20, "senior": 20}


@pytest.fixture
def metros():
    """Austin pays 80% of Sunnyvale, Seattle the same, New York 120%; Denver and Boston are thin."""
    return _market({
        SUNNYVALE: (1.25, {"entry": 40, "mid": 40, "senior": 40}, 8),
        AUSTIN: (1.0, {"entry": 35, "mid": 35, "senior": 30}, 6),
        SEATTLE: (1.25, EVEN, 5),
        NEW_YORK: (1.5, {"entry": 10, "mid": 10, "senior": 10}, 5),
        DENVER: (1.0, {"entry": 2, "mid": 2}, 2),  # 4 postings
        BOSTON: (1.0, {"entry": 5, "mid": 5}, 2),  # 10 postings, 2 employers
    })


def test_controls_from_text():
    assert controls_from_text(" role_family, level ,shoe_size,", columns=["level", "role_family"]
                              ) == ("role_family", "level")
    assert controls_from_text("", columns=["level"]) == ()


def test_resolve_reference_found_by_city_or_metro_name(metros):
    ref = resolve_reference(metros, location="Austin, TX")
    assert (ref.reference, ref.found, ref.focus, ref.metro) == (AUSTIN, True, "Austin", AUSTIN)
    assert ref.n_metros == 6 and ref.postings == 100
    assert ref.top_employer == "E0" and ref.top_employer_postings == 17
    by_name = resolve_reference(metros, location=SEATTLE)
    assert (by_name.reference, by_name.found, by_name.focus) == (SEATTLE, True, "Seattle")


def test_resolve_reference_stand_ins(metros):
    absent = resolve_reference(metros, location="Nowhere, ZZ")
    assert (absent.reference, absent.found, absent.metro) == (SUNNYVALE, False, None)
    assert absent.focus == "San Jose"
    no_pay_here = resolve_reference(metros, location="Chicago, IL")
    assert not no_pay_here.found and no_pay_here.metro.startswith("Chicago")
    # without the default reference, the metro with the most postings stands in
    no_sunnyvale = metros.loc[metros["metro"] != SUNNYVALE]
    assert resolve_reference(no_sunnyvale, location="Nowhere").reference == AUSTIN
    nothing = resolve_reference(metros.iloc[:0], location="Austin, TX")
    assert nothing.reference is None and nothing.n_metros == 0 and nothing.focus == "Austin, TX"
    assert nothing.top_employer is None


def test_metro_index_merges_adjusted_and_raw_and_reads_noise(metros):
    before = metros.copy()
    index = metro_index(metros, reference=SUNNYVALE, n_boot=300)
    pd.testing.assert_frame_equal(metros, before)
    table = index.table.set_index("metro")
    assert index.table.columns.tolist() == INDEX_COLUMNS
    assert set(table.index) == {SUNNYVALE, AUSTIN, SEATTLE, NEW_YORK}  # Denver, Boston too thin
    assert index.hidden == 2
    adjusted = adjusted_comparison(metros, reference=SUNNYVALE).set_index("metro")
    raw = compare_groups(metros, reference=SUNNYVALE, n_boot=300).set_index("metro")
    for metro in table.index:
        assert table.loc[metro, "index"] == pytest.approx(adjusted.loc[metro, "index"])
        assert table.loc[metro, "raw_index"] == pytest.approx(raw.loc[metro, "index"])
        assert table.loc[metro, "raw_low"] == pytest.approx(raw.loc[metro, "index_low"],
                                                            nan_ok=True)
        assert table.loc[metro, "n_employers"] == raw.loc[metro, "n_employers"]
    assert table["reading"].to_dict() == {SUNNYVALE: "reference", AUSTIN: "below",
                                          SEATTLE: "within noise", NEW_YORK: "above"}
    assert table.loc[AUSTIN, "below"] and not table.loc[AUSTIN, "above"]
    assert table.loc[NEW_YORK, "above"] and not table.loc[SEATTLE, "below"]
    assert (index.count("below"), index.count("above"), index.count("within noise")) == (1, 1, 1)


def test_metro_index_facts(metros):
    index = metro_index(metros, reference=SUNNYVALE, n_boot=300)
    assert index.ok
    assert index.others["metro"].tolist() == [AUSTIN, SEATTLE, NEW_YORK]  # most postings first
    assert index.lead["metro"] == index.lead_metro == AUSTIN
    assert index.lowest["metro"] == AUSTIN
    assert index.order[0] == NEW_YORK and index.order[-1] == AUSTIN
    # moved: exactly the rows whose ring (raw index) falls outside the line (adjusted interval)
    others = index.others
    outside = ((others["raw_index"] < others["index_low"])
               | (others["raw_index"] > others["index_high"]))
    assert sorted(index.moved["metro"]) == sorted(others.loc[outside, "metro"])
    assert not index.table.loc[index.table["is_reference"], "raw_outside"].any()
    # one level, one mix: adjustment moves no metro, so the largest are quoted
    same = metro_index(_market({SUNNYVALE: (1.25, {"mid": 40}, 8), AUSTIN: (1.0, {"mid": 30}, 6),
                                SEATTLE: (1.25, {"mid": 20}, 5)}), reference=SUNNYVALE, n_boot=300)
    assert same.moved.empty and not same.table["raw_outside"].any()
    assert same.examples["metro"].tolist() == [AUSTIN, SEATTLE]
    higher = metro_index(metros, reference=SUNNYVALE, n_boot=300, min_n=40)
    assert set(higher.table["metro"]) == {SUNNYVALE, AUSTIN, SEATTLE}


def test_adjustment_that_moves_a_metro_is_found():
    # Austin pays 80% of Sunnyvale at every level but posts mostly entry roles
    mixed = _market({
        SUNNYVALE: (1.25, {"entry": 10, "mid": 30, "senior": 60}, 6),
        AUSTIN: (1.0, {"entry": 60, "mid": 30, "senior": 10}, 6),
        SEATTLE: (1.25, {"entry": 30, "mid": 30, "senior": 30}, 6),
    })
    index = metro_index(mixed, reference=SUNNYVALE, n_boot=300)
    austin = index.table.set_index("metro").loc[AUSTIN]
    assert austin["raw_high"] < austin["index"]  # the raw gap is mostly mix
    assert austin["raw_index"] < austin["index_low"] and austin["raw_outside"]  # ring off the line
    assert austin["index"] == pytest.approx(80, rel=0.03)
    assert AUSTIN in index.moved["metro"].tolist()
    assert index.examples["metro"].tolist() == index.moved["metro"].tolist()
    raw_only = metro_index(mixed, reference=SUNNYVALE, controls=(), n_boot=300)
    assert raw_only.table.set_index("metro").loc[AUSTIN, "index"] < 75


def test_nothing_to_compare(metros):
    for index in (metro_index(metros, reference=None),
                  metro_index(metros.loc[metros["metro"] == SUNNYVALE], reference=SUNNYVALE)):
        assert index.table.empty and not index.ok and index.lead is None
        assert index.lowest is None and index.lead_metro is None and index.hidden == 0
        assert index.order == [] and index.examples.empty
    thin_others = metro_index(metros.loc[metros["metro"].isin([SUNNYVALE, DENVER])],
                              reference=SUNNYVALE, n_boot=100)
    assert thin_others.table["metro"].tolist() == [SUNNYVALE]
    assert not thin_others.ok and thin_others.hidden == 1


@pytest.fixture
def leveled():
    """Seattle's gap differs by level (entry 60%, senior 125% of Sunnyvale); Austin's does not.

    Sunnyvale has 4 staff postings, too few to compare staff; Boston has 2 employers.
    """
    return _market({
        SUNNYVALE: (1.25, {"entry": 25, "mid": 25, "senior": 25, "staff": 4}, 5),
        AUSTIN: (1.0, {"entry": 20, "mid": 20, "senior": 20, "staff": 10}, 5),
        SEATTLE: ({"entry": 0.75, "mid": 1.0, "senior": 1.56}, {"entry": 20, "mid": 20,
                                                                "senior": 20}, 5),
        BOSTON: (1.0, {"entry": 10, "mid": 10}, 2),
    })


def test_metro_index_by_level(leveled):
    per_level = metro_index_by_level(leveled, reference=SUNNYVALE)
    assert per_level.columns.tolist() == LEVEL_COLUMNS
    assert per_level["level"].unique().tolist() == ["entry", "mid", "senior"]  # not staff
    entry = adjusted_comparison(leveled.loc[leveled["level"] == "entry"], reference=SUNNYVALE,
                                controls=("role_family",)).set_index("metro")["index"]
    got = per_level.loc[per_level["level"] == "entry"].set_index("metro")["index"]
    pd.testing.assert_series_equal(got.sort_index(), entry.sort_index(), check_names=False)
    readable = per_level.set_index(["level", "metro"])["readable"]
    assert not readable[("entry", SUNNYVALE)]  # the reference is not compared with itself
    assert not readable[("entry", BOSTON)]  # 2 employers
    assert readable[("entry", AUSTIN)] and readable[("senior", SEATTLE)]
    assert per_level.set_index(["level", "metro"]).loc[("entry", BOSTON), "n_employers"] == 2


def test_metro_index_by_level_keeps_the_shown_metros(leveled):
    kept = metro_index_by_level(leveled, reference=SUNNYVALE, metros=[SUNNYVALE, AUSTIN])
    assert set(kept["metro"]) == {SUNNYVALE, AUSTIN}
    assert metro_index_by_level(leveled, reference=SUNNYVALE, metros=[SUNNYVALE]).empty
    assert metro_index_by_level(leveled, reference=None).empty
    assert metro_index_by_level(leveled, reference=SUNNYVALE, levels=["staff"]).empty
    fewer = metro_index_by_level(leveled, reference=SUNNYVALE, min_n=3, levels=["staff"])
    assert fewer["level"].unique().tolist() == ["staff"]


def test_gaps_by_level_finds_the_metro_whose_gap_differs(leveled):
    gaps = gaps_by_level(metro_index_by_level(leveled, reference=SUNNYVALE)).set_index("metro")
    assert set(gaps.index) == {AUSTIN, SEATTLE}  # Boston has no readable level
    assert gaps.loc[SEATTLE, "differs"] and not gaps.loc[AUSTIN, "differs"]
    assert gaps.loc[SEATTLE, "n_levels"] == 3


def test_gaps_by_level_rule_on_literal_intervals():
    rows = [  # metro, level, low, high, readable
        ("A", "entry", 80, 90, True), ("A", "senior", 95, 105, True),  # disjoint: differs
        ("B", "entry", 80, 95, True), ("B", "senior", 90, 100, True),  # overlap
        ("C", "entry", 50, 60, True), ("C", "senior", 95, 105, False),  # one readable level
    ]
    frame = pd.DataFrame(rows, columns=["metro", "level", "index_low", "index_high", "readable"])
    gaps = gaps_by_level(frame)
    assert gaps["metro"].tolist() == ["A", "B"]
    assert gaps["differs"].tolist() == [True, False]
    assert gaps["top_low"].tolist() == [95, 90] and gaps["bottom_high"].tolist() == [90, 95]
    assert gaps_by_level(frame, min_levels=3).empty
    assert gaps_by_level(frame.iloc[:0]).empty


def test_a_reference_of_few_employers_gives_no_reading(metros):
    # Sunnyvale kept to four employers: no interval for anyone, so no "within noise" either.
    thin = metros.loc[(metros["metro"] != SUNNYVALE) | metros["employer"].isin(["E0", "E1", "E2",
                                                                                "E3"])]
    table = metro_index(thin, reference=SUNNYVALE, n_boot=200).table.set_index("metro")
    others = table.drop(index=SUNNYVALE)
    assert len(others) and (others["reading"] == "too few employers").all()
    assert others["index_low"].isna().all()
