"""Every threshold, resample count and default reference, each with the reason for its value.

Analyses, findings and charts import these instead of writing their own numbers, so a rule reads
the same everywhere it applies ("fewer than 5 employers" in a sentence, a faded bar and a hidden
table cell are one rule). Vocabularies (periods, levels, place names) live in
:mod:`analysis.normalize.vocabulary`; file locations in :mod:`analysis.paths`.
"""

# --- Defaults a report starts from -------------------------------------------------------------
# Analyses compare within one currency and never convert silently (DESIGN.md); most postings in
# the embedded sample and in US exports state USD.
DEFAULT_CURRENCY = "USD"
# The running example: the seed posting's metro (Sunnyvale, CA) is the reference = 100.
REFERENCE_METRO = "San Jose-Sunnyvale-Santa Clara, CA"
REFERENCE_LOCATION = "Sunnyvale, CA"

# --- Minimum-n rules (REPORTS.md rule 1) --------------------------------------------------------
# Below this many postings a group's percentiles are hidden or flagged: a median of four postings
# moves with any one of them.
SMALL_N = 5
# Below this many postings a figure is shown but marked low-confidence (lighter, grey).
LOW_CONFIDENCE_N = 20
# Fewer employers than this and a group is a handful of companies' pay policies, not a market:
# employers set bands, so their postings are not independent draws, and every interval here
# resamples employers (analysis.stats). With fewer than 5 employers a cluster interval rests on
# at most 3 degrees of freedom and says little; no interval is claimed and the group reads "too
# few employers". One rule for showing a number, headlining it and giving it an interval.
MIN_EMPLOYERS = 5
# One employer posting more than this share of a group's postings dominates it.
DOMINANT_SHARE = 0.5

# --- Intervals (analysis.stats) ------------------------------------------------------------------
# Two-sided level of every confidence interval a report shows.
CONFIDENCE = 0.95
# Bootstrap resamples: 2,000 keeps the Monte Carlo error of a 95% percentile interval's ends
# well below the rounding reports use (whole index points, 0.1 %), at about a second per report.
N_BOOT = 2000
# One seed for every resampling, so a report reruns to the same numbers.
SEED = 0

# --- Analyses -----------------------------------------------------------------------------------
# A benchmark widens its peer group (metro → state → nation) until it holds this many postings:
# fewer makes a percentile jump by 10 points per posting.
MIN_PEERS = 10
# When a posting's level has too few peers to place it even nationally (fewer than SMALL_N
# postings or MIN_EMPLOYERS employers), its benchmark takes in the levels this many rungs either
# side on its ladder, and says so: neighbouring grades' ranges overlap in most salary structures,
# while two rungs apart is a promotion or two of pay, a gap the benchmark would report as the
# posting's own.
BENCHMARK_LEVEL_REACH = 1
# Metros a role × metro matrix shows by default: more columns no longer fit a page.
TOP_METROS = 10
# "Too wide to inform": a band whose top is more than double its bottom (max / min > 2.0, a range
# spread (max − min) / min above 100 %). Employer salary structures typically use range spreads
# of about 20-60 % for professional grades and up to 80-100 % for executive grades (WorldatWork
# salary-structure surveys, same definition); a posted range wider than the widest structural
# grade spans several grades and does not tell a candidate where an offer will land.
TOO_WIDE = 2.0
# Hidden-level inference needs this many closed bands in a group before it clusters them, and
# this many bands in each inferred level (one band is not a level).
INFER_MIN_POSTINGS = 6
INFER_MIN_CLUSTER_SIZE = 2
# Levels the location index is read at, level by level: the rungs most postings state.
INDEX_LEVELS = ("entry", "mid", "senior", "staff")
# Geo pay zones (analysis.analyses.zones). A zone boundary finer than this many index points is
# noise: geographic pay structures step their tiers about 5-10 % apart, and practitioners warn
# that finer tiers move with a few postings and cost more to run than they track.
ZONE_MIN_STEP = 5.0
# At most this many zones: geographic structures in practice use two to six tiers; more cannot be
# administered or explained to employees.
MAX_ZONES = 6
# A metro is zoned with at least this many postings: a zone is a pay decision, so it rests on a
# number a report could headline (LOW_CONFIDENCE_N), not one it would show lighter.
ZONE_MIN_POSTINGS = LOW_CONFIDENCE_N

# --- Engines (analysis.engines) -----------------------------------------------------------------
# Seconds to wait for a Dask scheduler (and for its first worker) before saying it cannot be
# reached: a live one answers in well under a second, even across a data centre, and
# distributed's own default (30 s) reads as a hang at the command line.
SCHEDULER_TIMEOUT = 5
