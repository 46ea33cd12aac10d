"""Public job datasets whose pay sits in structured columns, recognised by their CSV header.

Each known dataset is one :class:`DatasetFormat` in :data:`DATASET_FORMATS`: the columns that
identify its header (``signature``) and which column holds what. One generic row reader turns a
row into a :class:`~analysis.sources.Record`: pay comes from the min/max (or single-value) columns
with the period read from the dataset's own unit column, and ``pay_text`` is a readable rendering
of those values (kept for provenance), or the dataset's free-text pay column when it has one and
no structured values.

Known datasets (``source`` of their records):

* ``linkedin`` — LinkedIn job postings 2023-24 (Kaggle ``postings.csv``);
* ``indeed`` — the scraped Indeed export (``salary_period``/``salary_min``/``salary_max``);
* ``jobspy`` — JobSpy exports (``min_amount``/``max_amount``/``interval``); the board a row came
  from (``site``) is part of its ``source_id``;
* ``nyc-jobs`` — NYC Jobs open data (``Salary Range From``/``To``, ``Salary Frequency``);
* ``usajobs`` — the USAJOBS historic export (CSV) and the Search API JSON
  (:func:`read_usajobs_search`); both key postings by the announcement's control number;
* ``h1b`` — H-1B LCA disclosures and the h1bdata.info sample: wages offered on labor condition
  applications, not job postings;
* ``glassdoor`` — Glassdoor scrapes (free-text ``Salary Estimate``, no structured pay).

No function here raises on bad data: a row that cannot be read becomes a record whose ``problem``
names the column and value, so it lands in the quarantine.

Examples
--------
>>> header = ["job_id", "title", "company", "city", "state", "salary_period", "salary_min",
...           "salary_max", "job_url", "job_description", "date_posted"]
>>> detect_dataset(header)
'indeed'
>>> row = ["abc", "Data Analyst", "Corpay", "Richmond", "VA", "yearly", "45000.0", "54000.0",
...        "", "", "2025-04-10"]
>>> record = next(read_dataset_rows("indeed", header, [row], source_file="indeed.csv"))
>>> record.locations, record.pay_text
(['Richmond, VA'], 'USD 45,000–54,000 per year (salary_min/salary_max)')
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath

from analysis.normalize.locations import split_locations
from analysis.normalize.pay import PayRange, infer_period
from analysis.sources.records import (
    MISSING_WORDS,
    UNIT_PERIODS,
    Record,
    record_or_problem,
    with_place_word,
)

__all__ = [
    "DATASET_FORMATS",
    "DatasetFormat",
    "MISSING_VALUES",
    "UNIT_PERIODS",
    "UNPAID_UNITS",
    "DEFAULT_CURRENCY",
    "detect_dataset",
    "read_dataset_rows",
    "is_usajobs_search",
    "read_usajobs_search",
]

# Cell values that mean "no value" in these exports (compared case-insensitively, after trimming):
# the adapters' shared missing words, plus the "-1.0" pandas writes for a -1 placeholder.
MISSING_VALUES = frozenset(MISSING_WORDS | {"-1.0"})

# Unit words that state the job is unpaid: no pay range, the word itself kept as pay_text.
UNPAID_UNITS = frozenset({"without compensation", "wc"})
# These are US datasets: amounts are dollars unless a currency column says otherwise.
DEFAULT_CURRENCY = "USD"

_NUMBER_JUNK = re.compile(r"[$,\s]|USD", re.IGNORECASE)
_TRAILING_RATING = re.compile(r"\n\s*\d(?:\.\d)?\s*$")  # Glassdoor "Tecolote Research\n3.8"
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_EPOCH_MS_FLOOR = 1e11  # numbers above this are epoch milliseconds (LinkedIn listed_time)

Cells = Mapping[str, str | None]


# --- location rules (small factories, so a format states its rule as data) ----------------------


def _column_locations(column: str) -> Callable[[Cells], list[str]]:
    """One column holding one or several places ("A, ST | B, ST" is split)."""
    return lambda cells: split_locations(cells.get(column))


def _city_state(city: str, state: str) -> Callable[[Cells], list[str]]:
    """ "City, ST" from a city column and a state column (either may be missing)."""

    def locate(cells: Cells) -> list[str]:
        text = ", ".join(part for part in (cells.get(city), cells.get(state)) if part)
        return [text] if text else []

    return locate


def _fixed_location(place: str) -> Callable[[Cells], list[str]]:
    """Every row is in the same city (the dataset's columns hold street addresses or units)."""
    return lambda cells: [place]


@dataclass(frozen=True)
class DatasetFormat:
    """How one public dataset's CSV columns map onto a record.

    Column fields name a header cell exactly as it appears in the file; ``None`` means the dataset
    has no such column. ``pay_min``/``pay_max`` hold a range, ``pay_single`` a single value used
    when the range columns are empty. ``pay_unit`` names the unit column; without one,
    ``default_period`` is the period the dataset documents for its pay column (e.g. annual) and,
    when that is None too, the period is inferred from the amount (``period_inferred=True``).
    ``ids`` are tried in order for ``source_id``; ``ids_file_local`` says they (or the row number,
    when none is filled) only identify a row within one file, so the file's stem prefixes them.
    ``facts`` are further columns worth keeping (level, grade, case status): they are appended to
    the description as "Column: value" so they stay with the posting.
    """

    source: str
    signature: frozenset[str]
    title: str
    employer: str | None = None
    locations: Callable[[Cells], list[str]] = field(default=lambda cells: [])
    ids: tuple[str, ...] = ()
    ids_file_local: bool = False
    id_prefix: str | None = None  # a column whose value prefixes the id (JobSpy's site)
    pay_min: str | None = None
    pay_max: str | None = None
    pay_single: str | None = None
    pay_unit: str | None = None
    default_period: str | None = None
    currency: str | None = None
    pay_text: str | None = None  # free-text pay column, used when there are no structured values
    zero_is_missing: tuple[str, ...] = ()  # amount columns where 0 means "not stated"
    url: str | None = None
    url_template: str | None = None  # built from the id when the dataset has no URL column
    posted_date: tuple[str, ...] = ()
    description: str | None = None
    facts: tuple[str, ...] = ()
    remote: tuple[str, frozenset[str]] | None = None  # (column, values meaning remote)
    employer_suffix: re.Pattern | None = None  # stripped from the employer (Glassdoor rating)


DATASET_FORMATS: dict[str, DatasetFormat] = {
    "linkedin": DatasetFormat(
        source="linkedin",
        signature=frozenset(
            {
                "job_id",
                "company_name",
                "title",
                "min_salary",
                "med_salary",
                "max_salary",
                "pay_period",
                "job_posting_url",
            }
        ),
        ids=("job_id",),
        title="title",
        employer="company_name",
        locations=_column_locations("location"),
        pay_min="min_salary",
        pay_max="max_salary",
        pay_single="med_salary",
        pay_unit="pay_period",
        currency="currency",
        url="job_posting_url",
        posted_date=("listed_time", "original_listed_time"),
        description="description",
        facts=("formatted_experience_level", "compensation_type", "formatted_work_type"),
        remote=("remote_allowed", frozenset({"1", "1.0", "true"})),
    ),
    "indeed": DatasetFormat(
        source="indeed",
        signature=frozenset(
            {
                "job_id",
                "title",
                "company",
                "city",
                "state",
                "salary_period",
                "salary_min",
                "salary_max",
                "job_url",
            }
        ),
        ids=("job_id",),
        title="title",
        employer="company",
        locations=_city_state("city", "state"),
        pay_min="salary_min",
        pay_max="salary_max",
        pay_unit="salary_period",
        url="job_url",
        posted_date=("date_posted",),
        description="job_description",
        facts=("job_type", "work_setting"),
        remote=("work_setting", frozenset({"remote"})),
    ),
    "jobspy": DatasetFormat(
        source="jobspy",
        signature=frozenset(
            {"title", "company", "location", "job_url", "interval", "min_amount", "max_amount"}
        ),
        ids=("id", "job_url"),
        id_prefix="site",
        title="title",
        employer="company",
        locations=_column_locations("location"),
        pay_min="min_amount",
        pay_max="max_amount",
        pay_unit="interval",
        currency="currency",
        url="job_url",
        posted_date=("date_posted",),
        description="description",
        facts=("site", "job_type", "job_level", "salary_source"),
        remote=("is_remote", frozenset({"true", "1", "1.0"})),
    ),
    "nyc-jobs": DatasetFormat(
        source="nyc-jobs",
        signature=frozenset(
            {
                "Job ID",
                "Agency",
                "Business Title",
                "Salary Range From",
                "Salary Range To",
                "Salary Frequency",
            }
        ),
        ids=("Job ID",),
        title="Business Title",
        employer="Agency",
        # Work Location holds a street address or a unit name ("110 William St. N Y",
        # "Brooklyn Floating Staff"); every posting is a City of New York job.
        locations=_fixed_location("New York, NY"),
        pay_min="Salary Range From",
        pay_max="Salary Range To",
        pay_unit="Salary Frequency",
        # A "from" of 0 (25 rows, e.g. 0–100,000 Annual) is a placeholder, not a $0 minimum.
        zero_is_missing=("Salary Range From",),
        posted_date=("Posting Date",),
        description="Job Description",
        facts=("Civil Service Title", "Level", "Posting Type", "Work Location"),
    ),
    "usajobs": DatasetFormat(
        source="usajobs",
        signature=frozenset(
            {
                "control_number",
                "position_title",
                "hiring_agency_name",
                "minimum_salary",
                "maximum_salary",
                "salary_type",
            }
        ),
        ids=("control_number",),
        title="position_title",
        employer="hiring_agency_name",
        locations=_column_locations("locations"),
        pay_min="minimum_salary",
        pay_max="maximum_salary",
        pay_unit="salary_type",
        url_template="https://www.usajobs.gov/job/{id}",
        posted_date=("position_open_date",),
        facts=(
            "pay_scale",
            "minimum_grade",
            "maximum_grade",
            "hiring_department_name",
            "job_series",
            "work_schedule",
        ),
    ),
    "h1b": DatasetFormat(  # DOL LCA disclosure files (FY2015 on)
        source="h1b",
        signature=frozenset(
            {
                "CASE_NUMBER",
                "EMPLOYER_NAME",
                "JOB_TITLE",
                "WAGE_RATE_OF_PAY_FROM",
                "WAGE_UNIT_OF_PAY",
            }
        ),
        ids=("CASE_NUMBER",),
        title="JOB_TITLE",
        employer="EMPLOYER_NAME",
        locations=_city_state("WORKSITE_CITY", "WORKSITE_STATE"),
        pay_min="WAGE_RATE_OF_PAY_FROM",
        pay_max="WAGE_RATE_OF_PAY_TO",
        pay_unit="WAGE_UNIT_OF_PAY",
        zero_is_missing=("WAGE_RATE_OF_PAY_TO",),  # "to" is 0 or blank when one wage is stated
        posted_date=("RECEIVED_DATE", "CASE_SUBMITTED", "DECISION_DATE"),
        facts=(
            "CASE_STATUS",
            "VISA_CLASS",
            "SOC_CODE",
            "SOC_TITLE",
            "PW_WAGE_LEVEL",
            "FULL_TIME_POSITION",
        ),
    ),
    "h1b-sample": DatasetFormat(  # h1bdata.info-derived sample: annual base salary, no case id
        source="h1b",
        signature=frozenset({"employer", "job title", "base salary", "city", "state"}),
        ids_file_local=True,
        title="job title",
        employer="employer",
        locations=_city_state("city", "state"),
        pay_single="base salary",
        default_period="year",
        posted_date=("submit date",),
        facts=("case status", "start date", "county"),
    ),
    "glassdoor": DatasetFormat(
        source="glassdoor",
        signature=frozenset({"Job Title", "Salary Estimate", "Company Name", "Location"}),
        ids=("",),  # the unnamed pandas index column, when the scrape kept it
        ids_file_local=True,
        title="Job Title",
        employer="Company Name",
        employer_suffix=_TRAILING_RATING,
        locations=_column_locations("Location"),
        pay_text="Salary Estimate",
        description="Job Description",
    ),
}


def detect_dataset(header: list[str]) -> str | None:
    """The name of the known dataset (key of :data:`DATASET_FORMATS`) whose header this is.

    Matches exact column names (trimmed, byte-order mark removed); when several formats match,
    the one with the largest signature wins. None for an unknown header.

    >>> detect_dataset(["Job Title", "Salary Estimate", "Company Name", "Location"])
    'glassdoor'
    >>> detect_dataset(["title", "salary"]) is None
    True
    """
    names = {_header_name(h) for h in header or ()}
    matches = [
        (len(spec.signature), name)
        for name, spec in DATASET_FORMATS.items()
        if spec.signature <= names
    ]
    return max(matches)[1] if matches else None


def read_dataset_rows(
    name: str,
    header: list[str],
    rows: Iterable[list[str]],
    *,
    source_file: str,
    first_row: int = 2,
) -> Iterator[Record]:
    """One record per non-blank row of a known dataset (``name`` from :func:`detect_dataset`).

    ``first_row`` is the number of the first data row (``record`` is "row N", counting CSV
    records, header = 1). Never raises on bad data: a row that cannot be read yields a record
    whose ``problem`` names the column and value.
    """
    spec = DATASET_FORMATS[name]
    columns = [_header_name(h) for h in header]
    stem = PurePath(source_file).stem
    for number, row in enumerate(rows, start=first_row):
        if not any(_text(cell) for cell in row):
            continue
        where = f"row {number}"
        if len(row) != len(columns):
            yield Record(
                spec.source,
                source_file,
                where,
                problem=f"row has {len(row)} fields, header has {len(columns)}",
            )
            continue
        yield record_or_problem(
            lambda row=row, where=where, number=number: _record_from_row(
                spec, dict(zip(columns, row, strict=True)), source_file, where=where,
                number=number, stem=stem),
            source=spec.source, name=source_file, where=where, entry="row")


def _record_from_row(
    spec: DatasetFormat,
    raw: dict[str, str],
    source_file: str,
    *,
    where: str,
    number: int,
    stem: str,
) -> Record:
    cells: dict[str, str | None] = {key: _text(value) for key, value in raw.items()}
    source_id = _source_id(spec, cells, number=number, stem=stem)
    pay_ranges, pay_text, problem = _structured_pay(spec, cells)
    employer = raw.get(spec.employer) if spec.employer else None
    if isinstance(employer, str) and spec.employer_suffix:
        employer = spec.employer_suffix.sub("", employer)
    locations = spec.locations(cells)
    if spec.remote and (cells.get(spec.remote[0]) or "").lower() in spec.remote[1]:
        locations = with_place_word(locations, "Remote")
    return Record(
        source=spec.source,
        source_file=source_file,
        record=where,
        source_id=source_id,
        title=cells.get(spec.title),
        employer=_text(employer),
        locations=locations,
        pay_text=pay_text,
        pay_ranges=pay_ranges,
        description=_description(
            cells.get(spec.description) if spec.description else None, cells, spec.facts
        ),
        url=(cells.get(spec.url) if spec.url else None) or _url(spec, cells),
        posted_date=next(
            (d for d in (_iso_date(cells.get(c)) for c in spec.posted_date) if d), None
        ),
        problem=problem,
    )


def _first_id(spec: DatasetFormat, cells: Cells) -> str | None:
    """The first filled id column of ``spec.ids``."""
    return next((_id_text(cells.get(c)) for c in spec.ids if cells.get(c)), None)


def _source_id(spec: DatasetFormat, cells: Cells, *, number: int, stem: str) -> str:
    value = _first_id(spec, cells)
    if value is None or spec.ids_file_local:
        return f"{stem}/{value if value is not None else number}"
    prefix = cells.get(spec.id_prefix) if spec.id_prefix else None
    return f"{prefix.lower()}/{value}" if prefix else value


def _id_text(value: str | None) -> str | None:
    # Ids exported through pandas floats come out as "921716.0"; the id is the integer.
    if value and re.fullmatch(r"\d+\.0", value):
        return value[:-2]
    return value


def _url(spec: DatasetFormat, cells: Cells) -> str | None:
    if not spec.url_template:
        return None
    value = _first_id(spec, cells)
    return spec.url_template.format(id=value) if value else None


def _structured_pay(
    spec: DatasetFormat, cells: Cells
) -> tuple[tuple[PayRange, ...], str | None, str | None]:
    """(pay_ranges, pay_text, problem) of one row."""
    amounts: dict[str, float | None] = {}
    for column in (spec.pay_min, spec.pay_max, spec.pay_single):
        if column is None:
            continue
        value = cells.get(column)
        number = _amount(value)
        if value is not None and number is None:
            return (), None, f"column {column!r} value {value!r} is not a number"
        if number is not None and (
            number == -1 or (number == 0 and column in spec.zero_is_missing)
        ):
            number = None
        amounts[column] = number
    unit = cells.get(spec.pay_unit) if spec.pay_unit else None
    unit_key = _unit_key(unit)
    if unit_key in UNPAID_UNITS:
        return (), unit, None
    low, high = amounts.get(spec.pay_min), amounts.get(spec.pay_max)
    used = [c for c in (spec.pay_min, spec.pay_max) if c and amounts.get(c) is not None]
    if low is None and high is None and amounts.get(spec.pay_single) is not None:
        low = high = amounts[spec.pay_single]
        used = [spec.pay_single]
    if low is None and high is None:
        return (), cells.get(spec.pay_text) if spec.pay_text else None, None
    currency = (cells.get(spec.currency) if spec.currency else None) or DEFAULT_CURRENCY
    currency = currency.upper()
    if unit:
        period, inferred = UNIT_PERIODS.get(unit_key), False
    elif spec.default_period:
        period, inferred = spec.default_period, False
    else:
        period, inferred = infer_period(high if high is not None else low), True
    pay_range = PayRange(
        min=low, max=high, currency=currency, period=period, period_inferred=inferred
    )
    return (pay_range,), _render(pay_range, unit=unit, columns=used), None


def _render(pay_range: PayRange, *, unit: str | None, columns: list[str]) -> str:
    """ "USD 45,000–54,000 per year (salary_min/salary_max)"."""
    low, high = pay_range.min, pay_range.max
    if low is not None and high is not None and low != high:
        amount = f"{_money(low)}–{_money(high)}"
    elif low is not None and high is not None:
        amount = _money(low)
    elif low is not None:
        amount = f"from {_money(low)}"
    else:
        amount = f"up to {_money(high)}"
    if pay_range.period and not pay_range.period_inferred:
        per = f" per {pay_range.period}"
    elif unit:
        per = f" ({unit})"  # a unit word we do not map to a time period: kept as stated
    else:
        per = ""  # no unit stated; the period was inferred from the amount
    return f"{pay_range.currency} {amount}{per} ({'/'.join(columns)})"


def _unit_key(unit: str | None) -> str:
    """A unit word as looked up in UNIT_PERIODS / UNPAID_UNITS: case-folded, spaces collapsed."""
    return " ".join((unit or "").casefold().split())


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _amount(value: str | None) -> float | None:
    """A numeric cell as float; None when missing; None also when not a number (caller checks)."""
    if value is None:
        return None
    try:
        number = float(_NUMBER_JUNK.sub("", value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _description(text: str | None, cells: Cells, facts: tuple[str, ...]) -> str | None:
    stated = [f"{column}: {cells[column]}" for column in facts if cells.get(column)]
    if not stated:
        return text
    line = "Dataset fields: " + "; ".join(stated)
    return f"{text}\n\n{line}" if text else line


def _iso_date(value: str | None) -> str | None:
    """A date cell as ISO yyyy-mm-dd: epoch milliseconds, m/d/yyyy or ISO; None otherwise."""
    if not value:
        return None
    if _ISO_DATE.match(value):
        return value[:10]
    if match := _US_DATE.match(value):
        month, day, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    number = _amount(value)
    if number is not None and number > _EPOCH_MS_FLOOR:
        try:
            return datetime.fromtimestamp(number / 1000, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return None  # text in a date column (shifted rows): no date rather than a wrong one


def _header_name(value) -> str:
    return str(value).lstrip("\ufeff").strip()


def _text(value) -> str | None:
    if value is None or isinstance(value, float) and math.isnan(value):
        return None
    text = " ".join(str(value).split())
    return None if text.casefold() in MISSING_VALUES else text


# --- USAJOBS Search API JSON --------------------------------------------------------------------


def is_usajobs_search(data) -> bool:
    """True for a USAJOBS Search API response (``SearchResult.SearchResultItems`` is a list)."""
    result = data.get("SearchResult") if isinstance(data, dict) else None
    return isinstance(result, dict) and isinstance(result.get("SearchResultItems"), list)


def read_usajobs_search(data: dict, *, source_file: str) -> Iterator[Record]:
    """One record per ``SearchResultItems[].MatchedObjectDescriptor`` of a Search API response.

    ``source_id`` is the announcement's control number (``MatchedObjectId``), as in the historic
    export, so the same announcement keeps one posting_id whichever shape it came in. Never raises.
    """
    if not is_usajobs_search(data):
        yield Record(
            "usajobs",
            source_file,
            "file",
            problem="not a USAJOBS Search API response (no SearchResult.SearchResultItems list)",
        )
        return
    for index, item in enumerate(data["SearchResult"]["SearchResultItems"]):
        where = f"item {index}"
        yield record_or_problem(
            lambda item=item, where=where: _record_from_search_item(item, source_file, where=where),
            source="usajobs", name=source_file, where=where, entry="search item")


def _record_from_search_item(item, source_file: str, *, where: str) -> Record:
    if not isinstance(item, dict) or not isinstance(item.get("MatchedObjectDescriptor"), dict):
        return Record(
            "usajobs", source_file, where, problem="search item has no MatchedObjectDescriptor"
        )
    job = item["MatchedObjectDescriptor"]
    ranges, texts = [], []
    for pay in _as_list(job.get("PositionRemuneration")):
        if not isinstance(pay, dict):
            continue
        code, described = _text(pay.get("RateIntervalCode")), _text(pay.get("Description"))
        unit_key = _unit_key(code or described)
        if unit_key in UNPAID_UNITS:
            texts.append(described or code)
            continue
        amounts = {}
        for key in ("MinimumRange", "MaximumRange"):
            value = _text(pay.get(key))
            amounts[key] = _amount(value)
            if value is not None and amounts[key] is None:
                return Record(
                    "usajobs",
                    source_file,
                    where,
                    source_id=_text(item.get("MatchedObjectId")),
                    title=_text(job.get("PositionTitle")),
                    problem=f"PositionRemuneration {key} value {value!r} is not a number",
                )
        low, high = amounts["MinimumRange"], amounts["MaximumRange"]
        if low is None and high is None:
            continue
        period = UNIT_PERIODS.get(unit_key) or UNIT_PERIODS.get(_unit_key(described))
        pay_range = PayRange(
            min=low, max=high, currency=DEFAULT_CURRENCY, period=period, period_inferred=False
        )
        ranges.append(pay_range)
        texts.append(_render(pay_range, unit=code, columns=["PositionRemuneration"]))
    details = (job.get("UserArea") or {}).get("Details") or {}
    grades = [g.get("Code") for g in _as_list(job.get("JobGrade")) if isinstance(g, dict)]
    facts = {
        "JobGrade": "/".join(str(g) for g in grades if g) or None,
        "LowGrade": _text(details.get("LowGrade")),
        "HighGrade": _text(details.get("HighGrade")),
        "DepartmentName": _text(job.get("DepartmentName")),
    }
    source_id = _text(item.get("MatchedObjectId")) or _text(job.get("PositionID"))
    return Record(
        source="usajobs",
        source_file=source_file,
        record=where,
        source_id=source_id,
        title=_text(job.get("PositionTitle")),
        employer=_text(job.get("OrganizationName")),
        locations=[
            name
            for place in _as_list(job.get("PositionLocation"))
            if isinstance(place, dict) and (name := _text(place.get("LocationName")))
        ]
        or split_locations(job.get("PositionLocationDisplay")),
        pay_text="; ".join(texts) or None,
        pay_ranges=tuple(ranges),
        description=_description(_text(details.get("JobSummary")), facts, tuple(facts)),
        url=_text(job.get("PositionURI")),
        posted_date=_iso_date(_text(job.get("PublicationStartDate"))),
    )


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
