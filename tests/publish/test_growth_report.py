"""Report 09 (growth) built by `paybands report --only 09`: on the embedded sample's two
snapshots, and on a store of one snapshot, where it says there is nothing to compare (slow)."""

import re
import shutil

import pytest

from analysis.publish.report import build_reports
from analysis.store import list_snapshots, resolve_data

pytestmark = pytest.mark.slow


def _text(page) -> str:
    """The page's words: no styles, scripts or tags."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", page.read_text(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_growth_report_builds_on_the_sample_with_its_title_and_chart(tmp_path):
    out, figures = tmp_path / "reports", tmp_path / "figures"
    index = build_reports(None, out=out, figures_dir=figures, only=["09"], log=False)
    page = out / "09_growth.html"
    html = page.read_text()
    text = _text(page)
    assert "Traceback" not in html and "Error" not in text  # e.g. a cell's KeyError
    assert "with the mix held fixed (raw median:" in text
    assert "Key findings" in text and "68 cells" in text
    assert re.search(r'<img[^>]*src="data:image/png;base64,', html)
    assert "A series needs three or more snapshots" in text  # two snapshots: no series
    assert "All postings" in text and "San Jose-Sunnyvale-Santa Clara, CA" in text
    assert {p.name for p in figures.glob("09_*")} == {"09_growth.png", "09_growth.svg",
                                                      "09_growth.csv"}
    assert "href='09_growth.html'" in index.read_text()


def test_the_growth_report_on_one_snapshot_says_there_is_nothing_to_compare(tmp_path):
    newest = list_snapshots(resolve_data(None).parent)[-1]
    store = tmp_path / "store"
    shutil.copytree(newest, store / newest.name)
    out = tmp_path / "reports"
    build_reports(store, out=out, figures_dir=tmp_path / "figures", only=["09"], log=False)
    page = out / "09_growth.html"
    text = _text(page)
    assert "Traceback" not in page.read_text()
    assert f"Only one snapshot ({newest.name}); nothing to compare" in text
    assert "<img" not in page.read_text()
