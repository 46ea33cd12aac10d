"""`--help` on every command and option, each command with worked examples."""

import argparse
import re
import shlex

import pytest

from analysis.cli import _parser, main

PARSER = _parser()
COMMANDS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction)).choices


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
    assert len(COMMANDS) == 11
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
