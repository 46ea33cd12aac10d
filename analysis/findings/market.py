"""Report 08 (market reference): posted medians per role family against BLS OEWS paid wages.

`market_reading` classifies a :func:`~analysis.analyses.market.focus_market` table's role
families (counted or faded, above, below or within noise of the OEWS median); `market_text`
turns that table into the report's :class:`~analysis.findings.ReportText`; `market_table` is the
report's table of role families. Every number comes from the `focus_market` frame Chart 1 plots.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.analyses.market import OEWS_CURRENCY
from analysis.config import CONFIDENCE, DEFAULT_CURRENCY, MIN_EMPLOYERS, N_BOOT, SEED, SMALL_N
from analysis.findings import Caption, Finding, ReportText
from analysis.findings.wording import (
    CLUSTERED,
    INTERVAL,
    agree,
    confidence_of,
    count_of,
    join_names,
    n_text,
    percent,
    plural,
    sentence_case,
    too_few,
)
from analysis.formats import money, money_range, ordinal, short_metro

MARKET_CHART = "08_market"
OEWS_RELEASE = "May 2025"
_FAMILY, _FAMILIES = "role family", "role families"


@dataclass(frozen=True)
class MarketReading:
    """How a :func:`~analysis.analyses.market.focus_market` table reads.

    local: the postings are the focus metro's (posted_scope "metro"), not every posting set
    against national figures; counted: the role families with at least SMALL_N postings from
    MIN_EMPLOYERS employers, the only ones the findings count; above (largest gap first),
    below (largest gap first) and within_noise: the counted families by versus_p50; faded: the
    families left out of the counts (the chart shows them faded); national: the families compared
    with national OEWS figures; n_postings: postings behind the table; position_low,
    position_high: the range of the counted families' percentile positions in paid wages (NaN when
    none has one); n_outside: counted families whose posted median lies beyond the published
    OEWS percentiles.
    """

    local: bool
    counted: pd.DataFrame
    above: pd.DataFrame
    below: pd.DataFrame
    within_noise: pd.DataFrame
    faded: pd.DataFrame
    national: pd.DataFrame
    n_postings: int
    position_low: float
    position_high: float
    n_outside: int

    @property
    def positioned(self) -> bool:
        """Whether any counted family has a percentile position (position_low is not NaN)."""
        return not np.isnan(self.position_low)


def market_reading(market: pd.DataFrame) -> MarketReading:
    """Classify a focus_market table's role families: see :class:`MarketReading`. Families
    flagged small_n or few_employers are not counted (the chart fades them)."""
    faded = market["small_n"] | market["few_employers"]
    counted = market.loc[~faded]
    positions = counted["mid_position"].dropna()
    return MarketReading(
        local=bool(len(market)) and market["posted_scope"].iloc[0] == "metro",
        counted=counted,
        above=counted.loc[counted["versus_p50"] == "above"],
        below=counted.loc[counted["versus_p50"] == "below"].sort_values("gap_to_p50_pct"),
        within_noise=counted.loc[counted["versus_p50"] == "within noise"],
        faded=market.loc[faded],
        national=market.loc[market["oews_area_type"] == "national"],
        n_postings=int(market["n_postings"].sum()),
        position_low=float(positions.min()) if len(positions) else np.nan,
        position_high=float(positions.max()) if len(positions) else np.nan,
        n_outside=int((counted["position_flag"] != "within").sum()),
    )


def market_text(
    market: pd.DataFrame,
    *,
    comparable: pd.DataFrame,
    focus_metro: str,
    snapshot: str,
    currency: str,
) -> ReportText:
    """Everything report 08 says, from the frame its chart plots.

    market : :func:`~analysis.analyses.market.focus_market` for `focus_metro` (Chart 1 and the
    table); comparable : the closed `currency` bands
    (:func:`~analysis.analyses.summary.comparable_bands`), read only to say where the postings
    are when the focus metro has none. Posted amounts read in `currency`, OEWS wages in US
    dollars; in any other currency than OEWS's nothing is compared, and the report says why.
    """
    if currency != OEWS_CURRENCY:
        return _other_currency_text(comparable, focus_metro=focus_metro, snapshot=snapshot,
                                    currency=currency)
    reading = market_reading(market)
    short = short_metro(focus_metro) if reading.local else "the US"
    place = focus_metro if reading.local else "all metros (national OEWS figures)"
    source_line = (f"Source: paybands snapshot {snapshot} (posted ranges); U.S. Bureau of Labor "
                   f"Statistics, OEWS {OEWS_RELEASE} (paid wages, all employers).")
    if len(reading.counted):
        findings = [
            _above_finding(reading, short, currency=currency),
            _below_finding(reading, short, currency=currency),
            _noise_finding(reading, market),
            _position_finding(reading),
        ]
    else:
        findings = [_too_few_finding(reading, market), _position_finding(reading)]
    findings.append(_scope_finding(reading, market, comparable, focus_metro, currency))
    return ReportText(
        title=_title(reading, short),
        scope=(f"Posted median midpoint per role family in {place} against BLS OEWS "
               f"{OEWS_RELEASE} wage percentiles for the matching occupation: "
               f"{plural(reading.n_postings, 'posting')}, "
               f"{plural(len(market), _FAMILY, many=_FAMILIES)}. Annual base salary, as posted, "
               f"{currency}."),
        findings=findings,
        captions={MARKET_CHART: _caption(reading, market, short, place, snapshot, currency,
                                         source_line)},
        notes={MARKET_CHART: (f"**No chart**: no role family in {place} has a closed {currency} "
                              f"range and an OEWS occupation to compare with.")},
        caveats=[
            f"OEWS is paid wages ({OEWS_RELEASE}) for every worker in the occupation at every "
            "employer, level and tenure; posted ranges are what hiring employers advertise, "
            "mostly large ones. A gap is a description, not evidence of over- or underpayment.",
            "Role families map to one SOC occupation each (product manager → Marketing Managers, "
            "data analyst → Data Scientists); where the mapping is loose, read the position "
            "loosely.",
            "Posted medians mix levels; a role family posted mostly at senior level sits high "
            "against an all-levels wage distribution.",
        ],
        method=_method(currency),
    )


def _method(currency: str) -> list[str]:
    return [
        f"Posted: median of annual_mid (midpoint of the annualized posted range) over closed "
        f"ranges in {currency}, per role family, in the focus metro; {percent(CONFIDENCE)} "
        f"interval, {N_BOOT:,} resamples of employers, seed {SEED}. A role family is above or "
        f"below the OEWS median only when that interval excludes it; "
        f"{CLUSTERED}.",
        f"Reference: BLS OEWS {OEWS_RELEASE} cross-industry annual wages in {OEWS_CURRENCY} "
        "(p10, p25, median, p75, p90) for the SOC code of each role family, in the metro's "
        "area; national figures where OEWS suppresses the metro's median. Percentile position: "
        "linear interpolation between the published percentiles; none is claimed beyond p10 or "
        "p90.",
        f"Shown faded, left out of the counts: role families with fewer than {SMALL_N} "
        f"postings or fewer than {MIN_EMPLOYERS} employers.",
    ]


def _other_currency_text(comparable: pd.DataFrame, *, focus_metro: str, snapshot: str,
                         currency: str) -> ReportText:
    """Report 08 in a currency OEWS is not published in: nothing is compared, and why."""
    n = int(comparable["posting_id"].nunique()) if len(comparable) else 0
    why = (f"OEWS publishes US wages in {OEWS_CURRENCY}, and {currency} bands are never "
           f"converted")
    return ReportText(
        title=f"{currency} bands are not set against OEWS wages, which are in {OEWS_CURRENCY}",
        scope=(f"Posted median midpoint per role family in {focus_metro} against BLS OEWS "
               f"{OEWS_RELEASE} wage percentiles: {why}, so this report compares nothing for "
               f"{plural(n, 'posting')} with a closed {currency} range (snapshot {snapshot})."),
        findings=[Finding(
            f"**No role family is compared with OEWS**: {why}. Report 08 compares "
            f"{OEWS_CURRENCY} bands only; run it with `-p currency {OEWS_CURRENCY}` on US "
            f"postings.",
            kind="no data", subject="role families", n=n,
            confidence="none")],
        notes={MARKET_CHART: f"**No chart**: {why}."},
        caveats=[f"OEWS is paid wages ({OEWS_RELEASE}) for US workers, in {OEWS_CURRENCY}; "
                 f"{currency} postings have no OEWS reference."],
        method=_method(currency),
    )





def _families(k: int, n: int) -> str:
    return count_of(k, n, _FAMILY, many=_FAMILIES)


def _gaps(rows: pd.DataFrame, *, currency: str) -> str:
    """'ml engineer +12% ($240k vs $214k, n=39); …' for each row: the posted median in
    `currency`, the OEWS median in OEWS's."""
    return "; ".join(
        f"{r.role_family} {r.gap_to_p50_pct:+.0%} "
        f"({money(r.posted_mid_median, currency=currency)} vs "
        f"{money(r.p50, currency=OEWS_CURRENCY)}, {n_text(r.n_postings)})"
        for r in rows.itertuples())


def _gap_interval(row: pd.Series) -> tuple[float, float]:
    """The posted median's interval as a gap to the OEWS median (a fraction, like the gap)."""
    return (float(row["posted_mid_median_low"] / row["p50"] - 1),
            float(row["posted_mid_median_high"] / row["p50"] - 1))


def _gap_finding(rows: pd.DataFrame, sentence: str, kind: str) -> Finding:
    """A finding about the largest gap in `rows` (counted families, largest first)."""
    top = rows.iloc[0]
    n, employers = int(top["n_postings"]), int(top["n_employers"])
    return Finding(sentence, kind=kind, subject=str(top["role_family"]),
                   value=float(top["gap_to_p50_pct"]), interval=_gap_interval(top), n=n,
                   employers=employers, confidence=confidence_of(n, employers), chart="Chart 1")


def _above_finding(reading: MarketReading, short: str, *, currency: str) -> Finding:
    k, n = len(reading.above), len(reading.counted)
    if not k:
        return Finding(f"**No role family in {short} posts clearly above the OEWS median** "
                       f"({plural(n, _FAMILY, many=_FAMILIES)} compared).",
                       kind="above median", subject="role families", value=0.0, n=n,
                       confidence="ok", chart="Chart 1")
    return _gap_finding(
        reading.above,
        f"**{sentence_case(_families(k, n))} {agree(k, 'posts', 'post')} above the OEWS "
        f"median** in "
        f"{short}, {agree(k, 'its', 'their')} {percent(CONFIDENCE)} "
        f"{agree(k, 'interval', 'intervals')} clear of it: "
        f"{_gaps(reading.above, currency=currency)}.",
        "above median")


def _below_finding(reading: MarketReading, short: str, *, currency: str) -> Finding:
    k, n = len(reading.below), len(reading.counted)
    if not k:
        return Finding(f"**No role family in {short} posts clearly below the OEWS median**.",
                       kind="below median", subject="role families", value=0.0, n=n,
                       confidence="ok", chart="Chart 1")
    return _gap_finding(
        reading.below,
        f"**{sentence_case(_families(k, n))} {agree(k, 'posts', 'post')} below the OEWS "
        f"median** in "
        f"{short}: {_gaps(reading.below, currency=currency)}.",
        "below median")


def _faded_text(reading: MarketReading, market: pd.DataFrame) -> str:
    k = len(reading.faded)
    return (f"{sentence_case(_families(k, len(market)))} {agree(k, 'has', 'have')} fewer than "
            f"{SMALL_N} postings or {MIN_EMPLOYERS} employers and {agree(k, 'is', 'are')} shown "
            f"faded, not counted.")


def _noise_finding(reading: MarketReading, market: pd.DataFrame) -> Finding:
    noise = reading.within_noise
    k = len(noise)
    if k:
        sentence = (f"**{plural(k, _FAMILY, many=_FAMILIES)} {agree(k, 'sits', 'sit')} within "
                    f"noise of the paid median** ({join_names(noise['role_family'], limit=k)}): "
                    f"the posted median's {percent(CONFIDENCE)} interval contains it.")
    else:
        sentence = "**No role family sits within noise of the paid median**."
    if len(reading.faded):
        sentence = f"{sentence} {_faded_text(reading, market)}"
    n = int(noise["n_postings"].sum())
    return Finding(sentence, kind="within noise", subject="role families", value=float(k),
                   n=n, confidence=confidence_of(n) if k else "ok", chart="Chart 1")


def _too_few_finding(reading: MarketReading, market: pd.DataFrame) -> Finding:
    sentence = too_few("set a role family against OEWS wages",
                       need=f"{SMALL_N}+ postings from {MIN_EMPLOYERS}+ employers in one role "
                            f"family")
    if len(reading.faded):
        sentence = f"{sentence} {_faded_text(reading, market)}"
    n = reading.n_postings
    return Finding(sentence, kind="no data", subject="role families", n=n,
                   confidence="too few" if n else "none",
                   chart="Chart 1" if len(market) else None)


def _position_finding(reading: MarketReading) -> Finding:
    context = (f"OEWS counts what all employers pay every worker in the occupation "
               f"({OEWS_RELEASE}), while these are ranges that hiring employers post, so position "
               f"is context, not a verdict.")
    counted = reading.counted
    n = int(counted["n_postings"].sum())
    outside = reading.n_outside
    if reading.positioned:
        low, high = ordinal(reading.position_low), ordinal(reading.position_high)
        if counted["mid_position"].notna().sum() == 1:
            lead = f"**The posted median sits at the {low} percentile of paid wages**"
        elif low == high:
            lead = f"**Posted medians sit at the {low} percentile of paid wages**"
        else:
            lead = (f"**Posted medians sit between the {low} and {high} percentiles of paid "
                    f"wages**")
        more = f" ({outside:,} more outside OEWS p10–p90)" if outside else ""
        sentence = f"{lead}{more}; but {context}"
    elif outside:
        verb = agree(outside, "posts", "post", of=len(counted))
        sentence = (f"**{sentence_case(_families(outside, len(counted)))} {verb} outside OEWS "
                    f"p10–p90**, where the published percentiles place no posted median; "
                    f"{context}")
    else:
        sentence = (f"**OEWS counts paid wages of all employers ({OEWS_RELEASE})**, not posted "
                    f"ranges.")
    return Finding(sentence, kind="percentile position", subject="role families",
                   interval=((reading.position_low, reading.position_high)
                             if reading.positioned else None),
                   n=n, confidence=confidence_of(n) if len(counted) else "none",
                   chart="Chart 1" if len(counted) else None)


def _scope_finding(reading: MarketReading, market: pd.DataFrame, comparable: pd.DataFrame,
                   focus_metro: str, currency: str) -> Finding:
    families = len(market)
    n = reading.n_postings
    if reading.local and len(reading.national):
        k = len(reading.national)
        sentence = (f"**{plural(k, _FAMILY, many=_FAMILIES)} {agree(k, 'uses', 'use')} national "
                    f"OEWS figures** ({join_names(reading.national['role_family'], limit=k)}): "
                    f"OEWS publishes no median for {agree(k, 'it', 'them')} in {focus_metro}.")
        value = float(k)
    elif reading.local:
        sentence = (f"**{sentence_case(_families(families, families))} "
                    f"{agree(families, 'is', 'are')}"
                    f" compared with OEWS figures for {focus_metro}** "
                    f"({plural(n, 'posting')}).")
        value = 0.0
    else:
        metros = comparable["metro"].value_counts(normalize=True)
        if not len(comparable):
            where = f"no posting has a closed {currency} range to compare"
        elif len(metros):
            where = (f"all postings are set against national OEWS figures; "
                     f"{percent(metros.iloc[0])} of them are in {metros.index[0]}")
        else:
            where = "all postings are set against national OEWS figures"
        sentence = f"**{focus_metro} holds no comparable postings**, so {where}."
        value = None
    return Finding(sentence, kind="oews area", subject=focus_metro, value=value, n=n,
                   confidence=confidence_of(n) if n else "none")


def _title(reading: MarketReading, short: str) -> str:
    above, below, n = reading.above, reading.below, len(reading.counted)
    if len(above) and len(below):
        return (f"In {short}, {above['role_family'].iloc[0]} postings sit "
                f"{percent(above['gap_to_p50_pct'].iloc[0])} above the paid median, "
                f"{below['role_family'].iloc[0]} {percent(abs(below['gap_to_p50_pct'].iloc[0]))} "
                f"below")
    if n:
        return _tally(reading, short, "paid median")
    return f"Too few postings in {short} to set against OEWS wages"


def _tally(reading: MarketReading, short: str, median: str) -> str:
    """'2 of 5 role families in X post above the …, 2 below, 1 within noise'."""
    n = len(reading.counted)
    if n == 1:
        side = reading.counted["versus_p50"].iloc[0]
        where = (f"within noise of the {median}" if side == "within noise"
                 else f"{side} the {median}")
        return f"The one counted role family in {short} posts {where}"
    k = len(reading.above)
    return (f"{sentence_case(_families(k, n))} in {short} {agree(k, 'posts', 'post', of=n)} "
            f"above the "
            f"{median}, {len(reading.below):,} below, {len(reading.within_noise):,} within noise")


def _caption(reading, market, short, place, snapshot, currency, source_line) -> Caption:
    if len(reading.counted):
        title = _tally(reading, short, "OEWS paid median")
    else:
        title = f"Too few postings in {short} to set any role family against OEWS paid wages"
    return Caption(
        title=title,
        subtitle=(f"Posted median midpoint (annual base salary, as posted, {currency}) against "
                  f"BLS OEWS {OEWS_RELEASE} annual wage percentiles · {place} · snapshot "
                  f"{snapshot} · {n_text(reading.n_postings)}; faded: under {SMALL_N} postings "
                  f"or {MIN_EMPLOYERS} employers"),
        alt=(f"For {plural(len(market), _FAMILY, many=_FAMILIES)}, grey bars show OEWS "
             f"paid-wage percentiles p10–p90 and p25–p75 with a median tick, and a dot marks the "
             f"posted median midpoint in {place}."),
        source=source_line,
    )


def market_table(market: pd.DataFrame, *, currency: str = DEFAULT_CURRENCY) -> pd.DataFrame:
    """A focus_market table as the report shows it, one row per role family, same order.

    Columns: Role family, OEWS occupation, OEWS area (metro or national), n postings, Employers,
    Posted median mid, 95% interval ("$220k–$258k"), OEWS median, Gap to median (a fraction),
    OEWS percentile ("78th", or where it lies beyond the published ones, "above p90") and
    Reading (above, below, within noise). The interval's text reads in `currency`.
    """
    position = market["mid_position"].map(ordinal, na_action="ignore")
    interval = [
        money_range(low, high, currency=currency)
        for low, high in zip(
            market["posted_mid_median_low"], market["posted_mid_median_high"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "Role family": market["role_family"],
            "OEWS occupation": market["occupation"],
            "OEWS area": market["oews_area_type"],
            "n postings": market["n_postings"],
            "Employers": market["n_employers"],
            "Posted median mid": market["posted_mid_median"],
            f"{INTERVAL}": pd.Series(interval, index=market.index, dtype=object),
            "OEWS median": market["p50"],
            "Gap to median": market["gap_to_p50_pct"],
            "OEWS percentile": position.fillna(market["position_flag"]),
            "Reading": market["versus_p50"],
        }
    ).reset_index(drop=True)
