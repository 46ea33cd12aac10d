"""Disclosure over time: the share of postings stating pay per group and week, month or snapshot.

A trend is read only where a period holds enough postings: :func:`trend_summary` names the groups a
chart shows (the largest), the periods thin enough to leave out, and the laws that frame the window
(taking effect inside it, or already in force).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.analyses.disclosure import disclosure_rates
from analysis.analyses.laws import laws_in_force, laws_in_window
from analysis.config import LOW_CONFIDENCE_N

# Trend periods by the span of posting dates: months from a quarter up, weeks from three weeks.
TREND_MONTHS_FROM_DAYS = 92
TREND_WEEKS_FROM_DAYS = 21


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


def trend_leaders(trend: pd.DataFrame, *, by: str = "state", top: int = 5) -> list:
    """The `top` groups with the most postings over the whole trend (ties in table order).

    Rows without a group are never leaders."""
    sizes = trend.dropna(subset=[by]).groupby(by, sort=False)["postings"].sum()
    return list(sizes.sort_values(ascending=False, kind="stable").index[:top])


@dataclass(frozen=True)
class TrendSummary:
    """What a disclosure trend shows, for its findings, title and subtitle.

    period: "week", "month" or "snapshot"; start, end: the window (NaT without dated periods);
    n_periods: distinct periods; postings: n behind the trend (by snapshot: the latest
    snapshot's postings, since a posting counts in every snapshot listing it); leaders: the
    largest groups, drawn in colour; readable: the leaders' periods with at least `min_n`
    postings; thin, cells: how many of the leaders' group-periods fall below `min_n` (left out
    of the lines), of how many; low, high: the range of share_with_pay over `readable` (NaN when
    empty); marked_laws: laws taking effect inside the window (at most four, the leaders' first);
    in_force: the leaders' laws already in force when the window opens (:func:`laws_in_force`
    rows, by date); without_law: leaders with no law in force then.
    """

    period: str
    start: pd.Timestamp
    end: pd.Timestamp
    n_periods: int
    postings: int
    leaders: list
    readable: pd.DataFrame
    thin: int
    cells: int
    low: float
    high: float
    marked_laws: pd.DataFrame
    in_force: pd.DataFrame
    without_law: list


def trend_summary(
    trend: pd.DataFrame,
    *,
    laws: pd.DataFrame,
    by: str = "state",
    top: int = 5,
    min_n: int = LOW_CONFIDENCE_N,
    max_laws: int = 4,
) -> TrendSummary:
    """The facts a report quotes about a :func:`disclosure_trend` (see :class:`TrendSummary`)."""
    period = str(trend["period"].iloc[0]) if len(trend) else "snapshot"
    start, end = trend_window(trend)
    leaders = trend_leaders(trend, by=by, top=top)
    mine = trend.loc[trend[by].isin(leaders)]
    readable = mine.loc[mine["postings"] >= min_n].reset_index(drop=True)
    if period == "snapshot":
        last = trend["period_label"].max() if len(trend) else None
        postings = int(trend.loc[trend["period_label"] == last, "postings"].sum())
    else:
        postings = int(trend["postings"].sum())
    in_force = laws_in_force(laws, on=start, states=leaders)
    return TrendSummary(
        period=period,
        start=start,
        end=end,
        n_periods=int(trend["period_start"].nunique()),
        postings=postings,
        leaders=leaders,
        readable=readable,
        thin=int((mine["postings"] < min_n).sum()),
        cells=len(mine),
        low=float(readable["share_with_pay"].min()) if len(readable) else float("nan"),
        high=float(readable["share_with_pay"].max()) if len(readable) else float("nan"),
        marked_laws=laws_in_window(laws, start=start, end=end, states=leaders, limit=max_laws),
        in_force=in_force,
        without_law=[s for s in leaders if s not in set(in_force["state"])],
    )
