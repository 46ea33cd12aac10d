"""The report suite on real public postings (../shared/data/real): every report builds (slow).

Two snapshots from different real sources, so 07 has a (large) diff and 05 benchmarks the seed
posting from its published text (it is not in these files). Skips when the real data is absent.
"""

import re

import pytest
from factories import run_report

from analysis.store import ingest

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
    assert index.count("class='card'") == 8 and "Synthetic demo data" not in index
    for page in sorted(out.glob("0*.html")):
        text = re.sub(r"<[^>]+>", " ", page.read_text())
        assert "Key findings" in text and "Traceback" not in text, page.name
        assert " nan" not in text.lower().replace("nano", ""), f"{page.name} prints a NaN"
