import pandas as pd
import pytest

from analysis.normalize.bands import normalize_records, reconcile
from analysis.normalize.pay import PayRange
from analysis.sources import Record

SEED = Record(
    source="career-page",
    source_file="careers/meta/1.html",
    record="page",
    source_id="meta/1",
    title="Research Scientist, Machine Learning (PhD)",
    employer="Meta Platforms, Inc.",
    locations=["Sunnyvale, CA"],
    pay_text="$117,000/year to $173,000/year + bonus + equity + benefits",
)


def record(**changes) -> Record:
    values = {**SEED.__dict__, **changes}
    return Record(**values)


def test_seed_posting_becomes_the_design_row():
    result = normalize_records([SEED], snapshot="2026-11-01")
    [row] = result.bands.to_dict("records")
    assert row["posting_id"] == "career-page:meta/1"
    assert row["employer"] == "Meta"
    assert (row["role_family"], row["track"], row["is_phd"]) == ("research scientist", "ic", True)
    assert row["level"] != row["level"]  # missing: the title states no level
    assert (row["city"], row["state"], row["country"]) == ("Sunnyvale", "CA", "US")
    assert row["metro"] == "San Jose-Sunnyvale-Santa Clara, CA" and not row["is_remote"]
    assert (row["pay_min"], row["pay_max"], row["pay_period"], row["currency"]) == (
        117000,
        173000,
        "year",
        "USD",
    )
    assert (row["annual_min"], row["annual_max"], row["annual_mid"]) == (117000, 173000, 145000)
    assert row["has_bonus"] and row["has_equity"] and not row["is_estimate"]


def test_hourly_pay_is_annualized():
    result = normalize_records([record(pay_text="$22.50/hr")], snapshot="s")
    row = result.bands.iloc[0]
    assert (row["pay_period"], row["annual_min"], row["annual_max"]) == ("hour", 46800, 46800)


def test_open_range_has_no_midpoint():
    row = normalize_records([record(pay_text="Up to $160,000 per year")], snapshot="s").bands.iloc[
        0
    ]
    assert row["pay_min"] != row["pay_min"] and row["pay_max"] == 160000
    assert row["annual_mid"] != row["annual_mid"]


def test_posting_without_pay_is_kept_with_has_pay_false():
    result = normalize_records(
        [record(pay_text="Competitive"), record(source_id="meta/2", pay_text=None)], snapshot="s"
    )
    assert result.bands["has_pay"].tolist() == [False, False]
    assert result.quarantine.empty


def test_labelled_ranges_become_bands_at_their_places():
    structured = record(
        pay_text=None,
        locations=["San Francisco, CA", "New York, NY"],
        pay_ranges=(
            PayRange(200000, 260000, "USD", "year", True, "San Francisco, CA"),
            PayRange(180000, 234000, "USD", "year", True, "New York, NY"),
        ),
    )
    bands = normalize_records([structured], snapshot="s").bands
    assert bands["band"].tolist() == [0, 1]
    assert bands["city"].tolist() == ["San Francisco", "New York"]
    assert bands["band_label"].tolist() == ["San Francisco, CA", "New York, NY"]
    assert bands["posting_id"].nunique() == 1


QUARANTINE = [  # record changes, expected reason
    ({"title": None}, "missing title"),
    ({"title": "   "}, "missing title"),
    ({"pay_ranges": (PayRange(180000, 120000, "USD", "year", False, None),)}, "min above max"),
    ({"pay_text": "$1 - $2 a year"}, "implausible pay"),
    ({"pay_text": "$950,000,000 per year"}, "implausible pay"),
    ({"pay_ranges": (PayRange(-5000, 90000, "USD", "year", False, None),)}, "implausible pay"),
    ({"problem": "unreadable file: JSONDecodeError"}, "unreadable file"),
    ({"problem": "row has 3 fields, header has 4"}, "malformed record"),
]


@pytest.mark.parametrize(("changes", "reason"), QUARANTINE)
def test_unreadable_records_are_quarantined_with_a_reason(changes, reason):
    result = normalize_records([SEED, record(source_id="meta/9", **changes)], snapshot="s")
    assert result.quarantine["reason"].tolist() == [reason]
    assert result.quarantine["source_file"].tolist() == ["careers/meta/1.html"]
    assert len(result.bands) == 1 and reconcile(result)


def test_identical_duplicates_collapse_with_their_count():
    result = normalize_records([SEED, SEED, SEED], snapshot="s")
    assert result.bands["duplicates"].tolist() == [2]
    assert result.counts["duplicates_collapsed"] == 2 and result.quarantine.empty
    assert result.counts["postings"] == 1 and reconcile(result)


def test_same_id_with_different_content_is_quarantined():
    result = normalize_records([SEED, record(pay_text="$99,000 - $120,000")], snapshot="s")
    assert result.quarantine["reason"].tolist() == ["conflicting duplicate"]
    assert "careers/meta/1.html page" in result.quarantine["detail"].iloc[0]
    assert result.bands["annual_min"].tolist() == [117000] and reconcile(result)


DOLLAR_CASES = [  # location, file's other locations, currency a bare "$" gets
    ("Sydney", [], "AUD"),
    ("Toronto, ON", [], "CAD"),
    ("Austin, TX", [], "USD"),
    ("Bella Vista", ["Sydney", "Melbourne"], "AUD"),  # unresolved: the file's country decides
    ("Bella Vista", [], "USD"),
]


@pytest.mark.parametrize(("location", "others", "expected"), DOLLAR_CASES)
def test_bare_dollar_follows_the_postings_country(location, others, expected):
    batch = [record(source_id=f"o{i}", locations=[place]) for i, place in enumerate(others)]
    batch.append(record(source_id="x", locations=[location], pay_text="$90K - $110K"))
    bands = normalize_records(batch, snapshot="s").bands
    assert bands.set_index("posting_id").loc["career-page:x", "currency"] == expected
    explicit = normalize_records(batch, snapshot="s", currency="USD").bands
    assert set(explicit["currency"]) == {"USD"}


def test_garbage_pay_with_digits_is_quarantined_not_dropped():
    result = normalize_records([record(pay_text="$$$ TBD 12x")], snapshot="s")
    assert result.quarantine["reason"].tolist() == ["pay not understood"]
    assert result.quarantine["detail"].iloc[0]  # the parser says why


def test_counts_reconcile_on_a_mixed_batch():
    batch = [
        SEED,
        record(source_id="a", title=None),
        record(source_id="b", pay_text=None),
        record(source_id="c", pay_text="$55/hr - $65/hr"),
    ]
    result = normalize_records(batch, snapshot="s")
    counts = result.counts
    assert counts["records_in"] == 4 and counts["quarantined"] == 1
    assert counts["postings"] == 3 and counts["postings_with_pay"] == 2
    assert reconcile(result)


def _one(**fields):
    record = Record("csv", "x.csv", "row 2", "x/1", **fields)
    return normalize_records([record], snapshot="s").bands.iloc[0]


def test_pay_only_in_the_description_is_banded_and_marked():
    band = _one(title="Analyst", description="About us. The salary range is $90,000 - $110,000 "
                "per year. We raised $40M.")
    assert (band["annual_min"], band["annual_max"], band["pay_source"]) == (90000, 110000,
                                                                           "description")
    assert band["pay_text"] == "The salary range is $90,000 - $110,000 per year."


def test_an_implausible_description_amount_is_not_pay_and_says_why():
    band = _one(title="Analyst", description="Our pay is the best: $900,000,000 per year.")
    assert not band["has_pay"] and pd.isna(band["pay_source"])
    assert band["pay_note"].startswith("description amount not used")


def test_a_country_column_sets_the_currency_of_unmarked_amounts():
    inr = _one(title="Analyst", locations=["Pune"], country="India", pay_text="6,00,000 per annum")
    gbp = _one(title="Analyst", locations=["Leeds"], country="United Kingdom",
               pay_text="30,000 per annum")
    aud = _one(title="Analyst", locations=["Melbourne VIC"], country="Australia",
               pay_text="$90,000")
    assert (inr["currency"], gbp["currency"], aud["currency"]) == ("INR", "GBP", "AUD")
    # The place is read in the column's country; the text stays as posted.
    assert (gbp["location_raw"], gbp["city"], gbp["country"]) == ("Leeds", "Leeds", "GB")
    assert (aud["city"], aud["state"], aud["country"]) == ("Melbourne", "VIC", "AU")


def test_structured_pay_without_a_currency_takes_the_local_one():
    from analysis.normalize.pay import PayRange

    rng = PayRange(min=38000.0, max=45000.0, currency=None, period="year", period_inferred=False)
    band = _one(title="Analyst", locations=["Lyon, France"], pay_ranges=(rng,))
    assert (band["currency"], band["pay_source"]) == ("EUR", "structured")


def test_a_pay_field_showing_one_end_of_the_description_range_takes_the_range():
    band = _one(title="Engineer", pay_text="$124K/yr",
                description="The base salary range is $124,000 - $178,000 per year.")
    assert (band["annual_min"], band["annual_max"], band["pay_source"]) == (
        124000, 178000, "description")
    other = _one(title="Engineer", pay_text="$124K/yr",
                 description="Pay: $90,000 - $110,000 per year for the junior role.")
    assert (other["annual_min"], other["annual_max"]) == (124000, 124000)


def test_zero_in_amount_fields_means_not_stated_and_the_description_is_read():
    from analysis.sources.records import stated_range

    assert stated_range(0, 0, currency="USD", unit="year") is None
    band = _one(title="Engineer", pay_ranges=(),
                description="Expected Base Salary Range: $169,725 - $200,540 a year.")
    assert (band["pay_min"], band["pay_max"]) == (169725, 200540)


def test_ote_is_stated_but_kept_out_of_base_bands():
    band = _one(title="Account Executive", pay_text="OTE $120,000")
    assert not band["has_pay"] and band["pay_note"].startswith("not base pay")


def test_a_rate_the_board_annualized_gives_way_to_the_ad_as_posted():
    from analysis.normalize.pay import PayRange

    annualized = PayRange(min=110500.0, max=121420.0, currency="GBP", period="year",
                          period_inferred=False)
    band = _one(title="Data Engineer", locations=["London"], pay_ranges=(annualized,),
                description="Contract role. Rate: £425 - £467 per day, inside IR35.")
    assert (band["pay_min"], band["pay_max"], band["pay_period"]) == (425, 467, "day")
    estimate = PayRange(min=41601.36, max=41601.36, currency="GBP", period="year",
                        period_inferred=False)
    band = _one(title="Analyst", locations=["Leeds"], pay_ranges=(estimate,),
                description="Salary: £27,265 - £34,082 per annum.")
    assert (band["pay_min"], band["pay_max"], band["pay_source"]) == (27265, 34082,
                                                                      "description")
    kept = _one(title="Analyst", locations=["Leeds"], pay_ranges=(estimate,),
                description="A great team and a pension.")
    assert (kept["pay_min"], kept["pay_source"]) == (41601.36, "structured")


def test_a_place_outside_the_metro_table_still_sets_the_currency():
    leeds = _one(title="Analyst", locations=["Leeds"], pay_text="30,000 per annum")
    melbourne = _one(title="Analyst", locations=["Melbourne VIC"], pay_text="$95,000")
    bare = PayRange(min=25000.0, max=25000.0, currency=None, period="year",
                    period_inferred=True)  # a pay column holding "25000"
    pasig = _one(title="Analyst", locations=["Pasig"], pay_ranges=(bare,))
    assert (leeds["currency"], melbourne["currency"], pasig["currency"]) == ("GBP", "AUD", "PHP")
    assert pasig["pay_period"] == "month"  # pay in the Philippines is posted per month


def test_a_us_file_keeps_bare_city_names_in_the_us():
    rows = [Record("csv", "us.csv", f"row {i}", f"us/{i}", "Analyst", "Acme", [place], "$90,000")
            for i, place in enumerate(["Austin, TX", "Boston, MA", "Denver, CO", "Cambridge"])]
    bands = normalize_records(rows, snapshot="s").bands
    assert set(bands["currency"]) == {"USD"}


def test_a_board_figure_inside_the_ads_range_or_one_end_of_its_rate_takes_the_ads_pay():
    from analysis.normalize.pay import PayRange

    estimate = PayRange(min=100000.0, max=100000.0, currency="GBP", period="year",
                        period_inferred=False)
    band = _one(title="AI Engineer", locations=["Bristol"], pay_ranges=(estimate,),
                description="Salary: £80,000 - £130,000 p/a dependent on experience.")
    assert (band["pay_min"], band["pay_max"]) == (80000, 130000)
    annualized = PayRange(min=146900.0, max=180960.0, currency="GBP", period="year",
                          period_inferred=False)
    band = _one(title="Data Engineer", locations=["London"], pay_ranges=(annualized,),
                description="Contract Length: 6 months. Rate: £565 per day …")
    assert (band["pay_min"], band["pay_max"], band["pay_period"]) == (565, 696, "day")


def test_a_market_that_posts_monthly_reads_a_small_dollar_range_as_monthly():
    from analysis.normalize.pay import PayRange

    # salary_min / salary_max columns of 550 and 700 USD, no period column
    stated = PayRange(min=550.0, max=700.0, currency="USD", period="day", period_inferred=True)
    kyiv = _one(title="QA Engineer", locations=["Kyiv"], pay_ranges=(stated,))
    austin = _one(title="QA Engineer", locations=["Austin, TX"], pay_ranges=(stated,))
    assert (kyiv["pay_period"], austin["pay_period"]) == ("month", "day")


def test_every_listed_place_goes_to_the_places_table_weighted_once_per_posting():
    records = [
        Record("csv", "x.csv", "row 2", "x/1", "Data Scientist", "Acme",
               ["New York, NY", "San Francisco, CA", "Remote"], "$150,000 - $190,000"),
        Record("csv", "x.csv", "row 3", "x/2", "Nurse", "Care", ["Hybrid: 3 days in Boston"],
               "$40 - $55 an hour"),
        Record("csv", "x.csv", "row 4", "x/3", "Analyst", "Acme", ["Remote (EMEA)"], None),
    ]
    result = normalize_records(records, snapshot="s")
    bands, places = result.bands.set_index("posting_id"), result.places
    multi = bands.loc["csv:x/1"]
    assert (multi["city"], multi["n_places"], multi["is_remote"]) == ("New York", 2, True)
    assert list(places.loc[places["posting_id"].eq("csv:x/1"), "city"]) == [
        "New York", "San Francisco"]
    assert places.groupby("posting_id")["weight"].sum().round(9).eq(1.0).all()
    hybrid = bands.loc["csv:x/2"]
    assert (hybrid["city"], hybrid["is_hybrid"], hybrid["is_remote"]) == ("Boston", True, False)
    remote = bands.loc["csv:x/3"]
    assert (remote["remote_scope"], remote["n_places"], remote["place_method"]) == (
        "EMEA", 0, "unknown")
    assert "csv:x/3" not in set(places["posting_id"])  # no place, no row


def test_titles_carry_their_occupation():
    nurse = _one(title="Registered Nurse - ICU", pay_text="$40 - $55 an hour")
    assert (nurse["soc_code"], nurse["title_method"]) == ("29-1141", "exact title")
    assert nurse["role_family"] == "healthcare diagnosing or treating practitioners"
    vague = _one(title="Associate", pay_text="$40,000")
    assert pd.isna(vague["soc_code"]) and vague["title_method"] == "unknown"


def test_an_ambiguous_place_is_read_in_the_country_of_its_file():
    uk = [Record("csv", "uk.csv", f"row {i}", f"uk/{i}", "Nurse", "NHS", [town], "£30,000")
          for i, town in enumerate(["Leeds", "Manchester, UK", "Bristol, England", "Cambridge"])]
    bands = normalize_records(uk, snapshot="s").bands.set_index("posting_id")
    assert bands.loc["csv:uk/3", "country"] == "GB"  # Cambridge alone: MA or England
    us = [Record("csv", "us.csv", f"row {i}", f"us/{i}", "Nurse", "Care", [town], "$30")
          for i, town in enumerate(["Boston, MA", "Austin, TX", "Denver, CO", "Cambridge"])]
    bands = normalize_records(us, snapshot="s").bands.set_index("posting_id")
    assert tuple(bands.loc["csv:us/3", ["state", "country"]]) == ("MA", "US")


@pytest.mark.parametrize(("locations", "country", "expected"), [
    ([], "Sweden", ("SE", False, None)),                 # EURAXESS: a country column, no place
    (["Remote"], "Germany", ("DE", True, "DE")),         # remote anywhere in the country
    (["Pune"], "India", ("IN", False, None)),            # a place named: read as before
    ([], "Atlantis", (None, False, None)),               # no country: nothing guessed
])
def test_a_country_column_places_a_posting_with_no_place(locations, country, expected):
    band = _one(title="Researcher", locations=locations, country=country)
    got = (band["country"], bool(band["is_remote"]), band["remote_scope"])
    assert tuple(None if pd.isna(x) else x for x in got) == expected
    if locations == ["Pune"]:
        assert band["city"] == "Pune"


@pytest.mark.parametrize("posted", ["8h", "4d", "30d+", "Today", "0001-01-01", "9999-12-31"])
def test_a_posting_age_or_impossible_date_is_no_date_and_never_stops_the_batch(posted):
    # SimplyHired's "8h" once parsed as year 1 and failed the bands schema for the whole file
    result = normalize_records(
        [record(posted_date=posted), record(source_id="meta/2", posted_date="2024-05-01")],
        snapshot="s")
    assert result.bands["posted_date"].isna().tolist() == [True, False]
    assert str(result.bands["posted_date"].dtype).startswith("datetime64")


def test_records_read_in_worker_processes_give_the_same_tables(monkeypatch):
    import analysis.normalize.bands as bands_module

    monkeypatch.setattr(bands_module, "PARALLEL_MIN_RECORDS", 4)
    monkeypatch.setattr(bands_module, "_CHUNK", 3)
    batch = [
        record(),
        record(source_id="meta/2", pay_text="$90/hr", locations=["Remote"]),
        record(source_id="meta/3", title=""),  # quarantined: no title
        record(source_id="meta/4", pay_text="Competitive"),
        record(),  # an identical duplicate collapses
        record(pay_text="$150,000 - $200,000"),  # same id, different content: quarantined
        record(source_id="meta/7", title="Nurse", locations=["Leeds, UK"], pay_text="£30,000"),
    ]
    one = normalize_records(batch, snapshot="s", jobs=1)
    two = normalize_records(batch, snapshot="s", jobs=2)
    pd.testing.assert_frame_equal(one.bands, two.bands)
    pd.testing.assert_frame_equal(one.places, two.places)
    pd.testing.assert_frame_equal(one.quarantine, two.quarantine)
    assert two.duplicates_collapsed == 1
    assert set(two.quarantine["reason"]) == {"missing title", "conflicting duplicate"}
