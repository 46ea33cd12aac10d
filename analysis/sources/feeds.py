"""ATS feeds: Greenhouse (`pay_input_ranges`), Lever (`salaryRange`), Ashby (`compensation`).

`read_json` also routes other JSON: the USAJOBS Search API, raw JSON-LD, JSON lines in a .json
file, and plain arrays of posting objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial

from analysis.normalize.locations import split_locations
from analysis.normalize.pay import PayRange
from analysis.sources import public_datasets
from analysis.sources.limits import load_json
from analysis.sources.pages import (
    html_to_text,
    job_postings,
    jsonld_records,
    page_postings,
    pay_sentence,
)
from analysis.sources.records import (
    Record,
    clean_text,
    describe_ranges,
    record_or_problem,
    stated_range,
    to_number,
)
from analysis.sources.tables import read_jsonl, read_objects

ASHBY_BASE_PAY = "Salary"


# Other Ashby components, named in pay_text so the normalizer's has_* flags see them.
ASHBY_EXTRAS = {
    "EquityPercentage": "equity",
    "EquityCashValue": "equity",
    "Bonus": "bonus",
    "Commission": "commission",
}


def read_json(
    text: str, name: str, *, stem: str, mapping: dict[str, str] | None = None
) -> Iterator[Record]:
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_is_object(text):  # JSON lines named .json
            yield from read_jsonl(text, name, mapping=mapping)
            return
        raise
    if public_datasets.is_usajobs_search(data):
        yield from public_datasets.read_usajobs_search(data, source_file=name)
        return
    ats = _ats_kind(data, stem)
    if ats:
        yield from read_ats(data, name, stem=stem, ats=ats)
        return
    postings = list(job_postings(data))
    if postings:
        yield from jsonld_records(postings, name)
        return
    where, items = posting_list(data)
    if items:
        yield from read_objects(
            [(f"{where}item {index}", item) for index, item in enumerate(items)],
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


# Keys under which API dumps put their postings, most telling first.
POSTING_LIST_KEYS = ("jobs", "postings", "job_postings", "results", "data", "items", "hits",
                     "listings", "records", "positions", "openings", "vacancies", "content")


def posting_list(data, *, depth: int = 2) -> tuple[str, list[dict]]:
    """The list of posting objects in a JSON document, and where it was ("data.jobs. ").

    A top-level list of objects, else the list of objects under a known key
    (:data:`POSTING_LIST_KEYS`), else the longest list of objects under any key, looking
    `depth` levels down ({"data": {"jobs": [...]}}).

    >>> posting_list({"meta": {"n": 2}, "data": {"results": [{"title": "A"}, {"title": "B"}]}})
    ('data.results ', [{'title': 'A'}, {'title': 'B'}])
    """
    if isinstance(data, list):
        objects = [item for item in data if isinstance(item, dict)]
        return ("", objects) if objects and len(objects) == len(data) else ("", [])
    if not isinstance(data, dict) or depth < 0:
        return "", []
    found: list[tuple[int, int, str, list[dict]]] = []
    for key, value in data.items():
        where, items = posting_list(value, depth=depth - 1)
        if items:
            known = str(key).lower() in POSTING_LIST_KEYS
            found.append((known, len(items), f"{key}.{where}" if where else f"{key} ", items))
    if not found:
        return "", []
    _, _, where, items = max(found, key=lambda f: (f[0], f[1]))
    return where, items


def _first_line_is_object(text: str) -> bool:
    line = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(load_json(line), dict)
    except ValueError:  # not JSON, or over a limit
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
        # Any other API dump may wrap its postings in "jobs" too: only Greenhouse's own keys
        # make it a Greenhouse board (else the generic object reader takes it).
        if stem.startswith("greenhouse_") or any(GREENHOUSE_KEYS & job.keys() for job in jobs):
            return "greenhouse"
        return None
    if isinstance(data, list) and data and all(isinstance(d, dict) and "text" in d for d in data):
        return "lever"
    return None


ASHBY_KEYS = {"jobUrl", "compensation", "publishedAt", "applyUrl", "isRemote"}


GREENHOUSE_KEYS = {"absolute_url", "pay_input_ranges", "internal_job_id"}


def read_ats(data, name: str, *, stem: str, ats: str) -> Iterator[Record]:
    if ats in ("greenhouse", "ashby"):
        if not (isinstance(data, dict) and isinstance(data.get("jobs"), list)):
            yield Record(ats, name, "file", problem=f"not a {ats} job board: no 'jobs' list")
            return
        board = stem.removeprefix(f"{ats}_")
        job_record = (partial(_record_from_ashby, feed=data) if ats == "ashby"
                      else _record_from_greenhouse)
        for index, job in enumerate(data["jobs"]):
            yield record_or_problem(
                lambda job=job, index=index: job_record(job, name, index=index, board=board),
                source=ats, name=name, where=f"job {index}", entry="job")
        return
    if not (isinstance(data, list) and all(isinstance(d, dict) for d in data)):
        yield Record("lever", name, "file", problem="not a Lever postings list")
        return
    site = stem.removeprefix("lever_")
    for index, posting in enumerate(data):
        yield record_or_problem(
            lambda posting=posting, index=index: _record_from_lever(
                posting, name, index=index, site=site),
            source="lever", name=name, where=f"posting {index}", entry="posting")


def read_jsonld_only(text: str, name: str) -> Iterator[Record]:
    """Forced "jsonld": JobPosting objects from a JSON document or from an HTML page's scripts."""
    if text.lstrip()[:1] in ("{", "["):
        postings = list(job_postings(load_json(text)))
    else:
        postings = page_postings(text)
    if not postings:
        yield Record("jsonld", name, "file", problem="no schema.org JobPosting found")
    yield from jsonld_records(postings, name)


def _record_from_greenhouse(job, name: str, *, index: int, board: str) -> Record:
    if not isinstance(job, dict):
        return Record("greenhouse", name, f"job {index}", problem="job entry is not an object")
    ranges = []
    for zone in job.get("pay_input_ranges") or []:
        low, high = to_number(zone.get("min_cents")), to_number(zone.get("max_cents"))
        pay_range = stated_range(
            None if low is None else low / 100,
            None if high is None else high / 100,
            currency=clean_text(zone.get("currency_type")),
            unit=None,
            label=clean_text(zone.get("title")),
        )
        if pay_range:
            ranges.append(pay_range)
    location = job.get("location")
    # {"name": "Austin, TX"} as documented; boards also write a bare string (or worse).
    location = location.get("name") if isinstance(location, dict) else location
    location = location if isinstance(location, str) else None
    description = html_to_text(job.get("content"))
    return Record(
        source="greenhouse",
        source_file=name,
        record=f"job {index}",
        source_id=f"{board}/{job.get('id')}" if job.get("id") is not None else None,
        title=clean_text(job.get("title")),
        employer=clean_text(job.get("company_name")) or clean_text(board.replace("-", " ").title()),
        locations=split_locations(location),
        pay_text=describe_ranges(ranges) or pay_sentence(description),
        pay_ranges=tuple(ranges),
        description=description,
        url=clean_text(job.get("absolute_url")),
        posted_date=clean_text(job.get("first_published") or job.get("updated_at")),
    )


def _record_from_lever(posting: dict, name: str, *, index: int, site: str) -> Record:
    salary = posting.get("salaryRange") or {}
    pay_range = stated_range(
        salary.get("min"),
        salary.get("max"),
        currency=clean_text(salary.get("currency")),
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
    description = clean_text(posting.get("descriptionPlain"))
    return Record(
        source="lever",
        source_file=name,
        record=f"posting {index}",
        source_id=f"{site}/{posting.get('id')}" if posting.get("id") else None,
        title=clean_text(posting.get("text")),
        employer=clean_text(site.replace("-", " ").title()),
        locations=locations,
        pay_text=(
            clean_text(posting.get("salaryDescriptionPlain"))
            or describe_ranges([pay_range] if pay_range else [])
            or pay_sentence(description)
        ),
        pay_ranges=(pay_range,) if pay_range else (),
        description=description,
        url=clean_text(posting.get("hostedUrl")),
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
        ranges.extend(_ashby_salaries(tier.get("components"), label=clean_text(tier.get("title"))))
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
    summary = clean_text(
        compensation.get("compensationTierSummary")
        or compensation.get("scrapeableCompensationSalarySummary")
    )
    described = describe_ranges(ranges)
    if described and extras:
        described += "".join(f" + {extra}" for extra in extras)
    description = clean_text(job.get("descriptionPlain")) or html_to_text(
        job.get("descriptionHtml")
    )
    organization = feed.get("organization")
    employer = (
        clean_text(job.get("organizationName"))
        or clean_text(feed.get("organizationName"))
        or clean_text(organization.get("name") if isinstance(organization, dict) else organization)
        or clean_text(board.replace("-", " ").replace("_", " ").title())
    )
    return Record(
        source="ashby",
        source_file=name,
        record=f"job {index}",
        source_id=f"{board}/{job.get('id')}" if job.get("id") is not None else None,
        title=clean_text(job.get("title")),
        employer=employer,
        locations=_ashby_locations(job),
        pay_text=summary or described or pay_sentence(description),
        pay_ranges=tuple(ranges),
        description=description,
        url=clean_text(job.get("jobUrl") or job.get("applyUrl")),
        posted_date=clean_text(job.get("publishedAt") or job.get("publishedDate")),
    )


def _ashby_salaries(components, *, label: str | None) -> list[PayRange]:
    ranges = []
    for component in components or []:
        if not isinstance(component, dict) or component.get("compensationType") != ASHBY_BASE_PAY:
            continue
        pay_range = stated_range(
            component.get("minValue"),
            component.get("maxValue"),
            currency=clean_text(component.get("currencyCode")),
            unit=component.get("interval"),
            label=label,
        )
        if pay_range:
            ranges.append(pay_range)
    return ranges


def _ashby_locations(job: dict) -> list[str]:
    locations = split_locations(clean_text(job.get("location")))
    for secondary in job.get("secondaryLocations") or []:
        place = secondary.get("location") if isinstance(secondary, dict) else secondary
        for location in split_locations(clean_text(place)):
            if location not in locations:
                locations.append(location)
    remote = job.get("isRemote") is True or str(job.get("workplaceType", "")).lower() == "remote"
    if remote and not any("remote" in location.lower() for location in locations):
        address = (job.get("address") or {}).get("postalAddress") or {}
        country = clean_text(address.get("addressCountry"))
        locations.insert(0, f"Remote, {country}" if country else "Remote")
    return locations
