"""Disclosure rates: the share of postings that state pay per group, and the gap of two shares.

Postings are counted, not bands: a posting states pay when any of its bands has an amount.

Related modules: :mod:`analysis.laws` (which postings a pay-transparency law covers),
:mod:`analysis.trends` (disclosure over time) and :mod:`analysis.widths` (ranges too wide to
inform).
"""

from __future__ import annotations

from statistics import NormalDist

import pandas as pd


def posting_pay(bands: pd.DataFrame, *, per_snapshot: bool = False) -> pd.DataFrame:
    """One row per posting (per posting and snapshot with `per_snapshot`): its first band's
    columns, ``has_pay`` True when any of its bands has pay (missing counts as no pay)."""
    unit = ["posting_id", "snapshot"] if per_snapshot else ["posting_id"]
    data = bands.assign(has_pay=bands["has_pay"].fillna(False).astype(bool))
    has_pay = data.groupby(unit, sort=False)["has_pay"].transform("any")
    return data.assign(has_pay=has_pay).drop_duplicates(unit)


def disclosure_rates(
    bands: pd.DataFrame, *, by: str | list[str] | tuple[str, ...] = ("state",)
) -> pd.DataFrame:
    """Share of postings that state pay, per group.

    Postings are counted, not bands: a posting with several bands counts once, and counts as
    "with pay" when any band has pay. Grouping by "snapshot" counts a posting once per snapshot;
    otherwise once overall. Missing group values form their own group.

    Returns one row per group: postings, postings_with_pay, share_with_pay.
    """
    keys = [by] if isinstance(by, str) else list(by)
    postings = posting_pay(bands, per_snapshot="snapshot" in keys)
    grouped = postings.groupby(keys, dropna=False, observed=True, sort=True)["has_pay"]
    out = grouped.agg(postings="size", postings_with_pay="sum").reset_index()
    out["postings_with_pay"] = out["postings_with_pay"].astype(int)
    out["share_with_pay"] = out["postings_with_pay"] / out["postings"]
    return out


def share_gap(
    with_a: int, n_a: int, with_b: int, n_b: int, *, confidence: float = 0.95
) -> dict:
    """Difference of two shares (a − b) with Newcombe's hybrid score interval.

    Returns share_a, share_b, gap, gap_low, gap_high and within_noise (the interval holds 0, or a
    group is empty). The Wilson-based interval behaves near 0 % and 100 %, where disclosure rates
    sit, unlike the plain normal approximation.
    """
    if n_a == 0 or n_b == 0:
        nan = float("nan")
        return dict(share_a=with_a / n_a if n_a else nan, share_b=with_b / n_b if n_b else nan,
                    gap=nan, gap_low=nan, gap_high=nan, within_noise=True)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_a, p_b = with_a / n_a, with_b / n_b
    low_a, high_a = _wilson(p_a, n_a, z)
    low_b, high_b = _wilson(p_b, n_b, z)
    gap = p_a - p_b
    low = gap - ((p_a - low_a) ** 2 + (high_b - p_b) ** 2) ** 0.5
    high = gap + ((high_a - p_a) ** 2 + (p_b - low_b) ** 2) ** 0.5
    return dict(share_a=p_a, share_b=p_b, gap=gap, gap_low=low, gap_high=high,
                within_noise=bool(low <= 0 <= high))


def gap_reading(gap: dict) -> str:
    """How to read a :func:`share_gap`: "within noise" when its interval holds 0 (or a group is
    empty), otherwise "higher" or "lower" (share a against share b)."""
    if gap["within_noise"]:
        return "within noise"
    return "higher" if gap["gap"] > 0 else "lower"


def _wilson(share: float, n: int, z: float) -> tuple[float, float]:
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (share * (1 - share) / n + z * z / (4 * n * n)) ** 0.5
    return centre - half, centre + half

