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
# # 05 · Posting benchmark
#
# Where one posting's pay band sits among its peers (same role family and level, the level
# inferred from pay when the title states none; nearest place with enough of them, with pay
# location-adjusted to the posting's metro beyond it); the seed posting unless a posting_id or a
# posting as text is given.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
posting_id = ""
title = ""
location = ""
pay_text = ""

# %%
import analysis as pb
from analysis.analyses.benchmark_cases import benchmark_for
from analysis.findings.benchmark import (
    BENCHMARK_CHART,
    CHART_COLUMNS,
    benchmark_text,
    peer_comparison_table,
    peer_list_table,
    posting_label,
)
from analysis.plot.benchmark import benchmark_chart
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
result, peers = benchmark_for(bands, posting_id=posting_id, title=title, location=location,
                              pay_text=pay_text, currency=currency)
placed = result["status"].iloc[0] == "ok"
text = benchmark_text(result=result, peers=peers, bands=bands, currency=currency,
                      snapshot=manifest.get("snapshot", "unknown"), pay_text=pay_text)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · The posting among its peers

# %%
if placed:
    ax = benchmark_chart(peers, result, label=posting_label(result), currency=currency)
(
    publish_chart(ax, data=peers[CHART_COLUMNS], name=BENCHMARK_CHART,
                  caption=text.captions[BENCHMARK_CHART], out_dir=figures_dir or None)
    if placed else chart_note(text.notes[BENCHMARK_CHART])
)

# %% [markdown]
# ## The posting against its peers
#
# The posting's minimum, midpoint and maximum beside the same measure across its peers.

# %%
report_table(
    peer_comparison_table(result),
    money_columns=("This posting", "Peers p10", "Peers p25", "Peers median", "Peers p75",
                   "Peers p90"),
    n_column="Peer postings",
    currency=currency,
)

# %% [markdown]
# ## The peers
#
# Every peer posting, highest midpoint first, at the pay compared (location-adjusted when peers
# come from beyond the posting's metro; the midpoint as posted beside it then).

# %%
report_table(peer_list_table(peers, top=40),
             money_columns=("Minimum", "Midpoint", "Maximum", "Midpoint as posted"),
             currency=currency)

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
