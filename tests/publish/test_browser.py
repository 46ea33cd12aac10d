"""The reports in a real browser: Debian's Chromium driven by Playwright (slow).

Playwright never downloads a browser here: it launches /usr/bin/chromium via executable_path.
Without Chromium (or Playwright) the tests skip and say so.
"""

import shutil

import pytest

from analysis.publish.report import notebook_paths

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (apt-get install chromium); browser checks skipped",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def visit(browser, page_path, *, shot=None):
    """Open a report offline; return its console errors, page errors, dialogs and image widths."""
    context = browser.new_context(viewport={"width": 1100, "height": 1400}, offline=True)
    page = context.new_page()
    seen = {"console": [], "errors": [], "dialogs": [], "requests": []}
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(page_path.as_uri(), wait_until="load")
    seen["widths"] = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
    seen["text"] = page.inner_text("body")
    if shot:
        page.screenshot(path=str(shot), full_page=True)
    context.close()
    return seen


def test_index_and_every_report_load_cleanly(browser, suite_reports, tmp_path):
    out, _, _ = suite_reports
    pages = [out / "index.html", *sorted(out.glob("[0-9][0-9]_*.html"))]
    assert len(pages) == len(notebook_paths()) + 1 >= 11
    for path in pages:
        seen = visit(browser, path, shot=tmp_path / f"{path.stem}.png")
        assert seen["console"] == [] and seen["errors"] == [], path.name
        assert all(url.startswith(("file:", "data:")) for url in seen["requests"]), path.name
        if path.name != "index.html":
            assert seen["widths"] and min(seen["widths"]) > 0, f"{path.name}: a broken image"
            assert "Key findings" in seen["text"]
        assert (tmp_path / f"{path.stem}.png").stat().st_size > 20_000  # rendered, not blank


def test_script_title_shows_as_text_and_never_runs(browser, hostile_reports):
    out, _ = hostile_reports
    shown = 0
    for path in [out / "index.html", *sorted(out.glob("[0-9][0-9]_*.html"))]:
        seen = visit(browser, path)
        assert seen["dialogs"] == [], f"{path.name} ran a script from the data"
        assert seen["errors"] == [], path.name
        shown += "<script>alert(1)</script>" in seen["text"]
    assert shown >= 1, "the title is visible as text"
