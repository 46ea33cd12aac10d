"""Report 10's words: geographic pay zones, then the salary structure priced in one of them.

The report reads as one argument: where pay differs (:func:`~analysis.findings.zones.zones_text`)
and what ranges a role would get in the reference metro's zone
(:func:`~analysis.findings.ranges.ranges_text`). :func:`pay_structure_text` joins the two texts:
the zones' title and findings lead, the structure's findings follow, and each part keeps its
captions, caveats and method lines.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.findings import ReportText
from analysis.findings.locations import metro_city
from analysis.findings.ranges import ranges_text
from analysis.findings.zones import zones_text

# At most this many of the zones' findings, so the structure's findings still make the list.
ZONE_FINDINGS = 3


def structure_place(zones: pd.DataFrame, metros: list[str] | None) -> str | None:
    """Where the structure was priced, as it reads after "in": the reference's pay zone and its
    cities ("pay zone 1 (San Jose)"), or None for every metro.

    >>> zones = pd.DataFrame({"metro": ["Austin-Round Rock, TX", "Boston, MA"], "zone": [2, 2],
    ...                       "is_reference": [True, False]})
    >>> structure_place(zones, ["Austin-Round Rock, TX", "Boston, MA"])
    'pay zone 2 (Austin, Boston)'
    """
    if not metros:
        return None
    zone = zones.loc[zones["metro"].isin(metros), "zone"].dropna()
    cities = ", ".join(metro_city(m) for m in metros[:4]) + (", …" if len(metros) > 4 else "")
    return f"pay zone {int(zone.iloc[0])} ({cities})" if len(zone) else cities


def pay_structure_text(
    zones: pd.DataFrame,
    structure: pd.DataFrame,
    *,
    reference: str,
    role_family: str,
    metros: list[str] | None,
    currency: str,
    snapshot: str,
) -> ReportText:
    """Everything report 10 says: the zones' text, then the structure's, as one ReportText."""
    zoned = zones_text(zones, reference=reference, currency=currency, snapshot=snapshot)
    priced = ranges_text(structure, role_family=role_family,
                         where=structure_place(zones, metros), currency=currency,
                         snapshot=snapshot)
    return ReportText(
        title=zoned.title,
        scope=f"{zoned.scope} Then {priced.scope[0].lower()}{priced.scope[1:]}",
        findings=[*zoned.findings[:ZONE_FINDINGS], *map(_second_chart, priced.findings)],
        captions={**zoned.captions, **priced.captions},
        caveats=[*zoned.caveats[:2], *priced.caveats[:1]],
        method=[*zoned.method, *priced.method],
        notes={**zoned.notes, **priced.notes},
    )


def _second_chart(finding):
    """The structure's finding pointing at Chart 2, where this report draws the structure."""
    chart = finding.chart
    return replace(finding, chart=chart.replace("Chart 1", "Chart 2")) if chart else finding
