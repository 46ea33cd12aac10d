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
# # 09 · Posted-pay growth
#
# How posted pay grew since the previous snapshot with the mix held fixed (the median growth of
# like-for-like cells, role family × level × metro, as Indeed's Wage Tracker measures it), with
# its interval, beside the raw median's growth: the difference is the mix of postings.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
by = "metro"

# %%
import analysis as pb
from analysis.analyses.growth import growth_series, posted_wage_growth
from analysis.findings.growth import GROWTH_CHART, SERIES_CHART, growth_table, growth_text
from analysis.plot.growth import growth_chart, growth_series_chart
from analysis.publish.figures import publish_chart
from analysis.publish.narrative import (
    caveats,
    chart_note,
    key_findings,
    method_box,
    report_header,
    report_table,
)
from analysis.store import previous_snapshot, snapshots_up_to

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
previous = previous_snapshot(data or None)
history = snapshots_up_to(data or None)
has_previous = previous is not None
# With one snapshot only there is nothing to compare: the text says so and no chart is drawn.
growth = (posted_wage_growth(pb.load_bands(previous), bands, by=by, currency=currency)
          if has_previous else None)
# A series needs three or more snapshots: each against the one before it.
series = growth_series(history, currency=currency) if len(history) > 2 else None
text = growth_text(growth, series=series, old_label=previous.name if has_previous else None,
                   new_label=manifest.get("snapshot", history[-1].name), currency=currency)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Growth with the mix held fixed, and the raw median's
#
# Each row's point is the median growth of its cells with its 95% interval (employers
# resampled); the grey diamond is the raw median's growth, and the dotted line between them is
# the mix effect. The top row is every posting together.

# %%
has_chart = has_previous and growth["cells"].iloc[0] > 0
ax = growth_chart(growth) if has_chart else None
(publish_chart(ax, data=growth, name=GROWTH_CHART, caption=text.captions[GROWTH_CHART],
               out_dir=figures_dir or None)
 if has_chart else chart_note(text.notes[GROWTH_CHART]))

# %% [markdown]
# ## Chart 2 · Growth over snapshots
#
# With three or more snapshots: each snapshot's growth since the one before it, in its interval
# band, beside the raw median's growth.

# %%
has_series = series is not None and series["growth_pct"].notna().any()
ax = growth_series_chart(series) if has_series else None
(publish_chart(ax, data=series, name=SERIES_CHART, caption=text.captions[SERIES_CHART],
               out_dir=figures_dir or None)
 if has_series else chart_note(text.notes[SERIES_CHART]))

# %% [markdown]
# ## Growth by group
#
# Growth with the mix held fixed with its 95% interval (in percentage points), the raw median's
# growth and the difference (the mix effect, in points), the cells and employers behind each
# row, and postings then and now; grey rows have fewer than 20 postings now.

# %%
report_table(growth_table(growth), n_column="Postings now") if has_previous else None

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
