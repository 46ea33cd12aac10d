"""Score the place and title parsers against hand labels from real exports nobody tuned on.

The labels live outside the repository (default ``/tmp/heldout12``): ``locations.csv`` (source,
text, country, state, city, metro, is_remote, is_hybrid, n_places) and ``titles.csv`` (source,
text, soc_code, role_family, level, track), hand-labelled random samples of public job-posting
exports; ``SOURCES.md`` beside them says where each row came from. Usage::

    python benchmarks/places_roles.py                       # labels in /tmp/heldout12
    python benchmarks/places_roles.py --labels DIR --misses 30

Every location text goes through ``parse_location`` whole, and ``split_locations`` for the count
of places; a second table reads them as ingest does, each source's rows as one file
(``normalize_records``: the file's usual country settles names several countries share). Fields
are compared as follows:

- country, remote, hybrid, n_places on every row; state and city only where labelled; metro on
  US rows. A non-US state labelled "IN-MH" also accepts a bare "MH". Cities compare without case
  or accents, with a few English/local spellings taken as one (Bengaluru/Bangalore, Munich/München).
- n_places is the number of location items: ``len(places)`` when the Location has them, else the
  pieces ``split_locations`` cuts, plus ``extra_locations`` ("Sunnyvale, CA + 2 More" is 3, "43
  Locations" is 43). A plain "Remote" is one item.
- "all" is every labelled field of the row right.

Titles go through ``parse_title``. role_family labels are a family name or "SOC:xx-xx00" (an SOC
group, compared as the minor group that holds it with ``TitleInfo.minor_group``); an empty label
(a title too vague to place, "Mathematics") is not scored for its family. soc_code is scored where
labelled and the parser has ``soc_code``; level compares empty with empty; "any family" is the
share of titles given a family or a minor group. Fields the parsers do not have yet (is_hybrid,
places, soc_code, minor_group) are read with getattr, so the script runs on old and new code.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.normalize.locations import parse_location, split_locations  # noqa: E402
from analysis.normalize.titles import parse_title  # noqa: E402

DEFAULT_LABELS = Path("/tmp/heldout12")
LOCATION_FIELDS = ("country", "state", "city", "metro", "remote", "hybrid", "n_places", "all")
TITLE_FIELDS = ("role_family", "named_family", "soc_family", "soc_code", "level", "track",
                "any_family")
# One city, two spellings: the key is the spelling compared.
CITY_ALIASES = {
    "bangalore": "bengaluru",
    "gurgaon": "gurugram",
    "mangalore": "mangaluru",
    "mysore": "mysuru",
    "bombay": "mumbai",
    "calcutta": "kolkata",
    "madras": "chennai",
    "trivandrum": "thiruvananthapuram",
    "cochin": "kochi",
    "calicut": "kozhikode",
    "munchen": "munich",
    "koln": "cologne",
    "nurnberg": "nuremberg",
    "lisboa": "lisbon",
    "kiev": "kyiv",
    "quebec": "quebec city",
    "new york city": "new york",
    "nyc": "new york",
    "washington dc": "washington",
    "phila": "philadelphia",
    "halifax regional municipality": "halifax",
}
COUNT_ONLY_RE = re.compile(r"^\s*\d+\s+locations?\s*$", re.I)


def _fold(text) -> str:
    """Lower case, no accents, single spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("saint ", "st ").split())


def _city_key(city) -> str:
    key = _fold(city).replace(".", "").strip()
    return CITY_ALIASES.get(key, key)


def load_labels(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    read = {"dtype": str, "keep_default_na": False}
    return (
        pd.read_csv(folder / "locations.csv", **read),
        pd.read_csv(folder / "titles.csv", **read),
    )


def _place_count(text: str, loc) -> int:
    """Location items the parser saw: its places (or split pieces) plus the unlisted extras."""
    extra = int(getattr(loc, "extra_locations", 0) or 0)
    if extra and COUNT_ONLY_RE.match(text):
        return extra
    places = getattr(loc, "places", None)
    listed = len(places) if places else max(len(split_locations(text)), 1)
    return listed + extra


def _state_ok(want: str, got: str) -> bool:
    if want == got:
        return True
    return "-" in want and want.split("-", 1)[1] == got


def predict_location(text: str) -> dict:
    loc = parse_location(text)
    return {
        "country": loc.country or "",
        "state": loc.state or "",
        "city": loc.city or "",
        "metro": loc.metro or "",
        "remote": int(bool(loc.is_remote)),
        "hybrid": int(bool(getattr(loc, "is_hybrid", False))),
        "n_places": _place_count(text, loc),
    }


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def ingested_predictions(labels: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """What ingest makes of each location, file by file (a source's rows are one file): the
    same parser, plus the file's usual country for names several countries share."""
    from analysis.normalize.bands import normalize_records
    from analysis.sources import Record

    out = {}
    for source, rows in labels.groupby("source"):
        records = [Record("csv", f"{source}.csv", f"row {i}", f"{source}/{i}", "Analyst", None,
                          split_locations(text)) for i, text in enumerate(rows["text"])]
        bands = normalize_records(records, snapshot="bench").bands.drop_duplicates("posting_id")
        for text, band in zip(rows["text"], bands.itertuples(index=False), strict=True):
            out[(source, text)] = {
                "country": _text(band.country), "state": _text(band.state),
                "city": _text(band.city), "metro": _text(band.metro),
                "remote": int(band.is_remote), "hybrid": int(band.is_hybrid),
                "n_places": int(band.n_places) or 1,
            }
    return out


def score_location(row, predictions: dict | None = None) -> dict[str, tuple[bool, str, str] | None]:
    """Per field: (right, want, got), or None where the field is not scored on this row."""
    got = predictions[(row.source, row.text)] if predictions else predict_location(row.text)
    out: dict[str, tuple[bool, str, str] | None] = {
        "country": (got["country"] == row.country, row.country, got["country"]),
        "state": (_state_ok(row.state, got["state"]), row.state, got["state"])
        if row.state
        else None,
        "city": (_city_key(row.city) == _city_key(got["city"]), row.city, got["city"])
        if row.city
        else None,
        "metro": (got["metro"] == row.metro, row.metro, got["metro"])
        if row.country == "US"
        else None,
        "remote": (got["remote"] == int(row.is_remote), row.is_remote, str(got["remote"])),
        "hybrid": (got["hybrid"] == int(row.is_hybrid), row.is_hybrid, str(got["hybrid"])),
        "n_places": (got["n_places"] == int(row.n_places), row.n_places, str(got["n_places"])),
    }
    right = all(v[0] for v in out.values() if v is not None)
    out["all"] = (right, "", "")
    return out


def _minor_group(info) -> str:
    minor = getattr(info, "minor_group", None) or ""
    if not minor:
        soc = getattr(info, "soc_code", None) or ""
        minor = soc[:5] + "00" if len(soc) >= 5 else ""
    return minor.removeprefix("SOC:")


@lru_cache(maxsize=1)
def _minor_groups() -> dict[str, str]:
    """"29-1" → "29-1000": SOC 2018 minor groups by their first four characters (three end in
    100 or 200, not 000: 15-1200, 31-1100, 51-5100)."""
    structure = pd.read_csv(ROOT / "analysis" / "data" / "soc_structure.csv", dtype=str)
    minors = structure.loc[structure["level"].eq("minor"), "code"]
    return {code[:4]: code for code in minors}


def _label_minor(want: str) -> str:
    """A label's SOC group as the minor group that holds it ("SOC:29-1100" → "SOC:29-1000")."""
    code = want.removeprefix("SOC:")
    return "SOC:" + _minor_groups().get(code[:4], code)


def _family_ok(want: str, info) -> tuple[bool, str]:
    family = info.role_family or ""
    minor = _minor_group(info)
    if want.startswith("SOC:"):
        want = _label_minor(want)
        got = family if family.startswith("SOC:") else (f"SOC:{minor}" if minor else family)
        return got == want, got
    return family == want, family or (f"SOC:{minor}" if minor else "")


def score_title(row) -> dict[str, tuple[bool, str, str] | None]:
    info = parse_title(row.text)
    family_ok, family = _family_ok(row.role_family, info)
    soc = getattr(info, "soc_code", None)
    has_soc_field = hasattr(info, "soc_code")
    return {
        # Scored where the label names a family; a vague title ("Mathematics") has none.
        "role_family": (family_ok, row.role_family, family) if row.role_family else None,
        # the same, split: analysts' named families ("data scientist") and SOC groups
        "named_family": (family_ok, row.role_family, family)
        if row.role_family and not row.role_family.startswith("SOC:") else None,
        "soc_family": (family_ok, row.role_family, family)
        if row.role_family.startswith("SOC:") else None,
        "soc_code": (soc == row.soc_code, row.soc_code, soc or "")
        if row.soc_code and has_soc_field
        else None,
        "level": ((info.level or "") == row.level, row.level, info.level or ""),
        "track": (info.track == row.track, row.track, info.track),
        "any_family": (bool(info.role_family or _minor_group(info)), "", ""),
    }


def tally(labels: pd.DataFrame, scorer, fields) -> tuple[dict, dict]:
    """Right/scored counts per source and field, and the misses per field."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {f: [0, 0] for f in fields})
    misses: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in labels.itertuples(index=False):
        for field, result in scorer(row).items():
            if result is None:
                continue
            right, want, got = result
            for key in (row.source, "ALL"):
                counts[key][field][0] += int(right)
                counts[key][field][1] += 1
            if not right and field not in ("all", "any_family", "named_family", "soc_family"):
                misses[field].append((row.text, want, got))
    return counts, misses


def _cell(right: int, scored: int) -> str:
    return f"{right / scored:6.1%}" if scored else "     -"


def print_table(title: str, counts: dict, fields) -> None:
    print(f"\n{title}")
    print(f"{'source':28} {'n':>4} " + " ".join(f"{f[:8]:>8}" for f in fields))
    for source in sorted(counts, key=lambda s: (s == "ALL", s)):
        row = counts[source]
        n = max(v[1] for v in row.values())
        cells = " ".join(f"{_cell(*row[f]):>8}" for f in fields)
        print(f"{source[:28]:28} {n:>4} {cells}")
    total = counts["ALL"]
    print("ALL counts: " + ", ".join(f"{f} {total[f][0]}/{total[f][1]}" for f in fields))


def print_misses(misses: dict, fields, limit: int) -> None:
    for field in fields:
        found = misses.get(field, [])
        if not found:
            continue
        print(f"\nmisses: {field} ({len(found)}; up to {limit} shown)  text | want | got")
        for text, want, got in found[:limit]:
            print(f"    {' '.join(text.split())[:70]!r} | {want!r} | {got!r}")


def _missing_fields() -> list[str]:
    loc, info = parse_location("Remote"), parse_title("Engineer")
    names = [f"Location.{n}" for n in ("is_hybrid", "places", "method") if not hasattr(loc, n)]
    names += [f"TitleInfo.{n}" for n in ("soc_code", "minor_group") if not hasattr(info, n)]
    return names


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labels",
        type=Path,
        default=DEFAULT_LABELS,
        help=f"folder with locations.csv and titles.csv (default {DEFAULT_LABELS})",
    )
    parser.add_argument("--misses", type=int, default=15, help="misses listed per field")
    args = parser.parse_args(argv)
    needed = [args.labels / "locations.csv", args.labels / "titles.csv"]
    if not all(p.is_file() for p in needed):
        print(
            f"labels not found: {args.labels} must hold locations.csv and titles.csv "
            "(hand labels kept outside the repository; see this script's docstring)",
            file=sys.stderr,
        )
        return 2
    locations, titles = load_labels(args.labels)
    missing = _missing_fields()
    if missing:
        print("parser fields not present (scored as absent): " + ", ".join(missing))
    loc_counts, loc_misses = tally(locations, score_location, LOCATION_FIELDS)
    print_table(f"LOCATIONS ({len(locations)} labelled), each string alone", loc_counts,
                LOCATION_FIELDS)
    predictions = ingested_predictions(locations)
    ingested, _ = tally(locations, lambda row: score_location(row, predictions), LOCATION_FIELDS)
    print_table(f"LOCATIONS ({len(locations)} labelled), as ingested file by file", ingested,
                LOCATION_FIELDS)
    title_counts, title_misses = tally(titles, score_title, TITLE_FIELDS)
    print_table(f"TITLES ({len(titles)} labelled)", title_counts, TITLE_FIELDS)
    print_misses(loc_misses, LOCATION_FIELDS, args.misses)
    print_misses(title_misses, TITLE_FIELDS, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
