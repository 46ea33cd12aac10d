"""Disclosure over time: periods, each posting counted once, the window and the summary a report
quotes."""

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.laws import load_laws
from analysis.analyses.trends import (
    disclosure_trend,
    latest_postings,
    trend_leaders,
    trend_period,
    trend_summary,
    trend_window,
)


def _posting(pid, *, state, city, posted):
    return band_row(posting_id=pid, state=state, city=city,
                    posted_date=pd.Timestamp(posted) if posted else pd.NaT, **NO_PAY)


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        ("2026-01-01", "2026-06-30", "month"),
        ("2026-01-01", "2026-04-03", "month"),  # 92 days
        ("2026-01-01", "2026-04-02", "week"),  # 91 days: not yet a quarter
        ("2026-09-17", "2026-10-31", "week"),
        ("2026-09-17", "2026-10-08", "week"),  # exactly three weeks
        ("2026-09-17", "2026-10-07", "snapshot"),
        (None, None, "snapshot"),
    ],
)
def test_trend_period_follows_the_span_of_dates(first, last, period):
    dates = pd.Series(pd.to_datetime([first, last]))
    assert trend_period(dates) == period


def _store():
    # "c" is listed without pay in s1 and re-listed with pay in s2; "b" only in s1
    return pd.concat(
        [
            bands_frame([
                _posting("a", state="CA", city="Sunnyvale", posted="2026-09-01"),
                band_row(posting_id="b", state="CA", snapshot="s1",
                         posted_date=pd.Timestamp("2026-09-02")),
                _posting("c", state="TX", city="Austin", posted="2026-09-03"),
            ]).assign(snapshot="s1"),
            bands_frame([
                _posting("a", state="CA", city="Sunnyvale", posted="2026-09-01"),
                band_row(posting_id="c", state="TX", posted_date=pd.Timestamp("2026-09-03")),
                band_row(posting_id="d", state="TX", posted_date=pd.Timestamp("2026-10-20")),
                band_row(posting_id="e", state="TX", posted_date=pd.NaT),
            ]).assign(snapshot="s2"),
        ],
        ignore_index=True,
    )


def test_latest_postings_keep_each_posting_once():
    latest = latest_postings(_store()).set_index("posting_id")
    assert latest["snapshot"].to_dict() == {"a": "s2", "b": "s1", "c": "s2", "d": "s2", "e": "s2"}


def test_disclosure_trend_by_month_counts_each_posting_once_as_last_seen():
    trend = disclosure_trend(_store(), period="month")
    rows = {
        (r.period_label, r.state): (r.postings, r.postings_with_pay) for r in trend.itertuples()
    }
    # "c" counts with pay (its latest listing); "e" has no posted date and is left out
    assert rows == {("Sep 2026", "CA"): (2, 1), ("Sep 2026", "TX"): (1, 1),
                    ("Oct 2026", "TX"): (1, 1)}
    assert set(trend["period"]) == {"month"}
    weekly = disclosure_trend(_store(), period="week")
    assert weekly["period_start"].dt.day_of_week.eq(0).all()  # weeks start on Monday
    assert weekly["postings"].sum() == 4
    assert trend_window(trend) == (pd.Timestamp("2026-09-01"), pd.Timestamp("2026-10-31"))
    # weeks of 31 Aug (Mon) to 19 Oct: the window ends on the last week's Sunday
    assert trend_window(weekly) == (pd.Timestamp("2026-08-31"), pd.Timestamp("2026-10-25"))


def test_disclosure_trend_by_snapshot_counts_each_snapshot():
    trend = disclosure_trend(_store(), period="snapshot")
    rows = {(r.period_label, r.state): r.postings for r in trend.itertuples()}
    assert rows == {("s1", "CA"): 2, ("s1", "TX"): 1, ("s2", "CA"): 1, ("s2", "TX"): 3}
    assert trend["period_start"].isna().all()  # "s1" is not a date
    with pytest.raises(ValueError, match="period"):
        disclosure_trend(_store(), period="fortnight")


# state: postings per month, Dec 2022 - Feb 2023 (CA and WA laws took effect on 1 Jan 2023)
MONTHLY = {"CA": [30, 25, 8], "TX": [22, 3, 21], "NY": [4, 5, 6], "GA": [1, 1, 1]}


def _trend(sizes=MONTHLY, period="month"):
    rows = []
    for state, counts in sizes.items():
        for month, n in zip(pd.date_range("2022-12-01", periods=3, freq="MS"), counts,
                            strict=True):
            with_pay = n - (month.month % 3)  # shares differ by month
            rows.append(dict(period_start=month, period_label=f"{month:%b %Y}", state=state,
                             postings=n, postings_with_pay=with_pay, share_with_pay=with_pay / n,
                             period=period))
    rows.append(dict(period_start=pd.Timestamp("2023-01-01"), period_label="Jan 2023",
                     state=np.nan, postings=50, postings_with_pay=40, share_with_pay=0.8,
                     period=period))
    return pd.DataFrame(rows)


def test_trend_leaders_rank_states_by_postings():
    assert trend_leaders(_trend(), top=3) == ["CA", "TX", "NY"]  # the stateless row never leads
    assert trend_leaders(_trend(), top=10) == ["CA", "TX", "NY", "GA"]


def test_trend_summary_reads_only_periods_with_enough_postings():
    trend = _trend()
    summary = trend_summary(trend, laws=load_laws(), top=3, min_n=20)
    assert summary.period == "month" and summary.n_periods == 3
    assert summary.leaders == ["CA", "TX", "NY"]
    assert summary.postings == int(trend["postings"].sum())
    readable = trend.loc[trend["state"].isin(["CA", "TX", "NY"]) & (trend["postings"] >= 20)]
    assert len(summary.readable) == len(readable) == 4  # CA Dec, Jan; TX Dec, Feb
    assert (summary.thin, summary.cells) == (5, 9)
    assert summary.low == readable["share_with_pay"].min()
    assert summary.high == readable["share_with_pay"].max()
    assert summary.marked_laws["label"].tolist() == ["CA law eff. 1 Jan 2023",
                                                     "WA law eff. 1 Jan 2023"]
    # in force when the window opens, among the leaders
    assert summary.in_force["jurisdiction"].tolist() == ["New York City"]
    assert summary.without_law == ["CA", "TX"]
    assert (summary.start, summary.end) == trend_window(trend)


def test_trend_summary_with_nothing_readable_or_by_snapshot():
    thin = trend_summary(_trend(), laws=load_laws(), min_n=100)
    assert thin.readable.empty and np.isnan(thin.low) and np.isnan(thin.high)
    by_snapshot = _trend(period="snapshot")
    summary = trend_summary(by_snapshot, laws=load_laws())
    # by snapshot a posting counts in every snapshot listing it: n is the latest snapshot's
    last = by_snapshot["period_label"].max()
    assert summary.postings == by_snapshot.loc[by_snapshot["period_label"] == last,
                                               "postings"].sum()
