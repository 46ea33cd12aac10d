"""Role families side by side: the role × metro matrix of median pay, and one band row per role.

`role_metro_matrix` is the table behind the role × metro heatmap: one row per role family × metro
cell with its median annual midpoint, postings, employers and the flags that decide how the cell
is shown (hidden below `min_n`, low confidence below 20 postings or 5 employers, dominated when one
employer posts more than half of it). `reference_premium` says whether the reference metro's lead
within a role is more than noise. `role_bands` is the per-role table: the typical band, the share
of postings that mention a bonus or equity, and employer concentration.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.analyses.summary import (
    band_summary,
    comparable_bands,
    midpoint_ratio,
    posting_weights,
)
from analysis.choices import check_values
from analysis.config import (
    CONFIDENCE,
    DEFAULT_CURRENCY,
    DOMINANT_SHARE,
    LOW_CONFIDENCE_N,
    MIN_EMPLOYERS,
    N_BOOT,
    REFERENCE_METRO,
    SEED,
    SMALL_N,
    TOP_METROS,
)
from analysis.stats import group_rng, weighted_median

MATRIX_COLUMNS = [
    "role_family",
    "metro",
    "n_bands",
    "n_postings",
    "n_employers",
    "median_mid",
    "top_employer_share",
    "role_median_mid",
    "metro_median_mid",
    "hidden",
    "low_confidence",
    "dominated",
    "is_reference",
]


def largest_metros(
    bands: pd.DataFrame,
    *,
    currency: str = DEFAULT_CURRENCY,
    top: int = TOP_METROS,
    reference: str = REFERENCE_METRO,
) -> list[str]:
    """The `top` metros with the most comparable postings, always including `reference` if present.

    Ties break alphabetically so that the choice is repeatable.
    """
    data = comparable_bands(bands, currency=currency).dropna(subset=["metro"])
    counts = data.groupby("metro", observed=True)["posting_id"].nunique().reset_index()
    counts = counts.sort_values(["posting_id", "metro"], ascending=[False, True])
    chosen = counts["metro"].head(top).tolist()
    if reference in set(counts["metro"]) and reference not in chosen:
        chosen = chosen[: max(top - 1, 0)] + [reference]
    return chosen


def employer_concentration(
    bands: pd.DataFrame,
    *,
    by: str | list[str],
    currency: str = DEFAULT_CURRENCY,
) -> pd.DataFrame:
    """Per group: its largest employer, that employer's postings and their share of the group's.

    Shares count postings, not bands, so an employer posting one job with many bands does not look
    dominant. Ties between employers break alphabetically.
    """
    keys = [by] if isinstance(by, str) else list(by)
    data = comparable_bands(bands, currency=currency).dropna(subset=keys)
    per_employer = (
        data.groupby([*keys, "employer"], observed=True)["posting_id"].nunique()
        .rename("top_employer_postings").reset_index()
        .sort_values(["top_employer_postings", "employer"], ascending=[False, True])
    )
    top = per_employer.drop_duplicates(keys).rename(columns={"employer": "top_employer"})
    totals = data.groupby(keys, observed=True)["posting_id"].nunique().rename("n_postings")
    top = top.join(totals, on=keys)
    top["top_employer_share"] = top["top_employer_postings"] / top["n_postings"]
    return top.drop(columns="n_postings").sort_values(keys, ignore_index=True)


def top_employer(employers: pd.Series) -> tuple[str | None, int]:
    """The most frequent employer of `employers` (one entry per posting) and its count.

    (None, 0) when there are none.
    """
    counts = employers.value_counts()
    return (str(counts.index[0]), int(counts.iloc[0])) if len(counts) else (None, 0)


def matrix_order(
    table: pd.DataFrame, *, reference: str = REFERENCE_METRO
) -> tuple[list[str], list[str]]:
    """Row and column order of a role × metro matrix: (roles, metros).

    Roles run from the highest overall median midpoint to the lowest; metros start with the
    `reference` (pinned, whatever its value), then run from the highest overall median down.
    Ties break alphabetically.
    """
    roles = (
        table.drop_duplicates("role_family")
        .sort_values(["role_median_mid", "role_family"], ascending=[False, True])["role_family"]
        .tolist()
    )
    others = (
        table.loc[table["metro"] != reference]
        .drop_duplicates("metro")
        .sort_values(["metro_median_mid", "metro"], ascending=[False, True])["metro"]
        .tolist()
    )
    pinned = [reference] if (table["metro"] == reference).any() else []
    return roles, pinned + others


def role_metro_matrix(
    bands: pd.DataFrame,
    *,
    currency: str = DEFAULT_CURRENCY,
    metros: list[str] | None = None,
    top: int = TOP_METROS,
    reference: str = REFERENCE_METRO,
    min_n: int = SMALL_N,
    low_confidence_n: int = LOW_CONFIDENCE_N,
    min_employers: int = MIN_EMPLOYERS,
) -> pd.DataFrame:
    """Median annual midpoint per role family × metro, every cell of the grid present.

    Parameters
    ----------
    bands : the bands table; only closed `currency` ranges with a role family and a metro count.
    metros : the columns; by default the `top` metros by postings (`largest_metros`).
    reference : the metro pinned first (see `matrix_order`).
    min_n : cells with fewer postings are hidden: their median is left empty.
    low_confidence_n, min_employers : shown cells below either are flagged low confidence.

    Returns
    -------
    One row per role × metro in display order (`matrix_order`), with n_bands, n_postings,
    n_employers, median_mid (NaN when hidden), top_employer_share, role_median_mid and
    metro_median_mid (over all the role's / metro's bands, which set the order), and the flags
    hidden, low_confidence, dominated (one employer > 50% of postings) and is_reference.
    A role with no posting in any chosen metro is still a row of empty cells; a metro in
    `metros` that the data never holds is an UnknownChoiceError naming the closest (the
    `reference` is not checked: it is pinned only when present).
    """
    if metros is not None:
        check_values(bands, column="metro", values=list(metros), what="metro")
    data = comparable_bands(bands, currency=currency).dropna(subset=["role_family"])
    if metros is None:
        metros = largest_metros(data, currency=currency, top=top, reference=reference)
    in_metros = data.loc[data["metro"].isin(metros)]
    cells = in_metros.groupby(["role_family", "metro"], observed=True).agg(
        n_bands=("posting_id", "size"),
        n_postings=("posting_id", "nunique"),
        n_employers=("employer", "nunique"),
        median_mid=("annual_mid", "median"),
    )
    roles = sorted(data["role_family"].unique())
    grid = pd.MultiIndex.from_product([roles, list(metros)], names=["role_family", "metro"])
    table = cells.reindex(grid).reset_index()
    for column in ("n_bands", "n_postings", "n_employers"):
        table[column] = table[column].fillna(0).astype(int)
    concentration = employer_concentration(in_metros, by=["role_family", "metro"],
                                           currency=currency)
    table = table.merge(concentration[["role_family", "metro", "top_employer_share"]],
                        on=["role_family", "metro"], how="left")
    table["role_median_mid"] = table["role_family"].map(
        data.groupby("role_family")["annual_mid"].median())
    table["metro_median_mid"] = table["metro"].map(data.groupby("metro")["annual_mid"].median())
    table["hidden"] = table["n_postings"] < min_n
    table.loc[table["hidden"], "median_mid"] = float("nan")
    table["low_confidence"] = ~table["hidden"] & (
        (table["n_postings"] < low_confidence_n) | (table["n_employers"] < min_employers)
    )
    table["dominated"] = ~table["hidden"] & (table["top_employer_share"] > DOMINANT_SHARE)
    table["is_reference"] = table["metro"] == reference
    row_order, column_order = matrix_order(table, reference=reference)
    table["_row"] = table["role_family"].map({r: i for i, r in enumerate(row_order)})
    table["_column"] = table["metro"].map({m: i for i, m in enumerate(column_order)})
    table = table.sort_values(["_row", "_column"], ignore_index=True)
    return table[MATRIX_COLUMNS]


def role_bands(
    bands: pd.DataFrame,
    *,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    min_employers: int = MIN_EMPLOYERS,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per role family: `band_summary` columns plus flags and concentration.

    Adds share_bonus and share_equity (share of the role's postings whose text mentions a bonus
    or equity, so base pay is only part of the offer), top_employer and top_employer_share
    (`employer_concentration`), and `small_n` widened to groups with fewer than `min_employers`
    employers. Rows run from the highest median midpoint down; postings without a role family
    are left out.
    """
    data = comparable_bands(bands, currency=currency).dropna(subset=["role_family"])
    summary = band_summary(data, by="role_family", currency=currency, min_n=min_n,
                           n_boot=n_boot, seed=seed)
    postings = data.drop_duplicates("posting_id")
    flags = postings.groupby("role_family").agg(
        share_bonus=("has_bonus", "mean"), share_equity=("has_equity", "mean"))
    concentration = employer_concentration(data, by="role_family", currency=currency)
    summary = summary.merge(flags.reset_index(), on="role_family", how="left").merge(
        concentration[["role_family", "top_employer", "top_employer_share"]],
        on="role_family", how="left")
    summary["small_n"] = summary["small_n"] | (summary["n_employers"] < min_employers)
    return summary.sort_values(["annual_mid_median", "role_family"], ascending=[False, True],
                               ignore_index=True)


def reference_premium(
    bands: pd.DataFrame,
    *,
    metros: list[str],
    reference: str = REFERENCE_METRO,
    by: str = "role_family",
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """Per group, the reference metro's median midpoint against the other `metros` pooled.

    A heatmap invites reading one cell against another; this says whether the reference column's
    lead within a role is more than noise. premium = reference median / pooled median - 1, with an
    employer-clustered interval (:func:`analysis.stats.ratio_estimate`); `clear` is True when the
    interval excludes 0. Groups with fewer than `min_n` postings on either side get NaN and
    small_n; fewer than ``MIN_EMPLOYERS`` employers on a side: a premium but no interval
    (``too_few_employers``).
    """
    data = comparable_bands(bands, currency=currency).dropna(subset=[by])
    data = data.loc[data["metro"].isin(metros)]
    rows = []
    for key, group in data.groupby(by, observed=True, sort=True):
        side = group["metro"] == reference
        group = group.assign(_weight=posting_weights(group.assign(_side=side), by=["_side"]))
        inside, outside = group.loc[side], group.loc[~side]
        row = {by: key, "n_reference": inside["posting_id"].nunique(),
               "n_other": outside["posting_id"].nunique(),
               "reference_median": weighted_median(inside["annual_mid"].to_numpy(float),
                                                   inside["_weight"].to_numpy()),
               "other_median": weighted_median(outside["annual_mid"].to_numpy(float),
                                               outside["_weight"].to_numpy())}
        row["small_n"] = min(row["n_reference"], row["n_other"]) < min_n
        row["too_few_employers"] = min(inside["employer"].nunique(),
                                       outside["employer"].nunique()) < MIN_EMPLOYERS
        if row["small_n"]:
            row.update(premium=np.nan, premium_low=np.nan, premium_high=np.nan)
        else:
            estimate = midpoint_ratio(inside, outside, confidence=confidence, n_boot=n_boot,
                                      rng=group_rng(seed, key))
            row.update(premium=estimate.value - 1, premium_low=estimate.low - 1,
                       premium_high=estimate.high - 1)
        rows.append(row)
    columns = [by, "n_reference", "n_other", "reference_median", "other_median", "premium",
               "premium_low", "premium_high", "clear", "small_n", "too_few_employers"]
    result = pd.DataFrame(rows, columns=[c for c in columns if c != "clear"])
    result["clear"] = (result["premium_low"] > 0) | (result["premium_high"] < 0)
    return result[columns]
