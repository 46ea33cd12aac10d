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
import pandas as pd

import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
store = pb.load_store(data or None)
laws = pb.load_laws()
facts = pb.headline_figures(bands)
snapshot_date = pd.to_datetime(facts["snapshot"], format="%Y-%m-%d", errors="coerce")
# Undated postings are judged on the snapshot's date (today when the label is not a date).
judged_on = pd.Timestamp.today().normalize() if pd.isna(snapshot_date) else snapshot_date

# Chart 1: disclosure over time, each posting once as its latest snapshot lists it.
trend = pb.disclosure_trend(store, by="state")
period = str(trend["period"].iloc[0]) if len(trend) else "snapshot"
window_start, window_end = pb.trend_window(trend)
state_sizes = trend.dropna(subset=["state"]).groupby("state")["postings"].sum()
leaders = list(state_sizes.sort_values(ascending=False, kind="stable").index[:5])
readable = trend.loc[trend["state"].isin(leaders) & (trend["postings"] >= min_postings)]
trend_n = int(trend["postings"].sum()) if period != "snapshot" else facts["postings"]
marked_laws = (pb.laws_in_window(laws, start=window_start, end=window_end, states=leaders)
               if pd.notna(window_start) else laws.iloc[0:0])
prior_laws = (pb.laws_in_force(laws, on=window_start, states=leaders)
              if pd.notna(window_start) else laws.iloc[0:0])
no_law_leaders = [s for s in leaders if s not in set(prior_laws["state"])]
n_periods = int(trend["period_start"].nunique())
window_text = (
    "no dated postings" if pd.isna(window_start) else
    f"{window_start.day} {window_start:%b %Y}" if window_start == window_end else
    f"{window_start.day} {window_start:%b %Y}–{window_end.day} {window_end:%b %Y}"
)
counting = ("each snapshot counts the postings it lists" if period == "snapshot" else
            "each posting counted once, as its latest snapshot lists it")
prior_names = (prior_laws["label"].str.split(" law eff. ").str[0] + " "
               + prior_laws["effective_date"].dt.year.astype(str))
law_text = (
    f"dashed: {len(marked_laws)} law(s) taking effect in the window"
    if len(marked_laws) else
    "no pay-transparency law took effect in the window; in force throughout: "
    + (", ".join(prior_names) if len(prior_laws) else "none")
    + (f"; no state law in {', '.join(no_law_leaders)}" if no_law_leaders else "")
)

# Chart 2: the current snapshot, ranked by state, labelled with each state's law status.
rates = pb.disclosure_rates(bands, by="state")
no_state = int(rates.loc[rates["state"].isna(), "postings"].sum())
rates = rates.dropna(subset=["state"]).reset_index(drop=True)
rates["law"] = pb.state_law_status(rates["state"], on=judged_on, laws=laws)
rates["label"] = rates["state"] + " (" + rates["law"] + ")"
ranked = rates.loc[rates["postings"] >= min_postings].sort_values("share_with_pay")

# Laws: postings a law in force covers, with and without pay, against other US postings.
covered = pb.covered_postings(bands, laws=laws, on=judged_on)
uncovered = pb.uncovered_postings(bands, laws=laws, on=judged_on)
us_local = bands.loc[bands["country"].eq("US") & ~bands["is_remote"].fillna(False)]
us_local = us_local.assign(under_law=us_local["posting_id"].isin(covered["posting_id"]))
law_rates = pb.disclosure_rates(us_local, by="under_law").set_index("under_law")
law_rates = law_rates.reindex([True, False]).fillna(0)
gap = pb.share_gap(int(law_rates.loc[True, "postings_with_pay"]),
                   int(law_rates.loc[True, "postings"]),
                   int(law_rates.loc[False, "postings_with_pay"]),
                   int(law_rates.loc[False, "postings"]))
by_law = uncovered["jurisdiction"].value_counts()
by_employer = uncovered["employer"].value_counts()

# Chart 3: range spread of closed bands in `currency`.
widths = pb.range_width(bands, per_band=True, currency=currency)
n_wide = int(widths["too_wide"].sum())
share_wide = n_wide / len(widths) if len(widths) else float("nan")
median_spread = widths["spread"].median()
source_line = (f"Source: paybands snapshot {facts['snapshot']}; pay-transparency laws as listed "
               f"in analysis/data/pay_transparency_laws.csv; n = postings unless stated.")

# %%
pb.report_header(
    title=(f"{facts['share_with_pay']:.0%} of postings state pay; {len(uncovered):,} that a "
           f"pay-transparency law covers show none"),
    scope=(f"All {facts['postings']:,} postings in snapshot {facts['snapshot']}, by state; "
           f"trend over {len(store['snapshot'].unique()):,} snapshot(s), {window_text}; "
           f"pay ranges as {currency} annual base salary, as posted."),
    manifest=manifest,
    bands=bands,
)

# %%
pb.key_findings([
    f"**{facts['share_with_pay']:.0%} of {facts['postings']:,} postings state a pay range** "
    f"({facts['postings_with_pay']:,}); among the {len(ranked):,} states with at least "
    f"{min_postings} postings the rate runs from "
    + (f"{ranked.iloc[0]['share_with_pay']:.0%} ({ranked.iloc[0]['state']}, "
       f"n={ranked.iloc[0]['postings']:,}) to {ranked.iloc[-1]['share_with_pay']:.0%} "
       f"({ranked.iloc[-1]['state']}, n={ranked.iloc[-1]['postings']:,}) (Chart 2)."
       if len(ranked) else "– no state has that many (Chart 2)."),
    ("**Postings under a law in force disclose "
     + ("at about the same rate as other US postings**" if gap["within_noise"] else
        ("more often than other US postings**" if gap["gap"] > 0 else
         "less often than other US postings**"))
     + f": {gap['share_a']:.0%} (n={int(law_rates.loc[True, 'postings']):,}) vs "
     f"{gap['share_b']:.0%} (n={int(law_rates.loc[False, 'postings']):,}), a gap of "
     f"{gap['gap'] * 100:+.1f} points (95% CI {gap['gap_low'] * 100:+.1f} to "
     f"{gap['gap_high'] * 100:+.1f})"
     + (", within noise." if gap["within_noise"] else ".")
     + " Remote postings are left out of both." )
    if law_rates["postings"].min() > 0 else
    "**No comparison of covered and uncovered postings**: one of the two groups is empty.",
    f"**{len(uncovered):,} postings show no pay although a law in force covers them** "
    + (f"({len(uncovered) / len(covered):.0%} of {len(covered):,} covered postings), most under "
       f"{by_law.index[0]} ({by_law.iloc[0]:,}); {by_employer.index[0]} alone posted "
       f"{by_employer.iloc[0]:,} of them (table below)."
       if len(uncovered) else f"of {len(covered):,} covered postings (table below)."),
    f"**{n_wide:,} of {len(widths):,} closed {currency} ranges ({share_wide:.1%}) are too wide to "
    f"inform**: their maximum is more than {pb.TOO_WIDE:g}× the minimum, a spread above "
    f"{pb.TOO_WIDE_SPREAD:.0%} of the midpoint; the median range spreads {median_spread:.0%} of "
    f"its midpoint (Chart 3).",
    (f"**Disclosure stayed between {readable['share_with_pay'].min():.0%} and "
     f"{readable['share_with_pay'].max():.0%} per {period}** in the {len(leaders)} largest states "
     f"({', '.join(leaders)}) over {n_periods} {period}s, reading a state's {period} only "
     f"with at least {min_postings} postings; {law_text} (Chart 1).")
    if len(readable) and n_periods > 1 else
    (f"**Only one {period} is in the store, so there is no trend yet**; refresh the data to "
     f"follow disclosure over time; {law_text} (Chart 1).")
    if len(readable) else
    f"**Too few postings per {period} to read a trend by state** (none of the largest states "
    f"reaches {min_postings} postings in a {period}) (Chart 1).",
])

# %% [markdown]
# ## Chart 1 · Disclosure over time, by state

# %%
ax = pb.disclosure_trend_chart(trend, by="state", laws=laws, min_n=min_postings)
pb.finding_title(
    ax,
    (f"Too few postings per {period} to read a trend by state" if not len(readable) else
     f"One {period} only, no trend yet: {readable['share_with_pay'].min():.0%}–"
     f"{readable['share_with_pay'].max():.0%} of postings in the {len(leaders)} largest states "
     f"state pay" if n_periods < 2 else
     f"{period.capitalize()} by {period}, {readable['share_with_pay'].min():.0%}–"
     f"{readable['share_with_pay'].max():.0%} of postings in the {len(leaders)} largest states "
     f"stated pay"),
    subtitle=("Share of postings stating a pay range, by state and "
              + (f"{period} posted" if period != "snapshot" else "snapshot")
              + f" · {counting} · {window_text} · n = {trend_n:,} postings · grey: other "
              f"states · {law_text}"),
)
pb.publish_chart(
    ax, data=trend.dropna(subset=["state"]), name="06_disclosure_trend",
    out_dir=figures_dir or None, source=source_line,
    alt=(f"Line chart of the share of postings stating pay per {period}, for the "
         f"{len(leaders)} largest states ({', '.join(leaders)}), other states in grey."),
)

# %% [markdown]
# ## Chart 2 · Which states disclose, this snapshot

# %%
ax = pb.share_chart(rates, y="label", share="share_with_pay", n="postings", min_n=min_postings)
pb.finding_title(
    ax,
    (f"{ranked.iloc[-1]['state']} discloses most ({ranked.iloc[-1]['share_with_pay']:.0%}), "
     f"{ranked.iloc[0]['state']} least ({ranked.iloc[0]['share_with_pay']:.0%}) among states "
     f"with {min_postings}+ postings"
     if len(ranked) else f"No state has {min_postings} or more postings"),
    subtitle=(f"Share of postings stating a pay range, by state, with its pay-transparency law "
              f"in force on {judged_on:%Y-%m-%d} · snapshot {facts['snapshot']} · "
              f"n = postings; grey: fewer than {min_postings} · {no_state:,} postings without a "
              f"state (remote or unknown) left out"),
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
    f"Half of posted ranges spread {median_spread:.0%} of their midpoint or less; "
    f"{share_wide:.1%} are too wide to inform",
    subtitle=(f"Range spread = (max − min) / midpoint of each closed {currency} band, annual "
              f"base salary as posted · too wide: max more than {pb.TOO_WIDE:g}× min "
              f"(spread > {pb.TOO_WIDE_SPREAD:.0%}) · snapshot {facts['snapshot']} · "
              f"n = {len(widths):,} bands"),
)
pb.publish_chart(
    ax, data=widths[["posting_id", "band", "employer", "annual_min", "annual_max", "width_ratio",
                     "spread", "too_wide"]],
    name="06_range_spread", out_dir=figures_dir or None, source=source_line,
    alt=(f"Histogram of range spread of posted pay bands, with the too-wide threshold at "
         f"{pb.TOO_WIDE_SPREAD:.0%} and {n_wide:,} bands beyond it."),
)

# %% [markdown]
# ## Postings without pay that a law covers
#
# The 20 from the employers with the most such postings, newest first. The employer's size is
# unknown: each law's threshold (employees) is shown, and a small employer may be exempt.

# %%
pb.report_table(
    uncovered.assign(
        employer_postings=uncovered.groupby("employer")["posting_id"].transform("size"),
        location=uncovered["city"].fillna("").str.cat(uncovered["state"], sep=", ")
        .str.lstrip(", "),
        law=uncovered["jurisdiction"] + " (" + uncovered["effective_date"].dt.year.astype(str)
        + "; " + uncovered["employer_size_threshold"].astype(str) + "+ employees)",
        posted=uncovered["posted_date"].dt.strftime("%d %b"),
    )
    .sort_values(["employer_postings", "employer", "posted_date"], ascending=[False, True, False])
    .head(20)[["employer", "title", "location", "law", "posted"]]
    .rename(columns={"employer": "Employer", "title": "Title", "location": "Location",
                     "law": "Law (year; applies from)", "posted": "Posted"}),
)

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
    f"lists it; postings without a posted date are left out. Periods with fewer than "
    f"{min_postings} postings are drawn hollow and not joined.",
    "Law coverage: state laws by the posting's state, city laws by its city (New York City "
    "boroughs, Cleveland); a law applies to postings posted on or after its effective date; "
    f"undated postings are judged on {judged_on:%Y-%m-%d}.",
    "Covered vs other US postings: difference of shares with Newcombe's hybrid score 95% "
    "interval; a gap whose interval holds 0 is reported as within noise.",
    f"Range spread = (max − min) / ((max + min) / 2). Too wide: max / min > {pb.TOO_WIDE:g}, "
    f"the same as spread > {pb.TOO_WIDE_SPREAD:.3f} (wider than the widest salary-structure "
    "grades). Closed bands in the report currency only.",
], manifest=manifest)
