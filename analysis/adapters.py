"""Adapters: raw input files → records for the normalizer.

Each adapter reads one raw shape and yields `Record`s; nothing here interprets pay text or titles.
The adapter is chosen from the file's extension and content (`read_records`). A file that cannot be
read yields one record carrying the problem, so it lands in the quarantine instead of vanishing.

Shapes read today: HTML career pages with schema.org JobPosting JSON-LD (or microdata), career pages
whose pay sits only in prose (HTML or the page's text), Greenhouse job-board JSON
(`pay_input_ranges`), Lever postings JSON (`salaryRange`), Ashby job-board JSON (`compensation`
tiers), the public datasets of `analysis.dataset_adapters` (LinkedIn, Indeed, NYC Jobs, USAJOBS, …),
and any other CSV, Excel (.xlsx) or JSON-lines export whose columns are recognised by name or named
in a mapping file (`load_mapping`). `format=` forces one adapter instead of detection.

Text is decoded without guessing by hand: UTF-8 first, a byte-order mark when there is one, then
charset-normalizer for legacy exports (cp1252 preferred when it reads as cleanly as the detector's
pick); mojibake such as "Cityâ€™s" is repaired with ftfy. A decode that had to replace bytes adds
one problem record for the file, so the loss is visible in the quarantine.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import charset_normalizer
import extruct
import ftfy
import html_text
import lxml.html

from analysis.locations import parse_location, split_locations
from analysis.pay import PayRange, infer_period, parse_pay

RAW_SUFFIXES = (".html", ".htm", ".txt", ".json", ".csv", ".jsonl", ".ndjson", ".xlsx")

# Adapters `read_records(format=...)` can force (dataset names from dataset_adapters work too).
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
# A salary given as an object (JSON lines): the keys that hold its parts.
SALARY_KEYS = {
    "min": ("min", "minimum", "min_amount", "min_salary", "minvalue", "from", "low"),
    "max": ("max", "maximum", "max_amount", "max_salary", "maxvalue", "to", "high"),
    "currency": ("currency", "currency_code", "currencycode"),
    "unit": ("interval", "period", "unit", "unittext", "pay_period"),
}

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy exports are overwhelmingly Windows-1252. On short files charset-normalizer cannot tell it
# from cp1250/cp852/mac_roman (all read "Société" cleanly), so cp1252 wins unless its decoding is
# messier than the detector's pick by more than this (Shift-JIS read as cp1252 scores ~0.15 worse).
WESTERN_ENCODING = "cp1252"
WESTERN_MESS_ALLOWANCE = 0.1
# UTF-8 mojibake read as cp1252/latin-1: a lead byte Â–ô followed by a continuation byte's glyph.
# Only text with such a pair is handed to ftfy (fixing every cell would cost seconds per file).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)

# Ashby compensation intervals ("1 YEAR") → pay period; only Salary components are base pay.
ASHBY_INTERVALS = {
    "1 HOUR": "hour",
    "1 DAY": "day",
    "1 WEEK": "week",
    "2 WEEK": "biweekly",
    "1 MONTH": "month",
    "1 YEAR": "year",
}
ASHBY_BASE_PAY = "Salary"
# Other Ashby components, named in pay_text so the normalizer's has_* flags see them.
ASHBY_EXTRAS = {
    "EquityPercentage": "equity",
    "EquityCashValue": "equity",
    "Bonus": "bonus",
    "Commission": "commission",
}

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
    "biweekly": "biweekly",
    "semimonthly": "semimonthly",
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
        `analysis.dataset_adapters` (read as CSV, or Excel for .xlsx). Unknown → ValueError.
    mapping : for CSV, Excel and JSON lines, the columns holding each record field, e.g.
        ``{"title": "Posting Name", "employer": "Org", "pay_text": "Comp"}`` (keys from
        `CSV_COLUMNS`); it overrides recognition by name. See `load_mapping`.

    Examples
    --------
    >>> mapping = {"title": "Posting Name", "pay_text": "Comp"}
    >>> records = list(read_records("export.csv", mapping=mapping))  # doctest: +SKIP
    """
    if format is not None and format not in valid_formats():
        raise ValueError(f"unknown format {format!r}; choose one of: {', '.join(valid_formats())}")
    if mapping is not None:
        mapping = _check_mapping(mapping)
    path = Path(path)
    return _read_file(path, name=name or str(path), format=format, mapping=mapping)


def valid_formats() -> tuple[str, ...]:
    """The names `read_records(format=...)` accepts: `FORMATS` plus the known dataset names."""
    return FORMATS + tuple(name for name in _dataset_names() if name not in FORMATS)


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping file: JSON ``{"columns": {"title": "Posting Name", ...}}``.

    The keys are record fields (those of `CSV_COLUMNS`), the values the file's column names.
    A missing, unreadable or malformed file raises ValueError saying what is wrong.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ValueError(f"mapping file {path}: cannot read it ({error.strerror})") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"mapping file {path}: not valid JSON ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise ValueError(
            f'mapping file {path}: expected {{"columns": {{"title": "<column>", ...}}}}'
        )
    try:
        return _check_mapping(data["columns"])
    except ValueError as error:
        raise ValueError(f"mapping file {path}: {error}") from error


def _check_mapping(mapping: dict) -> dict[str, str]:
    unknown = sorted(str(key) for key in mapping if key not in CSV_COLUMNS)
    if unknown:
        raise ValueError(
            f"unknown field(s) {', '.join(unknown)} in column mapping; "
            f"fields are: {', '.join(CSV_COLUMNS)}"
        )
    bad = sorted(key for key, value in mapping.items() if not isinstance(value, str) or not value)
    if bad:
        raise ValueError(f"column mapping for {', '.join(bad)} must name a column (a string)")
    return dict(mapping)


def _read_file(
    path: Path,
    *,
    name: str,
    format: str | None,
    mapping: dict[str, str] | None,
) -> Iterator[Record]:
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
        raw = path.read_bytes()
    except OSError as error:
        yield Record(source, name, "file", problem=f"unreadable file: {error.strerror}")
        return
    stem = path.stem
    detect = format is None and mapping is None  # forcing "csv" or a mapping means generic columns
    try:
        if kind == "xlsx":
            yield from _read_xlsx(raw, name, mapping=mapping, dataset=dataset, detect=detect)
            return
        text, problem = _decode(raw)
        if problem:
            yield Record(source, name, "file", problem=problem)
        if kind == "html":
            yield from _read_html(text, name)
        elif kind == "text":
            yield _read_page_text(text, name)
        elif kind == "page":
            yield _read_prose_page(text, name)
        elif kind == "jsonld":
            yield from _read_jsonld_only(text, name)
        elif kind == "json":
            yield from _read_json(text, name, stem=stem, mapping=mapping)
        elif kind in ("greenhouse", "lever", "ashby"):
            yield from _read_ats(json.loads(text), name, stem=stem, ats=kind)
        elif kind == "jsonl":
            yield from _read_jsonl(text, name, mapping=mapping)
        else:
            yield from _read_csv(text, name, mapping=mapping, dataset=dataset, detect=detect)
    except json.JSONDecodeError as error:
        yield Record(
            source,
            name,
            "file",
            problem=f"unreadable file: invalid or truncated JSON in {name} at line {error.lineno} "
            f"column {error.colno} (char {error.pos}): {error.msg}",
        )
    except (ValueError, TypeError, KeyError, AttributeError, csv.Error) as error:
        yield Record(
            source,
            name,
            "file",
            problem=f"unreadable file: {type(error).__name__}: {error}",
        )


def _dataset_module():
    """analysis.dataset_adapters, imported late (it imports Record from here); None if absent."""
    try:
        from analysis import dataset_adapters
    except ModuleNotFoundError as error:
        if error.name != "analysis.dataset_adapters":
            raise
        return None
    return dataset_adapters


def _dataset_names() -> tuple[str, ...]:
    module = _dataset_module()
    return tuple(module.DATASET_FORMATS) if module else ()


def _decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes → text, and a problem when bytes had to be replaced (otherwise None).

    Order: a byte-order mark; UTF-8; charset-normalizer's best guess, except that cp1252 wins when
    it reads at least as cleanly (`WESTERN_MESS_ALLOWANCE`). Mojibake is repaired afterwards.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return _fix_mojibake(raw.decode(encoding)), None
            except UnicodeDecodeError as error:
                return _lossy(raw, encoding, error)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:  # NULs: UTF-16 without a BOM, not UTF-8
        return _fix_mojibake(text), None
    best = charset_normalizer.from_bytes(raw).best()
    western = charset_normalizer.from_bytes(raw, cp_isolation=[WESTERN_ENCODING]).best()
    if western is not None and (
        best is None or western.chaos <= best.chaos + WESTERN_MESS_ALLOWANCE
    ):
        best = western
    if best is not None:
        return _fix_mojibake(str(best)), None
    return _lossy(raw, "utf-8", None)


def _lossy(raw: bytes, encoding: str, error: UnicodeDecodeError | None) -> tuple[str, str]:
    text = raw.decode(encoding, errors="replace")
    where = f" (first at byte {error.start})" if error else ""
    return _fix_mojibake(text), (
        f"encoding: no text encoding reads this file cleanly; {text.count(chr(0xFFFD))} "
        f"undecodable character(s) replaced with U+FFFD{where} — check the export's encoding"
    )


def _fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252/latin-1 ("Cityâ€™s" → "City’s"), line by line, with ftfy."""
    if not _MOJIBAKE.search(text):
        return text
    return "".join(
        ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line
        for line in text.splitlines(keepends=True)
    )


def _clean(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text.isascii() and _MOJIBAKE.search(text):  # e.g. mojibake escaped inside JSON
        text = ftfy.fix_encoding(text)
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


def _read_json(
    text: str, name: str, *, stem: str, mapping: dict[str, str] | None = None
) -> Iterator[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_is_object(text):  # JSON lines named .json
            yield from _read_jsonl(text, name, mapping=mapping)
            return
        raise
    module = _dataset_module()
    if module is not None and module.is_usajobs_search(data):
        yield from module.read_usajobs_search(data, source_file=name)
        return
    ats = _ats_kind(data, stem)
    if ats:
        yield from _read_ats(data, name, stem=stem, ats=ats)
        return
    postings = list(_job_postings(data))
    if postings:
        for index, posting in enumerate(postings):
            yield _record_from_jsonld(posting, name, index=index, count=len(postings))
        return
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        yield from _read_objects(
            [(f"item {index}", item) for index, item in enumerate(data)],
            name,
            source="json",
            mapping=mapping,
        )
        return
    yield Record(
        "ats-feed",
        name,
        "file",
        problem="unrecognised JSON shape (expected Greenhouse or Ashby {'jobs': [...]}, a Lever "
        "postings list, USAJOBS search results, schema.org JobPosting, or a list of postings)",
    )


def _first_line_is_object(text: str) -> bool:
    line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _ats_kind(data, stem: str) -> str | None:
    """Which ATS feed a parsed JSON document is: "greenhouse", "ashby", "lever" or None.

    Greenhouse and Ashby both wrap postings in {"jobs": [...]}: Ashby jobs carry jobUrl /
    compensation / publishedAt, Greenhouse jobs absolute_url / pay_input_ranges.
    """
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        jobs = [job for job in data["jobs"] if isinstance(job, dict)]
        if stem.startswith("ashby_") or any(
            ASHBY_KEYS & job.keys() and not GREENHOUSE_KEYS & job.keys() for job in jobs
        ):
            return "ashby"
        return "greenhouse"
    if isinstance(data, list) and data and all(isinstance(d, dict) and "text" in d for d in data):
        return "lever"
    return None


ASHBY_KEYS = {"jobUrl", "compensation", "publishedAt", "applyUrl", "isRemote"}
GREENHOUSE_KEYS = {"absolute_url", "pay_input_ranges", "internal_job_id"}


def _read_ats(data, name: str, *, stem: str, ats: str) -> Iterator[Record]:
    if ats in ("greenhouse", "ashby"):
        if not (isinstance(data, dict) and isinstance(data.get("jobs"), list)):
            yield Record(ats, name, "file", problem=f"not a {ats} job board: no 'jobs' list")
            return
        board = stem.removeprefix(f"{ats}_")
        for index, job in enumerate(data["jobs"]):
            if ats == "ashby":
                yield _record_from_ashby(job, name, index=index, board=board, feed=data)
            else:
                yield _record_from_greenhouse(job, name, index=index, board=board)
        return
    if not (isinstance(data, list) and all(isinstance(d, dict) for d in data)):
        yield Record("lever", name, "file", problem="not a Lever postings list")
        return
    site = stem.removeprefix("lever_")
    for index, posting in enumerate(data):
        yield _record_from_lever(posting, name, index=index, site=site)


def _read_jsonld_only(text: str, name: str) -> Iterator[Record]:
    """Forced "jsonld": JobPosting objects from a JSON document or from an HTML page's scripts."""
    if text.lstrip()[:1] in ("{", "["):
        postings = list(_job_postings(json.loads(text)))
    else:
        data = extruct.extract(text, syntaxes=["json-ld", "microdata"], uniform=True)
        postings = [
            item
            for block in data.get("json-ld", []) + data.get("microdata", [])
            for item in _job_postings(block)
        ]
    if not postings:
        yield Record("jsonld", name, "file", problem="no schema.org JobPosting found")
    for index, posting in enumerate(postings):
        yield _record_from_jsonld(posting, name, index=index, count=len(postings))


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


def _record_from_ashby(job, name: str, *, index: int, board: str, feed: dict) -> Record:
    """One Ashby job-board posting: base pay from its Salary components, one range per tier."""
    if not isinstance(job, dict):
        return Record("ashby", name, f"job {index}", problem="job entry is not an object")
    compensation = job.get("compensation") or {}
    ranges: list[PayRange] = []
    for tier in compensation.get("compensationTiers") or []:
        ranges.extend(_ashby_salaries(tier.get("components"), label=_clean(tier.get("title"))))
    if not ranges:
        ranges = _ashby_salaries(compensation.get("summaryComponents"), label=None)
    extras = sorted(
        {
            ASHBY_EXTRAS[component.get("compensationType")]
            for tier in [{"components": compensation.get("summaryComponents")}]
            + list(compensation.get("compensationTiers") or [])
            for component in tier.get("components") or []
            if isinstance(component, dict) and component.get("compensationType") in ASHBY_EXTRAS
        }
    )
    summary = _clean(
        compensation.get("compensationTierSummary")
        or compensation.get("scrapeableCompensationSalarySummary")
    )
    described = _describe_ranges(ranges)
    if described and extras:
        described += "".join(f" + {extra}" for extra in extras)
    description = _clean(job.get("descriptionPlain")) or _html_to_text(job.get("descriptionHtml"))
    organization = feed.get("organization")
    employer = (
        _clean(job.get("organizationName"))
        or _clean(feed.get("organizationName"))
        or _clean(organization.get("name") if isinstance(organization, dict) else organization)
        or _clean(board.replace("-", " ").replace("_", " ").title())
    )
    return Record(
        source="ashby",
        source_file=name,
        record=f"job {index}",
        source_id=f"{board}/{job.get('id')}" if job.get("id") is not None else None,
        title=_clean(job.get("title")),
        employer=employer,
        locations=_ashby_locations(job),
        pay_text=summary or described or _pay_sentence(description),
        pay_ranges=tuple(ranges),
        description=description,
        url=_clean(job.get("jobUrl") or job.get("applyUrl")),
        posted_date=_clean(job.get("publishedAt") or job.get("publishedDate")),
    )


def _ashby_salaries(components, *, label: str | None) -> list[PayRange]:
    ranges = []
    for component in components or []:
        if not isinstance(component, dict) or component.get("compensationType") != ASHBY_BASE_PAY:
            continue
        interval = str(component.get("interval") or "").strip().upper()
        pay_range = _stated_range(
            component.get("minValue"),
            component.get("maxValue"),
            currency=_clean(component.get("currencyCode")),
            unit=ASHBY_INTERVALS.get(interval),
            label=label,
        )
        if pay_range:
            ranges.append(pay_range)
    return ranges


def _ashby_locations(job: dict) -> list[str]:
    locations = split_locations(_clean(job.get("location")))
    for secondary in job.get("secondaryLocations") or []:
        place = secondary.get("location") if isinstance(secondary, dict) else secondary
        for location in split_locations(_clean(place)):
            if location not in locations:
                locations.append(location)
    remote = job.get("isRemote") is True or str(job.get("workplaceType", "")).lower() == "remote"
    if remote and not any("remote" in location.lower() for location in locations):
        address = (job.get("address") or {}).get("postalAddress") or {}
        country = _clean(address.get("addressCountry"))
        locations.insert(0, f"Remote, {country}" if country else "Remote")
    return locations


def _describe_ranges(ranges: list[PayRange]) -> str | None:
    """A readable rendering of structured pay, kept as the band's pay_text for provenance."""
    parts = [
        f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min:,.2f}–{r.max:,.2f}".strip()
        if r.min is not None and r.max is not None
        else f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min or r.max:,.2f}".strip()
        for r in ranges
    ]
    return "; ".join(parts) or None


# --- CSV, Excel and JSON-lines exports -------------------------------------------------------


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


def _read_csv(
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


def _read_xlsx(
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
    module = _dataset_module() if dataset or detect else None
    if dataset is None and detect and module is not None:
        dataset = module.detect_dataset(header)
    if dataset is not None:
        if module is None:
            raise ValueError(f"dataset format {dataset!r} needs analysis.dataset_adapters")
        yield from module.read_dataset_rows(dataset, header, rows, source_file=name)
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
            return _clean(row[index]) if index is not None else None

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


def _read_jsonl(text: str, name: str, *, mapping: dict[str, str] | None) -> Iterator[Record]:
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
    records = list(_read_objects(objects, name, source="jsonl", mapping=mapping)) if objects else []
    yield from sorted(records + problems, key=lambda r: (r.record != "file", _line_of(r)))


def _line_of(record: Record) -> int:
    number = record.record.rpartition(" ")[2]
    return int(number) if number.isdigit() else 0


def _read_objects(
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
        source_id = _clean(value("source_id")) or where.rpartition(" ")[2]
        yield Record(
            source=source,
            source_file=name,
            record=where,
            source_id=f"{stem}/{source_id}",
            title=_clean(_flat_text(value("title"))),
            employer=_clean(_flat_text(value("employer"))),
            locations=(
                [text for text in (_clean(_flat_text(x)) for x in location) if text]
                if isinstance(location, list)
                else split_locations(_clean(_flat_text(location)))
            ),
            pay_text=(_describe_ranges([pay_range]) if pay_range else _clean(_flat_text(salary))),
            pay_ranges=(pay_range,) if pay_range else (),
            description=_clean(_flat_text(value("description"))),
            url=_clean(_flat_text(value("url"))),
            posted_date=_clean(_flat_text(value("posted_date"))),
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
    return _stated_range(
        part("min"),
        part("max"),
        currency=_clean(part("currency")),
        unit=str(unit).lower() if unit is not None else None,
    )
