"""What changed between two snapshots: postings added, removed and re-banded.

A posting is re-banded when its set of bands (amounts, period, currency, label) differs between
the snapshots; other changes (title wording, location text) leave it "unchanged" here.
"""

from __future__ import annotations

import pandas as pd

STATUSES = ("added", "removed", "rebanded", "unchanged")
_BAND_KEY = ["pay_min", "pay_max", "pay_period", "currency", "band_label"]


def snapshot_diff(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per posting in either snapshot, with its status and its bands then and now.

    Parameters
    ----------
    old, new : bands tables of the earlier and the later snapshot.

    Returns
    -------
    Columns posting_id, status (added / removed / rebanded / unchanged), employer, title,
    role_family, metro, old_bands, new_bands (bands as text, e.g. "USD 117,000–173,000 per
    year"), old_annual_mid, new_annual_mid (of band 0), ordered by status then posting_id.
    """
    before, after = _postings(old), _postings(new)
    table = before.merge(
        after, how="outer", left_index=True, right_index=True, suffixes=("_old", "_new")
    )
    in_old, in_new = table["bands_old"].notna(), table["bands_new"].notna()
    table["status"] = "unchanged"
    table.loc[in_new & ~in_old, "status"] = "added"
    table.loc[in_old & ~in_new, "status"] = "removed"
    table.loc[in_old & in_new & (table["bands_old"] != table["bands_new"]), "status"] = "rebanded"
    for column in ("employer", "title", "role_family", "metro"):
        table[column] = table[f"{column}_new"].fillna(table[f"{column}_old"])
    result = table.reset_index().rename(
        columns={
            "bands_old": "old_bands",
            "bands_new": "new_bands",
            "annual_mid_old": "old_annual_mid",
            "annual_mid_new": "new_annual_mid",
        }
    )
    result["status"] = pd.Categorical(result["status"], categories=STATUSES, ordered=True)
    columns = [
        "posting_id",
        "status",
        "employer",
        "title",
        "role_family",
        "metro",
        "old_bands",
        "new_bands",
        "old_annual_mid",
        "new_annual_mid",
    ]
    return result[columns].sort_values(["status", "posting_id"], ignore_index=True)


def diff_counts(diff: pd.DataFrame) -> pd.Series:
    """Postings per status, every status listed (0 when none)."""
    return diff["status"].value_counts().reindex(list(STATUSES), fill_value=0)


def _postings(bands: pd.DataFrame) -> pd.DataFrame:
    ordered = bands.sort_values(["posting_id", "band"])
    text = ordered.assign(text=[_band_text(row) for row in ordered.itertuples()])
    grouped = text.groupby("posting_id", sort=False)
    first = grouped.first()
    return pd.DataFrame(
        {
            "bands": grouped["text"].agg("; ".join),
            "employer": first["employer"],
            "title": first["title"],
            "role_family": first["role_family"],
            "metro": first["metro"],
            "annual_mid": first["annual_mid"],
        }
    )


def _band_text(row) -> str:
    if not row.has_pay:
        return "no pay stated"
    low = "" if pd.isna(row.pay_min) else f"{row.pay_min:,.2f}".removesuffix(".00")
    high = "" if pd.isna(row.pay_max) else f"{row.pay_max:,.2f}".removesuffix(".00")
    label = "" if pd.isna(row.band_label) else f"{row.band_label}: "
    return f"{label}{row.currency} {low}–{high} per {row.pay_period}"
