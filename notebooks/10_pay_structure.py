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
# # 10 · Pay zones and salary ranges
#
# Where posted pay differs by place, grouped into pay zones a compensation team can use, and the
# salary structure one role family would get in the reference metro's zone, priced from posted
# bands.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
reference = "San Jose-Sunnyvale-Santa Clara, CA"
focus_role = "software engineer"

# %%
import analysis as pb
from analysis.analyses.ranges import market_by_level, priced_role_family, salary_structure
from analysis.analyses.zones import pay_zones, reference_zone_metros, usable_reference
from analysis.findings.ranges import STRUCTURE_CHART
from analysis.findings.structure import pay_structure_text
from analysis.findings.zones import ZONES_CHART, zones_listing
from analysis.plot.ranges import structure_chart
from analysis.plot.zones import zone_chart
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
reference_metro = usable_reference(bands, reference=reference, currency=currency)
zones = pay_zones(bands, reference=reference_metro, currency=currency)
metros = reference_zone_metros(zones)
role = priced_role_family(bands, preferred=focus_role, metros=metros, currency=currency)
market = market_by_level(bands, role_family=role, metros=metros, currency=currency)
structure = salary_structure(market)
text = pay_structure_text(zones, structure, reference=reference_metro, role_family=role,
                          metros=metros, currency=currency,
                          snapshot=manifest.get("snapshot", "unknown"))

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Pay zones

# %%
if len(zones):
    ax = zone_chart(zones, highlight=reference_metro)
(
    publish_chart(ax, data=zones, name=ZONES_CHART, caption=text.captions[ZONES_CHART],
                  out_dir=figures_dir or None)
    if len(zones) else chart_note(text.notes[ZONES_CHART])
)

# %% [markdown]
# ## Chart 2 · A salary structure priced in the reference's zone

# %%
if len(structure):
    ax = structure_chart(structure, market=market, currency=currency)
(
    publish_chart(ax, data=structure, name=STRUCTURE_CHART,
                  caption=text.captions[STRUCTURE_CHART], out_dir=figures_dir or None)
    if len(structure) else chart_note(text.notes[STRUCTURE_CHART])
)

# %% [markdown]
# ## The zones in numbers

# %%
report_table(zones_listing(zones), currency=currency)

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
