"""The error for a mistake in what the user asked for, as opposed to a failure of the work.

`UsageError` is a ValueError, so Python callers that catch ValueError keep working; the command line
prints its message on one line and exits 2 (see `analysis.cli`). `UnknownChoiceError` is the
usage error for a name that is not among what exists (a column, a role family, a metro, a
report parameter); its message is built by :mod:`analysis.choices`. `EmptyFilterWarning` says a
filter the user chose left no bands, a result that is empty rather than wrong.
"""


class UsageError(ValueError):
    """A bad label, path, column, format, mapping or parameter given by the user."""


class UnknownChoiceError(UsageError, KeyError):
    """A name that is not among the choices the data offers; the message names the choices and
    the closest match. Also a KeyError, which a missing column or label raised before, so
    ``except KeyError`` callers keep working.

    ``names``: the unknown names; ``choices``: what exists; ``suggestions``: name → the closest
    choice (None when nothing is close).
    """

    def __init__(self, message: str, *, names=(), choices=(), suggestions=None):
        super().__init__(message)
        self.names, self.choices = list(names), list(choices)
        self.suggestions = dict(suggestions or {})

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""  # KeyError would quote it


class UnknownSnapshotError(FileNotFoundError):
    """A snapshot path whose store holds no such snapshot: a missing file, as it was before, whose
    message names the store's snapshots and the closest. (Not also an UnknownChoiceError: OSError
    does not share its constructor.)"""


class EmptyFilterWarning(UserWarning):
    """A filter (a currency, a role family, closed bands, a minimum n) left no bands, so the
    result is empty; the message names the filter and what the data holds instead."""
