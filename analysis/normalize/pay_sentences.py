"""Pay stated only in a description: the sentences that state it, for the pay parser to read.

Board scrapes, spreadsheets and free-text posts often carry pay only in the body ("The hiring
range for this role is $120,000 - $150,000 per year."). The parser reads a pay field; a whole
description also holds amounts that are not pay: "$10M ARR", "$2,000 sign-on bonus", "401(k)
match up to 4%", "$5,250 tuition", "$60 per diem". :func:`pay_sentences` keeps only sentences
that name pay (:data:`PAY_WORDS`) next to an amount with a currency mark or a pay unit, and drops
those led by a benefit or company figure (:data:`NOT_PAY_WORDS`); the parser then applies its
own guards (trap words, plausible amounts) to what is left. Bands read this way carry
``pay_source = "description"`` so analyses can include or exclude them.

>>> pay_sentences("<p>We raised $40M.</p><p>Salary: $120,000 - $150,000 per year.</p>")
'Salary: $120,000 - $150,000 per year.'
>>> pay_sentences("Benefits include a 401(k) match and a $2,000 sign-on bonus.") is None
True
>>> pay_sentences("Acme | Senior Engineer | Remote | $120k – $200k | 0.5% - 2% equity")
'$120k – $200k'
>>> pay_sentences("The pay range is $\\n164,000\\n to $\\n225,500\\n per year.")
'The pay range is $ 164,000 to $ 225,500 per year.'

"""

from __future__ import annotations

import html
import re

# A sentence names pay when one of these words (or a pay unit right after an amount) is in it.
PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|comp|wage|wages|rate|hourly|base|ctc|"
    r"remuneration|earn|earnings|range|per\s+(?:hour|hr|annum|year|month|week|day)|"
    r"an\s+hour|a\s+year|/\s*(?:hr|hour|yr|year|mo|month|annum)|p\.?a\.?|lpa|lakhs?|lacs?|"
    r"stipend|gehalt|salaire|sueldo|salario|ote)\b",
    re.IGNORECASE,
)
# An amount: a currency mark next to a digit, or a number with k / lakh / LPA after it.
AMOUNT = re.compile(
    r"(?:[$£€₹¥₱]|\b(?:USD|EUR|GBP|INR|CAD|AUD|NZD|SGD|CHF|Rs\.?|Rp|R\$|IDR|PHP|JPY)\s?)\s?\d"
    r"|\d[\d,.]*\s?(?:k|K|lakhs?|lacs?|LPA|L)\b"
    r"|\d[\d.,\s]*\s?(?:[€£₽]|Kč|zł|(?:EUR|GBP|PLN|CZK|CHF|SEK|NOK|DKK|pln|eur)\b)",
)
# A currency-marked range ("$120k – $200k", "£50,000-£60,000") is pay by its shape, even with no
# pay word: a header field "| $120k – $200k |" or "Engineer - $130-$150k".
RANGE = re.compile(
    r"(?:[$£€₹]|\b(?:USD|EUR|GBP|INR|CAD|AUD)\s?)\s?\d[\d,.]*\s?[kK]?\s*(?:-|–|—|to)\s*"
    r"(?:[$£€₹]|\b(?:USD|EUR|GBP|INR|CAD|AUD)\s?)?\s?\d[\d,.]*\s?[kK]?\b"
)
# A short field that is only an amount, in a "|"-separated header: "up-to £85K", "$150k+".
AMOUNT_FIELD = re.compile(r"^(?:up[- ]?to|from|upto|~)?\s*[$£€₹]\s?\d[\d,.]*\s?[kK]?\+?$",
                          re.IGNORECASE)
# Sentences about these are about something else, whatever amounts they hold.
NOT_PAY_WORDS = re.compile(
    r"\b(?:raised|funding|funded|series\s+[a-f]|valuation|revenue|arr|investors?|"
    r"tuition|401\s*\(?k\)?|pension|insurance|reimburse\w*|relocation|sign[- ]?on|"
    r"signing\s+bonus|referral|per\s+diem|customers?|users)\b",
    re.IGNORECASE,
)
# At most this many pay sentences are read: a description restating its range per location
# keeps them all; a page of numbers is not a pay statement.
MAX_SENTENCES = 12
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
# Markdown escapes punctuation with a backslash (JobSpy's descriptions: "$163,000\.00 \- $211,000");
# left in, "\-" splits a range into two amounts.
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!&$~|<>])")
_BREAK = re.compile(r"<(?:br|p|/p|li|/li|/div|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
# Sentence ends: a line break, "|" between header fields, an inline bullet ("• ", " * "), or
# ". ", "! ", "? " before a capital or a bullet (not "$24.50").
_SPLIT = re.compile(r"\n+|\s+\|\s+|(?<=[.!?;])\s+(?=[A-Z•\-*(])|\s+[•·*]\s+")
# Line breaks inside one amount or range ("$\n164,000\n to $\n225,500"), joined before splitting.
_BROKEN = re.compile(r"(?<=[$£€₹])\s*\n\s*|(?<=\d)\s*\n\s*(?=(?:to|-|–|—|per|/)\s)"
                     r"|(?<=\bto)\s*\n\s*(?=[$£€₹\d])")


def as_text(value) -> str:
    """Text of a field that may hold HTML or Markdown: tags dropped (block ends become line
    breaks), entities decoded, Markdown's backslash escapes undone.

    >>> as_text("<ul><li>Pay: $20&ndash;$25/hr</li><li>Remote</li></ul>")
    'Pay: $20–$25/hr\\nRemote'
    >>> as_text(r"**Salary Range** $163,000\\.00 \\- $211,000\\.00")
    '**Salary Range** $163,000.00 - $211,000.00'
    """
    text = str(value or "")
    if _TAG.search(text):
        text = _TAG.sub(" ", _BREAK.sub("\n", text))
    text = _MARKDOWN_ESCAPE.sub(r"\1", html.unescape(text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def pay_sentences(description) -> str | None:
    """The sentences of `description` that state pay, one per line; None when there are none."""
    if not description:
        return None
    text = _BROKEN.sub(" ", as_text(description))
    kept = []
    for sentence in _with_an_amount(text):
        sentence = sentence.strip()
        if not sentence or not AMOUNT.search(sentence):
            continue
        if not (PAY_WORDS.search(sentence) or RANGE.search(sentence)
                or AMOUNT_FIELD.match(sentence)):
            continue
        if NOT_PAY_WORDS.search(sentence) and not _leads_with_pay(sentence):
            continue
        kept.append(sentence)
        if len(kept) == MAX_SENTENCES:
            break
    return "\n".join(kept) or None


def _with_an_amount(text: str):
    """The sentences of `text` (as `_SPLIT` cuts them, in order) that overlap an amount found
    in the whole text: a sentence holding an amount always does, so the rest need no search.
    Long descriptions have hundreds of sentences and a few amounts."""
    spans = [m.span() for m in AMOUNT.finditer(text)]
    if not spans:
        return
    at = 0  # the first amount not yet wholly before the sentence
    start = 0
    for cut in (*_SPLIT.finditer(text), None):
        end = cut.start() if cut else len(text)
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        if at < len(spans) and spans[at][0] < end:
            yield text[start:end]
        if cut is None or at == len(spans):
            return
        start = cut.end()


def _leads_with_pay(sentence: str) -> bool:
    """A pay word before the first not-pay word: "Salary $90k plus $5k relocation" is pay."""
    pay, other = PAY_WORDS.search(sentence), NOT_PAY_WORDS.search(sentence)
    return bool(pay and other and pay.start() < other.start())
