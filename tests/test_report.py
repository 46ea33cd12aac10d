"""End to end: `paybands report` on the sample → offline HTML with embedded charts (slow)."""

import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    out, figures = root / "reports", root / "figures"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--out", str(out), "--figures", str(figures)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out, figures


def test_index_links_the_overview_report(built):
    out, _ = built
    index = (out / "index.html").read_text()
    assert 'href="01_overview.html"' in index
    assert (out / "01_overview.html").exists()
    assert re.search(r"<b>[\d,]+</b><span>Postings</span>", index)


def test_report_is_self_contained_without_code(built):
    out, _ = built
    page = (out / "01_overview.html").read_text()
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
    assert "cdnjs" not in page and "mathjax" not in page.lower()
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) >= 3
    assert "import analysis" not in page and "load_bands(" not in page  # code is hidden
    assert "Key findings" in page and "Traceback" not in page


def test_every_figure_has_its_data_beside_it(built):
    _, figures = built
    pngs = sorted(figures.glob("*.png"))
    assert len(pngs) >= 3
    for png in pngs:
        assert png.with_suffix(".csv").exists() and png.with_suffix(".svg").exists()


def test_unknown_parameter_fails_with_its_name(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--out", str(tmp_path), "-p", "colour", "red"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1 and "colour" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(built, tmp_path):
    out, _ = built
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,2400",
            f"--screenshot={shot}",
            (out / "01_overview.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = Image.open(shot).convert("RGB").resize((120, 240))
    colours = len(image.getcolors(maxcolors=1 << 16) or [])
    assert colours > 50, "the page rendered (nearly) blank"
