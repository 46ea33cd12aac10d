"""Pay found in description text, and what is refused there."""

import pytest

from analysis.normalize.pay import parse_pay
from analysis.normalize.pay_sentences import as_text, pay_sentences

# description, expected (min, max, period, currency) of the first range, or None
CASES = [
    ("We're hiring! The base pay range for this role is $120,000 - $150,000 per year. "
     "We raised a $40M Series B.", (120000, 150000, "year", "USD")),
    ("<p>Pay: $24.09-$37.50 an hour</p><p>401(k) match up to 4%</p>",
     (24.09, 37.5, "hour", "USD")),
    ("Acme | Senior Engineer | Remote | $120k – $200k | 0.5% - 2%",
     (120000, 200000, "year", "USD")),
    ("Salary: £45,000 - £55,000 per annum plus £5,000 relocation.", (45000, 55000, "year", "GBP")),
    ("We have $10M ARR and 200 customers.", None),
    ("Benefits: $5,250 tuition reimbursement and a $2,000 sign-on bonus.", None),
    ("Our seed round raised $400K; equity 0.5%-2%.", None),
    ("Competitive salary and great benefits.", None),
    # Markdown descriptions (JobSpy exports) escape punctuation: one range, not two amounts.
    (r"**Salary Range** $163,000\.00 \- $211,000\.00 **What's the Role?**",
     (163000, 211000, "year", "USD")),
    (r"$97,300\.00–$125,543\.00 Salary is commensurate with experience.",
     (97300, 125543, "year", "USD")),
    ("When you join us, you'll receive a €100 Catavoucher, and on each birthday a €50 one.", None),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_pay_in_descriptions(text, expected):
    found = pay_sentences(text)
    if expected is None:
        assert found is None or not parse_pay(found).ranges
        return
    first = parse_pay(found).ranges[0]
    assert (first.min, first.max, first.period, first.currency) == pytest.approx(expected)


def test_html_is_read_as_text():
    assert as_text("<p>Hi&nbsp;there</p><p>Pay: $20&ndash;$25</p>") == "Hi there\nPay: $20–$25"
    assert as_text(None) == ""


def test_inline_bullets_end_sentences():
    text = ("Nos clients sont des users exigeants. Conditions : * CDI – Temps plein * Salaire : "
            "2 500 € net / mois * Horaires 9h à 17h")
    first = parse_pay(pay_sentences(text)).ranges[0]
    assert (first.min, first.period, first.currency) == (2500, "month", "EUR")
