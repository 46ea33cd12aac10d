"""Adapters: raw input files → records for the normalizer.

Each adapter reads one raw shape and yields `Record`s; nothing here interprets pay text or titles.
The adapter is chosen from the file's extension and content (`read_records`). A file that cannot be
read yields one record carrying the problem, so it lands in the quarantine instead of vanishing.

Shapes read today: HTML career pages with schema.org JobPosting JSON-LD (or microdata), career pages
whose pay sits only in prose (HTML or the page's text), Greenhouse job-board JSON
(`pay_input_ranges`), Lever postings JSON (`salaryRange`), and CSV exports with a free-text pay
column recognised by its header.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import extruct
import html_text
import lxml.html

from analysis.locations import parse_location, split_locations
from analysis.pay import PayRange, infer_period, parse_pay

RAW_SUFFIXES = (".html", ".htm", ".txt", ".json", ".csv")

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
MISSING_WORDS = {"", "-1", "na", "n/a", "nan", "none", "null"}

# schema.org unitText and ATS interval words → pay period.
STRUCTURED_PERIODS = {
    "hour": "hour",
    "hourly": "hour",
    "per-hour-wage": "hour",
    "day": "day",
    "daily": "day",
    "per-day-wage": "day",
    "week": "week",
    "weekly": "week",
    "per-week-wage": "week",
    "month": "month",
    "monthly": "month",
    "per-month-salary": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "per-year-salary": "year",
}
# Words that mark a sentence in prose as the pay statement rather than, say, a benefit amount.
PAY_CONTEXT = re.compile(
    r"salary|pay|compensation|wage|base|range|/\s*(?:year|yr|hour|hr)|per (?:year|hour|annum)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(?:[$£€₹]\s?\d)|(?:\d[\d,.]*\s?(?:USD|GBP|EUR|CAD|AUD|INR)\b)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\n+")
_STATE_AFTER_COMMA = re.compile(r", ([A-Z]{2})(?![a-z])( \+ \d+ More)?")
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REMOTE_WORDS = ("remote", "telecommute")


@dataclass
class Record:
    """One posting as read from a raw input, before normalization."""

    source: str
    source_file: str
    record: str  # where in the file: row number, job index, or "page"
    source_id: str | None = None
    title: str | None = None
    employer: str | None = None
    locations: list[str] = field(default_factory=list)
    pay_text: str | None = None
    pay_ranges: tuple[PayRange, ...] = ()  # structured pay stated by the source itself
    description: str | None = None
    url: str | None = None
    posted_date: str | None = None
    problem: str | None = None  # why this record cannot be read (it goes to quarantine)


def discover_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of raw input files they hold."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in RAW_SUFFIXES
            )
        else:
            found.append(path)
    return found


def read_records(path: Path, *, name: str | None = None) -> Iterator[Record]:
    """Yield the records of one raw file, choosing the adapter from its extension and content.

    `name` is how the file is named in provenance columns (default: the path as given).
    """
    name = name or str(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield Record("unknown", name, "file", problem=f"unreadable file: {error.strerror}")
        return
    text = _decode(raw)
    try:
        if suffix in (".html", ".htm"):
            yield from _read_html(text, name)
        elif suffix == ".txt":
            yield _read_page_text(text, name)
        elif suffix == ".json":
            yield from _read_json(text, name, stem=path.stem)
        elif suffix == ".csv":
            yield from _read_csv(text, name)
        else:
            yield Record("unknown", name, "file", problem=f"unsupported file type {suffix!r}")
    except (ValueError, TypeError, KeyError, AttributeError, csv.Error) as error:
        yield Record(
            _source_for(suffix),
            name,
            "file",
            problem=f"unreadable file: {type(error).__name__}: {error}",
        )


def _source_for(suffix: str) -> str:
    return {
        ".html": "career-page",
        ".htm": "career-page",
        ".txt": "career-page",
        ".json": "ats-feed",
        ".csv": "csv",
    }.get(suffix, "unknown")


def _decode(raw: bytes) -> str:
    # UTF-16 announces itself with a BOM; UTF-8 (with or without BOM) is the norm; latin-1 never
    # fails, so it is the last resort for old exports.
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _clean(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return None if text.lower() in MISSING_WORDS else text


# --- HTML career pages ------------------------------------------------------------------------


def _read_html(text: str, name: str) -> Iterator[Record]:
    data = extruct.extract(text, syntaxes=["json-ld", "microdata"], uniform=True)
    postings = [
        item
        for block in data.get("json-ld", []) + data.get("microdata", [])
        for item in _job_postings(block)
    ]
    if not postings:
        yield _read_prose_page(text, name)
        return
    for index, posting in enumerate(postings):
        yield _record_from_jsonld(posting, name, index=index, count=len(postings))


def _job_postings(node) -> Iterator[dict]:
    """JobPosting objects anywhere in a JSON-LD block: single object, list, or @graph."""
    if isinstance(node, list):
        for item in node:
            yield from _job_postings(item)
    elif isinstance(node, dict):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if "JobPosting" in types:
            yield node
        elif "@graph" in node:
            yield from _job_postings(node["@graph"])


def _record_from_jsonld(posting: dict, name: str, *, index: int, count: int) -> Record:
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value")
    organization = posting.get("hiringOrganization")
    employer = organization.get("name") if isinstance(organization, dict) else organization
    description = _html_to_text(posting.get("description"))
    source_id = _clean(identifier) or _clean(posting.get("url"))
    pay_ranges, pay_text = _jsonld_salary(posting.get("baseSalary"))
    if not pay_ranges and description:
        pay_text = _pay_sentence(description)
    return Record(
        source="jsonld",
        source_file=name,
        record="page" if count == 1 else f"posting {index}",
        source_id=f"{_slug(employer)}/{source_id}" if source_id else None,
        title=_clean(posting.get("title")),
        employer=_clean(employer),
        locations=_jsonld_locations(posting),
        pay_text=pay_text,
        pay_ranges=pay_ranges,
        description=description,
        url=_clean(posting.get("url")),
        posted_date=_clean(posting.get("datePosted")),
    )


def _jsonld_locations(posting: dict) -> list[str]:
    places = posting.get("jobLocation") or []
    places = places if isinstance(places, list) else [places]
    locations = []
    for place in places:
        address = place.get("address", place) if isinstance(place, dict) else place
        if isinstance(address, dict):
            parts = [
                address.get(key) for key in ("addressLocality", "addressRegion", "addressCountry")
            ]
            parts = [p.get("name") if isinstance(p, dict) else p for p in parts]
            text = ", ".join(str(p) for p in parts if p)
        else:
            text = _clean(address)
        if text:
            locations.append(text)
    if str(posting.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        requirement = posting.get("applicantLocationRequirements")
        country = requirement.get("name") if isinstance(requirement, dict) else requirement
        locations.insert(0, f"Remote, {country}" if country else "Remote")
    return locations


def _jsonld_salary(salary) -> tuple[tuple[PayRange, ...], str | None]:
    """schema.org baseSalary (MonetaryAmount of a QuantitativeValue) → stated ranges + text."""
    if not isinstance(salary, dict):
        return (), None
    value = salary.get("value")
    currency = _clean(salary.get("currency"))
    if isinstance(value, dict):
        unit = value.get("unitText")
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
    else:
        unit, low, high = salary.get("unitText"), value, value
    pay_range = _stated_range(low, high, currency=currency, unit=unit)
    text = f"{currency or ''} {low}–{high} per {unit or '?'} (schema.org baseSalary)".strip()
    return ((pay_range,) if pay_range else ()), text


def _stated_range(low, high, *, currency, unit, label=None) -> PayRange | None:
    low, high = _number(low), _number(high)
    if low is None and high is None:
        return None
    period = STRUCTURED_PERIODS.get(str(unit or "").strip().lower())
    inferred = period is None
    if inferred:  # the source states no unit: read it from the amount, as the text parser does
        period = infer_period(high if high is not None else low)
    return PayRange(
        min=low, max=high, currency=currency, period=period, period_inferred=inferred, label=label
    )


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _read_prose_page(text: str, name: str) -> Record:
    """A career page with no structured data: title, employer, location and pay from prose."""
    tree = lxml.html.fromstring(text)
    heading = _first_text(tree, "//h1")
    page_title = _first_text(tree, "//title") or ""
    site = tree.xpath("string(//meta[@property='og:site_name']/@content)").strip()
    employer = _employer_from_site(site or page_title.partition(" | ")[2])
    location = _first_text(tree, "//*[contains(@class, 'location')]")
    body_text = html_text.extract_text(text)
    return Record(
        source="career-page",
        source_file=name,
        record="page",
        source_id=f"{_slug(employer)}/{Path(name).stem}",
        title=heading or _clean(page_title.partition(" | ")[0]),
        employer=employer,
        locations=[location] if location else _locations_in_text(body_text),
        pay_text=_pay_sentence(body_text),
        description=body_text,
        url=_clean(tree.xpath("string(//link[@rel='canonical']/@href)")),
    )


def _read_page_text(text: str, name: str) -> Record:
    """The saved text of a career page (like the seed): "Title | Employer Careers …" first."""
    head = text[:300]
    title, _, rest = head.partition(" | ")
    employer = _employer_from_site(rest.split("  ")[0][:60])
    return Record(
        source="career-page",
        source_file=name,
        record="page",
        source_id=f"{_slug(employer)}/{Path(name).stem}",
        title=_clean(title),
        employer=employer,
        locations=_locations_in_text(text),
        pay_text=_pay_sentence(text),
        description=text,
    )


def _first_text(tree, xpath: str) -> str | None:
    nodes = tree.xpath(xpath)
    return _clean(nodes[0].text_content()) if nodes else None


def _employer_from_site(site: str) -> str | None:
    # "Meta Careers" / "Acme Jobs" → "Meta" / "Acme"
    words = re.split(r"\s+(?:careers?|jobs)\b", site or "", maxsplit=1, flags=re.IGNORECASE)
    return _clean(words[0])


def _locations_in_text(text: str) -> list[str]:
    """The first "City, ST" in a page's text whose city is a known US place.

    Saved page text glues words together ("Location pin iconSunnyvale, CAApply to Job"), so the
    words before each ", ST" are split at lower→upper case joins and tried from one to three words.
    """
    for match in _STATE_AFTER_COMMA.finditer(text or ""):
        before = _CAMEL_JOIN.sub(" ", text[max(0, match.start() - 60) : match.start()]).split()
        for count in (1, 2, 3):
            place = f"{' '.join(before[-count:])}, {match.group(1)}"
            if parse_location(place).city:
                return [place + (match.group(2) or "")]
    return ["Remote"] if any(word in (text or "").lower()[:2000] for word in _REMOTE_WORDS) else []


def _pay_sentence(text: str | None) -> str | None:
    """The sentence of a page that states its pay: the first with an amount and pay context."""
    if not text:
        return None
    with_amount = [s.strip() for s in _SENTENCE_END.split(text) if _AMOUNT.search(s)]
    readable = [s for s in with_amount if parse_pay(s).ranges]
    in_context = [s for s in readable if PAY_CONTEXT.search(s)]
    chosen = (in_context or readable or [None])[0]
    return chosen[:1000] if chosen else None


def _html_to_text(value) -> str | None:
    if not value:
        return None
    return _clean(html_text.extract_text(html.unescape(str(value)))) or None


def _slug(value) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value or "unknown").lower()).strip("-") or "unknown"


# --- ATS feeds ----------------------------------------------------------------------------------


def _read_json(text: str, name: str, *, stem: str) -> Iterator[Record]:
    data = json.loads(text)
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        board = stem.removeprefix("greenhouse_")
        for index, job in enumerate(data["jobs"]):
            yield _record_from_greenhouse(job, name, index=index, board=board)
    elif isinstance(data, list) and all(isinstance(d, dict) and "text" in d for d in data):
        site = stem.removeprefix("lever_")
        for index, posting in enumerate(data):
            yield _record_from_lever(posting, name, index=index, site=site)
    else:
        yield Record(
            "ats-feed",
            name,
            "file",
            problem="unrecognised JSON shape (expected Greenhouse {'jobs': [...]} "
            "or a Lever postings list)",
        )


def _record_from_greenhouse(job, name: str, *, index: int, board: str) -> Record:
    if not isinstance(job, dict):
        return Record("greenhouse", name, f"job {index}", problem="job entry is not an object")
    ranges = []
    for zone in job.get("pay_input_ranges") or []:
        low, high = _number(zone.get("min_cents")), _number(zone.get("max_cents"))
        pay_range = _stated_range(
            None if low is None else low / 100,
            None if high is None else high / 100,
            currency=_clean(zone.get("currency_type")),
            unit=None,
            label=_clean(zone.get("title")),
        )
        if pay_range:
            ranges.append(pay_range)
    location = (job.get("location") or {}).get("name")
    description = _html_to_text(job.get("content"))
    return Record(
        source="greenhouse",
        source_file=name,
        record=f"job {index}",
        source_id=f"{board}/{job.get('id')}" if job.get("id") is not None else None,
        title=_clean(job.get("title")),
        employer=_clean(job.get("company_name")) or _clean(board.replace("-", " ").title()),
        locations=split_locations(location),
        pay_text=_describe_ranges(ranges) or _pay_sentence(description),
        pay_ranges=tuple(ranges),
        description=description,
        url=_clean(job.get("absolute_url")),
        posted_date=_clean(job.get("first_published") or job.get("updated_at")),
    )


def _record_from_lever(posting: dict, name: str, *, index: int, site: str) -> Record:
    salary = posting.get("salaryRange") or {}
    pay_range = _stated_range(
        salary.get("min"),
        salary.get("max"),
        currency=_clean(salary.get("currency")),
        unit=salary.get("interval"),
    )
    categories = posting.get("categories") or {}
    locations = list(categories.get("allLocations") or []) or split_locations(
        categories.get("location")
    )
    if posting.get("workplaceType") == "remote" and not any(
        "remote" in x.lower() for x in locations
    ):
        locations.insert(0, f"Remote, {posting.get('country') or 'US'}")
    created = posting.get("createdAt")
    description = _clean(posting.get("descriptionPlain"))
    return Record(
        source="lever",
        source_file=name,
        record=f"posting {index}",
        source_id=f"{site}/{posting.get('id')}" if posting.get("id") else None,
        title=_clean(posting.get("text")),
        employer=_clean(site.replace("-", " ").title()),
        locations=locations,
        pay_text=(
            _clean(posting.get("salaryDescriptionPlain"))
            or _describe_ranges([pay_range] if pay_range else [])
            or _pay_sentence(description)
        ),
        pay_ranges=(pay_range,) if pay_range else (),
        description=description,
        url=_clean(posting.get("hostedUrl")),
        posted_date=(
            datetime.fromtimestamp(created / 1000, UTC).date().isoformat()
            if isinstance(created, int | float)
            else None
        ),
    )


def _describe_ranges(ranges: list[PayRange]) -> str | None:
    """A readable rendering of structured pay, kept as the band's pay_text for provenance."""
    parts = [
        f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min:,.2f}–{r.max:,.2f}".strip()
        if r.min is not None and r.max is not None
        else f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min or r.max:,.2f}".strip()
        for r in ranges
    ]
    return "; ".join(parts) or None


# --- CSV exports --------------------------------------------------------------------------------


def _read_csv(text: str, name: str) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        yield Record("csv", name, "file", problem="empty CSV file")
        return
    normalized = [re.sub(r"[^a-z0-9]+", "_", h.strip().lower()).strip("_") for h in header]
    columns = {
        field_name: next((normalized.index(s) for s in spellings if s in normalized), None)
        for field_name, spellings in CSV_COLUMNS.items()
    }
    if columns["title"] is None:
        yield Record(
            "csv",
            name,
            "file",
            problem=f"no title column among {header[:12]} (expected one of "
            f"{', '.join(CSV_COLUMNS['title'])})",
        )
        return
    stem = Path(name).stem
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {row_number}"
        if len(row) != len(header):
            yield Record(
                "csv", name, where, problem=f"row has {len(row)} fields, header has {len(header)}"
            )
            continue

        def cell(field_name: str, row=row) -> str | None:
            index = columns[field_name]
            return _clean(row[index]) if index is not None else None

        source_id = cell("source_id") or str(row_number)
        location = cell("location")
        yield Record(
            source="csv",
            source_file=name,
            record=where,
            source_id=f"{stem}/{source_id}",
            title=cell("title"),
            employer=cell("employer"),
            locations=split_locations(location),
            pay_text=cell("pay_text"),
            description=cell("description"),
            url=cell("url"),
            posted_date=cell("posted_date"),
        )
