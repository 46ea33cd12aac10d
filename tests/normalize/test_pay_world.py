"""parse_pay on pay text as exports around the world write it (raw beside expected).

Indian units, non-dollar currencies and separators, bare K ranges anchored as pay, pay that is
not base pay (OTE, total compensation, contract totals, stipends) and per-place labels. Every
string was written for these tests (none is taken from the gold set).
"""

from __future__ import annotations

import pytest

from analysis.normalize.pay import NOT_BASE_WORDS, parse_pay

NBSP, NNBSP = "\u00a0", "\u202f"

# raw text, expected (min, max, period, currency)
WORLD_CASES = [
    # Indian units: lakh / lac / LPA / L / crore, INR even when no ₹ is written
    ("6-9 Lacs P.A.", (600_000, 900_000, "year", "INR")),
    ("12-18 LPA", (1_200_000, 1_800_000, "year", "INR")),
    ("₹25L–₹32L", (2_500_000, 3_200_000, "year", "INR")),
    ("₹8 L - ₹12 L", (800_000, 1_200_000, "year", "INR")),
    ("2.5L-3.5L per annum, CTC 4 LPA", (250_000, 350_000, "year", "INR")),
    ("1.2 Cr", (12_000_000, 12_000_000, "year", "INR")),
    ("1.2 crore", (12_000_000, 12_000_000, "year", "INR")),
    ("₹ 4,50,000 - 6,00,000 per annum", (450_000, 600_000, "year", "INR")),
    ("Rs. 8 lakhs - 10 lakhs", (800_000, 1_000_000, "year", "INR")),
    # Indonesia, Philippines, Singapore, Australia, New Zealand, Switzerland
    ("Rp 8.500.000", (8_500_000, 8_500_000, "month", "IDR")),
    ("IDR 8.500.000 - 12.000.000 per month", (8_500_000, 12_000_000, "month", "IDR")),
    ("Rp 8.500.000 - Rp 12.000.000", (8_500_000, 12_000_000, "month", "IDR")),
    ("Rp 8,5 juta", (8_500_000, 8_500_000, "month", "IDR")),
    ("Rp 10.000.000 per bulan", (10_000_000, 10_000_000, "month", "IDR")),
    ("₱25,000 monthly", (25_000, 25_000, "month", "PHP")),
    ("S$5,000 - S$7,000", (5_000, 7_000, "month", "SGD")),
    ("A$120k", (120_000, 120_000, "year", "AUD")),
    ("NZ$90,000", (90_000, 90_000, "year", "NZD")),
    ("CHF 120'000", (120_000, 120_000, "year", "CHF")),
    ("CHF 120'000 - 140'000", (120_000, 140_000, "year", "CHF")),
    # Signs written after the amount, joiners and no-break spaces inside ranges (jobs.cz, MY)
    ("13\u00a0000 \u200d–\u200d 14\u00a0700 Kč", (13_000, 14_700, "month", "CZK")),
    ("13 350 Kč", (13_350, 13_350, "month", "CZK")),
    ("4 000 - 6 000 zł brutto", (4_000, 6_000, "month", "PLN")),
    ("500 000 Ft havonta", (500_000, 500_000, "month", "HUF")),
    ("RM\u00a04,000 – RM\u00a05,000 per month", (4_000, 5_000, "month", "MYR")),
    # A hyphenated "up-to" is an open maximum
    ("up-to £85K", (None, 85_000, "year", "GBP")),
    # Nordic kronor: only with the code stated
    ("45 000 kr (SEK)", (45_000, 45_000, "year", "SEK")),
    ("NOK: 45 000 kr/mnd", (45_000, 45_000, "month", "NOK")),
    ("45 000 SEK", (45_000, 45_000, "year", "SEK")),
    # "mil" is a thousand in Portuguese and Spanish
    ("R$ 5 mil", (5_000, 5_000, "month", "BRL")),
    ("MXN$ 25 mil", (25_000, 25_000, "month", "MXN")),
    ("45 mil € brutos anuales", (45_000, 45_000, "year", "EUR")),
    # no-break and narrow no-break spaces as thousands separators
    (f"120{NBSP}000 € par an", (120_000, 120_000, "year", "EUR")),
    (f"120{NNBSP}000 €", (120_000, 120_000, "year", "EUR")),
    (f"€{NBSP}55{NNBSP}000 - 65{NNBSP}000", (55_000, 65_000, "year", "EUR")),
    # bare K ranges anchored as pay: the `currency` argument, a year
    ("Compensation: 85k-105k", (85_000, 105_000, "year", "USD")),
    ("Salary: 90K - 110K", (90_000, 110_000, "year", "USD")),
    ("Pay range 120-150k", (120_000, 150_000, "year", "USD")),
]


@pytest.mark.parametrize(("raw", "expected"), WORLD_CASES)
def test_world_cases(raw, expected):
    parse = parse_pay(raw)
    assert parse.ranges, parse.reason
    r = parse.ranges[0]
    assert (r.min, r.max, r.period, r.currency) == expected


def test_bare_k_range_takes_the_currency_argument():
    r = parse_pay("Salary: 90K - 110K", currency="GBP").ranges[0]
    assert (r.min, r.max, r.currency) == (90_000, 110_000, "GBP")


def test_krona_resolves_from_the_currency_argument():
    r = parse_pay("45 000 kr/mån", currency="SEK").ranges[0]
    assert (r.min, r.currency, r.period) == (45_000, "SEK", "month")


# raw text, words the reason holds: read as no pay, and say why
NOT_PAY = [
    ("5-10 years", "no amount"),
    ("2-4k employees", "no amount"),
    ("Series B, 50-100 people", "no amount"),
    ("1.5 mil", "no amount"),
    ("$1.5 mil", "company figure"),  # English "mil": a million, like "$180 million"
    ("$180 million", "company figure"),
    ("Series B, raised $50 mil", "company figure"),
    ("Salary: 25L - 30L", "no amount"),  # a bare "L" with no lakh context is not a lakh
    ("45 000 kr", "ambiguous currency"),  # SEK, NOK or DKK: not stated
    ("$500 stipend for home office", "stipend for"),
]


@pytest.mark.parametrize(("raw", "why"), NOT_PAY)
def test_not_pay_and_says_why(raw, why):
    parse = parse_pay(raw)
    assert parse.ranges == ()
    assert why in parse.reason


# raw text, expected ranges [(min, max, period)], expected not_base
NOT_BASE_CASES = [
    ("OTE $120,000", [(120_000, 120_000, "year")], "OTE"),
    ("$180k total compensation", [(180_000, 180_000, "year")], "total compensation"),
    ("TC: $250k", [(250_000, 250_000, "year")], "total compensation"),
    ("Total compensation: $180k-$250k", [(180_000, 250_000, "year")], "total compensation"),
    ("$150k including bonus", [(150_000, 150_000, "year")], "includes bonus"),
    ("$150k (incl. bonus)", [(150_000, 150_000, "year")], "includes bonus"),
    ("$12,000 for the 6-week engagement", [(12_000, 12_000, "year")], "contract total"),
    ("$2,000/month stipend", [(2_000, 2_000, "month")], "stipend"),
    ("Stipend: $2,000/month", [(2_000, 2_000, "month")], "stipend"),
    ("$60 per diem", [(60, 60, "day")], "per diem"),
    # base pay stated too: only the base range is kept, and it is base pay
    ("$90k base + bonus, $120k OTE", [(90_000, 90_000, "year")], None),
    ("$90k base, $120k OTE", [(90_000, 90_000, "year")], None),
    ("$150,000 - $180,000 base salary; OTE $250,000", [(150_000, 180_000, "year")], None),
    ("OTE: $90k base", [(90_000, 90_000, "year")], None),
    # base pay with the words elsewhere in the text
    (
        "The base salary range is $150,000 - $190,000. Total compensation includes equity.",
        [(150_000, 190_000, "year")],
        None,
    ),
    ("$120,000 - $140,000 per year", [(120_000, 140_000, "year")], None),
]


@pytest.mark.parametrize(("raw", "ranges", "not_base"), NOT_BASE_CASES)
def test_not_base(raw, ranges, not_base):
    parse = parse_pay(raw)
    assert [(r.min, r.max, r.period) for r in parse.ranges] == ranges
    assert parse.not_base == not_base


def test_not_base_reasons_are_the_named_constant():
    for raw, _, reason in NOT_BASE_CASES:
        assert reason is None or reason in NOT_BASE_WORDS, raw
    assert parse_pay("OTE $120,000").to_dict()["not_base"] == "OTE"


# raw text, expected [(min, max, label)]
LABEL_CASES = [
    (
        "$150k–$190k in Seattle, WA and $135k–$170k in Chicago, IL",
        [(150_000, 190_000, "Seattle, WA"), (135_000, 170_000, "Chicago, IL")],
    ),
    (
        "Seattle: $150k-$190k; Chicago: $135k-$170k",
        [(150_000, 190_000, "Seattle"), (135_000, 170_000, "Chicago")],
    ),
    (
        "Zone A: $150k-$190k; Zone B: $135k-$170k",
        [(150_000, 190_000, "Zone A"), (135_000, 170_000, "Zone B")],
    ),
    (
        "$20/hr in NYC, $18/hr in Boston",
        [(20, 20, "NYC"), (18, 18, "Boston")],
    ),
    (
        "$150k for the Seattle office and $130k for the Austin office",
        [(150_000, 150_000, "Seattle office"), (130_000, 130_000, "Austin office")],
    ),
]


@pytest.mark.parametrize(("raw", "expected"), LABEL_CASES)
def test_place_labels(raw, expected):
    assert [(r.min, r.max, r.label) for r in parse_pay(raw).ranges] == expected


def test_never_a_neighbours_label():
    text = "$150k–$190k in Seattle, WA and $135k–$170k in Chicago, IL"
    labels = [r.label for r in parse_pay(text).ranges]
    assert all(label is None or "and" not in label.split() for label in labels)


# Ranges and open ends in other languages, and codes written in lower case
FOREIGN_CASES = [
    ("De R$ 2.001,00 a R$ 3.000,00", (2001, 3000, "month", "BRL")),
    ("Até R$ 2.000,00", (None, 2000, "month", "BRL")),
    ("De 30.000 a 40.000 € al año", (30000, 40000, "year", "EUR")),
    ("hasta 2.500 € al mes", (None, 2500, "month", "EUR")),
    ("de 40 000 à 50 000 € par an", (40000, 50000, "year", "EUR")),
    ("jusqu'à 60k€", (None, 60000, "year", "EUR")),
    ("ab 55.000 € brutto im Jahr", (55000, None, "year", "EUR")),
    ("od 8 000 do 12 000 zł", (8000, 12000, "month", "PLN")),
    ("14 000 - 25 000 pln", (14000, 25000, "month", "PLN")),
    ("$50,000 a year", (50000, 50000, "year", "USD")),  # "a" as a connector needs two amounts
]


@pytest.mark.parametrize("raw, expected", FOREIGN_CASES, ids=[c[0] for c in FOREIGN_CASES])
def test_foreign_connectors_and_open_ends(raw, expected):
    r = parse_pay(raw).ranges[0]
    assert (r.min, r.max, r.period, r.currency) == expected
