"""The error for a mistake in what the user asked for, as opposed to a failure of the work.

`UsageError` is a ValueError, so Python callers that catch ValueError keep working; the command line
prints its message on one line and exits 2 (see `analysis.cli`).
"""


class UsageError(ValueError):
    """A bad label, path, column, format, mapping or parameter given by the user."""
