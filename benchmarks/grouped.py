"""Grouped percentiles at scale: paybands summarize / compare against DuckDB, in one run (issue 15).

Writes a seeded real-shaped bands table of N bands (default 10,000,000) as --workdir/bands.parquet,
every column of the bands contract (analysis.schema.BANDS_COLUMNS) with its dtype, as the store
writes it: 8.3 million postings at 10 million bands (85 % one band, 10 % two, 5 % three; a later
band is another metro in 60 % of cases, another level in the same metro in 25 %, the same range
at another place of the same metro in 15 %); 393 US metros weighted by population^1.2 with five
tech hubs tripled (New York 9 % of bands, the smallest metros a few hundred), 8 % of postings
outside a metro (Canada, UK, Germany, India in their currencies; US remote in USD); 20 role
families; 12 levels, 25 % unstated; 50,000 employers with Zipf-like sizes (the largest posts
0.45 %), each with a home metro that small employers mostly post in; 78 % of postings state pay,
lognormal by role, level, metro and employer, yearly rounded to $1,000 (85 %), hourly to $0.25
(12 %), monthly to $100; 4 % single figures; 1.5 % of postings name no employer. Then prints:

* DuckDB (the floor, all cores): the same grouped percentiles (p10, p25, p50, p75, p90 of
  annual_min, mid and max of the comparable bands, by the same keys) on the same parquet file,
  best of 2, in two forms: the posting-weighted Hazen definition of
  analysis.stats.weighted_quantile written in SQL (window sums; the same numbers up to float
  rounding: the largest relative difference to paybands' is printed), the same work, which the
  ratios are to; and ``quantile_cont`` (unweighted, linear interpolation), the plain floor;
* ``paybands summarize --by metro`` and ``--by role_family,metro`` and ``paybands compare``
  (raw index across metros), each as its own process: wall time, its ratio to DuckDB's time
  by the same keys, and peak RSS (``ru_maxrss`` of the child);
* the same commands with the code before issue 15's change (--baseline, default commit
  e283df2, checked out once into /tmp/grouped-base as a git worktree), stopped after
  --baseline-timeout seconds or above --max-gb of memory (it reads all 46 columns: at 10 million
  bands more than this shared machine can give), and whether its output is byte for byte the
  new one;
* in this process, on the frame the CLI reads: the percentiles and counts of every group (all of
  summarize but its intervals), ``band_summary`` by metro, and the part of it spent drawing the
  employer resamples (numpy's multinomial: 2,000 draws x the group's employers, per group).

The issue's target: each paybands command at most 2 x DuckDB's time. Run from the project root::

    .venv/bin/python benchmarks/grouped.py [--bands 10000000] [--seed 2026]
        [--workdir /tmp/paybands-grouped] [--reuse] [--baseline e283df2]
        [--baseline-timeout 900] [--max-gb 8] [--no-baseline]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.normalize.vocabulary import LEVELS  # noqa: E402
from analysis.schema import BANDS_COLUMNS, empty_bands  # noqa: E402

TARGET = 2.0  # issue 15: at most 2 x DuckDB's time
BASE_DIR = Path("/tmp/grouped-base")
PERCENTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
COLUMNS = ("annual_min", "annual_mid", "annual_max")
# The columns summarize and compare read (the CLI prunes to these).
NEEDED = ["posting_id", "employer", "role_family", "metro", "has_pay", "currency", *COLUMNS]

ROLE_FAMILIES = {  # family: (share of postings, median annual mid in USD, SOC code, occupation)
    "software engineer": (0.16, 150e3, "15-1252", "Software Developers"),
    "data scientist": (0.05, 140e3, "15-2051", "Data Scientists"),
    "data engineer": (0.04, 145e3, "15-1243", "Database Architects"),
    "data analyst": (0.05, 90e3, "15-2051", "Data Scientists"),
    "machine learning engineer": (0.03, 175e3, "15-1252", "Software Developers"),
    "product manager": (0.05, 155e3, "11-2021", "Marketing Managers"),
    "product designer": (0.03, 130e3, "27-1024", "Graphic Designers"),
    "research scientist": (0.02, 170e3, "15-1221", "Computer and Information Research Scientists"),
    "it support": (0.06, 62e3, "15-1232", "Computer User Support Specialists"),
    "customer support": (0.08, 48e3, "43-4051", "Customer Service Representatives"),
    "recruiter": (0.03, 75e3, "13-1071", "Human Resources Specialists"),
    "registered nurse": (0.09, 95e3, "29-1141", "Registered Nurses"),
    "accountant": (0.05, 82e3, "13-2011", "Accountants and Auditors"),
    "sales representative": (0.07, 68e3, "41-4012", "Sales Representatives, Wholesale"),
    "marketing manager": (0.03, 125e3, "11-2021", "Marketing Managers"),
    "project manager": (0.04, 105e3, "13-1082", "Project Management Specialists"),
    "teacher": (0.03, 60e3, "25-2031", "Secondary School Teachers"),
    "warehouse associate": (0.05, 38e3, "53-7062", "Laborers and Freight Movers"),
    "financial analyst": (0.02, 95e3, "13-2051", "Financial and Investment Analysts"),
    "mechanical engineer": (0.02, 105e3, "17-2141", "Mechanical Engineers"),
}
LEVEL_SHARES = {None: 0.25, "intern": 0.02, "entry": 0.12, "mid": 0.16, "senior": 0.22,
                "staff": 0.05, "senior staff": 0.01, "principal": 0.02, "distinguished": 0.002,
                "manager": 0.08, "senior manager": 0.03, "director": 0.035, "vp": 0.008}
LEVEL_PAY = {None: 0.0, "intern": -0.9, "entry": -0.3, "mid": 0.0, "senior": 0.25, "staff": 0.45,
             "senior staff": 0.6, "principal": 0.7, "distinguished": 0.9, "manager": 0.3,
             "senior manager": 0.45, "director": 0.65, "vp": 0.95}
TECH_HUBS = ("San Jose-Sunnyvale-Santa Clara, CA", "San Francisco-Oakland-Fremont, CA",
             "Seattle-Tacoma-Bellevue, WA", "Austin-Round Rock-San Marcos, TX",
             "Boston-Cambridge-Newton, MA-NH")
ABROAD = (  # postings outside a US metro: (country, currency, city, state, share of them)
    ("CA", "CAD", "Toronto", "ON", 0.25), ("GB", "GBP", "London", "ENG", 0.2),
    ("DE", "EUR", "Berlin", "BE", 0.1), ("IN", "INR", "Bengaluru", "KA", 0.15),
    ("US", "USD", None, None, 0.3),  # remote in the US, no metro
)
FX = {"USD": 1.0, "CAD": 1.35, "GBP": 0.62, "EUR": 0.8, "INR": 30.0}
SOURCES = ("greenhouse", "lever", "csv", "jsonld", "career-page")
# Runs a command and prints its peak RSS in KB as the last line (ru_maxrss of its children).
_MEASURE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")


# --- the table ------------------------------------------------------------------------------


def metros_by_weight() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """US metro names, their principal cities' 'City, ST' and posting weights."""
    places = pd.read_csv(ROOT / "analysis" / "data" / "us_places.csv.gz",
                         usecols=["metro", "population"])
    population = places.groupby("metro")["population"].sum().sort_values(ascending=False)
    weight = population.to_numpy(float) ** 1.2
    weight[population.index.isin(TECH_HUBS)] *= 3
    names = population.index.to_numpy(dtype=object)
    cities = np.array([f"{m.split(',')[0].split('-')[0]}, {m.split(', ')[1].split('-')[0]}"
                       for m in names], dtype=object)
    return names, cities, weight / weight.sum()


def employer_names(n: int) -> np.ndarray:
    """`n` distinct plausible employer names ('Northwind Analytics', 'Bluepeak Health 2')."""
    first = ["North", "Blue", "Red", "Silver", "Green", "Bright", "Clear", "Iron", "Summit",
             "River", "Stone", "Oak", "Pine", "Cedar", "Harbor", "Lake", "Sun", "Star", "Cloud",
             "Peak", "Gold", "Swift", "True", "Prime", "Urban", "Metro", "Pacific", "Atlantic",
             "Granite", "Maple"]
    second = ["wind", "peak", "field", "bridge", "gate", "stone", "way", "point", "line",
              "works", "light", "path", "view", "crest", "dale", "wood", "brook", "haven",
              "ridge", "mark"]
    kind = ["Analytics", "Health", "Labs", "Systems", "Logistics", "Foods", "Bank", "Energy",
            "Software", "Retail", "Insurance", "Media", "Robotics", "Care", "Capital",
            "Networks", "Consulting", "Motors", "Pharma", "Education"]
    base = [f"{a}{b} {c}" for c in kind for a in first for b in second]  # 12,000 names
    return np.array([base[i % len(base)] + (f" {i // len(base) + 1}" if i >= len(base) else "")
                     for i in range(n)], dtype=object)


def write_bands(n_bands: int, seed: int, path: Path) -> None:
    """The seeded real-shaped bands table of `n_bands` rows, written as the store writes it
    (pandas' schema metadata, so pandas reads back the contract's dtypes), a million at a time."""
    rng = np.random.default_rng(seed)
    per_posting = rng.choice([1, 2, 3], size=n_bands, p=[0.85, 0.10, 0.05])
    n_postings = int(np.searchsorted(np.cumsum(per_posting), n_bands)) + 1
    per_posting = per_posting[:n_postings]
    per_posting[-1] -= int(per_posting.sum()) - n_bands  # exactly n_bands rows

    metro_names, metro_cities, metro_weight = metros_by_weight()
    n_metros = len(metro_names)
    metro_pay = rng.normal(0, 0.12, n_metros)
    metro_pay[np.isin(metro_names, TECH_HUBS)] += 0.2

    n_employers = 50_000
    employer_weight = 1.0 / (np.arange(n_employers) + 30.0)
    employer_weight /= employer_weight.sum()
    employer_pay = rng.normal(0, 0.15, n_employers)
    home = rng.choice(n_metros, size=n_employers, p=metro_weight)
    employer = rng.choice(n_employers, size=n_postings, p=employer_weight)
    # Small employers post mostly in their home metro, large ones everywhere.
    size = np.bincount(employer, minlength=n_employers)
    at_home = rng.random(n_postings) < 1.0 / (1.0 + size[employer] / 300.0)
    metro = np.where(at_home, home[employer], rng.choice(n_metros, size=n_postings,
                                                         p=metro_weight))
    abroad_kind = np.where(rng.random(n_postings) < 0.08,
                           rng.choice(len(ABROAD), size=n_postings,
                                      p=[a[-1] for a in ABROAD]), -1)
    families = list(ROLE_FAMILIES)
    shares = np.array([ROLE_FAMILIES[f][0] for f in families])
    family = rng.choice(len(families), size=n_postings, p=shares / shares.sum())
    levels = list(LEVEL_SHARES)
    level_p = np.array(list(LEVEL_SHARES.values()))
    level = rng.choice(len(levels), size=n_postings, p=level_p / level_p.sum())
    has_pay = rng.random(n_postings) < 0.78
    no_employer = rng.random(n_postings) < 0.015
    period = rng.choice(3, size=n_postings, p=[0.85, 0.12, 0.03])  # year, hour, month
    log_mid = (np.log([ROLE_FAMILIES[f][1] for f in families])[family]
               + np.array([LEVEL_PAY[v] for v in levels])[level]
               + metro_pay[metro] + employer_pay[employer] + rng.normal(0, 0.12, n_postings))
    spread = rng.uniform(0.15, 0.55, n_postings)
    single = rng.random(n_postings) < 0.04

    # Bands: band 0 where the posting is; a later band is another metro (60 %), another level
    # in the same metro (25 %) or the same range at another place of the same metro (15 %).
    posting = np.repeat(np.arange(n_postings), per_posting)
    band = np.arange(n_bands) - np.repeat(np.cumsum(per_posting) - per_posting, per_posting)
    kind = np.where(band == 0, -1, rng.choice(3, size=n_bands, p=[0.6, 0.25, 0.15]))
    band_metro = np.where(kind == 0, rng.choice(n_metros, size=n_bands, p=metro_weight),
                          metro[posting])
    band_log = (log_mid[posting] + np.where(kind == 0, metro_pay[band_metro] -
                                            metro_pay[metro[posting]], 0.0)
                + np.where(kind == 1, rng.normal(0, 0.15, n_bands), 0.0))
    abroad = abroad_kind[posting]
    currency_of = np.array([a[1] for a in ABROAD] + ["USD"], dtype=object)
    currency = currency_of[abroad]  # -1 (in a US metro) picks the appended USD
    fx = np.array([FX[c] for c in currency_of])[abroad]
    mid = np.exp(band_log) * fx
    low_annual = mid / (1 + spread[posting] / 2)
    factor = np.array([1.0, 2080.0, 12.0])[period[posting]]
    step = np.array([1000.0, 0.25, 100.0])[period[posting]]
    pay_min = np.maximum(np.round(low_annual / factor / step), 1) * step
    pay_max = np.where(single[posting], pay_min,
                       np.round(pay_min * (1 + spread[posting]) / step) * step)
    pay = has_pay[posting]
    nan = np.full(n_bands, np.nan)
    pay_min, pay_max = np.where(pay, pay_min, nan), np.where(pay, pay_max, nan)
    annual_min, annual_max = pay_min * factor, pay_max * factor
    annual_mid = (annual_min + annual_max) / 2

    order = rng.permutation(n_postings)  # the store's order: postings shuffled, bands together
    rank = np.empty(n_postings, dtype=np.int64)
    rank[order] = np.arange(n_postings)
    rows = np.argsort(rank[posting] * 4 + band, kind="stable")
    columns = dict(
        posting=posting, band=band, band_metro=band_metro, abroad=abroad, currency=currency,
        pay=pay, pay_min=pay_min, pay_max=pay_max, annual_min=annual_min, annual_max=annual_max,
        annual_mid=annual_mid, period=period[posting], employer=employer[posting],
        no_employer=no_employer[posting], family=family[posting], level=level[posting],
        kind=kind, per_posting=per_posting[posting])
    columns = {name: values[rows] for name, values in columns.items()}
    vocab = dict(metro_names=metro_names, metro_cities=metro_cities, families=families,
                 levels=levels, employers=employer_names(n_employers))
    schema = pa.Schema.from_pandas(empty_bands(), preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n_bands, 1_000_000):
            writer.write_table(_arrow_chunk(
                {name: values[start:start + 1_000_000] for name, values in columns.items()},
                vocab, schema, rng))


def _strings(values) -> pa.Array:
    return pa.array(values, type=pa.large_string())


def _join(*parts, sep: str = "") -> pa.Array:
    """Element-wise concatenation of string arrays (null where a part is null)."""
    return pc.binary_join_element_wise(*parts, pa.scalar(sep, pa.large_string()))


def _arrow_chunk(c: dict, vocab: dict, schema: pa.Schema, rng: np.random.Generator) -> pa.Table:
    """One chunk of rows as arrow arrays in the contract's schema."""
    n = len(c["posting"])
    in_metro = c["abroad"] < 0
    abroad = np.where(in_metro, 0, c["abroad"])
    source = _strings(np.array(SOURCES, dtype=object)[c["posting"] % len(SOURCES)])
    number = pc.cast(pa.array(c["posting"]), pa.large_string())
    employers = vocab["employers"][c["employer"]]
    slug = pc.utf8_lower(pc.replace_substring(_strings(employers), " ", "-"))
    posting_id = _join(source, _join(slug, number, sep="/"), sep=":")
    employer = pa.array(np.where(c["no_employer"], None, employers), type=pa.large_string())
    family = np.array(vocab["families"], dtype=object)[c["family"]]
    level = np.array(vocab["levels"], dtype=object)[c["level"]]
    title = [f"{(lv or '').title()} {f.title()}".strip() for f, lv in zip(family, level,
                                                                          strict=True)]
    soc = {f: ROLE_FAMILIES[f][2] for f in vocab["families"]}
    occupation = {f: ROLE_FAMILIES[f][3] for f in vocab["families"]}
    metro = np.where(in_metro, vocab["metro_names"][c["band_metro"]], None)
    city_state = np.where(in_metro, vocab["metro_cities"][c["band_metro"]], None)
    abroad_city = np.array([a[2] for a in ABROAD], dtype=object)[abroad]
    city = np.where(in_metro, [cs.split(", ")[0] if cs else None for cs in city_state],
                    abroad_city)
    state = np.where(in_metro, [cs.split(", ")[1] if cs else None for cs in city_state],
                     np.array([a[3] for a in ABROAD], dtype=object)[abroad])
    country = np.where(in_metro, "US", np.array([a[0] for a in ABROAD], dtype=object)[abroad])
    remote = ~in_metro & (country == "US")
    location = np.where(remote, "Remote (US)",
                        np.where(in_metro, city_state,
                                 [f"{ci}, {co}" for ci, co in zip(city, country, strict=True)]))
    pay = c["pay"]
    period_name = np.array(["year", "hour", "month"], dtype=object)[c["period"]]
    words = [_strings(np.full(n, w, dtype=object)) for w in ("$", " to $", " per ")]
    pay_text = _join(words[0], pc.cast(pa.array(c["pay_min"]), pa.large_string()), words[1],
                     pc.cast(pa.array(c["pay_max"]), pa.large_string()), words[2],
                     _strings(period_name))
    null_if_no_pay = pa.array(~pay)
    arrays = {
        "posting_id": posting_id,
        "band": pa.array(c["band"], pa.int64()),
        "snapshot": _strings(np.full(n, "2026-11-01", dtype=object)),
        "source": source,
        "source_file": _join(source, slug, sep="/"),
        "url": _join(_strings(np.full(n, "https://jobs.example", object)), slug, number,
                     sep="/"),
        "employer": employer,
        "title": _strings(title),
        "role_family": _strings(family),
        "level": pa.DictionaryArray.from_arrays(
            pa.array(np.where(c["level"] == 0, -1, c["level"] - 1), pa.int8(),
                     mask=c["level"] == 0),
            _strings(list(LEVELS)), ordered=True),
        "track": _strings(np.where(np.isin(level, ["manager", "senior manager", "director",
                                                   "vp"]), "management", "ic")),
        "is_phd": pa.array(c["family"] == 7),
        "soc_code": _strings([soc[f] for f in family]),
        "occupation": _strings([occupation[f] for f in family]),
        "title_method": _strings(np.full(n, "role pattern", dtype=object)),
        "location_raw": _strings(location),
        "city": _strings(city),
        "state": _strings(state),
        "county": _strings(np.full(n, None, dtype=object)),
        "country": _strings(country),
        "metro": _strings(metro),
        "is_remote": pa.array(remote),
        "is_hybrid": pa.array(rng.random(n) < 0.1),
        "remote_scope": _strings(np.where(remote, "US", None)),
        "n_places": pa.array(np.where(c["kind"] == 0, c["per_posting"], 1), pa.int64()),
        "place_method": _strings(np.where(in_metro, "city, state", np.where(remote, "country",
                                                                             "city, country"))),
        "pay_text": pc.if_else(null_if_no_pay, pa.scalar(None, pa.large_string()), pay_text),
        "band_label": _strings(np.where(c["per_posting"] > 1, "zone", None)),
        "has_pay": pa.array(pay),
        "pay_min": pa.array(c["pay_min"], from_pandas=True),
        "pay_max": pa.array(c["pay_max"], from_pandas=True),
        "pay_period": _strings(np.where(pay, period_name, None)),
        "period_inferred": pa.array(np.zeros(n, bool)),
        "currency": _strings(np.where(pay, c["currency"], None)),
        "annual_min": pa.array(c["annual_min"], from_pandas=True),
        "annual_max": pa.array(c["annual_max"], from_pandas=True),
        "annual_mid": pa.array(c["annual_mid"], from_pandas=True),
        "is_estimate": pa.array(np.zeros(n, bool)),
        "pay_source": _strings(np.where(pay, "structured", None)),
        "pay_note": _strings(np.full(n, None, dtype=object)),
        "has_bonus": pa.array(rng.random(n) < 0.3),
        "has_equity": pa.array(rng.random(n) < 0.15),
        "has_commission": pa.array(rng.random(n) < 0.05),
        "has_tips": pa.array(np.zeros(n, bool)),
        "posted_date": pa.array(np.datetime64("2026-08-01", "ns")
                                + rng.integers(0, 90, n).astype("timedelta64[D]")),
        "duplicates": pa.array(np.zeros(n, np.int64)),
    }
    return pa.Table.from_arrays([arrays[name].cast(schema.field(name).type)
                                 for name in BANDS_COLUMNS], schema=schema)


# --- DuckDB -----------------------------------------------------------------------------------


def duckdb_weighted_sql(path: Path, keys: list[str]) -> str:
    """Posting-weighted Hazen percentiles (analysis.stats.weighted_quantile on posting_values'
    points) of annual_min, mid and max per group, in SQL: a posting's bands in a group weigh
    1/k, pooled per (posting, value); each value, in order (equal values in the order they first
    appear in the file, which moves the centres next to them), sits at the middle of its
    weight's share of the group's total; quantiles interpolate between those centres."""
    group = ", ".join(keys)
    columns = " UNION ALL ".join(
        f"SELECT {group}, posting_id, '{c}' AS col, {c} AS v, w, row FROM bands "
        f"WHERE {c} IS NOT NULL" for c in COLUMNS)
    quantiles = ", ".join(
        f"coalesce(max(CASE WHEN x <= {q} AND (x1 > {q} OR x1 IS NULL) THEN "
        f"CASE WHEN x1 IS NULL OR x = {q} THEN v ELSE v + (v1 - v) * ({q} - x) / (x1 - x) END "
        f"END), arg_min(v, x)) AS q{i}" for i, q in enumerate(PERCENTILES))
    return f"""
        WITH bands AS (
            SELECT {group}, posting_id, annual_min, annual_mid, annual_max,
                   1.0::DOUBLE / count(*) OVER (PARTITION BY {group}, posting_id) AS w,
                   file_row_number AS row
            FROM read_parquet('{path}', file_row_number = true)
            WHERE has_pay AND currency = 'USD' AND annual_mid IS NOT NULL),
        points AS (
            SELECT {group}, col, v, sum(w) AS w, min(row) AS first FROM ({columns})
            GROUP BY {group}, col, posting_id, v),
        centred AS (
            SELECT {group}, col, v, first,
                   (sum(w) OVER (PARTITION BY {group}, col ORDER BY v, first
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - w / 2)
                   / sum(w) OVER (PARTITION BY {group}, col) AS x
            FROM points),
        steps AS (
            SELECT *, lead(x) OVER across AS x1, lead(v) OVER across AS v1 FROM centred
            WINDOW across AS (PARTITION BY {group}, col ORDER BY v, first))
        SELECT {group}, col, {quantiles} FROM steps GROUP BY {group}, col"""


def duckdb_plain_sql(path: Path, keys: list[str]) -> str:
    """quantile_cont (unweighted, linear interpolation) of the same columns by the same keys."""
    group = ", ".join(keys)
    levels = "[" + ", ".join(map(str, PERCENTILES)) + "]"
    quantiles = ", ".join(f"quantile_cont({c}, {levels}) AS {c}" for c in COLUMNS)
    return (f"SELECT {group}, {quantiles} FROM read_parquet('{path}') "
            f"WHERE has_pay AND currency = 'USD' AND annual_mid IS NOT NULL GROUP BY {group}")


def duckdb_seconds(sql: str) -> tuple[float, pd.DataFrame]:
    """Best of 2 (the file in the page cache for both), and the result of the last run."""
    import duckdb

    best = float("inf")
    with duckdb.connect() as connection:
        for _ in range(2):
            began = time.perf_counter()
            result = connection.execute(sql).df()
            best = min(best, time.perf_counter() - began)
    return best, result


def largest_gap(duck: pd.DataFrame, summary: pd.DataFrame, keys: list[str]) -> float:
    """The largest relative difference between DuckDB's weighted percentiles and paybands'."""
    names = ["p10", "p25", "median", "p75", "p90"]
    ours = summary.melt(id_vars=keys, value_vars=[f"{c}_{n}" for c in COLUMNS for n in names])
    ours[["col", "name"]] = ours.pop("variable").str.rsplit("_", n=1, expand=True)
    theirs = duck.melt(id_vars=[*keys, "col"], value_vars=[f"q{i}" for i in range(5)],
                       var_name="name")
    theirs["name"] = theirs["name"].map({f"q{i}": n for i, n in enumerate(names)})
    both = ours.merge(theirs, on=[*keys, "col", "name"], how="outer", suffixes=("", "_duck"))
    return float(((both["value"] - both["value_duck"]).abs() / both["value"].abs()).max())


# --- paybands ---------------------------------------------------------------------------------


@dataclass
class Run:
    """One command's wall seconds, peak RSS (GB) and stdout, or why it was stopped."""

    seconds: float | None = None
    peak: float | None = None
    out: bytes = b""
    stopped: str = ""


def measured(command: list[str], *, root: Path, timeout: float | None = None,
             max_gb: float | None = None) -> Run:
    """`paybands COMMAND` (python -m analysis) in its own process with the code of `root`,
    stopped after `timeout` seconds or above `max_gb` of RSS (the machine is shared: a command
    that needs more is stopped before the kernel's OOM killer picks a process, maybe another's).
    """
    env = {**os.environ, "PYTHONPATH": str(root)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _MEASURE, sys.executable, "-m",
                                    "analysis", *command], stdout=out, stderr=err, env=env,
                                   cwd=root)
        stopped = ""
        while process.poll() is None:
            time.sleep(0.2)
            if timeout is not None and time.perf_counter() - began > timeout:
                stopped = f"> {timeout:.0f} s"
            elif max_gb is not None and _tree_rss(process.pid) > max_gb:
                stopped = f"> {max_gb:g} GB"
            if stopped:
                _kill_tree(process.pid)
                process.wait()
                return Run(stopped=stopped)
        seconds = time.perf_counter() - began
        if process.returncode != 0:
            err.seek(0)
            return Run(stopped=f"failed ({process.returncode}): "
                               f"{err.read().decode()[-300:].strip()}")
        out.seek(0)
        text = out.read()
    body, _, peak_kb = text.rstrip().rpartition(b"\n")
    return Run(seconds, int(peak_kb) / 1024**2, body)


def _tree_rss(pid: int) -> float:
    """RSS of a process and its children, in GB (0 once it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 1024**3
    except psutil.Error:
        return 0.0


def _kill_tree(pid: int) -> None:
    """Stop the measured command, then the wrapper measuring it."""
    import psutil

    try:
        root = psutil.Process(pid)
        for process in [*root.children(recursive=True), root]:
            process.kill()
    except psutil.Error:  # it ended meanwhile
        pass


def in_process(path: Path) -> dict[str, float]:
    """In this process, on the frame the CLI reads: the percentiles and counts of every group
    (all of summarize but the intervals), band_summary by metro, and the part of it spent
    drawing the employer resamples (numpy's multinomial, 2,000 x employers per group)."""
    from analysis import stats
    from analysis.analyses.summary import (
        ANNUAL_COLUMNS,
        COMPARABLE_COLUMNS,
        PERCENTILES,
        PostingGroups,
        band_summary,
        comparable_bands,
    )

    times = {}
    began = time.perf_counter()
    bands = pd.read_parquet(path, columns=["role_family", "metro", *COMPARABLE_COLUMNS])
    times["read (pandas, 10 columns)"] = time.perf_counter() - began
    for keys in (["metro"], ["role_family", "metro"]):
        began = time.perf_counter()
        data = comparable_bands(bands)
        groups = PostingGroups(data, keys)
        for column in ANNUAL_COLUMNS:
            groups.posting_quantiles(data[column], list(PERCENTILES.values()))
        groups.n_postings(), groups.n_distinct(data["employer"])
        times[f"percentiles and counts by {','.join(keys)}"] = time.perf_counter() - began
    drawing = [0.0]
    picks = stats._picks

    def timed_picks(*args, **kwargs):
        began = time.perf_counter()
        try:
            return picks(*args, **kwargs)
        finally:
            drawing[0] += time.perf_counter() - began

    stats._picks = timed_picks
    try:
        began = time.perf_counter()
        band_summary(bands, by="metro")
        times["band_summary by metro"] = time.perf_counter() - began
    finally:
        stats._picks = picks
    times["  of which multinomial resamples"] = drawing[0]
    return times


def ensure_baseline(commit: str) -> Path:
    """The code at `commit`, checked out once as a git worktree in BASE_DIR."""
    if not (BASE_DIR / "analysis").exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(BASE_DIR),
                        commit], check=True, capture_output=True)
    return BASE_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bands", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/paybands-grouped"))
    parser.add_argument("--reuse", action="store_true",
                        help="keep --workdir/bands.parquet if it exists (same --bands, --seed)")
    parser.add_argument("--baseline", default="e283df2", metavar="COMMIT")
    parser.add_argument("--baseline-timeout", type=float, default=900.0, metavar="SECONDS")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--max-gb", type=float, default=8.0, metavar="GB",
                        help="stop a command whose processes hold more memory than this")
    args = parser.parse_args(argv)

    path = args.workdir / "bands.parquet"
    if not (args.reuse and path.exists()):
        began = time.perf_counter()
        write_bands(args.bands, args.seed, path)
        print(f"wrote {path}: {args.bands:,} bands (seed {args.seed}), "
              f"{path.stat().st_size / 1024**2:,.0f} MB, in {time.perf_counter() - began:.0f} s")
    rows = pq.ParquetFile(path).metadata.num_rows
    comparable = pq.read_table(path, columns=["has_pay", "currency", "annual_mid"],
                               filters=[("has_pay", "=", True), ("currency", "=", "USD")])
    print(f"{path}: {rows:,} bands, {comparable.num_rows:,} with pay in USD")

    import duckdb

    print(f"\nDuckDB {duckdb.__version__} ({os.cpu_count()} threads), best of 2, same file:")
    floors, gaps = {}, {}
    for keys in (["metro"], ["role_family", "metro"]):
        name = ",".join(keys)
        plain, _ = duckdb_seconds(duckdb_plain_sql(path, keys))
        weighted, duck = duckdb_seconds(duckdb_weighted_sql(path, keys))
        floors[name] = weighted
        gaps[name] = duck
        print(f"  by {name:<17} posting-weighted Hazen (SQL windows) {weighted:6.2f} s   "
              f"quantile_cont, unweighted {plain:6.2f} s")

    commands = {
        "summarize --by metro": (["summarize", str(path), "--by", "metro"], "metro"),
        "summarize --by role_family,metro": (["summarize", str(path), "--by",
                                              "role_family,metro"], "role_family,metro"),
        "compare (raw index, metro)": (["compare", str(path)], "metro"),
    }
    base = None if args.no_baseline else ensure_baseline(args.baseline)
    print(f"\npaybands, each command its own process (target: <= {TARGET:.0f} x DuckDB's "
          "weighted time, same keys)" + ("" if base is None else
                                         f"; baseline: the code at {args.baseline}, stopped "
                                         f"after {args.baseline_timeout:.0f} s or "
                                         f"{args.max_gb:g} GB"))
    print(f"  {'command':<34}{'now':>9}{'x DuckDB':>10}{'peak':>9}{'target':>8}"
          f"{'baseline':>11}{'x DuckDB':>10}{'peak':>9}  same output")
    outputs = {}
    for label, (command, floor) in commands.items():
        now = measured(command, root=ROOT, max_gb=args.max_gb)
        if now.stopped:
            sys.exit(f"paybands {' '.join(command)}: {now.stopped}")
        outputs[label] = now.out
        ratio = now.seconds / floors[floor]
        line = (f"  {label:<34}{now.seconds:8.1f}s{ratio:9.1f}x{now.peak:8.2f}G"
                f"{'yes' if ratio <= TARGET else 'NO':>8}")
        if base is not None:
            old = measured(command, root=base, timeout=args.baseline_timeout,
                           max_gb=args.max_gb)
            if old.stopped:
                line += f"  stopped: {old.stopped}"
            else:
                line += (f"{old.seconds:10.1f}s{old.seconds / floors[floor]:9.1f}x"
                         f"{old.peak:8.2f}G  {'yes' if old.out == now.out else 'NO'}")
        print(line, flush=True)

    print("\nin this process:")
    for name, seconds in in_process(path).items():
        floor = next((f for f in floors if name.endswith(" " + f)), None)
        ratio = f"  = {seconds / floors[floor]:.1f} x DuckDB's weighted time" if floor else ""
        print(f"  {name:<44}{seconds:8.1f} s{ratio}")
    summary = pd.read_csv(__import__("io").BytesIO(outputs["summarize --by metro"]))
    print(f"\nDuckDB's weighted percentiles against paybands' (by metro): largest relative "
          f"difference {largest_gap(gaps['metro'], summary, ['metro']):.1e}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"(this process, DuckDB included: peak RSS {peak:.2f} GB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
