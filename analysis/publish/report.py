"""The notebook suite → HTML reports, in one process with one kernel, plus an index page.

Notebooks are jupytext text files (notebooks/NN_name.py). A run converts each to a notebook,
injects the parameters (papermill's parameterizer), executes it in a single shared kernel (reset
between notebooks, so imports and the data cache are paid once), exports self-contained HTML
(images embedded, code hidden, nothing fetched from the network) and writes reports/index.html
with the dataset's provenance and each report's headline, read from the tagged header and
findings outputs (analysis/narrative.py).
"""

from __future__ import annotations

import ast
import html
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert import HTMLExporter
from papermill.parameterize import parameterize_notebook
from tqdm import tqdm

from analysis.choices import check_choices, closest
from analysis.errors import UsageError
from analysis.paths import FIGURES, NOTEBOOKS, REPORTS
from analysis.publish.index_page import write_index
from analysis.publish.narrative import METADATA_KEY
from analysis.store import SAMPLE_NOTICE, is_embedded_sample, resolve_data

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.py"
KERNEL = "python3"
CELL_TIMEOUT = 600
# Run before each notebook: a clean namespace and no figures left over from the previous one.
RESET = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"
SUITE_PARAMETERS = {"data", "figures_dir"}


@dataclass(frozen=True)
class ReportResult:
    """One notebook's outcome: its HTML (None when it failed), what the index says about it."""

    name: str
    title: str
    label: str = ""
    scope: str = ""
    stamp: str = ""
    headline: list[str] = field(default_factory=list)
    html: Path | None = None
    seconds: float = 0.0
    error: str | None = None


class ReportError(RuntimeError):
    """One or more notebooks failed; the others' reports were still written."""


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The suite's notebooks in order, optionally only those whose name contains one of `only`."""
    paths = sorted(NOTEBOOKS.glob(NOTEBOOK_PATTERN))
    if only:
        paths = [p for p in paths if any(key in p.stem for key in only)]
    return paths


def declared_parameters(notebook) -> dict[str, object]:
    """Names assigned in the notebook's cell tagged "parameters", with their default values."""
    cell = next((c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        return {}
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }


def _typed(value, default: object, *, name: str):
    """A command-line string as the type of the parameter's default ("30" -> 30 for an int)."""
    if not isinstance(value, str):
        return value
    if isinstance(default, bool):
        return value.strip().lower() in ("1", "true", "yes")
    if isinstance(default, int | float):
        try:
            return type(default)(value)
        except ValueError:
            kind = "a whole number" if isinstance(default, int) else "a number"
            raise UsageError(f"report parameter {name} takes {kind}, got {value!r}") from None
    return value


def route_parameters(parameters: dict, declared: dict[Path, dict]) -> dict[Path, dict]:
    """Which notebook gets which parameter.

    "name" goes to every notebook that declares it; "NN.name" (e.g. "05.location") only to
    notebook NN. A name no selected notebook declares is an error, raised before anything runs.
    """
    routed: dict[Path, dict] = {path: {} for path in declared}
    unknown = []
    for key, value in parameters.items():
        prefix, _, name = key.rpartition(".")
        targets = [
            path
            for path, names in declared.items()
            if name in names and (not prefix or path.stem.startswith(prefix))
        ]
        if not targets and key not in SUITE_PARAMETERS:
            unknown.append(key)
        for path in targets:
            routed[path][name] = _typed(value, declared[path][name], name=key)
    if unknown:
        names = sorted(set().union(*map(set, declared.values())))
        check_choices(unknown, names, what="report parameter",
                      where="the selected notebooks declare",
                      suggestions={key: _closest_parameter(key, declared) for key in unknown})
    return routed


def _closest_parameter(key: str, declared: dict[Path, dict]) -> str | None:
    """The declared parameter `key` most likely meant, keeping its "NN." prefix: among notebook
    NN's names when it names one, else among all."""
    prefix, _, name = key.rpartition(".")
    chosen = [names for path, names in declared.items() if prefix and path.stem.startswith(prefix)]
    match = closest(name, set().union(*map(set, chosen or declared.values())))
    return f"{prefix}.{match}" if match and prefix else match


def build_reports(
    data: str | Path | None = None,
    *,
    out: str | Path = REPORTS,
    figures_dir: str | Path = FIGURES,
    parameters: dict | None = None,
    only: list[str] | None = None,
    progress: bool | None = None,
    log: bool = True,
) -> Path:
    """Execute the notebooks on `data` (None = the embedded sample) and write HTML + index.

    Parameters are routed by `route_parameters` ("name" or "NN.name"). Returns the index page.
    `progress`: a bar over the notebooks on stderr (default: only when stderr is a terminal);
    `log`: a line per notebook on stderr, its status and time (in a pipe too: CI logs keep it).
    Raises ReportError naming each failed notebook, cell and error after writing every report
    that succeeded.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # Absolute, as the kernel runs in notebooks/; not resolve(), which would follow the snapshot's
    # label to its version folder.
    data_path = Path(os.path.abspath(resolve_data(data)))
    paths = notebook_paths(only)
    if not paths:
        raise FileNotFoundError(f"no notebooks matching {only or NOTEBOOK_PATTERN} in {NOTEBOOKS}")
    notebooks = {path: jupytext.read(path) for path in paths}
    declared = {path: declared_parameters(nb) for path, nb in notebooks.items()}
    routed = route_parameters(parameters or {}, declared)
    shared = {"data": str(data_path), "figures_dir": str(Path(figures_dir).resolve())}
    notice = SAMPLE_NOTICE if is_embedded_sample(data_path) else None
    results = []
    with SuiteKernel(cwd=NOTEBOOKS) as kernel:
        bar = tqdm(notebooks.items(), desc="reports", unit="notebook", disable=not progress)
        for path, notebook in bar:
            bar.set_postfix_str(path.stem)
            own = {k: v for k, v in shared.items() if k in declared[path]} | routed[path]
            result = run_notebook(
                path, notebook, kernel=kernel, out=out, parameters=own, notice=notice
            )
            results.append(result)
            if log:
                status = "failed" if result.error else "ok"
                tqdm.write(f"  {path.stem}: {status} in {result.seconds:.1f} s", file=sys.stderr)
    index = write_index(results, data_path=data_path, out=out, notice=notice,
                        currencies=report_currencies(routed, declared))
    failures = [r for r in results if r.error]
    if failures:
        raise ReportError("\n".join(f"{r.name}: {r.error}" for r in failures))
    return index


def report_currencies(routed: dict[Path, dict], declared: dict[Path, dict]) -> tuple[str, ...]:
    """The currencies the notebooks compare bands in: each one's `currency` parameter as routed,
    else its default; notebooks without the parameter count for nothing."""
    return tuple(sorted({str(routed[path].get("currency", names["currency"]))
                         for path, names in declared.items() if "currency" in names}))


class SuiteKernel:
    """One Python kernel for the whole suite, restarted only if a notebook kills it."""

    def __init__(self, *, cwd: Path):
        self.cwd = cwd
        self.sockets = tempfile.TemporaryDirectory(prefix="paybands-kernel-")
        # IPC sockets (absolute paths): local only, no "TCP without encryption" warning.
        self.manager = KernelManager(
            kernel_name=KERNEL, transport="ipc", ip=str(Path(self.sockets.name) / "kernel")
        )

    def __enter__(self) -> SuiteKernel:
        self.manager.start_kernel(cwd=str(self.cwd))
        return self

    def __exit__(self, *exc) -> None:
        self.manager.shutdown_kernel(now=True)
        self.manager.cleanup_resources()
        self.sockets.cleanup()

    def ensure_alive(self) -> None:
        if not self.manager.is_alive():
            self.manager.restart_kernel(now=True)


def run_notebook(
    path: Path,
    notebook,
    *,
    kernel: SuiteKernel,
    out: Path,
    parameters: dict,
    notice: str | None = None,
) -> ReportResult:
    """Execute one notebook in the shared kernel and export it; a failure is returned."""
    started = time.perf_counter()
    notebook = nbformat.from_dict(notebook)  # a copy: the parsed text stays pristine
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3",
                                       "language": "python"}
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])  # papermill's parameterizer reads every cell's tags
    notebook.metadata.setdefault("papermill", {})
    notebook = parameterize_notebook(notebook, parameters, kernel_name=KERNEL, language="python")
    notebook.cells.insert(0, nbformat.v4.new_code_cell(RESET))
    client = NotebookClient(notebook, km=kernel.manager, timeout=CELL_TIMEOUT,
                            kernel_name=KERNEL, resources={"metadata": {"path": str(path.parent)}})
    error = None
    kernel.ensure_alive()
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
    except CellExecutionError as failure:
        error = _describe(failure, notebook.cells[index], path)
    except DeadKernelError as failure:
        error = f"the kernel died in {path.name}: {failure}"
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    notebook.cells.pop(0)
    tags = _tags(notebook)
    label = _author_title(notebook) or path.stem
    title = tags.get("title") or label
    seconds = time.perf_counter() - started
    target = out / f"{path.stem}.html"
    if error:
        target.unlink(missing_ok=True)  # never leave an earlier run's report looking current
        return ReportResult(path.stem, title, label, error=error, seconds=seconds)
    target.write_text(export_html(notebook, title=title, notice=notice), encoding="utf-8")
    return ReportResult(
        path.stem,
        title,
        label,
        scope=tags.get("scope", ""),
        stamp=tags.get("stamp", ""),
        headline=list(tags.get("headline", [])),
        html=target,
        seconds=seconds,
    )


def _describe(failure: CellExecutionError, cell, path: Path) -> str:
    """'01_overview.py, cell 4 (`bands = pb.load_bands(...)`): KeyError: 'metro''."""
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"{path.name}, cell starting `{first[:60]}`: {failure.ename}: {failure.evalue}"


def _tags(notebook) -> dict:
    """Merge the paybands metadata (title, scope, stamp, headline) from every output."""
    tags: dict = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for meta in output.get("metadata", {}).values():
                if isinstance(meta, dict) and METADATA_KEY in meta:
                    tags.update(meta[METADATA_KEY])
    return tags


def _author_title(notebook) -> str | None:
    first = notebook.cells[0] if notebook.cells else None
    if first is not None and first.cell_type == "markdown" and first.source.startswith("# "):
        return first.source.splitlines()[0][2:].strip()
    return None


def export_html(notebook, *, title: str, notice: str | None = None) -> str:
    """Self-contained HTML: outputs only, images embedded, no external scripts, no stderr noise.

    The authors' heading cell gives way to a link back to the index (and the `notice`, if any);
    the header output (the report's finding-style title) opens the page.
    """
    notebook = nbformat.from_dict(notebook)
    label = _author_title(notebook)
    if label:
        notebook.cells.pop(0)
    top = f'<p class="back"><a href="index.html">← All reports</a> · {html.escape(label or "")}</p>'
    if notice:
        top += f'<p class="notice">{html.escape(notice)}</p>'
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(top))
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
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body
