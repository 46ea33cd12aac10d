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
# Where one posting's pay band sits among its peers (same role family and level, nearest place
# with enough of them); the seed posting unless a posting_id or a posting as text is given.

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

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
snapshot = manifest.get("snapshot", "unknown")
result, peers = pb.benchmark_for(bands, posting_id=posting_id, title=title, location=location,
                                 pay_text=pay_text, currency=currency)
bench = result.iloc[0]
facts = pb.benchmark_facts(result, peers=peers, currency=currency)
who, n_peers, n_employers = facts.who, facts.n_peers, facts.n_employers
band_text = pb.money_range(bench["annual_min"], bench["annual_max"])
gap_pct_text = f"{facts.gap_pct:.0%} {facts.direction}"
gap_text = f"{pb.money(facts.gap)} ({facts.gap_pct:.0%}) {facts.direction}"
median_mid = pb.money(bench["peer_annual_mid_median"])
interval = pb.money_range(bench["peer_annual_mid_median_low"], bench["peer_annual_mid_median_high"])
source_line = (f"Source: paybands snapshot {snapshot}; postings as published by employers and job "
               f"boards; peers = closed {currency} ranges, one band per posting.")

# %%
pb.report_header(
    title=(f"{who} posts in line with its {n_peers:,} peers' median" if facts.within_noise else
           f"{who} posts {gap_pct_text} the median of its {n_peers:,} peers" if facts.placed else
           f"{who} cannot be benchmarked: {facts.reason}"),
    scope=(f"One posting{' given as text' if facts.given_as == 'text' else ''} ({who}, "
           f"{facts.place}) against {n_peers:,} peer postings: {facts.peer_group}. Annual base "
           f"salary, as posted, {currency}." if facts.status != "not found" else
           f"{who} looked up among the {bands['posting_id'].nunique():,} "
           f"postings of snapshot {snapshot}."),
    manifest=manifest,
    bands=bands,
)

# %%
if facts.placed:
    findings = [
        f"**{who} posts {band_text}**: its midpoint {pb.money(bench['annual_mid'])} is at the "
        f"{pb.ordinal(bench['pct_mid'])} percentile of {n_peers:,} peer postings from "
        f"{n_employers:,} employers (Chart 1).",
        f"**Minimum, midpoint and maximum rank at the {pb.ordinal(bench['pct_min'])}, "
        f"{pb.ordinal(bench['pct_mid'])} and {pb.ordinal(bench['pct_max'])} percentiles** of the "
        f"peers' minimums, midpoints and maximums; the typical peer band runs "
        f"{pb.money_range(bench['peer_annual_min_median'], bench['peer_annual_max_median'])} "
        f"(median minimum to median maximum; table below).",
        (f"**The gap to the peer median is within noise**: {gap_text} a median midpoint of "
         f"{median_mid} whose 95% interval is {interval} (n={n_peers:,})." if facts.within_noise
         else f"**{gap_text} the peer median midpoint** of {median_mid}, outside its 95% "
         f"interval {interval} (n={n_peers:,}; Chart 1)."),
        f"**Peers are {facts.peer_group}**: the narrowest of metro, state and nation holding at "
        f"least 10 peer postings; {n_peers:,} postings from {n_employers:,} employers, the "
        f"largest ({facts.top_employer}) posting {facts.top_employer_postings:,} of them.",
    ]
elif facts.status == "not found":
    findings = [f"**{who} is not in snapshot {snapshot}**, so nothing is benchmarked; give a "
                "posting_id from the bands table, or title, location and pay_text."]
else:
    findings = [
        f"**{who} cannot be benchmarked: {facts.reason}**"
        + (f" (its band: {band_text}). " if facts.has_band else ". ")
        + (f"Its peer group, {facts.peer_group}, holds {n_peers:,} postings from "
           f"{n_employers:,} employers" if n_peers else f"No other posting in its peer group "
           f"({facts.peer_group}) states a closed {currency} range")
        + f"; a percentile needs a closed {currency} range and at least {pb.SMALL_N} peer "
        f"postings from 3 employers.",
        f"**Its peers post a median midpoint of {median_mid}** "
        f"(p25–p75 {pb.money_range(bench['peer_annual_mid_p25'], bench['peer_annual_mid_p75'])}, "
        f"n={n_peers:,} postings, {n_employers:,} employers).",
    ][:1 + facts.describable]
if facts.given_as == "text" and not pay_text:
    findings.append("**The seed posting is not in this data**, so it is benchmarked "
                    "from its published title, location and pay text.")
pb.key_findings(findings)

# %% [markdown]
# ## Chart 1 · The posting among its peers

# %%
if facts.placed:
    ax = pb.benchmark_chart(peers, result, label=facts.employer or "This posting")
    pb.finding_title(
        ax,
        f"{band_text} sits at the {pb.ordinal(bench['pct_mid'])} percentile of "
        f"{n_peers:,} peers' midpoints, "
        + ("within noise of their median" if facts.within_noise else
           f"{gap_pct_text} their median"),
        subtitle=(f"Annual base salary, as posted, {currency} · peers: {facts.peer_group} · "
                  f"n = {n_peers:,} postings, {n_employers:,} employers · snapshot {snapshot}"),
    )
(
    pb.publish_chart(
        ax, data=peers[["posting_id", "employer", "title", "metro", "level", "annual_min",
                        "annual_mid", "annual_max"]],
        name="05_benchmark", out_dir=figures_dir or None, source=source_line,
        alt=(f"Strip of {n_peers} peer pay bands sorted by midpoint, with {who}'s band "
             f"{band_text} drawn over them at the {pb.ordinal(bench['pct_mid'])} percentile."),
    )
    if facts.placed else
    pb.report_table(result.assign(**{"Chart not drawn": f"{who} cannot be benchmarked "
                                                        f"({facts.reason})."})[["Chart not drawn"]])
)

# %% [markdown]
# ## The posting against its peers
#
# The posting's minimum, midpoint and maximum beside the same measure across its peers.

# %%
pb.report_table(
    pb.peer_comparison_table(result),
    money_columns=("This posting", "Peers p25", "Peers median", "Peers p75"),
    n_column="n peers",
)

# %% [markdown]
# ## The peers
#
# Every peer posting, highest midpoint first.

# %%
pb.report_table(pb.peer_list_table(peers, top=40), money_columns=("Minimum", "Midpoint", "Maximum"))

# %%
pb.caveats([
    "Posted is not paid: these are advertised base-salary ranges; bonus, equity and benefits "
    "named in the posting are not in the figures.",
    (f"The title states no level, so peers span every level ({facts.level_mix}); part of a gap "
     f"can be seniority, not pay." if not facts.level_stated and n_peers else
     "Levels are read from titles; a misread level puts the posting among the wrong peers."),
    (f"One employer ({facts.top_employer}) posts {facts.top_employer_postings:,} of the "
     f"{n_peers:,} peers; the percentile partly reflects its ranges." if facts.placed else
     "No percentile is reported, so the peers listed are context, not a placement."
     if n_peers else "Without peers there is no distribution to read."),
])

# %%
pb.method_box([
    "Peers: other postings with a closed range (minimum and maximum) in the report currency, the "
    "same role family, the same level when the posting's title states one, in the posting's "
    "metro; widened to its state, then the nation, while fewer than 10 peers remain. A posting "
    "with several bands counts once, by its first band.",
    "Percentile of the posting's minimum, midpoint and maximum among the peers' minimums, "
    "midpoints and maximums: the share of peers below plus half of those tied (scipy's "
    f"percentileofscore, kind \"mean\"); reported only with at least {pb.SMALL_N} peers from 3 "
    "employers.",
    "Interval of the peer median midpoint: 95% bootstrap percentile interval, 1,000 resamples, "
    "seed 0; a posting inside it is reported as within noise.",
    "Default posting: Meta's \"Research Scientist, Machine Learning (PhD)\", Sunnyvale, CA, "
    "\"$117,000/year to $173,000/year + bonus + equity + benefits\" (careers/meta/"
    "1107338720995841.html), benchmarked from that text when the data does not hold it.",
], manifest=manifest)
