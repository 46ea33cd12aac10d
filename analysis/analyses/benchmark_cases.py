"""The benchmark a report asks for: which posting, whether it can be placed, what to say about it.

:mod:`.benchmark` computes a posting's percentiles among its peers. A report needs more
around that, and must never raise on a dataset it has not seen: it picks the posting (named by
posting_id, given as text, or by default the suite's seed posting), says why a benchmark cannot
be drawn when it cannot (:data:`STATUSES`), and words the peer group. :func:`benchmark_for` does the
first two, :func:`benchmark_facts` the third.

The seed posting, Meta's "Research Scientist, Machine Learning (PhD)" in Sunnyvale, CA at
"$117,000/year to $173,000/year + bonus + equity + benefits", is what the benchmark report shows
when no posting is named: :func:`seed_posting_id` finds it in a bands table, and
:func:`benchmark_for` falls back to its text (:data:`SEED_TEXT`) where the table does not hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.analyses.benchmark import (
    _value,
    benchmark_table,
    peer_bands,
    posting_benchmark,
    posting_from_text,
    posting_row,
)
from analysis.analyses.roles import top_employer
from analysis.config import DEFAULT_CURRENCY, MIN_EMPLOYERS, MIN_PEERS, SMALL_N
from analysis.formats import ordinal

# The seed posting's id in its employer's careers site; its file and URL both carry it.
SEED_KEY = "1107338720995841"
SEED_TEXT = {
    "title": "Research Scientist, Machine Learning (PhD)",
    "location": "Sunnyvale, CA",
    "pay_text": "$117,000/year to $173,000/year + bonus + equity + benefits",
}
# A percentile among fewer peers, or peers from fewer employers, is not reported (SMALL_N = 5).
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


def benchmark_status(posting: pd.Series, peers: pd.DataFrame, *, currency: str) -> str:
    """Whether a posting can be placed among `peers`: "ok", or why not (one of :data:`STATUSES`).

    `posting` is the posting's (first) band. It needs a midpoint ("no pay" otherwise) in
    `currency` ("other currency"), and at least ``SMALL_N`` peers ("no peers" when there are
    none) from ``MIN_PEER_EMPLOYERS`` employers ("too few peers").
    """
    has_pay = _value(posting, "has_pay")
    if (has_pay is not None and not bool(has_pay)) or _value(posting, "annual_mid") is None:
        return "no pay"
    posted = _value(posting, "currency")
    if posted is not None and posted != currency:
        return "other currency"
    if peers.empty:
        return "no peers"
    if len(peers) < SMALL_N or peers["employer"].nunique() < MIN_PEER_EMPLOYERS:
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
    `posting_id` of `bands`; else the seed posting (:func:`seed_posting_id`), or the seed's text
    when `bands` does not hold it. The benchmark is :func:`posting_benchmark`'s row plus
    ``status`` (:func:`benchmark_status`) and ``given_as`` ("bands" or "text"); the peers are
    :func:`peer_bands` (empty when the posting is not found).
    """
    if not pay_text and not posting_id:
        posting_id = seed_posting_id(bands)
    if pay_text:
        text = {"title": title, "location": location, "pay_text": pay_text}
    elif posting_id:
        text = None
    else:
        text = SEED_TEXT
    if text is None and not (bands["posting_id"] == posting_id).any():
        # an unknown posting has no role family, hence no peers: every value comes back NaN
        nothing = posting_benchmark(bands, posting=pd.DataFrame([{"posting_id": posting_id}]))
        return nothing.assign(status="not found", given_as="bands"), bands.iloc[0:0]
    if text is None:
        row = posting_row(bands, posting_id=posting_id)
        target = {"posting_id": posting_id}
    else:
        posting = posting_from_text(**text, currency=currency)
        row = posting.iloc[0]
        target = {"posting": posting}
    result = posting_benchmark(bands, **target, currency=currency, min_peers=min_peers)
    peers = peer_bands(bands, **target, currency=currency, min_peers=min_peers)
    status = benchmark_status(row, peers, currency=currency)
    return result.assign(status=status, given_as="bands" if text is None else "text"), peers


@dataclass(frozen=True)
class BenchmarkFacts:
    """What a benchmark report says about its posting, beside the numbers of its benchmark row.

    Attributes
    ----------
    status, given_as : as :func:`benchmark_for` set them.
    placed : status "ok": a percentile can be reported.
    who : "Title at Employer"; the title alone without an employer; "Posting ID" or "The posting"
        without a title.
    employer : "" when unknown.
    place : the posting's metro, else its state, else "location unknown".
    peer_group : the peers in words ("research scientist postings, senior level, state of CA").
    reason : why the posting is not placed, a clause (:data:`REASONS`; "" when placed).
    has_band : the posting has a closed range in the report currency.
    n_peers, n_employers : peer postings and their employers.
    describable : peers numerous and varied enough (``SMALL_N`` postings from
        ``MIN_PEER_EMPLOYERS`` employers) to quote their distribution.
    direction : "above" or "below" the peers' median midpoint ("" without a gap).
    gap, gap_pct : the gap's absolute size, in currency and as a fraction (NaN without a gap).
    within_noise : placed, with the midpoint inside the 95% interval of the peers' median.
    top_employer, top_employer_postings : the employer posting most peers (None, 0 without peers).
    level_stated : the posting's title states a level.
    level_mix : the peers by level, largest first ("senior 8, staff 4, not stated 3").
    """

    status: str
    given_as: str
    placed: bool
    who: str
    employer: str
    place: str
    peer_group: str
    reason: str
    has_band: bool
    n_peers: int
    n_employers: int
    describable: bool
    direction: str
    gap: float
    gap_pct: float
    within_noise: bool
    top_employer: str | None
    top_employer_postings: int
    level_stated: bool
    level_mix: str


def peer_group_text(benchmark: pd.DataFrame) -> str:
    """The peer group of a :func:`~analysis.analyses.benchmark.posting_benchmark` row, in words.

    >>> row = pd.DataFrame([{"role_family": "data scientist", "level": "senior",
    ...                      "peer_scope": "state", "metro": None, "state": "CA"}])
    >>> peer_group_text(row)
    'data scientist postings, senior level, state of CA'
    """
    row = benchmark.iloc[0]
    family = _value(row, "role_family") or "unclassified role"
    level = _value(row, "level")
    scope = {
        "metro": f"{_value(row, 'metro')} metro",
        "state": f"state of {_value(row, 'state')}",
        "nation": "nationwide",
    }[row["peer_scope"]]
    return f"{family} postings, {f'{level} level' if level else 'any level'}, {scope}"


# Why a posting is not placed, by status: a clause after "cannot be benchmarked: ".
REASONS = {
    "ok": "",
    "not found": "it is not in the data",
    "no pay": "it states no closed pay range",
    "other currency": "its pay is not posted in {currency}",
    "no peers": "it has no peers",
    "too few peers": "it has too few peers",
}


def benchmark_facts(
    benchmark: pd.DataFrame, *, peers: pd.DataFrame, currency: str = DEFAULT_CURRENCY
) -> BenchmarkFacts:
    """The facts a benchmark report's title, findings and caveats quote (:class:`BenchmarkFacts`).

    `benchmark` and `peers` are what :func:`benchmark_for` returns; `currency` is the one it was
    given (for the wording of why a posting is not placed).
    """
    row = benchmark.iloc[0]
    title, employer = _value(row, "title"), _value(row, "employer") or ""
    posting_id = _value(row, "posting_id")
    name = title or (f"Posting {posting_id}" if posting_id else "The posting")
    n_peers, n_employers = int(row["n_peers"]), int(row["n_peer_employers"])
    gap = row["gap_to_median"]
    employer_name, employer_postings = top_employer(peers["employer"])
    levels = peers["level"].astype(object).fillna("not stated").value_counts()
    return BenchmarkFacts(
        status=row["status"],
        given_as=row["given_as"],
        placed=row["status"] == "ok",
        who=f"{name} at {employer}" if employer else name,
        employer=employer,
        place=_value(row, "metro") or _value(row, "state") or "location unknown",
        peer_group=peer_group_text(benchmark),
        reason=REASONS[row["status"]].format(currency=currency),
        has_band=row["status"] in ("ok", "no peers", "too few peers"),
        n_peers=n_peers,
        n_employers=n_employers,
        describable=n_peers >= SMALL_N and n_employers >= MIN_PEER_EMPLOYERS,
        direction="" if pd.isna(gap) else ("below" if gap < 0 else "above"),
        gap=abs(gap),
        gap_pct=abs(row["gap_to_median_pct"]),
        within_noise=row["status"] == "ok" and bool(row["gap_within_noise"]),
        top_employer=employer_name,
        top_employer_postings=employer_postings,
        level_stated=_value(row, "level") is not None,
        level_mix=", ".join(f"{level} {count:,}" for level, count in levels.items()),
    )


def peer_comparison_table(benchmark: pd.DataFrame) -> pd.DataFrame:
    """A :func:`benchmark_for` row as a report table: the posting against its peers, by measure.

    :func:`~.benchmark.benchmark_table` with display names (Measure, This posting, Peers
    p25, Peers median, Peers p75, Percentile, n peers) and the percentile as an ordinal ("12th"),
    left empty unless the posting is placed (status "ok").
    """
    table = benchmark_table(benchmark)
    placed = benchmark["status"].iloc[0] == "ok"
    percentile = table["percentile"].map(ordinal) if placed else None
    return table.assign(percentile=percentile).rename(columns={
        "measure": "Measure", "posting": "This posting", "peer_p25": "Peers p25",
        "peer_median": "Peers median", "peer_p75": "Peers p75", "percentile": "Percentile",
        "n_peers": "n peers"})


PEER_COLUMNS = {"employer": "Employer", "title": "Title", "metro": "Metro", "level": "Level",
                "annual_min": "Minimum", "annual_mid": "Midpoint", "annual_max": "Maximum"}


def peer_list_table(peers: pd.DataFrame, *, top: int = 40) -> pd.DataFrame:
    """The `top` peer postings of :func:`benchmark_for` with the highest midpoints, highest first,
    as a report lists them (:data:`PEER_COLUMNS`)."""
    ranked = peers.sort_values(["annual_mid", "posting_id"], ascending=[False, True])
    return ranked[list(PEER_COLUMNS)].rename(columns=PEER_COLUMNS).head(top)
