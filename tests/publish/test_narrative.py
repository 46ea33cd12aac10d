"""Report text blocks: untrusted strings escaped, header and findings tagged for the index."""

import pandas as pd
from factories import band_row, bands_frame

from analysis.findings import Finding, ReportText
from analysis.publish.narrative import (
    METADATA_KEY,
    caveats,
    inline,
    key_findings,
    method_box,
    plain,
    report_header,
    report_table,
)

SCRIPT = "<script>alert(1)</script>"


def test_inline_escapes_then_allows_only_bold():
    assert inline(f"**{SCRIPT}** posts $150k") == (
        "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> posts $150k"
    )
    assert plain("**Lead** rest") == "Lead rest"


def test_key_findings_escape_and_tag_the_headline():
    body, metadata = key_findings([
        Finding(f"**{SCRIPT} leads** by 20% (n=40).", chart="Chart 1"),
        Finding("Second (n=10).", confidence="low"),
        Finding("Third."),
    ])._repr_html_()
    assert SCRIPT not in body and "&lt;script&gt;" in body
    assert body.count("<li class=") == 3 and "(n=40) (Chart 1).</span>" not in body
    assert "(n=40)" in body and '<span class="pointer">(Chart 1)</span>.' in body
    headline = metadata[METADATA_KEY]["headline"]
    # The index quotes the sentence, never the pointer to a chart inside the report.
    assert headline == [f"{SCRIPT} leads by 20% (n=40).", "Second (n=10)."]
    tagged = metadata[METADATA_KEY]["findings"]
    assert [f["lead"] for f in tagged] == [f"{SCRIPT} leads", "Second (n=10).", "Third."]


def test_thin_findings_are_flagged_and_never_headline_when_others_can():
    body, metadata = key_findings([
        Finding("**Austin posts 12% less** (n=3).", confidence="too few"),
        Finding("**Seattle posts 5% more** (n=80).", value=105.0, n=80, employers=9),
    ])._repr_html_()
    assert "Too few postings or employers" in body
    assert metadata[METADATA_KEY]["headline"] == ["Seattle posts 5% more (n=80)."]


def test_a_finding_refuses_an_unknown_confidence():
    import pytest

    with pytest.raises(ValueError, match="confidence"):
        Finding("x", confidence="maybe")


def test_report_header_counts_postings_and_employers():
    rows = [("a", 0, "X"), ("a", 1, "X"), ("b", 0, SCRIPT)]
    bands = bands_frame([band_row(posting_id=p, band=b, employer=e) for p, b, e in rows])
    header = report_header(ReportText(title=f"{SCRIPT} wins", scope="All"),
                           manifest={"snapshot": "2026-11-01"}, bands=bands)
    body, metadata = header._repr_html_()
    assert "2 postings · 2 employers" in body
    assert SCRIPT not in body
    assert metadata[METADATA_KEY]["title"] == f"{SCRIPT} wins"


def test_report_table_escapes_text_and_formats_money():
    frame = pd.DataFrame({"Employer": [SCRIPT, "Acme"], "Median": [150000.0, None], "n": [40, 3]})
    page = report_table(frame, money_columns=("Median",), n_column="n").to_html()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "$150k" in page and "–" in page
    assert page.count("color: #8a8a8a") >= 1  # the n=3 row is greyed


def test_report_table_formats_money_in_the_report_currency():
    frame = pd.DataFrame({"Median": [45000.0, 52500.0], "n": [40, 30]})
    page = report_table(frame, money_columns=("Median",), currency="GBP").to_html()
    assert "£45k" in page and "£52k" in page and "$" not in page


def test_caveats_keep_at_most_three_and_method_lists_inputs():
    assert caveats(["a", "b", "c", "d"])._repr_html_().count("<li>") == 3
    box = method_box(["x"], manifest={"snapshot": "s", "inputs": [{"file": SCRIPT}]})._repr_html_()
    assert SCRIPT not in box and "Input files (1)" in box
