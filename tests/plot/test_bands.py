"""Charts: check what was drawn (bars, labels, n), not image snapshots."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.analyses.compare import compare_groups  # noqa: E402
from analysis.analyses.summary import band_summary  # noqa: E402
from analysis.formats import money
from analysis.plot import band_range_chart, location_index_chart  # noqa: E402
from analysis.publish.figures import save_figure  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(("value", "text"), [(150000, "$150k"), (87500, "$88k"), (42, "$42")])
def test_money_labels(value, text):
    assert money(value) == text


def test_band_range_chart_draws_one_bar_per_group_with_its_n(market):
    summary = band_summary(market, by="role_family")
    before = summary.copy()
    ax = band_range_chart(summary, y="role_family", highlight="data scientist")
    bars = ax.patches
    assert len(bars) == 2
    widths = sorted(round(b.get_width()) for b in bars)
    expected = sorted(round(w) for w in summary["annual_max_median"] - summary["annual_min_median"])
    assert widths == expected
    mid = band_range_chart(summary, y="role_family", span="mid")
    spreads = sorted(round(w) for w in summary["annual_mid_p75"] - summary["annual_mid_p25"])
    assert sorted(round(b.get_width()) for b in mid.patches) == spreads
    assert {t.get_text() for t in ax.get_yticklabels()} == {"software engineer", "data scientist"}
    assert any(t.get_text().strip().startswith("n=300") for t in ax.texts)
    pd.testing.assert_frame_equal(summary, before)


def test_location_index_chart_pins_the_reference_on_top(market):
    comparison = compare_groups(market, n_boot=200)
    ax = location_index_chart(comparison)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "San Jose-Sunnyvale-Santa Clara, CA"  # top row
    assert any("(n=300)" in t.get_text() for t in ax.texts)


def test_save_figure_writes_png_svg_and_csv(market, tmp_path):
    summary = band_summary(market, by="metro")
    ax = band_range_chart(summary, y="metro")
    paths = save_figure(ax, data=summary, name="x", out_dir=tmp_path, source="Source: test")
    assert sorted(p.name for p in paths) == ["x.csv", "x.png", "x.svg"]
    assert len(pd.read_csv(tmp_path / "x.csv")) == len(summary)
