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

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
snapshot = manifest.get("snapshot", "unknown")
market = pb.focus_market(bands, metro=focus_metro, currency=currency)
reading = pb.market_reading(market)
above, below, noise = reading.above, reading.below, reading.within_noise
n_counted, n_postings = len(reading.counted), reading.n_postings
place = focus_metro if reading.local else "all metros (national OEWS figures)"
short = pb.short_metro(focus_metro) if reading.local else "the US"
metros = pb.comparable_bands(bands, currency=currency)["metro"].value_counts(normalize=True)
above_text = "; ".join(
    f"{r.role_family} {r.gap_to_p50_pct:+.0%} ({pb.money(r.posted_mid_median)} vs "
    f"{pb.money(r.p50)}, n={r.n_postings:,})" for r in above.itertuples())
below_text = "; ".join(
    f"{r.role_family} {r.gap_to_p50_pct:+.0%} ({pb.money(r.posted_mid_median)} vs "
    f"{pb.money(r.p50)}, n={r.n_postings:,})" for r in below.itertuples())
source_line = (f"Source: paybands snapshot {snapshot} (posted ranges); U.S. Bureau of Labor "
               f"Statistics, OEWS May 2025 (paid wages, all employers).")

# %%
if len(above) and len(below):
    headline = (f"In {short}, {above['role_family'].iloc[0]} postings sit "
                f"{above['gap_to_p50_pct'].iloc[0]:.0%} above the paid median, "
                f"{below['role_family'].iloc[0]} {abs(below['gap_to_p50_pct'].iloc[0]):.0%} below")
elif n_counted:
    headline = (f"{len(above):,} of {n_counted:,} role families in {short} post above the "
                f"paid median, {len(below):,} below, {len(noise):,} within noise")
else:
    headline = f"Too few postings in {short} to set against OEWS wages"
pb.report_header(
    title=headline,
    scope=(f"Posted median midpoint per role family in {place} against BLS OEWS May 2025 wage "
           f"percentiles for the matching occupation: {n_postings:,} postings, "
           f"{len(market):,} role families. Annual base salary, as posted, {currency}."),
    manifest=manifest,
    bands=bands,
)

# %%
pb.key_findings([
    (f"**{len(above):,} of {n_counted:,} role families "
     f"{'posts' if len(above) == 1 else 'post'} above the OEWS median** in "
     f"{short}, their 95% interval clear of it: {above_text} (Chart 1)."
     if len(above) else
     f"**No role family in {short} posts clearly above the OEWS median** "
     f"({n_counted:,} compared; Chart 1)."),
    (f"**{len(below):,} {'posts' if len(below) == 1 else 'post'} below it**: "
     f"{below_text} (Chart 1)."
     if len(below) else
     f"**No role family in {short} posts clearly below the OEWS median** (Chart 1)."),
    (f"**{len(noise):,} {'sits' if len(noise) == 1 else 'sit'} within noise of the paid "
     f"median** ({', '.join(noise['role_family'])}): the posted median's 95% interval "
     f"contains it." if len(noise) else
     "**No role family sits within noise of the paid median**.")
    + (f" {len(reading.faded):,} of {len(market):,} role families have fewer than "
       f"{pb.SMALL_N} postings or 3 employers and are shown faded, not counted."
       if len(reading.faded) else ""),
    (f"**Posted medians sit between the {pb.ordinal(reading.position_low)} and "
     f"{pb.ordinal(reading.position_high)} percentiles of paid wages**"
     + (f" ({reading.n_outside:,} more outside OEWS p10–p90)" if reading.n_outside else "")
     + "; but OEWS counts what all employers pay every worker in the occupation (May 2025), "
     "while these are ranges that hiring employers post, so position is context, not a verdict."
     if reading.positioned else
     "**OEWS counts paid wages of all employers (May 2025)**, not posted ranges."),
    (f"**{len(reading.national):,} role families use national OEWS figures** "
     f"({', '.join(reading.national['role_family'])}): OEWS publishes no median for them in "
     f"{focus_metro}." if reading.local and len(reading.national) else
     f"**Every role family is compared with OEWS figures for {focus_metro}** "
     f"({len(market):,} families, {n_postings:,} postings)." if reading.local else
     f"**{focus_metro} holds no postings**, so all postings are set against national OEWS "
     f"figures; {metros.iloc[0]:.0%} of them are in {metros.index[0]}."),
])

# %% [markdown]
# ## Chart 1 · Posted against paid, by role

# %%
ax = pb.market_chart(market)
pb.finding_title(
    ax,
    (f"{len(above):,} of {n_counted:,} role families in {short} post above the OEWS paid "
     f"median, {len(below):,} below, {len(noise):,} within noise"),
    subtitle=(f"Posted median midpoint (annual base salary, as posted, {currency}) against BLS "
              f"OEWS May 2025 annual wage percentiles · {place} · snapshot {snapshot} · "
              f"n = {n_postings:,} postings; faded: under {pb.SMALL_N} postings or 3 employers"),
)
pb.publish_chart(
    ax, data=market, name="08_market", out_dir=figures_dir or None, source=source_line,
    alt=(f"For each of {len(market)} role families, grey bars show OEWS paid-wage percentiles "
         f"p10–p90 and p25–p75 with a median tick, and a dot marks the posted median midpoint "
         f"in {place}."),
)

# %% [markdown]
# ## Role families against OEWS
#
# The occupation each role family is matched to, the OEWS area used, the posted median midpoint
# with its 95% interval, and the OEWS median (p10–p90 are in the chart's CSV). Rows with fewer
# than 20 postings are grey.

# %%
pb.report_table(
    pb.market_table(market),
    money_columns=("Posted median mid", "OEWS median"),
    percent_columns=("Gap to median",),
    n_column="n postings",
)

# %%
pb.caveats([
    "OEWS is paid wages (May 2025) for every worker in the occupation at every employer, level "
    "and tenure; posted ranges are what hiring employers advertise, mostly large ones. A gap is "
    "a description, not evidence of over- or underpayment.",
    "Role families map to one SOC occupation each (product manager → Marketing Managers, data "
    "analyst → Data Scientists); where the mapping is loose, read the position loosely.",
    "Posted medians mix levels; a role family posted mostly at senior level sits high against "
    "an all-levels wage distribution.",
])

# %%
pb.method_box([
    "Posted: median of annual_mid (midpoint of the annualized posted range) over closed ranges "
    f"in {currency}, per role family, in the focus metro; 95% bootstrap interval, 1,000 "
    "resamples, seed 0. A role family is above or below the OEWS median only when that "
    "interval excludes it.",
    "Reference: BLS OEWS May 2025 cross-industry annual wages (p10, p25, median, p75, p90) for "
    "the SOC code of each role family, in the metro's area; national figures where OEWS "
    "suppresses the metro's median. Percentile position: linear interpolation between the "
    "published percentiles; none is claimed beyond p10 or p90.",
    f"Shown faded, left out of the counts: role families with fewer than {pb.SMALL_N} postings "
    "or fewer than 3 employers.",
], manifest=manifest)
