"""Disclosure trend chart: one line per state, the largest labelled, thin periods left out, law
dates marked."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import NO_PAY, band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.laws import load_laws  # noqa: E402
from analysis.analyses.trends import disclosure_trend  # noqa: E402
from analysis.plot.disclosure import disclosure_trend_chart  # noqa: E402
from analysis.plot.style import CONTEXT, category_colours  # noqa: E402

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


def _end_labels(ax):
    return [t for t in ax.texts if "(n=" in t.get_text()]


def test_largest_states_labelled_with_last_share_and_n():
    store = _store(pd.date_range("2022-06-01", "2023-06-01", freq="MS"))
    trend = disclosure_trend(store)
    assert set(trend["period"]) == {"month"}
    ax = disclosure_trend_chart(trend, min_n=2)
    labels = [t.get_text() for t in _end_labels(ax)]
    assert sorted(label.split()[0] for label in labels) == ["CA", "IL", "NY", "TX", "WA"]
    last = trend.loc[(trend["state"] == "CA")].sort_values("period_start").iloc[-1]
    assert f"CA {last['share_with_pay']:.0%} (n={last['postings']})" in labels
    colours = [to_hex(line.get_color()) for line in _lines(ax)]
    assert len(colours) == len(SIZES)
    assert colours.count(CONTEXT) == 2  # GA and CO
    assert len(set(colours)) == 6


def test_thin_periods_are_left_out_and_lines_break_there():
    months = pd.date_range("2022-06-01", "2023-06-01", freq="MS")
    store = _store(months)
    # CA loses all but 3 postings in one month: that month is thin and leaves a gap in its line
    gap_month = months[6]
    thin = store["posting_id"].str.match(rf"CA{gap_month:%Y%m%d}[3-9]")
    trend = disclosure_trend(store.loc[~thin])
    ax = disclosure_trend_chart(trend, min_n=7)  # WA, IL (6 a month), GA, CO never reach it
    lines = _lines(ax)
    assert len(lines) == 3  # CA, NY, TX only: a state with no readable period draws nothing
    blue = to_hex(category_colours(["CA"])["CA"])  # the largest state takes the first hue
    ca = next(line for line in lines if to_hex(line.get_color()) == blue)
    y = ca.get_ydata().astype(float)
    x = pd.to_datetime(ca.get_xdata())
    assert np.isnan(y[x == gap_month]).all() and np.isfinite(y[x != gap_month]).all()
    assert not [c for c in ax.collections if len(c.get_offsets())]  # no hollow points
    assert sorted(t.get_text().split()[0] for t in _end_labels(ax)) == ["CA", "NY", "TX"]
    assert any("fewer than 7 postings in a state are not drawn" in t.get_text()
               for t in ax.texts)


def test_end_labels_sit_at_their_last_readable_period_without_connectors():
    months = pd.date_range("2022-06-01", "2023-06-01", freq="MS")
    store = _store(months)
    # NY's last two months are thin: its label moves back to its last readable month
    thin = store["posting_id"].str.match(rf"NY({months[-1]:%Y%m%d}|{months[-2]:%Y%m%d})[2-9]")
    trend = disclosure_trend(store.loc[~thin])
    ax = disclosure_trend_chart(trend, min_n=5)
    labels = {t.get_text().split()[0]: t for t in _end_labels(ax)}
    assert all(t.arrow_patch is None for t in labels.values())
    assert pd.Timestamp(labels["NY"].xy[0]) == months[-3]
    assert pd.Timestamp(labels["CA"].xy[0]) == months[-1]
    ny = trend.loc[(trend["state"] == "NY") & (trend["period_start"] == months[-3])].iloc[0]
    assert labels["NY"].get_text() == f"NY {ny['share_with_pay']:.0%} (n={ny['postings']})"
    # nudged apart: no two labels closer than the minimum gap
    low, high = ax.get_ylim()
    ys = sorted(t.xy[1] for t in labels.values())
    assert all(b - a >= 0.055 * (high - low) - 1e-9 for a, b in zip(ys, ys[1:], strict=False))


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


def test_nothing_readable_says_so_instead_of_a_blank_frame():
    trend = disclosure_trend(_store(pd.date_range("2022-06-01", "2023-06-01", freq="MS")))
    ax = disclosure_trend_chart(trend, min_n=50)
    assert not _lines(ax) and not _end_labels(ax)
    assert any(t.get_text() == "No state has 50 or more postings in any of these months"
               for t in ax.texts)
