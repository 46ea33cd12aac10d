"""Disclosure trend chart: one line per state, the largest labelled, law dates marked."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import NO_PAY, band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.charts.disclosure import disclosure_trend_chart  # noqa: E402
from analysis.charts.style import CONTEXT  # noqa: E402
from analysis.disclosure import disclosure_trend, load_laws  # noqa: E402

# postings per month by state: the five largest get a hue, the two smallest are grey context
SIZES = {"CA": 9, "NY": 8, "TX": 7, "WA": 6, "IL": 6, "GA": 2, "CO": 2}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _store(months: pd.DatetimeIndex, *, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for month in months:
        for state, n in SIZES.items():
            for i in range(n):
                pay = {} if rng.random() < 0.8 else NO_PAY
                rows.append(band_row(posting_id=f"{state}{month:%Y%m%d}{i}", state=state,
                                     posted_date=month + pd.Timedelta(days=int(i)), **pay))
    return bands_frame(rows)


def _lines(ax):
    return [line for line in ax.get_lines() if line.get_linestyle() == "-"]


def test_largest_states_labelled_with_last_share_and_n():
    store = _store(pd.date_range("2022-06-01", "2023-06-01", freq="MS"))
    trend = disclosure_trend(store)
    assert set(trend["period"]) == {"month"}
    ax = disclosure_trend_chart(trend, min_n=5)
    labels = [t.get_text() for t in ax.texts if "(n=" in t.get_text()]
    assert sorted(label.split()[0] for label in labels) == ["CA", "IL", "NY", "TX", "WA"]
    last = trend.loc[(trend["state"] == "CA")].sort_values("period_start").iloc[-1]
    assert f"CA {last['share_with_pay']:.0%} (n={last['postings']})" in labels
    colours = [to_hex(line.get_color()) for line in _lines(ax)]
    assert len(colours) == len(SIZES)
    assert colours.count(CONTEXT) == 2  # GA and CO
    assert len(set(colours)) == 6


def test_small_periods_are_hollow_and_off_the_line():
    store = _store(pd.date_range("2022-06-01", "2023-06-01", freq="MS"))
    trend = disclosure_trend(store)
    ax = disclosure_trend_chart(trend, min_n=7)  # WA and IL (6 a month) never reach it
    ca = [line for line in _lines(ax) if to_hex(line.get_color()) != CONTEXT][-1]
    assert np.isfinite(ca.get_ydata().astype(float)).all()  # CA (9 a month) is one line
    hollow = [c for c in ax.collections if len(c.get_offsets())]
    # WA and IL: every month hollow
    assert sum(len(c.get_offsets()) for c in hollow) == 2 * trend["period_start"].nunique()
    # labelled at their last (hollow) month instead, with its n
    assert sum(t.get_text().startswith(("WA ", "IL ")) and "(n=6)" in t.get_text()
               for t in ax.texts) == 2
    assert any("fewer than 7 postings" in t.get_text() for t in ax.texts)


def test_law_dates_inside_the_window_are_dashed_and_labelled():
    store = _store(pd.date_range("2022-06-01", "2023-06-01", freq="MS"))
    ax = disclosure_trend_chart(disclosure_trend(store), laws=load_laws(), min_n=5)
    dashed = [line for line in ax.get_lines() if line.get_linestyle() != "-"]
    texts = [t.get_text() for t in ax.texts]
    # NYC (1 Nov 2022) and CA + WA (same day, one line) fall inside Jun 2022 - Jun 2023
    assert len(dashed) == 2
    assert "NYC law eff. 1 Nov 2022" in texts
    assert "CA, WA laws eff. 1 Jan 2023" in texts
    assert not any("CO law" in t for t in texts)  # 2021: before the window


def test_a_short_window_by_week_draws_no_law_lines():
    store = _store(pd.date_range("2026-09-07", "2026-10-26", freq="W-MON"))
    trend = disclosure_trend(store)
    assert set(trend["period"]) == {"week"}
    before = trend.copy()
    ax = disclosure_trend_chart(trend, laws=load_laws(), min_n=5)
    assert all(line.get_linestyle() == "-" for line in ax.get_lines())
    assert len(ax.get_xticks()) == trend["period_start"].nunique()
    pd.testing.assert_frame_equal(trend, before)
