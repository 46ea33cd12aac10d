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
comparable = pb.comparable_bands(bands, currency=currency)
ladders = pb.level_ladder(bands, currency=currency)
on_track = ladders.loc[ladders["track"] == track]
ladder = on_track.loc[on_track["role_family"] == focus_role].reset_index(drop=True)
ladder["level"] = ladder["level"].astype(str)
ok = len(ladder) >= 2
track_name = {"ic": "individual-contributor", "management": "management"}.get(track, track)
role_name = focus_role[:1].upper() + focus_role[1:]
focus_bands = comparable.loc[(comparable["role_family"] == focus_role)
                             & (comparable["track"] == track) & comparable["level"].notna()]
n_postings = focus_bands["posting_id"].nunique()
n_employers = focus_bands["employer"].nunique()
base = f"annual base salary, as posted, {currency}"

# Steps and overlaps compare each level with the previous level present on the same ladder.
steps = ladder["step_pct"].dropna()
median_step = steps.median() if len(steps) else float("nan")
big = ladder.loc[steps.idxmax()] if len(steps) else None
big_from = ladder.loc[steps.idxmax() - 1] if len(steps) else None
small = ladder.loc[steps.idxmin()] if len(steps) else None
small_from = ladder.loc[steps.idxmin() - 1] if len(steps) else None
overlaps = ladder["overlap_pct"].dropna()
most_overlap = ladder.loc[overlaps.idxmax()] if len(overlaps) else None
most_overlap_from = ladder.loc[overlaps.idxmax() - 1] if len(overlaps) else None
thin = ladder.loc[ladder["n_postings"] < pb.LOW_CONFIDENCE_N]
faded = ladder.loc[(ladder["n_postings"] < pb.SMALL_N) | (ladder["n_employers"] < 3)]
thin_text = ", ".join(f"{row.level} (n={row.n_postings:,})" for row in thin.itertuples())

# Postings whose title states no level are left out of every ladder.
n_comparable = comparable["posting_id"].nunique()
unstated = comparable.loc[comparable["level"].isna(), "posting_id"].nunique()
focus_all = comparable.loc[comparable["role_family"] == focus_role]
focus_unstated = focus_all.loc[focus_all["level"].isna(), "posting_id"].nunique()

# Chart 2: the three largest other role families on the same track, by levelled postings.
family_n = (on_track.loc[on_track["role_family"] != focus_role].groupby("role_family")
            ["n_postings"].sum().sort_values(ascending=False).iloc[:3])
families = family_n.index.tolist()
family_steps = (on_track.loc[on_track["role_family"].isin(families)]
                .groupby("role_family")["step_pct"].median().dropna().sort_values())
top_employer = focus_bands.drop_duplicates("posting_id")["employer"].value_counts()
source_line = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges whose title "
               f"states a level; n = postings.")

# %%
pb.report_header(
    title=(f"{role_name} pay climbs a median {median_step:.0%} per level, "
           f"{pb.money(ladder['annual_mid_median'].iloc[0])} to "
           f"{pb.money(ladder['annual_mid_median'].iloc[-1])}" if ok else
           f"No {focus_role} {track_name} ladder in this data: {len(ladder)} level(s) with pay"),
    scope=(f"{role_name} postings on the {track_name} track whose title states a level: "
           f"{n_postings:,} postings from {n_employers:,} employers, all locations; {base}; "
           f"other role families for comparison."),
    manifest=manifest,
    bands=bands,
)

# %%
if ok:
    findings = [
        f"**Each level adds a median {median_step:.0%}** to the posted midpoint: "
        f"{len(ladder)} {track_name} levels run from "
        f"{pb.money(ladder['annual_mid_median'].iloc[0])} ({ladder['level'].iloc[0]}) to "
        f"{pb.money(ladder['annual_mid_median'].iloc[-1])} ({ladder['level'].iloc[-1]}); "
        f"n={n_postings:,} postings, {n_employers:,} employers (Chart 1)"
        + (f"; the next largest role families step a median {family_steps.iloc[0]:.0%}–"
           f"{family_steps.iloc[-1]:.0%} per level (Chart 2)." if len(family_steps) else "."),
        f"**The biggest jump is {big_from['level']} → {big['level']}, {big['step_pct']:+.0%}** "
        f"({pb.money(big_from['annual_mid_median'])} → {pb.money(big['annual_mid_median'])}, "
        f"n={big_from['n_postings']:,} and {big['n_postings']:,})"
        + (f"; the smallest is {small_from['level']} → {small['level']}, "
           f"{small['step_pct']:+.0%} (Chart 1)." if len(steps) > 1 else
           ", the ladder's only step (Chart 1)."),
        f"**A median {overlaps.median():.0%} of each level's typical band is shared with the "
        f"level below**; most at {most_overlap_from['level']} → "
        f"{most_overlap['level']} ({most_overlap['overlap_pct']:.0%})"
        + ("; neighbouring levels interleave rather than stack (shaded in Chart 1)."
           if overlaps.median() >= 0.25 else
           "; most levels stack with little shared range (shaded in Chart 1)."),
        (f"**{len(thin)} of {len(ladder)} levels rest on fewer than {pb.LOW_CONFIDENCE_N} "
         f"postings**: {thin_text}; read them as indicative (grey in the table"
         f"{', faded in the chart' if len(faded) else ''})." if len(thin) else
         f"**Every level rests on at least {pb.LOW_CONFIDENCE_N} postings** "
         f"(smallest: {ladder.loc[ladder['n_postings'].idxmin(), 'level']}, "
         f"n={ladder['n_postings'].min():,})."),
        f"**{unstated:,} of {n_comparable:,} postings with comparable pay "
        f"({unstated / n_comparable:.0%}) state no level** ({focus_unstated:,} of "
        f"{focus_all['posting_id'].nunique():,} {focus_role} postings) and sit in no ladder; "
        f"`paybands infer-levels` (pb.infer_levels) clusters their bands into levels, "
        f"labelled as inferred.",
    ]
else:
    findings = [
        f"**No {focus_role} ladder on the {track_name} track**: {len(ladder)} level(s) hold "
        f"closed {currency} ranges with a stated level, and a ladder needs two.",
        (f"**The largest ladders on this track** are {', '.join(families)} "
         f"({', '.join(f'n={n:,}' for n in family_n)} postings); set focus_role to one "
         f"of them (Chart 2)." if families else
         f"**No role family states levels on the {track_name} track** in this data."),
        f"**{unstated:,} of {n_comparable:,} postings with comparable pay "
        f"({unstated / max(n_comparable, 1):.0%}) state no level**; `paybands infer-levels` "
        f"(pb.infer_levels) clusters their bands into levels, labelled as inferred.",
    ]
pb.key_findings(findings)

# %% [markdown]
# ## Chart 1 · The ladder

# %%
if ok:
    ax = pb.ladder_chart(ladder)
    pb.finding_title(
        ax,
        f"{role_name} pay steps up a median {median_step:.0%} per level; "
        f"the biggest jump is {big_from['level']} → {big['level']} ({big['step_pct']:+.0%})",
        subtitle=(f"{role_name}, {track_name} track, all locations · typical posted band per "
                  f"level, {base} · snapshot {snapshot} · n = {n_postings:,} postings, "
                  f"{n_employers:,} employers"),
    )
(
    pb.publish_chart(
        ax, data=ladder, name="03_ladder", out_dir=figures_dir or None, source=source_line,
        alt=(f"Level ladder of {focus_role} pay: {len(ladder)} floating bars from median posted "
             f"minimum to maximum, {ladder['level'].iloc[0]} to {ladder['level'].iloc[-1]}, "
             f"median step {median_step:.0%} per level, adjacent overlaps shaded."),
    )
    if ok else
    pb.report_table(pd.DataFrame({"Chart not drawn": [findings[0].split("**")[1]]}))
)

# %% [markdown]
# ## Chart 2 · Ladders of the largest role families
#
# The same ladder for the three other role families with the most levelled postings, on one money
# axis.

# %%
if len(families):
    fig = pb.ladder_small_multiples(on_track, role_families=families, track=track)
    pb.finding_title(
        fig.axes[0],
        (f"The median step per level runs from {family_steps.iloc[0]:.0%} "
         f"({family_steps.index[0]}) to {family_steps.iloc[-1]:.0%} ({family_steps.index[-1]})"
         if len(family_steps) > 1 else
         f"{len(families)} role family ladder(s) on the {track_name} track"),
        subtitle=(f"{track_name.capitalize()} track, all locations · typical posted band per "
                  f"level, {base} · snapshot {snapshot} · n = "
                  f"{int(family_n.sum()):,} postings"),
    )
(
    pb.publish_chart(
        fig, data=on_track.loc[on_track["role_family"].isin(families)],
        name="03_ladders_by_family", out_dir=figures_dir or None, source=source_line,
        alt=(f"Level ladders of {', '.join(families)}, one panel each on a shared money axis, "
             f"with the step between adjacent median midpoints written between bars."),
    )
    if len(families) else
    pb.report_table(pd.DataFrame(
        {"Chart not drawn": [f"No role family states levels on the {track_name} track."]}))
)

# %% [markdown]
# ## The ladder in numbers
#
# Medians over bands; step and overlap compare each level with the level below it.

# %%
pb.report_table(
    ladder[["level", "n_postings", "n_employers", "annual_min_median", "annual_mid_median",
            "annual_max_median", "step_pct", "overlap_pct", "spread_median"]].rename(columns={
        "level": "Level", "n_postings": "Postings", "n_employers": "Employers",
        "annual_min_median": "Median minimum", "annual_mid_median": "Median midpoint",
        "annual_max_median": "Median maximum", "step_pct": "Step", "overlap_pct": "Overlap",
        "spread_median": "Range width"}),
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
    (f"{top_employer.index[0]} posts {top_employer.iloc[0]:,} of the {n_postings:,} levelled "
     f"{focus_role} postings; levels with few employers mostly show those employers' ranges."
     if len(top_employer) else
     "With few levelled postings, single employers set whole levels."),
])

# %%
pb.method_box([
    f"Bands: closed {currency} ranges (minimum and maximum stated), annualized; postings whose "
    "title states no level are left out.",
    "Typical band of a level: median posted minimum to median posted maximum over its bands; "
    "the white tick is the median midpoint ((minimum + maximum) / 2).",
    "Step = median midpoint / previous level's median midpoint − 1, along the ladder order "
    "intern, entry, mid, senior, staff, senior staff, principal, distinguished (IC) and manager, "
    "senior manager, director, vp (management); a level with no bands is skipped.",
    "Overlap = share of a level's typical band that the previous level's typical band also "
    "covers (0 = disjoint, 100% = inside it). Range width = median of (max − min) / min.",
    f"Thresholds: levels under {pb.SMALL_N} postings or 3 employers are faded in charts; under "
    f"{pb.LOW_CONFIDENCE_N} postings they are grey in tables.",
], manifest=manifest)
