"""Accuracy and throughput of analysis.normalize.pay.parse_pay on the hand-labelled gold set.

Reads ../shared/data/real/pay_gold.csv (400 real pay strings; pay_gold_README.md gives the
labelling rules) through analysis.paths.SHARED_REAL. A row counts as correct when has_pay, min,
max, currency and period all equal the label (multi-range rows: the first range).

Run from the project root::

    .venv/bin/python benchmarks/pay_accuracy.py [--misses] [--repeat 500]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.normalize.pay import clear_cache, parse_pay  # noqa: E402
from analysis.paths import SHARED_REAL  # noqa: E402

GOLD = SHARED_REAL / "pay_gold.csv"
# What a bare "$" means on each source's board.
COUNTRY_CURRENCY = {"US": "USD", "GB": "GBP", "AU": "AUD", "IN": "INR"}
# Amounts equal to within this relative tolerance (labels are written with at most 2 decimals).
REL_TOL = 1e-6


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold rows, with has_pay as bool and min/max as float or None."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["has_pay"] = row["has_pay"].strip().lower() == "true"
        for key in ("min", "max"):
            row[key] = float(row[key]) if row[key].strip() else None
        for key in ("currency", "period"):
            row[key] = row[key].strip() or None
    return rows


def expected(row: dict) -> tuple:
    return (row["has_pay"], row["min"], row["max"], row["currency"], row["period"])


def got(row: dict) -> tuple:
    parse = parse_pay(row["text"], currency=COUNTRY_CURRENCY.get(row["country"], "USD"))
    if not parse.ranges:
        return (False, None, None, None, None)
    r = parse.ranges[0]
    return (True, r.min, r.max, r.currency, r.period)


def same(a: tuple, b: tuple) -> bool:
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=REL_TOL):
                return False
        elif x != y:
            return False
    return True


def score(rows: list[dict]) -> tuple[float, dict[str, tuple[int, int]], list[tuple]]:
    """Overall accuracy, (correct, n) per source_file, and the misses."""
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row in rows:
        exp, out = expected(row), got(row)
        ok = same(exp, out)
        per_source[row["source_file"]][0] += ok
        per_source[row["source_file"]][1] += 1
        if not ok:
            misses.append((row, exp, out))
    correct = sum(c for c, _ in per_source.values())
    return correct / len(rows), {k: tuple(v) for k, v in per_source.items()}, misses


def throughput(rows: list[dict], repeat: int) -> float:
    """Strings per second parsing every gold string `repeat` times, cache cleared first."""
    texts = [(r["text"], COUNTRY_CURRENCY.get(r["country"], "USD")) for r in rows] * repeat
    clear_cache()
    t0 = time.perf_counter()
    for text, ccy in texts:
        parse_pay(text, currency=ccy)
    elapsed = time.perf_counter() - t0
    # Uncached cost too: every string parsed fresh.
    return len(texts) / elapsed


def uncached_throughput(rows: list[dict], repeat: int = 5) -> float:
    texts = [(r["text"], COUNTRY_CURRENCY.get(r["country"], "USD")) for r in rows]
    t0 = time.perf_counter()
    n = 0
    for _ in range(repeat):
        clear_cache()
        for text, ccy in texts:
            parse_pay(text, currency=ccy)
            n += 1
    return n / (time.perf_counter() - t0)


def _fmt(t: tuple) -> str:
    has, lo, hi, ccy, period = t
    if not has:
        return "no pay"
    return f"{lo}-{hi} {ccy} {period}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=500, help="copies of the gold set to time")
    ap.add_argument("--width", type=int, default=90, help="characters of each missed text shown")
    args = ap.parse_args(argv)
    if not GOLD.exists():
        print(
            f"gold set not found: {GOLD}\n"
            "pay_accuracy needs ../shared/data/real/pay_gold.csv beside the project.",
            file=sys.stderr,
        )
        return 2
    rows = load_gold()
    acc, per_source, misses = score(rows)
    print(f"pay_gold.csv: {len(rows)} strings, exact match (has_pay, min, max, currency, period)")
    print(f"overall accuracy: {acc:.2%} ({len(rows) - len(misses)}/{len(rows)})")
    print("per source_file:")
    for src, (c, n) in sorted(per_source.items(), key=lambda kv: -kv[1][1]):
        print(f"  {src:<48} {c / n:7.2%}  ({c}/{n})")
    print(f"misses ({len(misses)}):")
    kinds = Counter()
    for row, exp, out in misses:
        text = " ".join(row["text"].split())
        if len(text) > args.width:
            text = text[: args.width - 1] + "…"
        print(f"  [{row['source_file'][:12]}] {text!r}")
        print(f"      expected {_fmt(exp)} | got {_fmt(out)}")
        kinds[_kind(exp, out)] += 1
    if kinds:
        print("misses by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    rate = throughput(rows, args.repeat)
    print(f"throughput: {rate:,.0f} strings/s ({len(rows) * args.repeat:,} strings, cache on)")
    print(f"throughput uncached: {uncached_throughput(rows):,.0f} strings/s")
    return 0


def _kind(exp: tuple, out: tuple) -> str:
    if exp[0] != out[0]:
        return "missed pay" if exp[0] else "false pay"
    for name, i in (("amount", 1), ("amount", 2), ("currency", 3), ("period", 4)):
        if exp[i] != out[i]:
            return name
    return "amount"


if __name__ == "__main__":
    sys.exit(main())
