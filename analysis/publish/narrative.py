"""The blocks of a report: header, key findings, chart notes, caveats, method box, tables.

The words come from :mod:`analysis.findings` (a ReportText per report); these objects render them
as escaped HTML
(strings from postings are untrusted) and tag the header and findings in the output metadata, so
`paybands report` can put each report's title and headline on the index page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from analysis.config import DEFAULT_CURRENCY, LOW_CONFIDENCE_N
from analysis.findings import Finding, ReportText
from analysis.formats import money

METADATA_KEY = "paybands"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """Escape `text` for HTML, then turn **bold** and `code` into tags (the only markup allowed)."""
    escaped = _BOLD.sub(r"<b>\1</b>", html.escape(str(text)))
    return _CODE.sub(r"<code>\1</code>", escaped)


def plain(text: str) -> str:
    """`text` without the **bold** and `code` markers, for the index page and alt text."""
    return _CODE.sub(r"\1", _BOLD.sub(r"\1", str(text)))


def _tagged(body: str, **metadata) -> tuple[str, dict]:
    return body, {METADATA_KEY: metadata}


@dataclass(frozen=True)
class ReportHeader:
    """Finding-style title, scope line and data stamp (snapshot, refresh date, version, n)."""

    title: str
    scope: str
    manifest: dict = field(default_factory=dict)
    n_postings: int | None = None
    n_employers: int | None = None

    def stamp(self) -> str:
        parts = [f"Snapshot {self.manifest.get('snapshot', 'unknown')}"]
        if self.manifest.get("read_from"):
            parts.append(f"from {self.manifest['read_from']}")
        if self.manifest.get("created"):
            parts.append(f"refreshed {str(self.manifest['created'])[:10]}")
        if self.n_postings is not None:
            parts.append(f"{self.n_postings:,} postings")
        if self.n_employers is not None:
            parts.append(f"{self.n_employers:,} employers")
        parts.append(f"paybands {self.manifest.get('paybands_version', '?')}")
        return " · ".join(parts)

    def _repr_html_(self):
        body = (
            f'<header class="report-header"><h1>{inline(self.title)}</h1>'
            f'<p class="scope">{inline(self.scope)}</p>'
            f'<p class="stamp">{html.escape(self.stamp())}</p></header>'
        )
        return _tagged(body, title=plain(self.title), scope=plain(self.scope), stamp=self.stamp())


def report_header(
    text: ReportText,
    *,
    manifest: dict,
    bands: pd.DataFrame | None = None,
) -> ReportHeader:
    """The header cell of a report from its :class:`~analysis.findings.ReportText`; n postings
    and employers are counted from `bands`."""
    if bands is None:
        return ReportHeader(text.title, text.scope, manifest)
    return ReportHeader(
        text.title,
        text.scope,
        manifest,
        n_postings=int(bands["posting_id"].nunique()),
        n_employers=int(bands["employer"].nunique()),
    )


@dataclass(frozen=True)
class KeyFindings:
    """Three to five numbered findings; the first readable ones become the report's headline."""

    findings: tuple[Finding, ...]
    headline_count: int = 2

    def headline(self) -> list[str]:
        """The plain sentences the index page quotes: findings that may headline (enough postings
        and employers) come first; a report of only thin findings still says something."""
        strong = [f for f in self.findings if f.confidence in ("ok", "low")]
        chosen = (strong or list(self.findings))[: self.headline_count]
        return [f.text for f in chosen]

    def _repr_html_(self):
        items = "".join(_finding_item(f) for f in self.findings)
        body = f'<section class="findings"><h2>Key findings</h2><ol>{items}</ol></section>'
        return _tagged(body, headline=self.headline(),
                       findings=[f.as_dict() for f in self.findings])


def _finding_item(finding: Finding) -> str:
    pointer = (f' <span class="pointer">({html.escape(finding.chart)})</span>'
               if finding.chart else "")
    flag = (' <em class="flag">Too few postings or employers to generalize.</em>'
            if finding.confidence == "too few" else "")
    css = finding.confidence.replace(" ", "-")
    # "… uses (Chart 1)." reads better than "… uses. (Chart 1)"
    sentence, stop = ((finding.sentence[:-1], ".") if pointer and finding.sentence.endswith(".")
                      else (finding.sentence, ""))
    return f'<li class="confidence-{css}">{inline(sentence)}{pointer}{stop}{flag}</li>'


def key_findings(findings: list[Finding], *, headline_count: int = 2) -> KeyFindings:
    """The report's key findings (:class:`~analysis.findings.Finding`), rendered as a list."""
    return KeyFindings(tuple(findings), headline_count)


def chart_note(message: str) -> ChartNote:
    """Shown where a chart or table cannot be drawn, saying why (from ``ReportText.notes``)."""
    return ChartNote(message)


@dataclass(frozen=True)
class ChartNote:
    message: str

    def _repr_html_(self) -> str:
        return f'<p class="chart-note">{inline(self.message)}</p>'


@dataclass(frozen=True)
class Caveats:
    items: tuple[str, ...]

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{inline(c)}</li>" for c in self.items)
        return f'<section class="caveats"><h2>Caveats</h2><ul>{items}</ul></section>'


def caveats(items: list[str]) -> Caveats:
    """At most three caveats: posted is not paid, concentration, mapping errors..."""
    return Caveats(tuple(items[:3]))


@dataclass(frozen=True)
class MethodBox:
    items: tuple[str, ...]
    manifest: dict

    def _repr_html_(self) -> str:
        inputs = self.manifest.get("inputs", [])
        sources = "".join(
            f"<li>{html.escape(str(i.get('file', i)))}</li>" for i in inputs[:30]
        )
        more = f"<li>… and {len(inputs) - 30:,} more</li>" if len(inputs) > 30 else ""
        counts = self.manifest.get("counts", {})
        counted = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in counts.items()
                            if isinstance(v, int))
        items = "".join(f"<li>{inline(i)}</li>" for i in self.items)
        return (
            '<details class="method"><summary>Method and provenance</summary>'
            f"<ul>{items}</ul>"
            f"<p>Snapshot {html.escape(str(self.manifest.get('snapshot', '')))}: "
            f"{html.escape(counted)}.</p>"
            f"<p>Input files ({len(inputs):,}):</p><ul class='inputs'>{sources}{more}</ul>"
            "</details>"
        )


def method_box(items: list[str], *, manifest: dict) -> MethodBox:
    """A collapsed box: formulas and thresholds (`items`), then the snapshot's counts and inputs."""
    return MethodBox(tuple(items), manifest)


def report_table(
    frame: pd.DataFrame,
    *,
    money_columns: tuple[str, ...] = (),
    percent_columns: tuple[str, ...] = (),
    n_column: str | None = None,
    low_confidence_n: int = LOW_CONFIDENCE_N,
    currency: str = DEFAULT_CURRENCY,
):
    """A Styler for a report table: text escaped, money in `currency` ($150k, £150k), rows with
    n < 20 in grey."""
    formats = {c: partial(money, currency=currency) for c in money_columns if c in frame}
    formats |= {c: "{:.0%}" for c in percent_columns if c in frame}
    # Every format call resets the columns it touches: pass escape to both.
    styler = frame.style.format(escape="html", na_rep="–", thousands=",")
    styler = styler.format(formats, escape="html", na_rep="–")
    text = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) == "str"]
    styler = styler.set_properties(subset=text, **{"text-align": "left"})
    numbers = [c for c in frame.columns if c not in text]
    styler = styler.set_properties(subset=numbers, **{"white-space": "nowrap"})
    # Headers align with their column: text left, numbers right.
    styler = styler.set_table_styles(
        {c: [{"selector": "th", "props": "text-align: left"}] for c in text}, overwrite=False
    )
    if n_column and n_column in frame:
        faint = frame[n_column] < low_confidence_n
        styler = styler.apply(
            lambda row: ["color: #8a8a8a" if faint.loc[row.name] else "" for _ in row], axis=1
        )
    return styler.hide(axis="index")
