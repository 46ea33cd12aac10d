"""Disclosure and compliance: who posts pay, postings a pay-transparency law covers that show none,
and ranges too wide to inform.

Pay-transparency laws
---------------------
``analysis/data/pay_transparency_laws.csv`` lists US laws that require a pay range in job postings:
jurisdiction, level (state / city), state (USPS code; DC is treated as a state), city (empty for
state laws), effective_date, employer_size_threshold (employees), must_disclose (short text) and
source (statute or official page). Effective dates are the ones the laws set; **employer-size
thresholds and the disclosure summaries are as understood when the file was written and should
be checked against each source** (some laws count employees in the jurisdiction, others anywhere;
some add remote-job or internal-promotion rules not captured here).

Coverage rules in :func:`uncovered_postings`:

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

import pandas as pd

from analysis.paths import PACKAGE_DATA
from analysis.summary import comparable_bands
from analysis.vocabulary import DEFAULT_CURRENCY

LAWS_FILE = PACKAGE_DATA / "pay_transparency_laws.csv"

# "Too wide to inform": a band whose top is more than double its bottom (max / min > 2.0, a range
# spread above 100 %). Employer salary structures typically use range spreads of about 20-60 % for
# professional grades and up to 80-100 % for executive grades (WorldatWork salary-structure
# surveys); a posted range wider than the widest structural grade spans several grades, i.e. more
# than one level's pay, and does not tell a candidate where an offer will land. Pass `too_wide=`
# to use another cut-off (e.g. 1.5).
TOO_WIDE = 2.0

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


def load_laws() -> pd.DataFrame:
    """The pay-transparency laws table, effective_date as a datetime, city None for state laws."""
    laws = pd.read_csv(LAWS_FILE, dtype={"city": "string"}, keep_default_na=False, na_values=[""])
    laws["effective_date"] = pd.to_datetime(laws["effective_date"])
    laws["employer_size_threshold"] = laws["employer_size_threshold"].astype(int)
    return laws


def _postings(bands: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per posting (per snapshot when `keys` holds "snapshot"): any band with pay."""
    unit = ["posting_id", "snapshot"] if "snapshot" in keys else ["posting_id"]
    data = bands.assign(has_pay=bands["has_pay"].fillna(False).astype(bool))
    has_pay = data.groupby(unit, sort=False)["has_pay"].transform("any")
    return data.assign(has_pay=has_pay).drop_duplicates(unit)


def disclosure_rates(
    bands: pd.DataFrame, *, by: str | list[str] | tuple[str, ...] = ("state",)
) -> pd.DataFrame:
    """Share of postings that state pay, per group.

    Postings are counted, not bands: a posting with several bands counts once, and counts as
    "with pay" when any band has pay. Grouping by "snapshot" counts a posting once per snapshot;
    otherwise once overall. Missing group values form their own group.

    Returns one row per group: postings, postings_with_pay, share_with_pay.
    """
    keys = [by] if isinstance(by, str) else list(by)
    postings = _postings(bands, keys)
    grouped = postings.groupby(keys, dropna=False, observed=True, sort=True)["has_pay"]
    out = grouped.agg(postings="size", postings_with_pay="sum").reset_index()
    out["postings_with_pay"] = out["postings_with_pay"].astype(int)
    out["share_with_pay"] = out["postings_with_pay"] / out["postings"]
    return out


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
    employer, role_family, level, city, state, metro, posted_date, date_checked, date_source
    ("posted_date" or "on"), jurisdiction, law_level, effective_date, employer_size_threshold.
    """
    laws = load_laws() if laws is None else laws.copy()
    laws["effective_date"] = pd.to_datetime(laws["effective_date"])
    fallback = pd.Timestamp(dt.date.today() if on is None else on).normalize()

    postings = _postings(bands, [])
    remote = postings["is_remote"].fillna(False).astype(bool)
    postings = postings.loc[~postings["has_pay"] & ~remote].copy()
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
    columns = [
        "posting_id",
        "snapshot",
        "employer",
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
    out = matches.rename(columns={"level_y": "law_level", "level_x": "level"})
    return out[columns].reset_index(drop=True)


def range_width(
    bands: pd.DataFrame,
    *,
    by: str | list[str] | tuple[str, ...] | None = None,
    currency: str = DEFAULT_CURRENCY,
    too_wide: float = TOO_WIDE,
    per_band: bool = False,
) -> pd.DataFrame:
    """Range width (annual_max / annual_min) of closed bands in `currency`.

    Closed bands are those with a positive minimum and a maximum (a single figure has ratio 1).
    With ``per_band=True`` returns the bands with columns ``width_ratio`` and ``too_wide``
    (ratio > `too_wide`, default :data:`TOO_WIDE` = 2.0). Otherwise the distribution per group
    (overall when `by` is None): n_bands, ratio_p25, ratio_median, ratio_p75, n_too_wide,
    share_too_wide, threshold.
    """
    data = comparable_bands(bands, currency=currency)
    data = data.loc[data["annual_min"].gt(0) & data["annual_max"].notna()]
    data = data.assign(width_ratio=data["annual_max"] / data["annual_min"])
    data = data.assign(too_wide=data["width_ratio"] > too_wide)
    if per_band:
        return data.reset_index(drop=True)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if keys:
        grouped = data.groupby(keys, dropna=False, observed=True, sort=True)
    else:
        grouped = data.assign(_all="all").groupby("_all")
    out = grouped.agg(
        n_bands=("width_ratio", "size"),
        ratio_p25=("width_ratio", lambda s: s.quantile(0.25)),
        ratio_median=("width_ratio", "median"),
        ratio_p75=("width_ratio", lambda s: s.quantile(0.75)),
        n_too_wide=("too_wide", "sum"),
    )
    out["n_too_wide"] = out["n_too_wide"].astype(int)
    out["share_too_wide"] = out["n_too_wide"] / out["n_bands"]
    out["threshold"] = too_wide
    out = out.reset_index()
    return out.drop(columns="_all") if not keys else out
