"""Tests for analysis.normalize.pay: posted pay text to structured ranges (raw beside expected)."""

from __future__ import annotations

import csv
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.normalize.pay import (
    PLAUSIBLE_AMOUNT,
    PayParse,
    PayRange,
    clear_cache,
    parse_pay,
    parse_pays,
)
from analysis.normalize.vocabulary import PERIOD_FACTORS
from analysis.paths import SHARED_REAL

SEED_LINE = "$117,000/year to $173,000/year + bonus + equity + benefits"

# Written for these tests (not taken from the gold set). raw text, expected (min, max, ccy, period)
CASES = [
    (SEED_LINE, (117000, 173000, "USD", "year")),
    ("$55/hr - $65/hr", (55, 65, "USD", "hour")),
    ("$22.50/hr", (22.5, 22.5, "USD", "hour")),
    ("$120-150K", (120000, 150000, "USD", "year")),
    ("$95k–$110k base", (95000, 110000, "USD", "year")),
    ("Salary: $64,000 — $71,500 per annum", (64000, 71500, "USD", "year")),
    ("between $31.40 and $38.90 an hour", (31.4, 38.9, "USD", "hour")),
    ("The range is $140,000 to $165,000 annually.", (140000, 165000, "USD", "year")),
    ("USD $98,300 - $121,000", (98300, 121000, "USD", "year")),
    ("71,250.00 USD-$93,000.00", (71250, 93000, "USD", "year")),
    ("CA$88,000 - CA$104,000 a year", (88000, 104000, "CAD", "year")),
    ("C$42/hour", (42, 42, "CAD", "hour")),
    ("A$135k - A$150k + super", (135000, 150000, "AUD", "year")),
    ("AU$48 per hour", (48, 48, "AUD", "hour")),
    ("US$7,400 per month", (7400, 7400, "USD", "month")),
    ("£42,500 - £47,000 per annum", (42500, 47000, "GBP", "year")),
    ("£525 per day, Outside IR35", (525, 525, "GBP", "day")),
    ("45.000 € - 52.000 € brutto per year", (45000, 52000, "EUR", "year")),
    ("€3.200 per month", (3200, 3200, "EUR", "month")),
    ("CHF 118,000 - 132,000 p.a.", (118000, 132000, "CHF", "year")),
    ("₹14,50,000 - ₹18,00,000 per annum", (1450000, 1800000, "INR", "year")),
    ("₹650K-₹910K (Glassdoor est.)", (650000, 910000, "INR", "year")),
    ("$173 400,00", (173400, 173400, "USD", "year")),
    ("$2,450 weekly", (2450, 2450, "USD", "week")),
    ("Pay: $1,850.00 - $2,300.00 biweekly", (1850, 2300, "USD", "biweekly")),
    ("$3,100 semi-monthly", (3100, 3100, "USD", "semimonthly")),
    ("$185 daily", (185, 185, "USD", "day")),
    ("$27 an hour", (27, 27, "USD", "hour")),
    ("$88,000 a year", (88000, 88000, "USD", "year")),
    ("Hourly rate: $19.75 - $23.10", (19.75, 23.1, "USD", "hour")),
    ("Weekly pay: $1,250 - $1,480", (1250, 1480, "USD", "week")),
    ("Starting at $21.25 per hour", (21.25, None, "USD", "hour")),
    ("From $58,000 per year", (58000, None, "USD", "year")),
    ("$145K+", (145000, None, "USD", "year")),
    ("Up to $36/hr", (None, 36, "USD", "hour")),
    ("up to £62,000 plus bonus", (None, 62000, "GBP", "year")),
    ("From £38,000 to £44,000 per annum", (38000, 44000, "GBP", "year")),
    ("£60k - 72k per year", (60000, 72000, "GBP", "year")),
    ("Pay: $17-19/hour", (17, 19, "USD", "hour")),
    ("$0.58 per mile", (0.58, 0.58, "USD", None)),
    ("Compensation: $26.80 - $31.15", (26.8, 31.15, "USD", "hour")),
    ("$4,210.00 - $5,380.00", (4210, 5380, "USD", "month")),
    ("$104,500 - $131,250", (104500, 131250, "USD", "year")),
    ("$92,000/yr. - $118,000/yr.", (92000, 118000, "USD", "year")),
    (
        "Salary Range: $61,000 (Min.) - $76,000 (Mid.) - $91,000 (Max.)",
        (61000, 91000, "USD", "year"),
    ),
    ("Total OTE $180,000 - $220,000 with uncapped commission", (180000, 220000, "USD", "year")),
    ("$18.50/hr plus tips", (18.5, 18.5, "USD", "hour")),
    ("12 LPA", (1200000, 1200000, "INR", "year")),
]


def _tuple(r: PayRange) -> tuple:
    return (r.min, r.max, r.currency, r.period)


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_cases(raw, expected):
    currency = "INR" if "LPA" in raw else "USD"
    parse = parse_pay(raw, currency=currency)
    assert parse.ranges, parse.reason
    got = _tuple(parse.ranges[0])
    lo, hi, ccy, period = expected
    assert got[2:] == (ccy, period)
    for g, e in zip(got[:2], (lo, hi), strict=True):
        assert (g is None and e is None) or math.isclose(g, e)


def test_seed_line():
    parse = parse_pay(SEED_LINE)
    assert len(parse.ranges) == 1
    r = parse.ranges[0]
    assert (r.min, r.max, r.currency, r.period) == (117000, 173000, "USD", "year")
    assert r.period_inferred is False
    assert (r.annual_min, r.annual_max) == (117000, 173000)
    assert parse.has_bonus and parse.has_equity
    assert not parse.has_commission and not parse.has_tips
    assert not parse.is_estimate and parse.reason is None


TRAPS = [
    "Competitive",
    "Salary: DOE",
    "Negotiable",
    "Competitive salary + benefits",
    "401(k) with 6% company match",
    "• $3,000 sign-on bonus for experienced drivers",
    "Eligible for a $2,500 signing bonus",
    "Full time, 40 hours per week",
    "We have raised $180 million from leading investors",
    "Backed by $45M in Series B funding",
    "A $2.1 billion company with 9,000 employees",
    "• $50,000 company-paid life insurance",
    "• Tuition reimbursement of up to $5,250 per year",
    "Paid orientation ($200 per new hire)",
    "$0 - $0",
    "Pay Range: USD $0.00 - USD $0.00 /Yr.",
    "Referral bonus: $750",
    "• Annual wellness allowance up to $600",
    "Raises of up to $1.00/hour after 90 days",
    "",
    "   ",
    "Salary not disclosed",
]


@pytest.mark.parametrize("raw", TRAPS)
def test_traps_give_no_ranges_and_a_reason(raw):
    parse = parse_pay(raw)
    assert parse.ranges == ()
    assert isinstance(parse.reason, str) and parse.reason


def test_reason_names_the_no_pay_word():
    assert "competitive" in parse_pay("Highly Competitive").reason
    assert "bonus" in parse_pay("Referral bonus: $750").reason


def test_multi_range_labels():
    text = (
        "The hiring range for this position in Sunnyvale, CA is $150,000 to $190,000 per year, "
        "and in Austin, TX is $128,000 to $162,000 per year."
    )
    parse = parse_pay(text)
    assert [(_tuple(r), r.label) for r in parse.ranges] == [
        ((150000, 190000, "USD", "year"), "Sunnyvale, CA"),
        ((128000, 162000, "USD", "year"), "Austin, TX"),
    ]


def test_zone_labels():
    text = "Zone A (San Francisco Bay Area): $160,000 - $200,000; Zone B: $144,000 - $180,000"
    labels = [r.label for r in parse_pay(text).ranges]
    assert labels == ["Zone A (San Francisco Bay Area)", "Zone B"]


def test_parenthesised_labels_and_level_labels():
    text = "$120,000-$150,000 (California), $100,000-$125,000 (Texas)"
    assert [r.label for r in parse_pay(text).ranges] == ["California", "Texas"]
    text = "$140,000 to $180,000 for Senior Engineer and $170,000 to $215,000 for Staff Engineer."
    assert [r.label for r in parse_pay(text).ranges] == ["Senior Engineer", "Staff Engineer"]


def test_identical_ranges_merge_and_restatements_drop():
    text = (
        "Seattle, WA: $130,000 - $150,000. Denver, CO: $130,000 - $150,000. "
        "Austin, TX: $120,000 - $140,000."
    )
    parse = parse_pay(text)
    assert len(parse.ranges) == 2
    assert parse.ranges[0].label == "Seattle, WA / Denver, CO"
    restated = parse_pay("$1,900 per week (about $98,800 per year)")
    assert [_tuple(r) for r in restated.ranges] == [(1900, 1900, "USD", "week")]


def test_single_range_has_no_label():
    assert parse_pay("Chicago, IL: $95,000 - $120,000").ranges[0].label is None


def test_estimates():
    assert parse_pay("$71K-$118K (Glassdoor est.)").is_estimate
    assert parse_pay("$71K - $118K (Glassdoor Est.)").is_estimate
    assert not parse_pay("$71K-$118K(Employer est.)").is_estimate
    assert not parse_pay("Employer Provided Salary:$71K-$118K").is_estimate


def test_components():
    p = parse_pay("$85,000 - $95,000 + RSUs + annual bonus")
    assert p.has_equity and p.has_bonus and not p.has_commission
    p = parse_pay("OTE $140,000 (50/50 base and commission)")
    assert p.has_commission
    p = parse_pay("$16.50/hr + tips")
    assert p.has_tips and not p.has_bonus
    # pay-equity language is not an equity grant
    p = parse_pay("$70,000 - $90,000; offers consider internal equity")
    assert not p.has_equity


def test_currency_hint():
    p = parse_pay("$81K - $114K (Glassdoor Est.)", currency="AUD")
    assert p.ranges[0].currency == "AUD"
    # explicit marks beat the hint
    assert parse_pay("US$90,000", currency="AUD").ranges[0].currency == "USD"
    assert parse_pay("£50,000", currency="AUD").ranges[0].currency == "GBP"
    assert parse_pay("$187,000 CAD to $247,500 CAD").ranges[0].currency == "CAD"
    # a bad hint falls back to USD rather than raising
    assert parse_pay("$20/hr", currency=None).ranges[0].currency == "USD"


@pytest.mark.parametrize(
    ("raw", "period", "inferred"),
    [
        ("$24.00 - $28.50", "hour", True),
        ("$650 - $800", "year", True),  # whole hundreds, no period anywhere: a dropped K
        ("$450.00 - $600.00", "day", True),
        ("$5,120 - $6,400", "month", True),
        ("$76,000 - $92,000", "year", True),
        ("$70K", "year", True),
        ("$24.00 - $28.50 per hour", "hour", False),
        ("annual base salary range is $76,000 - $92,000", "year", False),
        ("$90,000 - $120,000 per hour", "year", True),  # implausible stated unit, re-inferred
        ("€95 - €105 per annum", "hour", True),
    ],
)
def test_period_inference(raw, period, inferred):
    r = parse_pay(raw).ranges[0]
    assert (r.period, r.period_inferred) == (period, inferred)


def test_dropped_k_multiplies():
    r = parse_pay("$650 - $800").ranges[0]
    assert (r.min, r.max) == (650000, 800000)


def test_per_mile_has_no_period_and_no_annual():
    r = parse_pay("$0.62 CPM").ranges[0]
    assert r.period is None and r.period_inferred is False
    assert r.annual_min is None and r.annual_max is None


@pytest.mark.parametrize(
    "value", [None, 123, 4.5, float("nan"), "", "$", "$$$", "-", "K", "€", object(), b"$20/hr"]
)
def test_never_raises_on_odd_inputs(value):
    parse = parse_pay(value)
    assert isinstance(parse, PayParse)
    assert parse.ranges == ()
    assert parse.reason


def test_never_raises_on_huge_string():
    text = ("$1,000 - " * 10_000 + "x" * 100_000)[:100_000]
    assert isinstance(parse_pay(text), PayParse)
    big = "Salary $95,000 - $105,000. " + "lorem ipsum " * 9000
    assert parse_pay(big).ranges[0].max == 105000


def test_to_dict_contract():
    d = parse_pay(SEED_LINE).to_dict()
    assert set(d) == {"text", "ranges", "is_estimate", "reason", "not_base"}
    assert set(d["ranges"][0]) == {
        "min",
        "max",
        "currency",
        "period",
        "period_inferred",
        "annual_min",
        "annual_max",
        "label",
    }
    assert d["ranges"][0]["annual_max"] == 173000
    assert parse_pay(None).to_dict()["ranges"] == []


def test_cache_returns_same_object_and_clears():
    clear_cache()
    a = parse_pay("$31/hr")
    assert parse_pay("$31/hr") is a
    clear_cache()
    assert parse_pay("$31/hr") == a


# ---------------------------------------------------------------------------------------------
# parse_pays: the batch form (a column of pay strings, each distinct string parsed once)
# ---------------------------------------------------------------------------------------------


def test_parse_pays_matches_parse_pay_in_order():
    texts = [raw for raw, _ in CASES] + [SEED_LINE, "Competitive", "$81K - $114K (Glassdoor est.)"]
    for currency in ("USD", "AUD", " gbp "):
        clear_cache()
        got = parse_pays(texts, currency=currency)
        assert got == [parse_pay(t, currency=currency) for t in texts]
        assert [p.text for p in got] == texts


def test_parse_pays_parses_each_distinct_text_once():
    texts = ["$55/hr - $65/hr", "$120-150K", "$55/hr - $65/hr", "$55/hr - $65/hr", "$120-150K"]
    clear_cache()
    got = parse_pays(texts)
    assert len(got) == len(texts)
    assert got[0] is got[2] is got[3] and got[1] is got[4]
    assert [p.ranges[0].max for p in got] == [65, 150000, 65, 65, 150000]
    assert parse_pays(iter(texts)) == got  # any iterable, generators included
    assert parse_pays([]) == []


def test_parse_pays_non_strings_as_parse_pay():
    values = [None, float("nan"), 1, 1.0, True, "$31/hr", b"$20/hr", object(), "", "$31/hr"]
    got = parse_pays(values)
    assert len(got) == len(values)
    for value, parse in zip(values, got, strict=True):
        assert parse == parse_pay(value)
    # 1, 1.0 and True are equal dict keys, but each keeps its own reason
    assert [got[i].reason for i in (2, 3, 4)] == [
        "not text (int)",
        "not text (float)",
        "not text (bool)",
    ]
    assert got[5].ranges and got[5] is got[9]


def test_parse_pays_rejects_a_single_string():
    with pytest.raises(TypeError):
        parse_pays("$55/hr - $65/hr")


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300))
def test_property_never_raises_and_ranges_are_sane(text):
    parse = parse_pay(text)
    assert isinstance(parse, PayParse)
    assert (parse.reason is None) == bool(parse.ranges)
    for r in parse.ranges:
        if r.min is not None and r.max is not None:
            assert r.min <= r.max
        for amount, annual in ((r.min, r.annual_min), (r.max, r.annual_max)):
            if amount is None or r.period is None:
                assert annual is None
            else:
                assert math.isclose(annual, amount * PERIOD_FACTORS[r.period])


_PERIOD_WORDS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}


@st.composite
def _well_formed(draw):
    period = draw(st.sampled_from(sorted(_PERIOD_WORDS)))
    low, high = PLAUSIBLE_AMOUNT[period]
    cents = st.integers(int(low * 100), int(high * 100))
    a, b = sorted((draw(cents) / 100, draw(cents) / 100))
    style = draw(st.sampled_from(["{:,.2f}", "{:,.0f}"]))
    if style == "{:,.0f}":
        a, b = float(round(a)), float(round(b))
        if a < low:
            a = float(math.ceil(low))
    return a, b, period, style


@settings(max_examples=300, deadline=None)
@given(_well_formed())
def test_property_well_formed_ranges_round_trip(case):
    a, b, period, style = case
    text = f"${style.format(a)} - ${style.format(b)} per {_PERIOD_WORDS[period]}"
    parse = parse_pay(text)
    assert len(parse.ranges) == 1, text
    r = parse.ranges[0]
    assert (r.currency, r.period, r.period_inferred) == ("USD", period, False), text
    assert math.isclose(r.min, a) and math.isclose(r.max, b), text
    assert math.isclose(r.annual_max, b * PERIOD_FACTORS[period])


# ---------------------------------------------------------------------------------------------
# The hand-labelled gold set (real data beside the project; skipped when absent)
# ---------------------------------------------------------------------------------------------

GOLD = SHARED_REAL / "pay_gold.csv"
COUNTRY_CURRENCY = {"US": "USD", "GB": "GBP", "AU": "AUD", "IN": "INR"}
# Reached 399/400 (99.75%) when written; the one miss is a label the README marks UNCERTAIN.
GOLD_MIN_ACCURACY = 0.99


def _num(s: str) -> float | None:
    return float(s) if s.strip() else None


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/data/real/pay_gold.csv not present")
def test_gold_accuracy():
    with GOLD.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    correct = 0
    for row in rows:
        parse = parse_pay(row["text"], currency=COUNTRY_CURRENCY.get(row["country"], "USD"))
        has_pay = row["has_pay"].strip().lower() == "true"
        if not parse.ranges:
            correct += not has_pay
            continue
        r = parse.ranges[0]
        exp = (_num(row["min"]), _num(row["max"]), row["currency"] or None, row["period"] or None)
        amounts_ok = all(
            (g is None and e is None) or (g is not None and e is not None and math.isclose(g, e))
            for g, e in ((r.min, exp[0]), (r.max, exp[1]))
        )
        correct += has_pay and amounts_ok and (r.currency, r.period) == exp[2:]
    assert correct / len(rows) >= GOLD_MIN_ACCURACY


SIMPLE_SHAPES = [
    "$53K-$91K (Glassdoor est.)",
    "$91K-$53K (Glassdoor Est.)",
    "₹10L-₹12L (Glassdoor est.)",
    "₹500K-₹900K(Employer est.)",
    "$120 - $145",
    "$120 - $145 per year",
    "£30,000 - £40,000 per annum",
    "£500 - £600 per annum",
    "£90,000 - £125 per annum",
    "From £30,000 to £40,000 per annum, negotiable, inc benefits",
    "£30,000 per annum + Benefits",
    "Up to £45,000 per annum",
    "Pay: $18.50 - $22.00 per hour",
    "Pay: From $18.50 per hour",
    "Pay: $85,000.00 - $180,000.00 per hour",
    "Employer Provided Salary:$20 - $25 Per Hour",
    "$20-$25 Per Hour(Glassdoor est.)",
    "$22.50/hr",
    "$95k/yr",
    "$0 - $0",
    "$0K",
    "€60K - €80K EUR",
    "$120,000-$150,000 USD",
    "Salary Range: $100,000 - $120,000 annually",
    "$20 - $30 / hourly",
    "$123456789012,345",
]


@pytest.mark.parametrize("raw", SIMPLE_SHAPES)
@pytest.mark.parametrize("currency", ["USD", "AUD"])
def test_simple_shapes_read_as_the_full_scan_reads_them(raw, currency, monkeypatch):
    """The fast path for the commonest shapes (pay._simple_range) changes no result."""
    from analysis.normalize import pay

    fast = pay._parse(raw, currency)
    monkeypatch.setattr(pay, "_SIMPLE_TEXT_RE", re.compile(r"(?!)"))  # never matches: full scan
    full = pay._parse(raw, currency)
    assert (fast, repr(fast)) == (full, repr(full))
