"""Structure chart: one range bar per level, market p25–p75 lines and medians, fitted levels
hatched."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.analyses.ranges import salary_structure  # noqa: E402
from analysis.plot.ranges import SMOOTHED_HATCH, structure_chart  # noqa: E402
from analysis.plot.style import ACCENT  # noqa: E402

# A market whose mid level is thin (3 postings, 2 employers): its range comes from the fit.
MARKET = pd.DataFrame({
    "level": ["entry", "mid", "senior", "staff"],
    "n_postings": [40, 3, 30, 12],
    "n_employers": [9, 2, 8, 6],
    "p10": [85e3, 95e3, 120e3, 150e3],
    "p25": [92e3, 99e3, 132e3, 160e3],
    "p50": [100e3, 104e3, 144e3, 172e3],
    "p75": [108e3, 110e3, 156e3, 185e3],
    "p90": [115e3, 112e3, 170e3, 200e3],
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def structure():
    return salary_structure(MARKET)


def _bars(ax):
    return sorted(ax.patches, key=lambda bar: bar.get_y())


def test_one_bar_per_level_from_range_min_to_range_max(structure):
    before = structure.copy()
    ax = structure_chart(structure)
    pd.testing.assert_frame_equal(structure, before)
    bars = _bars(ax)
    assert len(bars) == len(structure) == 4
    for bar, row in zip(bars, structure.itertuples(), strict=True):
        assert bar.get_x() == pytest.approx(row.range_min)
        assert bar.get_x() + bar.get_width() == pytest.approx(row.range_max)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["entry", "mid", "senior", "staff"]


def test_smoothed_levels_are_hatched_and_lighter(structure):
    assert structure["smoothed"].tolist() == [False, True, False, False]
    bars = _bars(structure_chart(structure))
    assert [bool(bar.get_hatch()) for bar in bars] == [False, True, False, False]
    assert bars[1].get_hatch() == SMOOTHED_HATCH
    assert bars[1].get_alpha() < bars[0].get_alpha()


def test_white_ticks_mark_the_range_midpoints(structure):
    ax = structure_chart(structure)
    ticks = [line for line in ax.lines if line.get_color() == "white"]
    assert [line.get_xdata()[0] for line in ticks] == pytest.approx(
        structure["range_mid"].tolist())


def test_market_quartiles_are_lines_and_medians_are_dots(structure):
    ax = structure_chart(structure)
    quartiles = [line for line in ax.lines
                 if line.get_color() != "white" and line.get_linestyle() == "-"]
    assert np.array([line.get_xdata() for line in quartiles]) == pytest.approx(
        MARKET[["p25", "p75"]].to_numpy())
    assert [line.get_ydata()[0] for line in quartiles] == [0, 1, 2, 3]
    dots = next(line for line in ax.lines if line.get_label() == "market median")
    assert dots.get_color() == ACCENT
    assert list(dots.get_xdata()) == pytest.approx(MARKET["p50"].tolist())
    assert list(dots.get_ydata()) == [0, 1, 2, 3]


def test_a_market_frame_supplies_the_points_by_level(structure):
    shifted = MARKET.assign(p50=MARKET["p50"] + 1_000).iloc[::-1]  # any order: matched by level
    ax = structure_chart(structure, market=shifted)
    dots = next(line for line in ax.lines if line.get_label() == "market median")
    assert list(dots.get_xdata()) == pytest.approx((MARKET["p50"] + 1_000).tolist())
    missing = structure_chart(structure, market=MARKET.iloc[:2])  # no points for senior, staff
    dots = next(line for line in missing.lines if line.get_label() == "market median")
    assert np.isnan(dots.get_xdata()[2:]).all()


def test_n_and_employers_are_written_at_each_bar(structure):
    ax = structure_chart(structure)
    labels = [text.get_text().strip() for text in ax.texts]
    assert "n=40 · 9 employers" in labels
    assert "n=3 · 2 employers · smoothed" in labels


def test_money_axis_and_label_name_the_currency(structure):
    ax = structure_chart(structure, currency="GBP")
    assert ax.get_xlabel().startswith("GBP, annual base salary as posted")
    assert ax.xaxis.get_major_formatter()(150_000) == "£150k"
    assert structure_chart(structure, xlabel=False).get_xlabel() == ""


def test_draws_on_a_given_axes_and_an_empty_structure():
    fig, ax = plt.subplots()
    assert structure_chart(salary_structure(MARKET), ax=ax) is ax
    empty = structure_chart(salary_structure(MARKET.iloc[:0]))
    assert len(empty.patches) == 0
