"""The notebook suite → HTML reports: execute with papermill, export without code, write an index.

Notebooks are jupytext text files (notebooks/NN_name.py). Each run converts them to .ipynb in a
build folder, executes them with the dataset as a parameter, exports self-contained HTML (images
embedded, no code, nothing loaded from the network) and writes reports/index.html linking them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jupytext
import nbformat
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis.coverage import headline_figures
from analysis.datasets import resolve_data
from analysis.paths import FIGURES, NOTEBOOKS, REPORTS
from analysis.snapshot import paybands_version, read_bands, read_manifest

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.py"
KERNEL = "python3"


@dataclass(frozen=True)
class ReportResult:
    name: str
    title: str
    summary: str
    html: Path | None
    error: str | None = None


class ReportError(RuntimeError):
    """One or more notebooks failed; the others' reports were still written."""


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The suite's notebooks in order, optionally only those whose name contains one of `only`."""
    paths = sorted(NOTEBOOKS.glob(NOTEBOOK_PATTERN))
    if only:
        paths = [p for p in paths if any(key in p.stem for key in only)]
    return paths


def build_reports(
    data: str | Path | None = None,
    *,
    out: str | Path = REPORTS,
    figures_dir: str | Path = FIGURES,
    parameters: dict | None = None,
    only: list[str] | None = None,
    progress: bool = True,
) -> Path:
    """Execute the notebooks on `data` (None = the embedded sample) and write HTML + index.

    Returns the index page. Raises ReportError naming each failed notebook and its error after
    writing every report that succeeded.
    """
    out = Path(out)
    build = out / "_build"
    build.mkdir(parents=True, exist_ok=True)
    data_path = resolve_data(data)
    notebooks = notebook_paths(only)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks matching {only or NOTEBOOK_PATTERN} in {NOTEBOOKS}")
    values = {
        "data": str(data_path),
        "figures_dir": str(Path(figures_dir).resolve()),
        **(parameters or {}),
    }
    results = [
        _run_notebook(path, build=build, out=out, parameters=values)
        for path in tqdm(notebooks, desc="reports", unit="notebook", disable=not progress)
    ]
    index = write_index(results, data_path=data_path, out=out)
    failures = [r for r in results if r.error]
    if failures:
        raise ReportError("; ".join(f"{r.name}: {r.error}" for r in failures))
    return index


def _run_notebook(path: Path, *, build: Path, out: Path, parameters: dict) -> ReportResult:
    notebook = jupytext.read(path)
    notebook.metadata["kernelspec"] = {
        "name": KERNEL,
        "display_name": "Python 3",
        "language": "python",
    }
    source = build / f"{path.stem}.ipynb"
    executed = build / f"{path.stem}.executed.ipynb"
    nbformat.write(notebook, source)
    title, summary = _title_and_summary(notebook)
    try:
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=_known(notebook, parameters),
            kernel_name=KERNEL,
            progress_bar=False,
            cwd=str(path.parent),
        )
    except papermill.PapermillExecutionError as error:
        return ReportResult(
            path.stem,
            title,
            summary,
            None,
            error=f"cell {error.exec_count}: {error.ename}: {error.evalue}",
        )
    target = out / f"{path.stem}.html"
    target.write_text(export_html(nbformat.read(executed, as_version=4)), encoding="utf-8")
    return ReportResult(path.stem, title, summary, target)


def _known(notebook, parameters: dict) -> dict:
    """Only the parameters this notebook declares (papermill would inject any name it is given)."""
    cell = next((c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])), None)
    declared = set(re.findall(r"^(\w+)\s*=", cell.source, flags=re.MULTILINE)) if cell else set()
    unknown = set(parameters) - declared - {"data", "figures_dir"}
    if unknown:
        raise ValueError(
            f"unknown report parameter(s) {sorted(unknown)}; declared: {sorted(declared)}"
        )
    return {k: v for k, v in parameters.items() if k in declared}


def export_html(notebook) -> str:
    """Self-contained HTML: outputs only, images embedded, no external scripts, no stderr noise."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    exporter = HTMLExporter(
        template_name="paybands",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _title_and_summary(notebook) -> tuple[str, str]:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            lines = cell.source.strip().splitlines()
            title = lines[0].lstrip("# ").strip()
            summary = " ".join(line.strip() for line in lines[1:] if line.strip())
            return title, summary
    return "Report", ""


def write_index(results: list[ReportResult], *, data_path: Path, out: Path) -> Path:
    """reports/index.html: provenance, headline figures, one card per report. All text escaped."""
    bands = read_bands(data_path)
    manifest = read_manifest(data_path) if data_path.is_dir() else {}
    figures = headline_figures(bands)
    counts = manifest.get("counts", {})
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    e = html.escape
    cards = "\n".join(
        f'<li class="card"><h3><a href="{e(r.html.name)}">{e(r.title)}</a></h3>'
        f"<p>{e(r.summary)}</p></li>"
        if r.html
        else f'<li class="card failed"><h3>{e(r.title)}</h3><p>Failed: {e(r.error or "")}</p></li>'
        for r in results
    )
    facts = [
        ("Postings", f"{figures['postings']:,}"),
        ("Pay bands", f"{figures['bands']:,}"),
        ("Employers", f"{figures['employers']:,}"),
        ("Role families", f"{figures['role_families']:,}"),
        ("Metros", f"{figures['metros']:,}"),
        ("Postings with pay", f"{figures['share_with_pay']:.0%}"),
        ("Quarantined records", f"{counts.get('quarantined', 0):,}"),
    ]
    fact_html = "".join(
        f"<div class='fact'><b>{e(v)}</b><span>{e(k)}</span></div>" for k, v in facts
    )
    inputs = manifest.get("inputs", [])
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paybands reports</title>
<style>
 body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
        max-width: 980px; margin: 0 auto; padding: 24px 32px 64px; line-height: 1.5; }}
 .stamp {{ color: #666; font-size: 14px; }}
 .facts {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }}
 .fact {{ background: #f4f6f8; border-radius: 8px; padding: 10px 16px; min-width: 110px; }}
 .fact b {{ display: block; font-size: 22px; }} .fact span {{ color: #555; font-size: 13px; }}
 ul.cards {{ list-style: none; padding: 0; }}
 .card {{ border: 1px solid #ddd; border-radius: 8px; padding: 6px 18px; margin: 12px 0; }}
 .card.failed {{ border-color: #D55E00; }}
 footer {{ margin-top: 40px; font-size: 13px; color: #555; }}
</style></head>
<body>
<h1>paybands: posted base-salary bands</h1>
<p>Posted pay ranges turned into comparable annual base-salary bands, compared across roles,
levels and locations.</p>
<p class="stamp">Snapshot {e(figures["snapshot"])} &middot; data {e(str(data_path))} &middot;
generated {e(stamp)} &middot; paybands {e(paybands_version())} &middot;
{len(inputs):,} input files</p>
<div class="facts">{fact_html}</div>
<h2>Reports</h2>
<ul class="cards">
{cards}
</ul>
<footer>
<p>Method: every posted range is annualized (hour &times; 2080, day &times; 260, week &times; 52,
month &times; 12); comparisons use one currency (USD) and closed ranges; posted pay is not
paid pay.</p>
<p>Rerun on your own data: <code>paybands ingest YOUR_FILES --out DIR</code>, then
<code>paybands report DIR</code>.</p>
</footer>
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
