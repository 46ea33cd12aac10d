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
# # Posted pay at a glance: roles, and metros against Sunnyvale
#
# What the dataset holds, what each role family posts, and how each metro's posted base pay
# compares with the San Jose-Sunnyvale-Santa Clara metro.

# %% tags=["parameters"]
# data: a snapshot folder, a store of snapshots or a bands.parquet; empty = the embedded sample
data = ""
focus_metro = "San Jose-Sunnyvale-Santa Clara, CA"
focus_role = "research scientist"
currency = "USD"
# figures_dir: where charts and their CSVs go; empty = figures/
figures_dir = ""

# %%
from html import escape

import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import analysis as pb

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
facts = pb.headline_figures(bands)
quarantined = manifest.get("counts", {}).get("quarantined", 0)
compared = pb.comparable_bands(bands, currency=currency)
left_out = int(bands["has_pay"].sum()) - len(compared)
roles = pb.band_summary(bands.dropna(subset=["role_family"]), by="role_family", currency=currency)
metros = pb.location_comparison(bands, reference=focus_metro, currency=currency)
focus_bands = bands.loc[bands["role_family"] == focus_role]
focus_metros = pb.location_comparison(focus_bands, reference=focus_metro, currency=currency)
others = metros.loc[~metros["is_reference"] & ~metros["small_n"]]
metros_shown = pb.largest_groups(metros, n=15)
focus_metros_shown = pb.largest_groups(focus_metros, n=15)
focus_others = focus_metros.loc[~focus_metros["is_reference"] & ~focus_metros["small_n"]]
top_role = roles.loc[~roles["small_n"]].sort_values("annual_mid_median").iloc[-1]
# Premium of the focus metro over the median other metro (index 100 vs that metro's index).
metro_premium = 100 / others["index"].median() - 1
focus_premium = 100 / focus_others["index"].median() - 1
focus_short = "-".join(focus_metro.split(",")[0].split("-")[:2])
source_line = (f"Source: paybands, snapshot {facts['snapshot']}; annual base salary as posted, "
               f"{currency}; n = postings.")

# %%
display(Markdown(f"""
**Snapshot {escape(facts['snapshot'])}** · {facts['postings']:,} postings from
{facts['employers']:,} employers · {facts['bands']:,} pay bands · {facts['metros']:,} metros ·
{quarantined:,} records quarantined · paybands {escape(manifest.get('paybands_version', '?'))}

## Key findings

1. **{facts['share_with_pay']:.0%} of postings state a pay range** ({facts['postings_with_pay']:,}
   of {facts['postings']:,}); {len(compared):,} bands are closed {currency} ranges and are compared
   below ({left_out:,} bands in other currencies or open-ended are left out).
2. **{top_role['role_family'].capitalize()}s post the highest midpoints**: median
   {pb.money(top_role['annual_mid_median'])} (n={top_role['n_postings']:,}), see Chart 1.
3. **{escape(focus_metro)} posts {metro_premium:.0%} above the median other metro** across all
   roles (Chart 2), before adjusting for the mix of roles and levels.
4. **For {focus_role}s it posts {focus_premium:.0%} above the median other metro** with at least
   five postings (Chart 3).
"""))

# %% [markdown]
# ## Chart 1 · Bands by role family

# %%
ax = pb.band_range_chart(roles, y="role_family", highlight=focus_role)
ax.set_title(f"{top_role['role_family'].capitalize()}s post the highest base bands", loc="left",
             fontsize=12, fontweight="bold")
ax.set_ylabel("")
pb.save_figure(ax, data=roles, name="01_role_bands", out_dir=figures_dir or None,
               source=source_line)
plt.show()

# %% [markdown]
# ## Chart 2 · The largest metros against the reference, all roles
#
# The fifteen largest metros with at least five postings each, and the reference.

# %%
ax = pb.location_index_chart(metros_shown, highlight=focus_metro)
ax.set_title(f"{focus_short} posts {metro_premium:.0%} above the median metro (all roles)",
             loc="left", fontsize=12, fontweight="bold")
pb.save_figure(ax, data=metros_shown, name="01_metro_index", out_dir=figures_dir or None,
               source=source_line)
plt.show()

# %% [markdown]
# ## Chart 3 · The focus role across metros

# %%
ax = pb.location_index_chart(focus_metros_shown, highlight=focus_metro)
ax.set_title(f"{focus_role.capitalize()}s: {focus_short} against other metros",
             loc="left", fontsize=12, fontweight="bold")
pb.save_figure(ax, data=focus_metros_shown, name="01_focus_role_metro_index",
               out_dir=figures_dir or None, source=source_line)
plt.show()

# %% [markdown]
# ## Bands by metro, focus role

# %%
table = pb.band_summary(focus_bands, by="metro", currency=currency)
shown = table.loc[~table["small_n"]].fillna({"metro": "Remote or outside a US metro"})
display(Markdown(f"{len(table) - len(shown)} metros with fewer than 5 {focus_role} postings are "
                 "not shown."))
display(
    shown.sort_values("annual_mid_median", ascending=False)
    .rename(columns={"metro": "Metro", "n_postings": "Postings", "n_employers": "Employers",
                     "annual_min_median": "Median min", "annual_mid_median": "Median mid",
                     "annual_max_median": "Median max", "spread_median": "Median spread"})
    [["Metro", "Postings", "Employers", "Median min", "Median mid", "Median max",
      "Median spread"]]
    .style.format({"Median min": pb.money, "Median mid": pb.money, "Median max": pb.money,
                   "Median spread": "{:.0%}"})
    .hide(axis="index")
)

# %% [markdown]
# ## Where the data comes from

# %%
display(
    pb.coverage_by(bands, by="source")
    .rename(columns={"source": "Source", "postings": "Postings", "bands": "Bands",
                     "postings_with_pay": "Postings with pay", "share_with_pay": "Share with pay"})
    .style.format({"Share with pay": "{:.0%}"})
    .hide(axis="index")
)

# %%
display(HTML(f"""
<details class="method"><summary>Method and caveats</summary>
<ul>
<li>Posted pay is not paid pay: these are the ranges employers advertise.</li>
<li>Metro comparisons here are raw medians of band midpoints; metros post different mixes of
roles and levels, so part of a gap is composition.</li>
<li>Titles are mapped to role families and levels by keyword rules; mapping errors are possible.</li>
<li>Annualization: hour × 2080, day × 260, week × 52, month × 12. Intervals: 95% bootstrap
percentile intervals of the median ratio (2,000 resamples). Groups under 5 postings are flagged.</li>
<li>Data: {escape(str(manifest.get('snapshot', '')))}, {len(manifest.get('inputs', [])):,} input
files.</li>
</ul></details>
"""))
