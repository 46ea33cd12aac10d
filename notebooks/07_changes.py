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
import pandas as pd

import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
previous = pb.previous_snapshot(data or None)
has_previous = previous is not None
# With one snapshot only, compare against nothing: every count below is then well defined.
old = pb.load_bands(previous) if has_previous else bands.iloc[0:0]
facts, old_facts = pb.headline_figures(bands), pb.headline_figures(old)
current_label = facts["snapshot"]
previous_label = old_facts["snapshot"] if has_previous else "none"
by_label = by.replace("_", " ")
by_plural = by_label[:-1] + "ies" if by_label.endswith("y") else by_label + "s"

diff = pb.snapshot_diff(old, bands)
counts = pb.diff_counts(diff)
shifts = pb.group_shifts(old, bands, by=by, currency=currency, n_boot=1000)
reading = pb.shift_summary(shifts)
moved, widest = reading.moved, reading.widest
rebands = pb.largest_rebands(diff, top=len(diff))
rebanding = pb.reband_summary(rebands)
disclosure = pb.share_gap(facts["postings_with_pay"], facts["postings"],
                          old_facts["postings_with_pay"], old_facts["postings"])
first_move = (f"{moved.iloc[0][by]}'s median {'rose' if moved.iloc[0]['change'] > 0 else 'fell'} "
              f"{abs(moved.iloc[0]['change']):.1%}" if len(moved) else "")
noise_text = (f"no {by_label}'s median moved beyond noise" if moved.empty else
              f"{first_move}, beyond noise" if len(moved) == 1 else
              f"{len(moved)} {by_plural}' medians moved beyond noise")
source_line = (f"Source: paybands snapshots {previous_label} and {current_label}; "
               f"n = bands in {currency} with a closed range.")

# %%
pb.report_header(
    title=(f"{counts['added']:,} postings added, {counts['removed']:,} removed, "
           f"{counts['rebanded']:,} re-banded since {previous_label}; {noise_text}"
           if has_previous else f"Only one snapshot ({current_label}); nothing to compare"),
    scope=(f"Snapshot {current_label} against {previous_label}: {old_facts['postings']:,} → "
           f"{facts['postings']:,} postings; medians of {currency} annual base salary, as "
           f"posted, by {by_label}." if has_previous else
           f"Snapshot {current_label} is the first in its store; refresh the data to see changes."),
    manifest=manifest,
    bands=bands,
)

# %%
pb.key_findings([
    f"**Only one snapshot; nothing to compare.** Snapshot {current_label} is the first in its "
    f"store ({facts['postings']:,} postings, {facts['share_with_pay']:.0%} with pay); the next "
    "refresh will show what was added, removed and re-banded.",
] if not has_previous else [
    f"**{counts['added']:,} postings added, {counts['removed']:,} removed, "
    f"{counts['rebanded']:,} re-banded** between {previous_label} and {current_label}: "
    f"{old_facts['postings']:,} → {facts['postings']:,} postings, {counts['unchanged']:,} "
    f"unchanged (table of re-banded postings below).",
    (f"**No {by_label}'s median midpoint moved beyond noise**: of {len(reading.tested):,} "
     f"{by_plural} with at least 5 bands in both snapshots, the largest move was {widest[by]} "
     f"{widest['change']:+.1%} (95% CI {widest['change_low']:+.1%} to "
     f"{widest['change_high']:+.1%}, n {widest['n_old']:,} → {widest['n_new']:,}) (Chart 1)."
     if moved.empty else
     f"**{len(moved):,} of {len(reading.tested):,} {by_plural} moved beyond noise**: "
     + "; ".join(f"{r[by]} {r['change']:+.1%} (95% CI {r['change_low']:+.1%} to "
                 f"{r['change_high']:+.1%}, n {r['n_old']:,} → {r['n_new']:,})"
                 for _, r in moved.head(3).iterrows()) + " (Chart 1).")
    if len(reading.tested) else
    f"**No {by_label} has 5 or more bands in both snapshots**, so no median can be compared.",
    (f"**Re-banded postings moved {'mostly ' if rebanding['lean'] != 'both ways' else ''}"
     f"{rebanding['lean']}**: of {counts['rebanded']:,}, {rebanding['raised']:,} raised the "
     f"midpoint of their first band and {rebanding['lowered']:,} lowered it (median change "
     f"{rebanding['median_change']:+.1%}); {rebanding['withdrawn']:,} stopped stating pay and "
     f"{rebanding['added']:,} started (table below).")
    if rebanding["rebanded"] else "**No posting was re-banded.**",
    f"**{disclosure['share_a']:.0%} of postings state pay now, {disclosure['share_b']:.0%} "
    f"before** ({facts['postings_with_pay']:,} of {facts['postings']:,} vs "
    f"{old_facts['postings_with_pay']:,} of {old_facts['postings']:,}): "
    f"{disclosure['gap'] * 100:+.1f} points (95% CI {disclosure['gap_low'] * 100:+.1f} to "
    f"{disclosure['gap_high'] * 100:+.1f})" + (", within noise." if disclosure["within_noise"]
                                                else "."),
])

# %% [markdown]
# ## Chart 1 · How each group's median moved

# %%
# With one snapshot there is nothing to draw: the findings say so and no chart is published.
has_chart = has_previous and len(shifts) > 0
ax = pb.shift_chart(shifts, by=by) if has_chart else None
if has_chart:
    pb.finding_title(
        ax,
        (f"No {by_label}'s median midpoint moved beyond noise since {previous_label}"
         if moved.empty else f"{first_move} since {previous_label}"
         + (f"; {len(moved) - 1} other {by_label}(s) also beyond noise" if len(moved) > 1
            else "")),
        subtitle=(f"Change in median band midpoint by {by_label}, {previous_label} → "
                  f"{current_label} · {currency} annual base salary, as posted · line = 95% "
                  f"bootstrap interval (1,000 resamples); grey: within noise · n = bands, "
                  f"{reading.n_old:,} → {reading.n_new:,}"),
    )
(pb.publish_chart(
    ax, data=shifts.assign(reading=reading.flags), name="07_median_shifts",
    out_dir=figures_dir or None, source=source_line,
    alt=(f"Forest plot of the % change in median posted pay midpoint by {by_label} between "
         f"{previous_label} and {current_label}, with 95% intervals; {noise_text}."),
) if has_chart else pb.report_table(pd.DataFrame({"Status": [
    "Only one snapshot in the store; nothing to compare." if not has_previous else
    f"No {currency} bands to compare by {by_label}."]})))

# %% [markdown]
# ## Previous and new medians
#
# Median band midpoint per group in each snapshot, the change with its 95% interval (in
# percentage points), and n (bands) then and now; grey rows have fewer than 20 bands now.

# %%
(pb.report_table(pb.shift_table(shifts, by=by), money_columns=("Previous median", "New median"),
                 n_column="n now") if has_previous and len(shifts) else None)

# %% [markdown]
# ## Largest re-banded postings
#
# The 15 re-banded postings whose first band's midpoint moved most, as posted (old band → new
# band); postings that stopped or started stating pay follow those that moved.

# %%
pb.report_table(pb.reband_table(rebands, top=15)) if len(rebands) else None

# %%
pb.caveats([
    "Posted is not paid: these are the ranges employers advertise.",
    "A report of changes needs two snapshots: ingest the next refresh into the same store.",
] if not has_previous else [
    "Posted is not paid: these are the ranges employers advertise, and a refresh changes which "
    "employers are advertising as much as what they pay.",
    f"Medians compare whichever postings are open at each snapshot; {counts['added']:,} added and "
    f"{counts['removed']:,} removed postings change the mix, so a move can be composition, "
    "not a raise.",
    "A posting is re-banded when its set of bands (amounts, period, currency, label) changed; "
    "title or location rewording alone leaves it unchanged.",
])

# %%
pb.method_box([
    "Postings are matched across snapshots by posting_id: added (only in the new one), removed "
    "(only in the previous one), re-banded (bands differ), unchanged.",
    f"Median change = new median / previous median − 1 of annual_mid over closed {currency} "
    "bands per group; 95% percentile interval from 1,000 bootstrap resamples of each snapshot; "
    "a change whose interval holds 0 is \"within noise\"; groups with fewer than 5 bands in "
    "either snapshot get no interval (\"too few to test\").",
    "Re-band change = new / previous midpoint of the posting's first band − 1.",
    "Disclosure change: difference of shares with Newcombe's hybrid score 95% interval.",
], manifest=manifest)
