"""Level ladder chart: one bar per level in ladder order, steps, overlaps and n written on."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402

from analysis.analyses.ladder import level_ladder  # noqa: E402
from analysis.plot.ladder import ladder_chart, ladder_small_multiples  # noqa: E402

# (family, level, midpoint, postings, employers): senior overlaps mid; staff is disjoint from
# senior and thin.
PLAN = [
    ("software engineer", "entry", 100_000, 6, 5),
    ("software engineer", "mid", 120_000, 8, 5),
    ("software engineer", "senior", 150_000, 10, 5),
    ("software engineer", "staff", 230_000, 3, 1),
    ("data scientist", "mid", 110_000, 6, 5),
    ("data scientist", "senior", 140_000, 6, 5),
]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def ladder():
    rng = np.random.default_rng(5)
    rows = []
    for family, level, mid, n, employers in PLAN:
        for i in range(n):
            m = mid * rng.lognormal(0, 0.02)
            low, high = round(m * 0.85), round(m * 1.15)
            rows.append(band_row(
                posting_id=f"{family[:4]}-{level}-{i}", role_family=family, level=level,
                track="ic", employer=f"E{i % employers}", pay_min=float(low),
                pay_max=float(high), annual_min=float(low), annual_max=float(high),
                annual_mid=(low + high) / 2))
    return level_ladder(bands_frame(rows))


def _se(ladder):
    return ladder.loc[ladder["role_family"] == "software engineer"].reset_index(drop=True)


def test_one_bar_per_level_in_ladder_order_with_its_band(ladder):
    before = ladder.copy()
    ax = ladder_chart(ladder, role_family="software engineer", track="ic")
    se = _se(ladder)
    assert len(ax.patches) == len(se) == 4
    # bottom-up in ladder order: bar k sits at y = k and spans median min to median max
    bars = sorted(ax.patches, key=lambda b: b.get_y())
    np.testing.assert_allclose([b.get_x() for b in bars], se["annual_min_median"])
    np.testing.assert_allclose([b.get_x() + b.get_width() for b in bars], se["annual_max_median"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["entry", "mid", "senior", "staff"]
    pd.testing.assert_frame_equal(ladder, before)


def test_steps_overlaps_and_n_are_written(ladder):
    ax = ladder_chart(ladder, role_family="software engineer", track="ic")
    se = _se(ladder)
    texts = [t.get_text() for t in ax.texts]
    steps = [f"{s:+.0%}" for s in se["step_pct"].dropna()]
    assert [t for t in texts if t.endswith("%")] == steps
    for row in se.itertuples():
        assert any(t.strip().startswith(f"n={row.n_postings:,} · {row.n_employers:,} employer")
                   for t in texts)
    # one shaded band per adjacent pair whose typical bands overlap (staff is above senior's max)
    overlapping = int((se["overlap_pct"] > 0).sum())
    assert overlapping == 2
    assert len(ax.collections) == overlapping


def test_thin_levels_are_faded(ladder):
    ax = ladder_chart(ladder, role_family="software engineer", track="ic")
    bars = sorted(ax.patches, key=lambda b: b.get_y())
    # staff: 3 postings from 1 employer
    assert bars[-1].get_alpha() < bars[0].get_alpha()


def test_one_ladder_at_a_time(ladder):
    with pytest.raises(ValueError, match="one ladder"):
        ladder_chart(ladder)


def test_small_multiples_one_panel_per_family_on_a_shared_axis(ladder):
    fig = ladder_small_multiples(ladder, role_families=["data scientist", "software engineer",
                                                        "nobody"])
    header, *axes = fig.axes
    assert not header.axison  # an empty header for the finding title
    assert len(axes) == 2  # the family without levels is left out
    assert [len(ax.patches) for ax in axes] == [2, 4]
    assert axes[0].get_shared_x_axes().joined(axes[0], axes[1])
    assert [ax.get_title(loc="left").split(" · ")[0] for ax in axes] == [
        "data scientist", "software engineer"]
    assert axes[0].get_xlim() == axes[1].get_xlim()
