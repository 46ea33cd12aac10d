"""Benchmark strip: one grey line per peer, the posting in accent at its rank, its percentile."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.analyses.benchmark import benchmark_posting, peer_bands  # noqa: E402
from analysis.formats import ordinal
from analysis.plot.benchmark import benchmark_chart  # noqa: E402
from analysis.plot.style import ACCENT  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _bands(n_peers, posting, *, seed=0, n_employers=6):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_peers):
        low = float(rng.integers(90, 260) * 1000)
        high = low + float(rng.integers(20, 90) * 1000)
        rows.append(band_row(posting_id=f"p{i}", employer=f"E{i % n_employers}", pay_min=low,
                             pay_max=high, annual_min=low, annual_max=high,
                             annual_mid=(low + high) / 2))
    low, high = posting
    rows.append(band_row(posting_id="me", pay_min=low, pay_max=high, annual_min=low,
                         annual_max=high, annual_mid=(low + high) / 2))
    return bands_frame(rows)


def _draw(bands):
    benchmark = benchmark_posting(bands, posting_id="me")
    peers = peer_bands(bands, posting_id="me")
    return benchmark, peers, benchmark_chart(peers, benchmark)


def _line_collections(ax):
    return [c for c in ax.collections if len(c.get_segments())]


@pytest.mark.parametrize("posting", [(117_000, 173_000), (280_000, 340_000)])
def test_one_grey_line_per_peer_and_the_posting_in_accent(posting):
    bands = _bands(24, posting)
    before = bands.copy()
    benchmark, peers, ax = _draw(bands)
    pd.testing.assert_frame_equal(bands, before)
    grey, accent = _line_collections(ax)
    segments = grey.get_segments()
    assert len(segments) == 24
    drawn = sorted((s[0][0], s[1][0]) for s in segments)
    assert drawn == sorted(zip(peers["annual_min"], peers["annual_max"], strict=True))
    # peers bottom to top by midpoint
    mids = [(s[0][0] + s[1][0]) / 2 for s in sorted(segments, key=lambda s: s[0][1])]
    assert mids == sorted(mids)
    (mine,) = accent.get_segments()
    assert (mine[0][0], mine[1][0]) == posting
    assert to_hex(accent.get_colors()[0]) == ACCENT.lower()
    # the posting sits in the row its midpoint ranks at
    assert mine[0][1] == pytest.approx(benchmark["pct_mid"].item() / 100 * 24 - 0.5)


def test_percentile_label_peer_median_and_n():
    bands = _bands(30, (150_000, 190_000), n_employers=5)
    benchmark, _, ax = _draw(bands)
    row = benchmark.iloc[0]
    label = f"mid at the {ordinal(row['pct_mid'])} percentile of 30 peers"
    notes = [t for t in ax.texts if label in t.get_text()]
    assert len(notes) == 1 and "$150k–$190k" in notes[0].get_text()
    assert any(f"peer median midpoint ${row['peer_annual_mid_median'] / 1000:,.0f}k"
               in t.get_text() for t in ax.texts)
    assert any(line.get_xdata()[0] == row["peer_annual_mid_median"] for line in ax.lines
               if line.get_linestyle() == "--")
    assert "n = 30 peer postings (5 employers)" in ax.get_ylabel()


@pytest.mark.parametrize("posting", [(60_000, 70_000), (400_000, 480_000)])
def test_label_stays_inside_the_axes(posting):
    bands = _bands(15, posting)
    _, _, ax = _draw(bands)
    renderer = ax.figure.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    (note,) = [t for t in ax.texts if "percentile of" in t.get_text()]
    extent = note.get_window_extent(renderer)
    assert box.x0 <= extent.x0 and extent.x1 <= box.x1


def test_x_label_says_when_peers_are_location_adjusted():
    bands = _bands(12, (150_000, 190_000))
    benchmark, peers, ax = _draw(bands)
    assert "location-adjusted" not in ax.get_xlabel()
    plt.close("all")
    ax = benchmark_chart(peers, benchmark.assign(location_adjusted=True))
    assert "peers location-adjusted" in ax.get_xlabel() and "as posted" not in ax.get_xlabel()
