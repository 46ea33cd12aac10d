"""Notebooks stay thin: jupytext text, one parameters cell, no function or class definitions."""

import ast

import jupytext
import pytest

from analysis.paths import NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


def test_the_suite_has_notebooks():
    assert NOTEBOOK_FILES, f"no notebooks in {NOTEBOOKS}"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_thin(path):
    notebook = jupytext.read(path)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    definitions = [
        node.name
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    assert definitions == [], f"move {definitions} into analysis/"
    assert not any(isinstance(n, ast.Lambda) for n in ast.walk(ast.parse(code)))
