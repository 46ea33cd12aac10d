"""Report 05's words: the facts its prose quotes, its findings read from the benchmark row and
peers Chart 1 plots, its tables, and sparse cases."""

import math

import pandas as pd
import pytest
from factories import NO_PAY, SJ, band_row, bands_frame, peer_band, peer_market

from analysis.analyses.benchmark_cases import SEED_TEXT, STATUSES, benchmark_for
from analysis.findings.benchmark import (
    BENCHMARK_CHART,
    REASONS,
    benchmark_facts,
    benchmark_text,
    peer_comparison_table,
    peer_group_text,
    peer_list_table,
    posting_label,
)
from analysis.formats import money, money_range, ordinal


def test_every_status_has_a_reason():
    assert set(REASONS) == set(STATUSES)
    assert REASONS["ok"] == "" and all(REASONS[s] for s in STATUSES if s != "ok")


# --- the facts a report quotes -------------------------------------------------------------------

def _facts(bands, posting_id="me", **options):
    result, peers = benchmark_for(bands, posting_id=posting_id, **options)
    return result, benchmark_facts(result, peers=peers, currency=options.get("currency", "USD"))


def test_facts_of_a_placed_posting_below_its_peers():
    # 21 peers from 5 employers: 16 seniors (E0 posts 4 of them), 5 staff; the posting, far
    # below, states no level: it is inferred senior from its pay and compared with seniors only
    rows = peer_market(21, employers=5)
    for i, row in enumerate(rows):
        row["level"] = "senior" if i < 16 else "staff"
    bands = bands_frame(rows + [peer_band("me", 60_000, 80_000, employer="Acme")])
    result, facts = _facts(bands)
    median = pd.Series([r["annual_mid"] for r in rows[:16]]).median()
    assert facts.placed and facts.status == "ok" and facts.reason == ""
    assert facts.who == "Research Scientist, Machine Learning (PhD) at Acme"
    assert facts.employer == "Acme" and facts.place == SJ
    assert facts.peer_group == (f"research scientist postings, senior level (inferred from pay), "
                                f"{SJ} metro")
    assert (facts.n_peers, facts.n_employers, facts.describable) == (16, 5, True)
    assert facts.direction == "below" and not facts.within_noise
    assert facts.gap == pytest.approx(median - 70_000)
    assert facts.gap_pct == pytest.approx((median - 70_000) / median)
    assert (facts.top_employer, facts.top_employer_postings) == ("E0", 4)
    assert not facts.level_stated and facts.level_mix == "senior 16"
    assert (facts.level_basis, facts.peer_levels) == ("inferred from pay", "senior")
    assert facts.level_text.startswith("level inferred from pay: senior — the posting states none")
    assert "among senior, staff" in facts.level_text
    assert not facts.widened and facts.location_text == "" and not facts.too_few_employers
    assert facts.has_band and facts.given_as == "bands"


def test_facts_above_and_within_noise():
    rows = peer_market(20)
    _, above = _facts(bands_frame(rows + [peer_band("me", 400_000, 500_000)]))
    assert above.direction == "above" and not above.within_noise
    _, level = _facts(bands_frame(rows + [peer_band("me", 170_000, 250_000)]))  # at the median
    assert level.within_noise and level.placed


def test_facts_within_noise_only_when_placed():
    # two peers from two employers: too few to place, though the posting sits at their median
    bands = bands_frame(peer_market(2) + [peer_band("me", 105_000, 165_000)])
    result, facts = _facts(bands)
    assert result["too_few_employers"].item() and not result["gap_within_noise"].item()
    assert result[["peer_annual_mid_median_low", "peer_annual_mid_median_high"]].isna().all(
        axis=None)
    assert facts.too_few_employers and facts.direction == ""
    assert facts.status == "too few peers" and not facts.placed and not facts.within_noise
    assert facts.reason == "it has too few peers" and facts.has_band
    assert not facts.describable and facts.n_peers == 2


def test_facts_without_a_posting_pay_or_peers():
    bands = bands_frame(peer_market(12) + [band_row(posting_id="me", **NO_PAY)])
    _, no_pay = _facts(bands)
    assert no_pay.reason == "it states no closed pay range" and not no_pay.has_band
    assert no_pay.describable and no_pay.n_peers == 12  # its peers can still be described
    assert math.isnan(no_pay.gap) and no_pay.direction == ""

    _, missing = _facts(bands, posting_id="nope")
    assert missing.who == "Posting nope" and missing.reason == "it is not in the data"
    assert missing.place == "location unknown" and missing.top_employer is None
    assert missing.level_mix == "" and missing.top_employer_postings == 0

    euro = bands_frame(peer_market(12) + [peer_band("me", 100_000, 120_000, currency="EUR")])
    assert _facts(euro)[1].reason == "its pay is not posted in USD"
    assert _facts(euro, currency="EUR")[1].status == "no peers"

    lonely = bands_frame(peer_market(12) + [peer_band("me", 1, 2, role_family="recruiter",
                                                 employer=None, title="Recruiter")])
    _, facts = _facts(lonely)
    assert facts.reason == "it has no peers" and facts.who == "Recruiter"
    assert facts.employer == "" and facts.has_band
    assert facts.peer_group.startswith("recruiter postings")


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (dict(role_family="data scientist", level="senior", peer_scope="state", metro=None,
              state="CA"), "data scientist postings, senior level, state of CA"),
        (dict(role_family="recruiter", level=None, peer_scope="metro", metro=SJ, state="CA"),
         f"recruiter postings, any level, {SJ} metro"),
        (dict(role_family=None, level=None, peer_scope="nation", metro=None, state=None),
         "unclassified role postings, any level, nationwide"),
    ],
)
def test_peer_group_text(row, text):
    assert peer_group_text(pd.DataFrame([row])) == text


def test_seed_text_fallback_is_given_as_text():
    # nothing to benchmark in the data: the seed posting stands in from its published text
    result, peers = benchmark_for(bands_frame(peer_market(20)).assign(annual_max=float("nan")))
    facts = benchmark_facts(result, peers=peers)
    assert facts.given_as == "text" and facts.who == SEED_TEXT["title"]  # no employer in text


# --- the report's tables -------------------------------------------------------------------------

def test_peer_comparison_table_names_and_ordinals():
    bands = bands_frame(peer_market(20) + [peer_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(bands, posting_id="me")
    table = peer_comparison_table(result)
    assert table.columns.tolist() == ["Measure", "This posting", "Peers p10", "Peers p25",
                                      "Peers median", "Peers p75", "Peers p90", "Percentile",
                                      "Peer postings"]
    assert table["Percentile"].tolist() == ["50th", "50th", "50th"]
    assert table["This posting"].tolist() == [195_000, 220_000, 245_000]
    # not placed (peers from too few employers): no percentile, whatever the peer count
    few = bands_frame(peer_market(20, employers=2) + [peer_band("me", 195_000, 245_000)])
    result, _ = benchmark_for(few, posting_id="me")
    assert result["status"].item() == "too few peers"
    assert peer_comparison_table(result)["Percentile"].isna().all()


def test_peer_list_table_highest_first_ties_by_id():
    rows = peer_market(6) + [peer_band("peer9", 150_000, 200_000)]  # ties peer5's midpoint, 175k
    rows += [peer_band("peer0b", 100_000, 150_000)]  # ties peer0's midpoint, 125k
    bands = bands_frame(rows + [peer_band("me", 1, 2)])
    _, peers = benchmark_for(bands, posting_id="me")
    before = peers.copy()
    table = peer_list_table(peers, top=5)
    pd.testing.assert_frame_equal(peers, before)
    assert table.columns.tolist() == ["Employer", "Title", "Metro", "Level", "Minimum",
                                      "Midpoint", "Maximum"]
    assert len(table) == 5 and table["Midpoint"].is_monotonic_decreasing
    assert table["Midpoint"].tolist()[:2] == [175_000, 175_000]
    assert table["Employer"].tolist()[:2] == ["E5", "Meta"]  # peer5 before peer9
    full = peer_list_table(peers)
    assert full["Midpoint"].tolist()[-2:] == [125_000, 125_000]
    assert full["Employer"].tolist()[-2:] == ["E0", "Meta"]  # peer0 before peer0b




# --- the report's findings, read from the frames Chart 1 and the table show ----------------------

BAD = ("0 of 0", "nan", "None", "–%", "$nan")


def _text(bands, posting_id="me", **options):
    result, peers = benchmark_for(bands, posting_id=posting_id, **options)
    text = benchmark_text(result=result, peers=peers, bands=bands, currency="USD",
                          snapshot="2026-11-01", pay_text=options.get("pay_text", ""))
    return text, result.iloc[0], peers


def _assert_clean(text):
    words = [text.title, text.scope, *text.caveats, *text.method, *text.notes.values()]
    words += [f.sentence for f in text.findings]
    words += [c.title for c in text.captions.values()] + [c.subtitle for c in
                                                          text.captions.values()]
    for bad in BAD:
        assert not [w for w in words if bad in w], bad


def test_placed_findings_quote_the_benchmark_row():
    rows = peer_market(21, employers=5)  # E0 posts 5
    bands = bands_frame(rows + [peer_band("me", 60_000, 80_000, employer="Acme")])
    text, row, peers = _text(bands)
    n, employers = len(peers), peers["employer"].nunique()
    assert (n, employers) == (row["n_peers"], row["n_peer_employers"]) == (21, 5)
    percentile, percentiles, gap, group = text.findings
    assert percentile.value == row["pct_mid"] and (percentile.n, percentile.employers) == (n, 5)
    assert f"{ordinal(row['pct_mid'])} percentile of 21 peer postings from 5 employers" in (
        percentile.sentence)
    assert money_range(row["annual_min"], row["annual_max"]) in percentile.sentence
    assert percentiles.chart == "the table below"
    assert gap.value == row["gap_to_median"]
    assert gap.interval == (row["peer_annual_mid_median_low"], row["peer_annual_mid_median_high"])
    assert money(row["peer_annual_mid_median"]) in gap.sentence
    assert money_range(*gap.interval) in gap.sentence and "outside" in gap.sentence
    assert f"({abs(row['gap_to_median_pct']):.0%}) below" in gap.sentence
    assert group.value == 21 and "the largest (E0) posting 5 of them" in group.sentence
    assert all(f.confidence == "ok" for f in text.findings)
    caption = text.captions[BENCHMARK_CHART]
    assert caption.title.startswith(f"{money_range(60_000, 80_000)} sits at the "
                                    f"{ordinal(row['pct_mid'])} percentile of 21 peer "
                                    f"postings' midpoints")
    assert f"{abs(row['gap_to_median_pct']):.0%} below their median" in caption.title
    assert "n = 21 postings, 5 employers" in caption.subtitle
    assert text.title.endswith("below the median of its 21 peer postings")
    # every peer count says it counts postings, in the caveats and the method too
    assert "peers span every level (peer postings by level: not stated 21)" in \
        text.caveats[1]
    assert "posts 5 of the 21 peer postings" in text.caveats[2]
    assert "while fewer than 10 peer postings remain" in text.method[0]
    assert "Strip of the pay bands of 21 peer postings (one band each)" in caption.alt
    # how the peers were chosen is said: every level, as the posting states none and peers none
    assert "every level — the posting states none" in group.sentence
    assert posting_label(pd.DataFrame([row])) == "Acme"
    _assert_clean(text)


def test_within_noise_is_said_in_title_finding_and_caption():
    text, row, _ = _text(bands_frame(peer_market(20) + [peer_band("me", 170_000, 250_000)]))
    assert row["gap_within_noise"]
    assert "in line with its 20 peer postings' median" in text.title
    assert "within noise" in text.findings[2].sentence
    assert "within noise of their median" in text.captions[BENCHMARK_CHART].title


@pytest.mark.parametrize("case", ["no pay", "too few", "no peers", "not found", "empty", "seed"])
def test_unplaced_postings_still_read(case):
    market = peer_market(12)
    posting_id = "me"
    options = {}
    if case == "no pay":
        bands = bands_frame(market + [band_row(posting_id="me", **NO_PAY)])
    elif case == "too few":
        bands = bands_frame(peer_market(2) + [peer_band("me", 105_000, 165_000)])
    elif case == "no peers":
        bands = bands_frame(market + [peer_band("me", 1, 2, role_family="recruiter",
                                            employer=None, title="Recruiter")])
    elif case == "not found":
        bands, posting_id = bands_frame(market), "nope"
    elif case == "empty":
        bands, posting_id = bands_frame([]), ""
    else:
        bands, posting_id = bands_frame(market), ""
    text, row, peers = _text(bands, posting_id=posting_id, **options)
    _assert_clean(text)
    assert text.notes[BENCHMARK_CHART] and text.findings
    if case != "seed":
        assert row["status"] != "ok" and "cannot be benchmarked" in text.title
        first = text.findings[0]
        assert first.confidence in ("too few", "none", "ok")
        assert first.n == row["n_peers"] if case != "not found" else first.n == 0
    if case == "no pay":
        assert len(text.findings) == 2  # its 12 peers can still be described
        assert money(row["peer_annual_mid_median"]) in text.findings[1].sentence
        assert text.findings[1].value == row["peer_annual_mid_median"]
    if case == "too few":
        assert "holds 2 postings from 2 employers" in text.findings[0].sentence
        assert text.findings[0].confidence == "too few"
    if case == "no peers":
        assert "No other posting in its peer group" in text.findings[0].sentence
        assert text.findings[0].confidence == "none"
    if case == "not found":
        assert "not in snapshot 2026-11-01" in text.findings[0].sentence
    if case == "empty":
        assert "The seed posting is not in this data" in text.findings[-1].sentence
    if case == "seed":  # no seed in the data: its own typical posting, and no word of Meta
        assert "No posting was named" in text.findings[-1].sentence
        assert "Meta" not in " ".join([text.title, *text.method, *text.caveats])


# --- which peers: level basis, adjacency, location ----------------------------------------------

SF = "San Francisco-Oakland-Fremont, CA"


def _two_metro_market():
    """Six employers, each posting senior software engineers in San Jose and, at 1.25x, in San
    Francisco; senior research scientists: 3 in San Jose, 12 in San Francisco (same pay x 1.25)."""
    rows = []
    for e in range(6):
        for metro, factor in ((SJ, 1.0), (SF, 1.25)):
            mid = 160_000 * factor * (1 + e / 20)
            rows.append(peer_band(f"swe-{e}-{factor}", mid * 0.9, mid * 1.1, metro=metro,
                                  employer=f"E{e}", role_family="software engineer",
                                  level="senior"))
    for i in range(15):
        metro, factor = (SJ, 1.0) if i < 3 else (SF, 1.25)
        low = (170_000 + 10_000 * (i % 3)) * factor
        rows.append(peer_band(f"rs{i}", low, low + 40_000 * factor, metro=metro,
                              employer=f"E{i % 6}", level="senior"))
    return rows


def _all_words(text):
    words = [text.title, text.scope, *text.caveats, *text.notes.values()]
    words += [f.sentence for f in text.findings]
    words += [w for c in text.captions.values() for w in (c.title, c.subtitle, c.alt)]
    return " ".join(words)


def test_widened_peers_are_said_to_be_location_adjusted():
    bands = bands_frame(_two_metro_market() + [peer_band("me", 180_000, 220_000,
                                                         level="senior", employer="Acme")])
    text, row, peers = _text(bands)
    assert row["peer_scope"] == "state" and row["location_adjusted"] and row["status"] == "ok"
    said = "pay location-adjusted with the metro index"
    group = text.findings[-1]
    assert said in group.sentence and said in text.scope
    assert said in text.captions[BENCHMARK_CHART].subtitle
    assert f"pay × index({SJ}) / index(its metro)" in group.sentence
    assert "its peers' location-adjusted to its metro" in text.scope
    assert "level as stated: senior" in group.sentence
    assert any("compared at its metro's pay level" in c for c in text.caveats)
    # the peers' table shows the pay compared and the pay as posted
    table = peer_list_table(peers)
    assert "Midpoint as posted" in table.columns
    moved = table.loc[table["Metro"] == SF]
    assert (moved["Midpoint"] * 1.25).to_numpy() == pytest.approx(
        moved["Midpoint as posted"].to_numpy())
    _assert_clean(text)


def test_widened_without_the_postings_metro_index_says_pay_is_as_posted():
    fresno = peer_band("me", 180_000, 220_000, level="senior", metro="Fresno, CA")
    text, row, peers = _text(bands_frame(_two_metro_market() + [fresno]))
    assert row["peer_scope"] == "state" and not row["location_adjusted"]
    words = _all_words(text)
    assert "pay as posted (not location-adjusted)" in text.scope
    assert "the posting's metro has no metro index" in text.findings[-1].sentence
    assert "part of a gap can be location, not pay" in words
    assert "location-adjusted with the metro index" not in words
    assert "Midpoint as posted" not in peer_list_table(peers).columns


def test_inferred_and_adjacent_levels_are_said():
    # no staff peers but two from one employer; seniors and senior staff from six employers
    rows = [peer_band(f"st{i}", 250_000, 300_000, level="staff", employer="Solo")
            for i in range(2)]
    rows += [peer_band(f"sr{i}", 180_000 + 5_000 * i, 230_000 + 5_000 * i, level="senior",
                       employer=f"E{i}") for i in range(6)]
    rows += [peer_band(f"ss{i}", 300_000 + 5_000 * i, 360_000 + 5_000 * i,
                       level="senior staff", employer=f"E{i}") for i in range(6)]
    text, row, peers = _text(bands_frame(rows + [peer_band("me", 250_000, 300_000,
                                                            level="staff")]))
    assert row["level_basis"] == "stated ± 1 level"
    assert set(peers["level"]) == {"senior", "staff", "senior staff"}
    group = text.findings[-1].sentence
    assert "senior ± 1 level" not in group  # the posting's own level is the centre
    assert "staff ± 1 level (senior, staff, senior staff)" in group
    assert "the adjacent levels join (± 1 level: senior, staff, senior staff)" in group
    assert "Peers span adjacent levels (senior, staff, senior staff;" in text.caveats[1]

    # the posting states no level: inferred from pay, said in the peer group and the caveat
    rows = [dict(r, level=None if r["posting_id"].startswith("st") else r["level"]) for r in rows]
    text, row, peers = _text(bands_frame(rows + [peer_band("me", 205_000, 255_000)]))
    assert (row["level_basis"], row["inferred_level"]) == ("inferred from pay", "senior")
    assert set(peers["level"]) == {"senior"}
    assert "level inferred from pay: senior — the posting states none" in text.findings[-1].sentence
    assert "senior level (inferred from pay)" in text.scope
    assert "A level read from the posting's own pay leans toward peers paid like it" in \
        text.caveats[1]
    assert "pays below the typical midpoint of every level" not in text.caveats[1]
    # paid below every level considered: said
    text, row, _ = _text(bands_frame(rows + [peer_band("me", 100_000, 120_000)]))
    assert row["inferred_level"] == "senior" and row["below_levels_considered"]
    assert "pays below the typical midpoint of every level considered" in text.caveats[1]


def test_too_few_peer_employers_no_interval_and_no_claim():
    # twelve peers from four employers, the posting at their median: no interval, so neither
    # "within noise" nor above or below is said anywhere
    market = peer_market(12, employers=4)
    text, row, _ = _text(bands_frame(market + [peer_band("me", 150_000, 210_000)]))
    assert row["too_few_employers"] and row["status"] == "too few peers"
    assert math.isnan(row["peer_annual_mid_median_low"])
    words = _all_words(text).lower()
    for claim in ("within noise", "in line with", " above ", " below ", "interval"):
        assert claim not in words, claim
    # five employers: the interval exists and the claim is made
    text, row, _ = _text(bands_frame(peer_market(12, employers=5)
                                     + [peer_band("me", 150_000, 210_000)]))
    assert not row["too_few_employers"] and "within noise" in _all_words(text)
