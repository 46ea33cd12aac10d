"""Notebooks stay thin: jupytext text, one parameters cell, no function or class definitions."""

import ast

import jupytext
import pytest

from analysis.paths import NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
# The report suite, and the getting-started notebook analysts open first: thin too.
THIN_FILES = sorted(NOTEBOOKS.glob("*.py"))


def test_the_suite_has_notebooks():
    assert NOTEBOOK_FILES, f"no notebooks in {NOTEBOOKS}"


@pytest.mark.parametrize("path", THIN_FILES, ids=lambda p: p.stem)
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


# "Notebooks become data → finding → chart, each under about 60 lines of code."
MAX_CODE_LINES = 60


def _code_lines(path) -> list[str]:
    notebook = jupytext.read(path)
    lines = [line for cell in notebook.cells if cell.cell_type == "code"
             for line in cell.source.splitlines()]
    return [line for line in lines if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_has_at_most_sixty_code_lines(path):
    assert len(_code_lines(path)) <= MAX_CODE_LINES


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_builds_no_sentences(path):
    """Words come from analysis.findings: no f-strings, joins, concatenation or % formatting."""
    tree = ast.parse("\n".join(_code_lines(path)))
    built = [
        ast.unparse(node)[:60]
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod)
            and any(isinstance(side, ast.Constant) and isinstance(side.value, str)
                    for side in (node.left, node.right)))
        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"join", "format"}
            and isinstance(node.func.value, ast.Constant))
    ]
    assert built == [], f"build these in analysis/findings: {built}"


def test_the_line_rule_counts_code_not_comments(tmp_path):
    path = tmp_path / "99_x.py"
    path.write_text("# %%\n# a comment\nx = 1\n\ny = f'{x}'\n")
    assert _code_lines(path) == ["x = 1", "y = f'{x}'"]
