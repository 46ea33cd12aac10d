"""Report parameters: routed by name or "NN.name", typed like their defaults."""

from pathlib import Path

import pytest

from analysis.publish.report import report_currencies, route_parameters


def test_parameters_route_by_name_or_notebook_prefix_with_their_types():
    declared = {
        Path("04_locations.py"): {"location": "Sunnyvale, CA", "role": ""},
        Path("05_benchmark.py"): {"location": "", "posting_id": ""},
        Path("06_transparency.py"): {"min_postings": 20},
    }
    routed = route_parameters(
        {"05.location": "Austin, TX", "role": "recruiter", "min_postings": "30",
         "posting_id": "00123"},
        declared,
    )
    assert routed[Path("05_benchmark.py")] == {"location": "Austin, TX", "posting_id": "00123"}
    assert routed[Path("04_locations.py")] == {"role": "recruiter"}
    assert routed[Path("06_transparency.py")] == {"min_postings": 30}
    both = route_parameters({"location": "Boise, ID"}, declared)
    boise = {"location": "Boise, ID"}
    assert both[Path("04_locations.py")] == both[Path("05_benchmark.py")] == boise
    with pytest.raises(ValueError, match="colour"):
        route_parameters({"colour": "red"}, declared)
    with pytest.raises(ValueError, match="min_postings takes a whole number"):
        route_parameters({"min_postings": "many"}, declared)


def test_report_currencies_are_the_routed_ones_else_the_defaults():
    declared = {Path("02_roles.py"): {"currency": "USD", "focus_role": ""},
                Path("05_benchmark.py"): {"currency": "USD"},
                Path("99_other.py"): {"focus_role": ""}}
    assert report_currencies(route_parameters({}, declared), declared) == ("USD",)
    assert report_currencies(route_parameters({"currency": "GBP"}, declared), declared) == (
        "GBP",)
    mixed = route_parameters({"05.currency": "EUR"}, declared)
    assert report_currencies(mixed, declared) == ("EUR", "USD")
