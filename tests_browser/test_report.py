"""exports/report.html (written by ``make report``) opened in headless Chromium and screenshotted.

The page must load with no console error (level SEVERE), fetch nothing from the network
(the browser can reach only 127.0.0.1, so a fetch would also show as a console error),
and every image on it must decode. Screenshots: ``report_top.png`` (the first screen)
and ``report.png`` (the whole page).
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

PAGE_HEIGHT_LIMIT = 30000  # pixels; a longer page is cut in the full screenshot


@pytest.fixture
def report(pytestconfig: pytest.Config) -> Path:
    path = Path(pytestconfig.getoption("--report")).resolve()
    if not path.is_file():
        pytest.fail(f"{path} is missing: `make report` writes it (make test-browser runs it first)",
                    pytrace=False)
    return path


def test_report_page_renders_without_console_errors(report: Path, browser, screenshots: Path) -> None:
    browser.set_window_size(1366, 900)
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(report.as_uri())
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') done(); else addEventListener('load', () => done());")
    # The screenshots first, so a failing page can be looked at too.
    browser.save_screenshot(str(screenshots / "report_top.png"))
    height = browser.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1366, "height": min(height, PAGE_HEIGHT_LIMIT), "scale": 1},
    })
    (screenshots / "report.png").write_bytes(base64.b64decode(shot["data"]))

    problems = [f"console: {e['message']}" for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    images = browser.execute_script(
        "return Array.from(document.images).map(i => ({src: i.currentSrc.slice(0, 80),"
        " complete: i.complete, width: i.naturalWidth}))")
    problems += [f"image did not load: {img['src']}" for img in images
                 if not img["complete"] or img["width"] == 0]
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => !n.startsWith('data:') && !n.startsWith('file:'))")
    problems += [f"fetched from the network: {url}" for url in fetched]
    if not browser.title.strip():
        problems.append("the page has no <title>")
    if len(browser.execute_script("return document.body.innerText").strip()) < 200:
        problems.append("the page is (nearly) empty")
    if not images and not browser.execute_script("return document.querySelectorAll('svg').length"):
        problems.append("the page shows no chart (no <img>, no <svg>)")
    assert not problems, f"{report}:\n" + "\n".join(problems)
