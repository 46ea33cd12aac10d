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
# # 07 · What changed since the previous snapshot
#
# Postings added, removed and re-banded since the last refresh, and whether any group's median
# posted pay moved by more than sampling noise.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
by = "metro"

# %%
import analysis as pb
from analysis.analyses.coverage import headline_figures
from analysis.analyses.diff import diff_counts, largest_rebands
from analysis.findings.changes import (
    SHIFTS_CHART,
    changes_text,
    reband_table,
    shift_chart_data,
    shift_table,
)
from analysis.plot.changes import shift_chart
from analysis.publish.figures import publish_chart
from analysis.publish.narrative import (
    caveats,
    chart_note,
    key_findings,
    method_box,
    report_header,
    report_table,
)
from analysis.store import previous_snapshot

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
previous = previous_snapshot(data or None)
has_previous = previous is not None
# With one snapshot only, compare against nothing: every count below is then well defined.
old = pb.load_bands(previous) if has_previous else bands.iloc[0:0]
diff = pb.snapshot_diff(old, bands)
shifts = pb.group_shifts(old, bands, by=by, currency=currency, n_boot=1000)
rebands = largest_rebands(diff, top=len(diff))
text = changes_text(
    facts=headline_figures(bands), old_facts=headline_figures(old) if has_previous else None,
    counts=diff_counts(diff), shifts=shifts, rebands=rebands, by=by, currency=currency,
    n_boot=1000,
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · How each group's median moved

# %%
# With one snapshot there is nothing to draw: the note says so and no chart is published.
has_chart = has_previous and len(shifts) > 0
ax = shift_chart(shifts, by=by, currency=currency) if has_chart else None
(publish_chart(ax, data=shift_chart_data(shifts), name=SHIFTS_CHART,
               caption=text.captions[SHIFTS_CHART], out_dir=figures_dir or None)
 if has_chart else chart_note(text.notes[SHIFTS_CHART]))

# %% [markdown]
# ## Previous and new medians
#
# Median band midpoint per group in each snapshot, the change with its 95% interval (in
# percentage points), and n (bands) then and now; grey rows have fewer than 20 bands now.

# %%
(report_table(shift_table(shifts, by=by), money_columns=("Previous median", "New median"),
              n_column="Bands now", currency=currency) if has_chart else None)

# %% [markdown]
# ## Largest re-banded postings
#
# The 15 re-banded postings whose first band's midpoint moved most, as posted (old band → new
# band); postings that stopped or started stating pay follow those that moved.

# %%
report_table(reband_table(rebands, top=15)) if len(rebands) else None

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
