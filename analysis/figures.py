"""Saving figures: every chart as PNG and SVG with a CSV of its plotted data beside it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.export import write_safe_csv
from analysis.paths import FIGURES


def save_figure(
    figure: Figure | Axes,
    *,
    data: pd.DataFrame,
    name: str,
    out_dir: str | Path | None = None,
    source: str | None = None,
) -> list[Path]:
    """Write `name`.png, `name`.svg and `name`.csv (the plotted data) to `out_dir`.

    `source` is written as a source line under the chart. Returns the written paths.
    """
    fig = figure.figure if isinstance(figure, Axes) else figure
    out = Path(out_dir) if out_dir else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    if source:
        fig.text(0.01, 0.005, source, fontsize=7, color="#666666", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03 if source else 0, 1, 1))
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    fig.savefig(paths[0], dpi=150)
    fig.savefig(paths[1])
    paths.append(write_safe_csv(data, out / f"{name}.csv"))
    return paths
