"""How often each 95% interval covers planted truth when employers set the bands, and its cost.

Planted markets (tests/factories.py ``planted_employer_market``): four metros, seven employers
each, every employer with its own log pay premium (sd 0.18) shared by all its postings, about six
postings per employer over three levels and three role families; Sunnyvale pays exactly 1.25 x
Austin at every role and level. For each seed it checks whether the interval covers the truth:

* adjusted index of Austin (truth 80): ``adjusted_comparison``, employer-clustered (CR1, t with
  G_Austin + G_Sunnyvale - 2 df), beside the classical OLS errors (the old baseline);
* raw index of Austin (truth 80): ``compare_groups``, employer-clustered ratio of medians;
* median of one metro's pay for one job (truth 100,000): ``band_summary``, beside a percentile
  bootstrap that resamples postings (the old baseline);
* change of that median between two snapshots of the same employers after a 5 % raise (truth
  +5 %): ``group_shifts``.

The goal (issue 13) is 90-98 % coverage. Also printed: seconds per call of each.

Run from the project root::

    .venv/bin/python benchmarks/interval_coverage.py [--seeds 400] [--n-boot 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project and its test factories importable
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root), str(root / "tests")]

import numpy as np  # noqa: E402
from factories import planted_employer_market  # noqa: E402

from analysis.analyses.compare import adjusted_comparison, compare_groups  # noqa: E402
from analysis.analyses.diff import group_shifts  # noqa: E402
from analysis.analyses.summary import band_summary  # noqa: E402

SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"
ONE_METRO = {AUSTIN: 1.0}
ONE_JOB = dict(levels={"mid": 1.0}, families={"software engineer": 1.0})


def _posting_bootstrap(values: np.ndarray, *, n_boot: int, rng) -> tuple[float, float]:
    """The old interval: percentile bootstrap of the median, postings resampled independently."""
    draws = np.median(values[rng.integers(0, len(values), (n_boot, len(values)))], axis=1)
    low, high = np.quantile(draws, [0.025, 0.975])
    return float(low), float(high)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=400)
    parser.add_argument("--n-boot", type=int, default=2000)
    args = parser.parse_args(argv)
    hits = {name: 0 for name in ("adjusted", "adjusted, classical (old)", "raw index", "median",
                                 "median, postings resampled (old)", "change")}
    seconds = dict.fromkeys(hits, 0.0)

    def timed(name, call, *call_args, **kwargs):
        start = time.perf_counter()
        result = call(*call_args, **kwargs)
        seconds[name] += time.perf_counter() - start
        return result

    for seed in range(args.seeds):
        market, _ = planted_employer_market(seed)
        for name, se in (("adjusted", "cluster"), ("adjusted, classical (old)", "classical")):
            table = timed(name, adjusted_comparison, market, reference=SUNNYVALE, se=se)
            row = table.set_index("metro").loc[AUSTIN]
            hits[name] += row["index_low"] <= 80 <= row["index_high"]
        table = timed("raw index", compare_groups, market, reference=SUNNYVALE,
                      n_boot=args.n_boot, seed=seed)
        row = table.set_index("metro").loc[AUSTIN]
        hits["raw index"] += row["index_low"] <= 80 <= row["index_high"]

        old, effects = planted_employer_market(seed, metros=ONE_METRO, **ONE_JOB)
        row = timed("median", band_summary, old, by="metro", n_boot=args.n_boot, seed=seed).iloc[0]
        hits["median"] += row["annual_mid_median_low"] <= 100_000 <= row["annual_mid_median_high"]
        low, high = timed("median, postings resampled (old)", _posting_bootstrap,
                          old["annual_mid"].to_numpy(), n_boot=args.n_boot,
                          rng=np.random.default_rng(seed))
        hits["median, postings resampled (old)"] += low <= 100_000 <= high
        new, _ = planted_employer_market(seed + 10_000, metros=ONE_METRO, raise_by=1.05,
                                         employer_effects=effects, **ONE_JOB)
        row = timed("change", group_shifts, old, new, by="metro", n_boot=args.n_boot,
                    seed=seed).iloc[0]
        hits["change"] += row["change_low"] <= 0.05 <= row["change_high"]

    print(f"{args.seeds} planted markets, 7 employers per metro, employer log sd 0.18, "
          f"{args.n_boot} resamples; goal 90-98 % coverage")
    print(f"{'interval':36} {'coverage':>9} {'ms per call':>12}")
    for name, hit in hits.items():
        print(f"{name:36} {100 * hit / args.seeds:8.1f}% {1000 * seconds[name] / args.seeds:12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
