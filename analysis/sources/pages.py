"""Career pages: schema.org JobPosting (JSON-LD or microdata), and pages with pay only in prose."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import extruct
import html_text
import lxml.html

from analysis.normalize.locations import parse_location
from analysis.normalize.pay import PayRange
from analysis.normalize.pay_sentences import pay_sentences
from analysis.sources.records import (
    Record,
    clean_text,
    record_or_problem,
    slugify,
    stated_range,
)

_STATE_AFTER_COMMA = re.compile(r", ([A-Z]{2})(?![a-z])( \+ \d+ More)?")


_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")


_REMOTE_WORDS = ("remote", "telecommute")


def page_postings(text: str) -> list[dict]:
    """schema.org JobPosting objects in an HTML page, from JSON-LD and microdata (via extruct)."""
    data = extruct.extract(parse_page(text), syntaxes=["json-ld", "microdata"], uniform=True)
    return [
        item
        for block in data.get("json-ld", []) + data.get("microdata", [])
        for item in job_postings(block)
    ]


def parse_page(text: str):
    """The page's lxml tree. huge_tree: libxml2 otherwise cuts any text node over 10 MB, and a
    JSON-LD block that long (a posting with a pasted 10 MB description) read as truncated JSON."""
    return lxml.html.fromstring(text, parser=lxml.html.HTMLParser(encoding="UTF-8",
                                                                  huge_tree=True))


def read_html(text: str, name: str) -> Iterator[Record]:
    postings = page_postings(text)
    if not postings:
        yield read_prose_page(text, name)
        return
    yield from jsonld_records(postings, name)


def jsonld_records(postings: list[dict], name: str) -> Iterator[Record]:
    """One record per schema.org JobPosting; a malformed one is quarantined, not the page."""
    for index, posting in enumerate(postings):
        yield record_or_problem(
            lambda posting=posting, index=index: record_from_jsonld(
                posting, name, index=index, count=len(postings)),
            source="jsonld", name=name,
            where="page" if len(postings) == 1 else f"posting {index}", entry="JobPosting")


def job_postings(node) -> Iterator[dict]:
    """JobPosting objects anywhere in a JSON-LD block: single object, list, or @graph."""
    if isinstance(node, list):
        for item in node:
            yield from job_postings(item)
    elif isinstance(node, dict):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if "JobPosting" in types:
            yield node
        elif "@graph" in node:
            yield from job_postings(node["@graph"])


def record_from_jsonld(posting: dict, name: str, *, index: int, count: int) -> Record:
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value")
    organization = posting.get("hiringOrganization")
    employer = organization.get("name") if isinstance(organization, dict) else organization
    description = html_to_text(posting.get("description"))
    source_id = clean_text(identifier) or clean_text(posting.get("url"))
    pay_ranges, pay_text = _jsonld_salary(posting.get("baseSalary"))
    if not pay_ranges and description:
        pay_text = pay_sentence(description)
    return Record(
        source="jsonld",
        source_file=name,
        record="page" if count == 1 else f"posting {index}",
        source_id=f"{slugify(employer)}/{source_id}" if source_id else None,
        title=clean_text(posting.get("title")),
        employer=clean_text(employer),
        locations=_jsonld_locations(posting),
        pay_text=pay_text,
        pay_ranges=pay_ranges,
        description=description,
        url=clean_text(posting.get("url")),
        posted_date=clean_text(posting.get("datePosted")),
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
            text = clean_text(address)
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
    currency = clean_text(salary.get("currency"))
    if isinstance(value, dict):
        unit = value.get("unitText")
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
    else:
        unit, low, high = salary.get("unitText"), value, value
    pay_range = stated_range(low, high, currency=currency, unit=unit)
    text = f"{currency or ''} {low}–{high} per {unit or '?'} (schema.org baseSalary)".strip()
    return ((pay_range,) if pay_range else ()), text


def read_prose_page(text: str, name: str) -> Record:
    """A career page with no structured data: title, employer, location and pay from prose."""
    tree = parse_page(text)
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
        source_id=f"{slugify(employer)}/{Path(name).stem}",
        title=heading or clean_text(page_title.partition(" | ")[0]),
        employer=employer,
        locations=[location] if location else _locations_in_text(body_text),
        pay_text=pay_sentence(body_text),
        description=body_text,
        url=clean_text(tree.xpath("string(//link[@rel='canonical']/@href)")),
    )


def read_page_text(text: str, name: str) -> Record:
    """The saved text of a career page (like the seed): "Title | Employer Careers …" first."""
    head = text[:300]
    title, _, rest = head.partition(" | ")
    employer = _employer_from_site(rest.split("  ")[0][:60])
    return Record(
        source="career-page",
        source_file=name,
        record="page",
        source_id=f"{slugify(employer)}/{Path(name).stem}",
        title=clean_text(title),
        employer=employer,
        locations=_locations_in_text(text),
        pay_text=pay_sentence(text),
        description=text,
    )


def _first_text(tree, xpath: str) -> str | None:
    nodes = tree.xpath(xpath)
    return clean_text(nodes[0].text_content()) if nodes else None


def _employer_from_site(site: str) -> str | None:
    # "Meta Careers" / "Acme Jobs" → "Meta" / "Acme"
    words = re.split(r"\s+(?:careers?|jobs)\b", site or "", maxsplit=1, flags=re.IGNORECASE)
    return clean_text(words[0])


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


def pay_sentence(text: str | None) -> str | None:
    """The sentences of a page that state its pay (`pay_sentences`: a pay word or a range beside
    an amount; vouchers, sign-on, relocation, funding refused), at most 1,000 characters."""
    found = pay_sentences(text)
    return found[:1000] if found else None


def html_to_text(value) -> str | None:
    if not value:
        return None
    return clean_text(html_text.extract_text(html.unescape(str(value)))) or None
