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
