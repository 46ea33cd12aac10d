import numpy as np
import pytest
from conftest import NO_PAY, band_row, bands_frame

from analysis.diff import diff_counts, group_shifts, snapshot_diff
from analysis.paths import SAMPLE
from analysis.snapshot import ingest, read_bands


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
    plain = (
        new.groupby("metro")["annual_mid"].median() / old.groupby("metro")["annual_mid"].median()
    )
    np.testing.assert_allclose(shifts["change"], plain - 1)
