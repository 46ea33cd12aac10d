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
comparable = pb.comparable_bands(scope_bands, currency=currency)
metro_n = comparable.groupby("metro")["posting_id"].nunique().sort_values(ascending=False)

# The location's metro; else the text itself as a metro name; else a stand-in reference.
place = pb.parse_location(location)
wanted = place.metro or location
found = wanted in metro_n.index
reference = (wanted if found else pb.REFERENCE_METRO if pb.REFERENCE_METRO in metro_n.index
             else metro_n.index[0] if len(metro_n) else None)
ok = reference is not None and len(metro_n) >= 2
focus = (place.city if found and place.city and place.metro == reference
         else pb.metro_city(reference) if reference else location)
controls = tuple(c.strip() for c in adjust_for.split(",") if c.strip() in bands.columns)
control_words = {"role_family": "role", "level": "level", "track": "track",
                 "employer": "employer", "is_remote": "remote status"}
adjusted_for = " and ".join(control_words.get(c, c) for c in controls) or "nothing"
level_adjusted_for = " and ".join(control_words.get(c, c) for c in controls if c != "level")
same = f"for the same {adjusted_for}" if controls else "before any adjustment"
index_word = "adjusted index" if controls else "index"
role_text = f"{role} postings" if role else "postings of all roles"
base = f"annual base salary, as posted, {currency}"
source_line = (f"Source: paybands snapshot {snapshot}; closed {currency} pay ranges; "
               f"n = postings.")

if ok:
    adjusted = pb.adjusted_comparison(scope_bands, reference=reference, controls=controls,
                                      currency=currency)
    raw = pb.location_comparison(scope_bands, reference=reference, currency=currency,
                                 n_boot=1000)
    table = adjusted.merge(
        raw[["metro", "index", "index_low", "index_high", "n_employers"]].rename(columns={
            "index": "raw_index", "index_low": "raw_low", "index_high": "raw_high"}),
        on="metro")
    # Shown: the reference and metros with at least SMALL_N postings from 3 employers.
    table = table.loc[table["is_reference"] | ((table["n_postings"] >= pb.SMALL_N)
                                               & (table["n_employers"] >= 3))]
    table = table.assign(
        below=table["index_high"] < 100,
        above=table["index_low"] > 100,
        reading=["reference" if r else "below" if hi < 100 else "above" if lo > 100
                 else "within noise" for r, lo, hi in
                 zip(table["is_reference"], table["index_low"], table["index_high"], strict=True)],
    ).reset_index(drop=True)
else:
    adjusted = raw = table = pd.DataFrame(columns=[
        "metro", "n_postings", "n_employers", "index", "index_low", "index_high", "raw_index",
        "raw_low", "raw_high", "is_reference", "below", "above", "reading"])
others = table.loc[~table["is_reference"].astype(bool)].sort_values("n_postings", ascending=False)
ok = ok and len(others) > 0
lead = others.iloc[0] if ok else None
lowest = others.sort_values("index").iloc[0] if ok else None
biggest = others.head(3)
hidden = len(metro_n) - len(table)
ref_employers = (comparable.loc[comparable["metro"] == reference].drop_duplicates("posting_id")
                 ["employer"].value_counts())
order = table.sort_values("index", ascending=False)["metro"].tolist()
# Adjustment matters for a metro when its adjusted index falls outside the raw index's interval;
# the finding quotes up to three such metros (largest first), else the three largest.
moved = others.loc[(others["index"] < others["raw_low"]) | (others["index"] > others["raw_high"])]
examples = moved.head(3) if len(moved) else biggest
raw_text = ", ".join(f"{pb.metro_city(m)} at {r:.0f}"
                     for m, r in zip(examples["metro"], examples["raw_index"], strict=True))
adjusted_text = ", ".join(f"{a:.0f}" for a in examples["index"])
n_text = ", ".join(f"{n:,}" for n in examples["n_postings"])

# Level by level: the same adjusted index within each level the reference has enough postings at.
level_controls = tuple(c for c in controls if c != "level")
ref_levels = comparable.loc[comparable["metro"] == reference, "level"].value_counts()
levels = [lv for lv in ("entry", "mid", "senior", "staff") if ref_levels.get(lv, 0) >= pb.SMALL_N]
levels = levels if ok else []
per_level = pd.concat(
    [pb.adjusted_comparison(scope_bands.loc[scope_bands["level"] == lv], reference=reference,
                            controls=level_controls, currency=currency).assign(level=lv)
     for lv in levels]
) if levels else pd.DataFrame(columns=["metro", "level", "index", "index_low", "index_high",
                                       "n_postings", "is_reference"])
level_employers = (comparable.groupby(["level", "metro"])["employer"].nunique()
                   .rename("n_employers").reset_index())
per_level = per_level.loc[per_level["metro"].isin(order)].merge(
    level_employers, on=["level", "metro"], how="left")
readable = per_level.loc[~per_level["is_reference"].astype(bool)
                         & (per_level["n_postings"] >= pb.SMALL_N)
                         & (per_level["n_employers"] >= 3)]
spans = readable.groupby("metro").agg(n_levels=("level", "size"), top_low=("index_low", "max"),
                                      bottom_high=("index_high", "min"))
spans = spans.loc[spans["n_levels"] >= 2]
# A metro's gap differs by level when two of its level intervals do not overlap.
differs = spans.loc[spans["top_low"] > spans["bottom_high"]]
lead_levels = readable.loc[readable["metro"] == (lead["metro"] if ok else None)]
lead_level_text = ", ".join(f"{r.index:.0f} at {r.level}" for r in lead_levels.itertuples())

# %%
if not ok:
    headline = f"No {role_text} with {currency} pay in two or more metros: nothing to compare"
elif lead["reading"] == "within noise":
    headline = f"{pb.metro_city(lead['metro'])} posts in line with {focus} {same}"
else:
    headline = (f"{pb.metro_city(lead['metro'])} posts {abs(100 - lead['index']):.0f}% "
                f"{'below' if lead['below'] else 'above'} {focus} {same}")
pb.report_header(
    title=headline,
    scope=(f"{role_text.capitalize()} in {len(metro_n):,} metros against the {reference} metro "
           f"(= 100); {base}; composition-adjusted for {adjusted_for}."
           if ok else f"{role_text.capitalize()}, {base}."),
    manifest=manifest,
    bands=bands,
)

# %%
resolved_text = (f"its metro, {place.metro}, has none" if place.metro
                 else "it names no known metro")
missing_text = (f"**\"{location}\" has no comparable pay in this data** ({resolved_text}), so "
                f"metros are indexed against {reference} instead.")
if ok:
    findings = [
        (f"**{pb.metro_city(lead['metro'])} posts {abs(100 - lead['index']):.0f}% "
         f"{'below' if lead['below'] else 'above'} {focus} {same}**: {index_word} "
         f"{lead['index']:.0f} (95% interval {lead['index_low']:.0f}–{lead['index_high']:.0f}; "
         f"n={lead['n_postings']:,} postings, {lead['n_employers']:,} employers; Chart 1)."
         if lead["reading"] != "within noise" else
         f"**{pb.metro_city(lead['metro'])} posts in line with {focus} {same}**: "
         f"{index_word} {lead['index']:.0f}, 95% interval {lead['index_low']:.0f}–"
         f"{lead['index_high']:.0f} includes 100, within noise (n={lead['n_postings']:,}; "
         f"Chart 1)."),
        (f"**Mix moves the raw gap for {len(moved)} of {len(others)} metros**: raw medians put "
         f"{raw_text}; {same} they index at {adjusted_text}, outside each raw 95% interval "
         f"(rings vs dots in Chart 1; n={n_text})."
         if controls and len(moved) else
         f"**Adjusting for mix changes no metro beyond noise**: raw medians put {raw_text}; "
         f"{same} they index at {adjusted_text}, inside each raw 95% interval (rings vs dots "
         f"in Chart 1; n={n_text})." if controls else
         f"**No adjustment is applied** (adjust_for is empty), so the index is a ratio of "
         f"geometric means: {adjusted_text}, against raw median ratios of {raw_text} "
         f"(n={n_text})."),
        f"**{int(others['below'].sum())} of {len(others)} metros post below {focus} {same}**, "
        f"{int(others['above'].sum())} above and "
        f"{int((others['reading'] == 'within noise').sum())} within noise (95% interval "
        f"includes 100); the lowest is {pb.metro_city(lowest['metro'])} at "
        f"{lowest['index']:.0f} (n={lowest['n_postings']:,}).",
        (f"**The gap differs by level for {len(differs)} of {len(spans)} metros** (level "
         f"intervals that do not overlap: {', '.join(pb.metro_city(m) for m in differs.index)}); "
         f"{pb.metro_city(lead['metro'])} indexes {lead_level_text} (Chart 2)."
         if len(differs) else
         f"**The gap does not differ by level beyond noise**: for each of {len(spans)} metros "
         f"with two or more readable levels ({', '.join(levels)}) the intervals overlap; "
         f"{pb.metro_city(lead['metro'])} indexes {lead_level_text} (Chart 2)."
         if len(spans) else
         f"**Too few postings to compare levels**: no metro has {pb.SMALL_N}+ postings at two "
         f"of the levels {focus} covers ({', '.join(levels)}; Chart 2)." if levels else
         f"**Too few postings to compare levels**: {focus} has fewer than {pb.SMALL_N} postings "
         f"at each of entry, mid, senior and staff, so Chart 2 is not drawn."),
    ]
    findings = ([missing_text] if not found else []) + findings
else:
    findings = [
        (missing_text if reference and not found else
         f"**No {role_text} state comparable {currency} pay** in this data"
         f"{' (check the role family spelling)' if role else ''}, so no metro can be indexed."
         if reference is None else
         f"**Only {focus} holds comparable pay** for {role_text} with enough postings and "
         f"employers; there is nothing to index against it."),
        f"**{len(metro_n):,} metro(s) hold comparable {currency} pay** for {role_text}; a "
        f"comparison needs the reference and one other with {pb.SMALL_N}+ postings from 3+ "
        f"employers.",
    ]
pb.key_findings(findings[:5])

# %% [markdown]
# ## Chart 1 · Location index
#
# Each metro's pay against the reference metro (= 100): dots are the composition-adjusted index
# with its 95% interval, rings the raw ratio of medians.

# %%
if ok:
    ax = pb.location_index_chart(table, raw=raw, highlight=reference, short_labels=True)
    pb.finding_title(
        ax,
        f"{int(others['below'].sum())} of {len(others)} metros post below {focus} {same}; "
        f"{pb.metro_city(lowest['metro'])} lowest at {lowest['index']:.0f}",
        subtitle=(f"Index of {base} (reference {reference} = 100), adjusted for "
                  f"{adjusted_for}, 95% interval · {role_text} · snapshot "
                  f"{snapshot} · n = {int(table['n_postings'].sum()):,} postings"),
    )
(
    pb.publish_chart(
        ax, data=table, name="04_location_index", out_dir=figures_dir or None,
        source=source_line,
        alt=(f"Forest plot of {len(table)} metros' adjusted pay index against {reference} "
             f"(= 100) with 95% intervals and raw index rings; {pb.metro_city(lowest['metro'])} "
             f"lowest at {lowest['index']:.0f}."),
    )
    if ok else
    pb.report_table(pd.DataFrame({"Chart not drawn": [findings[0].split("**")[1]]}))
)

# %% [markdown]
# ## Chart 2 · The index level by level
#
# The same comparison within each level (adjusted for the other controls); rows are the same
# metros as Chart 1, marked n<5 where a metro has too few postings at that level.

# %%
if len(per_level):
    fig = pb.location_small_multiples(per_level, panels=levels, highlight=reference, order=order)
    pb.finding_title(
        fig.axes[0],
        (f"The gap to {focus} differs by level for {len(differs)} of {len(spans)} metros"
         if len(differs) else
         f"Gaps to {focus} look alike at every level: none differs beyond noise"),
        subtitle=(f"Index of {base} (reference {reference} = 100) within each level, adjusted "
                  f"for {level_adjusted_for or 'nothing'}, 95% interval · {role_text} · "
                  f"snapshot {snapshot} · n = {int(per_level['n_postings'].sum()):,} postings"),
    )
(
    pb.publish_chart(
        fig, data=per_level, name="04_location_index_by_level", out_dir=figures_dir or None,
        source=source_line,
        alt=(f"{len(levels)} forest plots, one per level ({', '.join(levels)}), of each metro's "
             f"pay index against {reference} on a shared axis."),
    )
    if len(per_level) else
    pb.report_table(pd.DataFrame({"Chart not drawn": [
        f"{focus} has fewer than {pb.SMALL_N} comparable postings at entry, mid, senior and "
        f"staff level, or there is no other metro to compare."]}))
)

# %% [markdown]
# ## The index by metro
#
# Raw = ratio of median midpoints; adjusted = composition-adjusted index with its 95% interval;
# metros with fewer than 5 postings or 3 employers are left out; n < 20 in grey.

# %%
pb.report_table(
    table.assign(
        interval=[f"{lo:.0f}–{hi:.0f}" if pd.notna(lo) else "–"
                  for lo, hi in zip(table["index_low"], table["index_high"], strict=True)],
        raw_index=table["raw_index"].round().astype("Int64"),
        index=table["index"].round().astype("Int64"),
    ).sort_values("index", ascending=False)[
        ["metro", "raw_index", "index", "interval", "reading", "n_postings", "n_employers"]
    ].rename(columns={"metro": "Metro", "raw_index": "Raw index", "index": "Adjusted index",
                      "interval": "95% interval", "reading": f"Against {focus}",
                      "n_postings": "Postings", "n_employers": "Employers"})
    if ok else table,
    n_column="Postings",
)

# %%
pb.caveats([
    "Posted is not paid: these are advertised base-salary ranges; many employers post one "
    "national range or location tiers, which flattens or steps the gaps.",
    f"Adjustment holds {adjusted_for} fixed as read from titles; a misread "
    "level or role leaves some mix in the index.",
    (f"{ref_employers.index[0]} posts {ref_employers.iloc[0]:,} of the {ref_employers.sum():,} "
     f"postings in the reference metro, and employers posting in many metros set much of each "
     f"index" if len(ref_employers) else "Employers posting in many metros set much of each index")
    + (f"; {hidden} metro(s) with fewer than {pb.SMALL_N} postings or 3 employers are left out."
       if hidden else "."),
])

# %%
pb.method_box([
    f"Bands: closed {currency} ranges (minimum and maximum stated), annualized; midpoint = "
    "(minimum + maximum) / 2.",
    f"Location: \"{location}\" parsed to its metro (CBSA, OMB 2023 delineations) with "
    "pb.parse_location, else read as a metro name.",
    "Adjusted index: OLS of log(midpoint) on metro dummies plus control dummies (missing level = "
    "its own category); index = 100 × exp(metro coefficient), 95% t interval, classical errors; "
    "one observation per band.",
    "Raw index: ratio of median midpoints (bootstrap, 1,000 resamples, seed 0). A metro whose "
    "adjusted interval includes 100 is reported as within noise.",
    "By level: the same model within entry, mid, senior and staff (levels where the reference has "
    f"{pb.SMALL_N}+ postings), controlling for role; a gap differs by level when two level "
    "intervals of a metro do not overlap.",
], manifest=manifest)
