"""The benchmark a report asks for: which posting, and whether it can be placed among peers.

:mod:`.benchmark` computes a posting's percentiles among its peers. A report needs more
around that, and must never raise on a dataset it has not seen: it picks the posting (named by
posting_id, given as text, or by default the suite's seed posting), says why a benchmark cannot
be drawn when it cannot (:data:`STATUSES`): :func:`benchmark_for`. The words a report says about
it are in :mod:`analysis.findings.benchmark`.

The seed posting, Meta's "Research Scientist, Machine Learning (PhD)" in Sunnyvale, CA at
"$117,000/year to $173,000/year + bonus + equity + benefits", is what the benchmark report shows
when no posting is named: :func:`seed_posting_id` finds it in a bands table. An analyst's own data
does not hold it, and their report should speak of their postings only, so there the default is
the data's own typical posting (:func:`typical_posting_id`); the seed's text (:data:`SEED_TEXT`)
stands in only when the data has no posting to benchmark at all.
"""

from __future__ import annotations

import pandas as pd

from analysis.analyses.benchmark import (
    benchmark_with_peers,
    cell_value,
    posting_from_text,
    posting_row,
    too_few_peers,
)
from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, MIN_PEERS

# The seed posting's id in its employer's careers site; its file and URL both carry it.
SEED_KEY = "1107338720995841"
SEED_TEXT = {
    "title": "Research Scientist, Machine Learning (PhD)",
    "location": "Sunnyvale, CA",
    "pay_text": "$117,000/year to $173,000/year + bonus + equity + benefits",
}
# The seed is a US posting: its "$" is US dollars whatever currency a report compares in (a
# report's currency says what a bare "$" means only in text a user gives).
SEED_CURRENCY = "USD"
# A percentile among peers from fewer employers is not reported (MIN_EMPLOYERS = 5).
MIN_PEER_EMPLOYERS = MIN_EMPLOYERS
# Why a benchmark could not be drawn; "ok" when it could.
STATUSES = ("ok", "not found", "no pay", "other currency", "no peers", "too few peers")


def seed_posting_id(bands: pd.DataFrame, *, key: str = SEED_KEY) -> str | None:
    """The posting_id of the seed posting: the first whose source_file or url contains `key`.

    None when `bands` does not hold it (another dataset).

    >>> frame = pd.DataFrame({"posting_id": ["a", "b"], "source_file": ["x.html", "m/1107.html"]})
    >>> seed_posting_id(frame, key="1107")
    'b'
    """
    found = pd.Series(False, index=bands.index)
    for column in ("source_file", "url"):
        if column in bands.columns:
            text = bands[column].astype(object).fillna("").astype(str)
            found |= text.str.contains(key, regex=False)
    ids = bands.loc[found, "posting_id"]
    return None if ids.empty else str(ids.iloc[0])


def typical_posting_id(bands: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> str | None:
    """A posting that stands for the data: in its largest role family × metro group of closed
    `currency` bands, the posting whose midpoint is nearest the group's median (ties: the first
    posting_id). Postings whose role family or metro is unknown form groups of their own (a
    board that names no places still has a typical posting). None when no posting has such a
    band.

    >>> frame = pd.DataFrame({"posting_id": list("abcd"), "role_family": ["x"] * 3 + ["y"],
    ...     "metro": ["M"] * 4, "currency": ["USD"] * 4, "annual_min": [1, 2, 3, 9],
    ...     "annual_max": [3, 4, 7, 9], "annual_mid": [2, 3, 5, 9]})
    >>> typical_posting_id(frame)
    'b'
    """
    needed = ["posting_id", "role_family", "metro", "currency", "annual_min", "annual_max",
              "annual_mid"]
    if not set(needed) <= set(bands.columns):
        return None
    closed = bands.loc[bands["currency"].eq(currency).fillna(False)
                       & bands["annual_min"].notna() & bands["annual_max"].notna(), needed]
    closed = closed.dropna(subset=["annual_mid"]).drop_duplicates("posting_id")
    if closed.empty:
        return None
    keys = closed[["role_family", "metro"]].astype(object).fillna("")  # unknown: a group too
    groups = keys.groupby(["role_family", "metro"])["metro"].transform("size")
    largest = keys.loc[groups.eq(groups.max())]
    # several groups tie for largest: the first in (role family, metro) order, so a rerun agrees
    first = largest.sort_values(["role_family", "metro"]).iloc[0]
    group = closed.loc[largest.index[largest["role_family"].eq(first["role_family"])
                                     & largest["metro"].eq(first["metro"])]]
    distance = (group["annual_mid"] - group["annual_mid"].median()).abs()
    nearest = group.assign(distance=distance).sort_values(["distance", "posting_id"])
    return str(nearest["posting_id"].iloc[0])


def benchmark_status(posting: pd.Series, peers: pd.DataFrame, *, currency: str) -> str:
    """Whether a posting can be placed among `peers`: "ok", or why not (one of :data:`STATUSES`).

    `posting` is the posting's (first) band. It needs a midpoint ("no pay" otherwise) in
    `currency` ("other currency"), and at least ``SMALL_N`` peers ("no peers" when there are
    none) from ``MIN_PEER_EMPLOYERS`` employers ("too few peers").
    """
    has_pay = cell_value(posting, "has_pay")
    if (has_pay is not None and not bool(has_pay)) or cell_value(posting, "annual_mid") is None:
        return "no pay"
    posted = cell_value(posting, "currency")
    if posted is not None and posted != currency:
        return "other currency"
    if peers.empty:
        return "no peers"
    if too_few_peers(peers):
        return "too few peers"
    return "ok"


def benchmark_for(
    bands: pd.DataFrame,
    *,
    posting_id: str = "",
    title: str = "",
    location: str = "",
    pay_text: str = "",
    currency: str = DEFAULT_CURRENCY,
    min_peers: int = MIN_PEERS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The benchmark a report asks for, never raising: (benchmark row, peer bands).

    With `pay_text` the posting is built from `title`, `location` and `pay_text`; else it is
    `posting_id` of `bands`; else the seed posting (:func:`seed_posting_id`), else the data's
    typical posting (:func:`typical_posting_id`), else the seed's text. The benchmark is
    :func:`benchmark_posting`'s row plus ``status`` (:func:`benchmark_status`), ``given_as``
    ("bands" or "text") and ``chosen_as`` ("named", "seed" or "typical"); the peers are
    :func:`~.benchmark.peer_bands` (empty when the posting is not found).
    """
    chosen_as = "named"
    if not pay_text and not posting_id:
        posting_id, chosen_as = seed_posting_id(bands), "seed"
        if posting_id is None and (typical := typical_posting_id(bands, currency=currency)):
            posting_id, chosen_as = typical, "typical"
    result, peers = _benchmark(bands, posting_id=posting_id, title=title, location=location,
                               pay_text=pay_text, currency=currency, min_peers=min_peers)
    return result.assign(chosen_as=chosen_as), peers


def _benchmark(bands: pd.DataFrame, *, posting_id: str | None, title: str, location: str,
               pay_text: str, currency: str, min_peers: int
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    if pay_text:
        text = {"title": title, "location": location, "pay_text": pay_text}
    elif posting_id:
        text = None
    else:
        text = SEED_TEXT
    if text is None and not (bands["posting_id"] == posting_id).any():
        # an unknown posting has no role family, hence no peers: every value comes back NaN
        nothing, peers = benchmark_with_peers(
            bands, posting=pd.DataFrame([{"posting_id": posting_id}]), currency=currency)
        return nothing.assign(status="not found", given_as="bands"), peers
    if text is None:
        row = posting_row(bands, posting_id=posting_id)
        target = {"posting_id": posting_id}
    else:
        dollars = SEED_CURRENCY if text is SEED_TEXT else currency
        posting = posting_from_text(**text, currency=dollars)
        row = posting.iloc[0]
        target = {"posting": posting}
    result, peers = benchmark_with_peers(bands, **target, currency=currency, min_peers=min_peers)
    status = benchmark_status(row, peers, currency=currency)
    return result.assign(status=status, given_as="bands" if text is None else "text"), peers
