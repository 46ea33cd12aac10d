"""Band summaries by any grouping: n, percentiles of annual min / mid / max, range spread.

Percentiles are posting-weighted (a posting with several bands in a group counts once) and the
median's interval resamples employers (:mod:`analysis.stats`).

One currency at a time: bands in other currencies are left out, never converted (count them with
`currency_coverage`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.choices import check_columns, warn_empty
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.stats import (
    Estimate,
    group_rng,
    grouped_quantiles,
    median_estimate,
    ratio_estimate,
)

# The percentiles compensation analysts read (p50 is named "median").
PERCENTILES = {"p10": 0.1, "p25": 0.25, "median": 0.5, "p75": 0.75, "p90": 0.9}
ANNUAL_COLUMNS = ("annual_min", "annual_mid", "annual_max")
# What band_summary and compare_groups read of the bands table besides their grouping columns.
COMPARABLE_COLUMNS = ["posting_id", "employer", "has_pay", "currency", *ANNUAL_COLUMNS]


def comparable_bands(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY,
                     warn: bool = False) -> pd.DataFrame:
    """Bands with a closed range (min and max) in `currency`: the rows summaries compare.

    warn : an :class:`~analysis.errors.EmptyFilterWarning` naming the filter that left none of
        `bands` (an analysis's entry point sets it; its calls on parts of the data do not).
    """
    keep = bands["has_pay"] & (bands["currency"] == currency) & bands["annual_mid"].notna()
    comparable = bands.loc[keep]
    if warn and comparable.empty and len(bands):
        warn_empty(*_emptied_by(bands, currency=currency))
    return comparable


def _emptied_by(bands: pd.DataFrame, *, currency: str) -> tuple[str, str]:
    """The first of :func:`comparable_bands`' filters that leaves no band, and what the bands
    hold instead."""
    with_pay = bands["has_pay"].fillna(False).astype(bool)
    if not with_pay.any():
        return "has_pay", "no band states pay"
    currencies = sorted(map(str, bands.loc[with_pay, "currency"].dropna().unique()))
    if currency not in currencies:
        return f"currency == {currency!r}", f"the data has pay in {', '.join(currencies)}"
    return ("keeping closed ranges",
            f"no {currency} band has both a minimum and a maximum")


def range_spread(bands: pd.DataFrame) -> pd.Series:
    """Each band's range spread, (max − min) / min: the comp-practice definition, the one every
    table and report uses (a 100k–150k band spreads 0.5).

    >>> range_spread(pd.DataFrame({"annual_min": [100e3], "annual_max": [150e3]})).tolist()
    [0.5]
    """
    return (bands["annual_max"] - bands["annual_min"]) / bands["annual_min"]


def midpoint_ratio(
    group: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    paired: bool = False,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    rng: np.random.Generator,
) -> Estimate:
    """:func:`analysis.stats.ratio_estimate` of two groups' median annual_mid: clustered by
    employer, each band weighted by the group's ``_weight`` column (:func:`posting_weights`)."""
    return ratio_estimate(
        group["annual_mid"].to_numpy(float), reference["annual_mid"].to_numpy(float),
        clusters=group["employer"].to_numpy(), reference_clusters=reference["employer"].to_numpy(),
        weights=group["_weight"].to_numpy(), reference_weights=reference["_weight"].to_numpy(),
        paired=paired, confidence=confidence, n_boot=n_boot, rng=rng)


def posting_weights(bands: pd.DataFrame, *, by: list[str] | None = None) -> pd.Series:
    """1 / the number of bands a posting has (within each `by` group): a posting that lists
    several places or levels counts once in a posting-level statistic.

    >>> frame = pd.DataFrame({"posting_id": ["a", "a", "b"], "metro": ["X", "Y", "X"]})
    >>> posting_weights(frame).tolist(), posting_weights(frame, by=["metro"]).tolist()
    ([0.5, 0.5, 1.0], [1.0, 1.0, 1.0])
    """
    keys = [*(by or []), "posting_id"]
    return 1.0 / bands.groupby(keys, dropna=False, observed=True)["posting_id"].transform("size")


def posting_values(group: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """`column`'s values in a group with their posting weights (column ``_weight``), one point
    per posting and value: a posting that lists three places at one figure is one value of
    weight 1, not three of weight 1/3 (which would read as three postings' worth of ties)."""
    pooled = group.groupby(["posting_id", column], observed=True, sort=False)["_weight"].sum()
    return pooled.index.get_level_values(column).to_numpy(dtype=float), pooled.to_numpy()


def posting_medians(bands: pd.DataFrame, *, by: list[str], columns: dict[str, str]
                    ) -> pd.DataFrame:
    """Posting-weighted medians per group, as in :func:`band_summary`: {output: column}.

    >>> frame = pd.DataFrame({"g": ["a", "a", "a"], "posting_id": ["p", "p", "q"],
    ...                       "x": [1.0, 1.0, 5.0]})
    >>> posting_medians(frame, by=["g"], columns={"x_median": "x"})["x_median"].tolist()
    [3.0]
    """
    if bands.empty:
        return pd.DataFrame(columns=[*by, *columns])
    groups = PostingGroups(bands, by)
    medians = pd.DataFrame(
        {out: groups.posting_quantiles(bands[column], [0.5])[:, 0]
         for out, column in columns.items()}, index=groups.index)
    return medians.reset_index()  # keys keep their dtype (an ordered level stays ordered)


class PostingGroups:
    """The groups of `data` by `keys` (a missing key is a group; groupby's sorted order) with
    each band's posting weight in its group: posting-weighted statistics of every group at once,
    the same numbers as one group at a time.

    >>> frame = pd.DataFrame({"g": ["a", "b", "a", "a"], "posting_id": ["p", "q", "p", "r"],
    ...                       "x": [1.0, 4.0, 1.0, 5.0]})
    >>> groups = PostingGroups(frame, ["g"])
    >>> groups.keys, groups.n_postings().tolist(), groups.weights.tolist()
    ([('a',), ('b',)], [2, 1], [0.5, 1.0, 0.5, 1.0])
    >>> groups.posting_quantiles(frame["x"], [0.5]).tolist()  # p counts once: median of 1 and 5
    [[3.0], [4.0]]
    """

    def __init__(self, data: pd.DataFrame, keys: list[str]):
        grouped = data.groupby(keys, dropna=False, observed=True, sort=True)
        self.index = grouped.size().index
        self.codes = grouped.ngroup().to_numpy(dtype=np.int64)
        self.n_groups = len(self.index)
        postings = pd.factorize(data["posting_id"], use_na_sentinel=False)[0]
        width = int(postings.max(initial=0)) + 1
        # One code per (group, posting): the unit posting_weights counts bands in.
        self.pairs, pair_keys = pd.factorize(self.codes * width + postings)
        self.pair_group = pair_keys // width
        self.pair_size = np.bincount(self.pairs)
        self.weights = 1.0 / self.pair_size[self.pairs]  # = posting_weights(data, by=keys)

    @property
    def keys(self) -> list[tuple]:
        """Each group's key as groupby yields it."""
        index = self.index
        return list(index) if isinstance(index, pd.MultiIndex) else [(key,) for key in index]

    def n_distinct(self, column: pd.Series) -> np.ndarray:
        """Per group, the distinct non-missing values of `column` (groupby's nunique)."""
        codes = pd.factorize(column)[0]
        seen = codes >= 0
        width = int(codes.max(initial=0)) + 1
        pairs = np.sort(self.codes[seen] * width + codes[seen])  # np.unique: 20x slower here
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
        return np.bincount(pairs // width, minlength=self.n_groups)

    def n_postings(self) -> np.ndarray:
        return np.bincount(self.pair_group, minlength=self.n_groups)

    def posting_quantiles(self, column: pd.Series, q: list[float]) -> np.ndarray:
        """Per group (rows) and quantile (columns), the posting-weighted quantile of `column`:
        :func:`posting_values` then :func:`~analysis.stats.weighted_quantile`, every group at
        once (:func:`~analysis.stats.grouped_quantiles`)."""
        values, groups, weights = self._posting_points(column.to_numpy(dtype=float))
        return grouped_quantiles(values, q, groups=groups, n_groups=self.n_groups,
                                 weights=weights)

    def _posting_points(self, values: np.ndarray):
        """:func:`posting_values` of every group: one point per (group, posting, value), its
        bands' weights summed as pandas sums them, listed in order of first appearance."""
        rows = np.flatnonzero(~np.isnan(values))
        alone = rows[self.pair_size[self.pairs[rows]] == 1]  # a posting's only band in its group
        shared = rows[self.pair_size[self.pairs[rows]] > 1]
        pooled = pd.DataFrame({"weight": self.weights[shared], "first": shared}).groupby(
            [self.pairs[shared], values[shared]], sort=False).agg(
            weight=("weight", "sum"), first=("first", "min"))
        pairs = pooled.index.get_level_values(0).to_numpy(dtype=np.int64)
        first = np.concatenate([alone, pooled["first"].to_numpy()])
        order = np.argsort(first, kind="stable")
        return (np.concatenate([values[alone], pooled.index.get_level_values(1)])[order],
                np.concatenate([self.codes[alone], self.pair_group[pairs]])[order],
                np.concatenate([self.weights[alone], pooled["weight"].to_numpy()])[order])

    def slices(self):
        """Per group: its code and the positions of its rows, in the frame's order."""
        order = np.argsort(self.codes, kind="stable")
        sizes = np.bincount(self.codes, minlength=self.n_groups)
        ends = np.cumsum(sizes)
        for code, (start, end) in enumerate(zip((ends - sizes).tolist(), ends.tolist(),
                                                strict=True)):
            yield code, order[start:end]


def currency_coverage(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> pd.DataFrame:
    """How many bands with pay each currency holds, and which one summaries use."""
    with_pay = bands.loc[bands["has_pay"]]
    counts = with_pay.groupby("currency", dropna=False).size().rename("bands").reset_index()
    counts["compared"] = counts["currency"] == currency
    return counts.sort_values("bands", ascending=False, ignore_index=True)


def band_summary(
    bands: pd.DataFrame,
    *,
    by: str | list[str],
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Summarize annual base-pay bands per group.

    Parameters
    ----------
    bands : the bands table.
    by : column(s) to group by, e.g. "metro" or ["role_family", "level"].
    currency : only bands in this currency are summarized.
    min_n : groups with fewer postings get ``small_n = True``.
    confidence : level of the interval of the median annual_mid.
    n_boot, seed : employer resamples behind that interval and the seed that makes them
        repeatable.

    Returns
    -------
    One row per group: n_bands, n_postings, n_employers; annual_{min,mid,max}_{p10,p25,median,
    p75,p90} (median is p50; posting-weighted so that a posting with several bands in the group
    counts once; Hazen's definition, see :func:`analysis.stats.weighted_quantile`);
    annual_mid_median_low / annual_mid_median_high, the employer-clustered interval of the
    median annual_mid (:func:`analysis.stats.median_estimate`; NaN with fewer than
    ``MIN_EMPLOYERS`` employers, ``too_few_employers``); spread_median, the
    median range spread (max − min) / min; small_n.

    Raises :class:`~analysis.errors.UnknownChoiceError` (a ValueError and a KeyError) for a `by`
    column that `bands` lacks, naming the closest; warns
    :class:`~analysis.errors.EmptyFilterWarning` when no band with a closed range in `currency`
    is left, naming the filter that emptied it (the summary is then empty).

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> band_summary(load_bands(), by="role_family").columns[:4].tolist()  # doctest: +SKIP
    ['role_family', 'n_bands', 'n_postings', 'n_employers']
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(bands, keys)
    data = comparable_bands(bands, currency=currency, warn=True)
    columns = [*keys, "n_bands", "n_postings", "n_employers",
               *(f"{c}_{name}" for c in ANNUAL_COLUMNS for name in PERCENTILES),
               "annual_mid_median_low", "annual_mid_median_high", "spread_median"]
    if data.empty:
        summary = pd.DataFrame([], columns=columns)
    else:
        summary = _summary_table(data, keys, columns, confidence=confidence, n_boot=n_boot,
                                 seed=seed)
    summary["small_n"] = summary["n_postings"] < min_n
    summary["too_few_employers"] = summary["n_employers"] < MIN_EMPLOYERS
    return summary


def _summary_table(data: pd.DataFrame, keys: list[str], columns: list[str], *,
                   confidence: float, n_boot: int, seed: int) -> pd.DataFrame:
    """:func:`band_summary`'s table of non-empty comparable bands: percentiles of all groups at
    once, then each group's own employer-resampled interval."""
    groups = PostingGroups(data, keys)
    # Built as the table of one dict per group always was, so key columns infer the same dtypes.
    table = pd.DataFrame([dict(zip(keys, key, strict=True)) for key in groups.keys],
                         columns=keys)
    table["n_bands"] = np.bincount(groups.codes, minlength=groups.n_groups)
    table["n_postings"] = groups.n_postings()
    table["n_employers"] = groups.n_distinct(data["employer"])
    for column in ANNUAL_COLUMNS:
        quantiles = groups.posting_quantiles(data[column], list(PERCENTILES.values()))
        for position, name in enumerate(PERCENTILES):
            table[f"{column}_{name}"] = quantiles[:, position]
    mids = data["annual_mid"].to_numpy(dtype=float)
    employer_codes, employers = pd.factorize(data["employer"])
    employers = np.append(np.asarray(employers, dtype=object), np.nan)  # code -1: no employer
    low, high = np.full(groups.n_groups, np.nan), np.full(groups.n_groups, np.nan)
    for (code, rows), key in zip(groups.slices(), groups.keys, strict=True):
        median = median_estimate(mids[rows], clusters=employers[employer_codes[rows]],
                                 weights=groups.weights[rows], confidence=confidence,
                                 n_boot=n_boot, rng=group_rng(seed, key))
        low[code], high[code] = median.low, median.high
    table["annual_mid_median_low"], table["annual_mid_median_high"] = low, high
    table["spread_median"] = groups.posting_quantiles(range_spread(data), [0.5])[:, 0]
    return table[columns]

