"""Level ladders per role family: midpoint progression, band overlap and spread per level.

A ladder row summarizes the closed bands (min and max, one currency) of one role family × track ×
level. Levels run in ladder order (the IC ladder, then the management ladder); levels with no bands
are omitted, and so are bands whose level is unknown. Adjacent-level measures (``step_pct``,
``overlap_pct``) compare a level with the previous level *present in the data* within the same role
family and track.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.analyses.roles import top_employer
from analysis.analyses.summary import (
    comparable_bands,
    midpoint_ratio,
    posting_medians,
    posting_weights,
    range_spread,
)
from analysis.choices import check_choices, check_values, keep
from analysis.config import DEFAULT_CURRENCY, N_BOOT, SEED, SMALL_N
from analysis.normalize.vocabulary import LEVELS, TRACKS
from analysis.stats import group_rng

LADDER_COLUMNS = [
    "role_family",
    "track",
    "level",
    "n_bands",
    "n_postings",
    "n_employers",
    "annual_min_median",
    "annual_mid_median",
    "annual_max_median",
    "spread_median",
    "step_pct",
    "step_low",
    "step_high",
    "overlap_pct",
    "small_n",
]
STEP_COLUMNS = [
    "from_level",
    "level",
    "from_mid",
    "mid",
    "from_n",
    "n_postings",
    "step_pct",
    "overlap_pct",
]


def _overlap_share(low: float, high: float, prev_low: float, prev_high: float) -> float:
    """Share of [low, high] that [prev_low, prev_high] also covers (0 when disjoint)."""
    if any(pd.isna(v) for v in (low, high, prev_low, prev_high)):
        return np.nan
    width = high - low
    overlap = max(0.0, min(high, prev_high) - max(low, prev_low))
    if width <= 0:  # a point band: covered or not
        return 1.0 if prev_low <= low <= prev_high else 0.0
    return overlap / width


def _step_intervals(data: pd.DataFrame, ladder: pd.DataFrame, *, n_boot: int, seed: int
                    ) -> np.ndarray:
    """The employer-clustered interval of each step (this level's median mid over the previous
    level's, minus 1); NaN on a ladder's first rung or with too few employers on either."""
    data = data.assign(_weight=posting_weights(data, by=["role_family", "track", "level"]))
    groups = dict(tuple(data.groupby(["role_family", "track", "level"], observed=True)))
    out = np.full((len(ladder), 2), np.nan)
    previous = None
    for i, row in enumerate(ladder.itertuples(index=False)):
        key = (row.role_family, row.track, row.level)
        if previous is not None and previous[:2] == key[:2]:
            step = midpoint_ratio(groups[key], groups[previous], n_boot=n_boot,
                                  rng=group_rng(seed, key))
            out[i] = step.low - 1, step.high - 1
        previous = key
    return out


def level_ladder(
    bands: pd.DataFrame,
    *,
    role_family: str | list[str] | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Median band per role family and level, with the progression between adjacent levels.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table. Not modified.
    role_family : str or list of str, optional
        Keep only these role families (default: all).
    currency : str, default "USD"
        Only closed bands in this currency are used (see ``summary.comparable_bands``).
    min_n : int, default ``SMALL_N``
        Levels with fewer postings get ``small_n = True``.
    n_boot, seed : int
        Employer resamples (and their seed) behind each step's interval.

    Returns
    -------
    pandas.DataFrame
        One row per role_family × track × level, in ladder order (role families alphabetically,
        then track, then the level's place in ``LEVELS``):

        - ``n_bands``, ``n_postings``, ``n_employers``;
        - ``annual_min_median``, ``annual_mid_median``, ``annual_max_median``: medians over
          bands, a posting with several bands at the level counted once;
        - ``spread_median``: median of (max - min) / min;
        - ``step_pct``: this level's median mid / the previous level's median mid - 1 (NaN on the
          first level of a role family and track), with ``step_low`` / ``step_high``, its
          employer-clustered 95% interval (NaN with fewer than ``MIN_EMPLOYERS`` employers at
          either level);
        - ``overlap_pct``: share of this level's median band [median min, median max] that the
          previous level's median band also covers, 0 when they are disjoint, 1 when this level's
          band lies wholly inside the previous one (NaN on the first level);
        - ``small_n``.

    Raises :class:`~analysis.errors.UnknownChoiceError` for a `role_family` the data never
    holds, naming the closest; warns :class:`~analysis.errors.EmptyFilterWarning` when a filter
    (currency, closed ranges, a stated level, the role family) leaves no band.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> level_ladder(load_bands(), role_family="software engineer").columns[:3].tolist()
    ['role_family', 'track', 'level']
    """
    families = [role_family] if isinstance(role_family, str) else (
        None if role_family is None else list(role_family))
    if families is not None:
        check_values(bands, column="role_family", values=families, what="role family")
    data = comparable_bands(bands, currency=currency, warn=True)
    data = keep(data, data["level"].notna() & data["role_family"].notna(),
                after="keeping bands that state a level",
                detail=lambda: f"no closed {currency} band states one")
    if families is not None:
        data = keep(data, data["role_family"].isin(families),
                    after=(f"role_family == {families[0]!r}" if len(families) == 1
                           else f"role_family in {list(families)}"),
                    detail=lambda: f"no closed {currency} band of "
                    f"{'it' if len(families) == 1 else 'them'} states a level")
    if data.empty:
        return pd.DataFrame(columns=LADDER_COLUMNS)
    data = data.assign(
        level=pd.Categorical(data["level"].astype(str), categories=list(LEVELS), ordered=True),
        spread=range_spread(data),
    )
    keys = ["role_family", "track", "level"]
    grouped = data.groupby(keys, observed=True, sort=True)
    ladder = grouped.agg(
        n_bands=("posting_id", "size"),
        n_postings=("posting_id", "nunique"),
        n_employers=("employer", "nunique"),
    ).reset_index()
    medians = posting_medians(data, by=keys, columns={
        "annual_min_median": "annual_min", "annual_mid_median": "annual_mid",
        "annual_max_median": "annual_max", "spread_median": "spread"})
    ladder = ladder.merge(medians, on=keys, how="left").sort_values(keys, ignore_index=True)

    by_ladder = ladder.groupby(["role_family", "track"], sort=False)
    prev_mid = by_ladder["annual_mid_median"].shift(1)
    prev_min = by_ladder["annual_min_median"].shift(1)
    prev_max = by_ladder["annual_max_median"].shift(1)
    ladder["step_pct"] = ladder["annual_mid_median"] / prev_mid - 1
    ladder[["step_low", "step_high"]] = _step_intervals(data, ladder, n_boot=n_boot, seed=seed)
    ladder["overlap_pct"] = [
        _overlap_share(lo, hi, plo, phi)
        for lo, hi, plo, phi in zip(
            ladder["annual_min_median"],
            ladder["annual_max_median"],
            prev_min,
            prev_max,
            strict=True,
        )
    ]
    ladder["small_n"] = ladder["n_postings"] < min_n
    return ladder[LADDER_COLUMNS]


def check_track(track: str) -> None:
    """An UnknownChoiceError for a track not in the vocabulary's ``TRACKS``, naming the closest:
    "IC" would give an empty ladder and no error.

    >>> check_track("IC")
    Traceback (most recent call last):
    ...
    analysis.errors.UnknownChoiceError: unknown track 'IC' (did you mean 'ic'?); the ladders \
have 2 tracks: 'ic', 'management'
    """
    check_choices([track], TRACKS, what="track", where="the ladders have")


def select_ladder(ladders: pd.DataFrame, *, role_family: str, track: str) -> pd.DataFrame:
    """One role family × track ladder out of `level_ladder` output, ready to read row by row.

    Rows keep ladder order with a fresh 0-based index (row k - 1 is the level below row k) and
    the level as plain text, so it prints as "senior" in prose and tables. Empty when the role
    family has no levelled bands on that track (a role family absent from this data is not an
    error: a report's focus role may be), an UnknownChoiceError for a track not in ``TRACKS``.
    """
    check_track(track)
    ladder = ladders.loc[(ladders["role_family"] == role_family) & (ladders["track"] == track)]
    ladder = ladder.reset_index(drop=True)
    return ladder.assign(level=ladder["level"].astype(str))


def ladder_steps(ladder: pd.DataFrame) -> pd.DataFrame:
    """The steps of one ladder: one row per pair of adjacent levels, bottom to top.

    Parameters
    ----------
    ladder : pandas.DataFrame
        One ladder in ladder order (`select_ladder` output). Not modified.

    Returns
    -------
    pandas.DataFrame
        Columns ``STEP_COLUMNS``: ``from_level`` → ``level``, their median midpoints (``from_mid``,
        ``mid``) and postings (``from_n``, ``n_postings``), and the ladder's ``step_pct`` and
        ``overlap_pct`` for the upper level. A ladder of k levels has k - 1 steps.
    """
    ladder = ladder.reset_index(drop=True)
    below = ladder.shift(1)
    steps = pd.DataFrame({
        "from_level": below["level"],
        "level": ladder["level"],
        "from_mid": below["annual_mid_median"],
        "mid": ladder["annual_mid_median"],
        "from_n": below["n_postings"],
        "n_postings": ladder["n_postings"],
        "step_pct": ladder["step_pct"],
        "overlap_pct": ladder["overlap_pct"],
    }).iloc[1:]
    steps = steps.astype({"from_n": "int64", "n_postings": "int64"}) if len(steps) else steps
    return steps.reset_index(drop=True)[STEP_COLUMNS]


@dataclass(frozen=True)
class LevelCoverage:
    """How many postings a role's ladder rests on, and how many state no level at all."""

    postings: int
    unstated: int
    role_postings: int
    role_unstated: int
    ladder_postings: int
    ladder_employers: int
    top_employer: str | None
    top_employer_postings: int

    @property
    def unstated_share(self) -> float:
        """Share of comparable postings whose title states no level (0 when there are none)."""
        return self.unstated / max(self.postings, 1)


def level_coverage(
    bands: pd.DataFrame,
    *,
    role_family: str,
    track: str,
    currency: str = DEFAULT_CURRENCY,
) -> LevelCoverage:
    """Postings behind one role family's ladder on `track`, and postings left out of any ladder.

    Counts are over postings with closed bands in `currency` (``summary.comparable_bands``):
    ``postings`` / ``unstated`` for all role families, ``role_postings`` / ``role_unstated`` for
    `role_family` on any track, ``ladder_postings`` / ``ladder_employers`` for `role_family` on
    `track` with a stated level, and the employer posting most of those (``top_employer``, None
    when there are none). An UnknownChoiceError for a track not in ``TRACKS``.
    """
    check_track(track)
    comparable = comparable_bands(bands, currency=currency)
    unstated = comparable["level"].isna()
    role = comparable["role_family"] == role_family
    on_ladder = comparable.loc[role & (comparable["track"] == track) & ~unstated]
    employer, employer_postings = top_employer(on_ladder.drop_duplicates("posting_id")["employer"])
    return LevelCoverage(
        postings=comparable["posting_id"].nunique(),
        unstated=comparable.loc[unstated, "posting_id"].nunique(),
        role_postings=comparable.loc[role, "posting_id"].nunique(),
        role_unstated=comparable.loc[role & unstated, "posting_id"].nunique(),
        ladder_postings=on_ladder["posting_id"].nunique(),
        ladder_employers=on_ladder["employer"].nunique(),
        top_employer=employer,
        top_employer_postings=employer_postings,
    )


def largest_ladders(
    ladders: pd.DataFrame,
    *,
    track: str,
    exclude: str | None = None,
    n: int = 3,
) -> pd.DataFrame:
    """The `n` role families with the most levelled postings on `track`, for comparison.

    Parameters
    ----------
    ladders : pandas.DataFrame
        `level_ladder` output for all role families. Not modified.
    track : str
        Only ladders on this track.
    exclude : str, optional
        A role family to leave out (the report's focus role).
    n : int, default 3

    Returns
    -------
    pandas.DataFrame
        ``role_family``, ``n_postings`` (summed over its levels) and ``median_step`` (median of its
        ``step_pct``, NaN for a one-level ladder), most postings first.
    """
    check_track(track)
    on_track = ladders.loc[(ladders["track"] == track) & (ladders["role_family"] != exclude)]
    sizes = (on_track.groupby("role_family")["n_postings"].sum()
             .sort_values(ascending=False).iloc[:n])
    steps = on_track.groupby("role_family")["step_pct"].median()
    return pd.DataFrame({
        "role_family": sizes.index.astype(str),
        "n_postings": sizes.to_numpy(dtype=int),
        "median_step": steps.reindex(sizes.index).to_numpy(dtype=float),
    })


# Report-table headers for `ladder_table`, in column order.
LADDER_TABLE = {
    "level": "Level",
    "n_postings": "Postings",
    "n_employers": "Employers",
    "annual_min_median": "Median minimum",
    "annual_mid_median": "Median midpoint",
    "annual_max_median": "Median maximum",
    "step_pct": "Step",
    "overlap_pct": "Overlap",
    "spread_median": "Range width",
}


def ladder_table(ladder: pd.DataFrame) -> pd.DataFrame:
    """One ladder as a report table: the columns of ``LADDER_TABLE`` under its headers, in order.

    Money columns are "Median minimum", "Median midpoint" and "Median maximum"; shares are
    "Step", "Overlap" and "Range width"; "Postings" is the n column.
    """
    return ladder[list(LADDER_TABLE)].rename(columns=LADDER_TABLE).reset_index(drop=True)
