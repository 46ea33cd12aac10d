"""Report 01's findings against the coverage frames its charts plot, and its sparse wording."""

import re

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses import coverage
from analysis.analyses.summary import comparable_bands
from analysis.findings.overview import (
    PERIODS_CHART,
    SOURCES_CHART,
    history_table,
    overview_text,
)
from analysis.findings.wording import confidence_of, percent, plural
from analysis.normalize.vocabulary import PERIOD_FACTORS

BAD = re.compile(r"\b0 of 0\b|\b[Nn]a[Nn]\b|\bNone\b|\binf\b|–%|\bof 0 \w+|\(n=0[;,)]|\(\)|"
                 r"snapshot [;:]|\b1 (?:band|record|posting)s\b|\ball no\b|– of|\b1 \w+ are\b")
QUARANTINE_COLUMNS = ["source_file", "record", "title", "pay_text", "reason", "detail"]


def _posting(i, rng, *, source, pay=True, hourly=False, inferred=False, open_ended=False,
             currency="USD"):
    base = dict(posting_id=f"{source}:{i}", source=source, employer=f"E{i % 7}",
                role_family=["software engineer", "data scientist", "recruiter"][i % 3],
                metro=["San Jose-Sunnyvale-Santa Clara, CA", "Austin-Round Rock-San Marcos, TX"]
                [i % 2])
    if not pay:
        return band_row(**base, **NO_PAY)
    if hourly:
        low = float(rng.integers(40, 70))
        high = low + 20
        period, factor = "hour", PERIOD_FACTORS["hour"]
    else:
        low = float(rng.integers(100, 200)) * 1000
        high = low + 40_000
        period, factor = "year", 1
    row = dict(pay_min=low, pay_max=high, pay_period=period, period_inferred=inferred,
               currency=currency, annual_min=low * factor, annual_max=high * factor,
               annual_mid=(low + high) / 2 * factor)
    if open_ended:
        row.update(pay_min=None, annual_min=None, annual_mid=None)
    return band_row(**base, **row)


def _bands(seed=0):
    """Two sources: a large board with some hourly and some no-pay postings, a smaller career
    page that always states pay; a few inferred periods, open-ended bands and EUR bands."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(60):
        rows.append(_posting(i, rng, source="board", pay=i % 4 != 0, hourly=i % 5 == 1,
                             inferred=i % 10 == 1, open_ended=i == 2))
    for i in range(25):
        rows.append(_posting(i, rng, source="career-page", currency="EUR" if i < 3 else "USD",
                             open_ended=i == 7))
    return bands_frame(rows)


def _quarantine(reasons):
    return pd.DataFrame([dict(source_file="f.csv", record=str(i), title="t", pay_text="p",
                              reason=reason, detail="") for i, reason in enumerate(reasons)],
                        columns=QUARANTINE_COLUMNS)


def _history(*postings):
    return pd.DataFrame([dict(snapshot=f"2026-{m + 10:02d}-01", postings=p)
                         for m, p in enumerate(postings)])


def text_of(bands, *, counts=None, quarantine=None, history=None, currency="USD"):
    quarantine = _quarantine([]) if quarantine is None else quarantine
    history = _history(bands["posting_id"].nunique()) if history is None else history
    frames = dict(sources=coverage.coverage_by(bands, by="source"),
                  periods=coverage.period_shares(bands),
                  quality=coverage.pay_quality(bands),
                  facts=coverage.headline_figures(bands),
                  comparable=comparable_bands(bands, currency=currency))
    text = overview_text(
        **frames, counts=counts or {}, reasons=coverage.quarantine_reasons(quarantine),
        history=history, growth=coverage.snapshot_growth(history), currency=currency)
    return frames, text


def all_text(text):
    lines = [text.title, text.scope, *[f.sentence for f in text.findings], *text.caveats,
             *text.method, *text.notes.values()]
    for caption in text.captions.values():
        lines += [caption.title, caption.subtitle, caption.alt, caption.source]
    return lines


def by_kind(text):
    return {f.kind: f for f in text.findings}


@pytest.fixture
def full():
    bands = _bands()
    quarantine = _quarantine(["implausible pay", "missing title", "implausible pay"])
    counts = {"records_in": 88, "quarantined": 3}
    return bands, text_of(bands, counts=counts, quarantine=quarantine,
                          history=_history(70, bands["posting_id"].nunique()))


def test_disclosure_finding_matches_the_bands(full):
    bands, (frames, text) = full
    finding = by_kind(text)["disclosure share"]
    postings = bands["posting_id"].nunique()
    with_pay = bands.loc[bands["has_pay"], "posting_id"].nunique()
    assert (postings, with_pay) == (85, 70)  # 15 of the board's 60 state no pay
    assert finding.value == pytest.approx(with_pay / postings)
    assert finding.n == postings and finding.employers == bands["employer"].nunique()
    assert finding.confidence == confidence_of(postings, bands["employer"].nunique())
    closed = len(comparable_bands(bands))
    assert closed == 70 - 3 - 2  # less EUR and open-ended
    # every count says what it counts: postings, then bands
    assert (f"**{percent(with_pay / postings)} of postings state pay** ({with_pay} of "
            f"{postings} postings), giving {plural(70, 'pay band')}; {closed} bands are closed "
            f"USD ranges" in finding.sentence)
    assert text.title == (f"{percent(with_pay / postings)} of {postings} postings state a pay "
                          f"range; 3 of 88 records could not be used")


def test_quarantine_and_source_findings_match_the_frames(full):
    bands, (frames, text) = full
    quarantine = by_kind(text)["quarantine"]
    assert quarantine.value == pytest.approx(3 / 88) and quarantine.n == 88
    assert "**3 of 88 records were quarantined** (3.4%)" in quarantine.sentence
    assert '"implausible pay"' in quarantine.sentence

    sources = frames["sources"]
    assert sources["source"].tolist() == ["board", "career-page"]  # largest first
    largest = by_kind(text)["largest source"]
    board = bands.loc[bands["source"] == "board"]
    share = board.loc[board["has_pay"], "posting_id"].nunique() / board["posting_id"].nunique()
    assert largest.subject == "board" and largest.n == 60
    assert largest.value == pytest.approx(share) == sources.iloc[0]["share_with_pay"]
    assert f"60 postings ({percent(60 / 85)}), {percent(share)} with pay" in largest.sentence


def test_periods_and_snapshot_findings_match_the_frames(full):
    bands, (frames, text) = full
    periods = frames["periods"].set_index("pay_period")
    finding = by_kind(text)["pay periods"]
    paid = bands.loc[bands["has_pay"]]
    hourly = (paid["pay_period"] == "hour").mean()
    assert finding.value == pytest.approx(hourly) == periods.loc["hour", "share"]
    assert finding.n == len(paid) == frames["quality"]["pay_bands"]
    inferred = int(paid["period_inferred"].sum())
    assert inferred == frames["quality"]["inferred"] == 6
    assert f"**{percent(hourly)} of bands are posted per hour**" in finding.sentence
    assert f"{inferred} bands had no stated period" in finding.sentence

    snapshots = by_kind(text)["snapshots"]
    assert snapshots.value == 85 - 70
    assert ("**2 snapshots** are in the store; the latest holds 85 postings, +15 postings on "
            "the previous one.") in snapshots.sentence


def test_captions_state_what_the_charts_show(full):
    bands, (frames, text) = full
    sources = frames["sources"]
    low, high = sources["share_with_pay"].min(), sources["share_with_pay"].max()
    assert text.captions[SOURCES_CHART].title == (
        f"board supplies {percent(60 / 85)} of postings; pay disclosure ranges "
        f"{percent(low)}–{percent(high)} by source")
    periods = frames["periods"]
    top = periods.sort_values("share").iloc[-1]
    assert top["pay_period"] == "year"
    assert text.captions[PERIODS_CHART].title == (
        f"Year is how most ranges are posted ({percent(top['share'])} of bands)")
    assert "6 bands with the period inferred" in text.captions[PERIODS_CHART].subtitle
    # Chart 1 counts postings, Chart 2 bands; the shared source line claims neither
    assert "n = 85 postings" in text.captions[SOURCES_CHART].subtitle
    assert f"n = {plural(frames['quality']['pay_bands'], 'pay band')}" in \
        text.captions[PERIODS_CHART].subtitle
    assert "n = postings" not in text.captions[PERIODS_CHART].source
    assert "2 bands are open-ended" in text.caveats[1]
    for line in all_text(text):
        assert not BAD.search(line), line


# --- sparse data ---------------------------------------------------------------------------

def _sparse_cases():
    rng = np.random.default_rng(1)
    return {
        "empty": bands_frame([]),
        "only no pay": bands_frame([_posting(i, rng, source="board", pay=False)
                                    for i in range(6)]),
        "one posting": bands_frame([_posting(0, rng, source="board")]),
        "one open-ended band": bands_frame([_posting(0, rng, source="board", open_ended=True)]),
        "one source, open-ended only": bands_frame(
            [_posting(i, rng, source="board", open_ended=True) for i in range(4)]),
        "one source": bands_frame([_posting(i, rng, source="board") for i in range(12)]),
    }


@pytest.mark.parametrize("case", list(_sparse_cases()))
def test_sparse_data_reads_well(case):
    bands = _sparse_cases()[case]
    n = bands["posting_id"].nunique()
    frames, text = text_of(bands, counts={"records_in": n, "quarantined": 0})
    assert len(text.findings) >= 4
    for line in all_text(text):
        assert not BAD.search(line), (case, line)
    disclosure = by_kind(text)["disclosure share"]
    assert disclosure.confidence == confidence_of(n, bands["employer"].nunique())
    if n < 5:
        assert disclosure.confidence in ("too few", "none")
    if not frames["quality"]["pay_bands"]:
        assert by_kind(text)["pay periods"].confidence == "none"
        assert by_kind(text)["pay periods"].value is None


def test_sparse_wording_by_case():
    cases = _sparse_cases()
    _, empty = text_of(cases["empty"], counts={})
    assert empty.title == "No postings to read"
    assert [f.confidence for f in empty.findings[:3]] == ["none"] * 3
    assert "snapshot 2026-10-01" in empty.captions[SOURCES_CHART].source  # from the history
    assert empty.captions[SOURCES_CHART].title == "No sources to show"

    _, no_pay = text_of(cases["only no pay"], counts={"records_in": 6, "quarantined": 0})
    assert no_pay.title == "0% of 6 postings state a pay range; all 6 records were usable"
    assert "so there are no pay bands to compare" in no_pay.findings[0].sentence
    assert by_kind(no_pay)["quarantine"].text == (
        "No records were quarantined: all 6 records became postings.")

    _, one = text_of(cases["one posting"], counts={"records_in": 1, "quarantined": 0})
    assert one.title == "100% of 1 posting states a pay range; the one record was usable"
    assert "(1 of 1 posting), giving 1 pay band; 1 band is a closed USD range" in \
        one.findings[0].sentence
    assert "1 posting (100%)" in by_kind(one)["largest source"].sentence
    assert "every band stated its period" in by_kind(one)["pay periods"].sentence

    _, open_only = text_of(cases["one source, open-ended only"])
    assert "none of them a closed USD range" in open_only.findings[0].sentence
    assert open_only.caveats[1].startswith("4 bands are open-ended")

    _, single = text_of(cases["one source"])
    assert single.captions[SOURCES_CHART].title == "board supplies 100% of postings; 100% state pay"
    assert single.caveats[1].startswith("No band is open-ended")
    assert by_kind(single)["snapshots"].lead == "One snapshot"


def test_snapshot_growth_of_one_posting_is_singular():
    bands = _bands()
    _, text = text_of(bands, history=_history(84, bands["posting_id"].nunique()))
    assert "+1 posting on the previous one" in by_kind(text)["snapshots"].sentence


def test_history_table_headers_say_what_they_count():
    history = pd.DataFrame([dict(snapshot="2026-10-01", created="2026-10-01T08:00", input_files=2,
                                 records_in=12, postings=10, postings_with_pay=7, bands=11,
                                 quarantined=2, reconciles=True)])
    assert history_table(history).columns.tolist() == [
        "Snapshot", "Ingested", "Files", "Records in", "Postings", "Postings with pay", "Bands",
        "Records quarantined", "Counts reconcile"]
