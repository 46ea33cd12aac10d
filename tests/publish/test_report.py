"""`paybands report`: the suite in one kernel → offline HTML reports and an index (slow)."""

import csv
import re

import pytest
from factories import FORMULA_TITLE, SCRIPT_TITLE

from analysis.paths import ROOT
from analysis.publish.report import ReportError, build_reports, notebook_paths
from analysis.store import ensure_sample_store

pytestmark = pytest.mark.slow
NOTEBOOKS = [p.stem for p in notebook_paths()]
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""")


def test_the_suite_has_ten_reports():
    assert [name[:2] for name in NOTEBOOKS] == [f"{i:02d}" for i in range(1, 11)]


def test_index_links_every_report_with_its_headline(suite_reports):
    out, _, _ = suite_reports
    index = (out / "index.html").read_text()
    for name in NOTEBOOKS:
        assert f"href='{name}.html'" in index, name
        assert (out / f"{name}.html").exists()
    assert index.count("class='card'") == len(NOTEBOOKS)
    assert "class='card failed'" not in index
    assert re.search(r"<b>[\d,]+</b><span>Postings</span>", index)
    assert "What changed" in index and "Source files (" in index


def test_progress_names_each_notebook(suite_reports):
    _, _, result = suite_reports
    for name in NOTEBOOKS:
        assert re.search(rf"{name}: ok in \d+\.\d s", result.stderr), name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_report_is_self_contained_without_code(suite_reports, name):
    out, _, _ = suite_reports
    page = (out / f"{name}.html").read_text()
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "import analysis" not in page and "pb.report_header" not in page
    code_cells = re.findall(r'class="jp-Cell jp-CodeCell[^"]*"', page)
    assert code_cells and all("jp-mod-noInput" in c for c in code_cells)
    assert "hl-ipython3" not in page  # no highlighted source anywhere
    assert "Traceback" not in page
    assert 'class="report-header"' in page and "Key findings" in page
    images = re.findall(r"<img[^>]*>", page)
    assert images, "no chart"
    for image in images:
        assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{200}', image), image[:120]
        assert re.search(r'alt="[^"]{20,}"', image), "every chart has alt text"
    assert 'href="index.html"' in page  # back to the index


def test_every_figure_has_svg_and_csv_beside_it(suite_reports):
    _, figures, _ = suite_reports
    pngs = sorted(figures.glob("*.png"))
    assert {p.name[:2] for p in pngs} >= {n[:2] for n in NOTEBOOKS if not n.startswith("07")}
    for png in pngs:
        assert png.with_suffix(".csv").exists() and png.with_suffix(".svg").exists(), png


def test_changes_report_shows_the_planted_refresh(suite_reports):
    out, _, _ = suite_reports
    text = re.sub(r"<[^>]+>", " ", (out / "07_changes.html").read_text())
    for count in ("218", "174", "131"):
        assert count in text


def test_unknown_parameter_fails_with_its_name(tmp_path):
    from factories import run_report

    result = run_report("--out", str(tmp_path), "-p", "colour", "red")
    assert result.returncode == 2 and "colour" in result.stderr
    assert not (tmp_path / "index.html").exists()  # refused before running anything


def test_hostile_strings_are_text_in_every_report(hostile_reports):
    out, _ = hostile_reports
    shown = 0
    for page in sorted(out.glob("*.html")):
        text = page.read_text()
        assert "<script>alert(1)" not in text, page.name
        assert "<img src=x onerror" not in text, page.name
        shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert shown >= 1, "the script title appears (escaped) in at least one report"


def test_figure_csvs_neutralize_formulas(hostile_reports):
    _, figures = hostile_reports
    cells = [
        cell
        for path in figures.glob("*.csv")
        for row in csv.reader(path.open(encoding="utf-8"))
        for cell in row
    ]
    assert cells
    risky = [c for c in cells if c and (c[0] in "=+@" or (c[0] == "-" and not _number(c)))]
    assert risky == []
    assert FORMULA_TITLE not in cells and SCRIPT_TITLE.startswith("<")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.fixture
def tiny_suite(tmp_path, monkeypatch):
    """Three small notebooks in a temporary notebooks folder: ok, failing, ok."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    header = '# %% tags=["parameters"]\ndata = ""\nfigures_dir = ""\nword = "x"\n\n'
    (folder / "01_first.py").write_text(
        "# %% [markdown]\n# # 01 · First\n\n" + header
        + "# %%\nimport os\nsecret = 42\nprint('pid', os.getpid(), word, os.path.exists(data))\n"
    )
    (folder / "02_broken.py").write_text(
        header + "# %%\nratio = 1 / 0\n"
    )
    (folder / "03_third.py").write_text(
        header + "# %%\nimport os\nprint('pid', os.getpid(), 'secret' in globals())\n"
    )
    monkeypatch.setattr("analysis.publish.report.NOTEBOOKS", folder)
    return tmp_path


def test_one_kernel_runs_the_suite_and_a_failure_leaves_the_rest(tiny_suite, monkeypatch):
    out = tiny_suite / "reports"
    monkeypatch.chdir(ROOT)
    ensure_sample_store()  # a relative store path, as a user types it
    with pytest.raises(ReportError) as failure:
        build_reports("data/sample_snapshots", out=out, figures_dir=tiny_suite / "figures",
                      parameters={"word": "hello"}, progress=False)
    assert "02_broken.py" in str(failure.value) and "ZeroDivisionError" in str(failure.value)
    assert "ratio = 1 / 0" in str(failure.value)  # the failing cell is named
    assert not (out / "02_broken.html").exists()
    first, third = (out / "01_first.html").read_text(), (out / "03_third.html").read_text()
    pids = re.findall(r"pid (\d+)", first + third)
    assert len(pids) == 2 and pids[0] == pids[1], "one kernel for the whole suite"
    assert "hello True" in first  # the parameter reached it; a relative data path still resolves
    assert "pid " in third and "False" in third  # the namespace was reset between notebooks
    index = (out / "index.html").read_text()
    assert "class='card failed'" in index and "ZeroDivisionError" in index
