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
# # 04 · Locations
#
# What the same job posts for in other metros, as an index against one location's metro (Sunnyvale
# by default), adjusted for role and level mix, overall and level by level.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
location = "Sunnyvale, CA"
role = ""
adjust_for = "role_family,level"

# %%
import pandas as pd

import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
snapshot = manifest.get("snapshot", "unknown")
scope_bands = bands.loc[bands["role_family"] == role] if role else bands
ref = pb.resolve_reference(scope_bands, location=location, currency=currency)
reference, focus = ref.reference, ref.focus
controls = pb.controls_from_text(adjust_for, columns=bands.columns)
index = pb.metro_index(scope_bands, reference=reference, controls=controls, currency=currency)
table, others, lead, lowest, ok = index.table, index.others, index.lead, index.lowest, index.ok
# Level by level: the same adjusted index within each level, for the metros shown overall.
per_level = pb.metro_index_by_level(scope_bands, reference=reference, controls=controls,
                                    currency=currency, metros=index.order)
levels = per_level["level"].unique().tolist()
gaps = pb.gaps_by_level(per_level)
differs = gaps.loc[gaps["differs"], "metro"]

adjusted_for = pb.describe_controls(controls)
same = f"for the same {adjusted_for}" if controls else "before any adjustment"
role_text = f"{role} postings" if role else "postings of all roles"
base = f"annual base salary, as posted, {currency}"
source_line = f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges; n = postings."

# %%
lead_claim = ((f"{pb.metro_city(lead['metro'])} posts in line with {focus} {same}"
               if lead["reading"] == "within noise" else
               f"{pb.metro_city(lead['metro'])} posts {abs(100 - lead['index']):.0f}% "
               f"{lead['reading']} {focus} {same}") if ok else
              f"No {role_text} with {currency} pay in two or more metros: nothing to compare")
pb.report_header(
    title=lead_claim,
    scope=(f"{role_text.capitalize()} in {ref.n_metros:,} metros against the {reference} metro "
           f"(= 100); {base}; composition-adjusted for {adjusted_for}."
           if ok else f"{role_text.capitalize()}, {base}."),
    manifest=manifest,
    bands=bands,
)

# %%
# Pieces of the findings: the metros quoted on adjustment, the lead metro level by level, and
# what to say when there is nothing to compare.
examples = index.examples
lead_levels = per_level.loc[per_level["readable"] & (per_level["metro"] == index.lead_metro)]
raw_text = ", ".join(f"{pb.metro_city(m)} at {r:.0f}"
                     for m, r in zip(examples["metro"], examples["raw_index"], strict=True))
adjusted_text = ", ".join(f"{a:.0f}" for a in examples["index"])
n_text = ", ".join(f"{n:,}" for n in examples["n_postings"])
by_level = ", ".join(f"{r.index:.0f} at {r.level}" for r in lead_levels.itertuples())
missing = (f"**\"{location}\" has no comparable pay in this data** ("
           + (f"its metro, {ref.metro}, has none" if ref.metro else "it names no known metro")
           + f"), so metros are indexed against {reference} instead.")
fallback = [
    missing if reference and not ref.found else
    f"**No {role_text} state comparable {currency} pay** in this data"
    f"{' (check the role family spelling)' if role else ''}, so no metro can be indexed."
    if reference is None else
    f"**Only {focus} holds comparable pay** for {role_text} with enough postings and employers; "
    f"there is nothing to index against it.",
    f"**{ref.n_metros:,} metro(s) hold comparable {currency} pay** for {role_text}; a comparison "
    f"needs the reference and one other with {pb.SMALL_N}+ postings from 3+ employers.",
]

# %%
findings = ([] if ref.found else [missing]) + [
    f"**{lead_claim}**: {'adjusted index' if controls else 'index'} {lead['index']:.0f} (95% "
    f"interval {lead['index_low']:.0f}–{lead['index_high']:.0f}"
    f"{', includes 100: within noise' if lead['reading'] == 'within noise' else ''}; "
    f"n={lead['n_postings']:,} postings, {lead['n_employers']:,} employers; Chart 1).",
    (f"**Mix moves the raw gap for {len(index.moved)} of {len(others)} metros**: raw medians "
     f"put {raw_text}; {same} they index at {adjusted_text}, outside each raw 95% interval "
     f"(rings vs dots in Chart 1; n={n_text})." if len(index.moved) else
     f"**Adjusting for mix changes no metro beyond noise**: raw medians put {raw_text}; {same} "
     f"they index at {adjusted_text}, inside each raw 95% interval (rings vs dots in Chart 1; "
     f"n={n_text}).") if controls else
    (f"**No adjustment is applied** (adjust_for is empty), so the index is a ratio of geometric "
     f"means: {adjusted_text}, against raw median ratios of {raw_text} (n={n_text})."),
    f"**{index.count('below')} of {len(others)} metros post below {focus} {same}**, "
    f"{index.count('above')} above and {index.count('within noise')} within noise (95% "
    f"interval includes 100); the lowest is {pb.metro_city(lowest['metro'])} at "
    f"{lowest['index']:.0f} (n={lowest['n_postings']:,}).",
    (f"**The gap differs by level for {len(differs)} of {len(gaps)} metros** (level intervals "
     f"that do not overlap: {', '.join(pb.metro_city(m) for m in differs)}); "
     f"{pb.metro_city(lead['metro'])} indexes {by_level} (Chart 2)." if len(differs) else
     f"**The gap does not differ by level beyond noise**: for each of {len(gaps)} metros with "
     f"two or more readable levels ({', '.join(levels)}) the intervals overlap; "
     f"{pb.metro_city(lead['metro'])} indexes {by_level} (Chart 2)." if len(gaps) else
     f"**Too few postings to compare levels**: no metro has {pb.SMALL_N}+ postings at two of "
     f"the levels {focus} covers ({', '.join(levels)}; Chart 2)." if levels else
     f"**Too few postings to compare levels**: {focus} has fewer than {pb.SMALL_N} postings at "
     f"each of {', '.join(pb.INDEX_LEVELS[:-1])} and {pb.INDEX_LEVELS[-1]}, so Chart 2 is not "
     f"drawn."),
] if ok else fallback
pb.key_findings(findings)

# %% [markdown]
# ## Chart 1 · Location index
#
# Each metro's pay against the reference metro (= 100): dots are the composition-adjusted index
# with its 95% interval, rings the raw ratio of medians.

# %%
if ok:
    ax = pb.location_index_chart(table, raw=index.raw, highlight=reference, short_labels=True)
    pb.finding_title(
        ax,
        f"{index.count('below')} of {len(others)} metros post below {focus} {same}; "
        f"{pb.metro_city(lowest['metro'])} lowest at {lowest['index']:.0f}",
        subtitle=(f"Index of {base} (reference {reference} = 100), adjusted for {adjusted_for}, "
                  f"95% interval · {role_text} · snapshot {snapshot} · n = "
                  f"{int(table['n_postings'].sum()):,} postings"),
    )
(
    pb.publish_chart(
        ax, data=table, name="04_location_index", out_dir=figures_dir or None,
        source=source_line,
        alt=(f"Forest plot of {len(table)} metros' adjusted pay index against {reference} "
             f"(= 100) with 95% intervals and raw index rings; {pb.metro_city(lowest['metro'])} "
             f"lowest at {lowest['index']:.0f}."),
    ) if ok else pb.report_table(pd.DataFrame({"Chart not drawn": [findings[0].split("**")[1]]}))
)

# %% [markdown]
# ## Chart 2 · The index level by level
#
# The same comparison within each level (adjusted for the other controls); rows are the same
# metros as Chart 1, marked n<5 where a metro has too few postings at that level.

# %%
if len(per_level):
    fig = pb.location_small_multiples(per_level, panels=levels, highlight=reference,
                                      order=index.order)
    pb.finding_title(
        fig.axes[0],
        (f"The gap to {focus} differs by level for {len(differs)} of {len(gaps)} metros"
         if len(differs) else
         f"Gaps to {focus} look alike at every level: none differs beyond noise"),
        subtitle=(f"Index of {base} (reference {reference} = 100) within each level, adjusted "
                  f"for {pb.describe_controls([c for c in controls if c != 'level'])}, 95% "
                  f"interval · {role_text} · snapshot {snapshot} · n = "
                  f"{int(per_level['n_postings'].sum()):,} postings"),
    )
(
    pb.publish_chart(
        fig, data=per_level, name="04_location_index_by_level", out_dir=figures_dir or None,
        source=source_line,
        alt=(f"{len(levels)} forest plots, one per level ({', '.join(levels)}), of each metro's "
             f"pay index against {reference} on a shared axis."),
    ) if len(per_level) else pb.report_table(pd.DataFrame({"Chart not drawn": [
        f"{focus} has fewer than {pb.SMALL_N} comparable postings at entry, mid, senior and "
        f"staff level, or there is no other metro to compare."]}))
)

# %% [markdown]
# ## The index by metro
#
# Raw = ratio of median midpoints; adjusted = composition-adjusted index with its 95% interval;
# metros with fewer than 5 postings or 3 employers are left out; n < 20 in grey.

# %%
pb.report_table(pb.metro_index_table(table, focus=focus), n_column="Postings")

# %%
pb.caveats([
    "Posted is not paid: these are advertised base-salary ranges; many employers post one "
    "national range or location tiers, which flattens or steps the gaps.",
    f"Adjustment holds {adjusted_for} fixed as read from titles; a misread "
    "level or role leaves some mix in the index.",
    (f"{ref.top_employer} posts {ref.top_employer_postings:,} of the {ref.postings:,} "
     f"postings in the reference metro, and employers posting in many metros set much of each "
     f"index" if ref.top_employer else "Employers posting in many metros set much of each index")
    + (f"; {index.hidden} metro(s) with fewer than {pb.SMALL_N} postings or 3 employers are left "
       f"out." if index.hidden else "."),
])

# %%
pb.method_box(pb.location_method(location=location, controls=controls, currency=currency),
              manifest=manifest)
