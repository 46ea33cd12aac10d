"""Adapters: raw input files → records for the normalizer.

Each adapter reads one raw shape and yields `Record`s; nothing here interprets pay text or titles.
The adapter is chosen from the file's extension and content (`read_records`). A file that cannot be
read yields one record carrying the problem, so it lands in the quarantine instead of vanishing.

Shapes read today: HTML career pages with schema.org JobPosting JSON-LD (or microdata), career pages
whose pay sits only in prose (HTML or the page's text), Greenhouse job-board JSON
(`pay_input_ranges`), Lever postings JSON (`salaryRange`), Ashby job-board JSON (`compensation`
tiers), public datasets (LinkedIn, Indeed, NYC Jobs, USAJOBS, H-1B, …),
and any other CSV, Excel (.xlsx) or JSON-lines export whose columns are recognised by name or named
in a mapping file (`load_mapping`). `format=` forces one adapter instead of detection.

Modules: `records` (the Record), `encodings` (bytes → text), `pages` (career pages), `feeds` (ATS
JSON), `tables` (CSV / Excel / JSON lines), `public_datasets` (LinkedIn, Indeed, NYC Jobs, …).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis.errors import UsageError
from analysis.sources import public_datasets
from analysis.sources.columns import FIELDS
from analysis.sources.encodings import decode_bytes, utf8_lines
from analysis.sources.feeds import read_ats, read_json, read_jsonld_only
from analysis.sources.limits import LimitExceeded, load_json
from analysis.sources.pages import read_html, read_page_text, read_prose_page
from analysis.sources.records import Record
from analysis.sources.tables import read_csv, read_csv_lines, read_jsonl, read_xlsx

__all__ = [
    "FORMATS",
    "RAW_SUFFIXES",
    "Record",
    "discover_files",
    "load_mapping",
    "read_records",
    "valid_formats",
]

RAW_SUFFIXES = (".html", ".htm", ".txt", ".json", ".csv", ".jsonl", ".ndjson", ".xlsx")


# Adapters `read_records(format=...)` can force (dataset names from public_datasets work too).
FORMATS = ("jsonld", "page", "greenhouse", "lever", "ashby", "csv", "jsonl", "xlsx", "text")


# The adapter each file extension selects when no format is forced.
SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".json": "json",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
}


# The `source` column each adapter writes.
FORMAT_SOURCES = {
    "html": "career-page",
    "page": "career-page",
    "text": "career-page",
    "jsonld": "jsonld",
    "json": "ats-feed",
    "greenhouse": "greenhouse",
    "lever": "lever",
    "ashby": "ashby",
    "csv": "csv",
    "jsonl": "jsonl",
    "xlsx": "xlsx",
}


def discover_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of raw input files they hold.

    A folder that cannot be listed (no permission) is kept in the list itself, so reading it
    quarantines it with the reason instead of its files vanishing without a word.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        unlisted: list[OSError] = []
        inside = [
            Path(folder, name)
            for folder, _, names in os.walk(path, onerror=unlisted.append)
            for name in names
            if Path(name).suffix.lower() in RAW_SUFFIXES and Path(folder, name).is_file()
        ]
        found.extend(sorted(inside + [Path(error.filename) for error in unlisted]))
    return found


def read_records(
    path: str | Path,
    *,
    name: str | None = None,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
) -> Iterator[Record]:
    """Yield the records of one raw file, choosing the adapter from its extension and content.

    Parameters
    ----------
    path : the raw file.
    name : how the file is named in provenance columns (default: the path as given).
    format : force one adapter instead of detecting it: one of `FORMATS`, or a dataset name from
        `public_datasets` (read as CSV, or Excel for .xlsx). Unknown → ValueError.
    mapping : for CSV, Excel and JSON lines, the columns holding each record field, e.g.
        ``{"title": "Posting Name", "employer": "Org", "pay_text": "Comp"}`` (keys from
        `analysis.sources.columns.FIELDS`); it overrides the scored column matcher. See
        `load_mapping`.

    Examples
    --------
    >>> mapping = {"title": "Posting Name", "pay_text": "Comp"}
    >>> records = list(read_records("export.csv", mapping=mapping))  # doctest: +SKIP
    """
    if format is not None and format not in valid_formats():
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(valid_formats())}")
    if mapping is not None:
        mapping = _check_mapping(mapping)
    path = Path(path)
    return _read_file(path, name=name or str(path), format=format, mapping=mapping)


def valid_formats() -> tuple[str, ...]:
    """The names `read_records(format=...)` accepts: `FORMATS` plus the known dataset names."""
    return FORMATS + tuple(name for name in public_datasets.DATASET_FORMATS if name not in FORMATS)


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping file: JSON ``{"columns": {"title": "Posting Name", ...}}``.

    The keys are record fields (`analysis.sources.columns.FIELDS`), the values the file's column
    names.
    A missing, unreadable or malformed file raises ValueError saying what is wrong.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise UsageError(f"mapping file {path}: cannot read it ({error.strerror})") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise UsageError(f"mapping file {path}: not valid JSON ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise UsageError(
            f'mapping file {path}: expected {{"columns": {{"title": "<column>", ...}}}}'
        )
    try:
        return _check_mapping(data["columns"])
    except ValueError as error:
        raise UsageError(f"mapping file {path}: {error}") from error


def _check_mapping(mapping: dict) -> dict[str, str]:
    unknown = sorted(str(key) for key in mapping if key not in FIELDS)
    if unknown:
        raise UsageError(
            f"unknown field(s) {', '.join(unknown)} in column mapping; "
            f"fields are: {', '.join(FIELDS)}"
        )
    bad = sorted(key for key, value in mapping.items() if not isinstance(value, str) or not value)
    if bad:
        raise UsageError(f"column mapping for {', '.join(bad)} must name a column (a string)")
    return dict(mapping)


def _read_file(
    path: Path,
    *,
    name: str,
    format: str | None,
    mapping: dict[str, str] | None,
) -> Iterator[Record]:
    if path.is_dir():  # a folder `discover_files` could not list
        yield Record("unknown", name, "folder",
                     problem=f"unreadable folder: {_listing_error(path)}")
        return
    suffix = path.suffix.lower()
    dataset = None
    if format in FORMATS:
        kind = format
    elif format is not None:  # a dataset name: its rows come from CSV (or an Excel sheet)
        dataset, kind = format, "xlsx" if suffix == ".xlsx" else "csv"
    else:
        kind = SUFFIX_FORMATS.get(suffix)
    if kind is None:
        yield Record("unknown", name, "file", problem=f"unsupported file type {suffix!r}")
        return
    source = FORMAT_SOURCES[kind]
    try:
        lines = utf8_lines(path) if kind == "csv" else None
        raw = path.read_bytes() if lines is None else None
    except OSError as error:
        yield Record(source, name, "file", problem=f"unreadable file: {error.strerror or error}")
        return
    if raw is not None and not raw.strip():
        yield Record(source, name, "file",
                     problem="unreadable file: empty (no bytes, or only white space)")
        return
    stem = path.stem
    detect = format is None and mapping is None  # forcing "csv" or a mapping means generic columns
    try:
        if kind == "xlsx":
            yield from read_xlsx(raw, name, mapping=mapping, dataset=dataset, detect=detect)
            return
        if lines is not None:  # a big clean UTF-8 export: its rows are read as needed
            yield from read_csv_lines(lines, name, mapping=mapping, dataset=dataset,
                                      detect=detect)
            return
        text, problem = decode_bytes(raw)
        if problem:
            yield Record(source, name, "file", problem=problem)
        if kind == "html":
            yield from read_html(text, name)
        elif kind == "text":
            yield read_page_text(text, name)
        elif kind == "page":
            yield read_prose_page(text, name)
        elif kind == "jsonld":
            yield from read_jsonld_only(text, name)
        elif kind == "json":
            yield from read_json(text, name, stem=stem, mapping=mapping)
        elif kind in ("greenhouse", "lever", "ashby"):
            yield from read_ats(load_json(text), name, stem=stem, ats=kind)
        elif kind == "jsonl":
            yield from read_jsonl(text, name, mapping=mapping)
        else:
            yield from read_csv(text, name, mapping=mapping, dataset=dataset, detect=detect)
    except json.JSONDecodeError as error:
        yield Record(
            source,
            name,
            "file",
            problem=f"unreadable file: invalid or truncated JSON in {name} at line {error.lineno} "
            f"column {error.colno} (char {error.pos}): {error.msg}",
        )
    except LimitExceeded as error:
        yield Record(source, name, "file", problem=f"unreadable file: {error}")
    # Whatever else goes wrong inside one file (a malformed page lxml rejects, a bug an odd
    # shape trips) quarantines that file, with what went wrong, and the other files still go in.
    except Exception as error:  # noqa: BLE001
        yield Record(
            source,
            name,
            "file",
            problem=f"unreadable file: {type(error).__name__}: {error}",
        )


def _listing_error(folder: Path) -> str:
    try:
        next(os.scandir(folder), None)
    except OSError as error:
        return error.strerror or str(error)
    return "its files could not be listed"
