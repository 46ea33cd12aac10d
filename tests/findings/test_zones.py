"""The words about geo pay zones: read from the zones frame, right for many, one and no zones."""

import re

import numpy as np
import pandas as pd
import pytest
from factories import planted_employer_market

from analysis.analyses.zones import ZONE_COLUMNS, pay_zones
from analysis.config import REFERENCE_METRO
from analysis.findings import ReportText
from analysis.findings.zones import ZONES_CHART, zones_listing, zones_text

SJ = REFERENCE_METRO
NA = pd.NA
# metro, index, low, high, zone, postings, employers, zoned, reason, is_reference
FOUR_ZONES = [
    ("San Francisco-Oakland-Fremont, CA", 101.0, 99.0, 103.0, 1, 300, 10, True, NA, False),
    (SJ, 100.0, np.nan, np.nan, 1, 300, 10, True, NA, True),
    ("Seattle-Tacoma-Bellevue, WA", 91.0, 90.0, 92.0, 2, 300, 10, True, NA, False),
    ("New York-Newark-Jersey City, NY-NJ", 90.0, 89.0, 91.0, 2, 300, 10, True, NA, False),
    ("Boston-Cambridge-Newton, MA-NH", 81.0, 80.0, 82.0, 3, 300, 10, True, NA, False),
    ("Austin-Round Rock-San Marcos, TX", 70.0, 69.0, 71.0, 4, 250, 10, True, NA, False),
    ("Chicago-Naperville-Elgin, IL-IN", 72.0, 71.0, 73.0, 4, 250, 10, True, NA, False),
    ("Boise City, ID", 95.0, np.nan, np.nan, NA, 2, 2, False,
     "fewer than 20 postings; fewer than 5 employers", False),
]


def frame(rows, **attrs) -> pd.DataFrame:
    zones = pd.DataFrame(rows, columns=ZONE_COLUMNS).astype({"zone": "Int64"})
    zones.attrs.update(attrs)
    return zones


def text_of(zones, reference=SJ) -> ReportText:
    return zones_text(zones, reference=reference, currency="USD", snapshot="2026-11-01")


def test_four_zones_are_counted_separated_and_bounded():
    text = text_of(frame(FOUR_ZONES))
    assert text.title == ("7 metros fall into 4 pay zones, from 101 down to 70 against San Jose "
                          "(= 100)")
    assert 3 <= len(text.findings) <= 5
    zones, top, bottom, unzoned = text.findings
    assert zones.value == 4 and "**4 pay zones separate 7 metros**" in zones.sentence
    assert "more than 5 points below" in zones.text and "(zone tops 101, 91, 81, 72)" in zones.text
    assert "San Jose (= 100) is in zone 1" in zones.text
    assert top.lead == ("Zone 1 posts the most for the same role and level: San Francisco and "
                        "San Jose, index 100–101")
    assert top.n == 600 and top.value == pytest.approx(100.5)
    # zone 4's median 71 against zone 1's 100.5: 29% below
    assert bottom.lead == "Zone 4, the lowest: Chicago and Austin, index 70–72"
    assert "about 29% below zone 1" in bottom.text and bottom.n == 500
    assert unzoned.lead == "1 metro is listed unzoned"
    assert "Boise City (fewer than 20 postings; fewer than 5 employers)" in unzoned.text
    assert unzoned.confidence == "too few"


def test_the_caption_and_scope_count_every_metro_and_posting():
    text = text_of(frame(FOUR_ZONES))
    assert set(text.captions) == {ZONES_CHART}
    caption = text.captions[ZONES_CHART]
    assert caption.title == text.title
    assert "n = 2,002 postings in 8 metros" in caption.subtitle
    assert "adjusted for role and level" in caption.subtitle
    assert "coloured by 4 pay zones; 1 unzoned metro in grey" in caption.alt
    assert text.scope.startswith("8 metros with comparable USD pay")
    assert len(text.caveats) <= 3 and len(text.method) == 4
    assert text.notes == {}


def test_a_reference_outside_zone_one_is_placed():
    rows = [(m, i, lo, hi, z, p, e, zd, r, False) for m, i, lo, hi, z, p, e, zd, r, _
            in FOUR_ZONES]
    rows[2] = rows[2][:-1] + (True,)  # Seattle is the reference
    text = text_of(frame(rows), reference="Seattle-Tacoma-Bellevue, WA")
    assert "Seattle (= 100) is in zone 2" in text.findings[0].text


def test_one_zone_says_why_and_names_the_lowest_metro():
    flat = [(m, 100.0 - k * 0.5, 98.0 - k * 0.5, 102.0 - k * 0.5, 1, 50, 8, True, NA, m == SJ)
            for k, m in enumerate([SJ, "Austin-Round Rock-San Marcos, TX",
                                   "Chicago-Naperville-Elgin, IL-IN"])]
    flat[0] = flat[0][:2] + (np.nan, np.nan) + flat[0][4:]
    text = text_of(frame(flat))
    assert text.title == "All 3 zoned metros form one pay zone against San Jose"
    one, lowest, unzoned = text.findings
    assert one.value == 1 and one.lead == ("All 3 zoned metros form one pay zone for the same "
                                           "role and level")
    assert "indices run 99–100" in one.text
    assert lowest.subject == "Chicago-Naperville-Elgin, IL-IN" and lowest.value == 99.0
    assert "within noise of San Jose" in lowest.text
    assert unzoned.lead == "Every metro with comparable pay is zoned"


def test_no_zoned_metro_and_no_metro_at_all():
    thin = [row for row in FOUR_ZONES if not row[7]]
    text = text_of(frame(thin))
    assert text.title == "No metro has enough USD postings and employers to zone"
    assert text.findings[0].lead == ("Boise City, the one metro with comparable pay, cannot be "
                                     "zoned")
    assert "a zone needs 20+ postings from 5+ employers and a 95% interval" in \
        text.findings[0].text
    two = text_of(frame([*thin, ("Boise, ID", *thin[0][1:])]))
    assert two.findings[0].lead == "No metro of the 2 can be zoned"
    assert text.findings[0].confidence == "too few"
    empty = text_of(frame([]))
    assert empty.findings[0].confidence == "none"
    assert ZONES_CHART in empty.notes


def test_the_rules_in_attrs_reach_the_words():
    zones = frame(FOUR_ZONES, zone_step=11.4, min_step=5.0, max_zones=2, min_postings=40,
                  min_employers=6, controls=("level",))
    text = text_of(zones)
    assert "more than 11.4 points below" in text.findings[0].text
    assert "To keep to 2 zones the step was widened from 5 to 11.4 points." in text.caveats[1]
    assert "fewer than 40 postings or 6 employers" in text.method[3]
    assert "plus level dummies" in text.method[1]
    assert "for the same level" in text.findings[1].text


def test_the_listing_is_the_report_table():
    listing = zones_listing(frame(FOUR_ZONES))
    assert list(listing.columns) == ["Zone", "Metro", "Index", "95% interval", "Postings",
                                     "Employers", "Note"]
    assert listing["Zone"].tolist() == ["1", "1", "2", "2", "3", "4", "4", "–"]
    assert listing.loc[1, "95% interval"] == "–" and listing.loc[1, "Note"] == "reference"
    assert listing.loc[0, "95% interval"] == "99–103" and listing.loc[0, "Note"] == ""
    assert listing.loc[7, "Note"].startswith("fewer than 20 postings")


def test_planted_tiers_are_worded_as_planted():
    metros = {SJ: 1.0, "Seattle-Tacoma-Bellevue, WA": 1.0, "Austin-Round Rock-San Marcos, TX": 0.8,
              "Denver-Aurora-Centennial, CO": 0.8}
    bands, _ = planted_employer_market(21, metros=metros, employers_per_metro=8,
                                       employer_sd=0.02, posting_sd=0.08,
                                       postings_per_employer=25)
    zones = pay_zones(bands)
    text = text_of(zones)
    assert text.findings[0].value == 2
    assert "Seattle and San Jose" in text.findings[1].text or \
        "San Jose and Seattle" in text.findings[1].text
    assert text.findings[2].value == pytest.approx(80, abs=3)
    below = re.search(r"about (\d+)% below zone 1", text.findings[2].text)
    assert below and 17 <= int(below.group(1)) <= 23
