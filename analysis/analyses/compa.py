"""Your own postings against the market: each posting's compa-ratio and position in range.

A comp analyst's first question about their own posted ranges: is each one at market? For one
employer's postings, :func:`employer_positions` sets every band against its *peers*: the other
employers' closed bands (one currency) with the same role family, the same level and the same
metro, or the same pay zone when a zones table (metro → zone) is given. Three numbers place it:

- ``compa_ratio`` = the posting's midpoint / the peers' median midpoint (1.10: 10 % above the
  market's middle). Its interval comes from the peer median's employer-clustered interval
  (:func:`analysis.stats.median_estimate`): the employer's own midpoint is a fact, the market
  median an estimate.
- ``position_in_range`` = where the peers' median midpoint falls in the posting's own range:
  (peer median − annual_min) / (annual_max − annual_min), range penetration with the market
  median as the salary. 0.5: the market median sits at the range's midpoint; below 0 the whole
  range is above the market median, above 1 it tops out below it. NaN for a single figure.
- ``peer_percentile``: the posting's midpoint among the peers' midpoints, ties counted half
  (scipy's ``percentileofscore(kind="mean")``, as :mod:`.benchmark` computes it).

Peers are not widened. :mod:`.benchmark` widens a thin metro to the state and the nation with
location-adjusted pay, and infers a missing level from pay: right for placing one posting
somewhere, wrong here, where "same role, level, metro or zone" is the definition of the market a
compa-ratio is read against, and a ratio against a different, adjusted market would read the
same. Pay zones are the deliberate widening (metros that pay alike, pooled); a band whose cell
still holds fewer than ``min_peers`` postings or ``min_peer_employers`` employers is not placed
("too few peers") rather than placed against a handful of companies' pay policies. A posting
whose title states no level is not placed either ("no level"): unlevelled peers mix every rung.

A peer posting counts once in a peer group (its first band there); the employer's own
postings are never their own peers, whatever the case of its name.

:func:`employer_summary` reduces the positions to one row: how many postings were placed, their
median compa-ratio with an interval that resamples the peer employers as well as the employer's
postings, and the shares below, at and above market (:func:`compa_with_summary` gives both).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.analyses.summary import ANNUAL_COLUMNS, comparable_bands, posting_weights
from analysis.choices import check_choices, check_columns
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.stats import (
    ClusterSample,
    group_rng,
    median_estimate,
    percentile_interval,
    percentile_of,
    weighted_quantile,
)

# A compa-ratio within this much of 1 reads "at market": salary-administration practice treats
# pay within about ±5 % of the range midpoint (compa-ratio 0.95-1.05) as at midpoint, the
# tolerance of a posted band's midpoint against survey data of the same job.
COMPA_TOLERANCE = 0.05
# What a band's ``market_position`` reads, by its compa-ratio against 1 ± COMPA_TOLERANCE.
MARKET_POSITIONS = ("below market", "at market", "above market")
# The groupings a peer group can be: the band's metro, or its metro's pay zone.
PEER_SCOPES = ("metro", "zone")
# Why a band was or was not placed, in the order the checks run.
STATUSES = ("ok", "no pay", "other currency", "open range", "no role family", "no level",
            "no metro", "no zone", "too few peers")
# The bands-table columns employer_positions reads.
COMPA_COLUMNS = ["posting_id", "employer", "title", "role_family", "level", "metro", "has_pay",
                 "currency", *ANNUAL_COLUMNS]

# The peers' midpoints as :mod:`.benchmark` names them.
_PEER_COLUMNS = ["n_peers", "n_peer_employers", "peer_annual_mid_p25", "peer_annual_mid_median",
                 "peer_annual_mid_p75", "peer_annual_mid_median_low",
                 "peer_annual_mid_median_high"]


def employer_positions(
    bands: pd.DataFrame,
    *,
    employer: str,
    peers: str | None = None,
    zones: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = SMALL_N,
    min_peer_employers: int = MIN_EMPLOYERS,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Each band of `employer`'s postings against its market peers: compa-ratio and position.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table: the employer's postings and the market. Not modified.
    employer : str
        Whose postings, matched ignoring case ("acme" finds "Acme"). A name the data does not
        hold raises :class:`~analysis.errors.UnknownChoiceError` naming the closest.
    peers : {"metro", "zone"}, optional
        Peers share the band's metro, or its pay zone (needs `zones`). Default: "zone" when
        `zones` is given, else "metro".
    zones : pandas.DataFrame, optional
        The pay zone of each metro: columns metro and zone (and role_family, when zones differ
        by role), e.g. :func:`analysis.analyses.zones.pay_zones` output. Given, the result has a
        zone column.
    currency : str
        Peers are closed bands in this currency; the employer's bands in others are not placed
        ("other currency"), never converted.
    min_peers, min_peer_employers : int
        Fewer peer postings or peer employers than these and a band is "too few peers": a median
        of four postings, or of one company's pay policy, is no market.
    confidence, n_boot, seed
        The peer median's employer-clustered interval (resampling peer employers, a seeded
        stream per peer group) and hence the compa-ratio's.

    Returns
    -------
    pandas.DataFrame
        One row per band of the employer's postings (a posting with ranges for two metros is
        placed in each), sorted by posting_id and band: employer, posting_id, band, title,
        role_family, level, metro, (zone,) currency, annual_min/mid/max; peer_scope ("metro" or
        "zone"), peer_group (the peers in words: "software engineer, senior, in Austin-Round
        Rock-San Marcos, TX"), status (:data:`STATUSES`), n_peers and n_peer_employers (peer
        postings, each counted once, and their employers); the peers' midpoints as
        :func:`~analysis.analyses.benchmark.benchmark_posting` names them:
        peer_annual_mid_p25, peer_annual_mid_median, peer_annual_mid_p75 and the median's
        interval peer_annual_mid_median_low/high (NaN below ``MIN_EMPLOYERS`` peer employers);
        compa_ratio with compa_ratio_low/high, position_in_range, peer_percentile (0-100) and
        market_position (:data:`MARKET_POSITIONS`, by ``COMPA_TOLERANCE``). The peer and ratio
        columns are NaN unless status is "ok"; the peer counts are filled wherever a peer group
        was looked up, so "too few peers" says how few.

    Examples
    --------
    Five peer employers post senior data scientists in Austin at midpoints of 100k-140k; Acme
    posts one at 132k, 10 % above their median (120k):

    >>> mids = [100e3, 110e3, 120e3, 130e3, 140e3, 132e3]
    >>> bands = pd.DataFrame({
    ...     "posting_id": [f"p{i}" for i in range(6)],
    ...     "employer": ["A", "B", "C", "D", "E", "Acme"], "title": "Senior Data Scientist",
    ...     "role_family": "data scientist", "level": "senior", "metro": "Austin, TX",
    ...     "has_pay": True, "currency": "USD", "annual_min": [m * 0.9 for m in mids],
    ...     "annual_mid": mids, "annual_max": [m * 1.1 for m in mids]})
    >>> row = employer_positions(bands, employer="acme").iloc[0]
    >>> row["status"], round(float(row["compa_ratio"]), 2), float(row["peer_percentile"])
    ('ok', 1.1, 80.0)
    >>> round(float(row["position_in_range"]), 3)  # the market median, near the bottom of its range
    0.045
    """
    return _placement(bands, employer=employer, peers=peers, zones=zones, currency=currency,
                      min_peers=min_peers, min_peer_employers=min_peer_employers,
                      confidence=confidence, n_boot=n_boot, seed=seed)[0]


def _placement(bands, *, employer, peers, zones, currency, min_peers, min_peer_employers,
               confidence, n_boot, seed) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """:func:`employer_positions` and the peers of each peer group it placed a band in, by
    peer_group."""
    check_columns(bands, COMPA_COLUMNS)
    scope = _peer_scope(peers, zones)
    own = _employer_mask(bands, employer)
    data = bands[[*COMPA_COLUMNS, *(["band"] if "band" in bands.columns else [])]].copy()
    key = "metro"
    if zones is not None:
        data["zone"] = _zone_of(data, zones)
        key = scope
    data["_level"] = data["level"].astype(object)

    pool = comparable_bands(data.loc[~own], currency=currency)
    pool = pool.dropna(subset=["role_family", "_level", key])
    sort_keys = ["posting_id", "band"] if "band" in pool.columns else ["posting_id"]
    cell = ["role_family", "_level", key]
    pool = pool.sort_values(sort_keys).drop_duplicates([*cell, "posting_id"])
    groups = {name: group for name, group in pool.groupby(cell, sort=False)}

    mine = data.loc[own]
    if "band" not in mine.columns:
        mine = mine.assign(band=0)
    mine = mine.sort_values(["posting_id", "band"], kind="stable")
    status = _status(mine, currency=currency, key=key)
    columns = _columns(with_zone=zones is not None)
    cells: dict[tuple, dict] = {}  # each peer group's statistics, computed once
    rows = []
    for (_, row), why in zip(mine.iterrows(), status, strict=True):
        out = dict.fromkeys(columns, np.nan)
        out.update({column: row.get(column) for column in columns[: columns.index("peer_scope")]})
        name = (row["role_family"], row["_level"], row[key])
        out.update(level=row["_level"], peer_scope=scope, peer_group=_peer_group(name, key=key),
                   status=why)
        if why is None:
            group = groups.get(name, pool.iloc[0:0])
            out["n_peers"] = len(group)
            out["n_peer_employers"] = int(group["employer"].nunique())
            if len(group) < min_peers or out["n_peer_employers"] < min_peer_employers:
                out["status"] = "too few peers"
            else:
                if name not in cells:
                    cells[name] = _cell_stats(group, name, confidence=confidence,
                                              n_boot=n_boot, seed=seed)
                out.update(cells[name])
                out["peer_percentile"] = percentile_of(group["annual_mid"].to_numpy(float),
                                                       float(row["annual_mid"]))
                out["status"] = "ok"
        rows.append(out)
    placed = {_peer_group(name, key=key): groups[name] for name in cells}
    return _ratios(pd.DataFrame(rows, columns=columns)), placed



def _columns(*, with_zone: bool) -> list[str]:
    """The columns of :func:`employer_positions`, in order."""
    return ["employer", "posting_id", "band", "title", "role_family", "level", "metro",
            *(["zone"] if with_zone else []), "currency", *ANNUAL_COLUMNS, "peer_scope",
            "peer_group", "status", *_PEER_COLUMNS, "compa_ratio", "compa_ratio_low",
            "compa_ratio_high", "position_in_range", "peer_percentile", "market_position"]


def _peer_scope(peers: str | None, zones: pd.DataFrame | None) -> str:
    """The grouping peers share: `peers` as asked, else zone when there are zones."""
    scope = peers if peers is not None else ("zone" if zones is not None else "metro")
    check_choices([scope], PEER_SCOPES, what="peer scope", where="peers can share a")
    if scope == "zone" and zones is None:
        raise ValueError("peers='zone' needs a zones table (columns metro and zone), e.g. "
                         "analysis.analyses.zones.pay_zones(bands)")
    return scope


def _employer_mask(bands: pd.DataFrame, employer: str) -> pd.Series:
    """The bands of `employer`, its name matched ignoring case and outer spaces; an
    UnknownChoiceError naming the closest when none matches."""
    names = bands["employer"]
    known = names.dropna().unique()  # each spelling folded once, not each band
    wanted = str(employer).casefold().strip()
    spellings = [name for name in known if str(name).casefold().strip() == wanted]
    if not spellings:
        check_choices([employer], known, what="employer", where="the data has")
    return names.isin(spellings)


def _zone_of(bands: pd.DataFrame, zones: pd.DataFrame) -> pd.Series:
    """Each band's pay zone from `zones` (by metro, and by role family when `zones` has one);
    NaN where its metro has none. A metro given two zones is a ValueError."""
    check_columns(zones, ["metro", "zone"], where="the zones table has")
    keys = ["metro", *(["role_family"] if "role_family" in zones.columns else [])]
    table = zones[[*keys, "zone"]].dropna(subset=keys).drop_duplicates()
    clashing = table.loc[table.duplicated(keys, keep=False)]
    if not clashing.empty:
        first = clashing.loc[(clashing[keys] == clashing.iloc[0][keys]).all(axis=1)]
        named = ", ".join(str(first.iloc[0][k]) for k in keys)
        raise ValueError(f"the zones table gives {named} {len(first)} zones "
                         f"({', '.join(map(str, first['zone']))}); give each metro one zone")
    left = bands[keys].astype(object)
    merged = left.merge(table.astype({k: object for k in keys}), on=keys, how="left")
    return pd.Series(merged["zone"].array, index=bands.index, name="zone")  # Int64 stays 3


def _status(mine: pd.DataFrame, *, currency: str, key: str) -> list[str | None]:
    """Why each band cannot be placed, or None when it can be looked up among peers."""
    has_pay = mine["has_pay"].fillna(False).astype(bool)
    closed = mine["annual_min"].notna() & mine["annual_max"].notna() & mine["annual_mid"].notna()
    checks = [
        ("no pay", ~has_pay),
        ("other currency", mine["currency"].astype(object) != currency),
        ("open range", ~closed),
        ("no role family", mine["role_family"].isna()),
        ("no level", mine["_level"].isna()),
        ("no metro", mine["metro"].isna()),
        ("no zone", mine[key].isna() if key == "zone" else pd.Series(False, index=mine.index)),
    ]
    failed = [(why, mask.fillna(True).to_numpy(dtype=bool)) for why, mask in checks]
    return [next((why for why, mask in failed if mask[i]), None) for i in range(len(mine))]


def _peer_group(name: tuple, *, key: str) -> str:
    """A peer group (role family, level, metro or zone) in words: "software engineer, senior,
    in Austin-Round Rock, TX", "data scientist, mid, in zone 2"."""
    role_family, level, where = (None if not isinstance(v, str) and pd.isna(v) else v
                                 for v in name)
    place = (f"(no {key})" if where is None
             else f"in zone {where}" if key == "zone" and not str(where).casefold().startswith(
                 "zone") else f"in {where}")
    return ", ".join([role_family or "(no role family)", level or "(no level)", place])


def _cell_stats(group: pd.DataFrame, name: tuple, *, confidence: float, n_boot: int,
                seed: int) -> dict:
    """The peers' midpoint quartiles and their median's employer-clustered interval."""
    mids = group["annual_mid"].to_numpy(dtype=float)
    estimate = median_estimate(mids, clusters=group["employer"].astype(object).to_numpy(),
                               confidence=confidence, n_boot=n_boot,
                               rng=group_rng(seed, tuple(map(str, name))))
    return {"peer_annual_mid_p25": weighted_quantile(mids, 0.25),
            "peer_annual_mid_median": estimate.value,
            "peer_annual_mid_p75": weighted_quantile(mids, 0.75),
            "peer_annual_mid_median_low": estimate.low,
            "peer_annual_mid_median_high": estimate.high}


def _ratios(table: pd.DataFrame) -> pd.DataFrame:
    """compa_ratio with its interval, position_in_range and market_position, from the peers'
    median and its interval."""
    low, mid, high = (table[column].astype(float) for column in ANNUAL_COLUMNS)
    p50 = table["peer_annual_mid_median"].astype(float)
    compa = mid / p50
    width = high - low
    position = np.select(
        [compa < 1 - COMPA_TOLERANCE, compa > 1 + COMPA_TOLERANCE, compa.notna()],
        [MARKET_POSITIONS[0], MARKET_POSITIONS[2], MARKET_POSITIONS[1]], default=None)
    return table.assign(
        n_peers=table["n_peers"].astype("Int64"),
        n_peer_employers=table["n_peer_employers"].astype("Int64"),
        compa_ratio=compa,
        compa_ratio_low=mid / table["peer_annual_mid_median_high"].astype(float),
        compa_ratio_high=mid / table["peer_annual_mid_median_low"].astype(float),
        position_in_range=((p50 - low) / width).where(width > 0),
        peer_percentile=table["peer_percentile"].astype(float),
        market_position=pd.Series(position, index=table.index, dtype=object),
    )


def employer_summary(
    bands: pd.DataFrame,
    *,
    employer: str,
    peers: str | None = None,
    zones: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = SMALL_N,
    min_peer_employers: int = MIN_EMPLOYERS,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row on `employer`'s postings against the market; arguments as
    :func:`employer_positions`, whose rows it sums up (:func:`compa_with_summary` gives both).

    The median compa-ratio counts each placed posting once (a posting placed in two metros gives
    each band half a vote). Its interval is a bootstrap of both things the ratios rest on, the
    market as much as the employer: each draw resamples the employer's placed postings (a
    posting's bands together) and, jointly across every peer group, the peer employers (one
    employer's pay policy moves all the groups it posts in, so the groups' medians are not
    independent errors), recomputes each group's median midpoint and each compa-ratio against
    it, and takes their median. The interval is the draws' percentile interval. In planted
    markets (twelve groups, the same peer employers posting in all of them, an employer
    premium planted at 10 %) the 95 % interval covered the premium in 95 % of 200 markets with
    ten peer employers, 93.5 % with six and 97.5 % with twenty; resampling the employer's
    postings alone covered it in about 80 %. Fewer than ``SMALL_N`` placed postings: no
    interval (NaN ends).

    Returns
    -------
    pandas.DataFrame
        One row: employer, peer_scope, currency, postings, placed (postings with a band placed),
        peer_groups (the placed bands' distinct peer groups), median_compa_ratio with
        median_compa_ratio_low/high, share_below / share_at / share_above (of placed postings,
        compa-ratio below 1 − ``COMPA_TOLERANCE``, within, above 1 + it), and not_placed: the
        postings none of whose bands was placed, counted by their first band's status ("12 too
        few peers, 3 no level").
    """
    return compa_with_summary(bands, employer=employer, peers=peers, zones=zones,
                              currency=currency, min_peers=min_peers,
                              min_peer_employers=min_peer_employers, confidence=confidence,
                              n_boot=n_boot, seed=seed)[1]


def compa_with_summary(
    bands: pd.DataFrame,
    *,
    employer: str,
    peers: str | None = None,
    zones: pd.DataFrame | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = SMALL_N,
    min_peer_employers: int = MIN_EMPLOYERS,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`employer_positions`, :func:`employer_summary`) from one choice of peers."""
    positions, groups = _placement(bands, employer=employer, peers=peers, zones=zones,
                                   currency=currency, min_peers=min_peers,
                                   min_peer_employers=min_peer_employers,
                                   confidence=confidence, n_boot=n_boot, seed=seed)
    placed = positions.loc[positions["status"] == "ok"]
    weights = posting_weights(placed).to_numpy(dtype=float) if len(placed) else np.array([])
    median = (weighted_quantile(placed["compa_ratio"].to_numpy(dtype=float), 0.5, weights)
              if len(placed) else np.nan)
    low = high = np.nan
    n_placed = placed["posting_id"].nunique()
    if n_placed >= SMALL_N:
        names = sorted(map(str, placed["employer"].dropna().unique()))
        draws = _median_draws(placed, weights, groups, n_boot=n_boot,
                              rng=group_rng(seed, ("compa", *names)))
        draws = draws[np.isfinite(draws)]
        low, high = percentile_interval(draws, confidence=confidence)
    shares = {}
    for position, name in zip(MARKET_POSITIONS, ("share_below", "share_at", "share_above"),
                              strict=True):
        hit = (placed["market_position"] == position).to_numpy()
        shares[name] = float(weights[hit].sum() / weights.sum()) if len(placed) else np.nan
    first = positions.groupby("posting_id", sort=True)["status"].agg(
        lambda s: "ok" if (s == "ok").any() else s.iloc[0])
    counts = first.loc[first != "ok"].value_counts()
    counts = counts.reindex([s for s in STATUSES if s in counts.index])
    summary = pd.DataFrame([{
        "employer": ", ".join(sorted(map(str, positions["employer"].dropna().unique()))),
        "peer_scope": _peer_scope(peers, zones),
        "currency": currency,
        "postings": positions["posting_id"].nunique(),
        "placed": n_placed,
        "peer_groups": placed["peer_group"].nunique(),
        "median_compa_ratio": median,
        "median_compa_ratio_low": low,
        "median_compa_ratio_high": high,
        **shares,
        "not_placed": ", ".join(f"{n:,} {why}" for why, n in counts.items()),
    }])
    return positions, summary


def _median_draws(placed: pd.DataFrame, weights: np.ndarray, groups: dict[str, pd.DataFrame],
                  *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """`n_boot` medians of the placed compa-ratios, the employer's postings and the peer
    employers (jointly across groups) resampled, each group's median midpoint recomputed."""
    postings, posting_code = np.unique(placed["posting_id"].astype(str), return_inverse=True)
    names, group_code = np.unique(placed["peer_group"].astype(str), return_inverse=True)
    samples = [ClusterSample(groups[name]["annual_mid"].to_numpy(dtype=float),
                             clusters=groups[name]["employer"].astype(object).to_numpy())
               for name in names]
    employers = np.unique(np.concatenate([sample.labels for sample in samples]))
    peer_picks = rng.multinomial(len(employers), np.full(len(employers), 1 / len(employers)),
                                 size=n_boot)
    market = np.column_stack([  # n_boot x groups: each group's median under the same picks
        sample.medians_under(peer_picks[:, np.searchsorted(employers, np.unique(sample.labels))])
        for sample in samples])
    own_picks = rng.multinomial(len(postings), np.full(len(postings), 1 / len(postings)),
                                size=n_boot)
    mids = placed["annual_mid"].to_numpy(dtype=float)
    values = mids[None, :] / market[:, group_code]
    draw_weights = own_picks[:, posting_code] * weights[None, :]
    draw_weights[~np.isfinite(values)] = 0  # a group none of whose employers was drawn
    return _weighted_medians(values, draw_weights)


def _weighted_medians(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted median of each row of `values` (:func:`analysis.stats.weighted_median`'s
    definition: the value at half the weight, the mean of two at an exact half); NaN for a row
    of no weight."""
    values = np.where(weights > 0, values, np.inf)  # not drawn: sorted past every drawn value
    order = np.argsort(values, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    cumulative = np.cumsum(np.take_along_axis(weights, order, axis=1), axis=1)
    half = cumulative[:, -1] / 2
    at = np.minimum((cumulative < (half - 1e-9 * half)[:, None]).sum(axis=1),
                    values.shape[1] - 1)
    rows = np.arange(len(values))
    exact = np.isclose(cumulative[rows, at], half)
    following = values[rows, np.minimum(at + 1, values.shape[1] - 1)]
    medians = np.where(exact & np.isfinite(following), (values[rows, at] + following) / 2,
                       values[rows, at])
    return np.where(half > 0, medians, np.nan)
