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
# # 01 · The data: coverage, parse rates and quality
#
# What the snapshot holds, how much of it states readable pay, what was quarantined and why,
# where it comes from, and how it grew across refreshes.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""

# %%
import analysis as pb
from analysis.analyses import coverage
from analysis.analyses.summary import comparable_bands, currency_coverage
from analysis.findings.overview import (
    PERIODS_CHART,
    SOURCES_CHART,
    history_table,
    overview_text,
    quarantine_table,
)
from analysis.plot import share_chart
from analysis.publish.figures import publish_chart
from analysis.publish.narrative import (
    caveats,
    key_findings,
    method_box,
    report_header,
    report_table,
)
from analysis.store import load_quarantine, snapshot_history

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
history = snapshot_history(data or None)
quarantine = load_quarantine(data or None)
sources = coverage.coverage_by(bands, by="source")
periods = coverage.period_shares(bands)
text = overview_text(
    facts=coverage.headline_figures(bands),
    counts=manifest.get("counts", {}),
    sources=sources,
    periods=periods,
    reasons=coverage.quarantine_reasons(quarantine),
    quality=coverage.pay_quality(bands),
    comparable=comparable_bands(bands, currency=currency),
    history=history,
    growth=coverage.snapshot_growth(history),
    currency=currency,
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Which sources state pay

# %%
ax = share_chart(sources, y="source", share="share_with_pay", n="postings")
publish_chart(ax, data=sources, name=SOURCES_CHART, caption=text.captions[SOURCES_CHART],
              out_dir=figures_dir or None)

# %% [markdown]
# ## Chart 2 · How pay is posted

# %%
ax = share_chart(periods, y="pay_period", share="share", n="bands")
publish_chart(ax, data=periods, name=PERIODS_CHART, caption=text.captions[PERIODS_CHART],
              out_dir=figures_dir or None)

# %% [markdown]
# ## Quarantined records
#
# Records the pipeline could not turn into a posting, with the reason; nothing is dropped
# silently. Records in = postings + quarantined (+ duplicates collapsed).

# %%
report_table(quarantine_table(quarantine))

# %% [markdown]
# ## Currencies and open-ended ranges

# %%
report_table(currency_coverage(bands, currency=currency).rename(columns=str.capitalize))

# %% [markdown]
# ## Snapshots in the store

# %%
report_table(history_table(history))

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
