"""The getting-started notebook runs top to bottom, on the sample and then on the analyst's own
file, and shows its tables formatted (slow: it starts a kernel)."""

import re

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from papermill.parameterize import parameterize_notebook

from analysis.paths import NOTEBOOKS

pytestmark = pytest.mark.slow
OWN_FILE = "title,company,location,salary\n" + "".join(
    f"Data Analyst,Harbor Freight Labs {i % 6},\"Austin, TX\",\"${60 + i},000 - ${80 + i},000\"\n"
    for i in range(24))


def _html_outputs(cell) -> str:
    return "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))


def _text_outputs(cell) -> str:
    return "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own")
    (folder / "mine.csv").write_text(OWN_FILE)
    notebook = jupytext.read(NOTEBOOKS / "getting_started.py")
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    notebook.metadata.setdefault("papermill", {})
    notebook = parameterize_notebook(
        notebook, {"my_postings": str(folder / "mine.csv"), "my_store": str(folder / "store")},
        kernel_name="python3", language="python")
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook, folder


def test_it_runs_and_reads_the_own_file_into_its_own_store(executed):
    notebook, folder = executed
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert (folder / "store" / "first-look" / "bands.parquet").exists()
    counts = next(_text_outputs(c) for c in code if "records_in" in _text_outputs(c))
    assert "'records_in': 24" in counts and "'quarantined': 0" in counts


def test_its_tables_show_formatted_money(executed):
    notebook, _ = executed
    tables = [_html_outputs(c) for c in notebook.cells if "<table" in _html_outputs(c)]
    assert len(tables) >= 5  # bands, sample summary and index, own summary and index
    for table in tables:
        assert re.search(r">\$\d{2,3},\d{3}<", table), "money is not formatted"
        assert not re.search(r">\d{5,}\.\d+<", table), "a raw float is shown"
    own_summary = tables[3]
    assert "Austin-Round Rock-San Marcos, TX" in own_summary and "Harbor" not in own_summary


def test_a_misspelt_column_names_the_right_one(executed):
    notebook, _ = executed
    last_code = [c for c in notebook.cells if c.cell_type == "code"][-1]
    assert "metroo" in last_code.source
    assert "'metro'" in _text_outputs(last_code)


def test_the_notebook_is_jupytext_text_and_opens_in_jupyter():
    notebook = jupytext.read(NOTEBOOKS / "getting_started.py")
    nbformat.validate(notebook)
    assert notebook.cells[0].cell_type == "markdown"
    assert "Getting started" in notebook.cells[0].source
