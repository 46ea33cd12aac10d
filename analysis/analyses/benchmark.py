"""Posting benchmark: where one posting's band sits among its peers.

Peers are closed bands (min and max, one currency) of *other* postings with the same role family,
the same level when the posting's level is known, and the same metro. When the metro holds fewer
than ``min_peers`` peer postings the group widens to the state, then to the nation (the posting's
country, or every band when the country is unknown); ``peer_scope`` says which group was used.
A peer posting with several bands counts once, by its first band.

What a report wraps around this (choosing the posting, the seed posting, why a posting cannot be
placed, the facts its prose quotes) is in :mod:`.benchmark_cases`; its names are still
importable from here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.analyses.summary import ANNUAL_COLUMNS, PERCENTILES, comparable_bands
from analysis.config import DEFAULT_CURRENCY, MIN_PEERS, N_BOOT, SEED, SMALL_N
from analysis.normalize.locations import parse_location
from analysis.normalize.pay import parse_pay
from analysis.normalize.titles import parse_title
from analysis.stats import median_interval, percentile_of

_ECHO = ("posting_id", "title", "employer", "role_family", "level", "metro", "state")


def cell_value(row: pd.Series, column: str):
    """`row[column]`, or None when the column is absent or the cell is missing (NaN, NA, NaT)."""
    value = row.get(column)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def posting_row(
    bands: pd.DataFrame, *, posting_id: str | None = None, posting: pd.DataFrame | None = None
) -> pd.Series:
    """The posting a benchmark is about: `posting_id`'s first band in `bands`, or `posting`'s row.

    Raises ValueError unless exactly one of them is given (or `posting` has one row), KeyError
    when `posting_id` is not in `bands`.
    """
    if (posting_id is None) == (posting is None):
        raise ValueError("give exactly one of posting_id and posting")
    if posting_id is not None:
        rows = bands.loc[bands["posting_id"] == posting_id]
        if rows.empty:
            raise KeyError(f"posting {posting_id!r} is not in the bands table")
        if "band" in rows.columns:
            rows = rows.sort_values("band")
        return rows.iloc[0]
    if len(posting) != 1:
        raise ValueError(f"posting must have exactly one row, got {len(posting)}")
    return posting.iloc[0]


def _peer_pool(bands: pd.DataFrame, row: pd.Series, *, currency: str) -> pd.DataFrame:
    """Closed bands of other postings with the posting's role family (and level when known)."""
    pool = comparable_bands(bands, currency=currency)
    posting_id = cell_value(row, "posting_id")
    if posting_id is not None:
        pool = pool.loc[pool["posting_id"] != posting_id]
    role_family = cell_value(row, "role_family")
    pool = pool.loc[pool["role_family"] == role_family] if role_family else pool.iloc[0:0]
    level = cell_value(row, "level")
    if level is not None:
        pool = pool.loc[pool["level"].astype(object) == str(level)]
    sort_keys = ["posting_id", "band"] if "band" in pool.columns else ["posting_id"]
    return pool.sort_values(sort_keys).drop_duplicates("posting_id")


def _narrow(pool: pd.DataFrame, row: pd.Series, *, min_peers: int) -> tuple[str, pd.DataFrame]:
    """The narrowest scope with at least `min_peers` peers (nation whatever its size)."""
    for scope in ("metro", "state"):
        key = cell_value(row, scope)
        if key is None:
            continue
        peers = pool.loc[pool[scope] == key]
        if len(peers) >= min_peers:
            return scope, peers
    country = cell_value(row, "country")
    if country is not None and "country" in pool.columns:
        pool = pool.loc[pool["country"] == country]
    return "nation", pool


def _peers_of(
    bands: pd.DataFrame, row: pd.Series, *, currency: str, min_peers: int
) -> tuple[str, pd.DataFrame]:
    pool = _peer_pool(bands, row, currency=currency)
    return _narrow(pool, row, min_peers=min_peers)


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
    annual_mid (lowest first), with a ``peer_scope`` column naming the scope they were taken from;
    what the benchmark chart draws.
    """
    row = posting_row(bands, posting_id=posting_id, posting=posting)
    scope, peers = _peers_of(bands, row, currency=currency, min_peers=min_peers)
    return peers.sort_values(["annual_mid", "posting_id"]).assign(peer_scope=scope)


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
        Bootstrap resamples (and their seed) for the interval of the peers' median midpoint.

    Returns
    -------
    pandas.DataFrame
        One row: posting_id, title, employer, role_family, level, metro, state, annual_min,
        annual_mid, annual_max, peer_scope ("metro", "state" or "nation"), n_peers,
        n_peer_employers, and ``pct_min``, ``pct_mid``, ``pct_max``: percentiles (0-100,
        as ``scipy.stats.percentileofscore(kind="mean")``) of the posting's value among the peers'
        values of the same column; NaN without peers or without the posting's value.
        ``peer_annual_{min,mid,max}_{p25,median,p75}`` describe the peers (NaN without peers);
        ``peer_annual_mid_median_low`` / ``_high`` is the 95% bootstrap interval of the peers'
        median midpoint; ``gap_to_median`` (posting mid minus peer median mid, in currency units)
        and ``gap_to_median_pct`` (as a fraction of the peer median); ``gap_within_noise`` is True
        when the posting's midpoint lies inside that interval.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> bands = load_bands()
    >>> benchmark_posting(bands, posting_id=bands["posting_id"].iloc[0])["peer_scope"].iloc[0] in (
    ...     "metro", "state", "nation")
    True
    """
    row = posting_row(bands, posting_id=posting_id, posting=posting)
    scope, peers = _peers_of(bands, row, currency=currency, min_peers=min_peers)

    out = {column: cell_value(row, column) for column in _ECHO}
    for column in ANNUAL_COLUMNS:
        out[column] = cell_value(row, column)
    out["peer_scope"] = scope
    out["n_peers"] = len(peers)
    out["n_peer_employers"] = int(peers["employer"].nunique()) if "employer" in peers else 0
    for column, name in zip(ANNUAL_COLUMNS, ("pct_min", "pct_mid", "pct_max"), strict=True):
        values = peers[column].dropna().to_numpy(dtype=float)
        mine = out[column]
        out[name] = (
            percentile_of(values, float(mine))
            if len(values) and mine is not None
            else np.nan
        )
    for column in ANNUAL_COLUMNS:
        for name, q in PERCENTILES.items():
            value = peers[column].quantile(q) if len(peers) else np.nan
            out[f"peer_{column}_{name}"] = float(value)
    mids = peers["annual_mid"].dropna().to_numpy(dtype=float)
    if len(mids):
        low, high = median_interval(mids, n_boot=n_boot, rng=np.random.default_rng(seed))
    else:
        low = high = np.nan
    out["peer_annual_mid_median_low"] = float(low)
    out["peer_annual_mid_median_high"] = float(high)
    median, mine = out["peer_annual_mid_median"], out["annual_mid"]
    known = mine is not None and not np.isnan(median)
    out["gap_to_median"] = float(mine) - median if known else np.nan
    out["gap_to_median_pct"] = (float(mine) - median) / median if known and median else np.nan
    out["gap_within_noise"] = bool(known and low <= float(mine) <= high)
    return pd.DataFrame([out])


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
    """The posting's min, mid and max beside the peers' p25, median and p75, and its percentile.

    `benchmark` is a :func:`benchmark_posting` row. Returns three rows (Minimum, Midpoint,
    Maximum) with columns measure, posting, peer_p25, peer_median, peer_p75, percentile, n_peers;
    the peer columns and the percentile are left empty (NaN) below `min_n` peers.
    """
    row = benchmark.iloc[0].copy()
    if row["n_peers"] < min_n:
        hidden = [c for c in row.index if c.startswith(("peer_", "pct_"))]
        row[hidden] = np.nan
    names = {"annual_min": "Minimum", "annual_mid": "Midpoint", "annual_max": "Maximum"}
    records = [
        {
            "measure": names[column],
            "posting": row[column],
            "peer_p25": row[f"peer_{column}_p25"],
            "peer_median": row[f"peer_{column}_median"],
            "peer_p75": row[f"peer_{column}_p75"],
            "percentile": row[f"pct_{column.removeprefix('annual_')}"],
            "n_peers": row["n_peers"],
        }
        for column in ANNUAL_COLUMNS
    ]
    return pd.DataFrame(records)
