"""The grouped analyses on a Dask cluster: band summaries, comparisons and group shifts of
snapshots bigger than one machine, with exactly the numbers of the pandas functions.

How: read from bands.parquet only the columns an analysis needs, keep the comparable bands,
shuffle by the group key so that every group sits whole in one partition, and run the pandas
function (:func:`~analysis.analyses.summary.band_summary`, ...) on each partition. Percentiles
are exact, never approximate quantiles: a group's numbers depend on its own rows only, its
bootstrap included (each group draws from :func:`analysis.stats.group_rng`, seeded by its key).
What the shuffle scrambles is put back: the rows' file order within a group (a band with no
employer is a cluster named by its position, and ties sort stably), then the order and dtypes
of the result's rows, so a result equals the pandas one frame for frame.

Dask is imported here only, and this module only when asked for (``--engine dask``): the
command line and ``make report`` do not pay for it. :func:`connect` knows nothing of analyses,
so other work (ingest) can run on the same clusters.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.analyses.compare import compare_groups, missing_reference
from analysis.analyses.diff import group_shifts
from analysis.analyses.summary import band_summary, comparable_bands
from analysis.choices import check_choices, check_columns
from analysis.config import (
    CONFIDENCE,
    DEFAULT_CURRENCY,
    N_BOOT,
    REFERENCE_METRO,
    SCHEDULER_TIMEOUT,
    SEED,
    SMALL_N,
)
from analysis.errors import UsageError
from analysis.store import BANDS_FILE, resolve_data, snapshot_file

if TYPE_CHECKING:
    import dask.dataframe as dd
    from distributed import Client

# What comparable_bands filters on and what counts, weights and employer clusters come from.
_COMPARABLE = ["posting_id", "employer", "has_pay", "currency", "annual_mid"]
# Each row's place in bands.parquet, (input partition, row in it): partitions are contiguous
# runs of row groups in file order, so sorting on both restores the file's order.
_ORDER = ["_part", "_row"]
# Which snapshot a row of a two-snapshot shuffle comes from (group shifts).
_SIDE = "_side"
# Where a local cluster's scheduler serves its status pages: this machine only, any free port.
LOOPBACK_ANY_PORT = "127.0.0.1:0"


def connect(scheduler: str | None = None, *, timeout: float = SCHEDULER_TIMEOUT) -> Client:
    """A client of the Dask scheduler at `scheduler` (``tcp://HOST:8786``) once it has a worker;
    with None, of a new cluster of worker processes sized to this machine (said on stderr),
    which closes with the client. Use it as ``with connect(...) as client:``.

    Raises
    ------
    UsageError when `scheduler` is no Dask address; ConnectionError when nothing answers there
    within `timeout` seconds, or the scheduler has no worker by then.
    """
    from distributed import Client

    if scheduler is None:
        # Worker processes, not threads: the percentile and bootstrap code holds the GIL. The
        # scheduler's status pages take a free loopback port (8787 may be another cluster's).
        client = Client(processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                        scheduler_kwargs={"dashboard_address": LOOPBACK_ANY_PORT})
        threads = client.nthreads()
        print(f"paybands: no Dask scheduler named: a local Dask cluster of {len(threads)} "
              f"worker(s), {sum(threads.values())} thread(s), on this machine", file=sys.stderr)
        return client
    try:
        client = Client(scheduler, timeout=timeout)
    except ValueError as error:  # no scheme, an unknown one, a bad port
        raise UsageError(f"--scheduler {scheduler!r} is not a Dask scheduler address "
                         f"({error}); e.g. tcp://HOST:8786") from None
    except OSError:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} within "
                              f"{timeout:g} s: is `dask scheduler` running there, and the port "
                              "open?") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ConnectionError(f"the Dask scheduler at {scheduler} has no worker: start some "
                              f"with `dask worker {scheduler}`") from None
    return client


def summary_on_dask(
    data: str | Path | None,
    *,
    by: str | list[str],
    client: Client,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    npartitions: int | None = None,
    split_row_groups: bool | str = "infer",
) -> pd.DataFrame:
    """:func:`~analysis.analyses.summary.band_summary` of the bands in `data` (a snapshot
    folder, a store's newest snapshot, a bands.parquet file, a URL of a snapshot folder or of
    its bands.parquet; None is the sample),
    computed on `client`'s cluster: the same frame, row for row.

    npartitions : partitions the groups are shuffled into (default: 8 per thread of the
        cluster, at least the input's); a group is never split, so the largest group must fit
        in a worker's memory and bounds the run time.
    split_row_groups : how bands.parquet's row groups make input partitions
        (:func:`dask.dataframe.read_parquet`): "infer" sizes them, True is one per row group.
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, *_COMPARABLE, "annual_min", "annual_max"]
    options = dict(currency=currency, min_n=min_n, confidence=confidence, n_boot=n_boot,
                   seed=seed)
    with _pandas_dtypes():
        bands = _comparable(_read(data, columns, split_row_groups), currency=currency)
        tables = _each_partition(client, _shuffled(bands, keys, client, npartitions),
                                 _summary_part, by=keys, **options)
        empty = _plain(bands._meta)
    return _assembled(tables, keys, by_key=True) if _any(tables) else band_summary(
        empty, by=keys, **options)


def compare_on_dask(
    data: str | Path | None,
    *,
    client: Client,
    across: str = "metro",
    reference: str = REFERENCE_METRO,
    role_family: str | None = None,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    npartitions: int | None = None,
    split_row_groups: bool | str = "infer",
) -> pd.DataFrame:
    """:func:`~analysis.analyses.compare.compare_groups` of the bands in `data` (of one
    `role_family` when given) on `client`'s cluster: the same frame, row for row.

    The reference group is read first and sent to every partition, where each group is
    compared with it. `npartitions`, `split_row_groups`: as in :func:`summary_on_dask`.

    Raises
    ------
    UnknownChoiceError (a ValueError) for a `role_family` or `reference` the data never holds,
    naming the closest, as :func:`compare_groups`; ValueError when the reference group has no
    comparable bands.
    """
    filters = ["role_family"] if role_family is not None else []
    columns = [across, *_COMPARABLE, *filters]
    with _pandas_dtypes():
        everything = bands = _read(data, columns, split_row_groups)
        if role_family is not None:
            bands = bands[bands["role_family"] == role_family]
        bands = _comparable(bands, currency=currency).dropna(subset=[across])
        reference_bands = _in_file_order(
            client.compute(bands[bands[across] == reference]).result())
        if reference_bands.empty:  # the pandas errors: a typo'd name, else no comparable bands
            if role_family is not None:
                _check_value(client, everything, "role_family", role_family)
            _check_value(client, everything, across, reference)
            groups = client.compute(bands[across].unique()).result()
            raise missing_reference(reference, across=across, currency=currency, groups=groups)
        tables = _each_partition(
            client, _shuffled(bands, [across], client, npartitions), _compare_part,
            reference_bands=client.scatter(reference_bands, broadcast=True), across=across,
            reference=reference, currency=currency, min_n=min_n, confidence=confidence,
            n_boot=n_boot, seed=seed)
    compared = _assembled(tables, [across], by_key=True)
    return compared.sort_values("index", ascending=False, ignore_index=True)  # as compare_groups


def shifts_on_dask(
    old: str | Path,
    new: str | Path,
    *,
    by: str | list[str] = "metro",
    client: Client,
    currency: str = DEFAULT_CURRENCY,
    min_n: int = SMALL_N,
    confidence: float = CONFIDENCE,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    npartitions: int | None = None,
    split_row_groups: bool | str = "infer",
) -> pd.DataFrame:
    """:func:`~analysis.analyses.diff.group_shifts` between the snapshots `old` and `new` on
    `client`'s cluster: the same frame, row for row. Both snapshots' bands go through one
    shuffle, so a group's rows of then and now meet in one partition. `npartitions`,
    `split_row_groups`: as in :func:`summary_on_dask`."""
    import dask.dataframe as dd

    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, *_COMPARABLE]
    options = dict(currency=currency, min_n=min_n, confidence=confidence, n_boot=n_boot,
                   seed=seed)
    with _pandas_dtypes():
        sides = [_comparable(_read(path, columns, split_row_groups), currency=currency)
                 .assign(**{_SIDE: side}) for side, path in enumerate((old, new))]
        bands = dd.concat(sides)
        tables = _each_partition(client, _shuffled(bands, keys, client, npartitions),
                                 _shifts_part, by=keys, **options)
        empty = _plain(sides[0]._meta).drop(columns=_SIDE)
    if not _any(tables):
        return group_shifts(empty, empty, by=keys, **options)
    return _assembled(tables, keys, by_key=False)


# --- On each partition (run by the workers) ------------------------------------------------------


def _summary_part(rows: pd.DataFrame, *, by: list[str], **options) -> pd.DataFrame:
    rows = _in_file_order(rows)
    return _keys_typed_as(band_summary(rows, by=by, **options), rows, by)


def _compare_part(rows: pd.DataFrame, *, reference_bands: pd.DataFrame, across: str,
                  reference: str, **options) -> pd.DataFrame:
    rows = _in_file_order(rows)
    if rows.empty:
        return pd.DataFrame()
    # The partition that holds the reference group reports it; the others only compare to it.
    holds_reference = bool((rows[across] == reference).any())
    bands = rows if holds_reference else pd.concat([rows, reference_bands], ignore_index=True)
    table = compare_groups(bands, across=across, reference=reference, **options)
    if not holds_reference:
        table = table.loc[~table["is_reference"]]
    return _keys_typed_as(table, rows, [across])


def _shifts_part(rows: pd.DataFrame, *, by: list[str], **options) -> pd.DataFrame:
    rows = _in_file_order(rows)
    side = rows.pop(_SIDE)
    old, new = rows.loc[side == 0], rows.loc[side == 1]
    return _keys_typed_as(group_shifts(old, new, by=by, **options), rows, by)


def _in_file_order(rows: pd.DataFrame) -> pd.DataFrame:
    """A partition's rows in bands.parquet's order (of each snapshot, for two), as the pandas
    function would see them, without the numbering."""
    order = [c for c in (_SIDE, *_ORDER) if c in rows]
    return rows.sort_values(order, kind="stable").drop(columns=_ORDER).reset_index(drop=True)


def _keys_typed_as(table: pd.DataFrame, rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`table` with its key columns in the dtypes of the bands' (an ordered level stays
    ordered), so the client can order groups as pandas does; :func:`_assembled` undoes it."""
    return table.astype({key: rows[key].dtype for key in keys}) if len(table) else table


# --- On the client -------------------------------------------------------------------------------


@contextmanager
def _pandas_dtypes():
    """Dask reads text as pandas reads it ("str"), not as its own pyarrow strings: the pandas
    functions then see the dtypes they see on one machine, and give the same dtypes back."""
    import dask

    with dask.config.set({"dataframe.convert-string": False}):
        yield


def _read(data: str | Path | None, columns: list[str], split_row_groups) -> dd.DataFrame:
    """`columns` of the bands in `data`, each row numbered by its place (:data:`_ORDER`)."""
    import dask.dataframe as dd

    path = _bands_path(data)
    check_columns(list(dd.read_parquet(path).columns), columns)  # the schema only: nothing read
    bands = dd.read_parquet(path, columns=list(dict.fromkeys(columns)),
                            split_row_groups=split_row_groups)
    return bands.map_partitions(_numbered, meta=_numbered(bands._meta, {"number": 0}))


def _check_value(client: Client, bands: dd.DataFrame, column: str, value) -> None:
    """:func:`~analysis.choices.check_values` of one value on a Dask frame (on a failure only:
    it reads the column's distinct values)."""
    known = client.compute(bands[column].dropna().unique()).result()
    if len(known):
        check_choices([value], known, what=column.replace("_", " "), where="the data has")


def _bands_path(data: str | Path | None) -> str:
    """Where the workers read bands.parquet: a URL as given (a snapshot folder's gets the file
    name), else the real path of the snapshot `data` resolves to, the label resolved once."""
    text = str(data or "")
    if "://" in text:
        return text if text.endswith(".parquet") else f"{text.rstrip('/')}/{BANDS_FILE}"
    path = resolve_data(data)
    return str(snapshot_file(path, BANDS_FILE) if path.is_dir() else path.resolve())


def _numbered(bands: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
    return bands.assign(_part=partition_info["number"], _row=np.arange(len(bands)))


def _comparable(bands: dd.DataFrame, *, currency: str) -> dd.DataFrame:
    """The bands the analyses compare, kept before the shuffle moves them (fewer to move)."""
    return bands.map_partitions(comparable_bands, currency=currency, meta=bands._meta)


def _plain(meta: pd.DataFrame) -> pd.DataFrame:
    """An empty bands frame without the row numbering: what a function gets with no bands."""
    return meta.iloc[:0].drop(columns=_ORDER)


def _shuffled(bands: dd.DataFrame, keys: list[str], client: Client, npartitions: int | None
              ) -> dd.DataFrame:
    """`bands` with each group (rows equal on `keys`, missing values included) in one
    partition."""
    # Several partitions a thread: a few big groups hashed into as many partitions as threads
    # would leave some workers with most of the work.
    threads = sum(client.nthreads().values())
    return bands.shuffle(on=keys, npartitions=npartitions or max(bands.npartitions, 8 * threads))


def _each_partition(client: Client, bands: dd.DataFrame, function: Callable, **options
                    ) -> list[pd.DataFrame]:
    """`function(partition, **options)` of each partition, computed on the cluster."""
    from dask import delayed

    tasks = [delayed(function)(partition, **options) for partition in bands.to_delayed()]
    return client.gather(client.compute(tasks))


def _any(tables: list[pd.DataFrame]) -> bool:
    return any(len(table) for table in tables)


def _assembled(tables: list[pd.DataFrame], keys: list[str], *, by_key: bool) -> pd.DataFrame:
    """The partitions' results as one frame in the order of the pandas function's groups:
    sorted by key as its groupby sorts them (`by_key`, missing keys last), else by the key's
    text, as :func:`~analysis.analyses.diff.group_shifts` sorts them. Rebuilt from its rows,
    as the function builds it, so each column has the dtype it has there (a level key is text,
    as the function writes it)."""
    table = pd.concat([t for t in tables if len(t)], ignore_index=True)
    groups = table.groupby(keys, dropna=not by_key, observed=True, sort=by_key)
    if by_key:
        order = np.argsort(groups.ngroup().to_numpy(), kind="stable")
    else:
        positions = {key: rows.index for key, rows in groups}
        order = np.concatenate([positions[key] for key in sorted(positions, key=str)])
    return pd.DataFrame(table.iloc[order].to_dict("records"), columns=table.columns)
