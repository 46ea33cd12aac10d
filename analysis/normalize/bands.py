"""Normalization: records → the bands table (one row per posting × pay band) and the quarantine.

Every record ends in exactly one place: its bands (one row per pay range it states, or one row with
has_pay false when it states none) or the quarantine with a reason. `normalize_records` returns
both tables; `reconcile` checks that the counts add up.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import re
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.normalize import locations, occupations
from analysis.normalize.employers import normalize_employer
from analysis.normalize.locations import (
    Location,
    country_code,
    parse_location,
    parse_locations,
    world_country,
)
from analysis.normalize.pay import (
    MONTHLY_CUSTOM_CURRENCIES,
    PayParse,
    PayRange,
    infer_period,
    parse_pay,
)
from analysis.normalize.pay_sentences import pay_sentences
from analysis.normalize.titles import parse_title
from analysis.normalize.vocabulary import PERIOD_FACTORS
from analysis.schema import BANDS_COLUMNS, PLACES_COLUMNS, validate_bands
from analysis.sources import Record

# Plausible annual base pay, by currency (default for the rest). Outside it a band is a typo or a
# placeholder ("$1 - $2 a year", "$950,000,000"), not a posting to compare. Rupee and yen amounts
# are two orders of magnitude larger for the same pay.
PLAUSIBLE_ANNUAL = {
    "default": (5_000, 5_000_000),
    "INR": (50_000, 500_000_000),
    "JPY": (500_000, 500_000_000),
}

_PARENTHESIS = re.compile(r"\(([^()]+)\)")

QUARANTINE_COLUMNS = [
    "snapshot",
    "source",
    "source_file",
    "record",
    "posting_id",
    "title",
    "pay_text",
    "reason",
    "detail",
]


@dataclass(frozen=True)
class Normalized:
    """The result of normalizing one batch of records."""

    bands: pd.DataFrame
    quarantine: pd.DataFrame
    records_in: int
    duplicates_collapsed: int = 0
    # Every place each posting lists (one row per posting × place, weight 1/n per posting).
    places: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=PLACES_COLUMNS))

    @property
    def counts(self) -> dict:
        return {
            "records_in": self.records_in,
            "postings": int(self.bands["posting_id"].nunique()),
            "bands": len(self.bands),
            "postings_with_pay": int(self.bands.loc[self.bands["has_pay"], "posting_id"].nunique()),
            "quarantined": len(self.quarantine),
            "duplicates_collapsed": self.duplicates_collapsed,
            "quarantined_by_reason": {
                str(k): int(v)
                for k, v in self.quarantine["reason"].value_counts().sort_index().items()
            },
        }


class Quarantined(Exception):
    """A record that cannot become bands: `reason` is the category, the message the detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason

    def __reduce__(self):  # rebuilt with both arguments when a worker process returns it
        return Quarantined, (self.reason, str(self))


def normalize_records(
    records: Iterable[Record], *, snapshot: str, currency: str | None = None, jobs: int = 1
) -> Normalized:
    """Turn adapter records into a validated bands table and a quarantine table.

    Parameters
    ----------
    records : adapter records (see `analysis.sources.read_records`).
    snapshot : label of the refresh these records belong to, e.g. "2026-11-01".
    currency : what a bare "$" means in these inputs (an Australian board's "$" is AUD). None
        reads it from each posting's country (see `DOLLAR_BY_COUNTRY`), else from the country
        most of its file's postings are in, else USD.
    jobs : processes that read the records, in chunks, where the OS can fork (Linux, macOS);
        the output is the same as with one. Batches under `PARALLEL_MIN_RECORDS` use one.

    A posting read twice with identical content is kept once, with `duplicates` counting the
    extra copies; the same posting_id with different content is quarantined. The ingest streams
    the same steps file by file (`read_outcomes`, then `PostingMerge`).

    Examples
    --------
    >>> from analysis.sources import Record
    >>> rec = Record("csv", "x.csv", "row 2", "x/1", "Data Scientist", "Acme", ["Austin, TX"],
    ...              "$120K - $150K")
    >>> bands = normalize_records([rec], snapshot="demo").bands
    >>> bands[["annual_min", "annual_max"]].values.tolist()
    [[120000.0, 150000.0]]
    """
    records = list(records)
    merge = PostingMerge(snapshot)
    batch = merge.add(read_outcomes(records, snapshot=snapshot, currency=currency, jobs=jobs))
    return dataclasses.replace(batch, bands=merge.with_duplicates(batch.bands))


# What one record became, before postings are merged across records and files: where it came
# from (what a quarantine row names), its posting_id, and its bands or why it is quarantined.
Outcome = tuple[dict, str, "list[dict] | Quarantined"]


def read_outcomes(records: list[Record], *, snapshot: str, currency: str | None = None,
                  jobs: int = 1, file_countries: dict[str, str] | None = None) -> list[Outcome]:
    """Each record's `Outcome`, in order. A file's usual country settles its postings'
    ambiguous places and bare dollars: `file_countries` of the whole files (default: of these
    records, then whole files)."""
    if file_countries is None:
        file_countries = usual_countries(records) if currency is None else {}
    read = _read_records(records, snapshot=snapshot, currency=currency,
                         file_countries=file_countries, jobs=jobs)
    return [({"source": record.source, "source_file": record.source_file,
              "record": record.record, "title": record.title, "pay_text": record.pay_text},
             posting_id, outcome)
            for record, (posting_id, outcome) in zip(records, read, strict=True)]


class PostingMerge:
    """Outcomes → bands, places and quarantine rows, batch after batch, each posting once.

    What it keeps between batches is one digest per posting (not its rows), so batches can be
    written out as they come: a copy of an earlier posting is counted in `extra_copies` (added
    to the first copy's ``duplicates`` by `with_duplicates` when the rows are finally written)
    or, with different content, quarantined as a conflicting duplicate.
    """

    def __init__(self, snapshot: str):
        self.snapshot = snapshot
        self.first_seen: dict[str, tuple[bytes, str]] = {}
        self.extra_copies: Counter = Counter()
        self.records_in = 0
        self.bands = 0
        self.postings_with_pay = 0
        self.reasons: Counter = Counter()

    def add(self, outcomes: list[Outcome]) -> Normalized:
        """This batch's rows: its new postings' bands and places, and its quarantined records."""
        rows, places, quarantine = [], [], []
        collapsed = sum(self.extra_copies.values())
        for provenance, posting_id, bands in outcomes:
            self.records_in += 1
            if not isinstance(bands, Quarantined):
                digest = _digest(bands)
                seen = self.first_seen.get(posting_id)
                if seen is None:
                    self.first_seen[posting_id] = (
                        digest, f"{provenance['source_file']} {provenance['record']}")
                    places.extend(bands[0]["_places"])
                    rows.extend({k: v for k, v in band.items() if k != "_places"}
                                for band in bands)
                    self.postings_with_pay += any(band["has_pay"] for band in bands)
                    continue
                if seen[0] == digest:
                    self.extra_copies[posting_id] += 1
                    continue
                bands = Quarantined(
                    "conflicting duplicate",
                    f"posting_id {posting_id} already read from {seen[1]} with different content")
            self.reasons[bands.reason] += 1
            quarantine.append({"snapshot": self.snapshot, **provenance, "posting_id": posting_id,
                               "reason": bands.reason, "detail": str(bands)})
        self.bands += len(rows)
        return Normalized(
            bands=validate_bands(pd.DataFrame(rows, columns=BANDS_COLUMNS)),
            quarantine=pd.DataFrame(quarantine, columns=QUARANTINE_COLUMNS),
            records_in=len(outcomes),
            duplicates_collapsed=sum(self.extra_copies.values()) - collapsed,
            places=pd.DataFrame(places, columns=PLACES_COLUMNS).astype(
                {"place": int, "weight": float}),
        )

    def with_duplicates(self, bands: pd.DataFrame) -> pd.DataFrame:
        """`bands` with each posting's extra copies (so far) added to its ``duplicates``."""
        if not self.extra_copies or bands.empty:
            return bands
        extra = bands["posting_id"].map(self.extra_copies).fillna(0).astype(
            bands["duplicates"].dtype)
        return bands.assign(duplicates=bands["duplicates"] + extra)

    @property
    def counts(self) -> dict:
        """The same counts as `Normalized.counts` of all batches together."""
        return {
            "records_in": self.records_in,
            "postings": len(self.first_seen),
            "bands": self.bands,
            "postings_with_pay": self.postings_with_pay,
            "quarantined": sum(self.reasons.values()),
            "duplicates_collapsed": sum(self.extra_copies.values()),
            "quarantined_by_reason": {str(k): int(v) for k, v in sorted(self.reasons.items())},
        }


def _digest(bands: list[dict]) -> bytes:
    """A posting's content (its bands without provenance) in 16 bytes: two copies of a posting
    are the same posting when their digests are equal."""
    return hashlib.blake2b(repr(_content(bands)).encode(), digest_size=16).digest()


# Below this many records one process reads them all: starting workers costs more.
PARALLEL_MIN_RECORDS = 5_000
_CHUNK = 1_000  # records a worker reads per task


def _read_records(records: list[Record], *, snapshot: str, currency: str | None,
                  file_countries: dict[str, str], jobs: int) -> list[tuple]:
    """(posting_id, bands or Quarantined) per record, in order: in `jobs` forked processes
    (each reads chunks of the records it inherited), else in this one."""
    work = (records, snapshot, currency, file_countries)
    if jobs <= 1 or len(records) < PARALLEL_MIN_RECORDS or "fork" not in (
            multiprocessing.get_all_start_methods()):
        return [_read_one(work, i) for i in range(len(records))]
    load_reference_tables()
    global _WORK
    _WORK = work  # forked workers inherit it: the records are not pickled to them
    chunks = [range(i, min(i + _CHUNK, len(records))) for i in range(0, len(records), _CHUNK)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [one for part in pool.map(_read_chunk, chunks) for one in part]
    finally:
        _WORK = None


_WORK: tuple | None = None


def load_reference_tables() -> None:
    """Load the place and occupation tables in this process, before it forks workers: they
    share one copy instead of each building its own (seconds each)."""
    locations.load_tables()
    occupations.load_tables()


def _read_chunk(indexes: range) -> list[tuple]:
    return [_read_one(_WORK, i) for i in indexes]


def _read_one(work: tuple, index: int) -> tuple:
    records, snapshot, currency, file_countries = work
    record = records[index]
    posting_id = _posting_id(record)
    try:
        if record.problem:
            raise Quarantined(_problem_reason(record.problem), record.problem)
        country = _market(record, file_countries)
        hint = currency or _dollar_currency(record, country)
        return posting_id, _bands_of(record, posting_id=posting_id, snapshot=snapshot,
                                     currency=hint, monthly=country in MONTHLY_COUNTRIES,
                                     file_country=file_countries.get(record.source_file))
    except Quarantined as issue:
        return posting_id, issue


# The currency a posting's unmarked amounts are in, by its country (ISO 3166 → ISO 4217): a
# Pune posting's "6-9 Lacs" is INR, a Leeds posting's "30,000 per annum" GBP.
COUNTRY_CURRENCY = {
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "MX": "MXN",
    "AR": "ARS", "CL": "CLP", "CO": "COP", "TW": "TWD", "GB": "GBP", "IE": "EUR", "DE": "EUR",
    "FR": "EUR", "ES": "EUR", "IT": "EUR", "NL": "EUR", "BE": "EUR", "AT": "EUR", "PT": "EUR",
    "FI": "EUR", "GR": "EUR", "LU": "EUR", "SK": "EUR", "SI": "EUR", "EE": "EUR", "LV": "EUR",
    "LT": "EUR", "MT": "EUR", "CY": "EUR", "HR": "EUR", "CH": "CHF", "SE": "SEK", "NO": "NOK",
    "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "BG": "BGN", "IN": "INR",
    "ID": "IDR", "PH": "PHP", "JP": "JPY", "CN": "CNY", "KR": "KRW", "MY": "MYR", "TH": "THB",
    "VN": "VND", "PK": "PKR", "BD": "BDT", "LK": "LKR", "AE": "AED", "SA": "SAR", "IL": "ILS",
    "TR": "TRY", "EG": "EGP", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "BR": "BRL",
}  # fmt: skip
# Where pay is posted per month whatever its currency (a Kyiv posting's "$550-700" is a month's
# pay, not a day's): the countries of the monthly currencies, and those that post monthly in
# euros, dollars or a currency the table above does not list.
MONTHLY_COUNTRIES = frozenset(
    {c for c, cur in COUNTRY_CURRENCY.items() if cur in MONTHLY_CUSTOM_CURRENCIES}
    | {"RU", "UA", "BY", "KZ", "GE", "AM", "AZ", "MD", "RS", "BA", "MK", "AL", "SK", "HR", "SI",
       "LT", "LV", "EE", "BD", "LK", "NP", "UY", "EC", "PE"}
)
# Where "$" is the local currency's sign. Elsewhere a bare "$" means USD.
DOLLAR_COUNTRIES = frozenset({"US", "CA", "AU", "NZ", "SG", "HK", "MX", "AR", "CL", "CO", "TW"})
# Provenance columns that may differ between two copies of the same posting.
_PROVENANCE = ("source_file", "duplicates")


def _market(record: Record, file_countries: dict[str, str]) -> str | None:
    """The country a posting's pay is set in: its place's, else its file's usual country, else a
    world-city lookup (the file first: a US file's bare "Cambridge" stays US)."""
    places = record.locations[:1]
    country = parse_locations(places, country=record.country).country
    return country or country_code(record.country) or file_countries.get(
        record.source_file) or (world_country(places[0]) if places else None)


def _dollar_currency(record: Record, country: str | None) -> str:
    """What the record's unmarked amounts and a bare "$" mean: its country's currency, a "$"
    outside the dollar countries USD; USD when the country is unknown."""
    if country in DOLLAR_COUNTRIES or "$" not in (record.pay_text or record.description or ""):
        return COUNTRY_CURRENCY.get(country, "USD")
    return "USD"


def usual_countries(records: Iterable[Record]) -> dict[str, str]:
    """The country most of each file's resolved posting locations are in (world cities count:
    a board of Makati and Pasig postings is Philippine)."""
    tallies: dict[str, Counter] = {}
    for record in records:
        if record.locations:
            place = record.locations[0]
            country = parse_location(place, country=record.country).country or world_country(
                place)
            if country:
                tallies.setdefault(record.source_file, Counter())[country] += 1
    return {name: tally.most_common(1)[0][0] for name, tally in tallies.items()}


def _content(bands: list[dict]) -> list[dict]:
    return [{k: v for k, v in band.items() if k not in _PROVENANCE} for band in bands]


def reconcile(result: Normalized) -> bool:
    """Records in = postings in the bands table + quarantined + collapsed duplicates."""
    counts = result.counts
    return counts["records_in"] == (
        counts["postings"] + counts["quarantined"] + counts["duplicates_collapsed"]
    )


def _problem_reason(problem: str) -> str:
    return "unreadable file" if problem.startswith("unreadable") else "malformed record"


def _posting_id(record: Record) -> str:
    if record.source_id:
        return f"{record.source}:{record.source_id}"
    identity = "|".join(
        str(x)
        for x in (
            record.source,
            record.source_file,
            record.record,
            record.employer,
            record.title,
            record.pay_text,
        )
    )
    return f"{record.source}:{hashlib.sha1(identity.encode()).hexdigest()[:16]}"


def _bands_of(
    record: Record, *, posting_id: str, snapshot: str, currency: str, monthly: bool = False,
    file_country: str | None = None,
) -> list[dict]:
    if not (record.title or "").strip():
        raise Quarantined("missing title", "the record has no job title")
    parsed = parse_pay(record.pay_text, currency=currency) if record.pay_text else None
    stated = tuple(_local(r, currency) for r in record.pay_ranges)
    ranges, source = (stated, "structured") if stated else (
        (parsed.ranges, "pay text") if parsed and parsed.ranges else ((), None))
    if not ranges and parsed and _states_an_amount(record.pay_text):
        raise Quarantined("pay not understood", parsed.reason or "no pay range found")
    note = None
    if ranges and record.description and _may_be_derived(ranges):
        ranges, parsed, source = _as_posted(ranges, parsed, source, record.description, currency)
    if not ranges and record.description:
        found, note = _description_pay(record.description, currency)
        if found is not None:
            parsed, ranges, source = found, found.ranges, "description"
    not_base = parsed.not_base if parsed else None
    if not_base:
        # OTE, total compensation, contract totals, stipends: stated, kept out of base bands.
        ranges, note = (), f"not base pay: {not_base}"
    if monthly:
        ranges = tuple(_monthly(r) for r in ranges)
    for pay_range in ranges:
        _check_plausible(pay_range)

    title = parse_title(record.title, description=record.description)
    locations = record.locations
    posting_location = parse_locations(locations, country=record.country)
    if posting_location.places and posting_location.country is None and file_country:
        # "Southport", "Cambridge": a name several countries share is read in the country most
        # of its file's postings are in.
        posting_location = parse_locations(locations, country=file_country)
    if not posting_location.places and country_code(record.country):
        # A country column and no place in the location text (EURAXESS: "Sweden"; "Remote" +
        # "DE"): the country is the place, and a remote posting's scope.
        words = [word for word, said in (("Remote", posting_location.is_remote),
                                         ("Hybrid", posting_location.is_hybrid)) if said]
        posting_location = parse_location(", ".join([*words, record.country]))
    common = {
        "posting_id": posting_id,
        "snapshot": snapshot,
        "source": record.source,
        "source_file": record.source_file,
        "url": record.url,
        "employer": normalize_employer(record.employer),
        "title": record.title,
        "role_family": title.role_family,
        "level": title.level,
        "track": title.track,
        "is_phd": title.is_phd,
        "soc_code": title.soc_code,
        "occupation": title.occupation,
        "title_method": title.title_method,
        "pay_text": record.pay_text if source != "description" else parsed.text,
        "is_estimate": bool(parsed and parsed.is_estimate),
        "pay_source": source if ranges else None,
        "pay_note": note,
        **_components(parsed),
        "posted_date": _date(record.posted_date),
        "duplicates": 0,
        "_places": _place_rows(posting_id, posting_location),
    }
    if not ranges:
        return [
            {
                **common,
                "band": 0,
                **_location_columns(locations, posting_location),
                **_no_pay(),
            }
        ]
    return [
        {
            **common,
            "band": band,
            **_band_location(pay_range, locations, posting_location),
            **_pay_columns(pay_range),
        }
        for band, pay_range in enumerate(ranges)
    ]


def _description_pay(description: str, currency: str) -> tuple[PayParse | None, str | None]:
    """Pay stated only in the body, and a note when what it states is not used. It must pass the
    same checks as any pay, but an implausible amount there is a figure that is not pay (a
    revenue, a budget), not a broken record: it is noted, not quarantined."""
    found = parse_pay(pay_sentences(description) or "", currency=currency)
    try:
        for pay_range in found.ranges:
            _check_plausible(pay_range)
    except Quarantined as issue:
        return None, f"description amount not used: {issue}"
    return (found if found.ranges else None), None


def _may_be_derived(ranges) -> bool:
    """Whether a board may have cut or converted the ad's pay: one figure for a range, an annual
    amount with pence (a model's estimate), or a day or hour rate times 260 or 2,080."""
    return any(r.min is not None and r.min == r.max or r.period == "year" and (
        _has_cents(r) or _is_annualized(r)) for r in ranges)


def _as_posted(ranges, parsed, source: str, description: str, currency: str):
    """The ad's own figures, from its description, where a board showed them cut or converted.

    * one figure ("$124K/yr", an estimate of 100,000) inside a range the description states
      ("$124,000 - $178,000", "£80,000 - £130,000") → that range;
    * a day or hour rate the board annualized (110,500–121,420 a year) whose end the
      description states as a rate ("£425 per day") → the range in that period (425–467 a day);
    * an estimate with pence when the description states pay → the description's pay.
    Only plausible description ranges count; otherwise the board's figures stay.
    """
    found = parse_pay(pay_sentences(description) or "", currency=currency)
    posted = [w for w in found.ranges if w.min is not None and _plausible(w)]
    if not posted:
        return ranges, parsed, source
    out = []
    for r in ranges:
        rate = next((w for w in posted if w.period != "year" and r.period == "year"
                     and _is_annualized(r, w.period)
                     and _ends_meet(r, w, factor=PERIOD_FACTORS[w.period])), None)
        wider = next((w for w in posted if r.min is not None and r.min == r.max
                      and w.max is not None and w.min < w.max and _within(r, w)), None)
        if rate is not None:
            factor = PERIOD_FACTORS[rate.period]
            out.append(dataclasses.replace(
                r, min=_divided(r.min, factor), max=_divided(r.max, factor),
                period=rate.period, period_inferred=False))
        elif wider is not None:
            out.append(wider)
        else:
            out.append(r)
    if out != list(ranges):
        return tuple(out), found, "description"
    if any(r.period == "year" and _has_cents(r) for r in ranges):
        return tuple(posted), found, "description"
    return ranges, parsed, source


def _is_annualized(pay_range: PayRange, period: str | None = None) -> bool:
    """Every amount is a whole-cent day or hour rate times its annual factor."""
    factors = [PERIOD_FACTORS[p] for p in ([period] if period else ["day", "hour"])]
    amounts = [a for a in (pay_range.min, pay_range.max) if a]
    return bool(amounts) and any(
        all(abs(round(a / f, 2) * f - a) < 1 and a / f < 2_000 for a in amounts) for f in factors)


def _ends_meet(annual: PayRange, rate: PayRange, *, factor: int) -> bool:
    """An end of the rate range, annualized, is an end of the annual range."""
    return any(_near(x * factor, y) for x in (rate.min, rate.max) if x is not None
               for y in (annual.min, annual.max) if y is not None)


def _within(point: PayRange, span: PayRange) -> bool:
    """A one-figure range lies within another, compared as annual pay."""
    value, low, high = point.annual_min, span.annual_min, span.annual_max
    return (value is not None and low is not None and high is not None
            and point.currency == span.currency and low * 0.99 <= value <= high * 1.01)


def _divided(amount: float | None, factor: int) -> float | None:
    return None if amount is None else round(amount / factor, 2)


def _plausible(pay_range: PayRange) -> bool:
    try:
        _check_plausible(pay_range)
    except Quarantined:
        return False
    return True


def _has_cents(pay_range: PayRange) -> bool:
    return any(a is not None and a >= 10_000 and round(a % 1, 2) not in (0.0, 1.0)
               for a in (pay_range.min, pay_range.max))


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(b), 1.0)


def _monthly(pay_range: PayRange) -> PayRange:
    """In a market that posts pay per month, an amount the magnitude rule took for a day's pay
    (200 to 1,000) is a month's."""
    if pay_range.period_inferred and pay_range.period == "day":
        return dataclasses.replace(pay_range, period="month")
    return pay_range


def _local(pay_range: PayRange, currency: str) -> PayRange:
    """Structured amounts with no currency field are in the posting's local currency; a period
    inferred without knowing the currency is inferred again with it (150,000 RUB is monthly)."""
    if pay_range.currency:
        return pay_range
    period = pay_range.period
    if pay_range.period_inferred:
        amount = pay_range.max if pay_range.max is not None else pay_range.min
        period = infer_period(amount, currency=currency)
    return dataclasses.replace(pay_range, currency=currency, period=period)


def _states_an_amount(text: str | None) -> bool:
    """Whether a pay field holds digits at all: "Competitive" is no pay; "$$$ 12x" is unreadable."""
    return bool(text) and any(ch.isdigit() for ch in text)


def _check_plausible(pay_range: PayRange) -> None:
    amounts = [a for a in (pay_range.min, pay_range.max) if a is not None]
    if any(a <= 0 for a in amounts):
        raise Quarantined("implausible pay", f"non-positive amount in {amounts}")
    if pay_range.min is not None and pay_range.max is not None and pay_range.min > pay_range.max:
        raise Quarantined("min above max", f"min {pay_range.min:,.2f} > max {pay_range.max:,.2f}")
    if pay_range.period is None:
        raise Quarantined("pay not understood", "pay has no time period (e.g. per mile)")
    low, high = PLAUSIBLE_ANNUAL.get(pay_range.currency, PLAUSIBLE_ANNUAL["default"])
    for annual in (pay_range.annual_min, pay_range.annual_max):
        if annual is not None and not low <= annual <= high:
            raise Quarantined(
                "implausible pay",
                f"annualized {annual:,.0f} {pay_range.currency} outside [{low:,}, {high:,}]",
            )


def _band_location(pay_range: PayRange, locations: list[str], fallback: Location) -> dict:
    # A range labelled with a place ("Sunnyvale, CA", "Zone A (San Francisco Bay Area)") belongs
    # to that place; otherwise ("US Base Salary Range", "Level 2") the band sits at the
    # posting's (first) location.
    place = _label_place(pay_range.label)
    if place:
        text, location = place
        return {**_location_columns([text], location), "band_label": pay_range.label}
    return {**_location_columns(locations, fallback), "band_label": pay_range.label}


def _label_place(label: str | None) -> tuple[str, Location] | None:
    """The place a range label names, if it names one: the parenthesis first, then the label."""
    if not label:
        return None
    for text in [*_PARENTHESIS.findall(label), label]:
        location = parse_location(text)
        if location.metro or location.state or location.is_remote:
            return text, location
    return None


def _location_columns(locations: list[str], location: Location) -> dict:
    return {
        "location_raw": "; ".join(locations) or None,
        "city": location.city,
        "state": location.state,
        "county": location.county,
        "country": location.country,
        "metro": location.metro,
        "is_remote": location.is_remote,
        "is_hybrid": location.is_hybrid,
        "remote_scope": location.remote_scope,
        "n_places": len(location.places) + location.extra_locations,
        "place_method": location.method,
    }


def _place_rows(posting_id: str, location: Location) -> list[dict]:
    """The places table's rows for one posting: each listed place, weighted so the posting
    counts once however many places it lists."""
    weight = 1 / len(location.places) if location.places else 0.0
    return [{"posting_id": posting_id, "place": i, "city": p.city, "state": p.state,
             "county": p.county, "country": p.country, "metro": p.metro,
             "place_method": p.method, "weight": weight}
            for i, p in enumerate(location.places)]


def _pay_columns(pay_range: PayRange) -> dict:
    annual_min, annual_max = pay_range.annual_min, pay_range.annual_max
    # A midpoint needs both ends: "from $90k" says nothing about where the band's middle is.
    annual_mid = (
        (annual_min + annual_max) / 2 if annual_min is not None and annual_max is not None else None
    )
    return {
        "has_pay": True,
        "pay_min": pay_range.min,
        "pay_max": pay_range.max,
        "pay_period": pay_range.period,
        "period_inferred": pay_range.period_inferred,
        "currency": pay_range.currency,
        "annual_min": annual_min,
        "annual_max": annual_max,
        "annual_mid": annual_mid,
    }


def _no_pay() -> dict:
    return {
        "has_pay": False,
        "band_label": None,
        "pay_min": None,
        "pay_max": None,
        "pay_period": None,
        "period_inferred": False,
        "currency": None,
        "annual_min": None,
        "annual_max": None,
        "annual_mid": None,
    }


def _components(parsed: PayParse | None) -> dict:
    names = ("has_bonus", "has_equity", "has_commission", "has_tips")
    return {name: bool(parsed and getattr(parsed, name)) for name in names}


# Posting dates outside these years are misreadings: "8h" (SimplyHired's "8 hours ago") parses as
# 08:00 on 1 January of year 1, which no datetime64[ns] column holds.
FIRST_POSTING_YEAR, LAST_POSTING_YEAR = 1990, 2100


def _date(value: str | None):
    return _parsed_date(str(value)) if value else None


@lru_cache(maxsize=65536)
def _parsed_date(value: str):
    # cached: a file's posting dates repeat, and pandas guesses the format on every call
    stamp = pd.to_datetime(value, errors="coerce", utc=True)
    if pd.isna(stamp) or not FIRST_POSTING_YEAR <= stamp.year <= LAST_POSTING_YEAR:
        return None
    return stamp.tz_convert(None).normalize()
