"""Report 02 (roles): what each role family posts, across metros, and who posts it.

`roles_text` is the report's words: a ReportText built from the per-role table Chart 1 plots
(`role_bands`) and the role × metro matrix Chart 2 plots (`role_metro_matrix`).

`role_facts` reads the per-role table (`role_bands`): which role posts highest and lowest, whether
the top role's lead over the median role is more than noise, where the focus role ranks, how wide
bands are and which roles one employer dominates. `metro_facts` reads the role × metro matrix
(`role_metro_matrix`): in how many roles the reference metro posts the highest cell, whether its
lead over the other metros is more than noise, and how many cells are hidden or drawn lighter.
`role_table` is the report's table of bands by role family. Every number the report quotes comes
from these results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.analyses.compare import compare_groups
from analysis.analyses.roles import reference_premium
from analysis.analyses.summary import comparable_bands
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
)
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    CLUSTERED,
    confidence_of,
    count_of,
    join_names,
    n_text,
    percent,
    plural,
    sentence_case,
)
from analysis.formats import money, money_range, short_metro

ROLES_CHART = "02_role_bands"
METRO_CHART = "02_role_metro"

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
    n_boot, seed : bootstrap of the lead (`compare_groups` across role families).

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
        against = compare_groups(with_role, across="role_family",
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


def roles_text(
    bands: pd.DataFrame,
    *,
    roles: pd.DataFrame,
    matrix: pd.DataFrame,
    focus_role: str,
    focus_metro: str = REFERENCE_METRO,
    currency: str = DEFAULT_CURRENCY,
    snapshot: str = "unknown",
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> ReportText:
    """Everything report 02 says, from the frames its charts plot.

    roles : `role_bands(bands, currency=currency)` (Chart 1 and the table); matrix :
    `role_metro_matrix(bands, currency=currency, reference=focus_metro)` (Chart 2). The lead of
    the top role and of `focus_metro` carry bootstrap intervals (`n_boot` resamples, `seed`).
    """
    facts = role_facts(bands, roles=roles, focus_role=focus_role, currency=currency,
                       n_boot=n_boot, seed=seed)
    grid = metro_facts(bands, matrix=matrix, reference=focus_metro, focus_role=focus_role,
                       currency=currency, n_boot=n_boot, seed=seed)
    base = f"annual base salary, as posted, {currency}"
    source = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges with a role "
              f"family; n = postings.")
    findings = [
        *_ranking_findings(facts, currency=currency),
        _focus_finding(facts, focus_role, currency=currency),
        _metro_finding(grid, focus_metro, focus_role, currency=currency),
    ]
    if grid.n_cells:
        findings.append(_cells_finding(grid))
    notes = {}
    if not len(roles):
        notes[ROLES_CHART] = (f"**No role family has closed {currency} pay ranges**, so Chart 1 "
                              f"is not drawn.")
    if not len(matrix):
        notes[METRO_CHART] = (f"**No metro has {currency} postings with a role family**, so "
                              f"Chart 2 is not drawn.")
    return ReportText(
        title=_title(facts, currency=currency),
        scope=(f"Closed {currency} pay ranges in snapshot {snapshot}: {_counts(facts)}, all "
               f"locations including remote; {_metro_scope(grid.metros)}."),
        findings=findings,
        captions={
            ROLES_CHART: _roles_caption(facts, focus_role, base, snapshot, source,
                                        currency=currency),
            METRO_CHART: _metro_caption(grid, focus_metro, base, snapshot, source,
                                        currency=currency),
        },
        caveats=_caveats(facts, grid),
        method=_method(grid, focus_metro, currency, n_boot),
        notes=notes,
    )




def _counts(facts: RoleFacts) -> str:
    if not facts.n_postings:
        return "none with a role family"
    return (f"{plural(facts.n_postings, 'posting')} from {plural(facts.n_employers, 'employer')} "
            f"in {plural(facts.n_roles, 'role family', many='role families')}")


def _metro_scope(metros: list[str]) -> str:
    if not metros:
        return "no posting has a metro, so Chart 2 is empty"
    largest = "the largest metro" if len(metros) == 1 else f"the {len(metros):,} largest metros"
    return f"Chart 2 covers {largest}"


def _title(facts: RoleFacts, *, currency: str) -> str:
    if not facts.ranked:
        return "Too few role families with enough postings to rank"
    top = facts.top
    median = money(top["annual_mid_median"], currency=currency)
    if facts.lead_is_clear:
        return (f"{sentence_case(top['role_family'])} postings sit highest: median midpoint "
                f"{median}, {facts.lead / 100:.0%} above the median role")
    return (f"{sentence_case(top['role_family'])} postings sit highest at {median}, but within "
            f"noise of the median role")


def _ranking_findings(facts: RoleFacts, *, currency: str) -> list[Finding]:
    """The top role against the median role, and the bottom role with the spread of widths."""
    need = f"{SMALL_N}+ postings from {MIN_EMPLOYERS}+ employers"
    if not facts.n_postings:
        return [Finding(f"**No posting has a closed {currency} pay range and a role family**, so "
                        f"roles are not ranked.", kind="role ranking", subject="role families",
                        n=0, employers=0, confidence="none", chart="Chart 1")]
    if len(facts.shown) == 0:
        return [Finding(
            f"**No role family has {need}**, so roles are not ranked "
            f"({n_text(facts.n_postings, facts.n_employers)} in "
            f"{plural(facts.n_roles, 'role family', many='role families')}).",
            kind="role ranking", subject="role families", n=facts.n_postings,
            employers=facts.n_employers,
            confidence="too few", chart="Chart 1",
        )]
    top = facts.top
    if not facts.ranked:
        return [Finding(
            f"**Only {top['role_family']} has {need}**, so roles are not ranked: its median "
            f"midpoint is {money(top['annual_mid_median'], currency=currency)} "
            f"({n_text(int(top['n_postings']), int(top['n_employers']))}).",
            kind="role ranking", subject=str(top["role_family"]),
            value=float(top["annual_mid_median"]), n=int(top["n_postings"]),
            employers=int(top["n_employers"]), confidence="too few", chart="Chart 1",
        )]
    middle, bottom = facts.middle, facts.bottom
    lead, low, high = facts.lead / 100, facts.lead_low / 100, facts.lead_high / 100
    noise = "" if facts.lead_is_clear else ", so the lead is within noise"
    ratio = top["annual_mid_median"] / bottom["annual_mid_median"]
    return [
        Finding(
            f"**{sentence_case(top['role_family'])} posts the highest median midpoint**, "
            f"{money(top['annual_mid_median'], currency=currency)} "
            f"({n_text(int(top['n_postings']), int(top['n_employers']))}), {lead:.0%} above the "
            f"median role family, {middle['role_family']} at "
            f"{money(middle['annual_mid_median'], currency=currency)} "
            f"({n_text(int(middle['n_postings']))}); "
            f"{CONFIDENCE:.0%} interval of the gap {low:+.0%} to {high:+.0%}{noise}.",
            kind="role lead", subject=str(top["role_family"]), value=lead, interval=(low, high),
            n=int(top["n_postings"]), employers=int(top["n_employers"]),
            confidence=confidence_of(int(top["n_postings"]), int(top["n_employers"])),
            chart="Chart 1",
        ),
        Finding(
            f"**{sentence_case(bottom['role_family'])} posts the lowest**, "
            f"{money(bottom['annual_mid_median'], currency=currency)} "
            f"({n_text(int(bottom['n_postings']), int(bottom['n_employers']))}); the top role's "
            f"median is {ratio:.1f}× the bottom's. Across role families a band's maximum sits a "
            f"median {percent(facts.narrowest['spread_median'])} "
            f"({facts.narrowest['role_family']}) to {percent(facts.widest['spread_median'])} "
            f"({facts.widest['role_family']}) above its minimum.",
            kind="lowest role", subject=str(bottom["role_family"]),
            value=float(bottom["annual_mid_median"]), n=int(bottom["n_postings"]),
            employers=int(bottom["n_employers"]),
            confidence=confidence_of(int(bottom["n_postings"]), int(bottom["n_employers"])),
            chart="Chart 1 and the table",
        ),
    ]


def _focus_finding(facts: RoleFacts, focus_role: str, *, currency: str) -> Finding:
    focus = facts.focus
    if focus is None:
        return Finding(f"**No {currency} postings map to {focus_role}** in this snapshot, so it "
                       f"is not highlighted.", kind="focus role", subject=focus_role,
                       n=0, confidence="none")
    n, employers = int(focus["n_postings"]), int(focus["n_employers"])
    rank = ("is the only role family" if facts.n_roles == 1
            else f"ranks {facts.focus_rank:,} of {facts.n_roles:,}")
    return Finding(
        f"**{sentence_case(focus_role)} {rank}**: typical band "
        f"{money_range(focus['annual_min_median'], focus['annual_max_median'], currency=currency)}"
        f", median midpoint {money(focus['annual_mid_median'], currency=currency)} "
        f"({n_text(n, employers)}).",
        kind="focus role", subject=focus_role, value=float(focus["annual_mid_median"]),
        n=n, employers=employers, confidence=confidence_of(n, employers), chart="Chart 1",
    )


def _metro_finding(grid: MetroFacts, metro: str, focus_role: str, *, currency: str) -> Finding:
    if not grid.metros:
        return Finding(f"**No metro has {currency} postings with a role family**, so Chart 2 is "
                       f"empty.", kind="metro lead", subject=metro, n=0, confidence="none")
    if not grid.reference_shown:
        return Finding(
            f"**{metro} has no {currency} postings** in this snapshot; Chart 2 shows "
            f"{plural(len(grid.metros), 'other metro')} without it.",
            kind="metro lead", subject=metro, n=0, confidence="none", chart="Chart 2",
        )
    compared = len(grid.leaders)
    if not compared:
        return Finding(
            f"**No role family has {SMALL_N}+ postings in two of the metros**, so no metro's "
            f"lead can be read ({n_text(grid.n_postings)} in "
            f"{plural(len(grid.metros), 'metro')}).",
            kind="metro lead", subject=metro, n=grid.n_postings,
            confidence="none" if not grid.n_postings else "too few", chart="Chart 2",
        )
    leads = grid.reference_leads
    families = count_of(leads, compared, "role family", many="role families")
    lead = (f"**{metro} posts the highest median in {families}** compared across at least two "
            f"metros" if leads else
            f"**{metro} posts the highest median in none of the "
            f"{plural(compared, 'role family', many='role families')}** compared across at least "
            f"two metros")
    return Finding(
        f"{lead}; {_noise_clause(grid, focus_role, currency=currency)}.",
        kind="metro lead", subject=metro, value=float(leads), n=grid.n_postings,
        confidence=confidence_of(grid.n_postings), chart="Chart 2",
    )


def _noise_clause(grid: MetroFacts, focus_role: str, *, currency: str) -> str:
    """Whether the reference metro's lead over the others pooled is more than noise."""
    others = plural(len(grid.metros) - 1, "other metro")
    if not grid.rated:
        return (f"no role family has {SMALL_N}+ postings both there and in the {others}, so its "
                f"lead is not tested")
    text = (f"its lead over the {others} pooled is outside noise for {grid.clear_leads:,} of the "
            f"{plural(grid.rated, 'role family', many='role families')} tested")
    premium = grid.focus_premium
    if premium is None:
        return text
    if premium["small_n"]:
        return f"{text}; {focus_role} has too few postings on one side to test"
    gap = (f"{money(premium['reference_median'], currency=currency)} "
           f"({n_text(int(premium['n_reference']))}) against "
           f"{money(premium['other_median'], currency=currency)} "
           f"({n_text(int(premium['n_other']))}), "
           f"{premium['premium']:+.0%}, {CONFIDENCE:.0%} interval {premium['premium_low']:+.0%} "
           f"to {premium['premium_high']:+.0%}")
    if grid.focus_lead_is_clear:
        return f"{text}, {focus_role} included: {gap}"
    return f"{text}; for {focus_role} the gap is within noise: {gap}"


def _cells_finding(grid: MetroFacts) -> Finding:
    hidden, cells = grid.hidden_cells, grid.n_cells
    low = grid.low_confidence_cells
    lighter = (f"; {plural(low, 'more cell' if hidden else 'cell')} "
               f"{'is' if low == 1 else 'are'} drawn lighter "
               f"(fewer than {LOW_CONFIDENCE_N} postings or {MIN_EMPLOYERS} employers)" if low
               else "")
    if not hidden:
        lead = f"**No role × metro cell has fewer than {SMALL_N} postings**{lighter}"
    else:
        verb = "has" if hidden == 1 else "have"
        lead = (f"**{sentence_case(count_of(hidden, cells, 'role × metro cell'))} {verb} fewer "
                f"than "
                f"{SMALL_N} postings** and {'is' if hidden == 1 else 'are'} hidden{lighter}")
    return Finding(f"{lead}.", kind="hidden cells", subject="role × metro cells",
                   value=float(hidden), n=grid.n_postings,
                   confidence=confidence_of(grid.n_postings), chart="Chart 2")


def _roles_caption(facts: RoleFacts, focus_role: str, base: str, snapshot: str,
                   source: str, *, currency: str) -> Caption:
    top, bottom = facts.top, facts.bottom
    if facts.ranked:
        title = (f"{sentence_case(top['role_family'])} bands sit highest, {bottom['role_family']} "
                 f"lowest: median midpoints {money(top['annual_mid_median'], currency=currency)} "
                 f"and {money(bottom['annual_mid_median'], currency=currency)}")
    elif top is not None:
        title = (f"Only {top['role_family']} has enough postings to read its band: median "
                 f"midpoint {money(top['annual_mid_median'], currency=currency)}")
    else:
        title = "Too few postings per role family to compare bands"
    highlight = f"; {focus_role} highlighted" if facts.focus is not None else ""
    orange = f", {focus_role} in orange" if facts.focus is not None else ""
    return Caption(
        title=title,
        subtitle=(f"Median posted minimum to maximum per role family, tick = median midpoint · "
                  f"{base} · all locations · snapshot {snapshot} · n = {facts.n_postings:,} "
                  f"postings{highlight}; faded: fewer than {SMALL_N} postings or {MIN_EMPLOYERS} "
                  f"employers"),
        alt=(f"Floating bars from the median posted minimum to maximum for each of "
             f"{plural(facts.n_roles, 'role family', many='role families')}, highest median "
             f"midpoint at the top{orange}."),
        source=source,
        xlabel=f"{base}: bar = median minimum to maximum, tick = median midpoint",
    )


def _metro_caption(grid: MetroFacts, metro: str, base: str, snapshot: str,
                   source: str, *, currency: str) -> Caption:
    leader = grid.top_cell
    if grid.reference_shown and leader is not None and grid.reference_leads:
        families = count_of(grid.reference_leads, len(grid.leaders), "role family",
                            many="role families")
        title = f"{short_metro(metro)} posts the highest median in {families}"
    elif leader is not None:
        title = (f"{sentence_case(leader['role_family'])} in {short_metro(leader['metro'])} "
                 f"posts the "
                 f"highest median of any cell, {money(leader['median_mid'], currency=currency)}")
    else:
        title = "Too few postings per role and metro to compare"
    pinned = f"reference {metro} pinned first, then " if grid.reference_shown else ""
    return Caption(
        title=title,
        subtitle=(f"Median annual midpoint, {base}, by role family and metro · {pinned}metros by "
                  f"overall median · {plural(grid.n_postings, 'posting')} in "
                  f"{plural(len(grid.metros), 'metro')} (remote postings have no metro) · "
                  f"snapshot {snapshot}"),
        alt=(f"Heatmap of median annual midpoint for "
             f"{plural(grid.n_roles, 'role family', many='role families')} in "
             f"{plural(len(grid.metros), 'metro')}, each cell labelled with its value and n; "
             f"{plural(grid.hidden_cells, 'cell')} with fewer than {SMALL_N} postings hatched."),
        source=f"{source} Full metro names in the CSV.",
    )


def _caveats(facts: RoleFacts, grid: MetroFacts) -> list[str]:
    offers = (f"; {percent(facts.offer_share)} of postings also mention a bonus or equity, which "
              f"is not counted." if facts.n_postings else ".")
    concentrated, most = facts.concentrated, facts.most_concentrated
    if len(concentrated):
        one = len(concentrated) == 1
        concentration = (f"Employer concentration: {join_names(concentrated['role_family'])} "
                         f"{'has' if one else 'have'} one employer posting more than "
                         f"{percent(DOMINANT_SHARE)} of the postings; read "
                         f"{'it' if one else 'them'} as that employer's policy.")
    elif most is not None:
        concentration = (f"Employer concentration: no role family has one employer posting more "
                         f"than {percent(DOMINANT_SHARE)} of its postings; the most concentrated "
                         f"is {most['role_family']} ({most['top_employer']}, "
                         f"{percent(most['top_employer_share'])}).")
    else:
        concentration = "Employer concentration: no role family is large enough to assess."
    marked = (f" In Chart 2, {plural(grid.dominated_cells, 'cell')} "
              f"{'is' if grid.dominated_cells == 1 else 'are'} dominated by one employer "
              f"(marked *)." if grid.n_cells else "")
    return [
        f"Posted is not paid: these are advertised base-salary ranges{offers}",
        "Role families come from keyword rules on the title, so some titles land in the wrong "
        "family; " + (f"{plural(facts.unmapped, 'posting')} matched no rule and "
                      f"{'is' if facts.unmapped == 1 else 'are'} left out." if facts.unmapped
                      else "every posting matched a rule."),
        concentration + marked,
    ]


def _method(grid: MetroFacts, metro: str, currency: str, n_boot: int) -> list[str]:
    return [
        f"Only closed {currency} ranges count (bands with both a minimum and a maximum); other "
        f"currencies are left out, never converted. Annual = hour × 2,080, month × 12, etc.",
        "Midpoint = (annual min + annual max) / 2; typical band = median minimum to median "
        "maximum; spread = (max − min) / min, its median per role family.",
        "n counts postings; medians are taken over bands, a posting with several bands weighted "
        "once.",
        f"The median role family is the middle of the role families ranked by median midpoint "
        f"(those with ≥ {SMALL_N} postings and ≥ {MIN_EMPLOYERS} employers; the lower middle of "
        f"an even count). Gaps carry {CONFIDENCE:.0%} intervals ({n_boot:,} resamples); "
        f"{CLUSTERED}; a gap whose interval includes 0 is called noise.",
        f"Chart 2: the {plural(len(grid.metros), 'metro')} with the most postings, {metro} always "
        f"included; cells with fewer than {SMALL_N} postings hidden, fewer than "
        f"{LOW_CONFIDENCE_N} postings or {MIN_EMPLOYERS} employers lighter, one employer > "
        f"{percent(DOMINANT_SHARE)} of postings marked *. The metro lead compares the pinned metro "
        f"with the others pooled, within each role family.",
    ]
