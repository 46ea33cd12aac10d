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
# # 08 · Market reference
#
# Posted bands per role family in one metro against what the occupation is paid there, from the
# BLS Occupational Employment and Wage Statistics (OEWS, May 2025).

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
focus_metro = "San Jose-Sunnyvale-Santa Clara, CA"

# %%
import analysis as pb
from analysis.analyses.market import focus_market
from analysis.analyses.summary import comparable_bands
from analysis.findings.market import MARKET_CHART, market_table, market_text
from analysis.plot.market import market_chart
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
market = focus_market(bands, metro=focus_metro, currency=currency)
text = market_text(
    market,
    comparable=comparable_bands(bands, currency=currency),
    focus_metro=focus_metro,
    snapshot=manifest.get("snapshot", "unknown"),
    currency=currency,
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Posted against paid, by role

# %%
(
    publish_chart(market_chart(market), data=market, name=MARKET_CHART,
                  caption=text.captions[MARKET_CHART], out_dir=figures_dir or None)
    if len(market)
    else chart_note(text.notes[MARKET_CHART])
)

# %% [markdown]
# ## Role families against OEWS
#
# The occupation each role family is matched to, the OEWS area used, the posted median midpoint
# with its 95% interval, and the OEWS median (p10–p90 are in the chart's CSV). Rows with fewer
# than 20 postings are grey.

# %%
report_table(
    market_table(market, currency=currency),
    money_columns=("Posted median mid", "OEWS median"),
    percent_columns=("Gap to median",),
    n_column="n postings",
    currency=currency,
)

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
