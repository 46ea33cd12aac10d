import pytest

from analysis.compare import largest_groups, location_comparison

SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"


def test_planted_premium_is_recovered_within_its_interval(market):
    table = location_comparison(market).set_index("metro")
    assert table.loc[SUNNYVALE, "index"] == 100 and table.loc[SUNNYVALE, "is_reference"]
    austin = table.loc[AUSTIN]
    assert austin["index_low"] <= 100 / 1.25 <= austin["index_high"]
    assert austin["index_high"] < 100  # the gap is real, not noise
    assert austin["n_postings"] == 300


def test_other_reference_and_repeatable_bootstrap(market):
    first = location_comparison(market, reference=AUSTIN, seed=3)
    again = location_comparison(market, reference=AUSTIN, seed=3)
    assert first.equals(again)
    assert first.set_index("metro").loc[SUNNYVALE, "index"] == pytest.approx(125, rel=0.05)


def test_missing_reference_is_a_clear_error(market):
    with pytest.raises(ValueError, match="has no USD bands"):
        location_comparison(market, reference="Nowhere, XX")


def test_largest_groups_keeps_the_reference_and_drops_small_ones(market):
    table = location_comparison(market)
    table = table.assign(small_n=[False, True])  # pretend Austin is small
    kept = largest_groups(table, n=5)
    assert kept["metro"].tolist() == [SUNNYVALE]
    assert len(largest_groups(location_comparison(market), n=1)) == 2
