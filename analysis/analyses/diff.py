"""What changed between two snapshots: postings added, removed and re-banded.

A posting is re-banded when its set of bands (amounts, period, currency, label) differs between
the snapshots; other changes (title wording, location text) leave it "unchanged" here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.analyses.summary import comparable_bands, midpoint_ratio, posting_weights
from analysis.choices import check_columns
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.stats import excludes, group_rng, weighted_median

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
    columns = ["has_pay", "pay_min", "pay_max", "band_label", "currency", "pay_period"]
    text = pd.Series(
        [_band_text(*values) for values in zip(*(ordered[c] for c in columns), strict=True)],
        index=ordered.index,
        dtype=object,
    )
    # Most postings have one band: join only where there are several.
    several = ordered["posting_id"].duplicated(keep=False).to_numpy()
    bands_text = text[~several].set_axis(ordered.loc[~several, "posting_id"])
    if several.any():
        joined = text[several].groupby(ordered.loc[several, "posting_id"], sort=False).agg(
            "; ".join
        )
        bands_text = pd.concat([bands_text, joined])
    first = ordered.drop_duplicates("posting_id").set_index("posting_id")
    return pd.DataFrame(
        {
            "bands": bands_text,
            "employer": first["employer"],
            "title": first["title"],
            "role_family": first["role_family"],
            "metro": first["metro"],
            "annual_mid": first["annual_mid"],
        }
    )


def _band_text(has_pay, pay_min, pay_max, band_label, currency, pay_period) -> str:
    if not has_pay:
        return "no pay stated"
    low = "" if pd.isna(pay_min) else f"{pay_min:,.2f}".removesuffix(".00")
    high = "" if pd.isna(pay_max) else f"{pay_max:,.2f}".removesuffix(".00")
    label = "" if pd.isna(band_label) else f"{band_label}: "
    return f"{label}{currency} {low}–{high} per {pay_period}"


def group_shifts(
    old: pd.DataFrame,
    new: pd.DataFrame,
    *,
    by: str | list[str] = "metro",
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """How each group's median band midpoint moved between two snapshots, with its uncertainty.

    Per group: n then and now (bands), employers behind both, median annual_mid then and now
    (posting-weighted), change (new / old - 1), an employer-clustered interval of the change
    (:func:`analysis.stats.ratio_estimate` with ``paired=True``: the employers of both snapshots
    are resampled together, since the same employers set both medians), and `within_noise` when
    that interval contains 0 — such a move is not a finding. Groups with fewer than `min_n`
    bands in either snapshot, or fewer than ``MIN_EMPLOYERS`` employers in both, get no interval
    (and `within_noise` True). A `by` column either snapshot lacks is an UnknownChoiceError
    naming the closest.
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(old, keys, where="the old snapshot's bands table has")
    check_columns(new, keys, where="the new snapshot's bands table has")
    old_bands, new_bands = (comparable_bands(frame, currency=currency) for frame in (old, new))
    old_bands = old_bands.assign(_weight=posting_weights(old_bands, by=keys))
    new_bands = new_bands.assign(_weight=posting_weights(new_bands, by=keys))
    before = dict(tuple(old_bands.groupby(keys, observed=True)))
    after = dict(tuple(new_bands.groupby(keys, observed=True)))
    empty = old_bands.iloc[0:0]
    rows = []
    for key in sorted(set(before) | set(after), key=str):
        then, now = before.get(key, empty), after.get(key, empty)
        row = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        estimate = midpoint_ratio(now, then, paired=True, confidence=confidence, n_boot=n_boot,
                                  rng=group_rng(seed, key)) if len(then) and len(now) else None
        row.update(
            n_old=len(then),
            n_new=len(now),
            n_employers=estimate.n_employers if estimate else 0,
            median_old=weighted_median(then["annual_mid"].to_numpy(float),
                                       then["_weight"].to_numpy()),
            median_new=weighted_median(now["annual_mid"].to_numpy(float),
                                       now["_weight"].to_numpy()),
        )
        row["change"] = row["median_new"] / row["median_old"] - 1
        low = high = np.nan
        if estimate is not None and len(then) >= min_n and len(now) >= min_n:
            low, high = estimate.low - 1, estimate.high - 1
        row.update(change_low=low, change_high=high, within_noise=not excludes(low, high, 0))
        rows.append(row)
    columns = [*keys, "n_old", "n_new", "n_employers", "median_old", "median_new", "change",
               "change_low", "change_high", "within_noise"]
    return pd.DataFrame(rows, columns=columns)


def noise_flags(shifts: pd.DataFrame) -> pd.Series:
    """How to read each group's move: "beyond noise", "within noise", "too few employers" (no
    interval: under ``MIN_EMPLOYERS`` employers behind both snapshots), "too few to test" (no
    interval: under `min_n` bands in a snapshot), "new" or "gone" (absent from one snapshot)."""
    flags = pd.Series("within noise", index=shifts.index, dtype=object)
    flags[shifts["change_low"].isna()] = "too few to test"
    if "n_employers" in shifts:
        flags[shifts["change_low"].isna() & (shifts["n_employers"] < MIN_EMPLOYERS)] = (
            "too few employers")
    flags[shifts["n_old"] == 0] = "new"
    flags[shifts["n_new"] == 0] = "gone"
    flags[~shifts["within_noise"].astype(bool)] = "beyond noise"
    return flags


def largest_rebands(diff: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Re-banded postings, largest move of the first band's midpoint first.

    Adds change (new / old midpoint - 1) and direction: "raised", "lowered", "same midpoint"
    (the band changed around the same centre), "pay withdrawn" or "pay added". Postings whose pay
    appeared or disappeared have no change and come after the ones that moved.
    """
    rebanded = diff.loc[diff["status"] == "rebanded"].copy()
    change = rebanded["new_annual_mid"] / rebanded["old_annual_mid"] - 1
    direction = np.select(
        [
            rebanded["new_annual_mid"].isna() & rebanded["old_annual_mid"].notna(),
            rebanded["old_annual_mid"].isna() & rebanded["new_annual_mid"].notna(),
            change > 0,
            change < 0,
        ],
        ["pay withdrawn", "pay added", "raised", "lowered"],
        default="same midpoint",
    )
    rebanded = rebanded.assign(change=change, direction=direction, _size=change.abs())
    ordered = rebanded.sort_values(["_size", "posting_id"], ascending=[False, True],
                                   na_position="last")
    return ordered.drop(columns="_size").head(top).reset_index(drop=True)


@dataclass(frozen=True)
class ShiftSummary:
    """How to read a :func:`group_shifts` table.

    flags: :func:`noise_flags` per row; tested: rows with an interval (within or beyond noise);
    moved: rows beyond noise, largest move first; widest: the tested row with the largest move
    (None when nothing could be tested); n_old, n_new: bands behind all groups then and now.
    """

    flags: pd.Series
    tested: pd.DataFrame
    moved: pd.DataFrame
    widest: pd.Series | None
    n_old: int
    n_new: int


def shift_summary(shifts: pd.DataFrame) -> ShiftSummary:
    """The facts a report quotes about `group_shifts` output (see :class:`ShiftSummary`)."""
    flags = noise_flags(shifts)
    tested = shifts.loc[flags.isin(["within noise", "beyond noise"])]
    moved = shifts.loc[flags == "beyond noise"].sort_values("change", key=abs, ascending=False,
                                                            kind="stable")
    return ShiftSummary(
        flags=flags,
        tested=tested,
        moved=moved.reset_index(drop=True),
        widest=tested.loc[tested["change"].abs().idxmax()] if len(tested) else None,
        n_old=int(shifts["n_old"].sum()) if len(shifts) else 0,
        n_new=int(shifts["n_new"].sum()) if len(shifts) else 0,
    )


def reband_summary(rebands: pd.DataFrame) -> dict:
    """Counts of :func:`largest_rebands` (pass every re-banded posting) by direction.

    Returns rebanded, raised, lowered, withdrawn (stopped stating pay), added (started),
    median_change (of the midpoints that moved or stayed; NaN when none) and lean: "up" when
    more were raised than lowered, "down" for the reverse, "both ways" on a tie.
    """
    directions = rebands["direction"].value_counts()
    raised, lowered = int(directions.get("raised", 0)), int(directions.get("lowered", 0))
    return dict(
        rebanded=len(rebands),
        raised=raised,
        lowered=lowered,
        withdrawn=int(directions.get("pay withdrawn", 0)),
        added=int(directions.get("pay added", 0)),
        median_change=float(rebands["change"].median()) if len(rebands) else float("nan"),
        lean="up" if raised > lowered else "down" if lowered > raised else "both ways",
    )
