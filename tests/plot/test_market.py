"""Market chart: OEWS bars per role family, the posted median as a dot, its position and n."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.plot.market import market_chart  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _reference():
    """Three role families: one well above its OEWS median, one below, one national and small."""
    rows = [
        dict(role_family="machine learning engineer", n_postings=40, posted_mid_median=240_000.0,
             p10=140_000.0, p25=175_000.0, p50=210_000.0, p75=230_000.0, p90=290_000.0,
             oews_area_type="metro", small_n=False, few_employers=False),
        dict(role_family="data analyst", n_postings=30, posted_mid_median=160_000.0,
             p10=110_000.0, p25=150_000.0, p50=185_000.0, p75=220_000.0, p90=280_000.0,
             oews_area_type="metro", small_n=False, few_employers=False),
        dict(role_family="recruiter", n_postings=3, posted_mid_median=100_000.0,
             p10=60_000.0, p25=80_000.0, p50=100_000.0, p75=140_000.0, p90=np.nan,
             oews_area_type="national", small_n=True, few_employers=True),
    ]
    out = pd.DataFrame(rows)
    out["mid_position"] = [78.0, 32.0, 50.0]
    out["position_flag"] = "within"
    out["posted_mid_median_low"] = out["posted_mid_median"] - 10_000
    out["posted_mid_median_high"] = out["posted_mid_median"] + 10_000
    out["versus_p50"] = ["above", "below", "within noise"]
    return out


def test_two_bars_per_role_and_a_dot_at_the_posted_median():
    reference = _reference()
    before = reference.copy()
    ax = market_chart(reference)
    pd.testing.assert_frame_equal(reference, before)
    bars = ax.patches
    assert len(bars) == 2 * len(reference)
    spans = sorted((round(b.get_x()), round(b.get_x() + b.get_width())) for b in bars)
    expected = sorted(
        [(140_000, 290_000), (175_000, 230_000), (110_000, 280_000), (150_000, 220_000),
         (60_000, 140_000), (80_000, 140_000)]  # recruiter's p90 is top-coded: bar ends at p75
    )
    assert spans == expected
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert sorted(d.get_xdata()[0] for d in dots) == sorted(reference["posted_mid_median"])


def test_rows_sorted_by_gap_labels_flag_national_and_carry_n():
    ax = market_chart(_reference())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # bottom to top: data analyst (-14%), recruiter (0%), machine learning engineer (+14%)
    assert labels == ["data analyst", "recruiter (US)", "machine learning engineer"]
    texts = [t.get_text() for t in ax.texts]
    assert any("78th pct, +14% vs median (n=40)" in t for t in texts)
    assert any("32nd pct, -14% vs median (n=30)" in t for t in texts)
    assert any("within noise (n=3)" in t for t in texts)


def test_small_groups_are_faded():
    ax = market_chart(_reference())
    dots = {line.get_ydata()[0]: line for line in ax.lines if line.get_marker() == "o"}
    assert dots[1].get_alpha() < 1  # recruiter, middle row
    assert dots[0].get_alpha() == 1 and dots[2].get_alpha() == 1


def test_empty_reference_draws_nothing_without_raising():
    ax = market_chart(_reference().iloc[0:0])
    assert not ax.patches and not [t for t in ax.texts if "pct" in t.get_text()]
