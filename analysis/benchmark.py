"""Posting benchmark: where one posting's band sits among its peers.

Peers are closed bands (min and max, one currency) of *other* postings with the same role family,
the same level when the posting's level is known, and the same metro. When the metro holds fewer
than ``min_peers`` peer postings the group widens to the state, then to the nation (the posting's
country, or every band when the country is unknown); ``peer_scope`` says which group was used.
A peer posting with several bands counts once, by its first band.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import percentileofscore

from analysis.locations import parse_location
from analysis.pay import parse_pay
from analysis.summary import comparable_bands
from analysis.titles import parse_title
from analysis.vocabulary import DEFAULT_CURRENCY

MIN_PEERS = 10
SCOPES = ("metro", "state", "nation")
_ANNUAL = ("annual_min", "annual_mid", "annual_max")
_ECHO = ("posting_id", "title", "employer", "role_family", "level", "metro", "state")


def _value(row: pd.Series, column: str):
    value = row.get(column)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _peer_pool(bands: pd.DataFrame, row: pd.Series, *, currency: str) -> pd.DataFrame:
    """Closed bands of other postings with the posting's role family (and level when known)."""
    pool = comparable_bands(bands, currency=currency)
    posting_id = _value(row, "posting_id")
    if posting_id is not None:
        pool = pool.loc[pool["posting_id"] != posting_id]
    role_family = _value(row, "role_family")
    pool = pool.loc[pool["role_family"] == role_family] if role_family else pool.iloc[0:0]
    level = _value(row, "level")
    if level is not None:
        pool = pool.loc[pool["level"].astype(object) == str(level)]
    sort_keys = ["posting_id", "band"] if "band" in pool.columns else ["posting_id"]
    return pool.sort_values(sort_keys).drop_duplicates("posting_id")


def _narrow(pool: pd.DataFrame, row: pd.Series, *, min_peers: int) -> tuple[str, pd.DataFrame]:
    """The narrowest scope with at least `min_peers` peers (nation whatever its size)."""
    for scope in ("metro", "state"):
        key = _value(row, scope)
        if key is None:
            continue
        peers = pool.loc[pool[scope] == key]
        if len(peers) >= min_peers:
            return scope, peers
    country = _value(row, "country")
    if country is not None and "country" in pool.columns:
        pool = pool.loc[pool["country"] == country]
    return "nation", pool


def posting_benchmark(
    bands: pd.DataFrame,
    *,
    posting_id: str | None = None,
    posting: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
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

    Returns
    -------
    pandas.DataFrame
        One row: posting_id, title, employer, role_family, level, metro, state, annual_min,
        annual_mid, annual_max, peer_scope ("metro", "state" or "nation"), n_peers, and
        ``pct_min``, ``pct_mid``, ``pct_max``: percentiles (0-100,
        ``scipy.stats.percentileofscore(kind="mean")``) of the posting's value among the peers'
        values of the same column; NaN without peers or without the posting's value. Also
        ``peer_annual_mid_median``.

    Examples
    --------
    >>> from analysis.datasets import load_bands
    >>> bands = load_bands()
    >>> posting_benchmark(bands, posting_id=bands["posting_id"].iloc[0])["peer_scope"].iloc[0] in (
    ...     "metro", "state", "nation")
    True
    """
    if (posting_id is None) == (posting is None):
        raise ValueError("give exactly one of posting_id and posting")
    if posting_id is not None:
        rows = bands.loc[bands["posting_id"] == posting_id]
        if rows.empty:
            raise KeyError(f"posting {posting_id!r} is not in the bands table")
        if "band" in rows.columns:
            rows = rows.sort_values("band")
        row = rows.iloc[0]
    else:
        if len(posting) != 1:
            raise ValueError(f"posting must have exactly one row, got {len(posting)}")
        row = posting.iloc[0]

    pool = _peer_pool(bands, row, currency=currency)
    scope, peers = _narrow(pool, row, min_peers=min_peers)

    out = {column: _value(row, column) for column in _ECHO}
    for column in _ANNUAL:
        out[column] = _value(row, column)
    out["peer_scope"] = scope
    out["n_peers"] = len(peers)
    for column, name in zip(_ANNUAL, ("pct_min", "pct_mid", "pct_max"), strict=True):
        values = peers[column].dropna().to_numpy(dtype=float)
        mine = out[column]
        out[name] = (
            float(percentileofscore(values, float(mine), kind="mean"))
            if len(values) and mine is not None
            else np.nan
        )
    out["peer_annual_mid_median"] = float(peers["annual_mid"].median()) if len(peers) else np.nan
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
    ``parse_pay``) and calls :func:`posting_benchmark`; see there for the result.

    Examples
    --------
    >>> from analysis.datasets import load_bands
    >>> benchmark_from_text(load_bands(), title="Research Scientist, Machine Learning (PhD)",
    ...     location="Sunnyvale, CA",
    ...     pay_text="$117,000/year to $173,000/year + bonus + equity + benefits",
    ... )["annual_mid"].item()
    145000.0
    """
    posting = posting_from_text(
        title=title, location=location, pay_text=pay_text, currency=currency
    )
    return posting_benchmark(bands, posting=posting, currency=currency, min_peers=min_peers)
