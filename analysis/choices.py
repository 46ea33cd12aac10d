"""Checking what a user named against what exists, and saying what does when it does not.

A typo'd column, role family, metro, snapshot or report parameter should fail at once with the
valid choices and the closest one ("unknown column 'metroo' (did you mean 'metro'?); ..."), not
as a bare KeyError deep inside pandas or as a silently empty table. A filter that is valid but
leaves nothing (a currency the data does not hold) is not a mistake: it warns
(:class:`~analysis.errors.EmptyFilterWarning`) and the analysis returns its empty result.

Light on purpose (no pandas import): the command line and the store use it before any data is read.

>>> check_columns(["metro", "level"], ["metroo"])
Traceback (most recent call last):
...
analysis.errors.UnknownChoiceError: unknown column 'metroo' (did you mean 'metro'?); the bands \
table has 2 columns: 'level', 'metro'
"""

from __future__ import annotations

import difflib
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from analysis.errors import EmptyFilterWarning, UnknownChoiceError

# Up to this many choices are all listed; more are counted and the first SHOWN (sorted) listed: a
# message naming 46 columns or 2,000 posting ids is not read.
SHOWN = 12
# difflib's similarity cut-off for "did you mean": its default, 0.6, lets one or two slips in a
# short name through ("metroo", "data scienist") and not a different word ("planet").
CUTOFF = 0.6
# A shorter fragment is no evidence of what was meant ("a" is in every role family).
MIN_FRAGMENT = 3
# Beyond this many choices (a big snapshot's posting ids) only a difference of case is looked
# for: difflib compares the name with every choice, seconds for millions.
MAX_COMPARED = 100_000

# The package's folder as imported and as resolved: frames name their file as it was imported.
_PACKAGE = tuple({os.path.dirname(__file__) + os.sep,
                  str(Path(__file__).resolve().parent) + os.sep})


def closest(name: str, choices: Iterable) -> str | None:
    """The choice `name` most likely meant, or None when none is close.

    In order: the same letters in another case; the most similar by :mod:`difflib`, ignoring case;
    the only choice that contains `name`, or its text before a comma (a city for its metro).
    Among more than ``MAX_COMPARED`` choices, only a difference of case.

    >>> closest("metroo", ["metro", "state", "level"])
    'metro'
    >>> closest("Data Scientist", ["data analyst", "data scientist"])
    'data scientist'
    >>> closest("San Jose, CA", ["San Jose-Sunnyvale-Santa Clara, CA", "Austin-Round Rock, TX"])
    'San Jose-Sunnyvale-Santa Clara, CA'
    >>> closest("planet", ["metro", "state"]) is None
    True
    """
    folded: dict[str, object] = {}
    for choice in choices:
        folded.setdefault(str(choice).casefold(), choice)
    text = str(name).casefold().strip()
    if text in folded:
        return folded[text]
    if len(folded) > MAX_COMPARED:
        return None
    similar = difflib.get_close_matches(text, list(folded), n=1, cutoff=CUTOFF)
    if similar:
        return folded[similar[0]]
    for fragment in dict.fromkeys([text, text.split(",")[0].strip()]):
        inside = [choice for key, choice in folded.items() if fragment in key]
        if len(fragment) >= MIN_FRAGMENT and len(inside) == 1:
            return inside[0]
    return None


def choice_message(
    names: Iterable,
    choices: Iterable,
    *,
    what: str,
    where: str,
    lead: str = "unknown",
    suggestions: dict | None = None,
) -> str:
    """The sentence for `names` that are not among `choices`: each name with its closest choice,
    then the choices (all when at most ``SHOWN``, else a count and the first ``SHOWN``, sorted).

    `what` is the noun ("column", "role family"), `where` the phrase before the count ("the
    bands table has"), `lead` the word before the noun; `suggestions` overrides :func:`closest`.

    >>> choice_message(["data scienist"], ["data scientist", "recruiter"], what="role family",
    ...                where="the data has")
    "unknown role family 'data scienist' (did you mean 'data scientist'?); the data has 2 role \
families: 'data scientist', 'recruiter'"
    """
    names, choices = list(names), list(choices)
    if suggestions is None:
        suggestions = {name: closest(name, choices) for name in names}
    named = ", ".join(
        f"{name!r}" + (f" (did you mean {suggestions[name]!r}?)" if suggestions.get(name) else "")
        for name in names)
    noun = what if len(names) == 1 else _plural(what)
    return f"{lead} {noun} {named}; {where} {describe_choices(choices, what=what)}"


def describe_choices(choices: Iterable, *, what: str) -> str:
    """The choices as a message lists them: all when at most ``SHOWN``, else a count and the
    first ``SHOWN``, sorted.

    >>> describe_choices(["b", "a"], what="metro"), describe_choices([], what="metro")
    ("2 metros: 'a', 'b'", 'no metros')
    """
    choices = sorted({str(choice) for choice in choices})
    if not choices:
        return f"no {_plural(what)}"
    listed = ", ".join(map(repr, choices[:SHOWN]))
    more = f", ... and {len(choices) - SHOWN:,} more" if len(choices) > SHOWN else ""
    return f"{len(choices):,} {what if len(choices) == 1 else _plural(what)}: {listed}{more}"


def check_choices(names: Iterable, choices: Iterable, *, what: str, where: str,
                  suggestions: dict | None = None) -> None:
    """Raise :class:`~analysis.errors.UnknownChoiceError` for the `names` not among `choices`
    (:func:`choice_message`); nothing when all are."""
    choices = list(choices)
    known = set(choices)
    unknown = [name for name in names if name not in known]
    if unknown:
        suggestions = suggestions or {name: closest(name, choices) for name in unknown}
        raise UnknownChoiceError(
            choice_message(unknown, choices, what=what, where=where, suggestions=suggestions),
            names=unknown, choices=choices, suggestions=suggestions)


def check_columns(bands, columns: str | Iterable[str], *, what: str = "column",
                  where: str = "the bands table has") -> None:
    """Raise :class:`~analysis.errors.UnknownChoiceError` naming the `columns` that `bands` (a
    frame, or its column names, e.g. from a parquet schema) lacks, each with the closest."""
    names = [columns] if isinstance(columns, str) else list(columns)
    available = list(bands.columns) if hasattr(bands, "columns") else list(bands)
    check_choices(names, available, what=what, where=where)


def check_values(bands, *, column: str, values, what: str | None = None) -> None:
    """Raise :class:`~analysis.errors.UnknownChoiceError` for the `values` (one or a list) that
    `bands[column]` never holds, naming the values it does and the closest to each.

    One pass over the column when every value is there; its distinct values are listed only for
    the message. A column with no value at all (an empty frame) checks nothing: there is no
    choice to name, and the analysis says what it finds.
    """
    values = [values] if isinstance(values, str) or not isinstance(values, Iterable) else list(
        values)
    series = bands[column]
    found = set(series[series.isin(values)].unique())
    missing = [value for value in values if value not in found]
    if not missing:
        return
    known = series.dropna().unique()
    if len(known):
        check_choices(missing, known, what=what or column.replace("_", " "), where="the data has")


def warn_empty(after: str, detail: str = "") -> None:
    """Warn :class:`~analysis.errors.EmptyFilterWarning`: "no bands left after `after`
    (`detail`)", pointed at the first caller outside this package (the user's line)."""
    message = f"no bands left after {after}" + (f" ({detail})" if detail else "")
    warnings.warn(message, EmptyFilterWarning, stacklevel=_outside_package())


def keep(data, mask, *, after: str, detail: Callable[[], str] | None = None):
    """`data.loc[mask]`, warning (:func:`warn_empty`) when the filter `after` left no row of a
    non-empty `data`; `detail` says why, computed only then."""
    kept = data.loc[mask]
    if kept.empty and len(data):
        warn_empty(after, detail() if detail else "")
    return kept


def _outside_package() -> int:
    """The `stacklevel` of the first frame outside the analysis package, counted from the
    caller: the warning names the user's line, however deep in the package it was raised."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    return level


def _plural(noun: str) -> str:
    """The noun's plural, for the nouns messages use.

    >>> _plural("role family"), _plural("column"), _plural("key")
    ('role families', 'columns', 'keys')
    """
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
