"""The zone chart: one ranked row per metro, coloured by zone, unzoned grey, reference at 100."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from analysis.plot.style import ACCENT, CONTEXT  # noqa: E402
from analysis.plot.zones import ZONE_HUES, zone_chart  # noqa: E402

NA = pd.NA
# metro, index, low, high, zone, postings, employers, zoned, reason, is_reference
ROWS = [
    ("San Jose-Sunnyvale-Santa Clara, CA", 100.0, np.nan, np.nan, 1, 300, 10, True, NA, True),
    ("San Francisco-Oakland-Fremont, CA", 101.0, 99.0, 103.0, 1, 300, 10, True, NA, False),
    ("Seattle-Tacoma-Bellevue, WA", 90.0, 89.0, 91.0, 2, 300, 10, True, NA, False),
    ("Austin-Round Rock-San Marcos, TX", 70.0, 69.0, 71.0, 3, 300, 10, True, NA, False),
    ("Boise City, ID", 95.0, np.nan, np.nan, NA, 2, 2, False, "fewer than 20 postings", False),
]


@pytest.fixture
def zones():
    frame = pd.DataFrame(ROWS, columns=["metro", "index", "index_low", "index_high", "zone",
                                        "postings", "employers", "zoned", "reason",
                                        "is_reference"])
    return frame.astype({"zone": "Int64"})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def dots(ax):
    """(x, y, colour) of every dot drawn, top row first."""
    found = [(line.get_xdata()[0], line.get_ydata()[0], to_hex(line.get_color()))
             for line in ax.get_lines() if line.get_marker() == "o"]
    return sorted(found, key=lambda dot: -dot[1])


def test_one_row_per_metro_zones_first_highest_on_top(zones):
    ax = zone_chart(zones)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # top first: zone 1 by index, zone 2, zone 3, then the unzoned metro at the bottom
    assert labels == ["San Francisco-Oakland", "San Jose-Sunnyvale", "Seattle-Tacoma",
                      "Austin-Round Rock", "Boise City"]
    assert [x for x, _, _ in dots(ax)] == [101.0, 100.0, 90.0, 70.0, 95.0]


def test_colours_follow_the_zones_and_the_unzoned_are_grey(zones):
    ax = zone_chart(zones)
    colours = [colour for _, _, colour in dots(ax)]
    assert colours[:4] == [to_hex(ZONE_HUES[0])] * 2 + [to_hex(ZONE_HUES[1]),
                                                        to_hex(ZONE_HUES[2])]
    assert colours[4] == to_hex(CONTEXT)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Zone 1 (100–101)", "Zone 2 (90)", "Zone 3 (70)", "unzoned"]


def test_intervals_are_drawn_only_where_there_is_one(zones):
    ax = zone_chart(zones)
    rules = ax.get_yaxis_transform()  # zone separators span the axes, not index points
    spans = [tuple(line.get_xdata()) for line in ax.get_lines()
             if line.get_marker() in ("None", "", None) and line.get_transform() != rules
             and line.get_linestyle() == "-"]
    assert sorted(spans) == [(69.0, 71.0), (89.0, 91.0), (99.0, 103.0)]
    # a rule between zones 1|2, 2|3 and between the zones and the unzoned
    assert sum(line.get_transform() == rules for line in ax.get_lines()) == 3


def test_reference_line_at_100_and_the_unzoned_reason_is_written(zones):
    ax = zone_chart(zones)
    verticals = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(verticals) == 1 and list(verticals[0].get_xdata()) == [100, 100]
    notes = [t.get_text() for t in ax.texts]
    assert "95  unzoned: fewer than 20 postings" in notes and "70" in notes


def test_highlight_and_reference_labels(zones):
    ax = zone_chart(zones, highlight="Austin-Round Rock-San Marcos, TX", short_labels=False)
    ticks = {t.get_text(): t for t in ax.get_yticklabels()}
    assert to_hex(ticks["Austin-Round Rock-San Marcos, TX"].get_color()) == to_hex(ACCENT)
    assert ticks["San Jose-Sunnyvale-Santa Clara, CA"].get_fontweight() == "bold"
    assert ticks["Seattle-Tacoma-Bellevue, WA"].get_fontweight() != "bold"


def test_draws_on_a_given_axes_and_leaves_the_data_alone(zones):
    before = zones.copy()
    fig, given = plt.subplots()
    assert zone_chart(zones, ax=given) is given
    pd.testing.assert_frame_equal(zones, before)


def test_all_unzoned_still_draws(zones):
    unzoned = zones.assign(zone=pd.array([NA] * len(zones), dtype="Int64"), zoned=False,
                           reason="fewer than 5 employers")
    ax = zone_chart(unzoned)
    assert {colour for _, _, colour in dots(ax)} == {to_hex(CONTEXT)}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["unzoned"]
