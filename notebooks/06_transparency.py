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
# # 06 · Transparency and compliance
#
# Who states pay, by state and over time, which postings a pay-transparency law covers yet show
# none, and how many posted ranges are too wide to tell a candidate anything.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
min_postings = 20

# %%
import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
store = pb.load_store(data or None)
laws = pb.load_laws()
facts = pb.headline_figures(bands)
judged_on = pb.judgement_date(facts["snapshot"])

trend = pb.disclosure_trend(store, by="state")
over_time = pb.trend_summary(trend, laws=laws, by="state", min_n=min_postings)
rates = pb.disclosure_by_state(bands, on=judged_on, laws=laws)
ranked = rates.loc[rates["postings"] >= min_postings].sort_values("share_with_pay")
coverage = pb.law_coverage(bands, on=judged_on, laws=laws)
uncovered = coverage.uncovered
widths = pb.range_width(bands, per_band=True, currency=currency)
wide = pb.width_summary(widths)

# %%
# Phrases the findings and subtitles share.
period, leaders, gap = over_time.period, over_time.leaders, coverage.gap
window = pb.window_text(over_time.start, over_time.end)
gap_words = {"within noise": "at about the same rate as", "higher": "more often than",
             "lower": "less often than"}[pb.gap_reading(gap)]
law_text = (f"dashed: {len(over_time.marked_laws)} law(s) taking effect in the window"
            if len(over_time.marked_laws) else "no pay-transparency law took effect in the window")
in_force_text = (f"in force throughout: {', '.join(over_time.in_force) or 'none'}"
                 + (f"; no state law in {', '.join(over_time.without_law)}"
                    if over_time.without_law else ""))
source_line = (f"Source: paybands snapshot {facts['snapshot']}; pay-transparency laws as listed "
               f"in analysis/data/pay_transparency_laws.csv; n = postings unless stated.")

# %%
pb.report_header(
    title=(f"{facts['share_with_pay']:.0%} of postings state pay; {len(uncovered):,} that a "
           f"pay-transparency law covers show none"),
    scope=(f"All {facts['postings']:,} postings in snapshot {facts['snapshot']}, by state; "
           f"trend over {store['snapshot'].nunique():,} snapshot(s), {window}; "
           f"pay ranges as {currency} annual base salary, as posted."),
    manifest=manifest,
    bands=bands,
)

# %%
pb.key_findings([
    f"**{facts['share_with_pay']:.0%} of {facts['postings']:,} postings state a pay range** "
    f"({facts['postings_with_pay']:,}); "
    + (f"among the {len(ranked):,} states with at least {min_postings} postings the rate runs "
       f"from {ranked.iloc[0]['share_with_pay']:.0%} ({ranked.iloc[0]['state']}, "
       f"n={ranked.iloc[0]['postings']:,}) to {ranked.iloc[-1]['share_with_pay']:.0%} "
       f"({ranked.iloc[-1]['state']}, n={ranked.iloc[-1]['postings']:,}) (Chart 2)."
       if len(ranked) > 1 else
       f"only {ranked.iloc[0]['state']} has {min_postings} or more postings, "
       f"{ranked.iloc[0]['share_with_pay']:.0%} of them with pay (Chart 2)." if len(ranked) else
       f"no state has {min_postings} or more postings (Chart 2)."),
    (f"**Postings under a law in force disclose {gap_words} other US postings**: "
     f"{gap['share_a']:.0%} (n={coverage.covered_n:,}) vs {gap['share_b']:.0%} "
     f"(n={coverage.other_n:,}), a gap of {gap['gap'] * 100:+.1f} points (95% CI "
     f"{gap['gap_low'] * 100:+.1f} to {gap['gap_high'] * 100:+.1f})"
     + (", within noise." if gap["within_noise"] else ".")
     + " Remote postings are left out of both.")
    if min(coverage.covered_n, coverage.other_n) else
    "**No comparison of covered and uncovered postings**: one of the two groups is empty.",
    f"**{len(uncovered):,} postings show no pay although a law in force covers them** "
    + (f"({len(uncovered) / coverage.covered_n:.0%} of {coverage.covered_n:,} covered postings), "
       f"most under {coverage.by_law.index[0]} ({coverage.by_law.iloc[0]:,}); "
       f"{coverage.by_employer.index[0]} alone posted {coverage.by_employer.iloc[0]:,} of them "
       "(table below)." if len(uncovered) else
       f"of {coverage.covered_n:,} covered postings (table below)."),
    f"**{wide['too_wide']:,} of {wide['bands']:,} closed {currency} ranges "
    f"({wide['share_too_wide']:.1%}) are too wide to inform**: their maximum is more than "
    f"{pb.TOO_WIDE:g}× the minimum, a spread above {pb.TOO_WIDE_SPREAD:.0%} of the midpoint; the "
    f"median range spreads {wide['median_spread']:.0%} of its midpoint (Chart 3).",
    (f"**Disclosure stayed between {over_time.low:.0%} and {over_time.high:.0%} per {period}** in "
     f"the {len(leaders)} largest states ({', '.join(leaders)}) over {over_time.n_periods} "
     f"{period}s, reading a state's {period} only with at least {min_postings} postings"
     if over_time.n_periods > 1 else
     f"**Only one {period} is in the store, so there is no trend yet**; refresh the data to "
     "follow disclosure over time")
    + f"; {law_text}; {in_force_text} (Chart 1)."
    if len(over_time.readable) else
    f"**Too few postings per {period} to read a trend by state** (none of the largest states "
    f"reaches {min_postings} postings in a {period}) (Chart 1).",
])

# %% [markdown]
# ## Chart 1 · Disclosure over time, by state

# %%
ax = pb.disclosure_trend_chart(trend, by="state", laws=laws, min_n=min_postings)
pb.finding_title(
    ax,
    (f"Too few postings per {period} to read a trend by state" if not len(over_time.readable)
     else f"One {period} only, no trend yet: {over_time.low:.0%}–{over_time.high:.0%} of postings "
     f"in the {len(leaders)} largest states state pay" if over_time.n_periods < 2 else
     f"{period.capitalize()} by {period}, {over_time.low:.0%}–{over_time.high:.0%} of postings in "
     f"the {len(leaders)} largest states stated pay"),
    subtitle=(f"Share of postings stating a pay range, by state and {period}"
              + (" posted (each posting once, as last listed)" if period != "snapshot" else
                 " (each snapshot counts the postings it lists)")
              + f" · {window} · n = {over_time.postings:,} postings · grey: other states · "
              + (f"not drawn: {over_time.thin} of {over_time.cells} state-{period}s of the "
                 f"{len(leaders)} largest states, under {min_postings} postings · "
                 if over_time.thin else "") + law_text),
)
pb.publish_chart(
    ax, data=trend.dropna(subset=["state"]), name="06_disclosure_trend",
    out_dir=figures_dir or None, source=source_line,
    alt=(f"Line chart of the share of postings stating pay per {period}, for the "
         f"{len(leaders)} largest states ({', '.join(leaders)}), other states in grey; "
         f"{period}s with fewer than {min_postings} postings are left out."),
)

# %% [markdown]
# ## Chart 2 · Which states disclose, this snapshot

# %%
ax = pb.share_chart(rates, y="label", share="share_with_pay", n="postings", min_n=min_postings)
pb.finding_title(
    ax,
    (f"{ranked.iloc[-1]['state']} discloses most ({ranked.iloc[-1]['share_with_pay']:.0%}), "
     f"{ranked.iloc[0]['state']} least ({ranked.iloc[0]['share_with_pay']:.0%}) among states "
     f"with {min_postings}+ postings" if len(ranked) > 1 else
     f"Only {ranked.iloc[0]['state']} has {min_postings}+ postings; "
     f"{ranked.iloc[0]['share_with_pay']:.0%} of them state pay" if len(ranked) else
     f"No state has {min_postings} or more postings"),
    subtitle=(f"Share of postings stating a pay range, by state, with its pay-transparency law "
              f"in force on {judged_on:%Y-%m-%d} · snapshot {facts['snapshot']} · "
              f"n = postings; grey: fewer than {min_postings} · "
              f"{facts['postings'] - rates['postings'].sum():,} postings without a state "
              f"(remote or unknown) left out"),
)
ax.set_xlabel("Share of postings with a pay range")
pb.publish_chart(
    ax, data=rates, name="06_disclosure_by_state", out_dir=figures_dir or None,
    source=source_line,
    alt="Bar chart of the share of postings that state pay, by state, ranked, with law status.",
)

# %% [markdown]
# ## Chart 3 · How wide posted ranges are

# %%
ax = pb.range_width_chart(widths)
pb.finding_title(
    ax,
    f"Half of posted ranges spread {wide['median_spread']:.0%} of their midpoint or less; "
    f"{wide['share_too_wide']:.1%} are too wide to inform",
    subtitle=(f"Range spread = (max − min) / midpoint of each closed {currency} band, annual "
              f"base salary as posted · too wide: max more than {pb.TOO_WIDE:g}× min "
              f"(spread > {pb.TOO_WIDE_SPREAD:.0%}) · snapshot {facts['snapshot']} · "
              f"n = {wide['bands']:,} bands"),
)
pb.publish_chart(
    ax, data=widths[["posting_id", "band", "employer", "annual_min", "annual_max", "width_ratio",
                     "spread", "too_wide"]],
    name="06_range_spread", out_dir=figures_dir or None, source=source_line,
    alt=(f"Histogram of range spread of posted pay bands, with the too-wide threshold at "
         f"{pb.TOO_WIDE_SPREAD:.0%} and {wide['too_wide']:,} bands beyond it."),
)

# %% [markdown]
# ## Postings without pay that a law covers
#
# The 20 from the employers with the most such postings, newest first. The employer's size is
# unknown: each law's threshold (employees) is shown, and a small employer may be exempt.

# %%
pb.report_table(pb.uncovered_table(uncovered, top=20))

# %%
pb.caveats([
    "Employer size is unknown: a posting counts as covered assuming its employer meets the "
    "law's size threshold, so some \"uncovered\" postings may be exempt.",
    "Remote postings are not assigned to a jurisdiction, though several laws reach remote roles; "
    "they are left out of the law comparison and the uncovered count.",
    f"Posted is not paid: a range states what an employer advertises. The laws table "
    f"({len(laws):,} US laws) is as understood when written; check each against its source.",
])

# %%
pb.method_box([
    "A posting states pay when any of its bands has a readable amount; postings are counted, "
    "not bands.",
    f"Trend by {period}: months when posting dates span 92 days or more, weeks from 21 days, "
    "otherwise snapshots. By month or week each posting counts once, as its latest snapshot "
    f"lists it; postings without a posted date are left out. A state's {period} with fewer than "
    f"{min_postings} postings is not drawn and its line breaks there.",
    "Law coverage: state laws by the posting's state, city laws by its city (New York City "
    "boroughs, Cleveland); a law applies to postings posted on or after its effective date; "
    f"undated postings are judged on {judged_on:%Y-%m-%d}.",
    "Covered vs other US postings: difference of shares with Newcombe's hybrid score 95% "
    "interval; a gap whose interval holds 0 is reported as within noise.",
    f"Range spread = (max − min) / ((max + min) / 2). Too wide: max / min > {pb.TOO_WIDE:g}, "
    f"the same as spread > {pb.TOO_WIDE_SPREAD:.3f} (wider than the widest salary-structure "
    "grades). Closed bands in the report currency only.",
], manifest=manifest)
