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
# # 03 · Levels
#
# How posted pay climbs a role's level ladder: the step between adjacent levels, how much their
# bands overlap, and which levels rest on too few postings to read.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
focus_role = "software engineer"
track = "ic"

# %%
import pandas as pd

import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
snapshot = manifest.get("snapshot", "unknown")
ladders = pb.level_ladder(bands, currency=currency)
ladder = pb.select_ladder(ladders, role_family=focus_role, track=track)
facts = pb.ladder_facts(ladder)
coverage = pb.level_coverage(bands, role_family=focus_role, track=track, currency=currency)
ok = facts.n_levels >= 2
# Chart 2: the three largest other role families on the same track, by levelled postings.
others = pb.largest_ladders(ladders, track=track, exclude=focus_role, n=3)
families = others["role_family"].tolist()
stepping = others.dropna(subset=["median_step"]).sort_values("median_step")
low, high, big, small = facts.lowest, facts.highest, facts.biggest, facts.smallest
track_name = pb.TRACK_NAMES.get(track, track)
role_name = focus_role[:1].upper() + focus_role[1:]
base = f"annual base salary, as posted, {currency}"
source_line = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges whose title "
               f"states a level; n = postings.")

# %%
pb.report_header(
    title=(f"{role_name} pay climbs a median {facts.median_step:.0%} per level, "
           f"{pb.money(low['annual_mid_median'])} to {pb.money(high['annual_mid_median'])}"
           if ok else
           f"No {focus_role} {track_name} ladder in this data: {facts.n_levels} level(s) with pay"),
    scope=(f"{role_name} postings on the {track_name} track whose title states a level: "
           f"{coverage.ladder_postings:,} postings from {coverage.ladder_employers:,} employers, "
           f"all locations; {base}; other role families for comparison."),
    manifest=manifest,
    bands=bands,
)

# %%
shared, thin = facts.most_overlap, facts.thin
unstated = (f"**{coverage.unstated:,} of {coverage.postings:,} postings with comparable pay "
            f"({coverage.unstated_share:.0%}) state no level**")
infer = ("`paybands infer-levels` (pb.infer_levels) clusters their bands into levels, labelled "
         "as inferred.")
findings = [
    f"**Each level adds a median {facts.median_step:.0%}** to the posted midpoint: "
    f"{facts.n_levels} {track_name} levels run from {pb.money(low['annual_mid_median'])} "
    f"({low['level']}) to {pb.money(high['annual_mid_median'])} ({high['level']}); "
    f"n={coverage.ladder_postings:,} postings, {coverage.ladder_employers:,} employers (Chart 1)"
    + (f"; the next largest role families step a median {stepping['median_step'].iloc[0]:.0%}–"
       f"{stepping['median_step'].iloc[-1]:.0%} per level (Chart 2)." if len(stepping) else "."),
    f"**The biggest jump is {big['from_level']} → {big['level']}, {big['step_pct']:+.0%}** "
    f"({pb.money(big['from_mid'])} → {pb.money(big['mid'])}, n={big['from_n']:,} and "
    f"{big['n_postings']:,})" + (
        f"; the smallest is {small['from_level']} → {small['level']}, {small['step_pct']:+.0%} "
        f"(Chart 1)." if facts.n_steps > 1 else ", the ladder's only step (Chart 1)."),
    f"**A median {facts.median_overlap:.0%} of each level's typical band is shared with the "
    f"level below**; most at {shared['from_level']} → {shared['level']} "
    f"({shared['overlap_pct']:.0%}); " + ("neighbouring levels interleave rather than stack"
    if facts.median_overlap >= 0.25 else "most levels stack with little shared range")
    + " (shaded in Chart 1).",
    (f"**{len(thin)} of {facts.n_levels} levels rest on fewer than {pb.LOW_CONFIDENCE_N} "
     f"postings**: {', '.join(f'{r.level} (n={r.n_postings:,})' for r in thin.itertuples())}; "
     f"read them as indicative (grey in the table"
     f"{', faded in the chart' if facts.n_faded else ''})." if len(thin) else
     f"**Every level rests on at least {pb.LOW_CONFIDENCE_N} postings** (smallest: "
     f"{facts.smallest_level['level']}, n={facts.smallest_level['n_postings']:,})."),
    f"{unstated} ({coverage.role_unstated:,} of {coverage.role_postings:,} {focus_role} "
    f"postings) and sit in no ladder; {infer}",
] if ok else [
    f"**No {focus_role} ladder on the {track_name} track**: {facts.n_levels} level(s) hold "
    f"closed {currency} ranges with a stated level, and a ladder needs two.",
    (f"**The largest ladders on this track** are {', '.join(families)} "
     f"({', '.join(f'n={n:,}' for n in others['n_postings'])} postings); set focus_role to one "
     f"of them (Chart 2)." if families else
     f"**No role family states levels on the {track_name} track** in this data."),
    f"{unstated}; {infer}",
]
pb.key_findings(findings)

# %% [markdown]
# ## Chart 1 · The ladder

# %%
if ok:
    ax = pb.ladder_chart(ladder)
    pb.finding_title(
        ax,
        f"{role_name} pay steps up a median {facts.median_step:.0%} per level; "
        f"the biggest jump is {big['from_level']} → {big['level']} ({big['step_pct']:+.0%})",
        subtitle=(f"{role_name}, {track_name} track, all locations · typical posted band per "
                  f"level, {base} · snapshot {snapshot} · n = {coverage.ladder_postings:,} "
                  f"postings, {coverage.ladder_employers:,} employers"),
    )
(
    pb.publish_chart(
        ax, data=ladder, name="03_ladder", out_dir=figures_dir or None, source=source_line,
        alt=(f"Level ladder of {focus_role} pay: {facts.n_levels} floating bars from median "
             f"posted minimum to maximum, {low['level']} to {high['level']}, median step "
             f"{facts.median_step:.0%} per level, adjacent overlaps shaded."),
    ) if ok else pb.report_table(pd.DataFrame({"Chart not drawn": [findings[0].split("**")[1]]}))
)

# %% [markdown]
# ## Chart 2 · Ladders of the largest role families
#
# The same ladder for the three other role families with the most levelled postings, on one money
# axis.

# %%
if len(families):
    fig = pb.ladder_small_multiples(ladders, role_families=families, track=track)
    pb.finding_title(
        fig.axes[0],
        (f"The median step per level runs from {stepping['median_step'].iloc[0]:.0%} "
         f"({stepping['role_family'].iloc[0]}) to {stepping['median_step'].iloc[-1]:.0%} "
         f"({stepping['role_family'].iloc[-1]})" if len(stepping) > 1 else
         f"{len(families)} role family ladder(s) on the {track_name} track"),
        subtitle=(f"{track_name.capitalize()} track, all locations · typical posted band per "
                  f"level, {base} · snapshot {snapshot} · n = "
                  f"{others['n_postings'].sum():,} postings"),
    )
(
    pb.publish_chart(
        fig, data=ladders.loc[(ladders["track"] == track) & ladders["role_family"].isin(families)],
        name="03_ladders_by_family", out_dir=figures_dir or None, source=source_line,
        alt=(f"Level ladders of {', '.join(families)}, one panel each on a shared money axis, "
             f"with the step between adjacent median midpoints written between bars."),
    ) if len(families) else pb.report_table(pd.DataFrame(
        {"Chart not drawn": [f"No role family states levels on the {track_name} track."]}))
)

# %% [markdown]
# ## The ladder in numbers
#
# Medians over bands; step and overlap compare each level with the level below it.

# %%
pb.report_table(
    pb.ladder_table(ladder),
    money_columns=("Median minimum", "Median midpoint", "Median maximum"),
    percent_columns=("Step", "Overlap", "Range width"),
    n_column="Postings",
)

# %%
pb.caveats([
    "Posted is not paid: these are advertised base-salary ranges; bonus and equity, which grow "
    "fastest at senior levels, are not in the figures.",
    "Levels are read from title words (\"Senior\", \"Staff\", \"II\"); one employer's senior is "
    "another's mid, so a level pools different internal grades.",
    (f"{coverage.top_employer} posts {coverage.top_employer_postings:,} of the "
     f"{coverage.ladder_postings:,} levelled {focus_role} postings; levels with few employers "
     f"mostly show those employers' ranges." if coverage.top_employer else
     "With few levelled postings, single employers set whole levels."),
])

# %%
pb.method_box(pb.ladder_method(currency=currency), manifest=manifest)
