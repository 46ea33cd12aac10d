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
import analysis as pb
from analysis.analyses import location_index as loc
from analysis.findings.locations import LEVEL_CHART, LOCATION_CHART, location_table, locations_text
from analysis.plot.locations import location_index_chart, location_small_multiples
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
scope_bands = bands.loc[bands["role_family"] == role] if role else bands
ref = loc.resolve_reference(scope_bands, location=location, currency=currency)
controls = loc.controls_from_text(adjust_for, columns=bands.columns)
index = loc.metro_index(scope_bands, reference=ref.reference, controls=controls, currency=currency)
table = index.table
# Level by level: the same adjusted index within each level, for the metros shown overall.
per_level = loc.metro_index_by_level(scope_bands, reference=ref.reference, controls=controls,
                                     currency=currency, metros=index.order)
text = locations_text(
    ref=ref,
    index=index,
    per_level=per_level,
    gaps=loc.gaps_by_level(per_level),
    controls=controls,
    role=role,
    location=location,
    currency=currency,
    snapshot=manifest.get("snapshot", "unknown"),
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Location index
#
# Each metro's pay against the reference metro (= 100): dots are the composition-adjusted index
# with its 95% interval, rings the raw ratio of medians.

# %%
if index.ok:
    ax = location_index_chart(table, highlight=ref.reference, short_labels=True)
(
    publish_chart(ax, data=table, name=LOCATION_CHART, caption=text.captions[LOCATION_CHART],
                  out_dir=figures_dir or None)
    if index.ok else chart_note(text.notes[LOCATION_CHART])
)

# %% [markdown]
# ## Chart 2 · The index level by level
#
# The same comparison within each level (adjusted for the other controls); rows are the same
# metros as Chart 1, marked n<5 where a metro has too few postings at that level.

# %%
if len(per_level):
    fig = location_small_multiples(per_level, highlight=ref.reference, order=index.order)
(
    publish_chart(fig, data=per_level, name=LEVEL_CHART, caption=text.captions[LEVEL_CHART],
                  out_dir=figures_dir or None)
    if len(per_level) else chart_note(text.notes[LEVEL_CHART])
)

# %% [markdown]
# ## The index by metro
#
# Raw = ratio of median midpoints; adjusted = composition-adjusted index with its 95% interval
# (employer-clustered); metros with too few postings or employers are left out and few postings
# are in grey (thresholds in the method note).

# %%
report_table(location_table(table, focus=ref.focus), n_column="Postings")

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
