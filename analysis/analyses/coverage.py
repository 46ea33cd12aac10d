"""What a dataset holds: postings, employers, roles, metros, and how many state their pay."""

from __future__ import annotations

import pandas as pd


def headline_figures(bands: pd.DataFrame) -> dict:
    """Counts for a report header: postings, bands, employers, role families, metros, pay share."""
    postings = bands.drop_duplicates("posting_id")
    with_pay = bands.loc[bands["has_pay"], "posting_id"].nunique()
    return {
        "snapshot": ", ".join(sorted(bands["snapshot"].dropna().unique())),
        "postings": len(postings),
        "bands": len(bands),
        "employers": int(postings["employer"].nunique()),
        "role_families": int(postings["role_family"].nunique()),
        "metros": int(bands["metro"].nunique()),
        "postings_with_pay": int(with_pay),
        "share_with_pay": with_pay / len(postings) if len(postings) else float("nan"),
    }


def coverage_by(bands: pd.DataFrame, *, by: str | list[str]) -> pd.DataFrame:
    """Per group: postings, bands, postings with pay and their share, and bands per currency."""
    keys = [by] if isinstance(by, str) else list(by)
    posting_pay = bands.groupby("posting_id")["has_pay"].any().rename("posting_has_pay")
    data = bands.join(posting_pay, on="posting_id")
    grouped = data.groupby(keys, dropna=False, observed=True)
    table = grouped.agg(
        postings=("posting_id", "nunique"),
        bands=("posting_id", "size"),
    )
    table["postings_with_pay"] = (
        data.loc[data["posting_has_pay"]]
        .groupby(keys, dropna=False, observed=True)["posting_id"]
        .nunique()
    )
    table["postings_with_pay"] = table["postings_with_pay"].fillna(0).astype(int)
    table["share_with_pay"] = table["postings_with_pay"] / table["postings"]
    return table.reset_index().sort_values("postings", ascending=False, ignore_index=True)


def period_shares(bands: pd.DataFrame) -> pd.DataFrame:
    """How pay is posted: per pay period, the pay bands and postings using it and its band share.

    Only bands with pay count; a band whose period is missing is counted as "not stated" rather
    than dropped, so the shares always sum to 1. Rows run alphabetically by period.
    """
    with_pay = bands.loc[bands["has_pay"]]
    table = (
        with_pay.assign(pay_period=with_pay["pay_period"].fillna("not stated"))
        .groupby("pay_period")
        .agg(bands=("posting_id", "size"), postings=("posting_id", "nunique"))
        .reset_index()
    )
    table["share"] = table["bands"] / table["bands"].sum()
    return table


def quarantine_reasons(quarantine: pd.DataFrame) -> pd.DataFrame:
    """Quarantined records per reason, most common first (ties alphabetically).

    `quarantine` is the quarantine table (`load_quarantine`); an empty one gives an empty table
    with the same columns, reason and records.
    """
    return (
        quarantine.groupby("reason").size().rename("records").reset_index()
        .sort_values(["records", "reason"], ascending=[False, True], ignore_index=True)
    )


def pay_quality(bands: pd.DataFrame) -> dict:
    """Two counts over the pay bands that say how much reading pay took.

    inferred: bands that stated no period and took one from the amount; open_ended: bands with
    only a minimum or only a maximum ("up to $150k", "from $90k"), kept but never compared.
    Open-endedness is read from the posted amounts, so a band with no period (and hence no
    annual figures) is not counted as open-ended.
    """
    with_pay = bands.loc[bands["has_pay"]]
    return {
        "pay_bands": len(with_pay),
        "inferred": int(with_pay["period_inferred"].fillna(False).astype(bool).sum()),
        "open_ended": int((with_pay["pay_min"].isna() | with_pay["pay_max"].isna()).sum()),
    }


def snapshot_growth(history: pd.DataFrame) -> float | None:
    """Postings in the latest snapshot minus those in the one before.

    `history` is `snapshot_history`'s table, oldest first. None when there is only one snapshot
    or either count is missing (an old manifest), so a report says so instead of printing "nan".
    """
    if len(history) < 2:
        return None
    latest, previous = pd.to_numeric(history["postings"].iloc[-2:]).tolist()[::-1]
    if pd.isna(latest) or pd.isna(previous):
        return None
    return float(latest - previous)
