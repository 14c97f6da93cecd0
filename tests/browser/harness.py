"""Browser tests: a real Streamlit server per test module, driven by Playwright
with Debian's Chromium. Screenshots go to tests/screenshots/ (git-ignored).

Under CI=true a missing browser is a failure; elsewhere the tests skip with a
message saying how to install it.
"""
from __future__ import annotations

import functools
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
# The app's servers under test run in a CPU group weighted as four busy processes (cgroup v1
# cpu.shares 4096, or v2 cpu.weight 400), so three workers' browsers cannot starve a server a
# test is waiting on: here Chromium costs about 20 times the server's CPU per page load, and on
# a kiosk the two are on different machines. A server is idle between requests, so the weight
# costs the browsers and the test workers nothing then. Where no group can be made (not root,
# no cgroup mount), nothing changes.
CGROUP_NAME = "bse-test-servers"
CGROUP_KNOBS = (("/sys/fs/cgroup/cpu", "cpu.shares", "4096"), ("/sys/fs/cgroup", "cpu.weight", "400"))
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
    #: The folder the app is served from (a test may serve a copy of it).
    root: Path = ROOT

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
            self.command(), cwd=self.root, env={**self.env, "PYTHONPATH": str(self.root)},
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )
        favour(self.proc)
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


def run_in_own_loop(coro, timeout: float = 300):
    """Run ``coro`` to its end in a thread and event loop of its own, and return what it
    returns (or raise what it raised): Playwright's sync API owns this thread's loop once any
    browser test ran. A coroutine still running after ``timeout`` seconds fails the test."""
    import asyncio
    import threading

    box = {}

    def target():
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"a protocol session still ran after {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


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


@functools.cache
def server_cgroup() -> Path | None:
    """The CPU group the servers under test run in (made once per worker, shared by every
    worker), or None."""
    for base, knob, value in CGROUP_KNOBS:
        group = Path(base) / CGROUP_NAME
        try:
            group.mkdir(exist_ok=True)
            (group / knob).write_text(value)
            if (group / "cgroup.procs").exists():
                return group
        except OSError:
            continue
    return None


def favour(proc: subprocess.Popen) -> None:
    """Move a server under test into the favoured CPU group (if there is one)."""
    group = server_cgroup()
    if group:
        try:
            (group / "cgroup.procs").write_text(str(proc.pid))
        except OSError:
            pass  # it ended already, or the group refuses it: it runs as it would have


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
        for key in [key for key in _SHARED if key[0] == id(browser)]:
            del _SHARED[key]
            _IDLE_TABS.pop(key, None)
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
        """Console errors, less Streamlit's own base-path probe on a path that is not one of
        the app's pages: there (a mistyped /nope) the frontend first asks
        /nope/_stcore/health and /nope/_stcore/host-config (in case "nope" is a base URL
        path), gets 404, then uses /. On the app's own pages the launcher tells the page its
        server's address (ui/server.py, server_root_script), so a probe there is an error."""
        pages = {path.strip("/") for path in PATHS if path != "/"}

        def probe(error: str) -> bool:
            if not (error.startswith("HTTP 404") and error.endswith(("/_stcore/health", "/_stcore/host-config"))):
                return False
            return urlparse(error.split(" ", 2)[2]).path.rsplit("/_stcore/", 1)[0].strip("/") not in pages

        errors = [e for e in self.errors if not probe(e)]
        generic = "Failed to load resource: the server responded with a status of 404 (Not Found)"
        for _ in range(sum(1 for e in self.errors if probe(e))):
            if generic in errors:
                errors.remove(generic)
        return errors

    def foreign_requests(self) -> list[str]:
        own = urlparse(self.base).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != own]


#: Counts, in the page, the script runs the browser asks for and the runs the server
#: finishes, from the WebSocket's own frames (Streamlit's protobuf: a BackMsg with
#: field 11, rerun_script; a ForwardMsg with field 6, script_finished, whose value 2 is a
#: run stopped early for a newer one). A listener added when the socket is made runs
#: before Streamlit's own, so the count is current before the page reacts. wait_for_app
#: waits until a run has finished after the last one asked for: the page's
#: "notRunning" alone is also true in the moment between a tap and its rerun's start.
RUN_TRACKER_JS = r"""(() => {
  if (window.__bseRuns) return;
  const runs = window.__bseRuns = {seq: 0, asked: 0, done: 0, sockets: 0, inputSeq: 0, inputAt: -1e9};
  // A tap or a key: Streamlit sends the rerun it asks for a moment later (not within
  // the event itself), so a wait right after an input first gives it INPUT_GRACE_MS.
  const input = () => { runs.inputSeq = runs.seq; runs.inputAt = performance.now(); };
  for (const type of ["pointerdown", "pointerup", "touchstart", "touchend", "click", "keydown", "keyup"]) {
    window.addEventListener(type, input, true);
  }
  const bytes = data => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  // The fields of a protobuf message (bytes from..to): {field number: a varint's value, a
  // length-delimited field's [start, end] (itself a message to read the same way), or true}.
  function fields(b, from = 0, to = b.length) {
    const out = {};
    let i = from;
    const varint = () => { let v = 0, m = 1, c; do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128 && i < to); return v; };
    while (i < to) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) out[field] = varint();
      else if (wire === 2) { const n = varint(); out[field] = [i, i + n]; i += n; }
      else if (wire === 1) { out[field] = true; i += 8; }
      else if (wire === 5) { out[field] = true; i += 4; }
      else break;
    }
    return out;
  }
  window.__bseProto = {bytes, fields};  // for a test's own reading of the frames
  const Socket = window.WebSocket;
  class TrackedSocket extends Socket {
    constructor(...args) {
      super(...args);
      runs.sockets += 1;
      this.addEventListener("message", event => {
        const b = bytes(event.data);
        if (!b) return;
        const f = fields(b);
        if (6 in f && f[6] !== 2) runs.done = ++runs.seq;
      });
    }
    send(data) {
      const b = bytes(data);
      if (b && 11 in fields(b)) runs.asked = ++runs.seq;
      return super.send(data);
    }
  }
  window.WebSocket = TrackedSocket;
})()"""


#: True once the run asked for last has finished, and the last input either asked for a
#: run or is INPUT_GRACE_MS old (an instant choice asks for none); true on a page that
#: does not track its runs.
INPUT_GRACE_MS = 150
RUN_DONE_JS = ("(() => { const r = window.__bseRuns; if (!r || !r.sockets) return true;"
               " const asked = r.asked > r.inputSeq || performance.now() - r.inputAt > %d;"
               " return asked && r.done > r.asked; })()" % INPUT_GRACE_MS)
#: wait_for_app's whole condition, polled on every animation frame in one call (one
#: round trip to the browser instead of four): the run asked for last has finished
#: (RUN_DONE_JS), the app says "notRunning", no element is a loading placeholder, nothing
#: is held unseen by ui/first_paint.js (what follows a placeholder, data-bse-wait; a
#: walkthrough step being drawn, data-bse-step-change on the root), and all of it has held
#: on the frame it was first seen and the two frames after (a frame's work is done when the
#: next starts). Answers "tracked" or "untracked" (a page without the run
#: tracker). `token` is new for each wait, so no earlier wait's frames count.
APP_SETTLED_JS = """token => {
  const runDone = %s;
  const app = document.querySelector('[data-testid=stApp]');
  const ok = runDone && !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton], [data-bse-wait]')
    && !document.documentElement.hasAttribute('data-bse-step-change');
  const seen = window.__bseSettled || (window.__bseSettled = {token: null, frames: 0});
  if (seen.token !== token || !ok) { seen.token = token; seen.frames = 0; }
  if (!ok) return false;
  seen.frames += 1;
  if (seen.frames < 3) return false;
  const r = window.__bseRuns;
  return r && r.sockets ? 'tracked' : 'untracked';
}""" % RUN_DONE_JS


#: One touch context per browser and screen size, kept for the whole run, so a page finds
#: Streamlit's scripts in the context's cache, as a kiosk's browser does after its first
#: visitor. Measured on 2 cores (CPU of the browser's processes, Home and /reflex): a page
#: in a fresh context 2.8 and 4.1 CPU-seconds, in a new tab of a used context 1.4 and 2.6,
#: in a used tab 0.7 and 1.6. Every page load is a new Streamlit session, and the app
#: keeps nothing of a visitor in the browser (only Streamlit's XSRF cookie and theme key:
#: test_self_check_care.py::test_a_result_leaves_nothing_of_the_visitor_in_the_browser
#: checks it in a context of its own). A test that sets cookies or installs a clock asks
#: for private=True.
_SHARED: dict = {}


def _context(browser, viewport):
    key = (id(browser), viewport["width"], viewport["height"])
    context = _SHARED.get(key)
    if context is None:
        context = _SHARED[key] = browser.new_context(viewport=viewport, has_touch=True, device_scale_factor=1)
        context.add_init_script(RUN_TRACKER_JS)
    return context


def open_page(browser, base: str, viewport=KIOSK, *, private: bool = False, reuse: bool = True) -> Watched:
    """A tab at `viewport` (touch, scale 1) with the run tracker; close it with close_page.

    A used tab when there is one (_IDLE_TABS): close_page gives it back unless the test
    changed it in a way that outlives its page loads (_LASTING). reuse=False: a new tab,
    closed by close_page. private: in a browser context of its own, closed with the tab,
    for a test that sets cookies or installs a clock (page.clock is the context's)."""
    reuse = reuse and not private
    key = (id(browser), viewport["width"], viewport["height"])
    if reuse:
        tabs = _IDLE_TABS.setdefault(key, [])
        while tabs:
            page = tabs.pop()
            if not page.is_closed():
                to_front(page)
                _REUSABLE[page] = key
                _note_changes(page)
                return _watch(page, base)
    if private:
        context = browser.new_context(viewport=viewport, has_touch=True, device_scale_factor=1)
        context.add_init_script(RUN_TRACKER_JS)
    else:
        context = _context(browser, viewport)
    watched = _watch(context.new_page(), base)
    if reuse:
        _REUSABLE[watched.page] = key
        _note_changes(watched.page)
    return watched


def _watch(page, base: str) -> Watched:
    watched = Watched(page, base)
    listeners = _LISTENERS[page] = {
        "request": lambda req: watched.requests.append(req.url),
        "response": lambda r: watched.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        "console": lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None,
        "pageerror": lambda exc: watched.errors.append(str(exc)),
    }
    for event, listener in listeners.items():
        type(page).on(page, event, listener)  # the class's own: these are removed by close_page
    return watched


#: What a test can do to its tab that would outlive its page loads: a reusable tab that
#: had any of these is closed by close_page, not used again. (Its size is checked there;
#: a clock, page.clock.install, is the one change it cannot see, and it is the whole
#: context's: a test that needs one asks open_page for private=True.)
_LASTING = ("on", "once", "add_init_script", "route", "route_web_socket", "route_from_har", "expose_function",
            "expose_binding", "emulate_media", "set_extra_http_headers", "add_locator_handler")
_CHANGED: set = set()


def _note_changes(page) -> None:
    for name in _LASTING:
        method = getattr(type(page), name)

        def noted(*args, _method=method, **kwargs):
            _CHANGED.add(page)
            return _method(page, *args, **kwargs)

        setattr(page, name, noted)


#: Tabs given back (open_page, then close_page), by browser and screen size,
#: each left on about:blank with its storage cleared. A tab used again costs a page load
#: (measured on 2 cores: Home 0.7 CPU-seconds, /reflex 1.6) where a new tab costs 1.4 and
#: 2.6, and most browser tests are one or two page loads: the quality gates' 49 tests went
#: from 317 to 101 CPU-seconds (with wait_for_app's single wait).
_IDLE_TABS: dict = {}
#: The tabs out on loan (page -> its _IDLE_TABS key) and every tab's own listeners.
_REUSABLE: dict = {}
_LISTENERS: dict = {}


def close_page(opened) -> None:
    """Done with a tab from open_page (a Watched or its page). A reusable one is left on
    about:blank (the app's session ends as with a closed tab), without its listeners and
    with its storage cleared, for the next test; it is closed if any of that fails or its
    size was changed. Any other tab is closed, and its context if private."""
    page = getattr(opened, "page", opened)
    if page.is_closed():
        _REUSABLE.pop(page, None)
        _LISTENERS.pop(page, None)
        _CHANGED.discard(page)
        return
    for event, listener in _LISTENERS.pop(page, {}).items():
        page.remove_listener(event, listener)
    key = _REUSABLE.pop(page, None)
    changed = page in _CHANGED
    _CHANGED.discard(page)
    if key is not None and not changed:
        try:
            page.evaluate("() => { try { sessionStorage.clear(); localStorage.clear(); } catch (e) {} }")
            page.goto("about:blank")
            if page.viewport_size == {"width": key[1], "height": key[2]}:
                _IDLE_TABS.setdefault(key, []).append(page)
                return
        except Exception:
            pass
    context = page.context
    page.close()
    if context not in _SHARED.values():
        context.close()


def wait_for_idle_script(page) -> None:
    """The idle script (ui/idle.js) runs when its component mounts, which can be a few
    frames after the page's run has ended (wait_for_app): wait for it before reading
    window.__bseIdle."""
    page.wait_for_function("() => !!window.__bseIdle", timeout=10_000)


def wait_for_app(page, timeout: float = 20_000) -> None:
    """Wait until the page has done what was last asked of it: the script run asked for
    last (the page's first, or a tap's rerun) has finished, the script is not running,
    no element is a loading placeholder or held unseen, and two frames have painted since
    (APP_SETTLED_JS).

    The page's own "notRunning" is also true in the moment between a tap and the start
    of its rerun, so on its own it let a PIN check and a self-check tap be read before
    their rerun on a busy machine; a fixed 150 ms pause hid that until the machine was
    busier still (a journey tap timed out at load average 25). The run tracker
    (RUN_TRACKER_JS, installed by open_page) closes that gap: after a tap it waits for
    the tap's request (or 150 ms if none comes), then for its run to finish; a page made
    without it keeps the old 150 ms pause."""
    global _WAITS
    _WAITS += 1
    settled = page.wait_for_function(APP_SETTLED_JS, arg=_WAITS, timeout=timeout).json_value()
    if settled != "tracked":
        page.wait_for_timeout(150)


_WAITS = 0


def to_front(page) -> None:
    """Make the tab the one in front of its window. Tabs of one size share a browser context,
    which headless Chromium shows as tabs of one window: a tab behind another draws about one
    frame a second (10 frames took 10 s, not 0.15), so every wait on frames and every click's
    stability check crawl, though the page says it is visible. A module that holds a tab while
    one of its tests opens another of the same size (or a used tab put back in front of it) hit
    that: 50-170 s for tests of 8-20 s, in one module in every full run."""
    page.bring_to_front()


def still_touching(page) -> None:
    """A wheel event on the page, as a person's scroll: the kiosk's idle watch counts it as
    activity. Dispatched in the page with a time limit, not with ``page.mouse.wheel``, which
    waits for the renderer to take the event and has no time limit: while the page reloaded
    itself after an app replica stopped, that wait never ended in two of five full runs in
    Chromium's headless shell (never seen in the full browser). During a reload this one fails
    within 2 s instead (no page to dispatch on), and the caller tries again."""
    page.locator("html").dispatch_event("wheel", {"deltaY": 1, "bubbles": True}, timeout=2_000)


def goto(watched: Watched, path: str) -> None:
    to_front(watched.page)
    watched.page.goto(watched.base + path)
    wait_for_app(watched.page)


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def kiosk_page(browser, server):
    """A tab at kiosk size (a used one when there is one: _IDLE_TABS), for loads and taps."""
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    close_page(watched)


@pytest.fixture
def tablet_page(browser, server):
    """A tab at tablet size (a used one when there is one: _IDLE_TABS), for loads and taps."""
    watched = open_page(browser, server.url, TABLET)
    yield watched
    close_page(watched)


class ServerMessages:
    """The page's WebSocket to the server, routed through the test: while ``holding``,
    the page's messages (a tap's rerun request) wait in ``held`` until ``release()``."""

    def __init__(self, page):
        self.holding, self.held, self.upstream = False, [], None
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws):
        self.upstream = ws.connect_to_server()
        ws.on_message(lambda message: self.held.append(message) if self.holding else self.upstream.send(message))

    def two_quick_taps(self, page, first: tuple[str, str], second: str) -> None:
        """Hold the page's messages and tap two radios within one round trip: ``first`` (its
        name, and the choice the page then shows on its <body>), then ``second``. Returns
        once the browser has answered the second tap; the messages stay held."""
        self.holding = True
        page.get_by_role("radio", name=first[0]).click()
        page.wait_for_function(f"document.body.value === {first[1]!r}", timeout=5_000)
        page.get_by_role("radio", name=second).click()
        page.wait_for_function(f"document.body.value !== {first[1]!r}", timeout=5_000)
        assert self.held, "the taps' rerun requests were held back"

    def release(self) -> None:
        self.holding = False
        for message in self.held:
            self.upstream.send(message)
        self.held.clear()


def as_a_fresh_page_draws_it(browser, server, path: str, ready_js: str, taps, read_js: str):
    """What a fresh page shows once the server has rendered ``taps`` one by one: open ``path``,
    wait for ``ready_js``, then for each (radio name, choice) tap the radio and wait until the
    server has rendered that choice (the instant script's ``cfg.current``: the app looking idle
    is not enough, as a tap's rerun may not have started yet), then read ``read_js``."""
    ref = open_page(browser, server.url)
    try:
        goto(ref, path)
        ref.page.wait_for_function(ready_js, timeout=20_000)
        wait_for_app(ref.page)
        for name, choice in taps:
            ref.page.get_by_role("radio", name=name).click()
            ref.page.wait_for_function(f"window.__bseInstant && window.__bseInstant.cfg.current === {choice!r}", timeout=20_000)
            wait_for_app(ref.page)
        return stable_read(ref.page, read_js)
    finally:
        close_page(ref)


def stable_read(page, read_js: str, every_ms: int = 300, timeout_ms: int = 10_000):
    """``read_js`` once it reads the same twice ``every_ms`` apart: on a loaded machine a chart
    can still be drawing after the app is idle (one fixed 300 ms pause read the charts of a
    fresh page mid-redraw once in about ten full runs)."""
    last = page.evaluate(read_js)
    for _ in range(max(1, timeout_ms // every_ms)):
        page.wait_for_timeout(every_ms)
        now = page.evaluate(read_js)
        if now == last:
            return now
        last = now
    return last
