"""Findings: analysis frames → :class:`Finding` objects carrying the sentences a report shows.

Each report has one module here that reads the frames its charts plot and returns
:class:`ReportText`: the header, three to five key findings, one :class:`Caption` per chart, the
caveats and the method notes. Notebooks pass those objects on and build no sentences themselves,
so a headline can never disagree with the chart beside it, and the index page reads the same
structured findings instead of parsing strings. How sparse data is worded (no groups, one group,
too few employers) lives in :mod:`analysis.findings.wording`, once.

Modules: ``overview`` (01), ``roles`` (02), ``levels`` (03), ``locations`` (04), ``benchmark``
(05), ``transparency`` (06), ``changes`` (07), ``market`` (08).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# The confidence a finding's number carries (REPORTS.md rule 1): "ok" may headline a report; "low"
# (n < LOW_CONFIDENCE_N) is shown lighter; "too few" (below SMALL_N postings or MIN_EMPLOYERS) is
# never headlined; "none" says there was nothing to measure.
CONFIDENCE_LEVELS = ("ok", "low", "too few", "none")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Finding:
    """One statement a report makes, with the number behind it.

    sentence : the full sentence; ``**...**`` marks its lead (the part the index page quotes).
    kind : what sort of statement ("location gap", "disclosure share", "no data", …).
    subject : what it is about (a metro, a role family, a state, "dataset").
    value, interval : the number stated and its confidence interval, in the same units.
    n, employers : postings (or bands, when the finding says so) and employers behind it.
    confidence : one of :data:`CONFIDENCE_LEVELS`.
    chart : where the report shows it ("Chart 1", "the table below"); rendered as a pointer in
        the report, left out on the index page.
    """

    sentence: str
    kind: str = "finding"
    subject: str = ""
    value: float | None = None
    interval: tuple[float, float] | None = None
    n: int | None = None
    employers: int | None = None
    confidence: str = "ok"
    chart: str | None = None

    def __post_init__(self):
        if self.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(
                f"confidence must be one of {CONFIDENCE_LEVELS}, got {self.confidence!r}"
            )

    @property
    def lead(self) -> str:
        """The bold lead of the sentence, or the whole sentence when none is marked."""
        match = _BOLD.search(self.sentence)
        return match.group(1) if match else self.text

    @property
    def text(self) -> str:
        """The sentence without markup."""
        return _BOLD.sub(r"\1", self.sentence)

    def as_dict(self) -> dict:
        """Plain data for notebook output metadata (read back by the index page)."""
        data = asdict(self)
        data["interval"] = list(self.interval) if self.interval is not None else None
        data["lead"] = self.lead
        data["text"] = self.text
        return data


@dataclass(frozen=True)
class Caption:
    """What a chart says about itself: finding-style title, subtitle (measure, scope, n), alt
    text, the source line under it, and an x-axis label when the chart's own does not fit."""

    title: str
    subtitle: str = ""
    alt: str = ""
    source: str = ""
    xlabel: str | None = None


@dataclass(frozen=True)
class ReportText:
    """Everything a report says, computed from the frames it shows.

    title and scope head the report; findings are its key findings (the first two become the
    index page's headline); captions hold one :class:`Caption` per chart name; caveats (at most
    three) and method notes close it; notes are short messages shown where a chart or table
    cannot be drawn, keyed like captions.
    """

    title: str
    scope: str
    findings: list[Finding] = field(default_factory=list)
    captions: dict[str, Caption] = field(default_factory=dict)
    caveats: list[str] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
