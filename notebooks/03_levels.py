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
import analysis as pb
from analysis.analyses.ladder import ladder_table, largest_ladders, level_coverage, select_ladder
from analysis.findings.levels import FAMILIES_CHART, LADDER_CHART, levels_text
from analysis.plot.ladder import ladder_chart, ladder_small_multiples
from analysis.publish.figures import publish_chart
from analysis.publish.narrative import (
    caveats,
    chart_note,
    key_findings,
    method_box,
    report_header,
    report_table,
)

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
ladders = pb.level_ladder(bands, currency=currency)
ladder = select_ladder(ladders, role_family=focus_role, track=track)
# Chart 2: the three largest other role families on the same track, by levelled postings.
others = largest_ladders(ladders, track=track, exclude=focus_role, n=3)
families = others["role_family"].tolist()
family_ladders = ladders.loc[(ladders["track"] == track) & ladders["role_family"].isin(families)]
text = levels_text(
    ladder=ladder,
    others=others,
    coverage=level_coverage(bands, role_family=focus_role, track=track, currency=currency),
    focus_role=focus_role,
    track=track,
    currency=currency,
    snapshot=manifest.get("snapshot", "unknown"),
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · The ladder

# %%
if len(ladder) > 1:
    ax = ladder_chart(ladder, currency=currency)
(
    publish_chart(ax, data=ladder, name=LADDER_CHART, caption=text.captions[LADDER_CHART],
                  out_dir=figures_dir or None)
    if len(ladder) > 1 else chart_note(text.notes[LADDER_CHART])
)

# %% [markdown]
# ## Chart 2 · Ladders of the largest role families
#
# The same ladder for the three other role families with the most levelled postings, on one money
# axis.

# %%
if len(families):
    fig = ladder_small_multiples(ladders, role_families=families, track=track,
                                 currency=currency)
(
    publish_chart(fig, data=family_ladders, name=FAMILIES_CHART,
                  caption=text.captions[FAMILIES_CHART], out_dir=figures_dir or None)
    if len(families) else chart_note(text.notes[FAMILIES_CHART])
)

# %% [markdown]
# ## The ladder in numbers
#
# Medians over bands; step and overlap compare each level with the level below it.

# %%
report_table(
    ladder_table(ladder),
    money_columns=("Median minimum", "Median midpoint", "Median maximum"),
    percent_columns=("Step", "Overlap", "Range width"),
    n_column="Postings",
    currency=currency,
)

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
