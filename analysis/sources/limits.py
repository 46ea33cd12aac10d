"""Limits on what one raw file may hold, and the JSON reader that keeps them.

A file over a limit is quarantined with the limit it broke; the other files of the ingest still
go in. The limits are far above what real exports hold (the largest JSON board seen is ~40 MB,
real JSON nests < 20 deep) and low enough that one hostile file cannot exhaust memory or the
interpreter's stack.
"""

from __future__ import annotations

import json

# A JSON document is parsed whole: ~8 × its size in memory. Larger exports come as JSON lines
# or CSV, which are read record by record.
MAX_JSON_BYTES = 512 * 1024 * 1024

# Deeper nesting is a broken or hostile file; the readers that walk JSON recurse, and Python's
# stack holds ~1,000 frames.
MAX_JSON_DEPTH = 100


class LimitExceeded(ValueError):
    """A raw file (or one record of it) breaks a limit of this module; the message says which."""


def load_json(text: str) -> object:
    """`json.loads` with the size and depth limits: LimitExceeded instead of MemoryError or
    RecursionError (syntax errors stay `json.JSONDecodeError`).

    >>> load_json('{"jobs": [{"title": "Engineer"}]}')
    {'jobs': [{'title': 'Engineer'}]}
    >>> load_json("[" * 5000 + "]" * 5000)
    Traceback (most recent call last):
    ...
    analysis.sources.limits.LimitExceeded: JSON nested deeper than 100 levels
    """
    if len(text) > MAX_JSON_BYTES:
        raise LimitExceeded(
            f"JSON document of {len(text) / 2**20:,.0f} MB, over the {MAX_JSON_BYTES // 2**20} MB "
            "limit for one document (export it as JSON lines or CSV)"
        )
    try:
        data = json.loads(text)
    except RecursionError:
        raise LimitExceeded(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    if _deeper_than(data, MAX_JSON_DEPTH):
        raise LimitExceeded(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return data


def _deeper_than(data: object, limit: int) -> bool:
    # Iterative, so the check itself cannot overflow the stack it protects. Only containers are
    # stacked.
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        node, depth = stack.pop()
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False
