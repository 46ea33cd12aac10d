"""The Census/OMB place, county and ZIP tables built by data/reference/make_us_places.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"
SAN_JOSE = "San Jose-Sunnyvale-Santa Clara, CA"

@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return pd.read_csv(DATA / "us_places.csv.gz", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return pd.read_csv(DATA / "us_counties.csv.gz", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def zips() -> pd.DataFrame:
    return pd.read_csv(DATA / "us_zips.csv.gz", dtype=str, keep_default_na=False)


def metro_of(places: pd.DataFrame, name: str, state: str) -> str:
    """The metro of the most populous place of that name in the state."""
    rows = places[(places["name"] == name) & (places["state"] == state)]
    assert len(rows), f"{name}, {state} not found"
    pop = pd.to_numeric(rows["population"], errors="coerce").fillna(-1)
    return rows.loc[pop.idxmax(), "metro"]


@pytest.mark.parametrize(
    ("name", "state", "metro"),
    [
        ("Sunnyvale", "CA", SAN_JOSE),
        ("Los Gatos", "CA", SAN_JOSE),
        ("Kent", "OH", "Akron, OH"),
        ("Redmond", "WA", "Seattle-Tacoma-Bellevue, WA"),
        ("Cary", "NC", "Raleigh-Cary, NC"),
        ("Nashville", "TN", "Nashville-Davidson--Murfreesboro--Franklin, TN"),
        ("Louisville", "KY", "Louisville/Jefferson County, KY-IN"),
        ("Indianapolis", "IN", "Indianapolis-Carmel-Greenwood, IN"),
        ("Honolulu", "HI", "Urban Honolulu, HI"),
        ("Springfield", "MA", "Springfield, MA"),
        ("Springfield", "IL", "Springfield, IL"),
        ("Greenwich", "CT", "Bridgeport-Stamford-Danbury, CT"),
        ("Brooklyn", "NY", "New York-Newark-Jersey City, NY-NJ"),
        ("Lee's Summit", "MO", "Kansas City, MO-KS"),
    ],
)
def test_place_metro(places: pd.DataFrame, name: str, state: str, metro: str) -> None:
    assert metro_of(places, name, state) == metro


def test_suffixes_dropped(places: pd.DataFrame) -> None:
    assert not places["name"].str.contains(r" (?:city|CDP|village|\(balance\))$").any()
    assert {"Boise City", "Boise"} <= set(places.loc[places["state"] == "ID", "name"])


def test_shapes(places: pd.DataFrame, counties: pd.DataFrame, zips: pd.DataFrame) -> None:
    assert (places["kind"].isin(["city", "cdp"])).sum() > 25_000
    assert set(places["kind"]) == {"city", "cdp", "town", "postal"}
    assert (places[["name", "state"]] != "").all().all()
    for table in (places, counties, zips):
        assert table["county_fips"].str.fullmatch(r"\d{5}").all()
        assert table.loc[table["cbsa_code"] != "", "cbsa_code"].str.fullmatch(r"\d{5}").all()
    assert 3_140 <= len(counties) <= 3_250
    assert counties["county_fips"].is_unique
    assert {"09110", "09190", "11001"} <= set(counties["county_fips"])  # CT regions, DC
    assert 38_000 <= len(zips) <= 42_000 and zips["zip"].str.fullmatch(r"\d{5}").all()
    assert (places["population"] != "").sum() > 30_000


def test_metro_titles_match_oews(counties: pd.DataFrame) -> None:
    oews = pd.read_csv(DATA / "oews_may2025.csv")
    oews_metros = set(oews.loc[oews["area_type"] == "metro", "area_name"])
    titles = set(counties["metro"]) - {""}
    cbsa_metros = {m for m in oews_metros if "nonmetropolitan" not in m}
    assert cbsa_metros <= titles  # every OEWS metro is a 2023 CBSA title, spelled the same
    assert len(titles & oews_metros) >= 390


def test_zip(zips: pd.DataFrame) -> None:
    row = zips.set_index("zip").loc["94089"]
    assert (row["state"], row["city"], row["metro"]) == ("CA", "Sunnyvale", SAN_JOSE)
    assert zips.set_index("zip").loc["06830", "county_fips"] == "09190"  # Greenwich, CT


def test_districts_supplement_the_gazetteer(places: pd.DataFrame) -> None:
    districts = pd.read_csv(DATA / "us_districts.csv", dtype=str, comment="#")
    counties = pd.read_csv(DATA / "us_counties.csv.gz", dtype=str)
    assert len(districts) < 100  # a supplement, not a second gazetteer
    assert set(districts["metro"]) <= set(counties["metro"].dropna())
    known = set(zip(places["name"], places["state"], strict=True))
    pairs = list(zip(districts["name"], districts["state"], strict=True))
    # Mostly names the Census does not hold; a township may share its name with a village.
    assert sum(pair in known for pair in pairs) <= 0.25 * len(pairs)
