"""Publishing figures: every chart as PNG and SVG with a CSV of its data, shown with alt text."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.findings import Caption
from analysis.formats import write_safe_csv
from analysis.paths import FIGURES
from analysis.plot.style import finding_title


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


@dataclass(frozen=True)
class ChartImage:
    """A saved chart as the report shows it: the PNG inline, its alt text, its files named."""

    png: Path
    alt: str

    def _repr_html_(self) -> str:
        encoded = base64.b64encode(self.png.read_bytes()).decode("ascii")
        files = ", ".join(self.png.with_suffix(s).name for s in (".png", ".svg", ".csv"))
        return (
            f'<figure class="chart"><img src="data:image/png;base64,{encoded}" '
            f'alt="{html.escape(self.alt)}" style="max-width:100%;height:auto">'
            f'<figcaption class="files">Files: {html.escape(files)}</figcaption></figure>'
        )


def publish_chart(
    figure: Figure | Axes,
    *,
    data: pd.DataFrame,
    name: str,
    caption: Caption,
    out_dir: str | Path | None = None,
) -> ChartImage:
    """Title the chart from its :class:`~analysis.findings.Caption`, save it (PNG, SVG, CSV),
    close it, and return it for display with its alt text.

    The last expression of a notebook cell, so the report shows exactly the saved PNG. A figure
    of several axes takes its title on the first.
    """
    fig = figure.figure if isinstance(figure, Axes) else figure
    axes = figure if isinstance(figure, Axes) else fig.axes[0]
    finding_title(axes, caption.title, subtitle=caption.subtitle or None)
    if caption.xlabel:
        axes.set_xlabel(caption.xlabel)
    paths = save_figure(fig, data=data, name=name, out_dir=out_dir, source=caption.source or None)
    plt.close(fig)
    return ChartImage(png=paths[0], alt=caption.alt or caption.title)
