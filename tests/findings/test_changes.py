"""Report 07's text: every finding and the chart caption against the frames behind them, one
snapshot only, sparse data, and the two report tables."""

import numpy as np
import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame, group_shifts_frame

from analysis.analyses.coverage import headline_figures
from analysis.analyses.diff import (
    diff_counts,
    group_shifts,
    largest_rebands,
    noise_flags,
    snapshot_diff,
)
from analysis.findings.changes import (
    SHIFTS_CHART,
    changes_text,
    reband_table,
    shift_chart_data,
    shift_table,
)
from analysis.findings.wording import percent
from analysis.schema import empty_bands
from analysis.stats import share_gap

BAD = ("0 of 0", "nan", "None", "–%", "NaT")
AUSTIN = "Austin-Round Rock-San Marcos, TX"
SJ = "San Jose-Sunnyvale-Santa Clara, CA"


def _snapshot(label, metros, *, seed, lift=0.0, no_pay=0):
    rng = np.random.default_rng(seed)
    rows = []
    for metro, n in metros.items():
        for i in range(n):
            mid = float(rng.normal(150_000, 5_000)) * (1 + (lift if metro == AUSTIN else 0))
            pay = dict(pay_min=mid - 20_000, pay_max=mid + 20_000, annual_min=mid - 20_000,
                       annual_max=mid + 20_000, annual_mid=mid)
            rows.append(band_row(posting_id=f"p:{metro[:3]}{i}", snapshot=label, metro=metro,
                                 employer=f"E{i % 5}", **(NO_PAY if i < no_pay else pay)))
    return bands_frame(rows) if rows else empty_bands()


def _text(old, new, *, single=False):
    diff = snapshot_diff(old, new)
    shifts = group_shifts(old, new, by="metro", n_boot=300)
    rebands = largest_rebands(diff, top=len(diff))
    text = changes_text(facts=headline_figures(new),
                        old_facts=None if single else headline_figures(old),
                        counts=diff_counts(diff), shifts=shifts, rebands=rebands, by="metro",
                        currency="USD", n_boot=300)
    return text, dict(diff=diff, shifts=shifts, rebands=rebands)


def _clean(text):
    words = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values(),
             *(f.sentence for f in text.findings)]
    for c in text.captions.values():
        words += [c.title, c.subtitle, c.alt, c.source]
    for w in words:
        for bad in BAD:
            assert bad not in w, (bad, w)


def test_findings_match_the_shift_chart_and_the_diff():
    old = _snapshot("2026-10-01", {AUSTIN: 40, SJ: 40}, seed=1)
    new = _snapshot("2026-11-01", {AUSTIN: 40, SJ: 40}, seed=2, lift=0.2)
    text, f = _text(old, new)
    _clean(text)
    counts = diff_counts(f["diff"])
    kinds = {finding.kind: finding for finding in text.findings}
    changes = kinds["posting changes"]
    assert changes.value == counts["rebanded"] == 80
    assert f"{counts['rebanded']:,} re-banded" in changes.sentence
    assert f"{counts['unchanged']:,} unchanged" in changes.sentence
    shift = kinds["median shift"]
    plotted = shift_chart_data(f["shifts"])
    austin = plotted.set_index("metro").loc[AUSTIN]
    assert austin["reading"] == "beyond noise"
    assert shift.subject == AUSTIN
    assert shift.value == austin["change"]
    assert shift.interval == (austin["change_low"], austin["change_high"])
    assert shift.n == plotted["n_new"].sum()
    assert f"{austin['change']:+.1%}" in shift.sentence
    assert "moved beyond noise" in shift.sentence
    caption = text.captions[SHIFTS_CHART]
    assert caption.title.startswith(f"{AUSTIN}'s median rose {abs(austin['change']):.1%}")
    assert f"n = bands, {plotted['n_old'].sum():,} → {plotted['n_new'].sum():,}" in \
        caption.subtitle
    reband = kinds["re-banding"]
    assert reband.n == 80
    assert reband.value == pytest.approx(f["rebands"]["change"].median())
    assert f"{(f['rebands']['direction'] == 'raised').sum():,} raised" in reband.sentence
    gap = share_gap(80, 80, 80, 80)
    disclosure = kinds["disclosure change"]
    assert disclosure.value == gap["gap"] and disclosure.n == 80
    assert f"{percent(gap['share_a'])} of postings state pay now" in disclosure.sentence


def test_nothing_moved_names_the_widest_move_and_the_tested_groups():
    old = _snapshot("2026-10-01", {AUSTIN: 30, SJ: 30}, seed=1)
    new = _snapshot("2026-11-01", {AUSTIN: 30, SJ: 30}, seed=1)
    text, f = _text(old, new)
    _clean(text)
    shift = next(x for x in text.findings if x.kind == "median shift")
    assert shift.sentence.startswith("**No metro's median midpoint moved beyond noise**")
    assert "of the 2 metros" in shift.sentence
    assert "No metro's median" in text.captions[SHIFTS_CHART].title
    assert next(x for x in text.findings if x.kind == "re-banding").confidence == "none"


def test_one_snapshot_says_nothing_to_compare():
    new = _snapshot("2026-11-01", {SJ: 10}, seed=1)
    text, _ = _text(new.iloc[0:0], new, single=True)
    _clean(text)
    assert text.title == "Only one snapshot (2026-11-01); nothing to compare"
    assert [f.confidence for f in text.findings] == ["none"]
    assert "10 postings, 100% with pay" in text.findings[0].sentence
    assert SHIFTS_CHART in text.notes


@pytest.mark.parametrize(
    ("old_metros", "new_metros"),
    [({}, {}), ({SJ: 3}, {SJ: 4}), ({SJ: 6}, {AUSTIN: 6}), ({SJ: 2}, {})],
)
def test_sparse_data_still_reads(old_metros, new_metros):
    old = _snapshot("2026-10-01", old_metros, seed=1, no_pay=1)
    new = _snapshot("2026-11-01", new_metros, seed=2)
    text, f = _text(old, new)
    _clean(text)
    shift = next(x for x in text.findings if x.kind == "median shift")
    assert shift.confidence in ("too few", "none")
    assert "No metro has 5 or more bands in both snapshots" in shift.sentence


SHIFTS = group_shifts_frame()


def test_chart_data_carries_the_reading_the_chart_draws():
    assert shift_chart_data(SHIFTS)["reading"].tolist() == noise_flags(SHIFTS).tolist()


def test_shift_table_formats_changes_and_keeps_numbers():
    table = shift_table(SHIFTS, by="metro")
    assert table.columns.tolist() == [
        "Metro", "Previous median", "New median", "Change (95% CI)", "Bands then", "Bands now",
        "Reading",
    ]
    assert table["Metro"].tolist() == ["flat", "up", "new", "tiny", "gone"]  # largest n first
    rows = table.set_index("Metro")
    assert (rows.loc["up", "Change (95% CI)"], rows.loc["up", "Bands then"],
            rows.loc["up", "Bands now"]) == ("+10.0% (+4.0 to +16.0)", 50, 60)
    assert rows.loc["up", "Previous median"] == 100_000.0
    assert rows.loc["tiny", "Change (95% CI)"] == "-11.1%"  # no interval for 3 bands
    assert rows.loc["gone", "Change (95% CI)"] == "–"





def _rebanded(pid, old_mid, new_mid):
    return {"posting_id": pid, "status": "rebanded", "old_annual_mid": old_mid,
            "new_annual_mid": new_mid}


def test_reband_table_shows_bands_and_the_change_or_what_happened_to_pay():
    diff = pd.DataFrame([
        {**_rebanded("cut", 100.0, 80.0), "employer": "E", "title": "T",
         "metro": "San Jose-Sunnyvale-Santa Clara, CA", "old_bands": "USD 1–2 per year",
         "new_bands": "USD 1–1.6 per year"},
        {**_rebanded("hidden", 100.0, np.nan), "employer": "F", "title": "U", "metro": None,
         "old_bands": "USD 1–2 per year", "new_bands": "no pay stated"},
        {**_rebanded("small", 100.0, 101.0), "employer": "G", "title": "V", "metro": "X, TX",
         "old_bands": "a", "new_bands": "b"},
    ])
    table = reband_table(largest_rebands(diff, top=3), top=2)
    assert table.columns.tolist() == ["Employer", "Title", "Metro", "Previous band", "New band",
                                      "Midpoint change"]
    assert table["Employer"].tolist() == ["E", "G"]
    assert table.loc[0, "Metro"] == "San Jose-Sunnyvale"
    assert table["Midpoint change"].tolist() == ["-20.0%", "+1.0%"]
    full = reband_table(largest_rebands(diff, top=3))
    assert full.loc[2, "Midpoint change"] == "pay withdrawn"
    assert pd.isna(full.loc[2, "Metro"])



def test_postings_that_stop_or_start_stating_pay_are_worded_without_zero_counts():
    from analysis.findings.changes import _stopped_started

    assert _stopped_started(0, 0) == "none stopped or started stating pay"
    assert _stopped_started(2, 0) == "2 stopped stating pay and none started"
    assert _stopped_started(0, 1) == "none stopped stating pay and 1 started"
