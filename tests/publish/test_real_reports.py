"""The report suite on real public postings (../shared/data/real): every report builds (slow).

Two snapshots from different real sources, so 07 has a (large) diff and 05 benchmarks the store's
own typical posting (the seed is not in these files). This is the README's own-data flow: the
reports must speak of the user's postings only, never of the embedded sample's employers. Skips
when the real data is absent.
"""

import re

import pytest
from factories import run_report

from analysis.publish.report import notebook_paths
from analysis.store import ingest, load_bands

pytestmark = pytest.mark.slow
OLDER = ["linkedin_postings_2024_sample.csv", "glassdoor_ds_jobs_2020_us.csv"]
NEWER = [
    "linkedin_postings_2024_sample.csv",
    "indeed_us_jobs_2025_04.csv",
    "workatastartup_nyc_jobs_2026.csv",
    "usajobs_historic_product_manager_2025.csv",
]


def test_every_report_builds_on_real_postings(real_dir, tmp_path):
    store = tmp_path / "store"
    ingest([real_dir / n for n in OLDER], snapshot="2024-06-01", out=store)
    ingest([real_dir / n for n in NEWER], snapshot="2025-04-30", out=store)
    out = tmp_path / "reports"
    result = run_report(str(store), "--out", str(out), "--figures", str(tmp_path / "figures"))
    assert result.returncode == 0, result.stderr[-3000:]
    index = (out / "index.html").read_text()
    assert index.count("class='card'") == len(notebook_paths()) >= 9
    assert "Synthetic demo data" not in index
    assert f"from store {store}" in index
    # the sample's employers (fictional, and its Meta) that these real files do not hold
    sample_only = (set(load_bands()["employer"].dropna())
                   - set(load_bands(store)["employer"].dropna()))
    assert sample_only
    for page in sorted(out.glob("[0-9][0-9]_*.html")):
        text = re.sub(r"<[^>]+>", " ", page.read_text())
        assert "Key findings" in text and "Traceback" not in text, page.name
        assert " nan" not in text.lower().replace("nano", ""), f"{page.name} prints a NaN"
        assert f"from store {store}" in text, f"{page.name} does not say which store it read"
        named = [e for e in sample_only if re.search(rf"\b{re.escape(e)}\b", text)]
        assert not named, f"{page.name} names the sample's employers {named}"
    assert "No posting was named" in (out / "05_benchmark.html").read_text()
