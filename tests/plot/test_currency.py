"""Charts draw money in the currency they are given: a pound chart's ticks read £45k, its labels
and value texts say pounds, and its axis label names GBP, never USD."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402

from analysis.analyses.benchmark import benchmark_posting, peer_bands  # noqa: E402
from analysis.analyses.diff import group_shifts  # noqa: E402
from analysis.analyses.ladder import level_ladder  # noqa: E402
from analysis.analyses.roles import role_metro_matrix  # noqa: E402
from analysis.analyses.summary import band_summary  # noqa: E402
from analysis.plot import (  # noqa: E402
    band_range_chart,
    benchmark_chart,
    ladder_chart,
    ladder_small_multiples,
    role_metro_heatmap,
    shift_chart,
)
from analysis.plot.style import money_axis  # noqa: E402

GBP = "GBP"
LONDON, LEEDS = "London", "Leeds"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def pound_bands(*, raise_by: float = 1.0, seed: int = 3) -> pd.DataFrame:
    """Closed annual GBP bands around £45k: two role families at three levels in two cities,
    five employers each."""
    rng = np.random.default_rng(seed)
    rows = []
    for family, base in {"data analyst": 40_000, "software engineer": 55_000}.items():
        for level, step in {"entry": 0.85, "mid": 1.0, "senior": 1.3}.items():
            for metro in (LONDON, LEEDS):
                for i in range(6):
                    mid = base * step * raise_by * rng.lognormal(0, 0.05)
                    low, high = round(mid * 0.9), round(mid * 1.1)
                    rows.append(band_row(
                        posting_id=f"{family}-{level}-{metro}-{i}", employer=f"E{i % 5}",
                        role_family=family, level=level, track="ic", metro=metro,
                        country="GB", currency=GBP, pay_min=float(low), pay_max=float(high),
                        annual_min=float(low), annual_max=float(high),
                        annual_mid=(low + high) / 2))
    return bands_frame(rows)


def tick_texts(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def assert_pound_axis(ax):
    ticks = tick_texts(ax.xaxis)
    assert ticks and all(t.startswith("£") for t in ticks), ticks
    label = ax.get_xlabel()
    assert label.startswith("GBP, ") and "USD" not in label


def test_money_axis_reads_each_currency():
    assert [money_axis(c)(45_000) for c in ("GBP", "EUR", "USD", "CAD")] == [
        "£45k", "€45k", "$45k", "CA$45k"]


def test_band_range_chart_in_pounds():
    ax = band_range_chart(band_summary(pound_bands(), by="role_family", currency=GBP),
                          y="role_family", currency=GBP)
    assert_pound_axis(ax)


def test_band_range_chart_stays_in_dollars_by_default():
    ax = band_range_chart(band_summary(pound_bands(), by="role_family", currency=GBP),
                          y="role_family")
    assert all(t.startswith("$") for t in tick_texts(ax.xaxis))
    assert ax.get_xlabel().startswith("USD, ")


def test_ladder_charts_in_pounds():
    ladders = level_ladder(pound_bands(), currency=GBP, n_boot=50)
    assert_pound_axis(ladder_chart(ladders, role_family="software engineer", track="ic",
                                   currency=GBP))
    fig = ladder_small_multiples(ladders, role_families=["software engineer", "data analyst"],
                                 currency=GBP)
    bottom = fig.axes[-1]  # the panel that carries the shared axis' labels
    assert_pound_axis(bottom)


def test_benchmark_chart_in_pounds():
    bands = pound_bands()
    me = "software engineer-mid-London-0"
    benchmark = benchmark_posting(bands, posting_id=me, currency=GBP, n_boot=50)
    ax = benchmark_chart(peer_bands(bands, posting_id=me, currency=GBP), benchmark,
                         currency=GBP)
    assert_pound_axis(ax)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "peer median midpoint £" in texts and "This posting: £" in texts
    assert "$" not in texts


def test_shift_chart_reads_medians_in_pounds():
    old = pound_bands()
    new = pound_bands(raise_by=1.1, seed=4).assign(snapshot="2026-12-01")
    ax = shift_chart(group_shifts(old, new, by="metro", currency=GBP, n_boot=50), by="metro",
                     currency=GBP)
    readings = [t.get_text() for t in ax.texts if "→" in t.get_text() and "bands" in t.get_text()]
    assert len(readings) == 2
    assert all(r.startswith("£") and r.count("£") == 2 for r in readings), readings


def test_heatmap_cells_and_scale_in_pounds():
    matrix = role_metro_matrix(pound_bands(), currency=GBP, reference=LONDON)
    ax = role_metro_heatmap(matrix, reference=LONDON, currency=GBP)
    cells = [t.get_text() for t in ax.texts if "n=" in t.get_text()]
    assert cells and all(c.startswith("£") for c in cells), cells
    scale = ax.figure.axes[-1]  # the colour bar
    ticks = tick_texts(scale.yaxis)
    assert ticks and all(t.startswith("£") for t in ticks), ticks
    assert "GBP" in ax.get_xlabel() and "USD" not in ax.get_xlabel()
