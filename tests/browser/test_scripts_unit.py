"""Unit tests of the browser scripts in ui/ (instant.js, idle.js, replay.js,
first_paint.js): their state logic, driven on a blank page with a fake clock.

No app server: the module has one tab on a made-up origin (every request to
it is answered here, by ``context.route``: the scripts themselves from ui/,
/_stcore/health, and a blank page for any other path); each test loads a fresh
blank document there (no script state or timer survives it), puts in the
few elements the script looks for (the class names Streamlit gives a keyed
element, ``.st-key-<key>``, and the page's own data attributes), imports the
real script and calls it the way Streamlit's ``st.components.v2`` does: its
default export gets ``{data, parentElement, setTriggerValue}`` on every render.

The clock is Playwright's (``page.clock``), paused: Date.now,
performance.now, setTimeout, setInterval and requestAnimationFrame move only
when a test runs them forward, so every time below is exact and no test sleeps.
A frame of requestAnimationFrame is 16 ms of that clock.

Each test fails when the behaviour it names breaks: every script was given
planted bugs (a next choice built from the server's value, a hold ignored, the
last frame off by one, ...), one at a time, and a test here failed on each.

What the page tests (test_reflex.py, test_reflex_replay.py, test_kiosk_idle.py,
test_what_a_person_sees.py) reach only through a real Streamlit page:

- instant.js: the choice shown against the server's, rapid taps on two
  controls, a late render of an older choice, the choice forgotten on leaving;
- idle.js: the countdown, the warning, a touch, a hold (a longer idle time
  for one screen), the server's reset, the fallback when the server does not
  reset the page, an outage, a server restart, a page without the watch;
- replay.js: the frame drawn at each moment, the end, a second play, a tap on
  another choice in the middle, the reduced-motion step-through;
- first_paint.js: the wait after a step change ("drawn" once the new heading is
  there and the height still; "timeout" after 4 s), and the placeholder wait.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from explainer.common.content import Content
from explainer.reflex.figure import GEOMETRY, Moment, figure_svg, geometry_payload
from tests.browser.harness import KIOSK

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "http://bse.test"
SCRIPTS = {"instant", "idle", "replay"}  # ES modules, imported; first_paint.js is a plain script
#: The fake wall clock when the module's tab opens (any fixed time will do).
START_MS = 1_767_225_600_000
BLANK = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body></body></html>'

#: Calls a script's default export as Streamlit does; keeps every cleanup it returns
#: and every value it reports (``setTriggerValue``), or throws when told to.
HARNESS_JS = """async (name) => {
  const t = window.__test || (window.__test = {mods: {}, cleanups: [], triggers: [], throwTrigger: false});
  t.mods[name] = (await import(`/ui/${name}.js`)).default;
}"""
RENDER_JS = """([name, data, parent]) => {
  const t = window.__test;
  const cleanup = t.mods[name]({
    data, parentElement: document.querySelector(parent),
    setTriggerValue: (key, value) => { if (t.throwTrigger) throw new Error('no server'); t.triggers.push([key, value]); },
  });
  t.cleanups.push(cleanup);
}"""


class Blank:
    """The blank page of one test, with a paused fake clock; ``start`` is
    Date.now() when the test begins."""

    def __init__(self, page, state: dict, errors: list, start: int):
        self.page = page
        self.state = state
        self.errors = errors
        self.start = start

    def dom(self, html: str) -> None:
        self.page.evaluate("html => { document.body.innerHTML = html; }", html)

    def load(self, name: str) -> None:
        self.page.evaluate(HARNESS_JS, name)

    def render(self, name: str, data: dict, parent: str) -> None:
        self.page.evaluate(RENDER_JS, [name, data, parent])

    def run(self, ms: int) -> None:
        self.page.clock.run_for(ms)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture(scope="module")
def _tab(browser):
    """One browser context and tab for the module (a new tab costs most of a
    test's time); each test loads a fresh blank document in it."""
    context = browser.new_context(viewport=KIOSK, has_touch=True, device_scale_factor=1)
    state = {"health": 200}
    no_store = {"Cache-Control": "no-store"}

    def answer(route):
        path = urlparse(route.request.url).path
        name = path.removeprefix("/ui/").removesuffix(".js")
        if path.startswith("/ui/") and name in SCRIPTS:
            body = (ROOT / "ui" / f"{name}.js").read_text(encoding="utf-8")
            route.fulfill(status=200, content_type="text/javascript", headers=no_store, body=body)
        elif path == "/_stcore/health":
            route.fulfill(status=state["health"], content_type="text/plain", headers=no_store, body="ok")
        else:
            route.fulfill(status=200, content_type="text/html", headers=no_store, body=BLANK)

    context.route(f"{ORIGIN}/**", answer)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Playwright for Python takes seconds. The installed clock runs until it is paused:
    # start it a minute early so that pausing at START_MS is never in its past.
    page.clock.install(time=START_MS / 1000 - 60)
    page.clock.pause_at(START_MS / 1000)
    yield page, state, errors
    context.close()


@pytest.fixture
def blank(_tab):
    """A fresh document (no script state, no timers), the clock still paused where the
    last test left it, the health check answering, nothing in sessionStorage."""
    page, state, errors = _tab
    state["health"] = 200
    page.emulate_media(reduced_motion="no-preference")
    page.goto(ORIGIN + "/")
    page.evaluate("() => sessionStorage.clear()")
    errors.clear()
    yield Blank(page, state, errors, page.evaluate("() => Date.now()"))
    assert errors == [], errors


# --- instant.js -------------------------------------------------------------------------

SPEEDS = ["slow", "quick", "sudden"]
DISTANCES = ["small", "medium", "large"]
CHOICES = [f"{s}-{d}" for s in SPEEDS for d in DISTANCES]
INSTANT_DOM = """
<div class="st-key-reflex_speed_control"><button>Slow</button><button>Quick</button><button>Sudden</button></div>
<div class="st-key-reflex_distance_control"><button>Small</button><button>Medium</button><button>Large</button></div>
<button id="elsewhere">Something else</button>
<div class="st-key-reflex_instant"><div id="instant-root"></div></div>
<p><span data-choice-slot="pull">-</span></p>
<p data-choice-slot="outcome" data-kind="">-</p>
"""
INSTANT_STATE_JS = """() => {
  const g = window.__bseInstant;
  return {shown: g.shown, pending: g.pending, taps: g.taps, host: document.body.value === undefined ? null : document.body.value,
          pull: document.querySelector('[data-choice-slot=pull]').textContent,
          outcome: document.querySelector('[data-choice-slot=outcome]').textContent,
          kind: document.querySelector('[data-choice-slot=outcome]').dataset.kind,
          events: window.__events.slice()};
}"""
PENDING_MS = 5000


def _words(choice: str) -> dict:
    return {"text": {"pull": f"Pull {choice}", "outcome": f"Outcome {choice}"},
            "kind": {"outcome": "saved" if choice.startswith("sudden") else "calm"}}


def instant_data(current: str) -> dict:
    """What ui/instant.py sends (the same keys), with words made up here."""
    return {
        "groups": [{"key": "reflex_speed_control", "options": SPEEDS}, {"key": "reflex_distance_control", "options": DISTANCES}],
        "current": current,
        "separator": "-",
        "host": "body",
        "event": "reflexchoice",
        "slot_attribute": "data-choice-slot",
        "texts": {choice: _words(choice) for choice in CHOICES},
        "pending_ms": PENDING_MS,
    }


def _instant_page(blank: Blank, current: str = "slow-small") -> None:
    blank.dom(INSTANT_DOM)
    # What the charts and the replay hear: every choice the page is told to show.
    blank.js("() => { window.__events = []; document.body.addEventListener('reflexchoice', () => window.__events.push(document.body.value)); }")
    blank.load("instant")
    blank.render("instant", instant_data(current), "#instant-root")


def _tap(blank: Blank, control: str, label: str) -> None:
    blank.page.click(f".st-key-reflex_{control}_control button:text-is('{label}')")


def test_instant_shows_the_servers_choice_on_a_render(blank):
    _instant_page(blank, "quick-medium")
    state = blank.js(INSTANT_STATE_JS)
    assert state["shown"] == "quick-medium" and state["host"] == "quick-medium"
    assert (state["pull"], state["outcome"], state["kind"]) == ("Pull quick-medium", "Outcome quick-medium", "calm")
    assert state["events"] == ["quick-medium"]
    # A change this script did not see (arrow keys, a staff jump) arrives as a render.
    blank.render("instant", instant_data("sudden-large"), "#instant-root")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["host"], state["kind"]) == ("sudden-large", "sudden-large", "saved")
    assert state["taps"] == 0


def test_instant_a_tap_is_answered_in_the_browser_before_any_render(blank):
    _instant_page(blank, "slow-small")
    _tap(blank, "speed", "Sudden")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["host"], state["pending"], state["taps"]) == ("sudden-small", "sudden-small", "sudden-small", 1)
    assert (state["pull"], state["outcome"], state["kind"]) == ("Pull sudden-small", "Outcome sudden-small", "saved")
    assert state["events"] == ["slow-small", "sudden-small"]
    # The option already shown, and a button that is no choice, change nothing.
    _tap(blank, "speed", "Sudden")
    blank.page.click("#elsewhere")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["taps"], state["events"]) == ("sudden-small", 1, ["slow-small", "sudden-small"])


def test_instant_rapid_taps_on_two_controls_end_on_the_combination_tapped(blank):
    """Speed then distance, before the server has answered either: the second tap
    builds on the choice shown (sudden-...), not on the server's (slow-...); the
    older renders still on their way (the state before, then the first tap's) do
    not undo it; the render that agrees ends the wait."""
    _instant_page(blank, "slow-small")
    _tap(blank, "speed", "Sudden")
    _tap(blank, "distance", "Large")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["host"], state["taps"]) == ("sudden-large", "sudden-large", 2)
    assert state["pull"] == "Pull sudden-large"
    for stale in ("slow-small", "sudden-small"):
        blank.run(100)
        blank.render("instant", instant_data(stale), "#instant-root")
        state = blank.js(INSTANT_STATE_JS)
        assert (state["shown"], state["host"], state["pull"]) == ("sudden-large", "sudden-large", "Pull sudden-large"), stale
    blank.render("instant", instant_data("sudden-large"), "#instant-root")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["pending"]) == ("sudden-large", None)
    assert state["events"] == ["slow-small", "sudden-small", "sudden-large", "sudden-large"]


def test_instant_the_server_wins_once_the_tap_has_waited_pending_ms(blank):
    """A tap whose rerun never came (lost, refused): after PENDING_MS a render that
    disagrees is shown, so the page never stays on a choice the server does not hold."""
    _instant_page(blank, "slow-small")
    _tap(blank, "speed", "Quick")
    blank.run(PENDING_MS - 1)
    blank.render("instant", instant_data("slow-small"), "#instant-root")
    assert blank.js(INSTANT_STATE_JS)["shown"] == "quick-small"
    blank.run(1)
    blank.render("instant", instant_data("slow-small"), "#instant-root")
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["host"], state["pending"], state["pull"]) == ("slow-small", "slow-small", None, "Pull slow-small")


def test_instant_forgets_the_choice_shown_only_when_it_leaves_the_page(blank):
    _instant_page(blank, "slow-small")
    _tap(blank, "speed", "Sudden")
    # An older render's cleanup while the component is still on the page: nothing is forgotten.
    blank.js("() => window.__test.cleanups[0]()")
    blank.run(1)
    assert blank.js(INSTANT_STATE_JS)["shown"] == "sudden-small"
    # The component leaves (another page, a kiosk reset): the next visitor starts from the server.
    blank.js("() => { document.querySelector('#instant-root').remove(); window.__test.cleanups[0](); }")
    blank.run(1)
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["pending"], state["host"]) == (None, None, None)


def test_instant_a_component_that_leaves_after_the_next_one_rendered_forgets_nothing(blank):
    """The walkthrough's level step, then its timeline step: the timeline's component renders
    before the level's has gone. The level's leaving must not forget the timeline's choice."""
    _instant_page(blank, "slow-small")
    blank.js("() => { const d = document.createElement('div'); d.id = 'next-root'; document.body.appendChild(d); }")
    blank.render("instant", {**instant_data("quick-large"), "host": "body"}, "#next-root")
    blank.js("() => { document.querySelector('#instant-root').remove(); window.__test.cleanups[0](); }")
    blank.run(1)
    state = blank.js(INSTANT_STATE_JS)
    assert (state["shown"], state["host"]) == ("quick-large", "quick-large")


# --- idle.js ----------------------------------------------------------------------------

IDLE_MS = 10_000
WARN_MS = 5_000
FALLBACK_MS = 4_000
TICK_MS = 250  # idle.js looks at the clock four times a second
HOME = "/home?lang=en&mode=kiosk"
IDLE_DOM = '<div class="st-key-idle_watch"><div id="idle-root"></div></div><button id="page-button">A page button</button>'
IDLE_STATE_JS = """() => {
  const g = window.__bseIdle, o = document.querySelector('[data-testid=idle-warning]');
  return {shown: !!o && !o.hidden, count: o ? o.querySelector('.bse-idle-count').textContent : null,
          warnings: g.warnings || 0, fired: g.fired, resets: g.serverResets, triggers: window.__test.triggers.slice(),
          focused: document.activeElement && document.activeElement.dataset.testid || null};
}"""


def idle_data(**changes) -> dict:
    """What ui/idle.py sends (the same keys), with words made up here. The
    watchdog's health check is set 27 hours apart: it has its own test."""
    data = {
        "idle_ms": IDLE_MS, "warn_ms": WARN_MS, "fallback_ms": FALLBACK_MS,
        "health_every_ms": 100_000_000, "health_url": "/_stcore/health",
        "home_url": HOME, "return_url": HOME, "boot": "boot-1", "session": "session-1", "armed": True,
        "lang": "en", "title": "Still there?", "body": "We clear the screen soon.",
        "countdown": "Clearing in {seconds} seconds.", "countdown_one": "Clearing in {seconds} second.",
        "stay": "I'm here", "wait_title": "One moment", "wait_body": "Back soon.",
        "css": (ROOT / "ui" / "idle.css").read_text(encoding="utf-8"),
    }
    data.update(changes)
    return data


def _idle_page(blank: Blank, **changes) -> None:
    blank.dom(IDLE_DOM)
    blank.load("idle")
    blank.render("idle", idle_data(**changes), "#idle-root")


def _idle(blank: Blank) -> dict:
    return blank.js(IDLE_STATE_JS)


def test_idle_countdown_warns_then_reports_expired_once(blank):
    _idle_page(blank)
    blank.run(IDLE_MS - 1)
    assert _idle(blank)["shown"] is False
    blank.run(1)
    state = _idle(blank)
    assert (state["shown"], state["count"], state["warnings"]) == (True, "Clearing in 5 seconds.", 1)
    assert state["focused"] == "idle-stay"  # the big button has the focus
    for left in (4, 3, 2):
        blank.run(1000)
        assert _idle(blank)["count"] == f"Clearing in {left} seconds."
    blank.run(1000)
    assert _idle(blank)["count"] == "Clearing in 1 second."  # the singular
    blank.run(1000 - TICK_MS)
    assert (_idle(blank)["count"], _idle(blank)["triggers"]) == ("Clearing in 1 second.", [])
    blank.run(TICK_MS)
    state = _idle(blank)
    assert state["fired"] is True
    assert state["triggers"] == [["expired", blank.start + IDLE_MS + WARN_MS]]
    assert state["warnings"] == 1  # one warning for the whole countdown
    blank.run(FALLBACK_MS)
    assert _idle(blank)["triggers"] == [["expired", blank.start + IDLE_MS + WARN_MS]]  # reported once


def test_idle_a_touch_during_the_warning_starts_the_clock_again(blank):
    _idle_page(blank)
    blank.run(IDLE_MS + 2000)
    assert _idle(blank)["shown"] is True
    blank.page.tap("[data-testid=idle-stay]")
    assert _idle(blank)["shown"] is False
    blank.run(IDLE_MS - 1)
    assert (_idle(blank)["shown"], _idle(blank)["triggers"]) == (False, [])
    blank.run(1)
    assert (_idle(blank)["shown"], _idle(blank)["warnings"]) == (True, 2)
    # A tap anywhere on the warning means "still here"; so does a touch anywhere on the page.
    blank.page.tap("[data-testid=idle-warning]", position={"x": 20, "y": 20})
    assert _idle(blank)["shown"] is False
    blank.run(IDLE_MS - 2000)
    blank.page.tap("#page-button")
    blank.run(IDLE_MS - 1)
    assert (_idle(blank)["shown"], _idle(blank)["triggers"]) == (False, [])
    blank.run(1)
    assert (_idle(blank)["shown"], _idle(blank)["warnings"]) == (True, 3)


def test_idle_a_hold_postpones_the_warning_and_a_rerun_never_restarts_the_clock(blank):
    """The self-check holds an urgent result longer (ui.idle.hold_screen): the next
    render carries the longer idle time and the warning waits for it, counted from
    the last touch; another render meanwhile (a rerun) is no touch."""
    held = 30_000
    _idle_page(blank)
    blank.run(5000)
    blank.render("idle", idle_data(idle_ms=held, warn_ms=15_000), "#idle-root")
    blank.run(IDLE_MS)  # the clinic's idle time has passed: no warning, the screen is held
    assert _idle(blank)["shown"] is False
    blank.render("idle", idle_data(idle_ms=held, warn_ms=15_000), "#idle-root")  # a rerun
    blank.run(held - IDLE_MS - 5000 - 1)
    assert _idle(blank)["shown"] is False
    blank.run(1)
    state = _idle(blank)
    assert (state["shown"], state["count"]) == (True, "Clearing in 15 seconds.")


def test_idle_disarmed_the_clock_stands_still(blank):
    """An untouched Home (armed false): no warning however long; armed again, the
    idle time starts then."""
    _idle_page(blank, armed=False)
    blank.run(10 * IDLE_MS)
    assert (_idle(blank)["shown"], _idle(blank)["warnings"], _idle(blank)["triggers"]) == (False, 0, [])
    blank.render("idle", idle_data(armed=True), "#idle-root")
    blank.run(IDLE_MS - 1)
    assert _idle(blank)["shown"] is False
    blank.run(1)
    assert _idle(blank)["shown"] is True


def test_idle_the_servers_reset_arms_the_watch_again_without_a_page_load(blank):
    _idle_page(blank)
    blank.run(IDLE_MS + WARN_MS)
    assert _idle(blank)["fired"] is True
    blank.run(1000)
    blank.render("idle", idle_data(session="session-2"), "#idle-root")  # the reset's new session
    # Gone with the render itself, not at the next tick: the next person never
    # meets "Clearing in 0 seconds" over a fresh Home.
    state = _idle(blank)
    assert (state["fired"], state["resets"], state["shown"]) == (False, 1, False)
    blank.run(TICK_MS)
    state = _idle(blank)
    assert (state["fired"], state["resets"], state["shown"]) == (False, 1, False)
    blank.run(FALLBACK_MS)
    assert blank.page.url == ORIGIN + "/"  # no fallback load after a reset
    blank.run(IDLE_MS - FALLBACK_MS - TICK_MS - 1)
    assert _idle(blank)["shown"] is False
    blank.run(1)
    assert _idle(blank)["shown"] is True


def test_idle_falls_back_to_loading_home_when_the_server_does_not_reset(blank):
    _idle_page(blank)
    blank.run(IDLE_MS + WARN_MS)
    assert _idle(blank)["triggers"] == [["expired", blank.start + IDLE_MS + WARN_MS]]
    blank.run(FALLBACK_MS)  # exactly fallback_ms after "expired": not yet
    assert blank.page.url == ORIGIN + "/"
    assert blank.js("() => sessionStorage.getItem('bse-return')") is None
    blank.run(TICK_MS)
    blank.page.wait_for_url(ORIGIN + HOME, timeout=20_000)
    assert blank.js("() => sessionStorage.getItem('bse-return')") == "fallback"
    # The next page reads why it was loaded (the page tests tell the paths apart by it).
    _idle_page(blank)
    assert blank.js("() => [window.__bseIdle.arrivedBy, sessionStorage.getItem('bse-return')]") == ["fallback", None]


def test_idle_falls_back_at_once_when_the_report_cannot_be_sent(blank):
    _idle_page(blank)
    blank.js("() => { window.__test.throwTrigger = true; }")
    blank.run(IDLE_MS + WARN_MS - 1)
    assert blank.page.url == ORIGIN + "/"
    blank.run(1)
    blank.page.wait_for_url(ORIGIN + HOME, timeout=20_000)
    assert blank.js("() => sessionStorage.getItem('bse-return')") == "fallback"


def test_idle_a_new_server_boot_goes_back_to_the_pages_return_address(blank):
    """A render from a server that restarted (another boot id): the old session is
    gone, so the page loads its return address (a staff page: itself), marked "boot"."""
    staff_page = "/desk?lang=en&mode=staff"
    _idle_page(blank, return_url=staff_page)
    blank.run(1000)
    blank.render("idle", idle_data(return_url=staff_page), "#idle-root")  # same server: nothing happens
    assert blank.page.url == ORIGIN + "/"
    blank.render("idle", idle_data(return_url=staff_page, boot="boot-2"), "#idle-root")
    blank.page.wait_for_url(ORIGIN + staff_page, timeout=20_000)
    assert blank.js("() => sessionStorage.getItem('bse-return')") == "boot"


def test_idle_stands_still_on_a_page_without_the_watch(blank):
    """Staff mode draws no kiosk watch: once its element has left the page, the
    clock stands still and nothing warns or resets."""
    _idle_page(blank)
    blank.run(IDLE_MS - 1000)
    blank.js("() => document.querySelector('.st-key-idle_watch').remove()")
    blank.run(10 * IDLE_MS)
    assert (_idle(blank)["shown"], _idle(blank)["warnings"], _idle(blank)["triggers"]) == (False, 0, [])


def test_idle_waits_out_an_outage_then_loads_home(blank):
    """Health fails: the calm "One moment" cover, no navigation; health back: Home,
    marked "watchdog". Each check is a real request: the test waits for its answer."""
    _idle_page(blank, health_every_ms=500)
    checked = "() => !window.__bseIdle.checking"
    blank.state["health"] = 503
    blank.run(500)
    blank.page.wait_for_function(checked, timeout=20_000)
    wait = "() => { const o = document.querySelector('[data-testid=outage-wait]'); return !!o && !o.hidden; }"
    assert blank.js(wait) is True
    assert blank.page.url == ORIGIN + "/"
    blank.state["health"] = 200
    blank.run(500)
    blank.page.wait_for_url(ORIGIN + HOME, timeout=20_000)
    assert blank.js("() => sessionStorage.getItem('bse-return')") == "watchdog"


# --- replay.js --------------------------------------------------------------------------

SLOWDOWN = 20
STEP_MS = 10.0
FRAMES = 11  # model time 0..100 ms, one sample every 10 ms: 2 s on screen
END_MS = STEP_MS * (FRAMES - 1)
#: Two made-up choices. A's stretch at sample i is i mm, B's 20 + i mm, so the
#: picture's pull (px_per_mm x stretch) says which sample is drawn, and of which choice.
REPLAY_A = {
    "start": 0.0, "step": STEP_MS, "end": END_MS,
    "stretch": [float(i) for i in range(FRAMES)], "free": [float(i) for i in range(FRAMES)],
    "rate": [50.0] * FRAMES, "force": [0.0] * FRAMES, "latency": 40.0, "pulse": 10.0,
    "stages": [0.0, 10.0, 30.0, 50.0, 70.0], "signals": [],
    "phases": [[0.0, "stretch"], [40.0, "tighten_strong"], [80.0, "end_saved"]],
}
REPLAY_B = {**REPLAY_A, "stretch": [20.0 + i for i in range(FRAMES)], "free": [20.0 + i for i in range(FRAMES)],
            "phases": [[0.0, "stretch"], [50.0, "tighten_calm"], [90.0, "end_calm"]]}
CAPTIONS = {"stretch": "Pulled.", "tighten_strong": "Tightens hard.", "tighten_calm": "Tightens a little.",
            "end_saved": "Saved.", "end_safe": "Safe.", "end_calm": "Calm."}
LABELS = {"watch": "Watch", "again": "Again", "next": "Next", "sound": "Sound", "ghost": "Without the reflex",
          "slowed": "20 times slower", "step": "Step {step} of {count}"}
STEP_TEXTS = ["one", "two", "three", "four", "five"]
REPLAY_DOM = """
<div class="st-key-reflex-steps">""" + "".join(
    f'<div class="st-key-reflex_stage_{n}"><button>{n}</button></div>' for n in range(1, 6)) + """</div>
<p class="reflex-step-words">five</p>
<div class="st-key-reflex-picture"><div id="replay-root"></div></div>
<div class="st-key-reflex-charts" style="height: 200px">charts</div>
"""
REPLAY_STATE_JS = """() => {
  const g = window.__bseReplay, q = s => document.querySelector(s);
  const pull = Number(q('#reflex-fig-pull').getAttribute('transform').match(/-?\\d+(\\.\\d+)?/)[0]);
  return {playing: !!g.playing, ended: !!g.ended, frames: g.frames, pull,
          caption: q('.bse-replay-caption').textContent, watch: q('.bse-replay-watch').textContent,
          step: q('.bse-replay-step').hidden ? '' : q('.bse-replay-step').textContent,
          slowed: !q('.bse-replay-slowed').hidden, stage: q('svg.reflex-figure').getAttribute('data-stage'),
          lit: [...document.querySelectorAll('.st-key-reflex-steps button[data-replay-lit=true]')].length,
          words: q('.reflex-step-words').textContent,
          cursor: document.documentElement.value === undefined ? null : document.documentElement.value,
          trace: g.trace ? g.trace.slice() : []};
}"""


def _markup() -> str:
    """The component's real HTML (ui.replay.replay_markup around the real figure)."""
    from ui.replay import replay_markup  # imports Streamlit: only where it is needed

    t = Content.load().for_language("en")
    return replay_markup(figure_svg(t, Moment(10.0, 10.0, 50.0, 0.0), 5), LABELS, "en")


@pytest.fixture(scope="module")
def markup() -> str:
    return _markup()


def replay_data(markup: str, choice: str = "slow-small", stage: int = 5) -> dict:
    """What pages/reflex.py sends (the same keys), with frames and words made up here."""
    return {
        "replays": {c: REPLAY_B if c == "sudden-large" else REPLAY_A for c in CHOICES}, "captions": CAPTIONS, "labels": LABELS,
        "desc": "A muscle.", "stage_lit": [f"Step {n} lit." for n in range(1, 6)], "step_texts": STEP_TEXTS,
        "step_text": ".reflex-step-words", "choice": choice, "stage": stage, "geometry": geometry_payload(),
        "slowdown": SLOWDOWN, "sound": False, "host": "body", "event": "reflexchoice",
        "cursor_host": "html", "cursor_event": "reflexcursor", "charts": ".st-key-reflex-charts",
        "steps_box": ".st-key-reflex-steps", "stage_button": ".st-key-reflex_stage_{n} button",
        "markup": markup, "markup_key": f"en:{stage}",
    }


def _pull(stretch_mm: float) -> float:
    return round(GEOMETRY.px_per_mm * stretch_mm, 2)


def _replay_page(blank: Blank, markup: str, choice: str = "slow-small") -> None:
    blank.dom(REPLAY_DOM)
    blank.load("replay")
    blank.render("replay", replay_data(markup, choice), "#replay-root")


def _replay(blank: Blank) -> dict:
    return blank.js(REPLAY_STATE_JS)


def _watch(blank: Blank) -> float:
    """Tap "Watch" and return the (paused) clock's time of the tap: the replay's t0."""
    t0 = blank.js("() => performance.now()")
    blank.js("() => { window.__bseReplay.trace = []; }")  # when each frame is drawn (bench/replay_frames.py reads the same)
    blank.page.click(".bse-replay-watch")
    return t0


def _expected_at(trace_ms: float, t0: float) -> float:
    """The model time a frame drawn at ``trace_ms`` shows: real time / SLOWDOWN, ended at END_MS."""
    return min((trace_ms - t0) / SLOWDOWN, END_MS)


def test_replay_still_picture_is_the_last_frame_of_the_choice_shown(blank, markup):
    _replay_page(blank, markup)
    state = _replay(blank)
    assert state["pull"] == _pull(REPLAY_A["stretch"][-1])  # the last sample, not the one before
    assert (state["caption"], state["watch"], state["stage"], state["lit"]) == ("Saved.", "Watch", "5", 0)
    assert (state["playing"], state["ended"], state["slowed"], state["step"]) == (False, False, False, "")
    # The choice the page shows (the host's value, set by instant.js) wins over the server's.
    blank.js("() => { document.body.value = 'sudden-large'; }")
    blank.render("replay", replay_data(markup, "slow-small", stage=3), "#replay-root")
    state = _replay(blank)
    assert (state["pull"], state["caption"], state["stage"], state["words"]) == (_pull(REPLAY_B["stretch"][-1]), "Calm.", "3", "three")


def test_replay_draws_the_sample_of_each_moment_and_ends_on_the_last(blank, markup):
    _replay_page(blank, markup)
    t0 = _watch(blank)
    state = _replay(blank)
    assert (state["playing"], state["pull"], state["caption"], state["slowed"], state["watch"]) == (True, 0.0, "Pulled.", True, "Again")
    assert state["lit"] == 1  # stage 1 starts at model time 0
    # The charts' cursor moves only while the charts are on screen (an observer says so).
    blank.page.wait_for_function("() => window.__bseReplay.chartsVisible", timeout=20_000)
    captions = {"stretch": "Pulled.", "tighten_strong": "Tightens hard.", "end_saved": "Saved."}
    for real_ms in (130, 470, 810, 1200, 1590):
        blank.run(real_ms - int(blank.js("() => performance.now()") - t0))
        state = _replay(blank)
        tm = _expected_at(state["trace"][-1], t0)
        assert 0 < tm < END_MS
        assert state["pull"] == pytest.approx(_pull(tm / STEP_MS), abs=0.006), real_ms  # sample i at i x 10 ms
        phase = "stretch" if tm < 40 else "tighten_strong" if tm < 80 else "end_saved"
        assert state["caption"] == captions[phase], real_ms
        assert state["lit"] == sum(1 for at in REPLAY_A["stages"] if tm >= at), real_ms
        assert state["cursor"] == pytest.approx(tm), real_ms
        assert state["frames"] == len(state["trace"])
    blank.run(int(END_MS * SLOWDOWN - (blank.js("() => performance.now()") - t0)) + 100)
    state = _replay(blank)
    # Ended: nothing moves any more, so "Slowed down" goes (the last frame stays).
    assert (state["playing"], state["ended"], state["watch"], state["slowed"]) == (False, True, "Again", False)
    assert state["pull"] == _pull(REPLAY_A["stretch"][-1]) and state["caption"] == "Saved."
    trace = state["trace"]
    # It stops on the first frame at or after the end: none before it showed the end, none after.
    assert trace[-1] - t0 >= END_MS * SLOWDOWN > trace[-2] - t0
    frames = state["frames"]
    blank.run(1000)
    assert _replay(blank)["frames"] == frames


def test_replay_again_starts_from_the_first_frame(blank, markup):
    _replay_page(blank, markup)
    _watch(blank)
    blank.run(int(END_MS * SLOWDOWN) + 50)
    assert _replay(blank)["ended"] is True
    t0 = _watch(blank)
    state = _replay(blank)
    assert (state["playing"], state["ended"], state["frames"], state["pull"], state["caption"]) == (True, False, 0, 0.0, "Pulled.")
    blank.run(400)
    state = _replay(blank)
    assert state["pull"] == pytest.approx(_pull(_expected_at(state["trace"][-1], t0) / STEP_MS), abs=0.006)
    assert 0 < state["pull"] < _pull(3)
    blank.run(int(END_MS * SLOWDOWN))
    assert _replay(blank)["ended"] is True


def test_replay_a_tap_on_another_choice_mid_replay_stops_it_on_that_choice(blank, markup):
    """Both scripts together, as on /reflex: a tap on the controls (instant.js)
    changes the host's value; the replay stops at once and shows that choice's
    last frame, with no lit stage buttons and no cursor left on the charts."""
    blank.dom(INSTANT_DOM + REPLAY_DOM)
    blank.js("() => { window.__events = []; }")
    blank.load("instant")
    blank.load("replay")
    blank.render("instant", instant_data("slow-small"), "#instant-root")
    blank.render("replay", replay_data(markup), "#replay-root")
    _watch(blank)
    blank.page.wait_for_function("() => window.__bseReplay.chartsVisible", timeout=20_000)
    blank.run(600)
    assert _replay(blank)["playing"] is True and _replay(blank)["lit"] >= 2
    _tap(blank, "speed", "Sudden")
    assert _replay(blank)["playing"] is False  # stopped by the first tap
    _tap(blank, "distance", "Large")
    state = _replay(blank)
    assert (state["playing"], state["ended"], state["pull"], state["caption"]) == (False, False, _pull(REPLAY_B["stretch"][-1]), "Calm.")
    assert (state["lit"], state["slowed"], state["watch"], state["cursor"]) == (0, False, "Watch", -1)
    frames = state["frames"]
    blank.run(500)
    assert _replay(blank)["frames"] == frames


def test_replay_a_render_mid_replay_stops_it_only_when_it_changes_what_is_shown(blank, markup):
    _replay_page(blank, markup)
    _watch(blank)
    blank.run(500)
    blank.render("replay", replay_data(markup), "#replay-root")  # a rerun for something else
    assert _replay(blank)["playing"] is True
    blank.run(100)
    blank.render("replay", replay_data(markup, stage=2), "#replay-root")  # another stage tapped
    state = _replay(blank)
    assert (state["playing"], state["stage"], state["pull"]) == (False, "2", _pull(REPLAY_A["stretch"][-1]))


def test_replay_reduced_motion_steps_through_the_phases_one_tap_each(blank, markup):
    blank.page.emulate_media(reduced_motion="reduce")
    _replay_page(blank, markup)
    # Each step shows the last sample of its phase (phases start at 0, 40 and 80 ms).
    steps = [(_pull(3), "Pulled.", "Step 1 of 3", "Next"), (_pull(7), "Tightens hard.", "Step 2 of 3", "Next"),
             (_pull(10), "Saved.", "Step 3 of 3", "Again"), (_pull(3), "Pulled.", "Step 1 of 3", "Next")]
    for number, expected in enumerate(steps, start=1):
        blank.page.click(".bse-replay-watch")
        state = _replay(blank)
        assert (state["pull"], state["caption"], state["step"], state["watch"]) == expected, number
        assert state["playing"] is False and state["frames"] == 0  # nothing moves by itself
        blank.run(1000)
        assert _replay(blank)["pull"] == expected[0]


# --- first_paint.js ---------------------------------------------------------------------

STEP_DOM = """
<div data-testid="stApp" data-test-script-state="notRunning">
  <div data-testid="stMain">
    <div class="st-key-walk-head"><h2>Step 1</h2></div>
    <div class="st-key-walk-body" style="height: 300px">body</div>
    <div class="st-key-walk_next"><button>Next</button></div>
    <button id="other">Other</button>
  </div>
</div>
"""
FRAME_MS = 16
STEP_STATE_JS = "() => [document.documentElement.hasAttribute('data-bse-step-change'), window.__bseStepChange.ended]"


def _first_paint(blank: Blank, dom: str) -> None:
    blank.dom(dom)
    blank.page.add_script_tag(content=(ROOT / "ui" / "first_paint.js").read_text(encoding="utf-8"))


def _to_frame(blank: Blank) -> None:
    """Run the clock to a frame's time: from there each run(FRAME_MS) draws exactly
    one frame, at its end (the fake clock's frames fall every 16 ms)."""
    blank.js("() => { requestAnimationFrame(t => { window.__frameAt = t; }); }")
    blank.run(FRAME_MS)
    behind = blank.js("() => performance.now() - window.__frameAt")
    if behind:
        blank.run(FRAME_MS - behind)


def test_step_change_waits_for_the_new_heading_the_run_and_a_still_height(blank):
    _first_paint(blank, STEP_DOM)
    _to_frame(blank)
    blank.page.click("#other")  # not Back, Next or Start again: nothing waits
    assert blank.js(STEP_STATE_JS) == [False, ""]
    blank.page.click(".st-key-walk_next button")
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.run(30 * FRAME_MS)  # the old step still there
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.js("""() => { document.querySelector('[data-testid=stApp]').dataset.testScriptState = 'running';
                        document.querySelector('.st-key-walk-head h2').textContent = 'Step 2'; }""")
    blank.run(30 * FRAME_MS)  # new heading, run not ended
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.js("""() => { document.querySelector('[data-testid=stApp]').dataset.testScriptState = 'notRunning';
                        const s = document.createElement('div'); s.dataset.testid = 'stSkeleton'; s.id = 'skel';
                        document.querySelector('[data-testid=stMain]').append(s); }""")
    blank.run(30 * FRAME_MS)  # run ended, an element still a placeholder
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.js("() => document.querySelector('#skel').remove()")
    for height in range(320, 520, 20):  # a chart drawn after the run: the height still changes
        blank.js("h => { document.querySelector('.st-key-walk-body').style.height = h + 'px'; }", height)
        blank.run(FRAME_MS)  # one frame, which sees the new height
        assert blank.js(STEP_STATE_JS) == [True, ""], height
    blank.run(3 * FRAME_MS - 1)  # two frames with the height unchanged
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.run(1)  # the third
    assert blank.js(STEP_STATE_JS) == [False, "drawn"]


def test_step_change_shows_the_page_after_four_seconds_whatever_happens(blank):
    _first_paint(blank, STEP_DOM)
    blank.page.click(".st-key-walk_next button")
    blank.run(4000 - 1)
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.run(1)
    assert blank.js(STEP_STATE_JS) == [False, "timeout"]
    # A new tap waits again, and its own four seconds.
    blank.page.click(".st-key-walk_next button")
    blank.run(2000)
    blank.page.click(".st-key-walk_next button")
    blank.run(4000 - 1)
    assert blank.js(STEP_STATE_JS) == [True, ""]
    blank.run(1)
    assert blank.js(STEP_STATE_JS) == [False, "timeout"]


PLACEHOLDER_DOM = """
<div data-testid="stVerticalBlock">
  <div id="above">above</div>
  <div id="slot"><div data-testid="stSkeleton"></div></div>
  <div id="below">below</div>
  <div id="further">further</div>
</div>
<div data-testid="stVerticalBlock"><div class="st-key-idle_watch"><div data-testid="stSkeleton"></div></div><div id="after-watch">x</div></div>
"""
WAITING_JS = "() => [...document.querySelectorAll('[data-bse-wait]')].map(e => e.id)"


def test_placeholder_holds_back_what_follows_it_until_drawn_or_three_seconds(blank):
    _first_paint(blank, "")
    blank.dom(PLACEHOLDER_DOM)
    # What follows a placeholder waits; what is above it, and what follows a
    # component that draws nothing, does not.
    assert blank.js(WAITING_JS) == ["below", "further"]
    blank.js("() => { document.querySelector('#slot').innerHTML = '<p>drawn</p>'; }")
    assert blank.js(WAITING_JS) == []
    blank.js("() => { document.querySelector('#slot').innerHTML = '<div data-testid=\"stSkeleton\"></div>'; }")
    assert blank.js(WAITING_JS) == ["below", "further"]
    blank.run(3000)
    assert blank.js(WAITING_JS) == ["below", "further"]
    blank.run(50 + 1)  # a placeholder never holds the page back longer than 3 s
    assert blank.js(WAITING_JS) == []
