import pytest

from analysis.analyses.compare import compare_groups, largest_groups
from analysis.errors import EmptyFilterWarning

SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"


def test_planted_premium_is_recovered_within_its_interval(market):
    table = compare_groups(market).set_index("metro")
    assert table.loc[SUNNYVALE, "index"] == 100 and table.loc[SUNNYVALE, "is_reference"]
    austin = table.loc[AUSTIN]
    assert austin["index_low"] <= 100 / 1.25 <= austin["index_high"]
    assert austin["index_high"] < 100  # the gap is real, not noise
    assert austin["n_postings"] == 300


def test_other_reference_and_repeatable_bootstrap(market):
    first = compare_groups(market, reference=AUSTIN, seed=3)
    again = compare_groups(market, reference=AUSTIN, seed=3)
    assert first.equals(again)
    assert first.set_index("metro").loc[SUNNYVALE, "index"] == pytest.approx(125, rel=0.05)


def test_missing_reference_is_a_clear_error(market):
    with pytest.raises(ValueError, match="unknown metro 'Nowhere, XX'"):
        compare_groups(market, reference="Nowhere, XX")
    with (pytest.raises(ValueError, match="has no USD bands"),  # in the data, not in USD
          pytest.warns(EmptyFilterWarning, match="the data has pay in EUR")):
        compare_groups(market.assign(currency="EUR"), reference=AUSTIN)


def test_largest_groups_keeps_the_reference_and_drops_small_ones(market):
    table = compare_groups(market)
    table = table.assign(small_n=[False, True])  # pretend Austin is small
    kept = largest_groups(table, n=5)
    assert kept["metro"].tolist() == [SUNNYVALE]
    assert len(largest_groups(compare_groups(market), n=1)) == 2


# --- Mann-Whitney p-values and the composition-adjusted comparison --------------------------------

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from scipy import stats  # noqa: E402

from analysis.analyses.compare import adjusted_comparison  # noqa: E402

LEVEL_PAY = {"entry": 1.0, "mid": 1.3, "senior": 1.7}
# Sunnyvale posts mostly senior roles, Austin mostly junior ones.
LEVEL_MIX = {SUNNYVALE: [0.1, 0.3, 0.6], AUSTIN: [0.6, 0.3, 0.1]}
METRO_PAY = {SUNNYVALE: 1.25, AUSTIN: 1.0}
FAMILY_PAY = {"software engineer": 1.0, "data scientist": 0.9}


@pytest.fixture
def mixed_market() -> pd.DataFrame:
    """Sunnyvale pays exactly 1.25x Austin at every level and role, but posts more senior roles."""
    rng = np.random.default_rng(11)
    rows = []
    for metro, mix in LEVEL_MIX.items():
        levels = rng.choice(list(LEVEL_PAY), size=400, p=mix)
        for i, level in enumerate(levels):
            family = list(FAMILY_PAY)[i % 2]
            mid = (
                100_000
                * METRO_PAY[metro]
                * LEVEL_PAY[level]
                * FAMILY_PAY[family]
                * rng.lognormal(0, 0.05)
            )
            rows.append(
                band_row(
                    posting_id=f"m:{metro[:5]}{i}",
                    metro=metro,
                    employer=f"E{i % 9}",
                    role_family=family,
                    level=level,
                    pay_min=mid * 0.9,
                    pay_max=mid * 1.1,
                    annual_min=mid * 0.9,
                    annual_max=mid * 1.1,
                    annual_mid=mid,
                )
            )
    return bands_frame(rows)


def test_raw_p_value_is_employer_clustered(market):
    table = compare_groups(market).set_index("metro")
    assert np.isnan(table.loc[SUNNYVALE, "p_value"])
    assert table.loc[AUSTIN, "p_value"] < 1e-3
    # 300 postings but 12 employers: far less sure than 300 independent draws would be.
    austin = market.loc[market["metro"] == AUSTIN, "annual_mid"]
    sunnyvale = market.loc[market["metro"] == SUNNYVALE, "annual_mid"]
    naive = stats.mannwhitneyu(austin, sunnyvale, alternative="two-sided").pvalue
    assert table.loc[AUSTIN, "p_value"] > naive * 1e6
    assert table.loc[AUSTIN, "n_employers"] == 12


def test_a_group_of_few_employers_gets_a_number_but_no_interval(market):
    few = market.loc[(market["metro"] == SUNNYVALE) | market["employer"].isin(["E0", "E1"])]
    table = compare_groups(few).set_index("metro")
    austin = table.loc[AUSTIN]
    assert austin["too_few_employers"] and austin["n_employers"] == 2
    assert austin["index"] == pytest.approx(80, rel=0.05)
    assert np.isnan(austin["index_low"]) and np.isnan(austin["p_value"])
    adjusted = adjusted_comparison(few).set_index("metro").loc[AUSTIN]
    assert adjusted["too_few_employers"] and np.isnan(adjusted["index_high"])
    assert np.isnan(adjusted["p_value"])


def test_raw_index_is_fooled_by_mix_and_adjusted_index_recovers_the_premium(mixed_market):
    raw = compare_groups(mixed_market).set_index("metro").loc[AUSTIN]
    assert not raw["index_low"] <= 80 <= raw["index_high"]  # mix makes Austin look far cheaper
    assert raw["index_high"] < 80 - (raw["index_high"] - raw["index_low"])
    adjusted = adjusted_comparison(mixed_market).set_index("metro")
    assert adjusted.columns.tolist()[:7] == [
        "n_postings",
        "n_employers",
        "index",
        "index_low",
        "index_high",
        "p_value",
        "is_reference",
    ]
    reference = adjusted.loc[SUNNYVALE]
    assert reference["index"] == 100 and reference["is_reference"]
    assert np.isnan(reference["p_value"])
    austin = adjusted.loc[AUSTIN]
    assert austin["index_low"] <= 100 / 1.25 <= austin["index_high"]
    assert austin["index"] == pytest.approx(80, rel=0.01)
    assert austin["p_value"] < 1e-10 and austin["n_postings"] == 400
    robust = adjusted_comparison(mixed_market, se="HC1").set_index("metro").loc[AUSTIN]
    assert robust["index"] == pytest.approx(austin["index"], rel=1e-12)
    assert robust["index_low"] <= 80 <= robust["index_high"]


def test_adjusted_without_controls_is_the_geometric_mean_ratio_with_a_t_test(market):
    clustered = adjusted_comparison(market, controls=()).set_index("metro")
    table = adjusted_comparison(market, controls=(), se="classical").set_index("metro")
    assert clustered.loc[AUSTIN, "index"] == pytest.approx(table.loc[AUSTIN, "index"])
    # Employers share pay policies: the clustered interval is wider than the classical one.
    assert (clustered.loc[AUSTIN, "index_high"] - clustered.loc[AUSTIN, "index_low"]
            > table.loc[AUSTIN, "index_high"] - table.loc[AUSTIN, "index_low"])
    logs = np.log(market["annual_mid"]).groupby(market["metro"])
    difference = logs.mean()[AUSTIN] - logs.mean()[SUNNYVALE]
    assert abs(table.loc[AUSTIN, "index"] - 100 * np.exp(difference)) < 1e-9
    austin = np.log(market.loc[market["metro"] == AUSTIN, "annual_mid"])
    sunnyvale = np.log(market.loc[market["metro"] == SUNNYVALE, "annual_mid"])
    test = stats.ttest_ind(austin, sunnyvale, equal_var=True)
    assert table.loc[AUSTIN, "p_value"] == pytest.approx(test.pvalue, rel=1e-6, abs=1e-300)
    se = (
        np.sqrt(((austin - austin.mean()) ** 2).sum() + ((sunnyvale - sunnyvale.mean()) ** 2).sum())
        / np.sqrt(len(market) - 2)
        * np.sqrt(1 / len(austin) + 1 / len(sunnyvale))
    )
    t = stats.t.ppf(0.975, len(market) - 2)
    assert table.loc[AUSTIN, "index_low"] == pytest.approx(100 * np.exp(difference - t * se))
    assert table.loc[AUSTIN, "index_high"] == pytest.approx(100 * np.exp(difference + t * se))


def test_adjusted_matches_a_plain_lstsq_with_pandas_dummies(mixed_market):
    data = mixed_market.assign(level=mixed_market["level"].astype(object))
    data.loc[data.index[::7], "level"] = None  # unstated levels stay in the fit
    data = bands_frame(data.to_dict("records"))
    table = adjusted_comparison(data).set_index("metro")
    assert table["n_postings"].sum() == 800
    frame = pd.DataFrame(
        {
            "metro": pd.Categorical(data["metro"], categories=[SUNNYVALE, AUSTIN]),
            "role_family": data["role_family"],
            "level": data["level"].astype(object).fillna("unstated"),
        }
    )
    design = pd.get_dummies(frame, drop_first=True, dtype=float)
    design.insert(0, "const", 1.0)
    coef, *_ = np.linalg.lstsq(design.to_numpy(), np.log(data["annual_mid"]), rcond=None)
    austin_column = design.columns.get_loc(f"metro_{AUSTIN}")
    assert table.loc[AUSTIN, "index"] == pytest.approx(100 * np.exp(coef[austin_column]))
    # "unstated" mixes levels differently per metro, so some confounding remains: close, not exact.
    assert 75 < table.loc[AUSTIN, "index"] < 85


def test_adjusted_errors_and_does_not_mutate(mixed_market):
    before = mixed_market.copy()
    adjusted_comparison(mixed_market, reference=AUSTIN)
    pd.testing.assert_frame_equal(mixed_market, before)
    with pytest.raises(ValueError, match="unknown metro 'Nowhere, XX'"):
        adjusted_comparison(mixed_market, reference="Nowhere, XX")
    with pytest.raises(ValueError, match="se must be"):
        adjusted_comparison(mixed_market, se="HC3")
    flipped = adjusted_comparison(mixed_market, reference=AUSTIN).set_index("metro")
    assert flipped.loc[SUNNYVALE, "index"] == pytest.approx(125, rel=0.01)


def test_adjusted_output_works_with_largest_groups(mixed_market):
    table = adjusted_comparison(mixed_market, min_n=500)
    assert table["small_n"].tolist() == [True, True]
    assert largest_groups(table)["metro"].tolist() == [SUNNYVALE]


def test_one_employer_gets_an_index_and_no_interval(market):
    one = market.assign(employer="Solo")
    austin = adjusted_comparison(one).set_index("metro").loc[AUSTIN]
    assert austin["index"] == pytest.approx(80, rel=0.05)
    assert np.isnan(austin["index_low"]) and austin["too_few_employers"]


def test_postings_without_an_employer_are_each_their_own_cluster(market):
    # Real exports leave the employer empty now and then: no crash, and those postings are
    # not pooled into one "unknown" pay policy.
    unnamed = market.assign(employer=market["employer"].where(market.index % 10 != 0))
    for table in (adjusted_comparison(unnamed), compare_groups(unnamed, n_boot=200)):
        austin = table.set_index("metro").loc[AUSTIN]
        assert austin["index_low"] < austin["index"] < austin["index_high"]
