"""Range-spread histogram: bars, the too-wide threshold and the count beyond it."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.widths import TOO_WIDE_SPREAD, range_width  # noqa: E402
from analysis.plot.style import ACCENT, MAIN  # noqa: E402
from analysis.plot.widths import BINS_TO_THRESHOLD, SPREAD_AXIS_MAX, range_width_chart  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _band(pid, low, high):
    return band_row(posting_id=pid, pay_min=low, pay_max=high, annual_min=low, annual_max=high,
                    annual_mid=(low + high) / 2)


def _widths(market):
    # the market's bands (spread 0.3 / 0.85 ≈ 35%) plus three too wide (spreads 150%, 233% and
    # 400%, past the axis) and one exactly at max = 2 × min (spread 100%)
    extra = [_band("w1", 80_000.0, 200_000.0), _band("w2", 60_000.0, 200_000.0),
             _band("w3", 50_000.0, 250_000.0), _band("edge", 100_000.0, 200_000.0)]
    bands = pd.concat([market, bands_frame(extra)], ignore_index=True)
    return range_width(bands, per_band=True)


def test_bars_count_every_band_and_threshold_sits_on_a_bin_edge(market):
    widths = _widths(market)
    before = widths.copy()
    ax = range_width_chart(widths)
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == len(widths) == 604
    lefts = np.array([p.get_x() for p in ax.patches])
    assert np.isclose(lefts, TOO_WIDE_SPREAD).sum() == 1
    accent = [p for p in ax.patches if to_hex(p.get_facecolor()) == ACCENT.lower()]
    assert sum(p.get_height() for p in accent) == 3  # the band at exactly 2× min stays blue
    assert all(p.get_x() >= TOO_WIDE_SPREAD - 1e-9 for p in accent)
    blue = [p for p in ax.patches if to_hex(p.get_facecolor()) == MAIN.lower()]
    assert len(blue) == BINS_TO_THRESHOLD
    pd.testing.assert_frame_equal(widths, before)


def test_threshold_line_and_count_beyond_written(market):
    widths = _widths(market)
    ax = range_width_chart(widths)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert f"3 of {len(widths):,} bands (0.5%) beyond" in texts
    assert "max more than 2× min" in texts
    assert f"median {widths['spread'].median():.0%}" in texts
    assert ax.get_xlabel() == "Range spread: (max − min) / min of the posted band"
    vertical = [line.get_xdata()[0] for line in ax.get_lines()]
    assert any(np.isclose(x, TOO_WIDE_SPREAD) for x in vertical)


def test_another_threshold_moves_the_line_and_the_count(market):
    widths = _widths(market)
    ax = range_width_chart(widths, threshold=0.5)
    texts = " ".join(t.get_text() for t in ax.texts)
    expected = int((widths["spread"] > 0.5).sum())
    assert expected == 4
    assert f"{expected} of {len(widths):,} bands" in texts


def test_spreads_past_the_axis_share_one_overflow_bar(market):
    widths = _widths(market)
    assert widths["spread"].max() == 4.0  # 50k–250k: (250 − 50) / 50
    ax = range_width_chart(widths)
    step = TOO_WIDE_SPREAD / BINS_TO_THRESHOLD
    last = ax.patches[-1]
    assert last.get_x() == pytest.approx(SPREAD_AXIS_MAX) and last.get_height() == 1
    assert ax.get_xlim()[1] == pytest.approx(SPREAD_AXIS_MAX + step)
    assert "over 300%\n(1 band)" in [t.get_text() for t in ax.texts]


def test_a_market_within_the_axis_draws_no_overflow(market):
    widths = range_width(market, per_band=True)
    ax = range_width_chart(widths)
    assert sum(p.get_height() for p in ax.patches) == len(widths)
    assert ax.get_xlim()[1] == pytest.approx(TOO_WIDE_SPREAD * 1.3)
    assert not any(t.get_text().startswith("over") for t in ax.texts)


def test_single_figures_are_counted_as_bands(market):
    single = bands_frame([_band("s1", 120_000.0, 120_000.0), _band("s2", 90_000.0, 90_000.0)])
    widths = range_width(pd.concat([market, single], ignore_index=True), per_band=True)
    ax = range_width_chart(widths)
    assert "single figure\n(2 bands)" in [t.get_text() for t in ax.texts]
