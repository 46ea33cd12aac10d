"""The folder tree is the pipeline: imports run forward along the stages, the API stays small."""

import ast
from pathlib import Path

import pytest

import analysis
from analysis.paths import ROOT

PACKAGE = ROOT / "analysis"
# Stages in pipeline order; a module may import its own stage or an earlier one, never a later
# one. The parsers (pay, titles, places) are a library that adapters use to read structured
# fields, so they come before sources; turning records into bands (normalize.bands) comes after.
STAGES = [
    ("analysis.config", "analysis.paths", "analysis.formats", "analysis.errors",
     "analysis.choices", "analysis.normalize.vocabulary"),
    ("analysis.schema", "analysis.normalize", "analysis.normalize.pay", "analysis.normalize.titles",
     "analysis.normalize.locations", "analysis.normalize.employers"),
    ("analysis.sources",),
    ("analysis.normalize.bands",),
    ("analysis.store",),
    ("analysis.stats",),
    ("analysis.analyses",),
    ("analysis.engines",),  # runs analyses elsewhere (a Dask cluster); only the CLI calls it
    ("analysis.findings",),
    ("analysis.plot",),
    ("analysis.publish",),
    ("analysis.cli", "analysis.__main__"),
]


def _stage(module: str) -> int | None:
    best = None
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[1]
            ):
                best = (rank, len(prefix))
    return best[0] if best else None


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [n for n in names if n.startswith("analysis.")]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_run_forward_along_the_pipeline(path):
    own = _stage(_module_name(path))
    assert own is not None, f"{_module_name(path)} belongs to no stage: add it to STAGES"
    backward = sorted({
        name for name in _imports(path)
        if _stage(name) is not None and _stage(name) > own
        and not any(_stage(name) == _stage(n) for n in (_module_name(path),))
    })
    assert backward == [], f"{_module_name(path)} imports later stages: {backward}"


def test_the_stage_rule_catches_a_backward_import():
    assert _stage("analysis.analyses.summary") < _stage("analysis.plot.style")
    assert _stage("analysis.normalize.bands") > _stage("analysis.sources.feeds")
    assert _stage("analysis.findings.wording") < _stage("analysis.publish.narrative")


def test_few_modules_sit_flat_in_the_package():
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= 11, flat  # the stages' folders, and the few modules every stage uses


def test_the_public_api_is_about_twenty_names():
    # about twenty for loading, parsing and the analyses, and the comp toolkit's half dozen
    assert 15 <= len(analysis.__all__) <= 30
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
    with pytest.raises(AttributeError):
        analysis.metro_index_table  # noqa: B018 - reachable from its module, not exported


def test_the_architecture_page_lists_the_bands_table_as_the_schema_declares_it():
    from analysis.schema import BANDS_COLUMNS

    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    listed = [line.split("`")[1] for line in page.splitlines() if line.startswith("| `")]
    assert listed == list(BANDS_COLUMNS)


def test_the_architecture_page_names_only_stages_that_exist():
    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    for folder in ("sources", "normalize", "analyses", "findings", "plot", "publish"):
        assert f"  {folder}/" in page and (PACKAGE / folder / "__init__.py").exists()
    for module in ("config", "paths", "formats", "schema", "store", "stats", "cli"):
        assert f"  {module}.py" in page and (PACKAGE / f"{module}.py").exists()


def test_the_plot_namespace_reaches_every_chart():
    import importlib
    import inspect

    from analysis import plot

    charts = set()
    for path in (PACKAGE / "plot").glob("*.py"):
        if path.stem in ("__init__", "style"):
            continue
        module = importlib.import_module(f"analysis.plot.{path.stem}")
        charts |= {name for name, value in vars(module).items()
                   if inspect.isfunction(value) and not name.startswith("_")
                   and value.__module__ == module.__name__}
    assert charts and charts <= set(plot.__all__)
