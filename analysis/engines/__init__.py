"""Engines: where an analysis runs when the bands outgrow one machine's memory or cores.

The analyses stay pandas functions (:mod:`analysis.analyses`); an engine splits the bands so that
every group is whole in one piece, runs the same function on each piece and puts the pieces back
in the order and dtypes the function gives on the whole table: the numbers are the same, not
approximations. :mod:`analysis.engines.dask` runs them on a Dask cluster.
"""
