"""Free-text posts that open with a header line: "Company | Role | Place | Pay | URL".

Hacker News' monthly "Who is hiring?" threads, Slack and Discord job channels and many community
boards post one block of text per job whose first line is a header of fields between "|": the
company first by convention, then the role, the place, the type of work, the pay and a link, in
any order after the company. An export of such posts has a text column and little else, so
without reading the header every posting would carry the whole line as its title, and no
employer and no place. :func:`header_fields` reads the line by what each field looks like: a
place (the place parser knows it, or it says remote / hybrid / on-site), a role (job words), pay,
a link or a type of work (both ignored: the pay is read from the text itself); the first field
that is none of these is the company.

>>> fields = header_fields("Capital Technology Group (CTG) | Senior AI/ML Engineer | "
...                        "Remote (US Only) | $150K–$200K")
>>> fields.employer, fields.title, fields.locations
('Capital Technology Group (CTG)', 'Senior AI/ML Engineer', ['Remote (US Only)'])
>>> header_fields("We raised $40M | hiring soon") is None  # two fields: not a header
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.normalize.locations import (
    HYBRID_WORDS,
    ONSITE_WORDS,
    REMOTE_WORDS,
    parse_location,
)
from analysis.normalize.pay_sentences import AMOUNT

# A header has at least this many fields: "Company | Role | Place". Two fields are too often a
# sentence with a pipe in it.
MIN_FIELDS = 3
# A field longer than this is prose, not a header field.
MAX_FIELD = 120

_LINK = re.compile(r"https?://|www\.|^\(?[\w-]+(?:\.[\w-]+)*\.(?:com|io|ai|co|org|net|dev|app|"
                   r"tech|so|fm|space|build|engineering|jobs|xyz|me|us|uk|de)\b/?\S*\)?$",
                   re.IGNORECASE)
# The type of work: full-time, part-time, contract, visa, equity... (said of the job, not of it).
_WORK_TYPE = re.compile(
    r"^(?:(?:full|part)[\s-]?time|fulltime|partime|contract(?:or)?|freelance|permanent|"
    r"intern(?:ship)?s?|temporary|visa[\w\s]*|no visas?|equity|[\s/,&+]|or|and)+$",
    re.IGNORECASE)
# A link inside a field ("BetterDB ( https://betterdb.com )"): dropped from a company's name.
_LINK_TEXT = re.compile(r"\(\s*https?://[^\s)]+\s*\)|https?://\S+")
# A first field that is surely a place, not a company that shares a town's name: a comma
# ("London, UK") or a workplace word ("Remote (US)").
_STRONG_PLACE = re.compile(r",|\b(?:remote|hybrid|on-?site)\b", re.IGNORECASE)
# Words that say where (or how) the work is done, alone: a place field even without a place
# (the place parser's own remote, hybrid and on-site wording).
_WORKPLACE = re.compile(r"\b(?:" + "|".join((*REMOTE_WORDS, *HYBRID_WORDS, *ONSITE_WORDS)) + r")\b",
                        re.IGNORECASE)
# Words that make a field a role: the job nouns of posted titles, and "roles" / "positions".
_ROLE = re.compile(
    r"\b(?:engineers?|engineering|developers?|devs?|scientists?|designers?|managers?|analysts?|"
    r"directors?|architects?|leads?|head of|recruiters?|specialists?|consultants?|technicians?|"
    r"researchers?|programmers?|administrators?|admins?|officers?|coordinators?|associates?|"
    r"representatives?|executives?|accountants?|writers?|editors?|marketers?|marketing|sales|"
    r"product|operations|support|sre|devops|cto|ceo|cfo|vp|founding|member of technical staff|"
    r"mts|roles?|positions?|openings?|generalists?|scientist|staff|intern)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class HeaderFields:
    """What a header line names: the company, the role, the places (each as posted)."""

    employer: str | None
    title: str | None
    locations: list[str] = field(default_factory=list)


def header_fields(line: str | None) -> HeaderFields | None:
    """The company, role and places of a post's header line ("Acme | Engineer | Austin, TX");
    None when the line is no such header (fewer than three "|" fields, or prose)."""
    if not line or line.count("|") < MIN_FIELDS - 1:
        return None
    fields = [part.strip(" \t-–—:") for part in line.split("|")]
    fields = [part for part in fields if part]
    if len(fields) < MIN_FIELDS or any(len(part) > MAX_FIELD for part in fields):
        return None
    employer = title = None
    locations: list[str] = []
    for position, part in enumerate(fields):
        kind = _kind(part)
        if position == 0 and kind in ("other", "link", "pay", "work type") or (
                position == 0 and kind == "place" and not _STRONG_PLACE.search(part)):
            # The company comes first by convention: "IPinfo.io", "BetterDB (https://...)",
            # even a name that is also a town somewhere ("Eagle", "Ashby").
            employer = re.sub(r"\(\s*\)", "", _LINK_TEXT.sub("", part)).strip() or part
        elif kind == "place":
            locations.append(part)
        elif kind == "role" and title is None:
            title = part
    if title is None and employer is None:
        return None
    return HeaderFields(employer=employer, title=title, locations=locations)


def _kind(part: str) -> str:
    """What one header field is: "link", "pay", "work type", "place", "role" or "other"."""
    if _LINK.search(part):
        return "link"
    if AMOUNT.search(part):
        return "pay"
    if _WORK_TYPE.match(part):
        return "work type"
    if _WORKPLACE.search(part) and not _ROLE.search(part):
        return "place"
    if _ROLE.search(part):
        return "role"
    if parse_location(part).method != "unknown":
        return "place"
    return "other"
