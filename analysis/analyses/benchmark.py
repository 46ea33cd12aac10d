"""Posting benchmark: where one posting's band sits among like peers.

Peers are closed bands (min and max, one currency) of *other* postings with the same role family
and the same level, in the same metro. A posting whose title states no level is given the level
its pay most likely belongs to (:func:`level_posteriors`), and is compared with that level; with
no level to infer from, with every level (``level_basis`` says which). When the level has too few
peers even nationally, the adjacent levels of its ladder join (``BENCHMARK_LEVEL_REACH``).

When the metro holds fewer than ``min_peers`` peer postings the group widens to the state, then to
the nation (the posting's country, or every band when the country is unknown); ``peer_scope``
says which group was used. Beyond the metro, each peer's pay is moved to the posting's metro with
the composition-adjusted metro index (:func:`location_factors`): a Sunnyvale posting is not
compared with Austin pay as posted. A peer posting with several bands counts once, by its first
band.

What a report wraps around this (choosing the posting, the seed posting, why a posting cannot be
placed) is in :mod:`.benchmark_cases`; the words about it in :mod:`analysis.findings.benchmark`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from analysis.analyses.compare import adjusted_comparison
from analysis.analyses.summary import ANNUAL_COLUMNS, PERCENTILES, comparable_bands
from analysis.choices import check_choices
from analysis.config import (
    BENCHMARK_LEVEL_REACH,
    CONFIDENCE,
    DEFAULT_CURRENCY,
    MIN_EMPLOYERS,
    MIN_PEERS,
    N_BOOT,
    SEED,
    SMALL_N,
)
from analysis.normalize.locations import parse_location
from analysis.normalize.pay import parse_pay
from analysis.normalize.titles import parse_title
from analysis.normalize.vocabulary import IC_LEVELS, LEVELS, MANAGEMENT_LEVELS
from analysis.stats import median_estimate, percentile_of, weighted_quantile

_ECHO = ("posting_id", "title", "employer", "role_family", "level", "metro", "state")
# How the peers' level was chosen (``level_basis``), before any " ± 1 level".
LEVEL_BASES = ("stated", "inferred from pay", "all levels")
# What a peer's missing level reads as in ``peer_levels``.
NOT_STATED = "not stated"


def cell_value(row: pd.Series, column: str):
    """`row[column]`, or None when the column is absent or the cell is missing (NaN, NA, NaT)."""
    value = row.get(column)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def posting_row(
    bands: pd.DataFrame, *, posting_id: str | None = None, posting: pd.DataFrame | None = None
) -> pd.Series:
    """The posting a benchmark is about: `posting_id`'s first band in `bands`, or `posting`'s row.

    Raises ValueError unless exactly one of them is given (or `posting` has one row), an
    UnknownChoiceError (a KeyError) naming the closest posting id when `posting_id` is not in
    `bands`.
    """
    if (posting_id is None) == (posting is None):
        raise ValueError("give exactly one of posting_id and posting")
    if posting_id is not None:
        rows = bands.loc[bands["posting_id"] == posting_id]
        if rows.empty:
            check_choices([posting_id], bands["posting_id"].dropna().unique(), what="posting id",
                          where="the bands table has")
        if "band" in rows.columns:
            rows = rows.sort_values("band")
        return rows.iloc[0]
    if len(posting) != 1:
        raise ValueError(f"posting must have exactly one row, got {len(posting)}")
    return posting.iloc[0]


def location_factors(
    bands: pd.DataFrame, *, metro: str | None, currency: str = DEFAULT_CURRENCY
) -> pd.Series | None:
    """What moves pay posted in each metro to `metro`: index(`metro`) / index(that metro).

    The indices are :func:`~analysis.analyses.compare.adjusted_comparison`'s (same role family
    and level, employer-clustered) with `metro` as the reference, so the factor of a metro is
    100 / its index, and `metro`'s own is 1. Metros whose index rests on fewer than
    ``MIN_EMPLOYERS`` employers are left out: their "index" is mostly one or two employers' pay
    policy, and adjusting by it would erase what those peers pay. None when `metro` is unknown,
    holds no comparable bands or too few employers: then nothing is adjusted.

    Returns a Series of factors indexed by metro.
    """
    if metro is None:
        return None
    try:
        index = adjusted_comparison(bands, across="metro", reference=metro, currency=currency)
    except ValueError:  # the metro holds no comparable bands
        return None
    if index.loc[index["is_reference"], "too_few_employers"].item():
        return None
    index = index.loc[~index["too_few_employers"]]
    return pd.Series(100 / index["index"].to_numpy(dtype=float),
                     index=index["metro"].astype(object).to_numpy(), name="location_factor")


def level_posteriors(
    peers: pd.DataFrame, *, annual_mid: float, min_n: int = SMALL_N
) -> pd.DataFrame:
    """How likely a posting paying `annual_mid` is to be at each level of `peers`.

    A level is a normal model of log annual_mid: its own mean, one standard deviation pooled over
    the levels (levels differ in where they sit, less in how spread they are), and its share of
    the postings as the prior. Only levels with at least `min_n` peer postings take part, and at
    least two must (one level is no choice); otherwise the frame is empty.

    Returns one row per level, in ladder order: level, n_postings, typical_mid (exp of the mean
    log midpoint), prior, posterior (summing to 1).

    >>> peers = pd.DataFrame({"level": ["mid"] * 5 + ["senior"] * 5,
    ...                       "annual_mid": [95e3, 100e3, 100e3, 100e3, 105e3] * 1
    ...                       + [145e3, 150e3, 150e3, 150e3, 155e3]})
    >>> level_posteriors(peers, annual_mid=110e3).set_index("level")["posterior"].round(3).to_dict()
    {'mid': 1.0, 'senior': 0.0}
    """
    columns = ["level", "n_postings", "typical_mid", "prior", "posterior"]
    data = peers.dropna(subset=["level", "annual_mid"])
    data = data.loc[data["annual_mid"] > 0]
    levels = data["level"].astype(object)
    counts = levels.value_counts()
    kept = [level for level in LEVELS if counts.get(level, 0) >= min_n]
    kept += sorted(set(counts.index[counts >= min_n]) - set(kept))  # levels off the ladders
    if len(kept) < 2 or not annual_mid > 0:
        return pd.DataFrame(columns=columns)
    inside = levels.isin(kept)
    logs = np.log(data.loc[inside, "annual_mid"].to_numpy(dtype=float))
    levels = levels[inside].to_numpy()
    means = pd.Series(logs).groupby(levels).mean().reindex(kept)
    residuals = logs - means.reindex(levels).to_numpy()
    sd = max(float(np.sqrt((residuals**2).sum() / max(len(logs) - len(kept), 1))), 1e-6)
    prior = counts.reindex(kept).to_numpy(dtype=float) / inside.sum()
    score = np.log(prior) - (np.log(annual_mid) - means.to_numpy()) ** 2 / (2 * sd**2)
    posterior = np.exp(score - score.max())
    return pd.DataFrame({"level": kept, "n_postings": counts.reindex(kept).to_numpy(),
                         "typical_mid": np.exp(means.to_numpy()), "prior": prior,
                         "posterior": posterior / posterior.sum()}, columns=columns)


def _ladder_around(level: str, reach: int) -> tuple[str, ...]:
    """`level` and the levels up to `reach` rungs either side of it on its ladder (IC or
    management: a staff engineer's neighbour is not a manager)."""
    for ladder in (IC_LEVELS, MANAGEMENT_LEVELS):
        if level in ladder:
            at = ladder.index(level)
            return ladder[max(at - reach, 0) : at + reach + 1]
    return (level,)


def _family_pool(bands: pd.DataFrame, row: pd.Series, *, currency: str) -> pd.DataFrame:
    """Closed bands of other postings with the posting's role family, the first per posting."""
    pool = comparable_bands(bands, currency=currency)
    posting_id = cell_value(row, "posting_id")
    if posting_id is not None:
        pool = pool.loc[pool["posting_id"] != posting_id]
    role_family = cell_value(row, "role_family")
    pool = pool.loc[pool["role_family"] == role_family] if role_family else pool.iloc[0:0]
    sort_keys = ["posting_id", "band"] if "band" in pool.columns else ["posting_id"]
    return pool.sort_values(sort_keys).drop_duplicates("posting_id")


def _nation(pool: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    country = cell_value(row, "country")
    if country is not None and "country" in pool.columns:
        return pool.loc[pool["country"] == country]
    return pool


def _narrow(pool: pd.DataFrame, row: pd.Series, *, min_peers: int) -> tuple[str, pd.DataFrame]:
    """The narrowest scope with at least `min_peers` peers (nation whatever its size)."""
    for scope in ("metro", "state"):
        key = cell_value(row, scope)
        if key is None:
            continue
        peers = pool.loc[pool[scope] == key]
        if len(peers) >= min_peers:
            return scope, peers
    return "nation", _nation(pool, row)


def too_few_peers(peers: pd.DataFrame) -> bool:
    """Too few peers to place a posting among: fewer than ``SMALL_N`` postings or
    ``MIN_EMPLOYERS`` employers (a percentile among four postings, or one employer's pay policy,
    places nothing)."""
    return len(peers) < SMALL_N or peers["employer"].nunique() < MIN_EMPLOYERS


def _at_levels(pool: pd.DataFrame, levels: tuple[str, ...]) -> pd.DataFrame:
    return pool.loc[pool["level"].astype(object).isin(levels)]


def _located(peers: pd.DataFrame, factors: pd.Series | None, *, metro: str | None):
    """`peers` with their pay moved to `metro` by `factors`, the pay as posted in posted_*, and
    location_factor (1 in `metro`; NaN where the pay stays as posted for want of an index)."""
    where = peers["metro"].astype(object)
    factor = pd.Series(np.where(where == metro, 1.0, np.nan), index=peers.index)
    if factors is not None:
        factor = where.map(factors).astype(float).fillna(factor)
    located = peers.assign(**{f"posted_{column}": peers[column] for column in ANNUAL_COLUMNS},
                           location_factor=factor)
    for column in ANNUAL_COLUMNS:
        located[column] = peers[column].astype(float) * factor.fillna(1.0)
    return located


def _peers_of(
    bands: pd.DataFrame, row: pd.Series, *, currency: str, min_peers: int
) -> tuple[pd.DataFrame, dict]:
    """The peers (pay moved to the posting's metro when widened) and how they were chosen."""
    pool = _family_pool(bands, row, currency=currency)
    metro = cell_value(row, "metro")

    posting_id = cell_value(row, "posting_id")
    others = bands if posting_id is None else bands.loc[bands["posting_id"] != posting_id]

    @cache
    def factors() -> pd.Series | None:  # one index fit, and only when needed
        # from the other postings: the posting's own pay is not part of the yardstick
        return location_factors(others, metro=metro, currency=currency)

    how = {"inferred_level": None, "level_probability": np.nan, "levels_considered": "",
           "below_levels_considered": False}
    level, mine = cell_value(row, "level"), cell_value(row, "annual_mid")
    if level is not None:
        level, basis = str(level), "stated"
    else:
        # inferred in the widest scope, from pay moved to the posting's metro: a level read from
        # unadjusted pay would take Austin's seniors for Sunnyvale's mids
        nation = _located(_nation(pool, row), factors(), metro=metro)
        posteriors = level_posteriors(nation, annual_mid=float(mine) if mine else np.nan)
        if posteriors.empty:
            basis = "all levels"
        else:
            best = posteriors.loc[posteriors["posterior"].idxmax()]
            level, basis = best["level"], "inferred from pay"
            how.update(inferred_level=level, level_probability=float(best["posterior"]),
                       levels_considered=", ".join(posteriors["level"]),
                       # the likeliest level, yet the posting pays below all of them
                       below_levels_considered=bool(mine < posteriors["typical_mid"].min()))
    levels = (level,) if level is not None else ()
    if levels and too_few_peers(_nation(_at_levels(pool, levels), row)):
        wider = _ladder_around(level, BENCHMARK_LEVEL_REACH)
        if len(wider) > 1:
            levels = wider
            basis = f"{basis} ± {BENCHMARK_LEVEL_REACH} level"
    scope, peers = _narrow(_at_levels(pool, levels) if levels else pool, row,
                           min_peers=min_peers)
    location_adjusted = scope != "metro" and factors() is not None
    peers = _located(peers, factors() if location_adjusted else None, metro=metro)
    present = peers["level"].astype(object).fillna(NOT_STATED)
    how.update(
        peer_scope=scope,
        level_basis=basis,
        peer_levels=", ".join(levels or sorted(set(present), key=_ladder_position)),
        location_adjusted=location_adjusted,
        n_peers_unadjusted=int(peers["location_factor"].isna().sum()),
    )
    return peers.sort_values(["annual_mid", "posting_id"]), how


def _ladder_position(level: str) -> tuple[int, str]:
    return (LEVELS.index(level) if level in LEVELS else len(LEVELS), level)


def peer_bands(
    bands: pd.DataFrame,
    *,
    posting_id: str | None = None,
    posting: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """The peers :func:`benchmark_posting` compares a posting with, one band per peer posting.

    Same arguments as :func:`benchmark_posting`. Returns the peers' rows of `bands` sorted by
    annual_mid (lowest first), with ``peer_scope`` naming the scope they were taken from; what
    the benchmark chart draws. annual_min/mid/max are the values compared: location-adjusted
    when the benchmark says ``location_adjusted``; posted_annual_min/mid/max keep the pay as
    posted and ``location_factor`` the ratio between them (NaN where it was not adjusted).
    """
    row = posting_row(bands, posting_id=posting_id, posting=posting)
    peers, how = _peers_of(bands, row, currency=currency, min_peers=min_peers)
    return peers.assign(peer_scope=how["peer_scope"])


def benchmark_posting(
    bands: pd.DataFrame,
    *,
    posting_id: str | None = None,
    posting: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Percentiles of one posting's min, mid and max among its peers' mins, mids and maxes.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table peers are drawn from. Not modified.
    posting_id : str, optional
        Benchmark this posting of `bands` (its first band when it has several).
    posting : pandas.DataFrame, optional
        A one-row bands-like frame (role_family, level, metro, state, country, annual_min/mid/max,
        optionally posting_id, title, employer) for a posting not in `bands`. Give exactly one of
        `posting_id` and `posting`.
    currency : str, default "USD"
        Peers are closed bands in this currency.
    min_peers : int, default 10
        Widen metro → state → nation while the scope holds fewer peer postings than this.
    n_boot, seed : int
        Employer resamples (and their seed) for the interval of the peers' median midpoint.

    Returns
    -------
    pandas.DataFrame
        One row: posting_id, title, employer, role_family, level (as stated), metro, state,
        annual_min, annual_mid, annual_max; how the peers were chosen:

        - ``peer_scope``: "metro", "state" or "nation";
        - ``level_basis``: "stated", "inferred from pay" (the title states no level;
          ``inferred_level`` is the likeliest level of the posting's pay among its national
          peers, :func:`level_posteriors`, with probability ``level_probability`` among
          ``levels_considered``, the levels with enough peers to infer from;
          ``below_levels_considered`` when the posting pays below the typical midpoint of each,
          so it may belong to a lower level too thin to consider) or "all
          levels" (nothing to infer from), followed by " ± 1 level" when adjacent levels
          joined; ``peer_levels``: the levels compared with, comma-separated (for "all
          levels", those present, "not stated" included);
        - ``location_adjusted``: peers beyond the metro had their pay moved to the posting's
          metro (:func:`location_factors`); False in the metro and when the posting's metro has
          no index; ``n_peers_unadjusted``: peers outside the posting's metro left as posted;

        n_peers, n_peer_employers; ``pct_min``, ``pct_mid``, ``pct_max``: percentiles (0-100,
        as ``scipy.stats.percentileofscore(kind="mean")``) of the posting's value among the
        peers' (adjusted) values of the same column, NaN without peers or without the posting's
        value; ``peer_annual_{min,mid,max}_{p10,p25,median,p75,p90}`` (Hazen quantiles, as
        :func:`~analysis.analyses.summary.band_summary`; NaN without peers);
        ``peer_annual_mid_median_low`` / ``_high``, the employer-clustered interval of the
        peers' median midpoint (:func:`analysis.stats.median_estimate`; NaN and
        ``too_few_employers`` with fewer than ``MIN_EMPLOYERS`` peer employers);
        ``gap_to_median`` (posting mid minus peer median mid) and ``gap_to_median_pct`` (as a
        fraction of the peer median); ``gap_within_noise``: the posting's midpoint lies inside
        that interval (False without one).

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> bands = load_bands()
    >>> benchmark_posting(bands, posting_id=bands["posting_id"].iloc[0])["peer_scope"].iloc[0] in (
    ...     "metro", "state", "nation")
    True
    """
    return benchmark_with_peers(bands, posting_id=posting_id, posting=posting, currency=currency,
                                min_peers=min_peers, n_boot=n_boot, seed=seed)[0]


def benchmark_with_peers(
    bands: pd.DataFrame,
    *,
    posting_id: str | None = None,
    posting: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`benchmark_posting`, :func:`peer_bands`) from one choice of peers."""
    row = posting_row(bands, posting_id=posting_id, posting=posting)
    peers, how = _peers_of(bands, row, currency=currency, min_peers=min_peers)

    out = {column: cell_value(row, column) for column in _ECHO}
    for column in ANNUAL_COLUMNS:
        out[column] = cell_value(row, column)
    out.update(how)
    out["n_peers"] = len(peers)
    out["n_peer_employers"] = int(peers["employer"].nunique())
    values = {column: peers[column].dropna().to_numpy(dtype=float) for column in ANNUAL_COLUMNS}
    for column in ANNUAL_COLUMNS:  # percentiles first, then the peers' quantiles: column order
        mine = out[column]
        out[f"pct_{column.removeprefix('annual_')}"] = (
            percentile_of(values[column], float(mine)) if len(values[column]) and mine is not None
            else np.nan)
    for column in ANNUAL_COLUMNS:
        for name, q in PERCENTILES.items():
            out[f"peer_{column}_{name}"] = weighted_quantile(values[column], q)
    priced = peers.dropna(subset=["annual_mid"])
    median = median_estimate(priced["annual_mid"].to_numpy(dtype=float),
                             clusters=priced["employer"].astype(object).to_numpy(),
                             confidence=CONFIDENCE, n_boot=n_boot,
                             rng=np.random.default_rng(seed))
    low, high = median.low, median.high  # NaN with too few employers
    out["peer_annual_mid_median_low"] = float(low)
    out["peer_annual_mid_median_high"] = float(high)
    out["too_few_employers"] = out["n_peer_employers"] < MIN_EMPLOYERS
    peer_median, mine = out["peer_annual_mid_median"], out["annual_mid"]
    known = mine is not None and not np.isnan(peer_median)
    out["gap_to_median"] = float(mine) - peer_median if known else np.nan
    out["gap_to_median_pct"] = ((float(mine) - peer_median) / peer_median
                                if known and peer_median else np.nan)
    out["gap_within_noise"] = bool(known and low <= float(mine) <= high)  # False with NaN ends
    return pd.DataFrame([out]), peers.assign(peer_scope=how["peer_scope"])


def posting_from_text(
    *, title: str, location: str, pay_text: str, currency: str = DEFAULT_CURRENCY
) -> pd.DataFrame:
    """A one-row bands-like frame from a title, a location and a pay text (first range).

    The range is annualized with ``PayRange.annual_min`` / ``annual_max``; the midpoint needs both
    ends. ``has_pay`` is False when no range is found.
    """
    info = parse_title(title)
    place = parse_location(location)
    pay = parse_pay(pay_text, currency=currency)
    first = pay.ranges[0] if pay.ranges else None
    annual_min = first.annual_min if first else None
    annual_max = first.annual_max if first else None
    annual_mid = (
        (annual_min + annual_max) / 2 if annual_min is not None and annual_max is not None else None
    )
    row = {
        "posting_id": None,
        "title": title,
        "employer": None,
        "role_family": info.role_family,
        "level": info.level,
        "track": info.track,
        "metro": place.metro,
        "state": place.state,
        "country": place.country,
        "currency": first.currency if first else None,
        "has_pay": first is not None,
        "annual_min": annual_min,
        "annual_mid": annual_mid,
        "annual_max": annual_max,
    }
    return pd.DataFrame([row])


def benchmark_from_text(
    bands: pd.DataFrame,
    *,
    title: str,
    location: str,
    pay_text: str,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """Benchmark a posting given as text (title, location, pay) against `bands`.

    Builds the posting with :func:`posting_from_text` (``parse_title``, ``parse_location``,
    ``parse_pay``) and calls :func:`benchmark_posting`; see there for the result.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> benchmark_from_text(load_bands(), title="Research Scientist, Machine Learning (PhD)",
    ...     location="Sunnyvale, CA",
    ...     pay_text="$117,000/year to $173,000/year + bonus + equity + benefits",
    ... )["annual_mid"].item()
    145000.0
    """
    posting = posting_from_text(
        title=title, location=location, pay_text=pay_text, currency=currency
    )
    return benchmark_posting(bands, posting=posting, currency=currency, min_peers=min_peers)


def benchmark_table(benchmark: pd.DataFrame, *, min_n: int = SMALL_N) -> pd.DataFrame:
    """The posting's min, mid and max beside the peers' p10 to p90, and its percentile.

    `benchmark` is a :func:`benchmark_posting` row. Returns three rows (Minimum, Midpoint,
    Maximum) with columns measure, posting, peer_p10, peer_p25, peer_median, peer_p75, peer_p90,
    percentile, n_peers; the peer columns and the percentile are left empty (NaN) below `min_n`
    peers.
    """
    row = benchmark.iloc[0].copy()
    if row["n_peers"] < min_n:
        hidden = [c for c in row.index if c.startswith(("peer_annual_", "pct_"))]
        row[hidden] = np.nan
    names = {"annual_min": "Minimum", "annual_mid": "Midpoint", "annual_max": "Maximum"}
    records = [
        {
            "measure": names[column],
            "posting": row[column],
            **{f"peer_{name}": row[f"peer_{column}_{name}"] for name in PERCENTILES},
            "percentile": row[f"pct_{column.removeprefix('annual_')}"],
            "n_peers": row["n_peers"],
        }
        for column in ANNUAL_COLUMNS
    ]
    return pd.DataFrame(records)
