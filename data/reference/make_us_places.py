"""Build the US place -> county -> CBSA metro tables in analysis/data/ from official files.

Sources (all U.S. federal statistical data, public domain), read from GitHub copies because the
build machine has no general internet (fetched with the search tool's ``fetch``):

- **CBSA delineation**: OMB Bulletin 23-01 (July 2023), Census Bureau "List 1" ``list1_2023.xlsx``
  (CBSA code and title, metropolitan/micropolitan, county FIPS). Copy in ``Yogi776/wrangler`` at
  commit ``64a0236b0698345321a058154c65fa532edb0302``, file ``list1_2023.xlsx``.
- **Place by county, 2020 population**: Missouri Census Data Center Geocorr 2022 county-to-place
  crosswalk (2020 Census block population; counties as of 2022, i.e. with the nine Connecticut
  planning regions), as exported by the Urban Institute in ``UI-Research/mobility-from-poverty``
  commit ``5aa12e3e08b1e44db52b06c0a731fe9985cb17f8``, file
  ``geographic-crosswalks/data/geocorr2022_county_place_2022_onwards.csv``.
- **Counties**: Census population estimates by county, Vintage 2023 (year 2023 rows, with the
  Connecticut planning regions), same repo and commit, file
  ``geographic-crosswalks/data/county-populations.csv``; Puerto Rico counties from List 1.
- **Connecticut towns**: ``CT-Data-Collaborative/ct-town-to-planning-region`` commit
  ``8e8e83a0c41041b15a9469da21609abc20a4c76f``, file ``ct-town-to-planning-region.csv`` (169
  towns, their 2020 county and 2022 planning region FIPS).
- **ZIP codes**: HUD PD&R USPS ZIP-to-county crosswalk, 2023 Q1, ``ZIP_COUNTY_032023.xlsx``
  (with the USPS preferred city), copy in ``housinginitiative/era-county-level-dataset-codebase``
  commit ``20989723b2cc68418eeea2ec2d3a221ba22ee8e8``, file
  ``miscellaneous_data/geo_crosswalks/ZIP_COUNTY_032023.xlsx``. It still uses Connecticut's old
  counties: a CT ZIP is moved to the planning region of the town named by its USPS city, else to
  the planning region holding most towns of its old county.

Run (paths default to ``/tmp/<file name>``)::

    python data/reference/make_us_places.py [--delineation X] [--places X] [--counties X]
        [--ct-towns X] [--zips X]

Outputs (gzipped CSV, every code a zero-padded string):

- ``us_places.csv.gz``: name,state,county,county_fips,cbsa_code,metro,kind,population. One row
  per place, in the county holding most of its 2020 population; population = 2020 Census count
  of the whole place. kind: "city" (incorporated place), "cdp", "town" (a Connecticut town that
  is not also a place of that name, or a New York City borough), "postal" (a USPS preferred city
  name, e.g. "Van Nuys" or a township like "Edison, NJ", not already a place in the same county,
  in the county of most of its ZIPs; no population). No national county-subdivision file was
  found, so towns and townships outside CT come only as "postal" rows. name has the legal
  suffix dropped ("Sunnyvale city" -> "Sunnyvale"); extra alias rows: consolidated governments
  by their first name ("Nashville", "Louisville", "Athens", "Macon"), "X (Y)" as both X and Y,
  and a few in ``ALIASES``.
- ``us_counties.csv.gz``: county_fips,state,county,cbsa_code,metro (every county equivalent).
- ``us_zips.csv.gz``: zip,state,city,county_fips,cbsa_code,metro; a ZIP's county is the one with
  the largest share of its addresses.

metro is the title of the metropolitan statistical area (the CBSAs BLS OEWS publishes), with
accents dropped as in OEWS area names; empty outside metropolitan areas (cbsa_code is kept for
micropolitan areas too).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "analysis" / "data"
TMP = Path("/tmp")

SUFFIX = re.compile(
    r" (city and borough|city|town|village|borough|CDP|municipality|comunidad|zona urbana"
    r"|corporation|metro township|urban county|unified government|consolidated government"
    r"|metropolitan government|metro government)$"
)
GOVERNMENT = ("government", "urban county")
ALIASES = {"Urban Honolulu": "Honolulu", "Boise City": "Boise"}
BOROUGHS = {
    "Manhattan": "36061",
    "Bronx": "36005",
    "The Bronx": "36005",
    "Brooklyn": "36047",
    "Queens": "36081",
    "Staten Island": "36085",
}
# Geocorr drops apostrophes: "OFallon", "Coeur dAlene", "Lees Summit".
APOSTROPHES = [(r"\b([OD])([A-Z][a-z])", r"\1'\2"), (r"\bd([A-Z])", r"d'\1"), ("Lees ", "Lee's ")]


def ascii_fold(text: str) -> str:
    """Accents dropped, as BLS spells area names ("San Juan-Bayamon-Caguas, PR")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def read_delineation(path: Path) -> pd.DataFrame:
    """county_fips -> cbsa_code, metro, county name, from List 1 (header row found by its text)."""
    raw = pd.read_excel(path, header=None, dtype=str)
    header = raw.index[raw[0] == "CBSA Code"][0]
    d = (
        raw.iloc[header + 1 :]
        .set_axis(raw.iloc[header], axis=1)
        .dropna(subset=["FIPS County Code"])
    )
    return pd.DataFrame(
        {
            "county_fips": d["FIPS State Code"] + d["FIPS County Code"],
            "cbsa_code": d["CBSA Code"],
            # Metropolitan areas only: they are what BLS OEWS publishes wages for; a
            # micropolitan area's counties count as nonmetropolitan there.
            "metro": d["CBSA Title"].map(ascii_fold).where(
                d["Metropolitan/Micropolitan Statistical Area"].eq(
                    "Metropolitan Statistical Area")),
            "county": d["County/County Equivalent"],
        }
    )


def clean_name(full: str) -> list[str]:
    """Plain names of a Census place name: no ", ST", no legal suffix, plus aliases."""
    name = re.sub(r", [A-Z]{2}$", "", full).replace(" (balance)", "")
    for pattern, repl in APOSTROPHES:
        name = re.sub(pattern, repl, name)
    suffix = SUFFIX.search(name)
    name = SUFFIX.sub("", name)
    names = [name]
    consolidated = (suffix and suffix.group(1).endswith(GOVERNMENT)) or name.endswith(" County")
    if consolidated and re.search(r"[-/,]", name):
        names.append(re.split(r"[-/,]", name)[0].strip())
    if m := re.fullmatch(r"(.+) \((.+)\)", name):
        names = [m.group(1), m.group(2)]
    if name in ALIASES:
        names.append(ALIASES[name])
    return names


def build_counties(counties_csv: Path, cbsa: pd.DataFrame, states: dict[str, str]) -> pd.DataFrame:
    """Every county equivalent with its CBSA."""
    pop = pd.read_csv(counties_csv, dtype=str, encoding="latin-1")
    pop = pop[pop["year"] == pop["year"].max()]
    names = pd.DataFrame(
        {"county_fips": pop["state"] + pop["county"], "county": pop["county_name"].str.strip()}
    )
    extra = cbsa.loc[~cbsa["county_fips"].isin(names["county_fips"]), ["county_fips", "county"]]
    out = pd.concat([names, extra]).merge(cbsa.drop(columns="county"), how="left")
    out["state"] = out["county_fips"].str[:2].map(states)
    cols = ["county_fips", "state", "county", "cbsa_code", "metro"]
    return out[cols].fillna("").sort_values("county_fips").reset_index(drop=True)


def build_places(places_csv: Path, counties: pd.DataFrame) -> pd.DataFrame:
    """One row per place (and alias), in the county with most of its 2020 population."""
    raw = pd.read_csv(places_csv, dtype=str, encoding="latin-1")
    raw = raw[(raw["place"] != "99999") & ~raw["PlaceName"].str.fullmatch(r"\d+")]
    raw = raw.assign(population=raw["population"].astype(int))
    key = raw["state"] + raw["place"]
    total = raw.groupby(key)["population"].sum()
    main = raw.loc[raw.assign(key=key).groupby("key")["population"].idxmax()]
    main = main.assign(
        population=(main["state"] + main["place"]).map(total),
        county_fips=main["countyfip"],
        kind=main["PlaceName"].str.contains(r" CDP, [A-Z]{2}$").map({True: "cdp", False: "city"}),
        name=main["PlaceName"].map(clean_name),
    ).explode("name")
    return (
        main.drop(columns="state")
        .rename(columns={"stab": "state"})
        .merge(counties.drop(columns="state"), on="county_fips")
    )


def build_ct_towns(ct_csv: Path, places: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """Connecticut towns that are not also a CT place of the same name."""
    towns = pd.read_csv(ct_csv, dtype=str, encoding="utf-8-sig")
    towns = towns.assign(
        name=towns["town_name"],
        state="CT",
        county_fips=towns["ce_fips_2022"].str.zfill(5),
        kind="town",
        population=pd.NA,
    )
    ct_places = set(places.loc[places["state"] == "CT", "name"])
    towns = towns[~towns["name"].isin(ct_places)]
    return towns.merge(counties.drop(columns="state"), on="county_fips")


def ct_zip_region(zips: pd.DataFrame, ct_csv: Path) -> pd.Series:
    """Planning region of each CT ZIP: its USPS city's town, else its old county's main region."""
    towns = pd.read_csv(ct_csv, dtype=str, encoding="utf-8-sig")
    region = towns["ce_fips_2022"].str.zfill(5)
    by_town = dict(zip(towns["town_name"].str.upper(), region, strict=True))
    old = "09" + towns["town_fips_2020"].str.zfill(10).str[2:5]
    by_county = region.groupby(old).agg(lambda s: s.mode()[0])
    return zips["USPS_ZIP_PREF_CITY"].map(by_town).fillna(zips["COUNTY"].map(by_county))


def title_case(upper: str) -> str:
    """USPS upper-case city in title case, not capitalising after an apostrophe (Lee's Summit)."""
    return re.sub(r"(?<![\w'])[a-z]", lambda m: m.group().upper(), upper.lower())


def build_zips(zips_xlsx: Path, ct_csv: Path, counties: pd.DataFrame) -> pd.DataFrame:
    """One row per ZIP: the county with the largest share of its addresses."""
    z = pd.read_excel(zips_xlsx, dtype=str)
    z = z.assign(ratio=z["TOT_RATIO"].astype(float)).sort_values("ratio", ascending=False)
    z = z.drop_duplicates("ZIP")
    ct = z["COUNTY"].str.startswith("09")
    z.loc[ct, "COUNTY"] = ct_zip_region(z[ct], ct_csv)
    out = pd.DataFrame(
        {
            "zip": z["ZIP"],
            "state": z["USPS_ZIP_PREF_STATE"],
            "city": z["USPS_ZIP_PREF_CITY"].map(title_case),
            "county_fips": z["COUNTY"],
        }
    ).merge(counties[["county_fips", "cbsa_code", "metro"]], how="left")
    return out.fillna("").sort_values("zip").reset_index(drop=True)


def build_postal(zips: pd.DataFrame, places: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """USPS city names in their ZIPs' commonest county, unless a place of that name is there."""
    top = zips.groupby(["city", "state"])["county_fips"].agg(lambda s: s.mode()[0]).reset_index()
    top = top.rename(columns={"city": "name"}).assign(kind="postal", population=pd.NA)
    key = ["name", "state", "county_fips"]
    top = top[~top.set_index(key).index.isin(places.set_index(key).index)]
    return top.merge(counties.drop(columns="state"), on="county_fips")


def build_boroughs(counties: pd.DataFrame) -> pd.DataFrame:
    """New York City's boroughs (county subdivisions coextensive with a county)."""
    boroughs = pd.DataFrame(BOROUGHS.items(), columns=["name", "county_fips"])
    boroughs = boroughs.assign(kind="town", population=pd.NA)
    return boroughs.merge(counties, on="county_fips")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delineation", type=Path, default=TMP / "list1_2023.xlsx")
    parser.add_argument(
        "--places", type=Path, default=TMP / "geocorr2022_county_place_2022_onwards.csv"
    )
    parser.add_argument("--counties", type=Path, default=TMP / "county-populations.csv")
    parser.add_argument("--ct-towns", type=Path, default=TMP / "ct-town-to-planning-region.csv")
    parser.add_argument("--zips", type=Path, default=TMP / "ZIP_COUNTY_032023.xlsx")
    args = parser.parse_args()

    raw_places = pd.read_csv(args.places, dtype=str, encoding="latin-1")
    states = dict(zip(raw_places["state"], raw_places["stab"], strict=True))
    counties = build_counties(args.counties, read_delineation(args.delineation), states)
    places = build_places(args.places, counties)
    towns = [build_ct_towns(args.ct_towns, places, counties), build_boroughs(counties)]
    places = pd.concat([places, *towns])
    zips = build_zips(args.zips, args.ct_towns, counties)
    places = pd.concat([places, build_postal(zips, places, counties)])
    cols = ["name", "state", "county", "county_fips", "cbsa_code", "metro", "kind", "population"]
    places = places.sort_values(["state", "name", "population"], ascending=[True, True, False])
    places = places.drop_duplicates(["name", "state", "county_fips"])[cols]

    for name, table in [("us_places", places), ("us_counties", counties), ("us_zips", zips)]:
        path = OUT / f"{name}.csv.gz"
        table.to_csv(path, index=False, compression={"method": "gzip", "mtime": 0})
        print(f"{path.relative_to(ROOT)}: {len(table)} rows, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
