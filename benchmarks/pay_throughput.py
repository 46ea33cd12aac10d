"""Throughput of the pay parser (parse_pays, parse_pay) next to JobSpy's extract_salary, in one run.

Builds N strings (default 200,000) by resampling, seeded (random.Random(2026)) and weighted by
n_rows, from the real distinct pay strings in ../shared/data/real/salary_strings_distinct.csv
(read at run time through analysis.paths.SHARED_REAL). On the same list it times:

* paybands, batch (the headline figure): parse_pays, the API pipelines use for a column of pay
  strings, which parses each distinct string once (real datasets repeat strings heavily). The
  cache is cleared before each run, so every distinct string is parsed fresh. The list mixes
  sources whose bare "$" means different currencies, so the timed run also splits it into one
  column per currency (as a pipeline has one column per source) and calls parse_pays on each;
* paybands, cache on: parse_pay over all N strings, cache cleared first, so each distinct
  string is parsed once and repeats are cache hits;
* paybands, every call fresh: parse_pay over all N strings with the cache cleared before each
  call;
* JobSpy: extract_salary (benchmarks/jobspy_reference.py) over all N strings (it has no cache);
* both over the distinct strings only, once each (paybands cache cleared first).

Each timing is the best of --repeats runs. Also printed: how many distinct strings each one finds
a pay range in, and what each returns for a seed line JobSpy's one "$X - $Y" pattern cannot read.

Run from the project root::

    .venv/bin/python benchmarks/pay_throughput.py [--n 200000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.normalize.pay import clear_cache, parse_pay, parse_pays  # noqa: E402
from analysis.paths import SHARED_REAL  # noqa: E402
from benchmarks.jobspy_reference import extract_salary  # noqa: E402

DISTINCT = SHARED_REAL / "salary_strings_distinct.csv"
SEED = 2026
# What a bare "$" means on each source's board (the rest: USD).
SOURCE_CURRENCY = {
    "glassdoor_au_data_jobs_2021.csv": "AUD",
    "glassdoor_india_ds_jobs_2020.csv": "INR",
    "uk_reed_ds_jobs_2021.csv": "GBP",
    "uk_totaljobs_ds_jobs_2021.csv": "GBP",
}
SEED_LINE = "$117,000/year to $173,000/year + bonus + equity + benefits"

Item = tuple[str, str]  # (salary_text, currency a bare "$" means)


def load_distinct(path: Path = DISTINCT) -> tuple[list[Item], list[int]]:
    """The distinct (text, currency) pairs and, for each, how many rows it stands for."""
    weights: dict[Item, int] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            item = (row["salary_text"], SOURCE_CURRENCY.get(row["source_file"], "USD"))
            weights[item] = weights.get(item, 0) + max(int(row["n_rows"] or 1), 1)
    items = list(weights)
    return items, [weights[i] for i in items]


def resample(items: list[Item], weights: list[int], n: int) -> list[Item]:
    return random.Random(SEED).choices(items, weights=weights, k=n)


# -- the timed loops (each returns elapsed seconds) -------------------------------------------


def paybands_batch(items: list[Item]) -> float:
    clear_cache()
    t0 = time.perf_counter()
    columns: dict[str, list[str]] = {}
    for text, ccy in items:
        column = columns.get(ccy)
        if column is None:
            column = columns[ccy] = []
        column.append(text)
    for ccy, texts in columns.items():
        parse_pays(texts, currency=ccy)
    return time.perf_counter() - t0


def paybands_cached(items: list[Item]) -> float:
    clear_cache()
    t0 = time.perf_counter()
    for text, ccy in items:
        parse_pay(text, currency=ccy)
    return time.perf_counter() - t0


def paybands_fresh(items: list[Item]) -> float:
    t0 = time.perf_counter()
    for text, ccy in items:
        clear_cache()
        parse_pay(text, currency=ccy)
    return time.perf_counter() - t0


def jobspy(items: list[Item]) -> float:
    t0 = time.perf_counter()
    for text, _ in items:
        extract_salary(text)
    return time.perf_counter() - t0


def best_of(fn: Callable[[list[Item]], float], items: list[Item], repeats: int) -> float:
    """Best (shortest) elapsed seconds over `repeats` runs."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        best = min(best, fn(items))
    return best


# -- what each one finds ---------------------------------------------------------------------


def paybands_found(text: str, ccy: str) -> bool:
    return bool(parse_pay(text, currency=ccy).ranges)


def jobspy_found(text: str) -> bool:
    return extract_salary(text)[0] is not None


def _describe_paybands(text: str) -> str:
    parse = parse_pay(text)
    if not parse.ranges:
        return f"no pay ({parse.reason})"
    return "; ".join(f"{r.min:g}-{r.max:g} {r.currency} {r.period}" for r in parse.ranges)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000, help="strings in the resampled list")
    ap.add_argument("--repeats", type=int, default=3, help="runs per timing (best is kept)")
    args = ap.parse_args(argv)
    if args.n < 1 or args.repeats < 1:
        ap.error("--n and --repeats must be positive")
    if not DISTINCT.exists():
        print(
            f"distinct pay strings not found: {DISTINCT}\n"
            "pay_throughput needs ../shared/data/real/salary_strings_distinct.csv beside the "
            "project.",
            file=sys.stderr,
        )
        return 2

    distinct, weights = load_distinct()
    sample = resample(distinct, weights, args.n)
    n_used = len(set(sample))
    print(
        f"{DISTINCT.name}: {len(distinct):,} distinct (text, currency) pairs, {sum(weights):,} rows"
    )
    print(
        f"resampled list: {args.n:,} strings (random.Random({SEED}), weighted by n_rows), "
        f"{n_used:,} distinct; best of {args.repeats} for each timing"
    )
    print()

    t_pb_batch = best_of(paybands_batch, sample, args.repeats)
    t_pb_cached = best_of(paybands_cached, sample, args.repeats)
    t_pb_fresh = best_of(paybands_fresh, sample, args.repeats)
    t_js = best_of(jobspy, sample, args.repeats)
    t_pb_distinct = best_of(paybands_cached, distinct, args.repeats)
    t_js_distinct = best_of(jobspy, distinct, args.repeats)

    n, nd = args.n, len(distinct)
    rows = [
        (f"{n:,} resampled", "paybands, parse_pays (batch)", n / t_pb_batch, n / t_js),
        (f"{n:,} resampled", "paybands, parse_pay cache on", n / t_pb_cached, n / t_js),
        (f"{n:,} resampled", "paybands, every call fresh", n / t_pb_fresh, n / t_js),
        (f"{nd:,} distinct", "paybands, each parsed once", nd / t_pb_distinct, nd / t_js_distinct),
    ]
    print(
        f"{'workload':<20} {'paybands mode':<30} {'paybands/s':>12} {'JobSpy/s':>12} {'ratio':>8}"
    )
    for workload, mode, pb, js in rows:
        print(f"{workload:<20} {mode:<30} {pb:>12,.0f} {js:>12,.0f} {pb / js:>7.3f}×")
    print()

    clear_cache()
    pb_hits = [paybands_found(t, c) for t, c in distinct]
    js_hits = [jobspy_found(t) for t, _ in distinct]
    both = sum(a and b for a, b in zip(pb_hits, js_hits, strict=True))
    print(f"pay range found, on the {nd:,} distinct strings:")
    print(f"  paybands: {sum(pb_hits):>5,} ({sum(pb_hits) / nd:.1%})")
    print(f"  JobSpy:   {sum(js_hits):>5,} ({sum(js_hits) / nd:.1%})")
    print(
        f"  both {both:,}, paybands only {sum(pb_hits) - both:,}, "
        f"JobSpy only {sum(js_hits) - both:,}, neither "
        f"{sum(not (a or b) for a, b in zip(pb_hits, js_hits, strict=True)):,}"
    )
    print()

    print(f"seed line: {SEED_LINE!r}")
    print(f"  JobSpy:   {extract_salary(SEED_LINE)}")
    print(f"  paybands: {_describe_paybands(SEED_LINE)}")
    print()
    print(f"ratio (paybands / JobSpy, {n:,} strings): {(n / t_pb_batch) / (n / t_js):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
