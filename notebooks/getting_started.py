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
# # Getting started with paybands
#
# Open this notebook in Jupyter (`.venv/bin/jupyter lab notebooks/getting_started.py`, then
# "Open With → Notebook") and run it top to bottom. It loads the embedded sample, summarizes
# and compares pay bands and draws a chart; then it does the same on **your own file**.
#
# The sample is **synthetic** demo data: its employers are fictional (one real Meta posting
# aside). Draw no conclusions about real employers from it.
#
# Set `my_postings` below to a CSV, Excel, JSON or HTML export of postings (or a folder of them)
# and `my_store` to a folder for your snapshots. Until you do, one of the sample's export files
# stands in for your file and goes to a scratch store that is thrown away.

# %% tags=["parameters"]
my_postings = ""  # e.g. "~/Downloads/postings.csv"
my_store = ""  # e.g. "~/paybands/mydata" (default: a scratch folder)
currency = "USD"

# %% [markdown]
# ## 1 · Load the bands
#
# One row per posting × band: the posted range as an annual base salary (`annual_min`,
# `annual_mid`, `annual_max`) with the role family, level and place read from the posting.
# `load_bands()` with no argument reads the sample; give it a store folder for your own data.

# %%
import tempfile
from pathlib import Path

import analysis as pb
from analysis.paths import SAMPLE

bands = pb.load_bands()
pb.load_manifest()["read_from"]

# %%
# pb.as_result shows any frame of bands formatted; the analyses below return theirs so already
pb.as_result(bands[["employer", "title", "metro", "role_family", "level", "annual_min",
                    "annual_max"]].head())

# %% [markdown]
# ## 2 · Summarize by metro
#
# Percentiles of the posted minimum, midpoint and maximum, with the median midpoint's 95%
# interval from resampling employers (a big employer cannot sway it alone). Money shows in the
# table's currency; the numbers underneath stay plain for your own computations.

# %%
by_metro = pb.band_summary(bands, by="metro", currency=currency)
by_metro.sort_values("n_postings", ascending=False).head(8)

# %% [markdown]
# ## 3 · Compare metros
#
# Each metro's median midpoint as an index against San Jose-Sunnyvale-Santa Clara (= 100).

# %%
pb.compare_groups(bands, across="metro", currency=currency).head(8)

# %% [markdown]
# ## 4 · Chart the typical band per metro
#
# The bar runs from the median posted minimum to the median posted maximum; the white tick is
# the median midpoint. Faded bars rest on few postings.

# %%
largest = by_metro.sort_values("n_postings", ascending=False).head(10)
ax = pb.plot.band_range_chart(largest, y="metro", highlight="San Jose-Sunnyvale-Santa Clara, CA",
                              currency=currency)

# %% [markdown]
# ## 5 · The same on your own file
#
# `ingest` reads your file into a snapshot of your own store, quarantining what it cannot read
# (with the reason) and never mixing it with the sample.

# %%
stand_in = sorted((SAMPLE / "2026-11-01" / "exports").glob("*.csv"))[0]
postings = Path(my_postings).expanduser() if my_postings else stand_in
store = Path(my_store).expanduser() if my_store else Path(tempfile.mkdtemp(prefix="paybands-"))
snapshot = pb.ingest([postings], out=store, snapshot="first-look")
counts = pb.load_manifest(snapshot)["counts"]
{name: counts[name] for name in ("records_in", "postings", "postings_with_pay", "quarantined")}

# %%
mine = pb.load_bands(store)
my_metros = pb.band_summary(mine, by="metro", currency=currency)
my_metros.sort_values("n_postings", ascending=False).head(8)

# %% [markdown]
# Your data may not hold San Jose: compare against its own largest metro instead.

# %%
my_reference = mine["metro"].value_counts().index[0]
pb.compare_groups(mine, across="metro", reference=my_reference, currency=currency).head(8)

# %%
my_largest = my_metros.sort_values("n_postings", ascending=False).head(10)
ax = pb.plot.band_range_chart(my_largest, y="metro", highlight=my_reference, currency=currency)

# %% [markdown]
# ## 6 · When a name is wrong
#
# A misspelt column, role family or metro stops with the valid choices and the closest match.

# %%
try:
    pb.band_summary(bands, by="metroo")
except KeyError as error:
    print(error)

# %% [markdown]
# ## Next
#
# - `.venv/bin/paybands report STORE` writes the eight HTML reports for a store (yours:
#   `paybands report` followed by the folder you set as `my_store`).
# - `.venv/bin/paybands --help` lists every command, each with examples.
# - `help(pb.band_summary)` and the README describe every analysis.
