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
# none, and how many posted bands are too wide to tell a candidate anything.

# %% tags=["parameters"]
data = ""
currency = "USD"
figures_dir = ""
min_postings = 20

# %%
import analysis as pb
from analysis.analyses.coverage import headline_figures
from analysis.analyses.laws import disclosure_by_state, judgement_date, law_coverage, load_laws
from analysis.analyses.trends import disclosure_trend, trend_summary
from analysis.analyses.widths import width_summary
from analysis.findings.transparency import (
    SPREAD_CHART,
    SPREAD_COLUMNS,
    STATES_CHART,
    TREND_CHART,
    transparency_text,
    uncovered_table,
)
from analysis.plot.disclosure import disclosure_trend_chart
from analysis.plot.shares import share_chart
from analysis.plot.widths import range_width_chart
from analysis.publish.figures import publish_chart
from analysis.publish.narrative import (
    caveats,
    key_findings,
    method_box,
    report_header,
    report_table,
)

bands = pb.load_bands(data or None)
manifest = pb.load_manifest(data or None)
store = pb.load_store(data or None)
laws = load_laws()
facts = headline_figures(bands)
judged_on = judgement_date(facts["snapshot"])
trend = disclosure_trend(store, by="state")
rates = disclosure_by_state(bands, on=judged_on, laws=laws)
coverage = law_coverage(bands, on=judged_on, laws=laws)
widths = pb.range_width(bands, per_band=True, currency=currency)
text = transparency_text(
    facts=facts, snapshots=store["snapshot"].nunique(), rates=rates, coverage=coverage,
    wide=width_summary(widths), laws=laws, judged_on=judged_on,
    over_time=trend_summary(trend, laws=laws, by="state", min_n=min_postings),
    currency=currency, min_postings=min_postings,
)

# %%
report_header(text, manifest=manifest, bands=bands)

# %%
key_findings(text.findings)

# %% [markdown]
# ## Chart 1 · Disclosure over time, by state

# %%
ax = disclosure_trend_chart(trend, by="state", laws=laws, min_n=min_postings)
publish_chart(ax, data=trend.dropna(subset=["state"]), name=TREND_CHART,
              caption=text.captions[TREND_CHART], out_dir=figures_dir or None)

# %% [markdown]
# ## Chart 2 · Which states disclose, this snapshot

# %%
ax = share_chart(rates, y="label", share="share_with_pay", n="postings", min_n=min_postings)
publish_chart(ax, data=rates, name=STATES_CHART, caption=text.captions[STATES_CHART],
              out_dir=figures_dir or None)

# %% [markdown]
# ## Chart 3 · How wide posted ranges are
#
# Range spread = (max − min) / min of each closed band, as in every report: a 100k–150k band
# spreads 50%; bands counted, not postings.

# %%
ax = range_width_chart(widths)
publish_chart(ax, data=widths[SPREAD_COLUMNS], name=SPREAD_CHART,
              caption=text.captions[SPREAD_CHART], out_dir=figures_dir or None)

# %% [markdown]
# ## Postings without pay that a law covers
#
# The 20 from the employers with the most such postings, newest first. The employer's size is
# unknown: each law's threshold (employees) is shown, and a small employer may be exempt.

# %%
report_table(uncovered_table(coverage.uncovered, top=20))

# %%
caveats(text.caveats)

# %%
method_box(text.method, manifest=manifest)
