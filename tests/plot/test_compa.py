"""Compa-ratio strip: a dot per placed posting at its compa-ratio, the peers' p25-p75 around 1.0."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from compa_market import planted_compa_market  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.compa import employer_positions  # noqa: E402
from analysis.plot.compa import POSITION_COLOURS, compa_chart  # noqa: E402
from analysis.plot.style import ACCENT  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def positions():
    return employer_positions(planted_compa_market(), employer="Acme", n_boot=200)


def _dots(ax):
    return ax.collections[-1]  # the scatter is drawn last


def test_one_dot_per_placed_band_at_its_compa_ratio(positions):
    ax = compa_chart(positions)
    placed = positions.loc[positions["status"] == "ok"]
    xs = _dots(ax).get_offsets()[:, 0]
    assert len(xs) == len(placed) == 26
    assert np.allclose(xs, np.sort(placed["compa_ratio"].to_numpy()))  # bottom to top
    assert len(ax.get_yticklabels()) == 26
    assert "Senior Software Engineer (senior, San Jose)" in [t.get_text()
                                                             for t in ax.get_yticklabels()]


def test_the_peer_band_is_the_middle_half_relative_to_the_median(positions):
    ax = compa_chart(positions)
    placed = positions.loc[positions["status"] == "ok"].sort_values("compa_ratio")
    bars = ax.patches[: len(placed)]
    lefts = [bar.get_x() for bar in bars]
    rights = [bar.get_x() + bar.get_width() for bar in bars]
    median = placed["peer_annual_mid_median"].to_numpy()
    assert np.allclose(lefts, placed["peer_annual_mid_p25"].to_numpy() / median)
    assert np.allclose(rights, placed["peer_annual_mid_p75"].to_numpy() / median)
    assert all(left < 1 < right for left, right in zip(lefts, rights, strict=True))


def test_a_line_marks_the_market_and_the_dots_say_above_it(positions):
    ax = compa_chart(positions)
    verticals = [line.get_xdata()[0] for line in ax.get_lines() if len(set(line.get_xdata())) == 1]
    assert pytest.approx(1.0) in verticals and pytest.approx(0.95) in verticals
    colours = {to_hex(c) for c in _dots(ax).get_facecolors()}
    assert colours == {to_hex(ACCENT)} == {to_hex(POSITION_COLOURS["above market"])}
    assert "compa-ratio" in ax.get_xlabel()


def test_by_peer_group_draws_one_row_per_group(positions):
    ax = compa_chart(positions, by="peer_group")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 12 and len(_dots(ax).get_offsets()) == 12
    assert "software engineer, senior, San Jose (3 postings)" in labels  # acme-two counts once
    placed = positions.loc[positions["status"] == "ok"]
    assert _dots(ax).get_offsets()[:, 0].max() <= placed["compa_ratio"].max()


def test_draws_on_the_given_axes_without_touching_the_data(positions):
    before = positions.copy()
    fig, ax = plt.subplots()
    assert compa_chart(positions, ax=ax) is ax
    pd.testing.assert_frame_equal(positions, before)


def test_nothing_placed_or_a_bad_option_is_a_clear_error(positions):
    with pytest.raises(ValueError, match="no placed postings"):
        compa_chart(positions.loc[positions["status"] != "ok"])
    with pytest.raises(ValueError, match="by must be"):
        compa_chart(positions, by="metro")
