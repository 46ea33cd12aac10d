"""Parse posted pay text ("$117,000/year to $173,000/year + bonus") into structured pay ranges.

One concept: a free-text pay string in, a :class:`PayParse` out, with one :class:`PayRange` per
distinct range the text states (per location, zone, level, phase...). The parser never raises: when
it finds no pay it says why in ``PayParse.reason``.

How a string is read
--------------------
1. Normalize: unicode dashes to ``-``, odd spaces (no-break U+00A0, narrow no-break U+202F...) to
   `` ``, markdown escapes (``\\-``) dropped.
2. Find every amount: an optional currency prefix (``$``, ``US$``, ``CA$``, ``S$``, ``R$``, ``£``,
   ``₹``, ``₱``, ``Rp``, ``USD``, ...), a number (``1,234.56``, European ``60.000`` /
   ``186 000,00``, Indian ``12,00,000``, Indonesian ``8.500.000``, Swiss ``120'000``, ``.62``),
   an optional multiplier (``K``, ``M``, lakh/lac/``LPA``/crore/``Cr`` in any case, ``L`` in a
   lakh context, ``juta``, and ``mil`` = a thousand after ``R$``/``MXN$``/... or after ``€`` in a
   Spanish/Portuguese text; English ``$1.5 mil`` is a million, a company figure), an optional
   currency suffix (``USD``, ``€``, ``kr``: see :data:`KRONA`) and an optional unit (``/hr``,
   ``per annum``, ``an hour``, ``hourly``, ``p.a.``, ``CPM``, ``por mes``, ``/bulan``).
3. Pair amounts into ranges when the text between them is a range connector (``-``, ``to``,
   ``through``, ``and`` after ``between``, ``up to`` after ``from``). A multiplier on one side only
   applies to both (``$120-150K``). Amounts with no currency count only as the partner of one that
   has a currency (``$16-18/hr``, ``£80k - 130k``); in a text with no currency mark, when they
   carry a plausible unit (``35000 - 39999 per annum``) or a multiplier right after a pay word
   (:data:`BARE_PAY_LEADS`: ``Compensation: 85k-105k``, ``Pay range 120-150k``; not ``2-4k
   employees``). An Indian multiplier is a currency mark itself (``6-9 Lacs P.A.``, ``1.2 Cr``:
   INR).
4. Drop amounts that are not pay (:data:`TRAP_WORDS`: 401(k), sign-on bonus, tuition, insurance,
   orientation, funding, "$180 million", ...): a trap word closer to the amount than any pay word
   (:data:`PAY_ANCHOR_WORDS`) before it in the same sentence, or within a few words after it
   (unless it follows "including": "$150k including bonus" is pay).
5. Period: the unit attached to the amount, else a period word earlier in the same sentence
   ("hourly rate is", "annual base salary", "in USD per year is:"), else the one period stated by
   the other amounts of the text; else inferred (see below). A stated period that is implausible
   for the amount (:data:`PLAUSIBLE_AMOUNT`, e.g. "$85,000 per hour", "€100 per annum") is
   re-inferred.
6. Open ranges: "from / starting at / start / at least X" and a glued "X+" give min only; "up to /
   max X" gives max only.
7. Not base pay (:data:`NOT_BASE_WORDS`: "OTE $120,000", "$180k total compensation", "TC:
   $250k", "$12,000 for the 6-week engagement", "$2,000/month stipend", "$60 per diem"): when the
   text also states base pay, only the base ranges are kept; when every range is qualified, they
   are kept and ``PayParse.not_base`` gives the reason.
8. Labels (texts with several ranges): a parenthesis or "for X" / "in X" right after the range
   ("$150k-$190k in Seattle, WA and $135k-$170k in Chicago, IL"), else the text before it since
   the previous range ("Zone A: ...", "Seattle: ..."). Text read as one range's label is never
   read again for the next one.
9. Identical ranges are merged (their labels joined); a range that restates an earlier one in
   another period (same annual pay within 25%) is dropped.

The period inference rule (``period_inferred=True``)
----------------------------------------------------
When the text states no period, one rule based on magnitude decides, with ``v`` the range's max
(else its min), in the posting's currency:

* a ``K``/``M``/lakh/crore multiplier on either amount → ``year``;
* a whole-number range with both ends in 100–999 and no period word anywhere in the text
  (``$120 - $145``, a job board's K-less salary field) → thousands, ``year``;
* ``v < 200`` → ``hour``; ``200 <= v < 1,000`` → ``day``; ``1,000 <= v < 10,000`` → ``month``
  (a full-time annual salary below 10,000 is implausible, a monthly one is common);
  ``v >= 10,000`` → ``year``;
* in :data:`MONTHLY_CUSTOM_CURRENCIES` (IDR, PHP, BRL, MXN...), where salaries are posted per
  month, ``month`` instead of ``year`` (the multiplier and magnitude rules above).

A "kr" amount with no SEK/NOK/DKK in the text nor as `currency` is not read (``reason`` says so).

Examples
--------
>>> p = parse_pay("$117,000/year to $173,000/year + bonus + equity + benefits")
>>> r = p.ranges[0]
>>> (r.min, r.max, r.currency, r.period, r.period_inferred, p.has_bonus, p.has_equity)
(117000.0, 173000.0, 'USD', 'year', False, True, True)
>>> parse_pay("Competitive + benefits").reason
'no pay stated (competitive)'
>>> r = parse_pay("6-9 Lacs P.A.").ranges[0]
>>> (r.min, r.max, r.currency, r.period)
(600000.0, 900000.0, 'INR', 'year')
>>> p = parse_pay("$90k base, $120k OTE")
>>> ([(r.min, r.max) for r in p.ranges], p.not_base)
([(90000.0, 90000.0)], None)
>>> parse_pay("OTE $120,000").not_base
'OTE'
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from analysis.normalize.vocabulary import PERIOD_FACTORS, PERIODS

__all__ = [
    "infer_period",
    "PayParse",
    "PayRange",
    "parse_pay",
    "parse_pays",
    "clear_cache",
    "CURRENCY_SYMBOLS",
    "CURRENCY_CODES",
    "PERIOD_UNITS",
    "PERIOD_ADVERBS",
    "PERIOD_ABBREVIATIONS",
    "NON_TIME_UNITS",
    "NO_PAY_WORDS",
    "TRAP_WORDS",
    "PAY_ANCHOR_WORDS",
    "COMPONENT_WORDS",
    "ESTIMATE_MARKERS",
    "MULTIPLIERS",
    "INDIAN_MULTIPLIERS",
    "NOT_BASE_WORDS",
    "BARE_PAY_LEADS",
    "MONTHLY_CUSTOM_CURRENCIES",
    "KRONA",
    "KRONA_CURRENCIES",
    "PLAUSIBLE_AMOUNT",
]

# --------------------------------------------------------------------------------------------
# Messy-data knowledge, as named constants
# --------------------------------------------------------------------------------------------

# Currency prefixes and symbols → ISO 4217. "$" alone is ambiguous: it means parse_pay's
# `currency` argument unless an ISO code is attached ("USD $117,200", "$187,000 CAD", "(USD)").
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "USD$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "CAD$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "NZD$": "NZD",
    "S$": "SGD",
    "SG$": "SGD",
    "SGD$": "SGD",
    "HK$": "HKD",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "¥": "JPY",
    "Rs.": "INR",
    "Rs": "INR",
    "INR₹": "INR",
    "Rp.": "IDR",
    "Rp": "IDR",
    "₱": "PHP",
    "R$": "BRL",
    "NT$": "TWD",
    "MX$": "MXN",
    "RM": "MYR",
    "Kč": "CZK",
    "zł": "PLN",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "฿": "THB",
    "₪": "ILS",
    "₫": "VND",
}
# Signs written only after the amount ("13 000 Kč", "500 000 Ft", "4 000 lei"); the signs of
# CURRENCY_SYMBOLS that follow amounts are read there too.
SUFFIX_SYMBOLS = {"Ft": "HUF", "lei": "RON"}
DOLLAR = "$"
# "kr" (written after the amount: "45 000 kr", "kr." in Danish) is the krona or krone of three
# countries: it means a SEK/NOK/DKK code stated in the text, else parse_pay's `currency` argument
# when that is one of them; otherwise the amount is not read (the reason says so).
KRONA = "kr"
KRONA_CURRENCIES = frozenset({"SEK", "NOK", "DKK"})
# ISO codes recognised as words before or after an amount.
CURRENCY_CODES = (
    "USD", "CAD", "AUD", "NZD", "GBP", "EUR", "INR", "CHF", "SGD", "HKD", "JPY", "CNY", "SEK",
    "NOK", "DKK", "PLN", "MXN", "BRL", "ZAR", "ILS", "AED", "CZK", "HUF", "RON", "PHP", "IDR",
    "MYR", "THB", "KRW", "TWD", "NGN", "KES", "TRY", "ARS", "COP", "CLP", "PKR", "BDT", "VND",
)  # fmt: skip
# Currencies whose amounts have the same orders of magnitude as the dollar (plausibility checks
# and the magnitude rule are tuned on these; other currencies keep what the text states).
DOLLAR_LIKE_CURRENCIES = frozenset({"USD", "CAD", "AUD", "NZD", "GBP", "EUR", "CHF", "SGD"})
# Markets where a posted salary is a monthly figure by custom (Indonesia, the Philippines, Latin
# America, mainland Southeast Asia): with no period stated, an amount the magnitude rule would
# call annual ("Rp 8.500.000", "R$ 5 mil", "₱25,000") is monthly.
MONTHLY_CUSTOM_CURRENCIES = frozenset(
    {"IDR", "PHP", "BRL", "MXN", "ARS", "COP", "CLP", "PEN", "VND", "THB", "MYR",
     # Russia, Central and Eastern Europe, Turkey, Egypt, Pakistan: pay posted per month
     "RUB", "UAH", "KZT", "CZK", "PLN", "HUF", "RON", "BGN", "TRY", "EGP", "PKR"}
)
# Markets where pay is usually posted per month but annual figures also appear (Singapore,
# Hong Kong, the Gulf, Japan): with no period stated, an amount below the currency's ceiling is
# monthly (SGD 10,000-17,500 is a month's pay; SGD 55,000-95,000 a year's).
MONTHLY_CEILING = {"SGD": 30_000, "HKD": 150_000, "AED": 60_000, "SAR": 60_000, "QAR": 60_000,
                   "JPY": 2_000_000, "CNY": 60_000, "TWD": 150_000, "KRW": 15_000_000}

# Multipliers written after a number. Spelled-out "million"/"billion" are company figures
# (revenue, funding) in posting text, so they are in TRAP_WORDS, not here. The Indian units
# (INDIAN_MULTIPLIERS) are read in any case ("Lacs", "Cr"); a bare "L" is a lakh only next to
# ₹/INR/Rs or in a text that says lakh/lac/LPA elsewhere ("₹25L-₹32L").
MULTIPLIERS = {
    "k": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,  # "12 LPA" = 12 lakh per annum
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "l": 1e5,  # see above: only in a lakh context
    "juta": 1e6,  # Indonesian "Rp 8,5 juta"
}
# Multipliers that mark an amount as rupees (INR) when no other currency is written: "6-9 Lacs
# P.A.", "1.2 Cr" and "12-18 LPA" are pay amounts on their own.
INDIAN_MULTIPLIERS = frozenset(
    {"lakh", "lakhs", "lac", "lacs", "lpa", "crore", "crores", "cr", "l"}
)
# "mil" after an amount: in English a million ("$1.5 mil", a company figure, dropped like
# "$180 million"); in Portuguese and Spanish a thousand ("R$ 5 mil", "MXN$ 25 mil"). It is a
# thousand after these currencies, and after € in a text with a Portuguese/Spanish pay word.
THOUSAND_MIL_CURRENCIES = frozenset({"BRL", "MXN", "ARS", "COP", "CLP", "PEN", "UYU"})
ROMANCE_PAY_WORDS = (
    "salario", "salário", "sueldo", "bruto", "brutos", "anual", "anuales", "mensual", "mensal",
    "al año", "por año", "por ano", "al mes", "por mes", "por mês", "remuneración", "remuneração",
)  # fmt: skip

# Unit nouns that follow "per", "a", "an", "each", "every" or "/" → period.
PERIOD_UNITS = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "diem": "day", "shift": "day",
    "week": "week", "wk": "week", "wks": "week", "weeks": "week",
    "fortnight": "biweekly", "two weeks": "biweekly", "2 weeks": "biweekly",
    "pay period": None,
    "month": "month", "mo": "month", "mth": "month", "mon": "month", "months": "month",
    "calendar month": "month",
    "year": "year", "yr": "year", "yrs": "year", "years": "year", "annum": "year", "ann": "year",
    "y": "year",
    "bulan": "month", "tahun": "year",  # Indonesian: "per bulan", "/tahun"
    "mån": "month", "månad": "month", "mnd": "month", "md": "month",  # Swedish, Norwegian, Danish
}  # fmt: skip
# Adverbs and adjectives that state a period on their own ("$22.52 Hourly", "weekly average").
PERIOD_ADVERBS = {
    "hourly": "hour", "daily": "day", "weekly": "week",
    "biweekly": "biweekly", "bi-weekly": "biweekly", "fortnightly": "biweekly",
    "semimonthly": "semimonthly", "semi-monthly": "semimonthly", "twice monthly": "semimonthly",
    "twice a month": "semimonthly",
    "monthly": "month", "yearly": "year", "annually": "year", "annual": "year",
    "per annum": "year", "a year": "year",
    # Spanish and Portuguese
    "mensual": "month", "mensal": "month", "al mes": "month", "por mes": "month",
    "por mês": "month", "ao mês": "month", "anual": "year", "anuales": "year",
    "al año": "year", "por año": "year", "por ano": "year", "ao ano": "year",
}  # fmt: skip
# Abbreviations recognised only right after an amount ("£41.11 PAYE ph", "£50k p.a.").
PERIOD_ABBREVIATIONS = {
    "p.a.": "year", "p.a": "year", "pa": "year", "p/a": "year", "pa.": "year",
    "ph": "hour", "p/h": "hour", "phr": "hour", "p.h.": "hour",
    "pw": "week", "p/w": "week", "p.w.": "week",
    "pcm": "month", "p.c.m.": "month", "p/m": "month",
    "pd": "day", "p/d": "day", "p.d.": "day",
}  # fmt: skip
# Words allowed between an amount and its unit ("£41.11 PAYE ph", "$80,000 gross per year").
UNIT_FILLER_WORDS = (
    "gross", "net", "base", "paye", "umb", "umbrella", "ltd", "inside", "outside", "dollars",
    "pounds", "euros", "rupees", "salary", "pay", "total", "flat", "fixed", "average", "avg",
    "approx", "approximately", "basic", "starting", "ote", "ir35",
)  # fmt: skip
# Non-time pay units: the amount is pay, but has no time period (period=None).
NON_TIME_UNITS = {"mile": "mile", "miles": "mile", "mi": "mile", "cpm": "mile"}

# Words meaning "pay exists but is not stated" (used for the reason when no amount is found).
NO_PAY_WORDS = (
    "competitive", "negotiable", "neg", "doe", "d.o.e", "depending on experience",
    "dependent on experience", "market related", "market rate", "not specified",
    "not disclosed", "undisclosed", "excellent", "attractive", "tbc", "tbd", "to be discussed",
    "commensurate", "strong salary", "unpaid", "volunteer",
)  # fmt: skip

# Words marking an amount as something other than the wage (the amount is dropped).
TRAP_WORDS = (
    r"401\s*\(?k\)?", r"403\s*\(?b\)?", "retirement", "pension", "match(?:ing|ed)?",
    r"bonus(?:es)?", r"sign(?:ing|[- ]?on)", "referral", "relocation", "retention",
    "tuition", r"reimburse\w*", "insurance", "wellness", r"incentives", "housing",
    "orientation", "allowance", "discount", r"gift\w*", "credit", "differential",
    r"fund(?:ing|ed|s)?", "raised?", "raises", r"revenue\w*", "valuation", "arr",
    "million", "billion", "trillion", "bn", r"sav(?:ed|ings?)", "fees?", "increases?",
    "out-of-pocket", "deductibles?", "co-?pays?", "coinsurance", "prescription", r"premiums?",
    "in-network", "out-of-network", "hsa", "fsa", "spending account", "contribut\\w+",
    "coverage", "medical", "dental", "vision", "hra", "fertility", "gym", "commuter", "transit",
    "parking", "childcare", "adoption", "home office", "lifestyle", "learning", "education",
    "professional development", "vacation", "holiday", "pto", "sick", "paid out", "exceeding",
    "budget", r"assets", "sales", "quota", "portfolio", "loans?", "spend(?:ing)?", "purchas\\w+",
    "scholarship", "stipend for", "grant", "donat\\w+", "prize", "award", "investment",
    r"\$0\.\d+ raise",
)  # fmt: skip
# Words that tie the nearest amount to the wage, overriding an earlier trap word in the sentence.
PAY_ANCHOR_WORDS = (
    "salary", "salaries", "pay", "wage", "wages", "rate", "rates", "compensation",
    "earnings", "earn", "earning", "range", "average", "avg", "making", "make",
    "base", "hiring", "income", "stipend", "ote", "remuneration",
)  # fmt: skip
# A trap word right after one of these is part of the pay, not a separate amount
# ("$150k including bonus" is pay that includes a bonus, not a bonus).
INCLUSIVE_WORDS = ("including", "includes", "include", "incl.", "incl", "inclusive of")
# Words that, right before a number with no currency mark but with a multiplier, make it pay
# ("Compensation: 85k-105k", "Salary: 90K - 110K", "Pay range 120-150k"). Without one, a bare
# "2-4k employees" or "50-100 people" is not pay.
BARE_PAY_LEADS = (
    "salary", "salaries", "compensation", "comp", "pay", "wage", "wages", "ctc", "package",
    "remuneration", "base", "base salary", "base pay", "stipend", "ote",
)  # fmt: skip

# Qualifiers marking a range as something other than base pay, by the short reason stored in
# PayParse.not_base. Read in the range's clause right before it ("OTE $120,000", "TC: $250k")
# or in the few words right after it ("$180k total compensation", "$2,000/month stipend",
# "$12,000 for the 6-week engagement", "$60 per diem"). A "base" after the qualifier ("OTE:
# $90k base") makes the range base pay again. When a text states base ranges too, only they are
# kept; when every range is qualified, they are kept and PayParse.not_base says why (the
# normalizer keeps them out of base bands).
NOT_BASE_WORDS = {
    "OTE": (r"ote", r"on[- ]target(?:\s+earnings)?"),
    "total compensation": (
        r"total\s+comp(?:ensation)?",
        r"tc",
        r"total\s+(?:cash|pay|package|rewards?|remuneration|earnings)",
    ),
    "includes bonus": (
        r"incl(?:uding|udes|\.|usive\s+of)?\s+(?:an?\s+)?(?:target\s+|annual\s+)?"
        r"(?:bonus|commission)",
    ),
    "contract total": (
        r"for\s+the\s+(?:entire\s+|whole\s+|full\s+)?[\w\s-]{0,25}?"
        r"(?:engagement|contract|project|assignment)",
        r"contract\s+(?:total|value)",
        r"total\s+contract",
    ),
    "stipend": (r"stipends?",),
    "per diem": (r"per\s+diem",),
}

# Other pay components a text mentions.
COMPONENT_WORDS = {
    "bonus": (r"bonus(?:es)?",),
    "equity": (
        r"equity",
        r"rsus?",
        r"esop",
        r"espp",
        r"options? grants?",
        r"share options",
        r"stock(?:[- ]based)?(?: options?| grants?| awards?| units?| compensation| plan)?",
    ),
    "commission": (r"commissions?", r"ote", r"on[- ]target earnings"),
    "tips": (r"tips", r"gratuit(?:y|ies)", r"tipped"),
}

# Phrases that contain a component word but are not a pay component ("internal equity").
COMPONENT_FALSE_FRIENDS = (
    r"internal equity",
    r"pay equity",
    r"diversity,? (?:and |& )?equity",
    r"health equity",
    r"equity,? (?:and |& )?inclusion",
    r"equity,? diversity",
    r"private equity",
    r"home equity",
    r"equity research",
    r"equity markets?",
    r"equity (?:analyst|trader|trading|capital)",
    r"racial equity",
    r"social equity",
    r"educational equity",
    r"gender equity",
    r"stock (?:room|clerk|associate|keeper|replenishment|shelves)",
    r"(?:in|out of) stock",
    r"tips? (?:and|&) tricks",
    r"no commissions?",
)
# Words after a glued "+" that add a component ("$30+ benefits") rather than open the range.
PLUS_COMPONENT_WORDS = (
    r"benefits?",
    r"bonus(?:es)?",
    "equity",
    "commissions?",
    "tips",
    "overtime",
    "ot",
    "incentives?",
    "stock",
    "rsus?",
    "pension",
    r"super(?:annuation)?",
    "holidays?",
    "pto",
    "vacation",
    "perks",
    "allowances?",
    "options",
    "per diem",
    "relocation",
    "vat",
)
# A job board's own estimate (not employer-posted). "(Employer est.)" is the employer's range.
ESTIMATE_MARKERS = (
    r"glassdoor\s+est(?:\.|imated?\b)",
    r"indeed\s+est(?:\.|imated?\b)",
    r"ziprecruiter\s+est(?:\.|imated?\b)",
    r"linkedin\s+est(?:\.|imated?\b)",
    r"salary\.com\s+est(?:\.|imated?\b)",
    r"payscale\s+est(?:\.|imated?\b)",
    r"simplyhired\s+est(?:\.|imated?\b)",
)

# Plausible amounts per period for dollar-like currencies: a stated period outside its bounds
# is a typo in the text ("$85,000 - $180,000 per hour", "€100 - €110 per annum") and is
# re-inferred. The hour ceiling is where contractor day rates ("£400 to £450 per hour") begin.
PLAUSIBLE_AMOUNT = {
    "hour": (1.0, 350.0),
    "day": (20.0, 5_000.0),
    "week": (50.0, 25_000.0),
    "biweekly": (100.0, 50_000.0),
    "semimonthly": (100.0, 50_000.0),
    "month": (200.0, 100_000.0),
    "year": (1_000.0, 50_000_000.0),
}

# Period inference by magnitude (see the module docstring).
HOURLY_BELOW = 200.0
DAILY_BELOW = 1_000.0
MONTHLY_BELOW = 10_000.0
DROPPED_K_RANGE = (100.0, 1_000.0)

# Identical annual pay (within this ratio) in another period is a restatement, not a new range.
RESTATEMENT_TOLERANCE = 0.25
# How far back in its sentence an amount's context (trap words, period words) is read.
CONTEXT_CHARS = 300
# Amounts read per text: a pay text states a handful; a page of numbers is not a pay text.
MAX_AMOUNTS = 200
# Longer texts are cut (a whole job ad is not a pay string; this bounds the work).
MAX_TEXT_CHARS = 50_000
# How far before and after a range its NOT_BASE_WORDS qualifier is looked for.
NOT_BASE_BEFORE_CHARS = 40
NOT_BASE_AFTER_CHARS = 50
# Texts up to this length are cached; real datasets repeat the same strings heavily.
CACHE_MAX_CHARS = 5_000
CACHE_SIZE = 65_536

# --------------------------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------------------------


def _alt(words) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _starts(chars) -> str:
    """Lookahead for the characters a match can start with (speed only: it changes no match).

    Put in front of a pattern whose every match starts with one of `chars` (or a class such as
    ``\\d``), it lets the regex engine skip other positions without trying each alternative.
    """
    body = "".join(c if c.startswith("\\") else re.escape(c) for c in sorted(set(chars)))
    return f"(?=[{body}])"


def _word_starts(words) -> str:
    """:func:`_starts` for an alternation of word patterns that each open with a literal."""
    firsts = set()
    for w in words:
        first = w[:2] if w.startswith("\\$") else w[:1]
        rest = w[len(first) :]
        assert (first.isalnum() or first == "\\$") and not rest.startswith(("?", "*", "{")), w
        firsts.add(first[-1].lower())
    return _starts(firsts)


_CODES = "|".join(CURRENCY_CODES)
_SYMBOL_ALT = _alt(CURRENCY_SYMBOLS)
_PREFIX = (
    rf"(?P<pre>(?:(?<![A-Za-z])(?:{_CODES})\s?(?:{_SYMBOL_ALT}|\$)?\s?"
    rf"|(?<![A-Za-z])(?:{_SYMBOL_ALT})|\$)(?:\s?\$)*)"
)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:[ ]\d{3})+(?:,\d{1,2})?(?![\d,.]\d)"  # 186 000,00
    r"|\d{1,3}(?:'\d{3})+(?:\.\d{1,2})?(?![\d'])"  # Swiss 120'000
    r"|\d[\d,.]*\d|\d|\.\d+)"
)
_BIG = r"(?P<big>B(?![A-Za-z])|\s?(?:bn|billion|million|mil|trillion|tn)\b)?"
# A multiplier is a whole word: "K" in "13 350 Kč" is the koruna's sign, not a thousand.
_MULT = r"(?P<mult>\s?(?:k|K|MM|M|mn|(?i:lakhs?|lacs?|lpa|crores?|cr(?!-)|juta)\b|L)(?![^\W\d_]))?"
# Codes exports write in lower case after an amount ("14 000 - 25 000 pln"); only those that are
# not also English words after a number.
LOWER_CODES = ("pln", "eur", "usd", "gbp", "chf", "czk", "sek", "nok", "dkk", "huf", "ron",
               "inr", "brl", "mxn", "aud", "cad", "nzd", "sgd", "zar", "uah")
_SUFFIX = (
    rf"(?P<post>\s?(?:(?:{_CODES}|{'|'.join(LOWER_CODES)})(?![A-Za-z])|€|£|₹|Kč|zł|₽|₫|₺|₪|฿|"
    rf"(?:{_alt(SUFFIX_SYMBOLS)}|{KRONA}\.?)(?![A-Za-z])))?"
)
_PLUS = r"(?P<plus>\+)?"
# The lookahead changes no match: it names every way a match can start (a code's or symbol's
# first letter, a currency sign, a digit; else a number's "." + digit, or the optional space
# before a number with no prefix), so that finditer skips the other positions (most spaces and
# full stops) without trying the prefix alternations there.
_AMOUNT_PREFIX_CHARS = frozenset("".join((*CURRENCY_CODES, *CURRENCY_SYMBOLS, DOLLAR, ".")))
_AMOUNT_START = "".join(sorted({w[0] for w in (*CURRENCY_CODES, *CURRENCY_SYMBOLS, DOLLAR)}))
_AMOUNT_RE = re.compile(
    rf"(?=[{re.escape(_AMOUNT_START)}\d]|\.\d|\s[\d.])"
    rf"(?:{_PREFIX}?\s?{_NUMBER}{_MULT}{_BIG}{_SUFFIX}{_PLUS})"
)

_UNIT_NOUNS = _alt(list(PERIOD_UNITS) + list(NON_TIME_UNITS))
# A unit right after an amount, optionally after "+" or one short word ("£41.11 PAYE ph").
_UNIT_BODY = (
    rf"(?:(?:/\s*|\bper\s+|\ban?\s+|\beach\s+|\bevery\s+)+(?P<noun>{_UNIT_NOUNS})\b"
    rf"|(?:(?:/\s*|\bper\s+|\bon\s+an?\s+)+)?(?P<adv>{_alt(PERIOD_ADVERBS)})\b"
    rf"|(?P<abbr>{_alt(PERIOD_ABBREVIATIONS)})(?![A-Za-z])"
    rf"|(?P<cpm>cpm)\b"
    r"|(?:\bper\s+|\beach\s+)+(?P<other>[a-z]{3,12})\b)"
)
_UNIT_LOOKAHEAD = re.sub(r"\(\?P<\w+>", "(?:", _UNIT_BODY)
# Every unit match starts with a space, ".", "(", "/" or a letter (IGNORECASE: any case).
_UNIT_RE = re.compile(
    r"(?=[\s.(/a-z])"
    rf"\s*(?:\.\d\d)?\s*(?:\(?(?:{_CODES})\)?\s*)?"
    rf"(?:(?:{_alt(UNIT_FILLER_WORDS)}|or\s+more|and\s+up)\s+(?={_UNIT_LOOKAHEAD}))??{_UNIT_BODY}",
    re.IGNORECASE,
)
# Period words anywhere before an amount in its sentence ("hourly rate is", "annual base salary").
_PERIOD_WORD_START = _starts({w[0] for w in PERIOD_ADVERBS} | {"/", "p", "a", "c"})
_CONTEXT_PERIOD_RE = re.compile(
    rf"{_PERIOD_WORD_START}(?:\b(?P<adv>{_alt(PERIOD_ADVERBS)})\b"
    r"|(?:/|\bper\b|\ban?\b)\s*(?P<noun>hour|hr|day|week|month|year|yr|annum)\b"
    r"|(?P<mile>\bcpm\b|\bper\s+mile\b))",
    re.IGNORECASE,
)
# "40 hours per week", "3 days a week", "2-3 month": counts of time, not pay periods.
_TIME_COUNT_START = _starts({"\\d", "h", "d"})
_TIME_COUNT_RE = re.compile(
    rf"{_TIME_COUNT_START}(?:"
    r"(?<![\d$£€₹.,])\b\d+(?:\s*-\s*\d+)?\s*\+?\s*(?:hours?|hrs?|days?|shifts?|nights?|weeks?|months?|years?)"
    r"(?:\s*(?:/|per|a|an|each|every)\s*(?:week|wk|day|month|year|pay period))?\b"
    r"|\b(?:hours?|days?)\s+(?:per|a|/)\s+(?:week|day|month)\b)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Range connectors, and the same in Portuguese/Spanish ("de R$ 2.001 a R$ 3.000"), French
# ("de 40 000 à 50 000"), German, Dutch, Polish/Czech and Russian.
_CONNECTOR_RE = re.compile(
    r"^\s*\.?\s*(?:-{1,2}|~|to|through|thru|until|a|à|hasta|bis|tot|do|až|до)(?:\s*up\s+to)?\s*$",
    re.IGNORECASE,
)
_MIN_BEFORE_RE = re.compile(r"\b(?:minimum|min\.?|lowest)\b[^$£€₹\d]{0,80}$", re.IGNORECASE)
_MAX_GAP_RE = re.compile(r"\b(?:maximum|max\.?|highest)\b", re.IGNORECASE)
_OPEN_MIN_AFTER_RE = re.compile(r"\s*(?:or\s+more|and\s+up|or\s+higher)\b", re.IGNORECASE)
_AND_RE = re.compile(r"^\s*(?:and|&)\s*$", re.IGNORECASE)
_FROM_TO_GAP_RE = re.compile(r"(?:\bto|-|\bup to|\buntil)\s*$", re.IGNORECASE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s*(?:\(?[A-Z]{3}\)?\s*)?$", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\b(?:from|ranges?(?: from)?)\s*$", re.IGNORECASE)
# Gaps _CONNECTOR_RE matches as they are (nothing in them for _GAP_STRIP_RE to strip).
_PLAIN_CONNECTORS = frozenset({"-", " - ", " -", "- ", " to ", "  -  ", " -- ", " ~ ", "~"})
_GAP_STRIP_RE = re.compile(rf"\[[^\]]{{0,80}}\]|\([^)0-9]{{0,80}}\)|\b(?:{_CODES})\b|\$")
# Open ranges in other languages: "a partir de" / "desde" / "à partir de" / "ab" / "od" / "от" /
# "vanaf" (from); "até" / "hasta" / "jusqu'à" / "bis zu" / "do" / "до" / "tot" (up to).
_OPEN_MIN_RE = re.compile(
    rf"{_starts('fsamniuodvFSAMNIUODVàÀоО')}"
    r"\b(?:from|starting(?:\s+(?:at|from))?|starts?(?:\s+(?:at|from))?|at\s+least|minimum(?:\s+of)?"
    r"|min\.?|no\s+less\s+than|in\s+excess\s+of|upwards\s+of|over|more\s+than"
    r"|a\s+partir\s+de|à\s+partir\s+de|desde|ab|od|от|vanaf)\s*:?\s*$",
    re.IGNORECASE,
)
_OPEN_MAX_RE = re.compile(
    rf"{_starts('umanclhjbdtUMANCLHJBDTдД')}"
    r"\b(?:up[\s-]*to|maximum(?:\s+of)?|max\.?|as\s+much\s+as|no\s+more\s+than|not\s+to\s+exceed"
    r"|capped\s+at|under|less\s+than|até|hasta|jusqu'?à|bis(?:\s+zu)?|do|до|tot)"
    r"\s*(?:(?:maximally|approximately|about|around)\s*)?:?\s*$",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s+[A-Z(•*])|[;•\n\r|]|\s\*\s")
# The same for a text with no "*": it opens with a character class, which the regex engine scans
# for without entering the matcher at every position.
_SENTENCE_BREAK_NO_STAR_RE = re.compile(r"[.!?](?=\s+[A-Z(•*])|[;•\n\r|]")
_CLAUSE_STOP_RE = re.compile(r"[,;:.()+\[/]|\bplus\b|\band\b|\bwith\b|\bor\b", re.IGNORECASE)
_TRAP_START = _word_starts(TRAP_WORDS)
# Word patterns put "\b" before their start lookahead (the same match: both are zero-width at one
# position): "\b" fails cheaply inside words, before the case-insensitive lookahead is tried.
_TRAP_RE = re.compile(r"\b" + _TRAP_START + r"(?:" + "|".join(TRAP_WORDS) + r")(?![a-z])", re.I)
_TRAP_TAIL_RE = re.compile(
    r"\b" + _TRAP_START + r"(?:" + "|".join(TRAP_WORDS) + r")(?![a-z])[\s-]*$", re.IGNORECASE
)
_ANCHOR_RE = re.compile(
    r"\b" + _word_starts(PAY_ANCHOR_WORDS) + r"(?:" + "|".join(PAY_ANCHOR_WORDS) + r")\b", re.I
)
_NO_PAY_RE = re.compile(
    r"\b" + _word_starts(NO_PAY_WORDS) + r"(?:" + _alt(NO_PAY_WORDS) + r")(?![a-z])", re.I
)
_COMPONENT_RES = {
    name: re.compile(r"\b" + _word_starts(words) + r"(?:" + "|".join(words) + r")\b", re.I)
    for name, words in COMPONENT_WORDS.items()
}
_PLUS_COMPONENT_RE = re.compile(r"\s*(?:" + "|".join(PLUS_COMPONENT_WORDS) + r")\b", re.IGNORECASE)
_FALSE_FRIENDS_RE = re.compile(r"\b(?:" + "|".join(COMPONENT_FALSE_FRIENDS) + r")\b", re.I)
_ESTIMATE_RE = re.compile(
    _starts({w[0] for w in ESTIMATE_MARKERS}) + "(?:" + "|".join(ESTIMATE_MARKERS) + ")",
    re.IGNORECASE,
)
assert all(w[0].isalpha() for w in ESTIMATE_MARKERS)
_CODE_AFTER_RE = re.compile(rf"\s*\(?\s*(?P<code>{_CODES})\b")
_CODE_BEFORE_RE = re.compile(rf"\b(?P<code>{_CODES})\b(?!.*\b(?:{_CODES})\b)")
_ANY_PERIOD_WORD_RE = re.compile(
    rf"{_PERIOD_WORD_START}(?:\b(?:{_alt(PERIOD_ADVERBS)})\b|(?:/|\bper\b|\ban?\b)\s*(?:{_UNIT_NOUNS})\b)",
    re.IGNORECASE,
)
_NORMALIZE = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
        "\u200c": "", "\u200d": "",
        "\u200e": "", "\u200f": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
        "\t": " ", "\u2018": "'", "\u2019": "'",
    }
)  # fmt: skip
_ESCAPE_RE = re.compile(r"\\([-*_+.()\[\]$#])")
_LABEL_IN_FOR_RE = re.compile(
    r".*\b(?:in|for)\s+(?:the\s+)?(?P<label>[A-Z0-9][^:;]{1,80}?)\s*(?:,\s*)?"
    r"(?:(?:is|are)\b[^A-Z]{0,40}|:\s*)?$",
    re.DOTALL,
)
_LABEL_FOR_AFTER_RE = re.compile(
    r"\s*(?:\(?[A-Z]{3}\)?\s*)?for\s+(?:the\s+|a\s+|an\s+)?(?P<label>[A-Z][\w ./&'-]{1,50}?)"
    r"(?=\s+and\b|\s*[,.;)]|\s*$)"
)
# A place named right after a range: "$150k-$190k in Seattle, WA and ..." (capitalised words, then
# an optional ", ST" or ", State").
_LABEL_IN_AFTER_RE = re.compile(
    r"\s*(?:\(?[A-Z]{3}\)?\s*)?(?:per\s+year\s+|annually\s+|a\s+year\s+)?in\s+(?:the\s+)?"
    r"(?P<label>[A-Z][\w.'&-]*(?:\s[A-Z][\w.'&-]*){0,4}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)"
    r"(?=\s+(?:and|or)\b|\s*[,.;)]|\s*$)"
)
_LABEL_TRIM_RE = re.compile(
    r"^(?:\W|\b(?:and|or|for|in|the)\b)+|(?:[-\s]based(?:\s+roles?|\s+candidates?)?|\s+roles?)?"
    r"\W*$",
    re.IGNORECASE,
)

_NOT_BASE_START = _word_starts(w for ws in NOT_BASE_WORDS.values() for w in ws)
_NOT_BASE_RE = re.compile(
    r"\b"
    + _NOT_BASE_START
    + "(?:"
    + "|".join(f"(?P<nb{i}>{'|'.join(ws)})" for i, ws in enumerate(NOT_BASE_WORDS.values()))
    + r")(?![a-z])",
    re.IGNORECASE,
)
_NOT_BASE_REASONS = {f"nb{i}": reason for i, reason in enumerate(NOT_BASE_WORDS)}
# Substrings one of which every NOT_BASE_WORDS match holds (speed only: a text with none skips
# the per-range check).
_NOT_BASE_GATES = ("ote", "target", "total", "tc", "incl", "engagement", "contract", "project",
                   "assignment", "stipend", "diem")  # fmt: skip
_BASE_WORD_RE = re.compile(r"\bbase\b", re.IGNORECASE)
# Where the words read after a range for NOT_BASE_WORDS stop (the next clause or amount).
_NOT_BASE_STOP_RE = re.compile(r"[;,:+$£€₹\n]|(?<!\bincl)\.(?:\s|$)", re.IGNORECASE)
_INCLUSIVE_TAIL_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in INCLUSIVE_WORDS) + r")\s*(?:an?\s+|annual\s+)?$",
    re.IGNORECASE,
)
_BARE_PAY_LEAD_RE = re.compile(
    r"\b(?:" + _alt(BARE_PAY_LEADS) + r")(?:\s+(?:range|band|scale|bracket|offered))?\s*"
    r"(?:\([^()]{0,20}\))?\s*(?:is|of|:|-|=)?\s*(?:between|from|up\s+to)?\s*$",
    re.IGNORECASE,
)
_LAKH_WORD_RE = re.compile(r"\b(?:lakhs?|lacs?|lpa)\b", re.IGNORECASE)
_ROMANCE_RE = re.compile(r"\b(?:" + _alt(ROMANCE_PAY_WORDS) + r")\b", re.IGNORECASE)

# The commonest shapes of pay text ("$53K-$91K (Glassdoor est.)", "£30,000 - £40,000 per annum",
# "Pay: From $18.50 per hour"), read without the scans for amounts, pairs, sentence breaks and
# trap words, whose outcome is known for them (see _simple_range). Speed only: the result is the
# same as the full scan's.
# (bounded: a longer number could overflow to inf, which the full scan drops)
_SIMPLE_NUMBER = r"[1-9]\d{0,11}(?:,\d{3}){0,3}(?:\.\d\d)?"
# Units, lower-cased (matched ignoring case; texts with odd case-folding letters never take this
# path).
_SIMPLE_UNITS = {
    " per annum": "year",
    " per year": "year",
    " per hour": "hour",
    " per day": "day",
    " per week": "week",
    " per month": "month",
    "/hr": "hour",
    "/yr": "year",
    " an hour": "hour",
    " a year": "year",
    " / hourly": "hour",
    " hourly": "hour",
    " annually": "year",
}
_SIMPLE_SYMBOLS = {"$": DOLLAR, "£": "GBP", "€": "EUR", "₹": "INR"}  # = _resolve_symbol(sym, "")
_SIMPLE_TEXT_RE = re.compile(
    r"(?:Pay: |Employer Provided Salary: ?|Compensation Range: |Salary Range: |Salary: )?"
    r"(?:From |Up to )?"
    rf"(?P<s1>[$£€₹])(?P<n1>{_SIMPLE_NUMBER})(?P<k1>[kK])?"
    rf"(?:(?: - |-| to )(?P<s2>(?P=s1))(?P<n2>{_SIMPLE_NUMBER})(?P<k2>[kK])?)?"
    r"(?: (?P<code>USD|GBP|EUR|CAD|AUD|INR))?"
    rf"(?P<unit>(?i:{_alt(_SIMPLE_UNITS)}))?"
    r"(?:, negotiable|, inc benefits| \+ [Bb]enefits)*"
    r"(?: ?\((?:Glassdoor|Employer) [Ee]st\.\))?"
)
# _simple_range reads the groups of amount 1 and 2 by number: 3·side - 2, - 1, and 3·side.
assert _SIMPLE_TEXT_RE.groupindex == {
    "s1": 1, "n1": 2, "k1": 3, "s2": 4, "n2": 5, "k2": 6, "code": 7, "unit": 8
}  # fmt: skip

# Substring pre-checks (speed only): a pattern below can match only where one of its words occurs
# in the lower-cased text, so when none does the pattern is not run. Exact only when the text has
# none of the non-ASCII letters that IGNORECASE matches to an ASCII letter (the checks are then
# skipped).
_CASE_FOLD_ODD_RE = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K (Kelvin sign)
_COMPONENT_GATES = {
    "bonus": ("bonus",),
    "equity": ("equity", "rsu", "esop", "espp", "option", "stock"),
    "commission": ("commission", "ote", "target earnings"),
    "tips": ("tip", "gratuit"),
}
_FALSE_FRIEND_GATES = ("equity", "stock", "tip", "commission")
_ESTIMATE_GATES = ("est",)
_URL_GATES = ("http", "www.")
# _TIME_COUNT_RE ends every match with one of these words ("hours", "hrs", "days"...).
_TIME_COUNT_GATES = ("hour", "hr", "day", "shift", "night", "week", "month", "year")
# (as one pattern: faster than eight substring checks)
_TIME_COUNT_GATE_RE = re.compile("|".join(_TIME_COUNT_GATES))
_DIGIT_RE = re.compile(r"\d")
# "120,000", "1,250,000": a number _to_number reads with its commas dropped.
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMALS_END_RE = re.compile(r"[.,]\d{1,2}$")
_GAP_STOP_RE = re.compile(r"[;]|\.\s+[A-Z]")
_LABEL_PAREN_AFTER_RE = re.compile(r"\s*\(([^()0-9]{2,60})\)")
_LABEL_LEAD_RE = re.compile(r"^\W*(?:and|or)?\s*")
_LABEL_FOR_IN_LEAD_RE = re.compile(r"^(?:\s*(?:for|in)\s+)", re.IGNORECASE)

assert set(_COMPONENT_GATES) == set(COMPONENT_WORDS)
assert all(
    any(g in w for g in _COMPONENT_GATES[name]) for name, ws in COMPONENT_WORDS.items() for w in ws
)
assert all(any(g in w for g in _FALSE_FRIEND_GATES) for w in COMPONENT_FALSE_FRIENDS)
assert all(any(g in w for g in _ESTIMATE_GATES) for w in ESTIMATE_MARKERS)


def _lowered(pattern: re.Pattern) -> re.Pattern:
    """An IGNORECASE `pattern` as a case-sensitive one for lower-cased text (speed only).

    sre's case-insensitive matching costs 2-3× per position. When :func:`_gate_text` says the
    lower-cased text is exact (none of the odd case-folding letters), every character keeps its
    position and matches a lower-case literal exactly when the original matched it ignoring case,
    so the lowered pattern finds the same spans there.
    """
    src = pattern.pattern
    assert pattern.flags & re.IGNORECASE and not re.search(r"\\[A-Z]", src), src
    lowered = re.compile(re.sub(r"\(\?p([<=])", r"(?P\1", src.lower()))  # keep "(?P<name>"
    assert lowered.groupindex == pattern.groupindex
    return lowered


# The patterns run on every amount or range, in their lower-case-text form.
_UNIT_LOW_RE = _lowered(_UNIT_RE)
_TIME_COUNT_LOW_RE = _lowered(_TIME_COUNT_RE)
_TRAP_LOW_RE = _lowered(_TRAP_RE)
_TRAP_TAIL_LOW_RE = _lowered(_TRAP_TAIL_RE)
_ANCHOR_LOW_RE = _lowered(_ANCHOR_RE)
_CLAUSE_STOP_LOW_RE = _lowered(_CLAUSE_STOP_RE)
_CONTEXT_PERIOD_LOW_RE = _lowered(_CONTEXT_PERIOD_RE)
_OPEN_MIN_LOW_RE = _lowered(_OPEN_MIN_RE)
_OPEN_MAX_LOW_RE = _lowered(_OPEN_MAX_RE)
_OPEN_MIN_AFTER_LOW_RE = _lowered(_OPEN_MIN_AFTER_RE)
_ANY_PERIOD_WORD_LOW_RE = _lowered(_ANY_PERIOD_WORD_RE)
_COMPONENT_LOW_RES = {name: _lowered(rx) for name, rx in _COMPONENT_RES.items()}
_FALSE_FRIENDS_LOW_RE = _lowered(_FALSE_FRIENDS_RE)
_ESTIMATE_LOW_RE = _lowered(_ESTIMATE_RE)
_NO_PAY_LOW_RE = _lowered(_NO_PAY_RE)
_NOT_BASE_LOW_RE = _lowered(_NOT_BASE_RE)
_BASE_WORD_LOW_RE = _lowered(_BASE_WORD_RE)
_NOT_BASE_STOP_LOW_RE = _lowered(_NOT_BASE_STOP_RE)
_INCLUSIVE_TAIL_LOW_RE = _lowered(_INCLUSIVE_TAIL_RE)
_ALL_COMPONENT_GATES = tuple(w for words in _COMPONENT_GATES.values() for w in words)
assert set(_FALSE_FRIEND_GATES) <= set(_ALL_COMPONENT_GATES)  # read from the components' hits
_NO_FLAGS = {f"has_{name}": False for name in COMPONENT_WORDS}

# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayRange:
    """One posted pay range, in the posting's own currency and period."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    period_inferred: bool
    label: str | None = None

    @property
    def annual_min(self) -> float | None:
        """`min` × the period's annual factor (None without a min or a time period)."""
        return _annualize(self.min, self.period)

    @property
    def annual_max(self) -> float | None:
        """`max` × the period's annual factor (None without a max or a time period)."""
        return _annualize(self.max, self.period)

    def to_dict(self) -> dict:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "period_inferred": self.period_inferred,
            "annual_min": self.annual_min,
            "annual_max": self.annual_max,
            "label": self.label,
        }


@dataclass(frozen=True)
class PayParse:
    """Everything parse_pay read from one pay text."""

    text: str
    ranges: tuple[PayRange, ...] = ()
    is_estimate: bool = False
    has_bonus: bool = False
    has_equity: bool = False
    has_commission: bool = False
    has_tips: bool = False
    reason: str | None = None
    # None: base pay. Else why every range is something else (a NOT_BASE_WORDS reason: "OTE",
    # "total compensation", "stipend"...); a text that also states base pay keeps only that.
    not_base: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "ranges": [r.to_dict() for r in self.ranges],
            "is_estimate": self.is_estimate,
            "reason": self.reason,
            "not_base": self.not_base,
        }


def parse_pay(text, *, currency: str = "USD") -> PayParse:
    """Parse a posted pay text into ranges, flags and (when no pay is found) a reason.

    Parameters
    ----------
    text : str
        The pay text as posted. Any other value (None, NaN, numbers) gives a PayParse with no
        ranges and a reason; this function never raises.
    currency : str, keyword-only
        ISO code a bare "$" means (an Australian board's "$" is "AUD"). Explicit symbols and
        codes in the text ("£", "CA$", "USD", "CAD") always win.

    Returns
    -------
    PayParse

    Examples
    --------
    >>> parse_pay("$55/hr - $65/hr").ranges[0].max
    65.0
    >>> parse_pay("$81K - $114K (Glassdoor Est.)", currency="AUD").ranges[0].currency
    'AUD'
    """
    try:
        if not isinstance(currency, str) or not currency.strip():
            currency = "USD"
        currency = currency.strip().upper()
        if text is None:
            return PayParse(text="", reason="no text (None)")
        if not isinstance(text, str):
            if isinstance(text, float) and math.isnan(text):
                return PayParse(text="", reason="no text (missing value)")
            return PayParse(text=_safe_str(text), reason=f"not text ({type(text).__name__})")
        if len(text) <= CACHE_MAX_CHARS:
            return _parse_cached(text, currency)
        return _parse(text, currency)
    except Exception as exc:  # the contract: never raise on any input
        return PayParse(
            text=text if isinstance(text, str) else "",
            reason=f"parser error ({type(exc).__name__})",
        )


def parse_pays(texts: Iterable, *, currency: str = "USD") -> list[PayParse]:
    """Parse a column of pay texts, each distinct text once: one PayParse per input, in order.

    The batch form of :func:`parse_pay` for pipelines (real datasets repeat the same pay strings
    heavily): each distinct string is parsed once and its result reused for every repeat, so
    ``parse_pays(texts, currency=c)[i] == parse_pay(texts[i], currency=c)`` for every ``i``.
    Values that are not strings (None, NaN, numbers) are passed to :func:`parse_pay` one by one
    and get a PayParse with a reason, as there.

    Parameters
    ----------
    texts : iterable
        The pay texts (a list, a pandas Series, a generator...). A single string is rejected
        (TypeError): iterating it would parse its characters.
    currency : str, keyword-only
        ISO code a bare "$" means, for the whole column (as in :func:`parse_pay`).

    Examples
    --------
    >>> [p.ranges[0].max for p in parse_pays(["$55/hr - $65/hr", "$120-150K", "$55/hr - $65/hr"])]
    [65.0, 150000.0, 65.0]
    """
    if isinstance(texts, str):
        raise TypeError("parse_pays takes an iterable of texts, not one string (use parse_pay)")
    parsed: dict[str, PayParse] = {}
    out: list[PayParse] = []
    append = out.append
    for text in texts:
        if type(text) is str:  # exact type: 1, 1.0 and True are equal keys but parse differently
            result = parsed.get(text)
            if result is None:
                result = parsed[text] = parse_pay(text, currency=currency)
            append(result)
        else:
            append(parse_pay(text, currency=currency))
    return out


def clear_cache() -> None:
    """Forget cached parses (benchmarks time the parser cold)."""
    _parse_cached.cache_clear()


# --------------------------------------------------------------------------------------------
# Internals
# --------------------------------------------------------------------------------------------


def _safe_str(value) -> str:
    try:
        return str(value)[:MAX_TEXT_CHARS]
    except Exception:
        return ""


def _annualize(amount: float | None, period: str | None) -> float | None:
    if amount is None or period not in PERIOD_FACTORS:
        return None
    return amount * PERIOD_FACTORS[period]


@dataclass(slots=True)
class _Amount:
    start: int  # where the amount (with its currency prefix) starts
    num_end: int  # end of number, multiplier, suffix code and "+"
    end: int  # end including an attached unit
    value: float
    symbol: str | None  # "$", or an unambiguous ISO code
    has_currency: bool
    has_mult: bool
    mult: float
    whole: bool  # written without a decimal part
    plus: bool  # a "+" glued to the number ("$150K+")
    big: bool  # "$1B", "$180 million": a company figure, never pay
    unit: str | None  # a period, "mile", "other" (per load, per driver) or None


@dataclass(slots=True)
class _Range:
    lo: _Amount | None
    hi: _Amount | None
    start: int
    end: int
    first: _Amount
    last: _Amount


@lru_cache(maxsize=CACHE_SIZE)
def _parse_cached(text: str, currency: str) -> PayParse:
    return _parse(text, currency)


def _normalize(text: str) -> str:
    text = text[:MAX_TEXT_CHARS]
    if not text.isascii() or "\t" in text:  # the table maps only tabs and non-ASCII characters
        text = text.translate(_NORMALIZE)
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(r" \1", text)


def _gate_text(norm: str) -> str | None:
    """`norm` lower-cased for the substring pre-checks, or None when they would not be exact."""
    if not norm.isascii() and _CASE_FOLD_ODD_RE.search(norm):
        return None
    return norm.lower()


def _may_match(low: str | None, words: tuple[str, ...]) -> bool:
    """False only when no word occurs in `low` (so the gated pattern cannot match)."""
    return low is None or any(map(low.__contains__, words))


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span blanked out, as ``pattern.sub(_blank, text)`` does."""
    parts = []
    prev = 0
    for start, end in spans:
        parts.append(text[prev:start])
        parts.append(" " * (end - start))
        prev = end
    parts.append(text[prev:])
    return "".join(parts)


def _parse(text: str, currency: str) -> PayParse:
    norm = _normalize(text)
    low = _gate_text(norm)
    # A text of the commonest shapes (_SIMPLE_TEXT_RE) holds no component word, URL or time
    # count, and "Glassdoor" only in its estimate marker: its flags are known without the scans
    # (speed only, as for _simple_range).
    simple = _SIMPLE_TEXT_RE.fullmatch(norm) if low is not None else None
    if simple:
        flags = _NO_FLAGS
        is_estimate = "(Glassdoor" in norm
        masked, mlow = norm, low
    else:
        if low is None:
            plain = _FALSE_FRIENDS_RE.sub(" ", norm)
            flags = {f"has_{name}": bool(rx.search(plain)) for name, rx in _COMPONENT_RES.items()}
            is_estimate = bool(_ESTIMATE_RE.search(norm))
        else:  # the substring pre-checks, then the lowered patterns on `low` (see _lowered)
            found = {g for g in _ALL_COMPONENT_GATES if g in low}
            if found:
                plain = (
                    low
                    if found.isdisjoint(_FALSE_FRIEND_GATES)
                    else _FALSE_FRIENDS_LOW_RE.sub(" ", low)
                )
                flags = {
                    f"has_{name}": not found.isdisjoint(_COMPONENT_GATES[name])
                    and bool(rx.search(plain))
                    for name, rx in _COMPONENT_LOW_RES.items()
                }
            else:
                flags = _NO_FLAGS
            is_estimate = _may_match(low, _ESTIMATE_GATES) and bool(_ESTIMATE_LOW_RE.search(low))
        if not norm.strip():
            return PayParse(text=text, reason="empty text", **flags)
        if not _DIGIT_RE.search(norm):  # no digit, no amount: only the reason is left to find
            reason = _reason(norm, low, [], [])
            return PayParse(text=text, is_estimate=is_estimate, reason=reason, **flags)

        masked = _URL_RE.sub(" ", norm) if _may_match(low, _URL_GATES) else norm
        if low is None:
            masked = _TIME_COUNT_RE.sub(_blank, masked)
            mlow = None
        else:
            # `mlow`: `masked` lower-cased, position for position, for the _lowered patterns.
            mlow = masked.lower() if masked is not norm else low
            spans = (
                [m.span() for m in _TIME_COUNT_LOW_RE.finditer(mlow)]
                if _TIME_COUNT_GATE_RE.search(low)
                else None
            )
            if spans:
                masked, mlow = _blank_spans(masked, spans), _blank_spans(mlow, spans)
        simple = (
            _SIMPLE_TEXT_RE.fullmatch(masked) if mlow is not None and masked is not norm else None
        )
    kept: list[tuple[_Range, str | None]] = []
    dropped: list[str] = []
    if simple:
        amounts, rng = _simple_range(simple)
        breaks: list[int] = []
        kept.append((rng, None))
    else:
        amounts = []
        for m in _AMOUNT_RE.finditer(masked, _amount_scan_start(masked)):
            amount = _read_amount(m, masked, mlow)
            if amount is not None:
                amounts.append(amount)
                if len(amounts) >= MAX_AMOUNTS:
                    break
        ranges = _pair(amounts, masked) if amounts else []
        breaks = []
        if ranges:
            break_re = _SENTENCE_BREAK_RE if "*" in masked else _SENTENCE_BREAK_NO_STAR_RE
            breaks = [m.end() for m in break_re.finditer(masked)]
        for rng in ranges:
            why = _trap(rng, masked, mlow, breaks)
            if why:
                dropped.append(why)
                continue
            kept.append((rng, None))

    # read by few texts: searched once, on first use
    text_has_period = (
        _LazyFlag(_ANY_PERIOD_WORD_RE, masked)
        if mlow is None
        else _LazyFlag(_ANY_PERIOD_WORD_LOW_RE, mlow)
    )
    stated = {a.unit for r, _ in kept for a in (r.lo, r.hi) if a and a.unit in PERIOD_FACTORS}
    sibling_period = stated.pop() if len(stated) == 1 else None

    out: list[PayRange] = []
    out_rngs: list[_Range] = []
    not_base: list[str | None] = []
    check_base = not simple and bool(kept) and _may_match(mlow, _NOT_BASE_GATES)
    failed: set[str] = set()  # "zero", "per-unit", "ambiguous-currency"
    prev_end = 0
    for rng, _ in kept:
        result = _build(
            rng, masked, mlow, breaks, prev_end, currency, text_has_period, sibling_period
        )
        if type(result) is str:  # not `==`: that would call PayRange's dataclass __eq__
            failed.add(result)
            prev_end = rng.end
            continue
        out.append(result)
        out_rngs.append(rng)
        if check_base:
            not_base.append(_not_base(rng, masked, mlow, breaks, prev_end))
        prev_end = rng.end

    base_note = None
    if check_base and any(not_base):
        if all(not_base):  # only non-base pay stated: keep it, say so
            base_note = not_base[0]
        else:  # base ranges stated too: keep only them
            out = [r for r, nb in zip(out, not_base, strict=True) if nb is None]
            out_rngs = [r for r, nb in zip(out_rngs, not_base, strict=True) if nb is None]

    if len(out) > 1:
        out = _dedupe(_label(out, out_rngs, masked))
        if len(out) == 1 and out[0].label and " / " not in out[0].label:
            out = [_replace(out[0], label=None)]

    reason = None
    if not out:
        reason = _reason(norm, low, amounts, dropped, failed)
    return PayParse(
        text=text,
        ranges=tuple(out),
        is_estimate=is_estimate,
        reason=reason,
        not_base=base_note,
        **flags,
    )


def _not_base(rng: _Range, text: str, low: str | None, breaks, prev_end: int) -> str | None:
    """Why the range is not base pay (a NOT_BASE_WORDS reason), or None when it is."""
    if low is None:
        nb_re, base_re, stop_re = _NOT_BASE_RE, _BASE_WORD_RE, _NOT_BASE_STOP_RE
    else:  # the same patterns on the lower-cased text (see _lowered)
        text, nb_re, base_re = low, _NOT_BASE_LOW_RE, _BASE_WORD_LOW_RE
        stop_re = _NOT_BASE_STOP_LOW_RE
    s0 = max(_sentence_start(rng.start, breaks), prev_end, rng.start - NOT_BASE_BEFORE_CHARS)
    if (
        nb_re.search(text, s0, rng.end + NOT_BASE_AFTER_CHARS) is None
    ):  # none near the range (the common case)
        return None
    # the words right after the number (its unit included: "$60 per diem", "/month stipend")
    tail = text[rng.end : rng.end + NOT_BASE_AFTER_CHARS]
    stop = stop_re.search(tail)
    if stop:
        tail = tail[: stop.start()]
    after = text[rng.last.num_end : rng.end] + " " + " ".join(tail.split()[:6])
    m = nb_re.search(after)
    base = base_re.search(after)
    if base and (m is None or base.start() < m.start()):  # "OTE: $90k base"
        return None
    if m:
        return _NOT_BASE_REASONS[m.lastgroup]
    # the range's clause before it ("OTE $120,000", "TC: $250k")
    before = text[s0 : rng.start]
    m = _last_match(nb_re.finditer(before))
    if m and not base_re.search(before, m.end()):
        return _NOT_BASE_REASONS[m.lastgroup]
    return None


class _LazyFlag:
    """Truth of ``pattern.search(text)``, searched on first use only."""

    __slots__ = ("_pattern", "_text", "_value")

    def __init__(self, pattern: re.Pattern, text: str) -> None:
        self._pattern, self._text, self._value = pattern, text, None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._pattern.search(self._text))
        return self._value


def _amount_scan_start(text: str) -> int:
    """Where the first amount can start: before the first digit, back over prefix characters.

    Every amount holds a digit, and only currency marks, spaces and "." come before its first
    digit, so no amount starts earlier; scanning from here (lookbehinds and "\\b" still see
    the text before) finds the same amounts, without trying every position of a long preamble.
    """
    m = _DIGIT_RE.search(text)
    if m is None:
        return len(text)
    pos = m.start()
    while pos and (text[pos - 1] in _AMOUNT_PREFIX_CHARS or text[pos - 1].isspace()):
        pos -= 1
    return pos


def _simple_range(m: re.Match) -> tuple[list[_Amount], _Range]:
    """The amounts and the range of a text _SIMPLE_TEXT_RE matched, as the full scan reads them.

    In such a text the amount pattern matches exactly the one or two amounts (their "num" is the
    whole number; only the last one can have a suffix code; no "+" or company-figure word
    follows), the unit is read after the last amount only, the gap between two amounts is a
    range connector, no sentence break, trap word or time count occurs, and the text before the
    range holds no period word or currency code. tests/test_pay.py checks these shapes against
    the full scan.
    """
    sym, num1, k1, num2, k2, code, unit_raw = m.group("s1", "n1", "k1", "n2", "k2", "code", "unit")
    symbol = _SIMPLE_SYMBOLS[sym]
    amounts = []
    for side, num, k in ((1, num1, k1), (2, num2, k2)):
        if num is None:
            break
        # _to_number of a _SIMPLE_NUMBER: commas are thousands separators, "." a decimal point
        value = float(num.replace(",", ""))
        mult = MULTIPLIERS[k.lower()] if k else 1.0
        num_end = m.end(side * 3)  # the group of the multiplier, else of the number
        if num_end < 0:
            num_end = m.end(side * 3 - 1)
        amounts.append(
            _Amount(
                m.start(side * 3 - 2),
                num_end,
                num_end,
                value * mult,
                symbol,
                True,
                bool(k),
                mult,
                "." not in num,  # whole: _SIMPLE_NUMBER's only decimal part is ".dd"
                False,
                False,
                None,
            )
        )
    last = amounts[-1]
    if code:  # a code after the last amount is its suffix ("$120,000-$150,000 USD")
        last.num_end = last.end = m.end("code")
        last.symbol = _resolve_symbol(sym, code)
    if unit_raw:
        last.unit = _SIMPLE_UNITS[unit_raw.lower()]
        last.end = m.end("unit")
    first = amounts[0]
    if last is first:
        return amounts, _Range(first, None, first.start, first.end, first, first)
    return amounts, _Range(first, last, first.start, last.end, first, last)


def _read_amount(m: re.Match, text: str, low: str | None) -> _Amount | None:
    pre, num, mult_raw, big, post, plus = m.group("pre", "num", "mult", "big", "post", "plus")
    num_end = m.end()
    if mult_raw == "L" or mult_raw == " L":  # a lakh only in a lakh context (see MULTIPLIERS)
        if not (
            (pre and _resolve_symbol(pre.replace(" ", ""), "") == "INR")
            or (post and _resolve_symbol("", post.strip()) == "INR")
            or _LAKH_WORD_RE.search(text)
        ):
            mult_raw = big = post = plus = None
            num_end = m.end("num")
    if mult_raw:
        mult_raw = mult_raw.strip().lower()
        mult = MULTIPLIERS.get(mult_raw, 1.0)
        value = _to_number(num, True)
    else:
        mult = 1.0
        # digits only (the commonest number): what _to_number returns, without its checks
        value = (
            float(num.replace(",", ""))
            if num.isdecimal() or _THOUSANDS_RE.fullmatch(num)
            else _to_number(num, False)
        )
    if value is None or value == math.inf:
        return None
    pre = pre.replace(" ", "") if pre else ""
    if post:
        post = post.strip()
        symbol = _resolve_symbol(pre, post)
        if symbol is None and post.startswith(KRONA):
            symbol = KRONA
    else:
        post = ""
        symbol = _PREFIX_SYMBOLS.get(pre) or _resolve_symbol(pre, post)
    unit = None
    end = num_end
    um = _UNIT_RE.match(text, end) if low is None else _UNIT_LOW_RE.match(low, end)
    if um:
        unit = _unit_of(um)
        end = um.end()
    has_currency = bool(pre or post)
    if mult_raw in INDIAN_MULTIPLIERS:
        if mult_raw == "lpa":
            unit = unit or "year"
        if symbol is None:  # "6-9 Lacs P.A.", "1.2 Cr": rupees, and pay on their own
            symbol, has_currency = "INR", True
    if big and big.strip().lower() == "mil" and _mil_is_thousand(symbol, text):
        big, mult_raw, mult = None, "mil", 1e3  # "R$ 5 mil": five thousand reais
    return _Amount(
        m.start(),
        num_end,
        end,
        value * mult,
        symbol,
        has_currency,
        bool(mult_raw),
        mult,
        not _DECIMALS_END_RE.search(num),
        bool(plus),
        bool(big),
        unit,
    )


def _mil_is_thousand(symbol: str | None, text: str) -> bool:
    """Whether "mil" after an amount in this currency means a thousand (see ROMANCE_PAY_WORDS)."""
    if symbol in THOUSAND_MIL_CURRENCIES:
        return True
    return symbol == "EUR" and bool(_ROMANCE_RE.search(text))


def _to_number(num: str, has_mult: bool) -> float | None:
    s = num.replace(" ", "").replace("'", "")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if len(parts) == 2 and len(parts[1]) in (1, 2):
            s = parts[0] + "." + parts[1]
        else:
            s = s.replace(",", "")
    elif s.count(".") > 1:
        parts = s.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            s = s.replace(".", "")
        else:
            return None
    elif "." in s:
        head, tail = s.split(".")
        if len(tail) == 3 and not has_mult and head not in ("", "0"):
            s = head + tail  # European thousands: "60.000 €"
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _resolve_symbol(pre: str, post: str) -> str | None:
    """ISO code for the amount's currency marks, '$' when only an ambiguous '$' is written."""
    for mark in (post, pre):
        if not mark:
            continue
        code = mark.rstrip("$").strip()
        if code.upper() in CURRENCY_CODES:
            return code.upper()
        cleaned = mark.lstrip("$") or mark
        if cleaned in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[cleaned]
        if mark in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[mark]
        if mark.strip() in SUFFIX_SYMBOLS:
            return SUFFIX_SYMBOLS[mark.strip()]
    if DOLLAR in pre or DOLLAR in post:
        return DOLLAR
    return None


def _unit_of(um: re.Match) -> str | None:
    if um.group("noun"):
        noun = um.group("noun").lower()
        if noun in NON_TIME_UNITS:
            return NON_TIME_UNITS[noun]
        return PERIOD_UNITS.get(noun) or "other"
    if um.group("adv"):
        return PERIOD_ADVERBS[um.group("adv").lower()]
    if um.group("abbr"):
        return PERIOD_ABBREVIATIONS[um.group("abbr").lower()]
    if um.group("cpm"):
        return "mile"
    if um.group("other"):
        return "other"
    return None


def _pair(amounts: list[_Amount], text: str) -> list[_Range]:
    """Group consecutive amounts into ranges; lone amounts become one-amount ranges.

    Amounts with no currency mark count when paired with one that has one ("$16-18/hr"), or,
    in a text with no currency mark at all, when they carry a plausible time unit
    ("35000 - 39999 per annum") or a multiplier right after a pay word (BARE_PAY_LEADS:
    "Compensation: 85k-105k", "Pay range 120-150k").
    """
    if not any(a.has_currency for a in amounts):
        keep = [False] * len(amounts)
        for i, a in enumerate(amounts):
            if _bare_but_pay(a):
                keep[i] = True
                if i and _is_connector(amounts[i - 1], a, text):
                    keep[i - 1] = True
            elif a.has_mult and not keep[i]:
                joined = i > 0 and _is_connector(amounts[i - 1], a, text)
                if _bare_pay_lead(amounts[i - 1] if joined else a, text):
                    keep[i] = True
                    keep[i - 1] = keep[i - 1] or joined
        amounts = [
            dataclasses.replace(a, has_currency=True)
            for a, k in zip(amounts, keep, strict=True)
            if k
        ]
    out: list[_Range] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        if b is not None and (a.has_currency or b.has_currency) and _is_connector(a, b, text):
            if _bare_mismatch(a, b):
                i += 1
                continue
            # "min - mid - max" chains: the range is first to last when they increase
            j = i + 1
            while (
                j + 1 < len(amounts)
                and amounts[j + 1].has_currency
                and amounts[j + 1].value > amounts[j].value > amounts[i].value
                and _is_connector(amounts[j], amounts[j + 1], text)
            ):
                j += 1
            b = amounts[j]
            out.append(_Range(a, b, a.start, b.end, a, b))
            i = j + 1
            continue
        if a.has_currency:
            out.append(_Range(a, None, a.start, a.end, a, a))
        i += 1
    return out


def _bare_mismatch(a: _Amount, b: _Amount) -> bool:
    """A bare number far below its currency partner is a label ("Level 1 - $350"), not a bound."""
    if a.has_currency and b.has_currency:
        return False
    if not a.has_currency:  # bare low end: must be within 1/50 of the high end (or take its K)
        return a.value * max(b.mult, 1) * 50 < b.value
    return b.value * 50 < a.value and not (a.value <= b.value * 1000 <= a.value * 20)


def _bare_pay_lead(a: _Amount, text: str) -> bool:
    """A pay word (BARE_PAY_LEADS) right before `a` ("Salary: 90K")."""
    return bool(_BARE_PAY_LEAD_RE.search(text[max(0, a.start - 60) : a.start]))


def _bare_but_pay(a: _Amount) -> bool:
    if a.unit not in PLAUSIBLE_AMOUNT:
        return False
    low, high = PLAUSIBLE_AMOUNT[a.unit]
    return low <= a.value <= high


def _is_connector(a: _Amount, b: _Amount, text: str) -> bool:
    gap = text[a.end : b.start]
    if gap in _PLAIN_CONNECTORS:  # the commonest gaps, which the first check below accepts
        return True
    cleaned = _GAP_STRIP_RE.sub(" ", gap)
    if _CONNECTOR_RE.match(cleaned):
        return True
    before = text[max(0, a.start - 40) : a.start]
    if _AND_RE.match(cleaned) and _BETWEEN_BEFORE_RE.search(before):
        return True
    if len(gap) > 120 or _GAP_STOP_RE.search(gap):
        return False
    if (_FROM_BEFORE_RE.search(before) or _BETWEEN_BEFORE_RE.search(before)) and (
        len(gap) <= 90 and _FROM_TO_GAP_RE.search(cleaned)
    ):
        return True
    wide_before = text[max(0, a.start - 100) : a.start]
    return bool(_MIN_BEFORE_RE.search(wide_before) and _MAX_GAP_RE.search(gap))


def _last_match(matches: Iterator[re.Match]) -> re.Match | None:
    """The last of `matches`, or None (without building a list of them all)."""
    last = deque(matches, maxlen=1)
    return last[0] if last else None


def _sentence_start(pos: int, breaks: list[int]) -> int:
    """Start of the sentence holding `pos`, looking back at most CONTEXT_CHARS."""
    if not breaks:
        return max(0, pos - CONTEXT_CHARS)
    i = bisect.bisect_right(breaks, pos)
    start = breaks[i - 1] if i else 0
    return max(start, pos - CONTEXT_CHARS)


def _trap(rng: _Range, text: str, low: str | None, breaks: list[int]) -> str | None:
    """The trap word that makes this range not pay, or None."""
    if rng.lo.big or (rng.hi is not None and rng.hi.big):
        return "company figure (million/billion)"
    if low is None:
        trap_re, tail_re, anchor_re, stop_re = _TRAP_RE, _TRAP_TAIL_RE, _ANCHOR_RE, _CLAUSE_STOP_RE
    else:  # the same patterns on the lower-cased text (see _lowered)
        text = low
        trap_re, tail_re, anchor_re = _TRAP_LOW_RE, _TRAP_TAIL_LOW_RE, _ANCHOR_LOW_RE
        stop_re = _CLAUSE_STOP_LOW_RE
    s0 = _sentence_start(rng.start, breaks)
    before = text[s0 : rng.start]
    last_trap = _last_match(trap_re.finditer(before))
    if last_trap is not None:
        # "orientation pay", "wellness stipend": an anchor right after a trap word is no anchor
        anchors = [
            m for m in anchor_re.finditer(before) if not tail_re.search(before, 0, m.start())
        ]
        if not anchors or anchors[-1].start() < last_trap.start():
            return last_trap.group().lower()
    after = text[rng.end : rng.end + 60]
    stop = stop_re.search(after)
    if stop:
        after = after[: stop.start()]
    after = " ".join(after.split()[:4])
    trap = trap_re.search(after)
    if trap:
        inclusive_re = _INCLUSIVE_TAIL_RE if low is None else _INCLUSIVE_TAIL_LOW_RE
        if inclusive_re.search(after, 0, trap.start()):  # "$150k including bonus"
            return None
        return trap.group().lower()
    return None


def _build(rng, text, low, breaks, prev_end, default_ccy, text_has_period, sibling_period):
    lo, hi = rng.lo, rng.hi
    # A multiplier written on one side only applies to both ("$120-150K", "£80k - 130k").
    if hi is not None:
        lo_v, hi_v = lo.value, hi.value
        if hi.has_mult and not lo.has_mult and lo_v * hi.mult <= hi_v * 1.0001 and lo_v < 1000:
            lo_v *= hi.mult
        elif lo.has_mult and not hi.has_mult and hi_v < lo_v and hi_v < 1000:
            hi_v *= lo.mult
        elif hi_v < lo_v and lo_v <= hi_v * 1000 <= lo_v * 20 and hi.whole:
            hi_v *= 1000  # "$90,000 - 125" shorthand, or a line cut after "$125,"
    else:
        lo_v = hi_v = lo.value

    units = [a.unit for a in (hi, lo) if a is not None and a.unit]
    if "other" in units and not any(u in PERIOD_FACTORS or u == "mile" for u in units):
        return "per-unit"
    if hi is None and lo_v == 0 or hi is not None and lo_v == 0 and hi_v == 0:
        return "zero"

    # Open ends.
    # `ltext`: where the case-insensitive patterns run (see _lowered)
    if low is None:
        ltext, open_max_re, open_min_re = text, _OPEN_MAX_RE, _OPEN_MIN_RE
        open_min_after_re, context_period_re = _OPEN_MIN_AFTER_RE, _CONTEXT_PERIOD_RE
    else:
        ltext, open_max_re, open_min_re = low, _OPEN_MAX_LOW_RE, _OPEN_MIN_LOW_RE
        open_min_after_re, context_period_re = _OPEN_MIN_AFTER_LOW_RE, _CONTEXT_PERIOD_LOW_RE
    start_text = ltext[max(prev_end, rng.start - 40) : rng.start]
    lo_out: float | None = lo_v
    hi_out: float | None = hi_v
    if hi is None:
        if open_max_re.search(start_text):
            lo_out = None
        elif (
            open_min_re.search(start_text)
            or (lo.plus and not _followed_by_word(lo, text))
            or open_min_after_re.match(ltext, lo.num_end)
        ):
            hi_out = None
    elif lo_out is not None and hi_out is not None and lo_out > hi_out:
        lo_out, hi_out = hi_out, lo_out

    # Currency.
    ccy = _currency(rng, text, breaks, prev_end, default_ccy)
    if ccy is None:
        return "ambiguous-currency"

    # Period.
    period, inferred = None, False
    unit = next((u for u in units if u in PERIOD_FACTORS or u == "mile"), None)
    if unit == "mile":
        period = None
    elif unit:
        period = unit
    else:
        s0 = max(_sentence_start(rng.start, breaks), prev_end)
        last = _last_match(context_period_re.finditer(ltext, s0, rng.start))
        if last is not None:
            period = _context_period(last)
        elif sibling_period:
            period = sibling_period
        if period == "mile":
            unit, period = "mile", None
    v = hi_out if hi_out is not None else lo_out
    any_mult = lo.has_mult or (hi is not None and hi.has_mult)
    if period is not None and ccy in DOLLAR_LIKE_CURRENCIES and not any_mult:
        low, high = PLAUSIBLE_AMOUNT[period]
        rep = lo_out if lo_out is not None else hi_out
        if not (low <= rep <= high):
            period = None
    if period is None and unit != "mile":
        inferred = True
        # text_has_period (a search of the whole text) is read last: only the dropped-K rule,
        # for a whole-number range with both ends in 100-999, needs it
        dropped_k_candidate = (
            hi is not None
            and lo.whole
            and hi.whole
            and not any_mult
            and _in_dropped_k_range(lo_out)
            and _in_dropped_k_range(hi_out)
            and not text_has_period
        )
        period, factor = _infer_period(v, any_mult, dropped_k_candidate)
        if period == "year" and factor == 1 and _monthly_by_custom(v, ccy):
            period = "month"
        if factor != 1:
            lo_out = lo_out * factor if lo_out is not None else None
            hi_out = hi_out * factor if hi_out is not None else None
    return PayRange(
        min=_clean(lo_out),
        max=_clean(hi_out),
        currency=ccy,
        period=period,
        period_inferred=inferred,
    )


def _followed_by_word(a: _Amount, text: str) -> bool:
    """A '+' followed by a pay component ("$30+ benefits") adds components, not an open range."""
    return bool(_PLUS_COMPONENT_RE.match(text, a.num_end))


def _context_period(m: re.Match) -> str | None:
    if m.group("mile"):
        return "mile"
    if m.group("adv"):
        return PERIOD_ADVERBS.get(m.group("adv").lower())
    return PERIOD_UNITS.get(m.group("noun").lower())


def infer_period(amount: float, *, currency: str | None = None) -> str:
    """The magnitude part of the period rule, for sources that state an amount but no unit.

    In :data:`MONTHLY_CUSTOM_CURRENCIES` an amount the rule calls annual is monthly, as posted
    pay is there (hh.ru's 150,000 RUB is a month's pay).

    >>> infer_period(28.5), infer_period(450), infer_period(6_000), infer_period(150_000)
    ('hour', 'day', 'month', 'year')
    >>> infer_period(150_000, currency="RUB"), infer_period(17_500, currency="SGD")
    ('month', 'month')
    """
    period = _infer_period(amount, False, False)[0]
    return "month" if period == "year" and _monthly_by_custom(amount, currency) else period


def _monthly_by_custom(amount: float, currency: str | None) -> bool:
    """An amount the magnitude rule calls annual is monthly where pay is posted per month."""
    return currency in MONTHLY_CUSTOM_CURRENCIES or amount < MONTHLY_CEILING.get(currency, 0)


def _in_dropped_k_range(x: float | None) -> bool:
    return x is not None and DROPPED_K_RANGE[0] <= x < DROPPED_K_RANGE[1]


def _infer_period(v, any_mult, dropped_k_candidate) -> tuple[str, float]:
    """The module's one period-inference rule; returns (period, factor to apply).

    `dropped_k_candidate`: a whole-number range with both ends in DROPPED_K_RANGE and no period
    word in the text (checked by the caller).
    """
    if any_mult:
        return "year", 1
    if dropped_k_candidate:
        return "year", 1000
    if v < HOURLY_BELOW:
        return "hour", 1
    if v < DAILY_BELOW:
        return "day", 1
    if v < MONTHLY_BELOW:
        return "month", 1
    return "year", 1


def _currency(rng: _Range, text, breaks, prev_end, default_ccy) -> str | None:
    """The range's ISO code; None for a "kr" no SEK/NOK/DKK resolves (see KRONA)."""
    hi = rng.hi
    hi_symbol = hi.symbol if hi is not None else None
    lo_symbol = rng.lo.symbol
    if hi_symbol and hi_symbol != DOLLAR and hi_symbol != KRONA:  # explicit: the last one
        return hi_symbol
    if lo_symbol and lo_symbol != DOLLAR and lo_symbol != KRONA:
        return lo_symbol
    m = _CODE_AFTER_RE.match(text, rng.end)
    if m:
        return m.group("code")
    s0 = max(_sentence_start(rng.start, breaks), prev_end, rng.start - 60)
    before = text[s0 : rng.start]
    # (codes are upper-case: a segment with no upper-case letter holds none)
    m = _CODE_BEFORE_RE.search(before) if before != before.lower() else None
    if m:
        return m.group("code")
    if hi_symbol == KRONA or lo_symbol == KRONA:
        return default_ccy if default_ccy in KRONA_CURRENCIES else None
    return default_ccy


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    return round(x, 4)


def _label(out: list[PayRange], rngs: list[_Range], text: str) -> list[PayRange]:
    labelled = []
    prev_end = 0
    for pr, rng in zip(out, rngs, strict=True):
        label, used_to = _find_label(text, prev_end, rng)
        # a label read after this range is not the next range's label ("... in Seattle, WA and")
        prev_end = max(rng.end, used_to)
        labelled.append(_replace(pr, label=label))
    return labelled


def _find_label(text: str, prev_end: int, rng: _Range) -> tuple[str | None, int]:
    """The range's label, and where the text it was read from ends."""
    after = _LABEL_PAREN_AFTER_RE.match(text[rng.end : rng.end + 70])
    if after and after.group(1).strip().upper() not in CURRENCY_CODES:
        return _tidy_label(after.group(1)), rng.end + after.end()
    for_after = _LABEL_FOR_AFTER_RE.match(text, rng.end)
    if for_after:
        return _tidy_label(for_after.group("label")), for_after.end()
    in_after = _LABEL_IN_AFTER_RE.match(text, rng.end)
    if in_after and in_after.group("label").upper() not in CURRENCY_CODES:
        return _tidy_label(in_after.group("label")), in_after.end()
    return _label_before(text, prev_end, rng), rng.end


def _label_before(text: str, prev_end: int, rng: _Range) -> str | None:
    seg = text[prev_end : rng.start]
    seg = _LABEL_LEAD_RE.sub("", seg)
    if ":" in seg:
        head = seg[: seg.rfind(":")]
        for sep in (". ", "; ", "\n", "•"):
            head = head.split(sep)[-1]
        m = _LABEL_IN_FOR_RE.match(head + " is")
        label = m.group("label") if m else head
        label = _LABEL_FOR_IN_LEAD_RE.sub("", label)
        return _tidy_label(label)
    m = _LABEL_IN_FOR_RE.match(seg)
    if m:
        return _tidy_label(m.group("label"))
    return None


def _tidy_label(label: str) -> str | None:
    label = " ".join(label.split())
    label = _LABEL_TRIM_RE.sub("", label).strip()
    if label.count("(") > label.count(")"):
        label += ")"
    if not label or len(label) > 80:
        return None
    return label


def _replace(pr: PayRange, **changes) -> PayRange:
    fields = {**pr.__dict__, **changes}
    return PayRange(**fields)


def _dedupe(ranges: list[PayRange]) -> list[PayRange]:
    out: list[PayRange] = []
    for r in ranges:
        key = (r.min, r.max, r.currency, r.period)
        same = next(
            (i for i, o in enumerate(out) if (o.min, o.max, o.currency, o.period) == key), None
        )
        if same is not None:
            o = out[same]
            if r.label and o.label and r.label not in o.label:
                out[same] = _replace(o, label=f"{o.label} / {r.label}")
            continue
        if any(_restates(o, r) for o in out):
            continue
        out.append(r)
    return out


def _restates(a: PayRange, b: PayRange) -> bool:
    if a.period == b.period or a.currency != b.currency or None in (a.period, b.period):
        return False
    mids = []
    for r in (a, b):
        vals = [v for v in (r.annual_min, r.annual_max) if v is not None]
        if not vals:
            return False
        mids.append(sum(vals) / len(vals))
    return abs(mids[0] - mids[1]) <= RESTATEMENT_TOLERANCE * max(mids)


def _reason(norm: str, low: str | None, amounts, dropped, failed=frozenset()) -> str:
    if dropped:
        return f"only non-pay amounts ({dropped[0]})"
    if "zero" in failed:
        return "zero amounts"
    if "per-unit" in failed:
        return "only per-unit amounts (not a time or mileage rate)"
    if "ambiguous-currency" in failed:
        return "ambiguous currency (kr with no SEK, NOK or DKK stated)"
    m = _NO_PAY_RE.search(norm) if low is None else _NO_PAY_LOW_RE.search(low)
    if m:
        return f"no pay stated ({m.group().lower()})"
    if any(a.has_currency for a in amounts):
        return "no pay amount recognised"
    return "no amount found"


assert set(PLAUSIBLE_AMOUNT) == set(PERIODS)
# The commonest currency prefixes, resolved once (_read_amount looks them up).
_PREFIX_SYMBOLS = {mark: _resolve_symbol(mark, "") for mark in (DOLLAR, *CURRENCY_SYMBOLS)}
assert all(_PREFIX_SYMBOLS.values())
assert all(
    _CONNECTOR_RE.match(_GAP_STRIP_RE.sub(" ", gap)) and not _GAP_STRIP_RE.search(gap)
    for gap in _PLAIN_CONNECTORS
)
assert all(_resolve_symbol(sym, "") == code for sym, code in _SIMPLE_SYMBOLS.items())
