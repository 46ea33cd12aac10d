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
from statistics import NormalDist

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


def ratio_to_spread(ratio: float) -> float:
    """The range spread (max − min) / midpoint of a band whose max / min is `ratio`.

    With midpoint (min + max) / 2, spread = 2 (ratio − 1) / (ratio + 1): a ratio of 2.0 is a spread
    of 2/3 (67 %), so the two ways of stating "too wide" agree.
    """
    return 2 * (ratio - 1) / (ratio + 1)


# The same cut-off as TOO_WIDE, stated as a range spread: (max − min) / midpoint > 2/3.
TOO_WIDE_SPREAD = ratio_to_spread(TOO_WIDE)

# Trend periods by the span of posting dates: months from a quarter up, weeks from three weeks.
TREND_MONTHS_FROM_DAYS = 92
TREND_WEEKS_FROM_DAYS = 21
# Short names for law labels on charts ("NYC law eff. 1 Nov 2022").
LAW_SHORT_NAMES = {"New York City": "NYC", "Cleveland, OH": "Cleveland", "New York State": "NY"}

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

    postings = _postings(bands, [])
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
    covered = covered_postings(bands, laws=laws, on=on)
    return covered.loc[~covered["has_pay"], _COVERED_COLUMNS].reset_index(drop=True)


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
    With ``per_band=True`` returns the bands with columns ``width_ratio``, ``spread``
    ((max − min) / midpoint, midpoint = (min + max) / 2; see :func:`ratio_to_spread`) and
    ``too_wide`` (ratio > `too_wide`, default :data:`TOO_WIDE` = 2.0, the same bands as spread >
    :data:`TOO_WIDE_SPREAD`). Otherwise the distribution per group
    (overall when `by` is None): n_bands, ratio_p25, ratio_median, ratio_p75, n_too_wide,
    share_too_wide, threshold.
    """
    data = comparable_bands(bands, currency=currency)
    data = data.loc[data["annual_min"].gt(0) & data["annual_max"].notna()]
    data = data.assign(
        width_ratio=data["annual_max"] / data["annual_min"],
        spread=(data["annual_max"] - data["annual_min"])
        / ((data["annual_max"] + data["annual_min"]) / 2),
    )
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


def latest_postings(store: pd.DataFrame) -> pd.DataFrame:
    """The bands of each posting's latest snapshot: a stacked store with every posting once."""
    latest = store.groupby("posting_id", sort=False)["snapshot"].transform("max")
    return store.loc[store["snapshot"] == latest].reset_index(drop=True)


def trend_period(dates: pd.Series) -> str:
    """The period a disclosure trend is drawn by, from the span of posting dates.

    "month" when the dates span a quarter or more, "week" from three weeks, otherwise (or with no
    dates at all) "snapshot": fewer periods than that would not make a line.
    """
    dates = pd.to_datetime(dates).dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    if span >= TREND_MONTHS_FROM_DAYS:
        return "month"
    if span >= TREND_WEEKS_FROM_DAYS:
        return "week"
    return "snapshot"


def disclosure_trend(
    store: pd.DataFrame, *, by: str = "state", period: str = "auto"
) -> pd.DataFrame:
    """Share of postings stating pay per `by` group and period, for a line over time.

    `store` is the stacked bands of several snapshots (``load_store``). By "month" or "week" of
    posted_date, each posting counts once, as its latest snapshot shows it (a posting re-listed
    with pay counts with pay); postings without a posted_date are left out. By "snapshot", each
    snapshot counts the postings it holds. `period="auto"` picks one with :func:`trend_period`.

    Returns one row per period and group: period_start (Timestamp; a snapshot's label parsed as a
    date, NaT when it is not one), period_label, `by`, postings, postings_with_pay,
    share_with_pay, and period (the period used).
    """
    period = trend_period(store["posted_date"]) if period == "auto" else period
    if period == "snapshot":
        out = disclosure_rates(store, by=["snapshot", by])
        out.insert(0, "period_start", pd.to_datetime(out["snapshot"], format="%Y-%m-%d",
                                                        errors="coerce"))
        out = out.rename(columns={"snapshot": "period_label"})
    elif period in ("week", "month"):
        data = latest_postings(store)
        data = data.loc[data["posted_date"].notna()]
        freq = "W-SUN" if period == "week" else "M"
        start = pd.to_datetime(data["posted_date"]).dt.to_period(freq).dt.start_time
        out = disclosure_rates(data.assign(period_start=start), by=["period_start", by])
        label = out["period_start"].dt.strftime("%b %Y")
        if period == "week":
            label = out["period_start"].dt.day.astype(str) + " " + label
        out.insert(1, "period_label", label)
    else:
        raise ValueError(f"period must be auto, month, week or snapshot, not {period!r}")
    return out.assign(period=period)


def trend_window(trend: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a :func:`disclosure_trend` covers: first period's start to last period's end."""
    starts = trend["period_start"].dropna()
    if starts.empty:
        return pd.NaT, pd.NaT
    period = trend["period"].iloc[0]
    last = starts.max()
    if period == "week":
        last = last + pd.Timedelta(days=6)
    elif period == "month":
        last = last + pd.offsets.MonthEnd(0)
    return starts.min(), last


def law_label(law) -> str:
    """'CA law eff. 1 Jan 2023' (state laws by USPS code; city laws by a short city name)."""
    name = law["state"] if law["level"] == "state" else law["jurisdiction"]
    name = LAW_SHORT_NAMES.get(law["jurisdiction"], name) if law["level"] == "city" else name
    date = pd.Timestamp(law["effective_date"])
    return f"{name} law eff. {date.day} {date:%b %Y}"


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
    result is in date order with a ``label`` column (:func:`law_label`).
    """
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
    """Laws already in force on `on` (optionally only those of `states`), by date, labelled."""
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
            name = LAW_SHORT_NAMES.get(law["jurisdiction"], law["jurisdiction"])
            labels.append(f"{name} law {law['effective_date'].year}")
        else:
            labels.append("no law")
    return pd.Series(labels, index=states.index if isinstance(states, pd.Series) else None,
                     dtype=object)


def share_gap(
    with_a: int, n_a: int, with_b: int, n_b: int, *, confidence: float = 0.95
) -> dict:
    """Difference of two shares (a − b) with Newcombe's hybrid score interval.

    Returns share_a, share_b, gap, gap_low, gap_high and within_noise (the interval holds 0, or a
    group is empty). The Wilson-based interval behaves near 0 % and 100 %, where disclosure rates
    sit, unlike the plain normal approximation.
    """
    if n_a == 0 or n_b == 0:
        nan = float("nan")
        return dict(share_a=with_a / n_a if n_a else nan, share_b=with_b / n_b if n_b else nan,
                    gap=nan, gap_low=nan, gap_high=nan, within_noise=True)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_a, p_b = with_a / n_a, with_b / n_b
    low_a, high_a = _wilson(p_a, n_a, z)
    low_b, high_b = _wilson(p_b, n_b, z)
    gap = p_a - p_b
    low = gap - ((p_a - low_a) ** 2 + (high_b - p_b) ** 2) ** 0.5
    high = gap + ((high_a - p_a) ** 2 + (p_b - low_b) ** 2) ** 0.5
    return dict(share_a=p_a, share_b=p_b, gap=gap, gap_low=low, gap_high=high,
                within_noise=bool(low <= 0 <= high))


def _wilson(share: float, n: int, z: float) -> tuple[float, float]:
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (share * (1 - share) / n + z * z / (4 * n * n)) ** 0.5
    return centre - half, centre + half
