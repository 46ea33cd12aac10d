"""Ingest and analyses at scale on real-shaped postings, against pandas, in one run (issue 15).

Builds N postings (default 200,000) by resampling, seeded (numpy default_rng(--seed)), the rows
of the real job-board exports in ../shared/data/real (:data:`EXPORTS`, read at run time through
analysis.paths.SHARED_REAL; nothing is copied into the project). Each export keeps its own columns
and a share of N proportional to its rows; every row gets a unique id and, where the export has
a description, a unique last line, so neither deduplication nor a cache can skip work that a
real refresh would need. The files go to --workdir as CSV of at most --file-rows rows. Then:

* pandas: ``pd.read_csv`` of every generated file, the floor any ingest stands on (best of 2,
  so the files are in the page cache as they are for the ingest);
* paybands ingest of the folder into a fresh store, with one process and with --jobs (default:
  one per core): wall time, peak RSS of the largest process and (with psutil, which jupyter
  installs) of all processes together (an upper bound: pages shared after fork count once per
  process), rows/s, and the ratio to the pandas read;
* on that store, ``summarize --by role_family,metro`` and ``compare --adjust role_family,level``:
  wall time and peak RSS each.

Every command runs as its own process; its peak RSS is its ``ru_maxrss`` (Linux/macOS). The
targets of issue 15 are printed beside the figures. Run from the project root::

    .venv/bin/python benchmarks/scale.py [--postings 200000] [--seed 2026]
        [--workdir /tmp/paybands-scale] [--file-rows 100000] [--skip-analyses]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.paths import SHARED_REAL  # noqa: E402

PAYBANDS = ROOT / ".venv" / "bin" / "paybands"
# Job-board and ATS exports among the shared real files (salary tables and gold sets are not).
EXPORTS = (
    "indeed_us_jobs_2025_04.csv",
    "workatastartup_nyc_jobs_2026.csv",
    "glassdoor_ds_jobs_2020_us.csv",
    "glassdoor_au_data_jobs_2021.csv",
    "glassdoor_india_ds_jobs_2020.csv",
    "linkedin_postings_2024_sample.csv",
    "nyc_jobs_2019.csv",
    "speedyapply_swe_newgrad_intern_2024_2025.csv",
    "uk_reed_ds_jobs_2021.csv",
    "uk_totaljobs_ds_jobs_2021.csv",
    "usajobs_historic_product_manager_2025.csv",
)
ID_COLUMN = "job_id"
# Issue 15's targets on this 2-core machine.
TARGETS = {200_000: (10.0, 2.0), 1_000_000: (None, 4.0)}  # (× pandas, peak GB)
TARGET_SECONDS_1M = 120.0
# Runs a command and prints its peak RSS in KB as the last line (ru_maxrss of its children).
_MEASURE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")


def load_exports(folder: Path) -> dict[str, pd.DataFrame]:
    """Each export as read by pandas (all text), the ones missing skipped with a note."""
    frames = {}
    for name in EXPORTS:
        path = folder / name
        if not path.exists():
            print(f"  (skipped: {path} not found)")
            continue
        frames[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not frames:
        sys.exit(f"no exports found in {folder}: the benchmark needs ../shared/data/real")
    return frames


def real_shaped(frames: dict[str, pd.DataFrame], n: int, seed: int) -> dict[str, pd.DataFrame]:
    """N rows resampled with replacement across the exports, in proportion to their sizes, each
    with a unique id and (where there is one) a unique description."""
    rng = np.random.default_rng(seed)
    sizes = np.array([len(f) for f in frames.values()], dtype=float)
    shares = rng.multinomial(n, sizes / sizes.sum())
    out, start = {}, 0
    for (name, frame), count in zip(frames.items(), shares, strict=True):
        if count == 0:
            continue
        sample = frame.iloc[rng.integers(0, len(frame), size=count)].reset_index(drop=True)
        ids = [f"{Path(name).stem}-{start + i}" for i in range(count)]
        sample = sample.drop(columns=[c for c in sample.columns
                                      if c.lower().replace(" ", "_") in ("job_id", "id")])
        sample.insert(0, ID_COLUMN, ids)
        for column in [c for c in sample.columns if "description" in c.lower()]:
            sample[column] = sample[column] + "\nRef " + pd.Series(ids)
        out[name] = sample
        start += count
    return out


def write_files(samples: dict[str, pd.DataFrame], folder: Path, file_rows: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for name, sample in samples.items():
        for part, begin in enumerate(range(0, len(sample), file_rows)):
            path = folder / f"{Path(name).stem}-{part:03d}.csv"
            sample.iloc[begin:begin + file_rows].to_csv(path, index=False)
            paths.append(path)
    return paths


def pandas_read_seconds(paths: list[Path]) -> float:
    best = float("inf")
    for _ in range(2):
        began = time.perf_counter()
        for path in paths:
            pd.read_csv(path, dtype=str)
        best = min(best, time.perf_counter() - began)
    return best


def measured(command: list[str]) -> tuple[float, float, float | None, str]:
    """Wall seconds, peak RSS of its largest process and (psutil present) of its whole process
    tree, in GB, and stdout of one command run in its own process."""
    began = time.perf_counter()
    # Output goes to files, not pipes: a command printing a large CSV would block on a full pipe
    # while its tree is being watched.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        with subprocess.Popen([sys.executable, "-c", _MEASURE, *command], stdout=out_file,
                              stderr=err_file, text=True) as process:
            tree_peak = _watch_tree(process)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    seconds = time.perf_counter() - began
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err[-2000:]}")
    *lines, peak_kb = out.rstrip().split("\n")
    return seconds, int(peak_kb) / 1024 ** 2, tree_peak, "\n".join(lines)


def _watch_tree(process: subprocess.Popen) -> float | None:
    """The largest summed RSS of `process` and its descendants (worker processes) in GB, sampled
    every 0.1 s; None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    peak = 0
    root = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return peak / 1024 ** 3


def _verdicts(target: tuple, seconds: float, read: float, peak: float) -> list[str]:
    ratio, gb = target
    verdicts = ([f"<= {ratio:.0f} x pandas: {'yes' if seconds / read <= ratio else 'NO'}"]
                if ratio else [f"<= {TARGET_SECONDS_1M:.0f} s: "
                               f"{'yes' if seconds <= TARGET_SECONDS_1M else 'NO'}"])
    return [*verdicts, f"peak <= {gb:.0f} GB: {'yes' if peak <= gb else 'NO'}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/paybands-scale"))
    parser.add_argument("--file-rows", type=int, default=100_000)
    parser.add_argument("--skip-analyses", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for the second ingest run (the first uses one)")
    args = parser.parse_args(argv)

    shutil.rmtree(args.workdir, ignore_errors=True)
    raw, store = args.workdir / "raw", args.workdir / "store"
    print(f"real-shaped postings: {args.postings:,} (seed {args.seed}) from {SHARED_REAL}")
    began = time.perf_counter()
    samples = real_shaped(load_exports(SHARED_REAL), args.postings, args.seed)
    paths = write_files(samples, raw, args.file_rows)
    size_mb = sum(p.stat().st_size for p in paths) / 1024 ** 2
    built = time.perf_counter() - began
    print(f"  {len(paths)} CSV files, {size_mb:,.0f} MB, built in {built:.1f} s")

    read = pandas_read_seconds(paths)
    print(f"\npandas read_csv of the same files (baseline): {read:.1f} s")
    target = TARGETS.get(args.postings)
    for jobs in dict.fromkeys((1, args.jobs)):
        shutil.rmtree(store, ignore_errors=True)
        seconds, peak, tree, output = measured(
            [str(PAYBANDS), "ingest", str(raw), "--out", str(store), "--jobs", str(jobs)])
        whole = f", all processes {tree:.2f} GB" if tree is not None else ""
        print(f"paybands ingest --jobs {jobs}: {seconds:.1f} s = {seconds / read:.1f} x pandas, "
              f"peak RSS {peak:.2f} GB{whole}, {args.postings / seconds:,.0f} input rows/s")
        if target:
            print(f"  issue 15 target at {args.postings:,}: "
                  + "; ".join(_verdicts(target, seconds, read, max(peak, tree or 0))))
    manifest = json.loads(next(store.rglob("manifest.json")).read_text())
    postings = manifest.get("counts", {}).get("postings") or manifest.get("postings")
    print("  " + "\n  ".join(line for line in output.splitlines() if line.strip()))
    if postings:
        print(f"  postings in the store: {postings:,}")

    if not args.skip_analyses:
        print()
        for name, extra in (("summarize", ["--by", "role_family,metro"]),
                            ("compare", ["--across", "metro", "--adjust", "role_family,level"])):
            seconds, peak, _, _ = measured([str(PAYBANDS), name, str(store), *extra])
            print(f"paybands {name} {' '.join(extra)}: {seconds:.1f} s, peak RSS {peak:.2f} GB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
