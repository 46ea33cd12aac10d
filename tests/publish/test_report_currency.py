"""A report on UK postings with `-p currency GBP` reads in pounds end to end (slow): a small store
ingested from a CSV of London postings, reports 02 and 03 built in the suite's kernel, and every
amount a reader sees written "£", none "$"."""

import csv
import html
import re

import pytest

import analysis as pb
from analysis.publish.report import build_reports

pytestmark = pytest.mark.slow

EMPLOYERS = ["Acme Ltd", "Brit Analytics", "Thames Tech", "Crown Data", "Albion Systems",
             "Mersey Labs"]
# Title -> the lowest minimum posted for it. Three role families, the software engineers on
# three levels, so 02 ranks roles and 03 draws a ladder; every title from every employer.
TITLES = {"Junior Software Engineer": 38_000, "Senior Software Engineer": 60_000,
          "Staff Software Engineer": 80_000, "Junior Data Scientist": 36_000,
          "Senior Data Scientist": 58_000, "Data Analyst": 32_000}


def _uk_postings(path):
    """36 London postings as a job board exports them: "£45,000 - £55,000 per annum"."""
    rows = []
    for t, (title, lowest) in enumerate(TITLES.items()):
        for e, employer in enumerate(EMPLOYERS):
            low = lowest + 1_000 * e
            rows.append({"job_id": f"uk-{t}-{e}", "title": title, "company": employer,
                         "location": "London", "salary": f"£{low:,} - £{low + 10_000:,} per annum"})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _visible(page) -> str:
    """What a reader sees: the page without its CSS, scripts, images and tags."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<img\b[^>]*>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def pound_reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("pounds")
    store = root / "store"
    pb.ingest([_uk_postings(root / "uk_postings.csv")], out=store, snapshot="2026-11-01")
    bands = pb.load_bands(store)
    assert set(bands["currency"]) == {"GBP"} and bands["employer"].nunique() >= 5
    out = root / "reports"
    build_reports(store, out=out, figures_dir=root / "figures", parameters={"currency": "GBP"},
                  only=["02", "03"], progress=False, log=False)
    return out


@pytest.mark.parametrize("name", ["02_roles", "03_levels"])
def test_pound_report_writes_every_amount_in_pounds(pound_reports, name):
    text = _visible(pound_reports / f"{name}.html")
    assert "GBP" in text
    amounts = re.findall(r"£\d+k", text)
    assert len(amounts) >= 5, text[:2000]  # title, findings and the table all quote pounds
    dollars = [text[max(0, m.start() - 60):m.start() + 20] for m in re.finditer(r"\$", text)]
    assert dollars == []


def test_pound_report_titles_and_index_speak_pounds(pound_reports):
    index = _visible(pound_reports / "index.html")
    assert "one currency (GBP)" in index
    assert "$" not in index
    roles = _visible(pound_reports / "02_roles.html")
    # the title states the top role's median in pounds
    assert re.search(r"postings sit highest[^.]*£\d+k", roles)
