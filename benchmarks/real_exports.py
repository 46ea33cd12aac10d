"""Ingest real exports nobody tuned on and score the pay read against hand labels, in one run.

Each export is a folder holding its raw file(s) and ``labels.csv`` (a hand-labelled random sample:
row, states_pay, pay_min, pay_max, period, currency, is_base, ...). The exports are public data
fetched for local checking only; they are never committed. Usage::

    python benchmarks/real_exports.py /tmp/exports            # every export folder below
    python benchmarks/real_exports.py /tmp/exports --held-out b_seek,a_hn   # mark held-out ones

Per export it prints: records read, postings, quarantined; the sample size, sample rows stating
base pay (by hand), how many of those came out banded, and how many bands are right (min and
max within 1 %, period and currency equal), plus rows banded that state no base pay. The goal
(issue 11) is >= 93 % banded and >= 97 % right in every export.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.normalize.bands import normalize_records  # noqa: E402
from analysis.sources import read_records  # noqa: E402

LABELS = "labels.csv"
SKIP = {LABELS, "SOURCE.md", "README.md"}


def _record_keys(record: str) -> list[str]:
    """The labelled-row keys a record answers to: "row 5" is row 3 (0-based, after the header),
    "line 4" row 3, "item 7" / "comments item 7" row 7."""
    kind, _, number = record.rpartition(" ")
    if not number.isdigit():
        return []
    n = int(number)
    if kind.endswith("row"):
        return [str(n - 2)]
    if kind.endswith("line"):
        return [str(n - 1)]
    return [str(n)]


def _close(a, b) -> bool:
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and (
            b is None or (isinstance(b, float) and math.isnan(b)))
    return abs(float(a) - float(b)) <= 0.01 * max(abs(float(b)), 1.0)


def score_export(folder: Path) -> dict:
    labels = pd.read_csv(folder / LABELS, dtype={"row": str})
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in SKIP)
    records = [r for f in files for r in read_records(f, name=f.name)]
    started = time.perf_counter()
    result = normalize_records(records, snapshot="check")
    seconds = time.perf_counter() - started
    bands = result.bands
    by_row: dict[str, pd.DataFrame] = {}
    id_of = {}
    for record in records:
        for key in _record_keys(record.record):
            id_of.setdefault(key, record)
    for posting_id, group in bands.groupby("posting_id", sort=False):
        by_row[posting_id] = group
    from analysis.normalize.bands import _posting_id

    stating = banded = right = false_pay = 0
    wrong = []
    for label in labels.itertuples():
        record = id_of.get(str(label.row))
        rows = by_row.get(_posting_id(record)) if record is not None else None
        got = rows.loc[rows["has_pay"]] if rows is not None else pd.DataFrame()
        base = int(label.states_pay or 0) == 1 and int(
            label.is_base if not pd.isna(label.is_base) else 1) == 1
        if not base:
            if len(got):
                false_pay += 1
                wrong.append((label.row, "banded, but no base pay stated",
                              _describe(got), str(label.note)[:80]))
            continue
        stating += 1
        if not len(got):
            reason = "not found" if record is None else (
                "quarantined" if rows is None else "no band")
            wrong.append((label.row, reason, str(record.pay_text if record else "")[:60],
                          str(label.note)[:80]))
            continue
        banded += 1
        ok = any(
            _close(b.pay_min, label.pay_min) and _close(b.pay_max, label.pay_max)
            and (pd.isna(label.period) or b.pay_period == label.period)
            and (pd.isna(label.currency) or b.currency == label.currency)
            for b in got.itertuples()
        )
        if ok:
            right += 1
        else:
            wrong.append((label.row, "wrong", _describe(got),
                          f"want {label.pay_min}-{label.pay_max} {label.currency} "
                          f"{label.period}"))
    return {
        "export": folder.name,
        "records": len(records),
        "postings": int(bands["posting_id"].nunique()),
        "quarantined": len(result.quarantine),
        "sample": len(labels),
        "stating": stating,
        "banded": banded,
        "right": right,
        "false_pay": false_pay,
        "seconds": seconds,
        "wrong": wrong,
    }


def _describe(bands: pd.DataFrame) -> str:
    return "; ".join(f"{b.pay_min}-{b.pay_max} {b.currency} {b.pay_period} ({b.pay_source})"
                     for b in bands.itertuples())[:120]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--held-out", default="", help="comma-separated export names")
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    held_out = {name for name in args.held_out.split(",") if name}
    folders = sorted(p for p in args.root.iterdir() if (p / LABELS).exists())
    print(f"{'export':28} {'records':>7} {'quar':>5} {'sample':>6} {'pay':>4} "
          f"{'banded':>7} {'right':>6} {'false':>5}")
    totals = {"stating": 0, "banded": 0, "right": 0}
    for folder in folders:
        s = score_export(folder)
        for key in totals:
            totals[key] += s[key]
        banded = f"{s['banded']}/{s['stating']}"
        right = f"{s['right']}/{s['banded']}"
        tag = " (held out)" if folder.name in held_out else ""
        print(f"{s['export']:28} {s['records']:>7,} {s['quarantined']:>5,} {s['sample']:>6} "
              f"{s['stating']:>4} {banded:>7} {right:>6} {s['false_pay']:>5}{tag}")
        if args.details:
            for row, what, got, want in s["wrong"]:
                print(f"    row {row}: {what}: {got} | {want}")
    banded = totals["banded"] / max(totals["stating"], 1)
    right = totals["right"] / max(totals["banded"], 1)
    print(f"all: banded {totals['banded']}/{totals['stating']} ({banded:.1%}), "
          f"right {totals['right']}/{totals['banded']} ({right:.1%}); goal >= 93% banded, "
          f">= 97% right in every export")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
