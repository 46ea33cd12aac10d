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
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.choices import check_columns, check_values, describe_choices
from analysis.config import DEFAULT_CURRENCY, REFERENCE_METRO
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paybands",
        description="Posted pay ranges → comparable annual base-salary bands, analyses, reports.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest",
        help="raw files/folders → a snapshot",
        description="Read raw postings (HTML career pages, Greenhouse/"
        "Lever JSON, CSV exports) and write a snapshot: bands.parquet, "
        "quarantine.csv, manifest.json.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="raw files or folders")
    ingest.add_argument("--snapshot", metavar="LABEL",
                        help="refresh label: an ISO date or a short safe name, never a path "
                        "(default: today)")
    ingest.add_argument("--out", metavar="DIR", help="snapshot store (default: data/snapshots)")
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
        help="processes that normalize the records: the output is the same with any number; "
        "more are faster on a big batch and use more memory (e.g. --jobs 2: 200,000 postings "
        f"in 56 s instead of 73 s). This machine has {os.cpu_count() or 1} cores",
    )
    _engine_options(ingest, what="the files are read and normalized")
    ingest.set_defaults(run=_ingest)

    parse_pay = commands.add_parser(
        "parse-pay",
        help="pay texts on stdin → JSON lines",
        description="Read one pay text per line on stdin; write one "
        "JSON object per line on stdout.",
    )
    parse_pay.add_argument(
        "--currency",
        default=DEFAULT_CURRENCY,
        metavar="CODE",
        help="what a bare '$' means (default: USD)",
    )
    parse_pay.set_defaults(run=_parse_pay)

    summarize = commands.add_parser(
        "summarize",
        help="band summary as CSV",
        description="Summarize annual base-pay bands by any grouping.",
    )
    summarize.add_argument(
        "data",
        nargs="?",
        metavar="DATA",
        help="snapshot folder, store or bands.parquet (default: the sample)",
    )
    summarize.add_argument(
        "--by",
        required=True,
        metavar="COLS",
        help="comma-separated columns, e.g. metro or role_family,level",
    )
    summarize.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE")
    _engine_options(summarize)
    summarize.set_defaults(run=_summarize)

    compare = commands.add_parser(
        "compare",
        help="index of groups against a reference, CSV",
        description="Median annual midpoint per group as an index "
        "against a reference group (= 100), with 95% intervals that resample employers "
        "(none for groups with fewer than 5 employers; the `employers` column says how many).",
    )
    compare.add_argument("data", nargs="?", metavar="DATA")
    compare.add_argument("--across", default="metro", metavar="COL")
    compare.add_argument("--reference", default=REFERENCE_METRO, metavar="NAME")
    compare.add_argument("--role-family", metavar="NAME", help="compare within one role family")
    compare.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE")
    compare.add_argument(
        "--adjust",
        metavar="COLS",
        help="composition-adjusted: least squares of log midpoint with these controls, e.g. "
        "role_family,level, errors clustered by employer (default: raw medians; runs here only)",
    )
    _engine_options(compare)
    compare.set_defaults(run=_compare)

    benchmark = commands.add_parser(
        "benchmark",
        help="where one posting sits among its peers, CSV",
        description="Percentiles of one posting's min, mid and max among its peers (same role "
        "family, level when known, metro; widened to state, then nation, when peers are few).",
    )
    benchmark.add_argument("data", nargs="?", metavar="DATA")
    benchmark.add_argument("--posting-id", metavar="ID")
    benchmark.add_argument("--title", metavar="T")
    benchmark.add_argument("--location", metavar="L")
    benchmark.add_argument("--pay", metavar="TEXT")
    benchmark.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE")
    benchmark.set_defaults(run=_benchmark)

    for name, help_text, run in (
        ("ladder", "level ladders per role family, CSV", _ladder),
        (
            "disclosure",
            "share of postings with pay, uncovered postings, range width; CSV",
            _disclosure,
        ),
        ("market", "posted bands against BLS OEWS May 2025 wage percentiles, CSV", _market),
        ("infer-levels", "hidden levels from band clusters (inferred, labelled so), CSV", _infer),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("data", nargs="?", metavar="DATA")
        command.add_argument("--currency", default=DEFAULT_CURRENCY, metavar="CODE")
        if name == "disclosure":
            command.add_argument("--by", default="state", metavar="COLS")
            command.add_argument(
                "--view",
                choices=("rates", "uncovered", "width"),
                default="rates",
                help="rates by group (default), postings a law covers that show no range, or "
                "the distribution of range width",
            )
        if name == "market":
            command.add_argument("--by", default="role_family,metro", metavar="COLS")
        if name == "ladder":
            command.add_argument("--role-family", metavar="NAME")
        command.set_defaults(run=run)

    diff = commands.add_parser(
        "diff",
        help="what changed between two snapshots, CSV",
        description="Postings added, removed and re-banded between snapshot OLD and NEW "
        "(snapshot folders or bands.parquet files). Counts go to stderr, changed postings to "
        "stdout as CSV.",
    )
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--all", action="store_true", help="list unchanged postings too")
    diff.add_argument(
        "--by",
        metavar="COLS",
        help="instead of postings, print group-level shifts of median midpoints with bootstrap "
        "CIs, e.g. --by metro or --by role_family,level",
    )
    _engine_options(diff, what="--by shifts")
    diff.set_defaults(run=_diff)

    report = commands.add_parser(
        "report",
        help="the notebook suite → HTML reports",
        description=(
            "Execute the notebook suite on DATA (a snapshot store, a snapshot folder or a "
            "bands.parquet; default: the embedded sample) in one kernel and export "
            "self-contained HTML reports with an index page."
        ),
    )
    report.add_argument("data", nargs="?", metavar="DATA")
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
        "--only", metavar="NAMES", help="comma-separated notebook names or numbers (e.g. 04,05)"
    )
    report.set_defaults(run=_report)
    for command in [parser, *commands.choices.values()]:
        command.add_argument("--debug", action="store_true",
                             default=argparse.SUPPRESS if command is not parser else False,
                             help="show the full traceback of an error instead of one line")
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
        progress=sys.stderr.isatty(),
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
        _write_csv(table)
        return EXIT_OK
    from analysis.analyses.summary import COMPARABLE_COLUMNS, band_summary

    bands = _load_columns(args.data, by, COMPARABLE_COLUMNS)
    _write_csv(band_summary(bands, by=by, currency=args.currency))
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
        _write_csv(table.rename(columns={"n_employers": "employers"}))
        return EXIT_OK
    from analysis.analyses.compare import compare_groups
    from analysis.analyses.summary import COMPARABLE_COLUMNS

    controls = _columns(args.adjust) if args.adjust else []
    bands = _load_columns(args.data, [args.across, *controls],
                          [*COMPARABLE_COLUMNS, *(["role_family"] if args.role_family else [])])
    if args.role_family:
        bands = _of_role_family(bands, args.role_family, across=args.across,
                                reference=args.reference)
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
    _write_csv(table.rename(columns={"n_employers": "employers"}))
    return EXIT_OK


def _benchmark(args) -> int:
    from analysis.analyses.benchmark import benchmark_from_text, benchmark_posting
    from analysis.store import load_bands

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
    _write_csv(table)
    return EXIT_OK


def _ladder(args) -> int:
    from analysis.analyses.ladder import level_ladder
    from analysis.store import load_bands

    table = level_ladder(
        load_bands(args.data), role_family=args.role_family, currency=args.currency
    )
    _write_csv(table)
    return EXIT_OK


def _disclosure(args) -> int:
    from analysis.analyses.disclosure import disclosure_rates
    from analysis.analyses.laws import uncovered_postings
    from analysis.analyses.widths import range_width
    from analysis.store import load_bands

    bands = load_bands(args.data)
    by = _columns(args.by)
    if args.view == "rates":
        check_columns(bands, by)
        table = disclosure_rates(bands, by=tuple(by))
    elif args.view == "uncovered":
        table = uncovered_postings(bands)
    else:
        table = range_width(bands, currency=args.currency)
    _write_csv(table)
    return EXIT_OK


def _market(args) -> int:
    from analysis.analyses.market import market_reference
    from analysis.store import load_bands

    bands = load_bands(args.data)
    by = _columns(args.by)
    check_columns(bands, by)
    _write_csv(market_reference(bands, by=tuple(by), currency=args.currency))
    return EXIT_OK


def _infer(args) -> int:
    from analysis.analyses.levels import infer_levels
    from analysis.store import load_bands

    _write_csv(infer_levels(load_bands(args.data), currency=args.currency))
    return EXIT_OK


def _write_csv(table: pd.DataFrame) -> None:
    """CSV to stdout, text cells neutralized (posting text is untrusted; this lands in Excel)."""
    from analysis.formats import neutralize_formulas

    neutralize_formulas(table).to_csv(sys.stdout, index=False)


def _diff(args) -> int:
    if _on_dask(args):
        if not args.by:
            raise UsageError("--engine dask runs `diff --by` (group shifts); the list of changed "
                             "postings runs on this machine: drop --engine dask")
        from analysis.engines.dask import connect, shifts_on_dask

        with connect(args.scheduler) as client:
            table = shifts_on_dask(args.old, args.new, by=_columns(args.by), client=client)
        _write_csv(table)
        return EXIT_OK
    from analysis.analyses.diff import diff_counts, snapshot_diff
    from analysis.store import read_bands

    old, new = read_bands(args.old), read_bands(args.new)
    if args.by:
        from analysis.analyses.diff import group_shifts

        by = _columns(args.by)
        check_columns(new, by)
        _write_csv(group_shifts(old, new, by=by))
        return EXIT_OK
    table = snapshot_diff(old, new)
    for status, n in diff_counts(table).items():
        print(f"{status}: {n:,}", file=sys.stderr)
    if not args.all:
        table = table.loc[table["status"] != "unchanged"]
    _write_csv(table)
    return EXIT_OK


def _report(args) -> int:
    from analysis.paths import FIGURES, REPORTS
    from analysis.publish.report import ReportError, build_reports

    only = [n.strip() for n in args.only.split(",")] if args.only else None
    try:
        index = build_reports(
            args.data,
            out=Path(args.out or REPORTS),
            figures_dir=Path(args.figures or FIGURES),
            parameters=dict(args.parameter),
            only=only,
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
