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
from analysis.analyses.roles import role_bands, role_metro_matrix
from analysis.analyses.summary import comparable_bands
from analysis.findings.roles import METRO_CHART, ROLES_CHART, role_table, roles_text
from analysis.plot import band_range_chart
from analysis.plot.heatmap import role_metro_heatmap
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
with_role = comparable_bands(bands, currency=currency).dropna(subset=["role_family"])
roles = role_bands(bands, currency=currency, n_boot=1000)
matrix = role_metro_matrix(bands, currency=currency, reference=focus_metro)
# The top role against the median role, and the pinned metro against the others pooled, each
# with a bootstrap interval: a lead inside its interval is reported as noise.
text = roles_text(bands, roles=roles, matrix=matrix, focus_role=focus_role,
                  focus_metro=focus_metro, currency=currency,
                  snapshot=manifest.get("snapshot", "unknown"), n_boot=1000)

# %%
report_header(text, manifest=manifest, bands=with_role)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · The typical posted band of each role family

# %%
if len(roles):
    ax = band_range_chart(roles, y="role_family", span="band", highlight=focus_role,
                          currency=currency)
(
    publish_chart(ax, data=roles, name=ROLES_CHART, caption=text.captions[ROLES_CHART],
                  out_dir=figures_dir or None)
    if len(roles) else chart_note(text.notes[ROLES_CHART])
)

# %% [markdown]
# ## Chart 2 · Role families across the largest metros

# %%
if len(matrix):
    ax = role_metro_heatmap(matrix, reference=focus_metro, highlight=focus_role,
                            currency=currency)
(
    publish_chart(ax, data=matrix, name=METRO_CHART, caption=text.captions[METRO_CHART],
                  out_dir=figures_dir or None)
    if len(matrix) else chart_note(text.notes[METRO_CHART])
)

# %% [markdown]
# ## Bands by role family
#
# Medians are left blank for role families with too few postings or employers to stand for a
# market (the thresholds are in the method note); rows resting on few postings are grey.
# Bonus and equity count postings whose text mentions them: neither is in the base salary
# compared above.

# %%
report_table(
    role_table(roles),
    money_columns=("Median min", "Median mid", "Median max"),
    percent_columns=("Median spread", "Bonus mentioned", "Equity mentioned", "Its share"),
    n_column="Postings",
    currency=currency,
)

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
