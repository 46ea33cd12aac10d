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

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
history = pb.snapshot_history(data or None)
quarantine = pb.load_quarantine(data or None)
facts = pb.headline_figures(bands)
counts = manifest.get("counts", {})
records_in = counts.get("records_in", facts["postings"])
quarantined = counts.get("quarantined", 0)
comparable = pb.comparable_bands(bands, currency=currency)
sources = pb.coverage_by(bands, by="source")
periods = pb.period_shares(bands)
currencies = pb.currency_coverage(bands, currency=currency)
reasons = pb.quarantine_reasons(quarantine)
quality = pb.pay_quality(bands)
growth = pb.snapshot_growth(history)
largest = sources.iloc[0]
hourly_share = periods.loc[periods["pay_period"] == "hour", "share"].sum()
source_line = (f"Source: paybands snapshot {facts['snapshot']}; postings as ingested; "
               f"n = postings.")

# %%
pb.report_header(
    title=(f"{facts['share_with_pay']:.0%} of {facts['postings']:,} postings state a pay range; "
           f"{quarantined:,} of {records_in:,} records could not be used"),
    scope=(f"All sources in snapshot {facts['snapshot']}: {facts['employers']:,} employers, "
           f"{facts['role_families']:,} role families, {facts['metros']:,} metros."),
    manifest=manifest,
    bands=bands,
)

# %%
pb.key_findings([
    f"**{facts['share_with_pay']:.0%} of postings state pay** ({facts['postings_with_pay']:,} of "
    f"{facts['postings']:,}), giving {quality['pay_bands']:,} pay bands; {len(comparable):,} are "
    f"closed {currency} ranges that every comparison in this suite uses (Chart 1).",
    f"**{quarantined:,} of {records_in:,} records were quarantined** "
    f"({quarantined / max(records_in, 1):.1%}), each with its reason; the most common is "
    f"\"{reasons.iloc[0]['reason'] if len(reasons) else 'none'}\" (table below).",
    f"**{largest['source']} is the largest source**: {largest['postings']:,} postings "
    f"({largest['postings'] / facts['postings']:.0%}), {largest['share_with_pay']:.0%} with pay.",
    f"**{hourly_share:.0%} of bands are posted per hour** and annualized at 2,080 hours; "
    f"{quality['inferred']:,} bands had no stated period and took one from the amount (Chart 2).",
    (f"**{len(history):,} snapshots** are in the store; the latest holds "
     f"{facts['postings']:,} postings, {growth:+,.0f} on the previous one."
     if growth is not None else
     f"**{len(history):,} snapshots** are in the store; one lacks a postings count, so "
     f"growth is not shown."
     if len(history) > 1 else
     f"**One snapshot** is in the store ({facts['snapshot']}); refresh to see changes."),
])

# %% [markdown]
# ## Chart 1 · Which sources state pay

# %%
ax = pb.share_chart(sources, y="source", share="share_with_pay", n="postings")
pb.finding_title(
    ax,
    f"{largest['source']} supplies {largest['postings'] / facts['postings']:.0%} of postings; "
    f"pay disclosure ranges {sources['share_with_pay'].min():.0%}–"
    f"{sources['share_with_pay'].max():.0%} by source",
    subtitle=f"Share of postings stating a pay range, by source · n = postings · "
             f"snapshot {facts['snapshot']}",
)
ax.set_xlabel("Share of postings with a pay range")
pb.publish_chart(ax, data=sources, name="01_sources", out_dir=figures_dir or None,
                 source=source_line,
                 alt="Bar chart of the share of postings that state pay, by source.")

# %% [markdown]
# ## Chart 2 · How pay is posted

# %%
ax = pb.share_chart(periods, y="pay_period", share="share", n="bands")
pb.finding_title(
    ax,
    f"{periods.sort_values('share').iloc[-1]['pay_period'].capitalize()} is how most ranges are "
    f"posted ({periods['share'].max():.0%} of bands)",
    subtitle=f"Share of pay bands by the period they are posted in · n = bands · "
             f"{quality['inferred']:,} periods inferred from the amount",
)
ax.set_xlabel("Share of pay bands")
pb.publish_chart(ax, data=periods, name="01_pay_periods", out_dir=figures_dir or None,
                 source=source_line,
                 alt="Bar chart of the share of pay bands posted per year, hour and other periods.")

# %% [markdown]
# ## Quarantined records
#
# Records the pipeline could not turn into a posting, with the reason; nothing is dropped
# silently. Records in = postings + quarantined (+ duplicates collapsed).

# %%
pb.report_table(
    quarantine[["source_file", "record", "title", "pay_text", "reason"]].rename(
        columns={"source_file": "File", "record": "Record", "title": "Title",
                 "pay_text": "Pay text", "reason": "Reason"}),
)

# %% [markdown]
# ## Currencies and open-ended ranges

# %%
pb.report_table(
    currencies.rename(columns=str.capitalize),
)

# %% [markdown]
# ## Snapshots in the store

# %%
pb.report_table(
    history.assign(created=history["created"].str[:10]).rename(columns={
        "snapshot": "Snapshot", "created": "Ingested", "input_files": "Files",
        "records_in": "Records in", "postings": "Postings", "postings_with_pay": "With pay",
        "bands": "Bands", "quarantined": "Quarantined", "reconciles": "Counts reconcile"}),
)

# %%
pb.caveats([
    "Posted pay is not paid pay: these are the ranges employers advertise.",
    f"{quality['open_ended']:,} bands are open-ended (\"up to\", \"from\") and are kept but "
    f"not compared.",
    "Sources overlap in what they cover; a source's disclosure rate reflects its employers.",
])

# %%
pb.method_box([
    "A posting states pay when at least one range or amount was read from it.",
    "Annualization: hour × 2,080, day × 260, week × 52, month × 12.",
    "Quarantine reasons: unreadable file, missing title, pay not understood, implausible pay "
    "(annual outside 5,000–5,000,000), conflicting duplicate.",
], manifest=manifest)
