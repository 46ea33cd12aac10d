"""Pay-transparency laws: coverage of postings, laws in a window or in force, and how covered
postings disclose against other US postings."""

import pandas as pd
from factories import NO_PAY, band_row, bands_frame

from analysis.analyses.laws import (
    covered_postings,
    disclosure_by_state,
    judgement_date,
    law_coverage,
    laws_in_force,
    laws_in_window,
    load_laws,
    state_law_status,
    uncovered_postings,
)
from analysis.stats import share_gap


def test_laws_table_has_required_laws():
    laws = load_laws()
    expected = {
        ("CO", None): "2021-01-01",
        ("NY", "New York"): "2022-11-01",
        ("CA", None): "2023-01-01",
        ("WA", None): "2023-01-01",
        ("NY", None): "2023-09-17",
        ("HI", None): "2024-01-01",
        ("DC", None): "2024-06-30",
        ("MD", None): "2024-10-01",
        ("IL", None): "2025-01-01",
        ("MN", None): "2025-01-01",
        ("NJ", None): "2025-06-01",
        ("VT", None): "2025-07-01",
        ("OH", "Cleveland"): "2025-10-27",
        ("MA", None): "2025-10-29",
    }
    found = {
        (r.state, None if pd.isna(r.city) else r.city): r.effective_date.strftime("%Y-%m-%d")
        for r in laws.itertuples()
    }
    for key, date in expected.items():
        assert found[key] == date
    assert set(laws["level"]) == {"state", "city"}
    assert (laws["employer_size_threshold"] >= 1).all()
    assert laws["source"].str.startswith("https://").all()


def _posting(pid, *, state, city, posted, remote=False):
    return band_row(
        posting_id=pid,
        state=state,
        city=city,
        is_remote=remote,
        posted_date=pd.Timestamp(posted) if posted else pd.NaT,
        **NO_PAY,
    )


def test_uncovered_postings_effective_date_edges():
    bands = bands_frame(
        [
            _posting("co-before", state="CO", city="Denver", posted="2020-12-31"),
            _posting("co-on", state="CO", city="Denver", posted="2021-01-01"),
            _posting("ma-before", state="MA", city="Boston", posted="2025-10-28"),
            _posting("ma-on", state="MA", city="Boston", posted="2025-10-29"),
            _posting("tx", state="TX", city="Austin", posted="2025-01-01"),
            _posting("co-remote", state="CO", city="Denver", posted="2025-01-01", remote=True),
            band_row(posting_id="co-paid", state="CO", posted_date=pd.Timestamp("2025-01-01")),
        ]
    )
    out = uncovered_postings(bands)
    assert sorted(out["posting_id"]) == ["co-on", "ma-on"]
    row = out.set_index("posting_id").loc["co-on"]
    assert row["jurisdiction"] == "Colorado"
    assert row["effective_date"] == pd.Timestamp("2021-01-01")
    assert row["date_source"] == "posted_date"


def test_uncovered_postings_city_laws_and_fallback_date():
    bands = bands_frame(
        [
            _posting("nyc-2022", state="NY", city="New York", posted="2022-11-01"),
            _posting("nyc-2023", state="NY", city="Brooklyn", posted="2023-10-01"),
            _posting("albany-2022", state="NY", city="Albany", posted="2022-12-01"),
            _posting("albany-2023", state="NY", city="Albany", posted="2023-09-17"),
            _posting("cle-before", state="OH", city="Cleveland", posted="2025-10-26"),
            _posting("cle-on", state="OH", city="Cleveland", posted="2025-10-27"),
            _posting("cle-undated", state="OH", city="Cleveland", posted=None),
            _posting("columbus", state="OH", city="Columbus", posted="2025-12-01"),
        ]
    )
    out = uncovered_postings(bands, on="2025-01-01").set_index("posting_id")
    assert sorted(out.index) == ["albany-2023", "cle-on", "nyc-2022", "nyc-2023"]
    assert out.loc["nyc-2022", "jurisdiction"] == "New York City"
    assert out.loc["nyc-2023", "jurisdiction"] == "New York City"  # city law wins over state
    assert out.loc["albany-2023", "jurisdiction"] == "New York State"
    # the undated Cleveland posting is judged on `on`: covered once the law is in force
    later = uncovered_postings(bands, on=pd.Timestamp("2025-10-27")).set_index("posting_id")
    assert later.loc["cle-undated", "date_source"] == "on"
    assert later.loc["cle-undated", "jurisdiction"] == "Cleveland, OH"


def test_covered_postings_hold_paid_and_unpaid_postings_under_a_law():
    bands = bands_frame(
        [
            _posting("co-unpaid", state="CO", city="Denver", posted="2025-01-01"),
            band_row(posting_id="co-paid", state="CO", city="Denver",
                     posted_date=pd.Timestamp("2025-01-01")),
            band_row(posting_id="tx-paid", state="TX", city="Austin",
                     posted_date=pd.Timestamp("2025-01-01")),
        ]
    )
    covered = covered_postings(bands).set_index("posting_id")
    assert covered["has_pay"].to_dict() == {"co-paid": True, "co-unpaid": False}
    uncovered = uncovered_postings(bands)
    assert uncovered["posting_id"].tolist() == ["co-unpaid"]
    assert uncovered.loc[0, "title"] == band_row()["title"]
    assert "has_pay" not in uncovered


def test_laws_in_window_put_shown_states_first_and_stop_at_the_limit():
    laws = load_laws()
    window = dict(start=pd.Timestamp("2022-06-01"), end=pd.Timestamp("2025-12-31"))
    marked = laws_in_window(laws, **window, states=["IL", "MA"], limit=3)
    assert len(marked) == 3
    assert {"IL", "MA"} <= set(marked["state"])
    assert marked["effective_date"].is_monotonic_increasing
    assert "IL law eff. 1 Jan 2025" in marked["label"].tolist()
    city = laws_in_window(laws, start=pd.Timestamp("2022-11-01"), end=pd.Timestamp("2022-11-01"))
    assert city["label"].tolist() == ["NYC law eff. 1 Nov 2022"]
    assert laws_in_window(laws, start=pd.Timestamp("2026-09-01"),
                          end=pd.Timestamp("2026-10-31")).empty


def test_laws_in_force_and_state_status():
    laws = load_laws()
    on = pd.Timestamp("2023-06-01")
    in_force = laws_in_force(laws, on=on)
    assert (in_force["effective_date"] <= on).all()
    assert set(in_force["jurisdiction"]) == {"Colorado", "New York City", "California",
                                             "Washington"}
    status = state_law_status(["CA", "NY", "TX", "ON", None], on=on, laws=laws)
    assert status.tolist() == ["law 2023", "NYC law 2022", "no law", "outside US", "no state"]
    assert state_law_status(["NY"], on=pd.Timestamp("2026-01-01")).tolist() == ["law 2023"]


def test_no_laws_without_a_date():
    laws = load_laws()
    assert laws_in_window(laws, start=pd.NaT, end=pd.NaT).empty
    assert laws_in_force(laws, on=pd.NaT).empty
    assert "label" in laws_in_force(laws, on=pd.NaT)


def test_judgement_date_is_the_snapshot_or_today():
    assert judgement_date("2026-11-01") == pd.Timestamp("2026-11-01")
    assert judgement_date("s1") == pd.Timestamp.today().normalize()


def _located(pid, *, state, pay=True, remote=False, country="US", employer="E1",
             posted="2025-01-01"):
    return band_row(posting_id=pid, state=state, city=None, is_remote=remote, country=country,
                    employer=employer, posted_date=pd.Timestamp(posted),
                    **({} if pay else NO_PAY))


def test_law_coverage_compares_covered_with_other_us_postings():
    bands = bands_frame(
        [
            _located("co1", state="CO"),
            _located("co2", state="CO", pay=False, employer="E2"),
            _located("co3", state="CO", pay=False, employer="E2"),
            _located("ca-early", state="CA", pay=False, posted="2022-06-01"),  # before CA's law
            _located("ca", state="CA", pay=False),
            _located("tx1", state="TX"),
            _located("tx2", state="TX", pay=False),
            _located("remote", state="CO", pay=False, remote=True),  # in neither group
            _located("on", state="ON", pay=False, country="CA"),  # outside the US
        ]
    )
    coverage = law_coverage(bands, on="2025-01-01")
    assert sorted(coverage.covered["posting_id"]) == ["ca", "co1", "co2", "co3"]
    assert sorted(coverage.uncovered["posting_id"]) == ["ca", "co2", "co3"]
    assert (coverage.covered_n, coverage.covered_with_pay) == (4, 1)
    assert (coverage.other_n, coverage.other_with_pay) == (3, 1)  # ca-early, tx1, tx2
    assert coverage.gap == share_gap(1, 4, 1, 3)
    assert coverage.by_law.to_dict() == {"Colorado": 2, "California": 1}
    assert coverage.by_employer.to_dict() == {"E2": 2, "E1": 1}


def test_law_coverage_with_no_other_postings_reports_an_empty_group():
    coverage = law_coverage(bands_frame([_located("co", state="CO")]), on="2025-01-01")
    assert (coverage.covered_n, coverage.other_n) == (1, 0)
    assert coverage.gap["within_noise"] and pd.isna(coverage.gap["gap"])


def test_disclosure_by_state_labels_each_state_with_its_law():
    bands = bands_frame(
        [
            band_row(posting_id="ca", state="CA"),
            band_row(posting_id="tx", state="TX", **NO_PAY),
            band_row(posting_id="remote", state=None, is_remote=True),
        ]
    )
    rates = disclosure_by_state(bands, on=pd.Timestamp("2026-01-01"))
    assert rates["state"].tolist() == ["CA", "TX"]  # the posting without a state is left out
    assert rates["label"].tolist() == ["CA (law 2023)", "TX (no law)"]
    assert rates["share_with_pay"].tolist() == [1.0, 0.0]
