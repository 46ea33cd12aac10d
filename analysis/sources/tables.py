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
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from analysis.normalize.locations import split_locations
from analysis.normalize.pay import PayRange, parse_pay
from analysis.normalize.pay_sentences import as_text
from analysis.sources import public_datasets
from analysis.sources.columns import (
    FLAG_VALUES,
    REMOTE_WORDS,
    TRUE_VALUES,
    column_cells,
    is_constant,
    match_columns,
    name_scores,
    name_unit,
    place_parts,
)
from analysis.sources.headers import header_fields
from analysis.sources.limits import LimitExceeded, load_json
from analysis.sources.records import (
    Record,
    clean_text,
    describe_ranges,
    record_or_problem,
    stated_range,
    to_number,
    with_place_word,
)

# A key stands in for a field in the objects that lack the field's chosen key only when its name
# says the field clearly (see `read_objects`).
# Pasted job descriptions run past the csv module's default field limit (131,072 characters),
# which made the whole file unreadable; 64 MiB per field is raised once, for every CSV read here
# (the csv limit is process-wide).
MAX_FIELD_CHARS = 64 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_CHARS)

FALLBACK_NAME_SCORE = 0.85

# A salary given as an object (JSON lines): the keys that hold its parts.
SALARY_KEYS = {
    "min": ("min", "minimum", "min_amount", "min_salary", "minvalue", "from", "low"),
    "max": ("max", "maximum", "max_amount", "max_salary", "maxvalue", "to", "high"),
    "currency": ("currency", "currency_code", "currencycode"),
    "unit": ("interval", "period", "unit", "unittext", "pay_period"),
}


def _normalize_column(column) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(column or "").strip().lower()).strip("_")


def _join_place(cells: dict, parts: list) -> None:
    """"Austin" + "TX" from a split place -> "Austin, TX" (a list of places is left alone)."""
    extra = [clean_text(_flat_text(p)) for p in parts]
    extra = [p for p in extra if p]
    place = cells.get("location")
    if extra and not isinstance(place, list):
        cells["location"] = ", ".join([p for p in [clean_text(_flat_text(place))] if p] + extra)


def _amount_unit(names: list[str], columns: dict) -> tuple[float, str | None, str | None]:
    """The unit the chosen amount columns' names state (the min column's, else the max's)."""
    for field_name in ("pay_min", "pay_max"):
        if columns.get(field_name) is not None:
            return name_unit(names[columns[field_name]])
    return 1.0, None, None


def _scaled(value, scale: float):
    number = to_number(value)
    return number * scale if number is not None and scale != 1.0 else value


def _clean(value, *, html: bool = True) -> str | None:
    """A field's value as clean text; HTML inside it ("<em>8,00,000</em> P.A.") read as text."""
    value = _flat_text(value)
    if html and isinstance(value, str) and "<" in value:
        value = as_text(value)
    return clean_text(value)


def _first(value):
    return next((v for v in value if v is not None), None) if isinstance(value, list) else value


def _first_line(text) -> str | None:
    """A free-text post's first line, as its title (at most 150 characters)."""
    line = next((line for line in as_text(text).split("\n") if line.strip()), "") if text else ""
    return clean_text(line[:150]) if line else None


def with_workplace(locations: list[str], value: str | None, *, column: str = "") -> list[str]:
    """The locations with what a workplace column says added as a place word, so the location
    parser reads remote and hybrid from one place: "remote_allowed" = 1 adds "Remote",
    "workplace_type" = "Hybrid" adds "Hybrid"; nothing when the locations already say it.

    >>> with_workplace(["Austin, TX"], "1", column="remote_allowed")
    ['Austin, TX', 'Remote']
    >>> with_workplace(["Berlin"], "Hybrid", column="work_model")
    ['Berlin', 'Hybrid']
    """
    if not value:
        return locations
    lowered = value.strip().lower()
    if lowered in FLAG_VALUES:
        if lowered not in TRUE_VALUES:
            return locations
        word = "Hybrid" if "hybrid" in column.lower() else "Remote"
    elif "hybrid" in lowered:
        word = "Hybrid"
    elif re.search(REMOTE_WORDS, lowered):
        word = "Remote"
    else:
        return locations
    return with_place_word(locations, word)


# A table whose only posting field is its title, beside this many columns nothing was read from,
# is some other table that happens to have titles (BLS OEWS: OCC_TITLE among 30 wage columns,
# beside AREA_TITLE "U.S." in every row: one value throughout is no posting's field).
POSTING_FIELDS = ("employer", "location", "country", "pay_text", "pay_min", "pay_max",
                  "description", "url")
MAX_UNREAD_BESIDE_A_TITLE = 4


def _plan(names: list[str], rows: list[list], mapping: dict[str, str] | None, *, kind: str):
    """How to read a table's rows (or a feed's objects, keys as columns): field → column, the
    matches for the manifest, the amount columns' unit and the place-part columns; or, as a
    string, why the file cannot be read."""
    mapping, missing = _mapped_missing(names, mapping)
    if missing:
        return (f"column mapping names {kind}(s) not in the file: {', '.join(missing)} "
                f"({kind}s found: {names[:30]})")
    columns, matches = match_columns(names, rows, mapping=mapping)
    if columns["title"] is None and columns["description"] is None:
        return (f"no title {kind} among {names[:12]} (name one in a column mapping: "
                f'{{"columns": {{"title": "<{kind}>"}}}})')
    unread = len(names) - sum(i is not None for i in columns.values())
    if unread >= MAX_UNREAD_BESIDE_A_TITLE and not any(
        columns[f] is not None and not is_constant(column_cells(rows, columns[f]))
        for f in POSTING_FIELDS
    ):
        # A title among many other columns, none of them a posting's (an occupation wage table,
        # a survey), is not a list of postings; a plain list of titles still is.
        return (f"not a table of postings: only a title {kind} among {names[:12]} (no employer, "
                f"place, pay, description or link; name them in a column mapping if they exist)")
    used = [m.as_dict() for m in matches]
    return columns, used, _amount_unit(names, columns), place_parts(names, columns)


def _mapped_missing(header: list[str], mapping: dict[str, str] | None) -> tuple[dict, list[str]]:
    """`mapping` with its columns spelled as in `header` (case and punctuation aside), and the
    mapped columns the header lacks."""
    by_name = {_normalize_column(h): h for h in header}
    exact, missing = {}, []
    for field_name, column in (mapping or {}).items():
        found = column if column in header else by_name.get(_normalize_column(column))
        if found is None:
            missing.append(column)
        else:
            exact[field_name] = found
    return exact, missing


def read_csv(
    text: str,
    name: str,
    *,
    mapping: dict[str, str] | None = None,
    dataset: str | None = None,
    detect: bool = True,
) -> Iterator[Record]:
    yield from read_csv_lines(io.StringIO(text, newline=""), name, mapping=mapping,
                              dataset=dataset, detect=detect)


def read_csv_lines(
    lines: Iterable[str],
    name: str,
    *,
    mapping: dict[str, str] | None = None,
    dataset: str | None = None,
    detect: bool = True,
) -> Iterator[Record]:
    """:func:`read_csv` of a file's lines as they are read (`encodings.utf8_lines`)."""
    reader = csv.reader(lines)
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


# An id column whose repeated values carry different titles in this share of rows is no key.
NOT_A_KEY_SHARE = 0.05


def _not_a_key(rows: list[list[str]], id_column: int | None, title_column: int | None) -> bool:
    """Whether the matched id column names different postings by one value ("1", "2", ... again
    in each appended scrape): the same id with different titles in NOT_A_KEY_SHARE of rows."""
    if id_column is None or title_column is None or not rows:
        return False
    titles: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        key = str(row[id_column]).strip() if len(row) > max(id_column, title_column) else ""
        if key:
            titles[key].append(str(row[title_column]).strip().lower())
    conflicting = sum(len(seen) for seen in titles.values() if len(set(seen)) > 1)
    return conflicting >= NOT_A_KEY_SHARE * len(rows)


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
    header = [str(h).strip() for h in header]
    rows = list(rows)
    plan = _plan(header, rows, mapping, kind="column")
    if isinstance(plan, str):
        yield Record(source, name, "file", problem=plan)
        return
    columns, used, unit, parts = plan
    if _not_a_key(rows, columns.get("source_id"), columns.get("title")):
        # An "id" that restarts in every scrape appended to the file is a row counter: the row
        # number identifies the posting instead (GOV.UK Find a Job dumps).
        columns = {**columns, "source_id": None}
        used = [m for m in used if m["field"] != "source_id"]
    stem = Path(name).stem
    for row_number, row in enumerate(rows, start=2):
        if not any(str(cell).strip() for cell in row):
            continue
        where = f"row {row_number}"
        if len(row) != len(header):
            yield Record(
                source, name, where, problem=f"row has {len(row)} fields, header has {len(header)}"
            )
            continue
        cells = {f: row[i] for f, i in columns.items() if i is not None}
        _join_place(cells, [row[i] for i in parts])
        yield record_or_problem(
            lambda cells=cells, where=where, row_number=row_number: _record_from_cells(
                cells, source=source, name=name, where=where, stem=stem,
                fallback_id=str(row_number), columns=used, unit=unit),
            source=source, name=name, where=where, entry="row")


def _record_from_cells(
    cells: dict, *, source: str, name: str, where: str, stem: str, fallback_id: str,
    columns: list[dict], unit: tuple[float, str | None, str | None] = (1.0, None, None),
) -> Record:
    """One record from the cells of its matched fields (table cells or flattened JSON values).

    `unit` is what the amount columns' names state (:func:`~.columns.name_unit`): a scale, and
    the currency and period they imply. A record with no title field takes its title from the
    first line of its text (free-text posts: "Acme | Senior Engineer | Remote | $150k").
    """

    def text(field_name: str) -> str | None:
        return _clean(cells.get(field_name), html=field_name != "description")

    scale, unit_currency, unit_period = unit
    pay_range = stated_range(
        _scaled(cells.get("pay_min"), scale), _scaled(cells.get("pay_max"), scale),
        currency=text("pay_currency") or unit_currency,
        unit=(text("pay_period") or unit_period or "").lower() or None,
    ) if ("pay_min" in cells or "pay_max" in cells) else None
    salary = cells.get("pay_text")
    if pay_range is None and isinstance(salary, dict):
        pay_range = _salary_object(salary)
        salary = None
    elif pay_range is None and to_number(_scaled(salary, scale)) is not None:
        # A pay column holding a bare number ("20000"): one amount, in the posting's currency.
        pay_range = stated_range(_scaled(salary, scale), _scaled(salary, scale),
                                 currency=text("pay_currency") or unit_currency,
                                 unit=(text("pay_period") or unit_period or "").lower() or None)
    elif pay_range is not None and isinstance(salary, str) and parse_pay(salary).ranges:
        # Pay as posted beats amounts a board derived from it (annualized hourly rates,
        # estimates): the text wins when it states a range.
        pay_range = None
    location = cells.get("location")
    locations = (
        [x for x in (clean_text(_flat_text(item)) for item in location) if x]
        if isinstance(location, list) else split_locations(text("location"))
    )
    column = next((m["column"] for m in columns or () if m["field"] == "workplace"), "")
    locations = with_workplace(locations, text("workplace"), column=column)
    title = _clean(_first(cells.get("title")))
    employer = text("employer")
    if title is None:  # a free-text post: its first line, or what its header line names
        first_line = _first_line(cells.get("description"))
        header = header_fields(first_line)
        title = (header and header.title) or first_line
        employer = employer or (header and header.employer) or None
        locations = locations or (header.locations if header else [])
    return Record(
        source=source,
        source_file=name,
        record=where,
        source_id=f"{stem}/{text('source_id') or fallback_id}",
        # Several titles in one record: the first is the posting's; the rest stay in the text.
        title=title,
        employer=employer,
        locations=locations,
        country=text("country"),
        pay_text=(text("pay_text") if isinstance(salary, str) else None)
        or (describe_ranges([pay_range]) if pay_range else None),
        pay_ranges=(pay_range,) if pay_range else (),
        description=text("description"),
        url=text("url"),
        posted_date=text("posted_date"),
        columns=columns,
    )


def read_jsonl(text: str, name: str, *, mapping: dict[str, str] | None) -> Iterator[Record]:
    """JSON lines: one posting object per line; a broken line is a problem, the rest still read."""
    objects: list[tuple[str, dict]] = []
    problems: list[Record] = []
    # A record is one line by "\n" only: str.splitlines would also break inside strings at
    # U+2028 / U+2029 (line and paragraph separators), which JSON allows unescaped.
    for line_number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"line {line_number}"
        try:
            item = load_json(line)
        except LimitExceeded as error:
            problems.append(Record("jsonl", name, where, problem=f"line {line_number}: {error}"))
            continue
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
    """Posting objects (JSON lines, a JSON array): nested objects flattened to dotted keys
    ("company.name", "salary.min"), then keys matched like table columns over all objects."""
    flat = [(where, flatten(item)) for where, item in items]
    keys = list(dict.fromkeys(key for _, item in flat for key in item))
    rows = [[item.get(key) for key in keys] for _, item in flat]
    plan = _plan(keys, rows, mapping, kind="key")
    if isinstance(plan, str):
        yield Record(source, name, "file", problem=plan)
        return
    columns, used, unit, parts = plan
    # Objects of one feed need not agree on keys: a field the chosen key leaves empty in an
    # object is taken from another key whose name clearly says it ("position" for "job_title").
    chosen = {i for i in columns.values() if i is not None}
    fallbacks = {
        field_name: [i for _, i in sorted(
            (-scores[field_name], i) for i, scores in enumerate(map(name_scores, keys))
            if scores.get(field_name, 0) >= FALLBACK_NAME_SCORE and i not in chosen)]
        for field_name in columns
    }
    stem = Path(name).stem
    for where, row in zip((where for where, _ in flat), rows, strict=True):
        cells = {}
        for field_name, index in columns.items():
            for i in ([index] if index is not None else []) + fallbacks[field_name]:
                if row[i] is not None:
                    cells[field_name] = row[i]
                    break
        _join_place(cells, [row[i] for i in parts])
        yield record_or_problem(
            lambda cells=cells, where=where: _record_from_cells(
                cells, source=source, name=name, where=where, stem=stem,
                fallback_id=where.rpartition(" ")[2], columns=used, unit=unit),
            source=source, name=name, where=where, entry="object")


def flatten(item: dict, *, prefix: str = "", depth: int = 3) -> dict:
    """Nested objects as dotted keys: {"company": {"name": "Acme"}} -> {"company.name": "Acme"}.

    A salary-like object ({"min":…, "max":…}) is also kept whole under its own key, so
    `_salary_object` can read it; lists stay lists (several titles or places in one record).

    >>> flatten({"company": {"name": "Acme", "hq": {"city": "Pune"}}, "tags": ["a", "b"]})
    {'company': 'Acme', 'company.name': 'Acme', 'company.hq.city': 'Pune', 'tags': ['a', 'b']}
    """
    out: dict = {}
    for key, value in item.items():
        path = f"{prefix}{key}"
        if str(key).startswith("__"):
            continue  # "__CLASS__" and similar markers of the exporter, not data
        if isinstance(value, dict) and depth > 0:
            nested = flatten(value, prefix=f"{path}.", depth=depth - 1)
            if not nested:
                continue
            if _is_salary_object(value):
                out[path] = value
            elif (shown := _display_name(value)) is not None:
                out[path] = shown  # {"company": {"display_name": "Acme"}} reads as "Acme"
            out.update(nested)
        else:
            out[path] = value
    return out


# Keys that name what an object is ("company": {"display_name": "Acme", "__CLASS__": …}).
DISPLAY_KEYS = ("display_name", "name", "label", "title", "text", "value")


def _display_name(value: dict):
    return next((value[k] for k in DISPLAY_KEYS if isinstance(value.get(k), str | int)), None)


def _is_salary_object(value: dict) -> bool:
    keys = {_normalize_column(k) for k in value}
    return bool(keys & set(SALARY_KEYS["min"]) or keys & set(SALARY_KEYS["max"]))


def _flat_text(value):
    """A JSON value as text: an object by its display name (else its text values joined, never
    raw JSON), a list joined with "; "."""
    if isinstance(value, dict):
        shown = _display_name(value)
        if shown is not None:
            return shown
        parts = [str(_flat_text(v)) for v in value.values()
                 if isinstance(v, str | int | float | dict) and not isinstance(v, bool)]
        return ", ".join(p for p in parts if p) or None
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
