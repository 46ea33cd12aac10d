"""Range builder: market pricing of one role family's ladder, then a proposed salary structure.

The way a compensation analyst builds ranges from a survey, with posted bands as the survey:

1. :func:`market_by_level` prices each level of the ladder: p10–p90 of the posted annual
   midpoints of one role family on one track, in the metros asked for (a metro, a pay zone's
   metros, or all), a posting counted once.
2. :func:`salary_structure` turns those points into one proposed range per level: a midpoint (the
   market median, or the ladder's log-linear fit where the market is thin), a range spread by
   level, and the range's minimum and maximum around that midpoint.

Pay in several metros is pooled as posted: when the metros priced together (a pay zone) pay at
different levels, their postings enter the percentiles as they are, not moved to one metro's pay
level first. A zone groups metros that pay alike, which is what makes that pooling fair; pricing
metros that pay very differently together widens the market percentiles and moves the medians
towards the metros that post most.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.analyses.ladder import check_track
from analysis.analyses.summary import PostingGroups, comparable_bands
from analysis.choices import check_choices, check_values, keep
from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, SMALL_N
from analysis.errors import EmptyFilterWarning
from analysis.normalize.vocabulary import IC_LEVELS, MANAGEMENT_LEVELS

# Market percentiles of posted midpoints, as compensation surveys report them.
MARKET_PERCENTILES = {"p10": 0.10, "p25": 0.25, "p50": 0.50, "p75": 0.75, "p90": 0.90}
MARKET_COLUMNS = ["level", "n_postings", "n_employers", *MARKET_PERCENTILES]
STRUCTURE_COLUMNS = [
    "level", "range_min", "range_mid", "range_max", "spread", "midpoint_progression",
    "smoothed", "fitted_mid", "spread_basis", "n_postings", "n_employers",
    *(f"market_{name}" for name in MARKET_PERCENTILES),
]
LADDERS = {"ic": IC_LEVELS, "management": MANAGEMENT_LEVELS}

# Default range spread ((max − min) / min, as every table here defines it) of a proposed grade.
# Salary structures typically spread 20–60 % for professional grades and up to 80–100 % for
# executive ones (WorldatWork salary-structure surveys, the source config.TOO_WIDE cites): 40 %
# through senior, grades that a career moves through in a few years; 50 % from staff up and for
# first- and second-line managers, grades people stay in longer and whose pay spans more
# experience; 60 % for directors and VPs, whose pay varies most with scope.
DEFAULT_SPREADS = {
    "intern": 0.40, "entry": 0.40, "mid": 0.40, "senior": 0.40,
    "staff": 0.50, "senior staff": 0.50, "principal": 0.50, "distinguished": 0.50,
    "manager": 0.50, "senior manager": 0.50, "director": 0.60, "vp": 0.60,
}
# A well-populated level whose market p25–p75 of posted midpoints spreads wider than its default
# takes the market's width (the middle half of what employers post fits inside the range), up
# to this: the top of executive grade spreads. A wider market is several grades of pay, not one.
MAX_MARKET_SPREAD = 0.80


def market_by_level(
    bands: pd.DataFrame,
    *,
    role_family: str,
    metros: Sequence[str] | None = None,
    track: str = "ic",
    currency: str = DEFAULT_CURRENCY,
) -> pd.DataFrame:
    """Market percentiles of posted annual midpoints per level of one role family's ladder.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table. Not modified.
    role_family : str
        The role family priced, e.g. "data scientist".
    metros : sequence of str, optional
        Price only bands in these metros (one metro, or the metros of a pay zone); default: all
        bands wherever they are. Several metros are pooled as posted (see the module's note).
    track : {"ic", "management"}, default "ic"
        The ladder: its levels, in ladder order, are the rows.
    currency : str, default "USD"
        Only closed bands in this currency (``summary.comparable_bands``); others are left out,
        never converted.

    Returns
    -------
    pandas.DataFrame
        One row per level of the ladder that has bands, in ladder order: ``level`` (text),
        ``n_postings``, ``n_employers``, ``p10``, ``p25``, ``p50``, ``p75``, ``p90`` of the posted
        annual midpoints, posting-weighted as ``band_summary`` is (a posting with several bands
        at a level in these metros counts once). Bands whose title states no level are left out.

    Raises :class:`~analysis.errors.UnknownChoiceError` for a role family, metro or track the
    data (or the vocabulary) does not hold, naming the closest; warns
    :class:`~analysis.errors.EmptyFilterWarning` when a filter leaves no band (the table is then
    empty).

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> market_by_level(load_bands(), role_family="software engineer").columns[:3].tolist()
    ['level', 'n_postings', 'n_employers']
    """
    check_track(track)
    check_values(bands, column="role_family", values=[role_family], what="role family")
    if metros is not None:
        metros = [metros] if isinstance(metros, str) else list(metros)
        if not metros:
            raise ValueError("metros is empty: name at least one metro, or None for all")
        check_values(bands, column="metro", values=metros, what="metro")
    ladder = LADDERS[track]
    data = comparable_bands(bands, currency=currency, warn=True)
    data = keep(data, data["role_family"] == role_family, after=f"role_family == {role_family!r}",
                detail=lambda: f"no closed {currency} band of it")
    if metros is not None:
        data = keep(data, data["metro"].isin(metros),
                    after=(f"metro == {metros[0]!r}" if len(metros) == 1
                           else f"metro in {len(metros)} metros"),
                    detail=lambda: f"no closed {currency} {role_family} band there")
    levels = data["level"].astype("string")
    data = keep(data, (data["track"] == track) & levels.isin(ladder),
                after=f"keeping {track} bands that state a level",
                detail=lambda: f"no closed {currency} {role_family} band states one")
    if data.empty:
        return pd.DataFrame(columns=MARKET_COLUMNS)
    data = data.assign(level=pd.Categorical(data["level"].astype(str), categories=list(ladder),
                                            ordered=True))
    groups = PostingGroups(data, ["level"])
    quantiles = groups.posting_quantiles(data["annual_mid"], list(MARKET_PERCENTILES.values()))
    market = pd.DataFrame({
        "level": [str(key[0]) for key in groups.keys],
        "n_postings": groups.n_postings(),
        "n_employers": groups.n_distinct(data["employer"]),
    })
    for position, name in enumerate(MARKET_PERCENTILES):
        market[name] = quantiles[:, position]
    return market[MARKET_COLUMNS]


def salary_structure(
    market: pd.DataFrame,
    *,
    spread: float | Mapping[str, float] | None = None,
    min_postings: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
) -> pd.DataFrame:
    """A proposed salary structure from :func:`market_by_level`: one range per level.

    Midpoints. A level with at least `min_postings` postings from `min_employers` employers
    ("readable", the rule every report uses) keeps its market median. A thinner level is a
    handful of employers' pay policies, not a market: its midpoint is the ladder's fit instead,
    ``exp(a + b · rung)`` from a least-squares fit of log market median on the level's rung
    (0, 1, 2, … over the levels the market shows, so a level no posting states is no rung),
    over the readable levels only, each weighted by its postings. That is the constant
    percentage step per level most structures are built on, and it interpolates between
    readable levels or extends the ladder one or two rungs beyond them. The fit needs two
    readable levels; with fewer there is none, and every level keeps its market median
    (``smoothed`` stays False, ``fitted_mid`` NaN).

    Range width. `spread` (max − min) / min: by default ``DEFAULT_SPREADS`` for the level (40 %
    through senior, 50 % from staff up and for managers, 60 % for directors and VPs), or the
    market's own p75 / p25 − 1 of a readable level when that is wider (at most
    ``MAX_MARKET_SPREAD``); a number applies to every level; a mapping gives levels their own
    (levels it does not name take the default). Around the midpoint: range_min = mid /
    (1 + spread / 2), range_max = range_min × (1 + spread), so range_mid = (min + max) / 2.

    Parameters
    ----------
    market : pandas.DataFrame
        :func:`market_by_level` output (one ladder, ladder order). Not modified.
    spread : float or mapping of level → float, optional
        The range spread(s); default by level as above.
    min_postings, min_employers : int
        Below either a level is thin and takes the fitted midpoint.

    Returns
    -------
    pandas.DataFrame
        One row per level of `market`, in its order: ``level``, ``range_min``, ``range_mid``,
        ``range_max``, ``spread``, ``midpoint_progression`` (range_mid / the previous level's
        range_mid − 1; NaN on the first level), ``smoothed`` (the midpoint is the fit's),
        ``fitted_mid`` (the fit at this rung; NaN without a fit), ``spread_basis`` ("default",
        "market p25-p75" or "given"), ``n_postings``, ``n_employers``, and the market's
        ``market_p10`` … ``market_p90``.

    Examples
    --------
    >>> market = pd.DataFrame({"level": ["entry", "mid", "senior"], "n_postings": [40, 3, 40],
    ...                        "n_employers": [9, 2, 9], "p10": np.nan, "p25": np.nan,
    ...                        "p50": [100e3, 150e3, 144e3], "p75": np.nan, "p90": np.nan})
    >>> table = salary_structure(market)
    >>> table["range_mid"].round().tolist(), table["smoothed"].tolist()
    ([100000.0, 120000.0, 144000.0], [False, True, False])
    >>> table.loc[0, ["range_min", "range_max", "spread"]].round(2).tolist()
    [83333.33, 116666.67, 0.4]
    """
    market = market.reset_index(drop=True)
    if market.empty:
        return pd.DataFrame(columns=STRUCTURE_COLUMNS)
    levels = market["level"].astype(str)
    check_choices(levels, DEFAULT_SPREADS, what="level", where="the ladders have")
    observed = market["p50"].to_numpy(dtype=float)
    readable = ((market["n_postings"] >= min_postings)
                & (market["n_employers"] >= min_employers)).to_numpy() & ~np.isnan(observed)
    fitted = _ladder_fit(np.log(observed), market["n_postings"].to_numpy(dtype=float), readable)
    smoothed = ~readable & ~np.isnan(fitted)
    mid = np.where(smoothed, fitted, observed)
    spreads, basis = _spreads(market, levels, spread, readable)
    range_min = mid / (1 + spreads / 2)
    structure = pd.DataFrame({
        "level": levels,
        "range_min": range_min,
        "range_mid": mid,
        "range_max": range_min * (1 + spreads),
        "spread": spreads,
        "midpoint_progression": mid / np.r_[np.nan, mid[:-1]] - 1,
        "smoothed": smoothed,
        "fitted_mid": fitted,
        "spread_basis": basis,
        "n_postings": market["n_postings"].astype(int),
        "n_employers": market["n_employers"].astype(int),
    })
    for name in MARKET_PERCENTILES:
        structure[f"market_{name}"] = market[name].to_numpy(dtype=float)
    return structure[STRUCTURE_COLUMNS]


def _ladder_fit(log_mids: np.ndarray, n: np.ndarray, readable: np.ndarray) -> np.ndarray:
    """The fitted midpoint at every rung, exp(a + b · rung) with (a, b) the least-squares fit of
    the readable rungs' log medians weighted by their n; all NaN with fewer than two."""
    rungs = np.arange(len(log_mids), dtype=float)
    if readable.sum() < 2:
        return np.full(len(log_mids), np.nan)
    # polyfit weights multiply the residuals: sqrt(n) weights each squared residual by n.
    slope, intercept = np.polyfit(rungs[readable], log_mids[readable], 1,
                                  w=np.sqrt(n[readable]))
    return np.exp(intercept + slope * rungs)


def _spreads(market: pd.DataFrame, levels: pd.Series, spread, readable: np.ndarray
             ) -> tuple[np.ndarray, list[str]]:
    """Each level's range spread and where it came from (see :func:`salary_structure`)."""
    if spread is not None and not isinstance(spread, Mapping):
        return np.full(len(levels), float(spread)), ["given"] * len(levels)
    given = dict(spread or {})
    check_choices(list(given), DEFAULT_SPREADS, what="level", where="the ladders have")
    market_spread = (market["p75"] / market["p25"] - 1).to_numpy(dtype=float)
    values, basis = [], []
    for level, own, ok in zip(levels, market_spread, readable, strict=True):
        if level in given:
            values.append(float(given[level]))
            basis.append("given")
        elif ok and own > DEFAULT_SPREADS[level]:
            values.append(min(float(own), MAX_MARKET_SPREAD))
            basis.append("market p25-p75")
        else:
            values.append(DEFAULT_SPREADS[level])
            basis.append("default")
    return np.array(values), basis


def zone_metros(zones: pd.DataFrame, zone) -> list[str]:
    """The metros of pay zone `zone` in a zones table (columns ``metro`` and ``zone``, as the
    geographic pay zones analysis returns), sorted: what :func:`market_by_level` prices for
    ``--zone``. An UnknownChoiceError names the zones there are when `zone` is none of them.

    >>> zones = pd.DataFrame({"metro": ["B", "A", "C"], "zone": [1, 1, 2]})
    >>> zone_metros(zones, 1)
    ['A', 'B']
    """
    numbers = pd.to_numeric(zones["zone"], errors="coerce")
    wanted = pd.to_numeric(pd.Series([zone]), errors="coerce").iloc[0]
    metros = zones.loc[numbers == wanted, "metro"].dropna()
    if metros.empty:
        check_choices([str(zone)], [str(z) for z in zones["zone"].dropna().unique()], what="zone",
                      where="the pay zones are")
    return sorted(map(str, metros.unique()))


def structures_by_role_family(
    bands: pd.DataFrame,
    *,
    track: str = "ic",
    currency: str = DEFAULT_CURRENCY,
    min_levels: int = 2,
) -> pd.DataFrame:
    """:func:`salary_structure` of every role family whose ladder prices at least `min_levels`
    levels on `track`, stacked with a leading ``role_family`` column (largest family first): the
    whole structure at once, as a workbook sheet shows it. Empty when no family has a ladder."""
    families = comparable_bands(bands, currency=currency)["role_family"].dropna()
    structures = []
    for family in families.value_counts().index:
        with warnings.catch_warnings():  # a family with no ladder on this track is expected
            warnings.simplefilter("ignore", EmptyFilterWarning)
            market = market_by_level(bands, role_family=family, track=track, currency=currency)
        if len(market) >= min_levels:
            structures.append(salary_structure(market).assign(role_family=family))
    if not structures:
        return pd.DataFrame(columns=["role_family", *STRUCTURE_COLUMNS])
    stacked = pd.concat(structures, ignore_index=True)
    return stacked[["role_family", *STRUCTURE_COLUMNS]]


def priced_role_family(bands: pd.DataFrame, *, preferred: str, metros: Sequence[str] | None = None,
                       track: str = "ic", currency: str = DEFAULT_CURRENCY) -> str:
    """`preferred` when its ladder prices two levels or more in `metros`, else the role family
    with the most postings whose ladder does (a report's default role may not be in the
    analyst's data); `preferred` when none does (the structure then says there is nothing to
    price)."""
    with warnings.catch_warnings():  # families without a ladder here are expected
        warnings.simplefilter("ignore", EmptyFilterWarning)
        data = comparable_bands(bands, currency=currency)
        if metros is not None:
            data = data.loc[data["metro"].isin(metros)]
        families = data["role_family"].dropna().value_counts().index.tolist()
        for family in dict.fromkeys([preferred, *families]):
            if family in families and len(market_by_level(
                    data, role_family=family, track=track, currency=currency)) >= 2:
                return family
    return preferred
