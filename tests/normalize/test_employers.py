"""Employer normalization: legal suffixes off, aliases mapped, own capitalisation kept."""

import pandas as pd
import pytest

from analysis.normalize.employers import normalize_employer

CASES = [  # raw name, expected
    ("Meta Platforms, Inc.", "Meta"),
    ("Meta Platforms", "Meta"),
    ("Facebook", "Meta"),
    ("Facebook, Inc.", "Meta"),
    ("Meta", "Meta"),
    ("Alphabet", "Google"),
    ("Alphabet Inc.", "Google"),
    ("Google LLC", "Google"),
    ("Amazon.com Services LLC", "Amazon"),
    ("Amazon Web Services", "Amazon"),
    ("Amazon Web Services (AWS)", "Amazon"),
    ("Amazon Web Services, Inc.", "Amazon"),
    ("Microsoft Corporation", "Microsoft"),
    ("Apple Inc.", "Apple"),
    ("JPMorgan Chase & Co.", "JPMorgan Chase"),
    ("JPMorganChase", "JPMorgan Chase"),
    ("U.S. Bank National Association", "U.S. Bank"),
    ("Ernst & Young LLP", "EY"),
    ("The Boeing Company", "Boeing"),
    ("Capital One, N.A.", "Capital One"),
    ("Anthropic, PBC", "Anthropic"),
    ("Abrams Fensterman, LLP", "Abrams Fensterman"),
    ("Glastender, Inc.", "Glastender"),
    ("TURNER HYDRAULICS, INC", "TURNER HYDRAULICS"),
    ("Webologix Ltd/ INC", "Webologix"),
    ("Acme L.L.C.", "Acme"),
    ("Duke Manufacturing Co.", "Duke Manufacturing"),
    ("McNaughton Bros. Inc.", "McNaughton Bros."),
    ("I.T. Solutions, Inc.", "I.T. Solutions"),
    ("Amogha Group, INC ", "Amogha Group"),
    ("Rio Tinto plc", "Rio Tinto"),
    ("Acme GmbH", "Acme"),
    ("SAP SE", "SAP"),
    ("Foo Pvt. Ltd.", "Foo"),
    ("Notion Labs, Inc.®", "Notion Labs"),
    ("Sumitomo Mitsui Banking Corporation", "Sumitomo Mitsui Banking"),
    ("W.C. Construction Company, LLC", "W.C. Construction Company"),  # "Company" is kept
    ("Prim + Co", "Prim + Co"),  # the "Co" is part of the name
    ("Johnson & Johnson", "Johnson & Johnson"),
    ("AT&T", "AT&T"),
    ("  Stripe  ", "Stripe"),
    ("Co-op Bank", "Co-op Bank"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_normalize_employer(raw, expected):
    assert normalize_employer(raw) == expected


@pytest.mark.parametrize("bad", [None, "", "   ", ",", 3, 4.5, float("nan"), b"Meta", ["Meta"]])
def test_never_raises(bad):
    assert normalize_employer(bad) is None


def test_idempotent():
    for raw, _ in CASES:
        once = normalize_employer(raw)
        assert normalize_employer(once) == once


@pytest.mark.slow
def test_real_employers(real_dir):
    names = pd.concat(
        [
            pd.read_csv(real_dir / "linkedin_postings_2024_sample.csv", usecols=["company_name"])[
                "company_name"
            ],
            pd.read_csv(real_dir / "indeed_us_jobs_2025_04.csv", usecols=["company"])["company"],
        ]
    ).dropna()
    names = names[names.str.strip() != ""]
    normalized = names.map(normalize_employer)
    changed = (normalized != names.str.strip()).mean()
    print(
        f"{len(names)} names, {names.nunique()} distinct -> {normalized.nunique()} distinct; "
        f"{changed:.1%} changed"
    )
    assert normalized.notna().all()  # a non-blank name always normalizes to something
    assert normalized.nunique() <= names.nunique()
