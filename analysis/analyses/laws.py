"""Pay-transparency laws: which postings a law in force covers, and how those postings disclose.

The laws table
--------------
``analysis/data/pay_transparency_laws.csv`` lists US laws that require a pay range in job postings:
jurisdiction, level (state / city), state (USPS code; DC is treated as a state), city (empty for
state laws), effective_date, employer_size_threshold (employees), must_disclose (short text) and
source (statute or official page). Effective dates are the ones the laws set; **employer-size
thresholds and the disclosure summaries are as understood when the file was written and should
be checked against each source** (some laws count employees in the jurisdiction, others anywhere;
some add remote-job or internal-promotion rules not captured here).

Coverage rules in :func:`covered_postings`:

- state laws apply by the posting's ``state``; city laws by ``city`` and ``state`` (New York City:
  city "New York" or a borough name, state NY; Cleveland: city "Cleveland", state OH);
- where a city and a state law both apply (New York City), the city law is reported;
- the employer's size is unknown, so a posting is "covered" assuming the employer meets the
  threshold (the threshold is returned for the analyst to judge);
- remote postings are not assigned to a jurisdiction: several laws (CO, NYC, WA, ...) reach
  remote roles that *could* be filled there, but a remote posting's "location" says nothing
  dependable about that, so they are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis.analyses.disclosure import disclosure_rates, posting_pay
from analysis.paths import PACKAGE_DATA
from analysis.stats import share_gap

LAWS_FILE = PACKAGE_DATA / "pay_transparency_laws.csv"

# Short names of city laws for labels on charts ("NYC law eff. 1 Nov 2022"); a state law goes by
# its USPS code.
LAW_SHORT_NAMES = {"New York City": "NYC", "Cleveland, OH": "Cleveland"}

# City aliases for city-level laws: (state, lower-case city) -> the law's city.
CITY_ALIASES = {
    ("NY", "new york city"): "New York",
    ("NY", "nyc"): "New York",
    ("NY", "manhattan"): "New York",
    ("NY", "brooklyn"): "New York",
    ("NY", "queens"): "New York",
    ("NY", "bronx"): "New York",
    ("NY", "the bronx"): "New York",
    ("NY", "staten island"): "New York",
}

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "Virgin Islands",
}  # fmt: skip

_COVERED_COLUMNS = [
    "posting_id",
    "snapshot",
    "employer",
    "title",
    "role_family",
    "level",
    "city",
    "state",
    "metro",
    "posted_date",
    "date_checked",
    "date_source",
    "jurisdiction",
    "law_level",
    "effective_date",
    "employer_size_threshold",
]


def load_laws() -> pd.DataFrame:
    """The pay-transparency laws table, effective_date as a datetime, city None for state laws."""
    laws = pd.read_csv(LAWS_FILE, dtype={"city": "string"}, keep_default_na=False, na_values=[""])
    laws["effective_date"] = pd.to_datetime(laws["effective_date"])
    laws["employer_size_threshold"] = laws["employer_size_threshold"].astype(int)
    return laws


def judgement_date(snapshot: str) -> pd.Timestamp:
    """The day undated postings are judged on: the snapshot's date, or today when its label is
    not a date (a law's reach depends on the day, and a posting without one needs some day)."""
    date = pd.to_datetime(snapshot, format="%Y-%m-%d", errors="coerce")
    return pd.Timestamp.today().normalize() if pd.isna(date) else pd.Timestamp(date)


def covered_postings(
    bands: pd.DataFrame,
    *,
    laws: pd.DataFrame | None = None,
    on: dt.date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Postings, with or without pay, whose location falls under a pay-transparency law in force.

    The population a law reaches: :func:`uncovered_postings` is its rows without pay, and its
    disclosure rate compares with the postings no law reaches. Same rules and columns as
    :func:`uncovered_postings`, plus ``has_pay``.
    """
    laws = load_laws() if laws is None else laws.copy()
    laws["effective_date"] = pd.to_datetime(laws["effective_date"])
    fallback = pd.Timestamp(dt.date.today() if on is None else on).normalize()

    postings = posting_pay(bands)
    remote = postings["is_remote"].fillna(False).astype(bool)
    postings = postings.loc[~remote].copy()
    posted = pd.to_datetime(postings["posted_date"]).dt.normalize()
    postings["date_checked"] = posted.fillna(fallback)
    postings["date_source"] = posted.notna().map({True: "posted_date", False: "on"})
    city = postings["city"].astype("string").str.strip()
    postings["_city"] = [
        CITY_ALIASES.get((s, c.lower()), c) if isinstance(c, str) else None
        for s, c in zip(postings["state"], city, strict=True)
    ]
    postings["_city"] = postings["_city"].astype("string").str.lower()

    state_laws = laws.loc[laws["level"] == "state"]
    city_laws = laws.loc[laws["level"] == "city"].assign(_city=lambda d: d["city"].str.lower())
    law_columns = ["jurisdiction", "level", "effective_date", "employer_size_threshold"]
    by_city = postings.reset_index().merge(
        city_laws[["state", "_city", *law_columns]], on=["state", "_city"], how="inner"
    )
    by_state = postings.reset_index().merge(
        state_laws[["state", *law_columns]], on="state", how="inner"
    )
    matches = pd.concat([by_city.assign(_rank=0), by_state.assign(_rank=1)], ignore_index=True)
    matches = matches.loc[matches["effective_date"] <= matches["date_checked"]]
    matches = matches.sort_values(["index", "_rank"]).drop_duplicates("index")
    out = matches.rename(columns={"level_y": "law_level", "level_x": "level"})
    return out[[*_COVERED_COLUMNS, "has_pay"]].reset_index(drop=True)


def uncovered_postings(
    bands: pd.DataFrame,
    *,
    laws: pd.DataFrame | None = None,
    on: dt.date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Postings with no pay whose location falls under a pay-transparency law in force.

    A law is in force for a posting when its effective_date <= the posting's posted_date (the
    effective day itself counts); postings without a posted_date are judged on `on` (default:
    today). Remote postings are never assigned to a jurisdiction (see the module docstring).

    Returns one row per posting (first band's descriptive columns): posting_id, snapshot,
    employer, title, role_family, level, city, state, metro, posted_date, date_checked,
    date_source ("posted_date" or "on"), jurisdiction, law_level, effective_date,
    employer_size_threshold.
    """
    return _without_pay(covered_postings(bands, laws=laws, on=on))


def _without_pay(covered: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`covered_postings` that state no pay, in its columns minus ``has_pay``."""
    return covered.loc[~covered["has_pay"], _COVERED_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class LawCoverage:
    """Postings a law in force covers, and their disclosure against other US postings.

    covered / uncovered: :func:`covered_postings` and its rows without pay. covered_n,
    covered_with_pay, other_n, other_with_pay: non-remote US postings under a law and not.
    gap: :func:`~.disclosure.share_gap` of covered vs other. by_law, by_employer: uncovered
    postings per jurisdiction and per employer, most first.
    """

    covered: pd.DataFrame
    uncovered: pd.DataFrame
    covered_n: int
    covered_with_pay: int
    other_n: int
    other_with_pay: int
    gap: dict
    by_law: pd.Series
    by_employer: pd.Series


def law_coverage(
    bands: pd.DataFrame,
    *,
    on: dt.date | str | pd.Timestamp | None = None,
    laws: pd.DataFrame | None = None,
) -> LawCoverage:
    """Who a law covers and whether they disclose more than the US postings no law reaches.

    Both groups are non-remote US postings (remote ones are never assigned a jurisdiction, so
    leaving them out of one group only would bias the comparison).
    """
    laws = load_laws() if laws is None else laws
    covered = covered_postings(bands, laws=laws, on=on)
    uncovered = _without_pay(covered)
    us_local = bands.loc[bands["country"].eq("US") & ~bands["is_remote"].fillna(False).astype(bool)]
    us_local = us_local.assign(under_law=us_local["posting_id"].isin(covered["posting_id"]))
    rates = disclosure_rates(us_local, by="under_law").set_index("under_law")
    rates = rates.reindex([True, False]).fillna(0)
    counts = [int(rates.loc[group, column]) for group in (True, False)
              for column in ("postings_with_pay", "postings")]
    return LawCoverage(
        covered=covered,
        uncovered=uncovered,
        covered_n=counts[1],
        covered_with_pay=counts[0],
        other_n=counts[3],
        other_with_pay=counts[2],
        gap=share_gap(*counts),
        by_law=uncovered["jurisdiction"].value_counts(),
        by_employer=uncovered["employer"].value_counts(),
    )


def law_label(law) -> str:
    """'CA law eff. 1 Jan 2023' (state laws by USPS code; city laws by a short city name)."""
    date = pd.Timestamp(law["effective_date"])
    return f"{law_name(law)} law eff. {date.day} {date:%b %Y}"


def law_name(law) -> str:
    """'CA' for a state law (its USPS code), 'NYC' for a city law (:data:`LAW_SHORT_NAMES`)."""
    if law["level"] == "state":
        return law["state"]
    return LAW_SHORT_NAMES.get(law["jurisdiction"], law["jurisdiction"])


def laws_in_window(
    laws: pd.DataFrame,
    *,
    start: pd.Timestamp,
    end: pd.Timestamp,
    states: list[str] | tuple[str, ...] = (),
    limit: int = 4,
) -> pd.DataFrame:
    """Laws taking effect between `start` and `end` (inclusive), at most `limit` of them.

    Laws of `states` (the groups a chart shows) come first, then the others, each by date; the
    result is in date order with a ``label`` column (:func:`law_label`). A missing `start` or
    `end` (no dated periods) gives no laws.
    """
    if pd.isna(start) or pd.isna(end):
        return laws.iloc[0:0].assign(label=pd.Series(dtype=object))
    dates = pd.to_datetime(laws["effective_date"])
    inside = laws.loc[dates.between(pd.Timestamp(start), pd.Timestamp(end))].copy()
    inside["effective_date"] = pd.to_datetime(inside["effective_date"])
    inside["_other"] = ~inside["state"].isin(list(states))
    inside = inside.sort_values(["_other", "effective_date"]).head(limit)
    inside["label"] = [law_label(row) for _, row in inside.iterrows()]
    return inside.drop(columns="_other").sort_values("effective_date", ignore_index=True)


def laws_in_force(
    laws: pd.DataFrame, *, on: pd.Timestamp, states: list[str] | tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Laws already in force on `on` (optionally only those of `states`), by date, labelled.

    A missing `on` gives no laws."""
    if pd.isna(on):
        return laws.iloc[0:0].assign(label=pd.Series(dtype=object))
    dates = pd.to_datetime(laws["effective_date"])
    keep = dates <= pd.Timestamp(on)
    if states is not None:
        keep &= laws["state"].isin(list(states))
    out = laws.loc[keep].assign(effective_date=dates[keep]).sort_values("effective_date")
    out["label"] = [law_label(row) for _, row in out.iterrows()]
    return out.reset_index(drop=True)


def state_law_status(
    states: pd.Series | list, *, on: pd.Timestamp, laws: pd.DataFrame | None = None
) -> pd.Series:
    """A short label per state code: "law 2023", "Cleveland law 2025", "no law", "outside US".

    A state-level law in force on `on` gives "law <year>" (its first); a city law alone names the
    city, because the rest of the state is not covered. Codes not in :data:`STATE_NAMES` (e.g.
    Canadian provinces) are "outside US"; a missing state is "no state".
    """
    in_force = laws_in_force(load_laws() if laws is None else laws, on=on)
    labels = []
    for state in states:
        if not isinstance(state, str):
            labels.append("no state")
            continue
        if state not in STATE_NAMES:
            labels.append("outside US")
            continue
        mine = in_force.loc[in_force["state"] == state]
        state_level = mine.loc[mine["level"] == "state"]
        if len(state_level):
            labels.append(f"law {state_level['effective_date'].iloc[0].year}")
        elif len(mine):
            law = mine.iloc[0]
            labels.append(f"{law_name(law)} law {law['effective_date'].year}")
        else:
            labels.append("no law")
    return pd.Series(labels, index=states.index if isinstance(states, pd.Series) else None,
                     dtype=object)


def disclosure_by_state(
    bands: pd.DataFrame, *, on: pd.Timestamp, laws: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Share of postings stating pay per state, each state labelled with its law in force on `on`.

    Postings without a state (remote or unknown) are left out; their number is the snapshot's
    postings minus the sum of ``postings``. Columns: those of
    :func:`~analysis.analyses.disclosure.disclosure_rates`, law (:func:`state_law_status`) and label
    ("CA (law 2023)").
    """
    rates = disclosure_rates(bands, by="state").dropna(subset=["state"]).reset_index(drop=True)
    rates["law"] = state_law_status(rates["state"], on=on, laws=laws)
    rates["label"] = rates["state"] + " (" + rates["law"] + ")"
    return rates
