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
result, peers = pb.benchmark_for(bands, posting_id=posting_id, title=title, location=location,
                                 pay_text=pay_text, currency=currency)
bench = result.iloc[0]
status = bench["status"]
ok = status == "ok"
snapshot = manifest.get("snapshot", "unknown")
n_peers = int(bench["n_peers"])
n_employers = int(bench["n_peer_employers"])
name = bench["title"] or title or str(bench["posting_id"] or "the posting")
employer = bench["employer"]
who = f"{name} at {employer}" if employer else name
family = bench["role_family"] or "unclassified role"
level_text = f"{bench['level']} level" if bench["level"] else "any level"
scope_text = {
    "metro": f"{bench['metro']} metro",
    "state": f"state of {bench['state']}",
    "nation": "nationwide",
}[bench["peer_scope"]]
peer_text = f"{family} postings, {level_text}, {scope_text}"
band_text = pb.money_range(bench["annual_min"], bench["annual_max"])
gap, gap_pct = bench["gap_to_median"], bench["gap_to_median_pct"]
direction = "below" if gap < 0 else "above"
interval = pb.money_range(bench["peer_annual_mid_median_low"], bench["peer_annual_mid_median_high"])
top_employers = peers["employer"].value_counts()
levels = peers["level"].astype(object).fillna("not stated").value_counts()
level_mix = ", ".join(f"{level} {count:,}" for level, count in levels.items())
source_line = (f"Source: paybands snapshot {snapshot}; postings as published by employers and job "
               f"boards; peers = closed {currency} ranges, one band per posting.")

# %%
if ok and bench["gap_within_noise"]:
    headline = f"{who} posts in line with its {n_peers:,} peers' median"
elif ok:
    headline = (f"{who} posts {abs(gap_pct):.0%} {direction} the median of its {n_peers:,} "
                f"peers")
elif status == "not found":
    headline = f"Posting {bench['posting_id']} is not in snapshot {snapshot}: no benchmark"
else:
    headline = f"{who} cannot be benchmarked: {status}"
given = " given as text" if bench["given_as"] == "text" else ""
pb.report_header(
    title=headline,
    scope=(f"One posting{given} ({who}, {bench['metro'] or bench['state'] or 'location unknown'}) "
           f"against {n_peers:,} peer postings: {peer_text}. Annual base salary, as posted, "
           f"{currency}." if status != "not found" else
           f"Posting {bench['posting_id']} looked up among the {bands['posting_id'].nunique():,} "
           f"postings of snapshot {snapshot}."),
    manifest=manifest,
    bands=bands,
)

# %%
if ok:
    findings = [
        f"**{who} posts {band_text}**: its midpoint {pb.money(bench['annual_mid'])} is at the "
        f"{pb.ordinal(bench['pct_mid'])} percentile of {n_peers:,} peer postings from "
        f"{n_employers:,} employers (Chart 1).",
        f"**Minimum, midpoint and maximum rank at the {pb.ordinal(bench['pct_min'])}, "
        f"{pb.ordinal(bench['pct_mid'])} and {pb.ordinal(bench['pct_max'])} percentiles** of the "
        f"peers' minimums, midpoints and maximums; the typical peer band runs "
        f"{pb.money_range(bench['peer_annual_min_median'], bench['peer_annual_max_median'])} "
        f"(median minimum to median maximum; table below).",
        (f"**The gap to the peer median is within noise**: {pb.money(abs(gap))} "
         f"({abs(gap_pct):.0%}) {direction} a median midpoint of "
         f"{pb.money(bench['peer_annual_mid_median'])} whose 95% interval is {interval} "
         f"(n={n_peers:,})."
         if bench["gap_within_noise"] else
         f"**{pb.money(abs(gap))} ({abs(gap_pct):.0%}) {direction} the peer median midpoint** of "
         f"{pb.money(bench['peer_annual_mid_median'])}, outside its 95% interval "
         f"{interval} (n={n_peers:,}; Chart 1)."),
        f"**Peers are {peer_text}**: the narrowest of metro, state and nation holding at least "
        f"10 peer postings; {n_peers:,} postings from {n_employers:,} employers, the largest "
        f"({top_employers.index[0]}) posting {top_employers.iloc[0]:,} of them.",
    ]
elif status == "not found":
    findings = [
        f"**Posting {bench['posting_id']} is not in snapshot {snapshot}**, so nothing is "
        f"benchmarked; give a posting_id from the bands table, or title, location and pay_text.",
    ]
elif status == "no peers":
    findings = [
        f"**{who} has no peers in the data**: no other {peer_text} states a closed {currency} "
        f"range, so its band {band_text} cannot be placed.",
    ]
elif status == "too few peers":
    findings = [
        f"**{who} has too few peers to place**: {n_peers:,} peer postings from {n_employers:,} "
        f"employers ({peer_text}), fewer than {pb.SMALL_N} postings or 3 employers, so no "
        f"percentile is reported for its band {band_text} (peers listed below).",
    ]
else:
    unusable = (f"a currency other than {currency}" if status == "other currency"
                else "no closed range")
    findings = [
        f"**{who} states no comparable pay** ({unusable}), so it cannot be placed among "
        f"its {n_peers:,} peers ({peer_text}).",
        f"**Its peers post a median midpoint of {pb.money(bench['peer_annual_mid_median'])}** "
        f"(p25–p75 {pb.money_range(bench['peer_annual_mid_p25'], bench['peer_annual_mid_p75'])}, "
        f"n={n_peers:,} postings, {n_employers:,} employers)." if n_peers else
        f"**It has no peers either**: no other {peer_text} states a closed {currency} range.",
    ]
if bench["given_as"] == "text" and not pay_text:
    findings.append("**The seed posting is not in this data**, so it is benchmarked "
                    "from its published title, location and pay text.")
pb.key_findings(findings)

# %% [markdown]
# ## Chart 1 · The posting among its peers

# %%
if ok:
    ax = pb.benchmark_chart(peers, result, label=f"{employer or 'This posting'}")
    pb.finding_title(
        ax,
        f"{band_text} sits at the {pb.ordinal(bench['pct_mid'])} percentile of "
        f"{n_peers:,} peers' midpoints, "
        + ("within noise of their median" if bench["gap_within_noise"] else
           f"{abs(gap_pct):.0%} {direction} their median"),
        subtitle=(f"Annual base salary, as posted, {currency} · peers: {peer_text} · "
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
    if ok else
    pb.report_table(result.assign(reason=f"No chart: {findings[0].split('**')[1]}.")[
        ["reason"]].rename(columns={"reason": "Chart not drawn"}))
)

# %% [markdown]
# ## The posting against its peers
#
# The posting's minimum, midpoint and maximum beside the same measure across its peers.

# %%
table = pb.benchmark_table(result)
pb.report_table(
    table.assign(percentile=table["percentile"].map(pb.ordinal) if ok else None).rename(columns={
        "measure": "Measure", "posting": "This posting", "peer_p25": "Peers p25",
        "peer_median": "Peers median", "peer_p75": "Peers p75", "percentile": "Percentile",
        "n_peers": "n peers"}),
    money_columns=("This posting", "Peers p25", "Peers median", "Peers p75"),
    n_column="n peers",
)

# %% [markdown]
# ## The peers
#
# Every peer posting, highest midpoint first.

# %%
pb.report_table(
    peers.sort_values("annual_mid", ascending=False)[
        ["employer", "title", "metro", "level", "annual_min", "annual_mid", "annual_max"]
    ].rename(columns={"employer": "Employer", "title": "Title", "metro": "Metro",
                      "level": "Level", "annual_min": "Minimum", "annual_mid": "Midpoint",
                      "annual_max": "Maximum"}).head(40),
    money_columns=("Minimum", "Midpoint", "Maximum"),
)

# %%
pb.caveats([
    "Posted is not paid: these are advertised base-salary ranges; bonus, equity and benefits "
    "named in the posting are not in the figures.",
    (f"The title states no level, so peers span every level ({level_mix}); part of a gap can "
     f"be seniority, not pay." if not bench["level"] else
     "Levels are read from titles; a misread level puts the posting among the wrong peers."),
    (f"One employer ({top_employers.index[0]}) posts {top_employers.iloc[0]:,} of the "
     f"{n_peers:,} peers; the percentile partly reflects its ranges."
     if len(top_employers) else "Without peers there is no distribution to read."),
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
