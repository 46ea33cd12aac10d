"""Report 10's words: the zones lead, the structure follows and points at Chart 2."""

import pandas as pd

from analysis.analyses.ranges import market_by_level, priced_role_family, salary_structure
from analysis.analyses.zones import pay_zones, reference_zone_metros, usable_reference
from analysis.findings.ranges import STRUCTURE_CHART
from analysis.findings.structure import ZONE_FINDINGS, pay_structure_text, structure_place
from analysis.findings.zones import ZONES_CHART
from analysis.store import load_bands

SAN_JOSE = "San Jose-Sunnyvale-Santa Clara, CA"


def _report(bands, *, reference=SAN_JOSE, role="software engineer"):
    reference = usable_reference(bands, reference=reference)
    zones = pay_zones(bands, reference=reference)
    metros = reference_zone_metros(zones)
    role = priced_role_family(bands, preferred=role, metros=metros)
    structure = salary_structure(market_by_level(bands, role_family=role, metros=metros))
    return zones, metros, role, structure, pay_structure_text(
        zones, structure, reference=reference, role_family=role, metros=metros,
        currency="USD", snapshot="s")


def test_the_zones_lead_and_the_structure_points_at_chart_2():
    zones, metros, role, structure, text = _report(load_bands())
    assert metros == [SAN_JOSE] and role == "software engineer" and len(structure) >= 2
    assert "pay zones" in text.title
    zone_part = text.findings[:ZONE_FINDINGS]
    structure_part = text.findings[ZONE_FINDINGS:]
    assert all("Chart 2" not in (f.chart or "") for f in zone_part)
    assert structure_part and all((f.chart or "Chart 2").startswith("Chart 2")
                                  for f in structure_part)
    assert set(text.captions) == {ZONES_CHART, STRUCTURE_CHART}
    assert "pay zone 1 (San Jose)" in text.captions[STRUCTURE_CHART].subtitle


def test_data_without_the_default_reference_or_role_still_reads():
    bands = load_bands()
    bands = bands.loc[(bands["metro"] != SAN_JOSE) & (bands["role_family"] != "software engineer")]
    zones, metros, role, structure, text = _report(bands)
    assert SAN_JOSE not in set(zones["metro"])
    assert zones["is_reference"].sum() == 1 and metros
    assert role != "software engineer" and len(structure) >= 2
    assert text.findings and "San Jose" not in text.title


def test_structure_place_names_the_zone_or_nothing():
    zones = pd.DataFrame({"metro": ["A, TX", "B, MA", "C, CA"], "zone": [1, 1, 2],
                          "is_reference": [False, True, False]})
    assert structure_place(zones, None) is None
    assert structure_place(zones, ["A, TX", "B, MA"]) == "pay zone 1 (A, B)"
    assert reference_zone_metros(zones) == ["A, TX", "B, MA"]
    assert reference_zone_metros(zones.assign(zone=pd.NA)) is None
