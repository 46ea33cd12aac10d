"""Errors that help: a mistyped name fails at once with the valid choices and the closest one, and
a filter that leaves no band says which filter did."""

import warnings
from pathlib import Path

import pandas as pd
import pytest
from factories import NO_PAY, band_row, bands_frame

import analysis as pb
from analysis.analyses.ladder import select_ladder
from analysis.analyses.location_index import metro_index_by_level
from analysis.analyses.roles import role_metro_matrix
from analysis.choices import SHOWN, check_values, choice_message, closest, describe_choices
from analysis.cli import main
from analysis.errors import EmptyFilterWarning, UnknownChoiceError, UnknownSnapshotError, UsageError
from analysis.publish.report import route_parameters
from analysis.store import list_snapshots, resolve_data

SUNNYVALE = "San Jose-Sunnyvale-Santa Clara, CA"
AUSTIN = "Austin-Round Rock-San Marcos, TX"


@pytest.fixture(scope="module")
def bands():
    return pb.load_bands()


@pytest.fixture(scope="module")
def store():
    return resolve_data(None).parent


CLOSEST = [  # name, choices, what it most likely meant
    ("metroo", ["metro", "state", "level"], "metro"),
    ("data scienist", ["data scientist", "data analyst", "recruiter"], "data scientist"),
    ("Data Scientist", ["data analyst", "data scientist"], "data scientist"),  # case only
    ("San Jose", [SUNNYVALE, AUSTIN], SUNNYVALE),                             # a city's metro
    ("austin, tx", [SUNNYVALE, AUSTIN], AUSTIN),                              # the city, a comma
    ("2026-13-01", ["2026-10-01", "2026-11-01"], "2026-11-01"),
    ("planet", ["metro", "state", "level"], None),                            # nothing close
    ("sci", ["data scientist", "research scientist"], None),                  # two contain it
]


@pytest.mark.parametrize(("name", "choices", "expected"), CLOSEST, ids=[c[0] for c in CLOSEST])
def test_closest_finds_what_was_meant_or_nothing(name, choices, expected):
    assert closest(name, choices) == expected


def test_the_error_is_a_usage_error_and_a_key_error_with_a_plain_message(bands):
    for caught in (UsageError, ValueError, KeyError, LookupError):
        with pytest.raises(caught):
            pb.band_summary(bands, by=["metroo"])
    with pytest.raises(UnknownChoiceError) as raised:
        pb.band_summary(bands, by=["metroo"])
    error = raised.value
    assert str(error).startswith("unknown column 'metroo' (did you mean 'metro'?); ")  # no quotes
    assert error.names == ["metroo"] and error.suggestions == {"metroo": "metro"}
    assert f"the bands table has {len(bands.columns)} columns: 'annual_max'" in str(error)
    assert f"and {len(bands.columns) - SHOWN} more" in str(error)


def test_few_choices_are_all_named_many_are_counted():
    few = choice_message(["x"], ["b", "a", "c"], what="metro", where="the data has")
    assert few == "unknown metro 'x'; the data has 3 metros: 'a', 'b', 'c'"
    many = describe_choices([f"m{i:02d}" for i in range(30)], what="metro")
    assert many.startswith("30 metros: 'm00', 'm01'") and many.endswith("'m11', ... and 18 more")
    assert describe_choices([], what="role family") == "no role families"


def test_compare_groups_names_every_metro_and_the_closest(bands):
    with pytest.raises(UnknownChoiceError) as raised:
        pb.compare_groups(bands, reference="San Jose")
    message = str(raised.value)
    assert message.startswith(f"unknown metro 'San Jose' (did you mean '{SUNNYVALE}'?)")
    metros = bands["metro"].dropna().unique()
    assert len(metros) <= SHOWN and all(f"'{metro}'" in message for metro in metros)
    with pytest.raises(UnknownChoiceError, match="did you mean 'senior'"):
        pb.compare_groups(bands, across="level", reference="Senior")
    with pytest.raises(UnknownChoiceError, match="unknown column 'metor' \\(did you mean 'metro'"):
        pb.compare_groups(bands, across="metor")


def test_adjusted_comparison_checks_its_grouping_controls_and_reference(bands):
    with pytest.raises(KeyError, match="unknown column 'levle' \\(did you mean 'level'"):
        pb.adjusted_comparison(bands, controls=("role_family", "levle"))
    with pytest.raises(UnknownChoiceError, match=f"did you mean '{AUSTIN}'"):
        pb.adjusted_comparison(bands, reference="Austin, TX")


def test_a_reference_in_the_data_without_comparable_bands_keeps_its_own_error(bands):
    # In the data, but none of its bands in USD: not a typo, so no "unknown metro".
    euros = bands.assign(currency=bands["currency"].where(bands["metro"] != AUSTIN, "EUR"))
    for compare in (pb.compare_groups, pb.adjusted_comparison):
        with pytest.raises(ValueError, match=f"reference '{AUSTIN}' has no USD bands") as raised:
            compare(euros, reference=AUSTIN)
        assert not isinstance(raised.value, UnknownChoiceError)


def test_an_empty_frame_is_not_checked_against_nothing(bands):
    empty = bands.iloc[0:0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing was filtered away: no warning either
        assert pb.level_ladder(empty, role_family="data scienist").empty
        assert pb.band_summary(empty, by="metro").empty
    with pytest.raises(ValueError, match="has no USD bands") as raised:
        pb.compare_groups(empty)
    assert not isinstance(raised.value, UnknownChoiceError)
    assert "no metro has closed USD bands" in str(raised.value)  # not "available: []"


def test_level_ladder_checks_role_families_ignoring_case(bands):
    with pytest.raises(UnknownChoiceError) as raised:
        pb.level_ladder(bands, role_family="Data Scientist")
    message = str(raised.value)
    families = sorted(bands["role_family"].dropna().unique())
    assert message.startswith("unknown role family 'Data Scientist' (did you mean 'data "
                              "scientist'?); the data has 14 role families: ")
    assert len(families) == 14 and f"'{families[0]}'" in message and "and 2 more" in message
    with pytest.raises(UnknownChoiceError, match="'data scienist' \\(did you mean 'data scien"):
        pb.level_ladder(bands, role_family=["software engineer", "data scienist"])


CALLS = [  # an analysis called with one mistyped name, and the name it should suggest
    ("disclosure_rates", lambda b: pb.disclosure_rates(b, by="stat"), "state"),
    ("range_width", lambda b: pb.range_width(b, by="metroo"), "metro"),
    ("market_reference", lambda b: pb.market_reference(b, by=["role_family", "metroo"]),
     "metro"),
    ("infer_levels", lambda b: pb.infer_levels(b, by=["employr"]), "employer"),
    ("group_shifts", lambda b: pb.group_shifts(b, b, by="metroo"), "metro"),
    ("benchmark_posting", lambda b: pb.benchmark_posting(
        b, posting_id=b["posting_id"].iloc[0][:-1] + "#"), None),
    ("select_ladder", lambda b: select_ladder(pb.level_ladder(b), role_family="x", track="IC"),
     "ic"),
    ("metro_index_by_level", lambda b: metro_index_by_level(b, reference=SUNNYVALE,
                                                            levels=["Senior"]), "senior"),
    ("role_metro_matrix", lambda b: role_metro_matrix(b, metros=[SUNNYVALE, "Austin"]), AUSTIN),
]


@pytest.mark.parametrize(("name", "call", "meant"), CALLS, ids=[c[0] for c in CALLS])
def test_each_entry_point_names_the_closest_choice(bands, name, call, meant):
    with pytest.raises(UnknownChoiceError) as raised:
        call(bands)
    meant = meant or bands["posting_id"].iloc[0]  # the posting id one letter away
    assert f"(did you mean '{meant}'?)" in str(raised.value)
    assert isinstance(raised.value, KeyError)


def test_an_emptying_currency_warns_with_the_currencies_the_data_has(bands):
    with pytest.warns(EmptyFilterWarning) as caught:
        summary = pb.band_summary(bands, by="metro", currency="EUR")
    assert summary.empty
    assert [str(w.message) for w in caught] == [
        "no bands left after currency == 'EUR' (the data has pay in CAD, GBP, USD)"]
    assert caught[0].filename == __file__  # the user's line, not the package's
    with pytest.warns(EmptyFilterWarning, match="currency == 'EUR'"), pytest.raises(ValueError):
        pb.compare_groups(bands, currency="EUR")


def test_level_ladder_says_which_filter_left_nothing():
    rows = [band_row(posting_id="a", role_family="recruiter", level=None),
            band_row(posting_id="b", role_family="software engineer", level="senior")]
    with pytest.warns(EmptyFilterWarning,
                      match=r"after role_family == 'recruiter' \(no closed USD band of it"):
        assert pb.level_ladder(bands_frame(rows), role_family="recruiter").empty
    with pytest.warns(EmptyFilterWarning, match="after keeping bands that state a level"):
        assert pb.level_ladder(bands_frame(rows[:1])).empty
    open_ended = [band_row(pay_max=None, annual_max=None, annual_mid=None)]
    with pytest.warns(EmptyFilterWarning, match="after keeping closed ranges"):
        assert pb.band_summary(bands_frame(open_ended), by="metro").empty
    with pytest.warns(EmptyFilterWarning, match=r"after has_pay \(no band states pay\)"):
        assert pb.band_summary(bands_frame([band_row(**NO_PAY)]), by="metro").empty


def test_infer_levels_says_when_no_group_is_big_enough(bands):
    with pytest.warns(EmptyFilterWarning, match=r"after min_postings=100000 \(the largest group "
                      r"has \d+ closed USD bands\)"):
        assert pb.infer_levels(bands, min_postings=100_000).empty


def test_normal_runs_do_not_warn(bands):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(pb.band_summary(bands, by="metro", n_boot=50))
        assert len(pb.level_ladder(bands, role_family="software engineer", n_boot=50))
        assert len(pb.infer_levels(bands))


def test_check_values_passes_known_values_and_names_the_unknown_only(bands):
    check_values(bands, column="metro", values=[SUNNYVALE, AUSTIN])
    with pytest.raises(UnknownChoiceError) as raised:
        check_values(bands, column="metro", values=[SUNNYVALE, "Atlantis"])
    assert raised.value.names == ["Atlantis"] and "unknown metro 'Atlantis';" in str(raised.value)


def test_an_unknown_snapshot_names_the_store_s_snapshots(store):
    labels = [p.name for p in list_snapshots(store)]
    missing = store / "2026-13-01"
    for load in (pb.load_bands, pb.load_manifest, pb.load_store):
        with pytest.raises(UnknownSnapshotError) as raised:
            load(missing)
        assert isinstance(raised.value, FileNotFoundError)
        assert str(raised.value) == (
            f"no snapshot '2026-13-01' (did you mean '2026-11-01'?); the store {store} has "
            f"{len(labels)} snapshots: " + ", ".join(map(repr, labels)))
    with pytest.raises(FileNotFoundError, match="no such data") as raised:
        pb.load_bands(Path(store).parent / "no-store" / "2026-11-01")  # no store: as before
    assert not isinstance(raised.value, UnknownSnapshotError)


def test_an_unknown_report_parameter_names_the_closest_keeping_its_notebook():
    declared = {Path("03_levels.py"): {"focus_role": "", "track": "ic"},
                Path("05_benchmark.py"): {"location": "", "posting_id": ""}}
    with pytest.raises(UnknownChoiceError, match="'focus_rol' \\(did you mean 'focus_role'"):
        route_parameters({"focus_rol": "x"}, declared)
    with pytest.raises(UsageError, match="'05.locaton' \\(did you mean '05.location'\\?\\); "
                       "the selected notebooks declare 4 report parameters: 'focus_role'"):
        route_parameters({"05.locaton": "x"}, declared)


# --- the command line: exit 2, one line on stderr naming the closest ----------------------------


def _role_without_the_reference(bands):
    """A role family with bands, none of them in the default reference metro."""
    at_reference = set(bands.loc[bands["metro"] == SUNNYVALE, "role_family"].dropna())
    return sorted(set(bands["role_family"].dropna()) - at_reference)[0]


MISTAKES = [  # arguments, what stderr must say
    (["summarize", "--by", "metroo"], "unknown column 'metroo' (did you mean 'metro'?)"),
    (["compare", "--role-family", "data scienist"],
     "unknown role family 'data scienist' (did you mean 'data scientist'?)"),
    (["compare", "--reference", "San Jose"], f"(did you mean '{SUNNYVALE}'?)"),
    (["compare", "--adjust", "role_family,levle"], "(did you mean 'level'?)"),
    (["ladder", "--role-family", "Data Scientist"], "(did you mean 'data scientist'?)"),
    (["benchmark", "--posting-id", "nope"], "unknown posting id 'nope'; the bands table has"),
    (["disclosure", "--by", "stat"], "(did you mean 'state'?)"),
    (["summarize", "{store}/2026-13-01", "--by", "metro"],
     "no snapshot '2026-13-01' (did you mean '2026-11-01'?)"),
    (["diff", "{store}/2026-10-01", "{store}/2026-11-0"],
     "no snapshot '2026-11-0' (did you mean '2026-11-01'?)"),
]


@pytest.mark.parametrize(("args", "said"), MISTAKES, ids=lambda a: " ".join(a[:3])
                         if isinstance(a, list) else "")
def test_a_mistyped_name_exits_2_with_one_line_naming_the_closest(store, capsys, args, said):
    assert main([a.format(store=store) for a in args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"paybands {args[0]}: error: ")
    assert len(captured.err.strip().splitlines()) == 1 and said in captured.err


def test_compare_names_the_metros_of_a_role_the_reference_lacks(bands, capsys):
    role = _role_without_the_reference(bands)
    assert main(["compare", "--role-family", role]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"paybands compare: error: the reference '{SUNNYVALE}' has no "
                          f"'{role}' bands; they are in ")
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_report_parameter_fails_before_any_notebook_runs(tmp_path, capsys,
                                                                     monkeypatch):
    from analysis.publish import report

    def never(*args, **kwargs):
        raise AssertionError("a notebook ran")

    monkeypatch.setattr(report, "SuiteKernel", never)
    monkeypatch.setattr(report, "run_notebook", never)
    assert main(["report", "-p", "focus_rol", "x", "--out", str(tmp_path / "reports")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("paybands report: error: unknown report parameter 'focus_rol' "
                          "(did you mean 'focus_role'?)")
    assert len(err.strip().splitlines()) == 1
    assert not list((tmp_path / "reports").glob("*.html"))


def test_an_emptying_filter_warns_on_one_line_and_still_prints_the_empty_table(capsys):
    assert main(["summarize", "--by", "metro", "--currency", "EUR"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ("paybands summarize: warning: no bands left after currency == 'EUR' "
                            "(the data has pay in CAD, GBP, USD)\n")
    table = pd.read_csv(pd.io.common.StringIO(captured.out))
    assert table.empty and "annual_mid_median" in table.columns
