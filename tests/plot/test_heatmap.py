"""Role × metro heatmap: which cells were drawn, hidden, annotated and in what order."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from factories import band_row, bands_frame  # noqa: E402
from matplotlib import colormaps  # noqa: E402
from matplotlib.colors import Normalize, to_rgb  # noqa: E402

from analysis.analyses.roles import role_metro_matrix  # noqa: E402
from analysis.config import REFERENCE_METRO  # noqa: E402
from analysis.formats import money, short_metro
from analysis.plot import ACCENT  # noqa: E402
from analysis.plot.heatmap import role_metro_heatmap  # noqa: E402

AUSTIN = "Austin-Round Rock-San Marcos, TX"
BOSTON = "Boston-Cambridge-Newton, MA-NH"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def cell_rows(role, metro, *, n, employers, mid):
    """`n` one-band postings of `role` in `metro` from `employers` employers, mid ± 10k."""
    rows = []
    for i in range(n):
        value = mid + 10_000 * ((i % 3) - 1)
        rows.append(band_row(
            posting_id=f"t:{role}{metro}{i}", role_family=role, metro=metro,
            employer=f"{metro}-E{i % employers}", pay_min=value - 20_000.0,
            pay_max=value + 20_000.0, annual_min=value - 20_000.0, annual_max=value + 20_000.0,
            annual_mid=float(value)))
    return rows


@pytest.fixture
def grid():
    """Three roles × three metros: the reference pays least, Boston's cells are small or empty."""
    return bands_frame(
        cell_rows("software engineer", REFERENCE_METRO, n=30, employers=6, mid=150_000)
        + cell_rows("software engineer", AUSTIN, n=24, employers=6, mid=170_000)
        + cell_rows("software engineer", BOSTON, n=3, employers=3, mid=200_000)
        + cell_rows("recruiter", REFERENCE_METRO, n=8, employers=4, mid=90_000)
        + cell_rows("recruiter", AUSTIN, n=6, employers=3, mid=80_000)
        + cell_rows("data scientist", REFERENCE_METRO, n=20, employers=5, mid=120_000)
        + cell_rows("data scientist", AUSTIN, n=4, employers=2, mid=140_000)
        + cell_rows("data scientist", BOSTON, n=9, employers=3, mid=200_000)
    )


def cells_by_position(ax) -> dict:
    """{(column, row): (patch, [texts drawn in it])} for every cell of the heatmap."""
    cells = {}
    for patch in ax.patches:
        x, y = patch.get_xy()
        cells[(round(x), round(y))] = (patch, [])
    for text in ax.texts:
        x, y = text.get_position()
        cells[(int(x), int(y))][1].append(text.get_text())
    return cells


def test_one_cell_per_role_and_metro_with_hidden_cells_hatched(grid):
    matrix = role_metro_matrix(grid)
    ax = role_metro_heatmap(matrix)
    assert len(ax.patches) == 9
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == int(matrix["hidden"].sum()) == 3  # two small cells, one empty
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("n<5") == 2
    assert texts.count("n=0") == 1
    assert len(ax.figure.axes) == 2  # the heatmap and its colour bar


def test_every_shown_cell_reads_its_median_and_n(grid):
    matrix = role_metro_matrix(grid)
    ax = role_metro_heatmap(matrix)
    cells = cells_by_position(ax)
    roles = [t.get_text() for t in ax.get_yticklabels()]
    columns = list(dict.fromkeys(matrix["metro"]))
    for row in matrix.itertuples():
        patch, texts = cells[(columns.index(row.metro), roles.index(row.role_family))]
        if row.hidden:
            assert patch.get_hatch() and not any("$" in t for t in texts)
        else:
            assert texts == [f"{money(row.median_mid)}\nn={row.n_postings}"]


def test_reference_pinned_first_then_metros_and_roles_by_value(grid):
    ax = role_metro_heatmap(grid, highlight="recruiter")
    metros = ["".join(t.get_text().split()) for t in ax.get_xticklabels()]  # labels wrap
    expected = [REFERENCE_METRO, BOSTON, AUSTIN]  # pinned though lowest; then ~200k, ~170k
    assert metros == ["".join(short_metro(m).split()) for m in expected]
    roles = [t.get_text() for t in ax.get_yticklabels()]
    assert roles == ["software engineer", "data scientist", "recruiter"]
    assert ax.get_xticklabels()[0].get_fontweight() == "bold"
    highlighted = [t for t in ax.get_yticklabels() if t.get_color() == ACCENT]
    assert [t.get_text() for t in highlighted] == ["recruiter"]


def test_low_confidence_cells_are_lighter_than_the_scale(grid):
    matrix = role_metro_matrix(grid)
    ax = role_metro_heatmap(matrix)
    shown = matrix.loc[~matrix["hidden"], "median_mid"]
    norm = Normalize(shown.min(), shown.max())
    cells = cells_by_position(ax)
    roles = [t.get_text() for t in ax.get_yticklabels()]
    columns = list(dict.fromkeys(matrix["metro"]))
    checked = 0
    for row in matrix.loc[~matrix["hidden"]].itertuples():
        patch, _ = cells[(columns.index(row.metro), roles.index(row.role_family))]
        drawn = to_rgb(patch.get_facecolor())
        scale = to_rgb(colormaps["cividis"](norm(row.median_mid)))
        if row.low_confidence:
            assert sum(drawn) > sum(scale) + 0.3
            checked += 1
        else:
            assert drawn == pytest.approx(scale)
    assert checked == int(matrix["low_confidence"].sum()) > 0


def test_bands_and_table_give_the_same_chart_and_inputs_are_untouched(grid):
    before = grid.copy()
    from_bands = role_metro_heatmap(grid)
    from_table = role_metro_heatmap(role_metro_matrix(grid))
    assert [t.get_text() for t in from_bands.texts] == [t.get_text() for t in from_table.texts]
    pd.testing.assert_frame_equal(grid, before)
    with pytest.raises(ValueError, match="missing"):
        role_metro_heatmap(pd.DataFrame({"role_family": ["x"], "metro": ["y"]}))
