"""A JupyterLab server on a copy of the notebooks and a headless Chromium, for the browser tests.

Everything here is started by the tests and stopped by them, also when a test fails:
the server (with its kernels) as one process group, Chromium through its driver.
The browser reaches nothing but 127.0.0.1, and nothing is written into the repository
except screenshots under ``exports/screenshots/``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
SERVER_START_TIMEOUT = 180  # seconds; two shared cores can make a cold JupyterLab slow

# Chromium as root in a container, with a fresh profile, no GPU and no background traffic.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1366,900",
    # Every request that is not to the loopback goes to a closed port, so a page that
    # fetches anything from the network fails visibly instead of passing by luck.
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1;localhost",
]

# JupyterLab settings for the test profile: nothing fetched, nothing autosaved,
# every cell attached to the page so its outputs can be checked.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--report", default=str(ROOT / "exports" / "report.html"),
                     help="the report page to open (default: exports/report.html)")
    parser.addoption("--screenshots", default=str(ROOT / "exports" / "screenshots"),
                     help="folder for the screenshots (default: exports/screenshots)")


def _find(names: list[str], what: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(f"{what} not found (looked for {', '.join(names)}); on Debian: "
                "apt-get install -y chromium chromium-driver", pytrace=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _local(url: str, method: str = "GET", timeout: float = 5) -> bytes:
    """A request without any proxy from the environment: the server is on the loopback."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(urllib.request.Request(url, method=method), timeout=timeout) as response:
        return response.read()


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config) -> Path:
    folder = Path(pytestconfig.getoption("--screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's notebooks and data, so running them cannot change the repository.

    ``pyproject.toml`` comes along because it marks the project root, which the
    notebooks resolve their default folders (and the cache) from.
    """
    work = tmp_path_factory.mktemp("lab")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(ROOT / "notebooks", work / "notebooks", ignore=ignore)
    shutil.copytree(ROOT / "data", work / "data", ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", work / "pyproject.toml")
    return work


@pytest.fixture(scope="session")
def lab(workdir: Path) -> dict:
    """JupyterLab on ``workdir/notebooks``: 127.0.0.1, a free port, a fresh token and profile."""
    port, token = _free_port(), secrets.token_hex(24)
    profile = workdir / "jupyter"
    for plugin, values in LAB_SETTINGS.items():
        path = profile / "settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(profile / "config"),
        "JUPYTER_RUNTIME_DIR": str(profile / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(profile / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(profile / "workspaces"),
        "IPYTHONDIR": str(profile / "ipython"),
        "NEWSDESK_ROOT": str(workdir),  # the notebooks' default folders: the copy's, not the repo's
        "NEWSDESK_CACHE": str(workdir / "cache"),  # a cold cache: the first notebook analyses
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workdir / 'notebooks'}",
        "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # CI and containers run as root
        command.append("--allow-root")
    # A SIGTERM (a CI timeout, `kill`) ends pytest like Ctrl-C does, so the finally below still runs.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    log = open(workdir / "jupyterlab.log", "wb")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(command, cwd=workdir / "notebooks", env=env, stdin=subprocess.DEVNULL,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}:\n"
                            + (workdir / "jupyterlab.log").read_text(errors="replace")[-3000:])
            try:
                _local(f"{base}/api/status?token={token}")
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on {base} within "
                                f"{SERVER_START_TIMEOUT} s")
                time.sleep(0.5)
        yield {"url": base, "token": token, "root": workdir / "notebooks",
               "log": workdir / "jupyterlab.log"}
    finally:
        _stop(server)
        log.close()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture
def shut_down_kernels(lab: dict):
    """After a test, shut down every kernel it started, so notebooks do not pile up in memory."""
    yield
    api = f"{lab['url']}/api/sessions"
    for session in json.loads(_local(f"{api}?token={lab['token']}")):
        _local(f"{api}/{session['id']}?token={lab['token']}", method="DELETE", timeout=30)


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and everything it started (kernels): TERM, then KILL after 15 s."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            # The server is gone; its kernels are in the same group and may linger.
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def browser(workdir: Path):
    """Headless Chromium with browser console logging, from the system's chromium-driver."""
    options = webdriver.ChromeOptions()
    options.binary_location = _find(["chromium", "chromium-browser", "google-chrome"], "Chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={workdir / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.ignore_local_proxy_environment_variables()  # chromedriver is on the loopback
    service = Service(_find(["chromedriver"], "chromedriver"), log_output=str(workdir / "chromedriver.log"))
    options.unhandled_prompt_behavior = "accept"  # "leave the page?" when an edited notebook is left
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            service.stop()
