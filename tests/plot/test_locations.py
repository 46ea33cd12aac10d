"""Location forest plots: reference pinned, focus accented, raw rings, small multiples by level."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.compare import adjusted_comparison, compare_groups  # noqa: E402
from analysis.findings.locations import metro_city  # noqa: E402
from analysis.plot.locations import (  # noqa: E402
    location_index_chart,
    location_small_multiples,
)
from analysis.plot.style import ACCENT  # noqa: E402

SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"
DENVER = "Denver-Aurora-Centennial, CO"
# metro -> pay factor, postings per level (Denver has no staff postings)
METROS = {SUNNYVALE: (1.25, 12), AUSTIN: (1.0, 12), DENVER: (0.9, 8)}
LEVEL_PAY = {"entry": 1.0, "mid": 1.3, "senior": 1.7, "staff": 2.1}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def leveled():
    rng = np.random.default_rng(9)
    rows = []
    for metro, (factor, n) in METROS.items():
        for level, pay in LEVEL_PAY.items():
            if metro == DENVER and level == "staff":
                continue
            for i in range(n if level != "senior" or metro != DENVER else 3):
                mid = 100_000 * factor * pay * rng.lognormal(0, 0.05)
                rows.append(band_row(
                    posting_id=f"{metro[:4]}-{level}-{i}", metro=metro, level=level,
                    employer=f"E{i % 6}", role_family="software engineer",
                    pay_min=mid * 0.9, pay_max=mid * 1.1, annual_min=mid * 0.9,
                    annual_max=mid * 1.1, annual_mid=mid))
    return bands_frame(rows)


@pytest.fixture
def per_level(leveled):
    return pd.concat([
        adjusted_comparison(leveled.loc[leveled["level"] == level], reference=SUNNYVALE,
                            controls=("role_family",)).assign(level=level)
        for level in ["entry", "mid", "senior", "staff"]
    ], ignore_index=True)


def test_metro_city():
    assert metro_city(AUSTIN) == "Austin"
    assert metro_city(SUNNYVALE) == "San Jose"


def test_forest_pins_reference_accents_focus_and_draws_raw_rings(leveled):
    adjusted = adjusted_comparison(leveled)
    raw = compare_groups(leveled, n_boot=200)
    before = adjusted.copy()
    ax = location_index_chart(adjusted, raw=raw, highlight=SUNNYVALE, short_labels=True)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "San Jose-Sunnyvale"  # pinned on top
    assert labels[:-1] == ["Denver-Aurora", "Austin-Round Rock"]  # the rest by index
    accented = [t.get_text() for t in ax.get_yticklabels()
                if to_hex(t.get_color()) == ACCENT.lower()]
    assert accented == ["San Jose-Sunnyvale"]
    rings = [line for line in ax.lines if line.get_markerfacecolor() == "none"]
    assert len(rings) == 2  # raw index for each non-reference metro
    austin_ring = [r for r in rings if r.get_ydata()[0] == 1][0]
    assert austin_ring.get_xdata()[0] == pytest.approx(
        raw.set_index("metro").loc[AUSTIN, "index"])
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("reference = 100") for t in texts)
    assert any(t.startswith(f"{adjusted.set_index('metro').loc[AUSTIN, 'index']:.0f}")
               for t in texts)
    pd.testing.assert_frame_equal(adjusted, before)


def test_within_noise_is_written(leveled):
    # Two halves of the same metro: the difference is noise.
    same = leveled.loc[leveled["metro"] == AUSTIN].copy()
    same.loc[same.sample(frac=0.5, random_state=1).index, "metro"] = SUNNYVALE
    ax = location_index_chart(adjusted_comparison(same))
    assert any("within noise" in t.get_text() for t in ax.texts)


def test_small_multiples_one_panel_per_level_shared_x_reference_pinned(per_level):
    before = per_level.copy()
    fig = location_small_multiples(per_level, panels=["entry", "mid", "senior", "staff",
                                                      "principal"], highlight=SUNNYVALE)
    header, *panels = fig.axes
    assert not header.axison  # an empty header for the finding title
    assert len(panels) == 4  # principal has no data
    assert [ax.get_title(loc="left").split(" · ")[0] for ax in panels] == [
        "entry", "mid", "senior", "staff"]
    assert all(panels[0].get_shared_x_axes().joined(panels[0], ax) for ax in panels[1:])
    assert len({ax.get_xlim() for ax in panels}) == 1
    # the reference row sits on top of every panel, accent-coloured
    for ax in panels:
        accent = [line for line in ax.lines if line.get_marker() == "o"
                  and to_hex(line.get_color()) == ACCENT.lower()]
        assert len(accent) == 1 and accent[0].get_ydata()[0] == 2
    labels = [t.get_text() for t in panels[0].get_yticklabels()]
    assert labels[-1] == "San Jose-Sunnyvale"
    pd.testing.assert_frame_equal(per_level, before)


def test_small_multiples_mark_thin_and_absent_groups(per_level):
    fig = location_small_multiples(per_level, panels=["senior", "staff"], highlight=SUNNYVALE)
    senior, staff = fig.axes[1:]
    # Denver: 3 senior postings (< 5) and no staff postings: marked, not drawn
    for ax in (senior, staff):
        dots = [line for line in ax.lines if line.get_marker() == "o"]
        assert len(dots) == 2
        assert [t.get_text() for t in ax.texts if t.get_text().startswith("n<")] == ["n<5"]


def test_small_multiples_need_a_panel_with_data(per_level):
    with pytest.raises(ValueError, match="no rows"):
        location_small_multiples(per_level, panels=["principal"])


def test_small_multiples_hide_groups_with_few_employers(per_level):
    few = (per_level["metro"] == AUSTIN) & (per_level["level"] == "entry")
    counted = per_level.assign(n_employers=np.where(few, 2, 6))
    fig = location_small_multiples(counted, panels=["entry", "mid"], highlight=SUNNYVALE)
    entry, mid = fig.axes[1:]
    assert len([line for line in entry.lines if line.get_marker() == "o"]) == 2
    assert len([line for line in mid.lines if line.get_marker() == "o"]) == 3
    assert "<5 employers" in [t.get_text() for t in entry.texts]
