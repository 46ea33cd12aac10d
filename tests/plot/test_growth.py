"""Growth charts: the fixed-mix growth with its interval, the raw median's growth beside it."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.plot.growth import growth_chart, growth_series_chart  # noqa: E402
from analysis.plot.style import ACCENT, CONTEXT, MAIN  # noqa: E402

NAN = float("nan")
GROWTH = pd.DataFrame(
    [  # group, metro, growth, low, high, cells, employers, raw
        ("all", None, 0.04, 0.03, 0.05, 70, 12, 0.30),
        ("Austin-Round Rock-San Marcos, TX", "Austin-Round Rock-San Marcos, TX",
         0.05, 0.03, 0.06, 12, 12, 0.11),
        ("Denver-Aurora-Centennial, CO", "Denver-Aurora-Centennial, CO", 0.03, NAN, NAN, 2, 3,
         0.21),
        ("Boise City, ID", "Boise City, ID", NAN, NAN, NAN, 0, 0, 0.02),
    ],
    columns=["group", "metro", "growth_pct", "growth_pct_low", "growth_pct_high", "cells",
             "employers", "raw_growth_pct"],
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _row_lines(ax, y):
    return [line for line in ax.get_lines() if len(line.get_ydata())
            and np.allclose(line.get_ydata(), y)]


def test_the_overall_row_sits_on_top_then_groups_by_growth_without_the_empty_ones():
    before = GROWTH.copy()
    ax = growth_chart(GROWTH)
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == ["All postings", "Austin-Round Rock-San Marcos, TX",
                      "Denver-Aurora-Centennial, CO"]  # Boise: no cell in both snapshots
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # row 0 drawn at the top
    pd.testing.assert_frame_equal(GROWTH, before)


def test_each_row_draws_its_interval_point_and_raw_growth():
    ax = growth_chart(GROWTH)
    top = _row_lines(ax, 0)
    whisker = next(line for line in top if list(line.get_xdata()) == [0.03, 0.05])
    assert to_hex(whisker.get_color()) == ACCENT.lower()
    raw = [line for line in top if line.get_marker() == "D"]
    assert len(raw) == 1 and raw[0].get_xdata()[0] == 0.30
    assert to_hex(raw[0].get_color()) == CONTEXT
    mix = [line for line in top if line.get_linestyle() == ":"]
    assert list(mix[0].get_xdata()) == [0.04, 0.30]  # the mix effect, point to raw
    austin = _row_lines(ax, 1)
    assert any(to_hex(line.get_color()) == MAIN.lower() and line.get_marker() == "o"
               for line in austin)
    # Denver has too few employers: no whisker, a hollow point
    denver = _row_lines(ax, 2)
    point = next(line for line in denver if line.get_marker() == "o")
    assert point.get_markerfacecolor() == "white"
    assert not any(len(line.get_xdata()) == 2 and line.get_linestyle() == "-" for line in denver)
    texts = [t.get_text() for t in ax.texts]
    assert "70 cells · 12 employers" in texts and "2 cells · 3 employers" in texts
    low, high = ax.get_xlim()
    assert low < 0 < 0.30 < high


def test_top_keeps_the_groups_with_most_cells():
    ax = growth_chart(GROWTH, top=1)
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == ["All postings", "Austin-Round Rock-San Marcos, TX"]


def test_an_overall_row_alone_still_draws():
    ax = growth_chart(GROWTH.iloc[:1])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["All postings"]


SERIES = pd.DataFrame({
    "snapshot": ["2026-11-01", "2026-12-01", "2027-01-01"],
    "since": ["2026-10-01", "2026-11-01", "2026-12-01"],
    "period_start": pd.to_datetime(["2026-11-01", "2026-12-01", "2027-01-01"]),
    "growth_pct": [0.04, 0.03, 0.01],
    "growth_pct_low": [0.03, 0.02, NAN],
    "growth_pct_high": [0.05, 0.04, NAN],
    "raw_growth_pct": [0.30, 0.02, -0.18],
})


def test_the_series_is_a_line_in_its_band_with_the_raw_growth_dashed():
    ax = growth_series_chart(SERIES)
    fixed = next(line for line in ax.get_lines() if line.get_label() == "mix held fixed")
    assert list(fixed.get_ydata()) == [0.04, 0.03, 0.01]
    raw = next(line for line in ax.get_lines() if line.get_label() == "raw median")
    assert list(raw.get_ydata()) == [0.30, 0.02, -0.18] and raw.get_linestyle() == "--"
    assert len(ax.collections) == 1  # the interval band
    assert [t.get_text() for t in ax.get_xticklabels()] == list(SERIES["snapshot"])
    assert "snapshot before" in ax.get_ylabel()


def test_a_series_against_the_first_snapshot_says_so_and_labels_need_not_be_dates():
    cumulative = SERIES.assign(since="2026-10-01", snapshot=["nov", "dec", "jan"],
                               period_start=pd.NaT)
    ax = growth_series_chart(cumulative)
    assert ax.get_ylabel().endswith("since 2026-10-01")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["nov", "dec", "jan"]
    assert list(ax.get_xticks()) == [0, 1, 2]
