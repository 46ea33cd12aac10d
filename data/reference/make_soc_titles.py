"""Build the SOC 2018 reference tables used by :mod:`analysis.normalize.occupations`.

Outputs (both in ``analysis/data/``):

- ``soc_structure.csv`` — ``code,level,title``: every SOC 2018 group, ``level`` one of
  ``major`` (23), ``minor`` (98), ``broad`` (459), ``detailed`` (867); sorted by code.
- ``soc_titles.csv.gz`` — ``title,soc_code,source``: job titles as published (one row per title,
  detailed code and source; a title listed under several codes has several rows). ``source`` is
  one of ``soc`` (the SOC detailed title), ``onet_occupation`` (O*NET-SOC occupation titles),
  ``dmtf`` (BLS Direct Match Title File), ``onet_reported`` (O*NET Sample of Reported Titles),
  ``onet_alternate`` (O*NET Alternate Titles, incl. short titles). The classifier trusts them in
  that order when a title is listed under several codes.

Sources (all fetched as files committed to public GitHub repositories; the repository and commit
are recorded so the exact bytes can be fetched again):

1. U.S. Bureau of Labor Statistics, *2018 SOC structure* ``soc_structure_2018.xlsx`` (sheet
   "2018 Structure"; public domain). GitHub ``yoga-Datascience/job-duty-recommendation``,
   commit ``6532611b5c281234ce7c81c00e12d7e8be474ed3``, path ``data/soc_structure_2018.xlsx``.
2. U.S. Bureau of Labor Statistics on behalf of OMB/SOCPC, *2018 SOC Direct Match Title File*,
   November 2017 release, ``soc_2018_direct_match_title_file.xlsx`` (sheet "Sorted by SOC",
   header on row 8; 6,539 titles; public domain). GitHub ``davidcopley/Interest-Mapping-GloVe``,
   commit ``45b5f7491c0769519739640636ca8c7ab0ad0286``, path
   ``soc_2018_direct_match_title_file.xlsx``.
3. O*NET 29.3 Database (May 2025 release), Excel files ``Alternate Titles.xlsx`` (56,560 rows),
   ``Sample of Reported Titles.xlsx`` (7,796 rows) and ``Occupation Data.xlsx``, by the U.S.
   Department of Labor, Employment and Training Administration (USDOL/ETA), used under the
   Creative Commons Attribution 4.0 International License (CC BY 4.0,
   https://www.onetcenter.org/license_db.html); O*NET(R) is a trademark of USDOL/ETA. This table
   modifies the data: O*NET-SOC codes are cut to the 6-digit SOC 2018 detailed code
   ("15-1252.00" -> "15-1252", "15-2051.01" -> "15-2051"; the O*NET-SOC 2019 taxonomy is built
   on SOC 2018, so every code maps into a detailed occupation), and titles written
   "Full Title (ABBR)" are split into both spellings. GitHub
   ``eugene-maina72/Phase_5_Capstone_Project-SmartPath``, commit
   ``826ec4e0f0bc73ac117fcb7d38230ccb0b27519d`` (files added in
   ``272806922b0125717ea71ca8c5df809427642593``), folder ``data/``.

Run (the xlsx files are not committed to this project)::

    python data/reference/make_soc_titles.py DIR

where ``DIR`` holds ``soc_structure_2018.xlsx``, ``soc_2018_direct_match_title_file.xlsx``,
``Alternate Titles.xlsx``, ``Sample of Reported Titles.xlsx`` and ``Occupation Data.xlsx``
(default ``/tmp/soc``). Reading xlsx uses ``openpyxl`` (already a project dependency).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis.normalize.occupations import SOURCE_RANK  # noqa: E402
from analysis.paths import PACKAGE_DATA  # noqa: E402

STRUCTURE_CSV = PACKAGE_DATA / "soc_structure.csv"
TITLES_CSV = PACKAGE_DATA / "soc_titles.csv.gz"

STRUCTURE_XLSX = "soc_structure_2018.xlsx"
DMTF_XLSX = "soc_2018_direct_match_title_file.xlsx"
ONET_ALTERNATE_XLSX = "Alternate Titles.xlsx"
ONET_REPORTED_XLSX = "Sample of Reported Titles.xlsx"
ONET_OCCUPATION_XLSX = "Occupation Data.xlsx"

LEVEL_COLUMNS = {
    "Major Group": "major",
    "Minor Group": "minor",
    "Broad Group": "broad",
    "Detailed Occupation": "detailed",
}
# Trust order when one title is listed under several codes (first = most trusted): the
# classifier's, less its own curated decisions.
SOURCES = tuple(source for source in SOURCE_RANK if source != "curated")

_SOC_CODE_RE = re.compile(r"^\d\d-\d{4}$")
# "Quality Assurance Engineer (QA Engineer)": the outer title and the one in parentheses.
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*(?P<tail>[^()]*)$")


def build_structure(path: Path) -> pd.DataFrame:
    """``code,level,title`` from the BLS structure sheet (one code per row, title in column 5)."""
    raw = pd.read_excel(path, sheet_name="2018 Structure", dtype=str)
    title_column = raw.columns[4]
    rows = []
    for _, row in raw.iterrows():
        for column, level in LEVEL_COLUMNS.items():
            code = row[column]
            if isinstance(code, str) and _SOC_CODE_RE.match(code.strip()):
                rows.append((code.strip(), level, str(row[title_column]).strip()))
                break
    out = pd.DataFrame(rows, columns=["code", "level", "title"])
    out = out.drop_duplicates("code").sort_values("code").reset_index(drop=True)
    counts = out["level"].value_counts().to_dict()
    expected = {"major": 23, "minor": 98, "broad": 459, "detailed": 867}
    if counts != expected:
        raise ValueError(f"unexpected SOC 2018 structure counts {counts}, expected {expected}")
    return out


def split_title(title: str) -> list[str]:
    """A published title and, for "Full Title (ABBR)", the spelling in parentheses.

    >>> split_title("Quality Assurance Engineer (QA Engineer)")
    ['Quality Assurance Engineer', 'QA Engineer']
    >>> split_title("Promotor(a)")
    ['Promotor(a)']
    """
    title = " ".join(str(title).split())
    match = _PAREN_RE.match(title)
    if not match or not match["outer"].strip() or match["outer"].endswith(("/", "-")):
        return [title]
    if len(match["outer"].split()) == 1 and len(match["inner"]) <= 2:
        return [title]  # "Promotor(a)"-style endings, not an abbreviation
    outer = f"{match['outer']} {match['tail']}".strip()
    inner = match["inner"].strip()
    return [outer] + ([inner] if "," not in inner and inner.lower() != outer.lower() else [])


def _titles(codes: pd.Series, titles: pd.Series, source: str) -> pd.DataFrame:
    rows = [
        (piece, code[:7], source)
        for code, title in zip(codes, titles, strict=True)
        if isinstance(title, str) and title.strip() and title.strip().lower() != "n/a"
        for piece in split_title(title)
    ]
    return pd.DataFrame(rows, columns=["title", "soc_code", "source"])


def build_titles(folder: Path, structure: pd.DataFrame) -> pd.DataFrame:
    """Every title -> detailed SOC 2018 code, with its source; unknown codes are an error."""
    detailed = structure.loc[structure["level"] == "detailed"]
    dmtf = pd.read_excel(folder / DMTF_XLSX, sheet_name="Sorted by SOC", header=7, dtype=str)
    dmtf = dmtf.dropna(subset=["2018 SOC Code"])
    alternate = pd.read_excel(folder / ONET_ALTERNATE_XLSX, dtype=str)
    reported = pd.read_excel(folder / ONET_REPORTED_XLSX, dtype=str)
    occupation = pd.read_excel(folder / ONET_OCCUPATION_XLSX, dtype=str)
    code = "O*NET-SOC Code"
    parts = [
        _titles(detailed["code"], detailed["title"], "soc"),
        _titles(occupation[code], occupation["Title"], "onet_occupation"),
        _titles(dmtf["2018 SOC Code"], dmtf["2018 SOC Direct Match Title"], "dmtf"),
        _titles(reported[code], reported["Reported Job Title"], "onet_reported"),
        _titles(alternate[code], alternate["Alternate Title"], "onet_alternate"),
        _titles(alternate[code], alternate["Short Title"], "onet_alternate"),
    ]
    out = pd.concat(parts, ignore_index=True)
    unknown = sorted(set(out["soc_code"]) - set(detailed["code"]))
    if unknown:
        raise ValueError(f"codes not in the SOC 2018 structure: {unknown[:10]}")
    out["source"] = pd.Categorical(out["source"], categories=SOURCES, ordered=True)
    out = out.sort_values(["source", "soc_code", "title"]).drop_duplicates(
        ["title", "soc_code", "source"]
    )
    out["source"] = out["source"].astype(str)
    return out.reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else Path("/tmp/soc")
    structure = build_structure(folder / STRUCTURE_XLSX)
    titles = build_titles(folder, structure)
    structure.to_csv(STRUCTURE_CSV, index=False)
    titles.to_csv(TITLES_CSV, index=False, compression={"method": "gzip", "mtime": 0})
    print(f"{len(structure)} rows -> {STRUCTURE_CSV}")
    print(f"{len(titles)} rows -> {TITLES_CSV} ({TITLES_CSV.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
