"""Range width: ratio and spread of closed bands, the too-wide cut-off, headline numbers."""

import numpy as np
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.summary import band_summary
from analysis.analyses.widths import TOO_WIDE_SPREAD, range_width, ratio_to_spread, width_summary
from analysis.config import TOO_WIDE


def _band(pid, low, high, **kw):
    return band_row(
        posting_id=pid,
        pay_min=low,
        pay_max=high,
        annual_min=low,
        annual_max=high,
        annual_mid=(low + high) / 2,
        **kw,
    )


def test_range_width_against_plain_pandas():
    bands = bands_frame(
        [
            _band("a", 100_000.0, 150_000.0, state="CA"),
            _band("b", 100_000.0, 200_000.0, state="CA"),  # exactly 2.0: not too wide
            _band("c", 80_000.0, 200_000.0, state="NY"),  # 2.5: too wide
            _band("d", 100_000.0, 120_000.0, state="NY", currency="EUR"),
            band_row(posting_id="e", **NO_PAY),
        ]
    )
    usd = bands.loc[bands["currency"] == "USD"]
    ratios = usd["annual_max"] / usd["annual_min"]
    overall = range_width(bands)
    assert overall.loc[0, "n_bands"] == 3
    assert overall.loc[0, "ratio_median"] == pytest.approx(ratios.median())
    assert overall.loc[0, "share_too_wide"] == pytest.approx((ratios > TOO_WIDE).mean())
    per_band = range_width(bands, per_band=True).set_index("posting_id")
    assert per_band["too_wide"].to_dict() == {"a": False, "b": False, "c": True}
    by_state = range_width(bands, by="state", too_wide=1.6).set_index("state")
    assert by_state.loc["CA", "n_too_wide"] == 1
    assert by_state.loc["NY", "share_too_wide"] == 1.0


# (min, max, spread = (max − min) / min): the comp-practice definition, worked by hand
SPREADS = [
    (100_000.0, 150_000.0, 0.5),
    (100_000.0, 200_000.0, 1.0),  # ratio exactly 2.0: spread exactly 100 %, not too wide
    (80_000.0, 200_000.0, 1.5),
    (50_000.0, 250_000.0, 4.0),
    (120_000.0, 120_000.0, 0.0),  # a single figure
]


def test_spread_is_max_minus_min_over_min():
    bands = bands_frame([_band(f"b{i}", low, high) for i, (low, high, _) in enumerate(SPREADS)])
    per_band = range_width(bands, per_band=True)
    assert per_band["spread"].tolist() == pytest.approx([spread for *_, spread in SPREADS])
    assert per_band["too_wide"].tolist() == [False, False, True, True, False]


def test_spread_states_the_same_cut_off_as_the_ratio():
    assert TOO_WIDE_SPREAD == 1.0  # max / min > 2.0 ⇔ (max − min) / min > 100 %
    assert ratio_to_spread(TOO_WIDE) == TOO_WIDE_SPREAD
    assert ratio_to_spread(1.0) == 0
    assert ratio_to_spread(1.5) == 0.5  # a 100k–150k band
    assert ratio_to_spread(4.0) == 3.0


def test_spread_agrees_with_the_band_summary():
    # one definition everywhere: the width report and the summary tables give the same median
    bands = bands_frame([_band(f"b{i}", low, high) for i, (low, high, _) in enumerate(SPREADS)])
    widths = range_width(bands, per_band=True)
    summary = band_summary(bands.assign(all="all"), by="all", n_boot=10)
    assert summary.loc[0, "spread_median"] == pytest.approx(widths["spread"].median()) == 1.0


def test_width_summary_against_plain_pandas():
    bands = bands_frame(
        [
            _band("a", 100_000.0, 150_000.0),
            _band("b", 100_000.0, 200_000.0),
            _band("c", 80_000.0, 200_000.0),  # too wide
            _band("d", 50_000.0, 200_000.0),  # too wide
            _band("e", 120_000.0, 120_000.0),
        ]
    )
    widths = range_width(bands, per_band=True)
    summary = width_summary(widths)
    assert summary["bands"] == 5
    assert summary["too_wide"] == 2
    assert summary["share_too_wide"] == pytest.approx(0.4)
    assert summary["median_spread"] == pytest.approx(widths["spread"].median())
    empty = width_summary(widths.iloc[0:0])
    assert empty["bands"] == 0 and empty["too_wide"] == 0
    assert np.isnan(empty["share_too_wide"]) and np.isnan(empty["median_spread"])
