"""Browser tests: a real Streamlit server per test module, driven by Playwright
with Debian's Chromium. Screenshots go to tests/screenshots/ (git-ignored).

Under CI=true a missing browser is a failure; elsewhere the tests skip with a
message saying how to install it.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
KIOSK = {"width": 1080, "height": 1920}
TABLET = {"width": 1024, "height": 1366}
# Every path of the product; parts appear as their issues land.
from explainer.common.sitemap import available_parts  # noqa: E402

PATHS = [part.url for part in available_parts()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    env: dict
    proc: subprocess.Popen | None = None
    log: Path = field(default_factory=lambda: Path("/dev/null"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        """What start() runs: the app through its own launcher, as `make run` does.
        Servers for other purposes (a spied launcher, another script) change only this."""
        return [sys.executable, "-m", "ui.server", "run", "app.py",
                "--server.port", str(self.port), "--server.address", "127.0.0.1"]

    def start(self) -> None:
        self.log = SCREENSHOTS / f"server-{self.port}.log"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            self.command(), cwd=ROOT, env={**self.env, "PYTHONPATH": str(ROOT)},
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Streamlit did not start; see {self.log}")

    def stop(self) -> None:
        stop_process(self.proc)

    def restart(self) -> None:
        self.stop()
        self.start()


def stop_process(proc: subprocess.Popen | None) -> None:
    """Stop a server process: terminate, then kill if it has not gone after 10 s."""
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def make_server(**env_overrides: str) -> Server:
    env = dict(os.environ)
    env.update({"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"})
    env.update(env_overrides)
    return Server(_free_port(), env)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server():
    """One fresh server per test module."""
    srv = make_server()
    srv.start()
    yield srv
    srv.stop()


@dataclass
class Watched:
    """A page with every request and console error recorded."""

    page: object
    base: str
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def real_errors(self) -> list[str]:
        """Console errors, less Streamlit's own base-path probe: on a deep link
        such as /sources the frontend first asks /sources/_stcore/health and
        /sources/_stcore/host-config (in case "sources" is a base URL path),
        gets 404, then uses /. That probe is Streamlit's, not ours."""
        probe = ("/_stcore/health", "/_stcore/host-config")
        errors = [e for e in self.errors if not (e.startswith("HTTP 404") and e.endswith(probe))]
        probe_404s = sum(1 for e in self.errors if e.startswith("HTTP 404") and e.endswith(probe))
        generic = "Failed to load resource: the server responded with a status of 404 (Not Found)"
        for _ in range(probe_404s):
            if generic in errors:
                errors.remove(generic)
        return errors

    def foreign_requests(self) -> list[str]:
        own = urlparse(self.base).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != own]


def open_page(browser, base: str, viewport=KIOSK) -> Watched:
    context = browser.new_context(viewport=viewport, has_touch=True, device_scale_factor=1)
    page = context.new_page()
    watched = Watched(page, base)
    page.on("request", lambda req: watched.requests.append(req.url))
    page.on("response", lambda r: watched.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    return watched


def wait_for_app(page, timeout: float = 20_000) -> None:
    """Wait the way Streamlit's own e2e tests do: script not running, no skeleton.

    The pause at the end is not only for painting: right after a tap the script is
    still "notRunning" until the tap's rerun starts, and many tests lean on this pause
    to let it start (a wait for three quiet frames instead, tried to save time, let a
    PIN check and a self-check tap be read before their rerun under load). Shorten it
    only together with waits on each tap's own result."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0", timeout=timeout)
    page.wait_for_timeout(150)  # let the last delta paint


def goto(watched: Watched, path: str) -> None:
    watched.page.goto(watched.base + path)
    wait_for_app(watched.page)


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def kiosk_page(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    watched.page.context.close()


@pytest.fixture
def tablet_page(browser, server):
    watched = open_page(browser, server.url, TABLET)
    yield watched
    watched.page.context.close()
