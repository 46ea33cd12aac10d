"""Shift chart: per group, the change in median with its interval, noise in grey, n then/now."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.diff import group_shifts  # noqa: E402
from analysis.formats import money
from analysis.plot.changes import shift_chart  # noqa: E402
from analysis.plot.style import CONTEXT, MAIN  # noqa: E402

AUSTIN = "Austin-Round Rock-San Marcos, TX"
SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _raised(market, *, metro, factor):
    """The market a month later: `metro`'s bands scaled by `factor`, plus a tiny new metro."""
    scale = np.where(market["metro"] == metro, factor, 1.0)
    new = market.assign(**{c: market[c] * scale for c in
                           ("pay_min", "pay_max", "annual_min", "annual_max", "annual_mid")})
    tiny = [band_row(posting_id=f"t{i}", metro="Tiny, WY") for i in range(3)]
    return pd.concat([new, bands_frame(tiny)], ignore_index=True)


def test_a_real_move_is_blue_and_noise_is_grey(market):
    new = _raised(market, metro=AUSTIN, factor=1.12)
    shifts = group_shifts(market, new, n_boot=300)
    ax = shift_chart(shifts)
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == ["Tiny, WY", SUNNYVALE, AUSTIN]  # largest rise on top, no change at bottom
    whiskers = [line for line in ax.get_lines() if len(line.get_xdata()) == 2
                and line.get_ydata()[0] == line.get_ydata()[1]]
    assert len(whiskers) == 2  # Tiny has no interval
    colours = {int(line.get_ydata()[0]): to_hex(line.get_color()) for line in whiskers}
    assert colours == {2: MAIN.lower(), 1: CONTEXT}
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("beyond noise") == 1
    assert texts.count("within noise") == 1
    assert "new" in texts
    austin = shifts.set_index("metro").loc[AUSTIN]
    moved = f"{money(austin['median_old'])} → {money(austin['median_new'])} · 300 → 300 bands"
    assert moved in texts
    assert austin["median_new"] / austin["median_old"] == pytest.approx(1.12)
    assert any(t.endswith("0 → 3 bands") for t in texts)


def test_all_within_noise_is_all_grey_and_labelled(market):
    shifts = group_shifts(market, market, n_boot=300)
    before = shifts.copy()
    ax = shift_chart(shifts)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("within noise") == 2
    points = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(points) == 2
    assert {to_hex(p.get_color()) for p in points} == {CONTEXT}
    medians = shifts.set_index("metro")["median_old"]
    assert any(t.startswith(f"${medians[AUSTIN] / 1000:,.0f}k → ") for t in texts)
    pd.testing.assert_frame_equal(shifts, before)


def test_the_two_right_hand_columns_never_touch(market):
    # Thousands of bands and six-figure medians make the longest "then → now" reading.
    big = pd.concat([market] * 30, ignore_index=True).assign(
        posting_id=lambda f: [f"p{i}" for i in range(len(f))])
    shifts = group_shifts(big, _raised(big, metro=AUSTIN, factor=1.12), n_boot=50)
    ax = shift_chart(shifts)
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text()]
    readings = [t for t in texts if t.get_text().endswith("bands")]
    flags = [t for t in texts if not t.get_text().endswith("bands")]
    assert len(readings) == len(flags) >= 2
    right_edge = max(t.get_window_extent(renderer).x1 for t in readings)
    assert min(t.get_window_extent(renderer).x0 for t in flags) > right_edge + 2
