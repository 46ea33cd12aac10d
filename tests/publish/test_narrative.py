"""Report text blocks: untrusted strings escaped, header and findings tagged for the index."""

import pandas as pd
from factories import band_row, bands_frame

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
    body, metadata = key_findings(
        [f"**{SCRIPT} leads** by 20% (n=40).", "Second (n=10).", "Third."]
    )._repr_html_()
    assert SCRIPT not in body and "&lt;script&gt;" in body
    assert body.count("<li>") == 3
    headline = metadata[METADATA_KEY]["headline"]
    assert headline == [f"{SCRIPT} leads by 20% (n=40).", "Second (n=10)."]


def test_report_header_counts_postings_and_employers():
    rows = [("a", 0, "X"), ("a", 1, "X"), ("b", 0, SCRIPT)]
    bands = bands_frame([band_row(posting_id=p, band=b, employer=e) for p, b, e in rows])
    header = report_header(title=f"{SCRIPT} wins", scope="All", manifest={"snapshot": "2026-11-01"},
                           bands=bands)
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


def test_caveats_keep_at_most_three_and_method_lists_inputs():
    assert caveats(["a", "b", "c", "d"])._repr_html_().count("<li>") == 3
    box = method_box(["x"], manifest={"snapshot": "s", "inputs": [{"file": SCRIPT}]})._repr_html_()
    assert SCRIPT not in box and "Input files (1)" in box
