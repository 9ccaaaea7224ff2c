"""Each notebook opened in JupyterLab in headless Chromium, Run All, every cell checked.

The checks read the notebook as JupyterLab holds it (``window.jupyterapp``, exposed by the
server's ``expose_app_in_browser``): every code cell ran, none has an error output or a
traceback on stderr, and every cell that draws a chart shows an image that the browser
decoded. Console errors (level SEVERE) fail the test too.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    JavascriptException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9]*.ipynb"))

UI_TIMEOUT = 120       # opening JupyterLab, the notebook, a menu
KERNEL_TIMEOUT = 180   # a kernel ready to run
FIRST_RUN_TIMEOUT = 1200  # the first notebook analyses the whole corpus with a cold cache
RUN_TIMEOUT = 600      # the others read the cache
FLAKY_UI = (StaleElementReferenceException, ElementClickInterceptedException,
            ElementNotInteractableException, JavascriptException)

# What JupyterLab shows of the notebook open in the main area; null until it is there.
STATE_JS = """
const app = window.jupyterapp;
const panel = app && app.shell.currentWidget;
if (!panel || !panel.content || !panel.context || panel.context.path !== arguments[0]) return null;
const session = panel.sessionContext.session;
const cells = panel.content.widgets.map((cell, index) => {
  const model = cell.model;
  const out = {index, type: model.type, source: model.sharedModel.getSource()};
  if (model.type === 'code') {
    out.count = model.executionCount;
    out.state = model.executionState === undefined ? null : model.executionState;
    out.prompt = cell.node.querySelector('.jp-InputPrompt')?.textContent || '';
    out.outputs = model.outputs.toJSON();
    // A chart is an <img> (PNG, or SVG as a data URI) or an inline <svg>.
    out.images = Array.from(cell.node.querySelectorAll('.jp-OutputArea-output img')).map(
      img => ({complete: img.complete, width: img.naturalWidth, height: img.naturalHeight}))
      .concat(Array.from(cell.node.querySelectorAll('.jp-OutputArea-output > svg, .jp-RenderedSVG svg'))
      .map(svg => ({complete: true, width: svg.getBoundingClientRect().width})));
  }
  return out;
});
return {ready: panel.context.isReady && panel.sessionContext.isReady,
        kernel: session && session.kernel ? session.kernel.status : null,
        pending: panel.sessionContext.pendingInput,
        cells};
"""


def _wait(driver, timeout: float, condition, message: str):
    """Poll ``condition(driver)`` until truthy; UI hiccups (stale nodes, covered clicks) are retried."""
    return WebDriverWait(driver, timeout, poll_frequency=0.5, ignored_exceptions=FLAKY_UI).until(
        condition, message)


def _state(driver, name: str) -> dict | None:
    return driver.execute_script(STATE_JS, name)


def _running(cell: dict) -> bool:
    return cell.get("state") == "running" or "*" in cell.get("prompt", "")


def _click_menu(driver, menu: str, command: str) -> None:
    """Open a main-menu menu by its label and click the item bound to ``command``."""
    def open_and_click(d):
        items = [item for item in d.find_elements(By.CSS_SELECTOR, f'.lm-Menu-item[data-command="{command}"]')
                 if item.is_displayed()]
        if items:
            items[0].click()
            return True
        for label in d.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item"):
            if label.text.strip() == menu:
                label.click()  # the item is looked for at the next poll, once the menu is open
        return False
    _wait(driver, UI_TIMEOUT, open_and_click, f"menu {menu} > {command} not clickable")


def _severe(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _problems(cell: dict) -> list[str]:
    """Error outputs, and tracebacks printed to stderr (a logged exception is an error too)."""
    found = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            found.append(f"{output.get('ename')}: {output.get('evalue')}")
        elif output.get("output_type") == "stream" and output.get("name") == "stderr":
            text = "".join(output.get("text", ""))
            if "Traceback (most recent call last)" in text:
                found.append("traceback on stderr:\n" + text[-1500:])
    return found


def _image_outputs(cell: dict) -> int:
    return sum(1 for output in cell.get("outputs", [])
               if {"image/png", "image/svg+xml", "image/jpeg"} & set(output.get("data", {})))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(name: str, lab: dict, browser, screenshots: Path,
                                     shut_down_kernels) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    # ?reset: a fresh workspace, so the notebooks of earlier tests are not reopened
    browser.get(f"{lab['url']}/lab/tree/{name}?reset&token={lab['token']}")
    _wait(browser, UI_TIMEOUT, lambda d: _state(d, name), f"{name} did not open in JupyterLab")
    _wait(browser, KERNEL_TIMEOUT, lambda d: (s := _state(d, name)) and s["ready"]
          and s["kernel"] == "idle", f"{name}: the kernel did not become idle")

    # A notebook committed with its outputs would look finished before it ran: clear them first.
    _click_menu(browser, "Edit", "editmenu:clear-all")
    _wait(browser, UI_TIMEOUT, lambda d: all(
        c["count"] is None and not c["outputs"] for c in _state(d, name)["cells"] if c["type"] == "code"),
        f"{name}: the outputs were not cleared")

    started = time.monotonic()
    _click_menu(browser, "Run", "runmenu:run-all")
    timeout = FIRST_RUN_TIMEOUT if name == NOTEBOOKS[0] else RUN_TIMEOUT

    def finished(d):
        s = _state(d, name)
        code = [c for c in s["cells"] if c["type"] == "code"]
        if s["kernel"] != "idle" or any(_running(c) for c in code):
            return False
        # Run All stops at the first error; otherwise every cell has run.
        return s if all(c["count"] is not None for c in code) or any(map(_problems, code)) else False

    # The kernel can be idle for a moment between cells: ask for the same answer twice.
    first = _wait(browser, timeout, finished, f"{name}: Run All did not finish in {timeout} s")
    time.sleep(2)
    state = _wait(browser, timeout, finished, f"{name}: Run All did not finish in {timeout} s")
    elapsed = time.monotonic() - started
    assert len(first["cells"]) == len(state["cells"])
    print(f"{name}: ran in {elapsed:.0f} s")

    # The screenshot shows the first chart (or the end of the notebook when it has none).
    browser.execute_script("window.jupyterapp.shell.currentWidget.content.node"
                           ".querySelector('.jp-OutputArea-output img')?.scrollIntoView()")
    time.sleep(0.5)
    browser.save_screenshot(str(screenshots / f"{Path(name).stem}.png"))

    code = [c for c in state["cells"] if c["type"] == "code"]
    errors = {c["index"]: p for c in code if (p := _problems(c))}
    assert not errors, f"{name}: cells with errors: {json.dumps(errors, indent=1)}"
    not_run = [c["index"] for c in code if c["count"] is None]
    assert not not_run, f"{name}: cells that did not run: {not_run}"

    charts = [c for c in code if "nd.charts." in c["source"]]
    for cell in charts:
        assert _image_outputs(cell), f"{name}: cell {cell['index']} drew no chart"
        assert cell["images"], f"{name}: cell {cell['index']}: the chart is not on the page"
        broken = [img for img in cell["images"] if not img["complete"] or img["width"] == 0]
        assert not broken, f"{name}: cell {cell['index']}: chart image not decoded: {broken}"

    severe = _severe(browser)
    assert not severe, f"{name}: browser console errors:\n" + "\n".join(severe)
