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
snapshot = pb.headline_figures(bands)["snapshot"]
with_role = pb.comparable_bands(bands, currency=currency).dropna(subset=["role_family"])
roles = pb.role_bands(bands, currency=currency, n_boot=1000)
matrix = pb.role_metro_matrix(bands, currency=currency, reference=focus_metro)
# The top role against the median role, and the pinned metro against the others pooled, each
# with a bootstrap interval: a lead inside its interval is reported as noise.
facts = pb.role_facts(bands, roles=roles, focus_role=focus_role, currency=currency, n_boot=1000)
grid = pb.metro_facts(bands, matrix=matrix, reference=focus_metro, focus_role=focus_role,
                      currency=currency, n_boot=1000)
top, bottom, middle, focus = facts.top, facts.bottom, facts.middle, facts.focus
premium = grid.focus_premium
base = f"annual base salary, as posted, {currency}"
source_line = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges with a role "
               f"family; n = postings.")

# %%
pb.report_header(
    title=(
        f"{top['role_family'].capitalize()} postings sit highest: median midpoint "
        f"{pb.money(top['annual_mid_median'])}, {facts.lead:.0f}% above the median role"
        if facts.lead_is_clear else
        f"{top['role_family'].capitalize()} postings sit highest at "
        f"{pb.money(top['annual_mid_median'])}, but within noise of the median role"
        if facts.ranked else
        "Too few role families with enough postings to rank"
    ),
    scope=(f"Closed {currency} pay ranges in snapshot {snapshot}: {facts.n_postings:,} postings "
           f"from {facts.n_employers:,} employers in {facts.n_roles:,} role families, all "
           f"locations including remote; Chart 2 covers the {len(grid.metros):,} largest metros."),
    manifest=manifest,
    bands=with_role,
)

# %%
role_findings = [
    (f"**{top['role_family'].capitalize()} posts the highest median midpoint**, "
     f"{pb.money(top['annual_mid_median'])} (n = {top['n_postings']:,} postings, "
     f"{top['n_employers']:,} employers), {facts.lead:.0f}% above the median role family, "
     f"{middle['role_family']} at {pb.money(middle['annual_mid_median'])} "
     f"(n = {middle['n_postings']:,}); 95% interval of the gap {facts.lead_low:+.0f}% to "
     f"{facts.lead_high:+.0f}%" + ("" if facts.lead_is_clear else ", so the lead is within noise")
     + " (Chart 1)."
     if facts.ranked else
     f"**Fewer than two role families have {pb.SMALL_N} postings and 3 employers**, so roles "
     f"are not ranked (n = {facts.n_postings:,} postings)."),
    (f"**{bottom['role_family'].capitalize()} posts the lowest**, "
     f"{pb.money(bottom['annual_mid_median'])} (n = {bottom['n_postings']:,}); the top role's "
     f"median is {top['annual_mid_median'] / bottom['annual_mid_median']:.1f}× the bottom's. "
     f"Across role families a band's maximum sits a median "
     f"{facts.narrowest['spread_median']:.0%} ({facts.narrowest['role_family']}) to "
     f"{facts.widest['spread_median']:.0%} ({facts.widest['role_family']}) above its minimum "
     f"(Chart 1, table)."
     if facts.ranked else
     "**No spread between roles can be shown** with this few postings."),
    (f"**{focus_role.capitalize()} ranks {facts.focus_rank} of {facts.n_roles}**: typical band "
     f"{pb.money_range(focus['annual_min_median'], focus['annual_max_median'])}, median midpoint "
     f"{pb.money(focus['annual_mid_median'])} (n = {focus['n_postings']:,} postings, "
     f"{focus['n_employers']:,} employers) (Chart 1)."
     if focus is not None else
     f"**No {currency} postings map to {focus_role}** in this snapshot, so it is not "
     f"highlighted."),
]

# %%
pb.key_findings([finding for finding in [
    *role_findings,
    (f"**{focus_metro} posts the highest median in {grid.reference_leads} of "
     f"{len(grid.leaders)} role families** compared across at least two metros; its lead over "
     f"the other {len(grid.metros) - 1} metros pooled is outside noise for {grid.clear_leads} of "
     f"{grid.rated} roles"
     + (f", {focus_role} included: {pb.money(premium['reference_median'])} "
        f"(n = {premium['n_reference']:,}) against {pb.money(premium['other_median'])} "
        f"(n = {premium['n_other']:,}), {premium['premium']:+.0%}, 95% interval "
        f"{premium['premium_low']:+.0%} to {premium['premium_high']:+.0%}"
        if grid.focus_lead_is_clear else
        f"; for {focus_role} the gap is within noise or the cell is too small"
        if premium is not None else "")
     + " (Chart 2)."
     if grid.reference_shown else
     f"**{focus_metro} has no {currency} postings** in this snapshot; Chart 2 shows the "
     f"{len(grid.metros)} largest metros without it."
     if grid.metros else
     f"**No metro has {currency} postings with a role family**, so Chart 2 is empty."),
    (f"**{grid.hidden_cells} of {grid.n_cells} role × metro cells have fewer than {pb.SMALL_N} "
     f"postings** and are hidden; {grid.low_confidence_cells} more are drawn lighter "
     f"(n < 20 or fewer than 3 employers) (Chart 2)." if grid.n_cells else ""),
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
     if facts.ranked else "Too few postings per role family to compare bands"),
    subtitle=(f"Median posted minimum to maximum per role family, tick = median midpoint · {base} "
              f"· all locations · snapshot {snapshot} · n = {facts.n_postings:,} postings; "
              f"{focus_role} highlighted; faded: n < {pb.SMALL_N} or < 3 employers"),
)
pb.publish_chart(ax, data=roles, name="02_role_bands", out_dir=figures_dir or None,
                 source=source_line,
                 alt=(f"Floating bars from the median posted minimum to maximum for each of "
                      f"{facts.n_roles} role families, highest median midpoint at the top, "
                      f"{focus_role} in orange."))

# %% [markdown]
# ## Chart 2 · Role families across the largest metros

# %%
ax = pb.role_metro_heatmap(matrix, reference=focus_metro, highlight=focus_role,
                           currency=currency)
leader = grid.top_cell
pb.finding_title(
    ax,
    (f"{pb.short_metro(focus_metro)} posts the highest median in {grid.reference_leads} of "
     f"{len(grid.leaders)} role families"
     if grid.reference_shown and leader is not None else
     f"{leader['role_family'].capitalize()} in {pb.short_metro(leader['metro'])} posts the "
     f"highest median of any cell, {pb.money(leader['median_mid'])}"
     if leader is not None else "Too few postings per role and metro to compare"),
    subtitle=(f"Median annual midpoint, {base}, by role family and metro · "
              + (f"reference {focus_metro} pinned first, then " if grid.reference_shown else "")
              + f"metros by overall median · {grid.n_postings:,} postings in "
              f"{len(grid.metros)} metros (remote postings have no metro) · snapshot {snapshot}"),
)
pb.publish_chart(ax, data=matrix, name="02_role_metro", out_dir=figures_dir or None,
                 source=source_line + " Full metro names in the CSV.",
                 alt=(f"Heatmap of median annual midpoint for {grid.n_roles} role families in "
                      f"{len(grid.metros)} metros, each cell labelled with its value and n; "
                      f"{grid.hidden_cells} cells with fewer than {pb.SMALL_N} postings "
                      f"hatched."))

# %% [markdown]
# ## Bands by role family
#
# Medians are left blank for role families with fewer than 5 postings or 3 employers; rows with
# fewer than 20 postings are grey. Bonus and equity count postings whose text mentions them:
# neither is in the base salary compared above.

# %%
pb.report_table(
    pb.role_table(roles),
    money_columns=("Median min", "Median mid", "Median max"),
    percent_columns=("Median spread", "Bonus mentioned", "Equity mentioned", "Its share"),
    n_column="Postings",
)

# %%
concentrated, most = facts.concentrated, facts.most_concentrated
pb.caveats([
    ("Posted is not paid: these are advertised base-salary ranges"
     + (f"; {facts.offer_share:.0%} of postings also mention a bonus or equity, which is not "
        f"counted." if facts.n_postings else ".")),
    (f"Role families come from keyword rules on the title, so some titles land in the wrong "
     f"family; {facts.unmapped:,} postings matched no rule and are left out."),
    ((f"Employer concentration: {', '.join(concentrated['role_family'])} "
      f"{'has' if len(concentrated) == 1 else 'have'} one employer posting more than half the "
      f"postings; read {'it' if len(concentrated) == 1 else 'them'} as that employer's policy."
      if len(concentrated) else
      f"Employer concentration: no role family has one employer posting more than half its "
      f"postings; the most concentrated is {most['role_family']} ({most['top_employer']}, "
      f"{most['top_employer_share']:.0%})."
      if most is not None else "Employer concentration: no postings to assess.")
     + f" In Chart 2, {grid.dominated_cells} cells are dominated by one employer (marked *)."),
])

# %%
pb.method_box([
    f"Only closed {currency} ranges count (bands with both a minimum and a maximum); other "
    f"currencies are left out, never converted. Annual = hour × 2,080, month × 12, etc.",
    "Midpoint = (annual min + annual max) / 2; typical band = median minimum to median maximum; "
    "spread = (max − min) / min, its median per role family.",
    "n counts postings; medians are taken over bands (a posting may state several).",
    f"The median role family is the middle of the role families ranked by median midpoint "
    f"(those with ≥ {pb.SMALL_N} postings and ≥ 3 employers; the lower middle of an even "
    f"count). Gaps carry 95% bootstrap percentile intervals (1,000 resamples); a gap whose "
    f"interval includes 0 is called noise.",
    f"Chart 2: the {len(grid.metros)} metros with the most postings, {focus_metro} always "
    f"included; cells with n < {pb.SMALL_N} hidden, n < 20 or < 3 employers lighter, one "
    f"employer > 50% of postings marked *. The metro lead compares the pinned metro with the "
    f"others pooled, within each role family.",
], manifest=manifest)
