"""The `paybands` command line (also `python -m analysis`).

Exit codes: 0 success, 1 the work failed (bad data, failed notebook), 2 usage error (a bad
option, label, path, column, format or parameter). Errors are one line on stderr; `--debug` shows
the traceback instead.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
import time
import warnings
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.choices import check_columns, check_values, describe_choices
from analysis.config import (
    DEFAULT_CURRENCY,
    MAX_ZONES,
    MIN_EMPLOYERS,
    REFERENCE_METRO,
    SMALL_N,
    ZONE_MIN_POSTINGS,
    ZONE_MIN_STEP,
)
from analysis.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


# What the user named wrongly: a missing input, a file where a folder goes, a folder they may
# not write. Other OSErrors (disk full, I/O) are failures of the work.
USER_PATH_ERRORS = (FileNotFoundError, NotADirectoryError, IsADirectoryError, FileExistsError,
                    PermissionError)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        with _one_line_warnings(args.command):
            return args.run(args)
    except BrokenPipeError:  # e.g. `paybands summarize | head`
        return EXIT_OK
    except Exception as error:
        if args.debug:
            raise
        if isinstance(error, OSError | ValueError):  # UsageError is a ValueError
            print(f"paybands {args.command}: error: {error}", file=sys.stderr)
            mistake = isinstance(error, (UsageError, *USER_PATH_ERRORS))
            return EXIT_USAGE if mistake else EXIT_FAILED  # else bad data, a full disk, ...
        print(f"paybands {args.command}: internal error: {type(error).__name__}: {error} "
              "(run it again with --debug for the traceback, and please report it)",
              file=sys.stderr)
        return EXIT_FAILED


# What DATA means to every command that reads bands.
DATA_HELP = ("a snapshot folder (mydata/2026-12-01), a store (mydata/: its newest snapshot) or a "
             "bands.parquet (default: the embedded sample)")
CURRENCY_HELP = ("compare bands in this currency; bands in others are left out, never converted "
                 "(default: USD)")
GETTING_STARTED = """\
getting started:
  paybands summarize --by metro                    # the embedded sample
  paybands ingest path/to/postings/ --snapshot 2026-12-01 --out mydata/
  paybands compare mydata/ --role-family "data scientist"
  paybands report mydata/                          # HTML reports in reports/

`paybands COMMAND --help` shows a command's options and examples."""


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps descriptions and epilogs as usual, but keeps indented lines (the examples) as they
    are written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        def kind(line: str) -> str:
            return "blank" if not line.strip() else "kept" if line[:1] == " " else "prose"

        blocks = []
        for how, lines in groupby(text.splitlines(), key=kind):
            lines = list(lines)
            if how == "prose":
                blocks.append(super()._fill_text(" ".join(lines), width, indent))
            else:
                blocks += [indent + line if line.strip() else "" for line in lines]
        return "\n".join(blocks)


def _examples(*lines: str) -> str:
    """An epilog of worked examples, one command a line."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paybands",
        description="Posted pay ranges → comparable annual base-salary bands, analyses, reports.",
        epilog=GETTING_STARTED,
        formatter_class=_HelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def add_command(name: str, *, summary: str, description: str, examples: list[str]):
        return commands.add_parser(name, help=summary, description=description,
                                   epilog=_examples(*examples), formatter_class=_HelpFormatter)

    ingest = add_command(
        "ingest",
        summary="raw files/folders → a snapshot",
        description="Read raw postings (HTML career pages, Greenhouse/"
        "Lever JSON, CSV exports) and write a snapshot: bands.parquet, "
        "quarantine.csv, manifest.json. A summary of the counts goes to stdout.",
        examples=[
            "paybands ingest path/to/postings/ --snapshot 2026-12-01 --out mydata/",
            "paybands ingest careers/ board.csv --out mydata/      # labelled with today's date",
            "paybands ingest export.xlsx --mapping columns.json --out mydata/ --jobs 2",
        ],
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH",
                        help="raw files or folders (folders are searched recursively)")
    ingest.add_argument("--snapshot", metavar="LABEL",
                        help="refresh label: an ISO date or a short safe name, never a path "
                        "(default: today)")
    ingest.add_argument("--out", metavar="DIR",
                        help="snapshot store, e.g. mydata/ (default: data/snapshots)")
    ingest.add_argument(
        "--currency",
        default=None,
        metavar="CODE",
        help="what a bare '$' means in these inputs (default: the local dollar of each "
        "posting's country, else USD)",
    )
    ingest.add_argument(
        "--format",
        metavar="NAME",
        help="read every file as this format instead of detecting it: "
        "jsonld, page, greenhouse, lever, ashby, csv, jsonl, xlsx, text, or a dataset "
        "(linkedin, indeed, jobspy, nyc-jobs, usajobs, h1b, h1b-sample, glassdoor)",
    )
    ingest.add_argument(
        "--mapping",
        metavar="FILE",
        help='JSON file naming the columns of a tabular file: {"columns": {"title": "Posting '
        'Name", "employer": "Org", "pay_text": "Comp"}}',
    )
    ingest.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        default=1,
        help="processes that normalize the records (default: 1): the output is the same with "
        "any number; more are faster on a big batch and use more memory (e.g. --jobs 2: "
        f"200,000 postings in 56 s instead of 73 s). This machine has {os.cpu_count() or 1} "
        "cores",
    )
    _engine_options(ingest, what="the files are read and normalized")
    ingest.set_defaults(run=_ingest)

    parse_pay = add_command(
        "parse-pay",
        summary="pay texts on stdin → JSON lines",
        description="Read one pay text per line on stdin; write one "
        "JSON object per line on stdout.",
        examples=[
            "echo '$117,000/year to $173,000/year' | paybands parse-pay",
            "paybands parse-pay --currency CAD < pay_texts.txt > parsed.jsonl",
        ],
    )
    parse_pay.add_argument(
        "--currency",
        default=DEFAULT_CURRENCY,
        metavar="CODE",
        help="what a bare '$' means (default: USD)",
    )
    parse_pay.set_defaults(run=_parse_pay)

    summarize = add_command(
        "summarize",
        summary="band summary as CSV",
        description="Summarize annual base-pay bands by any grouping: n, p10-p90 of annual min, "
        "mid and max (a posting counted once), spread, the median's 95% interval resampling "
        "employers. CSV on stdout.",
        examples=[
            "paybands summarize --by metro",
            "paybands summarize mydata/ --by role_family,level > bands.csv",
            "paybands summarize mydata/2026-12-01 --by metro,role_family",
        ],
    )
    summarize.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    summarize.add_argument(
        "--by",
        required=True,
        metavar="COLS",
        help="comma-separated columns, e.g. metro or role_family,level (required)",
    )
    summarize.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                           help=CURRENCY_HELP)
    _engine_options(summarize)
    summarize.set_defaults(run=_summarize)

    compare = add_command(
        "compare",
        summary="index of groups against a reference, CSV",
        description="Median annual midpoint per group as an index "
        "against a reference group (= 100), with 95% intervals that resample employers "
        "(none for groups with fewer than 5 employers; the `employers` column says how many).",
        examples=[
            'paybands compare --role-family "data scientist"',
            "paybands compare mydata/ --across role_family --reference \"software engineer\"",
            "paybands compare mydata/ --adjust role_family,level > metro_index.csv",
        ],
    )
    compare.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    compare.add_argument("--across", default="metro", metavar="COL",
                         help="the column whose groups are compared (default: metro)")
    compare.add_argument("--reference", default=REFERENCE_METRO, metavar="NAME",
                         help=f"the group that is 100, a value of --across (default: "
                         f"{REFERENCE_METRO})")
    compare.add_argument("--role-family", metavar="NAME",
                         help='compare within one role family, e.g. "data scientist" '
                         "(default: all of them)")
    compare.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                         help=CURRENCY_HELP)
    compare.add_argument(
        "--adjust",
        metavar="COLS",
        help="composition-adjusted: least squares of log midpoint with these controls, e.g. "
        "role_family,level, errors clustered by employer (default: raw medians; runs here only)",
    )
    _engine_options(compare)
    compare.set_defaults(run=_compare)

    benchmark = add_command(
        "benchmark",
        summary="where one posting sits among its peers, CSV",
        description="Percentiles of one posting's min, mid and max among its peers (same role "
        "family, level when known, metro; widened to state, then nation, when peers are few). "
        "Name a posting of DATA by --posting-id, or describe one with --title, --location and "
        "--pay.",
        examples=[
            "paybands benchmark --posting-id career-page:meta/1107338720995841",
            'paybands benchmark mydata/ --title "Data Scientist" --location "Sunnyvale, CA" '
            "--pay '$150,000 - $190,000'",
        ],
    )
    benchmark.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    benchmark.add_argument("--posting-id", metavar="ID",
                           help="a posting of DATA, by its posting_id column")
    benchmark.add_argument("--title", metavar="T",
                           help='job title of a posting not in DATA, e.g. "Data Scientist"')
    benchmark.add_argument("--location", metavar="L",
                           help='its location, e.g. "Sunnyvale, CA" (with --title)')
    benchmark.add_argument("--pay", metavar="TEXT",
                           help="its posted pay, e.g. '$150,000 - $190,000' (with --title)")
    benchmark.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                           help="peers are bands in this currency (default: USD)")
    benchmark.set_defaults(run=_benchmark)

    for name, help_text, description, examples, run in (
        (
            "ladder",
            "level ladders per role family, CSV",
            "Level ladders per role family: median bands per level in ladder order, the step "
            "between adjacent levels with its employer-clustered interval, overlap, spread.",
            ['paybands ladder --role-family "data scientist"',
             "paybands ladder mydata/ > ladders.csv"],
            _ladder,
        ),
        (
            "disclosure",
            "share of postings with pay, uncovered postings, range width; CSV",
            "Pay transparency: the share of postings that state pay by group, postings a "
            "pay-transparency law in force covers that show none, or the width of posted ranges.",
            ["paybands disclosure --by state",
             "paybands disclosure mydata/ --by metro,role_family",
             "paybands disclosure mydata/ --view uncovered > uncovered.csv"],
            _disclosure,
        ),
        (
            "market",
            "posted bands against BLS OEWS May 2025 wage percentiles, CSV",
            "Posted bands against BLS OEWS May 2025 p10-p90 wages for the matching occupation "
            "and metro (else state, else nation).",
            ["paybands market",
             "paybands market mydata/ --by role_family > market.csv"],
            _market,
        ),
        (
            "infer-levels",
            "hidden levels from band clusters (inferred, labelled so), CSV",
            "Hidden ladders: clusters of posted bands within employer x role family x metro, each "
            "with a confidence. Inferred, and labelled so: the level column is never changed.",
            ["paybands infer-levels",
             "paybands infer-levels mydata/ > inferred_levels.csv"],
            _infer,
        ),
    ):
        sub = add_command(name, summary=help_text, description=description, examples=examples)
        sub.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
        sub.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                              help=CURRENCY_HELP)
        if name == "disclosure":
            sub.add_argument("--by", default="state", metavar="COLS",
                                  help="comma-separated columns the rates are grouped by, e.g. "
                                  "metro,role_family (default: state)")
            sub.add_argument(
                "--view",
                choices=("rates", "uncovered", "width"),
                default="rates",
                help="rates by group (default), postings a law covers that show no range, or "
                "the distribution of range width",
            )
        if name == "market":
            sub.add_argument("--by", default="role_family,metro", metavar="COLS",
                                  help="comma-separated columns, e.g. role_family "
                                  "(default: role_family,metro)")
        if name == "ladder":
            sub.add_argument("--role-family", metavar="NAME",
                                  help='one role family, e.g. "data scientist" '
                                  "(default: every one)")
        sub.set_defaults(run=run)

    diff = add_command(
        "diff",
        summary="what changed between two snapshots, CSV",
        description="Postings added, removed and re-banded between snapshot OLD and NEW "
        "(snapshot folders or bands.parquet files). Counts go to stderr (not with --quiet), "
        "changed postings to stdout as CSV.",
        examples=[
            "paybands diff mydata/2026-11-01 mydata/2026-12-01 > changes.csv",
            "paybands diff mydata/2026-11-01 mydata/2026-12-01 --by metro",
        ],
    )
    diff.add_argument("old", metavar="OLD",
                      help="the earlier snapshot: a snapshot folder or a bands.parquet")
    diff.add_argument("new", metavar="NEW", help="the later snapshot, the same way")
    diff.add_argument("--all", action="store_true", help="list unchanged postings too")
    diff.add_argument(
        "--by",
        metavar="COLS",
        help="instead of postings, print group-level shifts of median midpoints with bootstrap "
        "CIs, e.g. --by metro or --by role_family,level",
    )
    _engine_options(diff, what="--by shifts")
    diff.set_defaults(run=_diff)

    export = add_command(
        "export",
        summary="the analyses as one Excel workbook",
        description="Write one Excel workbook (.xlsx) of DATA's analyses, a sheet each: band "
        "summaries by metro and by role family, the metro index (raw and adjusted for role "
        "family and level), level ladders; a first About sheet says what was read and what each "
        "sheet holds. Numbers stay numbers (money, percent and count formats), text from postings "
        "is never a formula. Prints the path written.",
        examples=[
            "paybands export --xlsx paybands.xlsx            # the embedded sample",
            "paybands export mydata/ --xlsx exports/mydata.xlsx",
            "paybands export mydata/ --xlsx uk.xlsx --currency GBP",
        ],
    )
    export.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    export.add_argument("--xlsx", required=True, metavar="FILE",
                        help="the workbook to write, e.g. paybands.xlsx (required); its folder is "
                        "created, an existing file is replaced once the new one is complete")
    export.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                        help=CURRENCY_HELP)
    export.set_defaults(run=_export)

    ranges = add_command(
        "ranges",
        summary="market percentiles per level → a proposed salary structure, CSV",
        description="Price one role family's ladder from posted bands (p10-p90 of posted "
        "midpoints per level, a posting counted once) and propose a salary structure: per level "
        "range_min, range_mid, range_max, spread and the midpoint's step from the level below. "
        f"Levels with fewer than {SMALL_N} postings or {MIN_EMPLOYERS} employers take the "
        "ladder's log-linear fit as midpoint (smoothed = True). CSV on stdout, the market "
        "percentiles as market_p10 to market_p90.",
        examples=[
            'paybands ranges --role-family "data scientist"',
            'paybands ranges mydata/ --role-family "software engineer" '
            '--metro "Seattle-Tacoma-Bellevue, WA" > ranges.csv',
            'paybands ranges mydata/ --role-family "software engineer" --zone 1',
        ],
    )
    ranges.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    ranges.add_argument("--role-family", required=True, metavar="NAME",
                        help='the role family priced, e.g. "data scientist" (required)')
    where = ranges.add_mutually_exclusive_group()
    where.add_argument("--metro", metavar="NAME",
                       help='price bands in this metro only, e.g. "Seattle-Tacoma-Bellevue, WA" '
                       "(default: all metros, pooled as posted)")
    where.add_argument("--zone", metavar="N",
                       help="price bands in the metros of geographic pay zone N, pooled as "
                       "posted (default: all metros)")
    ranges.add_argument("--track", choices=("ic", "management"), default="ic",
                        help="the ladder: individual contributor or management (default: ic)")
    ranges.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                        help=CURRENCY_HELP)
    ranges.set_defaults(run=_ranges)

    zones = add_command(
        "zones",
        summary="geographic pay zones of metros, CSV",
        description="Each metro's composition-adjusted pay index (reference = 100, same role "
        "family and level) with its 95% interval (errors clustered by employer), "
        "grouped into pay zones (1 = highest): a new zone starts only where a metro lies more "
        "than --min-step points below its zone's top metro and their intervals do not overlap. "
        "Metros with too few postings or employers are listed unzoned, with the reason.",
        examples=[
            "paybands zones",
            'paybands zones mydata/ --reference "Seattle-Tacoma-Bellevue, WA" > zones.csv',
            "paybands zones mydata/ --max-zones 4 --min-step 7.5",
        ],
    )
    zones.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    zones.add_argument("--reference", default=REFERENCE_METRO, metavar="NAME",
                       help=f"the metro that is 100 (default: {REFERENCE_METRO})")
    zones.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                       help=CURRENCY_HELP)
    zones.add_argument("--max-zones", type=int, default=MAX_ZONES, metavar="N",
                       help=f"at most N zones; the step is widened until they fit (default: "
                       f"{MAX_ZONES})")
    zones.add_argument("--min-step", type=float, default=ZONE_MIN_STEP, metavar="POINTS",
                       help=f"index points a metro must lie below its zone's top metro to open "
                       f"a new zone; finer tiers are noise (default: {ZONE_MIN_STEP:g})")
    zones.add_argument("--min-postings", type=int, default=ZONE_MIN_POSTINGS, metavar="N",
                       help=f"metros with fewer postings are listed unzoned (default: "
                       f"{ZONE_MIN_POSTINGS}; fewer than {MIN_EMPLOYERS} employers always are)")
    zones.set_defaults(run=_zones)

    compa = add_command(
        "compa",
        summary="one employer's postings against their market peers (compa-ratio), CSV",
        description="Each band of one employer's postings against its peers: other employers' "
        "closed bands with the same role family, level and metro (or pay zone). Per band: the "
        "peers' p25-p75 midpoints, the compa-ratio (midpoint / peers' median midpoint) with an "
        "interval resampling peer employers, where the market median falls in the band's own "
        "range, and its midpoint's percentile among the peers'; bands with too few peers (fewer "
        "than 5 postings or 5 employers), no level or no pay say so in `status`. CSV on stdout; "
        "a one-line summary (median compa-ratio and its 95% interval, shares below 0.95, within "
        "and above 1.05) goes to stderr (not with --quiet), or to stdout as CSV with --summary.",
        examples=[
            'paybands compa --employer "Helios Compute"',
            'paybands compa mydata/ --employer acme --peers zone > acme_compa.csv',
            'paybands compa mydata/ --employer Acme --summary',
        ],
    )
    compa.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    compa.add_argument("--employer", required=True, metavar="NAME",
                       help="whose postings, matched ignoring case (required)")
    compa.add_argument(
        "--peers",
        choices=("metro", "zone"),
        default="metro",
        help="peers share the band's metro (default), or its pay zone: metros that pay alike, "
        "pooled (needs the zones analysis)",
    )
    compa.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                       help=CURRENCY_HELP)
    compa.add_argument("--summary", action="store_true",
                       help="print the one-row summary as CSV instead of one row per band "
                       "(default: one row per band)")
    compa.set_defaults(run=_compa)

    growth = add_command(
        "growth",
        summary="posted-pay growth with the mix held fixed, CSV",
        description="Growth of posted pay between snapshot OLD and NEW with the mix held fixed, "
        "as Indeed's Wage Tracker measures it: the median over cells (role family x level x "
        "metro) of each cell's median midpoint growth, with a 95% interval that resamples "
        "employers, the number of cells, and the raw median's growth beside it (the difference is "
        "the mix effect). The first row is every posting together, then one row per --by group. "
        "Growth columns are fractions (0.04 = +4%).",
        examples=[
            "paybands growth mydata/2026-11-01 mydata/2026-12-01 > growth.csv",
            "paybands growth mydata/2026-11-01 mydata/2026-12-01 --by metro",
            "paybands growth old/bands.parquet new/bands.parquet --cells title,metro",
        ],
    )
    growth.add_argument("old", metavar="OLD",
                        help="the earlier snapshot: a snapshot folder or a bands.parquet")
    growth.add_argument("new", metavar="NEW", help="the later snapshot, the same way")
    growth.add_argument("--by", metavar="COLS",
                        help="comma-separated columns with a row per group after the overall "
                        "one, e.g. metro or role_family (default: the overall row only)")
    growth.add_argument("--cells", default="role_family,level,metro", metavar="COLS",
                        help="comma-separated columns whose combinations are compared like with "
                        "like (default: role_family,level,metro)")
    growth.add_argument("--min-postings", type=int, default=SMALL_N, metavar="N",
                        help="a cell counts when it holds at least N postings in each snapshot "
                        f"(default: {SMALL_N})")
    growth.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE",
                        help=CURRENCY_HELP)
    growth.set_defaults(run=_growth)

    report = add_command(
        "report",
        summary="the notebook suite → HTML reports",
        description=(
            "Execute the notebook suite on DATA (a snapshot store, a snapshot folder or a "
            "bands.parquet; default: the embedded sample) in one kernel and export "
            "self-contained HTML reports with an index page."
        ),
        examples=[
            "paybands report                                  # the embedded sample",
            "paybands report mydata/ --out myreports/",
            'paybands report mydata/ -p focus_role "data scientist" --only 02,03',
        ],
    )
    report.add_argument("data", nargs="?", metavar="DATA", help=DATA_HELP)
    report.add_argument("--out", metavar="DIR", help="report folder (default: reports/)")
    report.add_argument("--figures", metavar="DIR", help="figure folder (default: figures/)")
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=(
            "notebook parameter, repeatable: NAME goes to every notebook declaring it, "
            "NN.NAME only to notebook NN (e.g. -p 05.location 'Austin, TX')"
        ),
    )
    report.add_argument(
        "--only", metavar="NAMES",
        help="comma-separated notebook names or numbers, e.g. 04,05 (default: all)",
    )
    report.set_defaults(run=_report)
    for command in [parser, *commands.choices.values()]:
        command.add_argument("--debug", action="store_true",
                             default=argparse.SUPPRESS if command is not parser else False,
                             help="show the full traceback of an error instead of one line")
        command.add_argument("--quiet", action="store_true",
                             default=argparse.SUPPRESS if command is not parser else False,
                             help="no progress bars or status lines on stderr (errors still "
                             "show)")
    for name, command in commands.choices.items():
        if name not in ("ingest", "parse-pay", "report", "export"):  # the commands that print a CSV
            command.add_argument("--exact", action="store_true",
                                 help="numbers at full precision (default: money to the cent, "
                                 "other decimals to 4 places, counts whole)")
    return parser


def _engine_options(command: argparse.ArgumentParser, *, what: str = "the groups") -> None:
    command.add_argument(
        "--engine",
        choices=("pandas", "dask"),
        default="pandas",
        help=f"where {what} are computed: in this process (pandas, the default) or on a Dask "
        "cluster, each group whole on one worker (the same numbers)",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler for --engine dask, e.g. tcp://HOST:8786 (default: a local "
        "cluster on this machine)",
    )


def _on_dask(args) -> bool:
    """Whether to run on Dask; a --scheduler without --engine dask is a mistake, not a hint."""
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    return args.engine == "dask"


def _progress(args) -> bool:
    """Whether to show progress on stderr: only on a terminal, and never with --quiet (pipes,
    CI and tests get the output alone)."""
    return not args.quiet and sys.stderr.isatty()


# A step that ends sooner is not worth a status line: it would be chatter on every small run.
STATUS_AFTER = 2.0


@contextlib.contextmanager
def _step(args, message: str):
    """Say "paybands COMMAND: message…" on stderr if the step is still running after
    `STATUS_AFTER` seconds, then how long it took; nothing without `_progress`."""
    if not _progress(args):
        yield
        return
    started, done, shown = time.monotonic(), threading.Event(), []

    def announce() -> None:
        if not done.wait(STATUS_AFTER):
            print(f"paybands {args.command}: {message}…", end="", file=sys.stderr, flush=True)
            shown.append(True)

    watcher = threading.Thread(target=announce, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
        if shown:
            print(f" {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _reading(args):
    """The step that reads the bands of DATA (see `_sample_first`)."""
    _sample_first(args)
    with _step(args, "reading bands"):
        yield


def _sample_first(args) -> None:
    """With no DATA, the embedded sample's store is built on first use (about a minute): with a
    progress bar, not in silence."""
    if args.data is None:
        from analysis.store import ensure_sample_store

        ensure_sample_store(progress=_progress(args))


def _ingest(args) -> int:
    from analysis.paths import SNAPSHOTS
    from analysis.sources import load_mapping
    from analysis.store import ingest, read_manifest

    options = dict(
        format=args.format,
        mapping=load_mapping(args.mapping) if args.mapping else None,
        snapshot=args.snapshot,
        out=args.out or SNAPSHOTS,
        currency=args.currency,
        progress=_progress(args),
        jobs=max(1, args.jobs),
    )
    if _on_dask(args):
        from analysis.engines.dask import connect

        with connect(args.scheduler) as client:
            snapshot = ingest(args.paths, client=client, **options)
    else:
        snapshot = ingest(args.paths, **options)
    manifest = read_manifest(snapshot)
    counts = manifest["counts"]
    print(f"snapshot {manifest['snapshot']} → {snapshot}")
    print(f"  records in   {counts['records_in']:,}")
    print(f"  postings     {counts['postings']:,} ({counts['postings_with_pay']:,} with pay)")
    print(f"  bands        {counts['bands']:,}")
    print(f"  duplicates   {counts.get('duplicates_collapsed', 0):,} collapsed")
    print(f"  quarantined  {counts['quarantined']:,}")
    for reason, n in counts["quarantined_by_reason"].items():
        print(f"    {reason}: {n:,}")
    if not manifest["reconciles"]:
        print(
            "error: counts do not reconcile (records in ≠ postings + quarantined)", file=sys.stderr
        )
        return EXIT_FAILED
    return EXIT_OK


def _parse_pay(args) -> int:
    from analysis.normalize.pay import parse_pay

    for line in sys.stdin:
        text = line.rstrip("\n").rstrip("\r")
        sys.stdout.write(
            json.dumps(parse_pay(text, currency=args.currency).to_dict(), ensure_ascii=False) + "\n"
        )
    return EXIT_OK


def _summarize(args) -> int:
    by = _columns(args.by)
    if _on_dask(args):
        from analysis.engines.dask import connect, summary_on_dask

        with connect(args.scheduler) as client:
            table = summary_on_dask(args.data, by=by, currency=args.currency, client=client)
        _write_csv(table, exact=args.exact)
        return EXIT_OK
    from analysis.analyses.summary import COMPARABLE_COLUMNS, band_summary

    with _reading(args):
        bands = _load_columns(args.data, by, COMPARABLE_COLUMNS)
    with _step(args, f"summarizing {len(bands):,} bands"):
        table = band_summary(bands, by=by, currency=args.currency)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _compare(args) -> int:
    if _on_dask(args):
        if args.adjust:
            raise UsageError("--adjust fits one regression over all the bands, on this machine: "
                             "drop --engine dask to run it")
        from analysis.engines.dask import compare_on_dask, connect

        with connect(args.scheduler) as client:
            table = compare_on_dask(args.data, across=args.across, reference=args.reference,
                                    role_family=args.role_family, currency=args.currency,
                                    client=client)
        _write_csv(table.rename(columns={"n_employers": "employers"}), exact=args.exact)
        return EXIT_OK
    from analysis.analyses.compare import compare_groups
    from analysis.analyses.summary import COMPARABLE_COLUMNS

    controls = _columns(args.adjust) if args.adjust else []
    with _reading(args):
        bands = _load_columns(args.data, [args.across, *controls],
                              [*COMPARABLE_COLUMNS, *(["role_family"] if args.role_family else [])])
    if args.role_family:
        bands = _of_role_family(bands, args.role_family, across=args.across,
                                reference=args.reference)
    with _step(args, f"comparing {len(bands):,} bands across {args.across}"):
        if args.adjust:
            from analysis.analyses.compare import adjusted_comparison

            table = adjusted_comparison(
                bands,
                across=args.across,
                reference=args.reference,
                controls=tuple(controls),
                currency=args.currency,
            )
        else:
            table = compare_groups(
                bands, across=args.across, reference=args.reference, currency=args.currency
            )
    # "employers": how many employers stand behind each index (no interval below MIN_EMPLOYERS).
    _write_csv(table.rename(columns={"n_employers": "employers"}), exact=args.exact)
    return EXIT_OK


def _benchmark(args) -> int:
    from analysis.analyses.benchmark import benchmark_from_text, benchmark_posting
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    if args.posting_id:
        table = benchmark_posting(bands, posting_id=args.posting_id, currency=args.currency)
    elif args.title and args.location and args.pay:
        table = benchmark_from_text(
            bands,
            title=args.title,
            location=args.location,
            pay_text=args.pay,
            currency=args.currency,
        )
    else:
        raise UsageError("give --posting-id ID, or all of --title, --location and --pay")
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _ladder(args) -> int:
    from analysis.analyses.ladder import level_ladder
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    with _step(args, f"building ladders from {len(bands):,} bands"):
        table = level_ladder(bands, role_family=args.role_family, currency=args.currency)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _disclosure(args) -> int:
    from analysis.analyses.disclosure import disclosure_rates
    from analysis.analyses.laws import uncovered_postings
    from analysis.analyses.widths import range_width
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    by = _columns(args.by)
    if args.view == "rates":
        check_columns(bands, by)
        table = disclosure_rates(bands, by=tuple(by))
    elif args.view == "uncovered":
        table = uncovered_postings(bands)
    else:
        table = range_width(bands, currency=args.currency)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _market(args) -> int:
    from analysis.analyses.market import market_reference
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    by = _columns(args.by)
    check_columns(bands, by)
    with _step(args, f"matching {len(bands):,} bands to OEWS wages"):
        table = market_reference(bands, by=tuple(by), currency=args.currency)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _infer(args) -> int:
    from analysis.analyses.levels import infer_levels
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    with _step(args, f"clustering {len(bands):,} bands"):
        table = infer_levels(bands, currency=args.currency)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _export(args) -> int:
    from analysis.publish.export import SHEETS, ExportWarning, export_workbook
    from analysis.publish.workbook import workbook_path
    from analysis.store import load_bands, load_manifest

    path = workbook_path(args.xlsx)  # a wrong name fails before the data is read
    with _reading(args):
        bands, manifest = load_bands(args.data), load_manifest(args.data)
    with _step(args, f"computing {len(SHEETS)} sheets from {len(bands):,} bands"), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        written = export_workbook(bands, path, currency=args.currency, manifest=manifest)
    for warning in caught:
        if issubclass(warning.category, ExportWarning):
            print(f"paybands export: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    print(written)
    return EXIT_OK


def _ranges(args) -> int:
    from analysis.analyses.ranges import market_by_level, salary_structure, zone_metros
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    metros = [args.metro] if args.metro else None
    if args.zone is not None:
        from analysis.analyses.zones import pay_zones

        with _step(args, "computing pay zones"):
            metros = zone_metros(pay_zones(bands, currency=args.currency), args.zone)
    with _step(args, f"pricing {args.role_family} levels"):
        market = market_by_level(bands, role_family=args.role_family, metros=metros,
                                 track=args.track, currency=args.currency)
        table = salary_structure(market)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _zones(args) -> int:
    from analysis.analyses.summary import COMPARABLE_COLUMNS
    from analysis.analyses.zones import pay_zones

    if args.max_zones < 1:
        raise UsageError(f"--max-zones must be 1 or more, got {args.max_zones}")
    if args.min_step < 0:
        raise UsageError(f"--min-step must be 0 or more index points, got {args.min_step:g}")
    with _reading(args):
        bands = _load_columns(args.data, ["metro", "role_family", "level"], COMPARABLE_COLUMNS)
    with _step(args, f"zoning the metros of {len(bands):,} bands"):
        table = pay_zones(bands, reference=args.reference, currency=args.currency,
                          max_zones=args.max_zones, min_step=args.min_step,
                          min_postings=args.min_postings)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _compa(args) -> int:
    from analysis.analyses.compa import compa_with_summary
    from analysis.store import load_bands

    with _reading(args):
        bands = load_bands(args.data)
    zones = _pay_zones(bands, currency=args.currency) if args.peers == "zone" else None
    with _step(args, f"placing {args.employer}'s postings among {len(bands):,} bands"):
        positions, summary = compa_with_summary(bands, employer=args.employer, peers=args.peers,
                                                zones=zones, currency=args.currency)
    if args.summary:
        _write_csv(summary, exact=args.exact)
        return EXIT_OK
    if not args.quiet:
        print(f"paybands compa: {_compa_line(summary.iloc[0])}", file=sys.stderr)
    _write_csv(positions, exact=args.exact)
    return EXIT_OK


def _pay_zones(bands: pd.DataFrame, *, currency: str) -> pd.DataFrame:
    """The metros' pay zones in `currency`, for --peers zone."""
    from analysis.analyses.zones import pay_zones

    return pay_zones(bands, currency=currency)


def _compa_line(row: pd.Series) -> str:
    """The summary in a line: "Acme: 40 of 52 postings placed against metro peers; median
    compa-ratio 1.10 (95% interval 1.05-1.14); 5% below 0.95, 20% within, 75% above 1.05; not
    placed: 12 too few peers"."""
    import pandas as pd

    from analysis.analyses.compa import COMPA_TOLERANCE
    from analysis.config import CONFIDENCE

    text = (f"{row['employer']}: {row['placed']:,} of {row['postings']:,} postings placed "
            f"against {row['peer_scope']} peers")
    if row["placed"]:
        interval = (f" ({CONFIDENCE:.0%} interval {row['median_compa_ratio_low']:.2f}-"
                    f"{row['median_compa_ratio_high']:.2f})"
                    if pd.notna(row["median_compa_ratio_low"]) else " (no interval: too few "
                    "postings placed)")
        low, high = 1 - COMPA_TOLERANCE, 1 + COMPA_TOLERANCE
        text += (f"; median compa-ratio {row['median_compa_ratio']:.2f}{interval}; "
                 f"{row['share_below']:.0%} below {low:.2f}, {row['share_at']:.0%} within, "
                 f"{row['share_above']:.0%} above {high:.2f}")
    if row["not_placed"]:
        text += f"; not placed: {row['not_placed']}"
    return text


def _growth(args) -> int:
    from analysis.analyses.growth import posted_wage_growth
    from analysis.store import read_bands

    with _step(args, "reading both snapshots"):
        old, new = read_bands(args.old), read_bands(args.new)
    cells, by = _columns(args.cells), _columns(args.by) if args.by else None
    if args.min_postings < 1:
        raise UsageError(f"--min-postings must be 1 or more, got {args.min_postings}")
    with _step(args, f"growth of {len(old):,} and {len(new):,} bands"):
        table = posted_wage_growth(old, new, cells=cells, by=by, currency=args.currency,
                                   min_postings=args.min_postings)
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _write_csv(table: pd.DataFrame, *, exact: bool = False) -> None:
    """CSV to stdout, rounded for a reader unless `exact`, text cells neutralized (posting text
    is untrusted; this lands in Excel)."""
    from analysis.formats import neutralize_formulas, rounded_for_csv

    neutralize_formulas(rounded_for_csv(table, exact=exact)).to_csv(sys.stdout, index=False)


def _diff(args) -> int:
    if _on_dask(args):
        if not args.by:
            raise UsageError("--engine dask runs `diff --by` (group shifts); the list of changed "
                             "postings runs on this machine: drop --engine dask")
        from analysis.engines.dask import connect, shifts_on_dask

        with connect(args.scheduler) as client:
            table = shifts_on_dask(args.old, args.new, by=_columns(args.by), client=client)
        _write_csv(table, exact=args.exact)
        return EXIT_OK
    from analysis.analyses.diff import diff_counts, snapshot_diff
    from analysis.store import read_bands

    with _step(args, "reading both snapshots"):
        old, new = read_bands(args.old), read_bands(args.new)
    if args.by:
        from analysis.analyses.diff import group_shifts

        by = _columns(args.by)
        check_columns(new, by)
        with _step(args, f"shifts of {len(old):,} and {len(new):,} bands"):
            table = group_shifts(old, new, by=by)
        _write_csv(table, exact=args.exact)
        return EXIT_OK
    with _step(args, f"matching {len(old):,} and {len(new):,} bands"):
        table = snapshot_diff(old, new)
    if not args.quiet:
        for status, n in diff_counts(table).items():
            print(f"{status}: {n:,}", file=sys.stderr)
    if not args.all:
        table = table.loc[table["status"] != "unchanged"]
    _write_csv(table, exact=args.exact)
    return EXIT_OK


def _report(args) -> int:
    from analysis.paths import FIGURES, REPORTS
    from analysis.publish.report import ReportError, build_reports

    only = [n.strip() for n in args.only.split(",")] if args.only else None
    _sample_first(args)
    try:
        index = build_reports(
            args.data,
            out=Path(args.out or REPORTS),
            figures_dir=Path(args.figures or FIGURES),
            parameters=dict(args.parameter),
            only=only,
            progress=_progress(args),
            log=not args.quiet,
        )
    except ReportError as error:
        print(
            f"paybands report: failed; the other reports and the index are in "
            f"{args.out or REPORTS}\n{error}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"reports written: {index}")
    return EXIT_OK


def _columns(text: str) -> list[str]:
    """Column names from a comma-separated option value ("role_family, level")."""
    return [c.strip() for c in text.split(",") if c.strip()]


def _of_role_family(bands: pd.DataFrame, role_family: str, *, across: str, reference: str
                    ) -> pd.DataFrame:
    """The bands of `role_family`, to compare `across` groups against `reference`. A role family
    or reference the data never holds is a usage error naming the closest ("data scienist"
    would compare nothing); so is a reference without bands of that role, naming its groups."""
    check_values(bands, column="role_family", values=[role_family], what="role family")
    check_values(bands, column=across, values=[reference])
    of_role = bands.loc[bands["role_family"] == role_family]
    if not (of_role[across] == reference).any():
        groups = describe_choices(of_role[across].dropna().unique(),
                                  what=across.replace("_", " "))
        raise UsageError(f"the reference {reference!r} has no {role_family!r} bands; they are "
                         f"in {groups} (choose one with --reference)")
    return of_role


@contextlib.contextmanager
def _one_line_warnings(command: str):
    """An empty filter's warning as one line like an error's, not Python's two with a file
    name: "paybands ladder: warning: no bands left after ..."."""
    from analysis.errors import EmptyFilterWarning

    with warnings.catch_warnings():
        shown = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, EmptyFilterWarning):
                print(f"paybands {command}: warning: {message}", file=sys.stderr)
            else:
                shown(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield


def _load_columns(data: str | None, asked: list[str], needed: list[str]) -> pd.DataFrame:
    """The bands of `data`, only the columns the user `asked` for and those the analysis
    `needed`; an unknown asked column is a usage error found in the parquet schema, before any
    data is read (10 million bands x 46 columns are gigabytes)."""
    import pyarrow.parquet as pq

    from analysis.store import BANDS_FILE, read_bands, resolve_data, snapshot_file

    path = resolve_data(data)
    bands_file = path.resolve() if path.is_file() else snapshot_file(path, BANDS_FILE)
    schema = pq.read_schema(bands_file)
    index = (schema.pandas_metadata or {}).get("index_columns", [])
    check_columns([name for name in schema.names if name not in index], asked)
    return read_bands(bands_file, columns=list(dict.fromkeys([*asked, *needed])))


if __name__ == "__main__":
    sys.exit(main())
