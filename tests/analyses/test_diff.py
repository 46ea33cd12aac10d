import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame, group_shifts_frame

from analysis.analyses.diff import (
    diff_counts,
    group_shifts,
    largest_rebands,
    noise_flags,
    reband_summary,
    shift_summary,
    snapshot_diff,
)
from analysis.paths import SAMPLE
from analysis.store import ingest, read_bands


def test_added_removed_rebanded_and_unchanged():
    old = bands_frame(
        [
            band_row(posting_id="kept"),
            band_row(posting_id="gone"),
            band_row(posting_id="moved"),
            band_row(posting_id="hidden"),
        ]
    )
    new = bands_frame(
        [
            band_row(posting_id="kept", title="Research Scientist (PhD), ML"),  # wording only
            band_row(
                posting_id="moved", pay_max=180000.0, annual_max=180000.0, annual_mid=148500.0
            ),
            band_row(posting_id="hidden", **NO_PAY),
            band_row(posting_id="fresh"),
        ]
    )
    diff = snapshot_diff(old, new).set_index("posting_id")
    assert diff["status"].to_dict() == {
        "fresh": "added",
        "gone": "removed",
        "hidden": "rebanded",
        "moved": "rebanded",
        "kept": "unchanged",
    }
    assert diff.loc["moved", "old_bands"] == "USD 117,000–173,000 per year"
    assert diff.loc["moved", "new_bands"] == "USD 117,000–180,000 per year"
    assert diff.loc["hidden", "new_bands"] == "no pay stated"
    assert diff.loc["kept", "title"] == "Research Scientist (PhD), ML"  # the newer wording
    assert diff_counts(snapshot_diff(old, new)).tolist() == [1, 1, 2, 1]


def test_a_new_second_band_is_a_reband():
    old = bands_frame([band_row(posting_id="p")])
    new = bands_frame(
        [band_row(posting_id="p"), band_row(posting_id="p", band=1, band_label="New York, NY")]
    )
    assert snapshot_diff(old, new)["status"].tolist() == ["rebanded"]


@pytest.mark.slow
def test_sample_refresh_recovers_the_planted_changes(tmp_path):
    # data/sample/make_sample.py planted these changes in the 2026-11-01 refresh (its README).
    old = read_bands(ingest([SAMPLE / "2026-10-01"], snapshot="2026-10-01", out=tmp_path))
    new = read_bands(ingest([SAMPLE / "2026-11-01"], snapshot="2026-11-01", out=tmp_path))
    counts = diff_counts(snapshot_diff(old, new))
    assert (counts["added"], counts["removed"], counts["rebanded"]) == (218, 174, 131)


def test_group_shifts_flags_noise_and_real_moves():
    rng = np.random.default_rng(3)

    def market(raise_by: float, tag: str):
        rows = []
        for metro, n in (("A", 200), ("B", 200), ("C", 3)):
            for i in range(n):
                mid = 150_000 * rng.lognormal(0, 0.05) * (raise_by if metro == "A" else 1.0)
                rows.append(
                    band_row(
                        posting_id=f"{tag}{metro}{i}",
                        metro=metro,
                        employer=f"E{i % 12}",
                        pay_min=mid * 0.9,
                        pay_max=mid * 1.1,
                        annual_min=mid * 0.9,
                        annual_max=mid * 1.1,
                        annual_mid=mid,
                    )
                )
        return bands_frame(rows)

    old, new = market(1.0, "o"), market(1.10, "n")
    shifts = group_shifts(old, new, by="metro").set_index("metro")
    assert shifts.loc["A", "change_low"] <= 0.10 <= shifts.loc["A", "change_high"]
    assert not shifts.loc["A", "within_noise"]
    assert shifts.loc["B", "within_noise"]  # no planted move
    assert shifts.loc["C", "within_noise"] and np.isnan(shifts.loc["C", "change_low"])
    assert shifts.loc["A", "n_employers"] == 12 and shifts.loc["C", "n_employers"] == 3
    plain = (
        new.groupby("metro")["annual_mid"].median() / old.groupby("metro")["annual_mid"].median()
    )
    np.testing.assert_allclose(shifts["change"], plain - 1)


SHIFTS = group_shifts_frame()


def test_noise_flags_name_each_reading():
    assert noise_flags(SHIFTS).tolist() == [
        "beyond noise", "within noise", "too few to test", "new", "gone"
    ]


def _rebanded(pid, old_mid, new_mid):
    return {"posting_id": pid, "status": "rebanded", "old_annual_mid": old_mid,
            "new_annual_mid": new_mid}


def test_largest_rebands_rank_by_size_of_move_then_pay_appearing_or_going():
    diff = pd.DataFrame([
        _rebanded("small", 100.0, 102.0),
        _rebanded("cut", 100.0, 80.0),
        _rebanded("raise", 100.0, 110.0),
        _rebanded("hidden", 100.0, np.nan),
        _rebanded("same", 100.0, 100.0),
        {"posting_id": "kept", "status": "unchanged", "old_annual_mid": 1.0,
         "new_annual_mid": 9.0},
    ])
    out = largest_rebands(diff, top=10)
    assert out["posting_id"].tolist() == ["cut", "raise", "small", "same", "hidden"]
    assert out["direction"].tolist() == [
        "lowered", "raised", "raised", "same midpoint", "pay withdrawn"
    ]
    assert out.loc[0, "change"] == pytest.approx(-0.2)
    assert largest_rebands(diff, top=2)["posting_id"].tolist() == ["cut", "raise"]


def test_shift_summary_counts_tested_groups_and_orders_real_moves():
    down = pd.DataFrame([("down", 40, 40, 100_000.0, 85_000.0, -0.25, -0.05, False)],
                        columns=SHIFTS.columns[:-1]).assign(change=-0.15)
    shifts = pd.concat([SHIFTS, down], ignore_index=True)
    summary = shift_summary(shifts)
    assert summary.flags.tolist() == noise_flags(shifts).tolist()
    assert sorted(summary.tested["metro"]) == ["down", "flat", "up"]
    assert summary.moved["metro"].tolist() == ["down", "up"]  # -15% is a larger move than +10%
    assert summary.widest["metro"] == "down"
    assert (summary.n_old, summary.n_new) == (shifts["n_old"].sum(), shifts["n_new"].sum())


def test_shift_summary_with_nothing_to_test():
    summary = shift_summary(SHIFTS.loc[SHIFTS["metro"].isin(["tiny", "new", "gone"])])
    assert summary.tested.empty and summary.moved.empty and summary.widest is None


def test_reband_summary_counts_directions_and_leans():
    diff = pd.DataFrame([
        _rebanded("up1", 100.0, 110.0),
        _rebanded("up2", 100.0, 104.0),
        _rebanded("down", 100.0, 90.0),
        _rebanded("hidden", 100.0, np.nan),
        _rebanded("shown", np.nan, 100.0),
    ])
    summary = reband_summary(largest_rebands(diff, top=len(diff)))
    assert {k: summary[k] for k in ("rebanded", "raised", "lowered", "withdrawn", "added")} == {
        "rebanded": 5, "raised": 2, "lowered": 1, "withdrawn": 1, "added": 1}
    assert summary["median_change"] == pytest.approx(0.04)
    assert summary["lean"] == "up"
    tie = reband_summary(largest_rebands(diff.iloc[1:3], top=2))
    assert tie["lean"] == "both ways"
    assert reband_summary(largest_rebands(diff.iloc[[2]], top=1))["lean"] == "down"
    empty = reband_summary(largest_rebands(diff.iloc[0:0]))
    assert empty["rebanded"] == 0 and np.isnan(empty["median_change"])


def test_a_move_behind_too_few_employers_is_not_tested():
    def snapshot(factor, tag):
        return bands_frame([band_row(
            posting_id=f"{tag}{i}", metro="A", employer=f"E{i % 3}",
            pay_min=90_000.0 * factor, pay_max=110_000.0 * factor, annual_min=90_000.0 * factor,
            annual_max=110_000.0 * factor, annual_mid=100_000.0 * factor) for i in range(60)])

    shifts = group_shifts(snapshot(1.0, "o"), snapshot(1.2, "n"), by="metro")
    assert shifts["change"].iloc[0] == pytest.approx(0.2)
    assert np.isnan(shifts["change_low"].iloc[0]) and shifts["within_noise"].iloc[0]
    assert noise_flags(shifts).iloc[0] == "too few employers"
