"""`--help` on every command and option, and progress on stderr only for a person at a terminal."""

import argparse
import re
import shlex
import sys

import pytest

from analysis import cli
from analysis.cli import _parser, main

PARSER = _parser()
COMMANDS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction)).choices
# What a tqdm bar leaves in its output: "ingest t1: 100%|#####| 2/2 [00:01<00:00, 1.9file/s]".
BAR = re.compile(r"%\||it/s|file/s|notebook/s")


def examples(parser: argparse.ArgumentParser) -> list[list[str]]:
    """The example command lines of an epilog, as arguments, without redirections and comments."""
    lines = [line.strip() for line in (parser.epilog or "").splitlines()]
    found = []
    for line in lines:
        if line.startswith("paybands "):
            words = shlex.split(line, comments=True)[1:]
            stop = next((i for i, w in enumerate(words) if w in {">", "<", "|"}), len(words))
            found.append(words[:stop])
    return found


def test_every_command_is_listed_in_the_top_level_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert len(COMMANDS) == 16
    for name in COMMANDS:
        assert re.search(rf"^\s+{re.escape(name)}\b", out, re.MULTILINE), name
    assert "getting started:" in out and 3 <= len(examples(PARSER)) <= 4


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_description_and_a_worked_example(name):
    command = COMMANDS[name]
    assert command.description and len(command.description) > 20
    assert examples(command), f"{name}: no example line starting with 'paybands '"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_and_argument_says_what_it_is(name):
    actions = [a for a in COMMANDS[name]._actions if not isinstance(a, argparse._HelpAction)]
    assert actions
    undocumented = [a.dest for a in actions if not (a.help or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("parser", [PARSER, *COMMANDS.values()], ids=lambda p: p.prog)
def test_every_example_is_a_valid_command_line(parser):
    for words in examples(parser):
        args = PARSER.parse_args(words)  # a renamed or missing option exits 2 here
        assert args.command == words[0]
        if parser is not PARSER:
            assert args.command == parser.prog.split()[-1]


def test_compare_help_exits_0_and_explains_its_options(capsys):
    with pytest.raises(SystemExit) as done:
        main(["compare", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert done.value.code == 0
    for action in COMMANDS["compare"]._actions:
        assert " ".join(action.help.split()) in out, action.dest
    assert "default: San Jose-Sunnyvale-Santa Clara, CA" in out and "default: metro" in out
    assert 'paybands compare --role-family "data scientist"' in out  # examples keep their lines


@pytest.mark.parametrize("name", COMMANDS)
def test_quiet_is_accepted_by_every_command_before_or_after_it(name):
    words = examples(COMMANDS[name])[0]
    assert PARSER.parse_args(words).quiet is False
    assert PARSER.parse_args([*words, "--quiet"]).quiet is True
    assert PARSER.parse_args(["--quiet", *words]).quiet is True


def small_folder(tmp_path):
    """Two small exports in a folder: what a first ingest looks like."""
    folder = tmp_path / "raw"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"board{n}.csv").write_text(
            "title,company,location,salary\n"
            f'Data Scientist,Acme {n},"San Jose, CA","$150,000 - $190,000"\n'
            f'Data Engineer,Acme {n},"Austin, TX",$120K\n'
        )
    return folder


def ingest(tmp_path, *extra):
    return main(["ingest", str(small_folder(tmp_path)), "--snapshot", "2026-12-01",
                 "--out", str(tmp_path / "mydata"), *extra])


def test_ingest_in_a_pipe_shows_no_bar_and_keeps_its_summary(tmp_path, capsys):
    assert ingest(tmp_path) == 0
    out, err = capsys.readouterr()
    assert "records in   4" in out
    assert not BAR.search(err) and err == ""


def test_ingest_at_a_terminal_shows_a_bar_that_quiet_hides(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert ingest(tmp_path / "shown") == 0
    out, err = capsys.readouterr()
    assert BAR.search(err) and "ingest 2026-12-01" in err and "records=4" in err
    assert "records in   4" in out
    assert ingest(tmp_path / "quiet", "--quiet") == 0
    out, err = capsys.readouterr()
    assert err == "" and "records in   4" in out


def test_a_slow_step_says_what_it_does_at_a_terminal_only(capsys, monkeypatch):
    monkeypatch.setattr(cli, "STATUS_AFTER", 0.0)  # every step counts as slow
    args = ["summarize", "--by", "metro"]
    assert main(args) == 0
    assert capsys.readouterr().err == ""  # not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert re.search(r"paybands summarize: reading bands… \d+\.\d s", err)
    assert re.search(r"summarizing [\d,]+ bands… \d+\.\d s", err)
    assert out.startswith("metro,")  # the CSV is untouched
    assert main([*args, "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_a_quick_step_says_nothing_even_at_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli, "STATUS_AFTER", 600.0)
    assert main(["summarize", "--by", "metro"]) == 0
    assert capsys.readouterr().err == ""


def test_quiet_diff_leaves_out_its_counts(capsys):
    from analysis.store import ensure_sample_store, list_snapshots

    old, new = map(str, list_snapshots(ensure_sample_store())[-2:])
    assert main(["diff", old, new]) == 0
    assert re.search(r"^added: [\d,]+$", capsys.readouterr().err, re.MULTILINE)
    assert main(["diff", old, new, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "status" in out.splitlines()[0].split(",")  # the CSV is still there


@pytest.mark.slow
def test_report_in_a_pipe_logs_each_notebook_without_a_bar(tmp_path, capsys):
    assert main(["report", "--only", "01", "--out", str(tmp_path / "reports"),
                 "--figures", str(tmp_path / "figures")]) == 0
    err = capsys.readouterr().err
    assert not BAR.search(err)
    assert re.search(r"01_overview: ok in \d+\.\d s", err)  # a log line, not a bar


@pytest.fixture
def one_notebook(tmp_path, monkeypatch):
    """A suite of one trivial notebook, so a report runs in seconds."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "01_tiny.py").write_text(
        '# %% [markdown]\n# # 01 · Tiny\n\n# %% tags=["parameters"]\ndata = ""\n\n'
        "# %%\nprint(1 + 1)\n"
    )
    monkeypatch.setattr("analysis.publish.report.NOTEBOOKS", folder)
    return tmp_path


@pytest.mark.slow
def test_report_at_a_terminal_shows_a_bar_that_quiet_hides(one_notebook, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    out = ["--out", str(one_notebook / "reports"), "--figures", str(one_notebook / "figures")]
    assert main(["report", *out]) == 0
    err = capsys.readouterr().err
    assert BAR.search(err) and "01_tiny: ok in" in err
    assert main(["report", *out, "--quiet"]) == 0
    assert capsys.readouterr().err == ""
