"""Disclosure rates: the share of postings that state pay per group, and the gap of two shares.

Postings are counted, not bands: a posting states pay when any of its bands has an amount.

Related modules: :mod:`analysis.analyses.laws` (which postings a pay-transparency law covers),
:mod:`.trends` (disclosure over time) and :mod:`.widths` (ranges too wide to
inform).
"""

from __future__ import annotations

import pandas as pd

from analysis.choices import check_columns


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

    Returns one row per group: postings, postings_with_pay, share_with_pay. An unknown `by`
    column is an UnknownChoiceError naming the closest.
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(bands, keys)
    postings = posting_pay(bands, per_snapshot="snapshot" in keys)
    grouped = postings.groupby(keys, dropna=False, observed=True, sort=True)["has_pay"]
    out = grouped.agg(postings="size", postings_with_pay="sum").reset_index()
    out["postings_with_pay"] = out["postings_with_pay"].astype(int)
    out["share_with_pay"] = out["postings_with_pay"] / out["postings"]
    return out
