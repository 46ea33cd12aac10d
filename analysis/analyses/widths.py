"""Range width: how far apart a posted band's top and bottom are, and which are too wide to inform.

Width is stated two ways that agree: the ratio max / min, and the range spread (max − min) / min,
the comp-practice definition (WorldatWork) that salary-structure surveys and
:func:`~analysis.analyses.summary.band_summary` use too. :data:`TOO_WIDE` is the cut-off as a
ratio, :data:`TOO_WIDE_SPREAD` the same cut-off as a spread.
"""

from __future__ import annotations

import pandas as pd

from analysis.analyses.summary import comparable_bands, range_spread
from analysis.choices import check_columns
from analysis.config import DEFAULT_CURRENCY, TOO_WIDE


def ratio_to_spread(ratio: float) -> float:
    """The range spread (max − min) / min of a band whose max / min is `ratio`: ratio − 1.

    A ratio of 2.0 is a spread of 1.0 (100 %), so the two ways of stating "too wide" agree.

    >>> ratio_to_spread(1.5)  # a 100k–150k band
    0.5
    """
    return ratio - 1


# The same cut-off as TOO_WIDE, stated as a range spread: (max − min) / min > 1.0 (100 %).
TOO_WIDE_SPREAD = ratio_to_spread(TOO_WIDE)


def range_width(
    bands: pd.DataFrame,
    *,
    by: str | list[str] | tuple[str, ...] | None = None,
    currency: str = DEFAULT_CURRENCY,
    too_wide: float = TOO_WIDE,
    per_band: bool = False,
) -> pd.DataFrame:
    """Range width (annual_max / annual_min) of closed bands in `currency`.

    Closed bands are those with a positive minimum and a maximum (a single figure has ratio 1).
    With ``per_band=True`` returns the bands with columns ``width_ratio``, ``spread``
    ((max − min) / min, so a 100k–150k band is 0.5; see :func:`ratio_to_spread`) and
    ``too_wide`` (ratio > `too_wide`, default :data:`TOO_WIDE` = 2.0, the same bands as spread >
    :data:`TOO_WIDE_SPREAD`). Otherwise the distribution per group
    (overall when `by` is None): n_bands, ratio_p25, ratio_median, ratio_p75, n_too_wide,
    share_too_wide, threshold. An unknown `by` column is an UnknownChoiceError naming the
    closest; no closed band in `currency`, an EmptyFilterWarning.
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(bands, keys)
    data = comparable_bands(bands, currency=currency, warn=True)
    data = data.loc[data["annual_min"].gt(0) & data["annual_max"].notna()]
    data = data.assign(
        width_ratio=data["annual_max"] / data["annual_min"],
        spread=range_spread(data),
    )
    data = data.assign(too_wide=data["width_ratio"] > too_wide)
    if per_band:
        return data.reset_index(drop=True)
    if keys:
        grouped = data.groupby(keys, dropna=False, observed=True, sort=True)
    else:
        grouped = data.assign(_all="all").groupby("_all")
    out = grouped.agg(
        n_bands=("width_ratio", "size"),
        ratio_p25=("width_ratio", lambda s: s.quantile(0.25)),
        ratio_median=("width_ratio", "median"),
        ratio_p75=("width_ratio", lambda s: s.quantile(0.75)),
        n_too_wide=("too_wide", "sum"),
    )
    out["n_too_wide"] = out["n_too_wide"].astype(int)
    out["share_too_wide"] = out["n_too_wide"] / out["n_bands"]
    out["threshold"] = too_wide
    out = out.reset_index()
    return out.drop(columns="_all") if not keys else out


def width_summary(widths: pd.DataFrame) -> dict:
    """Headline numbers of ``range_width(..., per_band=True)``: bands, too_wide (count),
    share_too_wide and median_spread (NaN without bands)."""
    n = len(widths)
    too_wide = int(widths["too_wide"].sum())
    return dict(
        bands=n,
        too_wide=too_wide,
        share_too_wide=too_wide / n if n else float("nan"),
        median_spread=float(widths["spread"].median()) if n else float("nan"),
    )
