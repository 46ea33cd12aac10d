"""Tabular exports: CSV, Excel (.xlsx) and JSON lines, by recognised column names or a mapping.

CSV and Excel files whose header matches a known public dataset go to
`analysis.sources.public_datasets` instead.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from analysis.normalize.locations import split_locations
from analysis.normalize.pay import PayRange
from analysis.sources import public_datasets
from analysis.sources.records import (
    Record,
    clean_text,
    describe_ranges,
    stated_range,
)

# Column spellings recognised in CSV exports (normalized: lower case, non-alphanumerics → "_").
CSV_COLUMNS = {
    "source_id": ("job_id", "id", "posting_id", "jobid", "job_key"),
    "title": ("title", "job_title", "position", "position_title", "role"),
    "employer": ("company", "company_name", "employer", "employer_name", "organization"),
    "location": ("location", "job_location", "work_location", "location_text", "city_state"),
    "pay_text": (
        "salary",
        "salary_estimate",
        "salary_range",
        "salary_text",
        "pay",
        "pay_range",
        "compensation",
        "salary_info",
    ),
    "url": ("job_url", "url", "link", "posting_url"),
    "posted_date": ("date_posted", "posted_date", "posted", "date", "listed_time"),
    "description": ("description", "job_description"),
}


# A salary given as an object (JSON lines): the keys that hold its parts.
SALARY_KEYS = {
    "min": ("min", "minimum", "min_amount", "min_salary", "minvalue", "from", "low"),
    "max": ("max", "maximum", "max_amount", "max_salary", "maxvalue", "to", "high"),
    "currency": ("currency", "currency_code", "currencycode"),
    "unit": ("interval", "period", "unit", "unittext", "pay_period"),
}


def _normalize_column(column) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(column or "").strip().lower()).strip("_")


def _match_columns(
    header: list[str], mapping: dict[str, str] | None
) -> tuple[dict[str, int | None], list[str]]:
    """Field → column index, recognised by name and overridden by `mapping`; + mapped-but-absent."""
    normalized = [_normalize_column(h) for h in header]
    columns = {
        field_name: next((normalized.index(s) for s in spellings if s in normalized), None)
        for field_name, spellings in CSV_COLUMNS.items()
    }
    stripped = [str(h).strip() for h in header]
    missing = []
    for field_name, column in (mapping or {}).items():
        if column.strip() in stripped:
            columns[field_name] = stripped.index(column.strip())
        elif _normalize_column(column) in normalized:
            columns[field_name] = normalized.index(_normalize_column(column))
        else:
            missing.append(column)
    return columns, missing


def read_csv(
    text: str,
    name: str,
    *,
    mapping: dict[str, str] | None = None,
    dataset: str | None = None,
    detect: bool = True,
) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    yield from _read_table(
        header, reader, name, source="csv", mapping=mapping, dataset=dataset, detect=detect
    )


def read_xlsx(
    raw: bytes,
    name: str,
    *,
    mapping: dict[str, str] | None = None,
    dataset: str | None = None,
    detect: bool = True,
) -> Iterator[Record]:
    """The first sheet of a workbook, first row the header, through the same recognition as CSV."""
    import openpyxl  # a second or so of import, paid only by Excel inputs
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():  # "no default style" and similar noise from exporters
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise ValueError(f"not a readable .xlsx workbook ({error})") from error
    try:
        if not workbook.worksheets:
            yield Record("xlsx", name, "file", problem="workbook has no sheets")
            return
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        header = [_cell_text(value) for value in header] if header else None
        while header and not header[-1]:  # read-only sheets may report trailing empty columns
            header.pop()
        width = len(header or ())

        def fitted(rows=rows):
            for row in rows:
                cells = [_cell_text(value) for value in row]
                if len(cells) > width and not any(cells[width:]):
                    cells = cells[:width]
                yield cells + [""] * (width - len(cells))

        yield from _read_table(
            header, fitted(), name, source="xlsx", mapping=mapping, dataset=dataset, detect=detect
        )
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_table(
    header: list[str] | None,
    rows: Iterable[list[str]],
    name: str,
    *,
    source: str,
    mapping: dict[str, str] | None,
    dataset: str | None,
    detect: bool,
) -> Iterator[Record]:
    """Rows under a header → records: a known dataset's adapter, else columns matched by name."""
    if not header or not any(str(h).strip() for h in header):
        yield Record(source, name, "file", problem=f"empty {source.upper()} file (no header row)")
        return
    if dataset is None and detect:
        dataset = public_datasets.detect_dataset(header)
    if dataset is not None:
        yield from public_datasets.read_dataset_rows(dataset, header, rows, source_file=name)
        return
    columns, missing = _match_columns(header, mapping)
    if missing:
        yield Record(
            source,
            name,
            "file",
            problem=f"column mapping names column(s) not in the file: {', '.join(missing)} "
            f"(columns found: {header[:30]})",
        )
        return
    if columns["title"] is None:
        yield Record(
            source,
            name,
            "file",
            problem=f"no title column among {header[:12]} (expected one of "
            f"{', '.join(CSV_COLUMNS['title'])}, or name it in a column mapping)",
        )
        return
    stem = Path(name).stem
    for row_number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {row_number}"
        if len(row) != len(header):
            yield Record(
                source, name, where, problem=f"row has {len(row)} fields, header has {len(header)}"
            )
            continue

        def cell(field_name: str, row=row) -> str | None:
            index = columns[field_name]
            return clean_text(row[index]) if index is not None else None

        source_id = cell("source_id") or str(row_number)
        yield Record(
            source=source,
            source_file=name,
            record=where,
            source_id=f"{stem}/{source_id}",
            title=cell("title"),
            employer=cell("employer"),
            locations=split_locations(cell("location")),
            pay_text=cell("pay_text"),
            description=cell("description"),
            url=cell("url"),
            posted_date=cell("posted_date"),
        )


def read_jsonl(text: str, name: str, *, mapping: dict[str, str] | None) -> Iterator[Record]:
    """JSON lines: one posting object per line; a broken line is a problem, the rest still read."""
    objects: list[tuple[str, dict]] = []
    problems: list[Record] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {line_number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(
                Record(
                    "jsonl",
                    name,
                    where,
                    problem=f"line {line_number} is not valid JSON (column {error.colno}): "
                    f"{error.msg}",
                )
            )
            continue
        if isinstance(item, dict):
            objects.append((where, item))
        else:
            problems.append(
                Record("jsonl", name, where, problem=f"line {line_number} is not a JSON object")
            )
    if not objects and not problems:
        yield Record("jsonl", name, "file", problem="empty JSON-lines file")
        return
    records = list(read_objects(objects, name, source="jsonl", mapping=mapping)) if objects else []
    yield from sorted(records + problems, key=lambda r: (r.record != "file", _line_of(r)))


def _line_of(record: Record) -> int:
    number = record.record.rpartition(" ")[2]
    return int(number) if number.isdigit() else 0


def read_objects(
    items: list[tuple[str, dict]], name: str, *, source: str, mapping: dict[str, str] | None
) -> Iterator[Record]:
    """Flat posting objects (JSON lines, a JSON array): keys recognised like CSV columns.

    Keys are recognised per object (lines of one feed need not agree); a mapping names keys that
    must occur in at least one object.
    """
    seen = sorted({key for _, item in items for key in item}, key=str)
    seen_normalized = {_normalize_column(key) for key in seen}
    missing = [
        column
        for column in (mapping or {}).values()
        if column not in seen and _normalize_column(column) not in seen_normalized
    ]
    if missing:
        yield Record(
            source,
            name,
            "file",
            problem=f"column mapping names key(s) not in the file: {', '.join(missing)} "
            f"(keys found: {seen[:30]})",
        )
        return
    if "title" not in (mapping or {}) and not seen_normalized & set(CSV_COLUMNS["title"]):
        yield Record(
            source,
            name,
            "file",
            problem=f"no title key among {seen[:12]} (expected one of "
            f"{', '.join(CSV_COLUMNS['title'])}, or name it in a column mapping)",
        )
        return
    stem = Path(name).stem
    for where, item in items:
        by_name = {_normalize_column(key): key for key in item}
        mapped = {
            field_name: column if column in item else by_name.get(_normalize_column(column))
            for field_name, column in (mapping or {}).items()
        }

        def value(field_name: str, item=item, by_name=by_name, mapped=mapped):
            if field_name in mapped:
                key = mapped[field_name]
            else:
                spellings = CSV_COLUMNS[field_name]
                key = next((by_name[s] for s in spellings if s in by_name), None)
            return item.get(key) if key is not None else None

        salary = value("pay_text")
        pay_range = _salary_object(salary) if isinstance(salary, dict) else None
        location = value("location")
        source_id = clean_text(value("source_id")) or where.rpartition(" ")[2]
        yield Record(
            source=source,
            source_file=name,
            record=where,
            source_id=f"{stem}/{source_id}",
            title=clean_text(_flat_text(value("title"))),
            employer=clean_text(_flat_text(value("employer"))),
            locations=(
                [text for text in (clean_text(_flat_text(x)) for x in location) if text]
                if isinstance(location, list)
                else split_locations(clean_text(_flat_text(location)))
            ),
            pay_text=(
                describe_ranges([pay_range]) if pay_range else clean_text(_flat_text(salary))
            ),
            pay_ranges=(pay_range,) if pay_range else (),
            description=clean_text(_flat_text(value("description"))),
            url=clean_text(_flat_text(value("url"))),
            posted_date=clean_text(_flat_text(value("posted_date"))),
        )


def _flat_text(value):
    """A JSON value as text: objects by their name (or as JSON), lists joined with "; "."""
    if isinstance(value, dict):
        return value.get("name") or json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(str(_flat_text(item)) for item in value if item is not None)
    return value


def _salary_object(salary: dict) -> PayRange | None:
    """{"min": 100000, "max": 150000, "currency": "USD", "interval": "year"} → a stated range."""
    by_key = {_normalize_column(key): value for key, value in salary.items()}

    def part(name: str):
        return next((by_key[k] for k in SALARY_KEYS[name] if k in by_key), None)

    unit = part("unit")
    return stated_range(
        part("min"),
        part("max"),
        currency=clean_text(part("currency")),
        unit=str(unit).lower() if unit is not None else None,
    )
