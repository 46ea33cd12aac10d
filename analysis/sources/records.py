"""The record every adapter yields, and the small helpers adapters share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.normalize.pay import PayRange, infer_period
from analysis.sources.encodings import fix_mojibake

MISSING_WORDS = {"", "-1", "na", "n/a", "nan", "none", "null"}


# Unit words of structured pay (lower-cased): schema.org unitText, ATS intervals, dataset unit
# columns. One vocabulary for every adapter; an unknown unit leaves the period to be inferred or
# the record quarantined, never guessed from the word.
UNIT_PERIODS = {
    # schema.org unitText (HOUR … YEAR), Lever salaryRange.interval, generic words
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
    "annually": "year",
    "per-year-salary": "year",
    "biweekly": "biweekly",
    "bi-weekly": "biweekly",
    "semimonthly": "semimonthly",
    "semi-monthly": "semimonthly",
    # Ashby compensation interval
    "1 hour": "hour",
    "1 day": "day",
    "1 week": "week",
    "2 week": "biweekly",
    "1 month": "month",
    "1 year": "year",
    # USAJOBS salary_type (historic export) and PositionRemuneration Description
    "per year": "year",
    "per hour": "hour",
    "per day": "day",
    "per week": "week",
    "per month": "month",
    # USAJOBS RateIntervalCode. Only these time codes are mapped; the others (FB fee basis, SY
    # school year, ST student stipend, PW) state no time period and stay unmapped, so their pay
    # is quarantined as "no time period" instead of being given a guessed one.
    "pa": "year",
    "ph": "hour",
    "pd": "day",
    "pm": "month",
    "bw": "biweekly",
}


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
    columns: list[dict] | None = None  # which column filled which field (tables, JSON objects)
    country: str | None = None  # a country column beside the location, as written


def record_or_problem(build: Callable[[], Record], *, source: str, name: str, where: str,
                      entry: str = "entry") -> Record:
    """`build()`, or, when one malformed entry makes it fail (a number where an object belongs,
    a list where a title belongs), a record carrying the problem: the entries after it still go in.
    """
    try:
        return build()
    # Any error: one entry of an untrusted file must never cost the rest of the file.
    except Exception as error:  # noqa: BLE001
        return Record(source, name, where,
                      problem=f"unreadable {entry}: {type(error).__name__}: {error}")


def with_place_word(locations: list[str], word: str) -> list[str]:
    """The locations with a place word ("Remote", "Hybrid") a flag or column says, unless a
    location already says it."""
    if any(word.lower() in place.lower() for place in locations):
        return locations
    return [*locations, word]


def clean_text(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text.isascii():  # e.g. mojibake escaped inside JSON
        text = fix_mojibake(text)
    return None if text.lower() in MISSING_WORDS else text


# Currency codes exports write that are not ISO 4217 (hh.ru writes RUR for the rouble).
CURRENCY_ALIASES = {"RUR": "RUB", "RMB": "CNY", "NIS": "ILS", "YEN": "JPY", "EURO": "EUR",
                    "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "¥": "JPY", "₱": "PHP"}


def stated_range(low, high, *, currency, unit, label=None) -> PayRange | None:
    # 0 in an amount field is how many exports write "not stated" (Remote OK, MyCareersFuture).
    low, high = (None if n is not None and n <= 0 else n for n in (to_number(low), to_number(high)))
    if isinstance(currency, str):
        currency = CURRENCY_ALIASES.get(currency.strip().upper(), currency.strip().upper()) or None
    if low is None and high is None:
        return None
    period = UNIT_PERIODS.get(str(unit or "").strip().lower())
    inferred = period is None
    if inferred:  # the source states no unit: read it from the amount, as the text parser does
        period = infer_period(high if high is not None else low, currency=currency)
    return PayRange(
        min=low, max=high, currency=currency, period=period, period_inferred=inferred, label=label
    )


def to_number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def slugify(value) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value or "unknown").lower()).strip("-") or "unknown"


def describe_ranges(ranges: list[PayRange]) -> str | None:
    """A readable rendering of structured pay, kept as the band's pay_text for provenance."""
    parts = [
        f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min:,.2f}–{r.max:,.2f}".strip()
        if r.min is not None and r.max is not None
        else f"{r.label + ': ' if r.label else ''}{r.currency or ''} {r.min or r.max:,.2f}".strip()
        for r in ranges
    ]
    return "; ".join(parts) or None
