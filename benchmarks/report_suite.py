"""Time `make report` (the suite in one process and one kernel) against one CLI call per notebook.

Both run on the embedded sample after setup (.venv installed, sample snapshots ingested, so
neither pays for them), and both write to the default reports/ and figures/:

* suite: `make report`, i.e. `paybands report`: one Python process, one kernel, imports paid once;
* one at a time: `paybands report --only NN` for each notebook in turn: a process and a kernel
  per notebook, as a user scripting the notebooks one by one would run them.

Each is the best of --repeats runs (default 2). Prints both wall times, the ratio and whether the
suite meets the 60 s target of issue 6. Run from the project root::

    .venv/bin/python benchmarks/report_suite.py [--repeats 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAYBANDS = ROOT / ".venv" / "bin" / "paybands"
TARGET_SECONDS = 60.0


def timed(commands: list[list[str]]) -> float:
    """Wall seconds to run `commands` one after another; any failure stops the benchmark."""
    started = time.perf_counter()
    for command in commands:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    if not PAYBANDS.exists():
        sys.exit("run `make setup` first: the benchmark times the report after setup")
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
    timed([["make", "-s", "setup"]])
    # Warm-up: ingest the sample once and fill the OS file cache, for neither side to pay it.
    timed([["make", "-s", "report"]])
    suite = min(timed([["make", "-s", "report"]]) for _ in range(args.repeats))
    separate = min(
        timed([[str(PAYBANDS), "report", "--only", name] for name in notebooks])
        for _ in range(args.repeats)
    )
    print(f"notebooks: {len(notebooks)} ({', '.join(notebooks)})")
    print(f"make report (one process, one kernel):   {suite:6.1f} s")
    print(f"one `paybands report --only` per notebook: {separate:6.1f} s")
    print(f"ratio one-at-a-time / suite: {separate / suite:.2f}x")
    verdict = "meets" if suite <= TARGET_SECONDS else "MISSES"
    print(f"target: make report <= {TARGET_SECONDS:.0f} s after setup: {verdict} ({suite:.1f} s)")


if __name__ == "__main__":
    main()
