"""What report 02 says about role families: the facts behind its prose, and its role table.

`role_facts` reads the per-role table (`role_bands`): which role posts highest and lowest, whether
the top role's lead over the median role is more than noise, where the focus role ranks, how wide
bands are and which roles one employer dominates. `metro_facts` reads the role × metro matrix
(`role_metro_matrix`): in how many roles the reference metro posts the highest cell, whether its
lead over the other metros is more than noise, and how many cells are hidden or drawn lighter.
`role_table` is the report's table of bands by role family. Every number the report quotes comes
from these results; the wording stays in the notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.analyses.compare import location_comparison
from analysis.analyses.roles import reference_premium
from analysis.analyses.summary import comparable_bands
from analysis.config import DEFAULT_CURRENCY, DOMINANT_SHARE, N_BOOT, REFERENCE_METRO, SEED, SMALL_N

# Columns of the report's role table, in order, with their headers.
ROLE_TABLE_COLUMNS = {
    "role_family": "Role family",
    "n_postings": "Postings",
    "n_employers": "Employers",
    "annual_min_median": "Median min",
    "annual_mid_median": "Median mid",
    "annual_max_median": "Median max",
    "spread_median": "Median spread",
    "share_bonus": "Bonus mentioned",
    "share_equity": "Equity mentioned",
    "top_employer": "Largest employer",
    "top_employer_share": "Its share",
}
# Medians a small group does not get to show (its n and concentration still do).
_MASKED = ("annual_min_median", "annual_mid_median", "annual_max_median", "spread_median")


@dataclass(frozen=True)
class RoleFacts:
    """What report 02 says about the role families; rows are `role_bands` rows.

    ``top``, ``bottom`` and ``middle`` are None when no role family is large enough to show;
    the lead (``lead``, ``lead_low``, ``lead_high``: the top role's median over the median
    role's, in percent, with its bootstrap interval) is NaN with fewer than two. ``focus`` is None
    (and ``focus_rank`` 0) when the focus role has no comparable posting.
    """

    n_postings: int
    n_employers: int
    n_roles: int
    unmapped: int
    offer_share: float
    shown: pd.DataFrame
    top: pd.Series | None
    bottom: pd.Series | None
    middle: pd.Series | None
    lead: float
    lead_low: float
    lead_high: float
    focus: pd.Series | None
    focus_rank: int
    widest: pd.Series | None
    narrowest: pd.Series | None
    concentrated: pd.DataFrame = field(repr=False)
    most_concentrated: pd.Series | None

    @property
    def ranked(self) -> bool:
        """Whether at least two role families are large enough to rank against each other."""
        return len(self.shown) > 1

    @property
    def lead_is_clear(self) -> bool:
        """Whether the top role's lead over the median role is outside its 95% interval of 0."""
        return bool(self.lead_low > 0)


def role_facts(
    bands: pd.DataFrame,
    *,
    roles: pd.DataFrame,
    focus_role: str,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    dominant_share: float = DOMINANT_SHARE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> RoleFacts:
    """The facts report 02 quotes about role families.

    Parameters
    ----------
    bands : the bands table; closed `currency` ranges count.
    roles : `role_bands(bands, currency=currency)`: ranked, highest median midpoint first.
    focus_role : the role family the report highlights.
    dominant_share : a role whose largest employer posts more than this share is concentrated.
    n_boot, seed : bootstrap of the lead (`location_comparison` across role families).

    The ranking uses roles that are not ``small_n``. The median role is the middle one of that
    ranking (the lower middle when the count is even, so that with two roles the top is compared
    with the other, not with itself). Concentration is assessed on roles with at least `min_n`
    postings; ``most_concentrated`` is the one with the largest top-employer share.
    """
    comparable = comparable_bands(bands, currency=currency)
    with_role = comparable.dropna(subset=["role_family"])
    offers = with_role.drop_duplicates("posting_id")[["has_bonus", "has_equity"]]
    shown = roles.loc[~roles["small_n"]].reset_index(drop=True)
    top = shown.iloc[0] if len(shown) else None
    bottom = shown.iloc[-1] if len(shown) else None
    middle = shown.iloc[len(shown) // 2] if len(shown) else None
    lead = lead_low = lead_high = np.nan
    if len(shown) > 1:
        against = location_comparison(with_role, across="role_family",
                                      reference=middle["role_family"], currency=currency,
                                      n_boot=n_boot, seed=seed)
        gap = against.set_index("role_family").loc[top["role_family"]]
        lead, lead_low, lead_high = (gap[c] - 100 for c in ("index", "index_low", "index_high"))
    position = np.flatnonzero(roles["role_family"].eq(focus_role))
    by_width = shown.sort_values("spread_median", ascending=False)
    sized = roles.loc[roles["n_postings"] >= min_n]
    by_concentration = sized.sort_values("top_employer_share", ascending=False)
    return RoleFacts(
        n_postings=with_role["posting_id"].nunique(),
        n_employers=with_role["employer"].nunique(),
        n_roles=len(roles),
        unmapped=comparable.loc[comparable["role_family"].isna(), "posting_id"].nunique(),
        offer_share=float(offers.any(axis=1).mean()) if len(offers) else np.nan,
        shown=shown,
        top=top,
        bottom=bottom,
        middle=middle,
        lead=float(lead),
        lead_low=float(lead_low),
        lead_high=float(lead_high),
        focus=roles.iloc[position[0]] if len(position) else None,
        focus_rank=int(position[0]) + 1 if len(position) else 0,
        widest=by_width.iloc[0] if len(by_width) else None,
        narrowest=by_width.iloc[-1] if len(by_width) else None,
        concentrated=sized.loc[sized["top_employer_share"] > dominant_share],
        most_concentrated=by_concentration.iloc[0] if len(by_concentration) else None,
    )


@dataclass(frozen=True)
class MetroFacts:
    """What report 02 says about the role × metro matrix; cells are `role_metro_matrix` rows.

    ``leaders`` holds, for each role shown in at least two metros, its highest shown cell,
    highest first. ``premiums`` is `reference_premium` over the matrix's metros; ``clear_leads``
    counts the roles whose reference lead is above noise (interval above 0) among the ``rated``
    roles large enough on both sides. ``focus_premium`` is the focus role's row, None if absent.
    """

    metros: list[str]
    reference_shown: bool
    n_postings: int
    n_roles: int
    n_cells: int
    hidden_cells: int
    low_confidence_cells: int
    dominated_cells: int
    leaders: pd.DataFrame = field(repr=False)
    reference_leads: int
    premiums: pd.DataFrame = field(repr=False)
    rated: int
    clear_leads: int
    focus_premium: pd.Series | None

    @property
    def top_cell(self) -> pd.Series | None:
        """The highest shown cell of any role compared across metros, None if there is none."""
        return self.leaders.iloc[0] if len(self.leaders) else None

    @property
    def focus_lead_is_clear(self) -> bool:
        """Whether the reference metro's lead for the focus role is above noise."""
        return self.focus_premium is not None and bool(self.focus_premium["premium_low"] > 0)


def metro_facts(
    bands: pd.DataFrame,
    *,
    matrix: pd.DataFrame,
    reference: str = REFERENCE_METRO,
    focus_role: str | None = None,
    currency: str = DEFAULT_CURRENCY,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> MetroFacts:
    """The facts report 02 quotes about its role × metro heatmap.

    `matrix` is `role_metro_matrix(bands, currency=currency, reference=reference)`; its metros
    (in display order) are the ones compared. The reference's lead within each role is the
    reference metro against the other metros pooled (`reference_premium`, bootstrap `n_boot`).
    """
    metros = list(dict.fromkeys(matrix["metro"]))
    with_role = comparable_bands(bands, currency=currency).dropna(subset=["role_family"])
    cells = matrix.loc[~matrix["hidden"]]
    compared = cells.groupby("role_family")["metro"].size().ge(2)
    leaders = cells.sort_values("median_mid", ascending=False).drop_duplicates("role_family")
    leaders = leaders.loc[leaders["role_family"].map(compared)].reset_index(drop=True)
    premiums = reference_premium(bands, metros=metros, reference=reference, currency=currency,
                                 n_boot=n_boot, seed=seed)
    rated = premiums.loc[~premiums["small_n"]]
    focus = premiums.loc[premiums["role_family"] == focus_role]
    return MetroFacts(
        metros=metros,
        reference_shown=reference in metros,
        n_postings=with_role.loc[with_role["metro"].isin(metros), "posting_id"].nunique(),
        n_roles=matrix["role_family"].nunique(),
        n_cells=len(matrix),
        hidden_cells=int(matrix["hidden"].sum()),
        low_confidence_cells=int(matrix["low_confidence"].sum()),
        dominated_cells=int(matrix["dominated"].sum()),
        leaders=leaders,
        reference_leads=int(leaders["is_reference"].sum()),
        premiums=premiums,
        rated=len(rated),
        clear_leads=int((rated["premium_low"] > 0).sum()),
        focus_premium=focus.iloc[0] if len(focus) else None,
    )


def role_table(roles: pd.DataFrame) -> pd.DataFrame:
    """Report 02's table of bands by role family, headers as printed.

    `roles` is `role_bands`' table. Medians and spread are blanked for ``small_n`` roles (too
    few postings or employers to state them); their counts and concentration stay. Returns a new
    frame with the `ROLE_TABLE_COLUMNS` headers.
    """
    masked = roles.assign(**{c: roles[c].mask(roles["small_n"]) for c in _MASKED})
    return masked[list(ROLE_TABLE_COLUMNS)].rename(columns=ROLE_TABLE_COLUMNS)
