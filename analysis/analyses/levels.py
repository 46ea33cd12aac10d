"""Hidden-level inference: cluster posted bands within a group to reveal an unstated ladder.

Method
------
Within each group (default employer × role family × metro) holding at least ``min_postings``
closed bands in one currency, the values x = log(annual_mid) are clustered in one dimension:

1. **Exact 1-D k-means** for k = 1 .. max_levels: sort x; the optimal partition into k contiguous
   runs minimizing the within-cluster sum of squares is found by dynamic programming (each run must
   hold at least ``INFER_MIN_CLUSTER_SIZE`` bands: one lone band is not a level).
2. **k is chosen by BIC** of a 1-D Gaussian mixture with equal variance, evaluated at the hard
   k-means partition: weights n_j / n, means the cluster means, a common variance SSE / n (floored
   at ``SIGMA_FLOOR``² so that identical bands do not give an infinite likelihood), refined by
   ``EM_STEPS`` EM iterations (equal variance kept) so that the likelihood is the mixture's own;
   BIC = -2 log L + 2k log n (k means, k - 1 weights, one variance). The fewest clusters whose
   BIC is within ``BIC_MARGIN`` (6, "strong evidence") of the smallest BIC wins.
3. **Confidence** of each cluster = P(k) × mean posterior membership, where P(k) is the BIC weight
   of the chosen k among the candidates (exp(-BIC/2), normalized) and the mean posterior membership
   is the average, over the cluster's bands, of the probability the fitted mixture gives the band's
   own cluster. Both lie in [0, 1]. The mean silhouette of the clustering is reported alongside
   (NaN for one cluster).

The input's ``level`` column is never read for clustering and never written: the stated levels
seen in a cluster are only echoed (``stated_levels``) so that the inference can be checked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.analyses.summary import comparable_bands
from analysis.choices import check_columns, keep, warn_empty
from analysis.config import DEFAULT_CURRENCY, INFER_MIN_CLUSTER_SIZE, INFER_MIN_POSTINGS
from analysis.normalize.vocabulary import LEVELS

MAX_LEVELS = 5
# Floor on the within-level standard deviation of log pay (1%): below this, differences are noise.
SIGMA_FLOOR = 0.01
EM_STEPS = 50
# A larger k must beat a smaller one by more than this much BIC to be chosen.
BIC_MARGIN = 6.0

OUTPUT_COLUMNS = [
    "cluster",
    "inferred_level",
    "n_clusters",
    "n_bands",
    "n_postings",
    "annual_min_median",
    "annual_mid_median",
    "annual_max_median",
    "confidence",
    "k_probability",
    "silhouette",
    "stated_levels",
]


def kmeans_1d(x: np.ndarray, k: int, *, min_size: int = 1) -> np.ndarray | None:
    """Exact 1-D k-means by dynamic programming over sorted values.

    Parameters
    ----------
    x : array of float
        Values, any order.
    k : int
        Number of clusters.
    min_size : int, default 1
        Smallest allowed cluster.

    Returns
    -------
    numpy.ndarray or None
        Cluster label per value of `x` (0 = lowest values), or None when `x` cannot be split into
        `k` clusters of at least `min_size` values.
    """
    x = np.asarray(x, dtype=float)
    n = len(x)
    if k < 1 or n < k * min_size:
        return None
    order = np.argsort(x, kind="stable")
    xs = x[order]
    s1 = np.concatenate([[0.0], np.cumsum(xs)])
    s2 = np.concatenate([[0.0], np.cumsum(xs * xs)])

    def cost(i: np.ndarray, j: int) -> np.ndarray:
        """SSE of xs[i:j] for an array of starts i (j exclusive)."""
        m = j - i
        total = s1[j] - s1[i]
        return (s2[j] - s2[i]) - total * total / m

    inf = np.inf
    # best[c, j] = least SSE of xs[:j] in c+1 clusters; arg[c, j] = start of the last cluster.
    best = np.full((k, n + 1), inf)
    arg = np.zeros((k, n + 1), dtype=int)
    for j in range(min_size, n + 1):
        best[0, j] = cost(np.array([0]), j)[0]
    for c in range(1, k):
        for j in range((c + 1) * min_size, n + 1):
            starts = np.arange(c * min_size, j - min_size + 1)
            candidates = best[c - 1, starts] + cost(starts, j)
            pick = int(np.argmin(candidates))
            best[c, j] = candidates[pick]
            arg[c, j] = starts[pick]
    if not np.isfinite(best[k - 1, n]):
        return None
    sorted_labels = np.empty(n, dtype=int)
    j = n
    for c in range(k - 1, -1, -1):
        i = arg[c, j] if c > 0 else 0
        sorted_labels[i:j] = c
        j = i
    labels = np.empty(n, dtype=int)
    labels[order] = sorted_labels
    return labels


def _mixture_fit(x: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """BIC of the equal-variance Gaussian mixture started at a hard partition, and posteriors.

    The partition gives the starting weights, means and common variance; ``EM_STEPS`` EM
    iterations then maximize the mixture likelihood (the hard-partition variance alone would
    reward splitting one level in two).
    """
    n = len(x)
    k = int(labels.max()) + 1
    counts = np.bincount(labels, minlength=k).astype(float)
    means = np.bincount(labels, weights=x, minlength=k) / counts
    var = max(float(np.sum((x - means[labels]) ** 2)) / n, SIGMA_FLOOR**2)
    weights = counts / n
    for step in range(EM_STEPS + 1):
        log_density = (
            np.log(np.maximum(weights, 1e-300))[None, :]
            - 0.5 * np.log(2 * np.pi * var)
            - (x[:, None] - means[None, :]) ** 2 / (2 * var)
        )
        top = log_density.max(axis=1, keepdims=True)
        log_total = top[:, 0] + np.log(np.exp(log_density - top).sum(axis=1))
        posterior = np.exp(log_density - log_total[:, None])
        if step == EM_STEPS:
            break
        mass = posterior.sum(axis=0)
        weights = mass / n
        means = (posterior * x[:, None]).sum(axis=0) / np.maximum(mass, 1e-300)
        var = max(float((posterior * (x[:, None] - means[None, :]) ** 2).sum()) / n, SIGMA_FLOOR**2)
    log_likelihood = float(log_total.sum())
    bic = -2 * log_likelihood + 2 * k * np.log(n)
    return bic, posterior


def _silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a 1-D clustering (NaN with one cluster)."""
    k = int(labels.max()) + 1
    if k < 2:
        return np.nan
    distance = np.abs(x[:, None] - x[None, :])
    counts = np.bincount(labels, minlength=k)
    sums = np.stack([distance[:, labels == c].sum(axis=1) for c in range(k)], axis=1)
    own = labels
    own_count = counts[own]
    a = np.where(own_count > 1, sums[np.arange(len(x)), own] / np.maximum(own_count - 1, 1), 0.0)
    mean_to = sums / counts[None, :]
    mean_to[np.arange(len(x)), own] = np.inf
    b = mean_to.min(axis=1)
    s = np.where(own_count > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float(s.mean())


def cluster_levels(
    x: np.ndarray, *, max_levels: int = MAX_LEVELS
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Cluster log pays: labels, per-band own-cluster posterior, P(chosen k), silhouette."""
    x = np.asarray(x, dtype=float)
    fits = []
    for k in range(1, max_levels + 1):
        labels = kmeans_1d(x, k, min_size=INFER_MIN_CLUSTER_SIZE if k > 1 else 1)
        if labels is None:
            break
        bic, posterior = _mixture_fit(x, labels)
        fits.append((bic, labels, posterior))
    bics = np.array([fit[0] for fit in fits])
    # The fewest clusters whose BIC is within BIC_MARGIN of the best: more levels need strong
    # evidence (Kass & Raftery: a BIC difference above 6).
    chosen = int(np.flatnonzero(bics <= bics.min() + BIC_MARGIN)[0])
    model_weights = np.exp(-(bics - bics.min()) / 2)
    model_weights /= model_weights.sum()
    _, labels, posterior = fits[chosen]
    own = posterior[np.arange(len(x)), labels]
    return labels, own, float(model_weights[chosen]), _silhouette(x, labels)


def _stated_levels(levels: pd.Series) -> str:
    seen = {str(v) for v in levels.dropna()}
    return ", ".join(level for level in LEVELS if level in seen)


def _clustered_groups(
    bands: pd.DataFrame, keys: list[str], currency: str, max_levels: int, min_postings: int
):
    """Yield (group key, group, cluster_levels result) for each group large enough to cluster;
    an unknown key column is an UnknownChoiceError, a filter that leaves no band (no closed
    band, no key, no group of `min_postings`) an EmptyFilterWarning."""
    check_columns(bands, keys)
    data = comparable_bands(bands, currency=currency, warn=True)
    data = keep(data, data[keys].notna().all(axis=1), after=f"keeping bands with {keys} stated",
                detail=lambda: f"every closed {currency} band lacks one")
    largest = 0
    for group_key, group in data.groupby(keys, sort=True, observed=True):
        largest = max(largest, len(group))
        if len(group) < min_postings:
            continue
        x = np.log(group["annual_mid"].to_numpy(dtype=float))
        yield group_key, group, cluster_levels(x, max_levels=max_levels)
    if 0 < largest < min_postings:
        warn_empty(f"min_postings={min_postings}",
                   f"the largest group has {largest} closed {currency} bands")


def infer_levels(
    bands: pd.DataFrame,
    *,
    by: tuple[str, ...] | list[str] | str = ("employer", "role_family", "metro"),
    currency: str = DEFAULT_CURRENCY,
    max_levels: int = MAX_LEVELS,
    min_postings: int = INFER_MIN_POSTINGS,
) -> pd.DataFrame:
    """Infer hidden pay levels per group by clustering log annual midpoints.

    Parameters
    ----------
    bands : pandas.DataFrame
        The bands table. Not modified; its ``level`` column is never used for clustering.
    by : column name or sequence of names, default ("employer", "role_family", "metro")
        Groups within which a ladder is sought. Rows with a missing key are left out.
    currency : str, default "USD"
        Only closed bands in this currency are clustered.
    max_levels : int, default 5
        Largest number of clusters tried.
    min_postings : int, default 6
        Groups with fewer closed bands are skipped.

    Returns
    -------
    pandas.DataFrame
        One row per inferred cluster: the group keys; ``cluster`` (0 = lowest pay);
        ``inferred_level`` (label "L1", "L2", ... — inferred, not a stated level); ``n_clusters``
        in the group; ``n_bands``, ``n_postings``; ``annual_{min,mid,max}_median``;
        ``confidence`` in [0, 1] (see the module docstring); ``k_probability`` (BIC weight of the
        chosen number of clusters); ``silhouette`` (of the group's clustering, NaN with one
        cluster); ``stated_levels``: the levels the postings' titles state, comma-joined in ladder
        order, for checking.

    Examples
    --------
    >>> from analysis.store import load_bands
    >>> bool(infer_levels(load_bands())["confidence"].between(0, 1).all())
    True
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    clustered = _clustered_groups(bands, keys, currency, max_levels, min_postings)
    for group_key, group, (labels, own, k_probability, silhouette) in clustered:
        group_key = group_key if isinstance(group_key, tuple) else (group_key,)
        n_clusters = int(labels.max()) + 1
        for c in range(n_clusters):
            mask = labels == c
            members = group.loc[mask]
            row = dict(zip(keys, group_key, strict=True))
            row.update(
                cluster=c,
                inferred_level=f"L{c + 1}",
                n_clusters=n_clusters,
                n_bands=int(mask.sum()),
                n_postings=int(members["posting_id"].nunique()),
                annual_min_median=float(members["annual_min"].median()),
                annual_mid_median=float(members["annual_mid"].median()),
                annual_max_median=float(members["annual_max"].median()),
                confidence=float(np.clip(k_probability * own[mask].mean(), 0.0, 1.0)),
                k_probability=k_probability,
                silhouette=silhouette,
                stated_levels=_stated_levels(members["level"]),
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=keys + OUTPUT_COLUMNS)


def inferred_membership(
    bands: pd.DataFrame,
    *,
    by: tuple[str, ...] | list[str] | str = ("employer", "role_family", "metro"),
    currency: str = DEFAULT_CURRENCY,
    max_levels: int = MAX_LEVELS,
    min_postings: int = INFER_MIN_POSTINGS,
) -> pd.DataFrame:
    """Which inferred cluster each clustered band falls in (posting_id, band, keys, cluster).

    Same method and options as :func:`infer_levels`; a new frame, the input is not modified.
    """
    keys = [by] if isinstance(by, str) else list(by)
    parts = []
    clustered = _clustered_groups(bands, keys, currency, max_levels, min_postings)
    for _, group, (labels, own, _, _) in clustered:
        id_columns = [c for c in ("posting_id", "band") if c in group.columns]
        part = group[id_columns + keys].copy()
        part["inferred_cluster"] = labels
        part["membership"] = own
        parts.append(part)
    columns = ["posting_id", "band", *keys, "inferred_cluster", "membership"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)
