# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Roles: what each role family posts
#
# The typical posted band of every role family, how it varies across the largest metros, and how
# much of each role's postings one employer accounts for.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
focus_role = "research scientist"
focus_metro = "San Jose-Sunnyvale-Santa Clara, CA"

# %%
import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
facts = pb.headline_figures(bands)
comparable = pb.comparable_bands(bands, currency=currency)
with_role = comparable.dropna(subset=["role_family"])
unmapped = comparable.loc[comparable["role_family"].isna(), "posting_id"].nunique()
roles = pb.role_bands(bands, currency=currency, n_boot=1000)
shown = roles.loc[~roles["small_n"]].reset_index(drop=True)
matrix = pb.role_metro_matrix(bands, currency=currency, reference=focus_metro)
metros = list(dict.fromkeys(matrix["metro"]))
premiums = pb.reference_premium(bands, metros=metros, reference=focus_metro, currency=currency,
                                n_boot=1000)
n_postings = with_role["posting_id"].nunique()
n_employers = with_role["employer"].nunique()
snapshot = facts["snapshot"]
base = f"annual base salary, as posted, {currency}"
source_line = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges with a role "
               f"family; n = postings.")

# The top role against the median role family (the middle of the ranked role medians), with a
# bootstrap interval for the gap: a lead inside its interval is reported as noise.
top = shown.iloc[0] if len(shown) else None
bottom = shown.iloc[-1] if len(shown) else None
middle = shown.iloc[(len(shown) - 1) // 2] if len(shown) else None
gap = None
if len(shown) > 1:
    against_middle = pb.location_comparison(
        with_role, across="role_family", reference=middle["role_family"], currency=currency,
        n_boot=1000)
    gap = against_middle.set_index("role_family").loc[top["role_family"]]
gap_is_clear = gap is not None and gap["index_low"] > 100

focus = roles.loc[roles["role_family"] == focus_role]
focus = focus.iloc[0] if len(focus) else None
focus_rank = int(roles.index[roles["role_family"] == focus_role][0]) + 1 if focus is not None else 0
focus_premium = premiums.loc[premiums["role_family"] == focus_role]
focus_premium = focus_premium.iloc[0] if len(focus_premium) else None
focus_cell = matrix.loc[(matrix["role_family"] == focus_role) & matrix["is_reference"]]
focus_cell = focus_cell.iloc[0] if len(focus_cell) else None

# Chart 2's headline: in how many role families the pinned metro holds the highest shown cell.
cells = matrix.loc[~matrix["hidden"]]
leaders = cells.sort_values("median_mid", ascending=False).drop_duplicates("role_family")
rows_compared = cells.groupby("role_family")["metro"].size().ge(2)
leaders = leaders.loc[leaders["role_family"].map(rows_compared)]
reference_leads = int(leaders["is_reference"].sum())
rated = premiums.loc[~premiums["small_n"]]
clear_leads = int((rated["premium_low"] > 0).sum())
hidden_cells = int(matrix["hidden"].sum())
n_in_metros = with_role.loc[with_role["metro"].isin(metros), "posting_id"].nunique()
dominated_cells = int(matrix["dominated"].sum())
concentrated = roles.loc[(roles["top_employer_share"] > 0.5)
                         & (roles["n_postings"] >= pb.SMALL_N)]
by_concentration = roles.loc[roles["n_postings"] >= pb.SMALL_N].sort_values(
    "top_employer_share", ascending=False)
most_concentrated = by_concentration.iloc[0] if len(by_concentration) else None
by_width = shown.sort_values("spread_median", ascending=False)
widest = by_width.iloc[0] if len(by_width) else None
narrowest = by_width.iloc[-1] if len(by_width) else None
offer_flags = with_role.drop_duplicates("posting_id")[["has_bonus", "has_equity"]].any(axis=1)

# %%
pb.report_header(
    title=(
        f"{top['role_family'].capitalize()} postings sit highest: median midpoint "
        f"{pb.money(top['annual_mid_median'])}, {gap['index'] - 100:.0f}% above the median role"
        if gap_is_clear else
        f"{top['role_family'].capitalize()} postings sit highest at "
        f"{pb.money(top['annual_mid_median'])}, but within noise of the median role"
        if gap is not None else
        "Too few role families with enough postings to rank"
    ),
    scope=(f"Closed {currency} pay ranges in snapshot {snapshot}: {n_postings:,} postings from "
           f"{n_employers:,} employers in {len(roles):,} role families, all locations including "
           f"remote; Chart 2 covers the {len(metros):,} largest metros."),
    manifest=manifest,
    bands=with_role,
)

# %%
pb.key_findings([finding for finding in [
    (f"**{top['role_family'].capitalize()} posts the highest median midpoint**, "
     f"{pb.money(top['annual_mid_median'])} (n = {top['n_postings']:,} postings, "
     f"{top['n_employers']:,} employers), {gap['index'] - 100:.0f}% above the median role family, "
     f"{middle['role_family']} at {pb.money(middle['annual_mid_median'])} "
     f"(n = {middle['n_postings']:,}); 95% interval of the gap {gap['index_low'] - 100:+.0f}% to "
     f"{gap['index_high'] - 100:+.0f}%"
     + ("" if gap_is_clear else ", so the lead is within noise") + " (Chart 1)."
     if gap is not None else
     f"**Fewer than two role families have {pb.SMALL_N} postings and 3 employers**, so roles "
     f"are not ranked (n = {n_postings:,} postings)."),
    (f"**{bottom['role_family'].capitalize()} posts the lowest**, "
     f"{pb.money(bottom['annual_mid_median'])} (n = {bottom['n_postings']:,}); the top role's "
     f"median is {top['annual_mid_median'] / bottom['annual_mid_median']:.1f}× the bottom's. "
     f"Across role families a band's maximum sits a median {narrowest['spread_median']:.0%} "
     f"({narrowest['role_family']}) to {widest['spread_median']:.0%} ({widest['role_family']}) "
     f"above its minimum (Chart 1, table)."
     if len(shown) > 1 else
     "**No spread between roles can be shown** with this few postings."),
    (f"**{focus_role.capitalize()} ranks {focus_rank} of {len(roles)}**: typical band "
     f"{pb.money_range(focus['annual_min_median'], focus['annual_max_median'])}, median midpoint "
     f"{pb.money(focus['annual_mid_median'])} (n = {focus['n_postings']:,} postings, "
     f"{focus['n_employers']:,} employers) (Chart 1)."
     if focus is not None else
     f"**No {currency} postings map to {focus_role}** in this snapshot, so it is not "
     f"highlighted."),
    (f"**{focus_metro} posts the highest median in {reference_leads} of {len(leaders)} role "
     f"families** compared across at least two metros; its lead over the other "
     f"{len(metros) - 1} metros pooled is outside noise for {clear_leads} of {len(rated)} roles"
     + (f", {focus_role} included: {pb.money(focus_premium['reference_median'])} "
        f"(n = {focus_premium['n_reference']:,}) against "
        f"{pb.money(focus_premium['other_median'])} (n = {focus_premium['n_other']:,}), "
        f"{focus_premium['premium']:+.0%}, 95% interval {focus_premium['premium_low']:+.0%} to "
        f"{focus_premium['premium_high']:+.0%}"
        if focus_premium is not None and focus_premium["premium_low"] > 0 else
        f"; for {focus_role} the gap is within noise or the cell is too small"
        if focus_premium is not None else "")
     + " (Chart 2)."
     if focus_metro in metros else
     f"**{focus_metro} has no {currency} postings** in this snapshot; Chart 2 shows the "
     f"{len(metros)} largest metros without it."
     if metros else
     f"**No metro has {currency} postings with a role family**, so Chart 2 is empty."),
    (f"**{hidden_cells} of {len(matrix)} role × metro cells have fewer than {pb.SMALL_N} "
     f"postings** and are hidden; {int(matrix['low_confidence'].sum())} more are drawn lighter "
     f"(n < 20 or fewer than 3 employers) (Chart 2)." if len(matrix) else ""),
] if finding])

# %% [markdown]
# ## Chart 1 · The typical posted band of each role family

# %%
ax = pb.band_range_chart(roles, y="role_family", span="band", highlight=focus_role)
ax.set_xlabel(f"{base}: bar = median minimum to maximum, tick = median midpoint")
pb.finding_title(
    ax,
    (f"{top['role_family'].capitalize()} bands sit highest, {bottom['role_family']} lowest: "
     f"median midpoints {pb.money(top['annual_mid_median'])} and "
     f"{pb.money(bottom['annual_mid_median'])}"
     if len(shown) > 1 else "Too few postings per role family to compare bands"),
    subtitle=(f"Median posted minimum to maximum per role family, tick = median midpoint · {base} "
              f"· all locations · snapshot {snapshot} · n = {n_postings:,} postings; "
              f"{focus_role} highlighted; faded: n < {pb.SMALL_N} or < 3 employers"),
)
pb.publish_chart(ax, data=roles, name="02_role_bands", out_dir=figures_dir or None,
                 source=source_line,
                 alt=(f"Floating bars from the median posted minimum to maximum for each of "
                      f"{len(roles)} role families, highest median midpoint at the top, "
                      f"{focus_role} in orange."))

# %% [markdown]
# ## Chart 2 · Role families across the largest metros

# %%
ax = pb.role_metro_heatmap(matrix, reference=focus_metro, highlight=focus_role,
                           currency=currency)
pb.finding_title(
    ax,
    (f"{pb.short_metro(focus_metro)} posts the highest median in {reference_leads} of "
     f"{len(leaders)} role families"
     if focus_metro in metros and len(leaders) else
     f"{leaders.iloc[0]['role_family'].capitalize()} in {pb.short_metro(leaders.iloc[0]['metro'])}"
     f" posts the highest median of any cell, {pb.money(leaders.iloc[0]['median_mid'])}"
     if len(leaders) else "Too few postings per role and metro to compare"),
    subtitle=(f"Median annual midpoint, {base}, by role family and metro · "
              + (f"reference {focus_metro} pinned first, then " if focus_metro in metros else "")
              + "metros by overall median · "
              f"{n_in_metros:,} postings in {len(metros)} metros "
              f"(remote postings have no metro) · snapshot {snapshot}"),
)
pb.publish_chart(ax, data=matrix, name="02_role_metro", out_dir=figures_dir or None,
                 source=source_line + " Full metro names in the CSV.",
                 alt=(f"Heatmap of median annual midpoint for {matrix['role_family'].nunique()} "
                      f"role families in {len(metros)} metros, each cell labelled with its value "
                      f"and n; {hidden_cells} cells with fewer than {pb.SMALL_N} postings "
                      f"hatched."))

# %% [markdown]
# ## Bands by role family
#
# Medians are left blank for role families with fewer than 5 postings or 3 employers; rows with
# fewer than 20 postings are grey. Bonus and equity count postings whose text mentions them:
# neither is in the base salary compared above.

# %%
table = roles.assign(
    annual_min_median=roles["annual_min_median"].mask(roles["small_n"]),
    annual_mid_median=roles["annual_mid_median"].mask(roles["small_n"]),
    annual_max_median=roles["annual_max_median"].mask(roles["small_n"]),
    spread_median=roles["spread_median"].mask(roles["small_n"]),
)[["role_family", "n_postings", "n_employers", "annual_min_median", "annual_mid_median",
   "annual_max_median", "spread_median", "share_bonus", "share_equity", "top_employer",
   "top_employer_share"]].rename(columns={
    "role_family": "Role family", "n_postings": "Postings", "n_employers": "Employers",
    "annual_min_median": "Median min", "annual_mid_median": "Median mid",
    "annual_max_median": "Median max", "spread_median": "Median spread",
    "share_bonus": "Bonus mentioned", "share_equity": "Equity mentioned",
    "top_employer": "Largest employer", "top_employer_share": "Its share"})
pb.report_table(
    table,
    money_columns=("Median min", "Median mid", "Median max"),
    percent_columns=("Median spread", "Bonus mentioned", "Equity mentioned", "Its share"),
    n_column="Postings",
)

# %%
pb.caveats([
    ("Posted is not paid: these are advertised base-salary ranges"
     + (f"; {offer_flags.mean():.0%} of postings also mention a bonus or equity, which is not "
        f"counted." if len(offer_flags) else ".")),
    (f"Role families come from keyword rules on the title, so some titles land in the wrong "
     f"family; {unmapped:,} postings matched no rule and are left out."),
    ((f"Employer concentration: {', '.join(concentrated['role_family'])} "
     f"{'has' if len(concentrated) == 1 else 'have'} one employer posting more than half "
     f"the postings; read {'it' if len(concentrated) == 1 else 'them'} as that employer's policy."
     if len(concentrated) else
     f"Employer concentration: no role family has one employer posting more than half its "
     f"postings; the most concentrated is {most_concentrated['role_family']} "
     f"({most_concentrated['top_employer']}, {most_concentrated['top_employer_share']:.0%})."
     if most_concentrated is not None else "Employer concentration: no postings to assess.")
     + f" In Chart 2, {dominated_cells} cells are dominated by one employer (marked *)."),
])

# %%
pb.method_box([
    f"Only closed {currency} ranges count (bands with both a minimum and a maximum); other "
    f"currencies are left out, never converted. Annual = hour × 2,080, month × 12, etc.",
    "Midpoint = (annual min + annual max) / 2; typical band = median minimum to median maximum; "
    "spread = (max − min) / min, its median per role family.",
    "n counts postings; medians are taken over bands (a posting may state several).",
    f"The median role family is the middle of the role families ranked by median midpoint "
    f"(those with ≥ {pb.SMALL_N} postings and ≥ 3 employers). Gaps carry 95% bootstrap "
    f"percentile intervals (1,000 resamples); a gap whose interval includes 0 is called noise.",
    f"Chart 2: the {len(metros)} metros with the most postings, {focus_metro} always included; "
    f"cells with n < {pb.SMALL_N} hidden, n < 20 or < 3 employers lighter, one employer > 50% "
    f"of postings marked *. The metro lead compares the pinned metro with the others pooled, "
    f"within each role family.",
], manifest=manifest)
