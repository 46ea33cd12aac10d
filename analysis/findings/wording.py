"""How findings word counts, shares and sparse data: written once, tested, used by every report.

A sentence built from data must read well when the data is thin: "no metros", "the one metro",
"both metros", "3 of 5 metros", never "0 of 0 metros" or "nan%".
"""

from __future__ import annotations

import math

from analysis.config import CONFIDENCE, LOW_CONFIDENCE_N, MIN_EMPLOYERS, SMALL_N
from analysis.stats import readable

# What every interval is called in a report: "95% interval" at the configured level.
INTERVAL = f"{CONFIDENCE:.0%} interval"
# How every interval is made, for method notes: one sentence shared by all reports.
CLUSTERED = (f"intervals resample employers, not postings (an employer's postings share its pay "
             f"policy, so they are not independent draws); none is claimed with fewer than "
             f"{MIN_EMPLOYERS} employers (\"too few employers\")")


def plural(n: int, noun: str, *, many: str | None = None) -> str:
    """A count with its noun: "no metros", "1 metro", "1,204 metros".

    >>> plural(0, "metro"), plural(1, "metro"), plural(1204, "metro")
    ('no metros', '1 metro', '1,204 metros')
    >>> plural(2, "family", many="families")
    '2 families'
    """
    many = many or f"{noun}s"
    if not n:
        return f"no {many}"
    return f"{n:,} {noun if n == 1 else many}"


def count_of(k: int, n: int, noun: str, *, many: str | None = None) -> str:
    """k of n things, worded for small n: "3 of 5 metros", "both metros", "the one metro".

    >>> [count_of(k, n, "metro") for k, n in [(3, 5), (0, 0), (1, 1), (0, 1)]]
    ['3 of 5 metros', 'no metros', 'the one metro', 'not the one metro']
    >>> [count_of(k, n, "metro") for k, n in [(2, 2), (0, 2), (4, 4), (0, 3)]]
    ['both metros', 'neither metro', 'all 4 metros', 'none of 3 metros']
    """
    many = many or f"{noun}s"
    if n == 0:
        return f"no {many}"
    if n == 1:
        return f"the one {noun}" if k else f"not the one {noun}"
    if n == 2 and k in (0, 2):
        return f"both {many}" if k else f"neither {noun}"
    if k == n:
        return f"all {n:,} {many}"
    if k == 0:
        return f"none of {n:,} {many}"
    return f"{k:,} of {n:,} {many}"


def agree(k: int, one: str, many: str, *, of: int | None = None) -> str:
    """The word that agrees with a count, or with :func:`count_of`'s phrase for k of `of`:
    singular for "1 metro", "1 of 5 metros", "the one metro" and "neither metro".

    >>> agree(1, "posts", "post"), agree(3, "posts", "post"), agree(0, "posts", "post", of=2)
    ('posts', 'post', 'posts')
    >>> agree(0, "is", "are", of=1), agree(0, "is", "are", of=3)
    ('is', 'are')
    """
    return one if k == 1 or of == 1 or (of == 2 and k == 0) else many


def sentence_case(text) -> str:
    """Text as it opens a sentence, the rest untouched: "data scientist" -> "Data scientist".

    >>> sentence_case("all 4 metros"), sentence_case("")
    ('All 4 metros', '')
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def join_names(names, *, limit: int = 4) -> str:
    """A readable list: "Austin", "Austin and Seattle", "Austin, Seattle and 3 more".

    >>> join_names([]), join_names(["A"]), join_names(["A", "B", "C"]), join_names(list("ABCDEF"))
    ('none', 'A', 'A, B and C', 'A, B, C, D and 2 more')
    """
    names = [str(n) for n in names]
    if not names:
        return "none"
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit:,} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def percent(share: float | None, *, digits: int = 0) -> str:
    """A share as a percentage, "–" when unknown: 0.4567 -> "46%".

    >>> percent(0.4567), percent(float("nan")), percent(0.0123, digits=1)
    ('46%', '–', '1.2%')
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{share:.{digits}%}"


def n_text(n: int, employers: int | None = None, *, noun: str = "posting") -> str:
    """The n a number rests on: "n=277 postings, 12 employers", "n=1 posting, 1 employer".

    >>> n_text(277, 12), n_text(1, 1), n_text(40, noun="band")
    ('n=277 postings, 12 employers', 'n=1 posting, 1 employer', 'n=40 bands')
    """
    text = f"n={n:,} {noun if n == 1 else noun + 's'}"
    if employers is not None:
        text += f", {plural(employers, 'employer')}"
    return text


def confidence_of(n: int | None, employers: int | None = None) -> str:
    """The confidence a number on `n` postings from `employers` employers carries.

    "none" when nothing was measured, "too few" below SMALL_N postings or MIN_EMPLOYERS
    employers (never headlined), "low" below LOW_CONFIDENCE_N, else "ok".

    >>> [confidence_of(*a) for a in [(0, 0), (4, 5), (30, 4), (12, 5), (40, 6), (40, None)]]
    ['none', 'too few', 'too few', 'low', 'ok', 'ok']
    """
    if not n:
        return "none"
    if not readable(n, MIN_EMPLOYERS if employers is None else employers, min_n=SMALL_N):
        return "too few"
    return "low" if n < LOW_CONFIDENCE_N else "ok"


def interval_text(
    low: float, high: float, *, fmt: str = "{:.0f}", confidence: float = CONFIDENCE,
    bare: bool = False,
) -> str:
    """ "95% interval 91–104" ("91–104" when `bare`), or "no interval" when either end is
    unknown (too few employers: no interval is claimed).

    >>> interval_text(91.2, 104.0), interval_text(91.2, 104.0, bare=True)
    ('95% interval 91–104', '91–104')
    >>> interval_text(float("nan"), 3)
    'no interval'
    """
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (low, high)):
        return "no interval"
    ends = f"{fmt.format(low)}–{fmt.format(high)}"
    return ends if bare else f"{confidence:.0%} interval {ends}"


def too_few(subject: str, *, need: str) -> str:
    """The sentence for a finding that cannot be made: "**Too few postings to compare levels**: …".

    >>> too_few("compare levels", need="5+ postings at two levels")
    '**Too few postings to compare levels**: it needs 5+ postings at two levels.'
    """
    return f"**Too few postings to {subject}**: it needs {need}."
